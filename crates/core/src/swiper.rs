//! Swipers move: `autoplay` turns them every `interval` ms of virtual time (a turn, then the
//! next `interval` ms later; after the last item the first comes again), a user's swipe
//! moves them to an item; each move fires `change`, then `animationfinish` once the
//! `duration` of the move has passed. The item shown is the swiper's control state.

use crate::queue::Event;
use crate::Simulator;
use serde_json::json;
use std::collections::HashSet;
use wxemu_view::select::{element_chain, NodePath};
use wxemu_wxml::{Element, Node, Value};

/// Swipers with an autoplay turn on the queue, by page and path.
pub(crate) type Autoplaying = HashSet<(u32, NodePath)>;

/// A swiper's items: its swiper-item children (also those a `<block>` wraps).
fn items(el: &Element) -> Vec<&Element> {
    el.children
        .iter()
        .flat_map(|child| match child {
            Node::Element(e) if &*e.tag == "swiper-item" => vec![e],
            Node::Element(e) if &*e.tag == "block" => items(e),
            _ => Vec::new(),
        })
        .collect()
}

/// A numeric attribute of a swiper (ms and indexes), or `default`.
pub(crate) fn number(el: &Element, name: &str, default: u64) -> u64 {
    el.attr(name).and_then(|v| v.to_js_string().trim().parse::<f64>().ok()).map_or(default, |n| n.max(0.0) as u64)
}

pub(crate) fn flag(el: &Element, name: &str) -> bool {
    el.attr(name).is_some_and(Value::truthy)
}

impl Simulator {
    /// The swiper at `path` on the current page (with its page id).
    fn swiper(&self, path: &[usize]) -> Option<(u32, &Element)> {
        let page = self.stack.last()?;
        let el = *element_chain(&page.tree, path).last()?;
        (&*el.tag == "swiper").then_some((page.id, el))
    }

    /// Swipes the first swiper matching `selector` to item `index`, as a user does.
    pub fn swipe_to(&mut self, selector: &str, index: usize) -> Result<(), String> {
        let path = self.find(selector)?;
        self.swipe_node_to(&path, index).map_err(|e| if e.starts_with("is not") { format!("`{selector}` {e}") } else { format!("swiper `{selector}` {e}") })
    }

    /// [`Self::swipe_to`] for the swiper at `path`.
    pub fn swipe_node_to(&mut self, path: &[usize], index: usize) -> Result<(), String> {
        let path = path.to_vec();
        let (_, el) = self.swiper(&path).ok_or("is not a swiper")?;
        let count = items(el).len();
        if index >= count {
            return Err(format!("has {count} items; there is no item {index}"));
        }
        self.move_swiper(&path, index, "touch");
        Ok(())
    }

    /// Shows item `index`: `change` now, `animationfinish` after the swiper's `duration`.
    fn move_swiper(&mut self, path: &NodePath, index: usize, source: &str) {
        let Some((page, el)) = self.swiper(path) else { return };
        let item_id = items(el).get(index).and_then(|item| item.attr("itemId")).map(Value::to_js_string).unwrap_or_default();
        let duration = number(el, "duration", 500);
        self.set_control(path, "current", Value::Number(index as f64));
        let detail = json!({ "current": index, "currentItemId": item_id, "source": source });
        let _ = self.dispatch_path(path, "change", detail, None);
        self.queue.push(self.now + duration, Event::SwiperSettled { page, path: path.clone(), current: index, autoplay: source == "autoplay" });
    }

    /// The move to `current` has finished: `animationfinish`.
    pub(crate) fn swiper_settled(&mut self, page: u32, path: NodePath, current: usize, autoplay: bool) {
        let Some((id, el)) = self.swiper(&path) else { return };
        if id != page {
            return;
        }
        let item_id = items(el).get(current).and_then(|item| item.attr("itemId")).map(Value::to_js_string).unwrap_or_default();
        let source = if autoplay { "autoplay" } else { "touch" };
        let _ = self.dispatch_path(&path, "animationfinish", json!({ "current": current, "currentItemId": item_id, "source": source }), None);
    }

    /// Puts the next autoplay turn of page `page`'s autoplaying swipers (path, interval) on
    /// the queue (once: each turn schedules the next).
    pub(crate) fn schedule_autoplay(&mut self, page: u32, found: Vec<(NodePath, u64)>) {
        for (path, interval) in found {
            if self.autoplaying.insert((page, path.clone())) {
                self.queue.push(self.now + interval, Event::Autoplay { page, path });
            }
        }
    }

    /// An autoplay turn: the next item (after the last, the first again).
    pub(crate) fn autoplay_due(&mut self, page: u32, path: NodePath) {
        self.autoplaying.remove(&(page, path.clone()));
        let Some((id, el)) = self.swiper(&path) else { return };
        if id != page || !flag(el, "autoplay") {
            return;
        }
        let count = items(el).len();
        if count < 2 {
            return;
        }
        let (next, interval) = ((number(el, "current", 0) as usize + 1) % count, number(el, "interval", 5000));
        self.autoplaying.insert((page, path.clone()));
        self.queue.push(self.now + interval, Event::Autoplay { page, path: path.clone() });
        self.move_swiper(&path, next, "autoplay");
    }
}
