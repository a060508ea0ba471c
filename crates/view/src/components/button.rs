//! `<button>`: the current ("v2") WeUI look in its types, sizes and states, a spinning ring
//! when `loading`; pressed it shows `button-hover`; a tap submits or resets its form
//! (`form-type`).

use super::{BuiltIn, Page, Parts, Tap};
use wxemu_wxml::Element;

pub struct Button;

impl BuiltIn for Button {
    fn tags(&self) -> &'static [&'static str] {
        &["button"]
    }

    fn style(&self) -> &'static str {
        "button {
  position: relative; display: block; width: 184px; margin-left: auto; margin-right: auto;
  padding: 8px 24px; box-sizing: border-box; font-size: 17px; font-weight: 700; text-align: center;
  line-height: 1.41176471; border-radius: 8px; overflow: hidden;
  color: #06ae56; background-color: #f2f2f2;
}
/* Every button's ::after is a hairline frame, of no width in the current style (UI
   libraries give it one: TDesign's outline buttons set its border's width and colour). */
button::after {
  content: \" \"; width: 200%; height: 200%; position: absolute; top: 0; left: 0;
  border: 0 solid rgba(0, 0, 0, 0.2); transform: scale(0.5); transform-origin: 0 0;
  box-sizing: border-box; border-radius: 10px;
}
.button-hover { background-color: #dedede; }
button[type=\"primary\"].button-hover { background-color: #06ad56; }
button[plain].button-hover { background-color: rgba(0, 0, 0, 0.1); }
wx-button-loading {
  display: inline-block; width: 1em; height: 1em; margin-right: 0.34em; box-sizing: border-box; border: 2px solid;
  border-color: currentColor currentColor currentColor transparent; border-radius: 50%; position: relative; top: -0.12em;
}
button[type=\"primary\"] { color: #fff; background-color: #07c160; }
button[type=\"warn\"] { color: #fa5151; background-color: #f2f2f2; }
button[plain] { color: #353535; border: 1px solid #353535; background-color: transparent; }
button[plain][type=\"primary\"] { color: #07c160; border-color: #07c160; }
button[plain][type=\"warn\"] { color: #fa5151; border-color: #fa5151; }
button[size=\"mini\"] { display: inline-block; width: auto; padding: 0 0.75em; line-height: 2; font-size: 16px; }
button[disabled] { color: rgba(0, 0, 0, 0.18); background-color: #f2f2f2; }"
    }

    fn parts(&self, parts: &mut Parts) {
        if parts.element().flag("loading") {
            // The spinning ring before the label.
            parts.push(parts.index, parts.part("wx-button-loading"));
            parts.last_child_first();
        }
    }

    fn takes_taps(&self, _: &Element) -> bool {
        true
    }

    fn labelled(&self, _: &Element) -> bool {
        true
    }

    fn hover(&self, element: &Element) -> Option<(&'static str, u64, u64)> {
        (!super::flag(element, "disabled")).then_some(("button-hover", 20, 70))
    }

    fn tap(&self, page: &mut dyn Page, tap: &Tap) -> Result<(), String> {
        let open_type = super::text(tap.element, "openType");
        if !open_type.is_empty() {
            return Err(format!("not supported by wxemu yet: button open-type=\"{open_type}\""));
        }
        super::form::press_form_button(page, tap.tree, tap.path, &super::text(tap.element, "formType"))
    }
}
