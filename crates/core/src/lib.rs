//! The Simulator: one running mini-program. It owns the package, the logic layer
//! (AppService), the page stack with each page's view, and one event queue on a clock. It is
//! a deterministic state machine: time moves only when the runner calls [`Simulator::advance`]
//! (virtual time in headless runs), and everything — a timer, a setData callback, a
//! navigation — is processed in order on one thread. Every front end (dump, test, auto, the
//! window) drives an app through this API.

mod compose;
mod queue;
mod router;
mod mirror;

pub use router::{parse_url, RouteError};

use compose::{ComponentView, Composer};
use queue::{Event, EventQueue};
use mirror::{owner_of, ViewMirror};
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;
use wxemu_appservice::{AppService, Message};
use wxemu_view::event::{dispatch, event_object};
use wxemu_view::select::{element_chain, Selector};
use wxemu_package::{Diagnostic, Package, Pos};
use wxemu_wxml::{ModuleTable, Node, Program, Value};
use wxemu_wxs::WxsRuntime;

/// How to start an app.
#[derive(Clone, Debug, Default)]
pub struct LaunchOptions {
    /// The page route to open (default: the entry page).
    pub page: Option<String>,
    pub query: Map<String, Json>,
    /// The launch scene (1001 — entering from the chat list's "recently used" — by default).
    pub scene: Option<u32>,
}

/// Why an app could not start: every problem found, the fatal one last.
#[derive(Debug)]
pub struct LaunchFailure(pub Vec<Diagnostic>);

impl std::fmt::Display for LaunchFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for LaunchFailure {}

/// A line of the app's console: `console.*` output or an uncaught error.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleEntry {
    /// `log`, `info`, `warn`, `error` or `debug`.
    pub level: String,
    pub text: String,
    /// Where an uncaught error happened (file, position), when known.
    pub location: Option<(String, Pos)>,
}

/// A page on the stack: its logic-layer instance and its view.
struct PageView {
    id: u32,
    route: String,
    data: Value,
    program: Rc<Program>,
    wxs: WxsRuntime,
    modules: ModuleTable,
    /// The composed tree: the page's template with every component's inside its host.
    tree: Rc<Vec<Node>>,
    components: HashMap<String, ComponentView>,
}

impl PageView {
    fn has_instance(&self, id: u32) -> bool {
        self.id == id || self.components.values().any(|c| c.id == id)
    }
}

/// One running app.
pub struct Simulator {
    package: Package,
    app: AppService,
    queue: EventQueue,
    now: u64,
    stack: Vec<PageView>,
    /// Tab pages that stay alive while another tab is shown.
    parked_tabs: Vec<PageView>,
    programs: HashMap<String, Rc<Program>>,
    /// Messages taken from the logic layer but not handled yet.
    backlog: Vec<Message>,
    /// The pages' composed trees, for what the logic layer asks the view synchronously.
    mirror: Rc<ViewMirror>,
    /// The EventChannel the next opened page gets (set while `wx.navigateTo` runs).
    opener_channel: u32,
    console: Vec<ConsoleEntry>,
    /// Problems found while running: package warnings, template and WXS errors.
    pub diagnostics: Vec<Diagnostic>,
}

/// How long a press lasts before it is a longpress (ms).
pub const LONGPRESS_MS: u64 = 350;

/// How many times in a row setData may cause more setData before it is stopped.
const MAX_ROUNDS: usize = 100;

/// The most pages the stack holds (navigateTo fails beyond it).
pub const MAX_PAGES: usize = 10;

impl Simulator {
    /// Loads the package in `dir`, starts the logic layer (app.js), runs App.onLaunch and
    /// App.onShow, and opens the launch page (onLoad, onShow, first render, onReady).
    pub fn launch(dir: &Path, options: LaunchOptions) -> Result<Simulator, LaunchFailure> {
        let package = Package::load(dir);
        let fail = |fatal: Option<Diagnostic>| {
            let mut all = package.diagnostics.clone();
            all.extend(fatal);
            LaunchFailure(all)
        };
        if package.app.pages.is_empty() {
            let reported = package.diagnostics.iter().any(Diagnostic::is_error);
            return Err(fail((!reported).then(|| Diagnostic::error("app.json", Pos::START, "the app has no pages"))));
        }
        let mut app = AppService::start(&package).map_err(|d| fail(Some(d)))?;
        let mirror = Rc::new(ViewMirror::default());
        app.set_view_queries(mirror.clone());
        let diagnostics = package.diagnostics.clone();
        let mut sim = Simulator {
            package,
            app,
            queue: EventQueue::default(),
            now: 0,
            stack: Vec::new(),
            parked_tabs: Vec::new(),
            programs: HashMap::new(),
            backlog: Vec::new(),
            mirror,
            opener_channel: 0,
            console: Vec::new(),
            diagnostics,
        };
        let entry = sim.package.entry_page().unwrap_or_default().to_string();
        let route = options.page.as_deref().map(|p| p.trim_start_matches('/').to_string()).unwrap_or_else(|| entry.clone());
        let launch = serde_json::json!({
            "path": route,
            "query": options.query,
            "scene": options.scene.unwrap_or(1001),
            "referrerInfo": {},
        });
        sim.app.app_lifecycle("onLaunch", Some(launch.clone()));
        sim.app.app_lifecycle("onShow", Some(launch));
        sim.process_messages();
        let opened = if sim.package.pages.contains_key(&route) {
            sim.open(&route, options.query)
        } else {
            sim.app.app_lifecycle("onPageNotFound", Some(serde_json::json!({"path": route, "query": options.query, "isEntryPage": true})));
            sim.process_messages();
            sim.open(&entry, Map::new())
        };
        match opened {
            Ok(()) => Ok(sim),
            Err(d) => {
                sim.diagnostics.push(d);
                Err(LaunchFailure(sim.diagnostics))
            }
        }
    }

    /// The time on the simulator's clock, in ms since launch.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Moves the clock forward by `ms`, running every timer and callback that falls due.
    pub fn advance(&mut self, ms: u64) {
        let until = self.now + ms;
        while let Some((time, event)) = self.queue.pop_due(until) {
            self.now = time;
            self.mirror.set_now(time);
            match event {
                Event::Timer { id, every } => {
                    if let Some(every) = every {
                        self.queue.push(time + every, Event::Timer { id, every: Some(every) });
                    }
                    self.app.fire_timer(id);
                }
                Event::SetDataApplied { callback } => self.app.set_data_applied(callback),
            }
            self.process_messages();
        }
        self.now = until;
        self.mirror.set_now(until);
    }

    /// The route of the page on top of the stack.
    pub fn current_route(&self) -> Option<&str> {
        self.stack.last().map(|p| p.route.as_str())
    }

    /// The routes of the page stack, bottom first (what `getCurrentPages()` returns).
    pub fn page_stack(&self) -> Vec<&str> {
        self.stack.iter().map(|p| p.route.as_str()).collect()
    }

    /// The current page's `this.data`, as the logic layer has it.
    pub fn page_data(&mut self) -> Json {
        match self.stack.last() {
            Some(page) => self.app.instance_data(page.id),
            None => Json::Null,
        }
    }

    /// The current page's rendered node tree.
    pub fn tree(&self) -> &[Node] {
        self.stack.last().map_or(&[], |p| p.tree.as_slice())
    }

    /// Console output and uncaught errors since the last call.
    pub fn take_console(&mut self) -> Vec<ConsoleEntry> {
        std::mem::take(&mut self.console)
    }

    /// Applies what the logic layer asked for: data to the views (then re-renders them),
    /// timers to the queue, console lines to the console, component events to their hosts.
    /// Re-rendering can make more requests (observers, lifetimes), so it repeats until
    /// nothing is left.
    fn process_messages(&mut self) {
        for _ in 0..MAX_ROUNDS {
            let mut messages = std::mem::take(&mut self.backlog);
            messages.extend(self.app.take_messages());
            if messages.is_empty() {
                return;
            }
            let mut dirty = Vec::new();
            for message in messages {
                self.handle(message, &mut dirty);
            }
            for id in dirty {
                self.render(id);
            }
        }
        self.console.push(ConsoleEntry {
            level: "error".into(),
            text: format!("setData keeps triggering more setData after {MAX_ROUNDS} rounds (an observer that always sets data?); stopped"),
            location: None,
        });
    }

    fn handle(&mut self, message: Message, dirty: &mut Vec<u32>) {
        match message {
            Message::SetData { instance, patch, callback } => {
                if let Some(page) = self.view_mut(instance) {
                    let data = if page.id == instance {
                        &mut page.data
                    } else {
                        &mut page.components.values_mut().find(|c| c.id == instance).expect("has_instance").data
                    };
                    for (path, value) in &patch {
                        data.set_path(path, Value::from_json(value));
                    }
                    if !patch.is_empty() && !dirty.contains(&page.id) {
                        dirty.push(page.id);
                    }
                }
                if callback != 0 {
                    self.queue.push(self.now, Event::SetDataApplied { callback });
                }
            }
            Message::Api { api, call, url, delta, channel } => {
                let done = match api.as_str() {
                    "navigateTo" => {
                        self.opener_channel = channel;
                        let done = self.navigate_to(&url);
                        self.opener_channel = 0;
                        done
                    }
                    "redirectTo" => self.redirect_to(&url),
                    "reLaunch" => self.re_launch(&url),
                    "switchTab" => self.switch_tab(&url),
                    "navigateBack" => self.navigate_back(delta as usize),
                    other => unreachable!("framework.js sends no `{other}` calls"),
                };
                let result = match done {
                    Ok(()) if api == "navigateTo" => serde_json::json!({ "errMsg": "navigateTo:ok", "channel": channel }),
                    Ok(()) => serde_json::json!({ "errMsg": format!("{api}:ok") }),
                    Err(e) => serde_json::json!({ "errMsg": e.to_string() }),
                };
                self.app.api_result(call, result);
            }
            Message::Timer { id, delay, repeat } => {
                // A repeating timer fires at most once per ms, as browsers clamp intervals.
                let every = repeat.then_some(delay.max(1));
                self.queue.push(self.now + every.unwrap_or(delay), Event::Timer { id, every });
            }
            Message::ClearTimer { id } => self.queue.clear_timer(id),
            Message::Log { level, text } => self.console.push(ConsoleEntry { level, text, location: None }),
            Message::Error(failure) => self.console.push(ConsoleEntry {
                level: "error".into(),
                text: format!("{} (in {})", failure.message, failure.during),
                location: failure.location,
            }),
        }
    }

    /// The page (on the stack or a parked tab) that holds instance `id`.
    fn view_mut(&mut self, id: u32) -> Option<&mut PageView> {
        self.stack.iter_mut().chain(self.parked_tabs.iter_mut()).find(|p| p.has_instance(id))
    }

    /// The compiled templates of a page, compiled once per route.
    fn program(&mut self, route: &str) -> Rc<Program> {
        if let Some(p) = self.programs.get(route) {
            return p.clone();
        }
        let root = self.package.root.clone();
        let mut read = |path: &str| std::fs::read_to_string(root.join(path)).ok();
        let mut program = Program::load(&format!("{route}.wxml"), &mut read);
        for component in self.reachable_components(route) {
            program.add(&format!("{component}.wxml"), &mut read);
        }
        let program = Rc::new(program);
        self.diagnostics.extend(program.diagnostics.iter().cloned());
        self.programs.insert(route.to_string(), program.clone());
        program
    }

    /// Every component a page can show, directly or inside other components.
    fn reachable_components(&self, route: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut todo: Vec<&str> = self.package.pages.get(route).map(|u| u.using_components.values().map(String::as_str).collect()).unwrap_or_default();
        while let Some(path) = todo.pop() {
            if found.iter().any(|f| f == path) {
                continue;
            }
            found.push(path.to_string());
            if let Some(unit) = self.package.components.get(path) {
                todo.extend(unit.using_components.values().map(String::as_str));
                let defaults = unit.config.component_generics.values().filter_map(|g| g.get("default").and_then(Json::as_str));
                found.extend(defaults.map(|d| wxemu_package::resolve_path(path, d)));
            }
        }
        found
    }

    /// Creates a page: instance, view, onLoad, onShow, first render, onReady.
    fn open(&mut self, route: &str, query: Map<String, Json>) -> Result<(), Diagnostic> {
        let id = self.app.create_page(route, &query, std::mem::take(&mut self.opener_channel))?;
        let program = self.program(route);
        let root = self.package.root.clone();
        let (wxs, modules, wxs_diags) = WxsRuntime::load(&program, Box::new(move |path| std::fs::read_to_string(root.join(path)).ok()));
        self.diagnostics.extend(wxs_diags);
        let data = Value::from_json(&self.app.view_data(id));
        self.stack.push(PageView { id, route: route.to_string(), data, program, wxs, modules, tree: Rc::default(), components: HashMap::new() });
        self.sync_stack();
        self.app.page_lifecycle(id, "onLoad", Some(Json::Object(query)));
        self.app.page_lifecycle(id, "onShow", None);
        self.process_messages();
        self.render(id);
        self.app.page_lifecycle(id, "onReady", None);
        self.process_messages();
        Ok(())
    }

    /// Renders a page's composed tree from its and its components' view data; components
    /// new to the tree are attached (then ready), those gone are detached.
    fn render(&mut self, id: u32) {
        let Some(view) = self.stack.iter_mut().chain(self.parked_tabs.iter_mut()).find(|p| p.id == id) else { return };
        let program = view.program.clone();
        let mut composer = Composer::new(&mut self.app, &self.package, view.id, &mut view.data, &program, &mut view.wxs, &view.modules, &mut view.components, &mut self.diagnostics);
        let (tree, removed) = composer.compose_page(&view.route);
        let (attached, ready) = (std::mem::take(&mut composer.created), std::mem::take(&mut composer.ready));
        let pending = std::mem::take(&mut composer.pending);
        view.tree = Rc::new(tree);
        self.mirror.update_page(id, view.tree.clone());
        self.backlog.extend(pending);
        for (lifetime, order) in [("attached", attached), ("ready", ready)] {
            for component in order {
                self.app.component_lifetime(component, lifetime);
            }
        }
        for component in removed {
            self.app.component_lifetime(component, "detached");
            self.app.destroy(component);
        }
    }

    /// Unloads the top page (onUnload) and forgets it.
    fn close_top(&mut self) {
        if let Some(page) = self.stack.last() {
            let id = page.id;
            self.app.page_lifecycle(id, "onUnload", None);
            let page = self.stack.pop().expect("checked");
            for component in page.components.values() {
                self.app.component_lifetime(component.id, "detached");
                self.app.destroy(component.id);
            }
            self.sync_stack();
            self.app.destroy(id);
            self.mirror.remove_page(id);
            self.process_messages();
        }
    }

    /// Tells the logic layer the page stack (`getCurrentPages()`).
    fn sync_stack(&mut self) {
        let ids: Vec<u32> = self.stack.iter().map(|p| p.id).collect();
        self.app.set_page_stack(&ids);
    }

    fn hide_top(&mut self) {
        self.top_visibility("onHide", "hide");
    }

    fn show_top(&mut self) {
        self.top_visibility("onShow", "show");
    }

    /// The top page's `onShow`/`onHide` and its components' `pageLifetimes`.
    fn top_visibility(&mut self, page_lifecycle: &str, component_lifetime: &str) {
        if let Some(page) = self.stack.last() {
            let id = page.id;
            self.app.page_lifecycle(id, page_lifecycle, None);
            self.app.page_lifetime(id, component_lifetime, None);
            self.process_messages();
        }
    }

    fn is_tab(&self, route: &str) -> bool {
        self.package.app.tab_bar.as_ref().and_then(|t| t.get("list")).and_then(Json::as_array).is_some_and(|list| {
            list.iter().any(|item| item.get("pagePath").and_then(Json::as_str) == Some(route))
        })
    }

    fn target(&self, api: &'static str, url: &str) -> Result<(String, Map<String, Json>), RouteError> {
        let (route, query) = parse_url(self.current_route().unwrap_or(""), url);
        if !self.package.pages.contains_key(&route) {
            return Err(RouteError::new(api, format!("page \"{route}\" is not found")));
        }
        Ok((route, query))
    }

    fn opened(&mut self, api: &'static str, route: &str, query: Map<String, Json>) -> Result<(), RouteError> {
        self.open(route, query).map_err(|d| RouteError::new(api, d.to_string()))
    }

    /// Taps the first element matching `selector` on the current page: the tap event runs
    /// through capture and bubble phases to the page's handlers.
    pub fn tap(&mut self, selector: &str) -> Result<(), String> {
        for event in ["touchstart", "touchend", "tap"] {
            self.dispatch_event(selector, event, Json::Object(Map::new()))?;
        }
        Ok(())
    }

    /// Presses the first element matching `selector` for 350 ms of virtual time:
    /// touchstart, then `longpress` and `longtap` while pressed, then touchend; a `tap`
    /// follows only if no longpress handler ran, as on the platform.
    pub fn long_press(&mut self, selector: &str) -> Result<(), String> {
        let none = || Json::Object(Map::new());
        self.dispatch_event(selector, "touchstart", none())?;
        self.advance(LONGPRESS_MS);
        let handled = self.dispatch_event(selector, "longpress", none())?;
        self.dispatch_event(selector, "longtap", none())?;
        self.dispatch_event(selector, "touchend", none())?;
        if handled == 0 {
            self.dispatch_event(selector, "tap", none())?;
        }
        Ok(())
    }

    /// Types `text` into the first `input` or `textarea` matching `selector`: a `model:value`
    /// binding writes it back to the owner's data, then the `input` event fires with
    /// `{value, cursor, keyCode}`.
    pub fn input(&mut self, selector: &str, text: &str) -> Result<(), String> {
        let (owner, field) = {
            let page = self.stack.last().ok_or("no page is open")?;
            let parsed = Selector::parse(selector)?;
            let path = parsed.select_all(&page.tree).into_iter().next().ok_or_else(|| format!("no element matches `{selector}` on {}", page.route))?;
            let chain = element_chain(&page.tree, &path);
            let el = chain.last().expect("a matched path has an element");
            if !matches!(&*el.tag, "input" | "textarea") {
                return Err(format!("`{selector}` is a <{}>, not an input or textarea", el.tag));
            }
            let field = el.model.iter().find(|(attr, _)| &**attr == "value").map(|(_, field)| field.to_string());
            (owner_of(&chain, chain.len() - 1, page.id), field)
        };
        if let Some(field) = field {
            let mut patch = Map::new();
            patch.insert(field, Json::from(text));
            self.app.set_data_from_view(owner, &patch);
            self.process_messages();
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
        let parsed = Selector::parse(selector)?;
        let page = self.stack.last().ok_or("no page is open")?;
        let path = parsed.select_all(&page.tree).into_iter().next().ok_or_else(|| format!("no element matches `{selector}` on {}", page.route))?;
        let chain = element_chain(&page.tree, &path);
        let calls: Vec<(u32, String, Json)> = dispatch(&chain, event)
            .into_iter()
            .map(|call| (owner_of(&chain, call.current_target, page.id), call.method, event_object(event, self.now, &chain, call.current_target, detail.clone())))
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
        self.app.app_lifecycle("onThemeChange", Some(serde_json::json!({ "theme": theme })));
        self.process_messages();
    }

    /// `wx.navigateTo`: opens a page on top of the current one (at most 10 pages).
    pub fn navigate_to(&mut self, url: &str) -> Result<(), RouteError> {
        let (route, query) = self.target("navigateTo", url)?;
        if self.is_tab(&route) {
            return Err(RouteError::new("navigateTo", "can not navigateTo a tabbar page"));
        }
        if self.stack.len() >= MAX_PAGES {
            return Err(RouteError::new("navigateTo", "webview count limit exceed"));
        }
        self.hide_top();
        self.opened("navigateTo", &route, query)
    }

    /// `wx.redirectTo`: replaces the current page.
    pub fn redirect_to(&mut self, url: &str) -> Result<(), RouteError> {
        let (route, query) = self.target("redirectTo", url)?;
        if self.is_tab(&route) {
            return Err(RouteError::new("redirectTo", "can not redirectTo a tabbar page"));
        }
        self.close_top();
        self.opened("redirectTo", &route, query)
    }

    /// `wx.navigateBack`: closes `delta` pages (at least one page stays).
    pub fn navigate_back(&mut self, delta: usize) -> Result<(), RouteError> {
        if self.stack.len() <= 1 {
            return Err(RouteError::new("navigateBack", "cannot navigate back at first page."));
        }
        let delta = delta.clamp(1, self.stack.len() - 1);
        for _ in 0..delta {
            self.close_top();
        }
        self.show_top();
        Ok(())
    }

    /// `wx.reLaunch`: closes every page (tab pages too) and opens `url`.
    pub fn re_launch(&mut self, url: &str) -> Result<(), RouteError> {
        let (route, query) = self.target("reLaunch", url)?;
        while !self.stack.is_empty() {
            self.close_top();
        }
        for page in std::mem::take(&mut self.parked_tabs) {
            self.stack.push(page);
            self.close_top();
        }
        self.opened("reLaunch", &route, query)
    }

    /// `wx.switchTab`: shows a tab page, closing every non-tab page; tab pages stay alive.
    pub fn switch_tab(&mut self, url: &str) -> Result<(), RouteError> {
        let (route, _) = self.target("switchTab", url)?;
        if !self.is_tab(&route) {
            return Err(RouteError::new("switchTab", "can not switch to no-tabBar page"));
        }
        if self.current_route() == Some(route.as_str()) && self.stack.len() == 1 {
            return Ok(());
        }
        while let Some(top) = self.stack.last() {
            if self.is_tab(&top.route) {
                self.hide_top();
                let page = self.stack.pop().expect("checked");
                self.parked_tabs.push(page);
                self.sync_stack();
            } else {
                self.close_top();
            }
        }
        match self.parked_tabs.iter().position(|p| p.route == route) {
            Some(i) => {
                let page = self.parked_tabs.remove(i);
                self.stack.push(page);
                self.sync_stack();
                self.show_top();
                Ok(())
            }
            None => self.opened("switchTab", &route, Map::new()),
        }
    }
}
