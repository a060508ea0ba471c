//! The built-in components' default sheet loads cleanly.

use wxemu_view::styled::built_in_sheet;
use wxemu_wxss::Device;

#[test]
fn the_built_in_sheet_has_no_problems() {
    let sheet = built_in_sheet(&Device::IPHONE_6);
    let problems: Vec<String> = sheet.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(sheet.rules.len() > 20);
}
