//! From the composed node tree to styled boxes: the element tree the cascade sees (with each
//! element's style scope), the built-in components' default sheet, and the computed styles.

use crate::select::NodePath;
use std::collections::HashMap;
use std::rc::Rc;
use wxemu_wxml::{Node, Value};
use wxemu_wxss::{Cascade, ComputedStyle, Device, Isolation, Scope, Sheet, StyleNode, StyleTree, BUILT_IN, PAGE};

/// The tag of a `::before` box (the first child of its element; `::after` boxes are last).
const BEFORE: &str = "::before";

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
        let sheet = Rc::new(wxemu_wxss::load("builtin.wxss", device, &|_| Ok(crate::components::default_styles())));
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

/// Text as its element shows it (a built-in may show it otherwise, as `<text decode>` does).
fn shown_text(parent: &Styled, text: &str) -> String {
    match crate::components::registry(&parent.tag) {
        Some(built_in) => built_in.shown_text(parent, text),
        None => text.to_string(),
    }
}

fn same_attrs(a: &[(Rc<str>, Value)], b: &[(Rc<str>, Value)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((m, x), (n, y))| m == n && x.same(y))
}

/// Styles the composed tree `nodes` of a page.
pub fn style(nodes: &[Node], styles: &PageStyles, device: &Device, dark: bool) -> StyledTree {
    let mut tree = StyleTree::new();
    tree.isolation = styles.isolation.clone();
    // <page-meta page-style="…"> (the page's first node) styles `page` inline.
    if let Some(meta) = crate::components::page_meta::of(nodes) {
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
                let has_text = e.children.iter().any(|c| matches!(c, Node::Text(t) if !t.is_empty()));
                let mut style_node = StyleNode { tag: e.tag.to_string(), scope, has_text, ..StyleNode::default() };
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

pub(crate) fn push(tree: &mut StyleTree, elements: &mut Vec<Styled>, parent: usize, node: StyleNode, tag: Rc<str>, attrs: Vec<(Rc<str>, Value)>) -> usize {
    let index = tree.push(parent, node);
    debug_assert_eq!(index, elements.len());
    elements.push(Styled { parent: Some(parent), path: None, tag, attrs, style: ComputedStyle::default(), children: Vec::new() });
    elements[parent].children.push(Content::Element(index));
    index
}

/// What a built-in component draws inside itself (its parts), after the template's children.
fn built_in_content(index: usize, scope: Scope, device: &Device, tree: &mut StyleTree, elements: &mut Vec<Styled>) {
    if let Some(built_in) = crate::components::registry(&elements[index].tag) {
        built_in.parts(&mut crate::components::Parts { index, scope, device, tree, elements });
    }
}
