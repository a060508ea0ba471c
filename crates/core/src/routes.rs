//! Where a component's `triggerEvent` goes. After every render the Simulator records, for
//! each component host in the page, the chain of elements from the page root down to the
//! host (without their children); the logic layer asks this router synchronously while
//! `triggerEvent` runs, as exparser dispatches component events at once.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wxemu_appservice::{ComponentEvent, EventRouter, HandlerCall};
use wxemu_view::event::{dispatch_with, event_object};
use wxemu_wxml::{Element, Node};

/// Host chains by page, then by component instance.
#[derive(Default)]
pub struct EventRoutes {
    pages: RefCell<HashMap<u32, HashMap<u32, Vec<Element>>>>,
    now: Cell<u64>,
}

impl EventRoutes {
    /// Records the host chains of a page's freshly composed tree.
    pub fn update_page(&self, page: u32, tree: &[Node]) {
        let mut chains = HashMap::new();
        collect(tree, &mut Vec::new(), &mut chains);
        self.pages.borrow_mut().insert(page, chains);
    }

    /// Forgets a closed page.
    pub fn remove_page(&self, page: u32) {
        self.pages.borrow_mut().remove(&page);
    }

    /// The clock time events are stamped with.
    pub fn set_now(&self, now: u64) {
        self.now.set(now);
    }
}

fn collect(nodes: &[Node], chain: &mut Vec<Element>, out: &mut HashMap<u32, Vec<Element>>) {
    for node in nodes {
        if let Node::Element(el) = node {
            chain.push(shallow(el));
            if let Some(instance) = el.component {
                out.insert(instance, chain.clone());
            }
            collect(&el.children, chain, out);
            chain.pop();
        }
    }
}

/// The element without its children.
fn shallow(el: &Element) -> Element {
    Element {
        tag: el.tag.clone(),
        attrs: el.attrs.clone(),
        generics: Vec::new(),
        model: Vec::new(),
        key: el.key.clone(),
        children: Vec::new(),
        owner: el.owner,
        component: el.component,
    }
}

/// The instance whose method handles an event on `chain[index]`: the element's owner (the
/// page for elements of the page's own template).
pub fn owner_of(chain: &[&Element], index: usize, page: u32) -> u32 {
    match chain[index].owner {
        0 => page,
        owner => owner,
    }
}

impl EventRouter for EventRoutes {
    /// The event starts at the component's host: it reaches the host's handlers, its
    /// ancestors when it bubbles (only those in the host's own template unless composed),
    /// and capture handlers when `capturePhase` is set.
    fn route(&self, event: &ComponentEvent) -> Vec<HandlerCall> {
        let pages = self.pages.borrow();
        let Some((page, full)) = pages.iter().find_map(|(page, chains)| chains.get(&event.instance).map(|c| (*page, c))) else { return Vec::new() };
        let host_owner = full.last().map_or(page, |h| h.owner);
        let chain: Vec<&Element> = full.iter().filter(|e| event.composed || e.owner == host_owner).collect();
        dispatch_with(&chain, &event.name, event.bubbles, event.capture_phase)
            .into_iter()
            .map(|call| {
                let object = event_object(&event.name, self.now.get(), &chain, call.current_target, event.detail.clone());
                (owner_of(&chain, call.current_target, page), call.method, object)
            })
            .collect()
    }
}
