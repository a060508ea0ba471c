//! `<form>`: a button of `form-type="submit"` inside it sends `submit` with the values of its
//! named fields, one of `form-type="reset"` puts its controls back and sends `reset`.

use super::{ancestor, descendants, element_at, BuiltIn, Page};
use serde_json::{json, Map, Value as Json};
use wxemu_wxml::Node;

pub struct Form;

const FORM: &str = "form";

impl BuiltIn for Form {
    fn tags(&self) -> &'static [&'static str] {
        &[FORM]
    }

    fn style(&self) -> &'static str {
        "form { display: block; }"
    }
}

/// A tap on a button (or a custom component with wx://form-field-button) at `path` with
/// form type `kind`: a submit or reset of the form around it; other kinds do nothing.
pub fn press_form_button(page: &mut dyn Page, tree: &[Node], path: &[usize], kind: &str) -> Result<(), String> {
    let Some(form) = ancestor(tree, path, FORM).filter(|_| matches!(kind, "submit" | "reset")) else { return Ok(()) };
    if kind == "submit" {
        let value = values(page, tree, &form);
        return page.dispatch(&form, "submit", json!({ "value": value, "formId": "" })).map(drop);
    }
    page.reset_controls(&form);
    page.dispatch(&form, "reset", json!({})).map(drop)
}

/// `{name: value}` of the form's named fields, as its `submit` event carries them.
fn values(page: &mut dyn Page, tree: &[Node], form: &[usize]) -> Json {
    let mut values = Map::new();
    for path in descendants(tree, form, &|e| !super::text(e, "name").is_empty()) {
        let Some(el) = element_at(tree, &path) else { continue };
        let value = match super::registry(&el.tag) {
            Some(built_in) => built_in.form_value(tree, &path, el),
            // A custom component with behaviors: ['wx://form-field'] submits its `value`.
            None => el.component.and_then(|_| page.form_field_value(el)),
        };
        if let Some(value) = value {
            values.insert(super::text(el, "name"), value);
        }
    }
    Json::Object(values)
}
