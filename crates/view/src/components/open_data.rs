//! `<open-data>`: WeChat's open data about the user or a group. Since 2022 the platform no
//! longer shows a user's data: a nickname reads "微信用户", an avatar is the grey default
//! avatar, the other user fields are empty. Wxemu is in no group, so a group's name is empty
//! too. Empty data shows `default-text`.

use super::{BuiltIn, Parts};

pub struct OpenData;

impl BuiltIn for OpenData {
    fn tags(&self) -> &'static [&'static str] {
        &["open-data"]
    }

    fn style(&self) -> &'static str {
        "open-data { display: inline; }
wx-open-data-avatar { display: block; width: 100%; height: 100%; background-color: #e5e5e5; }"
    }

    fn parts(&self, parts: &mut Parts) {
        let shown = match parts.element().attr("type").as_str() {
            "userNickName" => "微信用户".to_string(),
            "userAvatarUrl" => {
                parts.push(parts.index, parts.part("wx-open-data-avatar"));
                return;
            }
            _ => parts.element().attr("defaultText"),
        };
        if !shown.is_empty() {
            parts.text(parts.index, shown);
        }
    }
}
