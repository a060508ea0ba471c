//! `<movable-area>` and the `<movable-view>`s in it, placed at their `x`/`y`.

use super::{BuiltIn, Page, Parts};
use serde_json::{json, Value as Json};
use wxemu_wxml::{Element, Value};

pub struct Movable;

impl BuiltIn for Movable {
    fn tags(&self) -> &'static [&'static str] {
        &["movable-area", "movable-view"]
    }

    fn style(&self) -> &'static str {
        "movable-area { display: block; width: 10px; height: 10px; position: relative; }
movable-view { display: inline-block; width: 10px; height: 10px; position: absolute; top: 0; left: 0; }"
    }

    fn parts(&self, parts: &mut Parts) {
        if &*parts.element().tag == "movable-view" {
            let (x, y) = (parts.number("x", 0.0), parts.number("y", 0.0));
            parts.restyle(&format!("transform: translate({x}px, {y}px)"));
        }
    }

    /// `moveTo(x, y)` of a movable-view: the user drags it there; `change` with `{x, y, source}`.
    fn call(&self, page: &mut dyn Page, path: &[usize], element: &Element, method: &str, args: &[Json]) -> Option<Result<Json, String>> {
        let number = |i: usize| args.get(i).and_then(Json::as_f64).unwrap_or(0.0);
        (method == "moveTo" && &*element.tag == "movable-view").then(|| {
            let (x, y) = (number(0), number(1));
            page.set_control(path, "x", Value::Number(x));
            page.set_control(path, "y", Value::Number(y));
            page.dispatch(path, "change", json!({ "x": x, "y": y, "source": "touch" })).map(|_| Json::Null)
        })
    }
}
