//! The client's prompts over the page: a toast (gone after its duration on the virtual clock)
//! or loading notice (until hidden), and modals and action sheets, which wait for the user —
//! a test's answer, or a tap on the screen.

/// The JS half of the prompts (their members of `wx`), loaded into the logic layer after the framework.
pub(crate) const SCRIPT: (&str, &str) = ("prompts.js", include_str!("prompts.js"));

use crate::queue::Event;
use crate::Simulator;
use serde_json::{json, Map, Value as Json};
use std::collections::{HashMap, VecDeque};
use wxemu_appservice::wx::args::{flag_or, text_or};
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
    /// The API and arguments of each dialog waiting (by call), for its result.
    asked: HashMap<u32, (String, Map<String, Json>)>,
    /// Answers given without asking, by prompt kind (`--answer modal=confirm,auth=allow`).
    pub(crate) policy: Answers,
}

/// How prompts are answered without a person or a test: prompt kind (`modal`,
/// `actionsheet`, or a dialog's kind: `auth`, `profile`, `subscribe`, `address`, `setting`,
/// `payment`, `phonecall`, `scan`, `location`, `miniprogram`, `choose`, `privacy`) → answer (`confirm`/
/// `allow`/`accept`, `cancel`/`deny`/`reject`, an action-sheet item's index, the scanned
/// text, the chosen host files split by `;`).
pub type Answers = std::collections::BTreeMap<String, String>;

/// Reads `modal=confirm,auth=allow,…`.
pub fn parse_answers(text: &str) -> Result<Answers, String> {
    text.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|pair| {
            let (kind, answer) = pair.split_once('=').ok_or_else(|| format!("`{pair}` is not kind=answer"))?;
            let kind = kind.trim().to_ascii_lowercase();
            const KINDS: [&str; 14] = ["modal", "actionsheet", "auth", "profile", "subscribe", "address", "setting", "payment", "phonecall", "scan", "location", "miniprogram", "choose", "privacy"];
            if !KINDS.contains(&kind.as_str()) {
                return Err(format!("unknown prompt kind `{kind}`; known: {}", KINDS.join(", ")));
            }
            Ok((kind, answer.trim().to_string()))
        })
        .collect()
}

/// Whether a policy answer says yes.
fn agrees(answer: &str) -> bool {
    !matches!(answer, "cancel" | "deny" | "reject" | "disagree" | "no" | "false")
}

/// How the user answers the prompt that waits: confirm or cancel (a modal, a dialog, a
/// picker), the action sheet's item tapped (None: its cancel), the text typed into an
/// editable modal, what a dialog gives back (the files chosen, the code scanned).
#[derive(Clone, Debug, Default)]
pub struct Answer {
    pub confirm: bool,
    pub item: Option<usize>,
    pub content: Option<String>,
    pub data: Option<Json>,
}

impl Answer {
    /// Cancel: the modal's or dialog's cancel, the picker's, the action sheet's.
    pub fn cancel() -> Answer {
        Answer::default()
    }
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
                    let icon = text_or(&args, "icon", "success").to_string();
                    let icon = if matches!(icon.as_str(), "success" | "error" | "loading" | "none") { icon } else { "success".into() };
                    let duration = args.get("duration").and_then(Json::as_f64).map_or(1500, |d| d.max(0.0) as u64);
                    self.show_toast(Prompt::Toast { title: text_or(&args, "title", "").to_string(), icon, mask: flag_or(&args, "mask", false) }, duration);
                    ok()
                }
                "showLoading" => {
                    self.show_notice(Prompt::Loading { title: text_or(&args, "title", "").to_string(), mask: flag_or(&args, "mask", false) });
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
                        title: text_or(&args, "title", "").to_string(),
                        content: text_or(&args, "content", "").to_string(),
                        show_cancel: flag_or(&args, "showCancel", true),
                        cancel_text: text_or(&args, "cancelText", "取消").to_string(),
                        cancel_color: text_or(&args, "cancelColor", "#000000").to_string(),
                        confirm_text: text_or(&args, "confirmText", "确定").to_string(),
                        confirm_color: text_or(&args, "confirmColor", "#576B95").to_string(),
                        editable: flag_or(&args, "editable", false),
                        placeholder: text_or(&args, "placeholderText", "").to_string(),
                        composition: String::new(),
                    };
                    self.prompts.waiting.push_back((call, modal));
                    self.answer_by_policy();
                    return;
                }
                "showActionSheet" => {
                    let items = args.get("itemList").and_then(Json::as_array).map(|l| l.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string)).collect()).unwrap_or_default();
                    let sheet = Prompt::ActionSheet { items, item_color: text_or(&args, "itemColor", "#000000").to_string(), alert_text: text_or(&args, "alertText", "").to_string() };
                    self.prompts.waiting.push_back((call, sheet));
                    self.answer_by_policy();
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

    /// Answers the prompt that waits for one (the picker, modal, dialog or action sheet
    /// shown, not a toast): see [`Answer`].
    pub fn answer_prompt(&mut self, answer: Answer) -> Result<(), String> {
        match self.prompts().into_iter().next() {
            Some(Prompt::Modal { .. }) => self.answer_modal(answer.confirm, answer.content.as_deref()),
            Some(Prompt::Dialog { .. }) => self.answer_dialog(answer.confirm, answer.data),
            Some(Prompt::Picker { .. }) => self.answer_picker(answer.confirm),
            Some(Prompt::ActionSheet { .. }) => self.answer_action_sheet(answer.item),
            _ => Err("no prompt waits for an answer".into()),
        }
    }

    /// The text field of the editable modal shown, if one is, and the input method's
    /// composition there: what typing changes.
    pub(crate) fn modal_text(&mut self) -> Option<(&mut String, &mut String)> {
        match self.prompts.waiting.front_mut() {
            Some((_, Prompt::Modal { editable: true, content, composition, .. })) => Some((content, composition)),
            _ => None,
        }
    }

    /// Answers the modal shown: confirm or cancel, with the text typed into an editable one
    /// (`content`, else what its field shows: the modal's content and what was typed there).
    pub fn answer_modal(&mut self, confirm: bool, content: Option<&str>) -> Result<(), String> {
        let Some((call, Prompt::Modal { editable, show_cancel, content: shown, .. })) = self.prompts.waiting.front().cloned() else { return Err("no modal is shown".into()) };
        if !confirm && !show_cancel {
            return Err("this modal has no cancel button (showCancel: false)".into());
        }
        self.prompts.waiting.pop_front();
        let mut result = json!({ "errMsg": "showModal:ok", "confirm": confirm, "cancel": !confirm });
        if editable {
            result["content"] = Json::from(content.unwrap_or(&shown));
        }
        self.app.api_result(call, result);
        self.process_messages();
        self.answer_by_policy();
        Ok(())
    }

    /// Shows the dialog `wx.<api>(args)` (call `call`) asks the user before it answers.
    pub(crate) fn ask(&mut self, api: &str, call: u32, args: Map<String, Json>, dialog: wxemu_appservice::wx::Dialog) {
        let prompt = Prompt::Dialog { kind: dialog.kind.into(), title: dialog.title, content: dialog.content, cancel_text: dialog.cancel_text, confirm_text: dialog.confirm_text };
        self.prompts.asked.insert(call, (api.to_string(), args));
        self.prompts.waiting.push_back((call, prompt));
        self.answer_by_policy();
    }

    /// Answers the dialog shown (authorization, payment, phone call, scan, …): confirm (allow,
    /// pay, call) or not, with `data` for the answers that carry some: the scanned text, the
    /// chosen place or address, `{tmplId: "accept"|"reject"}` for subscriptions, `{scope:
    /// bool}` for the settings page.
    pub fn answer_dialog(&mut self, confirm: bool, data: Option<Json>) -> Result<(), String> {
        let Some((call, Prompt::Dialog { .. })) = self.prompts.waiting.front().cloned() else { return Err("no dialog is shown".into()) };
        self.prompts.waiting.pop_front();
        let (api, args) = self.prompts.asked.remove(&call).expect("every dialog is asked for an API");
        let answer = self.host.borrow_mut().answer_dialog(&api, &args, confirm, data.as_ref());
        let result = match answer {
            Ok(mut result) => {
                result.insert("errMsg".into(), format!("{api}:ok").into());
                Json::Object(result)
            }
            Err(wxemu_appservice::wx::Failure::Fail(reason)) => json!({ "errMsg": format!("{api}:fail {reason}") }),
            Err(wxemu_appservice::wx::Failure::Unsupported) => json!({ "errMsg": format!("{api}:fail not supported by wxemu yet") }),
        };
        let left = api == "navigateToMiniProgram" && confirm;
        self.app.api_result(call, result);
        self.process_messages();
        if left {
            // The other mini-program opens over this one, which goes to the background.
            self.background();
        }
        self.answer_by_policy();
        Ok(())
    }

    /// Answers the prompt shown when the policy has an answer for its kind (and the next,
    /// and so on).
    fn answer_by_policy(&mut self) {
        let kind = match self.prompts.waiting.front() {
            Some((_, Prompt::Modal { .. })) => "modal".to_string(),
            Some((_, Prompt::ActionSheet { .. })) => "actionsheet".to_string(),
            Some((_, Prompt::Dialog { kind, .. })) => kind.clone(),
            _ => return,
        };
        let Some(answer) = self.prompts.policy.get(&kind).cloned() else { return };
        let answered = match kind.as_str() {
            "modal" => self.answer_modal(agrees(&answer), None),
            "actionsheet" => self.answer_action_sheet(answer.parse().ok()),
            "scan" | "choose" => self.answer_dialog(agrees(&answer), Some(Json::from(answer.clone()))),
            _ => self.answer_dialog(agrees(&answer), None),
        };
        if let Err(e) = answered {
            self.console.push(crate::ConsoleEntry { level: "warn".into(), text: format!("--answer {kind}={answer}: {e}"), location: None });
        }
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
        self.answer_by_policy();
        Ok(())
    }
}
