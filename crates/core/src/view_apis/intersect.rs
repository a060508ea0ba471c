//! `createIntersectionObserver`: after every turn that changed the current page (setData,
//! scrolling, navigation), each observer's targets are measured against its reference
//! (the viewport or an element, grown by its margins); when a target's intersection ratio
//! crosses one of the observer's thresholds, its callback gets the platform's result.

use crate::Simulator;
use serde_json::{json, Map, Value as Json};
use std::collections::HashMap;
use wxemu_render::Box2;
use wxemu_view::select::{element_chain, NodePath, Selector};

/// One `observe(target, callback)`.
/// The intersection observers observing, and whether they are being checked now.
#[derive(Default)]
pub(crate) struct Observers {
    pub(crate) observing: Vec<Observer>,
    pub(crate) checking: bool,
}

pub(crate) struct Observer {
    /// The call that started it: its callback is the task of that id.
    id: u32,
    page: u32,
    /// The page or component whose template its selectors look in.
    scope: u32,
    target: String,
    /// The reference element's selector (None: the viewport).
    relative: Option<String>,
    /// top, right, bottom, left: how much the reference grows (px).
    margins: [f32; 4],
    thresholds: Vec<f32>,
    initial: f32,
    observe_all: bool,
    /// The last ratio seen for each target.
    ratios: HashMap<NodePath, f32>,
}

fn area(b: &Box2) -> f32 {
    b.w.max(0.0) * b.h.max(0.0)
}

fn intersection(a: &Box2, b: &Box2) -> Box2 {
    let (x, y) = (a.x.max(b.x), a.y.max(b.y));
    let (right, bottom) = ((a.x + a.w).min(b.x + b.w), (a.y + a.h).min(b.y + b.h));
    Box2 { x, y, w: (right - x).max(0.0), h: (bottom - y).max(0.0) }
}

/// A rect as the platform reports it, `scroll_top` turning page into viewport coordinates.
fn rect(b: &Box2, scroll_top: f32) -> Json {
    let top = b.y - scroll_top;
    json!({ "left": b.x, "top": top, "right": b.x + b.w, "bottom": top + b.h, "width": b.w, "height": b.h })
}

/// How many thresholds `ratio` has passed (0 counts once the target intersects at all).
fn passed(thresholds: &[f32], ratio: f32) -> usize {
    thresholds.iter().filter(|t| ratio > **t || (ratio == **t && **t > 0.0)).count()
}

impl Simulator {
    /// `IntersectionObserver.observe` / `disconnect` from the logic layer.
    pub(crate) fn intersection_observer(&mut self, call: u32, args: &Map<String, Json>) -> Result<(), String> {
        if args.get("op").and_then(Json::as_str) == Some("disconnect") {
            let id = args.get("observer").and_then(Json::as_u64).unwrap_or(0) as u32;
            self.intersections.observing.retain(|o| o.id != id);
            return Ok(());
        }
        self.ensure_screen()?;
        let page = self.stack.last().ok_or("no page is open")?.id;
        let margin = |side: &str| args.get("margins").and_then(|m| m.get(side)).and_then(Json::as_f64).unwrap_or(0.0) as f32;
        let target = args.get("target").and_then(Json::as_str).unwrap_or_default().to_string();
        Selector::parse(&target).map_err(|e| format!("invalid selector `{target}`: {e}"))?;
        self.intersections.observing.push(Observer {
            id: call,
            page,
            scope: args.get("scope").and_then(Json::as_u64).map_or(page, |s| s as u32),
            target,
            relative: args.get("relative").and_then(Json::as_str).map(str::to_string),
            margins: [margin("top"), margin("right"), margin("bottom"), margin("left")],
            thresholds: args.get("thresholds").and_then(Json::as_array).map(|t| t.iter().filter_map(Json::as_f64).map(|t| t as f32).collect()).unwrap_or_else(|| vec![0.0]),
            initial: args.get("initialRatio").and_then(Json::as_f64).unwrap_or(0.0) as f32,
            observe_all: args.get("observeAll").and_then(Json::as_bool).unwrap_or(false),
            ratios: HashMap::new(),
        });
        Ok(())
    }

    /// Measures the current page's observers' targets; calls back those that crossed a
    /// threshold.
    pub(crate) fn check_intersections(&mut self) {
        let Some(page) = self.stack.last() else { return };
        let (page_id, tree, scroll_top) = (page.id, page.tree.clone(), page.scroll_top);
        if self.intersections.checking || !self.intersections.observing.iter().any(|o| o.page == page_id) {
            return;
        }
        self.intersections.checking = true;
        let boxes: HashMap<NodePath, Box2> = self.element_boxes().unwrap_or_default().into_iter().collect();
        let window = self.host.borrow().system.window;
        let now = self.now;
        let mut calls = Vec::new();
        for observer in self.intersections.observing.iter_mut().filter(|o| o.page == page_id) {
            let in_scope = |selector: &str| -> Vec<NodePath> {
                let Ok(parsed) = Selector::parse(selector) else { return Vec::new() };
                parsed
                    .select_all(&tree)
                    .into_iter()
                    .filter(|p| {
                        let owner = element_chain(&tree, p).last().map_or(0, |e| e.owner);
                        owner == observer.scope || (owner == 0 && observer.scope == page_id)
                    })
                    .collect()
            };
            let reference = match &observer.relative {
                None => Some(Box2 { x: 0.0, y: scroll_top, w: window.width as f32, h: window.height as f32 }),
                Some(selector) => in_scope(selector).first().and_then(|p| boxes.get(p)).copied(),
            };
            let Some(reference) = reference else { continue };
            let [top, right, bottom, left] = observer.margins;
            let reference = Box2 { x: reference.x - left, y: reference.y - top, w: reference.w + left + right, h: reference.h + top + bottom };
            let targets = in_scope(&observer.target);
            for path in targets.iter().take(if observer.observe_all { usize::MAX } else { 1 }) {
                let Some(target) = boxes.get(path) else { continue };
                let inside = intersection(target, &reference);
                let ratio = if area(target) > 0.0 { area(&inside) / area(target) } else { 0.0 };
                let before = observer.ratios.insert(path.clone(), ratio).unwrap_or(observer.initial);
                if passed(&observer.thresholds, before) == passed(&observer.thresholds, ratio) {
                    continue;
                }
                let element = element_chain(&tree, path).last().copied().expect("selected");
                let id = element.attr("id").map(wxemu_wxml::Value::to_js_string).unwrap_or_default();
                let result = json!({
                    "id": id,
                    "dataset": wxemu_view::event::dataset(element),
                    "time": now,
                    "intersectionRatio": ratio,
                    "intersectionRect": rect(&inside, scroll_top),
                    "boundingClientRect": rect(target, scroll_top),
                    "relativeRect": rect(&reference, scroll_top),
                });
                calls.push((observer.id, result));
            }
        }
        let called = !calls.is_empty();
        for (id, result) in calls {
            self.app.task_event(id, "intersect", result);
        }
        if called {
            self.process_messages();
        }
        self.intersections.checking = false;
    }
}
