//! The user's account and what the client asks them: login codes and the session, the
//! account info, per-scope authorization (undecided → asked once → allowed or denied, then
//! changed only in the settings page), the user's profile, subscription messages, the
//! address book, payments, phone calls, scanning, choosing a place, opening another
//! mini-program. An API that needs the user's answer gives a [`Dialog`]; its result comes
//! from [`Account::answer`] with what the user (a test, a person, a policy) said.

use crate::args::text;
use crate::{object, Failure};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The scopes apps can ask for, with what the authorization dialog says each gives.
pub const SCOPES: [(&str, &str); 13] = [
    ("scope.userInfo", "获取你的昵称、头像"),
    ("scope.userLocation", "获取你的位置信息"),
    ("scope.userFuzzyLocation", "获取你的模糊地理位置"),
    ("scope.userLocationBackground", "在后台获取你的位置信息"),
    ("scope.record", "使用你的麦克风"),
    ("scope.camera", "使用你的摄像头"),
    ("scope.bluetooth", "使用你的蓝牙"),
    ("scope.writePhotosAlbum", "保存图片或视频到你的相册"),
    ("scope.addPhoneContact", "添加到你的联系人"),
    ("scope.addPhoneCalendar", "添加到你的日历"),
    ("scope.werun", "获取你的微信运动步数"),
    ("scope.invoiceTitle", "获取你的发票抬头"),
    ("scope.invoice", "获取你的发票"),
];

/// The APIs an app must declare in app.json's `requiredPrivateInfos` before it calls them.
pub const PRIVATE_INFOS: [&str; 7] = ["getLocation", "getFuzzyLocation", "onLocationChange", "startLocationUpdate", "startLocationUpdateBackground", "chooseLocation", "chooseAddress"];

/// What the client shows to ask the user, and what kind of answer it takes.
#[derive(Clone, Debug, PartialEq)]
pub struct Dialog {
    /// `auth`, `profile`, `subscribe`, `address`, `setting`, `payment`, `phonecall`,
    /// `scan`, `location`, `miniprogram`, `choose` or `privacy` (the names `--answer` uses).
    pub kind: &'static str,
    pub title: String,
    pub content: String,
    pub cancel_text: String,
    pub confirm_text: String,
}

/// The test user and their choices so far.
#[derive(Clone, Debug)]
pub struct Account {
    /// The app's appid (`getAccountInfoSync`) and the name dialogs show.
    pub app_id: String,
    pub app_name: String,
    /// `wx.getUserProfile`'s user (on base libraries before 2.27.1, which stopped giving it).
    pub user: Value,
    /// `wx.chooseAddress`'s address.
    pub address: Value,
    /// `wx.getLocation`'s place.
    pub location: Value,
    /// Whether the user agreed to the app's privacy guide (`wx.requirePrivacyAuthorize`).
    pub privacy_agreed: bool,
    /// Whether the login session is still valid (`wx.checkSession`).
    pub session_valid: bool,
    logins: u32,
    /// Scope → allowed; a scope not here has not been asked yet.
    pub authorized: BTreeMap<String, bool>,
    /// Subscription template → `accept` / `reject`, as last answered.
    pub subscriptions: BTreeMap<String, String>,
    /// app.json's `requiredPrivateInfos`.
    pub declared: Vec<String>,
}

impl Default for Account {
    fn default() -> Account {
        Account {
            app_id: "touristappid".into(),
            app_name: "小程序".into(),
            user: json!({ "nickName": "wxemu 测试用户", "avatarUrl": "https://wxemu.invalid/avatar.png", "gender": 0, "country": "China", "province": "Guangdong", "city": "Shenzhen", "language": "zh_CN" }),
            address: json!({ "userName": "张三", "postalCode": "510000", "provinceName": "广东省", "cityName": "广州市", "countyName": "海珠区", "streetName": "新港中路", "detailInfo": "新港中路397号", "nationalCode": "510000", "telNumber": "020-81167888" }),
            location: json!({ "latitude": 23.099994, "longitude": 113.32452, "speed": 0, "accuracy": 65, "altitude": 0, "verticalAccuracy": 65, "horizontalAccuracy": 65 }),
            privacy_agreed: false,
            session_valid: true,
            logins: 0,
            authorized: BTreeMap::new(),
            subscriptions: BTreeMap::new(),
            declared: Vec::new(),
        }
    }
}

/// The anonymous profile base library 2.27.1 and later give instead of the user's.
fn anonymous_user() -> Value {
    json!({ "nickName": "微信用户", "avatarUrl": "https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132", "gender": 0, "country": "", "province": "", "city": "", "language": "" })
}

impl Account {
    /// Sets the test user from a JSON object: `user` (getUserProfile's profile), `address`,
    /// `location`, `sessionValid`, and `authorized` (scope → allowed, as if asked before).
    /// Unknown keys and scopes are errors.
    pub fn configure(&mut self, config: &Value) -> Result<(), String> {
        let object = config.as_object().ok_or("the account configuration should be a JSON object")?;
        for (key, value) in object {
            match key.as_str() {
                "user" => self.user = value.clone(),
                "address" => self.address = value.clone(),
                "location" => self.location = value.clone(),
                "sessionValid" => self.session_valid = value.as_bool().ok_or("sessionValid should be true or false")?,
                "authorized" => {
                    for (scope, allowed) in value.as_object().ok_or("authorized should map scopes to true or false")? {
                        if Self::scope_text(scope).is_none() {
                            return Err(format!("unknown scope {scope}"));
                        }
                        self.authorized.insert(scope.clone(), allowed.as_bool().ok_or_else(|| format!("authorized.{scope} should be true or false"))?);
                    }
                }
                other => return Err(format!("unknown key {other}; use user, address, location, sessionValid or authorized")),
            }
        }
        Ok(())
    }

    /// Why `api` may not be called: it handles private information the app did not declare.
    pub fn undeclared(&self, api: &str) -> Option<String> {
        (PRIVATE_INFOS.contains(&api) && !self.declared.iter().any(|d| d == api)).then(|| "the api need to be declared in the requiredPrivateInfos field in app.json/ext.json".to_string())
    }

    fn scope_text(scope: &str) -> Option<&'static str> {
        SCOPES.iter().find(|(s, _)| *s == scope).map(|(_, t)| *t)
    }

    fn dialog(&self, kind: &'static str, title: String, content: String, cancel: &str, confirm: &str) -> Dialog {
        Dialog { kind, title, content, cancel_text: cancel.into(), confirm_text: confirm.into() }
    }

    /// The name of the app's privacy guide.
    fn privacy_contract(&self) -> String {
        format!("《{}小程序隐私保护指引》", self.app_name)
    }

    fn asks(&self) -> String {
        format!("“{}”申请", self.app_name)
    }

    /// The dialog `wx.<api>(args)` shows before it can answer, if it shows one now (an
    /// undecided scope is asked; an allowed or denied one is not).
    pub fn dialog_for(&self, api: &str, args: &Map<String, Value>, modern_profile: bool) -> Option<Dialog> {
        let scope_dialog = |scope: &str| {
            let undecided = !self.authorized.contains_key(scope);
            undecided.then(|| self.dialog("auth", self.asks(), Self::scope_text(scope).unwrap_or(scope).to_string(), "拒绝", "允许"))
        };
        match api {
            "authorize" if text(args, "scope") != "scope.userInfo" && Self::scope_text(text(args, "scope")).is_some() => scope_dialog(text(args, "scope")),
            "getLocation" => scope_dialog("scope.userLocation"),
            "getFuzzyLocation" => scope_dialog("scope.userFuzzyLocation"),
            "saveImageToPhotosAlbum" | "saveVideoToPhotosAlbum" => scope_dialog("scope.writePhotosAlbum"),
            "getUserProfile" if !modern_profile && !text(args, "desc").is_empty() => Some(self.dialog("profile", self.asks(), format!("获取你的昵称、头像\n{}", text(args, "desc")), "拒绝", "允许")),
            "requestSubscribeMessage" => {
                let ids = args.get("tmplIds").and_then(Value::as_array).filter(|ids| (1..=3).contains(&ids.len()))?;
                let ids: Vec<&str> = ids.iter().filter_map(Value::as_str).collect();
                Some(self.dialog("subscribe", format!("“{}”想给你发送以下消息", self.app_name), ids.join("\n"), "取消", "允许"))
            }
            "requirePrivacyAuthorize" if !self.privacy_agreed && args.get("answer").is_none() => Some(self.dialog(
                "privacy",
                "用户隐私保护提示".into(),
                format!("在你使用“{}”服务之前，请仔细阅读{}。如你同意，请点击“同意”开始使用。", self.app_name, self.privacy_contract()),
                "拒绝",
                "同意",
            )),
            "chooseAddress" => Some(self.dialog(
                "address",
                "选择收货地址".into(),
                format!("{} {}", text(&object(self.address.clone()), "userName"), text(&object(self.address.clone()), "detailInfo")),
                "取消",
                "确定",
            )),
            "openSetting" => {
                let scopes: Vec<String> = self.authorized.iter().map(|(s, on)| format!("{}: {}", Self::scope_text(s).unwrap_or(s), if *on { "允许" } else { "不允许" })).collect();
                Some(self.dialog("setting", "设置".into(), scopes.join("\n"), "返回", "确定"))
            }
            "requestPayment" => Some(self.dialog("payment", "确认付款".into(), text(args, "package").to_string(), "取消", "支付")),
            "makePhoneCall" if !text(args, "phoneNumber").is_empty() => Some(self.dialog("phonecall", text(args, "phoneNumber").to_string(), "呼叫".into(), "取消", "呼叫")),
            "scanCode" => Some(self.dialog("scan", "扫一扫".into(), String::new(), "取消", "扫描")),
            "chooseLocation" => Some(self.dialog("location", "选择位置".into(), text(&object(self.location.clone()), "name").to_string(), "取消", "确定")),
            "navigateToMiniProgram" => Some(self.dialog("miniprogram", format!("即将打开“{}”小程序", text(args, "appId")), String::new(), "取消", "允许")),
            _ => None,
        }
    }

    /// Carries out the account APIs that answer at once; None for other APIs.
    pub fn call(&mut self, api: &str, args: &Map<String, Value>, modern_profile: bool) -> Option<Result<Map<String, Value>, Failure>> {
        let fail = |reason: &str| Some(Err(Failure::Fail(reason.into())));
        let answer = match api {
            "login" => {
                self.logins += 1;
                self.session_valid = true;
                json!({ "code": format!("wxemu-login-code-{}", self.logins) })
            }
            "checkSession" if self.session_valid => json!({}),
            "checkSession" => return fail("session time out, need relogin"),
            "getPrivacySetting" => json!({ "needAuthorization": !self.privacy_agreed, "privacyContractName": self.privacy_contract() }),
            "openPrivacyContract" => json!({}),
            "requirePrivacyAuthorize" => match args.get("answer").and_then(Value::as_str) {
                // The app's own popup answered (wx.onNeedPrivacyAuthorization's resolve).
                Some(answer) => return Some(self.answer(api, args, answer == "agree", None)),
                None if self.privacy_agreed => json!({}),
                None => return None,
            },
            "getAccountInfoSync" => json!({ "miniProgram": { "appId": self.app_id, "envVersion": "develop", "version": "" }, "plugin": {} }),
            "getSetting" => {
                let mut result = json!({ "authSetting": self.authorized });
                if args.get("withSubscriptions").and_then(Value::as_bool) == Some(true) {
                    result["subscriptionsSetting"] = json!({ "mainSwitch": true, "itemSettings": self.subscriptions });
                }
                result
            }
            "authorize" => {
                let scope = text(args, "scope");
                if scope == "scope.userInfo" {
                    // The platform no longer asks for it: the call succeeds without a dialog.
                    json!({})
                } else if Self::scope_text(scope).is_none() {
                    return fail(&format!("invalid scope {scope}"));
                } else if self.authorized.get(scope) == Some(&true) {
                    json!({})
                } else {
                    return fail("auth deny");
                }
            }
            "getUserInfo" => {
                // From 2.27.1 the client gives an anonymous profile; before, the user's.
                let user = if modern_profile { anonymous_user() } else { self.user.clone() };
                json!({ "userInfo": user, "rawData": user.to_string() })
            }
            "getUserProfile" if modern_profile => json!({ "userInfo": anonymous_user(), "rawData": anonymous_user().to_string() }),
            "getUserProfile" => return fail("desc length does not meet the requirements"),
            "requestSubscribeMessage" => {
                let count = args.get("tmplIds").and_then(Value::as_array).map_or(0, Vec::len);
                return fail(if count == 0 { "TmplIds can't be empty" } else { "Templates count out of max bounds" });
            }
            "makePhoneCall" => return fail("parameter error: parameter.phoneNumber should be String instead of Undefined;"),
            "getLocation" | "getFuzzyLocation" | "saveImageToPhotosAlbum" | "saveVideoToPhotosAlbum" => {
                let scope = if api == "getFuzzyLocation" {
                    "scope.userFuzzyLocation"
                } else if api == "getLocation" {
                    "scope.userLocation"
                } else {
                    "scope.writePhotosAlbum"
                };
                if self.authorized.get(scope) != Some(&true) {
                    return fail("auth deny");
                }
                return Some(self.granted(api));
            }
            "openLocation" => json!({}),
            _ => return None,
        };
        Some(Ok(object(answer)))
    }

    /// What an API whose scope is allowed gives.
    fn granted(&self, api: &str) -> Result<Map<String, Value>, Failure> {
        match api {
            "getLocation" => Ok(object(self.location.clone())),
            "getFuzzyLocation" => {
                let round = |key: &str| (self.location[key].as_f64().unwrap_or(0.0) * 100.0).round() / 100.0;
                Ok(object(json!({ "latitude": round("latitude"), "longitude": round("longitude") })))
            }
            _ => Err(Failure::Unsupported),
        }
    }

    /// The result of `wx.<api>(args)` once the user answered its dialog: `confirm` (allow,
    /// OK, pay, call) or not, and `data` for answers that carry some (the scanned text, the
    /// chosen place, each subscription's `accept`/`reject`, the settings' scopes).
    pub fn answer(&mut self, api: &str, args: &Map<String, Value>, confirm: bool, data: Option<&Value>) -> Result<Map<String, Value>, Failure> {
        let cancel = || Err(Failure::Fail("cancel".into()));
        match api {
            "authorize" | "getLocation" | "getFuzzyLocation" | "saveImageToPhotosAlbum" | "saveVideoToPhotosAlbum" => {
                let scope = match api {
                    "authorize" => text(args, "scope"),
                    "getLocation" => "scope.userLocation",
                    "getFuzzyLocation" => "scope.userFuzzyLocation",
                    _ => "scope.writePhotosAlbum",
                };
                self.authorized.insert(scope.to_string(), confirm);
                match (confirm, api) {
                    (false, _) => Err(Failure::Fail("auth deny".into())),
                    (true, "authorize") => Ok(Map::new()),
                    (true, _) => self.granted(api),
                }
            }
            "getUserProfile" if confirm => Ok(object(json!({ "userInfo": self.user, "rawData": self.user.to_string() }))),
            "getUserProfile" => Err(Failure::Fail("auth deny".into())),
            "requestSubscribeMessage" => {
                let mut result = Map::new();
                for id in args.get("tmplIds").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                    let chosen = data.and_then(|d| d.get(id)).and_then(Value::as_str).unwrap_or(if confirm { "accept" } else { "reject" });
                    self.subscriptions.insert(id.to_string(), chosen.to_string());
                    result.insert(id.to_string(), chosen.into());
                }
                Ok(result)
            }
            "chooseAddress" if confirm => Ok(object(data.cloned().unwrap_or_else(|| self.address.clone()))),
            "openSetting" => {
                if confirm {
                    for (scope, on) in data.and_then(Value::as_object).into_iter().flatten() {
                        if self.authorized.contains_key(scope) {
                            self.authorized.insert(scope.clone(), on.as_bool().unwrap_or(false));
                        }
                    }
                }
                Ok(object(json!({ "authSetting": self.authorized })))
            }
            "scanCode" if confirm => {
                let result = data.and_then(Value::as_str).ok_or_else(|| Failure::Fail("scanCode needs the scanned text as the answer".into()))?;
                use base64::Engine;
                Ok(object(json!({ "result": result, "scanType": "QR_CODE", "charSet": "utf-8", "rawData": base64::engine::general_purpose::STANDARD.encode(result) })))
            }
            "chooseLocation" if confirm => {
                let place = data.cloned().unwrap_or_else(|| self.location.clone());
                Ok(object(
                    json!({ "name": place["name"].as_str().unwrap_or("位置"), "address": place["address"].as_str().unwrap_or(""), "latitude": place["latitude"], "longitude": place["longitude"] }),
                ))
            }
            "requestPayment" | "makePhoneCall" | "navigateToMiniProgram" if confirm => Ok(Map::new()),
            "requirePrivacyAuthorize" => {
                self.privacy_agreed = confirm;
                if confirm {
                    Ok(Map::new())
                } else {
                    Err(Failure::Fail("privacy permission is not authorized".into()))
                }
            }
            _ => cancel(),
        }
    }
}
