//! The tolerant WXML tokenizer and tree builder.
//!
//! WXML is not XML: `{{ a < b }}` may stand in text, `<wxs>` bodies are JavaScript, attributes
//! may have no value, and entities are left for the view to decode. Problems are reported as
//! diagnostics with line and column, and the tree is still built (stray end tags are dropped,
//! unclosed elements are closed) so a caller can keep going.

use wxemu_package::{Diagnostic, Pos};

/// A node of the source tree, before directives are interpreted. It borrows from the
/// source text.
#[derive(Clone, Debug, PartialEq)]
pub enum SyntaxNode<'s> {
    Element(SyntaxElement<'s>),
    Text { text: &'s str, pos: Pos },
}

/// `<name attr="value" …>children</name>`.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxElement<'s> {
    pub name: &'s str,
    pub pos: Pos,
    pub attrs: Vec<SyntaxAttr<'s>>,
    pub children: Vec<SyntaxNode<'s>>,
    /// The raw body of a `<wxs>` element (JavaScript, not parsed as WXML).
    pub script: Option<(&'s str, Pos)>,
}

/// One attribute; `value` is `None` for a boolean attribute written without `=`.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxAttr<'s> {
    pub name: &'s str,
    pub value: Option<&'s str>,
    pub pos: Pos,
    pub value_pos: Pos,
}

impl<'s> SyntaxElement<'s> {
    /// The attribute with this name (the last one if it is written twice, as wcc does).
    pub fn attr(&self, name: &str) -> Option<&SyntaxAttr<'s>> {
        self.attrs.iter().rev().find(|a| a.name == name)
    }
}

/// Parses a WXML file into a tree, collecting diagnostics into `diags`.
/// The deepest elements may nest in one file (a phone takes 10,000 nested views).
pub const MAX_NESTING: usize = 10_000;

pub fn parse<'s>(file: &str, source: &'s str, diags: &mut Vec<Diagnostic>) -> Vec<SyntaxNode<'s>> {
    Parser { file, src: source, at: 0, line: 1, col: 1, diags }.parse_document()
}

struct Parser<'a, 's, 'd> {
    file: &'a str,
    src: &'s str,
    at: usize,
    line: u32,
    col: u32,
    diags: &'d mut Vec<Diagnostic>,
}

/// An element whose end tag has not been seen yet.
struct Open<'s> {
    element: SyntaxElement<'s>,
}

/// What a start tag produced: an element that takes children, or a finished one
/// (`<x/>`, or `<wxs>` whose body and end tag were read with it).
enum StartTag<'s> {
    Open(SyntaxElement<'s>),
    Done(SyntaxElement<'s>),
}

impl<'s> Parser<'_, 's, '_> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }

    fn rest(&self) -> &'s str {
        &self.src[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn advance(&mut self, bytes: usize) {
        let end = self.at + bytes;
        for &b in &self.src.as_bytes()[self.at..end] {
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                self.col += 1; // count characters, not UTF-8 continuation bytes
            }
        }
        self.at = end;
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.advance(s.len());
            true
        } else {
            false
        }
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn error(&mut self, pos: Pos, message: String, hint: &str) {
        self.diags.push(Diagnostic::error(self.file, pos, message).with_hint(hint));
    }

    fn parse_document(&mut self) -> Vec<SyntaxNode<'s>> {
        let mut root: Vec<SyntaxNode<'s>> = Vec::new();
        let mut stack: Vec<Open<'s>> = Vec::new();
        let mut too_deep = false;
        while self.at < self.src.len() {
            if self.rest().starts_with("<!--") {
                self.skip_comment();
            } else if self.rest().starts_with("</") {
                self.end_tag(&mut stack, &mut root);
            } else if self.rest().starts_with('<') && self.rest()[1..].starts_with(|c: char| c.is_alphabetic() || c == '_') {
                match self.start_tag() {
                    Some(StartTag::Open(element)) if stack.len() >= MAX_NESTING => {
                        self.error(element.pos, format!("elements nested deeper than {MAX_NESTING} levels"), "flatten the template; the rest of this file is left out");
                        children_of(&mut stack, &mut root).push(SyntaxNode::Element(element));
                        self.at = self.src.len();
                        too_deep = true;
                    }
                    Some(StartTag::Open(element)) => stack.push(Open { element }),
                    Some(StartTag::Done(element)) => {
                        children_of(&mut stack, &mut root).push(SyntaxNode::Element(element));
                    }
                    None => {}
                }
            } else {
                let pos = self.pos();
                let text = self.text();
                children_of(&mut stack, &mut root).push(SyntaxNode::Text { text, pos });
            }
        }
        while let Some(open) = stack.pop() {
            let el = open.element;
            if too_deep {
                children_of(&mut stack, &mut root).push(SyntaxNode::Element(el));
                continue;
            }
            self.error(el.pos, format!("<{}> is never closed", el.name), &format!("add </{}> where the element ends, or write <{} … /> if it has no children", el.name, el.name));
            children_of(&mut stack, &mut root).push(SyntaxNode::Element(el));
        }
        root
    }

    fn skip_comment(&mut self) {
        let pos = self.pos();
        match self.rest().find("-->") {
            Some(end) => self.advance(end + 3),
            None => {
                self.advance(self.rest().len());
                self.error(pos, "comment is never closed".into(), "end the comment with -->");
            }
        }
    }

    /// Text up to the next tag; `{{ … }}` is taken whole, so `<` inside it is not a tag.
    fn text(&mut self) -> &'s str {
        let start = self.at;
        loop {
            let rest = self.rest();
            let rest_len = rest.len();
            let next_tag = rest.find('<').unwrap_or(rest_len);
            match find_mustache(&rest[..next_tag]) {
                Some(open) => {
                    self.advance(open);
                    let open_pos = self.pos();
                    if !self.skip_mustache() {
                        self.error(open_pos, "`{{` is never closed with `}}`".into(), "close the expression with }}");
                        break;
                    }
                }
                None => {
                    self.advance(next_tag);
                    if next_tag < rest_len && !self.at_tag_start() {
                        self.bump(); // a lone `<` that starts no tag is text
                        continue;
                    }
                    break;
                }
            }
        }
        &self.src[start..self.at]
    }

    fn at_tag_start(&self) -> bool {
        let rest = self.rest();
        rest.starts_with("</") || rest.starts_with("<!--") || rest.starts_with('<') && rest[1..].starts_with(|c: char| c.is_alphabetic() || c == '_')
    }

    /// Skips `{{ … }}` starting at `{{`, honouring quotes inside. False if it never closes.
    fn skip_mustache(&mut self) -> bool {
        let len = mustache_len(self.rest());
        match len {
            Some(n) => {
                self.advance(n);
                true
            }
            None => {
                self.advance(self.rest().len());
                false
            }
        }
    }

    fn tag_name(&mut self) -> &'s str {
        // Names end at ASCII delimiters, so bytes can be scanned (multi-byte characters
        // never contain ASCII bytes).
        let rest = self.rest();
        let end = rest.bytes().position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/' | b'=' | b'<' | b'"' | b'\'')).unwrap_or(rest.len());
        let name = &rest[..end];
        self.advance(end);
        name
    }

    /// Parses `<name attrs… >` or `<name … />`. For `<wxs>`, also its body and end tag.
    fn start_tag(&mut self) -> Option<StartTag<'s>> {
        let pos = self.pos();
        self.bump(); // <
        let name = self.tag_name();
        let mut attrs: Vec<SyntaxAttr<'s>> = Vec::new();
        // Where each attribute name first stood (duplicates are found in constant time).
        let mut first_at: std::collections::HashMap<&'s str, Pos> = std::collections::HashMap::new();
        loop {
            self.skip_whitespace();
            let attr_pos = self.pos();
            if self.eat("/>") {
                return Some(StartTag::Done(SyntaxElement { name, pos, attrs, children: Vec::new(), script: None }));
            }
            if self.eat(">") {
                break;
            }
            match self.peek() {
                None => {
                    self.error(pos, format!("<{name}> start tag is never finished"), "end the tag with > or />");
                    return None;
                }
                Some('<') => {
                    self.error(attr_pos, format!("<{name}> start tag is missing its `>`"), "end the tag with > or />");
                    break;
                }
                _ => {}
            }
            let attr_name = self.tag_name();
            if attr_name.is_empty() {
                let c = self.bump().unwrap_or_default();
                self.error(attr_pos, format!("unexpected character `{c}` in <{name}>"), "attributes look like name=\"value\"");
                continue;
            }
            self.skip_whitespace();
            let (value, value_pos) = if self.eat("=") {
                self.skip_whitespace();
                let value_pos = self.pos();
                (self.attr_value(attr_name), value_pos)
            } else {
                (None, attr_pos)
            };
            if let Some(&first_pos) = first_at.get(attr_name) {
                self.diags.push(
                    Diagnostic::warning(self.file, attr_pos, format!("duplicate attribute `{attr_name}` (first at {}:{}); the last one wins", first_pos.line, first_pos.col))
                        .with_hint("remove one of the two"),
                );
            }
            first_at.entry(attr_name).or_insert(attr_pos);
            attrs.push(SyntaxAttr { name: attr_name, value, pos: attr_pos, value_pos });
        }
        let mut element = SyntaxElement { name, pos, attrs, children: Vec::new(), script: None };
        if element.name == "wxs" {
            let body_pos = self.pos();
            let (body, closed) = match self.rest().find("</wxs") {
                Some(end) => (&self.rest()[..end], end),
                None => (self.rest(), usize::MAX),
            };
            if closed == usize::MAX {
                self.advance(self.rest().len());
                self.error(pos, "<wxs> is never closed".into(), "add </wxs> after the module's code");
            } else {
                self.advance(closed + "</wxs".len());
                self.skip_whitespace();
                self.eat(">");
            }
            element.script = Some((body, body_pos));
            return Some(StartTag::Done(element));
        }
        Some(StartTag::Open(element))
    }

    fn attr_value(&mut self, attr_name: &str) -> Option<&'s str> {
        let pos = self.pos();
        match self.peek() {
            Some(q @ ('"' | '\'')) => {
                self.bump();
                match self.rest().find(q) {
                    Some(end) => {
                        let value = &self.rest()[..end];
                        self.advance(end + 1);
                        Some(value)
                    }
                    None => {
                        self.advance(self.rest().len());
                        self.error(pos, format!("value of `{attr_name}` is never closed"), &format!("close the value with {q}"));
                        Some("")
                    }
                }
            }
            _ => {
                // Unquoted: up to white space, `>` or the `/>` that ends the tag.
                let rest = self.rest();
                let end = rest.char_indices().find(|&(i, c)| c.is_whitespace() || c == '>' || rest[i..].starts_with("/>")).map_or(rest.len(), |(i, _)| i);
                let value = &rest[..end];
                self.advance(end);
                Some(value)
            }
        }
    }

    fn end_tag(&mut self, stack: &mut Vec<Open<'s>>, root: &mut Vec<SyntaxNode<'s>>) {
        let pos = self.pos();
        self.advance(2);
        let name = self.tag_name();
        self.skip_whitespace();
        if !self.eat(">") {
            self.error(pos, format!("</{name}> end tag is missing its `>`"), "write the end tag as </name>");
        }
        match stack.iter().rposition(|o| o.element.name == name) {
            None => self.error(pos, format!("</{name}> has no matching <{name}>"), "remove the stray end tag, or add the start tag it closes"),
            Some(i) => {
                while stack.len() > i + 1 {
                    let open = stack.pop().expect("len checked").element;
                    self.error(open.pos, format!("<{}> is not closed before </{name}> at {}:{}", open.name, pos.line, pos.col), &format!("add </{}> before </{name}>", open.name));
                    children_of(stack, root).push(SyntaxNode::Element(open));
                }
                let done = stack.pop().expect("index valid").element;
                children_of(stack, root).push(SyntaxNode::Element(done));
            }
        }
    }
}

fn children_of<'v, 's>(stack: &'v mut [Open<'s>], root: &'v mut Vec<SyntaxNode<'s>>) -> &'v mut Vec<SyntaxNode<'s>> {
    match stack.last_mut() {
        Some(open) => &mut open.element.children,
        None => root,
    }
}

/// The byte offset of the first `{{` in `s`.
pub fn find_mustache(s: &str) -> Option<usize> {
    s.as_bytes().windows(2).position(|w| w == b"{{")
}

/// The byte length of `{{ … }}` at the start of `s`, if closed. Like wcc, the first `}}`
/// outside a quoted string closes it (braces are not balanced: write `{{ {a: 1} }}`).
pub fn mustache_len(s: &str) -> Option<usize> {
    debug_assert!(s.starts_with("{{"));
    let bytes = s.as_bytes();
    let mut i = 2;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(_) if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if bytes[i..].starts_with(b"}}") => return Some(i + 2),
            None => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(src: &str) -> Vec<SyntaxNode<'_>> {
        let mut diags = Vec::new();
        let nodes = parse("t.wxml", src, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        nodes
    }

    fn first_element<'a, 's>(nodes: &'a [SyntaxNode<'s>]) -> &'a SyntaxElement<'s> {
        nodes
            .iter()
            .find_map(|n| match n {
                SyntaxNode::Element(e) => Some(e),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn less_than_inside_mustache_is_not_a_tag() {
        let nodes = parse_ok("<view>{{ a<b ? 1 : 2 }} and {{ '}}' }}</view>");
        let view = first_element(&nodes);
        assert_eq!(view.children, vec![SyntaxNode::Text { text: "{{ a<b ? 1 : 2 }} and {{ '}}' }}", pos: Pos { line: 1, col: 7 } }]);
    }

    #[test]
    fn wxs_body_is_raw_script() {
        let nodes = parse_ok("<wxs module=\"m\">var a = 1 < 2 && b; module.exports = a;</wxs><view/>");
        let wxs = first_element(&nodes);
        assert_eq!(wxs.script.as_ref().unwrap().0, "var a = 1 < 2 && b; module.exports = a;");
        assert_eq!(nodes.len(), 2);
    }

    #[test]
    fn unquoted_values_end_at_space_or_tag_end() {
        let nodes = parse_ok("<view a=1 b=x/y c=2/>");
        let view = first_element(&nodes);
        let values: Vec<_> = view.attrs.iter().map(|a| a.value.unwrap()).collect();
        assert_eq!(values, ["1", "x/y", "2"]);
    }

    #[test]
    fn no_prefix_of_any_fixture_makes_the_parser_panic() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/wxml");
        for case in std::fs::read_dir(dir).unwrap() {
            let source = std::fs::read_to_string(case.unwrap().path().join("index.wxml")).unwrap();
            for (i, _) in source.char_indices() {
                let mut diags = Vec::new();
                crate::compile::compile_file("t.wxml", &source[..i], &mut diags);
            }
        }
    }

    #[test]
    fn boolean_attributes_have_no_value() {
        let nodes = parse_ok("<input disabled value='x' />");
        let input = first_element(&nodes);
        assert_eq!(input.attr("disabled").unwrap().value, None);
        assert_eq!(input.attr("value").unwrap().value, Some("x"));
    }

    #[test]
    fn first_closing_braces_outside_strings_end_the_expression() {
        assert_eq!(mustache_len("{{ {a: 1}}}x"), Some(10));
        assert_eq!(mustache_len("{{ '}}' }}"), Some(10));
        assert_eq!(mustache_len("{{x}}}}"), Some(5));
        assert_eq!(mustache_len("{{x}"), None);
        // A backslash before a multi-byte character inside a string must not split it.
        assert_eq!(mustache_len("{{ '\\中' }}"), Some(12));
        assert_eq!(mustache_len("{{ '\\中"), None);
    }

    #[test]
    fn unclosed_and_stray_tags_are_reported_with_positions() {
        let mut diags = Vec::new();
        let nodes = parse("t.wxml", "<view>\n  <text>a</view>\n</span>", &mut diags);
        let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert!(text[0].starts_with("t.wxml:2:3: error: <text> is not closed before </view> at 2:10"), "{text:?}");
        assert!(text[1].starts_with("t.wxml:3:1: error: </span> has no matching <span>"), "{text:?}");
        assert_eq!(first_element(&nodes).name, "view");
    }
}
