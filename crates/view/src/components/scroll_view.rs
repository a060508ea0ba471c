//! `<scroll-view>`: a block whose content scrolls in the directions `scroll-x`/`scroll-y`
//! allow: to `scroll-top`/`scroll-left`, or to the child `scroll-into-view` names, unless the
//! user scrolled it since; with `refresher-enabled`, its own pull-down refresher.

use super::{BuiltIn, Page};
use crate::layout::PageLayout;
use crate::styled::{Styled, StyledTree};
use serde_json::{json, Map, Value as Json};
use wxemu_render::{Box2, Item, Paint, Rgba};
use wxemu_wxml::{Element, Value};

pub struct ScrollView;

const SCROLL_VIEW: &str = "scroll-view";
/// What [`BuiltIn::due`] is told when a refresher has gone back.
const RESTORED: &str = "refresherrestore";

impl BuiltIn for ScrollView {
    fn tags(&self) -> &'static [&'static str] {
        &[SCROLL_VIEW]
    }

    fn style(&self) -> &'static str {
        "scroll-view { display: block; overflow: hidden; }"
    }

    /// Scrolls within its content, in the directions it scrolls: its `scroll` event with
    /// `{scrollLeft, scrollTop, scrollWidth, scrollHeight, deltaX, deltaY}`, then
    /// `scrolltoupper`/`scrolltolower` with `{direction}` when it comes within
    /// `upper-threshold`/`lower-threshold` (50 px) of an end. The position stays until the
    /// template changes `scroll-top`/`scroll-left`/`scroll-into-view`.
    fn scroll_to(&self, page: &mut dyn Page, path: &[usize], left: Option<f32>, top: Option<f32>) -> Result<(), String> {
        let view = page.scroller(path)?;
        let (old_x, old_y) = view.offset;
        let x = if view.x { left.unwrap_or(old_x).clamp(0.0, view.range.0) } else { old_x };
        let y = if view.y { top.unwrap_or(old_y).clamp(0.0, view.range.1) } else { old_y };
        if (x, y) == (old_x, old_y) {
            return Ok(());
        }
        let (upper, lower) = {
            let tree = page.tree();
            let el = super::element_at(&tree, path).ok_or("the scroll-view is gone from the page")?;
            let threshold = |name: &str| super::text(el, name).trim().trim_end_matches("px").parse::<f32>().unwrap_or(50.0);
            (threshold("upperThreshold"), threshold("lowerThreshold"))
        };
        page.set_control(path, "scrollLeft", Value::Number(x.into()));
        page.set_control(path, "scrollTop", Value::Number(y.into()));
        page.set_control(path, "scrollIntoView", Value::String("".into()));
        let [_, _, width, height] = view.metrics();
        page.dispatch(path, "scroll", json!({ "scrollLeft": x, "scrollTop": y, "scrollWidth": width, "scrollHeight": height, "deltaX": x - old_x, "deltaY": y - old_y }))?;
        let ends = [(old_y, y, "top", "bottom", view.range.1), (old_x, x, "left", "right", view.range.0)];
        for (old, new, start, end, range) in ends {
            if new <= upper && old > upper {
                page.dispatch(path, "scrolltoupper", json!({ "direction": start }))?;
            }
            if new >= range - lower && old < range - lower {
                page.dispatch(path, "scrolltolower", json!({ "direction": end }))?;
            }
        }
        Ok(())
    }

    /// A refresher that showed at the last render and no longer does has gone back.
    fn rendered(&self, page: &mut dyn Page, path: &[usize], element: &Element) {
        let shown = refreshing(element);
        let before = page.memo(path).as_bool() == Some(true);
        if shown != before {
            page.set_memo(path, Json::Bool(shown));
        }
        if before && !shown && has_refresher(element) {
            page.later(path, 0, RESTORED.to_string());
        }
    }

    fn due(&self, page: &mut dyn Page, path: &[usize], _: &Element, what: &str) {
        if what == RESTORED {
            let _ = page.dispatch(path, RESTORED, json!({}));
        }
    }

    fn node_context(&self) -> Option<&'static str> {
        Some("__scrollView")
    }

    /// `scrollTo(left, top)`, and its `scrollLeft`, `scrollTop`, `scrollWidth`,
    /// `scrollHeight` as drawn.
    fn call(&self, page: &mut dyn Page, path: &[usize], _: &Element, method: &str, args: &[Json]) -> Option<Result<Json, String>> {
        let metric = ["scrollLeft", "scrollTop", "scrollWidth", "scrollHeight"].iter().position(|m| *m == method);
        if let Some(index) = metric {
            return Some(page.scroller(path).map(|view| json!(view.metrics()[index])));
        }
        let number = |i: usize| args.get(i).and_then(Json::as_f64).map(|v| v as f32);
        (method == "scrollTo").then(|| self.scroll_to(page, path, number(0), number(1)).map(|()| Json::Null))
    }

    fn scrolls(&self, element: &Styled) -> Option<(bool, bool)> {
        let (x, y) = (element.flag("scrollX"), element.flag("scrollY"));
        (x || y).then_some((x, y))
    }

    /// `scroll-into-view` brings the descendant with that id to the start; otherwise
    /// `scroll-left`/`scroll-top` say, each only in a direction it scrolls. A refresher shown
    /// moves the content down.
    fn scroll_offset(&self, styled: &StyledTree, layout: &PageLayout, e: usize) -> Option<(f32, f32)> {
        let element = &styled.elements[e];
        let (x, y) = self.scrolls(element)?;
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
        let (max_x, max_y) = crate::scroll::range(layout, e);
        if let Some(pulled) = refresher_shown(element).filter(|_| y) {
            return Some((if x { left.clamp(0.0, max_x) } else { 0.0 }, -pulled));
        }
        Some((if x { left.clamp(0.0, max_x) } else { 0.0 }, if y { top.clamp(0.0, max_y) } else { 0.0 }))
    }

    /// Its refresher, above its content: `refresher-background` (#FFF) and the dots of
    /// `refresher-default-style` (black, white or none).
    fn paint_scrolled(&self, element: &Styled, area: Box2, items: &mut Vec<Item>) {
        let Some(pulled) = refresher_shown(element) else { return };
        let area = Box2 { h: pulled, ..area };
        let background = Some(element.attr("refresherBackground")).filter(|c| !c.is_empty()).and_then(|c| wxemu_wxss::cascade::parse_color(&c)).unwrap_or(Rgba::WHITE);
        items.push(Item::Fill { area, radii: [0.0; 4], paint: Paint::Solid(background) });
        match element.attr("refresherDefaultStyle").as_str() {
            "none" => {}
            style => crate::chrome::refreshing(area, style != "white", items),
        }
    }
}

/// How far a scroll-view's content is moved down by its refresher (`refresher-enabled` and
/// `refresher-triggered`): its `refresher-threshold` (45 px). None when it shows none.
fn refresher_shown(element: &Styled) -> Option<f32> {
    (element.flag("refresherEnabled") && element.flag("refresherTriggered")).then(|| element.attr("refresherThreshold").trim().trim_end_matches("px").parse().unwrap_or(45.0))
}

/// Whether a scroll-view has a refresher (`refresher-enabled`).
fn has_refresher(el: &Element) -> bool {
    &*el.tag == SCROLL_VIEW && super::flag(el, "refresherEnabled")
}

/// Whether a scroll-view's refresher is showing (`refresher-triggered`).
fn refreshing(el: &Element) -> bool {
    has_refresher(el) && super::flag(el, "refresherTriggered")
}

impl ScrollView {
    /// The user pulls the scroll-view at `path` down past its `refresher-threshold` (45 px):
    /// `refresherpulling` and `refresherrefresh` with `{dy}`, and the refresher shows until
    /// the page sets `refresher-triggered` to false.
    pub fn pull_refresher(page: &mut dyn Page, path: &[usize], el: &Element) -> Result<(), String> {
        if !has_refresher(el) {
            return Err("has no refresher: it is not a scroll-view with refresher-enabled".into());
        }
        if refreshing(el) {
            return Err("is refreshing already (refresher-triggered)".into());
        }
        let dy = super::text(el, "refresherThreshold").trim().trim_end_matches("px").parse::<f64>().unwrap_or(45.0);
        page.dispatch(path, "refresherpulling", json!({ "dy": dy }))?;
        page.set_control(path, "refresherTriggered", Value::Bool(true));
        page.dispatch(path, "refresherrefresh", json!({ "dy": dy })).map(drop)
    }

    /// A ScrollViewContext method (`args.op`: `scrollTo` with `left`/`top`, or
    /// `scrollIntoView` with an `#id` selector) on the scroll-view at `path`.
    pub fn context(page: &mut dyn Page, path: &[usize], args: &Map<String, Json>) -> Result<(), String> {
        let number = |key: &str| args.get(key).and_then(Json::as_f64).map(|v| v as f32);
        match args.get("op").and_then(Json::as_str) {
            Some("scrollTo") => ScrollView.scroll_to(page, path, number("left"), number("top")),
            Some("scrollIntoView") => {
                let selector = args.get("selector").and_then(Json::as_str).unwrap_or_default();
                let id = selector.strip_prefix('#').filter(|id| !id.contains([' ', '.', '[', '>'])).ok_or_else(|| format!("not supported by wxemu yet: scrollIntoView by `{selector}` (use an #id)"))?;
                page.set_control(path, "scrollIntoView", Value::String(id.into()));
                Ok(())
            }
            other => Err(format!("not supported by wxemu yet: ScrollViewContext.{}", other.unwrap_or("?"))),
        }
    }
}
