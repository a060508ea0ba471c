//! `<label>`: inline; a tap on it goes to the control its `for` names, else to the first
//! control inside it.

use super::{descendants, BuiltIn, Page, Tap};

pub struct Label;

impl BuiltIn for Label {
    fn tags(&self) -> &'static [&'static str] {
        &["label"]
    }

    fn style(&self) -> &'static str {
        "label { display: inline; }"
    }

    fn takes_taps(&self, _: &wxemu_wxml::Element) -> bool {
        true
    }

    fn tap(&self, page: &mut dyn Page, tap: &Tap) -> Result<(), String> {
        let by_id = super::text(tap.element, "for");
        let control = |e: &wxemu_wxml::Element| super::is(e, |b| b.labelled(e));
        let control = if by_id.is_empty() {
            descendants(tap.tree, tap.path, &control).into_iter().next()
        } else {
            super::all(tap.tree, &|e| control(e) && super::text(e, "id") == by_id).into_iter().next()
        };
        match control {
            Some(control) if control != tap.path => page.tap_built_in(&control),
            _ => Ok(()),
        }
    }
}
