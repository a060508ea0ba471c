//! CSS variables and environment values in declarations: `var()` substituted (bounded, so
//! that nested variables cannot blow up), `env(safe-area-inset-*)` for the device.

use crate::device::Device;
use std::collections::HashMap;

/// `var(--x)` and `var(--x, fallback)` replaced by the variables' text (None when a variable
/// is missing and has no fallback, which makes the declaration invalid at computed time).
/// `env(safe-area-inset-*)` (and iOS 11's `constant(…)`) as px for the page's device: the top
/// inset is its `status_bar` and the bottom one its `safe_bottom` (the caller gives a page
/// the insets that reach into it), left and right are 0; unknown names take their fallback.
pub(crate) fn safe_area(text: &str, device: &Device) -> String {
    let mut out = text.to_string();
    for function in ["env(", "constant("] {
        while let Some(start) = out.find(function) {
            let body_start = start + function.len();
            let Some(len) = out[body_start..].find(')') else { break };
            let body = &out[body_start..body_start + len];
            let (name, fallback) = body.split_once(',').map_or((body.trim(), None), |(n, f)| (n.trim(), Some(f.trim())));
            let value = match name {
                "safe-area-inset-top" => format!("{}px", device.status_bar),
                "safe-area-inset-bottom" => format!("{}px", device.safe_bottom),
                "safe-area-inset-left" | "safe-area-inset-right" => "0px".to_string(),
                _ => fallback.unwrap_or("0px").to_string(),
            };
            out.replace_range(start..body_start + len + 1, &value);
        }
    }
    out
}

/// How far `var()` substitution may go for one declaration: the text it makes and the
/// `var()`s it replaces. Past either the declaration is invalid at computed-value time, as
/// CSS Variables asks of implementations to stop exponential growth.
const MAX_SUBSTITUTED_BYTES: usize = 1 << 20;
const MAX_SUBSTITUTIONS: usize = 100_000;

pub(crate) fn substitute(text: &str, vars: &HashMap<String, String>) -> Option<String> {
    let mut out = String::new();
    let mut substitutions = 0;
    substitute_into(text, vars, 0, &mut out, &mut substitutions).then_some(out)
}

fn substitute_into(text: &str, vars: &HashMap<String, String>, depth: u32, out: &mut String, substitutions: &mut usize) -> bool {
    if depth > 16 {
        return false;
    }
    let mut text = text;
    while let Some(start) = text.find("var(") {
        *substitutions += 1;
        if *substitutions > MAX_SUBSTITUTIONS {
            return false;
        }
        out.push_str(&text[..start]);
        let body_start = start + 4;
        let mut level = 1;
        let mut end = body_start;
        for (i, c) in text[body_start..].char_indices() {
            match c {
                '(' => level += 1,
                ')' => {
                    level -= 1;
                    if level == 0 {
                        end = body_start + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        if level != 0 {
            return false;
        }
        let body = &text[body_start..end];
        let (name, fallback) = match body.find(',') {
            Some(comma) => (body[..comma].trim(), Some(body[comma + 1..].trim())),
            None => (body.trim(), None),
        };
        let Some(value) = vars.get(name).map(String::as_str).or(fallback) else { return false };
        if !substitute_into(value, vars, depth + 1, out, substitutions) || out.len() > MAX_SUBSTITUTED_BYTES {
            return false;
        }
        text = &text[end + 1..];
    }
    out.push_str(text);
    out.len() <= MAX_SUBSTITUTED_BYTES
}
