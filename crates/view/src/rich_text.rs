//! `<rich-text>` content: its `nodes` (an array of element and text nodes, or an HTML string
//! read with quick-xml), kept to the platform's trusted tags and attributes.

use quick_xml::events::Event;
use wxemu_wxml::Value;

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
