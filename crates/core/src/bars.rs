//! The navigation bar, tab bar and window APIs: a page's title, colours and loading
//! spinner; the tab bar's badges, red dots, items, style, and whether it shows; the window's
//! background colour and text style; and pull-down refresh (the page moved down over three
//! dots until `stopPullDownRefresh`).

use crate::Simulator;
use serde_json::{json, Map, Value as Json};
use wxemu_render::Rgba;
use wxemu_view::chrome::{hex_color, Badge};

/// How far pull-down refresh moves the page down while it refreshes (px).
pub(crate) const REFRESH_HEIGHT: f32 = 50.0;

/// What a page's APIs changed of its navigation bar, and whether it is refreshing.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageChrome {
    pub title: Option<String>,
    pub white_text: Option<bool>,
    pub background: Option<Rgba>,
    pub loading: bool,
    pub refreshing: bool,
    /// How far (px) the user's finger pulls the page down at its top, while it does.
    pub pulled: f32,
    /// `wx.setBackgroundColor`: the window's background (seen when the page is pulled down).
    pub window_background: Option<Rgba>,
    /// `wx.setBackgroundTextStyle`: dark (or light) loading dots.
    pub dark_dots: Option<bool>,
}

/// What the tab bar APIs changed of app.json's tabBar (for the whole app).
#[derive(Clone, Debug, Default)]
pub(crate) struct TabBarChanges {
    pub hidden: bool,
    /// `setTabBarStyle`'s keys (color, selectedColor, backgroundColor, borderStyle).
    pub style: Map<String, Json>,
    /// `setTabBarItem`'s keys (text, iconPath, selectedIconPath) by item.
    pub items: std::collections::HashMap<usize, Map<String, Json>>,
    /// The badges and red dots, by item.
    pub badges: std::collections::HashMap<usize, wxemu_view::chrome::Badge>,
}

impl Simulator {
    /// A bar API call from the logic layer (its arguments checked by the framework).
    pub(crate) fn bar_api(&mut self, api: &str, call: u32, args: Map<String, Json>) {
        let result = match args.get("error").and_then(Json::as_str) {
            Some(error) => Err(error.to_string()),
            None => self.bar_call(api, &args),
        };
        let errmsg = match result {
            Ok(()) => format!("{api}:ok"),
            Err(e) => e,
        };
        self.app.api_result(call, json!({ "errMsg": errmsg }));
    }

    fn bar_call(&mut self, api: &str, args: &Map<String, Json>) -> Result<(), String> {
        let text = |key: &str| args.get(key).and_then(Json::as_str).unwrap_or_default().to_string();
        if api.contains("TabBar") {
            return self.tab_bar_call(api, args);
        }
        if api == "startPullDownRefresh" {
            return self.pull_down_refresh().map_err(|e| format!("{api}:fail {e}"));
        }
        let page = self.stack.last_mut().ok_or(format!("{api}:fail no page is open"))?;
        let chrome = &mut page.chrome;
        match api {
            "setNavigationBarTitle" => chrome.title = Some(text("title")),
            "setNavigationBarColor" => {
                let front = text("frontColor").to_ascii_lowercase();
                if front != "#ffffff" && front != "#000000" {
                    return Err(format!("{api}:fail invalid frontColor \"{front}\": only #ffffff and #000000"));
                }
                let background = hex_color(&text("backgroundColor")).ok_or(format!("{api}:fail invalid backgroundColor \"{}\"", text("backgroundColor")))?;
                chrome.white_text = Some(front == "#ffffff");
                chrome.background = Some(background);
            }
            // (backgroundColorTop/Bottom colour iOS's bounce areas, which wxemu does not draw.)
            "setBackgroundColor" if args.contains_key("backgroundColor") => {
                let given = text("backgroundColor");
                chrome.window_background = Some(hex_color(&given).ok_or(format!("{api}:fail invalid backgroundColor \"{given}\""))?);
            }
            "setBackgroundColor" => {}
            "setBackgroundTextStyle" => match text("textStyle").as_str() {
                style @ ("dark" | "light") => chrome.dark_dots = Some(style == "dark"),
                other => return Err(format!("{api}:fail invalid textStyle \"{other}\"")),
            },
            "showNavigationBarLoading" => chrome.loading = true,
            "hideNavigationBarLoading" => chrome.loading = false,
            "stopPullDownRefresh" => chrome.refreshing = false,
            other => unreachable!("`{other}` is not a navigation bar API"),
        }
        Ok(())
    }

    /// The tab bar APIs: only on a tab page; badges, red dots and items for an item the tab
    /// bar has.
    fn tab_bar_call(&mut self, api: &str, args: &Map<String, Json>) -> Result<(), String> {
        if !self.current_route().is_some_and(|r| self.is_tab(r)) {
            return Err(format!("{api}:fail not TabBar page"));
        }
        match api {
            "showTabBar" | "hideTabBar" => {
                self.tab_bar_changes.hidden = api == "hideTabBar";
                self.sync_stack();
                return Ok(());
            }
            "setTabBarStyle" => {
                for key in ["color", "selectedColor", "backgroundColor", "borderStyle"] {
                    if let Some(value) = args.get(key) {
                        self.tab_bar_changes.style.insert(key.into(), value.clone());
                    }
                }
                return Ok(());
            }
            _ => {}
        }
        let count = self.package.app.tab_bar.as_ref().and_then(|t| t.get("list")).and_then(Json::as_array).map_or(0, Vec::len);
        let index = args.get("index").and_then(Json::as_f64).unwrap_or(-1.0);
        if index < 0.0 || index as usize >= count {
            return Err(format!("{api}:fail tabbar item not found"));
        }
        let index = index as usize;
        match api {
            "setTabBarBadge" => {
                self.tab_bar_changes.badges.insert(index, Badge::Text(args.get("text").and_then(Json::as_str).unwrap_or_default().to_string()));
            }
            "showTabBarRedDot" => {
                self.tab_bar_changes.badges.insert(index, Badge::Dot);
            }
            "removeTabBarBadge" | "hideTabBarRedDot" => {
                self.tab_bar_changes.badges.remove(&index);
            }
            "setTabBarItem" => {
                let item = self.tab_bar_changes.items.entry(index).or_default();
                for key in ["text", "iconPath", "selectedIconPath"] {
                    if let Some(value) = args.get(key) {
                        item.insert(key.into(), value.clone());
                    }
                }
            }
            other => unreachable!("`{other}` is not a tab bar API"),
        }
        Ok(())
    }
}
