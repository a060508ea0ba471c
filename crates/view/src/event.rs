//! How an event travels through the page, as the platform (exparser) sends it: the capture
//! phase from the root down to the target (`capture-bind:`, `capture-catch:`), then — for
//! bubbling events — the bubble phase from the target up (`bind`, `catch`, `mut-bind`). A
//! `catch` stops the event; among `mut-bind` handlers only the first one runs, while `bind`
//! and `catch` handlers are unaffected.

use serde_json::{json, Map, Value as Json};
use wxemu_wxml::{Element, Value};

/// Events that bubble; every other event (input, change, scroll, component events unless
/// triggered with `bubbles`) stays on its target.
pub const BUBBLING: &[&str] =
    &["touchstart", "touchmove", "touchcancel", "touchend", "tap", "longpress", "longtap", "transitionend", "animationstart", "animationiteration", "animationend", "touchforcechange"];

/// One handler to call: the method name and which element of the chain is `currentTarget`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandlerCall {
    pub method: String,
    /// Index into the element chain (root first).
    pub current_target: usize,
}

/// The handlers an event of type `event` on the last element of `chain` (root first)
/// reaches, in the order they run; built-in events bubble if they are in [`BUBBLING`].
pub fn dispatch(chain: &[&Element], event: &str) -> Vec<HandlerCall> {
    dispatch_with(chain, event, BUBBLING.contains(&event), true)
}

/// Like [`dispatch`], with bubbling and the capture phase chosen by the caller (a
/// component's `triggerEvent` decides with its `bubbles` and `capturePhase` options).
pub fn dispatch_with(chain: &[&Element], event: &str, bubbles: bool, capture: bool) -> Vec<HandlerCall> {
    let mut calls = Vec::new();
    let handler = |el: &Element, names: &[String]| names.iter().find_map(|n| el.attr(n)).map(Value::to_js_string).filter(|m| !m.is_empty());
    let names = |prefixes: &[&str]| -> Vec<String> { prefixes.iter().flat_map(|p| [format!("{p}:{event}"), format!("{p}{event}")]).collect() };
    let (capture_catch, capture_bind) = (names(&["capture-catch"]), names(&["capture-bind"]));
    let (catch, mut_bind, bind) = (names(&["catch"]), names(&["mut-bind"]), names(&["bind"]));
    for (i, el) in chain.iter().enumerate().filter(|_| capture) {
        if let Some(method) = handler(el, &capture_catch) {
            calls.push(HandlerCall { method, current_target: i });
            return calls;
        }
        if let Some(method) = handler(el, &capture_bind) {
            calls.push(HandlerCall { method, current_target: i });
        }
    }
    let mut mut_done = false;
    for (i, el) in chain.iter().enumerate().rev() {
        if let Some(method) = handler(el, &bind) {
            calls.push(HandlerCall { method, current_target: i });
        }
        if !mut_done {
            if let Some(method) = handler(el, &mut_bind) {
                calls.push(HandlerCall { method, current_target: i });
                mut_done = true;
            }
        }
        if let Some(method) = handler(el, &catch) {
            calls.push(HandlerCall { method, current_target: i });
            break;
        }
        if !bubbles {
            break;
        }
    }
    calls
}

/// `data-*` attributes as the platform's dataset, in attribute-name order: `data-user-name`
/// → `userName`, upper case folded (`data-CamelCase` → `camelcase`).
pub fn dataset(el: &Element) -> Map<String, Json> {
    let mut attrs: Vec<_> = el.attrs.iter().collect();
    attrs.sort_by(|a, b| a.0.cmp(&b.0));
    attrs
        .into_iter()
        .filter_map(|(name, value)| {
            let key = name.strip_prefix("data-")?.to_lowercase();
            let mut camel = String::new();
            let mut upper = false;
            for c in key.chars() {
                match c {
                    '-' => upper = true,
                    c if upper => {
                        camel.extend(c.to_uppercase());
                        upper = false;
                    }
                    c => camel.push(c),
                }
            }
            Some((camel, value.to_json().unwrap_or(Json::Null)))
        })
        .collect()
}

/// The marks (`mark:name`) of the target and its ancestors; nearer ones win.
pub fn marks(chain: &[&Element]) -> Map<String, Json> {
    let mut out = Map::new();
    for el in chain {
        for (name, value) in &el.attrs {
            if let Some(key) = name.strip_prefix("mark:") {
                out.insert(key.to_string(), value.to_json().unwrap_or(Json::Null));
            }
        }
    }
    out
}

/// The event object a handler receives. Its `target` is retargeted as exparser does: seen
/// from outside a component, the target is the component's host (the nearest element at or
/// above the real target that belongs to the same template as `currentTarget`).
pub fn event_object(kind: &str, time: u64, chain: &[&Element], current: usize, detail: Json) -> Json {
    let describe = |el: &Element| json!({ "id": el.attr("id").map(Value::to_js_string).unwrap_or_default(), "dataset": dataset(el) });
    let owner = chain[current].owner;
    let target = chain.iter().rev().find(|el| el.owner == owner).expect("currentTarget is in the chain");
    json!({
        "type": kind,
        "timeStamp": time,
        "target": describe(target),
        "currentTarget": describe(chain[current]),
        "detail": detail,
        "mark": marks(chain),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::{element_chain, tests::tree, Selector};

    fn calls(wxml: &str, target: &str, event: &str) -> Vec<String> {
        let nodes = tree(wxml);
        let path = Selector::parse(target).unwrap().select_all(&nodes).remove(0);
        let chain = element_chain(&nodes, &path);
        dispatch(&chain, event).into_iter().map(|c| format!("{}@{}", c.method, c.current_target)).collect()
    }

    #[test]
    fn capture_then_bubble_in_order() {
        let page = r#"<view capture-bind:tap="c0" bindtap="b0"><view capture-bind:tap="c1" bind:tap="b1"><view id="t" bindtap="b2"/></view></view>"#;
        assert_eq!(calls(page, "#t", "tap"), ["c0@0", "c1@1", "b2@2", "b1@1", "b0@0"]);
    }

    #[test]
    fn catch_stops_and_capture_catch_stops_everything() {
        assert_eq!(calls(r#"<view bindtap="outer"><view catchtap="mid"><view id="t" bindtap="inner"/></view></view>"#, "#t", "tap"), ["inner@2", "mid@1"]);
        assert_eq!(calls(r#"<view capture-catch:tap="cc" bindtap="outer"><view id="t" bindtap="inner"/></view>"#, "#t", "tap"), ["cc@0"]);
    }

    #[test]
    fn only_the_first_mut_bind_runs() {
        let page = r#"<view mut-bind:tap="m0" bindtap="b0"><view mut-bind:tap="m1"><view id="t" mut-bind:tap="m2"/></view></view>"#;
        assert_eq!(calls(page, "#t", "tap"), ["m2@2", "b0@0"]);
    }

    #[test]
    fn non_bubbling_events_stay_on_the_target() {
        assert_eq!(calls(r#"<view bindinput="outer"><input id="t" bindinput="own"/></view>"#, "#t", "input"), ["own@1"]);
    }

    #[test]
    fn dataset_and_marks() {
        let nodes = tree(r#"<view mark:a="outer" mark:b="1"><view id="t" data-user-name="n" data-CamelCase="c" data-id="{{7}}" mark:a="inner"/></view>"#);
        let chain = element_chain(&nodes, &[0, 0]);
        let event = event_object("tap", 5, &chain, 0, json!({}));
        assert_eq!(event["target"], json!({"id": "t", "dataset": {"userName": "n", "camelcase": "c", "id": 7}}));
        assert_eq!(event["currentTarget"]["dataset"], json!({}));
        assert_eq!(event["mark"], json!({"a": "inner", "b": "1"}));
        assert_eq!(event["timeStamp"], 5);
    }
}
