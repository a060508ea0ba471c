//! The prompts the client shows over the page: toasts, loading, modals (also editable),
//! action sheets, pickers and the client's dialogs, with where their answers are tapped.

use super::{centered, fill, fitted, hex_color, text_style};
use crate::fonts::Fonts;
use crate::{layout, paint};
use wxemu_render::{Box2, Item, Paint, Rgba, SOLID};
use wxemu_wxss::style::{ComputedStyle, TextAlign};

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
                    items.push(Item::Border { area: ring, radii: [20.0; 4], widths: [3.0; 4], colors: [ink; 4], lines: SOLID });
                    centered(fonts, "!", &text_style(26.0, 700, ink), ring, items);
                }
                _ => {
                    // The spinner of loading (and of a loading toast).
                    let ring = Box2 { x: cx - 19.0, y: cy - 19.0, w: 38.0, h: 38.0 };
                    let faint = Rgba { a: 60, ..ink };
                    items.push(Item::Border { area: ring, radii: [19.0; 4], widths: [3.0; 4], colors: [ink, faint, faint, faint], lines: SOLID });
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
            let veil =
                |from: f32, to: f32| Paint::Linear { start: (0.0, from), end: (0.0, to), stops: vec![(0.0, Rgba { a: 242, ..Rgba::WHITE }), (1.0, Rgba { a: 153, ..Rgba::WHITE })], repeat: false };
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
}
