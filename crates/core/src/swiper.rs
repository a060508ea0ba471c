//! Built-ins the user moves: swiping a swiper (by name, or by dragging it), pulling a
//! scroll-view's refresher, and any built-in's automator functions (`swiper.swipeTo`, `slider.slideTo`…), which the
//! built-in's module answers.

use crate::Simulator;
use serde_json::Value as Json;
use wxemu_view::components::{registry, scroll_view::ScrollView, swiper::Swiper};

impl Simulator {
    /// Swipes the first swiper matching `selector` to item `index`, as a user does.
    pub fn swipe_to(&mut self, selector: &str, index: usize) -> Result<(), String> {
        let path = self.find(selector)?;
        self.swipe_node_to(&path, index).map_err(|e| if e.starts_with("is not") { format!("`{selector}` {e}") } else { format!("swiper `{selector}` {e}") })
    }

    /// [`Self::swipe_to`] for the swiper at `path`.
    pub fn swipe_node_to(&mut self, path: &[usize], index: usize) -> Result<(), String> {
        let el = self.element(path).ok_or("is not a swiper")?.clone();
        Swiper::swipe(self, path, &el, index)
    }

    /// Pulls the scroll-view matching `selector` down past its `refresher-threshold` (45 px),
    /// as the user's finger does: `refresherpulling` and `refresherrefresh` with `{dy}`, and
    /// the refresher shows until the page sets `refresher-triggered` to false.
    pub fn pull_refresher(&mut self, selector: &str) -> Result<(), String> {
        let path = self.find(selector)?;
        let el = self.element(&path).ok_or("the element is gone")?.clone();
        ScrollView::pull_refresher(self, &path, &el).map_err(|e| format!("`{selector}` {e}"))
    }

    /// What a finger that went down at screen point (x, y) and has moved (dx, dy) px drags:
    /// the innermost built-in there that takes such a drag (a swiper along its axis), or
    /// None (the drag scrolls). Needs a screen.
    pub fn drag_owner_at(&mut self, x: f32, y: f32, dx: f32, dy: f32) -> Result<Option<wxemu_view::select::NodePath>, String> {
        let crate::geometry::Hit::Page(path, _) = self.hit(x, y)? else { return Ok(None) };
        let chain = wxemu_view::select::element_chain(self.tree(), &path);
        let depth = chain.iter().rposition(|el| registry(&el.tag).is_some_and(|b| b.drags(el, dx, dy)));
        Ok(depth.map(|depth| path[..=depth].to_vec()))
    }

    /// The finger dragging the built-in at `path` (see [`Self::drag_owner_at`]) lifted,
    /// (dx, dy) px from where it went down: a swiper turns to the next item or back.
    pub fn end_drag(&mut self, path: &[usize], dx: f32, dy: f32) -> Result<(), String> {
        let el = self.element(path).ok_or("the dragged element is gone from the page")?.clone();
        let size = self.element_box(path)?.map_or((0.0, 0.0), |b| (b.w, b.h));
        match registry(&el.tag) {
            Some(built_in) => built_in.dragged(self, path, &el, (dx, dy), size),
            None => Ok(()),
        }
    }

    /// Calls the automator function `function` (`<tag>.<method>`, such as `swiper.swipeTo`)
    /// of the built-in at `path` with `args`.
    pub fn call_built_in(&mut self, path: &[usize], function: &str, args: &[Json]) -> Result<Json, String> {
        let el = self.element(path).ok_or("the element is gone from the page")?.clone();
        let (tag, method) = function.split_once('.').unwrap_or(("", function));
        if *el.tag != *tag {
            return Err(format!("{function}: the element is a <{}>, not a <{tag}>", el.tag));
        }
        let answer = registry(tag).and_then(|built_in| built_in.call(self, path, &el, method, args));
        answer.unwrap_or_else(|| Err(format!("not supported by wxemu yet: Element.callFunction {function}")))
    }
}
