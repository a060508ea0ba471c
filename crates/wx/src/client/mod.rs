//! What the WeChat client keeps for the app around its pages: the share menu (`showShareMenu`,
//! `hideShareMenu`, `updateShareMenu`), the third-party platform's `extConfig` (ext.json,
//! `getExtConfig(Sync)`), and periodic background fetch (`setBackgroundFetchToken`,
//! `getBackgroundFetchData`), which needs WeChat's servers and so has no data in wxemu.

use crate::Failure;
use serde_json::{json, Map, Value};

/// The client's state for one app.
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    /// Whether the page's “…” menu offers sharing, with the options the app gave
    /// (`withShareTicket`, `menus`, and `updateShareMenu`'s fields).
    pub share_menu: Option<Map<String, Value>>,
    /// ext.json's `ext` when it has `"extEnable": true` (a third-party platform's settings).
    pub ext_config: Map<String, Value>,
    /// The token the app gave `setBackgroundFetchToken`.
    pub background_fetch_token: Option<String>,
}

impl Default for Client {
    fn default() -> Client {
        // The client offers sharing to friends until the app hides it.
        Client { share_menu: Some(Map::new()), ext_config: Map::new(), background_fetch_token: None }
    }
}

impl Client {
    /// Carries out the client APIs; None for other APIs.
    pub fn call(&mut self, api: &str, args: &Map<String, Value>) -> Option<Result<Map<String, Value>, Failure>> {
        let answer = match api {
            "showShareMenu" => {
                self.share_menu = Some(args.clone());
                json!({})
            }
            "hideShareMenu" => {
                self.share_menu = None;
                json!({})
            }
            "updateShareMenu" => {
                self.share_menu.get_or_insert_with(Map::new).extend(args.clone());
                json!({})
            }
            "getExtConfig" | "getExtConfigSync" => json!({ "extConfig": self.ext_config }),
            "setBackgroundFetchToken" => {
                self.background_fetch_token = args.get("token").and_then(Value::as_str).map(str::to_string);
                json!({})
            }
            "getBackgroundFetchData" => return Some(Err(Failure::Fail("no background fetch data: wxemu runs without WeChat's servers, which fetch it".into()))),
            _ => return None,
        };
        Some(Ok(crate::object(answer)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_menu_follows_the_app() {
        let mut client = Client::default();
        let args: Map<String, Value> = serde_json::from_value(json!({ "withShareTicket": true, "menus": ["shareAppMessage", "shareTimeline"] })).unwrap();
        client.call("showShareMenu", &args).unwrap().unwrap();
        assert_eq!(client.share_menu.as_ref().unwrap()["menus"], json!(["shareAppMessage", "shareTimeline"]));
        client.call("hideShareMenu", &Map::new()).unwrap().unwrap();
        assert_eq!(client.share_menu, None);
        assert!(matches!(client.call("getBackgroundFetchData", &Map::new()), Some(Err(Failure::Fail(_)))));
        client.ext_config.insert("shop".into(), json!(7));
        assert_eq!(client.call("getExtConfigSync", &Map::new()).unwrap().unwrap()["extConfig"]["shop"], 7);
    }
}
