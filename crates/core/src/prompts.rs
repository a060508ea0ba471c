//! The client's prompts over the page: a toast (gone after its duration on the virtual clock)
//! or loading notice (until hidden), and modals and action sheets, which wait for the user —
//! a test's answer, or a tap on the screen.

use crate::queue::Event;
use crate::Simulator;
use serde_json::{json, Map, Value as Json};
use std::collections::VecDeque;
pub use wxemu_view::chrome::Prompt;

/// The prompts shown and waiting.
#[derive(Default)]
pub(crate) struct Prompts {
    /// The toast or loading notice shown, with its number (a toast's end is for that one).
    notice: Option<(u64, Prompt)>,
    shown: u64,
    /// Modals and action sheets waiting for an answer (the first is shown), each with the
    /// call its answer goes to.
    waiting: VecDeque<(u32, Prompt)>,
    /// The picker whose popup is open.
    pub(crate) picker: Option<crate::picker::Picking>,
}

/// The prompt APIs the host carries out.
pub(crate) fn is_prompt(api: &str) -> bool {
    matches!(api, "showToast" | "hideToast" | "showLoading" | "hideLoading" | "showModal" | "showActionSheet")
}

fn text(args: &Map<String, Json>, key: &str, default: &str) -> String {
    args.get(key).and_then(Json::as_str).unwrap_or(default).to_string()
}

fn flag(args: &Map<String, Json>, key: &str, default: bool) -> bool {
    args.get(key).and_then(Json::as_bool).unwrap_or(default)
}

impl Simulator {
    /// A prompt API call from the logic layer (its arguments checked by the framework).
    pub(crate) fn prompt_api(&mut self, api: &str, call: u32, args: Map<String, Json>) {
        let ok = || json!({ "errMsg": format!("{api}:ok") });
        let result = if let Some(error) = args.get("error").and_then(Json::as_str) {
            json!({ "errMsg": error })
        } else {
            match api {
                "showToast" => {
                    let icon = text(&args, "icon", "success");
                    let icon = if matches!(icon.as_str(), "success" | "error" | "loading" | "none") { icon } else { "success".into() };
                    let duration = args.get("duration").and_then(Json::as_f64).map_or(1500, |d| d.max(0.0) as u64);
                    self.show_toast(Prompt::Toast { title: text(&args, "title", ""), icon, mask: flag(&args, "mask", false) }, duration);
                    ok()
                }
                "showLoading" => {
                    self.show_notice(Prompt::Loading { title: text(&args, "title", ""), mask: flag(&args, "mask", false) });
                    ok()
                }
                "hideToast" | "hideLoading" => {
                    let kind = |p: &Prompt| if api == "hideToast" { matches!(p, Prompt::Toast { .. }) } else { matches!(p, Prompt::Loading { .. }) };
                    if self.prompts.notice.as_ref().is_some_and(|(_, p)| kind(p)) {
                        self.prompts.notice = None;
                        ok()
                    } else {
                        json!({ "errMsg": format!("{api}:fail:toast can't be found") })
                    }
                }
                "showModal" => {
                    let modal = Prompt::Modal {
                        title: text(&args, "title", ""),
                        content: text(&args, "content", ""),
                        show_cancel: flag(&args, "showCancel", true),
                        cancel_text: text(&args, "cancelText", "取消"),
                        cancel_color: text(&args, "cancelColor", "#000000"),
                        confirm_text: text(&args, "confirmText", "确定"),
                        confirm_color: text(&args, "confirmColor", "#576B95"),
                        editable: flag(&args, "editable", false),
                        placeholder: text(&args, "placeholderText", ""),
                    };
                    self.prompts.waiting.push_back((call, modal));
                    return;
                }
                "showActionSheet" => {
                    let items = args.get("itemList").and_then(Json::as_array).map(|l| l.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string)).collect()).unwrap_or_default();
                    let sheet = Prompt::ActionSheet { items, item_color: text(&args, "itemColor", "#000000"), alert_text: text(&args, "alertText", "") };
                    self.prompts.waiting.push_back((call, sheet));
                    return;
                }
                other => unreachable!("`{other}` is not a prompt API"),
            }
        };
        self.app.api_result(call, result);
    }

    /// Shows a toast or loading notice in place of the one shown; returns its number.
    fn show_notice(&mut self, prompt: Prompt) -> u64 {
        self.prompts.shown += 1;
        self.prompts.notice = Some((self.prompts.shown, prompt));
        self.prompts.shown
    }

    /// Shows a toast for `duration` ms (the app's, or one the client shows by itself, such
    /// as "内容已复制" after `wx.setClipboardData`).
    pub(crate) fn show_toast(&mut self, toast: Prompt, duration: u64) {
        let seq = self.show_notice(toast);
        self.queue.push(self.now + duration, Event::ToastEnds { toast: seq });
    }

    /// Toast number `toast` has been shown for its duration.
    pub(crate) fn toast_ends(&mut self, toast: u64) {
        if self.prompts.notice.as_ref().is_some_and(|(seq, _)| *seq == toast) {
            self.prompts.notice = None;
        }
    }

    /// What is shown over the page now, topmost first: a picker's popup, the modal or action
    /// sheet waiting for an answer (the first of them), then the toast or loading notice.
    pub fn prompts(&self) -> Vec<Prompt> {
        let picker = self.prompts.picker.as_ref().map(|p| p.prompt.clone());
        let waiting = self.prompts.waiting.front().map(|(_, p)| p.clone());
        picker.into_iter().chain(waiting).chain(self.prompts.notice.as_ref().map(|(_, p)| p.clone())).collect()
    }

    /// Answers the modal shown: confirm or cancel, with the text typed into an editable one.
    pub fn answer_modal(&mut self, confirm: bool, content: Option<&str>) -> Result<(), String> {
        let Some((call, Prompt::Modal { editable, show_cancel, .. })) = self.prompts.waiting.front().cloned() else { return Err("no modal is shown".into()) };
        if !confirm && !show_cancel {
            return Err("this modal has no cancel button (showCancel: false)".into());
        }
        self.prompts.waiting.pop_front();
        let mut result = json!({ "errMsg": "showModal:ok", "confirm": confirm, "cancel": !confirm });
        if editable {
            result["content"] = Json::from(content.unwrap_or_default());
        }
        self.app.api_result(call, result);
        self.process_messages();
        Ok(())
    }

    /// Answers the action sheet shown: the item tapped, or None for its cancel button.
    pub fn answer_action_sheet(&mut self, item: Option<usize>) -> Result<(), String> {
        let Some((call, Prompt::ActionSheet { items, .. })) = self.prompts.waiting.front().cloned() else { return Err("no action sheet is shown".into()) };
        if let Some(i) = item.filter(|&i| i >= items.len()) {
            return Err(format!("the action sheet has {} items; there is no item {i}", items.len()));
        }
        self.prompts.waiting.pop_front();
        let result = match item {
            Some(i) => json!({ "errMsg": "showActionSheet:ok", "tapIndex": i }),
            None => json!({ "errMsg": "showActionSheet:fail cancel" }),
        };
        self.app.api_result(call, result);
        self.process_messages();
        Ok(())
    }
}
