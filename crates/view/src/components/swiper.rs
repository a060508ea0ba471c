//! `<swiper>` and its `<swiper-item>`s: the `current` item shown (with its neighbours in
//! the margins, several when `display-multiple-items`), the indicator dots along the bottom
//! (or down the right side when `vertical`).

use super::{BuiltIn, Page, Parts};
use crate::styled::{Content, Styled};
use serde_json::{json, Value as Json};
use wxemu_wxml::{Element, Node, Value};

pub struct Swiper;

impl BuiltIn for Swiper {
    fn tags(&self) -> &'static [&'static str] {
        &[SWIPER, "swiper-item"]
    }

    fn style(&self) -> &'static str {
        "swiper { display: block; height: 150px; position: relative; overflow: hidden; }
swiper-item { display: block; width: 100%; height: 100%; position: absolute; }
wx-swiper-dots { display: flex; position: absolute; z-index: 1; left: 0; right: 0; bottom: 10px; justify-content: center; gap: 8px; }
wx-swiper-dot { display: block; width: 8px; height: 8px; border-radius: 50%; }"
    }

    /// An autoplaying swiper puts its next turn on the clock (unless one is waiting).
    fn rendered(&self, page: &mut dyn Page, path: &[usize], element: &Element) {
        if &*element.tag == SWIPER && super::flag(element, AUTOPLAY) && !page.waiting(path, AUTOPLAY) {
            page.later(path, number(element, "interval", 5000), AUTOPLAY.to_string());
        }
    }

    /// An autoplay turn (the next item, and the turn after it), or the end of a move
    /// (`animationfinish`).
    fn due(&self, page: &mut dyn Page, path: &[usize], element: &Element, what: &str) {
        if what == AUTOPLAY {
            let count = template_items(element).len();
            if !super::flag(element, AUTOPLAY) || count < 2 {
                return;
            }
            let next = (number(element, "current", 0) as usize + 1) % count;
            page.later(path, number(element, "interval", 5000), AUTOPLAY.to_string());
            return move_to(page, path, element, next, AUTOPLAY);
        }
        let settled: Json = serde_json::from_str(what).unwrap_or_default();
        let current = settled["settled"].as_u64().unwrap_or(0) as usize;
        let _ = page.dispatch(path, "animationfinish", json!({ "current": current, "currentItemId": item_id(element, current), "source": settled["source"] }));
    }

    /// A swiper takes a drag along its axis (across a vertical one's items, down).
    fn drags(&self, element: &Element, dx: f32, dy: f32) -> bool {
        &*element.tag == SWIPER && if super::flag(element, "vertical") { dy.abs() > dx.abs() } else { dx.abs() > dy.abs() }
    }

    /// A drag of a fifth of its size or more turns it to the next item (dragged left or up)
    /// or the one before, past its ends only when `circular`; a shorter one snaps back.
    fn dragged(&self, page: &mut dyn Page, path: &[usize], element: &Element, (dx, dy): (f32, f32), (width, height): (f32, f32)) -> Result<(), String> {
        let (along, size) = if super::flag(element, "vertical") { (dy, height) } else { (dx, width) };
        let count = template_items(element).len();
        if along.abs() < size / 5.0 || count == 0 {
            return Ok(());
        }
        let current = (number(element, "current", 0) as usize).min(count - 1);
        let next = match (along < 0.0, super::flag(element, "circular")) {
            (true, _) if current + 1 < count => current + 1,
            (true, true) => 0,
            (false, _) if current > 0 => current - 1,
            (false, true) => count - 1,
            _ => return Ok(()),
        };
        if next != current {
            move_to(page, path, element, next, TOUCH);
        }
        Ok(())
    }

    /// `swipeTo(index)`.
    fn call(&self, page: &mut dyn Page, path: &[usize], element: &Element, method: &str, args: &[Json]) -> Option<Result<Json, String>> {
        (method == "swipeTo").then(|| Swiper::swipe(page, path, element, args.first().and_then(Json::as_u64).unwrap_or(0) as usize).map(|()| Json::Null))
    }

    /// The items in a row (a column when `vertical`) inside the swiper's previous and next
    /// margins, `display-multiple-items` of them in view from the current one on: the one
    /// before peeks into the previous margin and the next into the next margin (past the
    /// ends only when `circular`); the indicator dots over them.
    fn parts(&self, parts: &mut Parts) {
        if &*parts.element().tag != SWIPER {
            return;
        }
        let items = items(parts.elements, parts.index);
        let count = items.len();
        let current = (parts.number("current", 0.0) as usize).min(count.saturating_sub(1));
        let vertical = parts.element().flag("vertical");
        let margin = |name: &str| margin(&parts.element().attr(name), parts.device);
        let (before, after) = (margin("previousMargin"), margin("nextMargin"));
        let shown = parts.number("displayMultipleItems", 1.0).max(1.0);
        let (direction, padding, size, across, shift) = if vertical { ("column", "padding-top", "height", "width", "translateY") } else { ("row", "padding-right", "width", "height", "translateX") };
        let start_padding = if vertical { "padding-top" } else { "padding-left" };
        let end_padding = if vertical { "padding-bottom" } else { padding };
        parts.restyle(&format!("display: flex; flex-direction: {direction}; {start_padding}: {before}px; {end_padding}: {after}px; box-sizing: border-box"));
        // Each item's place in the row: a circular swiper puts the last item before the
        // first (and, turned, each item after the current one in turn).
        let circular = parts.element().flag("circular") && count > 1;
        for (i, &item) in items.iter().enumerate() {
            let (order, offset) = if circular { ((i + count - current + 1) % count, 1) } else { (i, current) };
            let style = format!(
                "display: block; position: relative; order: {order}; flex: 0 0 {}%; {size}: auto; {across}: 100%; transform: {shift}(-{}%)",
                100.0 / shown,
                offset * 100
            );
            let node = &mut parts.tree.nodes[item];
            node.style = format!("{style}; {}", node.style);
        }
        if parts.element().flag("indicatorDots") {
            let vertical = "flex-direction: column; left: auto; right: 10px; bottom: auto; top: 50%; transform: translateY(-50%)";
            let style = if parts.element().flag("vertical") { vertical } else { "" };
            let row = parts.push(parts.index, parts.styled_part("wx-swiper-dots", style.to_string()));
            let (dot, active) = (parts.color(&["indicatorColor"], "rgba(0, 0, 0, 0.3)"), parts.color(&["indicatorActiveColor"], "#000000"));
            for i in 0..count {
                let style = format!("background-color: {}", if i == current { &active } else { &dot });
                parts.push(row, parts.styled_part("wx-swiper-dot", style));
            }
        }
    }
}

/// A `previous-margin` or `next-margin` in px: `px`, or `rpx` converted as WXSS converts it.
fn margin(text: &str, device: &wxemu_wxss::Device) -> f32 {
    let text = text.trim();
    match text.strip_suffix("rpx") {
        Some(n) => n.trim().parse::<f64>().map_or(0.0, |n| wxemu_wxss::rpx::rpx_to_px(n, device) as f32),
        None => text.trim_end_matches("px").trim().parse().unwrap_or(0.0),
    }
}

/// A swiper's items: its swiper-item children, also those a `<block>` wraps.
fn items(elements: &[Styled], swiper: usize) -> Vec<usize> {
    let children = elements[swiper].children.iter().filter_map(|c| if let Content::Element(e) = c { Some(*e) } else { None });
    children
        .flat_map(|e| match &*elements[e].tag {
            "swiper-item" => vec![e],
            "block" => items(elements, e),
            _ => Vec::new(),
        })
        .collect()
}

/// Swiping, as the user or `autoplay` does: `autoplay` turns the swiper every `interval` ms
/// of the clock (after the last item the first comes again); each move shows the item, fires
/// `change`, then `animationfinish` once the move's `duration` has passed.
impl Swiper {
    /// The user swipes to item `index`.
    pub fn swipe(page: &mut dyn Page, path: &[usize], element: &Element, index: usize) -> Result<(), String> {
        if &*element.tag != SWIPER {
            return Err("is not a swiper".into());
        }
        let count = template_items(element).len();
        if index >= count {
            return Err(format!("has {count} items; there is no item {index}"));
        }
        move_to(page, path, element, index, TOUCH);
        Ok(())
    }
}

const SWIPER: &str = "swiper";
const AUTOPLAY: &str = "autoplay";
const TOUCH: &str = "touch";

/// A swiper's items in the template: its swiper-item children (also those a `<block>` wraps).
fn template_items(el: &Element) -> Vec<&Element> {
    el.children
        .iter()
        .flat_map(|child| match child {
            Node::Element(e) if &*e.tag == "swiper-item" => vec![e],
            Node::Element(e) if &*e.tag == "block" => template_items(e),
            _ => Vec::new(),
        })
        .collect()
}

/// A numeric attribute (ms and indexes), or `default`.
fn number(el: &Element, name: &str, default: u64) -> u64 {
    el.attr(name).and_then(|v| v.to_js_string().trim().parse::<f64>().ok()).map_or(default, |n| n.max(0.0) as u64)
}

/// The `itemId` of item `index`.
fn item_id(el: &Element, index: usize) -> String {
    template_items(el).get(index).map(|item| super::text(item, "itemId")).unwrap_or_default()
}

/// Shows item `index` (moved by `source`): `change` now, `animationfinish` after `duration`.
fn move_to(page: &mut dyn Page, path: &[usize], el: &Element, index: usize, source: &str) {
    page.set_control(path, "current", Value::Number(index as f64));
    let _ = page.dispatch(path, "change", json!({ "current": index, "currentItemId": item_id(el, index), "source": source }));
    page.later(path, number(el, "duration", 500), json!({ "settled": index, "source": source }).to_string());
}
