//! `<rich-text>` content: its `nodes` (an array of element and text nodes, or an HTML string
//! read with quick-xml), kept to the platform's trusted tags and attributes.

use super::{BuiltIn, Parts};
use crate::styled::Content;
use quick_xml::events::Event;
use std::rc::Rc;
use wxemu_wxml::Value;
use wxemu_wxss::StyleNode;

pub struct RichText;

impl BuiltIn for RichText {
    fn tags(&self) -> &'static [&'static str] {
        &["rich-text"]
    }

    fn style(&self) -> &'static str {
        "rich-text { display: block; }
/* rich-text: the WebView's default styles of the HTML tags it trusts */
rich-text div, rich-text p, rich-text h1, rich-text h2, rich-text h3, rich-text h4, rich-text h5, rich-text h6,
rich-text ul, rich-text ol, rich-text li, rich-text dl, rich-text dt, rich-text dd, rich-text blockquote, rich-text pre,
rich-text section, rich-text article, rich-text aside, rich-text header, rich-text footer, rich-text nav, rich-text address,
rich-text center, rich-text fieldset, rich-text table, rich-text caption, rich-text thead, rich-text tbody, rich-text tfoot,
rich-text hr, rich-text br { display: block; }
rich-text p, rich-text ul, rich-text ol, rich-text dl, rich-text blockquote, rich-text pre { margin: 1em 0; }
rich-text h1 { font-size: 2em; margin: 0.67em 0; font-weight: bold; }
rich-text h2 { font-size: 1.5em; margin: 0.83em 0; font-weight: bold; }
rich-text h3 { font-size: 1.17em; margin: 1em 0; font-weight: bold; }
rich-text h4 { margin: 1.33em 0; font-weight: bold; }
rich-text h5 { font-size: 0.83em; margin: 1.67em 0; font-weight: bold; }
rich-text h6 { font-size: 0.67em; margin: 2.33em 0; font-weight: bold; }
rich-text b, rich-text strong, rich-text th { font-weight: bold; }
rich-text i, rich-text em, rich-text cite, rich-text address { font-style: italic; }
rich-text u, rich-text ins { text-decoration: underline; }
rich-text s, rich-text del { text-decoration: line-through; }
rich-text ul, rich-text ol { padding-left: 40px; }
rich-text blockquote { margin-left: 40px; margin-right: 40px; }
rich-text pre, rich-text code, rich-text tt { font-family: monospace; }
rich-text pre { white-space: pre; }
rich-text center { text-align: center; }
rich-text small, rich-text sub, rich-text sup { font-size: 0.83em; }
rich-text big { font-size: 1.17em; }
rich-text mark { background-color: #ff0; }
rich-text hr { margin: 0.5em 0; border-top: 1px solid #ccc; }
rich-text tr { display: flex; }
rich-text td, rich-text th { display: block; flex: 1; padding: 1px; }"
    }

    /// Its nodes as elements of the styled tree, in the scope of the template that wrote the
    /// `<rich-text>` (whose sheet styles their classes).
    fn parts(&self, parts: &mut Parts) {
        let nodes = nodes(&parts.element().attrs.iter().find(|(n, _)| &**n == "nodes").map(|(_, v)| v.clone()).unwrap_or_default());
        content(&nodes, parts.index, parts);
    }
}

/// Rich-text nodes as elements under `parent`. An `img` becomes an image as wide as its
/// `width` (or its container) with the picture's proportions.
fn content(nodes: &[RichNode], parent: usize, parts: &mut Parts) {
    for node in nodes {
        match node {
            RichNode::Text(text) => parts.elements[parent].children.push(Content::Text(text.clone())),
            RichNode::Element { name, attrs, children } => {
                let attr = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("");
                let mut style = String::new();
                let mut tag = name.as_str();
                let mut own_attrs = Vec::new();
                if name == "img" {
                    tag = super::image::IMAGE;
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
                    classes: attr("class").split_whitespace().map(|c| (c.to_string(), parts.scope)).collect(),
                    style: wxemu_wxss::cascade::inline_style(&style, parts.device),
                    scope: parts.scope,
                    ..StyleNode::default()
                };
                let at = crate::styled::push(parts.tree, parts.elements, parent, node, Rc::from(tag), own_attrs);
                content(children, at, parts);
            }
        }
    }
}

/// One node of rich text.
#[derive(Clone, Debug, PartialEq)]
pub enum RichNode {
    /// A trusted element: lower-case tag name, its trusted attributes (`class`, `style` and
    /// the tag's own), children.
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<RichNode>,
    },
    Text(String),
}

/// Tags the platform shows, with the attributes each keeps besides `class` and `style`.
/// Other elements are removed with everything in them.
const TRUSTED: &[(&str, &[&str])] = &[
    ("a", &[]),
    ("abbr", &[]),
    ("address", &[]),
    ("article", &[]),
    ("aside", &[]),
    ("b", &[]),
    ("bdi", &[]),
    ("bdo", &["dir"]),
    ("big", &[]),
    ("blockquote", &[]),
    ("br", &[]),
    ("caption", &[]),
    ("center", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("col", &["span", "width"]),
    ("colgroup", &["span", "width"]),
    ("dd", &[]),
    ("del", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("fieldset", &[]),
    ("font", &[]),
    ("footer", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("header", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["alt", "src", "height", "width"]),
    ("ins", &[]),
    ("label", &[]),
    ("legend", &[]),
    ("li", &[]),
    ("mark", &[]),
    ("nav", &[]),
    ("ol", &["start", "type"]),
    ("p", &[]),
    ("pre", &[]),
    ("q", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("section", &[]),
    ("small", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("table", &["width"]),
    ("tbody", &[]),
    ("td", &["colspan", "height", "rowspan", "width"]),
    ("tfoot", &[]),
    ("th", &["colspan", "height", "rowspan", "width"]),
    ("thead", &[]),
    ("tr", &["colspan", "height", "rowspan", "width"]),
    ("tt", &[]),
    ("u", &[]),
    ("ul", &[]),
];

/// HTML elements that have no end tag.
const VOID: &[&str] = &["br", "hr", "img", "col", "input", "meta", "link", "area", "base", "wbr", "source"];

/// An element node with only its trusted attributes, or None when its tag is not trusted.
fn element(name: &str, attrs: impl IntoIterator<Item = (String, String)>, children: Vec<RichNode>) -> Option<RichNode> {
    let name = name.to_ascii_lowercase();
    let (_, own) = TRUSTED.iter().find(|(tag, _)| *tag == name)?;
    let attrs = attrs.into_iter().filter(|(k, _)| k == "class" || k == "style" || own.contains(&k.as_str())).collect();
    Some(RichNode::Element { name, attrs, children })
}

/// The `nodes` attribute as rich-text nodes.
pub fn nodes(value: &Value) -> Vec<RichNode> {
    match value {
        Value::String(html) => parse_html(html),
        Value::Array(items) => items.iter().filter_map(node).collect(),
        _ => Vec::new(),
    }
}

/// One node of the array form: `{type: 'text', text}` or `{name, attrs, children}`.
fn node(value: &Value) -> Option<RichNode> {
    let field = |name: &str| value.get_named(name);
    if field("type").to_js_string() == "text" {
        return Some(RichNode::Text(decode(&field("text").to_js_string())));
    }
    let attrs = match field("attrs") {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.to_js_string())).collect(),
        _ => Vec::new(),
    };
    let children = match field("children") {
        Value::Array(items) => items.iter().filter_map(node).collect(),
        _ => Vec::new(),
    };
    element(&field("name").to_js_string(), attrs, children)
}

/// An element being read: its name, attributes and children so far.
type Open = (String, Vec<(String, String)>, Vec<RichNode>);

/// Reads an HTML string: unclosed elements close with their parent, void elements need no
/// end tag, attributes may be unquoted, and entities (`&nbsp;` too) are decoded.
pub fn parse_html(html: &str) -> Vec<RichNode> {
    let mut reader = quick_xml::Reader::from_str(html);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    // Open elements: (name, attributes, children so far); the bottom one is the content.
    let mut open: Vec<Open> = vec![(String::new(), Vec::new(), Vec::new())];
    let close = |open: &mut Vec<Open>| {
        let (name, attrs, children) = open.pop().expect("an open element");
        let parent = &mut open.last_mut().expect("the content stays open").2;
        parent.extend(element(&name, attrs, children));
    };
    loop {
        match reader.read_event() {
            // Past the nesting a template may have, elements are left out (their text stays).
            Ok(Event::Start(_)) if open.len() > wxemu_wxml::syntax::MAX_NESTING => {}
            Ok(Event::Start(start)) => {
                let name = String::from_utf8_lossy(start.name().as_ref()).to_ascii_lowercase();
                open.push((name.clone(), attributes(&start), Vec::new()));
                if VOID.contains(&name.as_str()) {
                    close(&mut open);
                }
            }
            Ok(Event::Empty(start)) => {
                let name = String::from_utf8_lossy(start.name().as_ref()).to_ascii_lowercase();
                open.push((name, attributes(&start), Vec::new()));
                close(&mut open);
            }
            Ok(Event::End(end)) => {
                let name = String::from_utf8_lossy(end.name().as_ref()).to_ascii_lowercase();
                if let Some(depth) = open.iter().rposition(|(open_name, _, _)| *open_name == name).filter(|&d| d > 0) {
                    while open.len() > depth {
                        close(&mut open);
                    }
                }
            }
            Ok(Event::Text(text)) => push_text(&mut open.last_mut().expect("the content stays open").2, &decode(&String::from_utf8_lossy(&text))),
            Ok(Event::GeneralRef(reference)) => {
                let raw = format!("&{};", String::from_utf8_lossy(&reference));
                push_text(&mut open.last_mut().expect("the content stays open").2, &decode(&raw));
            }
            Ok(Event::CData(text)) => push_text(&mut open.last_mut().expect("the content stays open").2, &String::from_utf8_lossy(&text)),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    while open.len() > 1 {
        close(&mut open);
    }
    open.pop().map(|(_, _, children)| children).unwrap_or_default()
}

/// Adds text to children, joined to the text before it.
fn push_text(children: &mut Vec<RichNode>, text: &str) {
    match children.last_mut() {
        Some(RichNode::Text(last)) => last.push_str(text),
        _ => children.push(RichNode::Text(text.to_string())),
    }
}

/// Attributes of an HTML start tag (quoted, unquoted or bare).
fn attributes(start: &quick_xml::events::BytesStart) -> Vec<(String, String)> {
    start.html_attributes().flatten().map(|a| (String::from_utf8_lossy(a.key.as_ref()).to_ascii_lowercase(), decode(&String::from_utf8_lossy(&a.value)))).collect()
}

/// Decodes character references: numeric ones, the XML five, and the HTML ones rich text
/// commonly carries.
fn decode(text: &str) -> String {
    quick_xml::escape::unescape_with(text, |entity| {
        Some(match entity {
            "nbsp" => "\u{a0}",
            "ensp" => "\u{2002}",
            "emsp" => "\u{2003}",
            "copy" => "©",
            "reg" => "®",
            "middot" => "·",
            "hellip" => "…",
            "mdash" => "—",
            "ndash" => "–",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "yen" => "¥",
            "times" => "×",
            other => return quick_xml::escape::resolve_predefined_entity(other),
        })
    })
    .map(|s| s.into_owned())
    .unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> RichNode {
        RichNode::Text(s.into())
    }

    fn el(name: &str, attrs: &[(&str, &str)], children: Vec<RichNode>) -> RichNode {
        RichNode::Element { name: name.into(), attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), children }
    }

    #[test]
    fn html_strings_read_like_a_browser_reads_them() {
        let nodes = parse_html("<div class=box id=x><P style=\"color: red\">One<br>two &amp; three&nbsp;!</p><h11>gone <b>too</b></h11><img src='a.png' width=100 onclick=x>");
        let p = el("p", &[("style", "color: red")], vec![text("One"), el("br", &[], vec![]), text("two & three\u{a0}!")]);
        let img = el("img", &[("src", "a.png"), ("width", "100")], vec![]);
        // id and onclick are not trusted attributes; <h11> is not a trusted tag (it goes with
        // what is inside it); <img> needs no end tag and the div closes at the end.
        assert_eq!(nodes, [el("div", &[("class", "box")], vec![p, img])]);
    }

    #[test]
    fn node_arrays_keep_trusted_tags_and_decode_text() {
        let json = serde_json::json!([
            { "name": "DIV", "attrs": { "class": "a", "id": "no" }, "children": [{ "type": "text", "text": "x&lt;y" }] },
            { "name": "script", "children": [{ "type": "text", "text": "gone" }] },
            { "type": "text", "text": "tail" }
        ]);
        let nodes = nodes(&Value::from_json(&json));
        assert_eq!(nodes, [el("div", &[("class", "a")], vec![text("x<y")]), text("tail")]);
    }
}
