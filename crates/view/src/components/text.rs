//! `<text>`: inline text that keeps its line breaks; with `decode` it decodes entities, with
//! `space` its spaces become wide or non-breaking ones.

use super::BuiltIn;
use crate::styled::Styled;

pub struct Text;

impl BuiltIn for Text {
    fn tags(&self) -> &'static [&'static str] {
        &["text"]
    }

    fn style(&self) -> &'static str {
        "text { display: inline; white-space: pre-line; }"
    }

    /// `decode` decodes `&nbsp;` `&lt;` `&gt;` `&amp;` `&apos;` `&ensp;` `&emsp;`, and with
    /// `space="ensp|emsp|nbsp"` spaces become those (which do not collapse).
    fn shown_text(&self, element: &Styled, text: &str) -> String {
        let mut shown = text.to_string();
        if element.flag("decode") {
            for (entity, char) in [("&nbsp;", "\u{a0}"), ("&lt;", "<"), ("&gt;", ">"), ("&apos;", "'"), ("&ensp;", "\u{2002}"), ("&emsp;", "\u{2003}"), ("&amp;", "&")] {
                shown = shown.replace(entity, char);
            }
        }
        let space = match element.attr("space").as_str() {
            "ensp" => '\u{2002}',
            "emsp" => '\u{2003}',
            "nbsp" => '\u{a0}',
            _ => return shown,
        };
        shown.replace(' ', &space.to_string())
    }
}
