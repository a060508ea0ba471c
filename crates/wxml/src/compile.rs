//! Compiling WXML files to the template IR, once per file, the way wcc does: directives
//! become control nodes (`wx:if` chains, `wx:for`, `<block>`), `<template name>` definitions
//! are collected per file, `<import>`/`<include>`/`<wxs src>` paths are resolved from the
//! package root, and attribute names are normalized (camelCase except `data-*` and names
//! with a `:`).

use crate::expr::{parse_expression, parse_object_body, Expr, ExprError, Interner};
use crate::syntax::{find_mustache, mustache_len, parse, SyntaxAttr, SyntaxElement, SyntaxNode};
use indexmap::IndexMap;
use std::collections::HashMap;
use std::rc::Rc;
use wxemu_package::{resolve_path, Diagnostic, FileError, Pos};

/// Text that may hold `{{ }}` holes: an attribute value or a text node.
#[derive(Clone, Debug, PartialEq)]
pub enum Interp {
    /// No `{{ }}` at all.
    Static(Rc<str>),
    /// Exactly one `{{expr}}` and nothing around it: the value keeps its type.
    Single(Expr),
    /// Text and expressions concatenated to a string.
    Parts(Vec<Part>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Text(String),
    Expr(Expr),
}

/// A node of the compiled template.
#[derive(Clone, Debug, PartialEq)]
pub enum IrNode {
    Element(IrElement),
    Text(Interp),
    /// `wx:if` / `wx:elif` / `wx:else`: the first branch whose test holds renders.
    If(Vec<(Option<Interp>, IrNode)>),
    For(Box<ForLoop>),
    /// `<block>` without directives, or a node list that leaves no element.
    Block(Vec<IrNode>),
    /// `<template is="…" data="{{…}}"/>`.
    TemplateCall {
        is: Interp,
        data: Option<Expr>,
        pos: Pos,
    },
    /// `<include src>`, resolved to a file of the program.
    Include {
        path: String,
        pos: Pos,
    },
}

/// An element with its normalized attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct IrElement {
    pub tag: Rc<str>,
    pub attrs: Vec<(Rc<str>, Interp)>,
    /// `generic:name="component"` pairs.
    pub generics: Vec<(Rc<str>, Rc<str>)>,
    /// Attributes bound two-way with `model:`: (normalized attribute name, data field).
    pub model: Vec<(Rc<str>, Rc<str>)>,
    pub children: Vec<IrNode>,
    pub pos: Pos,
}

/// `wx:for` with its item and index names and `wx:key`.
#[derive(Clone, Debug, PartialEq)]
pub struct ForLoop {
    pub list: Interp,
    pub item: Rc<str>,
    pub index: Rc<str>,
    pub key: Option<Rc<str>>,
    pub body: IrNode,
    pub pos: Pos,
}

/// `<wxs module="name">`: inline code or a `.wxs` file.
#[derive(Clone, Debug, PartialEq)]
pub struct WxsDecl {
    pub module: Rc<str>,
    pub source: WxsSource,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum WxsSource {
    Inline { code: String, pos: Pos },
    File(String),
}

/// A `<template name>` definition.
#[derive(Debug, PartialEq)]
pub struct Template {
    pub name: Rc<str>,
    /// The file that defines it: its imports and WXS modules are what the body sees.
    pub file: String,
    pub nodes: Vec<IrNode>,
}

/// One compiled `.wxml` file.
#[derive(Debug, Default, PartialEq)]
pub struct CompiledFile {
    pub path: String,
    /// The path again, shared by the elements rendered from the file.
    pub name: Rc<str>,
    pub nodes: Vec<IrNode>,
    pub templates: IndexMap<Rc<str>, Rc<Template>>,
    /// Imported files with the position of their `<import>`.
    pub imports: Vec<(String, Pos)>,
    /// Included files with the position of their `<include>`.
    pub includes: Vec<(String, Pos)>,
    pub wxs: Vec<WxsDecl>,
}

/// All WXML files of a package (or of a dump run), compiled, keyed by their path from
/// the package root (`pages/index/index.wxml`).
#[derive(Debug, Default)]
pub struct Program {
    pub files: HashMap<String, CompiledFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Program {
    /// Compiles `entry` and every file it imports or includes, reading sources with `read`
    /// (given a root-relative path). Problems are collected in `self.diagnostics`.
    pub fn load(entry: &str, read: &mut dyn FnMut(&str) -> Result<String, FileError>) -> Program {
        let mut program = Program::default();
        program.add(entry, read);
        program
    }

    /// Compiles `path` and its dependencies if not done yet. A dependency that cannot be
    /// read is reported at the `<import>`/`<include>` that names it.
    pub fn add(&mut self, path: &str, read: &mut dyn FnMut(&str) -> Result<String, FileError>) {
        let mut todo: Vec<(String, Option<(String, Pos)>)> = vec![(path.to_string(), None)];
        while let Some((path, referrer)) = todo.pop() {
            if self.files.contains_key(&path) {
                continue;
            }
            let source = match read(&path) {
                Ok(source) => source,
                Err(e) => {
                    // As wcc does, a missing `<import>`/`<include>` is a warning: the rest
                    // of the template renders.
                    let dependency_missing = referrer.is_some() && e == FileError::Missing;
                    let (file, pos) = referrer.unwrap_or_else(|| (path.clone(), Pos::START));
                    let (message, hint) = match e {
                        FileError::Missing => (format!("file `{path}` not found"), "check the path: it is relative to this file, or to the package root when it starts with /"),
                        FileError::Denied => (e.describe(&path), "keep the package's files inside its folder (no symlinks out of it)"),
                        FileError::NotUtf8(_) => (e.describe(&path), "save the file as UTF-8"),
                        FileError::Invalid { .. } => (e.describe(&path), "fix the file where it says"),
                    };
                    let diagnostic = if dependency_missing { Diagnostic::warning(&file, pos, message) } else { Diagnostic::error(&file, pos, message) };
                    self.diagnostics.push(diagnostic.with_hint(hint));
                    self.files.insert(path.clone(), CompiledFile { name: Rc::from(path.as_str()), path, ..CompiledFile::default() });
                    continue;
                }
            };
            let file = compile_file(&path, &source, &mut self.diagnostics);
            for (dep, pos) in file.imports.iter().chain(&file.includes) {
                todo.push((dep.clone(), Some((path.clone(), *pos))));
            }
            self.files.insert(path, file);
        }
        self.report_include_cycles(path);
    }

    /// Reports `<include>` chains that lead back to a file being included (they would never
    /// end); the renderer skips the include that closes the cycle.
    fn report_include_cycles(&mut self, entry: &str) {
        let mut chain: Vec<String> = vec![entry.to_string()];
        let mut found = Vec::new();
        self.walk_includes(&mut chain, &mut found);
        for (file, pos, cycle) in found {
            self.diagnostics.push(
                Diagnostic::error(&file, pos, format!("include cycle: {}", cycle.join(" → "))).with_hint("an included file must not include (directly or through others) the file that includes it"),
            );
        }
    }

    fn walk_includes(&self, chain: &mut Vec<String>, found: &mut Vec<(String, Pos, Vec<String>)>) {
        let current = chain.last().expect("chain starts with the entry").clone();
        let Some(file) = self.files.get(&current) else { return };
        for (target, pos) in &file.includes {
            if let Some(start) = chain.iter().position(|c| c == target) {
                let mut cycle = chain[start..].to_vec();
                cycle.push(target.clone());
                if !found.iter().any(|(f, p, _)| f == &current && p == pos) {
                    found.push((current.clone(), *pos, cycle));
                }
                continue;
            }
            chain.push(target.clone());
            self.walk_includes(chain, found);
            chain.pop();
        }
    }

    /// The templates a `<template is>` in `file` can name: the file's own, those of the
    /// files it imports (not transitively), and those imported by files it includes.
    pub fn find_template(&self, file: &str, name: &str) -> Option<&Rc<Template>> {
        let f = self.files.get(file)?;
        f.templates.get(name).or_else(|| self.imported_template(f, name)).or_else(|| f.includes.iter().find_map(|(inc, _)| self.imported_template(self.files.get(inc)?, name)))
    }

    /// A template defined in one of the files `f` imports (the last import wins).
    fn imported_template(&self, f: &CompiledFile, name: &str) -> Option<&Rc<Template>> {
        f.imports.iter().rev().find_map(|(i, _)| self.files.get(i)?.templates.get(name))
    }
}

fn with_extension(path: String, ext: &str) -> String {
    if path.ends_with(ext) {
        path
    } else {
        path + ext
    }
}

/// Compiles one file's source.
pub fn compile_file(path: &str, source: &str, diags: &mut Vec<Diagnostic>) -> CompiledFile {
    let tree = parse(path, source, diags);
    let mut c = Compiler { file: CompiledFile { path: path.to_string(), name: Rc::from(path), ..CompiledFile::default() }, names: Interner::default(), diags };
    let nodes = c.children(&tree);
    c.file.nodes = nodes;
    c.file
}

struct Compiler<'d> {
    file: CompiledFile,
    names: Interner,
    diags: &'d mut Vec<Diagnostic>,
}

impl Compiler<'_> {
    fn error(&mut self, pos: Pos, message: String, hint: &str) {
        self.diags.push(Diagnostic::error(&self.file.path, pos, message).with_hint(hint));
    }

    /// Compiles sibling nodes, joining `wx:if`/`wx:elif`/`wx:else` runs into one `If`.
    fn children(&mut self, nodes: &[SyntaxNode]) -> Vec<IrNode> {
        let mut out: Vec<IrNode> = Vec::new();
        // Whether the last significant node was an `If` that a `wx:elif`/`wx:else` may extend.
        let mut chain_open = false;
        for node in nodes {
            match node {
                SyntaxNode::Text { text, pos } => {
                    if text.trim().is_empty() {
                        continue; // whitespace between tags leaves no node
                    }
                    chain_open = false;
                    out.push(IrNode::Text(self.interp(text, *pos)));
                }
                SyntaxNode::Element(el) => {
                    let branch = if let Some(a) = el.attr("wx:elif") { Some((Some(self.attr_interp(a)), "wx:elif", a.pos)) } else { el.attr("wx:else").map(|a| (None, "wx:else", a.pos)) };
                    if let (Some((_, directive, pos)), Some(_)) = (&branch, el.attr("wx:if")) {
                        self.error(*pos, format!("`{directive}` and `wx:if` on the same element"), "keep one of them");
                    }
                    let Some(node) = self.element(el) else { continue };
                    match branch {
                        Some((test, directive, pos)) => match out.last_mut() {
                            Some(IrNode::If(branches)) if chain_open => {
                                chain_open = test.is_some();
                                branches.push((test, node));
                            }
                            _ => self.error(
                                pos,
                                format!("`{directive}` without a `wx:if` before it"),
                                "put it on the element right after a wx:if or wx:elif element (only whitespace and comments may stand between)",
                            ),
                        },
                        // With wx:for, the wx:if was put inside the loop by `element`.
                        None => match el.attr("wx:if").filter(|_| !matches!(node, IrNode::For(_))) {
                            Some(a) => {
                                let test = self.attr_interp(a);
                                out.push(IrNode::If(vec![(Some(test), node)]));
                                chain_open = true;
                            }
                            None => {
                                chain_open = false;
                                out.push(node);
                            }
                        },
                    }
                }
            }
        }
        out
    }

    /// Compiles one element without its `wx:if` family (the caller handles those), wrapped
    /// in a `For` when it has `wx:for`. `None` for definitions that render nothing here.
    fn element(&mut self, el: &SyntaxElement) -> Option<IrNode> {
        let node = match el.name {
            "wxs" => {
                self.wxs(el);
                return None;
            }
            "import" => {
                if let Some(src) = self.src(el) {
                    self.file.imports.push((with_extension(src, ".wxml"), el.pos));
                }
                return None;
            }
            "include" => {
                let path = with_extension(self.src(el)?, ".wxml");
                self.file.includes.push((path.clone(), el.pos));
                IrNode::Include { path, pos: el.pos }
            }
            "template" => match (el.attr("name"), el.attr("is")) {
                (Some(name), _) => {
                    let name = self.names.get(name.value.unwrap_or(""));
                    let nodes = self.children(&el.children);
                    let template = Template { name: name.clone(), file: self.file.path.clone(), nodes };
                    self.file.templates.insert(name, Rc::new(template));
                    return None;
                }
                (None, Some(is)) => IrNode::TemplateCall { is: self.attr_interp(is), data: el.attr("data").and_then(|d| self.template_data(d)), pos: el.pos },
                (None, None) => {
                    self.error(el.pos, "<template> needs `name` (to define) or `is` (to use)".into(), "write <template name=\"x\">…</template> or <template is=\"x\"/>");
                    return None;
                }
            },
            "block" => IrNode::Block(self.children(&el.children)),
            _ => IrNode::Element(self.plain_element(el)),
        };
        let Some(for_attr) = el.attr("wx:for").or_else(|| el.attr("wx:for-items")) else {
            return Some(node);
        };
        let name = |attr: &str, default: &'static str| -> &str { el.attr(attr).and_then(|a| a.value).filter(|v| !v.is_empty()).unwrap_or(default) };
        let (item, index) = (name("wx:for-item", "item"), name("wx:for-index", "index"));
        Some(IrNode::For(Box::new(ForLoop {
            list: self.attr_interp(for_attr),
            item: self.names.get(item),
            index: self.names.get(index),
            key: el.attr("wx:key").and_then(|a| a.value).map(|k| self.names.get(k)),
            body: match el.attr("wx:if") {
                // wx:for takes precedence: the test runs once per item.
                Some(test) => IrNode::If(vec![(Some(self.attr_interp(test)), node)]),
                None => node,
            },
            pos: el.pos,
        })))
    }

    fn plain_element(&mut self, el: &SyntaxElement) -> IrElement {
        let mut attrs: Vec<(Rc<str>, Interp)> = Vec::new();
        let mut seen: std::collections::HashSet<Rc<str>> = std::collections::HashSet::new();
        let mut generics = Vec::new();
        let mut model = Vec::new();
        for a in &el.attrs {
            if let Some(generic) = a.name.strip_prefix("generic:") {
                generics.push((self.names.get(generic), self.names.get(a.value.unwrap_or(""))));
                continue;
            }
            if a.name.starts_with("wx:") {
                continue; // directives were handled; unknown wx: attributes leave nothing
            }
            let name: Rc<str> = match a.name.strip_prefix("model:") {
                Some(prop) => self.names.get(&attr_name(prop)),
                None => self.names.get(&attr_name(a.name)),
            };
            let value = match &a.value {
                None => Interp::Single(Expr::Literal(crate::expr::LiteralValue(crate::Value::Bool(true)))),
                Some(_) => self.attr_interp(a),
            };
            if a.name.starts_with("model:") {
                match &value {
                    Interp::Single(Expr::Name(field)) => model.push((name.clone(), field.clone())),
                    _ => self.error(
                        a.value_pos,
                        format!("`{}` must bind a single data field", a.name),
                        "write it as model:value=\"{{field}}\"; paths like {{a.b}} and expressions cannot be written back",
                    ),
                }
            }
            // (A duplicate is rare: only then is the list searched, so many attributes stay linear.)
            if !seen.insert(name.clone()) {
                attrs.retain(|(n, _)| *n != name);
            }
            attrs.push((name, value));
        }
        let children = self.children(&el.children);
        IrElement { tag: self.names.get(el.name), attrs, generics, model, children, pos: el.pos }
    }

    fn wxs(&mut self, el: &SyntaxElement) {
        let Some(module) = el.attr("module").and_then(|a| a.value).filter(|m| !m.is_empty()) else {
            self.error(el.pos, "<wxs> needs a `module` name".into(), "write <wxs module=\"name\">…</wxs>");
            return;
        };
        let source = match el.attr("src") {
            Some(_) => match self.src(el) {
                Some(path) => WxsSource::File(path),
                None => return,
            },
            None => {
                let (code, pos) = el.script.unwrap_or_default();
                WxsSource::Inline { code: code.to_string(), pos }
            }
        };
        self.file.wxs.push(WxsDecl { module: Rc::from(module), source, pos: el.pos });
    }

    fn src(&mut self, el: &SyntaxElement) -> Option<String> {
        match el.attr("src").and_then(|a| a.value).filter(|s| !s.is_empty()) {
            Some(src) => Some(resolve_path(&self.file.path, src)),
            None => {
                self.error(el.pos, format!("<{}> needs a `src` path", el.name), "give the file's path, relative or from the package root (/…)");
                None
            }
        }
    }

    fn template_data(&mut self, attr: &SyntaxAttr) -> Option<Expr> {
        let value = attr.value.unwrap_or("");
        let trimmed = value.trim();
        let body = trimmed.strip_prefix("{{").and_then(|v| v.strip_suffix("}}"));
        match body {
            Some(body) => match parse_object_body(body, &mut self.names) {
                Ok(e) => Some(e),
                Err(e) => {
                    let offset = value.find("{{").unwrap_or(0) + 2 + e.offset;
                    self.expr_error(attr.value_pos, value, offset, e);
                    None
                }
            },
            None => {
                self.error(attr.value_pos, "template `data` must be written as {{ key: value, … }}".into(), "wrap the fields in {{ }}, e.g. data=\"{{ item, index: i }}\"");
                None
            }
        }
    }

    fn attr_interp(&mut self, attr: &SyntaxAttr) -> Interp {
        match attr.value {
            Some(v) => self.interp(v, attr.value_pos),
            None => Interp::Static(Rc::from("")),
        }
    }

    /// Splits text into literal parts and `{{ }}` expressions, reporting syntax errors at
    /// their position in the file.
    fn interp(&mut self, text: &str, pos: Pos) -> Interp {
        let mut parts = Vec::new();
        let mut rest = 0;
        while let Some(open) = find_mustache(&text[rest..]).map(|i| rest + i) {
            let Some(len) = mustache_len(&text[open..]) else { break };
            if open > rest {
                parts.push(Part::Text(text[rest..open].to_string()));
            }
            let inner = &text[open + 2..open + len - 2];
            match parse_expression(inner, &mut self.names) {
                Ok(e) => parts.push(Part::Expr(e)),
                Err(e) => {
                    self.expr_error(pos, text, open + 2 + e.offset, e);
                    parts.push(Part::Text(String::new()));
                }
            }
            rest = open + len;
        }
        if rest < text.len() {
            parts.push(Part::Text(text[rest..].to_string()));
        }
        match parts.as_slice() {
            [] => Interp::Static(Rc::from("")),
            [Part::Text(t)] => Interp::Static(self.names.get(t)),
            [Part::Expr(_)] => match parts.pop() {
                Some(Part::Expr(e)) => Interp::Single(e),
                _ => unreachable!("matched a single expression"),
            },
            _ => Interp::Parts(parts),
        }
    }

    fn expr_error(&mut self, start: Pos, text: &str, offset: usize, e: ExprError) {
        let pos = start.advance(&text[..offset.min(text.len())]);
        self.error(
            pos,
            format!("bad expression: {}", e.message),
            "WXML expressions allow data paths, literals, + - * / %, comparisons, && || ! and ?: (not typeof, ??, ?., template strings or method calls on data)",
        );
    }
}

/// How wcc names an attribute in its output: `data-*` and names with `:` as written,
/// others camelCased (`hover-class` → `hoverClass`, `a-b-c` → `aBC`).
pub fn attr_name(name: &str) -> String {
    if name.starts_with("data-") || name.contains(':') || !name.contains('-') {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names_follow_wcc() {
        assert_eq!(attr_name("hover-class"), "hoverClass");
        assert_eq!(attr_name("a-b-c"), "aBC");
        assert_eq!(attr_name("data-foo-bar"), "data-foo-bar");
        assert_eq!(attr_name("bind:my-event"), "bind:my-event");
        assert_eq!(attr_name("bindmy-ev"), "bindmyEv");
    }

    #[test]
    fn model_bindings_name_their_field_and_reject_paths() {
        let mut diags = Vec::new();
        let file = compile_file("t.wxml", "<input model:value=\"{{draft}}\"/><input model:value=\"{{a.b}}\"/>", &mut diags);
        let IrNode::Element(first) = &file.nodes[0] else { panic!() };
        assert_eq!(first.model, [(Rc::from("value"), Rc::from("draft"))]);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].to_string().starts_with("t.wxml:1:52: error: `model:value` must bind a single data field"), "{}", diags[0]);
    }

    #[test]
    fn else_without_if_is_an_error() {
        let mut diags = Vec::new();
        compile_file("t.wxml", "<view wx:if=\"{{a}}\"/>text<view wx:else/>", &mut diags);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].to_string().starts_with("t.wxml:1:32: error: `wx:else` without a `wx:if` before it"), "{}", diags[0]);
    }

    #[test]
    fn expression_errors_point_into_the_text() {
        let mut diags = Vec::new();
        compile_file("t.wxml", "<view>\n  ok {{ a ?? b }}</view>", &mut diags);
        assert!(diags[0].to_string().starts_with("t.wxml:2:11: error: bad expression: unexpected token `??`"), "{}", diags[0]);
    }
}
