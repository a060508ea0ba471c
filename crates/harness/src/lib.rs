//! `wxemu test`: page tests written in JS (`*.test.js`), each file run in a JS context of
//! its own (not the app's) with the API in `prelude.js` — `test`, `describe`,
//! `wxemu.launch`, App/Page/Element handles and `expect`. Every launch is a fresh Simulator
//! on the virtual clock (storage in memory), so a test is repeatable and takes
//! milliseconds. A failure carries the page's WXML and the app's console from that test.

mod bridge;
pub mod junit;

use std::path::{Path, PathBuf};
use std::time::Instant;
use wxemu_core::{Profile, Version};
use wxemu_js::boa_engine::{JsString, Source};

const PRELUDE: &str = include_str!("prelude.js");

/// Iterations one loop of a test file may run before it is stopped as a runaway.
const LOOP_LIMIT: u64 = 10_000_000;

/// How a suite runs.
#[derive(Clone, Default)]
pub struct RunOptions {
    /// Only tests whose name contains this.
    pub filter: Option<String>,
    /// The base library every launch uses unless the test names one.
    pub sdk: Option<Version>,
    /// The phone every launch uses unless the test names one.
    pub device: Option<Profile>,
    /// `toMatchScreenshot` writes its golden instead of comparing (`--update-snapshots`).
    pub update_snapshots: bool,
    /// Screenshots painted on the GPU (`--renderer gpu`), with goldens of their own
    /// (`NAME.gpu.png`); None: the CPU rasterizer and `NAME.png`.
    pub gpu: Option<wxemu_core::Painter>,
}

/// How a test ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Passed,
    /// The failure, with the page's WXML and the app's console.
    Failed(String),
    Skipped,
}

/// One test's result.
#[derive(Clone, Debug)]
pub struct TestResult {
    pub file: PathBuf,
    pub name: String,
    pub outcome: Outcome,
    pub seconds: f64,
}

/// The `*.test.js` files under `paths` (files are taken as they are), in order; folders named
/// `node_modules` or starting with `.` are skipped.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if path.is_dir() {
                if name != "node_modules" && !name.starts_with('.') && name != "target" {
                    walk(&path, found);
                }
            } else if name.ends_with(".test.js") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found);
        } else {
            found.push(path.clone());
        }
    }
    found
}

/// Runs the tests of one file. A file that does not load (a syntax error, an exception at
/// its top level) is one failed test named after the file.
pub fn run_file(file: &Path, options: &RunOptions) -> Vec<TestResult> {
    let result = |name: &str, outcome: Outcome, seconds: f64| TestResult { file: file.to_path_buf(), name: name.to_string(), outcome, seconds };
    let code = match std::fs::read_to_string(file) {
        Ok(code) => code,
        Err(e) => return vec![result("(the file)", Outcome::Failed(format!("cannot read {}: {e}", file.display())), 0.0)],
    };
    let mut context = wxemu_js::new_context(LOOP_LIMIT);
    let harness = bridge::install(&mut context, file, options.clone());
    context.eval(Source::from_bytes(PRELUDE)).expect("the harness prelude is valid JavaScript");
    let source = Source::from_bytes(code.as_bytes()).with_path(file);
    if let Err(e) = context.eval(source).and_then(|_| context.run_jobs()) {
        let error = wxemu_js::describe(&e, &mut context);
        let (at, pos) = error.location(&file.display().to_string());
        return vec![result("(the file)", Outcome::Failed(format!("{} ({at}:{}:{})", error.message, pos.line, pos.col)), 0.0)];
    }
    let list = context.eval(Source::from_bytes("JSON.stringify(__harness.list())")).ok().and_then(|v| v.as_string().map(|s| s.to_std_string_escaped())).unwrap_or_default();
    let tests: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap_or_default();
    let mut results = Vec::new();
    for (i, test) in tests.iter().enumerate() {
        let name = test["name"].as_str().unwrap_or_default().to_string();
        if options.filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        if test["skip"].as_bool() == Some(true) {
            results.push(result(&name, Outcome::Skipped, 0.0));
            continue;
        }
        let started = Instant::now();
        let run = context.global_object().get(JsString::from("__harness"), &mut context)
            .and_then(|h| h.as_object().expect("the prelude defines __harness").get(JsString::from("run"), &mut context))
            .and_then(|f| f.as_callable().expect("__harness.run is a function").call(&wxemu_js::boa_engine::JsValue::undefined(), &[i.into()], &mut context))
            .and_then(|_| context.run_jobs());
        let outcome = match run {
            Ok(()) => Outcome::Passed,
            Err(e) => {
                let error = wxemu_js::describe(&e, &mut context);
                let (at, pos) = error.location(&file.display().to_string());
                let mut text = format!("{} ({at}:{}:{})", error.message, pos.line, pos.col);
                text.push_str(&harness.borrow_mut().what_the_apps_show());
                Outcome::Failed(text)
            }
        };
        harness.borrow_mut().close_all();
        results.push(result(&name, outcome, started.elapsed().as_secs_f64()));
    }
    results
}

/// The summary line: `N passed, N failed` (and `, N skipped` when some were).
pub fn summary(results: &[TestResult]) -> String {
    let count = |o: fn(&Outcome) -> bool| results.iter().filter(|r| o(&r.outcome)).count();
    let (passed, failed, skipped) = (count(|o| *o == Outcome::Passed), count(|o| matches!(o, Outcome::Failed(_))), count(|o| *o == Outcome::Skipped));
    let mut line = format!("{passed} passed, {failed} failed");
    if skipped > 0 {
        line.push_str(&format!(", {skipped} skipped"));
    }
    line
}
