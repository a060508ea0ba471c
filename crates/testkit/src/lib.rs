//! Test support for suites whose cases are folders (tests/wxml, tests/components,
//! tests/diagnostics): every folder is run, all differences are reported together, and the
//! closing line counts them (`N passed, M failed`).

use std::path::{Path, PathBuf};

/// Runs `check` on every case folder under `tests/<suite>` (from the repository root),
/// requiring at least `minimum` cases; panics listing every failing case.
pub fn run_suite(suite: &str, minimum: usize, check: impl Fn(&Path) -> Result<(), String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests").join(suite);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= minimum, "tests/{suite} should have at least {minimum} cases, found {}", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check(case).err().map(|e| format!("{}: {e}", case.file_name().unwrap_or_default().to_string_lossy())))
        .collect();
    println!("{} passed, {} failed", cases.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "{} of {} cases in tests/{suite} failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

/// `Ok` when the JSON values are equal, else both printed for the failure report.
pub fn compare_json(expected: &serde_json::Value, actual: &serde_json::Value, what: &str) -> Result<(), String> {
    if expected == actual {
        return Ok(());
    }
    let pretty = |v| serde_json::to_string_pretty(v).unwrap_or_default();
    Err(format!("{what}\n--- expected\n{}\n--- wxemu\n{}", pretty(expected), pretty(actual)))
}
