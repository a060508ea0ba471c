//! `<picker>`: inline; a tap opens its picker (see the Simulator's picker prompt); a form
//! submits its `value`.

use super::{BuiltIn, Page, Tap};
use serde_json::Value as Json;
use wxemu_wxml::{Element, Node};

pub struct Picker;

impl BuiltIn for Picker {
    fn tags(&self) -> &'static [&'static str] {
        &["picker"]
    }

    fn style(&self) -> &'static str {
        "picker { display: inline; }"
    }

    fn takes_taps(&self, _: &Element) -> bool {
        true
    }

    fn tap(&self, page: &mut dyn Page, tap: &Tap) -> Result<(), String> {
        page.open_picker(tap.path, tap.element)
    }

    fn form_value(&self, _: &[Node], _: &[usize], element: &Element) -> Option<Json> {
        Some(super::value(element))
    }
}
