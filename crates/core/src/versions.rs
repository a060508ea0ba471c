//! What the base library the app runs on (`--sdk`) lacks among the built-in components its
//! pages render: a component, an attribute or an option value newer than that version is
//! reported where the template writes it, as an old client would not show it.

use std::collections::HashSet;
use std::rc::Rc;
use wxemu_caniuse::{Database, Version};
use wxemu_package::Diagnostic;
use wxemu_wxml::{Node, Value};

/// A use of a schema at a place in a template (file, line, column).
pub(crate) type Use = (Rc<str>, u32, u32, &'static str);

/// How a warning names a schema an element uses: `<button open-type="share">`.
fn written(schema: &str) -> String {
    let mut parts = schema.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(tag), Some(attr), Some(option)) => format!("<{tag} {attr}=\"{option}\">"),
        (Some(tag), Some(attr), None) => format!("<{tag} {attr}>"),
        _ => format!("<{schema}>"),
    }
}

/// Warnings for what base library `sdk` lacks among the built-in elements of `tree`; a use
/// in `reported` is not reported again.
pub(crate) fn lacking(tree: &[Node], sdk: Version, reported: &mut HashSet<Use>) -> Vec<Diagnostic> {
    let db = Database::get();
    let mut warnings = Vec::new();
    wxemu_view::select::for_each_element(tree, &mut |_, el| {
        let Some(source) = el.source.as_ref().filter(|_| el.component.is_none()) else { return };
        let attrs = el.attrs.iter().map(|(name, value)| (&**name, if let Value::String(s) = value { Some(&**s) } else { None }));
        for (schema, since) in db.element(&el.tag, attrs).into_iter().filter(|(_, since)| *since > sdk) {
            if reported.insert((source.file.clone(), source.pos.line, source.pos.col, schema)) {
                warnings.push(
                    Diagnostic::warning(&source.file, source.pos, format!("{} needs base library {since}; the app runs on {sdk}, which does not have it", written(schema)))
                        .with_hint(format!("guard it with wx.canIUse('{schema}') or raise libVersion")),
                );
            }
        }
    });
    warnings
}
