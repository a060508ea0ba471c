//! `wxemu dump PROJECT --page ROUTE --query k=v --advance MS` prints the live tree: after
//! onLoad/onShow/onReady and the timers that fall due, with the app's console on stderr.

use std::path::Path;
use std::process::Command;

fn dump(args: &[&str]) -> (bool, serde_json::Value, String) {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/router");
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("dump").arg(&app).args(args).output().expect("wxemu runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.success(), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_live_tree_follows_timers_and_query() {
    let (ok, tree, stderr) = dump(&["--page", "pages/timer/timer", "--advance", "3000"]);
    assert!(ok, "{stderr}");
    assert_eq!(tree[0]["children"][0]["text"], "count 3");
    assert_eq!(tree[1]["children"][0]["text"], "done");
    assert!(stderr.contains("console.error: TypeError") && stderr.contains("(pages/timer/timer.js:4:"), "{stderr}");

    let (ok, tree, stderr) = dump(&["--page", "pages/detail/detail", "--query", "id=9"]);
    assert!(ok, "{stderr}");
    assert_eq!(tree[0]["children"][0]["text"], "detail 9 of 1");
}

#[test]
fn an_unknown_page_is_an_error() {
    let (ok, _, stderr) = dump(&["--page", "pages/nope/nope"]);
    assert!(!ok);
    assert!(stderr.contains("page `pages/nope/nope` is not in app.json"), "{stderr}");
}

#[test]
fn layout_adds_each_elements_border_box() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/touch");
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("dump").arg(&app).arg("--layout").output().expect("wxemu runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tree: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tree[0]["box"], serde_json::json!([0.0, 0.0, 375.0, 100.0]));
    assert_eq!(tree[1]["box"], serde_json::json!([0.0, 100.0, 375.0, 100.0]));
    // An inline <text> gets the box of its line (the line box may reach a pixel beyond).
    let inner = &tree[1]["children"][0]["box"];
    assert_eq!(inner[0].as_f64(), Some(0.0));
    assert!((inner[1].as_f64().unwrap() - 100.0).abs() <= 1.0, "{inner}");
    assert!(inner[2].as_f64().unwrap() > 20.0 && inner[3].as_f64().unwrap() > 15.0, "{inner}");
}

#[test]
fn components_adds_owners_and_how_each_component_is_styled() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/visual/app");
    let dump = |route: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("dump").arg(&app).args(["--page", route, "--components"]).output().expect("wxemu runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let tree = dump("pages/style-isolation/style-isolation");
    assert_eq!(tree[0]["owner"], serde_json::Value::Null, "the page's own elements have no owner");
    assert_eq!(tree[1]["component"], serde_json::json!({"path": "components/badge/badge", "styleIsolation": "isolated", "externalClasses": [], "virtualHost": false}));
    assert_eq!(tree[1]["children"][0]["owner"], "components/badge/badge");
    assert_eq!(tree[2]["component"]["styleIsolation"], "shared");

    let tree = dump("pages/host-and-external/host-and-external");
    assert_eq!(tree[0]["children"][1]["component"]["externalClasses"], serde_json::json!(["tag-class"]));
    assert_eq!(tree[1]["children"][0]["component"]["virtualHost"], true);
    assert_eq!(tree[1]["children"][0]["children"][0]["owner"], "components/flat/flat");
}

#[test]
fn a_relative_project_path_is_the_same_project() {
    // A miniprogramRoot below project.config.json, named from the project's folder, from
    // inside the root and from below it.
    let top = tempfile::tempdir().unwrap();
    let files = [
        ("project.config.json", r#"{ "miniprogramRoot": "miniprogram/" }"#),
        ("miniprogram/app.json", r#"{ "pages": ["pages/index/index"] }"#),
        ("miniprogram/app.js", "App({})"),
        ("miniprogram/pages/index/index.js", "Page({ data: { n: 1 } })"),
        ("miniprogram/pages/index/index.wxml", "<view>n = {{n}}</view>"),
    ];
    for (path, text) in files {
        let file = top.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let run = |dir: &Path, project: &str| Command::new(env!("CARGO_BIN_EXE_wxemu")).current_dir(dir).args(["dump", project]).output().expect("wxemu runs");
    let root = top.path().join("miniprogram");
    let absolute = run(top.path(), root.to_str().unwrap());
    assert!(absolute.status.success(), "{}", String::from_utf8_lossy(&absolute.stderr));
    assert!(String::from_utf8_lossy(&absolute.stdout).contains("n = 1"));
    for (dir, project) in [(top.path().to_path_buf(), "miniprogram"), (root.clone(), "."), (root.join("pages"), "..")] {
        let relative = run(&dir, project);
        assert!(relative.status.success(), "{project}: {}", String::from_utf8_lossy(&relative.stderr));
        assert_eq!(relative.stdout, absolute.stdout, "{project}");
    }
}
