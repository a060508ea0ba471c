//! When each element's `animation` data was applied: new data (a fresh `export()` set by
//! setData) starts at the moment the page re-renders with it, and the view draws the
//! element where the steps have moved it by now on the clock. And the keyframe animations
//! of `this.animate`, on the elements their selector finds, until `this.clearAnimation`.

use crate::queue::Event;
use crate::Simulator;
use serde_json::{Map, Value as Json};
use wxemu_view::select::{for_each_element, NodePath, Selector};
use wxemu_wxml::Value;

/// Animation data by (page, element path): the data and when it was applied.
pub(crate) type Started = std::collections::HashMap<(u32, NodePath), (Json, u64)>;

/// One `this.animate(selector, keyframes, duration)` of a page or component (`scope`). Its
/// last keyframe stays applied after it ends, until cleared.
/// What moves elements on the clock: when each element's `animation` data was applied, and
/// the keyframes `this.animate` plays.
#[derive(Default)]
pub(crate) struct Animations {
    pub(crate) started: Started,
    pub(crate) keyframed: Vec<Keyframed>,
}

pub(crate) struct Keyframed {
    page: u32,
    scope: u32,
    /// As the app wrote it (clearAnimation names it again), and parsed.
    selector: String,
    parsed: Selector,
    keyframes: Vec<Json>,
    duration: u64,
    /// The keyframes as animation data (made again when clearAnimation takes some off),
    /// read at every frame.
    data: Json,
    start: u64,
}

impl Keyframed {
    fn replay(&mut self) {
        self.data = wxemu_view::animation::from_keyframes(&self.keyframes, self.duration as f64);
    }
}

impl Simulator {
    /// Notes the `animation` data page `id` renders now; data not seen before starts now.
    pub(crate) fn track_animations(&mut self, id: u32) {
        let Some(page) = self.stack.iter().chain(self.parked_tabs.iter()).find(|p| p.id == id) else { return };
        let mut present = Vec::new();
        for_each_element(&page.tree, &mut |path, el| {
            if let Some(data) = el.attr("animation").and_then(Value::to_json).filter(|d| d.get("actions").is_some()) {
                present.push((path.clone(), data));
            }
        });
        self.animations.started.retain(|(page, path), _| *page != id || present.iter().any(|(p, _)| p == path));
        for (path, data) in present {
            let now = self.now;
            let entry = self.animations.started.entry((id, path)).or_insert_with(|| (data.clone(), now));
            if entry.0 != data {
                *entry = (data, now);
            }
        }
    }

    /// For the current page's animated elements: how far along their data they are (ms,
    /// up to its whole duration).
    pub(crate) fn animation_clock(&self) -> Vec<(NodePath, u64)> {
        let Some(id) = self.stack.last().map(|p| p.id) else { return Vec::new() };
        let mut clock: Vec<(NodePath, u64)> = self
            .animations
            .started
            .iter()
            .filter(|((page, _), _)| *page == id)
            .map(|((_, path), (data, start))| (path.clone(), (self.now - start).min(wxemu_view::animation::duration(data))))
            .collect();
        clock.sort();
        clock
    }

    /// `this.animate`: starts the keyframes on what `selector` finds in the caller's template;
    /// the call is answered (the app's callback) when they end.
    pub(crate) fn animate(&mut self, call: u32, args: &Map<String, Json>) {
        let Some(page) = self.stack.last().map(|p| p.id) else { return };
        let selector = args.get("selector").and_then(Json::as_str).unwrap_or_default().to_string();
        let parsed = match Selector::parse(&selector) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.app.api_result(call, serde_json::json!({ "errMsg": format!("animate:fail invalid selector `{selector}`: {e}") }));
                return;
            }
        };
        let duration = args.get("duration").and_then(Json::as_f64).unwrap_or(0.0).max(0.0) as u64;
        let scope = args.get("scope").and_then(Json::as_u64).map_or(page, |s| s as u32);
        let keyframes = args.get("keyframes").and_then(Json::as_array).cloned().unwrap_or_default();
        let mut animation = Keyframed { page, scope, selector, parsed, keyframes, duration, data: Json::Null, start: self.now };
        animation.replay();
        self.animations.keyframed.push(animation);
        self.queue.push(self.now + duration, Event::KeyframesEnded { call });
    }

    /// `this.clearAnimation`: takes the named properties (all when none are named) of the
    /// caller's keyframe animations on `selector` off their elements.
    pub(crate) fn clear_animation(&mut self, call: u32, args: &Map<String, Json>) {
        let selector = args.get("selector").and_then(Json::as_str).unwrap_or_default();
        let scope = args.get("scope").and_then(Json::as_u64).unwrap_or(0) as u32;
        let named: Option<Vec<String>> = args.get("properties").and_then(Json::as_array).map(|p| p.iter().filter_map(Json::as_str).map(str::to_string).collect());
        let theirs = |k: &Keyframed| k.scope == scope && k.selector == selector;
        match named {
            None => self.animations.keyframed.retain(|k| !theirs(k)),
            Some(named) => {
                for animation in self.animations.keyframed.iter_mut().filter(|k| theirs(k)) {
                    for keyframe in animation.keyframes.iter_mut().filter_map(Json::as_object_mut) {
                        keyframe.retain(|name, _| !named.contains(name));
                    }
                    animation.replay();
                }
            }
        }
        self.app.api_result(call, serde_json::json!({ "errMsg": "clearAnimation:ok" }));
    }

    /// The inline style each element of the current page has from keyframe animations now,
    /// by path.
    pub(crate) fn keyframed_styles(&self) -> Vec<(NodePath, String)> {
        let mut styles = std::collections::BTreeMap::new();
        let Some(page) = self.stack.last() else { return Vec::new() };
        for animation in self.animations.keyframed.iter().filter(|k| k.page == page.id) {
            let css = wxemu_view::animation::style_at(&animation.data, self.now - animation.start);
            for path in super::query::scoped(&page.tree, &animation.parsed, animation.scope, page.id) {
                let style: &mut String = styles.entry(path).or_default();
                style.push_str(&css);
                style.push(' ');
            }
        }
        styles.into_iter().collect()
    }

    /// Forgets the keyframe animations of a closed page.
    pub(crate) fn forget_keyframes(&mut self, page: u32) {
        self.animations.keyframed.retain(|k| k.page != page);
    }
}
