//! The phone's own state that apps set and read: the clipboard, the screen (kept on,
//! brightness), vibrations, the network type and the battery, the images previewed, and
//! what the app reported (`reportEvent`, `reportAnalytics`, `reportMonitor`). Nothing happens to a real
//! device: the state is kept and logged for tests to look at.

use crate::Failure;
use serde_json::{json, Map, Value};

/// The phone's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Phone {
    pub clipboard: String,
    pub keep_screen_on: bool,
    /// 0 to 1.
    pub brightness: f64,
    /// Each vibration: `short:heavy`, `short:medium`, `short:light` or `long`.
    pub vibrations: Vec<String>,
    /// `wifi`, `2g`, `3g`, `4g`, `5g`, `unknown` or `none`.
    pub network_type: String,
    /// 0 to 100.
    pub battery_level: u32,
    pub charging: bool,
    /// What the app reported: the API, the name and the data.
    pub reports: Vec<(String, String, Value)>,
    /// The images `wx.previewImage` showed: its `urls` and `current`.
    pub previews: Vec<Value>,
}

impl Default for Phone {
    fn default() -> Phone {
        Phone {
            clipboard: String::new(),
            keep_screen_on: false,
            brightness: 0.5,
            vibrations: Vec::new(),
            network_type: "wifi".into(),
            battery_level: 100,
            charging: false,
            reports: Vec::new(),
            previews: Vec::new(),
        }
    }
}

impl Phone {
    /// Carries out `wx.<api>(args)` when it is one of the phone's; None otherwise.
    pub fn call(&mut self, api: &str, args: &Map<String, Value>) -> Option<Result<Map<String, Value>, Failure>> {
        let answer = match api {
            "setClipboardData" => {
                self.clipboard = args.get("data").and_then(Value::as_str).unwrap_or_default().to_string();
                json!({})
            }
            "getClipboardData" => json!({ "data": self.clipboard }),
            "vibrateShort" => {
                let kind = args.get("type").and_then(Value::as_str).unwrap_or("medium");
                if !matches!(kind, "heavy" | "medium" | "light") {
                    return Some(Err(Failure::Fail(format!("parameter error: parameter.type should be one of heavy, medium, light instead of {kind};"))));
                }
                self.vibrations.push(format!("short:{kind}"));
                json!({})
            }
            "vibrateLong" => {
                self.vibrations.push("long".into());
                json!({})
            }
            "setKeepScreenOn" => {
                self.keep_screen_on = args.get("keepScreenOn").and_then(Value::as_bool).unwrap_or(false);
                json!({})
            }
            "setScreenBrightness" => {
                self.brightness = args.get("value").and_then(Value::as_f64).unwrap_or(self.brightness).clamp(0.0, 1.0);
                json!({})
            }
            "getScreenBrightness" => json!({ "value": self.brightness }),
            "getNetworkType" => json!({ "networkType": self.network_type, "signalStrength": if self.network_type == "none" { 0 } else { 4 }, "hasSystemProxy": false }),
            "getBatteryInfo" | "getBatteryInfoSync" => json!({ "level": self.battery_level, "isCharging": self.charging, "isLowPowerModeEnabled": false }),
            "reportEvent" | "reportAnalytics" | "reportMonitor" => {
                let name = args.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
                self.reports.push((api.to_string(), name, args.get("data").cloned().unwrap_or(Value::Null)));
                json!({})
            }
            "previewImage" => {
                let urls = args.get("urls").cloned().unwrap_or(Value::Null);
                let current = args.get("current").cloned().unwrap_or_else(|| urls.get(0).cloned().unwrap_or(Value::Null));
                self.previews.push(json!({ "urls": urls, "current": current }));
                json!({})
            }
            _ => return None,
        };
        Some(Ok(match answer {
            Value::Object(map) => map,
            _ => Map::new(),
        }))
    }
}
