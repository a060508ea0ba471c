//! The official miniprogram-automator client (from npm) runs the suite in scripts/automator
//! — written as an automator user would write it — against `wxemu auto`, through both
//! `connect()` and `launch()`.

use std::path::Path;
use std::process::Command;

#[test]
fn the_automator_suite_passes_against_wxemu_auto() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/automator");
    if !suite.join("node_modules/miniprogram-automator").exists() {
        let install = Command::new("npm").args(["install", "--no-audit", "--no-fund"]).current_dir(&suite).output().expect("npm runs");
        assert!(install.status.success(), "npm install: {}", String::from_utf8_lossy(&install.stderr));
    }
    let out = Command::new("node").arg("run.js").arg(env!("CARGO_BIN_EXE_wxemu")).current_dir(&suite).output().expect("node runs");
    let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{printed}");
    assert!(printed.contains("27 passed, 0 failed"), "{printed}");
}
