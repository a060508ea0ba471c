//! `wx.createSelectorQuery()` / `this.createSelectorQuery()` and `wx.pageScrollTo`: the
//! current page's elements as the view layer laid them out — their rects relative to the
//! page's viewport, scroll offsets, ids, datasets and attributes. Geometry needs a screen;
//! a headless Simulator gets one with the default fonts on its first query.

use crate::queue::Event;
use crate::Simulator;
use serde_json::{json, Map, Value as Json};
use wxemu_render::Box2;
use wxemu_view::select::{element_chain, NodePath, Selector};
use wxemu_wxml::{Element, Value};

/// What one `NodesRef` asks for (`boundingClientRect()` is id, dataset, rect and size;
/// `scrollOffset()` is id, dataset and scrollOffset; `fields({…})` any of them).
struct Wanted<'a>(&'a Map<String, Json>);

impl Wanted<'_> {
    fn has(&self, field: &str) -> bool {
        self.0.get(field).is_some_and(|v| v.as_bool() == Some(true))
    }

    fn list(&self, field: &str) -> Vec<&str> {
        self.0.get(field).and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str).collect()
    }
}

impl Simulator {
    /// Attaches a screen with the default fonts when none is attached (the queries that need
    /// layout in a headless run).
    pub fn ensure_screen(&mut self) -> Result<(), String> {
        if self.screen.is_none() {
            let fonts = wxemu_view::fonts::Fonts::load_default().map_err(|e| format!("element geometry needs fonts: {e}"))?;
            self.attach_screen(crate::Screen::new(fonts));
        }
        Ok(())
    }

    /// The current page drawn with its chrome at the device's pixel ratio, as a PNG (a
    /// screen with the default fonts is attached first when none is).
    pub fn screenshot(&mut self) -> Result<Vec<u8>, String> {
        self.ensure_screen()?;
        let list = self.draw(false)?;
        Ok(wxemu_render::encode_png(self.paint(&list, self.device().pixel_ratio as f32)?))
    }

    /// `SelectorQuery.exec()`: each query's result, in order.
    pub(crate) fn selector_query(&mut self, args: &Map<String, Json>) -> Result<Json, String> {
        self.ensure_screen()?;
        let boxes: std::collections::HashMap<NodePath, Box2> = self.element_boxes()?.into_iter().collect();
        let page = self.stack.last().ok_or("no page is open")?;
        let (tree, page_id, scroll_top) = (page.tree.clone(), page.id, page.scroll_top);
        let scope = args.get("scope").and_then(Json::as_u64).map_or(page_id, |s| s as u32);
        let window = self.host.borrow().system.window;
        let mut results = Vec::new();
        for query in args.get("queries").and_then(Json::as_array).into_iter().flatten() {
            let empty = Map::new();
            let wanted = Wanted(query.get("fields").and_then(Json::as_object).unwrap_or(&empty));
            if query.get("viewport").and_then(Json::as_bool) == Some(true) {
                let (w, h) = (window.width, window.height);
                let mut found = Map::new();
                if wanted.has("rect") {
                    found.extend(object(json!({ "left": 0, "top": 0, "right": w, "bottom": h })));
                }
                if wanted.has("size") {
                    found.extend(object(json!({ "width": w, "height": h })));
                }
                if wanted.has("scrollOffset") {
                    let height = self.page_scroll_range()?.unwrap_or(0.0) as f64 + h;
                    found.extend(object(json!({ "scrollLeft": 0, "scrollTop": scroll_top, "scrollWidth": w, "scrollHeight": height })));
                }
                results.push(Json::Object(found));
                continue;
            }
            let selector = query.get("selector").and_then(Json::as_str).unwrap_or_default();
            let parsed = Selector::parse(selector).map_err(|e| format!("invalid selector `{selector}`: {e}"))?;
            let paths = scoped(&tree, &parsed, scope, page_id);
            let mut found = Vec::new();
            for path in paths.iter().take(if query.get("single").and_then(Json::as_bool) == Some(true) { 1 } else { usize::MAX }) {
                let element = element_chain(&tree, path).last().copied().expect("selected");
                found.push(self.node_fields(element, path, boxes.get(path).copied(), scroll_top, &wanted)?);
            }
            results.push(if query.get("single").and_then(Json::as_bool) == Some(true) { found.pop().unwrap_or(Json::Null) } else { Json::Array(found) });
        }
        Ok(Json::Array(results))
    }

    /// The fields `wanted` of one element.
    fn node_fields(&mut self, element: &Element, path: &NodePath, area: Option<Box2>, scroll_top: f32, wanted: &Wanted) -> Result<Json, String> {
        let mut found = Map::new();
        let attr = |name: &str| element.attr(name).map(Value::to_js_string).unwrap_or_default();
        if wanted.has("id") {
            found.insert("id".into(), attr("id").into());
        }
        if wanted.has("dataset") {
            found.insert("dataset".into(), Json::Object(wxemu_view::event::dataset(element)));
        }
        if wanted.has("mark") {
            found.insert("mark".into(), Json::Object(wxemu_view::event::marks(&[element])));
        }
        let area = area.unwrap_or(Box2 { x: 0.0, y: 0.0, w: 0.0, h: 0.0 });
        if wanted.has("rect") {
            let top = area.y - scroll_top;
            found.extend(object(json!({ "left": area.x, "top": top, "right": area.x + area.w, "bottom": top + area.h })));
        }
        if wanted.has("size") {
            found.extend(object(json!({ "width": area.w, "height": area.h })));
        }
        if wanted.has("scrollOffset") {
            // What scrolls its content (a scroll-view) says how far; other boxes are not scrolled.
            let offset = match self.scroll_view(path) {
                Ok(view) => {
                    let [left, top, width, height] = view.metrics();
                    json!({ "scrollLeft": left, "scrollTop": top, "scrollWidth": width, "scrollHeight": height })
                }
                Err(_) => json!({ "scrollLeft": 0, "scrollTop": 0, "scrollWidth": area.w, "scrollHeight": area.h }),
            };
            found.extend(object(offset));
        }
        for name in wanted.list("properties") {
            found.insert(name.to_string(), element.attr(name).and_then(Value::to_json).unwrap_or(Json::Null));
        }
        if wanted.has("node") {
            // A built-in's node is its context object, which the framework builds from this
            // (a scroll-view's ScrollViewContext); other nodes (canvas, …) need what wxemu
            // does not have yet.
            let key = wxemu_view::components::registry(&element.tag).and_then(|b| b.node_context());
            let key = key.ok_or_else(|| format!("not supported by wxemu yet: SelectorQuery node of <{}>", element.tag))?;
            let page = self.stack.last().map_or(0, |p| p.id);
            found.insert("node".into(), json!({ key: path, "__page": page }));
        }
        for unsupported in ["computedStyle", "context"] {
            if wanted.0.get(unsupported).is_some_and(|v| !v.is_null() && v != &Json::Bool(false)) {
                return Err(format!("not supported by wxemu yet: SelectorQuery {unsupported}"));
            }
        }
        Ok(Json::Object(found))
    }

    /// A ScrollViewContext method (`scrollTo`, `scrollIntoView`) on the scroll-view at
    /// `args.path` of page `args.page`.
    pub(crate) fn scroll_view_context(&mut self, args: &Map<String, Json>) -> Result<(), String> {
        let page = args.get("page").and_then(Json::as_u64).unwrap_or(0) as u32;
        if self.stack.last().map(|p| p.id) != Some(page) {
            return Err("the scroll-view's page is not shown".into());
        }
        let path: NodePath = args.get("path").and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_u64).map(|i| i as usize).collect();
        wxemu_view::components::scroll_view::ScrollView::context(self, &path, args)
    }

    /// `wx.pageScrollTo`: the page scrolls to `scrollTop` (or to the element `selector`
    /// names, `offsetTop` below its top) over `duration` ms of the clock, then succeeds.
    pub(crate) fn page_scroll_to(&mut self, call: u32, args: &Map<String, Json>) -> Result<(), String> {
        let mut top = args.get("scrollTop").and_then(Json::as_f64).map(|t| t as f32);
        if let Some(selector) = args.get("selector").and_then(Json::as_str) {
            self.ensure_screen()?;
            let path = self.find(selector)?;
            let boxes = self.element_boxes()?;
            let area = boxes.iter().find(|(p, _)| *p == path).map(|(_, b)| *b).ok_or_else(|| format!("`{selector}` is not laid out"))?;
            top = Some(area.y + args.get("offsetTop").and_then(Json::as_f64).unwrap_or(0.0) as f32);
        }
        let top = top.ok_or("parameter error: parameter.scrollTop or parameter.selector should be given")?;
        self.ensure_screen()?;
        let duration = args.get("duration").and_then(Json::as_f64).map_or(300, |d| d.max(0.0) as u64);
        self.queue.push(self.now + duration, Event::PageScrolled { call, top: top.to_bits() });
        Ok(())
    }

    /// A `wx.pageScrollTo` has run its course.
    pub(crate) fn page_scrolled(&mut self, call: u32, top: f32) {
        let result = match self.scroll_page_to(top) {
            Ok(()) => json!({ "errMsg": "pageScrollTo:ok" }),
            Err(e) => json!({ "errMsg": format!("pageScrollTo:fail {e}") }),
        };
        self.app.api_result(call, result);
    }
}

fn object(value: Json) -> Map<String, Json> {
    match value {
        Json::Object(map) => map,
        _ => Map::new(),
    }
}

/// What `selector` finds in the template of `scope` (the page `page`, or a component): a
/// query sees its own template's elements (the page's, or the component's it is `.in()`),
/// as the platform's shadow trees do.
pub(crate) fn scoped(tree: &[wxemu_wxml::Node], selector: &Selector, scope: u32, page: u32) -> Vec<NodePath> {
    selector
        .select_all(tree)
        .into_iter()
        .filter(|p| {
            let owner = element_chain(tree, p).last().map_or(0, |e| e.owner);
            owner == scope || (owner == 0 && scope == page)
        })
        .collect()
}
