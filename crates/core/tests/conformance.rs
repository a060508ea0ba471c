//! Behaviours real test suites found wxemu getting wrong, each checked against what the
//! platform (wcc, exparser, the base library) does.

use serde_json::{json, Value as Json};
use wxemu_core::{LaunchOptions, Simulator};

/// Launches an app made of `files` (app.json and app.js are added when not given).
fn app(files: &[(&str, &str)]) -> (tempfile::TempDir, Simulator) {
    let dir = tempfile::tempdir().unwrap();
    let defaults = [("app.json", r#"{ "pages": ["pages/index/index"] }"#), ("app.js", "App({})")];
    for (path, text) in defaults.iter().filter(|(p, _)| !files.iter().any(|(f, _)| f == p)).chain(files) {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let sim = Simulator::launch(dir.path(), LaunchOptions::default()).expect("the app launches");
    (dir, sim)
}

fn eval(sim: &mut Simulator, function: &str) -> Json {
    sim.evaluate(function, &[]).unwrap_or_else(|e| panic!("{function}: {e}"))
}

const PAGE_JS: (&str, &str) = ("pages/index/index.js", "Page({ data: { a: 1, b: 2, zero: 0, empty: '' } })");

#[test]
fn templates_render_as_wcc_compiles_them() {
    let wxml = r#"<wxs module="this">module.exports = { twice: function (n) { return n * 2 } }</wxs>
<view class="probe" id="nested" data-list="{{[[a], [b, [a]]]}}">{{ [[a], [b, [a]]][1][1][0] }}</view>
<view class="probe" id="this">{{ this.twice(a) }}</view>
<include src="missing.wxml"/>
<view class="probe" id="h1" hidden="{{''}}">shown</view>
<view class="probe" id="h2" hidden="{{zero}}">shown</view>
<view class="probe" id="h3" hidden>hidden</view>
<view class="probe" id="h4" hidden="false">hidden</view>"#;
    let (_dir, mut sim) = app(&[PAGE_JS, ("pages/index/index.wxml", wxml)]);
    let messages: Vec<String> = sim.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with("pages/index/index.wxml:4:1: warning: file `pages/index/missing.wxml` not found"), "a missing include is a warning: {messages:?}");
    let found = |sim: &mut Simulator, selector: &str| sim.select_within(selector, &[]).unwrap().len();
    assert_eq!(found(&mut sim, "#nested"), 1);
    let shown = eval(&mut sim, "() => { wx.createSelectorQuery().selectAll('.probe').fields({ id: true, dataset: true, size: true }).exec(r => { globalThis.r = r[0] }) }");
    assert_eq!(shown, Json::Null);
    sim.advance(0);
    let nodes = eval(&mut sim, "() => globalThis.r.map(n => [n.id, n.height > 0, n.dataset.list || null])");
    assert_eq!(nodes, json!([["nested", true, [[1], [2, [1]]]], ["this", true, null], ["h1", true, null], ["h2", true, null], ["h3", false, null], ["h4", false, null]]));
    let texts: Vec<Option<String>> = ["#nested", "#this"].iter().map(|s| sim.select_within(s, &[]).unwrap().first().and_then(|p| sim.element_text(p))).collect();
    assert_eq!(texts, [Some("1".to_string()), Some("2".to_string())], "nested array literals and a WXS module named `this`");
}

#[test]
fn relations_unlink_after_detached() {
    let component = |name: &str, relation: &str, kind: &str| {
        format!(
            "Component({{ relations: {{ '{relation}': {{ type: '{kind}', linked() {{ log.push('{name} linked') }}, unlinked() {{ log.push('{name} unlinked') }} }} }},
               lifetimes: {{ attached() {{ log.push('{name} attached') }}, detached() {{ log.push('{name} detached') }} }} }})"
        )
    };
    let (_dir, mut sim) = app(&[
        ("app.js", "globalThis.log = []; App({})"),
        ("pages/index/index.js", "Page({ data: { show: true } })"),
        ("pages/index/index.json", r#"{ "usingComponents": { "list": "/c/list", "item": "/c/item" } }"#),
        ("pages/index/index.wxml", r#"<list wx:if="{{show}}"><item/></list>"#),
        ("c/list.json", r#"{ "component": true }"#),
        ("c/list.wxml", "<slot/>"),
        ("c/list.js", &component("list", "./item", "child")),
        ("c/item.json", r#"{ "component": true }"#),
        ("c/item.wxml", "<view>item</view>"),
        ("c/item.js", &component("item", "./list", "parent")),
    ]);
    eval(&mut sim, "() => { globalThis.log = [] }");
    eval(&mut sim, "() => getCurrentPages()[0].setData({ show: false })");
    sim.advance(0);
    let log = eval(&mut sim, "() => globalThis.log");
    let order = |name: &str| log.as_array().unwrap().iter().position(|e| e == name).unwrap_or_else(|| panic!("{name} in {log}"));
    assert!(order("item detached") < order("item unlinked") && order("list detached") < order("list unlinked"), "exparser: detached first, then unlinked: {log}");
}

#[test]
fn global_is_one_plain_object_every_script_shares() {
    let (_dir, mut sim) = app(&[
        ("app.js", "global.shared = 'from app'; App({})"),
        ("pages/index/index.js", "Page({ data: { seen: global.shared, same: global === globalThis, hasObject: global.Object === Object } })"),
        ("pages/index/index.wxml", "<view/>"),
    ]);
    assert_eq!(sim.page_data()["seen"], "from app");
    assert_eq!((sim.page_data()["same"].as_bool(), sim.page_data()["hasObject"].as_bool()), (Some(false), Some(false)));
}
