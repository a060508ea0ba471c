//! The WXML conformance suite: every folder under tests/wxml is rendered with
//! `wxemu dump --template index.wxml --data data.json` and must print exactly the tree the
//! official compiler (wcc) produced, recorded in expected.json by
//! scripts/wcc-fixtures/generate.js.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/wxml");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/wxml exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("index.wxml").is_file())
        .collect();
    cases.sort();
    cases
}

#[test]
fn dump_matches_the_official_compiler() {
    let cases = cases();
    assert!(cases.len() >= 40, "the suite should have at least 40 cases, found {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let output = Command::new(env!("CARGO_BIN_EXE_wxemu"))
            .args(["dump", "--template"])
            .arg(case.join("index.wxml"))
            .arg("--data")
            .arg(case.join("data.json"))
            .output()
            .expect("wxemu runs");
        if !output.status.success() {
            failures.push(format!("{name}: exit {}\n{}", output.status, String::from_utf8_lossy(&output.stderr)));
            continue;
        }
        let actual: serde_json::Value = match serde_json::from_slice(&output.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{name}: output is not JSON: {e}"));
                continue;
            }
        };
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).expect("expected.json")).expect("expected.json is JSON");
        if actual != expected {
            failures.push(format!(
                "{name}: tree differs from wcc\n--- expected\n{}\n--- wxemu\n{}",
                serde_json::to_string_pretty(&expected).unwrap(),
                serde_json::to_string_pretty(&actual).unwrap()
            ));
        }
    }
    println!("{} passed, {} failed", cases.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "{} of {} cases differ:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}
