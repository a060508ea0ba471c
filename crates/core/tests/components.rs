//! The component suite: every folder under tests/components is run as a page built with
//! Component() in the Simulator, its steps (taps through component boundaries) are
//! replayed, and the console log and composed tree must equal what the official framework
//! (miniprogram-simulate) produced, recorded in expected.json by
//! scripts/simulate-fixtures/generate.js.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Simulator};
use wxemu_wxml::dump;

/// Copies a case into an app whose only page is the case's root component.
fn as_app(case: &Path) -> PathBuf {
    let dir = tempfile::tempdir().expect("temp dir").keep();
    copy_dir(case, &dir);
    std::fs::write(dir.join("app.json"), r#"{"pages": ["index"]}"#).unwrap();
    std::fs::write(dir.join("app.js"), "App({})").unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The tree in the fixtures' shape: tags, `class`/`id`/`slot` as strings, text.
fn normalize(node: &Value) -> Value {
    if let Some(text) = node.get("text") {
        return json!({ "text": text });
    }
    let attrs: serde_json::Map<String, Value> =
        ["class", "id", "slot"].iter().filter_map(|k| node["attrs"].get(*k).map(|v| (k.to_string(), Value::from(v.as_str().map_or_else(|| v.to_string(), str::to_string))))).collect();
    let children: Vec<Value> = node["children"].as_array().map(|c| c.iter().map(normalize).collect()).unwrap_or_default();
    json!({ "tag": node["tag"], "attrs": attrs, "children": children })
}

fn run(case: &Path) -> Result<(), String> {
    let app = as_app(case);
    let mut sim = Simulator::launch(&app, LaunchOptions::default()).map_err(|e| e.to_string())?;
    sim.advance(0);
    let mut log: Vec<String> = Vec::new();
    let collect = |sim: &mut Simulator, log: &mut Vec<String>| log.extend(sim.take_console().into_iter().map(|e| e.text));
    collect(&mut sim, &mut log);
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(case.join("case.json")).unwrap()).unwrap();
    for (i, step) in spec["steps"].as_array().cloned().unwrap_or_default().iter().enumerate() {
        log.push(format!("--- step {}", i + 1));
        let selector: Vec<&str> = step["tap"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        sim.tap(&selector.join(" "))?;
        sim.advance(0);
        collect(&mut sim, &mut log);
    }
    let tree: Vec<Value> = dump::to_json(sim.tree()).as_array().unwrap().iter().map(normalize).collect();
    let actual = json!({ "log": log, "tree": tree });
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap()).unwrap();
    wxemu_testkit::compare_json(&expected, &actual, "differs from miniprogram-simulate")
}

#[test]
fn components_behave_like_the_official_framework() {
    wxemu_testkit::run_suite("components", 25, run);
}
