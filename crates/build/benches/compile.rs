//! Issue 19's compile targets: 1 MB of TypeScript and 1 MB of ES-module JavaScript to
//! CommonJS (no cache), and reading a compiled script back from the disk cache.

use criterion::{criterion_group, criterion_main, Criterion};
use wxemu_build::{compile_script, Cache};

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
                "export class Box{n} {{\n  constructor() {{ this.width = {n}; this.height = 2 }}\n  area() {{ return this.width * this.height + helper({n}) }}\n}}\nexport function make{n}(list, scale) {{\n  return list.reduce((sum, s) => sum + s.width * (scale ?? 1), all.base)\n}}\nexport default make{n}\n"
            );
        }
        n += 1;
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

criterion_group!(benches, compile);
criterion_main!(benches);
