//! Issue targets for the wx host services: 10,000 setStorageSync/getStorageSync pairs
//! (≤ 300 ms), in memory and on disk (where the turn ends with one atomic write).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use wxemu_core::{LaunchOptions, Simulator};

const PAIRS: &str = "() => { let sum = 0; for (let i = 0; i < 10000; i++) { wx.setStorageSync('k' + (i % 100), i); sum += wx.getStorageSync('k' + (i % 100)); } return sum }";

fn storage_pairs(c: &mut Criterion) {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/system");
    let dir = tempfile::tempdir().expect("a temp folder");
    for (name, file) in [("in memory", None), ("on disk", Some(dir.path().join("storage.json")))] {
        let mut sim = Simulator::launch(&app, LaunchOptions { storage: file, ..LaunchOptions::default() }).expect("the app launches");
        c.bench_function(&format!("10,000 setStorageSync/getStorageSync pairs, {name}"), |b| b.iter(|| sim.evaluate(PAIRS, &[]).expect("the loop runs")));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = storage_pairs
}
criterion_main!(benches);
