//! What the base library the app runs on (`--sdk`) lacks among the built-in components its
//! pages render: a component, an attribute or an option value newer than that version is
//! reported where the template writes it, as an old client would not show it.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wxemu_caniuse::{Database, Version};
use wxemu_package::Diagnostic;
use wxemu_wxml::compile::attr_name;
use wxemu_wxml::{Element, Node, Value};

/// A use of a schema at a place in a template (file, line, column).
pub(crate) type Use = (Rc<str>, u32, u32, &'static str);

/// The documented attributes of each built-in component, by the name templates compile
/// them to (`open-type` → `openType`): the schema and the version that introduced it.
fn attributes() -> &'static HashMap<(String, String), (&'static str, Version)> {
    static INDEX: std::sync::OnceLock<HashMap<(String, String), (&'static str, Version)>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        Database::get()
            .schemas()
            .filter_map(|(schema, version)| {
                let (tag, attr) = schema.split_once('.')?;
                // Component tags are lower-case words with hyphens; API schemas either
                // continue (`request.object.url`) or are class methods, which no element has.
                let component = tag.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                (component && !attr.contains('.')).then(|| ((tag.to_string(), attr_name(attr)), (schema, version)))
            })
            .collect()
    })
}

/// Warnings for what base library `sdk` lacks among the built-in elements of `tree`; a use
/// in `reported` is not reported again.
pub(crate) fn lacking(tree: &[Node], sdk: Version, reported: &mut HashSet<Use>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    wxemu_view::select::for_each_element(tree, &mut |_, el| {
        let Some(source) = el.source.as_ref().filter(|_| el.component.is_none()) else { return };
        for (schema, what) in lacking_in(el, sdk) {
            if reported.insert((source.file.clone(), source.pos.line, source.pos.col, schema)) {
                let since = Database::get().since(schema).expect("a lacking schema is known");
                warnings.push(
                    Diagnostic::warning(&source.file, source.pos, format!("{what} needs base library {since}; the app runs on {sdk}, which does not have it"))
                        .with_hint(format!("guard it with wx.canIUse('{schema}') or raise libVersion")),
                );
            }
        }
    });
    warnings
}

/// The schemas of a built-in element that base library `sdk` lacks, each with how to name it.
fn lacking_in(el: &Element, sdk: Version) -> Vec<(&'static str, String)> {
    let db = Database::get();
    let tag = &*el.tag;
    let Some((schema, since)) = db.entry(tag) else { return Vec::new() };
    if since > sdk {
        return vec![(schema, format!("<{tag}>"))];
    }
    let mut found = Vec::new();
    for (name, value) in &el.attrs {
        let Some(&(schema, since)) = attributes().get(&(tag.to_string(), name.to_string())) else { continue };
        let attr = &schema[tag.len() + 1..];
        if since > sdk {
            found.push((schema, format!("<{tag} {attr}>")));
        } else if let Value::String(option) = value {
            if let Some((option_schema, _)) = db.entry(&format!("{schema}.{option}")).filter(|(_, v)| *v > sdk) {
                found.push((option_schema, format!("<{tag} {attr}=\"{option}\">")));
            }
        }
    }
    found
}
