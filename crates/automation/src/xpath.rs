//! The XPath that `page.xpath()` sends, over the page's composed tree: `/` and `//` steps of
//! a tag or `*` (`page` is the page itself), each with predicates `[n]` (1-based, among
//! the siblings the step matches), `[@attr]`, `[@attr="v"]`, `[contains(@attr,"v")]`,
//! `[text()="v"]`.

use wxemu_wxml::{Element, Node, Value};

#[derive(Debug)]
enum Predicate {
    Position(usize),
    Has(String),
    Equals(String, String),
    Contains(String, String),
    Text(String),
}

#[derive(Debug)]
struct Step {
    descendant: bool,
    tag: String,
    predicates: Vec<Predicate>,
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches(['"', '\'']).to_string()
}

fn predicate(text: &str) -> Result<Predicate, String> {
    let text = text.trim();
    if let Ok(n) = text.parse::<usize>() {
        return Ok(Predicate::Position(n));
    }
    if let Some(inner) = text.strip_prefix("contains(").and_then(|t| t.strip_suffix(')')) {
        let (attr, value) = inner.split_once(',').ok_or_else(|| format!("contains() needs two arguments: {text}"))?;
        return Ok(Predicate::Contains(attr.trim().trim_start_matches('@').to_string(), unquote(value)));
    }
    if let Some(value) = text.strip_prefix("text()").and_then(|t| t.trim().strip_prefix('=')) {
        return Ok(Predicate::Text(unquote(value)));
    }
    if let Some(attr) = text.strip_prefix('@') {
        return Ok(match attr.split_once('=') {
            Some((name, value)) => Predicate::Equals(name.trim().to_string(), unquote(value)),
            None => Predicate::Has(attr.trim().to_string()),
        });
    }
    Err(format!("not supported by wxemu yet: the XPath predicate [{text}]"))
}

fn parse(xpath: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut rest = xpath.trim();
    while !rest.is_empty() {
        let descendant = rest.starts_with("//");
        rest = rest.trim_start_matches('/');
        // The step runs to the next `/` outside brackets.
        let mut depth = 0;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
                c == '/' && depth == 0
            })
            .map_or(rest.len(), |(i, _)| i);
        let step = &rest[..end];
        rest = &rest[end..];
        let (tag, mut predicates_text) = step.split_once('[').map_or((step, ""), |(t, p)| (t, p));
        let mut predicates = Vec::new();
        while !predicates_text.is_empty() {
            let close = predicates_text.find(']').ok_or_else(|| format!("`[` without `]` in {xpath}"))?;
            predicates.push(predicate(&predicates_text[..close])?);
            predicates_text = predicates_text[close + 1..].trim_start_matches('[');
        }
        if tag.is_empty() {
            return Err(format!("an empty step in {xpath}"));
        }
        steps.push(Step { descendant, tag: tag.to_string(), predicates });
    }
    Ok(steps)
}

fn text_of(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(t) => t.to_string(),
            Node::Element(e) => text_of(&e.children),
        })
        .collect()
}

fn attr(el: &Element, name: &str) -> Option<String> {
    el.attr(name).map(Value::to_js_string)
}

/// Whether `el` passes the step's predicates other than position.
fn passes(el: &Element, step: &Step) -> bool {
    (step.tag == "*" || *el.tag == *step.tag)
        && step.predicates.iter().all(|p| match p {
            Predicate::Position(_) => true,
            Predicate::Has(name) => el.attr(name).is_some(),
            Predicate::Equals(name, value) => attr(el, name).as_deref() == Some(value.as_str()),
            Predicate::Contains(name, value) => attr(el, name).is_some_and(|a| a.contains(value.as_str())),
            Predicate::Text(value) => text_of(&el.children).trim() == value,
        })
}

/// The children of `parent` (the page for an empty path) that `step` matches, by path.
fn matching_children(tree: &[Node], parent: &[usize], step: &Step) -> Vec<Vec<usize>> {
    let children: &[Node] = if parent.is_empty() { tree } else { element_at(tree, parent).map_or(&[], |e| e.children.as_slice()) };
    let mut found = Vec::new();
    for (i, node) in children.iter().enumerate() {
        if let Node::Element(el) = node {
            if passes(el, step) {
                let mut path = parent.to_vec();
                path.push(i);
                found.push(path);
            }
        }
    }
    match step.predicates.iter().find_map(|p| if let Predicate::Position(n) = p { Some(*n) } else { None }) {
        Some(n) => found.into_iter().nth(n.saturating_sub(1)).into_iter().collect(),
        None => found,
    }
}

fn element_at<'t>(tree: &'t [Node], path: &[usize]) -> Option<&'t Element> {
    let (first, rest) = path.split_first()?;
    let Node::Element(el) = tree.get(*first)? else { return None };
    if rest.is_empty() {
        Some(el)
    } else {
        element_at(&el.children, rest)
    }
}

/// Every element path under `parent` (itself excluded), in document order.
fn descendants(tree: &[Node], parent: &[usize], out: &mut Vec<Vec<usize>>) {
    let children: &[Node] = if parent.is_empty() { tree } else { element_at(tree, parent).map_or(&[], |e| e.children.as_slice()) };
    for (i, node) in children.iter().enumerate() {
        if let Node::Element(_) = node {
            let mut path = parent.to_vec();
            path.push(i);
            out.push(path.clone());
            descendants(tree, &path, out);
        }
    }
}

/// The paths of the elements `xpath` selects in `tree`, in document order.
pub fn select(tree: &[Node], xpath: &str) -> Result<Vec<Vec<usize>>, String> {
    let mut steps = parse(xpath)?;
    if steps.first().is_some_and(|s| !s.descendant && s.tag == "page" && s.predicates.is_empty()) {
        steps.remove(0);
    }
    let mut context: Vec<Vec<usize>> = vec![Vec::new()];
    for step in &steps {
        let mut next = Vec::new();
        for parent in &context {
            let mut parents = vec![parent.clone()];
            if step.descendant {
                descendants(tree, parent, &mut parents);
            }
            for p in parents {
                for found in matching_children(tree, &p, step) {
                    if !next.contains(&found) {
                        next.push(found);
                    }
                }
            }
        }
        context = next;
    }
    context.sort();
    Ok(context)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: &str, attrs: &[(&str, &str)], children: Vec<Node>) -> Node {
        Node::Element(Element {
            tag: tag.into(),
            attrs: attrs.iter().map(|(k, v)| ((*k).into(), Value::String((*v).into()))).collect(),
            generics: Vec::new(),
            model: Vec::new(),
            key: None,
            children,
            owner: 0,
            component: None,
            source: None,
        })
    }

    #[test]
    fn steps_and_predicates() {
        let text = |t: &str| Node::Text(t.to_string());
        let tree = vec![
            el("view", &[("class", "a")], vec![el("text", &[], vec![text("one")]), el("text", &[("id", "b")], vec![text("two")])]),
            el("view", &[("class", "a c")], vec![el("text", &[], vec![text("three")])]),
        ];
        assert_eq!(select(&tree, "/page/view[2]/text").unwrap(), [vec![1, 0]]);
        assert_eq!(select(&tree, "//text").unwrap().len(), 3);
        assert_eq!(select(&tree, "//text[@id=\"b\"]").unwrap(), [vec![0, 1]]);
        assert_eq!(select(&tree, "//view[contains(@class, 'c')]/text").unwrap(), [vec![1, 0]]);
        assert_eq!(select(&tree, "//*[text()='one']").unwrap(), [vec![0, 0]]);
        assert!(select(&tree, "//view[last()]").is_err());
    }
}
