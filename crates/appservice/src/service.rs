//! The AppService: one JS context for the whole app, with the framework from
//! `runtime-js/framework.js`. The host calls in (launch, create a page, run a lifecycle or
//! handler, fire a timer) and collects what the scripts asked for as [`Message`]s.

use serde_json::{Map, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wxemu_caniuse::Database;
use wxemu_js::boa_engine::native_function::NativeFunctionPointer;
use wxemu_js::boa_engine::object::ObjectInitializer;
use wxemu_js::boa_engine::{Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, Source};
use wxemu_js::{describe, install_modules, require, take_unhandled_rejections};
use wxemu_package::resolve::script_candidates;
use wxemu_package::{Diagnostic, Package, Pos};
use wxemu_wx::{Failure, Host};

/// The framework half in runtime-js/, in the order it loads (framework.js first: the
/// others build on what it sets up); the `wx` families' JS halves come after it.
const RUNTIME_JS: [(&str, &str); 2] = [("framework.js", include_str!("../../../runtime-js/framework.js")), ("binary.js", include_str!("../../../runtime-js/binary.js"))];

/// What the logic layer asks of the host.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    /// Apply `patch` (path keys like `list[2].name` → JSON values) to the instance's view
    /// data; then, if `callback` is not 0, report it applied.
    SetData {
        instance: u32,
        patch: Map<String, Value>,
        callback: u32,
    },
    /// `wx.nextTick`: report `callback` done (as a setData callback) once the messages before
    /// it are applied and drawn, in the next time slice.
    NextTick {
        callback: u32,
    },
    /// An asynchronous `wx` call for the host to carry out, with its arguments (the options
    /// object as JSON, plus what the framework adds); the host answers with
    /// [`AppService::api_result`].
    Api {
        api: String,
        call: u32,
        args: Map<String, Value>,
    },
    /// Fire timer `id` after `delay` ms (again every `delay` ms when `repeat`).
    Timer {
        id: u32,
        delay: u64,
        repeat: bool,
    },
    ClearTimer {
        id: u32,
    },
    /// `console.*` output, with the place in a package file it names (an uncaught
    /// rejection's error).
    Log {
        level: String,
        text: String,
        location: Option<(String, Pos)>,
    },
    /// An uncaught error in app code, reported as the platform does; the app keeps running.
    Error(ScriptFailure),
}

/// An uncaught error: the message, where it was caught (`pages/a/a.onTap`, `timer callback`)
/// and the innermost package file position from its stack.
#[derive(Clone, Debug, PartialEq)]
pub struct ScriptFailure {
    pub message: String,
    pub during: String,
    pub location: Option<(String, Pos)>,
}

type Outbox = Rc<RefCell<Vec<Message>>>;

/// Iterations one loop may run before it is stopped as a runaway script (about half a
/// second of boa time on the reference machine).
pub const LOOP_LIMIT: u64 = 10_000_000;

/// A component's `triggerEvent(name, detail, options)`.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentEvent {
    pub instance: u32,
    pub name: String,
    pub detail: Value,
    pub bubbles: bool,
    pub composed: bool,
    pub capture_phase: bool,
}

/// One handler a component event reaches: the instance, its method, the event object.
pub type HandlerCall = (u32, String, Value);

/// What the logic layer asks of the view synchronously, as exparser answers at once:
/// where a component event goes, and which components a selector finds.
pub trait ViewQueries {
    /// The handlers `triggerEvent` reaches (they have run when `triggerEvent` returns).
    fn route(&self, event: &ComponentEvent) -> Vec<HandlerCall>;
    /// Component instances in `owner`'s template matching `selector`, in tree order
    /// (`selectComponent` takes the first, `selectAllComponents` all).
    fn select_components(&self, owner: u32, selector: &str) -> Vec<u32>;
    /// The instance whose template holds component `instance` (`selectOwnerComponent`).
    fn owner_of(&self, instance: u32) -> Option<u32>;
    /// The components around `instance` in the composed tree, nearest first (relations).
    fn ancestors(&self, instance: u32) -> Vec<u32>;
}

/// The view queries installed in the context.
struct View(Rc<dyn ViewQueries>);

/// The host services the app's `wx` calls reach (shared with the Simulator, which keeps
/// them up to date: the current page's window, the theme).
pub type SharedHost = Rc<RefCell<Host>>;

/// The logic layer of one running app.
pub struct AppService {
    context: Context,
    outbox: Outbox,
    /// The framework's internal object (`__wxemu` inside runtime-js/): the host calls it,
    /// app code cannot reach it.
    framework: JsObject,
    /// `JSON.stringify` as the engine made it (app code may replace the global one; the text
    /// it makes is read through `wxemu_js::json::from_str`).
    stringify: JsObject,
    /// Each page's and component's script, by instance id (to say where a turn runs).
    scripts: std::collections::HashMap<u32, String>,
}

/// The natives runtime-js/ is given, by the names it uses for them. They are arguments of
/// the function it is loaded in, never globals, so app code, WXS, `evaluate` and automator
/// calls cannot reach them.
const NATIVES: [(&str, NativeFunctionPointer); 7] = [
    ("__wxemuPost", post),
    ("__wxemuTriggerEvent", trigger_event),
    ("__wxemuSelectComponents", select_components),
    ("__wxemuOwnerOf", owner_component),
    ("__wxemuAncestors", ancestors),
    ("__wxemuCanIUse", can_i_use),
    ("__wxemuCall", call_host),
];

/// Loads runtime-js/ inside one function of the natives (and the module system's require,
/// the engine's own `JSON.stringify` for data only the host reads, the base library and
/// USER_DATA_PATH), in which `JSON` is not the app's; returns the framework's internal
/// object.
fn load_framework(context: &mut Context, sdk: &str, scripts: &[(&str, &str)]) -> JsObject {
    let mut natives = ObjectInitializer::new(context);
    for (name, f) in NATIVES {
        natives.function(NativeFunction::from_fn_ptr(f), JsString::from(name), 2);
    }
    let natives = natives.build();
    let values: [(&str, JsValue); 5] = [
        ("__wxemuRequire", wxemu_js::require_function(context)),
        ("__wxemuStringify", wxemu_js::json::engine_stringify(context).into()),
        ("__wxemuSdk", JsString::from(sdk).into()),
        ("__wxemuApis", JsString::from(wxemu_wx::apis::framework_members().to_string()).into()),
        ("__wxemuUserDataPath", JsString::from(wxemu_wx::files::USER_DATA_PATH).into()),
    ];
    let names: Vec<&str> = NATIVES.iter().map(|(name, _)| *name).chain(values.iter().map(|(name, _)| *name)).collect();
    for (name, value) in values {
        natives.set(JsString::from(name), value, false, context).expect("a fresh object takes properties");
    }
    // The loader is made by the Function constructor, not as a parenthesized function
    // expression: boa's parser copies the whole tree of a parenthesized expression (the
    // scripts' own wrappers are `void function () {…}()` for the same reason).
    let mut body = String::from("  var JSON = Object.freeze({ parse: globalThis.JSON.parse, stringify: globalThis.JSON.stringify });\n");
    for name in &names {
        body.push_str(&format!("  var {name} = natives.{name};\n"));
    }
    body.push_str("  var __wxemu, __wxemuKit;\n");
    for (_, code) in RUNTIME_JS.iter().chain(&wxemu_wx::SCRIPTS).chain(scripts) {
        body.push_str(code);
        body.push('\n');
    }
    body.push_str("  return __wxemu;\n");
    let function = context.intrinsics().constructors().function().constructor();
    let loader = function.construct(&[JsString::from("natives").into(), JsString::from(body).into()], None, context).unwrap_or_else(|e| panic!("runtime-js does not parse: {e}"));
    match loader.call(&JsValue::undefined(), &[natives.into()], context) {
        Ok(framework) => framework.as_object().expect("runtime-js returns __wxemu").clone(),
        Err(e) => panic!("runtime-js does not run: {e}"),
    }
}

/// `require` in the logic layer, resolved the way the platform does.
/// How `require`/`import` paths resolve: app.json's `resolveAlias` first, then as
/// [`script_candidates`] says.
fn script_resolver(aliases: Vec<(String, String)>) -> wxemu_js::Resolve {
    Box::new(move |from, path, exists| {
        // An alias's target is from the mini-program root (`"@utils/*": "utils/*"`).
        let path = match wxemu_package::resolve::apply_alias(&aliases, path) {
            Some(target) if !target.starts_with('/') && !target.starts_with('.') => format!("/{target}"),
            Some(target) => target,
            None => path.to_string(),
        };
        script_candidates(from, &path).into_iter().find(|c| exists(c))
    })
}

impl AppService {
    /// Starts the logic layer on the host's base library: the framework (whose `wx` has the
    /// members that version has), then app.js (which calls `App()`).
    pub fn start(package: &Package, host: SharedHost) -> Result<AppService, Diagnostic> {
        AppService::start_on(package, host, Rc::default(), &[])
    }

    /// [`AppService::start`] with `Date` reading `clock` (the Simulator's), and the JS halves
    /// of the `wx` families the host carries out itself (`families`: name, source), loaded
    /// after the framework's and those of `crates/wx`.
    pub fn start_on(package: &Package, host: SharedHost, clock: Rc<wxemu_js::AppClock>, families: &[(&str, &str)]) -> Result<AppService, Diagnostic> {
        let sdk = host.borrow().system.sdk;
        let mut context = wxemu_js::new_context_on(LOOP_LIMIT, clock);
        let scripts = Rc::new(wxemu_build::Scripts::new(package.files.clone(), wxemu_build::Cache::user()));
        let reader = scripts.clone();
        install_modules(&mut context, Box::new(move |path| reader.read(path)), script_resolver(package.app.resolve_alias.clone()));
        wxemu_js::locate_errors_with(&mut context, Box::new(move |file, pos| scripts.locate(file, pos)));
        let outbox: Outbox = Rc::default();
        context.insert_data(outbox.clone());
        context.insert_data(host);
        let stringify = wxemu_js::json::engine_stringify(&context);
        let framework = load_framework(&mut context, &sdk.to_string(), families);
        let mut service = AppService { context, outbox, framework, stringify, scripts: Default::default() };
        if !package.has_script("app") {
            return Err(Diagnostic::error("app.js", Pos::START, "the app has no app.js").with_hint("create app.js with App({})"));
        }
        service.load_script("app.js")?;
        if !service.call_json("hasApp", &[])?.as_bool().unwrap_or(false) {
            // As on the platform, the pages still run; getApp() gives nothing.
            let text = "app.js did not call App(): the pages run, and getApp() returns undefined; register the app with App({ … })".to_string();
            service.outbox.borrow_mut().push(Message::Log { level: "warn".into(), text, location: Some(("app.js".into(), Pos::START)) });
        }
        Ok(service)
    }

    /// Installs what `triggerEvent` and `selectComponent` ask of the view.
    pub fn set_view_queries(&mut self, view: Rc<dyn ViewQueries>) {
        self.context.insert_data(View(view));
    }

    /// Runs a package script as a module, with errors located in the failing file.
    fn load_script(&mut self, path: &str) -> Result<(), Diagnostic> {
        require(&mut self.context, "", &format!("/{path}")).map(drop).map_err(|e| {
            let error = describe(&e, &mut self.context);
            let (file, pos) = error.location(path);
            Diagnostic::error(&file, pos, format!("script failed: {}", error.message)).with_hint("fix the error in the script")
        })
    }

    /// Calls the framework's `function` with `args` (as JS values).
    fn invoke(&mut self, function: &str, args: &[Value]) -> JsResult<JsValue> {
        let _turn = wxemu_js::turn::enter(|| self.turn_label(function, args));
        wxemu_js::start_turn(&self.context);
        let f = self.framework.get(JsString::from(function), &mut self.context)?;
        let f = f.as_callable().ok_or_else(|| JsNativeError::typ().with_message(format!("the framework has no function {function}")))?;
        let args = args.iter().map(|a| JsValue::from_json(a, &mut self.context)).collect::<JsResult<Vec<_>>>()?;
        f.call(&JsValue::undefined(), &args, &mut self.context)
    }

    /// A value as JSON, as `JSON.stringify` keeps it (`null` for what it drops).
    fn to_json(&mut self, value: &JsValue) -> JsResult<Value> {
        let text = self.stringify.call(&JsValue::undefined(), std::slice::from_ref(value), &mut self.context)?;
        Ok(text.as_string().and_then(|t| wxemu_js::json::from_str(&t.to_std_string_escaped()).ok()).unwrap_or(Value::Null))
    }

    /// Calls the framework's `function` — taking JSON arguments — with `args`, returning its
    /// result as JSON. App code inside is guarded by the framework; an error here is an error
    /// of the call itself.
    fn call_json(&mut self, function: &str, args: &[Value]) -> Result<Value, Diagnostic> {
        let result = self.invoke(function, args).and_then(|value| self.to_json(&value));
        result.map_err(|e| self.diagnose(&e))
    }

    /// A thrown error as a diagnostic at its place.
    fn diagnose(&mut self, e: &JsError) -> Diagnostic {
        let error = describe(e, &mut self.context);
        let (file, pos) = error.location("app.js");
        Diagnostic::error(&file, pos, error.message).with_hint("fix the error in the script")
    }

    /// Calls the framework's `function`, which runs app code. An uncaught error is reported
    /// as the platform does — to the host's console and to `App.onError` with the message and
    /// place — and the app goes on.
    fn call(&mut self, function: &str, args: &[Value]) {
        // Promise reactions (`.then`) the call queued run before control returns.
        let result = self.invoke(function, args).and_then(|_| self.context.run_jobs());
        if let Err(e) = result {
            self.report_error(&e);
        }
        self.report_unhandled_rejections();
    }

    /// Promises rejected with nobody to catch them: printed as the platform's console does,
    /// and passed to `App.onUnhandledRejection({ reason, promise })`.
    fn report_unhandled_rejections(&mut self) {
        for (reason, promise) in take_unhandled_rejections(&mut self.context) {
            let err_msg = reason.as_object().and_then(|o| o.get(JsString::from("errMsg"), &mut self.context).ok()).filter(|m| !m.is_undefined());
            let (text, location) = match err_msg {
                Some(m) => (m.as_string().map_or_else(|| m.display().to_string(), |s| s.to_std_string_escaped()), None),
                None => {
                    let error = wxemu_js::describe_value(&reason, &mut self.context);
                    (error.message, error.file.zip(error.pos))
                }
            };
            self.outbox.borrow_mut().push(Message::Log { level: "error".into(), text: format!("Uncaught (in promise) {text}"), location });
            let handler = self.framework.get(JsString::from("unhandledRejection"), &mut self.context).ok().and_then(|f| f.as_callable());
            if let Some(handler) = handler {
                if let Err(e) = handler.call(&JsValue::undefined(), &[reason, promise], &mut self.context) {
                    self.report_error(&e);
                }
            }
        }
    }

    /// An uncaught error: to the console with its place, then to `App.onError`.
    fn report_error(&mut self, e: &wxemu_js::boa_engine::JsError) {
        let mut error = describe(e, &mut self.context);
        if error.message.starts_with("RuntimeLimitError") {
            // Which limit it was, in the app's author's words.
            let what = match () {
                _ if error.message.contains("iteration loops") => format!("a loop ran more than {LOOP_LIMIT} iterations"),
                _ if error.message.contains("recursive calls") => format!("calls nested more than {} deep (endless recursion?)", wxemu_js::RECURSION_LIMIT),
                _ => "the script's stack grew past its limit".to_string(),
            };
            error.message = format!("{what} and was stopped (a runaway script?): {}", error.message);
        }
        let during = self.framework.get(JsString::from("during"), &mut self.context).ok().and_then(|v| v.as_string().map(|s| s.to_std_string_escaped())).unwrap_or_default();
        let location = error.file.clone().zip(error.pos);
        let text = match &location {
            Some((file, pos)) => format!("{}\n    at {during} ({file}:{}:{})", error.message, pos.line, pos.col),
            None => error.message.clone(),
        };
        let report_to_app = during != "App.onError";
        self.outbox.borrow_mut().push(Message::Error(ScriptFailure { message: error.message, during, location }));
        if report_to_app {
            self.call("appError", &[Value::from(text)]);
        }
    }

    /// An App lifecycle: `onLaunch`/`onShow` take the launch options, `onHide` none.
    pub fn app_lifecycle(&mut self, name: &str, arg: Option<Value>) {
        self.call("appLifecycle", &[Value::from(name), arg.unwrap_or(Value::Null)]);
    }

    /// Calls `function` — JavaScript source of a function, e.g. `() => wx.getSystemInfoSync()`
    /// — in the app's context with `args`, returning its result as JSON (what
    /// `JSON.stringify` keeps; `null` for `undefined`). A thrown error is returned as its
    /// message; Promise reactions it queued have run when it returns.
    pub fn evaluate(&mut self, function: &str, args: &[Value]) -> Result<Value, String> {
        let result = self.evaluate_now(function, args).map_err(|e| self.diagnose(&e).message);
        if let Err(e) = self.context.run_jobs() {
            self.report_error(&e);
        }
        self.report_unhandled_rejections();
        result
    }

    /// An app-wide event (`ThemeChange`, …) to the `wx.onX` listeners.
    pub fn app_event(&mut self, event: &str, payload: Value) {
        self.call("appEvent", &[Value::from(event), payload]);
    }

    /// `function` (JavaScript source) called with `args`, its result as JSON.
    fn evaluate_now(&mut self, function: &str, args: &[Value]) -> JsResult<Value> {
        let _turn = wxemu_js::turn::enter(|| "an evaluated function".to_string());
        wxemu_js::start_turn(&self.context);
        let f = self.context.eval(Source::from_bytes(&format!("({function})")))?;
        let f = f.as_callable().ok_or_else(|| JsNativeError::typ().with_message("evaluate: not a function"))?;
        let args = args.iter().map(|a| JsValue::from_json(a, &mut self.context)).collect::<JsResult<Vec<_>>>()?;
        let value = f.call(&JsValue::undefined(), &args, &mut self.context)?;
        self.to_json(&value)
    }

    /// Calls the framework's `function` (an instance query, setData or method call for the
    /// automation server and `wxemu test`) with `args`: its result as JSON, or the error's
    /// message. Promise reactions it queued have run when it returns.
    pub fn framework(&mut self, function: &str, args: &[Value]) -> Result<Value, String> {
        let result = self.call_json(function, args).map_err(|d| d.message);
        if let Err(e) = self.context.run_jobs() {
            self.report_error(&e);
        }
        self.report_unhandled_rejections();
        result
    }

    /// Runs the script of a page or component (`path` without `.js`) once, binding its
    /// `Page()`/`Component()` call to `path`.
    fn define(&mut self, path: &str, what: &str) -> Result<(), Diagnostic> {
        if self.call_json("isDefined", &[Value::from(path)])?.as_bool() == Some(true) {
            return Ok(());
        }
        self.invoke("define", &[Value::from(path)]).map(drop).map_err(|e| {
            let error = describe(&e, &mut self.context);
            let (file, pos) = error.location(&format!("{path}.js"));
            Diagnostic::error(&file, pos, format!("{what} script failed: {}", error.message)).with_hint(format!("fix the error in the {what}'s script"))
        })
    }

    /// Loads the page's script if needed and creates a page instance with `query` as its
    /// options and, when opened by `wx.navigateTo`, its EventChannel (0 for none). Returns
    /// the instance id.
    pub fn create_page(&mut self, route: &str, query: &Map<String, Value>, channel: u32) -> Result<u32, Diagnostic> {
        self.define(route, "page")?;
        let id = self.call_json("createPage", &[Value::from(route), Value::Object(query.clone()), Value::from(channel)])?;
        let id = id.as_u64().map(|id| id as u32).ok_or_else(|| Diagnostic::error(&format!("{route}.js"), Pos::START, "the page could not be created"))?;
        self.scripts.insert(id, format!("{route}.js"));
        Ok(id)
    }

    /// Constructs an instance of the component at `path` for page `page`, with its host's
    /// `id` and dataset and its default data. (The host then runs `created` and passes the
    /// owner's properties with [`AppService::set_properties`].) Returns the instance id.
    pub fn create_component(&mut self, path: &str, page: u32, host: Value) -> Result<u32, Diagnostic> {
        self.define(path, "component")?;
        let id = self.call_json("createComponent", &[Value::from(path), Value::from(page), host])?;
        let id = id.as_u64().map(|id| id as u32).ok_or_else(|| Diagnostic::error(&format!("{path}.js"), Pos::START, "the component could not be created"))?;
        self.scripts.insert(id, format!("{path}.js"));
        Ok(id)
    }

    /// Property values from the component's owner (observers run for the ones that
    /// changed).
    pub fn set_properties(&mut self, id: u32, props: &Map<String, Value>) {
        self.call("setProperties", &[Value::from(id), Value::Object(props.clone())]);
    }

    /// A component lifetime: `created`, `attached`, `ready`, `moved`, `detached`.
    pub fn component_lifetime(&mut self, id: u32, name: &str) {
        self.call("componentLifetime", &[Value::from(id), Value::from(name)]);
    }

    /// `pageLifetimes` (`show`, `hide`, `resize` with the size) of every component of a page.
    pub fn page_lifetime(&mut self, page: u32, name: &str, arg: Option<Value>) {
        self.call("pageLifetime", &[Value::from(page), Value::from(name), arg.unwrap_or(Value::Null)]);
    }

    /// Sets what `getCurrentPages()` returns: page instances, bottom first.
    pub fn set_page_stack(&mut self, ids: &[u32]) {
        self.call("setPageStack", &[Value::from(ids.to_vec())]);
    }

    /// Forgets a page or component instance (after its `onUnload` / `detached`).
    pub fn destroy(&mut self, id: u32) {
        self.call("destroy", &[Value::from(id)]);
        self.scripts.remove(&id);
    }

    /// A page lifecycle (`onLoad` with the query, `onShow`, `onReady`, `onHide`, `onUnload`, …).
    pub fn page_lifecycle(&mut self, id: u32, name: &str, arg: Option<Value>) {
        self.call("pageLifecycle", &[Value::from(id), Value::from(name), arg.unwrap_or(Value::Null)]);
    }

    /// Calls an event handler method on a page or component with the event object.
    pub fn call_method(&mut self, id: u32, name: &str, event: &Value) {
        self.call("callMethod", &[Value::from(id), Value::from(name), event.clone()]);
    }

    /// The view wrote to an instance's data itself (a `model:` binding): setData on it.
    pub fn set_data_from_view(&mut self, id: u32, patch: &Map<String, Value>) {
        self.call("setDataFromView", &[Value::from(id), Value::Object(patch.clone())]);
    }

    /// A page's or component's `this.data` as the logic layer sees it.
    pub fn instance_data(&mut self, id: u32) -> Value {
        self.json_string_call("instanceData", id)
    }

    /// A component's `options` (`multipleSlots`, `virtualHost`, …) as JSON.
    pub fn component_options(&mut self, id: u32) -> Value {
        self.call_json("componentOptions", &[Value::from(id)]).unwrap_or(Value::Null)
    }

    /// `externalClasses` of a component instance (the class names its owner may pass).
    pub fn external_classes(&mut self, id: u32) -> Vec<String> {
        match self.call_json("externalClasses", &[Value::from(id)]) {
            Ok(Value::Array(names)) => names.into_iter().filter_map(|n| n.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    }

    /// The data the view renders an instance with: `this.data` without pure data fields.
    pub fn view_data(&mut self, id: u32) -> Value {
        self.json_string_call("viewData", id)
    }

    /// A framework function returning JSON text for an instance, parsed.
    fn json_string_call(&mut self, function: &str, id: u32) -> Value {
        self.call_json(function, &[Value::from(id)]).ok().and_then(|v| v.as_str().and_then(|s| wxemu_js::json::from_str(s).ok())).unwrap_or(Value::Null)
    }

    pub fn fire_timer(&mut self, id: u32) {
        self.call("fireTimer", &[Value::from(id)]);
    }

    /// The host finished an asynchronous `wx` call: `result` carries its `errMsg`.
    pub fn api_result(&mut self, call: u32, result: Value) {
        self.call("apiResult", &[Value::from(call), result]);
    }

    /// An event on a network task object (`headersReceived`, `progressUpdate`, a socket's
    /// `message`, …).
    pub fn task_event(&mut self, task: u32, name: &str, payload: Value) {
        self.call("taskEvent", &[Value::from(task), Value::from(name), payload]);
    }

    /// The view applied a setData that asked for a callback.
    pub fn set_data_applied(&mut self, callback: u32) {
        self.call("setDataApplied", &[Value::from(callback)]);
    }

    /// What the scripts asked for since the last call, in order.
    pub fn take_messages(&mut self) -> Vec<Message> {
        std::mem::take(&mut *self.outbox.borrow_mut())
    }
}

/// What a framework call runs, for the watchdog: the call and its words (`pageLifecycle
/// onLoad`, `callMethod onTap`).
impl AppService {
    /// What a call of the framework's `function` runs, for the watchdog: the instance's
    /// script and the method (`pages/index/index.js onLoad`), else the call and its words.
    fn turn_label(&self, function: &str, args: &[Value]) -> String {
        let words: Vec<&str> = args.iter().filter_map(Value::as_str).take(2).collect();
        let script = args.first().and_then(Value::as_u64).and_then(|id| self.scripts.get(&(id as u32)));
        std::iter::once(script.map_or(function, String::as_str)).chain(words).collect::<Vec<_>>().join(" ")
    }
}

/// `__wxemuPost(kind, json)`: the framework's one way out of the context.
fn post(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = |i: usize, context: &mut Context| -> JsResult<String> { Ok(args.get(i).cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped()) };
    let kind = text(0, context)?;
    let payload = wxemu_js::json::from_str(&text(1, context)?).map_err(|e| JsNativeError::range().with_message(e))?;
    let field = |name: &str| payload.get(name).cloned().unwrap_or(Value::Null);
    let number = |name: &str| field(name).as_u64().unwrap_or(0);
    let string = |name: &str| field(name).as_str().unwrap_or_default().to_string();
    let message = match kind.as_str() {
        "setData" => Message::SetData { instance: number("instance") as u32, patch: field("patch").as_object().cloned().unwrap_or_default(), callback: number("callback") as u32 },
        "nextTick" => Message::NextTick { callback: number("callback") as u32 },
        "timer" => Message::Timer { id: number("id") as u32, delay: field("delay").as_f64().unwrap_or(0.0) as u64, repeat: field("repeat").as_bool().unwrap_or(false) },
        "clearTimer" => Message::ClearTimer { id: number("id") as u32 },
        "api" => Message::Api { api: string("api"), call: number("call") as u32, args: payload.as_object().cloned().unwrap_or_default() },
        "log" => Message::Log { level: string("level"), text: string("text"), location: None },
        other => return Err(JsNativeError::typ().with_message(format!("the framework posts no `{other}` messages")).into()),
    };
    context.get_data::<Outbox>().expect("installed at start").borrow_mut().push(message);
    Ok(JsValue::undefined())
}

/// `__wxemuCanIUse(schema)`: whether the base library the app runs on has `schema`.
fn can_i_use(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let schema = args.first().cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped();
    let sdk = context.get_data::<SharedHost>().expect("installed at start").borrow().system.sdk;
    Ok(JsValue::from(Database::get().can_i_use(&schema, sdk)))
}

/// `__wxemuCall(api, options)`: a synchronous `wx` call carried out by the host. It returns
/// the result, or throws the platform's Error ("<api>:fail <reason>", or "not supported by
/// wxemu yet: wx.<api>"). The framework passes plain data only; it crosses as values, not
/// JSON text, which boa parses slowly.
fn call_host(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let api = args.first().cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped();
    wxemu_js::json::check_depth(&args.get(1).cloned().unwrap_or_default(), context)?;
    let options = match args.get(1).map(|o| o.to_json(context)).transpose()?.flatten() {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let host = context.get_data::<SharedHost>().expect("installed at start").clone();
    let answer = host.borrow_mut().call(&api, &options);
    let message = match answer {
        Ok(result) => return JsValue::from_json(&Value::Object(result), context),
        Err(Failure::Fail(reason)) => format!("{api}:fail {reason}"),
        Err(Failure::Unsupported) => format!("not supported by wxemu yet: wx.{api}"),
    };
    Err(JsError::from_native(JsNativeError::error().with_message(message)))
}

/// `__wxemuTriggerEvent(json)`: the handlers a component event reaches, as a JSON list of
/// `{instance, method, event}` for the framework to run.
fn trigger_event(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = args.first().cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped();
    let payload: Value = wxemu_js::json::from_str(&text).unwrap_or(Value::Null);
    let flag = |name: &str| payload.get(name).and_then(Value::as_bool).unwrap_or(false);
    let event = ComponentEvent {
        instance: payload.get("instance").and_then(Value::as_u64).unwrap_or(0) as u32,
        name: payload.get("name").and_then(Value::as_str).unwrap_or_default().to_string(),
        detail: payload.get("detail").cloned().unwrap_or(Value::Null),
        bubbles: flag("bubbles"),
        composed: flag("composed"),
        capture_phase: flag("capturePhase"),
    };
    let calls = context.get_data::<View>().map(|v| v.0.route(&event)).unwrap_or_default();
    let list: Vec<Value> = calls.into_iter().map(|(instance, method, event)| serde_json::json!({ "instance": instance, "method": method, "event": event })).collect();
    Ok(JsValue::from(JsString::from(Value::Array(list).to_string().as_str())))
}

/// `__wxemuSelectComponents(owner, selector)`: matching instance ids, as a JS array.
fn select_components(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let owner = args.first().and_then(JsValue::as_number).unwrap_or(0.0) as u32;
    let selector = args.get(1).cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped();
    let ids = context.get_data::<View>().map(|v| v.0.select_components(owner, &selector)).unwrap_or_default();
    Ok(JsValue::from(JsString::from(Value::from(ids).to_string().as_str())))
}

/// `__wxemuOwnerOf(instance)`: the owning instance's id, or 0.
fn owner_component(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let instance = args.first().and_then(JsValue::as_number).unwrap_or(0.0) as u32;
    let owner = context.get_data::<View>().and_then(|v| v.0.owner_of(instance)).unwrap_or(0);
    Ok(JsValue::from(owner))
}

/// `__wxemuAncestors(instance)`: the component ids around it, nearest first, as JSON.
fn ancestors(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let instance = args.first().and_then(JsValue::as_number).unwrap_or(0.0) as u32;
    let ids = context.get_data::<View>().map(|v| v.0.ancestors(instance)).unwrap_or_default();
    Ok(JsValue::from(JsString::from(Value::from(ids).to_string().as_str())))
}
