//! The Simulator: one running mini-program. It owns the package, the logic layer
//! (AppService), the page stack with each page's view, and one event queue on a clock. It is
//! a deterministic state machine: time moves only when the runner calls [`Simulator::advance`]
//! (virtual time in headless runs), and everything — a timer, a setData callback, a
//! navigation — is processed in order on one thread. Every front end (dump, test, auto, the
//! window) drives an app through this API.

mod bars;
mod compose;
mod controls;
mod draw;
mod fonts;
mod geometry;
mod images;
mod input;
mod keyboard;
mod mirror;
mod network;
mod picker;
mod pictures;
mod press;
mod prompts;
mod queue;
mod router;
mod styling;
mod swiper;
mod versions;
mod view_apis;
mod wheel;

pub use router::{parse_url, RouteError};

use compose::{Composer, PageView};
pub use draw::{Painter, Screen};
pub use keyboard::Caret;
use mirror::ViewMirror;
pub use prompts::{parse_answers, Answer, Answers, Prompt};
use queue::{Event, EventQueue};
use serde_json::{Map, Value as Json};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;
pub use styling::ComponentStyling;
use wxemu_appservice::wx::apis::Family;
pub use wxemu_appservice::wx::storage::{Item as StorageItem, Storage};
use wxemu_appservice::wx::{network::Settings as NetworkSettings, Failure, Host, Sandbox, System};
pub use wxemu_appservice::wx::{LoggedRequest, Phone, Routes};
pub use wxemu_appservice::wx::{Platform, Profile};
use wxemu_appservice::{AppService, Message, SharedHost};
pub use wxemu_caniuse::Version;
use wxemu_package::{Diagnostic, Package, Pos};
use wxemu_view::select::NodePath;
use wxemu_wxml::{Node, Program, Value};
use wxemu_wxs::WxsRuntime;

/// How to start an app.
#[derive(Clone, Debug, Default)]
pub struct LaunchOptions {
    /// The page route to open (default: the entry page).
    pub page: Option<String>,
    pub query: Map<String, Json>,
    /// The launch scene (1001 — entering from the chat list's "recently used" — by default).
    pub scene: Option<u32>,
    /// The base library to run on (default: project.config.json's `libVersion`, else the
    /// newest known).
    pub sdk: Option<Version>,
    /// The file `wx` storage persists to (default: none, storage lives in memory); see
    /// [`Storage::file_for`].
    pub storage: Option<PathBuf>,
    /// The phone to run on (default: the iPhone 6/7/8).
    pub device: Option<Profile>,
    /// The system theme is dark from the start.
    pub dark: bool,
    /// The wall-clock time the app starts at, in ms since the Unix epoch (default:
    /// 2026-01-01 09:00 in UTC+8, the time zone `Date` uses): from there `Date` moves with
    /// the simulator's clock, so runs are repeatable.
    pub start_time: Option<i64>,
    /// Mock routes for the network APIs (default: none, requests go to the network).
    pub routes: Option<Routes>,
    /// The domains requests may reach when project.config.json's `setting.urlCheck` is on
    /// (besides the routes' own `domains`).
    pub domains: Vec<String>,
    /// The test user (see `Account::configure`: user, address, location, sessionValid,
    /// authorized scopes); default: a user named "wxemu 测试用户" who has not been asked
    /// anything.
    pub account: Option<Json>,
    /// Answers for prompts by kind, given without asking (`--answer modal=confirm,…`; see
    /// [`Answers`]).
    pub answers: Answers,
    /// The folder behind the app's files (`wx.env.USER_DATA_PATH`, temp and saved files;
    /// default: a temporary folder, deleted when the Simulator is dropped).
    pub files: Option<PathBuf>,
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

impl std::fmt::Display for ConsoleEntry {
    /// `console.log: text (file:line:col)`, as the terminal shows it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "console.{}: {}", self.level, self.text)?;
        match &self.location {
            Some((file, pos)) => write!(f, " ({file}:{}:{})", pos.line, pos.col),
            None => Ok(()),
        }
    }
}

/// What the Simulator reported once and does not again.
#[derive(Default)]
struct Reported {
    /// What the app's templates used that its base library lacks.
    lacking: std::collections::HashSet<versions::Use>,
    /// The `wx` APIs wxemu does not carry out that the app called.
    unsupported: std::collections::HashSet<String>,
}

/// One running app.
pub struct Simulator {
    package: Package,
    app: AppService,
    /// The host services `wx` calls reach: the phone, the base library the app runs on, …
    host: SharedHost,
    /// What was reported once and is not again.
    reported: Reported,
    queue: EventQueue,
    now: u64,
    stack: Vec<PageView>,
    /// Tab pages that stay alive while another tab is shown.
    parked_tabs: Vec<PageView>,
    programs: HashMap<String, Rc<Program>>,
    /// The package's stylesheets, Sass and Less compiled.
    styles: wxemu_build::Styles,
    /// Messages taken from the logic layer but not handled yet.
    backlog: Vec<Message>,
    /// The pages' composed trees, for what the logic layer asks the view synchronously.
    mirror: Rc<ViewMirror>,
    /// The EventChannel the next opened page gets (set while `wx.navigateTo` runs).
    opener_channel: u32,
    console: Vec<ConsoleEntry>,
    /// The screen pages are drawn on, once one is attached (headless runs may have none).
    screen: Option<Screen>,
    /// What paints screenshots (None: the CPU rasterizer).
    painter: Option<Painter>,
    /// The finger on the screen and the hover-class it shows.
    fingers: press::Fingers,
    /// What built-ins asked to be told later and wait for: (page, path, what).
    built_ins_waiting: HashSet<(u32, NodePath, String)>,
    /// Toasts, loading notices, modals and action sheets.
    prompts: prompts::Prompts,
    /// What the tab bar APIs changed of the tab bar (its badges too).
    tab_bar_changes: bars::TabBarChanges,
    /// The intersection observers observing.
    intersections: view_apis::intersect::Observers,
    /// `animation` data and `this.animate` keyframes moving elements on the clock.
    animations: view_apis::animations::Animations,
    /// What `Date` reads in the logic layer and WXS.
    clock: Rc<wxemu_appservice::AppClock>,
    /// The pictures images show: their load events, network images and their loads.
    images: images::ImageLoads,
    /// The faces `wx.loadFontFace` loaded (family, font file), for every screen.
    loaded_fonts: Vec<(String, Vec<u8>)>,
    /// Who waits for each network font being read.
    fonts_waiting: HashMap<String, Vec<fonts::FontWaiter>>,
    /// Requests that waited for a free slot are being started (see `deliver`).
    starting_waiting: bool,
    /// Problems found while running: package warnings, template and WXS errors.
    pub diagnostics: Vec<Diagnostic>,
}

pub use wxemu_package::STACK_BYTES;

/// How long a press lasts before it is a longpress (ms).
pub const LONGPRESS_MS: u64 = 350;

/// How many times in a row setData may cause more setData before it is stopped.
const MAX_ROUNDS: usize = 100;

/// How many events may run at one instant of the clock: past this the app is scheduling
/// more work at the same time without end (setData callbacks that set data again, each
/// asking for the next), and what is due then is dropped.
const MAX_EVENTS_AT_ONE_INSTANT: usize = 100_000;

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
        let sdk = options.sdk.or(package.project.lib_version).unwrap_or_else(|| wxemu_caniuse::Database::get().newest());
        let mut system = System::new(options.device.unwrap_or(Profile::IPHONE_6), sdk);
        system.dark = options.dark;
        system.darkmode = package.app.raw.get("darkmode") == Some(&Json::Bool(true));
        let mut storage = match &options.storage {
            Some(file) => Storage::on_disk(file).map_err(|e| fail(Some(Diagnostic::error(&file.display().to_string(), Pos::START, e))))?,
            None => Storage::in_memory(),
        };
        let storage_notice = storage.take_notice().map(|notice| {
            let file = options.storage.as_deref().map(|f| f.display().to_string()).unwrap_or_default();
            Diagnostic::warning(&file, Pos::START, notice).with_hint("wxemu storage PROJECT list shows what it holds now")
        });
        let files = match &options.files {
            Some(dir) => Sandbox::at(dir, &package.root),
            None => Sandbox::temporary(&package.root),
        };
        let files = files
            .map_err(|e| fail(Some(Diagnostic::error(&options.files.clone().unwrap_or_default().display().to_string(), Pos::START, format!("wxemu could not make the app's files folder: {e}")))))?;
        let mut host = Host::new(system, storage, files);
        host.account.app_id = package.project.appid.clone().unwrap_or_else(|| "touristappid".into());
        host.account.app_name = package.project.name.clone().unwrap_or_else(|| "小程序".into());
        // A third-party platform's settings: ext.json's `ext`, when it says `extEnable`.
        let ext = package.read("ext.json").and_then(|text| serde_json::from_str::<Json>(&text).ok()).filter(|ext| ext.get("extEnable") == Some(&Json::Bool(true)));
        host.client.ext_config = ext.and_then(|ext| ext.get("ext").and_then(Json::as_object).cloned()).unwrap_or_default();
        host.account.declared = package.app.raw.get("requiredPrivateInfos").and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str).map(str::to_string).collect();
        if let Some(config) = &options.account {
            host.account.configure(config).map_err(|e| fail(Some(Diagnostic::error("account", Pos::START, e))))?;
        }
        host.network.settings = NetworkSettings {
            // The phone always checks; so do the DevTools unless the project turns it off.
            url_check: package.project.setting.get("urlCheck") != Some(&Json::Bool(false)),
            domains: options.domains.clone(),
            timeouts: package.app.network_timeout.clone(),
            routes: options.routes.clone(),
            referer: format!("https://servicewechat.com/{}/devtools/page-frame.html", package.project.appid.as_deref().unwrap_or("touristappid")),
        };
        let host = Rc::new(RefCell::new(host));
        let clock = Rc::new(options.start_time.map_or_else(wxemu_appservice::AppClock::default, wxemu_appservice::AppClock::starting_at));
        let mut app = AppService::start_on(&package, host.clone(), clock.clone(), &[prompts::SCRIPT, router::SCRIPT, view_apis::SCRIPT]).map_err(|d| fail(Some(d)))?;
        let mirror = Rc::new(ViewMirror::default());
        app.set_view_queries(mirror.clone());
        let diagnostics = package.diagnostics.iter().cloned().chain(storage_notice).collect();
        let styles = wxemu_build::Styles::new(package.files.clone());
        let mut sim = Simulator {
            package,
            app,
            host,
            reported: Reported::default(),
            queue: EventQueue::default(),
            now: 0,
            stack: Vec::new(),
            parked_tabs: Vec::new(),
            programs: HashMap::new(),
            styles,
            backlog: Vec::new(),
            mirror,
            opener_channel: 0,
            console: Vec::new(),
            screen: None,
            painter: None,
            fingers: Default::default(),
            built_ins_waiting: Default::default(),
            prompts: Default::default(),
            tab_bar_changes: Default::default(),
            intersections: Default::default(),
            animations: Default::default(),
            images: Default::default(),
            loaded_fonts: Vec::new(),
            fonts_waiting: HashMap::new(),
            clock,
            starting_waiting: false,
            diagnostics,
        };
        sim.prompts.policy = options.answers.clone();
        let entry = sim.package.entry_page().unwrap_or_default().to_string();
        let route = options.page.as_deref().map(|p| p.trim_start_matches('/').to_string()).unwrap_or_else(|| entry.clone());
        sim.set_window(&route);
        let launch = sim.enter(&route, &options.query, options.scene.unwrap_or(1001));
        sim.host.borrow_mut().launch_options = launch.clone();
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

    /// How the app comes to the foreground (at launch or back from the background): what
    /// `App.onLaunch`/`onShow` get, and from now on `wx.getEnterOptionsSync()`.
    fn enter(&mut self, route: &str, query: &Map<String, Json>, scene: u32) -> Json {
        let options = serde_json::json!({
            "path": route,
            "query": query,
            "scene": scene,
            "referrerInfo": {},
            "forwardMaterials": [],
            "apiCategory": "default",
        });
        self.host.borrow_mut().enter_options = options.clone();
        options
    }

    /// The time on the simulator's clock, in ms since launch.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Moves the clock forward by `ms`, running every timer and callback that falls due.
    pub fn advance(&mut self, ms: u64) {
        let until = self.now + ms;
        let mut at_this_instant = 0;
        loop {
            self.settle_network();
            let Some((time, event)) = self.queue.pop_due(until) else { break };
            at_this_instant = if time == self.now { at_this_instant + 1 } else { 0 };
            if at_this_instant > MAX_EVENTS_AT_ONE_INSTANT {
                self.console.push(ConsoleEntry {
                    level: "error".into(),
                    text: format!("the app ran {MAX_EVENTS_AT_ONE_INSTANT} callbacks at {time} ms without the clock moving (setData callbacks that set data again?); what was due then is dropped"),
                    location: None,
                });
                while self.queue.pop_due(time).is_some() {}
                at_this_instant = 0;
                continue;
            }
            self.now = time;
            self.mirror.set_now(time);
            self.clock.set(time);
            match event {
                Event::Timer { id, every } => {
                    self.queue.fire_timer(time, id, every);
                    self.app.fire_timer(id);
                }
                Event::SetDataApplied { callback } => self.app.set_data_applied(callback),
                Event::LongPress { press } => self.long_press_due(press),
                Event::ToastEnds { toast } => self.toast_ends(toast),
                Event::ImageSettled { page, path, src } => self.image_settled(page, path, src),
                Event::BuiltIn { page, path, tag, what } => self.built_in_due(page, path, tag, what),
                Event::Network { task } => self.scripted_network_due(task),
                Event::PageScrolled { call, top } => self.page_scrolled(call, f32::from_bits(top)),
                Event::KeyframesEnded { call } => self.app.api_result(call, serde_json::json!({ "errMsg": "animate:ok" })),
            }
            self.process_messages();
            self.queue.timer_done();
        }
        self.now = until;
        self.mirror.set_now(until);
        self.clock.set(until);
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
                self.schedule_built_ins();
                self.flush_storage();
                self.check_intersections();
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
                    let data = if page.id == instance { &mut page.data } else { &mut page.components.values_mut().find(|c| c.id == instance).expect("has_instance").data };
                    let refused: Vec<String> = patch.iter().filter_map(|(path, value)| data.set_path(path, Value::from_json(value)).err()).collect();
                    if !patch.is_empty() && !dirty.contains(&page.id) {
                        dirty.push(page.id);
                    }
                    self.console.extend(refused.into_iter().map(|text| ConsoleEntry { level: "error".into(), text, location: None }));
                }
                if callback != 0 {
                    self.queue.push(self.now, Event::SetDataApplied { callback });
                }
            }
            Message::NextTick { callback } => self.queue.push(self.now, Event::SetDataApplied { callback }),
            Message::Api { api, call, args } => match wxemu_appservice::wx::apis::family(&api) {
                Some(Family::Prompts) => self.prompt_api(&api, call, args),
                Some(Family::Bars) => self.bar_api(&api, call, args),
                Some(Family::Network) => self.network_api(&api, call, &args),
                Some(Family::Router) => self.route_api(&api, call, &args),
                Some(Family::View) => self.view_api(&api, call, &args),
                _ => self.host_api(&api, call, &args),
            },
            Message::Timer { id, delay, repeat } => self.queue.add_timer(self.now, id, delay, repeat),
            Message::ClearTimer { id } => self.queue.clear_timer(id),
            Message::Log { level, text, location } => self.console.push(ConsoleEntry { level, text, location }),
            Message::Error(failure) => self.console.push(ConsoleEntry { level: "error".into(), text: format!("{} (in {})", failure.message, failure.during), location: failure.location }),
        }
    }

    /// After a render of the current page, what its built-in elements do by themselves
    /// (autoplaying swipers' turns, images' load and error events, refreshers going back),
    /// and what of the page its base-library version lacks.
    fn schedule_built_ins(&mut self) {
        let Some(page) = self.stack.last() else { return };
        let tree = page.tree.clone();
        let sdk = self.sdk();
        if sdk < wxemu_caniuse::Database::get().newest() {
            let lacking = versions::lacking(&tree, sdk, &mut self.reported.lacking);
            self.diagnostics.extend(lacking);
        }
        let mut built_ins = Vec::new();
        wxemu_view::select::for_each_element(&tree, &mut |path, el| built_ins.extend(wxemu_view::components::registry(&el.tag).map(|b| (path.clone(), b))));
        for (path, built_in) in built_ins {
            if let Some(el) = controls::element_at(&tree, &path) {
                built_in.rendered(self, &path, el);
            }
        }
    }

    /// What a built-in asked to be told (`what`, with [`wxemu_view::components::Page::later`])
    /// is due: it is, if it is still there on the page shown.
    fn built_in_due(&mut self, page: u32, path: NodePath, tag: String, what: String) {
        self.built_ins_waiting.remove(&(page, path.clone(), what.clone()));
        let Some(view) = self.stack.last().filter(|p| p.id == page) else { return };
        let tree = view.tree.clone();
        let Some(el) = controls::element_at(&tree, &path).filter(|el| *el.tag == *tag) else { return };
        if let Some(built_in) = wxemu_view::components::registry(&el.tag) {
            built_in.due(self, &path, el, &what);
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
        let files = self.package.files.clone();
        let mut read = |path: &str| files.text(path);
        let mut program = Program::load(&format!("{route}.wxml"), &mut read);
        for component in self.reachable_components(route) {
            program.add(&format!("{component}.wxml"), &mut read);
        }
        let program = Rc::new(program);
        self.diagnostics.extend(program.diagnostics.iter().cloned());
        self.programs.insert(route.to_string(), program.clone());
        program
    }

    /// Every component a page can show, directly or inside other components (a tab page's
    /// custom tab bar too).
    fn reachable_components(&self, route: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut todo: Vec<&str> = self.package.pages.get(route).map(|u| u.using_components.values().map(String::as_str).collect()).unwrap_or_default();
        todo.extend(self.package.custom_tab_bar().filter(|_| self.package.is_tab_page(route)));
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
        // A page built with Component(): its `created`, whose error is reported and survived.
        self.app.component_lifetime(id, "created");
        let program = self.program(route);
        let files = self.package.files.clone();
        let (wxs, modules, wxs_diags) = WxsRuntime::load_on(&program, Box::new(move |path| files.text(path)), self.clock.clone());
        self.diagnostics.extend(wxs_diags);
        let data = Value::from_json(&self.app.view_data(id));
        self.stack.push(PageView {
            id,
            route: route.to_string(),
            data,
            program,
            wxs,
            modules,
            tree: Rc::default(),
            components: HashMap::new(),
            controls: HashMap::new(),
            scroll_top: 0.0,
            chrome: Default::default(),
            memos: Default::default(),
        });
        self.sync_stack();
        // As on the platform: the first render with the page's initial data creates and
        // attaches its components before onLoad and onShow; they are ready before onReady. A
        // page built with Component() is a component too: attached before onLoad, ready
        // before onReady, detached after onUnload.
        self.app.component_lifetime(id, "attached");
        let ready = self.render_until_ready(id);
        self.app.page_lifecycle(id, "onLoad", Some(Json::Object(query)));
        self.app.page_lifecycle(id, "onShow", None);
        self.process_messages();
        for component in ready {
            self.app.component_lifetime(component, "ready");
        }
        self.app.component_lifetime(id, "ready");
        self.app.page_lifecycle(id, "onReady", None);
        self.process_messages();
        Ok(())
    }

    /// Renders a page's composed tree from its and its components' view data; components
    /// new to the tree are attached, then ready; those gone are detached.
    fn render(&mut self, id: u32) {
        for component in self.render_until_ready(id) {
            self.app.component_lifetime(component, "ready");
        }
    }

    /// Renders a page like [`Self::render`] but leaves the new components' `ready` to the
    /// caller: returns them in the order they get it.
    fn render_until_ready(&mut self, id: u32) -> Vec<u32> {
        let Some(view) = self.stack.iter_mut().chain(self.parked_tabs.iter_mut()).find(|p| p.id == id) else { return Vec::new() };
        let mut composer = Composer::new(&mut self.app, &self.package, &self.mirror, view, &mut self.diagnostics);
        let (mut tree, removed) = composer.compose_page();
        let (attached, ready) = (std::mem::take(&mut composer.created), std::mem::take(&mut composer.ready));
        let pending = std::mem::take(&mut composer.pending);
        let unslotted = std::mem::take(&mut composer.unslotted);
        view.apply_control_states(&mut tree);
        view.tree = Rc::new(tree);
        self.mirror.update_page(id, view.tree.clone());
        self.mirror.set_unslotted(id, Rc::new(unslotted));
        self.backlog.extend(pending);
        for component in attached {
            self.app.component_lifetime(component, "attached");
        }
        for &component in &removed {
            self.app.component_lifetime(component, "detached");
        }
        for component in removed {
            self.app.destroy(component);
        }
        self.track_animations(id);
        ready
    }

    /// Unloads the top page (onUnload) and forgets it.
    fn close_top(&mut self) {
        if let Some(page) = self.stack.last() {
            let id = page.id;
            self.app.page_lifecycle(id, "onUnload", None);
            let page = self.stack.pop().expect("checked");
            self.app.component_lifetime(id, "detached");
            for component in page.components.values() {
                self.app.component_lifetime(component.id, "detached");
            }
            for component in page.components.values() {
                self.app.destroy(component.id);
            }
            self.sync_stack();
            self.app.destroy(id);
            self.mirror.remove_page(id);
            self.animations.started.retain(|(page, _), _| *page != id);
            self.forget_keyframes(id);
            self.images.seen.retain(|(page, _), _| *page != id);
            self.process_messages();
        }
    }

    /// A call the laid-out page answers: a SelectorQuery's, a scroll-view context's or a
    /// pageScrollTo (see `view_query`), `this.animate`, an IntersectionObserver, a picture's
    /// information.
    fn view_api(&mut self, api: &str, call: u32, args: &Map<String, Json>) {
        match api {
            "animate" => self.animate(call, args),
            "clearAnimation" => self.clear_animation(call, args),
            "intersectionObserver" => {
                let result = match self.intersection_observer(call, args) {
                    Ok(()) => serde_json::json!({ "errMsg": "intersectionObserver:ok" }),
                    Err(e) => {
                        self.console.push(ConsoleEntry { level: "error".into(), text: format!("IntersectionObserver.observe: {e}"), location: None });
                        serde_json::json!({ "errMsg": format!("intersectionObserver:fail {e}") })
                    }
                };
                self.app.api_result(call, result);
            }
            "loadFontFace" => self.load_font_face_call(call, args),
            "getImageInfo" => {
                let result = match (args.get("error").and_then(Json::as_str), args.get("src").and_then(Json::as_str).unwrap_or_default()) {
                    (Some(error), _) => serde_json::json!({ "errMsg": error }),
                    (None, src) => match self.image_info(src) {
                        Ok(mut info) => {
                            info["errMsg"] = "getImageInfo:ok".into();
                            info
                        }
                        Err(reason) => serde_json::json!({ "errMsg": format!("getImageInfo:fail {reason}") }),
                    },
                };
                self.app.api_result(call, result);
            }
            _ => self.view_query(api, call, args),
        }
    }

    /// An asynchronous `wx` call the host services carry out. An API wxemu does not carry
    /// out fails with "not supported by wxemu yet" (and a warning the first time).
    fn host_api(&mut self, api: &str, call: u32, args: &Map<String, Json>) {
        // The framework found the arguments wrong: its errMsg.
        if let Some(error) = args.get("error").and_then(Json::as_str) {
            self.app.api_result(call, serde_json::json!({ "errMsg": error }));
            return;
        }
        let undeclared = self.host.borrow().account.undeclared(api);
        if let Some(reason) = undeclared {
            self.app.api_result(call, serde_json::json!({ "errMsg": format!("{api}:fail {reason}") }));
            return;
        }
        let dialog = self.host.borrow().dialog_for(api, args);
        if let Some(dialog) = dialog {
            self.ask(api, call, args.clone(), dialog);
            return;
        }
        let answer = self.host.borrow_mut().call(api, args);
        let result = match answer {
            Ok(mut result) => {
                if api == "setClipboardData" {
                    // The client confirms a copy by itself (for 1.5 s, as documented).
                    self.show_toast(Prompt::Toast { title: "内容已复制".into(), icon: "success".into(), mask: false }, 1500);
                }
                result.insert("errMsg".into(), format!("{api}:ok").into());
                Json::Object(result)
            }
            Err(Failure::Fail(reason)) => serde_json::json!({ "errMsg": format!("{api}:fail {reason}") }),
            Err(Failure::Unsupported) => {
                if self.reported.unsupported.insert(api.to_string()) {
                    self.console.push(ConsoleEntry { level: "warn".into(), text: format!("not supported by wxemu yet: wx.{api}"), location: None });
                }
                serde_json::json!({ "errMsg": format!("{api}:fail not supported by wxemu yet") })
            }
        };
        self.app.api_result(call, result);
    }

    /// A `wx` call answered from the laid-out page: a SelectorQuery's results, or a
    /// pageScrollTo (answered when its scroll ends).
    fn view_query(&mut self, api: &str, call: u32, args: &Map<String, Json>) {
        let result = match args.get("error").and_then(Json::as_str) {
            Some(error) => Err(error.to_string()),
            None if api == "pageScrollTo" => match self.page_scroll_to(call, args) {
                Ok(()) => return,
                Err(e) => Err(format!("{api}:fail {e}")),
            },
            None if api == "scrollViewContext" => self.scroll_view_context(args).map(|()| Json::Null).map_err(|e| format!("{api}:fail {e}")),
            None => self.selector_query(args).map_err(|e| format!("{api}:fail {e}")),
        };
        let result = match result {
            Ok(results) => serde_json::json!({ "errMsg": format!("{api}:ok"), "results": results }),
            Err(errmsg) => serde_json::json!({ "errMsg": errmsg }),
        };
        self.app.api_result(call, result);
    }

    /// Writes what the app stored since the last write (once per turn of the event loop, not
    /// per call: a loop of setStorageSync calls costs one write).
    fn flush_storage(&mut self) {
        if let Err(e) = self.host.borrow_mut().storage.flush() {
            self.console.push(ConsoleEntry { level: "error".into(), text: format!("wxemu could not write the app's storage: {e}"), location: None });
        }
    }

    /// Tells the logic layer the page stack (`getCurrentPages()`) and the host the current
    /// page's window.
    fn sync_stack(&mut self) {
        let ids: Vec<u32> = self.stack.iter().map(|p| p.id).collect();
        self.app.set_page_stack(&ids);
        if let Some(route) = self.current_route().map(str::to_string) {
            self.set_window(&route);
        }
    }

    /// The system information's window becomes `route`'s page area.
    fn set_window(&mut self, route: &str) {
        let area = self.page_area(route);
        let width = self.host.borrow().system.device.width;
        self.host.borrow_mut().system.window = wxemu_appservice::wx::Window { width, height: area.height.into(), top: area.top.into() };
    }

    /// Calls `function` (JavaScript source of a function) with `args` in the app's logic
    /// layer and returns its result as JSON, then handles what it asked for (setData, `wx`
    /// calls) as any app code.
    pub fn evaluate(&mut self, function: &str, args: &[Json]) -> Result<Json, String> {
        let result = self.app.evaluate(function, args);
        self.process_messages();
        result
    }

    /// Calls one of the framework's own functions for a front end (`instanceOptions`,
    /// `instanceDataAt`, `instanceSetData`, `instanceCall`, `mockWx`; see
    /// runtime-js/framework.js), which app code cannot reach; its result as JSON, or the
    /// error's message.
    pub fn framework(&mut self, function: &str, args: &[Json]) -> Result<Json, String> {
        let result = self.app.framework(function, args);
        self.process_messages();
        result
    }

    /// The phone's state as the app left it: clipboard, screen, vibrations, network type,
    /// battery, reports.
    pub fn phone(&self) -> Phone {
        self.host.borrow().phone.clone()
    }

    /// The phone's network changes (`wifi`, `4g`, …, or `none`): `wx.getNetworkType` answers
    /// it and the `wx.onNetworkStatusChange` listeners hear of it.
    pub fn set_network_type(&mut self, network_type: &str) {
        self.host.borrow_mut().phone.network_type = network_type.to_string();
        let change = serde_json::json!({ "isConnected": network_type != "none", "networkType": network_type });
        self.app.app_event("NetworkStatusChange", change);
        self.process_messages();
    }

    /// The base library the app runs on.
    pub fn sdk(&self) -> Version {
        self.host.borrow().system.sdk
    }

    /// The phone the app runs on.
    pub fn device(&self) -> Profile {
        self.host.borrow().system.device
    }

    /// The system theme is dark (`prefers-color-scheme: dark` in styles).
    fn dark(&self) -> bool {
        self.host.borrow().system.dark
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
}
