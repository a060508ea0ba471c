//! `<page-meta>` and its `<navigation-bar>`: settings of the page (its style, the window's
//! background, the navigation bar's title and colours), with no box of their own.

use super::BuiltIn;
use wxemu_wxml::{Element, Node};

pub struct PageMeta;

impl BuiltIn for PageMeta {
    fn tags(&self) -> &'static [&'static str] {
        &["page-meta", "navigation-bar"]
    }

    fn style(&self) -> &'static str {
        "page-meta, navigation-bar { display: none; }"
    }
}

/// The page's `<page-meta>`: its first element node, when it is one.
pub fn of(tree: &[Node]) -> Option<&Element> {
    match tree.iter().find(|n| matches!(n, Node::Element(_)))? {
        Node::Element(e) if &*e.tag == "page-meta" => Some(e),
        _ => None,
    }
}

/// The `<navigation-bar>` in a page-meta.
pub fn navigation_bar(meta: &Element) -> Option<&Element> {
    meta.children.iter().find_map(|n| match n {
        Node::Element(e) if &*e.tag == "navigation-bar" => Some(e),
        _ => None,
    })
}
