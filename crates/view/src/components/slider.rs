//! `<slider>`: a track filled up to its `value`, a handle there and the value after it
//! (`show-value`); a form submits its value.

use super::{BuiltIn, Page, Parts};
use serde_json::{json, Value as Json};
use wxemu_wxml::{Element, Node, Value};

pub struct Slider;

impl BuiltIn for Slider {
    fn tags(&self) -> &'static [&'static str] {
        &["slider"]
    }

    fn style(&self) -> &'static str {
        "slider { display: flex; align-items: center; margin: 10px 18px; padding: 0; min-height: 28px; }
wx-slider-track { display: block; flex: 1; position: relative; height: 2px; border-radius: 5px; }
wx-slider-fill { display: block; height: 100%; border-radius: 5px; }
wx-slider-handle { display: block; position: absolute; top: 50%; border-radius: 50%; box-shadow: 0 0 4px rgba(0, 0, 0, 0.2); }
wx-slider-value { display: block; width: 3em; color: #888; font-size: 14px; margin-left: 1em; }"
    }

    fn parts(&self, parts: &mut Parts) {
        let (min, max) = (parts.number("min", 0.0), parts.number("max", 100.0));
        let value = parts.number("value", min).clamp(min, max);
        let percent = if max > min { (value - min) / (max - min) * 100.0 } else { 0.0 };
        let track_style = format!("background-color: {}", parts.color(&["backgroundColor", "color"], "#e9e9e9"));
        let fill_style = format!("width: {percent}%; background-color: {}", parts.color(&["activeColor", "selectedColor"], "#1aad19"));
        let size = parts.number("blockSize", 28.0).clamp(12.0, 28.0);
        let handle_style = format!("left: {percent}%; width: {size}px; height: {size}px; margin-left: {}px; margin-top: {}px; background-color: {}", -size / 2.0, -size / 2.0, parts.color(&["blockColor"], "#ffffff"));
        let track = parts.push(parts.index, parts.styled_part("wx-slider-track", track_style));
        parts.push(track, parts.styled_part("wx-slider-fill", fill_style));
        parts.push(track, parts.styled_part("wx-slider-handle", handle_style));
        if parts.element().flag("showValue") {
            parts.push_text(parts.index, parts.part("wx-slider-value"), format!("{value}"));
        }
    }

    fn form_value(&self, _: &[Node], _: &[usize], element: &Element) -> Option<Json> {
        Some(json!(super::text(element, "value").parse::<f64>().unwrap_or(0.0)))
    }

    /// `slideTo(value)`: the user drags it to `value`; it shows it, then `change` with `{value}`.
    fn call(&self, page: &mut dyn Page, path: &[usize], _: &Element, method: &str, args: &[Json]) -> Option<Result<Json, String>> {
        let value = args.first().and_then(Json::as_f64).unwrap_or(0.0);
        (method == "slideTo").then(|| {
            page.set_control(path, "value", Value::Number(value));
            page.dispatch(path, "change", json!({ "value": value })).map(|_| Json::Null)
        })
    }
}
