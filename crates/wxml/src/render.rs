//! Rendering compiled WXML with data into a node tree, with wcc's runtime rules: text is a
//! string, `wx:if`/`wx:for`/`<block>` leave no element, a lone `{{expr}}` attribute keeps
//! its type and an `undefined` one is left out, a template sees only its `data`, and a
//! template that calls itself renders nothing there.

use crate::compile::{CompiledFile, ForLoop, Interp, IrElement, IrNode, Part, Program};
use crate::expr::{Env, Scope, WxsHost};
use crate::value::{js_key_order, Value};
use std::collections::HashMap;
use std::rc::Rc;
use wxemu_package::{Diagnostic, Pos};

/// A rendered node.
#[derive(Clone, Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// A rendered element: tag, attributes with their values, generics, children.
#[derive(Clone, Debug)]
pub struct Element {
    pub tag: Rc<str>,
    pub attrs: Vec<(Rc<str>, Value)>,
    pub generics: Vec<(Rc<str>, Rc<str>)>,
    /// Attributes written with `model:`: (attribute, the owner's data field it writes back to).
    pub model: Vec<(Rc<str>, Rc<str>)>,
    /// The `wx:key` value of the `wx:for` item this element was made for.
    pub key: Option<Value>,
    pub children: Vec<Node>,
    /// The page or component instance whose template made this element (its handlers are
    /// that instance's methods); set when the composed tree is built, 0 before.
    pub owner: u32,
    /// For the host element of a custom component: the component instance it shows.
    pub component: Option<u32>,
    /// Where the template writes it (None for elements the framework adds).
    pub source: Option<Source>,
}

/// A place in a template: the file (root-relative) and the position.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub file: Rc<str>,
    pub pos: Pos,
}

impl Element {
    /// The value of an attribute, if set.
    pub fn attr(&self, name: &str) -> Option<&Value> {
        self.attrs.iter().find(|(n, _)| &**n == name).map(|(_, v)| v)
    }
}

/// The WXS modules each file declares, by file path: `(module name, exports)`.
pub type ModuleTable = HashMap<String, Vec<(Rc<str>, Value)>>;

/// Renders files of a program. Warnings (missing templates, recursion, WXS errors) are
/// collected in `diagnostics`.
pub struct Renderer<'p> {
    program: &'p Program,
    modules: &'p ModuleTable,
    env: Env<'p>,
    /// Templates being expanded, to stop self-recursion.
    active: Vec<*const crate::compile::Template>,
    /// Files being included, to stop include cycles (reported when the program loaded).
    including: Vec<&'p str>,
    pub diagnostics: Vec<Diagnostic>,
    /// Nodes made so far, against [`MAX_NODES`].
    made: usize,
}

/// The most nodes one render makes (a `wx:for` over a billion items stops here, reported).
pub const MAX_NODES: usize = 200_000;

/// Where nodes are being rendered: whose templates and WXS modules they see.
#[derive(Clone, Copy)]
struct Context<'a> {
    /// The file being rendered: its imports resolve `<template is>`, its elements come
    /// from it.
    file: &'a CompiledFile,
    /// The WXS modules the expressions see.
    modules: &'a [(Rc<str>, Value)],
}

const NO_MODULES: &[(Rc<str>, Value)] = &[];

impl<'p> Renderer<'p> {
    pub fn new(program: &'p Program, modules: &'p ModuleTable, wxs: &'p mut dyn WxsHost) -> Self {
        Renderer { program, modules, env: Env { wxs, errors: Vec::new() }, active: Vec::new(), including: Vec::new(), diagnostics: Vec::new(), made: 0 }
    }

    /// Renders the file at `path` with `data` (an object).
    pub fn render_file(&mut self, path: &str, data: &Value) -> Vec<Node> {
        let Some(file) = self.program.files.get(path) else {
            self.warn(path, Pos::default(), format!("no compiled WXML file `{path}`"));
            return Vec::new();
        };
        let cx = Context { file, modules: self.modules_of(file) };
        let mut scope = Scope { data, modules: cx.modules, locals: Vec::new() };
        let mut out = Vec::new();
        self.including.push(&file.path);
        self.nodes(&file.nodes, cx, &mut scope, &mut out);
        self.including.pop();
        self.flush_wxs_errors(path, Pos::START);
        out
    }

    fn modules_of(&self, file: &CompiledFile) -> &'p [(Rc<str>, Value)] {
        self.modules.get(&file.path).map_or(NO_MODULES, Vec::as_slice)
    }

    fn warn(&mut self, file: &str, pos: Pos, message: String) {
        self.diagnostics.push(Diagnostic::warning(file, pos, message));
    }

    fn nodes(&mut self, nodes: &[IrNode], cx: Context, scope: &mut Scope, out: &mut Vec<Node>) {
        for node in nodes {
            self.node(node, cx, scope, out);
        }
    }

    /// Whether one more node may be made; the first that may not is reported.
    fn room(&mut self, cx: Context, pos: Pos) -> bool {
        self.made += 1;
        if self.made == MAX_NODES + 1 {
            let message = format!("the page has more than {MAX_NODES} nodes; the rest are left out");
            self.diagnostics.push(Diagnostic::error(&cx.file.path, pos, message).with_hint("render a window of a long list (paging, or a virtual list) instead of all of it"));
        }
        self.made <= MAX_NODES
    }

    fn node(&mut self, node: &IrNode, cx: Context, scope: &mut Scope, out: &mut Vec<Node>) {
        match node {
            IrNode::Element(el) if !self.room(cx, el.pos) => {}
            IrNode::Text(_) if self.made > MAX_NODES => {}
            IrNode::Element(el) => {
                let element = self.element(el, cx, scope);
                out.push(Node::Element(element));
            }
            IrNode::Text(text) => {
                let mut s = String::with_capacity(text_capacity(text));
                self.write_text(text, scope, &mut s);
                out.push(Node::Text(s));
            }
            IrNode::If(branches) => {
                for (test, body) in branches {
                    if test.as_ref().is_none_or(|t| self.eval(t, scope).truthy()) {
                        self.node(body, cx, scope, out);
                        break;
                    }
                }
            }
            IrNode::For(lp) => self.for_loop(lp, cx, scope, out),
            IrNode::Block(children) => self.nodes(children, cx, scope, out),
            IrNode::TemplateCall { is, data, pos } => {
                let name = self.eval(is, scope).to_js_string();
                let Some(template) = self.program.find_template(&cx.file.path, &name) else {
                    self.warn(&cx.file.path, *pos, format!("template `{name}` not found"));
                    return;
                };
                let key = Rc::as_ptr(template);
                if self.active.contains(&key) {
                    self.warn(&cx.file.path, *pos, format!("template `{name}` calls itself; the recursive call renders nothing"));
                    return;
                }
                let data = match data {
                    Some(expr) => expr.eval(scope, &mut self.env),
                    None => Value::Object(Rc::default()),
                };
                let file = &self.program.files[&template.file];
                let inner_cx = Context { file, modules: self.modules_of(file) };
                let mut inner = Scope { data: &data, modules: inner_cx.modules, locals: Vec::new() };
                self.active.push(key);
                self.nodes(&template.nodes, inner_cx, &mut inner, out);
                self.active.pop();
                self.flush_wxs_errors(&template.file, *pos);
            }
            IrNode::Include { path, pos } => {
                let Some(file) = self.program.files.get(path) else {
                    self.warn(&cx.file.path, *pos, format!("included file `{path}` not found"));
                    return;
                };
                if self.including.contains(&file.path.as_str()) {
                    return; // an include cycle, reported when the program was loaded
                }
                // Included nodes keep the including file's data and WXS modules but
                // resolve templates through the included file's own imports.
                let inc_cx = Context { file, modules: cx.modules };
                self.including.push(&file.path);
                self.nodes(&file.nodes, inc_cx, scope, out);
                self.including.pop();
            }
        }
    }

    fn element(&mut self, el: &IrElement, cx: Context, scope: &mut Scope) -> Element {
        let mut attrs = Vec::with_capacity(el.attrs.len());
        for (name, value) in &el.attrs {
            let v = self.eval(value, scope);
            if !matches!(v, Value::Undefined) {
                attrs.push((name.clone(), v));
            }
        }
        let mut children = Vec::with_capacity(el.children.len());
        self.nodes(&el.children, cx, scope, &mut children);
        self.flush_wxs_errors(&cx.file.path, el.pos);
        let source = Some(Source { file: cx.file.name.clone(), pos: el.pos });
        Element { tag: el.tag.clone(), attrs, generics: el.generics.clone(), model: el.model.clone(), key: None, children, owner: 0, component: None, source }
    }

    fn for_loop(&mut self, lp: &ForLoop, cx: Context, scope: &mut Scope, out: &mut Vec<Node>) {
        let list = self.eval(&lp.list, scope);
        let items: Vec<(Value, Value)> = match &list {
            Value::Array(items) => items.iter().enumerate().map(|(i, v)| (Value::Number(i as f64), v.clone())).collect(),
            Value::Object(map) => js_key_order(map).into_iter().map(|(k, v)| (Value::from(k.as_str()), v.clone())).collect(),
            Value::String(s) => s.chars().enumerate().map(|(i, c)| (Value::Number(i as f64), Value::from(c.to_string()))).collect(),
            // (A number past the node budget counts no further than the budget renders.)
            Value::Number(n) if *n > 0.0 => (0..(n.ceil() as usize).min(MAX_NODES + 1)).map(|i| (Value::Number(i as f64), Value::Number(i as f64))).collect(),
            _ => Vec::new(),
        };
        for (index, item) in items {
            if self.made > MAX_NODES {
                break;
            }
            let key = lp.key.as_deref().map(|k| match k {
                "*this" => item.clone(),
                path => item.get_named(path),
            });
            scope.locals.push((lp.item.clone(), item));
            scope.locals.push((lp.index.clone(), index));
            let start = out.len();
            self.node(&lp.body, cx, scope, out);
            if key.is_some() {
                for node in &mut out[start..] {
                    if let Node::Element(el) = node {
                        el.key = key.clone();
                    }
                }
            }
            scope.locals.truncate(scope.locals.len() - 2);
        }
    }

    fn eval(&mut self, interp: &Interp, scope: &Scope) -> Value {
        match interp {
            Interp::Static(s) => Value::String(s.clone()),
            Interp::Single(e) => e.eval(scope, &mut self.env),
            Interp::Parts(_) => {
                let mut s = String::with_capacity(text_capacity(interp));
                self.write_text(interp, scope, &mut s);
                Value::from(s)
            }
        }
    }

    fn write_text(&mut self, interp: &Interp, scope: &Scope, out: &mut String) {
        match interp {
            Interp::Static(s) => out.push_str(s),
            Interp::Single(e) => e.eval(scope, &mut self.env).write_template_text(out),
            Interp::Parts(parts) => {
                for part in parts {
                    match part {
                        Part::Text(t) => out.push_str(t),
                        Part::Expr(e) => e.eval(scope, &mut self.env).write_template_text(out),
                    }
                }
            }
        }
    }

    fn flush_wxs_errors(&mut self, file: &str, pos: Pos) {
        if self.env.errors.is_empty() {
            return;
        }
        for e in std::mem::take(&mut self.env.errors) {
            self.warn(file, pos, format!("WXS error: {e}"));
        }
    }
}

/// A guess at the length of a rendered text (its literal parts plus a little per
/// expression), so that building it rarely reallocates.
fn text_capacity(interp: &Interp) -> usize {
    match interp {
        Interp::Static(s) => s.len(),
        Interp::Single(_) => 16,
        Interp::Parts(parts) => parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                Part::Expr(_) => 16,
            })
            .sum(),
    }
}
