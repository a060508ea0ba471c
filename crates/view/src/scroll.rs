//! Scrolling: how far scroll-views are scrolled (by `scroll-top`/`scroll-left`, which the
//! user's scrolling overrides, or to the child `scroll-into-view` names), within what their
//! content allows.

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

/// Whether an element is a scroll-view that scrolls (`scroll-x` or `scroll-y`): (x, y).
pub fn directions(element: &Styled) -> Option<(bool, bool)> {
    if &*element.tag != "scroll-view" {
        return None;
    }
    let (x, y) = (element.flag("scrollX"), element.flag("scrollY"));
    (x || y).then_some((x, y))
}

/// How far element `e` can scroll (x, y).
pub fn range(layout: &PageLayout, e: usize) -> (f32, f32) {
    layout.scroll_ranges.get(&e).copied().unwrap_or_default()
}

/// How far scroll-view `e` is scrolled (x, y), or None when it is not a scroll-view that
/// scrolls. `scroll-into-view` brings the descendant with that id to the start; otherwise
/// `scroll-left`/`scroll-top` say, each only in a direction it scrolls.
fn offset(styled: &StyledTree, layout: &PageLayout, e: usize) -> Option<(f32, f32)> {
    let element = &styled.elements[e];
    if &*element.tag == "picker-view-column" {
        return column_offset(styled, layout, e);
    }
    let (x, y) = directions(element)?;
    let number = |name: &str| element.attr(name).trim().trim_end_matches("px").parse::<f32>().unwrap_or(0.0);
    let (mut left, mut top) = (number("scrollLeft"), number("scrollTop"));
    let into = element.attr("scrollIntoView");
    if let (false, Some(area)) = (into.is_empty(), layout.boxes[e]) {
        let inside = |mut i: usize| loop {
            match styled.elements[i].parent {
                Some(p) if p == e => return true,
                Some(p) => i = p,
                None => return false,
            }
        };
        let target = (0..styled.elements.len()).find(|&i| styled.elements[i].attr("id") == into && inside(i));
        if let Some(b) = target.and_then(|i| layout.boxes[i]) {
            let s = &element.style;
            (left, top) = (b.x - area.x - s.border_width(3), b.y - area.y - s.border_width(0));
        }
    }
    let (max_x, max_y) = range(layout, e);
    if let Some(pulled) = refresher_shown(element).filter(|_| y) {
        return Some((if x { left.clamp(0.0, max_x) } else { 0.0 }, -pulled));
    }
    Some((if x { left.clamp(0.0, max_x) } else { 0.0 }, if y { top.clamp(0.0, max_y) } else { 0.0 }))
}

/// How far a scroll-view's content is moved down by its refresher (`refresher-enabled` and
/// `refresher-triggered`): its `refresher-threshold` (45 px). None when it shows none.
pub fn refresher_shown(element: &Styled) -> Option<f32> {
    (element.flag("refresherEnabled") && element.flag("refresherTriggered")).then(|| element.attr("refresherThreshold").trim().trim_end_matches("px").parse().unwrap_or(45.0))
}

/// How far a picker-view column's items move so that the chosen one (by the picker-view's
/// `value`, one index per column) sits in the middle.
fn column_offset(styled: &StyledTree, layout: &PageLayout, e: usize) -> Option<(f32, f32)> {
    let picker = styled.elements[e].parent?;
    let children = |i: usize| styled.elements[i].children.iter().filter_map(|c| if let crate::styled::Content::Element(c) = c { Some(*c) } else { None }).collect::<Vec<_>>();
    let column = children(picker).into_iter().filter(|&c| &*styled.elements[c].tag == "picker-view-column").position(|c| c == e)?;
    let value = styled.elements[picker].attr("value");
    let chosen = value.split(',').nth(column).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(0);
    let items = children(e);
    let item = layout.boxes[*items.get(chosen).or(items.last())?]?;
    let area = layout.boxes[e]?;
    Some((0.0, item.y - area.y - (area.h - item.h) / 2.0))
}
