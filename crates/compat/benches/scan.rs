//! `wxemu compat` on a 300-file package (target ≤ 1 s): 150 pages, each the compat sample's
//! script and template.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use wxemu_package::Package;

fn scan_300_files(c: &mut Criterion) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/compat/pages/index");
    let (js, wxml) = (std::fs::read_to_string(sample.join("index.js")).unwrap(), std::fs::read_to_string(sample.join("index.wxml")).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let pages: Vec<String> = (0..150).map(|i| format!("pages/p{i}/index")).collect();
    for page in &pages {
        std::fs::create_dir_all(dir.path().join(page).parent().unwrap()).unwrap();
        std::fs::write(dir.path().join(format!("{page}.js")), &js).unwrap();
        std::fs::write(dir.path().join(format!("{page}.wxml")), &wxml).unwrap();
    }
    std::fs::write(dir.path().join("app.json"), serde_json::json!({ "pages": pages }).to_string()).unwrap();
    let mut group = c.benchmark_group("compat");
    group.sample_size(10);
    group.bench_function("scan a 300-file package", |b| {
        b.iter(|| {
            let report = wxemu_compat::scan(&Package::load(dir.path()));
            assert_eq!(report.files, 300);
            report
        })
    });
    group.finish();
}

criterion_group!(benches, scan_300_files);
criterion_main!(benches);
