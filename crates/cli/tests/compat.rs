//! `wxemu compat` on sample-apps/compat: every use of a feature newer than 1.0.0 (scripts,
//! templates, app.json and page .json) with its place, version and guard; `--min` fails on
//! unguarded uses a version lacks.

use std::path::Path;
use std::process::Command;

fn compat(args: &[&str]) -> (Option<i32>, String) {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/compat");
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("compat").arg(&app).args(args).output().expect("wxemu runs");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_compat_sample_reports_its_uses_with_versions_and_guards() {
    let (code, out) = compat(&["--format", "json"]);
    assert_eq!(code, Some(0), "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}:{} {} {} {}", f["file"].as_str().unwrap(), f["line"], f["col"], f["schema"].as_str().unwrap(), f["since"].as_str().unwrap(), f["guard"].as_str().unwrap_or("-")))
        .collect();
    assert_eq!(
        found,
        [
            "app.json:3:129 window.restartStrategy 2.8.0 -",
            "app.json:4:3 lazyCodeLoading 2.11.1 -",
            "pages/index/index.js:5:37 getWindowInfo 2.20.1 getWindowInfo",
            "pages/index/index.js:11:19 canIUse 1.1.1 -",
            "pages/index/index.js:12:15 canIUse 1.1.1 -",
            "pages/index/index.js:20:5 showShareImageMenu 2.14.3 -",
            "pages/index/index.js:20:29 showShareImageMenu.object.path 2.14.3 -",
            "pages/index/index.json:1:3 window.initialRenderingCache 2.11.1 -",
            "pages/index/index.wxml:3:1 root-portal 2.25.2 wx:if",
            "pages/index/index.wxml:5:1 input.type.nickname 2.21.2 -",
            "pages/index/index.wxml:6:1 button.bindchooseavatar 2.21.2 -",
            "pages/index/index.wxml:6:1 button.open-type 1.1.0 -",
            "pages/index/index.wxml:6:1 button.open-type.chooseAvatar 2.21.2 -",
        ]
    );
    // `if (wx.getWindowInfo)`-style checks are guards, not uses; the guarded root-portal does
    // not raise the lowest version.
    assert_eq!(report["lowest"], "2.21.2");
    assert_eq!(report["files"], 3, "scripts and templates read");
}

#[test]
fn min_fails_when_an_unguarded_use_needs_more() {
    let (code, out) = compat(&["--min", "2.10.0"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("--min 2.10.0: 7 unguarded uses need a newer base library:"), "{out}");
    assert!(out.contains("pages/index/index.js:20:5  showShareImageMenu needs 2.14.3"), "{out}");
    let (code, out) = compat(&["--min", "2.21.2"]);
    assert_eq!(code, Some(0), "{out}");
    let (code, _) = compat(&["--min", "2.21.99"]);
    assert_eq!(code, Some(2), "an unreleased --min is refused");
}
