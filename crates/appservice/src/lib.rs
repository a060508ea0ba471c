//! The logic layer (the platform's AppService): page and component scripts run in one
//! boa_engine context with the framework half written in JavaScript under `runtime-js/`.
//!
//! So far this runs a page's script to read the definition it registers with `Page()` or
//! `Component()` and the data the page starts with. Lifecycles, setData, events and the
//! `wx` API come with the logic-layer issue; until then scripts that reach for them fail
//! with a clear "not supported by wxemu yet" error.

mod service;

pub use service::{AppService, Message, ScriptFailure};

use wxemu_js::boa_engine::{Context, Source};
use wxemu_js::{describe, install_modules, require};
use wxemu_package::resolve::script_candidates;
use wxemu_package::{Diagnostic, Package, Pos, Unit};

/// The registration half of the framework (Page, Component, Behavior).
const DEFINITION_JS: &str = include_str!("../../../runtime-js/definition.js");

/// Globals a page script may touch that this layer does not provide yet: each throws a
/// clear error when used instead of silently doing nothing.
const NOT_YET: &str = r#"
(function (g) {
  function notYet(name) {
    return new Error('not supported by wxemu yet: `' + name + '` while reading a page\'s initial data (the logic layer is not implemented yet)');
  }
  ['getApp', 'getCurrentPages', 'requirePlugin', 'setTimeout', 'setInterval'].forEach(function (name) {
    g[name] = function () { throw notYet(name + '()'); };
  });
  g.wx = new Proxy({}, { get: function (_, key) { throw notYet('wx.' + String(key)); } });
})(globalThis);
"#;

/// `require` in the logic layer, resolved the way the platform does.
fn resolve_script(from: &str, path: &str, exists: &dyn Fn(&str) -> bool) -> Option<String> {
    script_candidates(from, path).into_iter().find(|c| exists(c))
}

/// Runs the page's script (and the modules it requires) and returns the `data` it starts
/// with, as JSON. Errors name the failing file, line and column.
pub fn initial_data(package: &Package, page: &Unit) -> Result<serde_json::Value, Diagnostic> {
    let script_path = page.file("js");
    let root = package.root.clone();
    let mut context = wxemu_js::new_context(100_000_000);
    install_modules(&mut context, Box::new(move |path| std::fs::read_to_string(root.join(path)).ok()), resolve_script);
    for prelude in [DEFINITION_JS, NOT_YET] {
        context.eval(Source::from_bytes(prelude)).expect("the runtime-js preludes are valid JavaScript");
    }
    let fail = |e: wxemu_js::boa_engine::JsError, context: &mut Context| {
        let error = describe(&e, context);
        let (file, pos) = error.location(&script_path);
        Diagnostic::error(&file, pos, format!("page script failed: {}", error.message)).with_hint("fix the error in the script")
    };
    require(&mut context, "", &format!("/{script_path}")).map_err(|e| fail(e, &mut context))?;
    let json = context.eval(Source::from_bytes("__wxemuInitialData()")).map_err(|e| fail(e, &mut context))?;
    let text = json.to_string(&mut context).map_err(|e| fail(e, &mut context))?.to_std_string_escaped();
    serde_json::from_str(&text).map_err(|e| Diagnostic::error(&script_path, Pos::START, format!("page data is not JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package_with(page_js: &str) -> Package {
        let dir = tempfile::tempdir().unwrap().keep();
        std::fs::write(dir.join("app.json"), r#"{"pages": ["pages/a/a"]}"#).unwrap();
        std::fs::create_dir_all(dir.join("pages/a")).unwrap();
        std::fs::write(dir.join("pages/a/a.wxml"), "<view/>").unwrap();
        std::fs::write(dir.join("pages/a/a.js"), page_js).unwrap();
        Package::load(&dir)
    }

    #[test]
    fn page_data_is_read_from_page_registration() {
        let pkg = package_with("Page({ data: { n: 1, list: [{ id: 'a' }], f: function () {} }, onLoad() {} })");
        let data = initial_data(&pkg, &pkg.pages["pages/a/a"]).unwrap();
        assert_eq!(data, serde_json::json!({"n": 1, "list": [{"id": "a"}]}));
    }

    #[test]
    fn component_pages_start_with_property_defaults_and_behavior_data() {
        let pkg = package_with(
            "var b = Behavior({ data: { fromBehavior: true } });\nComponent({ behaviors: [b], properties: { s: String, n: { type: Number, value: 7 } }, data: { own: 'x' } })",
        );
        let data = initial_data(&pkg, &pkg.pages["pages/a/a"]).unwrap();
        assert_eq!(data, serde_json::json!({"fromBehavior": true, "s": "", "n": 7, "own": "x"}));
    }

    #[test]
    fn unsupported_globals_fail_loudly_with_position() {
        let pkg = package_with("\nconst app = getApp();\nPage({})");
        let err = initial_data(&pkg, &pkg.pages["pages/a/a"]).unwrap_err().to_string();
        assert!(err.contains("not supported by wxemu yet: `getApp()`"), "{err}");
        assert!(err.starts_with("pages/a/a.js:2:"), "{err}");
        let pkg = package_with("Page({ data: { w: wx.getSystemInfoSync() } })");
        let err = initial_data(&pkg, &pkg.pages["pages/a/a"]).unwrap_err().to_string();
        assert!(err.contains("not supported by wxemu yet: `wx.getSystemInfoSync`"), "{err}");
    }

    #[test]
    fn required_modules_load_and_their_errors_name_them() {
        let pkg = package_with("const util = require('../../utils/util')\nPage({ data: { label: util.label(2) } })");
        std::fs::create_dir_all(pkg.root.join("utils")).unwrap();
        std::fs::write(pkg.root.join("utils/util.js"), "module.exports = { label: n => `n=${n}` }").unwrap();
        assert_eq!(initial_data(&pkg, &pkg.pages["pages/a/a"]).unwrap(), serde_json::json!({"label": "n=2"}));
        std::fs::write(pkg.root.join("utils/util.js"), "\nmodule.exports = { label: n => n.x.y }").unwrap();
        let err = initial_data(&pkg, &pkg.pages["pages/a/a"]).unwrap_err().to_string();
        assert!(err.starts_with("utils/util.js:2:"), "{err}");
    }

    #[test]
    fn syntax_errors_name_the_file_and_place() {
        let pkg = package_with("Page({\n  data: {\n");
        let err = initial_data(&pkg, &pkg.pages["pages/a/a"]).unwrap_err().to_string();
        assert!(err.starts_with("pages/a/a.js:3:1: error: page script failed: SyntaxError"), "{err}");
    }
}
