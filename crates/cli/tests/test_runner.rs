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
    std::fs::write(&file, format!(r#"
test('expects the wrong count', () => {{
  const app = wxemu.launch({{ project: {:?} }})
  app.evaluate(() => console.log('hello from the app'))
  expect(app.currentPage().data('todos')).toHaveLength(5)
}})
test.skip('not yet', () => {{}})
test('passes', () => expect(1 + 1).toBe(2))
"#, todo.display().to_string())).unwrap();
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
    std::fs::write(dir.path().join("look.test.js"), format!("test('looks', () => expect(wxemu.launch({{ project: {:?} }}).currentPage()).toMatchScreenshot('start'))", todo.display().to_string())).unwrap();
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
