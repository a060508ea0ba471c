//! Scrolling: how far the page and the built-ins that scroll their content (scroll-views,
//! picker-view columns) are scrolled, within what their content allows.

use crate::layout::PageLayout;
use crate::styled::{Styled, StyledTree};
use std::collections::HashMap;

/// How far the page and each of its scroll-views are scrolled.
#[derive(Clone, Debug, Default)]
pub struct Scrolling {
    /// The page's scroll position (CSS px from the top).
    pub page: f32,
    /// Each scroll-view that scrolls (by element): how far (x, y).
    pub views: HashMap<usize, (f32, f32)>,
}

impl Scrolling {
    /// The page scrolled to `page` and its scroll-views as their attributes say.
    pub fn of(styled: &StyledTree, layout: &PageLayout, page: f32) -> Scrolling {
        let views = (0..styled.elements.len()).filter_map(|e| Some((e, offset(styled, layout, e)?))).collect();
        Scrolling { page, views }
    }
}

/// Whether an element scrolls its content (a scroll-view with `scroll-x` or `scroll-y`): (x, y).
pub fn directions(element: &Styled) -> Option<(bool, bool)> {
    crate::components::registry(&element.tag)?.scrolls(element)
}

/// How far element `e` can scroll (x, y).
pub fn range(layout: &PageLayout, e: usize) -> (f32, f32) {
    layout.scroll_ranges.get(&e).copied().unwrap_or_default()
}

/// How far element `e` is scrolled (x, y), or None when it does not scroll.
fn offset(styled: &StyledTree, layout: &PageLayout, e: usize) -> Option<(f32, f32)> {
    crate::components::registry(&styled.elements[e].tag)?.scroll_offset(styled, layout, e)
}
