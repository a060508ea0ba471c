//! What the client draws in place of content from outside the mini-program: `<web-view>`
//! (a web page over the whole page: wxemu shows its URL and that it does not load web
//! pages), `<official-account>` (the card of the account to follow) and `<ad>` (an ad
//! unit's box). Never nothing: a developer sees where they are and what they hold.

use super::{BuiltIn, Parts};

pub struct Outside;

impl BuiltIn for Outside {
    fn tags(&self) -> &'static [&'static str] {
        &["web-view", "official-account", "ad"]
    }

    fn style(&self) -> &'static str {
        "web-view { display: block; position: fixed; left: 0; top: 0; right: 0; bottom: 0; background-color: #f2f2f2; }
official-account { display: block; height: 84px; background-color: #fff; border: 1px solid #e5e5e5; border-radius: 4px; box-sizing: border-box; }
ad { display: block; height: 100px; background-color: #f7f7f7; border: 1px solid #e5e5e5; box-sizing: border-box; }
wx-outside-notice { display: flex; flex-direction: column; height: 100%; align-items: center; justify-content: center; padding: 0 16px; color: #888; font-size: 13px; line-height: 20px; text-align: center; overflow-wrap: anywhere; }"
    }

    fn parts(&self, parts: &mut Parts) {
        let element = parts.element();
        let lines = match &*element.tag {
            "web-view" => vec![element.attr("src"), "not supported by wxemu yet: web pages in a web-view".to_string()],
            "official-account" => vec!["公众号关注组件".to_string(), "official-account: the client shows the account to follow here".to_string()],
            _ => vec![format!("广告 ad unit {}", element.attr("unitId")), "the client shows an ad here".to_string()],
        };
        let notice = parts.push(parts.index, parts.part("wx-outside-notice"));
        for line in lines.into_iter().filter(|l| !l.trim().is_empty()) {
            parts.push_text(notice, parts.part("wx-outside-line"), line);
        }
    }
}
