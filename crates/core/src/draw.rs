//! Drawing the current page with the client's chrome: the page's stylesheets by scope (app,
//! page, each component), styles → layout → display list.

use crate::bars::REFRESH_HEIGHT;
use crate::{Platform, Simulator};
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wxemu_package::Diagnostic;
use wxemu_render::{Box2, DisplayList, Item, Paint, Pixmap, Rgba};
use wxemu_view::chrome::{self, NavigationBar, Prompt, Tab, TabBar};
use wxemu_view::components::input::{field_text, CARET};
use wxemu_view::components::Scroller;
use wxemu_view::fonts::Fonts;
use wxemu_view::layout::{InlineBoxes, PageLayout, Piece};
use wxemu_view::scroll::Scrolling;
use wxemu_view::select::NodePath;
use wxemu_view::styled::PageStyles;
use wxemu_view::styled::StyledTree;
use wxemu_wxss::{Device, FontFace, Isolation, Sheet};

/// What turns a drawn page into pixels at a scale (device px per CSS px): screenshots use
/// the CPU rasterizer unless a front end gives another, such as the GPU's.
pub type Painter = std::rc::Rc<dyn Fn(&DisplayList, f32) -> Result<Pixmap, String>>;

/// The screen pages are drawn on (the simulator's device's): fonts, and the stylesheets and
/// images loaded so far.
pub struct Screen {
    pub fonts: Fonts,
    sheets: HashMap<String, Rc<Sheet>>,
    images: Pictures,
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

    /// Keeps a frame for the next one to start from.
    fn keep(&mut self, frame: Frame) {
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

/// How a custom component's elements are styled (see [`Simulator::component_styling`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentStyling {
    /// The component's path from the package root, without extension.
    pub path: String,
    pub isolation: Isolation,
    /// The class names its owner may pass (`externalClasses`).
    pub external_classes: Vec<String>,
    /// `options.virtualHost`: its host element has no box.
    pub virtual_host: bool,
}

/// A page's images by the `src` its elements give (relative to the page or from the root,
/// or a file of the app's own, `wxfile://…`).
struct PageImages<'a> {
    files: wxemu_package::PackageFiles,
    route: String,
    host: wxemu_appservice::SharedHost,
    remote: crate::images::RemoteImages,
    loaded: std::cell::RefCell<&'a mut Pictures>,
}

impl PageImages<'_> {
    fn find(&self, src: &str) -> Option<Arc<Pixmap>> {
        if src.starts_with("http://") || src.starts_with("https://") {
            // Drawn once read (the read itself starts with the image's load event).
            let remote = self.remote.borrow();
            let Some(crate::images::RemoteImage::Loaded(bytes)) = remote.get(src) else { return None };
            return self.loaded.borrow_mut().get_or_decode(src, || wxemu_render::decode_image(bytes));
        }
        if src.starts_with("wxfile://") {
            let file = self.host.borrow().files.resolve(src).ok()?.host;
            return load_image(&mut self.loaded.borrow_mut(), src, || std::fs::read(file).ok());
        }
        let path = wxemu_package::resolve::resolve_path(&self.route, src);
        load_image(&mut self.loaded.borrow_mut(), &path, || self.files.bytes(&path).ok())
    }
}

/// An image (PNG, JPEG, GIF or WebP) by its key — a package file's root-relative path or a
/// `wxfile://` path — read with `read` and decoded once per screen.
fn load_image(images: &mut Pictures, key: &str, read: impl FnOnce() -> Option<Vec<u8>>) -> Option<Arc<Pixmap>> {
    images.get_or_decode(key, || read().and_then(|b| wxemu_render::decode_image(&b)))
}

/// The screen's decoded pictures hold at most this many bytes; past it they start over
/// (the next drawing decodes what it shows again).
const PICTURES_KEPT_BYTES: usize = 256 << 20;

/// Decoded pictures (or none, when unreadable) by key.
#[derive(Default)]
struct Pictures {
    decoded: HashMap<String, Option<Arc<Pixmap>>>,
    bytes: usize,
}

impl Pictures {
    /// The picture for `key`, decoded with `decode` the first time.
    fn get_or_decode(&mut self, key: &str, decode: impl FnOnce() -> Option<Pixmap>) -> Option<Arc<Pixmap>> {
        if let Some(picture) = self.decoded.get(key) {
            return picture.clone();
        }
        let picture = decode().map(Arc::new);
        let bytes = key.len() + picture.as_ref().map_or(0, |p| usize::from(p.width()) * usize::from(p.height()) * 4);
        if self.bytes + bytes > PICTURES_KEPT_BYTES {
            *self = Pictures::default();
        }
        self.bytes += bytes;
        self.decoded.insert(key.to_string(), picture.clone());
        picture
    }
}

fn color(window: &Map<String, Json>, key: &str, default: Rgba) -> Rgba {
    window.get(key).and_then(Json::as_str).and_then(chrome::hex_color).unwrap_or(default)
}

/// The current page styled and laid out, with the chrome around it.
struct Frame {
    /// The page (its id) and the composed tree drawn, the theme it was drawn in and the
    /// elements that showed their hover-class.
    page: u32,
    tree: Rc<Vec<wxemu_wxml::Node>>,
    dark: bool,
    hover: Vec<(NodePath, String)>,
    /// The elements with `animation` data and how far along it they were; the inline style
    /// keyframe animations gave elements.
    animating: (Vec<(NodePath, u64)>, Vec<(NodePath, String)>),
    styled: StyledTree,
    layout: PageLayout,
    /// How far the page (within what its content allows) and its scroll-views are scrolled.
    scrolling: Scrolling,
    /// The window's background colour (app.json `backgroundColor`, or page-meta's).
    background: Rgba,
    /// Height of the chrome above the page (status and navigation bars), and of the page's
    /// part of the screen between the chrome.
    top: f32,
    viewport: f32,
    bar: NavigationBar,
    tab_bar: Option<TabBar>,
    route: String,
}

impl Frame {
    /// What is at screen point (x, y).
    fn hit(&self, x: f32, y: f32, device: &Device) -> Hit {
        if self.tab_bar.as_ref().is_some_and(|_| y >= device.height - chrome::TAB_BAR - device.safe_bottom) {
            let tabs = self.tab_bar.as_ref().map_or(1, |t| t.tabs.len());
            return Hit::Tab(((x / device.width) * tabs as f32) as usize);
        }
        if y < self.top {
            let on_button = !self.bar.custom && y >= device.status_bar && x < chrome::BACK_WIDTH;
            return match (on_button, self.bar.back, self.bar.home) {
                (true, true, _) => Hit::Back,
                (true, false, true) => Hit::Home,
                _ => Hit::Nothing,
            };
        }
        let point = (x, y - self.top);
        // The point in the element's own coordinates (before its and its ancestors' transforms).
        let inside = |e: usize, b: &Box2| {
            let transform = wxemu_view::paint::drawn_transform(&self.styled, &self.layout, &self.scrolling, e);
            let p = transform.inverse() * wxemu_render::Point::new(point.0 as f64, point.1 as f64);
            let (px, py) = (p.x as f32, p.y as f32);
            px >= b.x && px < b.x + b.w && py >= b.y && py < b.y + b.h
        };
        let topmost = self.layout.order.iter().rev().find_map(|piece| match piece {
            Piece::Begin(e) | Piece::Inline(e) if *e > 0 && !self.styled.elements[*e].style.pointer_events_none && self.layout.boxes[*e].as_ref().is_some_and(|b| inside(*e, b)) => Some(*e),
            _ => None,
        });
        topmost.and_then(|e| self.styled.source_path(e)).map_or(Hit::Nothing, |path| Hit::Page(path, point))
    }
}

/// Where a point on the screen is.
pub(crate) enum Hit {
    /// An element of the page (its path in the composed tree) at page coordinates.
    Page(NodePath, (f32, f32)),
    /// A tab of the tab bar.
    Tab(usize),
    /// The navigation bar's back arrow.
    Back,
    /// The navigation bar's home button.
    Home,
    /// A prompt's answer: a modal's or a picker's confirm (`Some(0)`) or cancel (`None`), an
    /// action sheet's item or cancel.
    Answer(Option<usize>),
    /// A row of the open picker: (column, row).
    Pick(usize, usize),
    /// The chrome or nothing that reacts.
    Nothing,
}

impl Simulator {
    /// Gives the simulator a screen: pages can then be drawn, tapped at coordinates, and
    /// touch events carry coordinates. Returns the screen it had.
    pub fn attach_screen(&mut self, screen: Screen) -> Option<Screen> {
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

    fn with_screen<T>(&mut self, f: impl FnOnce(&mut Simulator, &mut Screen) -> T) -> Result<T, String> {
        let mut screen = self.screen.take().ok_or("no screen is attached (Simulator::attach_screen)")?;
        let result = f(self, &mut screen);
        self.screen = Some(screen);
        Ok(result)
    }

    /// The screen as styles see it: the device's size, pixel ratio and system bars.
    pub fn styling_device(&self) -> Device {
        let p = self.device();
        Device { width: p.width as f32, height: p.height as f32, dpr: p.pixel_ratio as f32, ios: p.platform == Platform::Ios, status_bar: p.status_bar as f32, safe_bottom: p.safe_bottom as f32 }
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

    fn frame(&mut self, screen: &mut Screen, inline: InlineBoxes) -> Option<Frame> {
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
        // <page-meta> (the page's first node) and its <navigation-bar> override the config.
        if let Some(meta) = wxemu_view::components::page_meta::of(&page.tree) {
            let text = |el: &wxemu_wxml::Element, name: &str| el.attr(name).map(wxemu_wxml::Value::to_js_string).filter(|v| !v.is_empty());
            background = text(meta, "backgroundColor").as_deref().and_then(chrome::hex_color).unwrap_or(background);
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
        let page_device = Device { height: viewport, status_bar, safe_bottom, ..device };
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
        let changes = last_layout.map(|last| wxemu_view::layout::Changes { last, elements: &changed });
        let images =
            PageImages { files: self.package.files.clone(), route: route.clone(), host: self.host.clone(), remote: self.remote_images.clone(), loaded: std::cell::RefCell::new(&mut screen.images) };
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
            remote: self.remote_images.clone(),
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

    /// What is at screen point (x, y) of the current page: the topmost element there (the
    /// last one painted), a tab of the tab bar, or nothing.
    pub(crate) fn hit(&mut self, x: f32, y: f32) -> Result<Hit, String> {
        self.with_screen(|sim, screen| {
            let device = sim.styling_device();
            // A prompt over the page takes the tap first.
            if let Some(prompt) = sim.prompts().first() {
                let targets = chrome::prompt(prompt, &mut screen.fonts, device.width, device.height, device.safe_bottom, &mut Vec::new());
                let inside = |b: &Option<Box2>| b.is_some_and(|b| x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
                let item = targets.items.iter().position(|b| inside(&Some(*b)));
                match prompt {
                    Prompt::Modal { .. } | Prompt::Dialog { .. } if inside(&targets.confirm) => return Hit::Answer(Some(0)),
                    Prompt::Modal { .. } | Prompt::Dialog { .. } if inside(&targets.cancel) => return Hit::Answer(None),
                    Prompt::ActionSheet { .. } if item.is_some() => return Hit::Answer(item),
                    // The cancel button, or the mask around the sheet.
                    Prompt::ActionSheet { .. } => return Hit::Answer(None),
                    Prompt::Picker { .. } if inside(&targets.confirm) => return Hit::Answer(Some(0)),
                    Prompt::Picker { .. } => {
                        let row = targets.rows.iter().find(|(b, ..)| inside(&Some(*b)));
                        // A row turns its column; the cancel button or the mask cancels.
                        return match row {
                            Some(&(_, column, row)) => Hit::Pick(column, row),
                            None if inside(&targets.cancel) || !inside(&targets.panel) => Hit::Answer(None),
                            None => Hit::Nothing,
                        };
                    }
                    _ if targets.modal => return Hit::Nothing,
                    _ => {}
                }
            }
            let Some(frame) = sim.frame(screen, InlineBoxes::All) else { return Hit::Nothing };
            let hit = frame.hit(x, y, &device);
            screen.keep(frame);
            hit
        })
    }

    /// Every laid-out element of the current page: its path in the composed tree and its
    /// border box in page coordinates (what `wxemu dump --layout` prints).
    pub fn element_boxes(&mut self) -> Result<Vec<(NodePath, Box2)>, String> {
        self.with_screen(|sim, screen| {
            let Some(frame) = sim.frame(screen, InlineBoxes::All) else { return Vec::new() };
            // In page coordinates: where elements are with the page at its top.
            let scrolling = Scrolling { page: 0.0, ..frame.scrolling.clone() };
            let drawn = |e: usize| wxemu_view::paint::drawn_box(&frame.styled, &frame.layout, &scrolling, e);
            let boxes = frame.styled.elements.iter().enumerate().filter_map(|(e, element)| Some((element.path.clone()?, drawn(e)?))).collect();
            screen.keep(frame);
            boxes
        })
    }

    /// How far the current page can scroll (None without a screen).
    pub(crate) fn page_scroll_range(&mut self) -> Result<Option<f32>, String> {
        if self.screen.is_none() {
            return Ok(None);
        }
        self.with_screen(|sim, screen| {
            let frame = sim.frame(screen, InlineBoxes::Painted)?;
            let range = (frame.layout.height - frame.viewport).max(0.0);
            screen.keep(frame);
            Some(range)
        })
    }

    /// The element at `path` that scrolls its content (a scroll-view), as it is drawn.
    pub(crate) fn scroll_view(&mut self, path: &[usize]) -> Result<Scroller, String> {
        let found = self.with_screen(|sim, screen| {
            let frame = sim.frame(screen, InlineBoxes::Painted)?;
            let e = (0..frame.styled.elements.len()).find(|&e| frame.styled.elements[e].path.as_deref() == Some(path))?;
            let element = &frame.styled.elements[e];
            let found = wxemu_view::scroll::directions(element).zip(frame.layout.boxes[e]).map(|((x, y), area)| {
                let s = &element.style;
                Scroller {
                    x,
                    y,
                    offset: frame.scrolling.views.get(&e).copied().unwrap_or_default(),
                    range: wxemu_view::scroll::range(&frame.layout, e),
                    client: (area.w - s.border_width(1) - s.border_width(3), area.h - s.border_width(0) - s.border_width(2)),
                }
            });
            screen.keep(frame);
            found
        })?;
        found.ok_or_else(|| "not a scroll-view with scroll-x or scroll-y".to_string())
    }

    /// The border box of the first element matching `path` on the current page, where it is
    /// drawn below the chrome (the page and scroll-views scrolled).
    pub(crate) fn element_box(&mut self, path: &[usize]) -> Result<Option<Box2>, String> {
        Ok(self.located(path)?.map(|(b, _)| b))
    }

    /// The character of the field at `path` before which a tap at client point `point` puts
    /// the caret (None when its text is not laid out).
    pub(crate) fn caret_at(&mut self, path: &[usize], point: (f32, f32)) -> Result<Option<usize>, String> {
        self.with_field_text(path, |text| {
            let offset = text.layout.text_offset_at(text.paragraph, point.0 - text.origin.0, point.1 - text.origin.1);
            let before = text.layout.text(text.paragraph).get(..offset).unwrap_or_default().chars().filter(|c| *c != CARET).count();
            Some(before.min(text.chars))
        })
    }

    /// Where the field at `path` draws a caret before its character `at`: the caret's line, in
    /// client points as [`Simulator::caret_at`] takes them (None when its text is not laid out).
    pub(crate) fn caret_line(&mut self, path: &[usize], at: usize) -> Result<Option<Box2>, String> {
        self.with_field_text(path, |text| {
            let laid = text.layout.text(text.paragraph);
            let index = laid.char_indices().filter(|(_, c)| *c != CARET).nth(at).map_or(laid.len(), |(i, _)| i);
            let line = text.layout.caret_line(text.paragraph, index);
            Some(Box2 { x: line.x + text.origin.0, y: line.y + text.origin.1, ..line })
        })
    }

    /// `f` of the laid-out text of the field at `path`. Its text is one paragraph, with the
    /// caret's zero-width space in it (with an empty value, the caret's and the placeholder's).
    fn with_field_text<T>(&mut self, path: &[usize], f: impl FnOnce(&FieldText) -> Option<T>) -> Result<Option<T>, String> {
        self.with_screen(|sim, screen| {
            let frame = sim.frame(screen, InlineBoxes::All)?;
            let e = (0..frame.styled.elements.len()).find(|&e| frame.styled.source_path(e).as_deref() == Some(path));
            let found = e.and_then(|e| {
                let drawn = wxemu_view::paint::drawn_box(&frame.styled, &frame.layout, &frame.scrolling, e)?;
                let laid = frame.layout.boxes[e]?;
                let paragraph = frame.layout.paragraphs.iter().position(|p| p.element == e)?;
                let area = frame.layout.paragraphs[paragraph].area;
                let el = &frame.styled.elements[e];
                let chars = field_text(&el.tag, &el.attr("value"), el.flag("password")).len();
                let origin = (drawn.x - laid.x + area.x, drawn.y - laid.y + area.y);
                f(&FieldText { layout: &frame.layout, paragraph, origin, chars })
            });
            screen.keep(frame);
            found
        })
    }

    /// An element's drawn box below the chrome, and how far below the screen's top that is.
    fn located(&mut self, path: &[usize]) -> Result<Option<(Box2, f32)>, String> {
        self.with_screen(|sim, screen| {
            let frame = sim.frame(screen, InlineBoxes::All)?;
            let found = (0..frame.styled.elements.len()).find(|&e| frame.styled.source_path(e).as_deref() == Some(path));
            let found = found.and_then(|e| wxemu_view::paint::drawn_box(&frame.styled, &frame.layout, &frame.scrolling, e)).map(|b| (b, frame.top));
            screen.keep(frame);
            found
        })
    }

    /// Where the element at `path` is drawn on the screen (chrome included), if it is laid out.
    pub fn element_on_screen(&mut self, path: &[usize]) -> Result<Option<Box2>, String> {
        Ok(self.located(path)?.map(|(b, top)| Box2 { y: b.y + top, ..b }))
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
                    load_image(&mut screen.images, &path, || self.package.bytes(&path).ok())
                });
                Tab { text: tab.get("text").and_then(Json::as_str).unwrap_or("").to_string(), selected, icon, badge: self.badges.get(&i).cloned() }
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

    /// The current page's sheets: app.wxss and the page's in scope 0, one scope per component.
    fn page_styles(&mut self, screen: &mut Screen) -> PageStyles {
        let mut styles = PageStyles { isolation: vec![Isolation::Isolated], ..PageStyles::default() };
        let Some(page) = self.stack.last() else { return styles };
        let mut files = vec![(0, "app.wxss".to_string())];
        files.push((0, format!("{}.wxss", page.route)));
        let mut components: Vec<(u32, String)> = page.components.values().map(|c| (c.id, c.path.clone())).collect();
        components.sort();
        let mut scope_of_path: HashMap<String, u32> = HashMap::new();
        for (id, path) in components {
            let component = self.styling(id, path);
            let next = styles.isolation.len() as u32;
            let scope = *scope_of_path.entry(component.path.clone()).or_insert(next);
            if scope == next {
                styles.isolation.push(component.isolation);
                files.push((scope, format!("{}.wxss", component.path)));
            }
            styles.scopes.insert(id, scope);
            if !component.external_classes.is_empty() {
                styles.external_classes.insert(id, component.external_classes);
            }
            if component.virtual_host {
                styles.virtual_hosts.insert(id);
            }
        }
        for (scope, file) in files {
            if let Some(sheet) = self.sheet(screen, &file) {
                styles.sheets.push((scope, sheet));
            }
        }
        styles
    }

    /// How a component instance of the current page is styled: its path, `styleIsolation`
    /// (from its .json, or its options; `addGlobalClass: true` is apply-shared),
    /// `externalClasses` and `virtualHost`. None for the page itself or an unknown id.
    pub fn component_styling(&mut self, id: u32) -> Option<ComponentStyling> {
        let path = self.stack.last()?.components.values().find(|c| c.id == id)?.path.clone();
        Some(self.styling(id, path))
    }

    /// How instance `id` of the component at `path` is styled.
    fn styling(&mut self, id: u32, path: String) -> ComponentStyling {
        let options = self.app.component_options(id);
        let from_json = self.package.components.get(&path).and_then(|u| u.config.style_isolation.clone());
        let named = options.get("styleIsolation").and_then(Json::as_str).map(str::to_string).or(from_json);
        let isolation = match named.as_deref() {
            Some("apply-shared") => Isolation::ApplyShared,
            Some("shared") => Isolation::Shared,
            _ if options.get("addGlobalClass").and_then(Json::as_bool) == Some(true) => Isolation::ApplyShared,
            _ => Isolation::Isolated,
        };
        let external_classes = self.app.external_classes(id);
        let virtual_host = options.get("virtualHost").and_then(Json::as_bool) == Some(true);
        ComponentStyling { path, isolation, external_classes, virtual_host }
    }

    /// A stylesheet, loaded once per screen; its problems join the diagnostics.
    fn sheet(&mut self, screen: &mut Screen, file: &str) -> Option<Rc<Sheet>> {
        if let Some(sheet) = screen.sheets.get(file) {
            return Some(sheet.clone());
        }
        // A sheet that is not there is no sheet; one that cannot be read is reported.
        let first = self.styles.read(file);
        if first == Err(wxemu_package::FileError::Missing) {
            return None;
        }
        let sheet = Rc::new(wxemu_wxss::load(file, &self.styling_device(), &|path| if path == file { first.clone() } else { self.styles.read(path) }));
        self.diagnostics.extend(sheet.diagnostics.iter().cloned());
        for face in &sheet.font_faces {
            self.load_font_face(screen, face);
        }
        screen.sheets.insert(file.to_string(), sheet.clone());
        Some(sheet)
    }

    /// Registers the font of an `@font-face` rule (its first `src` that loads); when none
    /// loads, says why.
    fn load_font_face(&mut self, screen: &mut Screen, face: &FontFace) {
        let mut problems = Vec::new();
        for url in &face.sources {
            let loaded = if let Some(data) = url.strip_prefix("data:") {
                data_url(data).ok_or_else(|| "a data URL that is not base64".to_string()).and_then(|bytes| screen.fonts.add_face(&face.family, bytes))
            } else if url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//") {
                Err(format!("not supported by wxemu yet: fonts from the network ({url})"))
            } else {
                Err(format!("`{url}` is a local file, which the platform does not load in WXSS"))
            };
            match loaded {
                Ok(()) => return,
                Err(problem) => problems.push(problem),
            }
        }
        let message = format!("@font-face `{}` loads no font: {}", face.family, problems.join("; "));
        self.diagnostics.push(Diagnostic::warning(&face.file, face.pos, message).with_hint("give a base64 data URL of a TTF, OTF or WOFF font, or load the font with wx.loadFontFace"));
    }
}

/// The bytes of a base64 data URL (the part after `data:`).
pub(crate) fn data_url(url: &str) -> Option<Vec<u8>> {
    use base64::engine::{general_purpose::GeneralPurposeConfig, DecodePaddingMode, Engine, GeneralPurpose};
    let (header, data) = url.split_once(',')?;
    header.ends_with(";base64").then_some(())?;
    let data: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    let engine = GeneralPurpose::new(&base64::alphabet::STANDARD, GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent));
    engine.decode(data).ok()
}

/// A field's text as laid out: its paragraph, where that starts in client points, and how
/// many characters the field shows.
struct FieldText<'a> {
    layout: &'a PageLayout,
    paragraph: usize,
    origin: (f32, f32),
    chars: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_pictures_start_over_past_their_bound() {
        let mut pictures = Pictures::default();
        for n in 0..100 {
            let picture = pictures.get_or_decode(&format!("wxfile://usr/{n}.png"), || Some(Pixmap::new(1024, 1024)));
            assert!(picture.is_some());
            assert!(pictures.bytes <= PICTURES_KEPT_BYTES, "{} bytes after {n}", pictures.bytes);
        }
        assert!(pictures.decoded.len() < 64, "4 MiB pictures: at most 64 are kept, not {}", pictures.decoded.len());
        let again = pictures.get_or_decode("wxfile://usr/99.png", || panic!("the newest is still decoded"));
        assert!(again.is_some());
    }
}
