//! Every `wx` API wxemu carries out, declared once: its name, which family carries it out,
//! and how the framework calls it. The framework's JS defines the simple members from this
//! table (an asynchronous API with its options checked, a synchronous one without
//! arguments); a family's JS file defines the rest. The Simulator and [`crate::Host`] send
//! each call to its family by this table.

use serde_json::{json, Value};

/// Who carries out an API's calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// System information, launch and enter options (`system.rs`).
    System,
    /// Storage (`storage/`).
    Storage,
    /// The FileSystemManager and the app's saved files (`files/`).
    Files,
    /// HTTP and WebSocket (`network/`; its I/O is the Simulator's).
    Network,
    /// The phone's state: clipboard, screen, vibration, network type, battery, what the app
    /// reports (`phone/`).
    Phone,
    /// The account, scopes, privacy and what the client asks the user (`account/`).
    Account,
    /// The client around the app: share menu, extConfig, background fetch (`client/`).
    Client,
    /// Choosing pictures, videos and files; audio (`media/`).
    Media,
    /// Toasts, loading, modals, action sheets (the Simulator's `prompts/`).
    Prompts,
    /// The navigation bar, tab bar, window background and pull-down refresh (the Simulator's bars).
    Bars,
    /// The page stack (the Simulator's `router/`).
    Router,
    /// What the laid-out page answers: SelectorQuery, pageScrollTo, IntersectionObserver,
    /// animations, picture information (the Simulator's `view_apis/`).
    View,
    /// The framework's own JS (runtime-js/): listeners, `nextTick`, `canIUse`, the update
    /// manager, ads.
    Framework,
}

/// How the framework calls an API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    /// Asynchronous (`success`/`fail`/`complete`, or a Promise), its options checked as the
    /// platform checks them: (key, type; `!` when required).
    Checked(&'static [(&'static str, &'static str)]),
    /// Synchronous, without arguments: the host's answer.
    Sync,
    /// Defined by its family's JS (a task or object it returns, arguments of its own).
    Script,
    /// Not a member of `wx`: a call its family's JS makes to the host (a FileSystemManager
    /// method, a SelectorQuery's `exec`…).
    Host,
}

/// One declared API.
#[derive(Debug)]
pub struct Api {
    pub name: &'static str,
    pub family: Family,
    pub call: Call,
}

const fn api(name: &'static str, family: Family, call: Call) -> Api {
    Api { name, family, call }
}

use Call::{Checked, Host, Script, Sync};
use Family::*;

/// No options to check.
const NONE: &[(&str, &str)] = &[];

/// The declared APIs.
pub const APIS: &[Api] = &[
    // System information (answered with the fields of the app's base library).
    api("getSystemInfoSync", System, Sync),
    api("getWindowInfo", System, Sync),
    api("getDeviceInfo", System, Sync),
    api("getAppBaseInfo", System, Sync),
    api("getSystemSetting", System, Sync),
    api("getAppAuthorizeSetting", System, Sync),
    api("getMenuButtonBoundingClientRect", System, Sync),
    api("getBatteryInfoSync", Phone, Sync),
    api("getLaunchOptionsSync", System, Sync),
    api("getEnterOptionsSync", System, Sync),
    api("getSystemInfo", System, Checked(NONE)),
    api("getSystemInfoAsync", System, Checked(NONE)),
    // Storage: each value kept as its type and text (storage/storage.js).
    api("setStorageSync", Storage, Script),
    api("getStorageSync", Storage, Script),
    api("removeStorageSync", Storage, Script),
    api("clearStorageSync", Storage, Script),
    api("getStorageInfoSync", Storage, Script),
    api("batchSetStorageSync", Storage, Script),
    api("batchGetStorageSync", Storage, Script),
    api("setStorage", Storage, Script),
    api("getStorage", Storage, Script),
    api("removeStorage", Storage, Script),
    api("clearStorage", Storage, Script),
    api("getStorageInfo", Storage, Script),
    api("batchSetStorage", Storage, Script),
    api("batchGetStorage", Storage, Script),
    // Files: the FileSystemManager (files/files.js) and its methods.
    api("getFileSystemManager", Files, Script),
    api("access", Files, Host),
    api("accessSync", Files, Host),
    api("readFile", Files, Host),
    api("readFileSync", Files, Host),
    api("writeFile", Files, Host),
    api("writeFileSync", Files, Host),
    api("appendFile", Files, Host),
    api("appendFileSync", Files, Host),
    api("copyFile", Files, Host),
    api("copyFileSync", Files, Host),
    api("rename", Files, Host),
    api("renameSync", Files, Host),
    api("unlink", Files, Host),
    api("unlinkSync", Files, Host),
    api("mkdir", Files, Host),
    api("mkdirSync", Files, Host),
    api("rmdir", Files, Host),
    api("rmdirSync", Files, Host),
    api("readdir", Files, Host),
    api("readdirSync", Files, Host),
    api("stat", Files, Host),
    api("statSync", Files, Host),
    api("saveFile", Files, Host),
    api("saveFileSync", Files, Host),
    api("unzip", Files, Host),
    api("getFileInfo", Files, Host),
    api("getSavedFileList", Files, Host),
    api("removeSavedFile", Files, Host),
    // Network: tasks (network/network.js).
    api("request", Network, Script),
    api("downloadFile", Network, Script),
    api("uploadFile", Network, Script),
    api("connectSocket", Network, Script),
    api("onSocketOpen", Network, Script),
    api("onSocketMessage", Network, Script),
    api("onSocketError", Network, Script),
    api("onSocketClose", Network, Script),
    api("sendSocketMessage", Network, Script),
    api("closeSocket", Network, Script),
    api("abortTask", Network, Host),
    // The phone's state.
    api("setClipboardData", Phone, Checked(&[("data", "String!")])),
    api("getClipboardData", Phone, Checked(NONE)),
    api("vibrateShort", Phone, Checked(&[("type", "String")])),
    api("vibrateLong", Phone, Checked(NONE)),
    api("setKeepScreenOn", Phone, Checked(&[("keepScreenOn", "Boolean!")])),
    api("setScreenBrightness", Phone, Checked(&[("value", "Number!")])),
    api("getScreenBrightness", Phone, Checked(NONE)),
    api("getNetworkType", Phone, Checked(NONE)),
    api("getBatteryInfo", Phone, Checked(NONE)),
    api("previewImage", Phone, Checked(&[("urls", "Array!"), ("current", "String"), ("showmenu", "Boolean")])),
    // What the app reports is kept for tests (nothing is sent anywhere).
    api("reportEvent", Phone, Script),
    api("reportAnalytics", Phone, Script),
    api("reportMonitor", Phone, Script),
    // The account and what the client asks the user.
    api("login", Account, Checked(&[("timeout", "Number")])),
    api("checkSession", Account, Checked(NONE)),
    api("getSetting", Account, Checked(&[("withSubscriptions", "Boolean")])),
    api("openSetting", Account, Checked(&[("withSubscriptions", "Boolean")])),
    api("authorize", Account, Checked(&[("scope", "String!")])),
    api("getUserInfo", Account, Checked(&[("withCredentials", "Boolean"), ("lang", "String")])),
    api("getUserProfile", Account, Checked(&[("desc", "String!"), ("lang", "String")])),
    api("requestSubscribeMessage", Account, Checked(&[("tmplIds", "Array!")])),
    api("chooseAddress", Account, Checked(NONE)),
    api("requestPayment", Account, Checked(&[("timeStamp", "String!"), ("nonceStr", "String!"), ("package", "String!"), ("signType", "String"), ("paySign", "String!")])),
    api("makePhoneCall", Account, Checked(&[("phoneNumber", "String!")])),
    api("scanCode", Account, Checked(&[("onlyFromCamera", "Boolean"), ("scanType", "Array")])),
    api("chooseLocation", Account, Checked(&[("latitude", "Number"), ("longitude", "Number")])),
    api("navigateToMiniProgram", Account, Checked(&[("appId", "String"), ("path", "String"), ("extraData", "Object"), ("envVersion", "String"), ("shortLink", "String")])),
    api("getLocation", Account, Checked(&[("type", "String"), ("altitude", "Boolean"), ("isHighAccuracy", "Boolean"), ("highAccuracyExpireTime", "Number")])),
    api("getFuzzyLocation", Account, Checked(&[("type", "String")])),
    api("openLocation", Account, Checked(&[("latitude", "Number!"), ("longitude", "Number!"), ("scale", "Number"), ("name", "String"), ("address", "String")])),
    api("saveImageToPhotosAlbum", Account, Checked(NONE)),
    api("saveVideoToPhotosAlbum", Account, Checked(NONE)),
    api("getAccountInfoSync", Account, Sync),
    // The client around the app.
    api("showShareMenu", Client, Checked(&[("withShareTicket", "Boolean"), ("menus", "Array")])),
    api("hideShareMenu", Client, Checked(&[("menus", "Array")])),
    api(
        "updateShareMenu",
        Client,
        Checked(&[
            ("withShareTicket", "Boolean"),
            ("isUpdatableMessage", "Boolean"),
            ("activityId", "String"),
            ("templateInfo", "Object"),
            ("toDoActivityId", "String"),
            ("isPrivateMessage", "Boolean"),
        ]),
    ),
    api("getExtConfig", Client, Checked(NONE)),
    api("getExtConfigSync", Client, Script),
    api("setBackgroundFetchToken", Client, Checked(&[("token", "String!")])),
    api("getBackgroundFetchData", Client, Checked(&[("fetchType", "String!")])),
    api("getPrivacySetting", Account, Checked(NONE)),
    api("openPrivacyContract", Account, Checked(NONE)),
    api("requirePrivacyAuthorize", Account, Script),
    // Media: the choosers (a dialog the user answers with host files) and audio
    // (media/audio.js).
    api("chooseImage", Media, Checked(&[("count", "Number"), ("sizeType", "Array"), ("sourceType", "Array")])),
    api("chooseMedia", Media, Checked(&[("count", "Number"), ("mediaType", "Array"), ("sourceType", "Array"), ("maxDuration", "Number"), ("sizeType", "Array"), ("camera", "String")])),
    api("chooseMessageFile", Media, Checked(&[("count", "Number!"), ("type", "String"), ("extension", "Array")])),
    api("createInnerAudioContext", Media, Script),
    api("getBackgroundAudioManager", Media, Script),
    // Prompts.
    api("showToast", Prompts, Script),
    api("hideToast", Prompts, Checked(NONE)),
    api("showLoading", Prompts, Checked(&[("title", "String!"), ("mask", "Boolean")])),
    api("hideLoading", Prompts, Checked(NONE)),
    api(
        "showModal",
        Prompts,
        Checked(&[
            ("title", "String"),
            ("content", "String"),
            ("showCancel", "Boolean"),
            ("cancelText", "String"),
            ("cancelColor", "String"),
            ("confirmText", "String"),
            ("confirmColor", "String"),
            ("editable", "Boolean"),
            ("placeholderText", "String"),
        ]),
    ),
    api("showActionSheet", Prompts, Script),
    // Bars.
    api("setNavigationBarTitle", Bars, Checked(&[("title", "String!")])),
    api("setNavigationBarColor", Bars, Checked(&[("frontColor", "String!"), ("backgroundColor", "String!"), ("animation", "Object")])),
    api("showNavigationBarLoading", Bars, Checked(NONE)),
    api("hideNavigationBarLoading", Bars, Checked(NONE)),
    api("setTabBarBadge", Bars, Checked(&[("index", "Number!"), ("text", "String!")])),
    api("removeTabBarBadge", Bars, Checked(&[("index", "Number!")])),
    api("showTabBarRedDot", Bars, Checked(&[("index", "Number!")])),
    api("hideTabBarRedDot", Bars, Checked(&[("index", "Number!")])),
    api("showTabBar", Bars, Checked(&[("animation", "Boolean")])),
    api("hideTabBar", Bars, Checked(&[("animation", "Boolean")])),
    api("setTabBarItem", Bars, Checked(&[("index", "Number!"), ("text", "String"), ("iconPath", "String"), ("selectedIconPath", "String")])),
    api("setTabBarStyle", Bars, Checked(&[("color", "String"), ("selectedColor", "String"), ("backgroundColor", "String"), ("borderStyle", "String")])),
    api("setBackgroundColor", Bars, Checked(&[("backgroundColor", "String"), ("backgroundColorTop", "String"), ("backgroundColorBottom", "String")])),
    api("setBackgroundTextStyle", Bars, Checked(&[("textStyle", "String!")])),
    api("startPullDownRefresh", Bars, Checked(NONE)),
    api("stopPullDownRefresh", Bars, Checked(NONE)),
    // The router (the framework opens the EventChannel of navigateTo).
    api("navigateTo", Router, Script),
    api("redirectTo", Router, Script),
    api("reLaunch", Router, Script),
    api("switchTab", Router, Script),
    api("navigateBack", Router, Script),
    // What the laid-out page answers (the Simulator's view_apis/view.js).
    api("createSelectorQuery", View, Script),
    api("createIntersectionObserver", View, Script),
    api("createAnimation", View, Script),
    api("pageScrollTo", View, Script),
    api("getImageInfo", View, Checked(&[("src", "String!")])),
    api("loadFontFace", View, Checked(&[("family", "String!"), ("source", "String!")])),
    api("selectorQuery", View, Host),
    api("scrollViewContext", View, Host),
    api("intersectionObserver", View, Host),
    api("animate", View, Host),
    api("clearAnimation", View, Host),
    // The framework's own.
    api("nextTick", Framework, Script),
    api("arrayBufferToBase64", Framework, Script),
    api("base64ToArrayBuffer", Framework, Script),
    api("canIUse", Framework, Script),
    api("getUpdateManager", Framework, Script),
    api("getExptInfoSync", Framework, Script),
    api("createInterstitialAd", Framework, Script),
    api("createRewardedVideoAd", Framework, Script),
    api("onThemeChange", Framework, Script),
    api("offThemeChange", Framework, Script),
    api("onAppShow", Framework, Script),
    api("offAppShow", Framework, Script),
    api("onAppHide", Framework, Script),
    api("offAppHide", Framework, Script),
    api("onError", Framework, Script),
    api("offError", Framework, Script),
    api("onPageNotFound", Framework, Script),
    api("offPageNotFound", Framework, Script),
    api("onUnhandledRejection", Framework, Script),
    api("offUnhandledRejection", Framework, Script),
    api("onNetworkStatusChange", Framework, Script),
    api("offNetworkStatusChange", Framework, Script),
    api("onMenuButtonBoundingClientRectWeightChange", Framework, Script),
    api("offMenuButtonBoundingClientRectWeightChange", Framework, Script),
    api("onBackgroundFetchData", Framework, Script),
    api("offBackgroundFetchData", Framework, Script),
    api("onNeedPrivacyAuthorization", Framework, Script),
    api("offNeedPrivacyAuthorization", Framework, Script),
];

/// The declared API `name`.
pub fn find(name: &str) -> Option<&'static Api> {
    APIS.iter().find(|api| api.name == name)
}

/// The family that carries out `name`'s calls.
pub fn family(name: &str) -> Option<Family> {
    find(name).map(|api| api.family)
}

/// The members the framework defines from the table, as its JS reads them:
/// `[[name, "checked", {key: type}], [name, "sync"], …]`.
pub fn framework_members() -> Value {
    let members = APIS.iter().filter_map(|api| match api.call {
        Checked(spec) => Some(json!([api.name, "checked", spec.iter().map(|(key, kind)| (key.to_string(), json!(kind))).collect::<serde_json::Map<_, _>>()])),
        Sync => Some(json!([api.name, "sync"])),
        Script | Host => None,
    });
    Value::Array(members.collect())
}
