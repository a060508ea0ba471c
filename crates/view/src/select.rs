//! Finding nodes in a rendered tree with the selectors page tests use: `tag`, `#id`,
//! `.class`, `[attr]`, `[attr=value]`, compounds of those (`view.item#first`), and the
//! descendant (` `) and child (`>`) combinators. A node is addressed by its path of child
//! indices from the page root.

use wxemu_wxml::{Element, Node, Value};

/// The child indices leading from the page's node list to a node.
pub type NodePath = Vec<usize>;

/// One compound selector: every part must match the same element.
#[derive(Clone, Debug, Default, PartialEq)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    attrs: Vec<(String, Option<String>)>,
}

/// How a compound relates to the one before it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Combinator {
    Descendant,
    Child,
}

/// A parsed selector: the selectors of a `,` list (the union), each its compounds from left
/// to right with the combinator before each.
#[derive(Clone, Debug, PartialEq)]
pub struct Selector(Vec<Vec<(Combinator, Compound)>>);

impl Selector {
    /// Parses a selector; an empty or malformed one is an error naming what is wrong.
    pub fn parse(text: &str) -> Result<Selector, String> {
        text.split(',').map(|one| Self::parse_one(one, text)).collect::<Result<_, _>>().map(Selector)
    }

    fn parse_one(one: &str, text: &str) -> Result<Vec<(Combinator, Compound)>, String> {
        let mut parts = Vec::new();
        let mut combinator = Combinator::Descendant;
        // `>>>` (into custom components) is a descendant in the composed tree, which already
        // holds every component's template.
        let spaced = one.replace(">>>", " ").replace('>', " > ");
        for token in spaced.split_whitespace() {
            if token == ">" {
                combinator = Combinator::Child;
                continue;
            }
            parts.push((combinator, parse_compound(token)?));
            combinator = Combinator::Descendant;
        }
        if parts.is_empty() {
            return Err(format!("empty selector in `{text}`"));
        }
        Ok(parts)
    }

    /// Paths of every element matching, in document order.
    pub fn select_all(&self, nodes: &[Node]) -> Vec<NodePath> {
        let mut out = Vec::new();
        let mut chain = Vec::new();
        walk(nodes, &mut Vec::new(), &mut chain, &mut |path, chain| {
            if self.matches(chain) {
                out.push(path.to_vec());
            }
        });
        out
    }

    /// `chain` is the element and its ancestors, root first.
    fn matches(&self, chain: &[&Element]) -> bool {
        let Some((target, ancestors)) = chain.split_last() else { return false };
        self.0.iter().any(|one| {
            let Some(((link, last), rest)) = one.split_last() else { return false };
            last.matches(target) && matches_upward(rest, *link, ancestors)
        })
    }
}

/// Whether the compounds before the last match the ancestors, honouring combinators.
fn matches_upward(compounds: &[(Combinator, Compound)], link: Combinator, ancestors: &[&Element]) -> bool {
    let Some(((next_link, compound), rest)) = compounds.split_last() else { return true };
    match link {
        Combinator::Child => match ancestors.split_last() {
            Some((parent, above)) => compound.matches(parent) && matches_upward(rest, *next_link, above),
            None => false,
        },
        Combinator::Descendant => (0..ancestors.len()).rev().any(|i| compound.matches(ancestors[i]) && matches_upward(rest, *next_link, &ancestors[..i])),
    }
}

fn walk<'n>(nodes: &'n [Node], path: &mut NodePath, chain: &mut Vec<&'n Element>, visit: &mut dyn FnMut(&[usize], &[&'n Element])) {
    for (i, node) in nodes.iter().enumerate() {
        if let Node::Element(el) = node {
            path.push(i);
            chain.push(el);
            visit(path, chain);
            walk(&el.children, path, chain, visit);
            chain.pop();
            path.pop();
        }
    }
}

fn parse_compound(token: &str) -> Result<Compound, String> {
    let mut c = Compound::default();
    let mut rest = token;
    let name_end = |s: &str| s.find(['.', '#', '[']).unwrap_or(s.len());
    if !rest.starts_with(['.', '#', '[']) {
        let end = name_end(rest);
        if &rest[..end] != "*" {
            c.tag = Some(rest[..end].to_string());
        }
        rest = &rest[end..];
    }
    while let Some(first) = rest.chars().next() {
        let (kind, body) = rest.split_at(first.len_utf8());
        if kind == "[" {
            let close = body.find(']').ok_or_else(|| format!("`[` without `]` in `{token}`"))?;
            let inner = &body[..close];
            let attr = match inner.split_once('=') {
                Some((name, value)) => (name.trim().to_string(), Some(value.trim().trim_matches(['"', '\'']).to_string())),
                None => (inner.trim().to_string(), None),
            };
            c.attrs.push(attr);
            rest = &body[close + 1..];
            continue;
        }
        let end = name_end(body);
        if end == 0 {
            return Err(format!("`{kind}` without a name in `{token}`"));
        }
        match kind {
            "." => c.classes.push(body[..end].to_string()),
            "#" => c.id = Some(body[..end].to_string()),
            _ => return Err(format!("unexpected `{kind}` in `{token}`")),
        }
        rest = &body[end..];
    }
    Ok(c)
}

impl Compound {
    fn matches(&self, el: &Element) -> bool {
        let text = |name: &str| el.attr(name).map(Value::to_js_string);
        self.tag.as_deref().is_none_or(|t| &*el.tag == t)
            && self.id.as_deref().is_none_or(|id| text("id").as_deref() == Some(id))
            && self.classes.iter().all(|c| text("class").is_some_and(|cls| cls.split_whitespace().any(|x| x == c)))
            && self.attrs.iter().all(|(name, value)| match value {
                Some(v) => text(name).as_deref() == Some(v.as_str()),
                None => el.attr(name).is_some(),
            })
    }
}

/// The element at `path`, with its ancestors (root first, the element last).
/// Calls `visit` with every element under `nodes` and its path, in tree order.
pub fn for_each_element(nodes: &[Node], visit: &mut impl FnMut(&NodePath, &Element)) {
    fn walk(nodes: &[Node], path: &mut NodePath, visit: &mut impl FnMut(&NodePath, &Element)) {
        for (i, node) in nodes.iter().enumerate() {
            if let Node::Element(el) = node {
                path.push(i);
                visit(path, el);
                walk(&el.children, path, visit);
                path.pop();
            }
        }
    }
    walk(nodes, &mut Vec::new(), visit);
}

pub fn element_chain<'n>(nodes: &'n [Node], path: &[usize]) -> Vec<&'n Element> {
    let mut chain = Vec::new();
    let mut level = nodes;
    for &i in path {
        match level.get(i) {
            Some(Node::Element(el)) => {
                chain.push(el);
                level = &el.children;
            }
            _ => return Vec::new(),
        }
    }
    chain
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use wxemu_wxml::{dump, ModuleTable, Program, Renderer, WxsFunction, WxsHost};

    struct NoWxs;
    impl WxsHost for NoWxs {
        fn call(&mut self, _: WxsFunction, _: &[Value]) -> Result<Value, String> {
            Err("none".into())
        }
    }

    pub(crate) fn tree(wxml: &str) -> Vec<Node> {
        let program = Program::load("t.wxml", &mut |_| Ok(wxml.to_string()));
        let modules = ModuleTable::new();
        let mut wxs = NoWxs;
        Renderer::new(&program, &modules, &mut wxs).render_file("t.wxml", &Value::Null)
    }

    fn select(wxml: &str, selector: &str) -> Vec<String> {
        let nodes = tree(wxml);
        Selector::parse(selector).unwrap().select_all(&nodes).iter().map(|p| dump::to_wxml(&[Node::Element(element_chain(&nodes, p).last().unwrap().to_owned().clone())]).trim().to_string()).collect()
    }

    #[test]
    fn compound_and_combinator_selectors() {
        let page = r#"<view class="list"><view class="item a" id="first">1</view><text class="item">2</text><view><view class="item">3</view></view></view><view class="item" data-k="v">4</view>"#;
        assert_eq!(select(page, ".item").len(), 4);
        assert_eq!(
            select(page, "view.item#first"),
            [r#"<view class="item a" id="first">
  1
</view>"#]
        );
        assert_eq!(select(page, ".list > .item").len(), 2);
        assert_eq!(select(page, ".list .item").len(), 3);
        assert_eq!(select(page, "#first, text.item, [data-k]").len(), 3, "a selector list is the union, in document order");
        assert_eq!(select(page, "[data-k=v]").len(), 1);
        assert_eq!(select(page, "text").len(), 1);
        assert!(Selector::parse("  ").is_err());
        assert!(Selector::parse("a[b").is_err());
    }
}
