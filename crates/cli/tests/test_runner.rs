//! `wxemu test`: the sample apps' page tests pass; a failing test shows what it expected, the
//! page's WXML and the app's console, and fails the run; JUnit XML and several base libraries.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn wxemu_test(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("test").args(args).current_dir(root()).output().expect("wxemu runs");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn the_sample_apps_page_tests_pass() {
    let junit = tempfile::NamedTempFile::new().unwrap();
    let (ok, out) = wxemu_test(&["sample-apps", "--reporter", "junit", "--output", junit.path().to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(out.contains("✓ sample-apps/todo/tests/todo.test.js: 11 passed, 0 failed"), "{out}");
    assert!(out.ends_with("43 passed, 0 failed\n"), "{out}");
    let xml = std::fs::read_to_string(junit.path()).unwrap();
    assert!(xml.contains(r#"<testsuites name="wxemu test" tests="43" failures="0" skipped="0">"#), "{xml}");
    assert!(xml.contains(r#"<testcase name="the todo list › filters by state" classname="sample-apps/todo/tests/todo.test.js""#), "{xml}");
}

#[test]
fn each_base_library_runs_the_suite() {
    let (ok, out) = wxemu_test(&["sample-apps/compat", "--sdk", "2.10.0,3.0.0"]);
    assert!(ok, "{out}");
    assert!(out.contains("(sdk 2.10.0): 4 passed") && out.contains("(sdk 3.0.0): 4 passed"), "{out}");
    assert!(out.ends_with("8 passed, 0 failed\n"), "{out}");
    let (ok, out) = wxemu_test(&["sample-apps/todo", "--filter", "adds a todo"]);
    assert!(ok && out.ends_with("1 passed, 0 failed\n"), "--filter: {out}");
}

#[test]
fn a_failing_test_shows_the_difference_the_page_and_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let todo = root().join("sample-apps/todo").canonicalize().unwrap();
    let file = dir.path().join("broken.test.js");
    std::fs::write(
        &file,
        format!(
            r#"
test('expects the wrong count', () => {{
  const app = wxemu.launch({{ project: {:?} }})
  app.evaluate(() => console.log('hello from the app'))
  expect(app.currentPage().data('todos')).toHaveLength(5)
}})
test.skip('not yet', () => {{}})
test('passes', () => expect(1 + 1).toBe(2))
"#,
            todo.display().to_string()
        ),
    )
    .unwrap();
    let (ok, out) = wxemu_test(&[file.to_str().unwrap()]);
    assert!(!ok, "a failed test fails the run");
    assert!(out.contains("expected [{\"id\":1"), "{out}");
    assert!(out.contains("to have length 5"), "{out}");
    assert!(out.contains("broken.test.js:5:"), "the failing line: {out}");
    assert!(out.contains("page pages/index/index:") && out.contains("What needs doing?"), "the page's WXML: {out}");
    assert!(out.contains("log: hello from the app"), "the app's console: {out}");
    assert!(out.ends_with("1 passed, 1 failed, 1 skipped\n"), "{out}");
}

#[test]
fn a_screenshot_that_differs_from_its_golden_leaves_the_picture_and_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let todo = root().join("sample-apps/todo").canonicalize().unwrap();
    std::fs::write(dir.path().join("look.test.js"), format!("test('looks', () => expect(wxemu.launch({{ project: {:?} }}).currentPage()).toMatchScreenshot('start'))", todo.display().to_string()))
        .unwrap();
    let goldens = dir.path().join("__screenshots__/look");
    std::fs::create_dir_all(&goldens).unwrap();
    let (ok, out) = wxemu_test(&[dir.path().to_str().unwrap()]);
    assert!(!ok && out.contains("which does not exist yet (run with --update-snapshots"), "{out}");
    std::fs::copy(todo.join("tests/__screenshots__/todo/changed.png"), goldens.join("start.png")).unwrap();
    let (ok, out) = wxemu_test(&[dir.path().to_str().unwrap()]);
    assert!(!ok && out.contains("pixels (") && out.contains("differ, tolerance 0.000%"), "{out}");
    assert!(goldens.join("start.diff.png").exists() && goldens.join("start.actual.png").exists());
    let (ok, out) = wxemu_test(&[dir.path().to_str().unwrap(), "--update-snapshots"]);
    assert!(ok, "{out}");
    let (ok, out) = wxemu_test(&[dir.path().to_str().unwrap()]);
    assert!(ok, "the written golden matches: {out}");
}

/// A suite in a temporary folder: the todo sample and `suite.test.js` with `tests`.
fn suite(tests: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = Command::new("cp").arg("-r").arg(root().join("sample-apps/todo")).arg(dir.path().join("app")).status().unwrap();
    assert!(copy.success());
    std::fs::remove_dir_all(dir.path().join("app/tests")).unwrap();
    std::fs::write(dir.path().join("suite.test.js"), tests).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("test").args(args).envs(env.iter().copied()).current_dir(dir).output().expect("wxemu runs");
    (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn a_hanging_and_a_crashing_test_fail_alone_and_the_run_goes_on() {
    let dir = suite(
        "test('hangs in a regular expression', () => { /^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'); });\n\
         test('crashes its worker', () => {});\n\
         test('passes', () => { expect(wxemu.launch({ project: 'app' }).currentPage().path).toBe('pages/index/index'); });\n",
    );
    let started = std::time::Instant::now();
    let (code, out) = run_in(dir.path(), &["--timeout", "2000", "--reporter", "junit", "--output", "junit.xml"], &[("WXEMU_TEST_WORKER_ABORTS_AT", "crashes its worker")]);
    assert_eq!(code, Some(1), "{out}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    assert!(out.contains("  ✗ hangs in a regular expression\n    timed out: the test ran for more than 2000 ms of wall time"), "{out}");
    assert!(out.contains("  ✗ crashes its worker\n    the test crashed its worker process"), "{out}");
    assert!(out.ends_with("1 passed, 2 failed\n"), "{out}");
    let xml = std::fs::read_to_string(dir.path().join("junit.xml")).unwrap();
    assert!(xml.contains(r#"tests="3" failures="2""#), "{xml}");
    for name in ["hangs in a regular expression", "crashes its worker", "passes"] {
        assert!(xml.contains(&format!(r#"<testcase name="{name}""#)), "{name}: {xml}");
    }
}

#[test]
fn async_tests_and_hooks_are_awaited_in_order() {
    let dir = suite(
        "var log = [];\n\
         describe('outer', () => {\n\
           beforeAll(() => log.push('beforeAll'));\n\
           beforeEach(async () => { await null; log.push('beforeEach'); });\n\
           afterEach(() => log.push('afterEach'));\n\
           afterAll(() => { log.push('afterAll'); console.log('hooks: ' + log.join(' ')); });\n\
           test('first', async () => { await Promise.resolve(); log.push('first'); });\n\
           test('fails after an await', async () => {\n\
             await Promise.resolve();\n\
             expect(1 + 1).toBe(3);\n\
           });\n\
         });\n\
         test('never settles', () => new Promise(() => {}));\n",
    );
    let (code, out) = run_in(dir.path(), &[], &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("hooks: beforeAll beforeEach first afterEach beforeEach afterEach afterAll"), "{out}");
    assert!(out.contains("  ✗ outer › fails after an await\n    Error: expected 2 to be 3 (./suite.test.js:10:19)"), "{out}");
    assert!(out.contains("  ✗ never settles\n    Error: the test did not finish: it awaits a promise that never settles"), "{out}");
    assert!(out.contains("\n1 passed, 2 failed\n"), "{out}");
}

#[test]
fn a_run_where_nothing_ran_fails() {
    let dir = suite("test('one', () => {});\n");
    let (code, out) = run_in(dir.path(), &["--filter", "no such test"], &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error: no test matched --filter \"no such test\": nothing ran"), "{out}");
    std::fs::write(dir.path().join("suite.test.js"), "// nothing yet\n").unwrap();
    let (code, out) = run_in(dir.path(), &[], &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error: the files hold no tests: nothing ran"), "{out}");
}
