//! Bad input gets a clear diagnostic. Every folder under tests/diagnostics is a broken
//! template (index.wxml) or package (app.json …) run through `wxemu dump`; each line of its
//! expected.txt must begin a line of what wxemu printed to stderr (file:line:col: severity:
//! message), and every error must be followed by a `help:` line. A stdout-contains.txt, when
//! present, is text the dump must still print: the rest of the package keeps working.

use std::path::Path;
use std::process::Command;

fn run(case: &Path) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wxemu"));
    cmd.arg("dump");
    if case.join("app.json").is_file() {
        cmd.arg(case);
    } else {
        cmd.arg("--template").arg(case.join("index.wxml"));
    }
    cmd.output().expect("wxemu runs")
}

fn check(case: &Path) -> Result<(), String> {
    let output = run(case);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stderr.lines().collect();
    let expected = std::fs::read_to_string(case.join("expected.txt")).expect("expected.txt");
    for want in expected.lines().filter(|l| !l.is_empty()) {
        let Some(i) = lines.iter().position(|l| l.starts_with(want)) else {
            return Err(format!("missing diagnostic `{want}`\nstderr was:\n{stderr}"));
        };
        if want.contains(": error: ") && !lines.get(i + 1).is_some_and(|l| l.trim_start().starts_with("help: ")) {
            return Err(format!("error `{want}` has no help line\nstderr was:\n{stderr}"));
        }
    }
    if let Ok(text) = std::fs::read_to_string(case.join("stdout-contains.txt")) {
        if !stdout.contains(text.trim()) {
            return Err(format!("the rest should still render, stdout:\n{stdout}\nstderr:\n{stderr}"));
        }
    }
    if expected.contains(": error: ") && output.status.success() {
        return Err(format!("an error should make dump fail, but it exited 0\nstderr:\n{stderr}"));
    }
    Ok(())
}

#[test]
fn broken_input_is_reported_with_file_line_and_column() {
    wxemu_testkit::run_suite("diagnostics", 10, check);
}
