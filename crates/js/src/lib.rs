//! The one place wxemu touches boa_engine directly: JavaScript contexts with runtime limits,
//! CommonJS modules loaded from package files (`require`, `module.exports`, cycles handled
//! like Node), and script errors turned into messages with `file:line:col`.
//!
//! Both JS contexts of a running mini-program use it: the view layer's WXS context and the
//! logic layer's AppService context.

pub use boa_engine;

pub mod intl;
pub mod json;
pub mod random;
pub mod turn;
mod wx_uses;
pub use wx_uses::{wx_uses, WxUse};

use boa_engine::builtins::promise::Promise;
use boa_engine::builtins::promise::{OperationType, PromiseState};
use boa_engine::context::{ContextBuilder, HostHooks};
use boa_engine::object::builtins::JsPromise;
use boa_engine::object::JsObject;
use boa_engine::{Context, JsError, JsNativeError, JsResult, JsString, JsValue, NativeFunction, Source};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use wxemu_package::{FileError, Pos};

/// Reads a package file by its root-relative path (through the package's sandbox).
pub type ReadFile = Box<dyn Fn(&str) -> Result<String, FileError>>;

/// Finds the root-relative file a `require(path)` from `from` names; `exists` tells whether a
/// candidate file is there.
pub type Resolve = Box<dyn Fn(&str, &str, &dyn Fn(&str) -> bool) -> Option<String>>;

/// Where a place in a file that runs compiled (an ES module, TypeScript) came from: the file
/// the user wrote and the place in it; `None` for files that run as written.
pub type Locate = Box<dyn Fn(&str, Pos) -> Option<(String, Pos)>>;

/// The context's [`Locate`], set by [`locate_errors_with`].
struct Located(Locate);

/// Errors described from now on ([`describe`]) name the place the user wrote, through
/// `locate`.
pub fn locate_errors_with(context: &mut Context, locate: Locate) {
    context.insert_data(Located(locate));
}

/// What the module natives need, kept in the context's host data.
struct Modules {
    read: ReadFile,
    resolve: Resolve,
}

/// The module system's `require(from, path)`, kept by the host: no script can reach it, or
/// the natives behind it, except through the `require` each module is given.
struct RequireFunction(JsObject);

/// The JS half of the module system: one cache, Node's cycle behaviour (a module required
/// while it runs yields its exports so far), and `require.async(path)` — the platform's
/// subpackage async require — as a Promise of the module (rejected with `{ mod, errMsg }`).
/// It is a function of the natives that returns `require(from, path)`, so nothing of it is
/// a global.
const MODULES_JS: &str = r#"
(function (source, resolve, compile) {
  var modules = Object.create(null);
  function load(from, path) {
    var full = resolve(from, path);
    var cached = modules[full];
    if (cached) return cached.exports;
    var module = { exports: {}, id: full };
    modules[full] = module;
    var require = function require(p) { return load(full, p); };
    require.async = function (p) {
      return new Promise(function (done, failed) {
        try { done(load(full, p)); } catch (e) { failed({ mod: String(p), errMsg: String(e && e.message || e) }); }
      });
    };
    try {
      compile(full, source(full)).call(module.exports, module, module.exports, require);
    } catch (e) {
      delete modules[full];
      throw e;
    }
    return module.exports;
  }
  return load;
})
"#;

/// The wrapper that turns a file's code into a CommonJS factory. It adds no line, so
/// positions in the file stay right (only columns on its first line shift). It is a comma
/// expression, not a parenthesized one: boa's parser copies the whole tree of a
/// parenthesized expression, which would parse every file twice over.
pub const WRAP_START: &str = "0, function (module, exports, require) {";
const WRAP_END: &str = "\n}";

/// A context with runtime limits that stop runaway scripts (`while (true) {}`, unbounded
/// recursion) with an error instead of hanging the emulator, and that keeps track of
/// promises rejected without a handler (see [`take_unhandled_rejections`]).
pub fn new_context(loop_iteration_limit: u64) -> Context {
    new_context_on(loop_iteration_limit, Rc::new(AppClock::default()))
}

/// [`new_context`] whose `Date` reads `clock` (and whose `Math.random` is seeded by its start).
pub fn new_context_on(loop_iteration_limit: u64, clock: Rc<AppClock>) -> Context {
    let tracker = Rc::new(RejectionTracker::default());
    let seed = clock.wall_ms() as u64;
    let mut context = ContextBuilder::new().host_hooks(tracker.clone()).clock(clock).build().expect("a default context builds");
    context.insert_data(tracker);
    json::install(&mut context);
    intl::install(&mut context);
    random::install(&mut context, seed);
    context.runtime_limits_mut().set_loop_iteration_limit(loop_iteration_limit);
    context.runtime_limits_mut().set_recursion_limit(RECURSION_LIMIT);
    context
}

/// How deep calls may nest before a script is stopped as runaway recursion.
pub const RECURSION_LIMIT: usize = 1_000;

/// What `Date` sees in a context: a start instant plus the runner's clock (virtual in
/// headless runs), in China Standard Time (UTC+8), where WeChat's users are — the same on
/// every machine, so runs are repeatable.
#[derive(Debug)]
pub struct AppClock {
    /// The start, in ms since the Unix epoch.
    start: i64,
    /// How long the app has run, in ms.
    elapsed: std::cell::Cell<u64>,
}

/// UTC+8.
pub const UTC_OFFSET_SECONDS: i32 = 8 * 3600;

/// The default start: 2026-01-01 09:00 in UTC+8.
pub const DEFAULT_START: i64 = 1_767_229_200_000;

impl Default for AppClock {
    fn default() -> AppClock {
        AppClock::starting_at(DEFAULT_START)
    }
}

impl AppClock {
    /// A clock that reads `start` (ms since the Unix epoch) until it is moved on.
    pub fn starting_at(start: i64) -> AppClock {
        AppClock { start, elapsed: std::cell::Cell::new(0) }
    }

    /// The app has now run for `elapsed` ms.
    pub fn set(&self, elapsed: u64) {
        self.elapsed.set(elapsed);
    }

    /// The time it reads, in ms since the Unix epoch.
    pub fn wall_ms(&self) -> i64 {
        self.start + self.elapsed.get() as i64
    }
}

impl boa_engine::context::Clock for AppClock {
    fn now(&self) -> boa_engine::context::time::JsInstant {
        let ms = self.elapsed.get();
        boa_engine::context::time::JsInstant::new(ms / 1000, ((ms % 1000) * 1_000_000) as u32)
    }

    fn system_time_millis(&self) -> i64 {
        self.wall_ms()
    }
}

/// The most promise reactions (`.then` callbacks, `await` resumptions) one turn may run: a
/// chain that never ends is stopped there instead of filling the memory.
pub const REACTIONS_PER_TURN: u64 = 200_000;

/// What the engine tells the host as it runs: promises rejected with no handler attached
/// yet, and the promise reactions run this turn.
#[derive(Default)]
struct RejectionTracker {
    pending: RefCell<Vec<JsObject<Promise>>>,
    reactions: std::cell::Cell<u64>,
}

impl HostHooks for RejectionTracker {
    fn call_job_callback(&self, job: &boa_engine::job::JobCallback, this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let count = self.reactions.get() + 1;
        self.reactions.set(count);
        if count > REACTIONS_PER_TURN {
            let message = format!("the job queue did not drain: more than {REACTIONS_PER_TURN} promise reactions in one turn (a Promise chain that never ends?); the rest were stopped");
            return Err(boa_engine::JsNativeError::range().with_message(message).into());
        }
        job.callback().call(this, args, context)
    }

    fn local_timezone_offset_seconds(&self, _: i64) -> i32 {
        UTC_OFFSET_SECONDS
    }

    fn promise_rejection_tracker(&self, promise: &JsObject<Promise>, operation: OperationType, _: &mut Context) {
        let mut pending = self.pending.borrow_mut();
        match operation {
            OperationType::Reject => pending.push(promise.clone()),
            OperationType::Handle => pending.retain(|p| !JsObject::equals(p, promise)),
        }
    }
}

/// A new turn of the host's event loop begins: the promise reactions are counted afresh.
pub fn start_turn(context: &Context) {
    if let Some(tracker) = context.get_data::<Rc<RejectionTracker>>() {
        tracker.reactions.set(0);
    }
}

/// The promises still rejected without a handler, with their reasons; call it once the job
/// queue has run, as hosts report unhandled rejections after the microtasks.
pub fn take_unhandled_rejections(context: &mut Context) -> Vec<(JsValue, JsValue)> {
    let Some(tracker) = context.get_data::<Rc<RejectionTracker>>() else { return Vec::new() };
    let pending = std::mem::take(&mut *tracker.pending.borrow_mut());
    pending
        .into_iter()
        .filter_map(|promise| {
            let object = promise.upcast();
            match JsPromise::from_object(object.clone()).ok()?.state() {
                PromiseState::Rejected(reason) => Some((reason, JsValue::from(object))),
                _ => None,
            }
        })
        .collect()
}

/// Installs the module system over package files read with `read`, resolving paths with
/// `resolve`. Nothing is added to the global object: [`require`] reaches it.
pub fn install_modules(context: &mut Context, read: ReadFile, resolve: Resolve) {
    context.insert_data(Modules { read, resolve });
    let natives: Vec<JsValue> = [source as fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>, resolve_native, compile]
        .into_iter()
        .map(|f| NativeFunction::from_fn_ptr(f).to_js_function(context.realm()).into())
        .collect();
    let factory = context.eval(Source::from_bytes(MODULES_JS)).expect("the module system is valid JavaScript");
    let load = factory.as_callable().expect("a function literal").call(&JsValue::undefined(), &natives, context).expect("the module system starts");
    context.insert_data(RequireFunction(load.as_object().expect("a function").clone()));
}

/// The module system's `require(from, path)` as a function value, for a host that passes it
/// to code it trusts (the framework's page loader).
pub fn require_function(context: &Context) -> JsValue {
    JsValue::from(context.get_data::<RequireFunction>().expect("install_modules ran").0.clone())
}

/// `require(path)` as if from the file `from` (root-relative; "" for the package root).
pub fn require(context: &mut Context, from: &str, path: &str) -> JsResult<JsValue> {
    let load = require_function(context);
    let load = load.as_callable().expect("a function");
    load.call(&JsValue::undefined(), &[JsValue::from(JsString::from(from)), JsValue::from(JsString::from(path))], context)
}

/// Runs code that sits inside another file at `pos` (an inline `<wxs>` in a WXML file) as a
/// CommonJS module; `require` resolves from `file`. Returns `module.exports`.
pub fn run_inline_module(context: &mut Context, file: &str, code: &str, pos: Pos) -> JsResult<JsValue> {
    check_nesting(code, file, pos.line)?;
    let padded = format!("{}{WRAP_START}{code}{WRAP_END}", "\n".repeat(pos.line.saturating_sub(1) as usize));
    let factory = context.eval(Source::from_bytes(&padded).with_path(Path::new(file)))?;
    let runner = context.eval(Source::from_bytes(
        "(function (factory, from, load) { var module = { exports: {} }; factory.call(module.exports, module, module.exports, function require(p) { return load(from, p); }); return module.exports; })",
    ))?;
    let runner = runner.as_callable().expect("function literal");
    let load = require_function(context);
    runner.call(&JsValue::undefined(), &[factory, JsValue::from(JsString::from(file)), load], context)
}

/// A script error as the platform would report it: the message, and the innermost place in a
/// package file where it happened, when the engine knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    /// `TypeError: …` for native errors, the thrown value's text otherwise.
    pub message: String,
    /// The root-relative file of the innermost frame that has one.
    pub file: Option<String>,
    pub pos: Option<Pos>,
}

impl ScriptError {
    /// `file:line:col` of the error, or the given fallback file when the engine gave none.
    pub fn location(&self, fallback_file: &str) -> (String, Pos) {
        (self.file.clone().unwrap_or_else(|| fallback_file.to_string()), self.pos.unwrap_or(Pos::START))
    }
}

/// Describes a thrown error, locating it from the engine's backtrace (innermost frame with a
/// file) or, for syntax errors, from the parser's `line L, col C`.
pub fn describe(error: &JsError, context: &mut Context) -> ScriptError {
    let full = error.to_string();
    let message = match error.try_native(context) {
        Ok(native) if native.message().is_empty() => native.kind().to_string(),
        Ok(native) => format!("{}: {}", native.kind(), native.message()),
        Err(_) => full.lines().next().unwrap_or_default().to_string(),
    };
    let (message, syntax_at) = split_syntax_position(message);
    let (file, pos) = match syntax_at {
        // A file that failed to parse has no frame: the position is in the message.
        Some((file, pos)) => (file.or_else(|| locate_stack(&full).map(|f| f.0)), Some(pos)),
        None => locate_stack(&full).map_or((None, None), |(f, p)| (Some(f), Some(p))),
    };
    let written = match (&file, pos, context.get_data::<Located>()) {
        (Some(file), Some(pos), Some(Located(locate))) => locate(file, pos),
        _ => None,
    };
    let (file, pos) = written.map_or((file, pos), |(f, p)| (Some(f), Some(p)));
    ScriptError { message, file, pos }
}

/// Describes a thrown or rejected value: [`describe`], and for an Error object that no
/// longer has its backtrace (a promise's rejection reason) the place its `stack` recorded
/// when it was made.
pub fn describe_value(value: &JsValue, context: &mut Context) -> ScriptError {
    let mut error = describe(&JsError::from_opaque(value.clone()), context);
    if error.file.is_none() {
        let stack = value.as_object().and_then(|o| o.get(JsString::from("stack"), context).ok()).and_then(|s| s.as_string().map(|s| s.to_std_string_escaped()));
        if let Some((file, pos)) = stack.as_deref().and_then(locate_stack) {
            let written = context.get_data::<Located>().and_then(|Located(locate)| locate(&file, pos));
            let (file, pos) = written.unwrap_or((file, pos));
            (error.file, error.pos) = (Some(file), Some(pos));
        }
    }
    error
}

/// The innermost place in a package file named by a backtrace (`    at f (file:L:C)` lines).
fn locate_stack(stack: &str) -> Option<(String, Pos)> {
    stack.lines().find_map(frame_location)
}

/// `    at name (file:L:C)` → the file and position, for frames in a real file.
fn frame_location(line: &str) -> Option<(String, Pos)> {
    let inner = line.trim().strip_prefix("at ")?;
    let inner = inner[inner.rfind('(')? + 1..].strip_suffix(')')?;
    if inner.starts_with("unknown") || inner == "native" {
        return None;
    }
    let mut parts = inner.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let file = parts.next().filter(|f| !f.is_empty())?;
    Some((file.to_string(), Pos { line, col }))
}

/// Syntax errors carry `at line L, col C` in their message, followed by ` in FILE` when
/// the module system's `compile` parsed the file: take them out as the location.
fn split_syntax_position(message: String) -> (String, Option<(Option<String>, Pos)>) {
    let Some(at) = message.rfind(" at line ") else { return (message, None) };
    let rest = &message[at + " at line ".len()..];
    let (numbers, file) = match rest.split_once(" in ") {
        Some((numbers, file)) => (numbers, Some(file.to_string())),
        None => (rest, None),
    };
    let mut nums = numbers.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty());
    let pos = (|| Some(Pos { line: nums.next()?.parse().ok()?, col: nums.next()?.parse().ok()? }))();
    match pos {
        Some(pos) => (message[..at].to_string(), Some((file, pos))),
        None => (message, None),
    }
}

fn arg_string(args: &[JsValue], i: usize, context: &mut Context) -> JsResult<String> {
    Ok(args.get(i).cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped())
}

fn thrown(message: String) -> JsError {
    JsError::from_opaque(JsValue::from(JsString::from(message.as_str())))
}

fn modules(context: &Context) -> &Modules {
    context.get_data::<Modules>().expect("install_modules ran")
}

/// `source(path)`: a file's text.
fn source(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = arg_string(args, 0, context)?;
    match (modules(context).read)(&path) {
        Ok(text) => Ok(JsValue::from(JsString::from(text.as_str()))),
        Err(FileError::Missing) => Err(thrown(format!("module `{path}` not found"))),
        // Said as the engine says its own syntax errors, so it is located the same way.
        Err(FileError::Invalid { file, pos, message }) => Err(JsNativeError::syntax().with_message(format!("{message} at line {}, col {} in {file}", pos.line, pos.col)).into()),
        Err(e) => Err(thrown(e.describe(&path))),
    }
}

/// `resolve(from, path)`: the file a `require` names.
fn resolve_native(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let from = arg_string(args, 0, context)?;
    let path = arg_string(args, 1, context)?;
    let m = modules(context);
    // A file that is there but cannot be used (not UTF-8, or out of the package) is found,
    // then reported.
    let exists = |p: &str| (m.read)(p) != Err(FileError::Missing);
    match (m.resolve)(&from, &path, &exists) {
        Some(found) => Ok(JsValue::from(JsString::from(found.as_str()))),
        None => Err(thrown(format!("module `{path}` is not defined (required from `{from}`)"))),
    }
}

/// The deepest brackets, braces and parentheses may nest in a script: far beyond what code
/// people write, well within what the engine's parser takes.
pub const MAX_NESTING: usize = 1_000;

/// Where `code` first nests brackets deeper than [`MAX_NESTING`], outside strings, comments
/// and regular expressions (told from division by what comes before, as a tokenizer does).
pub fn too_deep(code: &str) -> Option<Pos> {
    #[derive(PartialEq)]
    enum In {
        Code,
        Quote(char),
        Template,
        LineComment,
        BlockComment,
        Regex { class: bool },
    }
    let mut state = In::Code;
    // Open brackets; `$` marks a template's `${`, whose `}` goes back into the template.
    let mut open: Vec<char> = Vec::new();
    let (mut pos, mut escaped, mut before) = (Pos::START, false, '(');
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        let here = pos;
        pos = pos.advance(c.encode_utf8(&mut [0; 4]));
        if escaped {
            escaped = false;
            continue;
        }
        match &mut state {
            In::LineComment => {
                if c == '\n' {
                    state = In::Code
                }
            }
            In::BlockComment => {
                if c == '*' && chars.peek() == Some(&'/') {
                    chars.next();
                    pos = pos.advance("/");
                    state = In::Code
                }
            }
            In::Quote(q) => match c {
                '\\' => escaped = true,
                '\n' => state = In::Code,
                _ if c == *q => state = In::Code,
                _ => {}
            },
            In::Regex { class } => match c {
                '\\' => escaped = true,
                '[' => *class = true,
                ']' => *class = false,
                '/' if !*class => {
                    state = In::Code;
                    before = 'a'
                }
                '\n' => state = In::Code,
                _ => {}
            },
            In::Template => match c {
                '\\' => escaped = true,
                '`' => {
                    state = In::Code;
                    before = 'a'
                }
                '$' if chars.peek() == Some(&'{') => {
                    chars.next();
                    pos = pos.advance("{");
                    open.push('$');
                    state = In::Code;
                    before = '(';
                    if open.len() > MAX_NESTING {
                        return Some(here);
                    }
                }
                _ => {}
            },
            In::Code => {
                match c {
                    '\'' | '"' => state = In::Quote(c),
                    '`' => state = In::Template,
                    '/' if chars.peek() == Some(&'/') => state = In::LineComment,
                    '/' if chars.peek() == Some(&'*') => state = In::BlockComment,
                    // After an operator or an opening, a slash starts a regular expression.
                    '/' if "(,=:[!&|?{};+-*%<>~^".contains(before) => state = In::Regex { class: false },
                    '(' | '[' | '{' => {
                        open.push(c);
                        if open.len() > MAX_NESTING {
                            return Some(here);
                        }
                    }
                    ')' | ']' => {
                        open.pop();
                    }
                    '}' => {
                        // The `}` of a `${…}` goes back into the template literal.
                        let closed = open.pop();
                        if closed == Some('$') {
                            state = In::Template;
                        }
                    }
                    _ => {}
                }
                if !c.is_whitespace() && state == In::Code {
                    before = c;
                }
            }
        }
    }
    None
}

/// A syntax error, located as the parser's are, when `code` (starting at line `first_line`
/// of `file`) nests past [`MAX_NESTING`].
fn check_nesting(code: &str, file: &str, first_line: u32) -> JsResult<()> {
    match too_deep(code) {
        Some(at) => {
            let message = format!("brackets nested deeper than {MAX_NESTING} levels at line {}, col {} in {file}", first_line + at.line - 1, at.col);
            Err(JsError::from_native(boa_engine::JsNativeError::syntax().with_message(message)))
        }
        None => Ok(()),
    }
}

/// `compile(path, code)`: a file's code as a CommonJS factory, compiled with its path
/// so runtime errors name the file; a syntax error names it in its message.
fn compile(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = arg_string(args, 0, context)?;
    let code = arg_string(args, 1, context)?;
    check_nesting(&code, &path, 1)?;
    let wrapped = format!("{WRAP_START}{code}{WRAP_END}");
    context.eval(Source::from_bytes(&wrapped).with_path(Path::new(&path))).map_err(|e| match e.try_native(context) {
        Ok(native) if native.kind().to_string() == "SyntaxError" => {
            let message = native.message().trim_end_matches(" (native)");
            let (text, at) = split_syntax_position(message.to_string());
            // Past the end of the code means the wrapper's closing `}`: the file ended early,
            // and what the parser says of the wrapper's tokens would only puzzle.
            let end = Pos::START.advance(&code);
            let (text, pos) = match at.map(|(_, p)| p).filter(|p| p.line < end.line || (p.line == end.line && p.col <= end.col)) {
                Some(pos) => (text, pos),
                None => ("unexpected end of the file: a bracket, parenthesis, brace or string is left open".to_string(), end),
            };
            let message = format!("{text} at line {}, col {} in {path}", pos.line, pos.col);
            JsError::from_native(boa_engine::JsNativeError::syntax().with_message(message))
        }
        _ => e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use boa_engine::js_string;
    use std::collections::HashMap;

    fn relative(from: &str, path: &str, exists: &dyn Fn(&str) -> bool) -> Option<String> {
        let p = wxemu_package::resolve_path(from, path);
        [p.clone(), format!("{p}.js")].into_iter().find(|c| exists(c))
    }

    fn context_with(files: &[(&str, &str)]) -> Context {
        let files: HashMap<String, String> = files.iter().map(|(p, s)| (p.to_string(), s.to_string())).collect();
        let mut context = new_context(1_000_000);
        install_modules(&mut context, Box::new(move |p| files.get(p).cloned().ok_or(FileError::Missing)), Box::new(relative));
        context
    }

    #[test]
    fn require_async_gives_a_promise_of_the_module() {
        let mut context =
            context_with(&[("a.js", "require.async('./b').then(b => { globalThis.got = b.x }); require.async('./missing').catch(e => { globalThis.failed = e.mod })"), ("b.js", "exports.x = 5")]);
        require(&mut context, "", "a").unwrap();
        context.run_jobs().unwrap();
        let got = context.eval(Source::from_bytes("[globalThis.got, globalThis.failed].join('|')")).unwrap();
        assert_eq!(got.to_string(&mut context).unwrap().to_std_string_escaped(), "5|./missing");
    }

    #[test]
    fn modules_are_cached_and_cycles_see_partial_exports() {
        let mut context = context_with(&[
            ("a.js", "exports.early = 1; var b = require('./b'); exports.fromB = b.sawEarly; exports.count = (globalThis.n = (globalThis.n || 0) + 1);"),
            ("b.js", "var a = require('./a.js'); exports.sawEarly = a.early;"),
        ]);
        let a = require(&mut context, "", "./a").unwrap();
        let again = require(&mut context, "", "a.js").unwrap();
        let a = a.as_object().unwrap();
        assert_eq!(a.get(js_string!("fromB"), &mut context).unwrap().as_number(), Some(1.0));
        assert_eq!(again.as_object().unwrap().get(js_string!("count"), &mut context).unwrap().as_number(), Some(1.0));
    }

    #[test]
    fn the_annex_b_built_ins_apps_use_are_there() {
        let mut context = new_context(1_000_000);
        let got = context.eval(Source::from_bytes("['abcdef'.substr(1, 2), 'abc'.substr(-2), escape('a b&'), unescape('%u4F60'), 'x'.anchor('y'), typeof Date.prototype.getYear].join('|')")).unwrap();
        assert_eq!(got.to_string(&mut context).unwrap().to_std_string_escaped(), "bc|bc|a%20b%26|你|<a name=\"y\">x</a>|function");
    }

    /// boa 0.22 gives an arrow inside an arrow the wrong `this` when the function around
    /// them declares no `var`; the build (crates/build) compiles such arrows to functions.
    /// When this test fails, boa is fixed and that step can go.
    #[test]
    fn boa_still_gives_nested_arrows_the_wrong_this() {
        let mut context = new_context(1_000_000);
        let with_var = "var o = { f() { return 7 }, m() { var out; [1].forEach(() => { [2].forEach(() => { out = this.f() }) }); return out } }; o.m()";
        assert_eq!(context.eval(Source::from_bytes(with_var)).unwrap().as_number(), Some(7.0));
        let without = "var p = { f() { return 7 }, m() { let out; [1].forEach(() => { [2].forEach(() => { out = this.f() }) }); return out } }; p.m()";
        let error = context.eval(Source::from_bytes(without)).unwrap_err();
        assert!(error.to_string().starts_with("TypeError: not a callable function"), "{error}");
    }

    #[test]
    fn runtime_errors_name_the_innermost_file_line_and_column() {
        let mut context = context_with(&[("lib/x.js", "\n\nfunction f() { return null.y; }\nmodule.exports = f();"), ("page.js", "require('./lib/x')")]);
        let err = require(&mut context, "", "page").unwrap_err();
        let described = describe(&err, &mut context);
        assert_eq!(described.file.as_deref(), Some("lib/x.js"));
        assert_eq!(described.pos, Some(Pos { line: 3, col: 28 }));
        assert_eq!(described.message, "TypeError: cannot convert 'null' or 'undefined' to object");
    }

    #[test]
    fn syntax_errors_name_the_file_that_failed_to_parse() {
        let mut context = context_with(&[("bad.js", "var a = 1;\nvar = 2;"), ("page.js", "\nrequire('./bad')")]);
        let err = require(&mut context, "", "page").unwrap_err();
        let described = describe(&err, &mut context);
        assert_eq!(described.file.as_deref(), Some("bad.js"), "{}", described.message);
        assert_eq!(described.pos.map(|p| p.line), Some(2), "{}", described.message);
        assert!(described.message.starts_with("SyntaxError: ") && !described.message.contains(" at line "), "{}", described.message);
    }

    #[test]
    fn a_file_that_ends_early_is_reported_at_its_end() {
        let mut context = context_with(&[("cut.js", "Page({\n  data: {\n")]);
        let err = require(&mut context, "", "cut").unwrap_err();
        let described = describe(&err, &mut context);
        assert_eq!((described.file.as_deref(), described.pos), (Some("cut.js"), Some(Pos { line: 3, col: 1 })), "{}", described.message);
        assert_eq!(described.message, "SyntaxError: unexpected end of the file: a bracket, parenthesis, brace or string is left open");
    }

    #[test]
    fn unhandled_rejections_are_found_after_the_jobs_ran() {
        let mut context = context_with(&[]);
        context.eval(Source::from_bytes("Promise.reject('lost'); Promise.reject('kept').catch(function () {});")).unwrap();
        context.run_jobs().unwrap();
        let lost = take_unhandled_rejections(&mut context);
        assert_eq!(lost.len(), 1);
        assert_eq!(lost[0].0.as_string().map(|s| s.to_std_string_escaped()).as_deref(), Some("lost"));
        assert!(take_unhandled_rejections(&mut context).is_empty());
    }

    #[test]
    fn a_promise_chain_that_never_ends_is_stopped() {
        let mut context = context_with(&[]);
        context.eval(Source::from_bytes("var n = 0; function again() { n++; return Promise.resolve().then(again); } again();")).unwrap();
        context.run_jobs().unwrap();
        let n = context.eval(Source::from_bytes("n")).unwrap().as_number().unwrap();
        assert!((REACTIONS_PER_TURN as f64 / 4.0..=REACTIONS_PER_TURN as f64 + 1.0).contains(&n), "{n}");
        start_turn(&context);
        context.eval(Source::from_bytes("var m = 0; Promise.resolve().then(function () { m = 1; });")).unwrap();
        context.run_jobs().unwrap();
        assert_eq!(context.eval(Source::from_bytes("m")).unwrap().as_number(), Some(1.0));
    }

    #[test]
    fn nesting_past_the_limit_is_a_located_syntax_error() {
        let deep = format!("var a = 1;\nvar b = {}1{};", "[".repeat(5_000), "]".repeat(5_000));
        let mut context = context_with(&[("deep.js", &deep)]);
        let err = require(&mut context, "", "deep").unwrap_err();
        let described = describe(&err, &mut context);
        assert_eq!((described.file.as_deref(), described.pos), (Some("deep.js"), Some(Pos { line: 2, col: 1009 })), "{}", described.message);
        assert!(described.message.contains("nested deeper than 1000"), "{}", described.message);
        // Brackets in strings, comments, templates and regular expressions do not count.
        let fine = format!("var s = '{0}'; // {0}\n/* {0} */ var r = /[{0}]/; var t = `{0}${{ {{a: [1]}} }}{0}`; var d = 4 / 2 / 1; module.exports = 1;", "[(".repeat(2_000));
        assert_eq!(too_deep(&fine), None);
    }

    #[test]
    fn runaway_loops_stop_with_an_error() {
        let mut context = context_with(&[("spin.js", "while (true) {}")]);
        let err = require(&mut context, "", "spin").unwrap_err();
        assert!(describe(&err, &mut context).message.contains("loop"));
    }

    #[test]
    fn missing_modules_name_the_requirer() {
        let mut context = context_with(&[("a.js", "require('./nope')")]);
        let err = require(&mut context, "", "a").unwrap_err();
        assert!(describe(&err, &mut context).message.contains("module `./nope` is not defined (required from `a.js`)"));
    }
}
