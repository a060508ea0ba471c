//! The client's chrome around a page: status bar, navigation bar and tab bar, drawn as the
//! iOS WeChat client draws them (44 px navigation bar, 49 px tab bar; the status bar and the
//! home indicator's area come from the device).

use crate::fonts::Fonts;
use crate::layout;
use crate::paint;
use wxemu_render::{Box2, Item, Paint, Rgba};
use wxemu_wxss::style::{ComputedStyle, TextAlign, WordBreak};

pub const NAVIGATION_BAR: f32 = 44.0;
pub const TAB_BAR: f32 = 49.0;
/// How far from the left edge a tap on the navigation bar hits the back arrow.
pub const BACK_WIDTH: f32 = 44.0;

/// The menu button (the capsule at the top right of every mini-program page): 87 × 32 px,
/// 7 px from the right edge, 4 px below the status bar.
pub fn menu_button(width: f32, status: f32) -> Box2 {
    Box2 { x: width - 7.0 - 87.0, y: status + 4.0, w: 87.0, h: 32.0 }
}

/// What the navigation bar shows (from app.json `window` and the page's .json).
pub struct NavigationBar {
    pub title: String,
    pub background: Rgba,
    /// `navigationBarTextStyle: white` (else black).
    pub white_text: bool,
    /// `navigationStyle: custom`: only the status bar's text, over the page.
    pub custom: bool,
    /// Whether a back arrow shows (a page below this one on the stack).
    pub back: bool,
    /// Whether a home button shows instead (the only page, not the home page or a tab).
    pub home: bool,
    /// A loading spinner before the title.
    pub loading: bool,
}

/// One tab of the tab bar.
pub struct Tab {
    pub text: String,
    pub selected: bool,
    /// `iconPath` (or `selectedIconPath` when selected), when it could be read.
    pub icon: Option<std::sync::Arc<wxemu_render::Pixmap>>,
    pub badge: Option<Badge>,
}

/// What a tab shows at its top right (`wx.setTabBarBadge`, `wx.showTabBarRedDot`).
#[derive(Clone, Debug, PartialEq)]
pub enum Badge {
    Text(String),
    Dot,
}

/// What the tab bar shows.
pub struct TabBar {
    pub tabs: Vec<Tab>,
    pub color: Rgba,
    pub selected_color: Rgba,
    pub background: Rgba,
    /// `borderStyle: white` (else black).
    pub white_border: bool,
}

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

/// Status bar (`status` px high) and navigation bar across `width`.
pub fn navigation_bar(bar: &NavigationBar, fonts: &mut Fonts, width: f32, status: f32, items: &mut Vec<Item>) {
    let color = if bar.white_text { Rgba::WHITE } else { Rgba::BLACK };
    if !bar.custom {
        items.push(Item::Fill { area: Box2 { x: 0.0, y: 0.0, w: width, h: status + NAVIGATION_BAR }, radii: [0.0; 4], paint: Paint::Solid(bar.background) });
        let title_style = text_style(17.0, 600, color);
        // Centred between the capsule and its mirror image on the left, cut with an ellipsis.
        let inset = width - menu_button(width, status).x + 6.0;
        let title_area = Box2 { x: inset, y: status, w: width - 2.0 * inset, h: NAVIGATION_BAR };
        let title = fitted(fonts, &bar.title, &title_style, title_area.w);
        centered(fonts, &title, &title_style, title_area, items);
        if bar.loading {
            // A spinning ring just before the title.
            let title_width = layout::line(fonts, &title, &title_style, title_area.w).width();
            let x = title_area.x + (title_area.w - title_width) / 2.0 - 24.0;
            let ring = Box2 { x, y: status + NAVIGATION_BAR / 2.0 - 8.0, w: 16.0, h: 16.0 };
            let faint = Rgba { a: 60, ..color };
            items.push(Item::Border { area: ring, radii: [8.0; 4], widths: [2.0; 4], colors: [color, faint, faint, faint] });
        }
        if bar.back {
            centered(fonts, "‹", &text_style(34.0, 300, color), Box2 { x: 0.0, y: status - 3.0, w: 30.0, h: NAVIGATION_BAR }, items);
        } else if bar.home {
            home_icon(Box2 { x: 0.0, y: status, w: BACK_WIDTH, h: NAVIGATION_BAR }, color, items);
        }
    }
    centered(fonts, "9:41", &text_style(12.0, 600, color), Box2 { x: 0.0, y: 0.0, w: width, h: status.min(20.0) }, items);
    capsule(menu_button(width, status), bar.white_text, items);
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

/// The menu button: "···" and the close ring on a translucent capsule, dark or light to
/// suit the navigation bar's text.
fn capsule(area: Box2, white_text: bool, items: &mut Vec<Item>) {
    let (background, edge, ink) = if white_text {
        (Rgba { r: 0, g: 0, b: 0, a: 38 }, Rgba { r: 255, g: 255, b: 255, a: 64 }, Rgba::WHITE)
    } else {
        (Rgba { r: 255, g: 255, b: 255, a: 153 }, Rgba { r: 0, g: 0, b: 0, a: 26 }, Rgba::BLACK)
    };
    let radius = area.h / 2.0;
    fill(area, radius, background, items);
    items.push(Item::Border { area, radii: [radius; 4], widths: [0.5; 4], colors: [edge; 4] });
    let (mid_x, mid_y) = (area.x + area.w / 2.0, area.y + area.h / 2.0);
    fill(Box2 { x: mid_x - 0.25, y: mid_y - 9.5, w: 0.5, h: 19.0 }, 0.0, edge, items);
    // "···": a larger dot between two smaller ones.
    let left = area.x + area.w / 4.0;
    for (dx, r) in [(-6.5, 2.0), (0.0, 3.0), (6.5, 2.0)] {
        fill(Box2 { x: left + dx - r, y: mid_y - r, w: 2.0 * r, h: 2.0 * r }, r, ink, items);
    }
    // The close button: a ring around a dot.
    let right = area.x + area.w * 3.0 / 4.0;
    let ring = Box2 { x: right - 8.5, y: mid_y - 8.5, w: 17.0, h: 17.0 };
    items.push(Item::Border { area: ring, radii: [8.5; 4], widths: [2.0; 4], colors: [ink; 4] });
    fill(Box2 { x: right - 3.0, y: mid_y - 3.0, w: 6.0, h: 6.0 }, 3.0, ink, items);
}

/// A house: a roof over a square with a door, centred in `area`.
fn home_icon(area: Box2, color: Rgba, items: &mut Vec<Item>) {
    let (cx, cy) = (area.x + area.w / 2.0, area.y + area.h / 2.0);
    let body = Box2 { x: cx - 7.0, y: cy - 2.0, w: 14.0, h: 10.0 };
    items.push(Item::Border { area: body, radii: [1.0; 4], widths: [1.6; 4], colors: [color; 4] });
    fill(Box2 { x: cx - 2.0, y: cy + 3.0, w: 4.0, h: 5.0 }, 0.5, color, items);
    // The roof: a square turned 45° whose lower half the body hides.
    let roof = Box2 { x: cx - 6.5, y: cy - 10.0, w: 13.0, h: 13.0 };
    let turn = wxemu_render::Affine::rotate_about(std::f64::consts::FRAC_PI_4, wxemu_render::Point::new((roof.x + roof.w / 2.0) as f64, (roof.y + roof.h / 2.0) as f64));
    items.push(Item::Clip { area: Box2 { x: cx - 12.0, y: cy - 14.0, w: 24.0, h: 12.0 }, radii: [0.0; 4] });
    items.push(Item::Transform(turn));
    items.push(Item::Border { area: roof, radii: [1.0; 4], widths: [1.6; 4], colors: [color; 4] });
    items.push(Item::Pop);
    items.push(Item::Pop);
}

/// The tab bar at `top`, its background reaching `safe_bottom` px further (the home
/// indicator's area).
pub fn tab_bar(bar: &TabBar, fonts: &mut Fonts, width: f32, top: f32, safe_bottom: f32, items: &mut Vec<Item>) {
    items.push(Item::Fill { area: Box2 { x: 0.0, y: top, w: width, h: TAB_BAR + safe_bottom }, radii: [0.0; 4], paint: Paint::Solid(bar.background) });
    let border = if bar.white_border { Rgba::hex(0xf2f2f2) } else { Rgba { r: 0, g: 0, b: 0, a: 84 } };
    items.push(Item::Fill { area: Box2 { x: 0.0, y: top, w: width, h: 0.5 }, radii: [0.0; 4], paint: Paint::Solid(border) });
    let w = width / bar.tabs.len().max(1) as f32;
    for (i, tab) in bar.tabs.iter().enumerate() {
        let color = if tab.selected { bar.selected_color } else { bar.color };
        let centre = i as f32 * w + w / 2.0;
        match &tab.icon {
            Some(image) => {
                items.push(Item::Image { area: Box2 { x: i as f32 * w + w / 2.0 - 12.0, y: top + 5.0, w: 24.0, h: 24.0 }, image: image.clone() });
                centered(fonts, &tab.text, &text_style(10.0, 400, color), Box2 { x: i as f32 * w, y: top + 30.0, w, h: 16.0 }, items);
            }
            None => centered(fonts, &tab.text, &text_style(14.0, 400, color), Box2 { x: i as f32 * w, y: top, w, h: TAB_BAR }, items),
        }
        match &tab.badge {
            Some(Badge::Dot) => fill(Box2 { x: centre + 12.0, y: top + 4.0, w: 10.0, h: 10.0 }, 5.0, Rgba::hex(0xfa5151), items),
            Some(Badge::Text(text)) => {
                let style = text_style(12.0, 400, Rgba::WHITE);
                let width = (layout::line(fonts, text, &style, f32::MAX).width() + 10.0).max(18.0);
                let pill = Box2 { x: centre + 8.0, y: top + 2.0, w: width, h: 18.0 };
                fill(pill, 9.0, Rgba::hex(0xfa5151), items);
                centered(fonts, text, &style, pill, items);
            }
            None => {}
        }
    }
}

/// A pull-down refresh area's three dots, in the `area` its page or scroll-view's content
/// moved down from.
pub fn refreshing(area: Box2, dark_dots: bool, items: &mut Vec<Item>) {
    let color = if dark_dots { Rgba { r: 0, g: 0, b: 0, a: 77 } } else { Rgba { a: 179, ..Rgba::WHITE } };
    for dx in [-16.0, 0.0, 16.0] {
        fill(Box2 { x: area.x + area.w / 2.0 + dx - 3.5, y: area.y + area.h / 2.0 - 3.5, w: 7.0, h: 7.0 }, 3.5, color, items);
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

/// What the client shows over the page (`wx.showToast`, `showLoading`, `showModal`,
/// `showActionSheet`, and a `<picker>`'s popup).
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    Toast {
        title: String,
        icon: String,
        mask: bool,
    },
    Loading {
        title: String,
        mask: bool,
    },
    /// An editable modal's field shows `content`, then the input method's `composition`.
    Modal {
        title: String,
        content: String,
        show_cancel: bool,
        cancel_text: String,
        cancel_color: String,
        confirm_text: String,
        confirm_color: String,
        editable: bool,
        placeholder: String,
        composition: String,
    },
    ActionSheet {
        items: Vec<String>,
        item_color: String,
        alert_text: String,
    },
    /// A picker's columns of labels, the row chosen in each, and its `header-text`.
    Picker {
        header: String,
        columns: Vec<Vec<String>>,
        selected: Vec<usize>,
    },
    /// What the client asks the user for an API (authorization, payment, a phone call, …):
    /// `kind` names it (`auth`, `payment`, …); drawn as a dialog with two buttons.
    Dialog {
        kind: String,
        title: String,
        content: String,
        cancel_text: String,
        confirm_text: String,
    },
}

/// The parts of a prompt a tap can answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PromptTargets {
    /// A modal's cancel and confirm buttons.
    pub cancel: Option<Box2>,
    pub confirm: Option<Box2>,
    /// An action sheet's items, and its cancel button.
    pub items: Vec<Box2>,
    /// A picker's rows in view: (where, column, row), and its panel (the mask is outside).
    pub rows: Vec<(Box2, usize, usize)>,
    pub panel: Option<Box2>,
    /// Whether the prompt covers the page (a mask, a modal, an action sheet): taps elsewhere
    /// reach nothing (an action sheet's mask cancels it).
    pub modal: bool,
}

const MASK: Rgba = Rgba { r: 0, g: 0, b: 0, a: 153 };
/// A picker popup's action bar, its wheels' height and a wheel row's height (as wx-picker).
const PICKER_BAR: f32 = 42.0;
const PICKER_BODY: f32 = 238.0;
const PICKER_ROW: f32 = 34.0;
const HAIRLINE: Rgba = Rgba { r: 0, g: 0, b: 0, a: 26 };

/// Draws a prompt over a `width` × `height` screen (`safe_bottom`: the home indicator's
/// area) as WeChat draws it (WeUI's toast, dialog and action sheet), and says where its
/// buttons are.
pub fn prompt(prompt: &Prompt, fonts: &mut Fonts, width: f32, height: f32, safe_bottom: f32, items: &mut Vec<Item>) -> PromptTargets {
    let mut targets = PromptTargets::default();
    let screen = Box2 { x: 0.0, y: 0.0, w: width, h: height };
    match prompt {
        Prompt::Toast { title, icon, mask } if icon == "none" => {
            targets.modal = *mask;
            let style = ComputedStyle { font_size: 14.0, color: Rgba { a: 230, ..Rgba::WHITE }, text_align: TextAlign::Center, ..ComputedStyle::default() };
            let lines = layout::line(fonts, title, &style, 216.0 - 24.0);
            let w = (lines.width() + 24.0).clamp(152.0, 216.0);
            let h = lines.height() + 24.0;
            let area = Box2 { x: (width - w) / 2.0, y: height * 0.4 - h / 2.0, w, h };
            fill(area, 8.0, Rgba::hex(0x4c4c4c), items);
            paint::glyphs(&layout::line(fonts, title, &style, w - 24.0), Box2 { x: area.x + 12.0, y: area.y + 12.0, w: w - 24.0, h: h - 24.0 }, items);
        }
        Prompt::Toast { title, mask, .. } | Prompt::Loading { title, mask } => {
            targets.modal = *mask;
            let area = Box2 { x: (width - 136.0) / 2.0, y: height * 0.4 - 68.0, w: 136.0, h: 136.0 };
            fill(area, 12.0, Rgba::hex(0x4c4c4c), items);
            let ink = Rgba { a: 230, ..Rgba::WHITE };
            let (cx, cy) = (area.x + area.w / 2.0, area.y + 52.0);
            match prompt {
                Prompt::Toast { icon, .. } if icon == "success" => centered(fonts, "✓", &text_style(44.0, 400, ink), Box2 { x: area.x, y: cy - 30.0, w: area.w, h: 60.0 }, items),
                Prompt::Toast { icon, .. } if icon == "error" => {
                    let ring = Box2 { x: cx - 20.0, y: cy - 20.0, w: 40.0, h: 40.0 };
                    items.push(Item::Border { area: ring, radii: [20.0; 4], widths: [3.0; 4], colors: [ink; 4] });
                    centered(fonts, "!", &text_style(26.0, 700, ink), ring, items);
                }
                _ => {
                    // The spinner of loading (and of a loading toast).
                    let ring = Box2 { x: cx - 19.0, y: cy - 19.0, w: 38.0, h: 38.0 };
                    let faint = Rgba { a: 60, ..ink };
                    items.push(Item::Border { area: ring, radii: [19.0; 4], widths: [3.0; 4], colors: [ink, faint, faint, faint] });
                }
            }
            let lines = layout::line(fonts, title, &text_style(14.0, 400, ink), area.w - 16.0);
            paint::glyphs(&lines, Box2 { x: area.x + 8.0, y: area.y + 88.0, w: area.w - 16.0, h: 40.0 }, items);
        }
        Prompt::Modal { title, content, show_cancel, cancel_text, cancel_color, confirm_text, confirm_color, editable, placeholder, composition } => {
            targets.modal = true;
            fill(screen, 0.0, MASK, items);
            let w = (width - 32.0).min(300.0);
            let inner = w - 48.0;
            let title_lines = (!title.is_empty()).then(|| layout::line(fonts, title, &text_style(17.0, 700, Rgba::BLACK), inner));
            // An editable modal's field shows what is in it (its content, then what is typed
            // and being composed), else its placeholder, greyed.
            let typed = format!("{content}{composition}");
            let body_color = match () {
                _ if *editable && typed.is_empty() => Rgba { a: 77, ..Rgba::BLACK },
                _ if *editable || title.is_empty() => Rgba::BLACK,
                _ => Rgba { a: 128, ..Rgba::BLACK },
            };
            let body = match () {
                _ if !*editable => content.clone(),
                _ if !typed.is_empty() => typed.clone(),
                _ if !placeholder.is_empty() => placeholder.clone(),
                _ => " ".to_string(),
            };
            let body_lines = (!body.is_empty()).then(|| layout::line(fonts, &body, &text_style(17.0, 400, body_color), inner));
            let title_h = title_lines.as_ref().map_or(0.0, |l| l.height() + 16.0);
            let body_h = body_lines.as_ref().map_or(0.0, |l| l.height() + if *editable { 24.0 } else { 0.0 });
            let h = 32.0 + title_h + body_h + 32.0 + 56.0;
            let dialog = Box2 { x: (width - w) / 2.0, y: (height - h) / 2.0, w, h };
            fill(dialog, 12.0, Rgba::WHITE, items);
            let mut y = dialog.y + 32.0;
            if let Some(lines) = &title_lines {
                paint::glyphs(lines, Box2 { x: dialog.x + 24.0, y, w: inner, h: lines.height() }, items);
                y += title_h;
            }
            if let Some(lines) = &body_lines {
                if *editable {
                    // The input box.
                    fill(Box2 { x: dialog.x + 24.0, y, w: inner, h: body_h }, 4.0, Rgba::hex(0xf7f7f7), items);
                    y += 12.0;
                }
                paint::glyphs(lines, Box2 { x: dialog.x + 24.0, y, w: inner, h: lines.height() }, items);
                if *editable {
                    // The caret, where typing goes: after the text (before the placeholder).
                    if let Some(line) = lines.get(lines.len() - 1) {
                        let m = line.metrics();
                        let x = m.offset + if typed.is_empty() { 0.0 } else { m.advance };
                        fill(Box2 { x: dialog.x + 24.0 + x, y: y + m.block_min_coord, w: 2.0, h: m.line_height }, 0.0, Rgba::hex(0x07c160), items);
                    }
                }
            }
            let row = Box2 { x: dialog.x, y: dialog.y + h - 56.0, w, h: 56.0 };
            fill(Box2 { h: 0.5, ..row }, 0.0, HAIRLINE, items);
            let button = |x: f32, w: f32| Box2 { x, y: row.y, w, h: 56.0 };
            let confirm = if *show_cancel {
                let cancel = button(row.x, w / 2.0);
                centered(fonts, cancel_text, &text_style(17.0, 700, hex_color(cancel_color).unwrap_or(Rgba::BLACK)), cancel, items);
                fill(Box2 { x: row.x + w / 2.0 - 0.25, y: row.y, w: 0.5, h: 56.0 }, 0.0, HAIRLINE, items);
                targets.cancel = Some(cancel);
                button(row.x + w / 2.0, w / 2.0)
            } else {
                row
            };
            centered(fonts, confirm_text, &text_style(17.0, 700, hex_color(confirm_color).unwrap_or(Rgba::hex(0x576b95))), confirm, items);
            targets.confirm = Some(confirm);
        }
        Prompt::Dialog { title, content, cancel_text, confirm_text, .. } => {
            let modal = Prompt::Modal {
                title: title.clone(),
                content: content.clone(),
                show_cancel: true,
                cancel_text: cancel_text.clone(),
                cancel_color: "#000000".into(),
                confirm_text: confirm_text.clone(),
                confirm_color: "#576B95".into(),
                editable: false,
                placeholder: String::new(),
                composition: String::new(),
            };
            return self::prompt(&modal, fonts, width, height, safe_bottom, items);
        }
        Prompt::ActionSheet { items: choices, item_color, alert_text } => {
            targets.modal = true;
            fill(screen, 0.0, MASK, items);
            let alert_h = if alert_text.is_empty() { 0.0 } else { 56.0 };
            let h = alert_h + 56.0 * choices.len() as f32 + 8.0 + 56.0 + safe_bottom;
            let sheet = Box2 { x: 0.0, y: height - h, w: width, h };
            items.push(Item::Fill { area: sheet, radii: [12.0, 12.0, 0.0, 0.0], paint: Paint::Solid(Rgba::hex(0xf7f7f7)) });
            let mut y = sheet.y;
            let white_row = |y: f32, items: &mut Vec<Item>, radius: bool| {
                let radii = if radius { [12.0, 12.0, 0.0, 0.0] } else { [0.0; 4] };
                items.push(Item::Fill { area: Box2 { x: 0.0, y, w: width, h: 56.0 }, radii, paint: Paint::Solid(Rgba::WHITE) });
            };
            if !alert_text.is_empty() {
                white_row(y, items, true);
                centered(fonts, alert_text, &text_style(12.0, 400, Rgba { a: 128, ..Rgba::BLACK }), Box2 { x: 24.0, y, w: width - 48.0, h: 56.0 }, items);
                y += 56.0;
            }
            let color = hex_color(item_color).unwrap_or(Rgba::BLACK);
            for (i, choice) in choices.iter().enumerate() {
                white_row(y, items, i == 0 && alert_text.is_empty());
                if i > 0 || !alert_text.is_empty() {
                    fill(Box2 { x: 0.0, y, w: width, h: 0.5 }, 0.0, HAIRLINE, items);
                }
                let row = Box2 { x: 0.0, y, w: width, h: 56.0 };
                centered(fonts, choice, &text_style(17.0, 400, color), row, items);
                targets.items.push(row);
                y += 56.0;
            }
            let cancel = Box2 { x: 0.0, y: y + 8.0, w: width, h: 56.0 + safe_bottom };
            fill(cancel, 0.0, Rgba::WHITE, items);
            centered(fonts, "取消", &text_style(17.0, 400, Rgba::BLACK), Box2 { h: 56.0, ..cancel }, items);
            targets.cancel = Some(cancel);
        }
        Prompt::Picker { header, columns, selected } => {
            targets.modal = true;
            fill(screen, 0.0, MASK, items);
            let top = height - PICKER_BAR - PICKER_BODY - safe_bottom;
            let panel = Box2 { x: 0.0, y: top, w: width, h: height - top };
            fill(panel, 0.0, Rgba::WHITE, items);
            targets.panel = Some(panel);
            let bar = |x: f32, w: f32| Box2 { x, y: top, w, h: PICKER_BAR };
            let action = |fonts: &mut Fonts, label: &str, color: u32, align: TextAlign, area: Box2, items: &mut Vec<Item>| {
                let style = ComputedStyle { text_align: align, ..text_style(17.0, 400, Rgba::hex(color)) };
                centered(fonts, label, &style, area, items);
                area
            };
            targets.cancel = Some(action(fonts, "取消", 0x888888, TextAlign::Left, bar(15.0, 80.0), items));
            targets.confirm = Some(action(fonts, "确定", 0x1aad19, TextAlign::Right, bar(width - 95.0, 80.0), items));
            if !header.is_empty() {
                let title = fitted(fonts, header, &text_style(17.0, 400, Rgba::BLACK), width - 190.0);
                action(fonts, &title, 0x000000, TextAlign::Center, bar(95.0, width - 190.0), items);
            }
            fill(Box2 { x: 0.0, y: top + PICKER_BAR - 0.5, w: width, h: 0.5 }, 0.0, Rgba::hex(0xe5e5e5), items);
            // The wheels: the chosen row in the middle between two hairlines, the rows above
            // and below fading under white masks.
            let body = Box2 { x: 0.0, y: top + PICKER_BAR, w: width, h: PICKER_BODY };
            let middle = body.y + (PICKER_BODY - PICKER_ROW) / 2.0;
            let column_w = width / columns.len().max(1) as f32;
            items.push(Item::Clip { area: body, radii: [0.0; 4] });
            for (c, labels) in columns.iter().enumerate() {
                let chosen = selected.get(c).copied().unwrap_or(0);
                for (r, label) in labels.iter().enumerate() {
                    let y = middle + (r as f32 - chosen as f32) * PICKER_ROW;
                    if y + PICKER_ROW <= body.y || y >= body.y + body.h {
                        continue;
                    }
                    let row = Box2 { x: column_w * c as f32, y, w: column_w, h: PICKER_ROW };
                    let label = fitted(fonts, label, &text_style(17.0, 400, Rgba::BLACK), column_w - 10.0);
                    centered(fonts, &label, &text_style(17.0, 400, Rgba::BLACK), Box2 { x: row.x + 5.0, w: column_w - 10.0, ..row }, items);
                    targets.rows.push((row, c, r));
                }
            }
            let veil = |from: f32, to: f32| Paint::Linear { start: (0.0, from), end: (0.0, to), stops: vec![(0.0, Rgba { a: 242, ..Rgba::WHITE }), (1.0, Rgba { a: 153, ..Rgba::WHITE })] };
            items.push(Item::Fill { area: Box2 { h: middle - body.y, ..body }, radii: [0.0; 4], paint: veil(body.y, middle) });
            let below = middle + PICKER_ROW;
            items.push(Item::Fill { area: Box2 { y: below, h: body.y + body.h - below, ..body }, radii: [0.0; 4], paint: veil(body.y + body.h, below) });
            for y in [middle, below - 0.5] {
                fill(Box2 { x: 0.0, y, w: width, h: 0.5 }, 0.0, Rgba::hex(0xe5e5e5), items);
            }
            items.push(Item::Pop);
        }
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fills(items: &[Item]) -> Vec<Box2> {
        items.iter().filter_map(|i| if let Item::Fill { area, .. } = i { Some(*area) } else { None }).collect()
    }

    fn glyph_runs(items: &[Item]) -> Vec<f32> {
        items.iter().filter_map(|i| if let Item::Glyphs { glyphs, .. } = i { glyphs.first().map(|g| g.2) } else { None }).collect()
    }

    #[test]
    fn an_editable_modal_has_its_caret_after_its_text() {
        let mut fonts = Fonts::load_default().expect("fonts are installed");
        let modal = |content: &str, composition: &str| Prompt::Modal {
            title: "Rename".into(),
            content: content.into(),
            show_cancel: true,
            cancel_text: "取消".into(),
            cancel_color: "#000000".into(),
            confirm_text: "确定".into(),
            confirm_color: "#576B95".into(),
            editable: true,
            placeholder: "a new name".into(),
            composition: composition.into(),
        };
        let caret = |shown: &Prompt, fonts: &mut Fonts| {
            let mut items = Vec::new();
            prompt(shown, fonts, 375.0, 667.0, 0.0, &mut items);
            let carets: Vec<Box2> = fills(&items).into_iter().filter(|a| a.w == 2.0).collect();
            assert_eq!(carets.len(), 1, "{carets:?}");
            carets[0]
        };
        let empty = caret(&modal("", ""), &mut fonts);
        let typed = caret(&modal("holiday", ""), &mut fonts);
        let composing = caret(&modal("holiday", "ni"), &mut fonts);
        // The text is centred: the caret moves right by half of what is added.
        assert!(typed.x > empty.x + 15.0, "after \"holiday\": {typed:?}, before the placeholder: {empty:?}");
        assert!(composing.x > typed.x + 5.0, "after the composition too: {composing:?}, {typed:?}");
        assert_eq!(typed.y, empty.y);
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
