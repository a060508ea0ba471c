//! The client's chrome around a page, drawn as the iOS WeChat client draws it: its bars
//! (`bars`), the prompts it shows over the page (`prompts`), and the window's text panels
//! (console and error overlays); with the text and colour helpers they share.

use crate::fonts::Fonts;
use crate::layout;
use crate::paint;
use wxemu_render::{Box2, Item, Paint, Rgba};
use wxemu_wxss::style::{ComputedStyle, TextAlign, WordBreak};

mod bars;
mod prompts;

pub use bars::*;
pub use prompts::*;

fn text_style(size: f32, weight: u16, color: Rgba) -> ComputedStyle {
    ComputedStyle { font_size: size, font_weight: weight, color, text_align: TextAlign::Center, ..ComputedStyle::default() }
}

/// Draws `text` centred in `area`.
fn centered(fonts: &mut Fonts, text: &str, style: &ComputedStyle, area: Box2, items: &mut Vec<Item>) {
    let line = layout::line(fonts, text, style, area.w);
    let y = area.y + (area.h - line.height()) / 2.0;
    paint::glyphs(&line, Box2 { y, ..area }, items);
}

/// `text`, or as much of it as fits in `width` on one line followed by "…".
fn fitted(fonts: &mut Fonts, text: &str, style: &ComputedStyle, width: f32) -> String {
    let fits = |fonts: &mut Fonts, t: &str| layout::line(fonts, t, style, f32::MAX).width() <= width;
    if fits(fonts, text) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    (1..chars.len()).rev().map(|n| format!("{}…", chars[..n].iter().collect::<String>().trim_end())).find(|t| fits(fonts, t)).unwrap_or_else(|| "…".into())
}

fn fill(area: Box2, radius: f32, color: Rgba, items: &mut Vec<Item>) {
    items.push(Item::Fill { area, radii: [radius; 4], paint: Paint::Solid(color) });
}

/// A panel of text over the page (the window's console and error overlays): a dark
/// translucent box across `area`, each entry in its colour and wrapped to the width; when
/// they do not all fit, the last ones.
pub fn text_panel(entries: &[(String, Rgba)], fonts: &mut Fonts, area: Box2, items: &mut Vec<Item>) {
    fill(area, 0.0, Rgba { r: 24, g: 24, b: 24, a: 235 }, items);
    let (pad, width) = (8.0, (area.w - 16.0).max(1.0));
    let laid: Vec<_> = entries
        .iter()
        .map(|(text, color)| {
            // Long words (JSON, paths) break anywhere rather than run off the panel.
            let style = ComputedStyle { font_size: 12.0, color: *color, text_align: TextAlign::Left, word_break: WordBreak::BreakAll, ..ComputedStyle::default() };
            layout::line(fonts, text, &style, width)
        })
        .collect();
    let mut room = area.h - 2.0 * pad;
    let first = laid
        .iter()
        .rposition(|l| {
            room -= l.height();
            room < 0.0
        })
        .map_or(0, |i| i + 1);
    let mut y = area.y + pad;
    for line in &laid[first..] {
        paint::glyphs(line, Box2 { x: area.x + pad, y, w: width, h: line.height() }, items);
        y += line.height();
    }
}

/// `#rgb` / `#rrggbb`, as app.json and the prompt APIs write colours.
pub fn hex_color(text: &str) -> Option<Rgba> {
    let hex = text.strip_prefix('#')?;
    let v = u32::from_str_radix(hex, 16).ok()?;
    match hex.len() {
        6 => Some(Rgba::hex(v)),
        3 => Some(Rgba::hex(((v & 0xf00) << 12 | (v & 0xf00) << 8) | ((v & 0xf0) << 8 | (v & 0xf0) << 4) | ((v & 0xf) << 4 | (v & 0xf)))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph_runs(items: &[Item]) -> Vec<f32> {
        items.iter().filter_map(|i| if let Item::Glyphs { glyphs, .. } = i { glyphs.first().map(|g| g.2) } else { None }).collect()
    }

    #[test]
    fn a_text_panel_shows_the_last_entries_that_fit() {
        let mut fonts = Fonts::load_default().expect("fonts are installed");
        let mut entries: Vec<(String, Rgba)> = (0..49).map(|i| (format!("line {i}"), Rgba::WHITE)).collect();
        entries.push(("end".into(), Rgba::WHITE));
        let mut items = Vec::new();
        text_panel(&entries, &mut fonts, Box2 { x: 0.0, y: 400.0, w: 375.0, h: 100.0 }, &mut items);
        let baselines = glyph_runs(&items);
        assert!((4..=6).contains(&baselines.len()), "about 84 px of 17 px lines: {baselines:?}");
        assert!(baselines.iter().all(|y| *y > 400.0 && *y < 500.0), "inside the panel: {baselines:?}");
        let last = items.iter().rev().find_map(|i| if let Item::Glyphs { glyphs, .. } = i { Some(glyphs.len()) } else { None }).unwrap();
        assert_eq!(last, 3, "the last entry, \"end\", is drawn last");
    }
}
