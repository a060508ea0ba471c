//! Projects as people have them on disk, built as the DevTools build them (tests/apps/modules:
//! ES modules, TypeScript with enums, `import type`, `export *`, default exports).

use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Simulator};

fn modules_app() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/modules")
}

fn launch(dir: &Path) -> Simulator {
    Simulator::launch(dir, LaunchOptions::default()).expect("the app launches")
}

#[test]
fn es_modules_and_typescript_run_as_the_devtools_build_them() {
    let mut sim = launch(&modules_app());
    let console: Vec<String> = sim.take_console().into_iter().map(|e| e.text).collect();
    assert_eq!(console, ["hello app", "sum 3"]);
    assert_eq!(sim.page_data()["text"], "HELLO PAGE", "a default export and a named one");
    assert_eq!(sim.page_data()["total"], "42px", "an enum, a namespace import and `export *`");
}

#[test]
fn an_error_in_typescript_names_the_line_the_user_wrote() {
    let mut sim = launch(&modules_app());
    sim.take_console();
    sim.tap("#total").unwrap();
    let entries = sim.take_console();
    let error = entries.iter().find(|e| e.level == "error").unwrap_or_else(|| panic!("{entries:?}"));
    let (file, pos) = error.location.clone().expect("with its place");
    assert_eq!((file.as_str(), pos.line), ("pages/index/index.ts", 11), "{}", error.text);
}

#[test]
fn a_typescript_syntax_error_is_located_in_the_ts_file() {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        ("app.json", r#"{ "pages": ["pages/index/index"] }"#),
        ("app.js", "App({})"),
        ("pages/index/index.wxml", "<view>page</view>"),
        ("pages/index/index.ts", "const a: number = 1\nconst b: = 2\nPage({})\n"),
    ] {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let diagnostics = match Simulator::launch(dir.path(), LaunchOptions::default()) {
        Ok(sim) => sim.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
        Err(e) => vec![e.to_string()],
    };
    assert!(diagnostics.iter().any(|d| d.starts_with("pages/index/index.ts:2:10: error: page script failed: SyntaxError: Unexpected token")), "{diagnostics:#?}");
}
