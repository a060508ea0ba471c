//! The keyboard of the phone: what is typed goes into the text field of an editable modal
//! when one is shown, else into the focused input or textarea (the one a tap focused), at
//! the end of its text; Enter confirms the modal or an input, and starts a new line in a
//! textarea.

use crate::controls::{all, element_at, text};
use crate::Simulator;
use serde_json::json;
use wxemu_view::select::NodePath;

impl Simulator {
    /// The input or textarea that has the focus on the current page, if any.
    pub fn focused_field(&self) -> Option<NodePath> {
        let page = self.stack.last()?;
        all(&page.tree, &|el| matches!(&*el.tag, "input" | "textarea") && el.attr("focus").is_some_and(wxemu_wxml::Value::truthy)).into_iter().next()
    }

    /// Where the focused field is drawn on the screen (for an input method's candidates).
    pub fn focused_box(&mut self) -> Option<wxemu_render::Box2> {
        let path = self.focused_field()?;
        self.element_on_screen(&path).ok().flatten()
    }

    /// The text of the focused field.
    pub fn focused_value(&self) -> Option<String> {
        let path = self.focused_field()?;
        element_at(&self.stack.last()?.tree, &path).map(|el| text(el, "value"))
    }

    /// Types `typed` into the editable modal's field or the focused field: its text becomes
    /// `keep` chars of it followed by `typed` (for a page's field, with the `input` event as
    /// for [`Simulator::input`]). Err when no field has the focus.
    pub fn type_text(&mut self, typed: &str, keep: Option<usize>) -> Result<(), String> {
        if let Some(field) = self.modal_text() {
            *field = kept(field, keep) + typed;
            return Ok(());
        }
        let path = self.focused_field().ok_or("no input or textarea has the focus: tap one first")?;
        let value = self.focused_value().unwrap_or_default();
        self.input_node(&path, &(kept(&value, keep) + typed))
    }

    /// Erases the last character of the modal's or the focused field (Backspace).
    pub fn erase(&mut self) -> Result<(), String> {
        let text = self.modal_text().map(|t| t.clone()).or_else(|| self.focused_value());
        let count = text.ok_or("no input or textarea has the focus: tap one first")?.chars().count();
        self.type_text("", Some(count.saturating_sub(1)))
    }

    /// Enter on the keyboard: an editable modal's confirm button; an input's `confirm` event (`{value}`), after which it loses the
    /// focus unless it has `confirm-hold`; a new line in a textarea.
    pub fn confirm(&mut self) -> Result<(), String> {
        if self.modal_text().is_some() {
            return self.answer_modal(true, None);
        }
        let path = self.focused_field().ok_or("no input or textarea has the focus: tap one first")?;
        let value = self.focused_value().unwrap_or_default();
        let is_textarea = self.element(&path).is_some_and(|el| &*el.tag == "textarea");
        if is_textarea {
            return self.type_text("\n", None);
        }
        self.dispatch_path(&path, "confirm", json!({ "value": value }), None)?;
        // The keyboard closes and the input loses the focus, unless it holds it.
        let holds = self.element(&path).is_some_and(|el| el.attr("confirmHold").is_some_and(wxemu_wxml::Value::truthy));
        if holds {
            return Ok(());
        }
        self.move_focus(&[])
    }
}

/// The first `keep` chars of `text` (all of it for None).
fn kept(text: &str, keep: Option<usize>) -> String {
    match keep {
        Some(n) => text.chars().take(n).collect(),
        None => text.to_string(),
    }
}
