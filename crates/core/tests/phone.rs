//! The phone's state and the app-wide APIs (tests/apps/calls): clipboard, vibration,
//! screen, network type, battery, reports, launch and enter options, app events, the
//! update manager and nextTick.

use serde_json::json;
use wxemu_core::{LaunchOptions, Prompt};

mod calls;
use calls::{eval, launch, seen};

#[test]
fn the_clipboard_screen_and_vibrator_keep_what_the_app_set() {
    let mut sim = launch(LaunchOptions::default());
    eval(
        &mut sim,
        r#"() => {
        wx.setClipboardData({ data: '复制的文字', ...callbacks('copy') })
        wx.setKeepScreenOn({ keepScreenOn: true })
        wx.setScreenBrightness({ value: 0.8 })
        wx.vibrateShort({ type: 'heavy' })
        wx.vibrateLong()
        wx.vibrateShort({ type: 'soft', ...callbacks('soft') })
        wx.setClipboardData({ ...callbacks('no data') })
    }"#,
    );
    sim.advance(0);
    assert!(matches!(&sim.prompts()[..], [Prompt::Toast { title, .. }] if title == "内容已复制"), "{:?}", sim.prompts());
    sim.advance(1500);
    assert!(sim.prompts().is_empty(), "the copy toast lasts 1.5 s");
    assert_eq!(
        seen(&mut sim),
        [
            ("copy success".to_string(), json!({"errMsg": "setClipboardData:ok"})),
            ("soft fail".to_string(), json!({"errMsg": "vibrateShort:fail parameter error: parameter.type should be one of heavy, medium, light instead of soft;"})),
            ("no data fail".to_string(), json!({"errMsg": "setClipboardData:fail parameter error: parameter.data should be String instead of Undefined;"})),
        ]
    );
    eval(&mut sim, "() => { wx.getClipboardData().then(record('paste')); wx.getScreenBrightness().then(record('brightness')) }");
    sim.advance(0);
    assert_eq!(
        seen(&mut sim),
        [("paste".to_string(), json!({"data": "复制的文字", "errMsg": "getClipboardData:ok"})), ("brightness".to_string(), json!({"value": 0.8, "errMsg": "getScreenBrightness:ok"})),]
    );
    let phone = sim.phone();
    assert_eq!((phone.clipboard.as_str(), phone.keep_screen_on, phone.vibrations), ("复制的文字", true, vec!["short:heavy".to_string(), "long".to_string()]));
}

#[test]
fn network_type_battery_and_reports() {
    let mut sim = launch(LaunchOptions::default());
    eval(&mut sim, "() => { wx.onNetworkStatusChange(record('change')); wx.getNetworkType(callbacks('type')); globalThis.battery = wx.getBatteryInfoSync() }");
    sim.advance(0);
    sim.set_network_type("none");
    let got = seen(&mut sim);
    assert_eq!(got[0].1["networkType"], "wifi");
    assert_eq!(got[1], ("change".to_string(), json!({"isConnected": false, "networkType": "none"})));
    assert_eq!(eval(&mut sim, "() => battery"), json!({"level": 100, "isCharging": false, "isLowPowerModeEnabled": false}));
    eval(&mut sim, "() => { wx.reportEvent('buy', { sku: 7 }); wx.reportAnalytics('view', {}) }");
    let reports = sim.phone().reports;
    assert_eq!(reports[0], ("reportEvent".to_string(), "buy".to_string(), json!({"sku": 7})));
    assert_eq!(reports[1].0, "reportAnalytics");
}

#[test]
fn launch_and_enter_options_and_app_events() {
    let query = [("from".to_string(), json!("share"))].into_iter().collect();
    let mut sim = launch(LaunchOptions { query, scene: Some(1007), ..LaunchOptions::default() });
    let expected = json!({"path": "pages/index/index", "query": {"from": "share"}, "scene": 1007, "referrerInfo": {}, "forwardMaterials": [], "apiCategory": "default"});
    assert_eq!(eval(&mut sim, "() => wx.getLaunchOptionsSync()"), expected);
    assert_eq!(eval(&mut sim, "() => wx.getEnterOptionsSync()"), expected);
    eval(&mut sim, "() => { wx.onAppHide(record('hide')); wx.onAppShow(record('show')); wx.onError(e => seen.push(['error', e])) }");
    sim.background();
    sim.foreground();
    let got = seen(&mut sim);
    assert_eq!(got[0].0, "hide");
    assert_eq!((got[1].0.as_str(), got[1].1["scene"].as_u64()), ("show", Some(1001)));
    assert_eq!(eval(&mut sim, "() => wx.getEnterOptionsSync().scene"), 1001, "entered again from the recent list");
    assert_eq!(eval(&mut sim, "() => wx.getLaunchOptionsSync().scene"), 1007);
    eval(&mut sim, "() => { setTimeout(() => { throw new Error('boom') }, 0) }");
    sim.advance(0);
    let got = seen(&mut sim);
    assert_eq!(got.len(), 1);
    assert!(got[0].1.as_str().is_some_and(|t| t.contains("boom")), "wx.onError hears uncaught errors: {got:?}");
}

#[test]
fn next_tick_and_the_update_manager() {
    let mut sim = launch(LaunchOptions::default());
    eval(
        &mut sim,
        r#"() => {
        setTimeout(() => seen.push(['timeout', {}]), 0)
        wx.nextTick(() => seen.push(['tick', {}]))
        seen.push(['now', {}])
        wx.getUpdateManager().onCheckForUpdate(record('check'))
    }"#,
    );
    sim.advance(0);
    let got: Vec<String> = seen(&mut sim).into_iter().map(|(n, v)| format!("{n} {v}")).collect();
    // nextTick is "like setTimeout" (the docs): in the next time slice, after the timer set
    // before it.
    assert_eq!(got, ["now {}", "timeout {}", "tick {}", "check {\"hasUpdate\":false}"]);
}

#[test]
fn date_follows_the_simulators_clock_in_china_standard_time() {
    let mut sim = launch(LaunchOptions::default());
    assert_eq!(eval(&mut sim, "() => [Date.now(), new Date().getHours(), new Date().toISOString()]"), json!([1767229200000i64, 9, "2026-01-01T01:00:00.000Z"]));
    sim.advance(90_000);
    assert_eq!(eval(&mut sim, "() => [Date.now(), new Date().getMinutes()]"), json!([1767229290000i64, 1]), "90 s of virtual time later");
    let mut later = launch(LaunchOptions { start_time: Some(0), ..LaunchOptions::default() });
    assert_eq!(eval(&mut later, "() => [new Date().getFullYear(), new Date().getHours()]"), json!([1970, 8]));
}

#[test]
fn hide_toast_takes_the_toast_away() {
    let mut sim = launch(LaunchOptions::default());
    eval(&mut sim, "() => { wx.showToast({ title: 'hi', duration: 5000 }); wx.hideToast().then(record('hidden')); wx.hideToast({ fail: record('again') }) }");
    sim.advance(0);
    assert_eq!(seen(&mut sim), [("hidden".to_string(), json!({"errMsg": "hideToast:ok"})), ("again".to_string(), json!({"errMsg": "hideToast:fail:toast can't be found"})),]);
    assert!(sim.prompts().is_empty());
}
