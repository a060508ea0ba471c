//! `<input>` and `<textarea>`: the value (dots for a password) or the placeholder, the caret
//! and the selection when focused, the input method's composition; a tap focuses them and a
//! form submits their value.

use super::{BuiltIn, Page, Parts};
use serde_json::Value as Json;
use wxemu_wxml::{Element, Node};

pub struct Field;

/// What the caret of a focused input or textarea holds in the field's text: a zero-width
/// space (left out where a place in the text becomes a place in the field's value).
pub const CARET: char = '\u{200b}';

/// The characters an input or textarea shows for `value`: dots for a password; an input
/// keeps its spaces as typed, on one line (non-breaking: the sheet's `nowrap` would fold
/// them), a textarea's sheet keeps them itself.
pub fn field_text(tag: &str, value: &str, password: bool) -> Vec<char> {
    if password {
        return vec!['●'; value.chars().count()];
    }
    value.chars().map(|c| if c == ' ' && tag == "input" { '\u{a0}' } else { c }).collect()
}

/// Whether a text field takes several lines (a textarea: Enter types a line break).
pub fn multiline(element: &Element) -> bool {
    &*element.tag == "textarea"
}

impl BuiltIn for Field {
    fn tags(&self) -> &'static [&'static str] {
        &["input", "textarea"]
    }

    fn style(&self) -> &'static str {
        "wx-placeholder { display: inline; color: #808080; }
.input-placeholder { color: #808080; }
wx-selection { background-color: #b3d7ff; }
wx-composition { text-decoration: underline; }
input { display: block; height: 1.4rem; min-height: 1.4rem; overflow: hidden; white-space: nowrap; text-overflow: clip; }
textarea { display: block; width: 300px; height: 150px; position: relative; white-space: pre-wrap; }"
    }

    fn parts(&self, parts: &mut Parts) {
        let index = parts.index;
        let element = parts.element();
        let (tag, value, focused) = (element.tag.clone(), element.attr("value"), element.flag("focus"));
        let shown = field_text(&tag, &value, element.flag("password"));
        let composition: String = field_text(&tag, &element.attr("composition"), false).into_iter().collect();
        let (placeholder, placeholder_class, placeholder_style) = (element.attr("placeholder"), element.attr("placeholderClass"), element.attr("placeholderStyle"));
        let text = |range: std::ops::Range<usize>| shown[range].iter().collect::<String>();
        // Where the caret and the selection are (`cursor`, `selection-start`/`-end`; the
        // caret at the end unless set).
        let position = |name: &str| Some(parts.number(name, -1.0)).filter(|n| *n >= 0.0).map(|n| (n as usize).min(shown.len()));
        let caret = position("cursor").unwrap_or(shown.len());
        let selection = position("selectionStart").zip(position("selectionEnd")).filter(|(start, end)| focused && start < end);
        // The caret, in `cursor-color`: an inline element around a zero-width space that
        // letter-spacing makes 2 px wide, so that it sits in the text's lines wherever
        // they wrap.
        let caret_node = parts.styled_part("wx-caret", format!("letter-spacing: 2px; background-color: {}", parts.color(&["cursorColor"], "#07c160")));
        let push_caret = |parts: &mut Parts| {
            parts.push_text(index, caret_node, CARET.to_string());
        };
        if focused && !composition.is_empty() {
            // The input method's composition, underlined at the caret (over the selection,
            // which it replaces when committed), then the caret.
            let (start, end) = selection.unwrap_or((caret, caret));
            parts.text(index, text(0..start));
            parts.push_text(index, parts.part("wx-composition"), composition);
            push_caret(parts);
            parts.text(index, text(end..shown.len()));
        } else if value.is_empty() {
            if !placeholder.is_empty() {
                let class = Some(placeholder_class).filter(|c| !c.is_empty()).unwrap_or_else(|| "input-placeholder".into());
                let mut node = parts.styled_part("wx-placeholder", wxemu_wxss::cascade::inline_style(&placeholder_style, parts.device));
                node.classes = class.split_whitespace().map(|c| (c.to_string(), parts.scope)).collect();
                parts.push_text(index, node, placeholder);
            }
            if focused {
                // Before the placeholder.
                push_caret(parts);
                parts.last_child_first();
            }
        } else if let Some((start, end)) = selection {
            // The selected text on the selection's colour, between the rest.
            parts.text(index, text(0..start));
            parts.push_text(index, parts.part("wx-selection"), text(start..end));
            parts.text(index, text(end..shown.len()));
        } else if focused {
            parts.text(index, text(0..caret));
            push_caret(parts);
            if caret < shown.len() {
                parts.text(index, text(caret..shown.len()));
            }
        } else {
            parts.text(index, text(0..shown.len()));
        }
    }

    fn takes_focus(&self) -> bool {
        true
    }

    fn form_value(&self, _: &[Node], _: &[usize], element: &Element) -> Option<Json> {
        Some(super::value(element))
    }

    /// `input(text)`: the user types `text` into it.
    fn call(&self, page: &mut dyn Page, path: &[usize], _: &Element, method: &str, args: &[Json]) -> Option<Result<Json, String>> {
        (method == "input").then(|| page.enter_text(path, args.first().and_then(Json::as_str).unwrap_or_default()).map(|()| Json::Null))
    }
}
