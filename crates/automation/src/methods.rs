//! The protocol's methods (Tool.*, App.*, Page.*, Element.*) on the Simulator.

use crate::Session;
use serde_json::{json, Map, Value as Json};
use wxemu_core::{Prompt, Simulator};
use wxemu_wx::args::{list, text};
use wxemu_wxml::{dump, Node};

type Answer = Result<Json, String>;

/// `{pageId, path, query}` of a page (its query is the page's `options`).
fn page_ref(sim: &mut Simulator, id: u32, route: &str) -> Json {
    let query = sim.framework("instanceOptions", &[json!(id)]).unwrap_or(json!({}));
    json!({ "pageId": id, "path": route, "query": query })
}

/// An element's id on the wire: its path in the composed tree.
fn element_id(path: &[usize]) -> String {
    path.iter().map(usize::to_string).collect::<Vec<_>>().join(".")
}

fn element_path(params: &Map<String, Json>) -> Vec<usize> {
    text(params, "elementId").split('.').filter_map(|p| p.parse().ok()).collect()
}

/// `{elementId, tagName, nodeId?}`: a custom component's host carries its instance as nodeId.
fn element_ref(sim: &Simulator, path: &[usize]) -> Json {
    let el = sim.element(path).expect("selected");
    let mut reference = json!({ "elementId": element_id(path), "tagName": &*el.tag });
    if let Some(instance) = el.component {
        reference["nodeId"] = json!(instance.to_string());
    }
    reference
}

/// The page a request names must be the one shown.
fn on_page(sim: &Simulator, params: &Map<String, Json>) -> Result<u32, String> {
    let shown = sim.current_page_id().ok_or("no page is open")?;
    match params.get("pageId").and_then(Json::as_u64) {
        Some(id) if id as u32 != shown => Err(format!("page {id} is not the page shown")),
        _ => Ok(shown),
    }
}

/// Runs `function` (JS source) in the app with `args`.
fn run(sim: &mut Simulator, function: &str, args: &[Json]) -> Answer {
    sim.evaluate(function, args)
}

/// `wx[method](...args)`, waiting for a Promise it returns (for as long as the app answers
/// within the turn; a prompt still open gives null).
const CALL_WX: &str = r#"(m, a) => {
  // What JSON cannot carry is dropped from results (navigateTo's EventChannel refers back
  // to itself through its page), as the platform's own client does.
  const plain = (v, seen) => {
    if (typeof v === 'function') return undefined;
    if (v === null || typeof v !== 'object') return v;
    if (seen.indexOf(v) >= 0) return undefined;
    seen.push(v);
    const out = Array.isArray(v) ? [] : {};
    for (const k of Object.keys(v)) out[k] = plain(v[k], seen);
    seen.pop();
    return out;
  };
  if (typeof wx[m] !== 'function') throw new Error('wx.' + m + ' is not a function');
  const r = wx[m].apply(wx, a);
  if (r && typeof r.then === 'function') {
    globalThis.__autoPending = { done: false };
    r.then(v => { globalThis.__autoPending = { done: true, value: plain(v, []) } }, e => { globalThis.__autoPending = { done: true, error: (e && e.errMsg) || String(e) } });
    return { pending: true };
  }
  return { value: plain(r, []) };
}"#;

pub(crate) fn call(session: &mut Session, method: &str, params: &Map<String, Json>) -> Answer {
    let sim = &mut session.sim;
    match method {
        "Tool.getInfo" => Ok(json!({ "SDKVersion": sim.sdk().to_string() })),
        "Tool.close" => {
            session.closing = true;
            Ok(json!({}))
        }
        "Tool.native" => native(sim, text(params, "method"), params.get("data")),
        "App.getCurrentPage" => {
            let (id, route) = sim.stack_pages().pop().ok_or("no page is open")?;
            Ok(page_ref(sim, id, &route))
        }
        "App.getPageStack" => {
            let stack: Vec<Json> = sim.stack_pages().into_iter().map(|(id, r)| page_ref(sim, id, &r)).collect();
            Ok(json!({ "pageStack": stack }))
        }
        "App.callWxMethod" => {
            let started = run(sim, CALL_WX, &[Json::from(text(params, "method")), Json::Array(list(params, "args").to_vec())])?;
            if started.get("pending").is_none() {
                return Ok(json!({ "result": started.get("value").cloned().unwrap_or(Json::Null) }));
            }
            sim.advance(0);
            let settled = run(sim, "() => globalThis.__autoPending", &[])?;
            match settled.get("error").and_then(Json::as_str) {
                Some(error) => Err(error.to_string()),
                None => Ok(json!({ "result": settled.get("value").cloned().unwrap_or(Json::Null) })),
            }
        }
        "App.mockWxMethod" => {
            let mock = match (params.get("functionDeclaration"), params.get("result")) {
                (Some(declaration), _) => json!({ "fn": declaration, "extra": list(params, "args") }),
                (None, Some(result)) => json!({ "value": result }),
                (None, None) => Json::Null,
            };
            sim.framework("mockWx", &[Json::from(text(params, "method")), mock]).map(|_| json!({}))
        }
        "App.callFunction" => Ok(json!({ "result": run(sim, text(params, "functionDeclaration"), list(params, "args"))? })),
        "App.captureScreenshot" => {
            use base64::Engine;
            Ok(json!({ "data": base64::engine::general_purpose::STANDARD.encode(sim.screenshot()?) }))
        }
        "App.exit" => Ok(json!({})),
        "App.enableLog" => {
            session.log = true;
            Ok(json!({}))
        }
        "Page.getElement" | "Page.getElements" | "Element.getElement" | "Element.getElements" => {
            on_page(sim, params)?;
            let within = if method.starts_with("Element.") { element_path(params) } else { Vec::new() };
            let found = sim.select_within(text(params, "selector"), &within)?;
            if method.ends_with('s') {
                return Ok(json!({ "elements": found.iter().map(|p| element_ref(sim, p)).collect::<Vec<_>>() }));
            }
            found.first().map(|p| element_ref(sim, p)).ok_or_else(|| format!("element not found: {}", text(params, "selector")))
        }
        "Page.getElementByXpath" | "Page.getElementsByXpath" => {
            on_page(sim, params)?;
            let found = crate::xpath::select(sim.tree(), text(params, "selector"))?;
            if method.ends_with("sByXpath") {
                return Ok(json!({ "elements": found.iter().map(|p| element_ref(sim, p)).collect::<Vec<_>>() }));
            }
            found.first().map(|p| element_ref(sim, p)).ok_or_else(|| format!("element not found: {}", text(params, "selector")))
        }
        "App.addBinding" => {
            let expose = "(name) => { globalThis.__autoBindingCalls = globalThis.__autoBindingCalls || []; globalThis[name] = function () { __autoBindingCalls.push({ name: name, args: Array.prototype.slice.call(arguments) }) } }";
            run(sim, expose, &[Json::from(text(params, "name"))])?;
            session.bindings = true;
            Ok(json!({}))
        }
        "Page.getData" => {
            on_page(sim, params)?;
            Ok(json!({ "data": sim.page_data_at(text(params, "path")) }))
        }
        "Page.setData" => {
            let id = on_page(sim, params)?;
            sim.framework("instanceSetData", &[json!(id), params.get("data").cloned().unwrap_or(json!({}))]).map(|_| json!({}))
        }
        "Page.callMethod" => {
            let id = on_page(sim, params)?;
            instance_method(sim, id, params)
        }
        "Page.getWindowProperties" => {
            on_page(sim, params)?;
            let names = list(params, "names");
            let properties: Vec<Json> = names.iter().map(|n| window_property(sim, n.as_str().unwrap_or_default())).collect();
            Ok(json!({ "properties": properties }))
        }
        _ if method.starts_with("Element.") => element_method(sim, method, params),
        other => Err(format!("not supported by wxemu yet: {other}")),
    }
}

/// `Page.callMethod` / `Element.callMethod` on instance `id`.
fn instance_method(sim: &mut Simulator, id: u32, params: &Map<String, Json>) -> Answer {
    Ok(json!({ "result": sim.framework("instanceCall", &[json!(id), Json::from(text(params, "method")), Json::Array(list(params, "args").to_vec())])? }))
}

fn window_property(sim: &mut Simulator, name: &str) -> Json {
    let width = sim.device().width;
    match name {
        "document.documentElement.scrollWidth" | "innerWidth" => json!(width),
        "document.documentElement.scrollHeight" => {
            let bottom = sim.element_boxes().unwrap_or_default().iter().map(|(_, b)| b.y + b.h).fold(0.0f32, f32::max);
            json!(bottom)
        }
        "document.body.scrollTop" | "document.documentElement.scrollTop" | "scrollY" | "pageYOffset" => json!(sim.page_scroll_top()),
        _ => Json::Null,
    }
}

fn native(sim: &mut Simulator, method: &str, data: Option<&Json>) -> Answer {
    let shown = sim.prompts().into_iter().find(|p| !matches!(p, Prompt::Toast { .. } | Prompt::Loading { .. }));
    let answered = match (method, shown) {
        ("confirmModal", Some(Prompt::Modal { .. })) => sim.answer_modal(true, None),
        ("cancelModal", Some(Prompt::Modal { .. })) => sim.answer_modal(false, None),
        ("confirmModal" | "authorizeAllow", Some(Prompt::Dialog { .. })) => sim.answer_dialog(true, None),
        ("cancelModal" | "authorizeCancel" | "closePaymentDialog", Some(Prompt::Dialog { .. })) => sim.answer_dialog(false, None),
        ("confirmModal" | "cancelModal" | "authorizeAllow" | "authorizeCancel" | "closePaymentDialog", _) => Err(format!("{method}: no such prompt is shown")),
        ("navigateLeft", _) => sim.navigate_back(1).map_err(|e| e.to_string()),
        ("goHome", _) => {
            let home = sim.stack_pages().first().map(|(_, r)| r.clone()).ok_or("no page is open")?;
            sim.re_launch(&format!("/{home}")).map_err(|e| e.to_string())
        }
        ("switchTab", _) => sim.switch_tab(data.and_then(|d| d.get("url")).and_then(Json::as_str).unwrap_or_default()).map_err(|e| e.to_string()),
        (other, _) => Err(format!("not supported by wxemu yet: Tool.native {other}")),
    };
    answered.map(|()| json!({}))
}

fn element_method(sim: &mut Simulator, method: &str, params: &Map<String, Json>) -> Answer {
    on_page(sim, params)?;
    let path = element_path(params);
    let element = sim.element(&path).ok_or("the element is gone from the page")?.clone();
    let names = list(params, "names");
    let names: Vec<&str> = names.iter().filter_map(Json::as_str).collect();
    let area = |sim: &mut Simulator| -> Result<wxemu_render::Box2, String> {
        sim.ensure_screen()?;
        Ok(sim.element_boxes()?.into_iter().find(|(p, _)| *p == path).map(|(_, b)| b).unwrap_or(wxemu_render::Box2 { x: 0.0, y: 0.0, w: 0.0, h: 0.0 }))
    };
    let done = Ok(json!({}));
    match method {
        "Element.getDOMProperties" => {
            let mut properties = Vec::new();
            for name in names {
                properties.push(match name {
                    "innerText" | "textContent" => json!(sim.element_text(&path)),
                    "offsetWidth" => json!(area(sim)?.w),
                    "offsetHeight" => json!(area(sim)?.h),
                    "value" => element.attr("value").and_then(wxemu_wxml::Value::to_json).unwrap_or(Json::Null),
                    _ => Json::Null,
                });
            }
            Ok(json!({ "properties": properties }))
        }
        "Element.getAttributes" | "Element.getProperties" => {
            let values: Vec<Json> = names.iter().map(|n| element.attr(n).and_then(wxemu_wxml::Value::to_json).unwrap_or(Json::Null)).collect();
            Ok(if method.ends_with("Attributes") { json!({ "attributes": values }) } else { json!({ "properties": values }) })
        }
        "Element.getOffset" => {
            let b = area(sim)?;
            Ok(json!({ "left": b.x, "top": b.y }))
        }
        "Element.getWXML" => {
            let wxml = if text(params, "type") == "outer" { dump::to_wxml(&[Node::Element(element.clone())]) } else { dump::to_wxml(&element.children) };
            Ok(json!({ "wxml": wxml }))
        }
        "Element.tap" => sim.tap_node(&path).map(|()| json!({})),
        "Element.touchstart" | "Element.touchmove" | "Element.touchend" => {
            let event = method.trim_start_matches("Element.");
            sim.trigger_node(&path, event, json!({})).and(done)
        }
        "Element.triggerEvent" => sim.trigger_node(&path, text(params, "type"), params.get("detail").cloned().unwrap_or(json!({}))).and(done),
        "Element.dispatchEvent" => sim.trigger_node(&path, text(params, "eventName"), params.get("detail").cloned().unwrap_or(json!({}))).and(done),
        "Element.callFunction" => sim.call_built_in(&path, text(params, "functionName"), list(params, "args")).map(|result| json!({ "result": result })),
        "Element.getData" | "Element.setData" | "Element.callMethod" => {
            let id = element.component.ok_or("not a custom component")?;
            match method {
                "Element.getData" => {
                    let path = text(params, "path");
                    Ok(json!({ "data": sim.framework("instanceDataAt", &[json!(id), Json::from(path)])? }))
                }
                "Element.setData" => sim.framework("instanceSetData", &[json!(id), params.get("data").cloned().unwrap_or(json!({}))]).and(done),
                _ => instance_method(sim, id, params),
            }
        }
        other => Err(format!("not supported by wxemu yet: {other}")),
    }
}
