//! The built-in components (`<view>`, `<button>`, `<swiper>`…): one module each (or one per
//! family of tags that behave as one, such as `<video>`/`<map>`/`<camera>`), implementing
//! [`BuiltIn`]. [`registry`] maps tag names to them; the rest of wxemu reaches a built-in
//! only through it, so its tag name is written in its module alone.
//!
//! What a module gives: its default style (WXSS for its tags and the parts it draws), the
//! parts it draws inside itself (its shadow tree), and what it does when tapped, focused,
//! pressed or submitted in a form, through the [`Page`] it is in.

use crate::layout::PageLayout;
use crate::styled::{Content, Styled, StyledTree};
use serde_json::Value as Json;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;
use wxemu_render::{Box2, Item};
use wxemu_wxml::{Element, Node, Value};
use wxemu_wxss::{Device, Scope, StyleNode, StyleTree};

/// Declares the built-in modules (each with its one type) and the registry of them, one
/// line per built-in.
macro_rules! built_ins {
    ($($module:ident :: $kind:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every built-in, in the order their default styles cascade.
        const ALL: &[&dyn BuiltIn] = &[$(&$module::$kind),*];
        /// Each built-in's module (its file in this folder) with its tags.
        pub fn modules() -> Vec<(&'static str, &'static [&'static str])> {
            vec![$((stringify!($module), $module::$kind.tags())),*]
        }
    };
}

built_ins! {
    page_meta::PageMeta,
    view::View,
    containers::Containers,
    text::Text,
    label::Label,
    picker::Picker,
    image::Image,
    cover_image::CoverImage,
    icon::Icon,
    input::Field,
    checkbox::Checkbox,
    radio::Radio,
    switch::Switch,
    native::Native,
    cover_view::CoverView,
    picker_view::PickerView,
    swiper::Swiper,
    scroll_view::ScrollView,
    movable::Movable,
    progress::Progress,
    slider::Slider,
    button::Button,
    navigator::Navigator,
    form::Form,
    rich_text::RichText,
    open_data::OpenData,
    outside::Outside,
}

/// A built-in component: what wxemu does for its tags.
pub trait BuiltIn: Sync {
    /// The tags it implements.
    fn tags(&self) -> &'static [&'static str];

    /// Its default style: WXSS rules for its tags and for the parts it draws.
    fn style(&self) -> &'static str {
        ""
    }

    /// Adds what it draws inside itself (after the template's children) to the styled tree.
    fn parts(&self, _parts: &mut Parts) {}

    /// The directions (x, y) it scrolls its content in, when it does.
    fn scrolls(&self, _element: &Styled) -> Option<(bool, bool)> {
        None
    }

    /// How far its content (element `e`) is scrolled (x, y), when it scrolls.
    fn scroll_offset(&self, _styled: &StyledTree, _layout: &PageLayout, _e: usize) -> Option<(f32, f32)> {
        None
    }

    /// The picture it shows in its box: its `src` and `mode`.
    fn picture(&self, _element: &Styled) -> Option<(String, String)> {
        None
    }

    /// What it draws when scrolled, at the top of its border box `area`, inside its clip and
    /// before its content.
    fn paint_scrolled(&self, _element: &Styled, _area: Box2, _items: &mut Vec<Item>) {}

    /// Text inside it as it shows it.
    fn shown_text(&self, _element: &Styled, text: &str) -> String {
        text.to_string()
    }

    /// Whether a tap on it (or inside it) is its to answer: the innermost such element of a
    /// tapped chain gets [`BuiltIn::tap`].
    fn takes_taps(&self, _element: &Element) -> bool {
        false
    }

    /// What it does when tapped (after the page's handlers ran); `tap.was_checked` is
    /// whether it showed checked as the finger lifted.
    fn tap(&self, _page: &mut dyn Page, _tap: &Tap) -> Result<(), String> {
        Ok(())
    }

    /// Whether it is a control a `<label>` around it (or naming it) passes its taps to.
    fn labelled(&self, _element: &Element) -> bool {
        false
    }

    /// Whether it is a text field that a tap focuses.
    fn takes_focus(&self) -> bool {
        false
    }

    /// Its hover-class with its start and stay times (ms) when the template sets none.
    fn hover(&self, _element: &Element) -> Option<(&'static str, u64, u64)> {
        Some(("none", 50, 400))
    }

    /// What it does after each render of its page (an autoplaying swiper schedules its
    /// turn, an image reads its picture…).
    fn rendered(&self, _page: &mut dyn Page, _path: &[usize], _element: &Element) {}

    /// What it asked for with [`Page::later`] is due (`what` as it gave it).
    fn due(&self, _page: &mut dyn Page, _path: &[usize], _element: &Element, _what: &str) {}

    /// Scrolls it to (`left`, `top`) as the user would (None keeps a direction as it is).
    fn scroll_to(&self, _page: &mut dyn Page, _path: &[usize], _left: Option<f32>, _top: Option<f32>) -> Result<(), String> {
        Err("not a scroll-view with scroll-x or scroll-y".into())
    }

    /// Whether a finger dragging (dx, dy) px from where it went down on it drags it (a
    /// swiper along its axis), rather than scrolling what is around it.
    fn drags(&self, _element: &Element, _dx: f32, _dy: f32) -> bool {
        false
    }

    /// The finger that dragged it lifted, (dx, dy) px from where it went down; `size` is its
    /// box's width and height.
    fn dragged(&self, _page: &mut dyn Page, _path: &[usize], _element: &Element, _drag: (f32, f32), _size: (f32, f32)) -> Result<(), String> {
        Ok(())
    }

    /// The key under which a SelectorQuery's `node` of it carries its path to the
    /// framework, which builds its context object from it (None: it has no node yet).
    fn node_context(&self) -> Option<&'static str> {
        None
    }

    /// Answers the automator's `Element.callFunction` for its `method` (the function's
    /// name after the tag: `swipeTo` of `swiper.swipeTo`); None when it has no such method.
    fn call(&self, _page: &mut dyn Page, _path: &[usize], _element: &Element, _method: &str, _args: &[Json]) -> Option<Result<Json, String>> {
        None
    }

    /// Its value in a form's `submit` event (None: it gives none).
    fn form_value(&self, _tree: &[Node], _path: &[usize], _element: &Element) -> Option<Json> {
        None
    }
}

/// A tap a built-in answers.
pub struct Tap<'a> {
    /// Where the element is in the page's composed tree.
    pub path: &'a [usize],
    pub element: &'a Element,
    /// The page's composed tree when it was tapped.
    pub tree: &'a [Node],
    /// Whether it showed checked as the finger lifted (its `checked` attribute then).
    pub was_checked: bool,
}

/// The page a built-in is in, as it acts on it (the Simulator carries it out).
pub trait Page {
    /// The page's composed tree now.
    fn tree(&self) -> Rc<Vec<Node>>;
    /// Sets the attribute `name` of the element at `path` as the user changed it: the
    /// element keeps it until the template gives the attribute another value.
    fn set_control(&mut self, path: &[usize], name: &'static str, value: Value);
    /// Sends the event `event` with `detail` to the element at `path`; returns how many
    /// handlers it reached.
    fn dispatch(&mut self, path: &[usize], event: &str, detail: Json) -> Result<usize, String>;
    /// Does what a tap on the element at `path` does for a built-in (a label passes its tap
    /// to its control).
    fn tap_built_in(&mut self, path: &[usize]) -> Result<(), String>;
    /// Goes to `url` as `open_type` says (`navigate`, `redirect`, `switchTab`, `reLaunch`,
    /// `navigateBack` by `delta` pages).
    fn navigate(&mut self, open_type: &str, url: &str, delta: u32) -> Result<(), String>;
    /// Opens the picker of the `<picker>` at `path`.
    fn open_picker(&mut self, path: &[usize], element: &Element) -> Result<(), String>;
    /// The `formType` of a custom component with the behavior wx://form-field-button.
    fn form_type(&self, element: &Element) -> Option<String>;
    /// The `value` a custom component with the behavior wx://form-field submits.
    fn form_field_value(&mut self, element: &Element) -> Option<Json>;
    /// Puts the controls inside the element at `within` back to what their templates say.
    fn reset_controls(&mut self, within: &[usize]);
    /// Calls the built-in at `path` back with [`BuiltIn::due`] and `what` after `after` ms of
    /// the clock, if it is still on the page shown.
    fn later(&mut self, path: &[usize], after: u64, what: String);
    /// Whether a [`Page::later`] call with `what` for the built-in at `path` is waiting.
    fn waiting(&self, path: &[usize], what: &str) -> bool;
    /// What the built-in at `path` keeps between renders (null at first).
    fn memo(&self, path: &[usize]) -> Json;
    /// Keeps `memo` for the built-in at `path`.
    fn set_memo(&mut self, path: &[usize], memo: Json);
    /// Reads the picture `src` shown by the element at `path`, which then gets its `load`
    /// (`{width, height}`) or `error` event.
    fn load_picture(&mut self, path: &[usize], src: &str);
    /// The element at `path` as drawn, when it scrolls its content.
    fn scroller(&mut self, path: &[usize]) -> Result<Scroller, String>;
    /// Types `text` into the text field at `path`, as the user does.
    fn enter_text(&mut self, path: &[usize], text: &str) -> Result<(), String>;
    /// Taps the element at `path` as the user does (touch events, tap, then the built-in's
    /// reaction).
    fn tap(&mut self, path: &[usize]) -> Result<(), String>;
}

/// An element that scrolls its content, as drawn: the directions it scrolls, how far it is
/// scrolled and could be (x, y), and the size of the box inside its borders.
pub struct Scroller {
    pub x: bool,
    pub y: bool,
    pub offset: (f32, f32),
    pub range: (f32, f32),
    pub client: (f32, f32),
}

impl Scroller {
    /// `[scrollLeft, scrollTop, scrollWidth, scrollHeight]`.
    pub fn metrics(&self) -> [f32; 4] {
        [self.offset.0, self.offset.1, self.client.0 + self.range.0, self.client.1 + self.range.1]
    }
}

/// The registry: the built-in for each tag.
fn by_tag() -> &'static HashMap<&'static str, &'static dyn BuiltIn> {
    static REGISTRY: OnceLock<HashMap<&'static str, &'static dyn BuiltIn>> = OnceLock::new();
    REGISTRY.get_or_init(|| ALL.iter().flat_map(|b| b.tags().iter().map(move |tag| (*tag, *b))).collect())
}

/// The built-in component with tag `tag`, if it is one.
pub fn registry(tag: &str) -> Option<&'static dyn BuiltIn> {
    by_tag().get(tag).copied()
}

/// Whether the element is a built-in for which `f` holds.
pub fn is(element: &Element, f: impl Fn(&dyn BuiltIn) -> bool) -> bool {
    registry(&element.tag).is_some_and(f)
}

/// An element's hover-class with its start and stay times: the template's `hover-class`
/// (`none`: none), `hover-start-time` and `hover-stay-time`, else its built-in's defaults.
pub fn hover(element: &Element) -> Option<(String, u64, u64)> {
    let (class, start, stay) = match registry(&element.tag) {
        Some(built_in) => built_in.hover(element)?,
        None => ("none", 50, 400),
    };
    let number = |name: &str, default: u64| element.attr(name).and_then(|v| v.to_js_string().trim().parse().ok()).unwrap_or(default);
    let class = element.attr("hoverClass").map_or_else(|| class.to_string(), Value::to_js_string);
    (class != "none" && !class.is_empty()).then(|| (class, number("hoverStartTime", start), number("hoverStayTime", stay)))
}

pub use form::press_form_button;

/// Default styles every page has, before the built-ins' own: `page` itself, `hidden`
/// elements, the `<block>` wrapper, which has no box, and the app's custom tab bar, which
/// the client shows at the bottom of the window over the page whatever its own style (its
/// host is fixed there).
const BASE_STYLE: &str =
    "page { display: block; font-size: 16px; }\n[hidden] { display: none; }\nblock { display: contents; }\ncustom-tab-bar { display: block; position: fixed; left: 0; right: 0; bottom: 0; }\n";

/// The built-in components' default styles, as one sheet's text.
pub fn default_styles() -> String {
    std::iter::once(BASE_STYLE).chain(ALL.iter().map(|b| b.style())).collect::<Vec<_>>().join("\n")
}

/// Where a built-in adds its parts: the element (`index` in the styled tree) with the trees
/// being built, in the scope of the template that wrote it.
pub struct Parts<'a> {
    pub index: usize,
    pub scope: Scope,
    pub device: &'a Device,
    pub tree: &'a mut StyleTree,
    pub elements: &'a mut Vec<Styled>,
}

impl Parts<'_> {
    /// The element itself.
    pub fn element(&self) -> &Styled {
        &self.elements[self.index]
    }

    /// A part with tag `tag` in the element's scope.
    pub fn part(&self, tag: &str) -> StyleNode {
        StyleNode { tag: tag.to_string(), scope: self.scope, ..StyleNode::default() }
    }

    /// A part with tag `tag` and inline style `style`.
    pub fn styled_part(&self, tag: &str, style: String) -> StyleNode {
        StyleNode { style, ..self.part(tag) }
    }

    /// Adds `node` (tag `tag`) as the last child of element `parent`; returns its index.
    pub fn push(&mut self, parent: usize, node: StyleNode) -> usize {
        let tag = Rc::from(node.tag.as_str());
        crate::styled::push(self.tree, self.elements, parent, node, tag, Vec::new())
    }

    /// Adds text as the last child of element `at`.
    pub fn text(&mut self, at: usize, text: String) {
        self.elements[at].children.push(Content::Text(text));
    }

    /// Adds a part holding `text` to element `parent`; returns its index.
    pub fn push_text(&mut self, parent: usize, node: StyleNode, text: String) -> usize {
        let at = self.push(parent, node);
        self.text(at, text);
        at
    }

    /// Puts `style` before the element's own inline style (which overrides it).
    pub fn restyle(&mut self, style: &str) {
        let node = &mut self.tree.nodes[self.index];
        node.style = format!("{style}; {}", node.style);
    }

    /// Moves the part just added to the front of the element's children (parts are added
    /// after the template's children).
    pub fn last_child_first(&mut self) {
        let element = &mut self.elements[self.index];
        if let Some(last) = element.children.pop() {
            element.children.insert(0, last);
        }
    }

    /// A numeric attribute (numbers or numeric strings, as templates pass them).
    pub fn number(&self, name: &str, default: f32) -> f32 {
        number(self.element(), name, default)
    }

    /// The first colour attribute given among `names`.
    pub fn color(&self, names: &[&str], default: &str) -> String {
        names.iter().map(|n| self.element().attr(n)).find(|c| !c.is_empty()).unwrap_or_else(|| default.to_string())
    }
}

/// A numeric attribute of a styled element (numbers or numeric strings; `px` allowed).
pub fn number(element: &Styled, name: &str, default: f32) -> f32 {
    element.attr(name).trim().trim_end_matches("px").parse().unwrap_or(default)
}

/// An attribute of a template element as text ("" when it is not there).
pub fn text(element: &Element, name: &str) -> String {
    element.attr(name).map(Value::to_js_string).unwrap_or_default()
}

/// Whether a boolean attribute of a template element is set.
pub fn flag(element: &Element, name: &str) -> bool {
    element.attr(name).is_some_and(Value::truthy)
}

/// A field's `value` as a form submits it ("" when it has none).
fn value(element: &Element) -> Json {
    element.attr("value").and_then(Value::to_json).unwrap_or(Json::from(""))
}

/// The element at `path` in `nodes`.
pub fn element_at<'n>(nodes: &'n [Node], path: &[usize]) -> Option<&'n Element> {
    crate::select::element_chain(nodes, path).last().copied()
}

/// Paths of the elements under `path` (itself included) for which `pick` holds, in tree order.
pub fn descendants(nodes: &[Node], path: &[usize], pick: &dyn Fn(&Element) -> bool) -> Vec<Vec<usize>> {
    let Some(el) = element_at(nodes, path) else { return Vec::new() };
    let mut found = if pick(el) { vec![path.to_vec()] } else { Vec::new() };
    crate::select::for_each_element(&el.children, &mut |below, e| {
        if pick(e) {
            found.push(path.iter().chain(below).copied().collect());
        }
    });
    found
}

/// Paths of every element of the tree for which `pick` holds, in tree order.
pub fn all(nodes: &[Node], pick: &dyn Fn(&Element) -> bool) -> Vec<Vec<usize>> {
    (0..nodes.len()).flat_map(|i| descendants(nodes, &[i], pick)).collect()
}

/// The nearest ancestor-or-self of `path` with tag `tag`.
fn ancestor(nodes: &[Node], path: &[usize], tag: &str) -> Option<Vec<usize>> {
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| element_at(nodes, p).is_some_and(|e| &*e.tag == tag))
}

/// `change` on the group (tag `group`) around the control at `control`, with the group's
/// value as `value` gives it from the page's tree now.
fn group_change(page: &mut dyn Page, control: &[usize], group: &str, value: fn(&[Node], &[usize]) -> Json) -> Result<(), String> {
    let tree = page.tree();
    let Some(at) = ancestor(&tree, control, group) else { return Ok(()) };
    let value = value(&tree, &at);
    page.dispatch(&at, "change", serde_json::json!({ "value": value })).map(drop)
}
