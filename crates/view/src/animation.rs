//! The `animation` attribute: the data `wx.createAnimation().….step().export()` gives,
//! turned into the inline style the element has at a time after the data was applied; and
//! the keyframes of `this.animate`, turned into the same data.

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
        Json::Number(n) => format!("{}", n.as_f64().unwrap_or(0.0)),
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

/// A step: what it changes, when it starts after the data was applied, how long it runs.
struct Step {
    properties: Vec<(String, Json)>,
    transform: Vec<(String, Vec<Json>)>,
    origin: Option<String>,
    start: f64,
    duration: f64,
    timing: String,
}

fn steps(data: &Json) -> Vec<Step> {
    let mut at = 0.0;
    let mut steps = Vec::new();
    for action in data.get("actions").and_then(Json::as_array).into_iter().flatten() {
        let option = action.get("option");
        let transition = option.and_then(|o| o.get("transition"));
        let number = |key: &str, default: f64| transition.and_then(|t| t.get(key)).and_then(Json::as_f64).unwrap_or(default).max(0.0);
        let (delay, duration) = (number("delay", 0.0), number("duration", 400.0));
        let mut step = Step {
            properties: Vec::new(),
            transform: Vec::new(),
            origin: option.and_then(|o| o.get("transformOrigin")).and_then(Json::as_str).map(str::to_string),
            start: at + delay,
            duration,
            timing: transition.and_then(|t| t.get("timingFunction")).and_then(Json::as_str).unwrap_or("linear").to_string(),
        };
        at += delay + duration;
        for animate in action.get("animates").and_then(Json::as_array).into_iter().flatten() {
            let kind = animate.get("type").and_then(Json::as_str).unwrap_or_default();
            let args: Vec<Json> = animate.get("args").and_then(Json::as_array).cloned().unwrap_or_default();
            match (kind, args.first().and_then(Json::as_str), args.get(1)) {
                ("style", Some(name), Some(value)) => {
                    step.properties.retain(|(n, _)| n != name);
                    step.properties.push((name.to_string(), value.clone()));
                }
                ("style", ..) => {}
                _ if transform(kind, &args).is_some() => step.transform.push((kind.to_string(), args)),
                _ => {}
            }
        }
        steps.push(step);
    }
    steps
}

/// How long all of `data`'s steps take (ms).
pub fn duration(data: &Json) -> u64 {
    steps(data).iter().map(|s| s.start + s.duration).fold(0.0, f64::max).ceil() as u64
}

/// `timing` at progress `t` (0 to 1).
fn eased(timing: &str, t: f64) -> f64 {
    let bezier = |x1: f64, y1: f64, x2: f64, y2: f64| {
        // Solve x(s) = t for s by bisection, then give y(s).
        let curve = |a: f64, b: f64, s: f64| 3.0 * a * s * (1.0 - s) * (1.0 - s) + 3.0 * b * s * s * (1.0 - s) + s * s * s;
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..40 {
            let mid = (lo + hi) / 2.0;
            if curve(x1, x2, mid) < t {
                lo = mid
            } else {
                hi = mid
            }
        }
        curve(y1, y2, (lo + hi) / 2.0)
    };
    if t <= 0.0 || t >= 1.0 {
        return if timing == "step-start" && t == 0.0 { 0.0 } else { t.clamp(0.0, 1.0) };
    }
    match timing {
        "ease" => bezier(0.25, 0.1, 0.25, 1.0),
        "ease-in" => bezier(0.42, 0.0, 1.0, 1.0),
        "ease-out" => bezier(0.0, 0.0, 0.58, 1.0),
        "ease-in-out" => bezier(0.42, 0.0, 0.58, 1.0),
        "step-start" => {
            if t > 0.0 {
                1.0
            } else {
                0.0
            }
        }
        "step-end" => {
            if t >= 1.0 {
                1.0
            } else {
                0.0
            }
        }
        other => match cubic_bezier(other) {
            Some([x1, y1, x2, y2]) => bezier(x1, y1, x2, y2),
            None => t,
        },
    }
}

/// The control points of a `cubic-bezier(x1, y1, x2, y2)` timing function (x within 0..1).
fn cubic_bezier(timing: &str) -> Option<[f64; 4]> {
    let inner = timing.trim().strip_prefix("cubic-bezier(")?.strip_suffix(')')?;
    let numbers: Vec<f64> = inner.split(',').map(|n| n.trim().parse().ok()).collect::<Option<_>>()?;
    let [x1, y1, x2, y2]: [f64; 4] = numbers.try_into().ok()?;
    Some([x1.clamp(0.0, 1.0), y1, x2.clamp(0.0, 1.0), y2])
}

/// The identity arguments of a transform function (where an animation from no transform
/// starts).
fn identity(kind: &str, args: &[Json]) -> Vec<Json> {
    let one = kind.starts_with("scale");
    args.iter().map(|_| Json::from(if one { 1.0 } else { 0.0 })).collect()
}

fn mix(from: &Json, to: &Json, p: f64) -> Json {
    match (from.as_f64(), to.as_f64()) {
        (Some(a), Some(b)) => Json::from(a + (b - a) * p),
        _ => {
            if p >= 1.0 {
                to.clone()
            } else {
                from.clone()
            }
        }
    }
}

/// The inline style the animation data `data` (`{actions: [{animates, option}]}`) gives
/// its element `elapsed` ms after it was applied: each step changes its style properties
/// (which stay) and its transform (which replaces the last step's) over its duration, with
/// its timing function. Opacity and transforms move smoothly (a transform from the last
/// step's functions of the same kinds, or from none); other properties change when their
/// step ends.
pub fn style_at(data: &Json, elapsed: u64) -> String {
    let elapsed = elapsed as f64;
    let mut properties: Vec<(String, Json)> = Vec::new();
    let mut transform_list: Vec<(String, Vec<Json>)> = Vec::new();
    let mut origin = None;
    for step in steps(data) {
        if elapsed < step.start {
            break;
        }
        let p = if step.duration == 0.0 { 1.0 } else { eased(&step.timing, ((elapsed - step.start) / step.duration).min(1.0)) };
        origin = step.origin.clone().or(origin);
        for (name, value) in &step.properties {
            let from = properties.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
            let shown = match (name.as_str(), from) {
                ("opacity", from) => mix(&from.unwrap_or(Json::from(1.0)), value, p),
                (_, from) if p < 1.0 => match from {
                    Some(from) => from,
                    None => continue,
                },
                _ => value.clone(),
            };
            properties.retain(|(n, _)| n != name);
            properties.push((name.clone(), shown));
        }
        if !step.transform.is_empty() {
            let same_kinds = transform_list.len() == step.transform.len() && transform_list.iter().zip(&step.transform).all(|(a, b)| a.0 == b.0 && a.1.len() == b.1.len());
            let from: Vec<Vec<Json>> = if same_kinds { transform_list.iter().map(|(_, a)| a.clone()).collect() } else { step.transform.iter().map(|(k, a)| identity(k, a)).collect() };
            let smooth = same_kinds || transform_list.is_empty();
            transform_list = step
                .transform
                .iter()
                .zip(from)
                .map(|((kind, to), from)| {
                    let args = if smooth {
                        from.iter().zip(to).map(|(f, t)| mix(f, t, p)).collect()
                    } else if p >= 1.0 {
                        to.clone()
                    } else {
                        from
                    };
                    (kind.clone(), args)
                })
                .collect();
        }
    }
    let mut css = String::new();
    for (name, value) in properties {
        let css_name = if name == "backgroundColor" { "background-color".to_string() } else { name.clone() };
        let value = if matches!(name.as_str(), "width" | "height" | "top" | "left" | "right" | "bottom") { length(&value) } else { plain(&value) };
        css.push_str(&format!("{css_name}: {value}; "));
    }
    if !transform_list.is_empty() {
        let list: Vec<String> = transform_list.iter().filter_map(|(kind, args)| transform(kind, args)).collect();
        css.push_str(&format!("transform: {}; transform-origin: {}; ", list.join(" "), origin.unwrap_or_else(|| "50% 50% 0".into())));
    }
    css.trim_end().to_string()
}

/// The keyframe properties that are style properties; the others the platform names are
/// transform functions.
const KEYFRAME_STYLES: [&str; 8] = ["backgroundColor", "bottom", "height", "left", "width", "opacity", "right", "top"];

/// The animation data `this.animate(selector, keyframes, duration)` plays: the first
/// keyframe at once, then each next one over its share of `duration` (its offset less the
/// last one's), eased by the `ease` of the keyframe it leaves. Missing offsets are spaced
/// evenly between known ones (the first 0, the last 1), as the Web Animations API does.
pub fn from_keyframes(keyframes: &[Json], duration: f64) -> Json {
    let mut offsets: Vec<Option<f64>> = keyframes.iter().map(|k| k.get("offset").and_then(Json::as_f64).map(|o| o.clamp(0.0, 1.0))).collect();
    if let Some(last) = offsets.last_mut() {
        last.get_or_insert(1.0);
    }
    if offsets.len() > 1 {
        offsets[0].get_or_insert(0.0);
    }
    let mut known = 0;
    for i in 1..offsets.len() {
        if let Some(to) = offsets[i] {
            let from = offsets[known].unwrap_or(0.0);
            for (k, offset) in offsets.iter_mut().enumerate().take(i).skip(known + 1) {
                *offset = Some(from + (to - from) * (k - known) as f64 / (i - known) as f64);
            }
            known = i;
        }
    }
    let mut actions = Vec::new();
    let (mut at, mut ease) = (0.0, "linear".to_string());
    for (keyframe, offset) in keyframes.iter().zip(offsets) {
        let offset = offset.unwrap_or(1.0).max(at);
        let mut animates = Vec::new();
        for (name, value) in keyframe.as_object().into_iter().flatten() {
            if KEYFRAME_STYLES.contains(&name.as_str()) {
                animates.push(serde_json::json!({ "type": "style", "args": [name, value] }));
            } else if transform(name, &[]).is_some() {
                let args = value.as_array().cloned().unwrap_or_else(|| vec![value.clone()]);
                animates.push(serde_json::json!({ "type": name, "args": args }));
            }
        }
        let mut option = serde_json::json!({ "transition": { "duration": (offset - at) * duration, "timingFunction": ease } });
        if let Some(origin) = keyframe.get("transformOrigin") {
            option["transformOrigin"] = origin.clone();
        }
        actions.push(serde_json::json!({ "animates": animates, "option": option }));
        at = offset;
        ease = keyframe.get("ease").and_then(Json::as_str).unwrap_or("linear").to_string();
    }
    serde_json::json!({ "actions": actions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cubic_bezier_timing_functions_are_honoured() {
        // cubic-bezier(0.42, 0, 1, 1) is ease-in; (0, 0, 1, 1) is linear.
        for t in [0.1, 0.5, 0.9] {
            assert!((eased("cubic-bezier(0.42, 0, 1, 1)", t) - eased("ease-in", t)).abs() < 1e-9);
            assert!((eased("cubic-bezier(0,0,1,1)", t) - t).abs() < 1e-6);
        }
        assert!(eased("cubic-bezier(0.3, 1.5, 0.7, 1.5)", 0.5) > 1.0, "it may overshoot");
        assert_eq!(eased("cubic-bezier(nonsense)", 0.3), 0.3, "what is not one is linear");
    }

    #[test]
    fn steps_leave_their_styles_and_the_last_transform() {
        let data = json!({ "actions": [
            { "animates": [{ "type": "style", "args": ["opacity", 0.5] }, { "type": "rotate", "args": [45] }, { "type": "scale", "args": [2, 2] }], "option": { "transformOrigin": "50% 50% 0" } },
            { "animates": [{ "type": "translate", "args": [100, "10rpx"] }, { "type": "style", "args": ["width", 30] }, { "type": "style", "args": ["backgroundColor", "#ff0000"] }], "option": { "transformOrigin": "0 0" } },
            { "animates": [{ "type": "style", "args": ["opacity", 1] }], "option": {} }
        ] });
        assert_eq!(style_at(&data, u64::MAX), "width: 30px; background-color: #ff0000; opacity: 1; transform: translate(100px, 10rpx); transform-origin: 0 0;");
        assert_eq!(style_at(&json!({}), 0), "");
        assert_eq!(duration(&data), 1200);
    }

    #[test]
    fn steps_move_over_their_duration_with_their_timing() {
        let data = json!({ "actions": [
            { "animates": [{ "type": "translateX", "args": [100] }, { "type": "style", "args": ["opacity", 0] }, { "type": "style", "args": ["width", 50] }], "option": { "transition": { "duration": 200, "delay": 100 } } },
            { "animates": [{ "type": "translateX", "args": [0] }], "option": { "transition": { "duration": 100, "timingFunction": "ease-in" } } }
        ] });
        assert_eq!(style_at(&data, 50), "", "the first step waits for its delay");
        assert_eq!(style_at(&data, 150), "opacity: 0.75; transform: translateX(25px); transform-origin: 50% 50% 0;", "a quarter through, linearly; width waits for the step's end");
        assert_eq!(style_at(&data, 300), "opacity: 0; width: 50px; transform: translateX(100px); transform-origin: 50% 50% 0;");
        let halfway = style_at(&data, 350);
        assert!(halfway.contains("translateX(68.") || halfway.contains("translateX(68px"), "ease-in is slow at first: {halfway}");
        assert_eq!(style_at(&data, 400), "opacity: 0; width: 50px; transform: translateX(0px); transform-origin: 50% 50% 0;");
    }

    #[test]
    fn keyframes_play_as_steps_over_their_offsets() {
        let keyframes = [json!({ "opacity": 0, "translate": [0, 0], "ease": "linear" }), json!({ "opacity": 0.5, "translate": [50, 0] }), json!({ "opacity": 1, "translate": [100, 0], "offset": 1 })];
        let data = from_keyframes(&keyframes, 1000.0);
        assert_eq!(duration(&data), 1000);
        // The middle keyframe is spaced half way; the first holds from the start.
        assert_eq!(style_at(&data, 0), "opacity: 0; transform: translate(0px, 0px); transform-origin: 50% 50% 0;");
        assert_eq!(style_at(&data, 250), "opacity: 0.25; transform: translate(25px, 0px); transform-origin: 50% 50% 0;");
        assert_eq!(style_at(&data, 500), "opacity: 0.5; transform: translate(50px, 0px); transform-origin: 50% 50% 0;");
        assert_eq!(style_at(&data, 5000), "opacity: 1; transform: translate(100px, 0px); transform-origin: 50% 50% 0;");
        let one = from_keyframes(&[json!({ "rotate": 90, "transformOrigin": "0 0" })], 200.0);
        assert_eq!(style_at(&one, 100), "transform: rotate(45deg); transform-origin: 0 0;");
    }
}
