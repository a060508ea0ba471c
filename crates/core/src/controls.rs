//! The built-in components' state and reactions on a page: the state a control keeps (set by
//! the user, it overrides the template's attribute until that attribute changes), the focus
//! of text fields, and a tap given to the built-in that takes it (see
//! `wxemu_view::components`, whose [`Page`] the Simulator is).

use crate::compose::PageView;
use crate::Simulator;
use serde_json::{json, Value as Json};
use wxemu_view::components::{self, Page, Tap};
use wxemu_view::select::{element_chain, NodePath};
use wxemu_wxml::{Element, Node, Value};

/// A control's state set by the user: the attribute's value when it was set (the template's
/// value, as JSON; a different one later resets the control) and the value the user gave it.
#[derive(Clone, Debug)]
pub struct ControlState {
    pub attr: &'static str,
    pub template: Option<Json>,
    pub current: Value,
}

/// One step to an element, as the platform keeps an element across re-renders: a `wx:for`
/// item with a `wx:key` by its owner and key (rows inserted above do not move it), any other
/// element by its position among its siblings.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    At(usize),
    Keyed(u32, String),
}

/// Which element a control state belongs to (see [`Step`]).
pub type ElementId = Vec<Step>;

fn keyed(el: &Element) -> Option<Step> {
    el.key.as_ref().map(|key| Step::Keyed(el.owner, key.to_js_string()))
}

/// The identity of the element at `path`.
pub(crate) fn identity(nodes: &[Node], path: &[usize]) -> ElementId {
    let mut id = Vec::with_capacity(path.len());
    let mut level = nodes;
    for &i in path {
        let Some(Node::Element(el)) = level.get(i) else { break };
        id.push(keyed(el).unwrap_or(Step::At(i)));
        level = &el.children;
    }
    id
}

/// Where the element `id` is in `nodes` now.
fn locate(nodes: &[Node], id: &ElementId) -> Option<NodePath> {
    let mut path = Vec::with_capacity(id.len());
    let mut level = nodes;
    for step in id {
        let i = match step {
            Step::At(i) => *i,
            Step::Keyed(..) => level.iter().position(|n| matches!(n, Node::Element(el) if keyed(el).as_ref() == Some(step)))?,
        };
        let Node::Element(el) = level.get(i)? else { return None };
        path.push(i);
        level = &el.children;
    }
    Some(path)
}

pub(crate) use components::{all, element_at};

fn element_at_mut<'n>(nodes: &'n mut [Node], path: &[usize]) -> Option<&'n mut Element> {
    let (&first, rest) = path.split_first()?;
    let Node::Element(e) = nodes.get_mut(first)? else { return None };
    if rest.is_empty() {
        Some(e)
    } else {
        element_at_mut(&mut e.children, rest)
    }
}

pub(crate) fn attr(el: &Element, name: &str) -> Value {
    el.attr(name).cloned().unwrap_or(Value::Undefined)
}

impl Simulator {
    /// A tap moves the focus: a tapped input or textarea (not disabled) takes it, with its
    /// `focus` event (`{value, height}`: no keyboard is drawn, so height 0, as in the
    /// DevTools); the one that had it gets `blur` (`{value, cursor}`).
    pub(crate) fn move_focus(&mut self, path: &[usize]) -> Result<(), String> {
        let page = self.stack.last().ok_or("no page is open")?;
        let tree = page.tree.clone();
        let is_field = |el: &Element| is_text_field(el) && !attr(el, "disabled").truthy();
        let tapped = element_chain(&tree, path).iter().rposition(|el| is_field(el)).map(|depth| path[..=depth].to_vec());
        let focused = all(&tree, &|el| is_text_field(el) && attr(el, "focus").truthy());
        for other in focused.into_iter().filter(|p| Some(p) != tapped.as_ref()) {
            self.set_control(&other, "focus", Value::Bool(false));
            // The input method's composition goes with the focus.
            if element_at(&tree, &other).is_some_and(|el| !text(el, "composition").is_empty()) {
                self.set_control(&other, "composition", Value::String("".into()));
            }
            let value = element_at(&tree, &other).map(|el| text(el, "value")).unwrap_or_default();
            let cursor = value.encode_utf16().count();
            self.dispatch_path(&other, "blur", json!({ "value": value, "cursor": cursor }), None)?;
        }
        if let Some(field) = tapped.filter(|p| !element_at(&tree, p).is_some_and(|el| attr(el, "focus").truthy())) {
            self.set_control(&field, "focus", Value::Bool(true));
            let value = element_at(&tree, &field).map(|el| text(el, "value")).unwrap_or_default();
            self.dispatch_path(&field, "focus", json!({ "value": value, "height": 0 }), None)?;
        }
        Ok(())
    }
}

pub(crate) use components::text;

/// Whether the element is a text field (a built-in a tap focuses).
pub(crate) fn is_text_field(el: &Element) -> bool {
    components::is(el, |b| b.takes_focus())
}

impl PageView {
    /// Re-applies the user's control states to a freshly rendered tree; a state whose element
    /// is gone or whose attribute the template changed is dropped.
    pub(crate) fn apply_control_states(&mut self, tree: &mut [Node]) {
        self.controls.retain(|(id, _), state| match locate(tree, id).and_then(|path| element_at_mut(tree, &path)) {
            Some(el) if attr(el, state.attr).to_json() == state.template => {
                set_attr(el, state.attr, state.current.clone());
                true
            }
            _ => false,
        });
    }
}

fn set_attr(el: &mut Element, name: &str, value: Value) {
    match el.attrs.iter_mut().find(|(n, _)| &**n == name) {
        Some((_, v)) => *v = value,
        None => el.attrs.push((name.into(), value)),
    }
}

impl Simulator {
    /// Sets a control's attribute as the user changed it, in the view's tree and its state.
    pub(crate) fn set_control(&mut self, path: &[usize], name: &'static str, value: Value) {
        let Some(page) = self.stack.last_mut() else { return };
        let mut tree = (*page.tree).clone();
        let key = (identity(&tree, path), name);
        let Some(el) = element_at_mut(&mut tree, path) else { return };
        let template = page.controls.get(&key).map_or_else(|| attr(el, name).to_json(), |s| s.template.clone());
        set_attr(el, name, value.clone());
        page.controls.insert(key, ControlState { attr: name, template, current: value });
        page.tree = std::rc::Rc::new(tree);
        let (id, tree) = (page.id, page.tree.clone());
        self.mirror.update_page(id, tree);
    }

    /// The built-in reaction to a tap on the element at `path` (after its handlers ran):
    /// the innermost built-in around it that takes taps answers it. `before` is the page's
    /// tree as the finger lifted: a switch or checkbox turns from the state it showed then,
    /// as in the view, where it toggles before the logic layer's `setData` (from those
    /// handlers) arrives. A tap at client point `point` in the focused field puts its caret
    /// there.
    pub(crate) fn built_in_tap(&mut self, path: &[usize], before: Option<std::rc::Rc<Vec<Node>>>, point: Option<(f32, f32)>) -> Result<(), String> {
        self.move_focus(path)?;
        self.caret_to_tap(path, point)?;
        let page = self.stack.last().ok_or("no page is open")?;
        let tree = page.tree.clone();
        let chain = element_chain(&tree, path);
        // A custom component with the behavior wx://form-field-button has a `formType`
        // property and acts as a button.
        let form_button = |el: &Element| el.component.is_some_and(|_| self.form_type(el).is_some());
        let Some(depth) = chain.iter().rposition(|el| components::is(el, |b| b.takes_taps(el)) || form_button(el)) else { return Ok(()) };
        let target = &path[..depth + 1];
        let el = chain[depth];
        if attr(el, "disabled").truthy() {
            return Ok(());
        }
        let shown_before = before.as_deref().and_then(|t| element_chain(t, target).last().map(|e| attr(e, "checked").truthy()));
        let was_checked = shown_before.unwrap_or_else(|| attr(el, "checked").truthy());
        match components::registry(&el.tag) {
            Some(built_in) => built_in.tap(self, &Tap { path: target, element: el, tree: &tree, was_checked }),
            None => {
                let kind = self.form_type(el).unwrap_or_default();
                components::press_form_button(self, &tree, target, &kind)
            }
        }
    }
}

impl Page for Simulator {
    fn tree(&self) -> std::rc::Rc<Vec<Node>> {
        self.stack.last().map(|p| p.tree.clone()).unwrap_or_default()
    }

    fn set_control(&mut self, path: &[usize], name: &'static str, value: Value) {
        Simulator::set_control(self, path, name, value);
    }

    fn dispatch(&mut self, path: &[usize], event: &str, detail: Json) -> Result<usize, String> {
        self.dispatch_path(path, event, detail, None)
    }

    fn tap_built_in(&mut self, path: &[usize]) -> Result<(), String> {
        self.built_in_tap(path, None, None)
    }

    fn navigate(&mut self, open_type: &str, url: &str, delta: u32) -> Result<(), String> {
        let result = match open_type {
            "redirect" => self.redirect_to(url),
            "switchTab" => self.switch_tab(url),
            "reLaunch" => self.re_launch(url),
            "navigateBack" => self.navigate_back(delta as usize),
            _ => self.navigate_to(url),
        };
        result.map_err(|e| e.to_string())
    }

    fn open_picker(&mut self, path: &[usize], element: &Element) -> Result<(), String> {
        Simulator::open_picker(self, path, element)
    }

    fn form_type(&self, element: &Element) -> Option<String> {
        let id = element.component?;
        match self.stack.last()?.components.values().find(|c| c.id == id)?.data.get(&Value::String("formType".into())) {
            Value::String(kind) => Some(kind.to_string()),
            _ => None,
        }
    }

    fn form_field_value(&mut self, element: &Element) -> Option<Json> {
        let data = self.app.instance_data(element.component?);
        data.get("value").cloned()
    }

    fn later(&mut self, path: &[usize], after: u64, what: String) {
        let Some(page) = self.stack.last() else { return };
        let Some(tag) = element_at(&page.tree, path).map(|el| el.tag.to_string()) else { return };
        let id = page.id;
        self.built_ins_waiting.insert((id, path.to_vec(), what.clone()));
        self.queue.push(self.now + after, crate::queue::Event::BuiltIn { page: id, path: path.to_vec(), tag, what });
    }

    fn waiting(&self, path: &[usize], what: &str) -> bool {
        self.stack.last().is_some_and(|p| self.built_ins_waiting.contains(&(p.id, path.to_vec(), what.to_string())))
    }

    fn memo(&self, path: &[usize]) -> Json {
        let Some(page) = self.stack.last() else { return Json::Null };
        page.memos.get(&identity(&page.tree, path)).cloned().unwrap_or(Json::Null)
    }

    fn set_memo(&mut self, path: &[usize], memo: Json) {
        if let Some(page) = self.stack.last_mut() {
            let id = identity(&page.tree, path);
            page.memos.insert(id, memo);
        }
    }

    fn load_picture(&mut self, path: &[usize], src: &str) {
        if let Some(page) = self.stack.last().map(|p| p.id) {
            self.schedule_image_events(page, vec![(path.to_vec(), src.to_string())]);
        }
    }

    /// Geometry needs a screen: one with the default fonts is attached when none is.
    fn scroller(&mut self, path: &[usize]) -> Result<components::Scroller, String> {
        self.ensure_screen()?;
        self.scroll_view(path)
    }

    fn enter_text(&mut self, path: &[usize], text: &str) -> Result<(), String> {
        self.input_node(path, text)
    }

    fn tap(&mut self, path: &[usize]) -> Result<(), String> {
        self.tap_node(path)
    }

    fn reset_controls(&mut self, within: &[usize]) {
        let Some(page) = self.stack.last_mut() else { return };
        let mut tree = (*page.tree).clone();
        page.controls.retain(|(id, _), state| {
            let Some(path) = locate(&tree, id).filter(|path| path.starts_with(within)) else { return true };
            if let Some(el) = element_at_mut(&mut tree, &path) {
                set_attr(el, state.attr, state.template.as_ref().map_or(Value::Undefined, Value::from_json));
            }
            false
        });
        page.tree = std::rc::Rc::new(tree);
        let (id, tree) = (page.id, page.tree.clone());
        self.mirror.update_page(id, tree);
    }
}
