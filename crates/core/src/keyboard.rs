//! The keyboard of the phone: what is typed goes into the text field of an editable modal
//! when one is shown, else into the focused input or textarea (the one a tap focused), at
//! its caret, over its selection; the arrows move the caret (and with Shift the selection);
//! Enter confirms the modal or an input, and starts a new line in a textarea.
//!
//! The caret and the selection are the field's own attributes, `cursor`, `selection-start`
//! and `selection-end`, as the user set them (the view draws them from there); an input
//! method's composition, typed but not committed yet, is its `composition` control.

use crate::controls::{all, element_at, is_text_field, text};
use crate::Simulator;
use serde_json::json;
use wxemu_view::components::input::multiline;
use wxemu_view::select::NodePath;
use wxemu_wxml::Value;

/// Where an arrow or Home/End takes the caret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caret {
    Left,
    Right,
    /// To the start of the word before the caret (Ctrl+Left).
    WordLeft,
    /// To the end of the word after the caret (Ctrl+Right).
    WordRight,
    /// A line up or down in a textarea, as near the same place across as the text allows; to
    /// the start or end in an input (and on a textarea's first or last line).
    Up,
    Down,
    Start,
    End,
}

/// Whether `c` is part of a word (for the word moves): letters, digits, `_`.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The focused field's text, caret and selection (char positions; the selection ordered).
struct Field {
    path: NodePath,
    chars: Vec<char>,
    caret: usize,
    selection: Option<(usize, usize)>,
}

impl Field {
    /// The text without the selection (or as it is), and where the caret is then.
    fn without_selection(&self) -> (Vec<char>, usize) {
        match self.selection {
            Some((start, end)) => ([&self.chars[..start], &self.chars[end..]].concat(), start),
            None => (self.chars.clone(), self.caret),
        }
    }
}

impl Simulator {
    /// The input or textarea that has the focus on the current page, if any.
    pub fn focused_field(&self) -> Option<NodePath> {
        let page = self.stack.last()?;
        all(&page.tree, &|el| is_text_field(el) && el.attr("focus").is_some_and(Value::truthy)).into_iter().next()
    }

    /// Where the focused field is drawn on the screen (for an input method's candidates).
    pub fn focused_box(&mut self) -> Option<wxemu_render::Box2> {
        let path = self.focused_field()?;
        self.element_on_screen(&path).ok().flatten()
    }

    /// The text of the focused field.
    pub fn focused_value(&self) -> Option<String> {
        self.field().map(|f| f.chars.into_iter().collect())
    }

    /// The text selected in the focused field ("" when none is).
    pub fn selected_text(&self) -> Option<String> {
        let field = self.field()?;
        Some(field.selection.map(|(start, end)| field.chars[start..end].iter().collect()).unwrap_or_default())
    }

    fn field(&self) -> Option<Field> {
        let path = self.focused_field()?;
        let el = element_at(&self.stack.last()?.tree, &path)?;
        let chars: Vec<char> = text(el, "value").chars().collect();
        let position = |name: &str| el.attr(name).and_then(|v| v.to_js_string().trim().parse::<i64>().ok()).and_then(|n| usize::try_from(n).ok()).map(|n| n.min(chars.len()));
        let caret = position("cursor").unwrap_or(chars.len());
        let selection = position("selectionStart").zip(position("selectionEnd")).filter(|(start, end)| start < end);
        Some(Field { path, chars, caret, selection })
    }

    /// A tap at client point `point` on the element at `tapped`: when that is in the focused
    /// field, its caret goes where the tap was in its text.
    pub(crate) fn caret_to_tap(&mut self, tapped: &[usize], point: Option<(f32, f32)>) -> Result<(), String> {
        let (Some(point), Some(field)) = (point, self.field()) else { return Ok(()) };
        if !tapped.starts_with(&field.path) {
            return Ok(());
        }
        if let Some(at) = self.caret_at(&field.path, point)? {
            self.place_caret(&field.path, at, None);
        }
        Ok(())
    }

    /// Puts the focused field's caret at `caret`, selecting from `anchor` to it when given.
    fn place_caret(&mut self, path: &[usize], caret: usize, anchor: Option<usize>) {
        let (start, end) = match anchor {
            Some(anchor) if anchor != caret => (anchor.min(caret) as f64, anchor.max(caret) as f64),
            _ => (-1.0, -1.0),
        };
        self.set_control(path, "cursor", Value::Number(caret as f64));
        self.set_control(path, "selectionStart", Value::Number(start));
        self.set_control(path, "selectionEnd", Value::Number(end));
    }

    /// The input method's composition, `composing`: typed but not committed yet ("" when it
    /// ends), shown underlined in the focused field at its caret, over its selection, or at
    /// the end of an editable modal's field. No event tells the page: what the input method
    /// commits comes by [`Simulator::type_text`]. Err when no field has the focus.
    pub fn compose(&mut self, composing: &str) -> Result<(), String> {
        if let Some((_, composition)) = self.modal_text() {
            *composition = composing.to_string();
            return Ok(());
        }
        match self.focused_field() {
            Some(path) => self.set_control(&path, "composition", Value::String(composing.into())),
            None if !composing.is_empty() => return Err("no input or textarea has the focus: tap one first".into()),
            None => {}
        }
        Ok(())
    }

    /// Types `typed` into the editable modal's field (at its end) or the focused field, at
    /// the caret and over the selection, with the `input` event as for [`Simulator::input`];
    /// it ends the input method's composition. Err when no field has the focus.
    pub fn type_text(&mut self, typed: &str) -> Result<(), String> {
        if let Some((content, composition)) = self.modal_text() {
            composition.clear();
            content.push_str(typed);
            return Ok(());
        }
        let field = self.field().ok_or("no input or textarea has the focus: tap one first")?;
        self.set_control(&field.path, "composition", Value::String("".into()));
        let (mut chars, at) = field.without_selection();
        let typed: Vec<char> = typed.chars().collect();
        chars.splice(at..at, typed.iter().copied());
        let value: String = chars.into_iter().collect();
        let caret = self.enter_text(&field.path, &value, Some(at + typed.len()))?;
        self.place_caret(&field.path, caret, None);
        Ok(())
    }

    /// Backspace: erases the selection, else the character before the caret (the last one of
    /// an editable modal's field).
    pub fn erase(&mut self) -> Result<(), String> {
        self.remove(false)
    }

    /// Delete: erases the selection, else the character after the caret (nothing in an
    /// editable modal's field, whose caret is at its end).
    pub fn delete(&mut self) -> Result<(), String> {
        self.remove(true)
    }

    /// Erases the selection, else the character before (or, `forward`, after) the caret.
    fn remove(&mut self, forward: bool) -> Result<(), String> {
        if let Some((content, _)) = self.modal_text() {
            if !forward {
                content.pop();
            }
            return Ok(());
        }
        let field = self.field().ok_or("no input or textarea has the focus: tap one first")?;
        let (mut chars, mut at) = field.without_selection();
        if field.selection.is_none() {
            match forward {
                true if at < chars.len() => {}
                false if at > 0 => at -= 1,
                _ => return Ok(()),
            }
            chars.remove(at);
        }
        let value: String = chars.into_iter().collect();
        let caret = self.enter_text(&field.path, &value, Some(at))?;
        self.place_caret(&field.path, caret, None);
        Ok(())
    }

    /// Moves the focused field's caret; with `select`, the selection grows or shrinks with it
    /// from where it started. Without, a selection collapses to its side.
    pub fn move_caret(&mut self, to: Caret, select: bool) -> Result<(), String> {
        let field = self.field().ok_or("no input or textarea has the focus: tap one first")?;
        // The selection's end away from the caret stays put while selecting.
        let anchor = match field.selection {
            Some((start, end)) if field.caret == start => end,
            Some((start, _)) => start,
            None => field.caret,
        };
        let chars = &field.chars;
        let caret = match (to, field.selection.filter(|_| !select)) {
            (Caret::Left, Some((start, _))) => start,
            (Caret::Right, Some((_, end))) => end,
            (Caret::Left, None) => field.caret.saturating_sub(1),
            (Caret::Right, None) => (field.caret + 1).min(chars.len()),
            // Over what is not a word, then the word.
            (Caret::WordLeft, _) => {
                let gap = chars[..field.caret].iter().rev().take_while(|c| !in_word(**c)).count();
                let word = chars[..field.caret - gap].iter().rev().take_while(|c| in_word(**c)).count();
                field.caret - gap - word
            }
            (Caret::WordRight, _) => {
                let gap = chars[field.caret..].iter().take_while(|c| !in_word(**c)).count();
                let word = chars[field.caret + gap..].iter().take_while(|c| in_word(**c)).count();
                field.caret + gap + word
            }
            (Caret::Up | Caret::Down, _) => self.caret_on_next_line(&field, to == Caret::Down)?,
            (Caret::Start, _) => 0,
            (Caret::End, _) => chars.len(),
        };
        self.place_caret(&field.path, caret, select.then_some(anchor));
        Ok(())
    }

    /// Where the caret goes a line down (or up) in `field`: in a textarea, the text's place
    /// below (above) the caret drawn; past the last (first) line, and in an input, the end
    /// (start).
    fn caret_on_next_line(&mut self, field: &Field, down: bool) -> Result<usize, String> {
        let edge = if down { field.chars.len() } else { 0 };
        let is_textarea = self.element(&field.path).is_some_and(multiline);
        let Some(caret) = self.caret_line(&field.path, field.caret)?.filter(|_| is_textarea) else { return Ok(edge) };
        let y = if down { caret.y + caret.h * 1.5 } else { caret.y - caret.h / 2.0 };
        // Past the first or last line the text's place is where the caret already is.
        let at = self.caret_at(&field.path, (caret.x, y))?.filter(|at| *at != field.caret);
        Ok(at.unwrap_or(edge))
    }

    /// Selects all the focused field's text (Ctrl+A).
    pub fn select_all_text(&mut self) -> Result<(), String> {
        let field = self.field().ok_or("no input or textarea has the focus: tap one first")?;
        self.place_caret(&field.path, field.chars.len(), Some(0));
        Ok(())
    }

    /// Enter on the keyboard: an editable modal's confirm button; an input's `confirm` event
    /// (`{value}`), after which it loses the focus unless it has `confirm-hold`; a new line
    /// in a textarea.
    pub fn confirm(&mut self) -> Result<(), String> {
        if self.modal_text().is_some() {
            return self.answer_modal(true, None);
        }
        let path = self.focused_field().ok_or("no input or textarea has the focus: tap one first")?;
        let value = self.focused_value().unwrap_or_default();
        let is_textarea = self.element(&path).is_some_and(multiline);
        if is_textarea {
            return self.type_text("\n");
        }
        self.dispatch_path(&path, "confirm", json!({ "value": value }), None)?;
        // The keyboard closes and the input loses the focus, unless it holds it.
        let holds = self.element(&path).is_some_and(|el| el.attr("confirmHold").is_some_and(Value::truthy));
        if holds {
            return Ok(());
        }
        self.move_focus(&[])
    }
}
