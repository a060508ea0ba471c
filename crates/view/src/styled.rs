//! From the composed node tree to styled boxes: the element tree the cascade sees (with each
//! element's style scope), the built-in components' default sheet, and the computed styles.

use crate::select::NodePath;
use std::collections::HashMap;
use std::rc::Rc;
use wxemu_wxml::{Node, Value};
use wxemu_wxss::{Cascade, ComputedStyle, Device, Isolation, Scope, Sheet, StyleNode, StyleTree, BUILT_IN, PAGE};

/// The tag of a `::before` box (the first child of its element; `::after` boxes are last).
const BEFORE: &str = "::before";

/// The built-in components' default styles.
const BUILT_IN_WXSS: &str = include_str!("builtin.wxss");

/// The built-in sheet, parsed once per thread.
pub fn built_in_sheet(device: &Device) -> Rc<Sheet> {
    thread_local! {
        static SHEETS: std::cell::RefCell<Vec<(Device, Rc<Sheet>)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SHEETS.with(|sheets| {
        let mut sheets = sheets.borrow_mut();
        if let Some((_, sheet)) = sheets.iter().find(|(d, _)| d == device) {
            return sheet.clone();
        }
        let sheet = Rc::new(wxemu_wxss::load("builtin.wxss", device, &|_| Ok(BUILT_IN_WXSS.to_string())));
        debug_assert!(sheet.diagnostics.is_empty(), "{:?}", sheet.diagnostics);
        sheets.push((*device, sheet.clone()));
        sheet
    })
}

/// The stylesheets of one page: app.wxss and the page's (scope 0), and one scope per
/// custom component, with the instance → scope map that says which template wrote a node.
#[derive(Default)]
pub struct PageStyles {
    /// Sheets in cascade order: app.wxss, the page's, then components' (scope, sheet).
    pub sheets: Vec<(Scope, Rc<Sheet>)>,
    /// Isolation per scope (index = scope; 0 is the page).
    pub isolation: Vec<Isolation>,
    /// Component instance id → its scope; instances not listed (the page) are scope 0.
    pub scopes: HashMap<u32, Scope>,
    /// Component instance id → its `externalClasses`.
    pub external_classes: HashMap<u32, Vec<String>>,
    /// Component instances with `options.virtualHost`: their host element has no box.
    pub virtual_hosts: std::collections::HashSet<u32>,
    /// Elements being pressed, with the hover-class they show.
    pub hover: HashMap<NodePath, String>,
    /// Elements with `animation` data: how long ago (ms) it was applied.
    pub animations: HashMap<NodePath, u64>,
    /// Elements that `this.animate` keyframes move: the inline style they give by now.
    pub keyframed: HashMap<NodePath, String>,
}

/// One element of the styled tree and what is drawn from it.
#[derive(Debug)]
pub struct Styled {
    pub parent: Option<usize>,
    /// Where the element is in the composed tree (None for the parts a built-in component
    /// draws inside itself, and for `page`).
    pub path: Option<NodePath>,
    pub tag: Rc<str>,
    pub attrs: Vec<(Rc<str>, Value)>,
    pub style: ComputedStyle,
    pub children: Vec<Content>,
}

impl Styled {
    /// An attribute's value as a string ("" when missing).
    pub fn attr(&self, name: &str) -> String {
        self.attrs.iter().find(|(n, _)| &**n == name).map(|(_, v)| v.to_js_string()).unwrap_or_default()
    }

    /// Whether a boolean attribute is set (present and not false).
    pub fn flag(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, v)| &**n == name && v.truthy())
    }
}

/// A child of a styled element.
#[derive(Debug)]
pub enum Content {
    Element(usize),
    Text(String),
}

/// Elements in pre-order; element 0 is `page`.
pub struct StyledTree {
    pub elements: Vec<Styled>,
}

impl StyledTree {
    /// The composed-tree path of element `index`, or of the built-in component it is part of.
    pub fn source_path(&self, mut index: usize) -> Option<NodePath> {
        loop {
            let element = &self.elements[index];
            if let Some(path) = &element.path {
                return Some(path.clone());
            }
            index = element.parent?;
        }
    }
}

impl StyledTree {
    /// Brings the tree up to date with the composed tree `new` when it differs from `old`
    /// (the one the tree was styled from) only in text: styles cannot depend on text, so
    /// only the texts are replaced. Returns the elements whose text changed, or None (and
    /// leaves the tree as it was) when anything else changed.
    pub fn retext(&mut self, old: &[Node], new: &[Node]) -> Option<Vec<usize>> {
        let mut texts = Vec::new();
        let mut cursor = 0;
        same_but_text(old, new, 0, &mut cursor, &self.elements, &mut texts).then_some(())?;
        let mut changed = Vec::with_capacity(texts.len());
        for (element, position, text) in texts {
            let children = &self.elements[element].children;
            let after_before = matches!(children.first(), Some(Content::Element(e)) if &*self.elements[*e].tag == BEFORE);
            let shown = shown_text(&self.elements[element], text);
            self.elements[element].children[position + usize::from(after_before)] = Content::Text(shown);
            changed.push(element);
        }
        changed.dedup();
        Some(changed)
    }

    /// The elements whose tag, attributes, style or text differ from those of `old`, when
    /// both trees have the same shape (the same elements under the same parents); None when
    /// they do not.
    pub fn changes(&self, old: &StyledTree) -> Option<Vec<usize>> {
        if self.elements.len() != old.elements.len() {
            return None;
        }
        let mut changed = Vec::new();
        for (index, (a, b)) in self.elements.iter().zip(&old.elements).enumerate() {
            if a.parent != b.parent || a.children.len() != b.children.len() {
                return None;
            }
            let mut same = a.tag == b.tag && same_attrs(&a.attrs, &b.attrs) && a.style == b.style;
            for pair in a.children.iter().zip(&b.children) {
                match pair {
                    (Content::Element(x), Content::Element(y)) if x == y => {}
                    (Content::Text(x), Content::Text(y)) => same &= x == y,
                    _ => return None,
                }
            }
            if !same {
                changed.push(index);
            }
        }
        Some(changed)
    }
}

/// Walks two composed trees side by side with the styled elements made from the first
/// (`cursor`: the last styled element visited): true when they differ only in texts, which
/// are collected as (styled parent, position among its children, new text).
fn same_but_text<'a>(old: &[Node], new: &'a [Node], parent: usize, cursor: &mut usize, elements: &[Styled], texts: &mut Vec<(usize, usize, &'a str)>) -> bool {
    if old.len() != new.len() {
        return false;
    }
    for (position, pair) in old.iter().zip(new).enumerate() {
        match pair {
            (Node::Text(a), Node::Text(b)) => {
                if a != b {
                    texts.push((parent, position, b));
                }
            }
            (Node::Element(a), Node::Element(b)) => {
                if a.tag != b.tag || !same_attrs(&a.attrs, &b.attrs) || a.owner != b.owner || a.component != b.component {
                    return false;
                }
                // The next element made from the composed tree (built-in parts have no path).
                *cursor += 1;
                while elements.get(*cursor).is_some_and(|e| e.path.is_none()) {
                    *cursor += 1;
                }
                if *cursor >= elements.len() || !same_but_text(&a.children, &b.children, *cursor, cursor, elements, texts) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// Text as its element shows it: a `<text>` with `decode` decodes `&nbsp;` `&lt;` `&gt;`
/// `&amp;` `&apos;` `&ensp;` `&emsp;`, and with `space="ensp|emsp|nbsp"` its spaces become
/// those (which do not collapse).
fn shown_text(parent: &Styled, text: &str) -> String {
    if &*parent.tag != "text" {
        return text.to_string();
    }
    let mut shown = text.to_string();
    if parent.flag("decode") {
        for (entity, char) in [("&nbsp;", "\u{a0}"), ("&lt;", "<"), ("&gt;", ">"), ("&apos;", "'"), ("&ensp;", "\u{2002}"), ("&emsp;", "\u{2003}"), ("&amp;", "&")] {
            shown = shown.replace(entity, char);
        }
    }
    let space = match parent.attr("space").as_str() {
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "nbsp" => '\u{a0}',
        _ => return shown,
    };
    shown.replace(' ', &space.to_string())
}

fn same_attrs(a: &[(Rc<str>, Value)], b: &[(Rc<str>, Value)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((m, x), (n, y))| m == n && x.same(y))
}

/// Styles the composed tree `nodes` of a page.
pub fn style(nodes: &[Node], styles: &PageStyles, device: &Device, dark: bool) -> StyledTree {
    let mut tree = StyleTree::new();
    tree.isolation = styles.isolation.clone();
    // <page-meta page-style="…"> (the page's first node) styles `page` inline.
    if let Some(Node::Element(meta)) = nodes.iter().find(|n| matches!(n, Node::Element(_))).filter(|n| matches!(n, Node::Element(e) if &*e.tag == "page-meta")) {
        let page_style = meta.attr("pageStyle").map(Value::to_js_string).unwrap_or_default();
        tree.nodes[0].style = wxemu_wxss::cascade::inline_style(&page_style, device);
    }
    let mut elements = vec![Styled { parent: None, path: None, tag: Rc::from("page"), attrs: Vec::new(), style: ComputedStyle::default(), children: Vec::new() }];
    flatten(nodes, 0, &mut Vec::new(), &mut Flatten { styles, device, hosts: HashMap::new() }, &mut tree, &mut elements);
    let built_in = built_in_sheet(device);
    let mut sheets: Vec<(Scope, &Sheet)> = vec![(BUILT_IN, &built_in)];
    sheets.extend(styles.sheets.iter().map(|(scope, sheet)| (*scope, &**sheet)));
    let computed = Cascade { sheets, device: *device, dark }.compute(&tree);
    for (element, style) in elements.iter_mut().zip(computed.elements) {
        element.style = style;
    }
    for generated in computed.generated {
        let index = elements.len();
        let text = generated.style.content.clone().unwrap_or_default();
        let tag = Rc::from(if generated.before { BEFORE } else { "::after" });
        let children = if text.is_empty() { Vec::new() } else { vec![Content::Text(text)] };
        elements.push(Styled { parent: Some(generated.element), path: None, tag, attrs: Vec::new(), style: generated.style, children });
        let siblings = &mut elements[generated.element].children;
        if generated.before {
            siblings.insert(0, Content::Element(index));
        } else {
            siblings.push(Content::Element(index));
        }
    }
    StyledTree { elements }
}

/// What flattening needs besides the trees: the page's styles and each component
/// instance's host element (its attributes and the scope of the template that wrote it).
struct Flatten<'a> {
    styles: &'a PageStyles,
    device: &'a Device,
    hosts: HashMap<u32, (Vec<(Rc<str>, Value)>, Scope)>,
}

impl Flatten<'_> {
    /// The classes of a `class` attribute written by `owner`'s template: an external class of
    /// the component becomes the classes its host passed, in the host template's scope.
    fn classes(&self, owner: u32, scope: Scope, class: &str) -> Vec<(String, Scope)> {
        let external = self.styles.external_classes.get(&owner);
        class
            .split_whitespace()
            .flat_map(|name| match (external.filter(|e| e.iter().any(|x| x == name)), self.hosts.get(&owner)) {
                (Some(_), Some((attrs, host_scope))) => {
                    // The host's attribute as templates spell it (`my-class` → `myClass`).
                    let attr = wxemu_wxml::compile::attr_name(name);
                    let passed = attrs.iter().find(|(n, _)| **n == *attr).map(|(_, v)| v.to_js_string()).unwrap_or_default();
                    passed.split_whitespace().map(|c| (c.to_string(), *host_scope)).collect::<Vec<_>>()
                }
                _ => vec![(name.to_string(), scope)],
            })
            .collect()
    }
}

fn flatten(nodes: &[Node], parent: usize, path: &mut NodePath, f: &mut Flatten, tree: &mut StyleTree, elements: &mut Vec<Styled>) {
    for (position, node) in nodes.iter().enumerate() {
        match node {
            Node::Text(text) => {
                let shown = shown_text(&elements[parent], text);
                elements[parent].children.push(Content::Text(shown));
            }
            Node::Element(e) => {
                let scope = f.styles.scopes.get(&e.owner).copied().unwrap_or(PAGE);
                let mut style_node = StyleNode { tag: e.tag.to_string(), scope, ..StyleNode::default() };
                for (name, value) in &e.attrs {
                    match &**name {
                        "id" => style_node.id = value.to_js_string(),
                        "class" => style_node.classes = f.classes(e.owner, scope, &value.to_js_string()),
                        "style" => style_node.style = wxemu_wxss::cascade::inline_style(&value.to_js_string(), f.device),
                        // A boolean attribute is in the page only when true; `hidden` is a
                        // boolean property, so any falsy value (`{{''}}`, `{{0}}`) leaves it out.
                        _ if value.truthy() || !(matches!(value, Value::Bool(_)) || &**name == "hidden") => style_node.attrs.push((name.to_string(), value.to_js_string())),
                        _ => {}
                    }
                }
                path.push(position);
                // Where `animation` data has moved the element by now, over its own style
                // (its end state when no start time is known).
                if let Some(data) = e.attr("animation").and_then(Value::to_json) {
                    let elapsed = f.styles.animations.get(path.as_slice()).copied().unwrap_or(u64::MAX);
                    let moved = wxemu_wxss::cascade::inline_style(&crate::animation::style_at(&data, elapsed), f.device);
                    style_node.style = format!("{}; {moved}", style_node.style);
                }
                if let Some(moved) = f.styles.keyframed.get(path.as_slice()) {
                    style_node.style = format!("{}; {}", style_node.style, wxemu_wxss::cascade::inline_style(moved, f.device));
                }
                if let Some(hover) = f.styles.hover.get(path.as_slice()) {
                    style_node.classes.extend(hover.split_whitespace().map(|c| (c.to_string(), scope)));
                }
                if let Some(component) = e.component {
                    style_node.host_of = f.styles.scopes.get(&component).copied();
                    if f.styles.virtual_hosts.contains(&component) {
                        style_node.style = format!("display: contents; {}", style_node.style);
                        style_node.virtual_host = true;
                    }
                    f.hosts.insert(component, (e.attrs.clone(), scope));
                }
                let index = push(tree, elements, parent, style_node, e.tag.clone(), e.attrs.clone());
                elements[index].path = Some(path.clone());
                flatten(&e.children, index, path, f, tree, elements);
                path.pop();
                built_in_content(index, scope, f.device, tree, elements);
            }
        }
    }
}

fn push(tree: &mut StyleTree, elements: &mut Vec<Styled>, parent: usize, node: StyleNode, tag: Rc<str>, attrs: Vec<(Rc<str>, Value)>) -> usize {
    let index = tree.push(parent, node);
    debug_assert_eq!(index, elements.len());
    elements.push(Styled { parent: Some(parent), path: None, tag, attrs, style: ComputedStyle::default(), children: Vec::new() });
    elements[parent].children.push(Content::Element(index));
    index
}

/// What the caret of a focused input or textarea holds in the field's text: a zero-width
/// space (left out where a place in the text becomes a place in the field's value).
pub const CARET: char = '\u{200b}';

/// The characters an input or textarea shows for `value`: dots for a password; an input
/// keeps its spaces as typed, on one line (non-breaking: the sheet's `nowrap` would fold
/// them), a textarea's sheet keeps them itself.
pub fn field_text(tag: &str, value: &str, password: bool) -> Vec<char> {
    if password {
        return vec!['●'; value.chars().count()];
    }
    value.chars().map(|c| if c == ' ' && tag == "input" { '\u{a0}' } else { c }).collect()
}

/// What a built-in component shows inside itself, as nodes the built-in sheet styles: an
/// input's value or placeholder, a checkbox's or radio's box and check mark, a switch's knob.
fn built_in_content(index: usize, scope: Scope, device: &Device, tree: &mut StyleTree, elements: &mut Vec<Styled>) {
    let element = &elements[index];
    let part = |tag: &str| StyleNode { tag: tag.to_string(), scope, ..StyleNode::default() };
    match &*element.tag {
        "input" | "textarea" => {
            let value = element.attr("value");
            let focused = element.flag("focus");
            let shown = field_text(&element.tag, &value, element.flag("password"));
            let text = |range: std::ops::Range<usize>| shown[range].iter().collect::<String>();
            // Where the caret and the selection are (`cursor`, `selection-start`/`-end`; the
            // caret at the end unless set).
            let position = |name: &str| Some(number(element, name, -1.0)).filter(|n| *n >= 0.0).map(|n| (n as usize).min(shown.len()));
            let caret = position("cursor").unwrap_or(shown.len());
            let selection = position("selectionStart").zip(position("selectionEnd")).filter(|(start, end)| focused && start < end);
            // The caret, in `cursor-color`: an inline element around a zero-width space that
            // letter-spacing makes 2 px wide, so that it sits in the text's lines wherever
            // they wrap.
            let caret_node = StyleNode { style: format!("letter-spacing: 2px; background-color: {}", color(element, &["cursorColor"], "#07c160")), ..part("wx-caret") };
            let push_caret = |tree: &mut StyleTree, elements: &mut Vec<Styled>| {
                let at = push(tree, elements, index, caret_node, Rc::from("wx-caret"), Vec::new());
                elements[at].children.push(Content::Text(CARET.to_string()));
            };
            let composition: String = field_text(&element.tag, &element.attr("composition"), false).into_iter().collect();
            if focused && !composition.is_empty() {
                // The input method's composition, underlined at the caret (over the
                // selection, which it replaces when committed), then the caret.
                let (start, end) = selection.unwrap_or((caret, caret));
                elements[index].children.push(Content::Text(text(0..start)));
                let at = push(tree, elements, index, part("wx-composition"), Rc::from("wx-composition"), Vec::new());
                elements[at].children.push(Content::Text(composition));
                push_caret(tree, elements);
                elements[index].children.push(Content::Text(text(end..shown.len())));
            } else if value.is_empty() {
                let placeholder = element.attr("placeholder");
                if !placeholder.is_empty() {
                    let class = Some(element.attr("placeholderClass")).filter(|c| !c.is_empty()).unwrap_or_else(|| "input-placeholder".into());
                    let node = StyleNode {
                        classes: class.split_whitespace().map(|c| (c.to_string(), scope)).collect(),
                        style: wxemu_wxss::cascade::inline_style(&element.attr("placeholderStyle"), device),
                        ..part("wx-placeholder")
                    };
                    let at = push(tree, elements, index, node, Rc::from("wx-placeholder"), Vec::new());
                    elements[at].children.push(Content::Text(placeholder));
                }
                if focused {
                    // Before the placeholder.
                    push_caret(tree, elements);
                    last_child_first(&mut elements[index]);
                }
            } else if let Some((start, end)) = selection {
                // The selected text on the selection's colour, between the rest.
                elements[index].children.push(Content::Text(text(0..start)));
                let at = push(tree, elements, index, part("wx-selection"), Rc::from("wx-selection"), Vec::new());
                elements[at].children.push(Content::Text(text(start..end)));
                elements[index].children.push(Content::Text(text(end..shown.len())));
            } else if focused {
                elements[index].children.push(Content::Text(text(0..caret)));
                push_caret(tree, elements);
                if caret < shown.len() {
                    elements[index].children.push(Content::Text(text(caret..shown.len())));
                }
            } else {
                elements[index].children.push(Content::Text(text(0..shown.len())));
            }
        }
        "checkbox" | "radio" => control_input(index, scope, &format!("wx-{}-input", element.tag), tree, elements),
        // A switch of type checkbox looks like a checkbox.
        "switch" if element.attr("type") == "checkbox" => control_input(index, scope, "wx-checkbox-input", tree, elements),
        "switch" => {
            let checked_color = element.attr("color");
            if element.flag("checked") && !checked_color.is_empty() {
                let node = &mut tree.nodes[index];
                node.style = format!("background-color: {checked_color}; border-color: {checked_color}; {}", node.style);
            }
            push(tree, elements, index, part("wx-switch-knob"), Rc::from("wx-switch-knob"), Vec::new());
        }
        "progress" => {
            let percent = number(element, "percent", 0.0).clamp(0.0, 100.0);
            let active = color(element, &["activeColor", "color"], "#09BB07");
            let bar_style = format!(
                "height: {}px; border-radius: {}px; background-color: {}",
                number(element, "strokeWidth", 6.0),
                number(element, "borderRadius", 0.0),
                color(element, &["backgroundColor"], "#EBEBEB")
            );
            let info = element.flag("showInfo").then(|| (format!("{}%", percent.round()), format!("font-size: {}px", number(element, "fontSize", 16.0))));
            let bar = push(tree, elements, index, StyleNode { style: bar_style, ..part("wx-progress-bar") }, Rc::from("wx-progress-bar"), Vec::new());
            let inner_style = format!("width: {percent}%; background-color: {active}");
            push(tree, elements, bar, StyleNode { style: inner_style, ..part("wx-progress-inner") }, Rc::from("wx-progress-inner"), Vec::new());
            if let Some((text, style)) = info {
                let at = push(tree, elements, index, StyleNode { style, ..part("wx-progress-info") }, Rc::from("wx-progress-info"), Vec::new());
                elements[at].children.push(Content::Text(text));
            }
        }
        "slider" => {
            let (min, max) = (number(element, "min", 0.0), number(element, "max", 100.0));
            let value = number(element, "value", min).clamp(min, max);
            let percent = if max > min { (value - min) / (max - min) * 100.0 } else { 0.0 };
            let track_style = format!("background-color: {}", color(element, &["backgroundColor", "color"], "#e9e9e9"));
            let fill_style = format!("width: {percent}%; background-color: {}", color(element, &["activeColor", "selectedColor"], "#1aad19"));
            let size = number(element, "blockSize", 28.0).clamp(12.0, 28.0);
            let handle_style = format!(
                "left: {percent}%; width: {size}px; height: {size}px; margin-left: {}px; margin-top: {}px; background-color: {}",
                -size / 2.0,
                -size / 2.0,
                color(element, &["blockColor"], "#ffffff")
            );
            let show_value = element.flag("showValue");
            let track = push(tree, elements, index, StyleNode { style: track_style, ..part("wx-slider-track") }, Rc::from("wx-slider-track"), Vec::new());
            push(tree, elements, track, StyleNode { style: fill_style, ..part("wx-slider-fill") }, Rc::from("wx-slider-fill"), Vec::new());
            push(tree, elements, track, StyleNode { style: handle_style, ..part("wx-slider-handle") }, Rc::from("wx-slider-handle"), Vec::new());
            if show_value {
                let at = push(tree, elements, index, part("wx-slider-value"), Rc::from("wx-slider-value"), Vec::new());
                elements[at].children.push(Content::Text(format!("{value}")));
            }
        }
        "swiper" => {
            let items = swiper_items(elements, index);
            let current = number(element, "current", 0.0) as usize;
            let dots = element.flag("indicatorDots");
            let (dot, active) = (color(element, &["indicatorColor"], "rgba(0, 0, 0, 0.3)"), color(element, &["indicatorActiveColor"], "#000000"));
            for (_, &item) in items.iter().enumerate().filter(|(i, _)| *i != current) {
                let node = &mut tree.nodes[item];
                node.style = format!("display: none; {}", node.style);
            }
            if dots {
                // Along the bottom, or down the right side of a vertical swiper.
                let vertical = "flex-direction: column; left: auto; right: 10px; bottom: auto; top: 50%; transform: translateY(-50%)";
                let style = if element.flag("vertical") { vertical } else { "" };
                let node = StyleNode { style: style.to_string(), ..part("wx-swiper-dots") };
                let row = push(tree, elements, index, node, Rc::from("wx-swiper-dots"), Vec::new());
                for i in 0..items.len() {
                    let style = format!("background-color: {}", if i == current { &active } else { &dot });
                    push(tree, elements, row, StyleNode { style, ..part("wx-swiper-dot") }, Rc::from("wx-swiper-dot"), Vec::new());
                }
            }
        }
        "button" if element.flag("loading") => {
            // The spinning ring before the label.
            push(tree, elements, index, part("wx-button-loading"), Rc::from("wx-button-loading"), Vec::new());
            last_child_first(&mut elements[index]);
        }
        "video" | "map" | "canvas" | "camera" | "live-player" | "live-pusher" => {
            // Native components wxemu does not draw: a box of their size that says what it is.
            let label = format!("<{}>", element.tag);
            let at = push(tree, elements, index, part("wx-native-label"), Rc::from("wx-native-label"), Vec::new());
            elements[at].children.push(Content::Text(label));
        }
        "movable-view" => {
            let (x, y) = (number(element, "x", 0.0), number(element, "y", 0.0));
            let node = &mut tree.nodes[index];
            node.style = format!("transform: translate({x}px, {y}px); {}", node.style);
        }
        "picker-view" => {
            // The masks over the rows above and below the chosen one, and the indicator
            // lines around it (its height from `indicator-style`, 34 px by default).
            let indicator_style = element.attr("indicatorStyle");
            let height =
                indicator_style.split(';').filter_map(|d| d.split_once(':')).find(|(k, _)| k.trim() == "height").and_then(|(_, v)| v.trim().trim_end_matches("px").parse::<f32>().ok()).unwrap_or(34.0);
            let half = height / 2.0;
            let indicator_class = element.attr("indicatorClass");
            let top = format!("top: 0; bottom: 50%; margin-bottom: {half}px");
            let bottom = format!("bottom: 0; top: 50%; margin-top: {half}px");
            let indicator = format!("top: 50%; height: {height}px; margin-top: -{half}px; {indicator_style}");
            for (tag, style, classes) in [("wx-picker-mask-top", top, ""), ("wx-picker-mask-bottom", bottom, ""), ("wx-picker-indicator", indicator, indicator_class.as_str())] {
                let classes = classes.split_whitespace().map(|c| (c.to_string(), scope)).collect();
                let node = StyleNode { style: wxemu_wxss::cascade::inline_style(&style, device), classes, ..part(tag) };
                push(tree, elements, index, node, Rc::from(tag), Vec::new());
            }
        }
        "rich-text" => {
            let nodes = crate::rich_text::nodes(&element.attrs.iter().find(|(n, _)| &**n == "nodes").map(|(_, v)| v.clone()).unwrap_or_default());
            rich_content(&nodes, index, scope, device, tree, elements);
        }
        "icon" => {
            // The WeUI icon font is not available: each type is drawn as its colour and a symbol.
            let (glyph, default_color, circle) = match element.attr("type").as_str() {
                "success" => ("✓", "#09BB07", true),
                "success_no_circle" => ("✓", "#09BB07", false),
                "info" => ("i", "#10AEFF", true),
                "warn" => ("!", "#F76260", true),
                "waiting" => ("◷", "#10AEFF", false),
                "cancel" => ("×", "#F43530", true),
                "download" => ("↓", "#09BB07", false),
                "search" => ("⚲", "#B2B2B2", false),
                "clear" => ("×", "#B2B2B2", true),
                _ => return,
            };
            let size = number(element, "size", 23.0);
            let color = color(element, &["color"], default_color);
            let own = if circle {
                format!("width: {size}px; height: {size}px; border-radius: 50%; background-color: {color}; color: #fff; font-size: {}px; line-height: {size}px", size * 0.7)
            } else {
                format!("width: {size}px; height: {size}px; color: {color}; font-size: {size}px; line-height: {size}px")
            };
            let node = &mut tree.nodes[index];
            node.style = format!("{own}; {}", node.style);
            elements[index].children.push(Content::Text(glyph.into()));
        }
        _ => {}
    }
}

/// The box a checkbox or radio draws before its label (`input` is its class and tag), with
/// the classes the platform gives it (apps restyle `checkbox .wx-checkbox-input-checked`).
fn control_input(index: usize, scope: Scope, input: &str, tree: &mut StyleTree, elements: &mut Vec<Styled>) {
    let element = &elements[index];
    let (checked, disabled) = (element.flag("checked"), element.flag("disabled"));
    let mut classes = vec![input.to_string()];
    classes.extend(checked.then(|| format!("{input}-checked")));
    classes.extend(disabled.then(|| format!("{input}-disabled")));
    let node = StyleNode { tag: input.to_string(), scope, classes: classes.into_iter().map(|c| (c, scope)).collect(), ..StyleNode::default() };
    push(tree, elements, index, node, Rc::from(input), Vec::new());
}

/// Rich-text nodes as elements of the styled tree (in the scope of the template that wrote
/// the `<rich-text>`, whose sheet styles their classes). An `img` becomes an image as wide
/// as its `width` (or its container) with the picture's proportions.
fn rich_content(nodes: &[crate::rich_text::RichNode], parent: usize, scope: Scope, device: &Device, tree: &mut StyleTree, elements: &mut Vec<Styled>) {
    use crate::rich_text::RichNode;
    for node in nodes {
        match node {
            RichNode::Text(text) => elements[parent].children.push(Content::Text(text.clone())),
            RichNode::Element { name, attrs, children } => {
                let attr = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("");
                let mut style = String::new();
                let mut tag = name.as_str();
                let mut own_attrs = Vec::new();
                if name == "img" {
                    tag = "image";
                    let length = |v: &str| if v.is_empty() { None } else { Some(if v.ends_with('%') || v.ends_with("px") { v.to_string() } else { format!("{v}px") }) };
                    style = match (length(attr("width")), length(attr("height"))) {
                        (Some(w), Some(h)) => format!("width: {w}; height: {h};"),
                        (w, _) => format!("width: {}; height: auto;", w.unwrap_or_else(|| "100%".into())),
                    };
                    own_attrs.push((Rc::from("src"), Value::String(attr("src").into())));
                    if attr("height").is_empty() {
                        own_attrs.push((Rc::from("mode"), Value::String("widthFix".into())));
                    }
                }
                style.push_str(attr("style"));
                let node = StyleNode {
                    tag: tag.to_string(),
                    classes: attr("class").split_whitespace().map(|c| (c.to_string(), scope)).collect(),
                    style: wxemu_wxss::cascade::inline_style(&style, device),
                    scope,
                    ..StyleNode::default()
                };
                let at = push(tree, elements, parent, node, Rc::from(tag), own_attrs);
                rich_content(children, at, scope, device, tree, elements);
            }
        }
    }
}

/// Moves the part just pushed into an element to the front of its children (built-in parts
/// are pushed after the template's children).
fn last_child_first(element: &mut Styled) {
    if let Some(last) = element.children.pop() {
        element.children.insert(0, last);
    }
}

/// A swiper's items: its swiper-item children, also those a `<block>` wraps.
fn swiper_items(elements: &[Styled], swiper: usize) -> Vec<usize> {
    let children = elements[swiper].children.iter().filter_map(|c| if let Content::Element(e) = c { Some(*e) } else { None });
    children
        .flat_map(|e| match &*elements[e].tag {
            "swiper-item" => vec![e],
            "block" => swiper_items(elements, e),
            _ => Vec::new(),
        })
        .collect()
}

/// A numeric attribute (numbers or numeric strings, as templates pass them).
fn number(element: &Styled, name: &str, default: f32) -> f32 {
    element.attr(name).trim().trim_end_matches("px").parse().unwrap_or(default)
}

/// The first colour attribute given among `names`.
fn color(element: &Styled, names: &[&str], default: &str) -> String {
    names.iter().map(|n| element.attr(n)).find(|c| !c.is_empty()).unwrap_or_else(|| default.to_string())
}
