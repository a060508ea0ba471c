//! What the logic layer may ask the view synchronously (exparser answers at once): where a
//! component's `triggerEvent` goes, and which components `selectComponent` finds. The
//! Simulator shares each page's composed tree here after every render.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wxemu_appservice::{ComponentEvent, HandlerCall, ViewQueries};
use wxemu_view::event::{dispatch_with, event_object};
use wxemu_view::select::{element_chain, NodePath, Selector};
use wxemu_wxml::{Element, Node};

/// The composed trees of the open pages, by page instance.
#[derive(Default)]
pub struct ViewMirror {
    pages: RefCell<HashMap<u32, Rc<Vec<Node>>>>,
    /// The own templates of instances created in the composition under way, whose hosts
    /// are in no page's tree yet.
    shadows: RefCell<HashMap<u32, Rc<Vec<Node>>>>,
    /// Each page's light nodes that no slot took: not drawn, still found.
    unslotted: RefCell<HashMap<u32, Rc<Vec<Node>>>>,
    now: Cell<u64>,
}

impl ViewMirror {
    /// Shares a page's freshly composed tree.
    pub fn update_page(&self, page: u32, tree: Rc<Vec<Node>>) {
        self.pages.borrow_mut().insert(page, tree);
        self.shadows.borrow_mut().clear();
    }

    /// Shares the own template of `instance`, composed before the page's tree is.
    pub fn set_shadow(&self, instance: u32, shadow: Rc<Vec<Node>>) {
        self.shadows.borrow_mut().insert(instance, shadow);
    }

    /// Shares a page's light nodes that no slot took (composed with its tree).
    pub fn set_unslotted(&self, page: u32, nodes: Rc<Vec<Node>>) {
        self.unslotted.borrow_mut().insert(page, nodes);
    }

    /// Forgets a closed page.
    pub fn remove_page(&self, page: u32) {
        self.pages.borrow_mut().remove(&page);
        self.unslotted.borrow_mut().remove(&page);
    }

    /// The clock time events are stamped with.
    pub fn set_now(&self, now: u64) {
        self.now.set(now);
    }

    /// The page holding component `instance`, its tree (or its unslotted nodes), and the
    /// path of the host there.
    fn host(&self, instance: u32) -> Option<(u32, Rc<Vec<Node>>, NodePath)> {
        let found = |trees: &HashMap<u32, Rc<Vec<Node>>>| trees.iter().find_map(|(page, tree)| find_host(tree, instance, &mut Vec::new()).map(|path| (*page, tree.clone(), path)));
        found(&self.pages.borrow()).or_else(|| found(&self.unslotted.borrow()))
    }
}

/// The path of the host element of component `instance`.
fn find_host(nodes: &[Node], instance: u32, path: &mut NodePath) -> Option<NodePath> {
    for (i, node) in nodes.iter().enumerate() {
        if let Node::Element(el) = node {
            path.push(i);
            if el.component == Some(instance) {
                return Some(path.clone());
            }
            if let Some(found) = find_host(&el.children, instance, path) {
                return Some(found);
            }
            path.pop();
        }
    }
    None
}

/// The instance whose method handles an event on `chain[index]`: the element's owner (the
/// page for elements of the page's own template).
pub fn owner_of(chain: &[&Element], index: usize, page: u32) -> u32 {
    match chain[index].owner {
        0 => page,
        owner => owner,
    }
}

impl ViewQueries for ViewMirror {
    /// The event starts at the component's host: it reaches the host's handlers, its
    /// ancestors when it bubbles (only those in the host's own template unless composed),
    /// and capture handlers when `capturePhase` is set.
    fn route(&self, event: &ComponentEvent) -> Vec<HandlerCall> {
        let Some((page, tree, path)) = self.host(event.instance) else { return Vec::new() };
        let full = element_chain(&tree, &path);
        let host_owner = full.last().map_or(page, |h| h.owner);
        let chain: Vec<&Element> = full.into_iter().filter(|e| event.composed || e.owner == host_owner).collect();
        dispatch_with(&chain, &event.name, event.bubbles, event.capture_phase)
            .into_iter()
            .map(|call| {
                let object = event_object(&event.name, self.now.get(), &chain, call.current_target, event.detail.clone());
                (owner_of(&chain, call.current_target, page), call.method, object)
            })
            .collect()
    }

    fn select_components(&self, owner: u32, selector: &str) -> Vec<u32> {
        let Ok(selector) = Selector::parse(selector) else { return Vec::new() };
        let pages = self.pages.borrow();
        let Some(tree) = pages.get(&owner).cloned().or_else(|| {
            drop(pages);
            self.host(owner).map(|(_, tree, _)| tree).or_else(|| self.shadows.borrow().get(&owner).cloned())
        }) else {
            return Vec::new();
        };
        selector.select_all(&tree).iter().filter_map(|path| element_chain(&tree, path).last().copied()).filter(|el| el.owner == owner).filter_map(|el| el.component).collect()
    }

    fn ancestors(&self, instance: u32) -> Vec<u32> {
        let Some((_, tree, path)) = self.host(instance) else { return Vec::new() };
        let chain = element_chain(&tree, &path);
        chain[..chain.len().saturating_sub(1)].iter().rev().filter_map(|el| el.component).collect()
    }

    fn owner_of(&self, instance: u32) -> Option<u32> {
        let (page, tree, path) = self.host(instance)?;
        element_chain(&tree, &path).last().map(|host| if host.owner == 0 { page } else { host.owner })
    }
}
