//! `<checkbox>` and `<checkbox-group>`: the box before the label (with the classes apps
//! restyle, `wx-checkbox-input-checked`…); a tap toggles it and the group sends `change`
//! with the checked boxes' values, which a form submits too.

use super::{descendants, element_at, BuiltIn, Page, Parts, Tap};
use serde_json::{json, Value as Json};
use wxemu_wxml::{Element, Node, Value};
use wxemu_wxss::StyleNode;

pub struct Checkbox;

const BOX: &str = "checkbox";
const GROUP: &str = "checkbox-group";

impl BuiltIn for Checkbox {
    fn tags(&self) -> &'static [&'static str] {
        &[BOX, GROUP]
    }

    fn style(&self) -> &'static str {
        "checkbox-group { display: block; }
checkbox { display: inline-flex; align-items: center; }
.wx-checkbox-input {
  order: -1; flex-shrink: 0; width: 16px; height: 16px; margin-right: 5px; border: 1px solid #d1d1d1;
  border-radius: 3px; background-color: #fff; color: #09bb07; font-size: 14px; line-height: 16px; text-align: center;
}
.wx-checkbox-input-checked::before { content: \"✓\"; }
.wx-checkbox-input-disabled { background-color: #e1e1e1; }"
    }

    fn parts(&self, parts: &mut Parts) {
        if &*parts.element().tag != GROUP {
            input_box(parts, "wx-checkbox-input");
        }
    }

    fn takes_taps(&self, element: &Element) -> bool {
        &*element.tag != GROUP
    }

    fn labelled(&self, element: &Element) -> bool {
        self.takes_taps(element)
    }

    fn tap(&self, page: &mut dyn Page, tap: &Tap) -> Result<(), String> {
        page.set_control(tap.path, "checked", Value::Bool(!tap.was_checked));
        super::group_change(page, tap.path, GROUP, group_value)
    }

    fn form_value(&self, tree: &[Node], path: &[usize], element: &Element) -> Option<Json> {
        (&*element.tag == GROUP).then(|| group_value(tree, path))
    }
}

/// A checkbox-group's value: the checked boxes' values.
fn group_value(tree: &[Node], group: &[usize]) -> Json {
    let checked = descendants(tree, group, &|e| &*e.tag == BOX && super::flag(e, "checked"));
    Json::Array(checked.iter().filter_map(|p| element_at(tree, p)).map(|e| json!(super::text(e, "value"))).collect())
}

/// The box a checkbox (or radio, or switch of type checkbox) draws before its label, with
/// the classes the platform gives it (`class`, then `class-checked`, `class-disabled`).
pub(super) fn input_box(parts: &mut Parts, class: &str) {
    let element = parts.element();
    let (checked, disabled) = (element.flag("checked"), element.flag("disabled"));
    let mut classes = vec![class.to_string()];
    classes.extend(checked.then(|| format!("{class}-checked")));
    classes.extend(disabled.then(|| format!("{class}-disabled")));
    let node = StyleNode { classes: classes.into_iter().map(|c| (c, parts.scope)).collect(), ..parts.part(class) };
    parts.push(parts.index, node);
}
