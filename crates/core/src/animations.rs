//! When each element's `animation` data was applied: new data (a fresh `export()` set by
//! setData) starts at the moment the page re-renders with it, and the view draws the
//! element where the steps have moved it by now on the clock.

use crate::Simulator;
use serde_json::Value as Json;
use wxemu_view::select::{for_each_element, NodePath};
use wxemu_wxml::Value;

/// Animation data by (page, element path): the data and when it was applied.
pub(crate) type Started = std::collections::HashMap<(u32, NodePath), (Json, u64)>;

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
        self.animations.retain(|(page, path), _| *page != id || present.iter().any(|(p, _)| p == path));
        for (path, data) in present {
            let now = self.now;
            let entry = self.animations.entry((id, path)).or_insert_with(|| (data.clone(), now));
            if entry.0 != data {
                *entry = (data, now);
            }
        }
    }

    /// For the current page's animated elements: how far along their data they are (ms,
    /// up to its whole duration).
    pub(crate) fn animation_clock(&self) -> Vec<(NodePath, u64)> {
        let Some(id) = self.stack.last().map(|p| p.id) else { return Vec::new() };
        let mut clock: Vec<(NodePath, u64)> = self.animations.iter()
            .filter(|((page, _), _)| *page == id)
            .map(|((_, path), (data, start))| (path.clone(), (self.now - start).min(wxemu_view::animation::duration(data))))
            .collect();
        clock.sort();
        clock
    }
}
