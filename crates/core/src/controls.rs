//! What built-in components do when tapped, as the platform's do: a navigator opens its url,
//! a switch or checkbox toggles, a radio is chosen, a label passes the tap to its control,
//! a form's submit/reset button collects or clears the form. The controls' state lives in
//! the page's view and overrides the template's attribute until that attribute changes.

use crate::compose::PageView;
use crate::Simulator;
use serde_json::{json, Map, Value as Json};
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

pub(crate) fn element_at<'n>(nodes: &'n [Node], path: &[usize]) -> Option<&'n Element> {
    element_chain(nodes, path).last().copied()
}

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
        let is_field = |el: &Element| matches!(&*el.tag, "input" | "textarea") && !attr(el, "disabled").truthy();
        let tapped = element_chain(&tree, path).iter().rposition(|el| is_field(el)).map(|depth| path[..=depth].to_vec());
        let focused = all(&tree, &|el| matches!(&*el.tag, "input" | "textarea") && attr(el, "focus").truthy());
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

/// An attribute as text ("" when it is not there).
pub(crate) fn text(el: &Element, name: &str) -> String {
    el.attr(name).map(Value::to_js_string).unwrap_or_default()
}

/// Paths of the elements under `path` (itself included) for which `pick` holds, in tree order.
fn descendants(nodes: &[Node], path: &NodePath, pick: &dyn Fn(&Element) -> bool) -> Vec<NodePath> {
    let Some(el) = element_at(nodes, path) else { return Vec::new() };
    let mut found = if pick(el) { vec![path.clone()] } else { Vec::new() };
    wxemu_view::select::for_each_element(&el.children, &mut |below, e| {
        if pick(e) {
            found.push(path.iter().chain(below).copied().collect());
        }
    });
    found
}

/// Paths of every element of the tree for which `pick` holds, in tree order.
pub(crate) fn all(nodes: &[Node], pick: &dyn Fn(&Element) -> bool) -> Vec<NodePath> {
    (0..nodes.len()).flat_map(|i| descendants(nodes, &vec![i], pick)).collect()
}

/// The nearest ancestor-or-self of `path` with tag `tag`.
fn ancestor(nodes: &[Node], path: &[usize], tag: &str) -> Option<NodePath> {
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| element_at(nodes, p).is_some_and(|e| &*e.tag == tag))
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

    /// The built-in reaction to a tap on the element at `path` (after its handlers ran).
    /// `before` is the page's tree as the finger lifted: a switch or checkbox turns from the
    /// state it showed then, as in the view, where it toggles before the logic layer's
    /// `setData` (from those handlers) arrives. A tap at client point `point` in the focused
    /// field puts its caret there.
    pub(crate) fn built_in_tap(&mut self, path: &[usize], before: Option<std::rc::Rc<Vec<wxemu_wxml::Node>>>, point: Option<(f32, f32)>) -> Result<(), String> {
        self.move_focus(path)?;
        self.caret_to_tap(path, point)?;
        let page = self.stack.last().ok_or("no page is open")?;
        let tree = page.tree.clone();
        let chain = element_chain(&tree, path);
        let disabled = |el: &Element| attr(el, "disabled").truthy();
        // The innermost element that reacts to taps (a custom component with the behavior
        // wx://form-field-button has a `formType` property and acts as a button).
        let form_button = |el: &Element| el.component.is_some_and(|id| self.app_form_type(id).is_some());
        let Some(depth) = chain.iter().rposition(|el| matches!(&*el.tag, "navigator" | "switch" | "checkbox" | "radio" | "label" | "button" | "picker") || form_button(el)) else { return Ok(()) };
        let target = path[..depth + 1].to_vec();
        let el = chain[depth];
        if disabled(el) {
            return Ok(());
        }
        let shown_before = before.as_deref().and_then(|t| element_chain(t, &target).last().map(|e| attr(e, "checked").truthy()));
        let was_checked = shown_before.unwrap_or_else(|| attr(el, "checked").truthy());
        match &*el.tag {
            "navigator" => self.navigator_tap(el),
            "picker" => self.open_picker(&target, el),
            "switch" => {
                let checked = !was_checked;
                self.set_control(&target, "checked", Value::Bool(checked));
                self.dispatch_path(&target, "change", json!({ "value": checked }), None).map(drop)
            }
            "checkbox" => {
                let checked = !was_checked;
                self.set_control(&target, "checked", Value::Bool(checked));
                self.group_change(&target, "checkbox-group")
            }
            "radio" => {
                if attr(el, "checked").truthy() {
                    return Ok(());
                }
                if let Some(group) = ancestor(&tree, &target, "radio-group") {
                    for other in descendants(&tree, &group, &|e| &*e.tag == "radio") {
                        if other != target {
                            self.set_control(&other, "checked", Value::Bool(false));
                        }
                    }
                }
                self.set_control(&target, "checked", Value::Bool(true));
                self.group_change(&target, "radio-group")
            }
            "label" => {
                // A label passes the tap to the control named by `for`, else its first control.
                let by_id = text(el, "for");
                let controls = |e: &Element| matches!(&*e.tag, "switch" | "checkbox" | "radio" | "button");
                let control = if by_id.is_empty() { descendants(&tree, &target, &controls).into_iter().next() } else { all(&tree, &|e| controls(e) && text(e, "id") == by_id).into_iter().next() };
                match control {
                    Some(control) if control != target => self.built_in_tap(&control, None, None),
                    _ => Ok(()),
                }
            }
            "button" if !text(el, "openType").is_empty() => Err(format!("not supported by wxemu yet: button open-type=\"{}\"", text(el, "openType"))),
            _ if &*el.tag == "button" || form_button(el) => match el.component.and_then(|id| self.app_form_type(id)).unwrap_or_else(|| text(el, "formType")).as_str() {
                kind @ ("submit" | "reset") => match ancestor(&tree, &target, "form") {
                    Some(form) if kind == "submit" => {
                        let value = self.form_values(&form);
                        self.dispatch_path(&form, "submit", json!({ "value": value, "formId": "" }), None).map(drop)
                    }
                    Some(form) => self.reset_form(&form),
                    None => Ok(()),
                },
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// The `formType` of a component instance with the behavior wx://form-field-button.
    fn app_form_type(&self, id: u32) -> Option<String> {
        match self.stack.last()?.components.values().find(|c| c.id == id)?.data.get(&Value::String("formType".into())) {
            Value::String(kind) => Some(kind.to_string()),
            _ => None,
        }
    }

    /// `change` on the group around a checkbox or radio, with the group's value.
    fn group_change(&mut self, control: &[usize], group_tag: &str) -> Result<(), String> {
        let tree = self.stack.last().ok_or("no page is open")?.tree.clone();
        let Some(group) = ancestor(&tree, control, group_tag) else { return Ok(()) };
        let value = group_value(&tree, &group);
        self.dispatch_path(&group, "change", json!({ "value": value }), None).map(drop)
    }

    fn navigator_tap(&mut self, navigator: &Element) -> Result<(), String> {
        let (url, open_type, delta) = (text(navigator, "url"), text(navigator, "openType"), text(navigator, "delta"));
        let result = match open_type.as_str() {
            "" | "navigate" => self.navigate_to(&url),
            "redirect" => self.redirect_to(&url),
            "switchTab" => self.switch_tab(&url),
            "reLaunch" => self.re_launch(&url),
            "navigateBack" => self.navigate_back(delta.parse().unwrap_or(1)),
            other => return Err(format!("not supported by wxemu yet: navigator open-type=\"{other}\"")),
        };
        result.map_err(|e| e.to_string())
    }

    /// `{name: value}` of the form's named fields, as the platform's submit event carries.
    fn form_values(&mut self, form: &NodePath) -> Json {
        let tree = self.stack.last().map(|p| p.tree.clone()).unwrap_or_default();
        let mut values = Map::new();
        let fields = descendants(&tree, form, &|e| e.attr("name").is_some_and(|n| !n.to_js_string().is_empty()));
        for path in fields {
            let Some(el) = element_at(&tree, &path) else { continue };
            let name = text(el, "name");
            let value = match &*el.tag {
                "input" | "textarea" | "picker" => attr(el, "value").to_json().unwrap_or(json!("")),
                "switch" => json!(attr(el, "checked").truthy()),
                "slider" => json!(text(el, "value").parse::<f64>().unwrap_or(0.0)),
                "checkbox-group" | "radio-group" => group_value(&tree, &path),
                _ => match el.component.map(|id| self.app.instance_data(id)) {
                    // A custom component with behaviors: ['wx://form-field'] submits its `value`.
                    Some(data) if data.get("value").is_some() => data["value"].clone(),
                    _ => continue,
                },
            };
            values.insert(name, value);
        }
        Json::Object(values)
    }

    /// Puts the form's controls back to their template values and fires `reset` on the form.
    fn reset_form(&mut self, form: &NodePath) -> Result<(), String> {
        if let Some(page) = self.stack.last_mut() {
            let mut tree = (*page.tree).clone();
            page.controls.retain(|(id, _), state| {
                let Some(path) = locate(&tree, id).filter(|path| path.starts_with(form)) else { return true };
                if let Some(el) = element_at_mut(&mut tree, &path) {
                    set_attr(el, state.attr, state.template.as_ref().map_or(Value::Undefined, Value::from_json));
                }
                false
            });
            page.tree = std::rc::Rc::new(tree);
            let (id, tree) = (page.id, page.tree.clone());
            self.mirror.update_page(id, tree);
        }
        self.dispatch_path(form, "reset", json!({}), None).map(drop)
    }
}

/// A checkbox-group's value (the checked boxes' values) or a radio-group's (the chosen one's).
fn group_value(tree: &[Node], group: &NodePath) -> Json {
    let Some(el) = element_at(tree, group) else { return Json::Null };
    let control = if &*el.tag == "checkbox-group" { "checkbox" } else { "radio" };
    let checked: Vec<Json> = descendants(tree, group, &|e| &*e.tag == control && attr(e, "checked").truthy()).iter().filter_map(|p| element_at(tree, p)).map(|e| json!(text(e, "value"))).collect();
    if control == "checkbox" {
        Json::Array(checked)
    } else {
        checked.into_iter().next().unwrap_or(json!(""))
    }
}
