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
use wxemu_js::boa_engine::{JsError, JsNativeError, JsString, JsValue, Source};

const PRELUDE: &str = include_str!("prelude.js");

/// Iterations one loop of a test file may run before it is stopped as a runaway.
const LOOP_LIMIT: u64 = 10_000_000;

/// How a suite runs.
#[derive(Clone)]
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
    /// How far one test may move its apps' virtual clocks, in ms (`--virtual-timeout`).
    pub virtual_timeout_ms: u64,
}

/// The default `--timeout`: how long one test may run in wall time (30 s).
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;
/// The default `--virtual-timeout`: how far one test may move its apps' clocks (10 min).
pub const DEFAULT_VIRTUAL_TIMEOUT_MS: u64 = 600_000;

impl Default for RunOptions {
    /// No filter, each project's own base library and phone, the CPU rasterizer, goldens
    /// compared, the default timeout.
    fn default() -> RunOptions {
        RunOptions { filter: None, sdk: None, device: None, update_snapshots: false, gpu: None, virtual_timeout_ms: DEFAULT_VIRTUAL_TIMEOUT_MS }
    }
}

/// What happens while a file runs, as it happens (the test runner's worker process prints
/// these, so that a test that hangs or crashes it is known).
pub enum Progress<'a> {
    /// Test number `index` of the file begins.
    Started { index: usize, name: &'a str },
    /// Test number `index` ended (or was skipped).
    Finished { index: usize, result: &'a TestResult },
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
    run_file_from(file, options, 0, &mut |_| {})
}

/// [`run_file`] from test number `from` on (the earlier ones are left out), telling
/// `progress` as each test starts and ends.
pub fn run_file_from(file: &Path, options: &RunOptions, from: usize, progress: &mut dyn FnMut(Progress)) -> Vec<TestResult> {
    let result = |name: &str, outcome: Outcome, seconds: f64| TestResult { file: file.to_path_buf(), name: name.to_string(), outcome, seconds };
    let code = match std::fs::read_to_string(file) {
        Ok(code) => code,
        Err(e) => return vec![result(FILE_TEST, Outcome::Failed(format!("cannot read {}: {e}", file.display())), 0.0)],
    };
    let mut context = wxemu_js::new_context(LOOP_LIMIT);
    let harness = bridge::install(&mut context, file, options.clone());
    context.eval(Source::from_bytes(PRELUDE)).expect("the harness prelude is valid JavaScript");
    let source = Source::from_bytes(code.as_bytes()).with_path(file);
    if let Err(e) = context.eval(source).and_then(|_| context.run_jobs()) {
        return vec![result(FILE_TEST, Outcome::Failed(located(&e, file, &mut context)), 0.0)];
    }
    let list = context.eval(Source::from_bytes("JSON.stringify(__harness.list())")).ok().and_then(|v| v.as_string().map(|s| s.to_std_string_escaped())).unwrap_or_default();
    let tests: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap_or_default();
    let name_of = |test: &serde_json::Value| test["name"].as_str().unwrap_or_default().to_string();
    let chosen: Vec<usize> = (from..tests.len()).filter(|&i| options.filter.as_ref().is_none_or(|f| name_of(&tests[i]).contains(f.as_str()))).collect();
    let selected: Vec<usize> = chosen.iter().copied().filter(|&i| tests[i]["skip"].as_bool() != Some(true)).collect();
    let mut results = Vec::new();
    for index in chosen {
        let name = name_of(&tests[index]);
        if !selected.contains(&index) {
            results.push(result(&name, Outcome::Skipped, 0.0));
            progress(Progress::Finished { index, result: results.last().expect("pushed") });
            continue;
        }
        progress(Progress::Started { index, name: &name });
        let started = Instant::now();
        harness.borrow_mut().start_test();
        wxemu_js::start_turn(&context);
        let outcome = match run_test(&mut context, index, &selected) {
            Ok(()) => Outcome::Passed,
            Err(e) => {
                let mut text = located(&e, file, &mut context);
                text.push_str(&harness.borrow_mut().what_the_apps_show());
                Outcome::Failed(text)
            }
        };
        harness.borrow_mut().close_all();
        results.push(result(&name, outcome, started.elapsed().as_secs_f64()));
        progress(Progress::Finished { index, result: results.last().expect("pushed") });
    }
    results
}

/// The name a file's own failure (it does not load) is reported under.
pub const FILE_TEST: &str = "(the file)";

/// Runs test `index` and its hooks, then the promise jobs they queued, and says how it
/// ended: a thrown error or a rejected promise fails it, and so does a promise that never
/// settles.
fn run_test(context: &mut wxemu_js::boa_engine::Context, index: usize, selected: &[usize]) -> Result<(), JsError> {
    let harness = context.global_object().get(JsString::from("__harness"), context)?;
    let harness = harness.as_object().expect("the prelude defines __harness").clone();
    let run = harness.get(JsString::from("run"), context)?;
    let selected = JsValue::from_json(&serde_json::json!(selected), context)?;
    run.as_callable().expect("__harness.run is a function").call(&JsValue::undefined(), &[index.into(), selected], context)?;
    context.run_jobs()?;
    let state = harness.get(JsString::from("state"), context)?;
    let state = state.as_object().expect("run sets the state").clone();
    if state.get(JsString::from("failed"), context)?.to_boolean() {
        return Err(JsError::from_opaque(state.get(JsString::from("error"), context)?));
    }
    if !state.get(JsString::from("finished"), context)?.to_boolean() {
        return Err(JsError::from_native(JsNativeError::error().with_message("the test did not finish: it awaits a promise that never settles")));
    }
    Ok(())
}

/// An error's message with the `file:line:col` it was thrown at.
fn located(e: &JsError, file: &Path, context: &mut wxemu_js::boa_engine::Context) -> String {
    let error = wxemu_js::describe(e, context);
    if error.file.is_none() && error.pos.is_none() {
        return format!("{} (in {})", error.message, file.display());
    }
    let (at, pos) = error.location(&file.display().to_string());
    format!("{} ({at}:{}:{})", error.message, pos.line, pos.col)
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
