//! The AppService against small packages written into a temp folder: lifecycles, setData
//! semantics, timers, console and error reporting.

use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use wxemu_appservice::wx::{Host, Profile, Sandbox, Storage, System};
use wxemu_appservice::{AppService, Message, SharedHost};
use wxemu_caniuse::{Database, Version};
use wxemu_package::Package;

fn package(files: &[(&str, &str)]) -> Package {
    let dir = tempfile::tempdir().unwrap().keep();
    let write = |path: &str, text: &str| {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("app.json", r#"{"pages": ["pages/a/a"]}"#);
    write("pages/a/a.wxml", "<view/>");
    for (path, text) in files {
        write(path, text);
    }
    Package::load(Path::new(&dir))
}

/// Host services for an iPhone 6 on base library `sdk`.
fn host(sdk: Version) -> SharedHost {
    Rc::new(RefCell::new(Host::new(System::new(Profile::IPHONE_6, sdk), Storage::in_memory(), Sandbox::temporary(Path::new(".")).unwrap())))
}

fn start(files: &[(&str, &str)]) -> AppService {
    AppService::start(&package(files), host(Database::get().newest())).unwrap()
}

/// Starts an app with `app_js` and pages/a/a.js = `page_js`, and creates that page.
fn start_page(app_js: &str, page_js: &str) -> (AppService, u32) {
    let mut app = start(&[("app.js", app_js), ("pages/a/a.js", page_js)]);
    let id = app.create_page("pages/a/a", &Map::new(), 0).unwrap();
    (app, id)
}

fn logs(messages: &[Message]) -> Vec<String> {
    messages.iter().filter_map(|m| if let Message::Log { level, text, .. } = m { Some(format!("{level}: {text}")) } else { None }).collect()
}

#[test]
fn lifecycles_run_in_order_with_query_and_this() {
    let mut app = start(&[
        ("app.js", "App({ onLaunch(o) { console.log('launch', o.path) }, onShow() { console.log('app show') } })"),
        ("pages/a/a.js", "Page({ data: { n: 1 }, onLoad(q) { console.log('load', q.id, this.route, this.data.n) }, onShow() { console.log('show') }, onReady() { console.log('ready', getCurrentPages().length) } })"),
    ]);
    app.app_lifecycle("onLaunch", Some(json!({"path": "pages/a/a", "query": {}})));
    app.app_lifecycle("onShow", None);
    let id = app.create_page("pages/a/a", &json!({"id": "7"}).as_object().unwrap().clone(), 0).unwrap();
    app.set_page_stack(&[id]);
    app.page_lifecycle(id, "onLoad", Some(json!({"id": "7"})));
    app.page_lifecycle(id, "onShow", None);
    app.page_lifecycle(id, "onReady", None);
    assert_eq!(logs(&app.take_messages()), ["log: launch pages/a/a", "log: app show", "log: load 7 pages/a/a 1", "log: show", "log: ready 1"]);
}

#[test]
fn set_data_converts_like_json_and_takes_paths() {
    let (mut app, id) = start_page(
        "App({})",
        r#"Page({
            data: { list: [{ name: 'a' }, { name: 'b' }], obj: {} },
            onLoad() {
                this.setData({ 'list[1].name': 'B', 'obj.deep.x': 1, 'grid[0][1]': 5, f: function () {}, u: undefined, d: new Date(0), keep: [1, undefined] });
                console.log(JSON.stringify(this.data.list), JSON.stringify(this.data.obj), JSON.stringify(this.data.grid), 'f' in this.data, 'u' in this.data, this.data.d);
            }
        })"#,
    );
    app.page_lifecycle(id, "onLoad", Some(json!({})));
    let messages = app.take_messages();
    let Message::SetData { instance, patch, callback } = &messages[0] else { panic!("{messages:?}") };
    assert_eq!((*instance, *callback), (id, 0));
    assert_eq!(Value::Object(patch.clone()), json!({"list[1].name": "B", "obj.deep.x": 1, "grid[0][1]": 5, "d": "1970-01-01T00:00:00.000Z", "keep": [1, null]}));
    assert_eq!(logs(&messages), [r#"log: [{"name":"a"},{"name":"B"}] {"deep":{"x":1}} [[null,5]] false false 1970-01-01T00:00:00.000Z"#]);
    assert_eq!(app.instance_data(id)["list"][1]["name"], "B");
}

#[test]
fn set_data_over_one_mebibyte_is_refused_and_callbacks_wait_for_the_view() {
    let (mut app, id) = start_page(
        "App({})",
        r#"Page({
            data: { s: '' },
            onLoad() {
                try { this.setData({ s: 'x'.repeat(1100000) }) } catch (e) { console.error(e.message) }
                this.setData({ s: 'small' }, () => console.log('applied', this.data.s));
            }
        })"#,
    );
    app.page_lifecycle(id, "onLoad", None);
    let messages = app.take_messages();
    assert!(logs(&messages)[0].starts_with("error: setData: data exceeds the maximum size of 1 MiB"), "{messages:?}");
    let callback = messages.iter().find_map(|m| if let Message::SetData { callback, .. } = m { Some(*callback) } else { None }).unwrap();
    assert_ne!(callback, 0);
    assert_eq!(app.instance_data(id)["s"], "small");
    assert!(logs(&app.take_messages()).is_empty(), "the callback runs only once the view applied the data");
    app.set_data_applied(callback);
    assert_eq!(logs(&app.take_messages()), ["log: applied small"]);
}

#[test]
fn timers_are_scheduled_through_the_host() {
    let (mut app, id) = start_page("App({})", "Page({ onLoad() { this.t = setTimeout((x) => console.log('fired', x), 300, 'arg'); const i = setInterval(() => {}, 50); clearInterval(i); } })");
    app.page_lifecycle(id, "onLoad", None);
    let messages = app.take_messages();
    assert_eq!(messages[0], Message::Timer { id: 1, delay: 300, repeat: false });
    assert_eq!(messages[1], Message::Timer { id: 2, delay: 50, repeat: true });
    assert_eq!(messages[2], Message::ClearTimer { id: 2 });
    app.fire_timer(1);
    app.fire_timer(1); // a one-shot timer fires once
    assert_eq!(logs(&app.take_messages()), ["log: fired arg"]);
}

#[test]
fn an_error_in_a_handler_is_reported_with_its_place_and_the_app_keeps_running() {
    let (mut app, id) =
        start_page("App({ onError(msg) { console.log('App.onError got', msg.split('\\n')[0]) } })", "Page({\n  onTap() {\n    null.boom;\n  },\n  onOk() { console.log('still alive') }\n})");
    app.call_method(id, "onTap", &json!({"type": "tap"}));
    app.call_method(id, "onOk", &json!({"type": "tap"}));
    let messages = app.take_messages();
    let Message::Error(failure) = &messages[0] else { panic!("{messages:?}") };
    assert!(failure.message.starts_with("TypeError"), "{failure:?}");
    assert_eq!(failure.during, "pages/a/a.onTap");
    let (file, pos) = failure.location.clone().unwrap();
    assert_eq!((file.as_str(), pos.line), ("pages/a/a.js", 3));
    assert_eq!(logs(&messages), ["log: App.onError got TypeError: cannot convert 'null' or 'undefined' to object", "log: still alive"]);
}

#[test]
fn globals_match_the_platform() {
    let (mut app, id) =
        start_page("App({ globalData: { v: 1 } })", "Page({ onLoad() { console.log(typeof window, typeof document, typeof fetch, typeof getApp().globalData.v); requirePlugin('p') } })");
    app.page_lifecycle(id, "onLoad", None);
    let messages = app.take_messages();
    assert_eq!(logs(&messages), ["log: undefined undefined undefined number"]);
    assert!(matches!(&messages[1], Message::Error(f) if f.message.contains("not supported by wxemu yet: plugins")), "{messages:?}");
}

#[test]
fn a_missing_app_js_is_an_error_and_a_missing_app_call_a_warning() {
    let err = AppService::start(&package(&[("pages/a/a.js", "Page({})")]), host(Database::get().newest())).err().unwrap();
    assert!(err.to_string().starts_with("app.js:1:1: error: the app has no app.js"), "{err}");
    let mut service = AppService::start(&package(&[("app.js", "var x = 1")]), host(Database::get().newest())).expect("an app.js without App() runs its pages");
    let warned = service.take_messages().into_iter().any(|m| matches!(m, Message::Log { level, text, .. } if level == "warn" && text.starts_with("app.js did not call App()")));
    assert!(warned, "with a warning");
}

#[test]
fn pages_built_with_component_start_with_property_defaults_and_behavior_data() {
    let (mut app, id) = start_page(
        "App({})",
        "var b = Behavior({ data: { fromBehavior: true } });\nComponent({ behaviors: [b], properties: { s: String, n: { type: Number, value: 7 } }, data: { own: 'x' }, methods: { onLoad(q) { console.log('loaded', q.k) } } })",
    );
    assert_eq!(app.instance_data(id), json!({"fromBehavior": true, "s": "", "n": 7, "own": "x"}));
    app.page_lifecycle(id, "onLoad", Some(json!({"k": "v"})));
    assert_eq!(logs(&app.take_messages()), ["log: loaded v"]);
}

#[test]
fn built_in_behaviors_add_their_properties_and_unknown_ones_fail_loudly() {
    let (mut app, id) = start_page("App({})", "Component({ behaviors: ['wx://form-field', 'wx://form-field-button'], data: { own: 1 } })");
    assert_eq!(app.instance_data(id), json!({"name": "", "value": null, "formType": "", "own": 1}));
    let mut app = start(&[("app.js", "App({})"), ("pages/a/a.js", "Component({ behaviors: ['wx://no-such'] })")]);
    let err = app.create_page("pages/a/a", &Map::new(), 0).unwrap_err();
    assert!(err.to_string().contains("not supported by wxemu yet: behavior \"wx://no-such\""), "{err}");
}

#[test]
fn page_scripts_require_modules_and_errors_name_the_module() {
    let mut app = start(&[
        ("app.js", "App({})"),
        ("pages/a/a.js", "const util = require('../../utils/util')\nPage({ data: { label: util.label(2) } })"),
        ("utils/util.js", "module.exports = { label: n => `n=${n}` }"),
        ("pages/b/b.js", "require('../../utils/broken')\nPage({})"),
        ("utils/broken.js", "\nmodule.exports = {;"),
    ]);
    let id = app.create_page("pages/a/a", &Map::new(), 0).unwrap();
    assert_eq!(app.instance_data(id), json!({"label": "n=2"}));
    let err = app.create_page("pages/b/b", &Map::new(), 0).unwrap_err().to_string();
    assert!(err.starts_with("utils/broken.js:2:"), "{err}");
    assert!(err.contains("page script failed: SyntaxError"), "{err}");
}

#[test]
fn wx_apis_the_framework_does_not_carry_out_go_to_the_host_or_throw() {
    let (mut app, id) = start_page("App({})", "Page({ onLoad() { wx.startBeaconDiscovery({ uuids: [] }) }, onShow() { wx.getNFCAdapter() } })");
    app.page_lifecycle(id, "onLoad", None);
    let messages = app.take_messages();
    assert!(matches!(&messages[..], [Message::Api { api, .. }] if api == "startBeaconDiscovery"), "an asynchronous API is the host's to answer: {messages:?}");
    app.page_lifecycle(id, "onShow", None);
    let messages = app.take_messages();
    assert!(matches!(&messages[0], Message::Error(f) if f.message.contains("not supported by wxemu yet: wx.getNFCAdapter")), "{messages:?}");
}

#[test]
fn wx_has_the_members_of_its_base_library_and_can_i_use_answers_for_it() {
    let script = "App({ onLaunch() { console.log(typeof wx.getWindowInfo, 'getWindowInfo' in wx, typeof wx.canIUse === 'function' && wx.canIUse('getSystemInfoSync.return.safeArea.left'), wx.canIUse('button.open-type.contact'), wx.noSuchApi) } })";
    let mut old = AppService::start(&package(&[("app.js", script)]), host(Version(2, 6, 0))).unwrap();
    old.app_lifecycle("onLaunch", None);
    let mut new = AppService::start(&package(&[("app.js", script)]), host(Database::get().newest())).unwrap();
    new.app_lifecycle("onLaunch", None);
    let logged = |app: &mut AppService| {
        app.take_messages().into_iter().find_map(|m| match m {
            Message::Log { text, .. } => Some(text),
            _ => None,
        })
    };
    assert_eq!(logged(&mut old).as_deref(), Some("undefined false false true undefined"));
    assert_eq!(logged(&mut new).as_deref(), Some("function true true true undefined"));
    let mut oldest = AppService::start(&package(&[("app.js", "App({ onLaunch() { console.log(typeof wx.canIUse) } })")]), host(Version(1, 0, 0))).unwrap();
    oldest.app_lifecycle("onLaunch", None);
    assert_eq!(logged(&mut oldest).as_deref(), Some("undefined"), "canIUse came with 1.1.1");
}

#[test]
fn a_runaway_loop_is_stopped_and_named() {
    let (mut app, id) = start_page("App({})", "Page({\n  onTap() {\n    let n = 0\n    while (true) { n++ }\n  },\n  onOk() { console.log('still alive') }\n})");
    app.call_method(id, "onTap", &json!({"type": "tap"}));
    app.call_method(id, "onOk", &json!({"type": "tap"}));
    let messages = app.take_messages();
    let Message::Error(failure) = &messages[0] else { panic!("{messages:?}") };
    assert!(failure.message.starts_with("a loop ran more than 10000000 iterations and was stopped"), "{failure:?}");
    assert_eq!(failure.during, "pages/a/a.onTap");
    // boa locates limit errors at the function that ran the loop.
    let (file, pos) = failure.location.clone().expect("located");
    assert_eq!((file.as_str(), pos.line), ("pages/a/a.js", 2));
    assert_eq!(logs(&messages), ["log: still alive"]);
}

#[test]
fn wx_can_i_use_answers_the_sampled_schemas_on_either_side_of_their_version() {
    // crates/caniuse/tests/sample.txt: schema, the version that introduced it, the release
    // before. One app per version asks for every schema that concerns it (from 1.1.1, which
    // brought wx.canIUse itself).
    let text = include_str!("../../caniuse/tests/sample.txt");
    let mut by_version: std::collections::BTreeMap<Version, Vec<(String, bool)>> = Default::default();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let version = |i: usize| Version::parse(fields[i]).unwrap();
        by_version.entry(version(1)).or_default().push((fields[0].to_string(), true));
        by_version.entry(version(2)).or_default().push((fields[0].to_string(), false));
    }
    let mut checked = 0;
    for (version, schemas) in by_version.into_iter().filter(|(v, _)| *v >= Version(1, 1, 1)) {
        let list = serde_json::to_string(&schemas.iter().map(|(s, _)| s).collect::<Vec<_>>()).unwrap();
        let script = format!("App({{ onLaunch() {{ console.log(JSON.stringify({list}.map(function (s) {{ return wx.canIUse(s) }}))) }} }})");
        let mut app = AppService::start(&package(&[("app.js", &script)]), host(version)).unwrap();
        app.app_lifecycle("onLaunch", None);
        let answers = app.take_messages().into_iter().find_map(|m| match m {
            Message::Log { text, .. } => Some(text),
            _ => None,
        });
        let expected = serde_json::to_string(&schemas.iter().map(|(_, yes)| yes).collect::<Vec<_>>()).unwrap();
        assert_eq!(answers.as_deref(), Some(expected.as_str()), "on {version}: {schemas:?}");
        checked += schemas.len();
    }
    assert!(checked >= 600, "{checked} answers");
}

#[test]
fn no_internal_helper_is_reachable_from_app_code() {
    let probe = r#"
        var seen = [];
        var global = Function('return this')();
        var names = Object.getOwnPropertyNames(global).concat(Object.getOwnPropertySymbols(global).map(String));
        names.forEach(function (n) { if (/wxemu|__/i.test(n)) seen.push(n); });
        for (var k in global) if (/wxemu/i.test(k)) seen.push(k);
        ['__wxemuSource', '__wxemuCall', '__wxemuPost', '__wxemu', '__wxemuKit', '__wxemuRequire', '__wxemuCompile'].forEach(function (n) {
          try { if (eval('typeof ' + n) !== 'undefined') seen.push(n); } catch (e) {}
        });
        console.log('seen: [' + seen.join(',') + ']');
    "#;
    let mut app = start(&[("app.js", &format!("{probe} App({{}})"))]);
    let lines = logs(&app.take_messages());
    assert_eq!(lines, ["log: seen: []"]);
    // `evaluate` (automator's App.callFunction, wxemu test's app.evaluate) sees what app code sees.
    let found = app.evaluate("() => [typeof __wxemu, typeof __wxemuSource, typeof __wxemuCall, typeof globalThis.__wxemuKit].join()", &[]);
    assert_eq!(found, Ok(json!("undefined,undefined,undefined,undefined")));
}

#[test]
fn require_stays_inside_the_package() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.js"), "module.exports = 'secret'").unwrap();
    let package = package(&[("app.js", "var r = []; ['../secret', '/../secret', '../../../../../../etc/hostname', './link', './link.js'].forEach(function (p) { try { r.push(require(p)); } catch (e) { r.push(e.message || String(e)); } }); console.log(r.join(' | ')); App({})")]);
    std::os::unix::fs::symlink(dir.path().join("secret.js"), package.root.join("link.js")).unwrap();
    let mut app = AppService::start(&package, host(Database::get().newest())).unwrap();
    let lines = logs(&app.take_messages());
    assert_eq!(lines.len(), 1);
    assert!(!lines[0].contains("secret |") && !lines[0].ends_with("secret"), "{}", lines[0]);
    assert!(lines[0].contains("link.js leads out of the package"), "{}", lines[0]);
}

#[test]
fn the_console_methods_people_use_work() {
    let mut app = start(&[("app.js", "console.group('g'); console.count(); console.count(); console.groupEnd(); console.assert(1 === 2, 'wrong', 3); console.assert(true, 'fine'); console.time('t'); console.timeEnd('t'); console.table([{ a: 1 }]); console.trace('here'); App({})")]);
    assert_eq!(logs(&app.take_messages()), ["log: g", "log:   default: 1", "log:   default: 2", "error: Assertion failed: wrong 3", "log: t: 0 ms", "log: [{\"a\":1}]", "log: here"]);
}

#[test]
fn data_a_thousand_levels_deep_reaches_the_host_whole() {
    let (mut app, id) = start_page("App({})", "var o = { v: 'bottom' }; for (var i = 0; i < 1000; i++) o = { a: o }; Page({ data: { deep: o } })");
    let mut data = app.instance_data(id)["deep"].clone();
    for _ in 0..1000 {
        data = data["a"].clone();
    }
    assert_eq!(data["v"], "bottom");
}

#[test]
fn arrows_inside_arrows_see_the_methods_this() {
    let script = "var o = { f() { return 7 }, m() { var out; [1].forEach(() => { [2].forEach(() => { out = this.f() }) }); return out } }; console.log('got', o.m()); App({})";
    let mut app = start(&[("app.js", script)]);
    assert_eq!(logs(&app.take_messages()), ["log: got 7"]);
}

#[test]
fn arrows_inside_arrows_see_the_methods_this_in_a_page_script() {
    let script = "var o = { f() { return 7 }, m() { var out; [1].forEach(() => { [2].forEach(() => { out = this.f() }) }); return out } }; console.log('got', o.m()); Page({})";
    let (mut app, _) = start_page("App({})", script);
    assert_eq!(logs(&app.take_messages()), ["log: got 7"]);
}
