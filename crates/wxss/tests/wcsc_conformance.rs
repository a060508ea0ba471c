//! tests/wxss/*: each case's rules, as wxemu loads them for an iPhone 6 (rpx converted,
//! imports inlined), equal what the official compiler (wcsc) puts in the page
//! (expected.css, from scripts/wcc-fixtures/generate-wxss.js). Both sides are printed
//! through lightningcss so only meaning is compared, not spacing.

use lightningcss::properties::Property;
use lightningcss::rules::{CssRule, CssRuleList};
use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::traits::ToCss;
use std::path::Path;
use wxemu_wxss::{load, Device};

fn declarations(normal: &[Property], important: &[Property]) -> String {
    let print = |p: &Property, important: bool| p.to_css_string(important, PrinterOptions::default()).unwrap();
    normal.iter().map(|p| print(p, false)).chain(important.iter().map(|p| print(p, true))).collect::<Vec<_>>().join("; ")
}

/// "[@media …] selectors { declarations }" per style rule, in order.
fn expected_rules(list: &CssRuleList, media: &[String], out: &mut Vec<String>) {
    for rule in &list.0 {
        match rule {
            CssRule::Style(style) => {
                let selectors = style.selectors.to_css_string(PrinterOptions::default()).unwrap();
                let block = declarations(&style.declarations.declarations, &style.declarations.important_declarations);
                out.push(format!("{}{selectors} {{ {block} }}", media.join("")));
            }
            CssRule::Media(m) => {
                let mut inner = media.to_vec();
                inner.push(format!("@media {} ", m.query.to_css_string(PrinterOptions::default()).unwrap()));
                expected_rules(&m.rules, &inner, out);
            }
            _ => {}
        }
    }
}

/// wcsc's page-side spellings back to WXSS: `body` is the page, built-in tags carry `wx-`,
/// and local image paths (which the platform refuses in WXSS) get a marker suffix.
fn from_wcsc(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("-do-not-use-local-path-") {
        out.push_str(&rest[..at]);
        rest = &rest[at + rest[at..].find(')').unwrap()..];
    }
    out.push_str(rest);
    // Identifiers `body` → `page`, `wx-view` → `view`.
    let mut result = String::with_capacity(out.len());
    let mut word = String::new();
    for c in out.chars().chain(['\n']) {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            word.push(c);
            continue;
        }
        result.push_str(if word == "body" { "page" } else { word.strip_prefix("wx-").unwrap_or(&word) });
        word.clear();
        result.push(c);
    }
    result
}

fn run_case(dir: &Path) -> Result<(), String> {
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).map_err(|_| wxemu_package::FileError::Missing);
    let sheet = load("index.wxss", &Device::IPHONE_6, &read);
    let actual: Vec<String> = sheet
        .rules
        .iter()
        .map(|r| {
            let media: String = r.media.iter().map(|m| format!("@media {} ", m.to_css_string(PrinterOptions::default()).unwrap())).collect();
            let selectors = r.selectors.to_css_string(PrinterOptions::default()).unwrap();
            format!("{media}{selectors} {{ {} }}", declarations(&r.declarations, &r.important))
        })
        .collect();
    let expected_css = from_wcsc(&std::fs::read_to_string(dir.join("expected.css")).map_err(|e| e.to_string())?);
    let parsed = StyleSheet::parse(&expected_css, ParserOptions { error_recovery: true, ..ParserOptions::default() }).map_err(|e| e.to_string())?;
    let mut expected = Vec::new();
    expected_rules(&parsed.rules, &[], &mut expected);
    if actual == expected {
        Ok(())
    } else {
        Err(format!("wxemu:\n  {}\nwcsc:\n  {}", actual.join("\n  "), expected.join("\n  ")))
    }
}

#[test]
fn sheets_load_like_the_official_compiler() {
    wxemu_testkit::run_suite("wxss", 8, run_case);
}
