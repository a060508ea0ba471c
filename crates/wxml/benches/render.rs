//! Rendering and compiling speed (issue targets: a 1,000-row `wx:for` list of objects with
//! 5 bindings each renders in ≤ 2 ms; tokenizing + compiling 1 MB of WXML takes ≤ 50 ms).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wxemu_wxml::compile::compile_file;
use wxemu_wxml::{ModuleTable, Program, Renderer, Value, WxsFunction, WxsHost};

struct NoWxs;

impl WxsHost for NoWxs {
    fn call(&mut self, _: WxsFunction, _: &[Value]) -> Result<Value, String> {
        Err("no WXS in this benchmark".into())
    }
}

const ROW_TEMPLATE: &str = r#"<view class="list">
  <view wx:for="{{rows}}" wx:key="id" class="row {{item.done ? 'done' : ''}}" data-id="{{item.id}}" bindtap="onTap">
    <text class="title">{{item.title}}</text>
    <text class="price">¥{{item.price}}</text>
    <text class="count">x{{item.count}}</text>
  </view>
</view>"#;

fn rows(n: usize) -> Value {
    let rows: Vec<serde_json::Value> = (0..n).map(|i| serde_json::json!({"id": i, "title": format!("Item {i}"), "price": i as f64 * 1.5, "count": i % 7, "done": i % 3 == 0})).collect();
    Value::from_json(&serde_json::json!({ "rows": rows }))
}

fn render_list(c: &mut Criterion) {
    let program = Program::load("list.wxml", &mut |_| Ok(ROW_TEMPLATE.to_string()));
    assert!(program.diagnostics.is_empty());
    let modules = ModuleTable::new();
    let data = rows(1000);
    c.bench_function("render 1000-row wx:for, 5 bindings per row", |b| {
        b.iter(|| {
            let mut wxs = NoWxs;
            let mut renderer = Renderer::new(&program, &modules, &mut wxs);
            black_box(renderer.render_file("list.wxml", black_box(&data)))
        })
    });
}

/// About 1 MB of realistic WXML: repeated page sections with directives, bindings, events.
fn megabyte_of_wxml() -> String {
    let section = r#"<view class="section {{theme}}" wx:if="{{visible}}">
  <!-- a card list -->
  <view wx:for="{{cards}}" wx:key="id" class="card" data-index="{{index}}" bindtap="onCard" hover-class="pressed">
    <image src="{{item.cover}}" mode="aspectFill" lazy-load/>
    <text class="title">{{item.title}} · {{item.author.name}}</text>
    <text wx:if="{{item.price > 0}}" class="price">¥{{item.price / 100}}</text>
    <text wx:else class="free">free</text>
    <button size="mini" type="primary" catchtap="onBuy" data-id="{{item.id}}" disabled="{{!item.onSale}}">Buy</button>
  </view>
  <template is="footer" data="{{...footer, page: index}}"/>
</view>
"#;
    section.repeat(1_048_576 / section.len() + 1)
}

fn compile_megabyte(c: &mut Criterion) {
    let source = megabyte_of_wxml();
    // The compiled file lives as long as its page, so dropping it is not part of compiling:
    // iter_with_large_drop leaves the drop out of the measurement.
    c.bench_function("tokenize + compile 1 MB of WXML", |b| {
        b.iter_with_large_drop(|| {
            let mut diags = Vec::new();
            compile_file("big.wxml", black_box(&source), &mut diags)
        })
    });
}

criterion_group!(benches, render_list, compile_megabyte);
criterion_main!(benches);
