//! The element tree the cascade styles, and selector matching on it through
//! `parcel_selectors::Element`, with the platform's component style scopes.

use lightningcss::selector::{PseudoClass, PseudoElement, Selector};
use lightningcss::values::ident::Ident;
use lightningcss::values::string::{CSSString, CowArcStr};
use parcel_selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use parcel_selectors::context::{MatchingContext, MatchingMode, QuirksMode};
use parcel_selectors::matching::{matches_selector, ElementSelectorFlags};
use parcel_selectors::parser::SelectorImpl;
use parcel_selectors::OpaqueElement;
use std::fmt;
use std::marker::PhantomData;

/// A style scope: 0 is the page (app.wxss and the page's wxss), every custom component
/// instance's template has the scope of its component's stylesheet.
pub type Scope = u32;

/// The page scope.
pub const PAGE: Scope = 0;

/// Scope of the built-in components' default sheet: it reaches every element.
pub const BUILT_IN: Scope = Scope::MAX;

/// `options.styleIsolation` of a component (with `addGlobalClass: true` meaning apply-shared).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Isolation {
    /// Page and component styles do not reach each other (the default).
    #[default]
    Isolated,
    /// Page styles reach the component; its own styles stay inside.
    ApplyShared,
    /// Page styles reach the component and its styles reach the page and other shared ones.
    Shared,
}

impl Isolation {
    /// The `styleIsolation` value that names it.
    pub fn name(self) -> &'static str {
        match self {
            Isolation::Isolated => "isolated",
            Isolation::ApplyShared => "apply-shared",
            Isolation::Shared => "shared",
        }
    }
}

/// One element of the composed tree as the cascade sees it.
#[derive(Clone, Debug, Default)]
pub struct StyleNode {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub tag: String,
    pub id: String,
    /// Class names, each with the scope of the template that wrote it (an external class
    /// has the scope of the host's template).
    pub classes: Vec<(String, Scope)>,
    pub attrs: Vec<(String, String)>,
    /// The inline `style` attribute.
    pub style: String,
    /// The scope of the template that wrote this element.
    pub scope: Scope,
    /// For the host element of a custom component: the scope of the component's sheet (its
    /// `:host` rules match this element).
    pub host_of: Option<Scope>,
    /// The host of a component with `options.virtualHost`: it is not in the page, so
    /// selectors see its children in its place (`:last-child`, `+`, `>` skip it).
    pub virtual_host: bool,
    /// Whether it holds text (white space too), which makes it not `:empty`.
    pub has_text: bool,
}

/// The element tree in pre-order (a parent before its children); node 0 is the `page` root.
#[derive(Clone, Debug, Default)]
pub struct StyleTree {
    pub nodes: Vec<StyleNode>,
    /// Isolation of each component scope (index = scope; the page's entry is unused).
    pub isolation: Vec<Isolation>,
}

impl StyleTree {
    /// A tree with just the `page` root.
    pub fn new() -> StyleTree {
        StyleTree { nodes: vec![StyleNode { tag: "page".into(), ..StyleNode::default() }], isolation: vec![Isolation::Isolated] }
    }

    /// The parent of node `index` as selectors see it: past virtual hosts.
    fn shown_parent(&self, index: usize) -> Option<usize> {
        let mut parent = self.nodes[index].parent?;
        while self.nodes[parent].virtual_host {
            parent = self.nodes[parent].parent?;
        }
        Some(parent)
    }

    /// The children of node `index` as selectors see them: a virtual host's children in its
    /// place.
    fn shown_children(&self, index: usize) -> Vec<usize> {
        self.nodes[index].children.iter().flat_map(|&c| if self.nodes[c].virtual_host { self.shown_children(c) } else { vec![c] }).collect()
    }

    /// Appends `node` as the last child of `parent`; returns its index.
    pub fn push(&mut self, parent: usize, mut node: StyleNode) -> usize {
        let index = self.nodes.len();
        node.parent = Some(parent);
        self.nodes.push(node);
        self.nodes[parent].children.push(index);
        index
    }

    fn isolation_of(&self, scope: Scope) -> Isolation {
        if scope == PAGE {
            Isolation::Shared
        } else {
            self.isolation.get(scope as usize).copied().unwrap_or_default()
        }
    }

    /// Whether a class written in `written` is reached by a rule of `rule` scope.
    fn reaches(&self, rule: Scope, written: Scope) -> bool {
        if rule == written || rule == BUILT_IN {
            return true;
        }
        let (r, w) = (self.isolation_of(rule), self.isolation_of(written));
        (rule == PAGE && w != Isolation::Isolated) || (r == Isolation::Shared && (written == PAGE || w != Isolation::Isolated))
    }

    /// The host element (index) of the component instance of `scope` that `index` is in, or
    /// is: the nearest ancestor-or-self hosting that scope.
    fn host(&self, mut index: usize, scope: Scope) -> Option<usize> {
        if scope == PAGE || scope == BUILT_IN {
            return None;
        }
        loop {
            if self.nodes[index].host_of == Some(scope) {
                return Some(index);
            }
            index = self.nodes[index].parent?;
        }
    }

    /// Whether `selector` from a sheet of scope `rule_scope` matches node `index`.
    pub fn matches(&self, selector: &Selector<'static>, index: usize, rule_scope: Scope) -> bool {
        self.matches_in(MatchingMode::Normal, selector, index, rule_scope)
    }

    /// Whether `selector`, which ends in a pseudo-element (`.a::before`), matches that
    /// pseudo-element of node `index`.
    pub fn matches_pseudo_element(&self, selector: &Selector<'static>, index: usize, rule_scope: Scope) -> bool {
        self.matches_in(MatchingMode::ForStatelessPseudoElement, selector, index, rule_scope)
    }

    fn matches_in(&self, mode: MatchingMode, selector: &Selector<'static>, index: usize, rule_scope: Scope) -> bool {
        let mut context = MatchingContext::new(mode, None, None, QuirksMode::NoQuirks);
        context.current_host = self.host(index, rule_scope).map(|h| OpaqueElement::new(&self.nodes[h]));
        let node = Node { tree: self, index, rule_scope, selectors: PhantomData };
        matches_selector(selector, 0, None, &node, &mut context, &mut |_, _| {})
    }
}

/// An element during matching. Generic over lightningcss's selector implementation, whose
/// type is not nameable outside lightningcss (it is inferred from the selector).
struct Node<'t, I> {
    tree: &'t StyleTree,
    index: usize,
    rule_scope: Scope,
    selectors: PhantomData<I>,
}

impl<I> Clone for Node<'_, I> {
    fn clone(&self) -> Self {
        Node { selectors: PhantomData, ..*self }
    }
}

impl<I> fmt::Debug for Node<'_, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}#{}>", self.data().tag, self.index)
    }
}

impl<I> Node<'_, I> {
    fn data(&self) -> &StyleNode {
        &self.tree.nodes[self.index]
    }

    fn at(&self, index: usize) -> Self {
        Node { index, ..self.clone() }
    }

    fn sibling(&self, step: isize) -> Option<Self> {
        let parent = self.tree.shown_parent(self.index)?;
        let children = &self.tree.nodes[parent].children;
        let flat;
        let siblings = if children.iter().any(|&c| self.tree.nodes[c].virtual_host) {
            flat = self.tree.shown_children(parent);
            &flat
        } else {
            children
        };
        let at = siblings.iter().position(|&c| c == self.index)? as isize + step;
        siblings.get(usize::try_from(at).ok()?).map(|&i| self.at(i))
    }

    /// Tag, id and attribute selectors of a component's sheet stay inside its scope.
    fn in_reach(&self) -> bool {
        self.rule_scope == PAGE || self.tree.reaches(self.rule_scope, self.data().scope)
    }

    /// An attribute's value as a selector sees it; `class` is the element's class names, as
    /// its DOM element has them (WeUI selects its icons with `[class^="weui-icon-"]`).
    fn attr(&self, name: &str) -> Option<std::borrow::Cow<'_, str>> {
        let data = self.data();
        match name {
            "id" => Some(data.id.as_str().into()),
            "style" => Some(data.style.as_str().into()),
            "class" if !data.classes.is_empty() => Some(data.classes.iter().map(|(class, _)| class.as_str()).collect::<Vec<_>>().join(" ").into()),
            _ => data.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str().into()),
        }
    }
}

impl<'i, I> parcel_selectors::Element<'i> for Node<'_, I>
where
    I: SelectorImpl<
        'i,
        Identifier = Ident<'i>,
        LocalName = Ident<'i>,
        BorrowedLocalName = Ident<'i>,
        AttrValue = CSSString<'i>,
        NamespaceUrl = CowArcStr<'i>,
        BorrowedNamespaceUrl = CowArcStr<'i>,
        NonTSPseudoClass = PseudoClass<'i>,
        PseudoElement = PseudoElement<'i>,
    >,
{
    type Impl = I;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(self.data())
    }
    fn parent_element(&self) -> Option<Self> {
        self.tree.shown_parent(self.index).map(|p| self.at(p))
    }
    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }
    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }
    fn is_pseudo_element(&self) -> bool {
        false
    }
    fn prev_sibling_element(&self) -> Option<Self> {
        self.sibling(-1)
    }
    fn next_sibling_element(&self) -> Option<Self> {
        self.sibling(1)
    }
    fn is_html_element_in_html_document(&self) -> bool {
        true
    }
    fn has_local_name(&self, name: &Ident<'i>) -> bool {
        self.in_reach() && self.data().tag == name.0.as_ref()
    }
    fn has_namespace(&self, _ns: &CowArcStr<'i>) -> bool {
        true
    }
    fn is_same_type(&self, other: &Self) -> bool {
        self.data().tag == other.data().tag
    }
    fn attr_matches(&self, _ns: &NamespaceConstraint<&CowArcStr<'i>>, name: &Ident<'i>, operation: &AttrSelectorOperation<&CSSString<'i>>) -> bool {
        let Some(value) = self.attr(name.0.as_ref()) else { return false };
        if !self.in_reach() {
            return false;
        }
        match operation {
            AttrSelectorOperation::Exists => true,
            AttrSelectorOperation::WithValue { operator, case_sensitivity, expected_value } => operator.eval_str(&value, expected_value.0.as_ref(), *case_sensitivity),
        }
    }
    fn match_non_ts_pseudo_class<F>(&self, _pc: &PseudoClass<'i>, _context: &mut MatchingContext<'_, 'i, I>, _flags: &mut F) -> bool
    where
        F: FnMut(&Self, ElementSelectorFlags),
    {
        // :hover, :active, :focus… — the view's states come with the built-in components.
        false
    }
    fn match_pseudo_element(&self, _pe: &PseudoElement<'i>, _context: &mut MatchingContext<'_, 'i, I>) -> bool {
        false
    }
    fn is_link(&self) -> bool {
        false
    }
    fn is_html_slot_element(&self) -> bool {
        false
    }
    fn has_id(&self, id: &Ident<'i>, case: CaseSensitivity) -> bool {
        self.in_reach() && case.eq(self.data().id.as_bytes(), id.0.as_bytes())
    }
    fn has_class(&self, name: &Ident<'i>, case: CaseSensitivity) -> bool {
        self.data().classes.iter().any(|(class, written)| case.eq(class.as_bytes(), name.0.as_bytes()) && self.tree.reaches(self.rule_scope, *written))
    }
    fn imported_part(&self, _name: &Ident<'i>) -> Option<Ident<'i>> {
        None
    }
    fn is_part(&self, _name: &Ident<'i>) -> bool {
        false
    }
    fn is_empty(&self) -> bool {
        self.data().children.is_empty() && !self.data().has_text
    }
    fn is_root(&self) -> bool {
        self.index == 0
    }
}
