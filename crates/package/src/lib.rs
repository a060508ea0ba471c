//! A mini-program package on disk: `project.config.json`, `app.json` (pages, window, tabBar,
//! subpackages, global components, …), page and component `.json` files, and the four
//! source files of each page and component. Loading never stops at the first problem: every
//! problem becomes a [`Diagnostic`] with file, line, column and a hint, and whatever is
//! usable is kept so the emulator can run the rest.

pub mod diagnostic;
pub mod files;
pub mod json;
pub mod npm;
pub mod resolve;
pub mod sandbox;
pub mod theme;
pub mod tools;

pub use diagnostic::{Diagnostic, Pos, Severity};
pub use files::{NpmPackage, PackageFiles};
pub use resolve::resolve_path;
pub use sandbox::FileError;

use indexmap::IndexMap;
use json::JsonFile;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The stack a thread that reads or runs an app is given: input that is deep but legal
/// (setData and JSON 1,000 levels deep, 10,000 nested elements) recurses in the parsers,
/// the converters and the engine; explicit limits stop hostile depth well before this runs
/// out. (Reserved address space: only the pages used are memory.)
pub const STACK_BYTES: usize = 1 << 30;

/// Keys of project.config.json that the DevTools know.
/// Where a custom tab bar lives (app.json `tabBar.custom`).
pub const CUSTOM_TAB_BAR: &str = "custom-tab-bar/index";

const PROJECT_KEYS: &[&str] = &[
    "miniprogramRoot",
    "libVersion",
    "setting",
    "appid",
    "projectname",
    "compileType",
    "description",
    "packOptions",
    "condition",
    "editorSetting",
    "srcMiniprogramRoot",
    "pluginRoot",
    "cloudfunctionRoot",
    "cloudbaseRoot",
    "qcloudRoot",
    "scripts",
    "debugOptions",
    "watchOptions",
    "simulatorType",
    "simulatorPluginLibVersion",
    "isGameTourist",
    "staticServerOptions",
    "testRoot",
    "projectArchitecture",
    "compileOptions",
    "libVersionDesc",
    "cloudfunctionTemplateRoot",
    "miniprogram",
    "skylineRenderEnable",
];

/// Keys of app.json (the global configuration reference).
const APP_KEYS: &[&str] = &[
    "entryPagePath",
    "pages",
    "window",
    "tabBar",
    "networkTimeout",
    "debug",
    "functionalPages",
    "subpackages",
    "subPackages",
    "workers",
    "requiredBackgroundModes",
    "requiredPrivateInfos",
    "plugins",
    "preloadRule",
    "resizable",
    "usingComponents",
    "permission",
    "sitemapLocation",
    "style",
    "useExtendedLib",
    "entranceDeclare",
    "darkmode",
    "themeLocation",
    "lazyCodeLoading",
    "singlePage",
    "supportedMaterials",
    "serviceProviderTicket",
    "embeddedAppIdList",
    "halfPage",
    "debugOptions",
    "enablePassiveEvent",
    "resolveAlias",
    "renderer",
    "rendererOptions",
    "componentFramework",
    "miniApp",
    "static",
    "convertRpxToVw",
    "appBar",
    "navigateToMiniProgramAppIdList",
    "componentPlaceholder",
    "chatTools",
    "cloud",
    "__usePrivacyCheck__",
];

/// Keys of a page's or component's .json (page configuration plus component fields).
const PAGE_KEYS: &[&str] = &[
    "usingComponents",
    "component",
    "componentGenerics",
    "styleIsolation",
    "navigationBarTitleText",
    "navigationBarBackgroundColor",
    "navigationBarTextStyle",
    "navigationStyle",
    "homeButton",
    "backgroundColor",
    "backgroundColorTop",
    "backgroundColorBottom",
    "backgroundTextStyle",
    "enablePullDownRefresh",
    "onReachBottomDistance",
    "pageOrientation",
    "disableScroll",
    "disableSwipeBack",
    "initialRenderingCache",
    "style",
    "singlePage",
    "restartStrategy",
    "handleWebviewPreload",
    "visualEffectInBackground",
    "enablePassiveEvent",
    "renderer",
    "rendererOptions",
    "componentFramework",
    "componentPlaceholder",
    "pureDataPattern",
    "addGlobalClass",
    "multipleSlots",
    "virtualHost",
];

/// project.config.json: where the mini-program sits and which base library it targets.
#[derive(Clone, Debug, Default)]
pub struct ProjectConfig {
    pub appid: Option<String>,
    /// `projectname`: what the client calls the app in its dialogs.
    pub name: Option<String>,
    /// The folder holding app.json, relative to the project folder (`miniprogramRoot`).
    pub miniprogram_root: String,
    /// The base-library version the project selects (`libVersion`), when it is a released one.
    pub lib_version: Option<wxemu_caniuse::Version>,
    /// `setting` (urlCheck, es6, …) as written.
    pub setting: Map<String, Value>,
}

/// A subpackage (`subpackages` / `subPackages` in app.json).
#[derive(Clone, Debug)]
pub struct Subpackage {
    pub root: String,
    pub name: Option<String>,
    /// Page routes, already prefixed with the root.
    pub pages: Vec<String>,
    pub independent: bool,
}

/// app.json, with the fields wxemu uses typed and the rest kept in `raw`.
#[derive(Clone, Debug, Default)]
pub struct AppConfig {
    /// Main-package page routes in declaration order (the first is the default entry).
    pub pages: Vec<String>,
    pub entry_page_path: Option<String>,
    pub window: Map<String, Value>,
    pub tab_bar: Option<Map<String, Value>>,
    pub subpackages: Vec<Subpackage>,
    pub using_components: Vec<(String, String)>,
    pub sitemap_location: Option<String>,
    pub network_timeout: Map<String, Value>,
    pub style: Option<String>,
    pub lazy_code_loading: Option<String>,
    pub resolve_alias: Vec<(String, String)>,
    pub raw: Map<String, Value>,
}

/// A page's or component's .json.
#[derive(Clone, Debug, Default)]
pub struct ComponentConfig {
    /// `component: true`: the file defines a custom component (pages may be built with
    /// Component() too).
    pub component: bool,
    pub component_generics: Map<String, Value>,
    pub style_isolation: Option<String>,
    pub raw: Map<String, Value>,
}

/// A page or custom component: its root-relative path without extension, configuration,
/// which of its files exist, and the components its template may use (tag → path).
#[derive(Clone, Debug)]
pub struct Unit {
    pub path: String,
    pub config: ComponentConfig,
    pub has_wxml: bool,
    pub has_wxss: bool,
    pub has_js: bool,
    pub using_components: IndexMap<String, String>,
}

impl Unit {
    /// The path of one of its files: `file("wxml")` → `pages/index/index.wxml`.
    pub fn file(&self, ext: &str) -> String {
        format!("{}.{ext}", self.path)
    }
}

/// A loaded package.
#[derive(Debug)]
pub struct Package {
    /// The project folder given to wxemu.
    pub project_dir: PathBuf,
    /// The mini-program root (where app.json is).
    pub root: PathBuf,
    /// Its files as the app sees them: the root folder and the npm packages laid out in it.
    pub files: PackageFiles,
    pub project: ProjectConfig,
    pub app: AppConfig,
    /// Pages by route, main package first, then subpackages.
    pub pages: IndexMap<String, Unit>,
    /// Custom components by path.
    pub components: IndexMap<String, Unit>,
    /// theme.json's variables (app.json `themeLocation`).
    pub theme: Option<theme::Theme>,
    /// Everything found wrong, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Package {
    /// Loads the package in `dir`: a project folder (with project.config.json), or a
    /// mini-program root (with app.json) — whose project, when a folder above it has a
    /// project.config.json naming it as `miniprogramRoot`, is that folder.
    pub fn load(dir: &Path) -> Package {
        let mut diags = Vec::new();
        // Absolute, so the sandbox's checks and the npm lookup above a miniprogramRoot work
        // from `wxemu shot .` or a relative path too.
        let dir = &project_of(&std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()));
        let project = load_project(dir, &mut diags);
        let root = dir.join(&project.miniprogram_root);
        let mut package = Package {
            project_dir: dir.to_path_buf(),
            // app.json is read from the folder; the npm packages join once it is known.
            files: PackageFiles::new(root.clone(), Vec::new()),
            root,
            project,
            app: AppConfig::default(),
            pages: IndexMap::new(),
            components: IndexMap::new(),
            theme: None,
            diagnostics: Vec::new(),
        };
        let app_file = match package.read_json("app.json") {
            Ok(Some(app)) => {
                package.app = load_app(&app, &mut diags);
                Some(app)
            }
            Ok(None) => {
                diags.push(
                    Diagnostic::error("app.json", Pos::START, format!("no app.json in {}", package.root.display()))
                        .with_hint("point wxemu at the mini-program folder, or set `miniprogramRoot` in project.config.json"),
                );
                None
            }
            Err(d) => {
                diags.push(d);
                None
            }
        };
        let app_pos = |value: &str| app_file.as_ref().map_or(Pos::START, |f| f.string_pos(value, 0));
        let mut npm = npm::lay_out(&package.project_dir, &package.root, &package.project.setting, &mut diags);
        npm::add_extended_libs(&package.project_dir, &package.root, package.app.raw.get("useExtendedLib"), &mut npm, &mut diags);
        package.files = PackageFiles::new(package.root.clone(), npm);
        package.theme = package.load_theme(&mut diags, &app_pos);
        package.load_pages(&mut diags, &app_pos);
        package.diagnostics = diags;
        package
    }

    /// The project.config.json of the project `dir` is in (as [`Package::load`] finds it),
    /// read without loading the package.
    pub fn project_config(dir: &Path) -> ProjectConfig {
        let dir = project_of(&std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()));
        load_project(&dir, &mut Vec::new())
    }

    /// Whether any error (not just warnings) was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Reads a root-relative file as text, through the sandbox (see [`Package::text`]).
    pub fn read(&self, path: &str) -> Option<String> {
        self.text(path).ok()
    }

    /// A root-relative file's text, or why it cannot be had: missing, out of the package
    /// (`..` or a symlink), or not UTF-8.
    pub fn text(&self, path: &str) -> Result<String, FileError> {
        self.files.text(path)
    }

    /// A root-relative file's bytes, through the sandbox.
    pub fn bytes(&self, path: &str) -> Result<Vec<u8>, FileError> {
        self.files.bytes(path)
    }

    /// Whether the page's, component's or app's script `path` (without extension) is there,
    /// as `.js` or as TypeScript (`.ts`, which the build compiles).
    pub fn has_script(&self, path: &str) -> bool {
        self.exists(&format!("{path}.js")) || self.exists(&format!("{path}.ts"))
    }

    fn exists(&self, path: &str) -> bool {
        self.files.is_file(path)
    }

    fn read_json(&self, path: &str) -> Result<Option<JsonFile>, Diagnostic> {
        match self.text(path) {
            Ok(text) => JsonFile::parse(path, text).map(Some),
            Err(FileError::Missing) => Ok(None),
            Err(e) => Err(Diagnostic::error(path, Pos::START, e.describe(path)).with_hint("wxemu reads package files as UTF-8 inside the package folder")),
        }
    }

    /// theme.json, when app.json names one; `@name` values no theme defines are reported.
    fn load_theme(&self, diags: &mut Vec<Diagnostic>, app_pos: &dyn Fn(&str) -> Pos) -> Option<theme::Theme> {
        let location = self.app.raw.get("themeLocation").and_then(Value::as_str)?;
        let path = resolve_path("app.json", location);
        let theme = match self.read_json(&path) {
            Ok(Some(file)) => theme::Theme::from_file(&file, diags),
            Ok(None) => {
                diags.push(Diagnostic::error("app.json", app_pos(location), format!("themeLocation: no file {path}")).with_hint("create it with \"light\" and \"dark\" variables, or fix the path"));
                return None;
            }
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let mut app_config = self.app.window.clone();
        app_config.extend(self.app.tab_bar.iter().map(|t| ("tabBar".to_string(), Value::Object(t.clone()))));
        for name in theme.unknown(&app_config) {
            diags.push(Diagnostic::warning("app.json", app_pos(&format!("@{name}")), format!("`@{name}` is not a variable of both themes in {path}")).with_hint("add it to \"light\" and \"dark\""));
        }
        Some(theme)
    }

    /// app.json's `window` with page `route`'s .json on top, theme variables resolved for
    /// the light theme or, when the app supports dark mode (`darkmode`), the `dark` one.
    pub fn window_config(&self, route: &str, dark: bool) -> Map<String, Value> {
        let mut window = self.app.window.clone();
        if let Some(unit) = self.pages.get(route) {
            window.extend(unit.config.raw.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        self.themed(window, dark)
    }

    /// app.json's `tabBar`, theme variables resolved (see [`Package::window_config`]).
    pub fn tab_bar_config(&self, dark: bool) -> Map<String, Value> {
        self.themed(self.app.tab_bar.clone().unwrap_or_default(), dark)
    }

    fn themed(&self, config: Map<String, Value>, dark: bool) -> Map<String, Value> {
        let dark = dark && self.app.raw.get("darkmode").and_then(Value::as_bool) == Some(true);
        match &self.theme {
            Some(theme) => theme.apply(&config, dark),
            None => config,
        }
    }

    /// The route a launch opens: `entryPagePath`, else the first page.
    pub fn entry_page(&self) -> Option<&str> {
        self.app.entry_page_path.as_deref().or_else(|| self.app.pages.first().map(String::as_str))
    }

    /// Loads every page of app.json and the components they use. `app_pos` locates a string
    /// in app.json for messages.
    fn load_pages(&mut self, diags: &mut Vec<Diagnostic>, app_pos: &dyn Fn(&str) -> Pos) {
        let app = self.app.clone();
        let routes = app.pages.iter().chain(app.subpackages.iter().flat_map(|s| &s.pages));
        for route in routes {
            if self.pages.contains_key(route) {
                diags.push(Diagnostic::warning("app.json", app_pos(route), format!("page `{route}` is listed twice")).with_hint("remove the second entry"));
                continue;
            }
            let unit = self.load_unit(route, diags);
            for (has, ext, what) in [(unit.has_wxml, "wxml", "template"), (unit.has_js, "js", "script")] {
                if !has {
                    diags.push(
                        Diagnostic::error("app.json", app_pos(route), format!("page `{route}` has no {what} `{route}.{ext}`"))
                            .with_hint(format!("create {route}.{ext}, or remove the page from app.json")),
                    );
                }
            }
            self.pages.insert(route.clone(), unit);
        }
        if let Some(route) = app.entry_page_path.as_ref().filter(|r| !self.pages.contains_key(*r)) {
            diags.push(Diagnostic::error("app.json", app_pos(route), format!("entryPagePath `{route}` is not a page")).with_hint("use one of the routes listed in `pages`"));
        }
        self.check_tab_bar(diags, app_pos);
        self.load_custom_tab_bar(diags, app_pos);
        let sitemap = app.sitemap_location.as_deref().unwrap_or("sitemap.json");
        if !self.exists(&resolve_path("app.json", sitemap)) {
            diags.push(match &app.sitemap_location {
                Some(named) => Diagnostic::warning("app.json", app_pos(named), format!("sitemap file `{named}` not found")).with_hint("create it or fix `sitemapLocation`"),
                None => Diagnostic::warning("app.json", Pos::START, "no sitemap.json: WeChat search may index every page (the default rule)")
                    .with_hint("add a sitemap.json beside app.json that says which pages may be indexed"),
            });
        }
    }

    fn check_tab_bar(&self, diags: &mut Vec<Diagnostic>, app_pos: &dyn Fn(&str) -> Pos) {
        let Some(tab_bar) = &self.app.tab_bar else { return };
        let list = tab_bar.get("list").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        if !(2..=5).contains(&list.len()) {
            diags.push(Diagnostic::error("app.json", app_pos("list"), format!("tabBar.list has {} items; it needs 2 to 5", list.len())).with_hint("give tabBar.list between 2 and 5 entries"));
        }
        for item in list {
            let Some(path) = item.get("pagePath").and_then(Value::as_str) else { continue };
            if !self.app.pages.iter().any(|p| p == path) {
                diags.push(Diagnostic::error("app.json", app_pos(path), format!("tabBar page `{path}` is not in the main package's pages")).with_hint("tab pages must be listed in app.json `pages`"));
            }
        }
    }

    /// With `tabBar.custom`, the component the tab pages show instead of the client's tab
    /// bar: `custom-tab-bar/index` at the package root.
    fn load_custom_tab_bar(&mut self, diags: &mut Vec<Diagnostic>, app_pos: &dyn Fn(&str) -> Pos) {
        let custom = self.app.tab_bar.as_ref().and_then(|t| t.get("custom")).and_then(Value::as_bool) == Some(true);
        if !custom || self.components.contains_key(CUSTOM_TAB_BAR) {
            return;
        }
        let unit = self.load_unit(CUSTOM_TAB_BAR, diags);
        if !(unit.has_wxml && unit.has_js) {
            diags.push(
                Diagnostic::error("app.json", app_pos("custom"), "tabBar.custom is true but there is no component custom-tab-bar/index")
                    .with_hint("create custom-tab-bar/index.js, .json, .wxml and .wxss at the package root, or remove \"custom\": true"),
            );
            return;
        }
        self.components.insert(CUSTOM_TAB_BAR.to_string(), unit);
    }

    /// Whether `route` is one of the tab bar's pages.
    pub fn is_tab_page(&self, route: &str) -> bool {
        let list = self.app.tab_bar.as_ref().and_then(|t| t.get("list")).and_then(Value::as_array);
        list.is_some_and(|list| list.iter().any(|item| item.get("pagePath").and_then(Value::as_str) == Some(route)))
    }

    /// The custom tab bar component, when app.json's `tabBar.custom` asks for one.
    pub fn custom_tab_bar(&self) -> Option<&str> {
        self.components.get_key_value(CUSTOM_TAB_BAR).map(|(k, _)| k.as_str())
    }

    /// Loads a page or component and, depth first, every component it uses.
    fn load_unit(&mut self, path: &str, diags: &mut Vec<Diagnostic>) -> Unit {
        let json_path = format!("{path}.json");
        let file = match self.read_json(&json_path) {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                None
            }
        };
        let mut config = ComponentConfig::default();
        let mut using = IndexMap::new();
        // Global components from app.json are visible everywhere, local ones win.
        for (tag, target) in self.app.using_components.clone() {
            if let Some(found) = self.resolve_component("app.json", &target) {
                using.insert(tag, found);
            }
        }
        if let Some(f) = &file {
            f.unknown_keys(PAGE_KEYS, diags);
            config = ComponentConfig {
                component: f.bool("component", diags).unwrap_or(false),
                component_generics: f.object("componentGenerics", diags).cloned().unwrap_or_default(),
                style_isolation: f.string("styleIsolation", diags),
                raw: f.value.clone(),
            };
            let (_, section) = f.key_pos("usingComponents", 0);
            for (tag, target) in f.string_map("usingComponents", diags) {
                match self.resolve_component(path, &target) {
                    Some(found) => {
                        using.insert(tag, found);
                    }
                    None if target.starts_with("plugin://") => diags.push(
                        Diagnostic::error(&json_path, f.string_pos(&target, section), format!("component `{tag}` comes from a plugin ({target})"))
                            .with_hint("not supported by wxemu yet: plugins; remove the component or replace it with local code"),
                    ),
                    None => diags.push(
                        Diagnostic::error(&json_path, f.string_pos(&target, section), format!("component `{tag}`: no component at `{target}`"))
                            .with_hint("the path names the component's files without extension; start it with ./ or ../ (relative), / (package root), or a package name in miniprogram_npm"),
                    ),
                }
            }
        }
        let unit = Unit {
            path: path.to_string(),
            config,
            has_wxml: self.exists(&format!("{path}.wxml")),
            has_wxss: ["wxss", "scss", "sass", "less"].iter().any(|ext| self.exists(&format!("{path}.{ext}"))),
            has_js: self.has_script(path),
            using_components: using,
        };
        let used: Vec<String> = unit.using_components.values().cloned().collect();
        for component in used {
            if component == path || self.components.contains_key(&component) {
                continue;
            }
            // Reserve the slot first so that components using each other terminate.
            self.components
                .insert(component.clone(), Unit { path: component.clone(), config: ComponentConfig::default(), has_wxml: false, has_wxss: false, has_js: false, using_components: IndexMap::new() });
            let loaded = self.load_unit(&component, diags);
            if !loaded.config.component && !loaded.config.raw.is_empty() {
                diags.push(
                    Diagnostic::warning(&loaded.file("json"), Pos::START, format!("`{component}` is used as a component but its .json lacks \"component\": true"))
                        .with_hint("add \"component\": true to the component's .json"),
                );
            }
            self.components.insert(component, loaded);
        }
        unit
    }

    /// The component path a `usingComponents` entry names, if its files exist.
    fn resolve_component(&self, from: &str, target: &str) -> Option<String> {
        if target.starts_with("plugin://") {
            return None;
        }
        let target = resolve::apply_alias(&self.app.resolve_alias, target).unwrap_or_else(|| target.to_string());
        resolve::component_candidates(from, &target).into_iter().find(|c| self.exists(&format!("{c}.json")) || self.has_script(c))
    }
}

/// The project folder of `dir`: `dir` itself, unless it has app.json and no
/// project.config.json and a folder up to three levels above has a project.config.json
/// whose `miniprogramRoot` is `dir`.
fn project_of(dir: &Path) -> PathBuf {
    if dir.join("project.config.json").is_file() || !dir.join("app.json").is_file() {
        return dir.to_path_buf();
    }
    let Ok(real) = dir.canonicalize() else { return dir.to_path_buf() };
    let names_dir = |parent: &Path| {
        let text = std::fs::read_to_string(parent.join("project.config.json")).ok()?;
        let value: Value = serde_json::from_str(&text).ok()?;
        let root = value.get("miniprogramRoot")?.as_str()?;
        (parent.join(root).canonicalize().ok()? == real).then_some(())
    };
    dir.ancestors().skip(1).take(3).find(|parent| names_dir(parent).is_some()).map_or_else(|| dir.to_path_buf(), Path::to_path_buf)
}

/// project.config.json, with project.private.config.json (the developer's own settings,
/// which the DevTools keep out of version control) over it.
fn load_project(dir: &Path, diags: &mut Vec<Diagnostic>) -> ProjectConfig {
    let mut project = ProjectConfig::default();
    for name in ["project.config.json", "project.private.config.json"] {
        let text = match sandbox::read_text(dir, name) {
            Ok(t) => t,
            Err(FileError::Missing) => continue,
            Err(e) => {
                diags.push(e.diagnostic(name));
                continue;
            }
        };
        let file = match JsonFile::parse(name, text) {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        file.unknown_keys(PROJECT_KEYS, diags);
        project.appid = file.string("appid", diags).or(project.appid);
        project.name = file.string("projectname", diags).or(project.name);
        project.miniprogram_root = file.string("miniprogramRoot", diags).unwrap_or(project.miniprogram_root);
        project.lib_version = lib_version(&file, diags).or(project.lib_version);
        project.setting.extend(file.object("setting", diags).cloned().unwrap_or_default());
    }
    project
}

/// `libVersion`, checked against the released base-library versions (a project may say
/// "latest" or a version that never shipped: reported, and the newest is used).
fn lib_version(file: &JsonFile, diags: &mut Vec<Diagnostic>) -> Option<wxemu_caniuse::Version> {
    let text = file.string("libVersion", diags)?;
    match wxemu_caniuse::released(&text) {
        Ok(version) => Some(version),
        Err(why) => {
            let newest = wxemu_caniuse::Database::get().newest();
            let pos = file.string_pos(&text, file.key_pos("libVersion", 0).1);
            diags
                .push(Diagnostic::warning(&file.path, pos, format!("libVersion: {why}; wxemu runs on the newest, {newest}")).with_hint("set libVersion to a released version, or pick one with --sdk"));
            None
        }
    }
}

fn load_app(f: &JsonFile, diags: &mut Vec<Diagnostic>) -> AppConfig {
    f.unknown_keys(APP_KEYS, diags);
    let pages = f.strings("pages", diags);
    if pages.is_empty() && f.value.get("pages").is_none_or(|p| p.is_array()) {
        diags.push(Diagnostic::error("app.json", f.key_pos("pages", 0).0, "app.json lists no pages").with_hint("add \"pages\": [\"pages/index/index\"]"));
    }
    let mut subpackages = Vec::new();
    for key in ["subpackages", "subPackages"] {
        let Some(list) = f.value.get(key) else { continue };
        let Some(list) = list.as_array() else {
            diags.push(Diagnostic::error("app.json", f.key_pos(key, 0).0, format!("`{key}` should be a list")).with_hint("write it as [{\"root\": \"pkg\", \"pages\": [\"a/a\"]}]"));
            continue;
        };
        for item in list {
            let root = item.get("root").and_then(Value::as_str).unwrap_or_default().trim_end_matches('/').to_string();
            if root.is_empty() {
                diags.push(Diagnostic::error("app.json", f.key_pos(key, 0).0, "a subpackage has no `root`").with_hint("give each subpackage a \"root\" folder"));
                continue;
            }
            let pages = item.get("pages").and_then(Value::as_array).map(|ps| ps.iter().filter_map(Value::as_str).map(|p| format!("{root}/{p}")).collect()).unwrap_or_default();
            subpackages.push(Subpackage {
                name: item.get("name").and_then(Value::as_str).map(str::to_string),
                independent: item.get("independent").and_then(Value::as_bool).unwrap_or(false),
                root,
                pages,
            });
        }
    }
    AppConfig {
        pages,
        entry_page_path: f.string("entryPagePath", diags),
        window: f.object("window", diags).cloned().unwrap_or_default(),
        tab_bar: f.object("tabBar", diags).cloned(),
        subpackages,
        using_components: f.string_map("usingComponents", diags),
        sitemap_location: f.string("sitemapLocation", diags),
        network_timeout: f.object("networkTimeout", diags).cloned().unwrap_or_default(),
        style: f.string("style", diags),
        lazy_code_loading: f.string("lazyCodeLoading", diags),
        resolve_alias: f.string_map("resolveAlias", diags),
        raw: f.value.clone(),
    }
}
