//! Issue targets for drawing: a full repaint of a typical page (the todo sample: its
//! stylesheets read, styles, layout, display list, rasterized at 2x — ≤ 10 ms), and a setData
//! that changes one row of a 1,000-row list until the frame is repainted (≤ 16 ms; only what
//! changed is styled and laid out anew).

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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = repaint_todo, set_data_one_row_repaint
}
criterion_main!(benches);
