//! The system-information family: `getSystemInfo`/`Sync`/`Async`, `getWindowInfo`,
//! `getDeviceInfo`, `getAppBaseInfo`, `getSystemSetting`, `getAppAuthorizeSetting` and
//! `getMenuButtonBoundingClientRect`. Each answers with the fields the docs list for the
//! base library the app runs on: a field newer than it (`safeArea` before 2.7.0) is absent,
//! as on a client of that version.

use crate::device::{Platform, Profile};
use crate::object;
use serde_json::{json, Map, Value};
use wxemu_caniuse::{Database, Version};

/// The WeChat version wxemu reports (`version`).
pub const WECHAT_VERSION: &str = "8.0.50";

/// The page area of the current page: below the navigation bar (unless the page draws its
/// own) and above the tab bar (on tab pages).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub width: f64,
    pub height: f64,
    /// Its top edge on the screen (`screenTop`).
    pub top: f64,
}

/// What the user switched on in the phone's settings, and what they let WeChat use.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub bluetooth_enabled: bool,
    pub location_enabled: bool,
    pub wifi_enabled: bool,
    /// The system permission of each of WeChat's `*Authorized` fields (`album`, `camera`,
    /// …): `authorized`, `denied` or `not determined`.
    pub authorized: Vec<(&'static str, &'static str)>,
}

impl Default for Settings {
    fn default() -> Settings {
        let kinds = ["album", "bluetooth", "camera", "location", "microphone", "notification", "notificationAlert", "notificationBadge", "notificationSound", "phoneCalendar"];
        Settings { bluetooth_enabled: true, location_enabled: true, wifi_enabled: true, authorized: kinds.into_iter().map(|k| (k, "authorized")).collect() }
    }
}

/// The phone and client an app runs on, as the system-information APIs describe them.
#[derive(Clone, Debug, PartialEq)]
pub struct System {
    pub device: Profile,
    /// The base library (`SDKVersion`), which also decides which fields exist.
    pub sdk: Version,
    /// The system theme is dark.
    pub dark: bool,
    /// app.json's `darkmode: true`: only then do apps see `theme`.
    pub darkmode: bool,
    pub window: Window,
    pub settings: Settings,
    /// `language`: WeChat's language setting.
    pub language: String,
}

impl System {
    /// A phone as it is when an app starts: its whole screen below the navigation bar.
    pub fn new(device: Profile, sdk: Version) -> System {
        let top = device.status_bar + 44.0;
        System { device, sdk, dark: false, darkmode: false, window: Window { width: device.width, height: device.height - top, top }, settings: Settings::default(), language: "zh_CN".into() }
    }

    /// The answer of system-information API `api`, or None when it is not one of them.
    pub fn answer(&self, api: &str) -> Option<Map<String, Value>> {
        let (fields, section) = match api {
            "getSystemInfo" | "getSystemInfoAsync" => (self.system_info(), "success"),
            "getSystemInfoSync" => (self.system_info(), "return"),
            "getWindowInfo" => (self.window_info(), "return"),
            "getDeviceInfo" => (self.device_info(), "return"),
            "getAppBaseInfo" => (self.app_base_info(), "return"),
            "getSystemSetting" => (self.system_setting(), "return"),
            "getAppAuthorizeSetting" => (self.app_authorize_setting(), "return"),
            "getMenuButtonBoundingClientRect" => (object(self.device.menu_button().to_json()), "return"),
            _ => return None,
        };
        let db = Database::get();
        Some(fields.into_iter().filter(|(key, _)| db.can_i_use(&format!("{api}.{section}.{key}"), self.sdk)).collect())
    }

    fn theme(&self) -> Option<Value> {
        self.darkmode.then(|| Value::from(if self.dark { "dark" } else { "light" }))
    }

    fn font_size_setting(&self) -> u32 {
        match self.device.platform {
            Platform::Ios => 17,
            Platform::Android => 16,
        }
    }

    /// `benchmarkLevel`: Android reports a performance level, iOS -1 (unknown).
    fn benchmark_level(&self) -> i32 {
        match self.device.platform {
            Platform::Ios => -1,
            Platform::Android => 30,
        }
    }

    fn window_info(&self) -> Map<String, Value> {
        let d = &self.device;
        object(json!({
            "pixelRatio": d.pixel_ratio,
            "screenWidth": d.width,
            "screenHeight": d.height,
            "windowWidth": self.window.width,
            "windowHeight": self.window.height,
            "statusBarHeight": d.status_bar,
            "safeArea": d.safe_area().to_json(),
            "screenTop": self.window.top,
        }))
    }

    fn device_info(&self) -> Map<String, Value> {
        let d = &self.device;
        let mut info = object(json!({
            "benchmarkLevel": self.benchmark_level(),
            "brand": d.brand,
            "model": d.model,
            "system": d.system,
            "platform": d.platform.as_str(),
            "memorySize": d.memory_mb.to_string(),
        }));
        // The CPU fields exist on Android only.
        if d.platform == Platform::Android {
            info.insert("abi".into(), "arm64-v8a".into());
            info.insert("deviceAbi".into(), "arm64-v8a".into());
            info.insert("cpuType".into(), "unknown".into());
        }
        info
    }

    fn app_base_info(&self) -> Map<String, Value> {
        let mut info = object(json!({
            "SDKVersion": self.sdk.to_string(),
            "enableDebug": false,
            "host": { "env": "WeChat" },
            "language": self.language,
            "version": WECHAT_VERSION,
            "fontSizeSetting": self.font_size_setting(),
            "fontSizeScaleFactor": 1,
        }));
        info.extend(self.theme().map(|t| ("theme".to_string(), t)));
        info
    }

    fn system_setting(&self) -> Map<String, Value> {
        let s = &self.settings;
        object(json!({
            "bluetoothEnabled": s.bluetooth_enabled,
            "locationEnabled": s.location_enabled,
            "wifiEnabled": s.wifi_enabled,
            "deviceOrientation": "portrait",
        }))
    }

    fn app_authorize_setting(&self) -> Map<String, Value> {
        let mut setting: Map<String, Value> = self.settings.authorized.iter().map(|(kind, state)| (format!("{kind}Authorized"), Value::from(*state))).collect();
        setting.insert("locationReducedAccuracy".into(), false.into());
        setting
    }

    /// `getSystemInfo`: the other APIs' fields together (it predates them), with the
    /// permissions as booleans.
    fn system_info(&self) -> Map<String, Value> {
        let mut info = self.window_info();
        info.extend(self.device_info());
        info.extend(self.app_base_info());
        info.extend(self.system_setting());
        for (kind, state) in &self.settings.authorized {
            info.insert(format!("{kind}Authorized"), Value::from(*state == "authorized"));
        }
        info.insert("locationReducedAccuracy".into(), false.into());
        info
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(sdk: &str) -> System {
        System::new(Profile::IPHONE_6, Version::parse(sdk).unwrap())
    }

    #[test]
    fn fields_follow_the_base_library() {
        let new = system("3.0.0").answer("getSystemInfoSync").unwrap();
        assert_eq!(new["SDKVersion"], "3.0.0");
        assert_eq!(new["safeArea"]["height"], 647.0);
        assert_eq!(new["windowHeight"], 603.0);
        assert_eq!(new["platform"], "ios");
        assert!(!new.contains_key("theme"), "theme needs app.json darkmode");
        let old = system("2.6.0").answer("getSystemInfoSync").unwrap();
        assert!(!old.contains_key("safeArea") && old.contains_key("albumAuthorized"));
        let older = system("1.4.0").answer("getSystemInfoSync").unwrap();
        assert!(!older.contains_key("brand") && !older.contains_key("statusBarHeight") && older.contains_key("model"));
    }

    #[test]
    fn each_api_answers_with_its_own_fields() {
        let mut s = system("3.4.0");
        s.darkmode = true;
        s.dark = true;
        let base = s.answer("getAppBaseInfo").unwrap();
        assert_eq!((base["SDKVersion"].as_str(), base["theme"].as_str()), (Some("3.4.0"), Some("dark")));
        let device = s.answer("getDeviceInfo").unwrap();
        assert!(device.contains_key("memorySize") && !device.contains_key("abi"), "{device:?}");
        assert_eq!(s.answer("getAppAuthorizeSetting").unwrap()["cameraAuthorized"], "authorized");
        assert_eq!(s.answer("getSystemInfo").unwrap()["cameraAuthorized"], true);
        assert_eq!(s.answer("getWindowInfo").unwrap()["screenTop"], 64.0);
        assert_eq!(s.answer("getMenuButtonBoundingClientRect").unwrap()["right"], 368.0);
        assert_eq!(s.answer("getStorageSync"), None);
    }
}
