//! `<icon>`: each `type` is a glyph in the icon's colour, drawn as the client draws WeUI's
//! icons: the glyph (an SVG of wxemu's own, on a 24 × 24 grid) masks the icon's
//! background colour.

use super::{BuiltIn, Parts};

pub struct Icon;

/// A disc with `cut` cut out of it (drawn in black in the SVG's mask).
fn disc(cut: &str) -> String {
    format!(r#"<mask id="m"><rect width="24" height="24" fill="white"/><g fill="black" stroke="black">{cut}</g></mask><circle cx="12" cy="12" r="12" mask="url(#m)"/>"#)
}

/// A ring with `inside` drawn in it.
fn ring(inside: &str) -> String {
    format!(r#"<circle cx="12" cy="12" r="11" fill="none" stroke-width="1.6"/>{inside}"#)
}

const CHECK: &str = r#"<path d="M6.6 12.4l3.6 3.6 7.4-7.6" fill="none" stroke-width="2"/>"#;
const INFO: &str = r#"<circle cx="12" cy="7" r="1.5" stroke="none"/><rect x="10.9" y="10" width="2.2" height="8" rx="0.5" stroke="none"/>"#;
const BANG: &str = r#"<rect x="10.9" y="5.5" width="2.2" height="9" rx="0.5" stroke="none"/><circle cx="12" cy="17.8" r="1.4" stroke="none"/>"#;
const HANDS: &str = r#"<path d="M12 5.5v7h5" fill="none" stroke-width="2"/>"#;
const CROSS: &str = r#"<path d="M8 8l8 8M16 8l-8 8" fill="none" stroke-width="2"/>"#;
const ARROW: &str = r#"<path d="M12 5.5v11M7.5 12l4.5 4.5 4.5-4.5" fill="none" stroke-width="2"/>"#;

/// The glyph (SVG elements in a 24 × 24 box) and default colour of each icon type.
fn glyph(kind: &str) -> Option<(String, &'static str)> {
    let stroke = |inside: &str| format!(r#"<g fill="black" stroke="black">{inside}</g>"#);
    Some(match kind {
        "success" => (disc(CHECK), "#09BB07"),
        "success_no_circle" => (stroke(&CHECK.replace("stroke-width=\"2\"", "stroke-width=\"2.6\"")), "#09BB07"),
        "success_circle" => (stroke(&ring(CHECK)), "#09BB07"),
        "info" => (disc(INFO), "#10AEFF"),
        "info_circle" => (stroke(&ring(INFO)), "#09BB07"),
        "warn" => (disc(BANG), "#F76260"),
        "waiting" => (disc(HANDS), "#10AEFF"),
        "waiting_circle" => (stroke(&ring(HANDS)), "#10AEFF"),
        "circle" => (stroke(&ring("")), "#C9C9C9"),
        "cancel" => (disc(CROSS), "#F43530"),
        "download" => (disc(ARROW), "#09BB07"),
        "search" => (stroke(r#"<circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke-width="2"/><path d="M15.3 15.3l5.2 5.2" stroke-width="2.4" stroke-linecap="round"/>"#), "#B2B2B2"),
        "clear" => (disc(CROSS), "#B2B2B2"),
        _ => return None,
    })
}

/// `svg` as a data URL that survives inside an inline style (every byte that is not
/// alphanumeric is percent-encoded).
fn data_url(svg: &str) -> String {
    let mut url = String::from("data:image/svg+xml,");
    for byte in svg.bytes() {
        if byte.is_ascii_alphanumeric() {
            url.push(byte as char);
        } else {
            url += &format!("%{byte:02X}");
        }
    }
    url
}

impl BuiltIn for Icon {
    fn tags(&self) -> &'static [&'static str] {
        &["icon"]
    }

    fn style(&self) -> &'static str {
        "icon { display: inline-block; }"
    }

    fn parts(&self, parts: &mut Parts) {
        let Some((glyph, default_color)) = glyph(&parts.element().attr("type")) else { return };
        let size = parts.number("size", 23.0);
        let color = parts.color(&["color"], default_color);
        let svg = format!(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">{glyph}</svg>"#);
        parts.restyle(&format!(
            "width: {size}px; height: {size}px; background-color: {color}; mask-image: url(\"{}\"); mask-size: 100% 100%; mask-repeat: no-repeat",
            data_url(&svg)
        ));
    }
}
