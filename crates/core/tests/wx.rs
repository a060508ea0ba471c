//! The `wx` APIs the host services carry out, called from the app's logic layer through
//! the Simulator (tests/apps/system): what each answers, on which device and base library,
//! with callbacks or a Promise.

use serde_json::{json, Value as Json};
use std::path::Path;
use wxemu_core::{LaunchOptions, Profile, Simulator, Version};

fn launch(options: LaunchOptions) -> Simulator {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/system");
    Simulator::launch(&dir, options).expect("the app launches")
}

fn on(device: &str, sdk: Option<Version>) -> Simulator {
    launch(LaunchOptions { device: Profile::named(device), sdk, ..LaunchOptions::default() })
}

fn console(sim: &mut Simulator) -> Vec<String> {
    sim.take_console().into_iter().map(|e| e.text).collect()
}

fn eval(sim: &mut Simulator, function: &str) -> Json {
    sim.evaluate(function, &[]).unwrap_or_else(|e| panic!("{function}: {e}"))
}

#[test]
fn system_information_describes_the_phone_and_the_current_page() {
    let mut sim = on("iPhone 6", None);
    assert_eq!(console(&mut sim)[0], "onLaunch windowHeight 554", "App.onLaunch sees the entry tab page's window");
    let info = eval(&mut sim, "() => wx.getSystemInfoSync()");
    let newest = wxemu_caniuse::Database::get().newest().to_string();
    assert_eq!(info["SDKVersion"], json!(newest));
    assert_eq!((info["screenWidth"].as_f64(), info["screenHeight"].as_f64(), info["pixelRatio"].as_f64()), (Some(375.0), Some(667.0), Some(2.0)));
    assert_eq!((info["platform"].as_str(), info["brand"].as_str(), info["statusBarHeight"].as_f64()), (Some("ios"), Some("iPhone"), Some(20.0)));
    assert_eq!(info["safeArea"], json!({"left": 0, "top": 20, "right": 375, "bottom": 667, "width": 375, "height": 647}));
    assert_eq!(info["theme"], "light", "app.json has darkmode: true");
    let window = |sim: &mut Simulator| {
        let w = eval(sim, "() => wx.getWindowInfo()");
        (w["windowHeight"].as_f64().unwrap(), w["screenTop"].as_f64().unwrap())
    };
    assert_eq!(window(&mut sim), (554.0, 64.0), "below the navigation bar, above the tab bar");
    sim.navigate_to("/pages/plain/plain").unwrap();
    assert_eq!(window(&mut sim), (603.0, 64.0));
    sim.navigate_back(1).unwrap();
    sim.switch_tab("/pages/custom/custom").unwrap();
    assert_eq!(window(&mut sim), (618.0, 0.0), "navigationStyle custom: the page starts at the top");
    let device = eval(&mut sim, "() => wx.getDeviceInfo()");
    assert_eq!((device["model"].as_str(), device["system"].as_str()), (Some("iPhone 8<iPhone10,1>"), Some("iOS 17.5")));
    assert!(device.get("abi").is_none(), "abi is Android's: {device}");
}

#[test]
fn each_device_reports_its_screen_bars_and_platform() {
    let mut x = on("iPhone X", None);
    let info = eval(&mut x, "() => wx.getSystemInfoSync()");
    assert_eq!((info["statusBarHeight"].as_f64(), info["safeArea"]["bottom"].as_f64()), (Some(44.0), Some(778.0)));
    assert_eq!(info["windowHeight"], 812.0 - 44.0 - 44.0 - 49.0 - 34.0, "the tab bar stands on the home indicator's strip");
    let mut pixel = on("Android", None);
    let info = eval(&mut pixel, "() => wx.getSystemInfoSync()");
    assert_eq!((info["platform"].as_str(), info["model"].as_str(), info["pixelRatio"].as_f64()), (Some("android"), Some("Pixel 5"), Some(2.75)));
    assert_eq!(eval(&mut pixel, "() => wx.getDeviceInfo().abi"), "arm64-v8a");
}

#[test]
fn the_menu_button_rect_is_where_the_capsule_is_drawn() {
    for device in Profile::KNOWN {
        let mut sim = launch(LaunchOptions { device: Some(*device), ..LaunchOptions::default() });
        let rect = eval(&mut sim, "() => wx.getMenuButtonBoundingClientRect()");
        let drawn = wxemu_view::chrome::menu_button(device.width as f32, device.status_bar as f32);
        let reported = [rect["left"].as_f64(), rect["top"].as_f64(), rect["width"].as_f64(), rect["height"].as_f64()];
        assert_eq!(reported, [drawn.x, drawn.y, drawn.w, drawn.h].map(|v| Some(v as f64)), "{}", device.name);
        assert_eq!(rect["right"].as_f64(), Some((drawn.x + drawn.w) as f64));
    }
}

#[test]
fn the_base_library_decides_the_members_and_fields() {
    let mut old = on("iPhone 6", Some(Version(2, 10, 0)));
    let info = eval(&mut old, "() => wx.getSystemInfoSync()");
    assert_eq!(info["SDKVersion"], "2.10.0");
    assert!(info.get("safeArea").is_some(), "safeArea is from 2.7.0");
    for newer in ["theme", "host", "enableDebug"] {
        assert!(info.get(newer).is_none(), "{newer} is newer than 2.10.0: {info}");
    }
    assert_eq!(eval(&mut old, "() => typeof wx.getAppBaseInfo"), "undefined", "getAppBaseInfo is from 2.20.1");
    let mut new = on("iPhone 6", Some(Version(2, 25, 0)));
    let base = eval(&mut new, "() => wx.getAppBaseInfo()");
    assert_eq!((base["SDKVersion"].as_str(), base["theme"].as_str(), base["language"].as_str()), (Some("2.25.0"), Some("light"), Some("zh_CN")));
}

#[test]
fn asynchronous_forms_answer_with_callbacks_or_a_promise() {
    let mut sim = on("iPhone 6", None);
    console(&mut sim);
    let returned = eval(&mut sim, "() => wx.getSystemInfo({ success(r) { console.log('success', r.errMsg, r.windowHeight) }, complete(r) { console.log('complete', r.errMsg) } })");
    assert_eq!(returned, Json::Null);
    assert_eq!(console(&mut sim), ["success getSystemInfo:ok 554", "complete getSystemInfo:ok"]);
    eval(&mut sim, "() => { wx.getSystemInfoAsync().then(r => console.log('then', r.errMsg, r.SDKVersion === wx.getSystemInfoSync().SDKVersion)) }");
    assert_eq!(console(&mut sim), ["then getSystemInfoAsync:ok true"]);
    let mut old = on("iPhone 6", Some(Version(2, 10, 1)));
    assert_eq!(eval(&mut old, "() => typeof wx.getSystemInfo()"), "undefined", "no Promise before base library 2.10.2");
    let mut promised = on("iPhone 6", Some(Version(2, 10, 2)));
    assert_eq!(eval(&mut promised, "() => wx.getSystemInfo() instanceof Promise"), true);
}

#[test]
fn theme_changes_reach_apps_that_declare_darkmode() {
    let mut sim = on("iPhone 6", None);
    console(&mut sim);
    sim.set_theme("dark");
    assert_eq!(console(&mut sim), ["App.onThemeChange dark", "wx.onThemeChange dark"]);
    assert_eq!(eval(&mut sim, "() => wx.getSystemInfoSync().theme"), "dark");
    eval(&mut sim, "() => wx.offThemeChange()");
    sim.set_theme("light");
    assert_eq!(console(&mut sim), ["App.onThemeChange light"]);
}

#[test]
fn apis_wxemu_does_not_carry_out_fail_loudly() {
    let mut sim = on("iPhone 6", None);
    console(&mut sim);
    let call = "() => { wx.startBeaconDiscovery({ uuids: [], fail(r) { console.log(r.errMsg) } }) }";
    eval(&mut sim, call);
    eval(&mut sim, call);
    assert_eq!(
        console(&mut sim),
        ["not supported by wxemu yet: wx.startBeaconDiscovery", "startBeaconDiscovery:fail not supported by wxemu yet", "startBeaconDiscovery:fail not supported by wxemu yet"],
        "one warning, then the platform's fail each time"
    );
    assert_eq!(sim.evaluate("() => wx.getNFCAdapter()", &[]).unwrap_err(), "Error: not supported by wxemu yet: wx.getNFCAdapter");
}

#[test]
fn storage_gives_back_what_was_stored_with_its_type() {
    let mut sim = on("iPhone 6", None);
    let back = eval(
        &mut sim,
        r#"() => {
            const values = { s: 'text', n: 42.5, b: false, o: { a: [1, 'x'] }, l: [null, 2], z: null, d: new Date(1700000000000) };
            for (const k in values) wx.setStorageSync(k, values[k]);
            const got = {};
            for (const k in values) got[k] = wx.getStorageSync(k);
            return { got, date: got.d instanceof Date && got.d.getTime(), missing: wx.getStorageSync('nope'), info: wx.getStorageInfoSync() };
        }"#,
    );
    assert_eq!(back["got"], json!({"s": "text", "n": 42.5, "b": false, "o": {"a": [1, "x"]}, "l": [null, 2], "z": null, "d": "2023-11-14T22:13:20.000Z"}));
    assert_eq!(back["date"], 1700000000000i64, "a Date comes back as a Date");
    assert_eq!(back["missing"], "", "a missing key reads as an empty string");
    assert_eq!(back["info"]["keys"], json!(["s", "n", "b", "o", "l", "z", "d"]));
    assert_eq!((back["info"]["currentSize"].as_u64(), back["info"]["limitSize"].as_u64()), (Some(1), Some(10240)));
    let after = eval(
        &mut sim,
        "() => { wx.removeStorageSync('s'); wx.batchSetStorageSync([{ key: 'p', value: 1 }, { key: 'q', value: [2] }]); \
         const r = [wx.getStorageInfoSync().keys.length, wx.batchGetStorageSync(['p', 'q', 'nope'])]; wx.clearStorageSync(); r.push(wx.getStorageInfoSync().keys); return r }",
    );
    assert_eq!(after, json!([8, [1, [2], ""], []]));
}

#[test]
fn storage_errors_are_the_platforms() {
    let mut sim = on("iPhone 6", None);
    console(&mut sim);
    let thrown = |sim: &mut Simulator, call: &str| sim.evaluate(&format!("() => {call}"), &[]).unwrap_err();
    assert_eq!(thrown(&mut sim, "wx.setStorageSync(1, 'a')"), "Error: setStorageSync:fail parameter error: parameter.key should be String instead of Number;");
    assert_eq!(thrown(&mut sim, "wx.setStorageSync('big', 'x'.repeat(1024 * 1024))"), "Error: setStorageSync:fail exceed storage item max length");
    assert_eq!(thrown(&mut sim, "wx.batchGetStorageSync('a')"), "Error: batchGetStorageSync:fail parameter error: parameter.keyList should be Array instead of String;");
    eval(&mut sim, "() => { wx.getStorage({ key: 'nope', fail: r => console.log(r.errMsg) }); wx.removeStorage({ key: undefined, fail: r => console.log(r.errMsg) }) }");
    assert_eq!(console(&mut sim), ["getStorage:fail data not found", "removeStorage:fail parameter error: parameter.key should be String instead of Undefined;"]);
    let mut filled = 0;
    while sim.evaluate(&format!("() => wx.setStorageSync('k{filled}', 'x'.repeat(1000 * 1000))"), &[]).is_ok() {
        filled += 1;
    }
    assert_eq!(filled, 10, "10 MB in all");
    assert_eq!(thrown(&mut sim, "wx.setStorageSync('more', 'x'.repeat(1000 * 1000))"), "Error: setStorageSync:fail exceed storage max size 10Mb");
}

#[test]
fn asynchronous_storage_answers_with_callbacks_or_a_promise() {
    let mut sim = on("iPhone 6", None);
    console(&mut sim);
    eval(
        &mut sim,
        "() => { wx.setStorage({ key: 'when', data: new Date(5), success: r => console.log(r.errMsg) }); \
         wx.getStorage({ key: 'when' }).then(r => console.log(r.errMsg, r.data instanceof Date, r.data.getTime())); \
         wx.batchSetStorage({ kvList: [{ key: 'a', value: 'x' }] }).then(() => wx.batchGetStorage({ keyList: ['a', 'when'] })).then(r => console.log(JSON.stringify(r))); \
         wx.getStorageInfo({ success: r => console.log(r.keys.join()) }) }",
    );
    assert_eq!(console(&mut sim), ["setStorage:ok", "getStorage:ok true 5", "when,a", r#"{"dataList":["x","1970-01-01T00:00:00.005Z"],"errMsg":"batchGetStorage:ok"}"#]);
}

#[test]
fn storage_on_disk_outlives_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("storage/app.json");
    let with_file = || LaunchOptions { storage: Some(file.clone()), ..LaunchOptions::default() };
    let mut first = launch(with_file());
    eval(&mut first, "() => { wx.setStorageSync('visits', 1); wx.setStorageSync('user', { name: '小明' }) }");
    drop(first);
    let mut second = launch(with_file());
    assert_eq!(eval(&mut second, "() => [wx.getStorageSync('visits'), wx.getStorageSync('user').name]"), json!([1, "小明"]));
    // A store that cannot be read is moved aside with a warning; the app starts empty.
    std::fs::write(&file, "not json").unwrap();
    let mut third = Simulator::launch(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/system"), with_file()).unwrap();
    let warning = third.diagnostics.iter().map(ToString::to_string).find(|d| d.contains("could not be read")).expect("a warning");
    assert!(warning.contains("is not wxemu storage") && warning.contains("app.json.unreadable-1"), "{warning}");
    assert_eq!(eval(&mut third, "() => wx.getStorageInfoSync().keys.length"), json!(0));
    assert_eq!(std::fs::read_to_string(dir.path().join("storage/app.json.unreadable-1")).unwrap(), "not json");
}

#[test]
fn every_wx_member_is_declared_once_and_every_declared_api_is_on_wx() {
    use wxemu_appservice::wx::apis::{Call, APIS};
    // On the newest base library every declared member is one of wx's own (not the
    // "not supported" fallback behind them), and wx has no member the table lacks.
    let mut sim = on("iPhone 6", None);
    let own: Vec<String> = serde_json::from_value(eval(&mut sim, "() => Object.keys(wx)")).unwrap();
    let members: Vec<&str> = APIS.iter().filter(|api| api.call != Call::Host).map(|api| api.name).collect();
    let undeclared: Vec<&String> = own.iter().filter(|name| !members.contains(&name.as_str()) && !matches!(name.as_str(), "cloud" | "env")).collect();
    assert!(undeclared.is_empty(), "wx members crates/wx/src/apis.rs does not declare: {undeclared:?}");
    let mut can = |name: &str| eval(&mut sim, &format!("() => wx.canIUse('{name}')")) == json!(true);
    let missing: Vec<&&str> = members.iter().filter(|name| !own.iter().any(|o| o == **name)).collect();
    let missing: Vec<&&str> = missing.into_iter().filter(|name| can(name)).collect();
    assert!(missing.is_empty(), "declared APIs the newest base library has that wx lacks: {missing:?}");
    let mut names: Vec<&str> = APIS.iter().map(|api| api.name).collect();
    names.sort();
    let twice: Vec<&&str> = names.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
    assert!(twice.is_empty(), "declared twice: {twice:?}");
}
