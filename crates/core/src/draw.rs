//! Drawing the current page with the client's chrome: the frame (styles, layout, scrolling)
//! kept for the next one, the display list, and the screen that holds the fonts, sheets and
//! pictures drawn (its stylesheets: `styling`; what is where on it: `geometry`).

use crate::bars::REFRESH_HEIGHT;
use crate::pictures::{load_image, PageImages, Pictures};
use crate::{Platform, Simulator};
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::rc::Rc;
use wxemu_render::{Box2, DisplayList, Item, Paint, Pixmap, Rgba};
use wxemu_view::chrome::{self, NavigationBar, Tab, TabBar};
use wxemu_view::fonts::Fonts;
use wxemu_view::layout::{InlineBoxes, PageLayout};
use wxemu_view::scroll::Scrolling;
use wxemu_view::select::NodePath;
use wxemu_view::styled::StyledTree;
use wxemu_wxss::{Device, Sheet};

/// What turns a drawn page into pixels at a scale (device px per CSS px): screenshots use
/// the CPU rasterizer unless a front end gives another, such as the GPU's.
pub type Painter = std::rc::Rc<dyn Fn(&DisplayList, f32) -> Result<Pixmap, String>>;

/// The screen pages are drawn on (the simulator's device's): fonts, and the stylesheets and
/// images loaded so far.
pub struct Screen {
    pub fonts: Fonts,
    pub(crate) sheets: HashMap<String, Rc<Sheet>>,
    pub(crate) images: Pictures,
    /// The page last styled and laid out: the next frame of the same page starts from it.
    last: Option<Frame>,
}

impl Screen {
    pub fn new(fonts: Fonts) -> Screen {
        Screen { fonts, sheets: HashMap::new(), images: Pictures::default(), last: None }
    }

    /// Forgets the stylesheets, images and the frame kept so far: the next drawing reads,
    /// styles and lays out everything anew (after the package's files changed).
    pub fn forget(&mut self) {
        self.sheets.clear();
        self.images = Pictures::default();
        if let Some(last) = self.last.take() {
            wxemu_view::layout::recycle(last.layout, &mut self.fonts);
        }
    }

    /// Forgets the frame kept (fonts were added): the next drawing styles and lays out anew
    /// (the stylesheets and pictures loaded stay).
    pub fn relayout(&mut self) {
        if let Some(last) = self.last.take() {
            wxemu_view::layout::recycle(last.layout, &mut self.fonts);
        }
    }

    /// Keeps a frame for the next one to start from.
    pub(crate) fn keep(&mut self, frame: Frame) {
        if let Some(last) = self.last.replace(frame) {
            wxemu_view::layout::recycle(last.layout, &mut self.fonts);
        }
    }
}

/// Where a page sits on the screen, in CSS px.
pub(crate) struct PageArea {
    pub top: f32,
    pub height: f32,
    /// The client draws its tab bar below it.
    pub tab_bar: bool,
}

/// The window configuration asks for no navigation bar (`navigationStyle: custom`).
fn custom_navigation(window: &Map<String, Json>) -> bool {
    window.get("navigationStyle").and_then(Json::as_str) == Some("custom")
}

fn color(window: &Map<String, Json>, key: &str, default: Rgba) -> Rgba {
    window.get(key).and_then(Json::as_str).and_then(chrome::hex_color).unwrap_or(default)
}

/// The current page styled and laid out, with the chrome around it.
pub(crate) struct Frame {
    /// The page (its id) and the composed tree drawn, the theme it was drawn in and the
    /// elements that showed their hover-class.
    pub(crate) page: u32,
    pub(crate) tree: Rc<Vec<wxemu_wxml::Node>>,
    pub(crate) dark: bool,
    pub(crate) hover: Vec<(NodePath, String)>,
    /// The elements with `animation` data and how far along it they were; the inline style
    /// keyframe animations gave elements.
    pub(crate) animating: (Vec<(NodePath, u64)>, Vec<(NodePath, String)>),
    pub(crate) styled: StyledTree,
    pub(crate) layout: PageLayout,
    /// How far the page (within what its content allows) and its scroll-views are scrolled.
    pub(crate) scrolling: Scrolling,
    /// The window's background colour (app.json `backgroundColor`, or page-meta's).
    pub(crate) background: Rgba,
    /// Height of the chrome above the page (status and navigation bars), and of the page's
    /// part of the screen between the chrome.
    pub(crate) top: f32,
    pub(crate) viewport: f32,
    pub(crate) bar: NavigationBar,
    pub(crate) tab_bar: Option<TabBar>,
    pub(crate) route: String,
}

impl Simulator {
    /// Gives the simulator a screen: pages can then be drawn, tapped at coordinates, and
    /// touch events carry coordinates. Returns the screen it had.
    pub fn attach_screen(&mut self, mut screen: Screen) -> Option<Screen> {
        self.add_loaded_fonts(&mut screen);
        self.screen.replace(screen)
    }

    /// Paints screenshots with `painter` from now on.
    pub fn set_painter(&mut self, painter: Painter) {
        self.painter = Some(painter);
    }

    /// `list` in pixels at `scale`, by the painter given, else by the CPU rasterizer.
    pub(crate) fn paint(&self, list: &DisplayList, scale: f32) -> Result<Pixmap, String> {
        match &self.painter {
            Some(painter) => painter(list, scale),
            None => Ok(wxemu_render::rasterize(list, scale)),
        }
    }

    /// Takes the screen away (to attach it to another simulator).
    pub fn detach_screen(&mut self) -> Option<Screen> {
        self.screen.take()
    }

    /// The attached screen.
    pub fn screen(&self) -> Option<&Screen> {
        self.screen.as_ref()
    }

    /// The attached screen, to change (e.g. to [`Screen::forget`] what it kept).
    pub fn screen_mut(&mut self) -> Option<&mut Screen> {
        self.screen.as_mut()
    }

    pub(crate) fn with_screen<T>(&mut self, f: impl FnOnce(&mut Simulator, &mut Screen) -> T) -> Result<T, String> {
        let mut screen = self.screen.take().ok_or("no screen is attached (Simulator::attach_screen)")?;
        let result = f(self, &mut screen);
        self.screen = Some(screen);
        Ok(result)
    }

    /// The screen as styles see it: the device's size, pixel ratio and system bars.
    pub fn styling_device(&self) -> Device {
        let p = self.device();
        Device {
            width: p.width as f32,
            height: p.height as f32,
            dpr: p.pixel_ratio as f32,
            ios: p.platform == Platform::Ios,
            status_bar: p.status_bar as f32,
            safe_bottom: p.safe_bottom as f32,
            root_font_size: 16.0,
        }
    }

    /// Where `route`'s page sits on the screen: below the navigation bar (unless the page
    /// draws its own) and above the client's tab bar (on its tab pages).
    pub(crate) fn page_area(&self, route: &str) -> PageArea {
        let device = self.styling_device();
        let top = if custom_navigation(&self.window_config(route)) { 0.0 } else { device.status_bar + chrome::NAVIGATION_BAR };
        // A custom tab bar is a component in the page's tree.
        let tab_bar = self.is_tab(route) && self.package.custom_tab_bar().is_none() && !self.tab_bar_changes.hidden;
        let height = device.height - top - if tab_bar { chrome::TAB_BAR + device.safe_bottom } else { 0.0 };
        PageArea { top, height, tab_bar }
    }

    pub(crate) fn frame(&mut self, screen: &mut Screen, inline: InlineBoxes) -> Option<Frame> {
        let device = self.styling_device();
        let hover = self.hovered();
        let mut styles = self.page_styles(screen);
        styles.hover = hover.iter().cloned().collect();
        let animating = (self.animation_clock(), self.keyframed_styles());
        styles.animations = animating.0.iter().cloned().collect();
        styles.keyframed = animating.1.iter().cloned().collect();
        let page = self.stack.last()?;
        let route = page.route.clone();
        let window = self.window_config(&route);
        let mut bar = NavigationBar {
            title: window.get("navigationBarTitleText").and_then(Json::as_str).unwrap_or("").to_string(),
            background: color(&window, "navigationBarBackgroundColor", Rgba::BLACK),
            white_text: window.get("navigationBarTextStyle").and_then(Json::as_str) != Some("black"),
            custom: custom_navigation(&window),
            back: self.stack.len() > 1,
            home: self.stack.len() == 1 && !self.is_tab(&route) && self.package.entry_page() != Some(route.as_str()),
            loading: false,
        };
        // What the page's navigation bar APIs set.
        let set = &page.chrome;
        bar.title = set.title.clone().unwrap_or(bar.title);
        bar.white_text = set.white_text.unwrap_or(bar.white_text);
        bar.background = set.background.unwrap_or(bar.background);
        bar.loading = set.loading;
        let mut background = set.window_background.unwrap_or_else(|| color(&window, "backgroundColor", Rgba::WHITE));
        let mut root_font_size = device.root_font_size;
        // <page-meta> (the page's first node) and its <navigation-bar> override the config.
        if let Some(meta) = wxemu_view::components::page_meta::of(&page.tree) {
            let text = |el: &wxemu_wxml::Element, name: &str| el.attr(name).map(wxemu_wxml::Value::to_js_string).filter(|v| !v.is_empty());
            background = text(meta, "backgroundColor").as_deref().and_then(chrome::hex_color).unwrap_or(background);
            root_font_size = match text(meta, "rootFontSize").as_deref() {
                Some("system") => wxemu_wxss::SYSTEM_ROOT_FONT_SIZE,
                Some(size) => size.trim().trim_end_matches("px").parse().unwrap_or(root_font_size),
                None => root_font_size,
            };
            if let Some(nav) = wxemu_view::components::page_meta::navigation_bar(meta) {
                bar.title = text(nav, "title").unwrap_or(bar.title);
                bar.background = text(nav, "backgroundColor").as_deref().and_then(chrome::hex_color).unwrap_or(bar.background);
                bar.white_text = text(nav, "frontColor").map_or(bar.white_text, |c| c.eq_ignore_ascii_case("#ffffff"));
                bar.loading = nav.attr("loading").is_some_and(wxemu_wxml::Value::truthy);
            }
        }
        let PageArea { top, height: viewport, tab_bar } = self.page_area(&route);
        let tab_bar = tab_bar.then(|| self.tab_bar(&route, screen));
        // The page's own screen: env(safe-area-inset-top) reaches it only under a custom
        // navigation bar, and the bottom inset only without a tab bar.
        let status_bar = if bar.custom { device.status_bar } else { 0.0 };
        let safe_bottom = if tab_bar.is_some() { 0.0 } else { device.safe_bottom };
        let page_device = Device { height: viewport, status_bar, safe_bottom, root_font_size, ..device };
        let dark = self.dark();
        let (id, tree, scroll_top, refreshing, pulled) = (page.id, page.tree.clone(), page.scroll_top, page.chrome.refreshing, page.chrome.pulled);
        let last = screen.last.take().filter(|last| last.page == id && last.dark == dark);
        // Start from the page's last frame: what changed since is styled and laid out anew.
        let (styled, last_layout, changed) = match last {
            Some(last) if Rc::ptr_eq(&last.tree, &tree) && last.hover == hover && last.animating == animating => (last.styled, Some(last.layout), Vec::new()),
            Some(mut last) => match if last.hover == hover && last.animating == animating { last.styled.retext(&last.tree, &tree) } else { None } {
                Some(changed) => (last.styled, Some(last.layout), changed),
                None => {
                    let styled = wxemu_view::styled::style(&tree, &styles, &page_device, dark);
                    match styled.changes(&last.styled) {
                        Some(changed) => (styled, Some(last.layout), changed),
                        None => {
                            wxemu_view::layout::recycle(last.layout, &mut screen.fonts);
                            (styled, None, Vec::new())
                        }
                    }
                }
            },
            None => (wxemu_view::styled::style(&tree, &styles, &page_device, dark), None, Vec::new()),
        };
        // Only a frame styled anew can show other pictures.
        if last_layout.is_none() || !changed.is_empty() {
            self.load_background_pictures(&styled);
        }
        let changes = last_layout.map(|last| wxemu_view::layout::Changes { last, elements: &changed });
        let images =
            PageImages { files: self.package.files.clone(), route: route.clone(), host: self.host.clone(), remote: self.images.remote.clone(), loaded: std::cell::RefCell::new(&mut screen.images) };
        screen.fonts.set_pixel_ratio(device.dpr);
        let layout = wxemu_view::layout::layout(&styled, &mut screen.fonts, &|src| images.find(src), device.width, viewport, inline, changes);
        // While refreshing, the page sits lower by the refresh area; pulled by a finger, it
        // follows the finger (half as fast past the refresh area).
        let shown_pull = pulled.min(REFRESH_HEIGHT) + (pulled - REFRESH_HEIGHT).max(0.0) / 2.0;
        let page_scroll = match () {
            _ if refreshing => -REFRESH_HEIGHT.max(shown_pull),
            _ if pulled > 0.0 => -shown_pull,
            _ => scroll_top.min(layout.height - viewport).max(0.0),
        };
        let scrolling = Scrolling::of(&styled, &layout, page_scroll);
        Some(Frame { page: id, tree, dark, hover, animating, styled, layout, scrolling, top, viewport, bar, tab_bar, background, route })
    }

    /// The current page drawn with its chrome. `full_page` makes the picture as tall as the
    /// page's content instead of the screen.
    pub fn draw(&mut self, full_page: bool) -> Result<DisplayList, String> {
        self.with_screen(|sim, screen| sim.draw_on(screen, full_page))
    }

    fn draw_on(&mut self, screen: &mut Screen, full_page: bool) -> DisplayList {
        let device = self.styling_device();
        let Some(frame) = self.frame(screen, InlineBoxes::Painted) else { return DisplayList { width: device.width, height: device.height, items: Vec::new() } };
        let bottom = if frame.tab_bar.is_some() { chrome::TAB_BAR + device.safe_bottom } else { 0.0 };
        let height = if full_page { frame.layout.height + frame.top + bottom } else { device.height };
        // The window's background (app.json `backgroundColor`) shows only where the page is
        // not: above it while it refreshes. The page itself is white unless styled.
        let fill = |area: Box2, color: Rgba| Item::Fill { area, radii: [0.0; 4], paint: Paint::Solid(color) };
        let mut items = vec![fill(Box2 { x: 0.0, y: 0.0, w: device.width, h: height }, frame.background)];
        let page_top = frame.top - frame.scrolling.page.min(0.0);
        items.push(fill(Box2 { x: 0.0, y: page_top, w: device.width, h: height - page_top }, Rgba::WHITE));
        let images = PageImages {
            files: self.package.files.clone(),
            route: frame.route.clone(),
            host: self.host.clone(),
            remote: self.images.remote.clone(),
            loaded: std::cell::RefCell::new(&mut screen.images),
        };
        let refreshes = self.stack.last().is_some_and(|p| p.chrome.refreshing) || self.pull_down_enabled(&frame.route);
        if frame.scrolling.page < 0.0 && refreshes {
            let configured = self.window_config(&frame.route).get("backgroundTextStyle").and_then(Json::as_str) != Some("light");
            let dark = self.stack.last().and_then(|p| p.chrome.dark_dots).unwrap_or(configured);
            chrome::refreshing(Box2 { x: 0.0, y: frame.top, w: device.width, h: -frame.scrolling.page }, dark, &mut items);
        }
        wxemu_view::paint::paint(&frame.styled, &frame.layout, &frame.scrolling, &|src| images.find(src), frame.top, height, &mut items);
        chrome::navigation_bar(&frame.bar, &mut screen.fonts, device.width, device.status_bar, &mut items);
        if let Some(tabs) = &frame.tab_bar {
            chrome::tab_bar(tabs, &mut screen.fonts, device.width, height - bottom, device.safe_bottom, &mut items);
        }
        // The toast or loading notice, and over it the modal or action sheet waiting.
        for prompt in self.prompts().iter().rev() {
            chrome::prompt(prompt, &mut screen.fonts, device.width, device.height, device.safe_bottom, &mut items);
        }
        screen.keep(frame);
        DisplayList { width: device.width, height, items }
    }

    /// app.json `window` with the page's .json on top.
    pub(crate) fn window_config(&self, route: &str) -> Map<String, Json> {
        self.package.window_config(route, self.host.borrow().system.dark)
    }

    fn tab_bar(&self, route: &str, screen: &mut Screen) -> TabBar {
        let mut config = self.package.tab_bar_config(self.host.borrow().system.dark);
        config.extend(self.tab_bar_changes.style.clone());
        let list = config.get("list").and_then(Json::as_array).cloned().unwrap_or_default();
        let tabs = list
            .iter()
            .enumerate()
            .map(|(i, tab)| {
                let mut tab = tab.as_object().cloned().unwrap_or_default();
                tab.extend(self.tab_bar_changes.items.get(&i).cloned().unwrap_or_default());
                let selected = tab.get("pagePath").and_then(Json::as_str) == Some(route);
                let icon_key = if selected { "selectedIconPath" } else { "iconPath" };
                let icon = tab.get(icon_key).and_then(Json::as_str).and_then(|p| {
                    let path = wxemu_package::resolve::resolve_path("app.json", p);
                    load_image(&mut screen.images, &path, || self.package.bytes(&path).ok()).map(|picture| picture.pixels)
                });
                Tab { text: tab.get("text").and_then(Json::as_str).unwrap_or("").to_string(), selected, icon, badge: self.tab_bar_changes.badges.get(&i).cloned() }
            })
            .collect();
        TabBar {
            tabs,
            color: color(&config, "color", Rgba::hex(0x7a7e83)),
            selected_color: color(&config, "selectedColor", Rgba::hex(0x3cc51f)),
            background: color(&config, "backgroundColor", Rgba::hex(0xf7f7f7)),
            white_border: config.get("borderStyle").and_then(Json::as_str) == Some("white"),
        }
    }
}
