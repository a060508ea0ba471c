//! The minimised inputs kept in `corpus/<target>/` — cases from issue 18 and whatever the
//! fuzzer found — run through their targets on every `cargo test`.

use std::path::Path;

fn cases(target: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten().map(|e| e.path()).collect();
    files.sort();
    files.into_iter().map(|f| (f.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&f).unwrap())).collect()
}

#[test]
fn the_kept_cases_run_through_every_target() {
    let mut ran = 0;
    for (_, source) in cases("wxml") {
        wxemu_fuzz::wxml(&source);
        ran += 1;
    }
    for (_, source) in cases("expression") {
        wxemu_fuzz::expression(source.trim_end_matches('\n'));
        ran += 1;
    }
    for (_, source) in cases("wxss") {
        wxemu_fuzz::wxss(&source);
        ran += 1;
    }
    for (_, source) in cases("package") {
        let (app, page) = source.split_once("\n---\n").unwrap_or((&source, "{}"));
        wxemu_fuzz::package(app, page);
        ran += 1;
    }
    for (_, source) in cases("set-data") {
        let (path, json) = source.split_once('\n').unwrap_or(("a", &source));
        wxemu_fuzz::set_data(path, json);
        ran += 1;
    }
    assert!(ran >= 10, "{ran} cases");
}
