//! The `animation` attribute: the data `wx.createAnimation().….step().export()` gives,
//! turned into the inline style it leaves the element with. Each step sets its style
//! properties (which stay) and its transform (which replaces the last step's).
//! In-between frames are not drawn: the element shows where the steps end.

use serde_json::Value as Json;

/// A length argument: numbers are px, strings are used as written.
fn length(value: &Json) -> String {
    match value {
        Json::Number(n) => format!("{}px", n.as_f64().unwrap_or(0.0)),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn angle(value: &Json) -> String {
    match value {
        Json::Number(n) => format!("{}deg", n.as_f64().unwrap_or(0.0)),
        other => length(other),
    }
}

fn plain(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One transform function as CSS, or None for a type that is not a transform.
fn transform(kind: &str, args: &[Json]) -> Option<String> {
    let list = |f: fn(&Json) -> String| args.iter().map(f).collect::<Vec<_>>().join(", ");
    let text = match kind {
        "rotate" | "rotateX" | "rotateY" | "rotateZ" | "skewX" | "skewY" => format!("{kind}({})", list(angle)),
        "skew" => format!("skew({})", list(angle)),
        "rotate3d" => {
            let (axis, last) = args.split_at(args.len().saturating_sub(1));
            let axis: Vec<String> = axis.iter().map(plain).collect();
            format!("rotate3d({}, {})", axis.join(", "), last.first().map(angle).unwrap_or_default())
        }
        "scale" | "scaleX" | "scaleY" | "scaleZ" | "scale3d" | "matrix" | "matrix3d" => format!("{kind}({})", list(plain)),
        "translate" | "translateX" | "translateY" | "translateZ" | "translate3d" => format!("{kind}({})", list(length)),
        _ => return None,
    };
    Some(text)
}

/// The inline style the animation data `data` (`{actions: [{animates, option}]}`) leaves.
pub fn end_style(data: &Json) -> String {
    let mut properties: Vec<(String, String)> = Vec::new();
    let mut transform_list: Option<Vec<String>> = None;
    let mut origin = None;
    for action in data.get("actions").and_then(Json::as_array).into_iter().flatten() {
        let mut step_transform = Vec::new();
        for animate in action.get("animates").and_then(Json::as_array).into_iter().flatten() {
            let kind = animate.get("type").and_then(Json::as_str).unwrap_or_default();
            let args: &[Json] = animate.get("args").and_then(Json::as_array).map_or(&[], Vec::as_slice);
            if kind == "style" {
                let (Some(name), Some(value)) = (args.first().and_then(Json::as_str), args.get(1)) else { continue };
                let css_name = match name {
                    "backgroundColor" => "background-color".to_string(),
                    other => other.to_string(),
                };
                let value = if matches!(name, "width" | "height" | "top" | "left" | "right" | "bottom") { length(value) } else { plain(value) };
                properties.retain(|(n, _)| *n != css_name);
                properties.push((css_name, value));
            } else if let Some(function) = transform(kind, args) {
                step_transform.push(function);
            }
        }
        if !step_transform.is_empty() {
            transform_list = Some(step_transform);
        }
        if let Some(o) = action.get("option").and_then(|o| o.get("transformOrigin")).and_then(Json::as_str) {
            origin = Some(o.to_string());
        }
    }
    let mut css = String::new();
    for (name, value) in properties {
        css.push_str(&format!("{name}: {value}; "));
    }
    if let Some(list) = transform_list {
        css.push_str(&format!("transform: {}; transform-origin: {}; ", list.join(" "), origin.unwrap_or_else(|| "50% 50% 0".into())));
    }
    css.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn steps_leave_their_styles_and_the_last_transform() {
        let data = json!({ "actions": [
            { "animates": [{ "type": "style", "args": ["opacity", 0.5] }, { "type": "rotate", "args": [45] }, { "type": "scale", "args": [2, 2] }], "option": { "transformOrigin": "50% 50% 0" } },
            { "animates": [{ "type": "translate", "args": [100, "10rpx"] }, { "type": "style", "args": ["width", 30] }, { "type": "style", "args": ["backgroundColor", "#ff0000"] }], "option": { "transformOrigin": "0 0" } },
            { "animates": [{ "type": "style", "args": ["opacity", 1] }], "option": {} }
        ] });
        assert_eq!(end_style(&data), "width: 30px; background-color: #ff0000; opacity: 1; transform: translate(100px, 10rpx); transform-origin: 0 0;");
        assert_eq!(end_style(&json!({})), "");
    }
}
