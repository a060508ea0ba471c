//! `<radio>` and `<radio-group>`: the round box before the label; a tap chooses it (and
//! unchooses the others of its group, which sends `change` with the chosen value, as a form
//! submits it).

use super::{ancestor, descendants, element_at, BuiltIn, Page, Parts, Tap};
use serde_json::{json, Value as Json};
use wxemu_wxml::{Element, Node, Value};

pub struct Radio;

const RADIO: &str = "radio";
const GROUP: &str = "radio-group";

impl BuiltIn for Radio {
    fn tags(&self) -> &'static [&'static str] {
        &[RADIO, GROUP]
    }

    fn style(&self) -> &'static str {
        "radio-group { display: block; }
radio { display: inline-flex; align-items: center; }
.wx-radio-input {
  order: -1; flex-shrink: 0; width: 22px; height: 22px; margin-right: 5px; border: 1px solid #d1d1d1;
  border-radius: 50%; background-color: #fff; color: #09bb07; font-size: 14px; line-height: 22px; text-align: center;
}
.wx-radio-input-checked { background-color: #09bb07; border-color: #09bb07; color: #fff; }
.wx-radio-input-checked::before { content: \"✓\"; }
.wx-radio-input-disabled { background-color: #e1e1e1; }"
    }

    fn parts(&self, parts: &mut Parts) {
        if &*parts.element().tag == RADIO {
            super::checkbox::input_box(parts, "wx-radio-input");
        }
    }

    fn takes_taps(&self, element: &Element) -> bool {
        &*element.tag == RADIO
    }

    fn labelled(&self, element: &Element) -> bool {
        self.takes_taps(element)
    }

    fn tap(&self, page: &mut dyn Page, tap: &Tap) -> Result<(), String> {
        if super::flag(tap.element, "checked") {
            return Ok(());
        }
        if let Some(group) = ancestor(tap.tree, tap.path, GROUP) {
            for other in descendants(tap.tree, &group, &|e| &*e.tag == RADIO) {
                if other != tap.path {
                    page.set_control(&other, "checked", Value::Bool(false));
                }
            }
        }
        page.set_control(tap.path, "checked", Value::Bool(true));
        super::group_change(page, tap.path, GROUP, group_value)
    }

    fn form_value(&self, tree: &[Node], path: &[usize], element: &Element) -> Option<Json> {
        (&*element.tag == GROUP).then(|| group_value(tree, path))
    }
}

/// A radio-group's value: the chosen radio's ("" when none is).
fn group_value(tree: &[Node], group: &[usize]) -> Json {
    let chosen = descendants(tree, group, &|e| &*e.tag == RADIO && super::flag(e, "checked"));
    chosen.first().and_then(|p| element_at(tree, p)).map_or(json!(""), |e| json!(super::text(e, "value")))
}
