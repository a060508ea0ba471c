//! What a user does to the running app: taps, long presses, typing, and the page and app
//! events that come from the system (pull-down refresh, scrolling, resizing, the tab bar,
//! going to the background, theme changes).

use crate::geometry::Hit;
use crate::mirror::owner_of;
use crate::Simulator;
use serde_json::{Map, Value as Json};
use wxemu_view::event::{dispatch, event_object};
use wxemu_view::select::{element_chain, NodePath, Selector};

impl Simulator {
    /// Taps the first element matching `selector` on the current page: touchstart,
    /// touchend and tap run through capture and bubble phases to the handlers. With a screen
    /// attached the touch is at the element's centre and events carry its coordinates.
    pub fn tap(&mut self, selector: &str) -> Result<(), String> {
        let path = self.find(selector)?;
        self.tap_node(&path)
    }

    /// [`Self::tap`] on the element at `path` in the current page's composed tree.
    pub fn tap_node(&mut self, path: &[usize]) -> Result<(), String> {
        let point = self.centre(path)?;
        self.press(path, point)
    }

    /// The paths of every element matching `selector` on the current page, in document order.
    pub fn select_all(&self, selector: &str) -> Result<Vec<NodePath>, String> {
        let parsed = Selector::parse(selector)?;
        let page = self.stack.last().ok_or("no page is open")?;
        Ok(parsed.select_all(&page.tree))
    }

    /// The page stack, bottom first: each page's instance id and route.
    pub fn stack_pages(&self) -> Vec<(u32, String)> {
        self.stack.iter().map(|p| (p.id, p.route.clone())).collect()
    }

    /// How far the current page is scrolled (px).
    pub fn page_scroll_top(&self) -> f32 {
        self.stack.last().map_or(0.0, |p| p.scroll_top)
    }

    /// The instance id of the current page (the `owner` of its own template's elements).
    pub fn current_page_id(&self) -> Option<u32> {
        self.stack.last().map(|p| p.id)
    }

    /// The elements `selector` matches inside the element at `within` (the page: `[]`), as
    /// the platform's shadow trees see them: a page its own template's elements, a custom
    /// component's host its template's — unless the selector pierces components with `>>>`.
    pub fn select_within(&self, selector: &str, within: &[usize]) -> Result<Vec<NodePath>, String> {
        let page = self.current_page_id().ok_or("no page is open")?;
        let owner_of = |el: &wxemu_wxml::Element| if el.owner == 0 { page } else { el.owner };
        let scope = match self.element(within).filter(|_| !within.is_empty()) {
            Some(el) => el.component.unwrap_or(owner_of(el)),
            None => page,
        };
        let pierce = selector.contains(">>>");
        let inside = self.select_all(selector)?.into_iter().filter(|p| p.len() > within.len() && p.starts_with(within));
        Ok(inside.filter(|p| pierce || self.element(p).is_some_and(|e| owner_of(e) == scope)).collect())
    }

    /// The text inside the element at `path`, as it reads.
    pub fn element_text(&self, path: &[usize]) -> Option<String> {
        fn text_of(nodes: &[wxemu_wxml::Node]) -> String {
            nodes
                .iter()
                .map(|n| match n {
                    wxemu_wxml::Node::Text(t) => t.clone(),
                    wxemu_wxml::Node::Element(e) => text_of(&e.children),
                })
                .collect()
        }
        self.element(path).map(|e| text_of(&e.children))
    }

    /// The current page's data at a path like `list[2].name` (all of it for `""`).
    pub fn page_data_at(&mut self, path: &str) -> Json {
        let data = self.page_data();
        let mut here = &data;
        for part in path.split(['.', '[']).filter(|p| !p.is_empty()) {
            let part = part.trim_end_matches(']');
            here = match part.parse::<usize>() {
                Ok(i) if here.is_array() => &here[i],
                _ => &here[part],
            };
        }
        here.clone()
    }

    /// The element at `path` on the current page.
    pub fn element(&self, path: &[usize]) -> Option<&wxemu_wxml::Element> {
        element_chain(self.tree(), path).last().copied()
    }

    /// Taps the screen at (x, y) CSS px: the topmost element there gets the touch, a tab of
    /// the tab bar switches tabs, the navigation bar's back arrow goes back and its home
    /// button relaunches the home page; a modal, action sheet or picker shown takes the tap
    /// first (its buttons answer it, a picker's rows turn its columns). Needs a screen.
    pub fn tap_at(&mut self, x: f32, y: f32) -> Result<(), String> {
        match self.hit(x, y)? {
            Hit::Page(path, point) => self.press(&path, Some(point)),
            Hit::Tab(index) => self.tap_tab(index),
            Hit::Back => self.navigate_back(1).map_err(|e| e.to_string()),
            Hit::Answer(answer) => self.answer_prompt(crate::Answer { confirm: answer.is_some(), item: answer, ..Default::default() }),
            Hit::Pick(column, row) => self.pick(column, row),
            Hit::Home => {
                let home = self.package.entry_page().ok_or("the app has no pages")?.to_string();
                self.re_launch(&format!("/{home}")).map_err(|e| e.to_string())
            }
            Hit::Nothing => Ok(()),
        }
    }

    fn press(&mut self, path: &[usize], point: Option<(f32, f32)>) -> Result<(), String> {
        let mut before = None;
        for event in ["touchstart", "touchend", "tap"] {
            if event == "tap" {
                before = self.stack.last().map(|p| p.tree.clone());
            }
            self.dispatch_path(path, event, Json::Object(Map::new()), point)?;
        }
        self.built_in_tap(path, before, point)
    }

    /// The path of the first element matching `selector` on the current page.
    pub(crate) fn find(&self, selector: &str) -> Result<NodePath, String> {
        let parsed = Selector::parse(selector)?;
        let page = self.stack.last().ok_or("no page is open")?;
        parsed.select_all(&page.tree).into_iter().next().ok_or_else(|| format!("no element matches `{selector}` on {}", page.route))
    }

    /// The centre of an element in page coordinates, when a screen is attached.
    pub(crate) fn centre(&mut self, path: &[usize]) -> Result<Option<(f32, f32)>, String> {
        if self.screen().is_none() {
            return Ok(None);
        }
        Ok(self.element_box(path)?.map(|b| (b.x + b.w / 2.0, b.y + b.h / 2.0)))
    }

    /// Types `text` into the first `input` or `textarea` matching `selector` (as much as its
    /// `maxlength` takes; a disabled one takes none): a `model:value` binding writes it back
    /// to the owner's data, then the `input` event fires with `{value, cursor, keyCode}`.
    pub fn input(&mut self, selector: &str, text: &str) -> Result<(), String> {
        let path = self.find(selector)?;
        self.input_node(&path, text).map_err(|e| format!("`{selector}` {e}"))
    }

    /// [`Self::input`] into the element at `path`.
    pub fn input_node(&mut self, path: &[usize], text: &str) -> Result<(), String> {
        self.enter_text(path, text, None).map(drop)
    }

    /// The field at `path` takes `text` as its value with the caret `caret` chars in (at the
    /// end for None): `model:value` or the control's state, then the `input` event. Returns
    /// the caret, within what `maxlength` let in.
    pub(crate) fn enter_text(&mut self, path: &[usize], mut text: &str, caret: Option<usize>) -> Result<usize, String> {
        let path = path.to_vec();
        let (owner, field) = {
            let page = self.stack.last().ok_or("no page is open")?;
            let chain = element_chain(&page.tree, &path);
            let el = chain.last().expect("a matched path has an element");
            if !crate::controls::is_text_field(el) {
                return Err(format!("is a <{}>, not an input or textarea", el.tag));
            }
            if el.attr("disabled").is_some_and(wxemu_wxml::Value::truthy) {
                return Err("is disabled: it takes no typing".into());
            }
            // What does not fit `maxlength` (140 unless set; -1: no limit) is not taken.
            let limit = el.attr("maxlength").and_then(|v| v.to_js_string().trim().parse::<i64>().ok()).unwrap_or(140);
            if let Ok(limit) = usize::try_from(limit) {
                if let Some((cut, _)) = text.char_indices().nth(limit) {
                    text = &text[..cut];
                }
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
        let caret = caret.unwrap_or(usize::MAX).min(text.chars().count());
        // The event's cursor counts UTF-16 units, as JS strings do.
        let cursor: usize = text.chars().take(caret).map(char::len_utf16).sum();
        self.dispatch_path(&path, "input", serde_json::json!({ "value": text, "cursor": cursor, "keyCode": 0 }), None)?;
        Ok(caret)
    }

    /// [`Self::trigger`] on the element at `path`.
    pub fn trigger_node(&mut self, path: &[usize], event: &str, detail: Json) -> Result<(), String> {
        self.dispatch_path(path, event, detail, None).map(drop)
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
        // `point` is on the screen below the chrome (client coordinates); the page's
        // coordinates add how far it is scrolled.
        let scrolled = page.scroll_top;
        let touch = point.map(|(x, y)| serde_json::json!({ "identifier": 0, "pageX": x, "pageY": y + scrolled, "clientX": x, "clientY": y, "force": 1 }));
        if let (Some((x, y)), Json::Object(fields)) = (point, &mut detail) {
            if matches!(event, "tap" | "longpress" | "longtap") && fields.is_empty() {
                fields.insert("x".into(), Json::from(x));
                fields.insert("y".into(), Json::from(y + scrolled));
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
    /// window) enables it with `enablePullDownRefresh`; the page shows the refresh area until
    /// `wx.stopPullDownRefresh`.
    pub fn pull_down_refresh(&mut self) -> Result<(), String> {
        let route = self.current_route().ok_or("no page is open")?.to_string();
        if !self.pull_down_enabled(&route) {
            return Err(format!("pull-down refresh is not enabled for {route}: set \"enablePullDownRefresh\": true in its .json or in app.json's window"));
        }
        if let Some(page) = self.stack.last_mut() {
            page.chrome.refreshing = true;
            page.chrome.pulled = 0.0;
        }
        self.current_page_handler("onPullDownRefresh", None).map(drop)
    }

    /// Whether the page at `route` refreshes when pulled down (`enablePullDownRefresh` in
    /// its .json, else in app.json's window).
    pub(crate) fn pull_down_enabled(&self, route: &str) -> bool {
        let enabled = |config: Option<&Json>| config.and_then(Json::as_bool);
        let page_setting = enabled(self.package.pages.get(route).and_then(|u| u.config.raw.get("enablePullDownRefresh")));
        let app_setting = enabled(self.package.app.window.get("enablePullDownRefresh"));
        page_setting.or(app_setting).unwrap_or(false)
    }

    /// The user's finger pulls the page down at its top, `distance` px so far (0: not any
    /// more): the page follows it, showing the window's background above it, with the refresh
    /// area's dots where pull-down refresh is enabled. Nothing runs in the page: letting go
    /// far enough is [`Simulator::pull_down_refresh`].
    pub fn pull_page(&mut self, distance: f32) -> Result<(), String> {
        let page = self.stack.last_mut().ok_or("no page is open")?;
        page.chrome.pulled = distance.max(0.0);
        Ok(())
    }

    /// The page is scrolled to the bottom: `onReachBottom`.
    pub fn reach_bottom(&mut self) -> Result<(), String> {
        self.current_page_handler("onReachBottom", None).map(drop)
    }

    /// Scrolls the page to `top` CSS px, as the user would (within what its content allows
    /// when a screen is attached): the page's `onPageScroll({ scrollTop })`, and
    /// `onReachBottom` when the page comes within `onReachBottomDistance` (50 px unless its
    /// .json or app.json's window says) of its bottom.
    pub fn scroll_page_to(&mut self, top: f32) -> Result<(), String> {
        let range = self.page_scroll_range()?;
        let page = self.stack.last_mut().ok_or("no page is open")?;
        let (old, new) = (page.scroll_top, range.map_or(top, |r| top.min(r)).max(0.0));
        if old == new {
            return Ok(());
        }
        page.scroll_top = new;
        let route = page.route.clone();
        self.current_page_handler("onPageScroll", Some(serde_json::json!({ "scrollTop": new })))?;
        if let Some(range) = range {
            let window = self.window_config(&route);
            let distance = window.get("onReachBottomDistance").and_then(Json::as_f64).unwrap_or(50.0) as f32;
            if new >= range - distance && old < range - distance {
                self.reach_bottom()?;
            }
        }
        Ok(())
    }

    /// Scrolls the first scroll-view matching `selector` to (`left`, `top`) within its
    /// content, in the directions it scrolls, as the user would (see the scroll-view's
    /// module for its events). Needs a screen.
    pub fn scroll_view_to(&mut self, selector: &str, left: f32, top: f32) -> Result<(), String> {
        let path = self.find(selector)?;
        self.scroll_view_at_to(&path, left, top).map_err(|e| format!("`{selector}`: {e}"))
    }

    /// [`Self::scroll_view_to`] for the element at `path` that scrolls (None keeps a
    /// direction as it is).
    pub fn scroll_view_at_to(&mut self, path: &[usize], left: impl Into<Option<f32>>, top: impl Into<Option<f32>>) -> Result<(), String> {
        let built_in = self.element(path).and_then(|el| wxemu_view::components::registry(&el.tag)).ok_or("not a scroll-view with scroll-x or scroll-y")?;
        built_in.scroll_to(self, path, left.into(), top.into())
    }

    /// A scroll-view's `[scrollLeft, scrollTop, scrollWidth, scrollHeight]` as drawn.
    pub fn scroll_view_metrics(&mut self, path: &[usize]) -> Result<[f32; 4], String> {
        self.ensure_screen()?;
        Ok(self.scroll_view(path)?.metrics())
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
        let options = self.enter(&route, &Map::new(), 1001);
        self.app.app_lifecycle("onShow", Some(options));
        self.process_messages();
        self.show_top();
    }

    /// The system switches between light and dark. Apps that declare `darkmode: true` in
    /// app.json hear of it: `App.onThemeChange({ theme })`, then the `wx.onThemeChange`
    /// listeners.
    pub fn set_theme(&mut self, theme: &str) {
        let dark = theme == "dark";
        let darkmode = {
            let mut host = self.host.borrow_mut();
            host.system.dark = dark;
            host.system.darkmode
        };
        if darkmode {
            let event = serde_json::json!({ "theme": if dark { "dark" } else { "light" } });
            self.app.app_lifecycle("onThemeChange", Some(event.clone()));
            self.app.app_event("ThemeChange", event);
            self.process_messages();
        }
    }
}
