//! Issue targets for the wx host services: 10,000 setStorageSync/getStorageSync pairs
//! (≤ 300 ms), in memory and on disk (where the turn ends with one atomic write); a mocked
//! request's round trip through the event queue (≤ 1 ms).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use wxemu_core::{LaunchOptions, Routes, Simulator};

const PAIRS: &str = "() => { let sum = 0; for (let i = 0; i < 10000; i++) { wx.setStorageSync('k' + (i % 100), i); sum += wx.getStorageSync('k' + (i % 100)); } return sum }";

fn storage_pairs(c: &mut Criterion) {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/system");
    let dir = tempfile::tempdir().expect("a temp folder");
    for (name, file) in [("in memory", None), ("on disk", Some(dir.path().join("storage.json")))] {
        let mut sim = Simulator::launch(&app, LaunchOptions { storage: file, ..LaunchOptions::default() }).expect("the app launches");
        c.bench_function(&format!("10,000 setStorageSync/getStorageSync pairs, {name}"), |b| b.iter(|| sim.evaluate(PAIRS, &[]).expect("the loop runs")));
    }
}

/// The app calls wx.request, the mock route answers on the queue, the success callback
/// sets data on the page (and the page re-renders).
fn mocked_request(c: &mut Criterion) {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/calls");
    let routes = Routes::parse(r#"{"routes": [{"url": "https://api.example.com/todos", "body": [{"id": 1, "title": "milk"}, {"id": 2, "title": "eggs"}]}]}"#, Path::new(".")).expect("routes parse");
    let mut sim = Simulator::launch(&app, LaunchOptions { routes: Some(routes), ..LaunchOptions::default() }).expect("the app launches");
    let call = "() => { wx.request({ url: 'https://api.example.com/todos', success(res) { getCurrentPages()[0].setData({ status: res.data[1].title }) } }) }";
    c.bench_function("a mocked wx.request round trip through the event queue", |b| {
        b.iter(|| {
            sim.evaluate(call, &[]).expect("the call runs");
            sim.advance(0);
        })
    });
    assert_eq!(sim.page_data()["status"], "eggs", "the response reached the page");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = storage_pairs, mocked_request
}
criterion_main!(benches);
