//! Issue targets for the logic⇄view loop: launching the todo sample to its first rendered
//! tree (≤ 60 ms), and a setData that changes one row of a 1,000-row list until the view's
//! tree is updated (≤ 5 ms). And the build step's (issue 19), on the TDesign page of
//! tests/apps/ui-libs (tdesign-miniprogram from npm: ES modules): the cold build of the
//! whole app, and a launch with the compiled scripts in the disk cache against a launch of
//! the same app already compiled (≤ 50 ms more).

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
    c.bench_function("setData one row of a 1000-row list → view tree updated", |b| b.iter(|| sim.trigger(black_box("#touch"), "tap", nothing.clone()).expect("the button is there")));
}

/// tests/apps/ui-libs with its npm packages installed.
fn ui_libs() -> PathBuf {
    let app = repo("tests/apps/ui-libs");
    if !app.join("node_modules/tdesign-miniprogram/package.json").exists() {
        let install = std::process::Command::new("npm").args(["install", "--no-audit", "--no-fund"]).current_dir(&app).status().expect("npm runs");
        assert!(install.success(), "npm install in {}", app.display());
    }
    app
}

fn build_step(c: &mut Criterion) {
    let app = ui_libs();
    let mut group = c.benchmark_group("build step");
    group.sample_size(10);
    let package = wxemu_package::Package::load(&app);
    let out = tempfile::tempdir().expect("a temp folder");
    group.bench_function("cold build of tests/apps/ui-libs (vant, tdesign, weui; no cache)", |b| {
        b.iter(|| wxemu_build::build_package(&package.files, out.path(), &wxemu_build::Cache::none()).expect("it builds"))
    });
    let tdesign = LaunchOptions { page: Some("pages/tdesign1/tdesign1".into()), ..LaunchOptions::default() };
    group.bench_function("launch the TDesign page, scripts from the disk cache", |b| b.iter(|| black_box(Simulator::launch(&app, tdesign.clone()).expect("it launches").tree().len())));
    let built = out.path().to_path_buf();
    group.bench_function("launch the TDesign page, the app already compiled", |b| b.iter(|| black_box(Simulator::launch(&built, tdesign.clone()).expect("it launches").tree().len())));
    group.finish();
}

criterion_group!(benches, launch_todo, set_data_one_row, build_step);
criterion_main!(benches);
