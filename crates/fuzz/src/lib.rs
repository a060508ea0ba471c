//! The fuzz targets: each takes what an app could give wxemu and runs it through the code
//! that reads it, the way a running app does. None may panic, abort or hang, whatever the
//! input; errors are fine (they are what the app's author sees). `tests/fuzz.rs` feeds them
//! generated input (proptest), `tests/corpus.rs` the minimised cases kept in `corpus/`.
//! Each runs on a thread with the stack wxemu's commands run on.

use wxemu_js::boa_engine::{JsString, JsValue, Source};
use wxemu_package::FileError;
use wxemu_wxml::{Program, Renderer, Value};

/// The data templates render with: lists, nested objects, strings with markup.
fn data() -> Value {
    Value::from_json(&serde_json::json!({
        "list": [1, "two", { "a": [3] }, null],
        "obj": { "a": { "b": "<b>&amp;</b>" }, "n": 1e21 },
        "s": "中文 'quote' \"dq\"",
        "n": -0.5,
    }))
}

/// Runs `f` on a thread with [`wxemu_package::STACK_BYTES`] of stack, as the commands do.
fn on_deep_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let thread = std::thread::Builder::new().stack_size(wxemu_package::STACK_BYTES).spawn(f).expect("a thread");
    thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// A WXML file (as `index.wxml`; `other.wxml` and `m.wxs` exist beside it): compiled with
/// its imports and includes, its WXS run, rendered with [`data`], printed.
pub fn wxml(source: &str) -> String {
    let source = source.to_string();
    on_deep_stack(move || render(&source))
}

fn render(source: &str) -> String {
    let read = move |path: &str| match path {
        "index.wxml" => Ok(source.to_string()),
        "other.wxml" => Ok("<template name=\"t\"><view>{{a}}</view></template><view>inc</view>".to_string()),
        "m.wxs" => Ok("module.exports = { f: function (x) { return x + 1; } };".to_string()),
        _ => Err(FileError::Missing),
    };
    let program = Program::load("index.wxml", &mut |p| read(p));
    let owned = source.to_string();
    let files = move |path: &str| match path {
        "index.wxml" => Ok(owned.clone()),
        "m.wxs" => Ok("module.exports = { f: function (x) { return x + 1; } };".to_string()),
        _ => Err(FileError::Missing),
    };
    let (mut wxs, modules, _) = wxemu_wxs::WxsRuntime::load(&program, Box::new(files));
    let mut renderer = Renderer::new(&program, &modules, &mut wxs);
    let nodes = renderer.render_file("index.wxml", &data());
    wxemu_wxml::dump::to_wxml(&nodes)
}

/// A `{{ }}` expression: parsed, and evaluated against [`data`] when it parses.
pub fn expression(source: &str) -> String {
    wxml(&format!("<view attr=\"{{{{{source}}}}}\">{{{{{source}}}}}</view>"))
}

/// A WXSS file (as `index.wxss`; `a.wxss` exists beside it): loaded with its imports, rpx
/// converted, parsed into rules.
pub fn wxss(source: &str) -> usize {
    let source = source.to_string();
    on_deep_stack(move || load_sheet(&source))
}

fn load_sheet(source: &str) -> usize {
    let read = |path: &str| match path {
        "index.wxss" => Ok(source.to_string()),
        "a.wxss" => Ok(".a { width: 10rpx; }".to_string()),
        _ => Err(FileError::Missing),
    };
    let sheet = wxemu_wxss::load("index.wxss", &wxemu_wxss::Device::IPHONE_6, &read);
    sheet.rules.len() + sheet.diagnostics.len()
}

/// A package: `app.json` and the first page's `.json` as given, loaded from a folder on
/// disk with every page and component they name.
pub fn package(app_json: &str, page_json: &str) -> usize {
    let (app_json, page_json) = (app_json.to_string(), page_json.to_string());
    on_deep_stack(move || load_package(&app_json, &page_json))
}

fn load_package(app_json: &str, page_json: &str) -> usize {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |path: &str, text: &str| {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().expect("a parent")).expect("a folder");
        std::fs::write(file, text).expect("a file");
    };
    write("app.json", app_json);
    write("pages/index/index.json", page_json);
    write("pages/index/index.wxml", "<view/>");
    write("pages/index/index.js", "Page({})");
    let package = wxemu_package::Package::load(dir.path());
    package.diagnostics.len() + package.pages.len()
}

/// What setData does with data: the app's value (JSON text parsed by the engine's JSON.parse)
/// turned into JSON by JSON.stringify, read by the host, and set at `path` (a setData key)
/// in the view's data.
pub fn set_data(path: &str, json: &str) -> String {
    let (path, json) = (path.to_string(), json.to_string());
    on_deep_stack(move || set_data_here(&path, &json))
}

fn set_data_here(path: &str, json: &str) -> String {
    let text = {
        let context = &mut wxemu_js::new_context(1_000_000);
        let parse = context.eval(Source::from_bytes("(function (t) { return JSON.stringify(JSON.parse(t)); })")).expect("a function");
        let parse = parse.as_callable().expect("callable");
        match parse.call(&JsValue::undefined(), &[JsString::from(json).into()], context) {
            Ok(v) => v.as_string().map(|s| s.to_std_string_escaped()),
            Err(_) => None,
        }
    };
    let Some(text) = text else { return String::new() };
    let Ok(value) = wxemu_js::json::from_str(&text) else { return String::new() };
    let mut data = data();
    match data.set_path(path, Value::from_json(&value)) {
        Ok(()) => data.to_json().map(|j| j.to_string()).unwrap_or_default(),
        Err(e) => e,
    }
}
