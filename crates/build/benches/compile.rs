//! Issue 19's compile targets: 1 MB of TypeScript and 1 MB of ES-module JavaScript to
//! CommonJS (no cache), reading a compiled script back from the disk cache, and 200 KB of
//! Sass (grass) and of Less (less.js run by Node: installed into the cache on first use).

use criterion::{criterion_group, criterion_main, Criterion};
use wxemu_build::{compile_script, Cache, Styles};
use wxemu_package::PackageFiles;

/// About `bytes` of module code: functions, classes, enums (TypeScript), imports, exports.
fn module_source(bytes: usize, typescript: bool) -> String {
    let mut code = String::from("import { helper } from './helper'\nimport * as all from './all'\n");
    let mut n = 0;
    while code.len() < bytes {
        if typescript {
            code += &format!(
                "export enum Kind{n} {{ A, B, C }}\ninterface Shape{n} {{ width: number; height: number }}\nexport class Box{n} implements Shape{n} {{\n  width: number = {n}\n  height: number = 2\n  area(): number {{ return this.width * this.height + helper(Kind{n}.B) }}\n}}\nexport function make{n}(list: Array<Shape{n}>, scale?: number): number {{\n  return list.reduce((sum: number, s: Shape{n}) => sum + s.width * (scale ?? 1), all.base)\n}}\n"
            );
        } else {
            code += &format!(
                "export class Box{n} {{\n  constructor() {{ this.width = {n}; this.height = 2 }}\n  area() {{ return this.width * this.height + helper({n}) }}\n}}\nexport function make{n}(list, scale) {{\n  return list.reduce((sum, s) => sum + s.width * (scale ?? 1), all.base)\n}}\n"
            );
        }
        n += 1;
    }
    if !typescript {
        code += "export default make0\n";
    }
    code
}

fn compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    let typescript = module_source(1 << 20, true);
    group.bench_function("1 MB of TypeScript to CommonJS", |b| b.iter(|| compile_script(&typescript, true).expect("it compiles")));
    let javascript = module_source(1 << 20, false);
    group.bench_function("1 MB of ES-module JavaScript to CommonJS", |b| b.iter(|| compile_script(&javascript, false).expect("it compiles")));
    let dir = tempfile::tempdir().expect("a temp folder");
    let cache = Cache::at(dir.path().to_path_buf());
    cache.compile(&typescript, true).expect("it compiles");
    group.bench_function("1 MB of TypeScript read back from the cache", |b| b.iter(|| cache.compile(&typescript, true).expect("it is cached")));
    group.finish();
}

/// About `bytes` of stylesheet in Sass (`less`: false) or Less: variables, a mixin,
/// nesting three deep, arithmetic, `&` selectors.
fn style_source(bytes: usize, less: bool) -> String {
    let (var, mixin, include) = if less { ("@", ".box(@w) { width: @w; height: @w / 2; }\n", ".box") } else { ("$", "@mixin box($w) { width: $w; height: $w / 2; }\n", "@include box") };
    let mut code = format!("{var}unit: 4px;\n{var}ink: #333;\n{mixin}");
    let mut n = 0;
    while code.len() < bytes {
        code += &format!(".card-{n} {{\n  color: {var}ink;\n  {include}({var}unit * {n});\n  .title {{\n    margin: {var}unit * 2 {var}unit;\n    &:active {{ opacity: 0.5; }}\n    .icon {{ width: {var}unit * 6; }}\n  }}\n  &.selected {{ border: 1px solid {var}ink; }}\n}}\n");
        n += 1;
    }
    code
}

fn styles(c: &mut Criterion) {
    let mut group = c.benchmark_group("styles");
    group.sample_size(10);
    let dir = tempfile::tempdir().expect("a temp folder");
    std::fs::write(dir.path().join("page.scss"), style_source(200 << 10, false)).expect("written");
    std::fs::write(dir.path().join("other.less"), style_source(200 << 10, true)).expect("written");
    let files = PackageFiles::new(dir.path().to_path_buf(), Vec::new());
    // A new Styles each time: it keeps what it compiled for the launch.
    group.bench_function("200 KB of Sass to WXSS", |b| b.iter(|| Styles::new(files.clone()).read("page.wxss").expect("it compiles")));
    group.bench_function("200 KB of Less to WXSS (less.js in Node)", |b| b.iter(|| Styles::new(files.clone()).read("other.wxss").expect("it compiles")));
    group.finish();
}

criterion_group!(benches, compile, styles);
criterion_main!(benches);
