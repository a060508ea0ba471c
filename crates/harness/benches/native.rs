//! Issue target for `wxemu test`: a native test doing launch + 10 route changes + 10 taps +
//! data asserts (≤ 1 s), the whole file run as `wxemu test` runs it.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use wxemu_harness::{run_file, Outcome, RunOptions};

fn route_and_tap(c: &mut Criterion) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/route-and-tap.test.js");
    let options = RunOptions::default();
    let results = run_file(&file, &options);
    assert!(results.iter().all(|r| r.outcome == Outcome::Passed), "{results:?}");
    c.bench_function("a native test: launch, 10 route changes, 10 taps, data asserts", |b| b.iter(|| run_file(&file, &options)));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = route_and_tap
}
criterion_main!(benches);
