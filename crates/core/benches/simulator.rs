//! Issue targets for the logic⇄view loop: launching the todo sample to its first rendered
//! tree (≤ 60 ms), and a setData that changes one row of a 1,000-row list until the view's
//! tree is updated (≤ 5 ms).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Simulator};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

fn launch_todo(c: &mut Criterion) {
    let dir = repo("sample-apps/todo");
    c.bench_function("launch sample-apps/todo to its first rendered tree", |b| {
        b.iter(|| {
            let sim = Simulator::launch(&dir, LaunchOptions::default()).expect("todo launches");
            black_box(sim.tree().len())
        })
    });
}

fn set_data_one_row(c: &mut Criterion) {
    let mut sim = Simulator::launch(&repo("tests/apps/biglist"), LaunchOptions::default()).expect("biglist launches");
    let nothing = serde_json::json!({});
    c.bench_function("setData one row of a 1000-row list → view tree updated", |b| {
        b.iter(|| sim.trigger(black_box("#touch"), "tap", nothing.clone()).expect("the button is there"))
    });
}

criterion_group!(benches, launch_todo, set_data_one_row);
criterion_main!(benches);
