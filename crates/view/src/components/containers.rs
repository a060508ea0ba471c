//! Built-ins wxemu lays out as plain boxes, with no behaviour of their own yet: blocks (the
//! editor, the Skyline containers…) and the inline `<span>`.

use super::BuiltIn;

pub struct Containers;

impl BuiltIn for Containers {
    fn tags(&self) -> &'static [&'static str] {
        &["editor", "match-media", "page-container", "root-portal", "grid-view", "list-view", "sticky-section", "sticky-header", "span"]
    }

    fn style(&self) -> &'static str {
        "editor, match-media, page-container, root-portal, grid-view, list-view, sticky-section, sticky-header { display: block; }
span { display: inline; }"
    }
}
