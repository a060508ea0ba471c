//! The two printed forms of a rendered tree that `wxemu dump` writes: JSON (the shape the
//! conformance fixtures use) and indented WXML.

use crate::render::{Element, Node};
use crate::value::Value;
use serde_json::{json, Map};

/// A node list as JSON: an element is `{"tag", "attrs", "children"}` (plus `"generics"`
/// when it has any) with attribute keys sorted; a text node is `{"text": …}`.
pub fn to_json(nodes: &[Node]) -> serde_json::Value {
    serde_json::Value::Array(nodes.iter().map(node_json).collect())
}

fn node_json(node: &Node) -> serde_json::Value {
    match node {
        Node::Text(t) => json!({ "text": t }),
        Node::Element(el) => {
            let mut attrs: Vec<_> = el.attrs.iter().filter_map(|(k, v)| Some((k.to_string(), v.to_json()?))).collect();
            attrs.sort_by(|a, b| a.0.cmp(&b.0));
            let mut obj = Map::new();
            obj.insert("tag".into(), json!(&*el.tag));
            obj.insert("attrs".into(), serde_json::Value::Object(attrs.into_iter().collect()));
            obj.insert("children".into(), to_json(&el.children));
            if !el.generics.is_empty() {
                let generics = el.generics.iter().map(|(k, v)| (k.to_string(), json!(&**v))).collect();
                obj.insert("generics".into(), serde_json::Value::Object(generics));
            }
            serde_json::Value::Object(obj)
        }
    }
}

/// A node list as indented WXML, attribute values written as literals or `{{json}}`.
pub fn to_wxml(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        write_node(node, 0, &mut out);
    }
    out
}

fn write_node(node: &Node, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    match node {
        Node::Text(t) => {
            out.push_str(&indent);
            out.push_str(t.trim());
            out.push('\n');
        }
        Node::Element(el) => {
            out.push_str(&indent);
            out.push('<');
            out.push_str(&el.tag);
            write_attrs(el, out);
            if el.children.is_empty() {
                out.push_str("/>\n");
                return;
            }
            out.push_str(">\n");
            for child in &el.children {
                write_node(child, depth + 1, out);
            }
            out.push_str(&format!("{indent}</{}>\n", el.tag));
        }
    }
}

fn write_attrs(el: &Element, out: &mut String) {
    let mut attrs: Vec<_> = el.attrs.iter().collect();
    attrs.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, value) in attrs {
        let text = match value {
            Value::String(s) => s.replace('"', "&quot;"),
            other => format!("{{{{ {} }}}}", other.to_json().unwrap_or_default()).replace('"', "'"),
        };
        out.push_str(&format!(" {name}=\"{text}\""));
    }
    for (name, component) in &el.generics {
        out.push_str(&format!(" generic:{name}=\"{component}\""));
    }
}
