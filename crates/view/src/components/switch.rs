//! `<switch>`: a track with a knob (or, of `type="checkbox"`, a checkbox's box); a tap
//! turns it and sends `change` with `{value}`; a form submits whether it is on.

use super::{BuiltIn, Page, Parts, Tap};
use serde_json::{json, Value as Json};
use wxemu_wxml::{Element, Node, Value};

pub struct Switch;

impl BuiltIn for Switch {
    fn tags(&self) -> &'static [&'static str] {
        &["switch"]
    }

    fn style(&self) -> &'static str {
        "switch { display: inline-block; width: 52px; height: 32px; box-sizing: border-box; border: 1px solid #dfdfdf; border-radius: 16px; background-color: #dfdfdf; }
switch[checked] { background-color: #04be02; border-color: #04be02; }
wx-switch-knob { display: block; width: 30px; height: 30px; border-radius: 15px; background-color: #fff; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.4); }
switch[checked] > wx-switch-knob { margin-left: 20px; }
switch[type=\"checkbox\"] { display: inline-flex; align-items: center; width: auto; height: auto; border: none; background-color: transparent; }"
    }

    fn parts(&self, parts: &mut Parts) {
        // A switch of type checkbox looks like a checkbox.
        if parts.element().attr("type") == "checkbox" {
            return super::checkbox::input_box(parts, "wx-checkbox-input");
        }
        let checked_color = parts.element().attr("color");
        if parts.element().flag("checked") && !checked_color.is_empty() {
            parts.restyle(&format!("background-color: {checked_color}; border-color: {checked_color}"));
        }
        parts.push(parts.index, parts.part("wx-switch-knob"));
    }

    fn takes_taps(&self, _: &Element) -> bool {
        true
    }

    fn labelled(&self, _: &Element) -> bool {
        true
    }

    fn tap(&self, page: &mut dyn Page, tap: &Tap) -> Result<(), String> {
        let checked = !tap.was_checked;
        page.set_control(tap.path, "checked", Value::Bool(checked));
        page.dispatch(tap.path, "change", json!({ "value": checked })).map(drop)
    }

    fn form_value(&self, _: &[Node], _: &[usize], element: &Element) -> Option<Json> {
        Some(json!(super::flag(element, "checked")))
    }

    /// `tap()`: the user taps it.
    fn call(&self, page: &mut dyn Page, path: &[usize], _: &Element, method: &str, _: &[Json]) -> Option<Result<Json, String>> {
        (method == "tap").then(|| page.tap(path).map(|()| Json::Null))
    }
}
