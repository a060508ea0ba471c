//! `<icon>`: the WeUI icon font is not available, so each `type` is drawn as its colour and
//! a symbol (in a circle for the round ones).

use super::{BuiltIn, Parts};

pub struct Icon;

impl BuiltIn for Icon {
    fn tags(&self) -> &'static [&'static str] {
        &["icon"]
    }

    fn style(&self) -> &'static str {
        "icon { display: inline-block; text-align: center; }"
    }

    fn parts(&self, parts: &mut Parts) {
        let (glyph, default_color, circle) = match parts.element().attr("type").as_str() {
            "success" => ("✓", "#09BB07", true),
            "success_no_circle" => ("✓", "#09BB07", false),
            "info" => ("i", "#10AEFF", true),
            "warn" => ("!", "#F76260", true),
            "waiting" => ("◷", "#10AEFF", false),
            "cancel" => ("×", "#F43530", true),
            "download" => ("↓", "#09BB07", false),
            "search" => ("⚲", "#B2B2B2", false),
            "clear" => ("×", "#B2B2B2", true),
            _ => return,
        };
        let size = parts.number("size", 23.0);
        let color = parts.color(&["color"], default_color);
        let own = if circle {
            format!("width: {size}px; height: {size}px; border-radius: 50%; background-color: {color}; color: #fff; font-size: {}px; line-height: {size}px", size * 0.7)
        } else {
            format!("width: {size}px; height: {size}px; color: {color}; font-size: {size}px; line-height: {size}px")
        };
        parts.restyle(&own);
        parts.text(parts.index, glyph.into());
    }
}
