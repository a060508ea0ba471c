//! The regression folders: every `tests/apps/*/…test.js` (an app with its page tests) passes
//! under `wxemu test`'s runner.

use std::path::Path;
use wxemu_harness::{discover, run_file, Outcome, RunOptions};

#[test]
fn every_regression_folder_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps");
    let files = discover(&[root]);
    assert!(files.len() >= 2, "the regression folders have test files: {files:?}");
    let results: Vec<_> = files.iter().flat_map(|f| run_file(f, &RunOptions::default())).collect();
    let failures: Vec<String> = results
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Failed(text) => Some(format!("{} › {}: {text}", r.file.display(), r.name)),
            _ => None,
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(results.len() >= 16, "{} tests", results.len());
}
