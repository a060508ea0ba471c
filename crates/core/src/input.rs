//! What a user does to the running app: taps, long presses, typing, and the page and app
//! events that come from the system (pull-down refresh, scrolling, resizing, the tab bar,
//! going to the background, theme changes).

use crate::mirror::owner_of;
use crate::draw::Hit;
use crate::{Simulator, LONGPRESS_MS};
use serde_json::{Map, Value as Json};
use wxemu_view::event::{dispatch, event_object};
use wxemu_view::select::{element_chain, NodePath, Selector};

impl Simulator {
    /// Taps the first element matching `selector` on the current page: touchstart,
    /// touchend and tap run through capture and bubble phases to the handlers. With a screen
    /// attached the touch is at the element's centre and events carry its coordinates.
    pub fn tap(&mut self, selector: &str) -> Result<(), String> {
        let path = self.find(selector)?;
        let point = self.centre(&path)?;
        self.press(&path, point)
    }

    /// Taps the screen at (x, y) CSS px: the topmost element there gets the touch, a tab of
    /// the tab bar switches tabs, the navigation bar's back arrow goes back. Needs a screen.
    pub fn tap_at(&mut self, x: f32, y: f32) -> Result<(), String> {
        match self.hit(x, y)? {
            Hit::Page(path, point) => self.press(&path, Some(point)),
            Hit::Tab(index) => self.tap_tab(index),
            Hit::Back => self.navigate_back(1).map_err(|e| e.to_string()),
            Hit::Nothing => Ok(()),
        }
    }

    fn press(&mut self, path: &[usize], point: Option<(f32, f32)>) -> Result<(), String> {
        for event in ["touchstart", "touchend", "tap"] {
            self.dispatch_path(path, event, Json::Object(Map::new()), point)?;
        }
        self.built_in_tap(path)
    }

    /// Presses the first element matching `selector` for 350 ms of virtual time:
    /// touchstart, then `longpress` and `longtap` while pressed, then touchend; a `tap`
    /// follows only if no longpress handler ran, as on the platform.
    pub fn long_press(&mut self, selector: &str) -> Result<(), String> {
        let none = || Json::Object(Map::new());
        let path = self.find(selector)?;
        let point = self.centre(&path)?;
        self.dispatch_path(&path, "touchstart", none(), point)?;
        self.advance(LONGPRESS_MS);
        let handled = self.dispatch_path(&path, "longpress", none(), point)?;
        self.dispatch_path(&path, "longtap", none(), point)?;
        self.dispatch_path(&path, "touchend", none(), point)?;
        if handled == 0 {
            self.dispatch_path(&path, "tap", none(), point)?;
        }
        Ok(())
    }

    /// The path of the first element matching `selector` on the current page.
    fn find(&self, selector: &str) -> Result<NodePath, String> {
        let parsed = Selector::parse(selector)?;
        let page = self.stack.last().ok_or("no page is open")?;
        parsed.select_all(&page.tree).into_iter().next().ok_or_else(|| format!("no element matches `{selector}` on {}", page.route))
    }

    /// The centre of an element in page coordinates, when a screen is attached.
    fn centre(&mut self, path: &[usize]) -> Result<Option<(f32, f32)>, String> {
        if self.screen().is_none() {
            return Ok(None);
        }
        Ok(self.element_box(path)?.map(|b| (b.x + b.w / 2.0, b.y + b.h / 2.0)))
    }

    /// Types `text` into the first `input` or `textarea` matching `selector`: a `model:value`
    /// binding writes it back to the owner's data, then the `input` event fires with
    /// `{value, cursor, keyCode}`.
    pub fn input(&mut self, selector: &str, text: &str) -> Result<(), String> {
        let path = self.find(selector)?;
        let (owner, field) = {
            let page = self.stack.last().ok_or("no page is open")?;
            let chain = element_chain(&page.tree, &path);
            let el = chain.last().expect("a matched path has an element");
            if !matches!(&*el.tag, "input" | "textarea") {
                return Err(format!("`{selector}` is a <{}>, not an input or textarea", el.tag));
            }
            let field = el.model.iter().find(|(attr, _)| &**attr == "value").map(|(_, field)| field.to_string());
            (owner_of(&chain, chain.len() - 1, page.id), field)
        };
        match field {
            Some(field) => {
                let mut patch = Map::new();
                patch.insert(field, Json::from(text));
                self.app.set_data_from_view(owner, &patch);
                self.process_messages();
            }
            // Without model:value the text stays in the input (a form submits it).
            None => self.set_control(&path, "value", wxemu_wxml::Value::String(text.into())),
        }
        let cursor = text.encode_utf16().count();
        self.trigger(selector, "input", serde_json::json!({ "value": text, "cursor": cursor, "keyCode": 0 }))
    }

    /// Dispatches an event of type `event` with `detail` on the first element matching
    /// `selector` on the current page.
    pub fn trigger(&mut self, selector: &str, event: &str, detail: Json) -> Result<(), String> {
        self.dispatch_event(selector, event, detail).map(drop)
    }

    /// Dispatches an event; returns how many handlers it reached.
    fn dispatch_event(&mut self, selector: &str, event: &str, detail: Json) -> Result<usize, String> {
        let path = self.find(selector)?;
        self.dispatch_path(&path, event, detail, None)
    }

    /// Dispatches an event on the element at `path`; touch events get `touches` and
    /// `changedTouches` at `point`, and a tap or longpress `detail: {x, y}`, as on the platform.
    pub(crate) fn dispatch_path(&mut self, path: &[usize], event: &str, mut detail: Json, point: Option<(f32, f32)>) -> Result<usize, String> {
        let page = self.stack.last().ok_or("no page is open")?;
        let chain = element_chain(&page.tree, path);
        let touch = point.map(|(x, y)| serde_json::json!({ "identifier": 0, "pageX": x, "pageY": y, "clientX": x, "clientY": y, "force": 1 }));
        if let (Some((x, y)), Json::Object(fields)) = (point, &mut detail) {
            if matches!(event, "tap" | "longpress" | "longtap") && fields.is_empty() {
                fields.insert("x".into(), Json::from(x));
                fields.insert("y".into(), Json::from(y));
            }
        }
        let calls: Vec<(u32, String, Json)> = dispatch(&chain, event)
            .into_iter()
            .map(|call| {
                let mut object = event_object(event, self.now, &chain, call.current_target, detail.clone());
                if let (Some(touch), Json::Object(fields)) = (&touch, &mut object) {
                    let touches = if event == "touchend" { Json::Array(Vec::new()) } else { Json::Array(vec![touch.clone()]) };
                    fields.insert("touches".into(), touches);
                    fields.insert("changedTouches".into(), Json::Array(vec![touch.clone()]));
                }
                (owner_of(&chain, call.current_target, page.id), call.method, object)
            })
            .collect();
        let reached = calls.len();
        for (owner, method, event) in calls {
            self.app.call_method(owner, &method, &event);
            self.process_messages();
        }
        Ok(reached)
    }

    /// Runs a page handler of the current page (`onPullDownRefresh`, `onReachBottom`, …).
    fn current_page_handler(&mut self, name: &str, arg: Option<Json>) -> Result<u32, String> {
        let id = self.stack.last().ok_or("no page is open")?.id;
        self.app.page_lifecycle(id, name, arg);
        self.process_messages();
        Ok(id)
    }

    /// The user pulls the page down: `onPullDownRefresh`, if the page (or the app's
    /// window) enables it with `enablePullDownRefresh`.
    pub fn pull_down_refresh(&mut self) -> Result<(), String> {
        let route = self.current_route().ok_or("no page is open")?.to_string();
        let enabled = |config: Option<&Json>| config.and_then(Json::as_bool);
        let page_setting = enabled(self.package.pages.get(&route).and_then(|u| u.config.raw.get("enablePullDownRefresh")));
        let app_setting = enabled(self.package.app.window.get("enablePullDownRefresh"));
        if !page_setting.or(app_setting).unwrap_or(false) {
            return Err(format!("pull-down refresh is not enabled for {route}: set \"enablePullDownRefresh\": true in its .json or in app.json's window"));
        }
        self.current_page_handler("onPullDownRefresh", None).map(drop)
    }

    /// The page is scrolled to the bottom: `onReachBottom`.
    pub fn reach_bottom(&mut self) -> Result<(), String> {
        self.current_page_handler("onReachBottom", None).map(drop)
    }

    /// The page scrolls: `onPageScroll({ scrollTop })`.
    pub fn page_scroll(&mut self, scroll_top: f64) -> Result<(), String> {
        self.current_page_handler("onPageScroll", Some(serde_json::json!({ "scrollTop": scroll_top }))).map(drop)
    }

    /// The window changes size: the page's `onResize` and its components'
    /// `pageLifetimes.resize`, with `{ size: { windowWidth, windowHeight } }`.
    pub fn resize(&mut self, width: f64, height: f64) -> Result<(), String> {
        let size = serde_json::json!({ "size": { "windowWidth": width, "windowHeight": height } });
        let id = self.current_page_handler("onResize", Some(size.clone()))?;
        self.app.page_lifetime(id, "resize", Some(size));
        self.process_messages();
        Ok(())
    }

    /// The user taps tab-bar item `index`: the current page's `onTabItemTap({ index,
    /// pagePath, text })`, then `switchTab` to that item's page.
    pub fn tap_tab(&mut self, index: usize) -> Result<(), String> {
        let list = self.package.app.tab_bar.as_ref().and_then(|t| t.get("list")).and_then(Json::as_array).cloned().unwrap_or_default();
        let item = list.get(index).ok_or_else(|| format!("the tab bar has no item {index} (it has {})", list.len()))?;
        let page_path = item.get("pagePath").and_then(Json::as_str).unwrap_or_default().to_string();
        let text = item.get("text").cloned().unwrap_or(Json::Null);
        if self.current_route().is_some_and(|r| self.is_tab(r)) {
            self.current_page_handler("onTabItemTap", Some(serde_json::json!({ "index": index, "pagePath": page_path, "text": text })))?;
        }
        self.switch_tab(&format!("/{page_path}")).map_err(|e| e.to_string())
    }

    /// The app goes to the background: the page's `onHide` (and its components'
    /// `pageLifetimes.hide`), then `App.onHide`.
    pub fn background(&mut self) {
        self.hide_top();
        self.app.app_lifecycle("onHide", None);
        self.process_messages();
    }

    /// The app comes back: `App.onShow` (scene 1001), then the page's `onShow`.
    pub fn foreground(&mut self) {
        let route = self.current_route().unwrap_or_default().to_string();
        self.app.app_lifecycle("onShow", Some(serde_json::json!({ "path": route, "query": {}, "scene": 1001, "referrerInfo": {} })));
        self.process_messages();
        self.show_top();
    }

    /// The system switches between light and dark: `App.onThemeChange({ theme })`.
    pub fn set_theme(&mut self, theme: &str) {
        self.dark = theme == "dark";
        self.app.app_lifecycle("onThemeChange", Some(serde_json::json!({ "theme": theme })));
        self.process_messages();
    }
}
