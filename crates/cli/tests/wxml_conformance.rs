//! The WXML conformance suite: every folder under tests/wxml is rendered with
//! `wxemu dump --template index.wxml --data data.json` and must print exactly the tree the
//! official compiler (wcc) produced, recorded in expected.json by
//! scripts/wcc-fixtures/generate.js.

use std::path::Path;
use std::process::Command;

/// Renders one case with the real binary and compares with wcc's tree.
fn check(case: &Path) -> Result<(), String> {
    let output = Command::new(env!("CARGO_BIN_EXE_wxemu")).args(["dump", "--template"]).arg(case.join("index.wxml")).arg("--data").arg(case.join("data.json")).output().expect("wxemu runs");
    if !output.status.success() {
        return Err(format!("exit {}\n{}", output.status, String::from_utf8_lossy(&output.stderr)));
    }
    let actual: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| format!("output is not JSON: {e}"))?;
    let expected: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).expect("expected.json")).expect("expected.json is JSON");
    wxemu_testkit::compare_json(&expected, &actual, "tree differs from wcc")
}

#[test]
fn dump_matches_the_official_compiler() {
    wxemu_testkit::run_suite("wxml", 40, check);
}
