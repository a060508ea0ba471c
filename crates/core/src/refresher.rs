//! scroll-view's own pull-down refresh (`refresher-enabled`): a pull past the threshold sends
//! `refresherpulling` and `refresherrefresh` and shows the refresher; when the page sets
//! `refresher-triggered` back to false it goes away with `refresherrestore`.

use crate::controls::{attr, element_at};
use crate::queue::Event;
use crate::Simulator;
use serde_json::json;
use wxemu_view::select::NodePath;
use wxemu_wxml::{Element, Value};

/// Whether a scroll-view has a refresher (`refresher-enabled`).
fn has_refresher(el: &Element) -> bool {
    &*el.tag == "scroll-view" && attr(el, "refresherEnabled").truthy()
}

/// Whether a scroll-view's refresher is showing (`refresher-triggered`).
pub(crate) fn refresher_shown(el: &Element) -> bool {
    has_refresher(el) && attr(el, "refresherTriggered").truthy()
}

impl Simulator {
    /// Pulls the scroll-view matching `selector` down past its `refresher-threshold` (45 px),
    /// as the user's finger does: `refresherpulling` and `refresherrefresh` with `{dy}`, and
    /// the refresher shows until the page sets `refresher-triggered` to false.
    pub fn pull_refresher(&mut self, selector: &str) -> Result<(), String> {
        let path = self.find(selector)?;
        let page = self.stack.last().ok_or("no page is open")?;
        let el = element_at(&page.tree, &path).ok_or("the element is gone")?;
        if !has_refresher(el) {
            return Err(format!("`{selector}` has no refresher: it is not a scroll-view with refresher-enabled"));
        }
        if refresher_shown(el) {
            return Err(format!("`{selector}` is refreshing already (refresher-triggered)"));
        }
        let dy = attr(el, "refresherThreshold").to_js_string().trim().trim_end_matches("px").parse::<f64>().unwrap_or(45.0);
        self.dispatch_path(&path, "refresherpulling", json!({ "dy": dy }), None)?;
        self.set_control(&path, "refresherTriggered", Value::Bool(true));
        self.dispatch_path(&path, "refresherrefresh", json!({ "dy": dy }), None).map(drop)
    }

    /// After a render of page `page`: `shown` are its scroll-views whose refresher shows; one
    /// that showed before and no longer does sends `refresherrestore`.
    pub(crate) fn schedule_refresher_restores(&mut self, page: u32, shown: Vec<NodePath>) {
        let Some(view) = self.stack.last_mut().filter(|p| p.id == page) else { return };
        let before = std::mem::replace(&mut view.refreshing, shown.into_iter().collect());
        for path in before.into_iter().filter(|p| !view.refreshing.contains(p)) {
            if element_at(&view.tree, &path).is_some_and(has_refresher) {
                self.queue.push(self.now, Event::RefresherRestored { page, path });
            }
        }
    }

    /// The refresher of the scroll-view at (page, path) has gone back.
    pub(crate) fn refresher_restored(&mut self, page: u32, path: NodePath) {
        if self.stack.last().is_some_and(|p| p.id == page) {
            let _ = self.dispatch_path(&path, "refresherrestore", json!({}), None);
        }
    }
}
