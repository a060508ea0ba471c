//! Behaviours real test suites found wxemu getting wrong, each checked against what the
//! platform (wcc, exparser, the base library) does.

use serde_json::{json, Value as Json};
use wxemu_core::{LaunchOptions, Simulator};

/// Launches an app made of `files` (app.json and app.js are added when not given).
fn app(files: &[(&str, &str)]) -> (tempfile::TempDir, Simulator) {
    let dir = tempfile::tempdir().unwrap();
    let defaults = [("app.json", r#"{ "pages": ["pages/index/index"] }"#), ("app.js", "App({})"), ("sitemap.json", r#"{ "rules": [{ "action": "allow", "page": "*" }] }"#)];
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
<view class="probe" id="nested" data-list="{{[[a], [b, [a]]]}}">{{ [[a], [b, [a]]] }}</view>
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
    assert_eq!(texts, [Some("1,2,1".to_string()), Some("2".to_string())], "nested array literals and a WXS module named `this`");
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

#[test]
fn the_client_apis_real_apps_call() {
    let (_dir, mut sim) = app(&[("ext.json", r#"{ "extEnable": true, "extAppid": "wx0", "ext": { "shopId": 42 } }"#), ("pages/index/index.js", "Page({})"), ("pages/index/index.wxml", "<view/>")]);
    assert_eq!(eval(&mut sim, "() => wx.getExtConfigSync().shopId"), 42);
    eval(
        &mut sim,
        r#"() => {
        globalThis.seen = [];
        const note = (name) => ({ success: r => seen.push([name, r.errMsg]), fail: r => seen.push([name, r.errMsg]) });
        wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'], ...note('show') });
        wx.getPrivacySetting({ success: r => seen.push(['privacy', r.needAuthorization, r.privacyContractName]) });
        wx.getBackgroundFetchData({ fetchType: 'periodic', ...note('fetch') });
        wx.onMenuButtonBoundingClientRectWeightChange(() => seen.push(['weight']));
        try { wx.cloud.database() } catch (e) { seen.push(['cloud', e.message]) }
        wx.cloud.init();
        wx.cloud.callFunction({ name: 'f', fail: r => seen.push(['callFunction', r.errMsg]) });
    }"#,
    );
    sim.advance(0);
    let seen = eval(&mut sim, "() => seen");
    assert_eq!(seen[0][1].as_str().map(|s| s.starts_with("not supported by wxemu yet: wx.cloud.database")), Some(true), "{seen}");
    assert_eq!(seen[1], json!(["show", "showShareMenu:ok"]));
    assert_eq!(seen[2], json!(["privacy", true, "《小程序小程序隐私保护指引》"]));
    assert_eq!(seen[3][1].as_str().map(|s| s.starts_with("getBackgroundFetchData:fail")), Some(true), "{seen}");
    assert!(seen.as_array().unwrap().iter().any(|s| s[0] == "callFunction" && s[1].as_str().is_some_and(|m| m.starts_with("cloud.callFunction:fail not supported by wxemu yet"))), "{seen}");
    assert_eq!(seen.as_array().unwrap().len(), 5, "the menu button never changes: {seen}");
    let errors: Vec<String> = sim.take_console().into_iter().filter(|e| e.level == "error").map(|e| e.text).collect();
    assert!(errors.iter().any(|e| e.starts_with("not supported by wxemu yet: wx.cloud.init")), "init says so: {errors:?}");
}

#[test]
fn ads_are_never_filled() {
    let (_dir, mut sim) = app(&[PAGE_JS]);
    eval(
        &mut sim,
        r#"() => {
        globalThis.seen = [];
        const ad = wx.createInterstitialAd({ adUnitId: 'adunit-1' });
        ad.onError(e => seen.push(['onError', e.errCode]));
        ad.show().catch(e => seen.push(['show', e.errMsg]));
        const video = wx.createRewardedVideoAd({ adUnitId: 'adunit-2' });
        video.load().catch(e => seen.push(['load', e.errCode]));
    }"#,
    );
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => seen"), json!([["onError", 1004], ["onError", 1004], ["show", "show:fail no advertisement"], ["load", 1004]]));
    let console = sim.take_console();
    assert!(console.iter().all(|e| e.level != "error"), "{console:?}");
    assert_eq!(console.iter().filter(|e| e.level == "warn" && e.text.starts_with("wxemu serves no ads")).count(), 1, "{console:?}");
}

#[test]
fn the_privacy_guide_is_answered_by_the_client_popup_or_the_apps_own() {
    let files = [("pages/index/index.js", "Page({})"), ("pages/index/index.wxml", "<view/>")];
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files.iter().chain(&[("app.json", r#"{ "pages": ["pages/index/index"] }"#), ("app.js", "App({})")]) {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let answers = wxemu_core::parse_answers("privacy=disagree").unwrap();
    let mut sim = Simulator::launch(dir.path(), LaunchOptions { answers, ..LaunchOptions::default() }).unwrap();
    eval(&mut sim, "() => { globalThis.seen = []; wx.requirePrivacyAuthorize({ fail: r => seen.push(r.errMsg) }) }");
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => seen"), json!(["requirePrivacyAuthorize:fail privacy permission is not authorized"]));

    let (_dir, mut sim) = app(&files);
    eval(
        &mut sim,
        r#"() => {
        globalThis.seen = [];
        wx.onNeedPrivacyAuthorization((resolve, info) => { seen.push(info.referrer); resolve({ event: 'agree', buttonId: 'agree' }) });
        wx.requirePrivacyAuthorize({ success: r => seen.push(r.errMsg) });
    }"#,
    );
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => seen"), json!(["requirePrivacyAuthorize", "requirePrivacyAuthorize:ok"]));
    eval(&mut sim, "() => wx.getPrivacySetting({ success: r => seen.push(r.needAuthorization) })");
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => seen")[2], false, "agreed once, asked no more");
}

/// The console lines of launching a page whose script is `script`, on `device`.
fn console_of(script: &str, device: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [("app.json", r#"{ "pages": ["pages/index/index"] }"#), ("app.js", "App({})"), ("pages/index/index.wxml", "<view/>"), ("pages/index/index.js", script)] {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let device = wxemu_core::Profile::named(device);
    let mut sim = Simulator::launch(dir.path(), LaunchOptions { device, ..LaunchOptions::default() }).unwrap();
    sim.advance(0);
    sim.take_console().iter().map(ToString::to_string).collect()
}

#[test]
fn the_javascript_the_platform_gives() {
    let script = "console.log(NaN, [NaN, Infinity], { a: NaN, s: 'x' }, -Infinity)
console.log(new Date('2020/01/02 03:04:05').getTime() === new Date(2020, 0, 2, 3, 4, 5).getTime(), Date.parse('Jan 2, 2020') === new Date(2020, 0, 2).getTime(), new Date() instanceof Date)
console.log(String(new Date('2020-01-02 03:04:05').getTime()))
async function later() {
  await null
  throw new Error('async boom')
}
later()
Page({})";
    let ios = console_of(script, "iPhone 6");
    assert_eq!(ios[0], r#"console.log: NaN [NaN,Infinity] {"a":NaN,"s":"x"} -Infinity"#);
    assert_eq!(ios[1], "console.log: true true true", "the date strings apps parse");
    assert!(ios[2].starts_with(r#"console.warn: new Date("2020-01-02 03:04:05") 在部分 iOS 下无法正常使用"#), "{ios:#?}");
    assert_eq!(ios[3], "console.log: NaN", "an iOS phone refuses a space between date and time");
    assert_eq!(ios[4], "console.error: Uncaught (in promise) Error: async boom (pages/index/index.js:6:9)", "an error thrown in an async function keeps its place");
    let android = console_of(script, "Pixel 5");
    assert!(android[3].parse::<f64>().is_err() && android[3] != "console.log: NaN", "an Android phone reads it: {android:#?}");
}

#[test]
fn items_whose_wx_key_is_the_same_stay_distinct_components() {
    // `wx:key="index"` names a field the items lack: every key is undefined. Each item is
    // still its own component (an observer that sets data once per change settles).
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({ data: { list: [{ name: 'home' }, { name: 'user' }] } })"),
        ("pages/index/index.json", r#"{ "usingComponents": { "icon": "/c/icon" } }"#),
        ("pages/index/index.wxml", r#"<icon class="icon" wx:for="{{list}}" wx:key="index" name="{{item.name}}"/>"#),
        ("c/icon.json", r#"{ "component": true }"#),
        ("c/icon.wxml", "<view>{{label}}</view>"),
        ("c/icon.js", "Component({ properties: { name: String }, data: { label: '' }, observers: { name(name) { this.setData({ label: 'icon-' + name }) } } })"),
    ]);
    sim.advance(0);
    let labels = eval(&mut sim, "() => getCurrentPages()[0].selectAllComponents('.icon').map(c => c.data.label)");
    assert_eq!(labels, json!(["icon-home", "icon-user"]));
}

#[test]
fn setdata_callbacks_that_never_end_are_stopped_with_an_error() {
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({ data: { n: 0 }, onLoad() { const again = () => this.setData({ n: this.data.n + 1 }, again); again() } })"),
        ("pages/index/index.wxml", "<view>{{n}}</view>"),
    ]);
    sim.advance(0);
    let errors: Vec<String> = sim.take_console().into_iter().filter(|e| e.level == "error").map(|e| e.text).collect();
    assert!(errors.iter().any(|e| e.contains("callbacks at 0 ms without the clock moving")), "{errors:?}");
    sim.advance(10);
    assert!(sim.now() >= 10, "the clock moves on");
}

#[test]
fn arrows_inside_arrows_see_the_methods_this() {
    let script = "const o = { f() { return 7 }, m() { let out; [1].forEach(() => { [2].forEach(() => { out = this.f() }) }); return out } }\nconsole.log('arrows', o.m())\nPage({})";
    assert_eq!(console_of(script, "iPhone 6"), ["console.log: arrows 7"]);
}

#[test]
fn the_instance_methods_people_call() {
    let (_dir, mut sim) = app(&[
        ("app.json", r#"{ "pages": ["pages/index/index", "pages/index/other"] }"#),
        ("pages/index/index.js", "Page({ data: { n: 0 } })"),
        ("pages/index/index.json", r#"{ "usingComponents": { "navigation-bar": "/c/nav" } }"#),
        ("pages/index/index.wxml", r#"<navigation-bar id="bar" title="mine"/>"#),
        ("pages/index/other.js", "Page({ onLoad() { this.getOpenerEventChannel().emit('arrived', 'other') } })"),
        ("pages/index/other.wxml", "<view>other</view>"),
        ("c/nav.json", r#"{ "component": true }"#),
        ("c/nav.wxml", r#"<view class="bar">{{title}}</view>"#),
        ("c/nav.js", "globalThis.shared = Behavior({}); Component({ behaviors: [shared, 'wx://form-field'], properties: { title: String }, data: { n: 0 } })"),
    ]);
    let got = eval(
        &mut sim,
        r#"() => {
        const page = getCurrentPages()[0];
        const bar = page.selectComponent('#bar');
        bar.groupSetData(() => { bar.setData({ n: 1 }); page.setData({ n: 2 }) });
        let loud = '';
        try { bar.animate('.bar', [{ opacity: 0 }], 100, { scrollSource: '#list' }) } catch (e) { loud = e.message }
        return [bar.getPageId() === page.getPageId(), bar.hasBehavior(shared), bar.hasBehavior('wx://form-field'), bar.hasBehavior({}), bar.data.n, page.data.n, loud]
    }"#,
    );
    assert_eq!(got, json!([true, true, true, false, 1, 2, "not supported by wxemu yet: this.animate with a scrollSource (scroll-driven animations)"]));
    let texts: Vec<String> = sim.select_within("#bar", &[]).unwrap().iter().filter_map(|p| sim.element_text(p)).collect();
    assert_eq!(texts, ["mine"], "a custom component named like a built-in one is the custom one");
    eval(&mut sim, "() => { globalThis.heard = []; getCurrentPages()[0].pageRouter.navigateTo({ url: './other', events: { arrived: (who) => heard.push(who) } }) }");
    sim.advance(0);
    assert_eq!(sim.current_route(), Some("pages/index/other"), "pageRouter resolves a url relative to the page");
    assert_eq!(eval(&mut sim, "() => heard"), json!(["other"]));
}

#[test]
fn a_component_finds_its_own_template_from_created_on() {
    // exparser builds a component's own template before `created`: van-datetime-picker
    // finds its inner picker from its first property observer.
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({})"),
        ("pages/index/index.json", r#"{ "usingComponents": { "outer": "/c/outer" } }"#),
        ("pages/index/index.wxml", r#"<outer id="outer" kind="date"/>"#),
        ("c/outer.json", r#"{ "component": true, "usingComponents": { "inner": "/c/inner" } }"#),
        ("c/outer.wxml", r#"<inner class="inner"/>"#),
        ("c/outer.js", "globalThis.found = []; Component({ properties: { kind: { type: String, observer() { found.push(['observer', !!this.selectComponent('.inner')]) } } }, lifetimes: { created() { found.push(['created', !!this.selectComponent('.inner')]) }, attached() { found.push(['attached', !!this.selectComponent('.inner')]) } } })"),
        ("c/inner.json", r#"{ "component": true }"#),
        ("c/inner.wxml", "<view>inner</view>"),
        ("c/inner.js", "Component({})"),
    ]);
    assert_eq!(eval(&mut sim, "() => found"), json!([["created", true], ["observer", true], ["attached", true]]));
}

#[test]
fn a_page_takes_the_methods_and_data_of_its_behaviors() {
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "const theme = Behavior({ data: { theme: 'light', n: 1 }, methods: { themeChanged(t) { this.setData({ theme: t }) } } })\nPage({ behaviors: [theme], data: { n: 2 }, onLoad() { this.themeChanged('dark') } })"),
        ("pages/index/index.wxml", "<view>{{theme}}</view>"),
    ]);
    assert_eq!((sim.page_data()["theme"].as_str(), sim.page_data()["n"].as_i64()), (Some("dark"), Some(2)));
}

/// A WAV file of `seconds` of 8 kHz, 8-bit mono silence.
fn wav(seconds: f64) -> Vec<u8> {
    let data = (8000.0 * seconds) as u32;
    let mut out = Vec::new();
    out.extend(b"RIFF");
    out.extend((36 + data).to_le_bytes());
    out.extend(b"WAVEfmt ");
    out.extend(16u32.to_le_bytes());
    out.extend(1u16.to_le_bytes()); // PCM
    out.extend(1u16.to_le_bytes()); // mono
    out.extend(8000u32.to_le_bytes()); // sample rate
    out.extend(8000u32.to_le_bytes()); // byte rate
    out.extend(1u16.to_le_bytes()); // block align
    out.extend(8u16.to_le_bytes()); // bits
    out.extend(b"data");
    out.extend(data.to_le_bytes());
    out.extend(std::iter::repeat_n(128u8, data as usize));
    out
}

#[test]
fn audio_plays_on_the_virtual_clock() {
    let (dir, mut sim) = app(&[("pages/index/index.js", "Page({})"), ("pages/index/index.wxml", "<view/>")]);
    std::fs::write(dir.path().join("beep.wav"), wav(0.6)).unwrap();
    eval(
        &mut sim,
        r#"() => {
        globalThis.heard = [];
        const audio = wx.createInnerAudioContext();
        globalThis.audio = audio;
        ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Seeked'].forEach(e => audio['on' + e](() => heard.push(e + ' ' + audio.currentTime)));
        audio.src = '/beep.wav';
        audio.play();
    }"#,
    );
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => [heard.splice(0), audio.paused, audio.duration]"), json!([["Canplay 0", "Play 0"], false, 0.6]));
    sim.advance(500);
    assert_eq!(eval(&mut sim, "() => heard.splice(0)"), json!(["TimeUpdate 0.25", "TimeUpdate 0.5"]));
    sim.advance(250);
    assert_eq!(eval(&mut sim, "() => [heard.splice(0), audio.paused]"), json!([["TimeUpdate 0.6", "Ended 0.6"], true]), "it ends at its duration");
    eval(&mut sim, "() => { audio.play(); audio.seek(0.1); audio.pause() }");
    sim.advance(1000);
    assert_eq!(eval(&mut sim, "() => [heard.splice(0), audio.currentTime]"), json!([["Play 0.1", "Seeked 0.1", "Pause 0.1"], 0.1]));
    eval(
        &mut sim,
        r#"() => {
        const bg = wx.getBackgroundAudioManager();
        bg.onError(e => heard.push('bg error ' + e.errMsg));
        bg.onPlay(() => heard.push('bg play'));
        bg.src = '/beep.wav';
        bg.title = 'Beep';
        bg.src = '/beep.wav';
        const missing = wx.createInnerAudioContext();
        missing.onError(e => heard.push('missing ' + e.errCode));
        missing.src = '/nothing.mp3';
        missing.play();
    }"#,
    );
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => heard.splice(0)"), json!(["bg error title is required before src is set", "bg play", "missing 10002"]));
}

#[test]
fn data_set_while_a_component_is_composed_is_drawn() {
    // quietweather's settings page: a setData from a wx callback answered during the first
    // composition of a page with a custom component.
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({ data: { x: 'a' }, onLoad() { this.setData({ y: 1 }); wx.getSystemInfo({ success: () => this.setData({ x: 'b' }) }) } })"),
        ("pages/index/index.json", r#"{ "usingComponents": { "c": "/c/c" } }"#),
        ("pages/index/index.wxml", r#"<c/><view id="x">{{x}}</view>"#),
        ("c/c.json", r#"{ "component": true }"#),
        ("c/c.wxml", "<view>c</view>"),
        ("c/c.js", "Component({})"),
    ]);
    sim.advance(0);
    let shown: Vec<String> = sim.select_within("#x", &[]).unwrap().iter().filter_map(|p| sim.element_text(p)).collect();
    assert_eq!(shown, ["b"]);
}

/// A component `inner` that shows one `item` component per entry of its `items` property.
const INNER_WITH_ITEMS: [(&str, &str); 6] = [
    ("c/inner.json", r#"{ "component": true, "usingComponents": { "item": "/c/item" } }"#),
    ("c/inner.wxml", r#"<item class="item" wx:for="{{items}}" wx:key="*this"/>"#),
    ("c/inner.js", "Component({ properties: { items: Array } })"),
    ("c/item.json", r#"{ "component": true }"#),
    ("c/item.wxml", "<view>item</view>"),
    ("c/item.js", "Component({})"),
];

#[test]
fn next_tick_comes_after_the_view_took_the_data_set_before_it() {
    // van-datetime-picker: `this.setData({ columns }); wx.nextTick(…)`, then it asks its inner
    // picker for the columns that property made (exparser applies setData at once).
    let (_dir, mut sim) = app(&[
        &INNER_WITH_ITEMS[..],
        &[
            ("pages/index/index.js", "Page({})"),
            ("pages/index/index.json", r#"{ "usingComponents": { "outer": "/c/outer" } }"#),
            ("pages/index/index.wxml", r#"<outer/>"#),
            ("c/outer.json", r#"{ "component": true, "usingComponents": { "inner": "/c/inner" } }"#),
            ("c/outer.wxml", r#"<inner class="inner" items="{{items}}"/>"#),
            (
                "c/outer.js",
                "globalThis.seen = []; Component({ data: { items: [] }, lifetimes: { created() {
                Promise.resolve().then(() => seen.push('a microtask first'));
                this.setData({ items: [1, 2, 3] });
                wx.nextTick(() => { const inner = this.selectComponent('.inner'); seen.push([inner.data.items.length, inner.selectAllComponents('.item').length]) });
            } } })",
            ),
        ],
    ]
    .concat());
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => seen"), json!(["a microtask first", [3, 3]]));
}

#[test]
fn a_virtual_host_is_not_there_for_selectors() {
    // TDesign's `.t-button:last-child { margin-right: 0 }`: each t-button (virtualHost) is one
    // button among its siblings in the page, not the last child of its own host.
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({})"),
        ("pages/index/index.json", r#"{ "usingComponents": { "flat": "/c/flat" } }"#),
        ("pages/index/index.wxml", r#"<view><flat/><flat/><flat/></view>"#),
        ("c/flat.json", r#"{ "component": true }"#),
        ("c/flat.wxml", r#"<view class="b"></view>"#),
        ("c/flat.wxss", ".b { width: 10px; height: 10px } .b:last-child { width: 20px } .b:first-child { height: 30px } .b + .b { height: 5px }"),
        ("c/flat.js", "Component({ options: { virtualHost: true } })"),
    ]);
    eval(&mut sim, "() => { globalThis.sizes = []; getCurrentPages()[0].selectAllComponents('flat').forEach(c => c.createSelectorQuery().select('.b').boundingClientRect(r => sizes.push([r.width, r.height])).exec()) }");
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => sizes"), json!([[10, 30], [10, 5], [20, 5]]));
}

#[test]
fn components_in_a_slot_not_shown_still_find_their_own_children() {
    // google-doodles: van-datetime-picker inside a closed van-popup (its slot under a false
    // wx:if) still builds its columns; exparser's light tree has it.
    let (_dir, mut sim) = app(&[
        &INNER_WITH_ITEMS[..],
        &[
            ("pages/index/index.js", "Page({})"),
            ("pages/index/index.json", r#"{ "usingComponents": { "popup": "/c/popup", "outer": "/c/outer" } }"#),
            ("pages/index/index.wxml", r#"<popup><outer/></popup>"#),
            ("c/popup.json", r#"{ "component": true }"#),
            ("c/popup.wxml", r#"<view wx:if="{{show}}"><slot/></view>"#),
            ("c/popup.js", "Component({ data: { show: false } })"),
            ("c/outer.json", r#"{ "component": true, "usingComponents": { "inner": "/c/inner" } }"#),
            ("c/outer.wxml", r#"<inner class="inner" items="{{items}}"/>"#),
            (
                "c/outer.js",
                "globalThis.seen = []; Component({ data: { items: [] }, lifetimes: { created() {
                this.setData({ items: [1, 2] });
                wx.nextTick(() => { const inner = this.selectComponent('.inner'); seen.push(inner.selectAllComponents('.item').length) });
            } } })",
            ),
        ],
    ]
    .concat());
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => seen"), json!([2]));
    assert!(sim.select_within(".item", &[]).unwrap().is_empty(), "nothing of it is drawn");
}

#[test]
fn a_page_as_high_as_the_screen_still_scrolls_to_its_end() {
    // m-mall's start page: `page { height: 100% }` makes percentages of the page definite;
    // content taller than it still scrolls the page, as the WebView's document does.
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({})"),
        ("pages/index/index.wxml", r#"<view class="full"><view class="half"></view></view><view class="tall"></view>"#),
        ("pages/index/index.wxss", "page { height: 100% } .full { height: 100% } .half { height: 50% } .tall { height: 2000px }"),
    ]);
    eval(&mut sim, "() => { globalThis.seen = []; wx.pageScrollTo({ scrollTop: 5000, duration: 0 }) }");
    sim.advance(10);
    eval(&mut sim, "() => wx.createSelectorQuery().select('.full').boundingClientRect().select('.half').boundingClientRect().selectViewport().scrollOffset().exec(r => seen.push(r[0].height, r[1].height, r[2].scrollTop))");
    sim.advance(0);
    assert_eq!(eval(&mut sim, "() => seen"), json!([603, 302, 2000]), "the screen is 603 px high under the navigation bar; the page reaches 2603 px");
}

#[test]
fn inline_blocks_take_percentages_of_their_block_and_no_auto_margins() {
    // m-mall's start image (`height: 100%` in a swiper-item), and two mini buttons (whose
    // auto side margins are 0 on a line) side by side.
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({})"),
        ("pages/index/index.wxml", r#"<view class="box"><image class="picture"/></view><view><button size="mini">a</button><button size="mini">b</button></view>"#),
        ("pages/index/index.wxss", ".box { height: 100px } .picture { width: 50%; height: 100% }"),
    ]);
    eval(&mut sim, "() => { globalThis.seen = []; wx.createSelectorQuery().select('.picture').boundingClientRect().selectAll('button').boundingClientRect().exec(r => seen.push([r[0].width, r[0].height], r[1].map(b => [b.left, b.right]))) }");
    sim.advance(0);
    let seen = eval(&mut sim, "() => seen");
    assert_eq!(seen[0], json!([188, 100]));
    let buttons = seen[1].as_array().unwrap();
    assert_eq!(buttons[0][0], 0, "{seen}");
    assert_eq!(buttons[1][0], buttons[0][1], "{seen}");
}

#[test]
fn a_controls_state_stays_with_its_keyed_element() {
    // Rows inserted above a checked box and a scrolled scroll-view (wx:for with wx:key): the
    // state goes with its element, as the platform moves keyed nodes.
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({ data: { rows: ['b'] } })"),
        (
            "pages/index/index.wxml",
            r#"<view wx:for="{{rows}}" wx:key="*this"><checkbox id="box-{{item}}"/><scroll-view id="list-{{item}}" scroll-y style="height: 50px"><view style="height: 500px">{{item}}</view></scroll-view></view>"#,
        ),
    ]);
    sim.ensure_screen().unwrap();
    sim.tap("#box-b").unwrap();
    sim.scroll_view_to("#list-b", 0.0, 120.0).unwrap();
    eval(&mut sim, "() => getCurrentPages()[0].setData({ rows: ['a', 'b'] })");
    sim.advance(0);
    let checked = |sim: &mut Simulator, selector: &str| {
        let path = sim.select_within(selector, &[]).unwrap().remove(0);
        sim.element(&path).and_then(|el| el.attr("checked")).is_some_and(|v| v.truthy())
    };
    assert!(checked(&mut sim, "#box-b"), "b keeps its check");
    assert!(!checked(&mut sim, "#box-a"), "the new row's box is not checked");
    let top = |sim: &mut Simulator, selector: &str| {
        let path = sim.select_within(selector, &[]).unwrap().remove(0);
        sim.scroll_view_metrics(&path).unwrap()[1]
    };
    assert_eq!((top(&mut sim, "#list-a"), top(&mut sim, "#list-b")), (0.0, 120.0));
}

#[test]
fn a_z_index_inside_a_z_index_stacks_within_it() {
    // TDesign's tab underline (z-index 1) inside its sticky bar (z-index 1): the inner box is
    // drawn over its ancestor's background, and inside its ancestor's clip.
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Page({})"),
        ("pages/index/index.wxml", r#"<view class="bar"><view class="line"></view><view class="out"></view></view>"#),
        (
            "pages/index/index.wxss",
            ".bar { position: relative; z-index: 1; height: 40px; background: #ffffff; overflow: hidden }
             .line { position: absolute; z-index: 1; top: 0; width: 20px; height: 20px; background: #ff0000 }
             .out { position: absolute; z-index: 2; top: 30px; left: 100px; width: 20px; height: 40px; background: #0000ff }",
        ),
    ]);
    sim.ensure_screen().unwrap();
    let pixmap = wxemu_render::rasterize(&sim.draw(false).unwrap(), 1.0);
    // Page points, below the 64 px of status and navigation bar.
    let colour = |x: u16, y: u16| {
        let p = pixmap.sample(x, y + 64);
        (p.r, p.g, p.b)
    };
    assert_eq!(colour(10, 10), (255, 0, 0), "the inner z-index box shows over the bar");
    assert_eq!(colour(110, 35), (0, 0, 255));
    assert_eq!(colour(110, 50), (255, 255, 255), "and is clipped by the bar: the page's background below");
}

#[test]
fn an_error_in_a_page_components_created_is_reported_and_survived() {
    let (_dir, mut sim) = app(&[
        ("pages/index/index.js", "Component({ data: { n: 1 }, lifetimes: { created() { throw new Error('boom in created') } }, methods: { onLoad() { this.setData({ n: 2 }) } } })"),
        ("pages/index/index.wxml", "<view id='n'>n={{n}}</view>"),
    ]);
    let shown: Vec<String> = sim.select_within("#n", &[]).unwrap().iter().filter_map(|p| sim.element_text(p)).collect();
    assert_eq!(shown, ["n=2"], "the page opened and loaded");
    let errors: Vec<String> = sim.take_console().into_iter().filter(|e| e.level == "error").map(|e| e.text).collect();
    assert!(errors.iter().any(|e| e.contains("boom in created")), "{errors:?}");
}
