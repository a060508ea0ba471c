//! Scrolling by a mouse wheel or a dragging finger: what is under the pointer scrolls.

use crate::geometry::Hit;
use crate::Simulator;

impl Simulator {
    /// Scrolls what is under screen point (x, y) by (dx, dy) px: the innermost scroll-view
    /// there that can still move that way, else the page. Needs a screen.
    pub fn scroll_at(&mut self, x: f32, y: f32, dx: f32, dy: f32) -> Result<(), String> {
        if let Hit::Page(path, _) = self.hit(x, y)? {
            for depth in (1..=path.len()).rev() {
                let at = &path[..depth];
                let Ok(view) = self.scroll_view(at) else { continue };
                let can = |on: bool, delta: f32, offset: f32, range: f32| on && ((delta < 0.0 && offset > 0.0) || (delta > 0.0 && offset < range));
                if can(view.x, dx, view.offset.0, view.range.0) || can(view.y, dy, view.offset.1, view.range.1) {
                    return self.scroll_view_at_to(at, view.offset.0 + dx, view.offset.1 + dy);
                }
            }
        }
        let top = self.page_scroll_top();
        self.scroll_page_to(top + dy)
    }

    /// When the next timer, animation step or other queued event falls due (ms on the
    /// simulator's clock), if any is waiting.
    pub fn next_due(&self) -> Option<u64> {
        self.queue.next_time()
    }
}
