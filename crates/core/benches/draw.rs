//! Issue targets for drawing: a full repaint of a typical page (the todo sample: its
//! stylesheets read, styles, layout, display list, rasterized at 2x — ≤ 10 ms), and a setData
//! that changes one row of a 1,000-row list until the frame is repainted (≤ 16 ms; only what
//! changed is styled and laid out anew). Real pages' hard parts, each drawn anew (styled,
//! laid out, painted, rasterized at 2x; stylesheets read and pictures decoded before) in
//! ≤ 30 ms: 200 boxes with SVG background and mask pictures, and 1,000 floats.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Screen, Simulator};
use wxemu_view::fonts::Fonts;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

fn screen() -> Screen {
    Screen::new(Fonts::load_default().expect("fonts-noto-cjk is installed"))
}

fn repaint_todo(c: &mut Criterion) {
    let mut sim = Simulator::launch(&repo("sample-apps/todo"), LaunchOptions::default()).expect("todo launches");
    sim.attach_screen(screen());
    c.bench_function("full repaint of the todo page (style, layout, paint, rasterize)", |b| {
        b.iter(|| {
            sim.screen_mut().expect("attached").forget();
            black_box(wxemu_render::rasterize(&sim.draw(false).unwrap(), 2.0))
        })
    });
}

fn set_data_one_row_repaint(c: &mut Criterion) {
    let mut sim = Simulator::launch(&repo("tests/apps/biglist"), LaunchOptions::default()).expect("biglist launches");
    sim.attach_screen(screen());
    let nothing = serde_json::json!({});
    c.bench_function("setData one row of a 1000-row list → frame repainted", |b| {
        b.iter(|| {
            sim.trigger("#touch", "tap", nothing.clone()).expect("the button is there");
            black_box(wxemu_render::rasterize(&sim.draw(false).unwrap(), 2.0))
        })
    });
}

/// A one-page app in a temporary folder whose page is `wxml` styled by `wxss`, on a screen.
fn page(wxml: &str, wxss: &str) -> (tempfile::TempDir, Simulator) {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in [("app.json", r#"{"pages": ["index"]}"#), ("app.js", "App({})"), ("index.js", "Page({})"), ("index.wxml", wxml), ("index.wxss", wxss)] {
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let mut sim = Simulator::launch(dir.path(), LaunchOptions::default()).expect("the page launches");
    sim.attach_screen(screen());
    (dir, sim)
}

/// `sim`'s screen: the page styled, laid out, painted and rasterized anew.
fn redraw(c: &mut Criterion, name: &str, sim: &mut Simulator) {
    c.bench_function(name, |b| {
        b.iter(|| {
            sim.screen_mut().expect("attached").relayout();
            black_box(wxemu_render::rasterize(&sim.draw(false).unwrap(), 2.0))
        })
    });
}

fn pictures_200(c: &mut Criterion) {
    // 100 icons masking their colour (as WeUI's) and 100 background pictures, all different.
    let svg = |i: usize| format!("%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Ccircle cx='12' cy='12' r='{}' fill='%23{:06x}'/%3E%3C/svg%3E", 4 + i % 8, i * 997);
    let wxss: String = (0..100)
        .map(|i| format!(".m{i} {{ background-color: #07c160; mask-image: url(\"data:image/svg+xml,{}\"); mask-size: 100%; }} .b{i} {{ background: url(\"data:image/svg+xml,{}\") center / 20px no-repeat, #eee; }}\n", svg(i), svg(i + 100)))
        .chain(std::iter::once(".m, .b { display: inline-block; width: 32px; height: 32px; margin: 2px; }".to_string()))
        .collect();
    let wxml: String = (0..100).map(|i| format!(r#"<view class="m m{i}"/><view class="b b{i}"/>"#)).collect();
    let (_dir, mut sim) = page(&wxml, &wxss);
    redraw(c, "a page of 200 SVG background and mask pictures, drawn anew", &mut sim);
}

fn floats_1000(c: &mut Criterion) {
    let wxml: String = (0..1000).map(|i| format!(r#"<view class="cell">{i}</view>"#)).collect();
    let (_dir, mut sim) =
        page(&format!(r#"<view class="grid">{wxml}</view>"#), ".grid { overflow: hidden; } .cell { float: left; width: 25%; height: 30px; box-sizing: border-box; border: 1px solid #ddd; }");
    redraw(c, "a page of 1000 floats, drawn anew", &mut sim);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = repaint_todo, set_data_one_row_repaint, pictures_200, floats_1000
}
criterion_main!(benches);
