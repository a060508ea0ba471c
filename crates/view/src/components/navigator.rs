//! `<navigator>`: a tap opens its `url` as its `open-type` says; pressed it shows
//! `navigator-hover`.

use super::{BuiltIn, Page, Tap};
use wxemu_wxml::Element;

pub struct Navigator;

impl BuiltIn for Navigator {
    fn tags(&self) -> &'static [&'static str] {
        &["navigator"]
    }

    fn style(&self) -> &'static str {
        "navigator { display: block; height: auto; width: auto; }
.navigator-hover { background-color: rgba(0, 0, 0, 0.1); opacity: 0.7; }"
    }

    fn takes_taps(&self, _: &Element) -> bool {
        true
    }

    fn hover(&self, _: &Element) -> Option<(&'static str, u64, u64)> {
        Some(("navigator-hover", 50, 600))
    }

    fn tap(&self, page: &mut dyn Page, tap: &Tap) -> Result<(), String> {
        let text = |name: &str| super::text(tap.element, name);
        match text("openType").as_str() {
            "" => page.navigate("navigate", &text("url"), 1),
            open_type @ ("navigate" | "redirect" | "switchTab" | "reLaunch") => page.navigate(open_type, &text("url"), 1),
            "navigateBack" => page.navigate("navigateBack", "", text("delta").parse().unwrap_or(1)),
            other => Err(format!("not supported by wxemu yet: navigator open-type=\"{other}\"")),
        }
    }
}
