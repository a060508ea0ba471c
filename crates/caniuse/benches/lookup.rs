//! `wx.canIUse` lookups: one schema at one version (target ≤ 1 µs each).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wxemu_caniuse::{Database, Version};

fn lookups(c: &mut Criterion) {
    let db = Database::get();
    let at = Version(2, 10, 0);
    c.bench_function("canIUse getSystemInfoSync.return.safeArea.left", |b| b.iter(|| db.can_i_use(black_box("getSystemInfoSync.return.safeArea.left"), at)));
    c.bench_function("canIUse button.open-type.contact", |b| b.iter(|| db.can_i_use(black_box("button.open-type.contact"), at)));
    c.bench_function("canIUse unknown schema", |b| b.iter(|| db.can_i_use(black_box("noSuch.object.thing"), at)));
}

criterion_group!(benches, lookups);
criterion_main!(benches);
