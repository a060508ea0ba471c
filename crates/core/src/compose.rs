//! Building a page's composed tree, as exparser does: the page's template is rendered, each
//! custom component tag becomes a component instance (created once, then kept while its
//! host stays — matched by position, or by `wx:key` in lists) whose own template renders
//! inside the host, and the host's children (rendered by the owner) are distributed into the
//! component's `<slot>`s, named ones by their `slot` attribute.

use indexmap::IndexMap;
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::rc::Rc;
use wxemu_appservice::{AppService, Message};
use wxemu_package::{Diagnostic, Package};
use wxemu_view::event::dataset;
use wxemu_wxml::{Element, ModuleTable, Node, Program, Renderer, Value};
use wxemu_wxs::WxsRuntime;

/// A page on the stack: its logic-layer instance and its view.
pub struct PageView {
    pub id: u32,
    pub route: String,
    pub data: Value,
    pub program: Rc<Program>,
    pub wxs: WxsRuntime,
    pub modules: ModuleTable,
    /// The composed tree: the page's template with every component's inside its host.
    pub tree: Rc<Vec<Node>>,
    pub components: HashMap<String, ComponentView>,
    /// Built-in controls the user changed (switches, checkboxes, typed text, scrolled
    /// scroll-views), by element and attribute.
    pub controls: HashMap<(crate::controls::ElementId, &'static str), crate::controls::ControlState>,
    /// How far the page is scrolled (CSS px).
    pub scroll_top: f32,
    /// What the page's navigation bar APIs changed, and whether it is refreshing.
    pub chrome: crate::bars::PageChrome,
    /// What its built-ins keep between renders, by element.
    pub memos: HashMap<crate::controls::ElementId, serde_json::Value>,
}

impl PageView {
    pub fn has_instance(&self, id: u32) -> bool {
        self.id == id || self.components.values().any(|c| c.id == id)
    }
}

/// A component instance living in a page.
pub struct ComponentView {
    pub id: u32,
    pub path: String,
    /// Its data as the view has it (setData patches applied).
    pub data: Value,
    /// The properties its owner passed last time, to send only changes.
    props: Map<String, Json>,
    /// `options.multipleSlots`: named slots take content by `slot="name"`; without it all
    /// content goes to the default slot.
    multiple_slots: bool,
}

/// What composing needs: the app (to create and update instances) and the page's view.
pub struct Composer<'a> {
    app: &'a mut AppService,
    package: &'a Package,
    /// What the logic layer's queries see: a new instance's own template as soon as it is
    /// composed, before the page's tree is done (exparser builds it before `created`).
    mirror: &'a crate::mirror::ViewMirror,
    page: &'a mut PageView,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Messages that are not setData for this page, for the Simulator to handle after.
    pub pending: Vec<Message>,
    /// Instances created during this composition: in tree order (they get `attached` in
    /// this order) and children first (they get `ready` in this order).
    pub created: Vec<u32>,
    pub ready: Vec<u32>,
    /// Light nodes no slot took (a slot under a false `wx:if`): not drawn, but their
    /// components exist and answer `selectComponent`, as exparser's light tree has them.
    pub unslotted: Vec<Node>,
    seen: Vec<String>,
    /// How many component hosts the one being composed is inside.
    depth: usize,
    /// Composing stopped at a limit (reported once).
    stopped: bool,
}

/// The deepest components may nest in one another (a component that uses itself needs a
/// `wx:if` that ends it), and the most instances one page may have.
pub const MAX_COMPONENT_DEPTH: usize = 500;
pub const MAX_COMPONENTS: usize = 20_000;

/// Attributes of a host element that are not properties of the component.
fn is_property(name: &str) -> bool {
    !(name.starts_with("data-")
        || name.starts_with("mark:")
        || name.starts_with("bind")
        || name.starts_with("catch")
        || name.starts_with("capture-")
        || name.starts_with("mut-bind")
        || matches!(name, "id" | "class" | "style" | "slot" | "hidden"))
}

impl<'a> Composer<'a> {
    pub fn new(app: &'a mut AppService, package: &'a Package, mirror: &'a crate::mirror::ViewMirror, page: &'a mut PageView, diagnostics: &'a mut Vec<Diagnostic>) -> Self {
        Composer { app, package, mirror, page, diagnostics, pending: Vec::new(), created: Vec::new(), ready: Vec::new(), unslotted: Vec::new(), seen: Vec::new(), depth: 0, stopped: false }
    }

    /// Renders the page's template and composes every component in it. Instances no longer
    /// in the tree come back as the second value (to be detached).
    pub fn compose_page(&mut self) -> (Vec<Node>, Vec<u32>) {
        let route = self.page.route.clone();
        let using = self.package.pages.get(&route).map(|u| u.using_components.clone()).unwrap_or_default();
        let data = self.page.data.clone();
        let nodes = self.render(&format!("{route}.wxml"), &data, self.page.id);
        let mut tree = self.compose(nodes, self.page.id, &using, "");
        // A tab page shows the app's custom tab bar (after its own content).
        if let Some(path) = self.package.custom_tab_bar().filter(|_| self.package.is_tab_page(&route)).map(str::to_string) {
            let host = Element {
                tag: Rc::from("custom-tab-bar"),
                attrs: Vec::new(),
                generics: Vec::new(),
                model: Vec::new(),
                key: None,
                children: Vec::new(),
                owner: self.page.id,
                component: None,
                source: None,
            };
            let using = IndexMap::from([("custom-tab-bar".to_string(), path.clone())]);
            tree.push(Node::Element(self.host(host, &path, self.page.id, &using, "custom-tab-bar")));
        }
        let gone: Vec<String> = self.page.components.keys().filter(|k| !self.seen.contains(k)).cloned().collect();
        let removed = gone.into_iter().filter_map(|k| self.page.components.remove(&k)).map(|c| c.id).collect();
        (tree, removed)
    }

    fn render(&mut self, file: &str, data: &Value, owner: u32) -> Vec<Node> {
        let page = &mut *self.page;
        let mut renderer = Renderer::new(&page.program, &page.modules, &mut page.wxs);
        let mut nodes = renderer.render_file(file, data);
        self.diagnostics.extend(renderer.diagnostics);
        set_owner(&mut nodes, owner);
        nodes
    }

    fn compose(&mut self, nodes: Vec<Node>, owner: u32, using: &IndexMap<String, String>, prefix: &str) -> Vec<Node> {
        if using.is_empty() {
            return nodes; // a template that uses no components has nothing to compose
        }
        // Siblings whose wx:key is the same (`wx:key="index"` names an item field, often
        // missing) stay distinct elements, told apart by their order, as exparser does.
        let mut keys_seen: HashMap<String, usize> = HashMap::new();
        nodes
            .into_iter()
            .enumerate()
            .map(|(i, node)| match node {
                Node::Element(mut el) => {
                    let key = match &el.key {
                        Some(k) => {
                            let key = format!("{prefix}/{}#{}", el.tag, k.to_js_string());
                            let seen = keys_seen.entry(key.clone()).or_default();
                            *seen += 1;
                            if *seen == 1 {
                                key
                            } else {
                                format!("{key}~{i}")
                            }
                        }
                        None => format!("{prefix}/{i}"),
                    };
                    match using.get(&*el.tag) {
                        Some(path) => Node::Element(self.host(el, path, owner, using, &key)),
                        None => {
                            el.children = self.compose(el.children, owner, using, &key);
                            Node::Element(el)
                        }
                    }
                }
                text => text,
            })
            .collect()
    }

    /// A custom component's host: its instance, its template inside, slots filled.
    ///
    /// A new instance is built as exparser builds it: constructed with default data, its
    /// own template composed (so the components inside it are created first), then
    /// `created`, then the owner's properties (observers run), then composed again.
    fn host(&mut self, el: Element, path: &str, owner: u32, owner_using: &IndexMap<String, String>, key: &str) -> Element {
        if self.depth >= MAX_COMPONENT_DEPTH || self.seen.len() >= MAX_COMPONENTS {
            if !self.stopped {
                self.stopped = true;
                let message = match self.depth >= MAX_COMPONENT_DEPTH {
                    true => format!("components nested deeper than {MAX_COMPONENT_DEPTH} levels: `{path}` is left empty from here"),
                    false => format!("more than {MAX_COMPONENTS} component instances on the page: `{path}` and the ones after it are left empty"),
                };
                let hint = "a component that uses itself needs a wx:if that ends the recursion";
                self.diagnostics.push(Diagnostic::error(&format!("{path}.wxml"), wxemu_package::Pos::START, message).with_hint(hint));
            }
            return el;
        }
        self.depth += 1;
        let el = self.host_here(el, path, owner, owner_using, key);
        self.depth -= 1;
        el
    }

    fn host_here(&mut self, mut el: Element, path: &str, owner: u32, owner_using: &IndexMap<String, String>, key: &str) -> Element {
        let props: Map<String, Json> = el.attrs.iter().filter(|(n, _)| is_property(n)).filter_map(|(n, v)| Some((n.to_string(), v.to_json()?))).collect();
        self.seen.push(key.to_string());
        let id = match self.page.components.get_mut(key).filter(|c| c.path == path) {
            Some(existing) => {
                let id = existing.id;
                if existing.props != props {
                    existing.props = props.clone();
                    self.app.set_properties(id, &props);
                }
                id
            }
            None => {
                let host = serde_json::json!({ "id": el.attr("id").map(Value::to_js_string).unwrap_or_default(), "dataset": dataset(&el) });
                let id = match self.app.create_component(path, self.page.id, host) {
                    Ok(id) => id,
                    Err(d) => {
                        self.diagnostics.push(d);
                        return el;
                    }
                };
                let data = Value::from_json(&self.app.view_data(id));
                let multiple_slots = self.app.component_options(id).get("multipleSlots").and_then(Json::as_bool).unwrap_or(false);
                self.page.components.insert(key.to_string(), ComponentView { id, path: path.to_string(), data, props: props.clone(), multiple_slots });
                self.created.push(id);
                let using = self.component_using(path, &el, owner_using);
                let shadow = self.shadow(id, path, key, &using);
                self.mirror.set_shadow(id, Rc::new(shadow));
                self.app.component_lifetime(id, "created");
                self.app.set_properties(id, &props);
                self.ready.push(id);
                id
            }
        };
        let using = self.component_using(path, &el, owner_using);
        let shadow = self.shadow(id, path, key, &using);
        let light = self.compose(std::mem::take(&mut el.children), owner, owner_using, &format!("{key}/light"));
        let (children, unslotted) = distribute(shadow, light, self.page.components[key].multiple_slots);
        el.children = children;
        self.unslotted.extend(unslotted);
        el.component = Some(id);
        el
    }

    /// The component's template rendered with its current data, with the components inside
    /// it composed.
    fn shadow(&mut self, id: u32, path: &str, key: &str, using: &IndexMap<String, String>) -> Vec<Node> {
        self.apply_messages(id);
        let data = self.page.components[key].data.clone();
        let nodes = self.render(&format!("{path}.wxml"), &data, id);
        self.compose(nodes, id, using, key)
    }

    /// The tags a component's template can use: its own `usingComponents`, plus its
    /// abstract nodes (`componentGenerics`) bound to what the host chose with
    /// `generic:name="tag"` (a tag of the owner's) or to their `default`.
    fn component_using(&self, path: &str, host: &Element, owner_using: &IndexMap<String, String>) -> IndexMap<String, String> {
        let unit = self.package.components.get(path);
        let mut using = unit.map(|u| u.using_components.clone()).unwrap_or_default();
        for (name, spec) in unit.map(|u| u.config.component_generics.clone()).unwrap_or_default() {
            let chosen = host.generics.iter().find(|(g, _)| **g == *name).and_then(|(_, tag)| owner_using.get(&**tag).cloned());
            let default = spec.get("default").and_then(Json::as_str).map(|d| wxemu_package::resolve_path(path, d));
            if let Some(target) = chosen.or(default) {
                using.insert(name, target);
            }
        }
        using
    }

    /// Applies the setData messages of instance `rendering`, whose template renders next (its
    /// data must be current); keeps the rest for the Simulator, which renders again for them.
    pub fn apply_messages(&mut self, rendering: u32) {
        for message in self.app.take_messages() {
            match message {
                // Only the instance about to be rendered takes its data now: another one's
                // template may be drawn already, so its change waits for the next pass.
                Message::SetData { instance, patch, callback } if instance == rendering && self.page.has_instance(instance) => {
                    let data = if instance == self.page.id { &mut self.page.data } else { &mut self.page.components.values_mut().find(|c| c.id == instance).expect("checked").data };
                    for (path, value) in &patch {
                        if let Err(e) = data.set_path(path, Value::from_json(value)) {
                            self.diagnostics.push(Diagnostic::error(&format!("{}.js", self.page.route), wxemu_package::Pos::START, e).with_hint("keep list indexes within the list"));
                        }
                    }
                    if callback != 0 {
                        self.pending.push(Message::SetData { instance, patch: Map::new(), callback });
                    }
                }
                other => self.pending.push(other),
            }
        }
    }
}

fn set_owner(nodes: &mut [Node], owner: u32) {
    for node in nodes {
        if let Node::Element(el) = node {
            el.owner = owner;
            set_owner(&mut el.children, owner);
        }
    }
}

/// Replaces each `<slot>` of the shadow tree with the light nodes assigned to it. With
/// `multipleSlots`, nodes with `slot="name"` go to the slot of that name and the rest to the
/// default slot; without it, everything goes to the default slot and named slots stay
/// empty. A slot that gets nothing shows its own children. Also gives the light nodes no
/// slot took.
fn distribute(shadow: Vec<Node>, light: Vec<Node>, multiple_slots: bool) -> (Vec<Node>, Vec<Node>) {
    let mut by_slot: HashMap<String, Vec<Node>> = HashMap::new();
    for node in light {
        let name = match &node {
            Node::Element(el) if multiple_slots => el.attr("slot").map(Value::to_js_string).unwrap_or_default(),
            _ => String::new(),
        };
        by_slot.entry(name).or_default().push(node);
    }
    let filled = fill(shadow, &mut by_slot, multiple_slots);
    let mut unslotted: Vec<(String, Vec<Node>)> = by_slot.into_iter().collect();
    unslotted.sort_by(|a, b| a.0.cmp(&b.0));
    (filled, unslotted.into_iter().flat_map(|(_, nodes)| nodes).collect())
}

fn fill(nodes: Vec<Node>, by_slot: &mut HashMap<String, Vec<Node>>, multiple_slots: bool) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Node::Element(el) if &*el.tag == "slot" => {
                let name = el.attr("name").map(Value::to_js_string).unwrap_or_default();
                if !multiple_slots && !name.is_empty() {
                    continue;
                }
                match by_slot.remove(&name) {
                    Some(assigned) => out.extend(assigned),
                    None => out.extend(fill(el.children, by_slot, multiple_slots)),
                }
            }
            Node::Element(mut el) => {
                el.children = fill(el.children, by_slot, multiple_slots);
                out.push(Node::Element(el));
            }
            text => out.push(text),
        }
    }
    out
}
