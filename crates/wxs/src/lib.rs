//! WXS, the view layer's scripts: each `<wxs module>` (inline or `src`) runs once in a boa
//! context of its own (separate from the app's logic layer, as on the platform), with
//! `module.exports`, `require` of other `.wxs` files, `getRegExp` and `getDate`. Exports are
//! handed to the template engine as values whose functions it calls back through
//! [`WxsHost`].

use std::collections::VecDeque;
use std::rc::Rc;
use wxemu_js::boa_engine::object::builtins::JsArray;
use wxemu_js::boa_engine::property::PropertyKey;
use wxemu_js::boa_engine::value::JsVariant;
use wxemu_js::boa_engine::{Context, JsObject, JsString, JsValue, Source};
use wxemu_js::{describe, install_modules, require, run_inline_module, ReadFile};
use wxemu_wxml::value::Object;
use wxemu_wxml::{Diagnostic, ModuleTable, Pos, Program, Value, WxsFunction, WxsHost, WxsSource};

/// How many of the functions that WXS calls return stay callable (the newest ones); the
/// functions modules export stay for the page's life.
const RETURNED_KEPT: usize = 4096;

/// A view's WXS context and the functions its modules exported or its calls returned.
pub struct WxsRuntime {
    context: Context,
    /// The functions the modules export, numbered from 0.
    exports: Vec<JsObject>,
    /// The newest functions that calls returned, numbered on from `first_returned`.
    returned: VecDeque<JsObject>,
    first_returned: u32,
    /// The modules have run: functions met from now on are ones calls returned.
    loaded: bool,
}

/// The two globals WXS has instead of `new RegExp` / `new Date`, and WXS's `constructor`:
/// a value's type name as a string (`[].constructor === 'Array'`, which libraries test), read
/// through [`CONSTRUCTOR`] (JavaScript's own `constructor` must stay a function: the
/// engine's array methods use it).
const PRELUDE: &str = r#"
function getRegExp(pattern, flags) { return new RegExp(pattern, flags); }
function getDate() { return new (Function.prototype.bind.apply(Date, [null].concat(Array.prototype.slice.call(arguments))))(); }
Object.defineProperty(Object.prototype, '__wxsCtor__', { get: function () { return Object.prototype.toString.call(this).slice(8, -1); } });
"#;

/// What `.constructor` reads in WXS code: a name as long, so places in the file stay right.
const CONSTRUCTOR: &str = ".__wxsCtor__";

/// WXS source as it runs: `x.constructor` reads the type name (see [`PRELUDE`]), and string
/// literals mean what wcc makes of them (see [`wcc_escape`]). WXS has no regular expression
/// or template literals, so quotes and comments are all there is to track.
fn wxs_dialect(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                while let Some((_, d)) = chars.next() {
                    match d {
                        '\\' => {
                            let next = chars.next().map(|(_, e)| e);
                            let after = chars.peek().map(|&(_, e)| e);
                            out.push_str(&wcc_escape(next, after));
                        }
                        d if d == c || d == '\n' => {
                            out.push(d);
                            break;
                        }
                        d => out.push(d),
                    }
                }
            }
            '/' if matches!(chars.peek(), Some((_, '/' | '*'))) => {
                let block = chars.next().is_some_and(|(_, d)| d == '*');
                out.push_str(if block { "/*" } else { "//" });
                let mut last = ' ';
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if (block && last == '*' && d == '/') || (!block && d == '\n') {
                        break;
                    }
                    last = d;
                }
            }
            '.' if source[at..].starts_with(".constructor") && !source[at + ".constructor".len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') => {
                out.push_str(CONSTRUCTOR);
                for _ in 1..".constructor".len() {
                    chars.next();
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A string literal's escape `\` + `c` (followed by `after`) as JavaScript source giving what
/// wcc gives (tests/wxml/53-wxs-string-escapes): `\n`, `\r` and `\t` are the control
/// characters; a quote is the text `\x27`/`\x22` and a backslash `\x5c` (one backslash when
/// another backslash follows); any other escape keeps its backslash (`getRegExp('\d+')` is
/// a digit class, as Vant's WXS relies on).
fn wcc_escape(c: Option<char>, after: Option<char>) -> String {
    match c {
        Some(c @ ('n' | 'r' | 't')) => format!("\\{c}"),
        Some('\'') => "\\\\x27".into(),
        Some('"') => "\\\\x22".into(),
        Some('\\') if after == Some('\\') => "\\\\".into(),
        Some('\\') => "\\\\x5c".into(),
        Some(c) => format!("\\\\{c}"),
        None => "\\".into(),
    }
}

/// How deep a module's exports are converted (guards against cycles).
const MAX_DEPTH: usize = 32;

/// `require` in WXS: a path relative to the requiring file (or `/`-absolute), `.wxs` optional.
fn resolve_wxs(from: &str, path: &str, exists: &dyn Fn(&str) -> bool) -> Option<String> {
    let resolved = wxemu_package::resolve_path(from, path);
    let file = if resolved.ends_with(".wxs") { resolved } else { resolved + ".wxs" };
    exists(&file).then_some(file)
}

impl WxsRuntime {
    /// Runs every WXS module the program's files declare. Returns the runtime, each
    /// file's modules, and diagnostics for modules that failed (they are left out).
    pub fn load(program: &Program, read: ReadFile) -> (WxsRuntime, ModuleTable, Vec<Diagnostic>) {
        WxsRuntime::load_on(program, read, std::rc::Rc::default())
    }

    /// [`WxsRuntime::load`] with `getDate()` reading `clock` (the app's).
    pub fn load_on(program: &Program, read: ReadFile, clock: std::rc::Rc<wxemu_js::AppClock>) -> (WxsRuntime, ModuleTable, Vec<Diagnostic>) {
        let mut context = wxemu_js::new_context_on(10_000_000, clock);
        install_modules(&mut context, Box::new(move |path| read(path).map(|source| wxs_dialect(&source))), Box::new(resolve_wxs));
        context.eval(Source::from_bytes(PRELUDE)).expect("the WXS prelude is valid JavaScript");
        let mut runtime = WxsRuntime { context, exports: Vec::new(), returned: VecDeque::new(), first_returned: 0, loaded: false };
        let mut table = ModuleTable::new();
        let mut diags = Vec::new();
        let mut paths: Vec<&String> = program.files.keys().collect();
        paths.sort();
        for path in paths {
            for decl in &program.files[path].wxs {
                let result = match &decl.source {
                    WxsSource::File(file) => require(&mut runtime.context, "", &format!("/{file}")),
                    WxsSource::Inline { code, pos } => run_inline_module(&mut runtime.context, path, &wxs_dialect(code), *pos),
                };
                match result {
                    Ok(exports) => {
                        let exports = runtime.to_value(&exports, 0);
                        table.entry(path.clone()).or_default().push((decl.module.clone(), exports));
                    }
                    Err(e) => {
                        let error = describe(&e, &mut runtime.context);
                        let (file, pos) = match &decl.source {
                            WxsSource::Inline { pos: start, .. } => (path.clone(), inline_pos(error.pos, *start).unwrap_or(decl.pos)),
                            WxsSource::File(_) => error.location(path),
                        };
                        diags.push(
                            Diagnostic::error(&file, pos, format!("WXS module `{}` failed: {}", decl.module, error.message))
                                .with_hint("fix the module's script; WXS is a restricted ES5 without DOM or wx APIs"),
                        );
                    }
                }
            }
        }
        runtime.first_returned = runtime.exports.len() as u32;
        runtime.loaded = true;
        (runtime, table, diags)
    }

    /// The number the template engine knows function `f` by.
    fn number(&mut self, f: JsObject) -> WxsFunction {
        if !self.loaded {
            self.exports.push(f);
            return WxsFunction(self.exports.len() as u32 - 1);
        }
        if self.returned.len() == RETURNED_KEPT {
            self.returned.pop_front();
            self.first_returned = self.first_returned.wrapping_add(1);
        }
        self.returned.push_back(f);
        WxsFunction(self.first_returned.wrapping_add(self.returned.len() as u32 - 1))
    }

    /// The function numbered `f`, while it is kept.
    fn function(&self, f: WxsFunction) -> Option<JsObject> {
        let returned = || self.returned.get(f.0.checked_sub(self.first_returned)? as usize);
        self.exports.get(f.0 as usize).or_else(returned).cloned()
    }

    fn to_value(&mut self, v: &JsValue, depth: usize) -> Value {
        match v.variant() {
            JsVariant::Undefined | JsVariant::Symbol(_) => Value::Undefined,
            JsVariant::Null => Value::Null,
            JsVariant::Boolean(b) => Value::Bool(b),
            JsVariant::Integer32(i) => Value::Number(f64::from(i)),
            JsVariant::Float64(n) => Value::Number(n),
            JsVariant::BigInt(b) => Value::Number(b.to_f64()),
            JsVariant::String(s) => Value::from(s.to_std_string_escaped()),
            JsVariant::Object(obj) => {
                if obj.is_callable() {
                    return Value::Function(self.number(obj.clone()));
                }
                if depth >= MAX_DEPTH {
                    return Value::Undefined;
                }
                if obj.is_array() {
                    let len = JsArray::from_object(obj.clone()).and_then(|a| a.length(&mut self.context)).unwrap_or(0);
                    let items = (0..len)
                        .map(|i| {
                            let item = obj.get(i, &mut self.context).unwrap_or_default();
                            self.to_value(&item, depth + 1)
                        })
                        .collect();
                    return Value::Array(Rc::new(items));
                }
                let mut map = Object::default();
                for key in obj.own_property_keys(&mut self.context).unwrap_or_default() {
                    let name = match &key {
                        PropertyKey::String(s) => s.to_std_string_escaped(),
                        PropertyKey::Index(i) => i.get().to_string(),
                        PropertyKey::Symbol(_) => continue,
                    };
                    let item = obj.get(key, &mut self.context).unwrap_or_default();
                    let item = self.to_value(&item, depth + 1);
                    map.insert(name, item);
                }
                Value::Object(Rc::new(map))
            }
        }
    }

    fn to_js(&mut self, v: &Value) -> JsValue {
        match v {
            Value::Undefined => JsValue::undefined(),
            Value::Null => JsValue::null(),
            Value::Bool(b) => JsValue::from(*b),
            Value::Number(n) => JsValue::from(*n),
            Value::String(s) => JsValue::from(JsString::from(&**s)),
            Value::Array(items) => {
                let items: Vec<JsValue> = items.iter().map(|i| self.to_js(i)).collect();
                JsArray::from_iter(items, &mut self.context).into()
            }
            Value::Object(map) => {
                let obj = JsObject::with_object_proto(self.context.intrinsics());
                for (k, item) in map.iter() {
                    let item = self.to_js(item);
                    obj.set(JsString::from(k.as_str()), item, false, &mut self.context).expect("plain object accepts properties");
                }
                obj.into()
            }
            Value::Function(f) => self.function(*f).map_or(JsValue::undefined(), JsValue::from),
        }
    }
}

impl WxsHost for WxsRuntime {
    fn call(&mut self, function: WxsFunction, args: &[Value]) -> Result<Value, String> {
        let f = self.function(function).ok_or_else(|| format!("a function a WXS call returned is no longer kept (wxemu keeps the newest {RETURNED_KEPT})"))?;
        let _turn = wxemu_js::turn::enter(|| "a WXS function".to_string());
        let args: Vec<JsValue> = args.iter().map(|a| self.to_js(a)).collect();
        match f.call(&JsValue::undefined(), &args, &mut self.context) {
            Ok(v) => Ok(self.to_value(&v, 0)),
            Err(e) => {
                let error = describe(&e, &mut self.context);
                Err(match (error.file, error.pos) {
                    (Some(file), Some(pos)) => format!("{} (at {file}:{}:{})", error.message, pos.line, pos.col),
                    _ => error.message,
                })
            }
        }
    }
}

/// Inline code sits at `start` in the WXML file; the module wrapper shifts columns of its
/// first line.
fn inline_pos(pos: Option<Pos>, start: Pos) -> Option<Pos> {
    let pos = pos?;
    let shift = wxemu_js::WRAP_START.chars().count() as u32;
    Some(if pos.line == start.line { Pos { line: pos.line, col: start.col + pos.col.saturating_sub(1 + shift) } } else { pos })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use wxemu_wxml::dump;

    fn render(files: &[(&str, &str)], data: serde_json::Value) -> (serde_json::Value, Vec<String>) {
        let files: HashMap<String, String> = files.iter().map(|(p, s)| (p.to_string(), s.to_string())).collect();
        let reader = files.clone();
        let program = Program::load("index.wxml", &mut |p| files.get(p).cloned().ok_or(wxemu_package::FileError::Missing));
        assert!(program.diagnostics.is_empty(), "{:?}", program.diagnostics);
        let (mut rt, modules, diags) = WxsRuntime::load(&program, Box::new(move |p| reader.get(p).cloned().ok_or(wxemu_package::FileError::Missing)));
        let mut messages: Vec<String> = diags.iter().map(ToString::to_string).collect();
        let data = Value::from_json(&data);
        let mut renderer = wxemu_wxml::Renderer::new(&program, &modules, &mut rt);
        let nodes = renderer.render_file("index.wxml", &data);
        messages.extend(renderer.diagnostics.iter().map(ToString::to_string));
        (dump::to_json(&nodes), messages)
    }

    #[test]
    fn modules_export_values_and_functions_with_require() {
        let (json, messages) = render(
            &[
                ("index.wxml", "<wxs module=\"m\" src=\"./lib/m.wxs\"/><text>{{m.twice(n)}} {{m.name}} {{m.re.test('ab')}}</text>"),
                ("lib/m.wxs", "var dep = require('./dep.wxs'); var re = getRegExp('^a', 'i');\nmodule.exports = { twice: function (x) { return x * 2 + dep.one; }, name: 'mod', re: { test: function (s) { return re.test(s); } } };"),
                ("lib/dep.wxs", "module.exports = { one: 1 };"),
            ],
            serde_json::json!({"n": 3}),
        );
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(json, serde_json::json!([{"tag": "text", "attrs": {}, "children": [{"text": "7 mod true"}]}]));
    }

    #[test]
    fn constructor_is_the_type_name_as_wxs_has_it() {
        let code = "module.exports = { kinds: function (v) { return [[].constructor, ({}).constructor, v.constructor, (1).constructor, 'a'.constructor, getDate().constructor, [1, 2].map(function (x) { return x * 2 }).length].join(',') } };";
        let (out, diags) = render(&[("index.wxml", &format!("<wxs module=\"m\">{code}</wxs><view>{{{{m.kinds([1])}}}}</view>"))], serde_json::json!({}));
        assert!(diags.is_empty(), "{diags:?}");
        assert!(out.to_string().contains("Array,Object,Array,Number,String,Date,2"), "{out}");
    }

    #[test]
    fn a_throwing_function_renders_empty_and_is_reported() {
        let (json, messages) =
            render(&[("index.wxml", "<view>\n<wxs module=\"m\">module.exports.f = function () { throw new Error('boom'); };</wxs><text>[{{m.f()}}]</text></view>")], serde_json::json!({}));
        assert_eq!(json[0]["children"][0]["children"][0]["text"], "[]");
        assert!(messages.iter().any(|m| m.contains("WXS error") && m.contains("boom")), "{messages:?}");
    }

    #[test]
    fn a_syntax_error_names_the_wxml_line() {
        let files: HashMap<String, String> = [("index.wxml".to_string(), "<view/>\n\n<wxs module=\"m\">module.exports = {;</wxs>".to_string())].into();
        let program = Program::load("index.wxml", &mut |p| files.get(p).cloned().ok_or(wxemu_package::FileError::Missing));
        let (_, modules, diags) = WxsRuntime::load(&program, Box::new(|_| Err(wxemu_package::FileError::Missing)));
        assert!(modules.is_empty());
        let text = diags[0].to_string();
        assert!(text.starts_with("index.wxml:3:"), "{text}");
        assert!(text.contains("WXS module `m` failed"), "{text}");
    }

    #[test]
    fn functions_that_calls_return_are_kept_for_a_while_not_forever() {
        let (json, messages) = render(
            &[("index.wxml", "<wxs module=\"m\">module.exports.adder = function (n) { return function (x) { return n + x; }; };</wxs><text wx:for=\"{{list}}\">{{m.adder(item)(1)}}</text>")],
            serde_json::json!({"list": (0..3 * RETURNED_KEPT).collect::<Vec<_>>()}),
        );
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(json[3 * RETURNED_KEPT - 1]["children"][0]["text"], (3 * RETURNED_KEPT).to_string(), "a returned function is called at once");
        let files: HashMap<String, String> = [("index.wxml".to_string(), "<wxs module=\"m\">module.exports.k = function () { return function () { return 1; }; };</wxs>".to_string())].into();
        let program = Program::load("index.wxml", &mut |p| files.get(p).cloned().ok_or(wxemu_package::FileError::Missing));
        let (mut rt, modules, _) = WxsRuntime::load(&program, Box::new(|_| Err(wxemu_package::FileError::Missing)));
        let Value::Object(exports) = &modules["index.wxml"][0].1 else { panic!("{modules:?}") };
        let Some(Value::Function(k)) = exports.get("k") else { panic!("{exports:?}") };
        let first = rt.call(*k, &[]).unwrap();
        for _ in 0..2 * RETURNED_KEPT {
            rt.call(*k, &[]).unwrap();
        }
        assert_eq!(rt.returned.len(), RETURNED_KEPT, "the newest are kept, no more");
        let Value::Function(first) = first else { panic!("{first:?}") };
        assert!(rt.call(first, &[]).unwrap_err().contains("no longer kept"), "an old one says so");
        assert_eq!(rt.call(*k, &[]).map(|_| ()), Ok(()), "the exports stay");
    }
}
