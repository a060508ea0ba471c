//! The account and the dialogs the client shows (tests/apps/calls): login and the session,
//! per-scope authorization, profiles by base library, subscriptions, and answers given by
//! a test or by a policy (`--answer`).

use serde_json::{json, Value as Json};
use std::path::Path;
use wxemu_core::{parse_answers, LaunchOptions, Prompt, Simulator, Version};

mod calls;
use calls::{eval, launch, seen};

/// The dialog shown: its kind and content.
fn dialog(sim: &Simulator) -> Option<(String, String)> {
    sim.prompts().into_iter().find_map(|p| match p {
        Prompt::Dialog { kind, content, .. } => Some((kind, content)),
        _ => None,
    })
}

#[test]
fn login_codes_the_session_and_the_account() {
    let mut sim = launch(LaunchOptions::default());
    eval(&mut sim, "() => { wx.login().then(record('login')); wx.login(callbacks('again')); wx.checkSession(callbacks('session')) }");
    sim.advance(0);
    assert_eq!(
        seen(&mut sim),
        [
            ("login".to_string(), json!({"code": "wxemu-login-code-1", "errMsg": "login:ok"})),
            ("again success".to_string(), json!({"code": "wxemu-login-code-2", "errMsg": "login:ok"})),
            ("session success".to_string(), json!({"errMsg": "checkSession:ok"})),
        ]
    );
    assert_eq!(eval(&mut sim, "() => wx.getAccountInfoSync()"), json!({"miniProgram": {"appId": "wx0123456789abcdef", "envVersion": "develop", "version": ""}, "plugin": {}}));
}

#[test]
fn each_scope_is_asked_once_then_kept_until_the_settings_page_changes_it() {
    let mut sim = launch(LaunchOptions::default());
    eval(&mut sim, "() => { wx.getSetting(callbacks('setting')); wx.authorize({ scope: 'scope.userLocation', ...callbacks('location') }) }");
    assert_eq!(seen(&mut sim), [("setting success".to_string(), json!({"authSetting": {}, "errMsg": "getSetting:ok"}))]);
    assert_eq!(dialog(&sim), Some(("auth".into(), "获取你的位置信息".into())));
    sim.answer_dialog(true, None).unwrap();
    assert_eq!(seen(&mut sim), [("location success".to_string(), json!({"errMsg": "authorize:ok"}))]);
    eval(&mut sim, "() => { wx.authorize({ scope: 'scope.userLocation', ...callbacks('again') }); wx.getLocation(callbacks('where')) }");
    sim.advance(0);
    let got = seen(&mut sim);
    assert_eq!(got[0].1, json!({"errMsg": "authorize:ok"}), "an allowed scope is not asked again");
    assert_eq!((got[1].1["latitude"].as_f64(), got[1].1["errMsg"].as_str()), (Some(23.099994), Some("getLocation:ok")));
    assert_eq!(dialog(&sim), None);

    eval(&mut sim, "() => wx.authorize({ scope: 'scope.camera', ...callbacks('camera') })");
    sim.answer_dialog(false, None).unwrap();
    eval(&mut sim, "() => { wx.authorize({ scope: 'scope.camera', ...callbacks('camera again') }); wx.authorize({ scope: 'scope.nonsense', ...callbacks('nonsense') }) }");
    sim.advance(0);
    assert_eq!(
        seen(&mut sim),
        [
            ("camera fail".to_string(), json!({"errMsg": "authorize:fail auth deny"})),
            ("camera again fail".to_string(), json!({"errMsg": "authorize:fail auth deny"})),
            ("nonsense fail".to_string(), json!({"errMsg": "authorize:fail invalid scope scope.nonsense"})),
        ]
    );
    assert_eq!(dialog(&sim), None, "a denied scope is not asked again either");

    eval(&mut sim, "() => wx.openSetting(callbacks('settings page'))");
    assert_eq!(dialog(&sim).map(|d| d.0), Some("setting".into()));
    sim.answer_dialog(true, Some(json!({"scope.camera": true}))).unwrap();
    assert_eq!(seen(&mut sim), [("settings page success".to_string(), json!({"authSetting": {"scope.camera": true, "scope.userLocation": true}, "errMsg": "openSetting:ok"}))]);
}

#[test]
fn profiles_depend_on_the_base_library() {
    let mut modern = launch(LaunchOptions::default());
    eval(&mut modern, "() => { wx.getUserProfile({ desc: 'show it', ...callbacks('profile') }); wx.getUserProfile(callbacks('no desc')); wx.getUserInfo().then(record('info')) }");
    modern.advance(0);
    let got = seen(&mut modern);
    assert_eq!(got[0].1["userInfo"]["nickName"], "微信用户", "anonymous from 2.27.1, without a dialog");
    assert_eq!(got[1].1["errMsg"], "getUserProfile:fail parameter error: parameter.desc should be String instead of Undefined;");
    assert_eq!((got[2].1["userInfo"]["nickName"].as_str(), got[2].1["errMsg"].as_str()), (Some("微信用户"), Some("getUserInfo:ok")));

    let mut old = launch(LaunchOptions { sdk: Some(Version(2, 20, 0)), ..LaunchOptions::default() });
    eval(&mut old, "() => wx.getUserProfile({ desc: '用于完善资料', ...callbacks('profile') })");
    assert_eq!(dialog(&old), Some(("profile".into(), "获取你的昵称、头像\n用于完善资料".into())));
    old.answer_dialog(true, None).unwrap();
    eval(&mut old, "() => wx.getUserProfile({ desc: 'again', ...callbacks('refused') })");
    old.answer_dialog(false, None).unwrap();
    eval(&mut old, "() => wx.getUserInfo(callbacks('info'))");
    let got = seen(&mut old);
    assert_eq!(got[0].1["userInfo"]["nickName"], "wxemu 测试用户");
    assert_eq!(got[2].1["rawData"], got[0].1["rawData"], "getUserInfo gives the same user before 2.27.1");
    assert_eq!(got[1].1["errMsg"], "getUserProfile:fail auth deny");
}

#[test]
fn subscriptions_are_answered_per_template() {
    let mut sim = launch(LaunchOptions::default());
    eval(&mut sim, "() => { wx.requestSubscribeMessage({ tmplIds: ['T1', 'T2'], ...callbacks('subscribe') }); wx.requestSubscribeMessage({ tmplIds: [], ...callbacks('none') }) }");
    sim.answer_dialog(true, Some(json!({"T2": "reject"}))).unwrap();
    eval(&mut sim, "() => wx.getSetting({ withSubscriptions: true, ...callbacks('setting') })");
    sim.advance(0);
    let got = seen(&mut sim);
    assert_eq!(got[0].1, json!({"errMsg": "requestSubscribeMessage:fail TmplIds can't be empty"}));
    assert_eq!(got[1].1, json!({"T1": "accept", "T2": "reject", "errMsg": "requestSubscribeMessage:ok"}));
    assert_eq!(got[2].1["subscriptionsSetting"], json!({"mainSwitch": true, "itemSettings": {"T1": "accept", "T2": "reject"}}));
}

#[test]
fn a_policy_answers_every_prompt_kind() {
    let answers = parse_answers("modal=confirm,actionsheet=1,payment=cancel,phonecall=confirm,scan=https://x.example/q,address=confirm,location=cancel,miniprogram=confirm").unwrap();
    let mut sim = launch(LaunchOptions { answers, ..LaunchOptions::default() });
    eval(
        &mut sim,
        r#"() => {
        wx.onAppHide(record('app hidden'))
        wx.showModal({ title: 'Sure?', ...callbacks('modal') })
        wx.showActionSheet({ itemList: ['a', 'b'], ...callbacks('sheet') })
        wx.requestPayment({ timeStamp: '1', nonceStr: 'n', package: 'prepay_id=1', paySign: 's', ...callbacks('pay') })
        wx.requestPayment({ timeStamp: 1, ...callbacks('bad pay') })
        wx.makePhoneCall({ phoneNumber: '10086', ...callbacks('call') })
        wx.scanCode(callbacks('scan'))
        wx.chooseAddress(callbacks('address'))
        wx.chooseLocation(callbacks('place'))
        wx.previewImage({ urls: ['/a.png', '/b.png'], current: '/b.png', ...callbacks('preview') })
        wx.navigateToMiniProgram({ appId: 'wxother', ...callbacks('other app') })
    }"#,
    );
    sim.advance(0);
    let got: Vec<(String, Json)> = seen(&mut sim);
    let find = |name: &str| got.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} in {got:?}")).1.clone();
    assert_eq!(find("modal success"), json!({"errMsg": "showModal:ok", "confirm": true, "cancel": false}));
    assert_eq!(find("sheet success"), json!({"errMsg": "showActionSheet:ok", "tapIndex": 1}));
    assert_eq!(find("pay fail"), json!({"errMsg": "requestPayment:fail cancel"}));
    assert_eq!(find("bad pay fail")["errMsg"], "requestPayment:fail parameter error: parameter.timeStamp should be String instead of Number;parameter.nonceStr should be String instead of Undefined;parameter.package should be String instead of Undefined;parameter.paySign should be String instead of Undefined;");
    assert_eq!(find("call success"), json!({"errMsg": "makePhoneCall:ok"}));
    assert_eq!(find("scan success")["result"], "https://x.example/q");
    assert_eq!(find("address success")["userName"], "张三");
    assert_eq!(find("place fail"), json!({"errMsg": "chooseLocation:fail cancel"}));
    assert_eq!(find("preview success"), json!({"errMsg": "previewImage:ok"}));
    assert_eq!(find("other app success"), json!({"errMsg": "navigateToMiniProgram:ok"}));
    assert!(got.iter().any(|(n, _)| n == "app hidden"), "the other mini-program covers this one");
    assert!(sim.prompts().is_empty(), "{:?}", sim.prompts());
    assert_eq!(sim.phone().previews, [json!({"urls": ["/a.png", "/b.png"], "current": "/b.png"})]);
    assert_eq!(
        parse_answers("toast=yes").unwrap_err(),
        "unknown prompt kind `toast`; known: modal, actionsheet, auth, profile, subscribe, address, setting, payment, phonecall, scan, location, miniprogram, choose, privacy"
    );
}

#[test]
fn the_test_user_is_configurable() {
    let account = json!({
        "user": {"nickName": "Ann", "avatarUrl": "https://a.example/ann.png"},
        "location": {"latitude": 31.2, "longitude": 121.5, "name": "The Bund", "address": "Shanghai"},
        "sessionValid": false,
        "authorized": {"scope.userLocation": true, "scope.camera": false}
    });
    let mut sim = launch(LaunchOptions { account: Some(account), sdk: Some(Version(2, 20, 0)), ..LaunchOptions::default() });
    eval(
        &mut sim,
        r#"() => {
        wx.checkSession(callbacks('session'))
        wx.getLocation(callbacks('here'))
        wx.authorize({ scope: 'scope.camera', ...callbacks('camera') })
        wx.openLocation({ latitude: 31.2, longitude: 121.5, ...callbacks('map') })
        wx.getUserProfile({ desc: 'd', ...callbacks('profile') })
        wx.chooseLocation(callbacks('place'))
    }"#,
    );
    sim.advance(0);
    sim.answer_dialog(true, None).unwrap();
    sim.answer_dialog(true, None).unwrap();
    let got = seen(&mut sim);
    assert_eq!(got[0].1, json!({"errMsg": "checkSession:fail session time out, need relogin"}));
    assert_eq!(got[1].1["latitude"], 31.2, "already allowed: no dialog");
    assert_eq!(got[2].1, json!({"errMsg": "authorize:fail auth deny"}), "already denied");
    assert_eq!(got[3].1, json!({"errMsg": "openLocation:ok"}));
    assert_eq!(got[4].1["userInfo"]["nickName"], "Ann");
    assert_eq!(got[5].1, json!({"name": "The Bund", "address": "Shanghai", "latitude": 31.2, "longitude": 121.5, "errMsg": "chooseLocation:ok"}));
    let bad = Simulator::launch(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/calls"),
        LaunchOptions { account: Some(json!({"authorized": {"scope.nope": true}})), ..LaunchOptions::default() },
    );
    assert!(bad.err().unwrap().to_string().contains("unknown scope scope.nope"));
}

#[test]
fn private_information_apis_need_declaring() {
    let mut sim = launch(LaunchOptions { account: Some(json!({"authorized": {"scope.userFuzzyLocation": true}})), ..LaunchOptions::default() });
    eval(&mut sim, "() => wx.getFuzzyLocation(callbacks('fuzzy'))");
    assert_eq!(seen(&mut sim), [("fuzzy fail".to_string(), json!({"errMsg": "getFuzzyLocation:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json"}))]);
}
