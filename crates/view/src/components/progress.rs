//! `<progress>`: a bar filled to `percent`, with the percentage after it (`show-info`).

use super::{BuiltIn, Parts};

pub struct Progress;

impl BuiltIn for Progress {
    fn tags(&self) -> &'static [&'static str] {
        &["progress"]
    }

    fn style(&self) -> &'static str {
        "progress { display: flex; align-items: center; }
wx-progress-bar { display: block; flex: 1; overflow: hidden; }
wx-progress-inner { display: block; height: 100%; }
wx-progress-info { display: block; min-width: 2em; margin-left: 15px; }"
    }

    fn parts(&self, parts: &mut Parts) {
        let percent = parts.number("percent", 0.0).clamp(0.0, 100.0);
        let active = parts.color(&["activeColor", "color"], "#09BB07");
        let bar_style = format!("height: {}px; border-radius: {}px; background-color: {}", parts.number("strokeWidth", 6.0), parts.number("borderRadius", 0.0), parts.color(&["backgroundColor"], "#EBEBEB"));
        let info = parts.element().flag("showInfo").then(|| (format!("{}%", percent.round()), format!("font-size: {}px", parts.number("fontSize", 16.0))));
        let bar = parts.push(parts.index, parts.styled_part("wx-progress-bar", bar_style));
        parts.push(bar, parts.styled_part("wx-progress-inner", format!("width: {percent}%; background-color: {active}")));
        if let Some((text, style)) = info {
            parts.push_text(parts.index, parts.styled_part("wx-progress-info", style), text);
        }
    }
}
