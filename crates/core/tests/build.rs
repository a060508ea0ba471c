//! Projects as people have them on disk, built as the DevTools build them (tests/apps/modules:
//! ES modules, TypeScript with enums, `import type`, `export *`, default exports).

use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Simulator};

fn modules_app() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/modules")
}

fn launch(dir: &Path) -> Simulator {
    Simulator::launch(dir, LaunchOptions::default()).expect("the app launches")
}

/// A temporary folder holding `files` (path, contents).
fn written<T: AsRef<[u8]>>(files: &[(&str, T)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, contents).unwrap();
        // Every app has the sitemap.json the DevTools' templates give it.
        if file.ends_with("app.json") {
            std::fs::write(file.with_file_name("sitemap.json"), r#"{ "rules": [{ "action": "allow", "page": "*" }] }"#).unwrap();
        }
    }
    dir
}

#[test]
fn es_modules_and_typescript_run_as_the_devtools_build_them() {
    let mut sim = launch(&modules_app());
    let console: Vec<String> = sim.take_console().into_iter().map(|e| e.text).collect();
    assert_eq!(console, ["hello app", "sum 3"]);
    assert_eq!(sim.page_data()["text"], "HELLO PAGE", "a default export and a named one");
    assert_eq!(sim.page_data()["total"], "42px", "an enum, a namespace import and `export *`");
}

#[test]
fn an_error_in_typescript_names_the_line_the_user_wrote() {
    let mut sim = launch(&modules_app());
    sim.take_console();
    sim.tap("#total").unwrap();
    let entries = sim.take_console();
    let error = entries.iter().find(|e| e.level == "error").unwrap_or_else(|| panic!("{entries:?}"));
    let (file, pos) = error.location.clone().expect("with its place");
    assert_eq!((file.as_str(), pos.line), ("pages/index/index.ts", 11), "{}", error.text);
}

#[test]
fn a_typescript_syntax_error_is_located_in_the_ts_file() {
    let dir = written(&[
        ("app.json", r#"{ "pages": ["pages/index/index"] }"#),
        ("app.js", "App({})"),
        ("pages/index/index.wxml", "<view>page</view>"),
        ("pages/index/index.ts", "const a: number = 1\nconst b: = 2\nPage({})\n"),
    ]);
    let diagnostics = match Simulator::launch(dir.path(), LaunchOptions::default()) {
        Ok(sim) => sim.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
        Err(e) => vec![e.to_string()],
    };
    assert!(diagnostics.iter().any(|d| d.starts_with("pages/index/index.ts:2:10: error: page script failed: SyntaxError: Unexpected token")), "{diagnostics:#?}");
}

/// An element's laid-out size, from a selector query of the page or of the component
/// `within` names (`#tag`).
fn size_in(sim: &mut Simulator, within: Option<&str>, selector: &str) -> (f64, f64) {
    let scope = within.map_or("wx".to_string(), |c| format!("getCurrentPages()[0].selectComponent('{c}')"));
    let script = format!("() => {{ {scope}.createSelectorQuery().select('{selector}').boundingClientRect(r => {{ globalThis.measured = r }}).exec() }}");
    sim.evaluate(&script, &[]).unwrap_or_else(|e| panic!("{selector}: {e}"));
    sim.advance(0);
    let rect = sim.evaluate("() => globalThis.measured", &[]).unwrap();
    (rect["width"].as_f64().unwrap_or(-1.0), rect["height"].as_f64().unwrap_or(-1.0))
}

fn size(sim: &mut Simulator, selector: &str) -> (f64, f64) {
    size_in(sim, None, selector)
}

#[test]
fn sass_pages_and_components_compile_with_imports_mixins_and_nesting() {
    let mut sim = launch(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/styles"));
    assert!(sim.diagnostics.is_empty(), "{:#?}", sim.diagnostics);
    assert_eq!(size(&mut sim, "#box"), (30.0, 30.0), "a mixin from an imported partial");
    assert_eq!(size(&mut sim, "#inner"), (20.0, 10.0), "a nested rule and a variable");
    assert_eq!(size(&mut sim, "#wide"), (200.0, 30.0), "`&.wide`");
    assert_eq!(size_in(&mut sim, Some("#tag"), "#label"), (60.0, 20.0), "a component styled in the indented syntax");
}

#[test]
fn less_pages_compile_with_the_official_less_js() {
    let mut sim = launch(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/styles"));
    sim.evaluate("() => wx.redirectTo({ url: '/pages/less/less' })", &[]).unwrap();
    sim.advance(0);
    assert_eq!(sim.current_route(), Some("pages/less/less"));
    assert_eq!(size(&mut sim, "#box"), (20.0, 20.0), "a mixin from an imported file");
    assert_eq!(size(&mut sim, "#inner"), (15.0, 5.0), "a nested rule and a variable");
    assert_eq!(size(&mut sim, "#wide"), (150.0, 20.0), "`&.wide`");
    let errors: Vec<String> = sim.diagnostics.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The diagnostics of launching the app made of `files` and showing its first page.
fn shown_diagnostics(files: &[(&str, &str)]) -> Vec<String> {
    let dir = written(files);
    let mut sim = launch(dir.path());
    sim.screenshot().expect("the page draws");
    sim.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn style_compile_errors_name_the_file_line_and_column_the_user_wrote() {
    let app = [("app.json", r#"{ "pages": ["pages/index/index"] }"#), ("app.js", "App({})"), ("pages/index/index.js", "Page({})"), ("pages/index/index.wxml", "<view>page</view>")];
    let sass = shown_diagnostics(&[app[0], app[1], app[2], app[3], ("pages/index/index.scss", "@import 'parts';\n"), ("pages/index/_parts.scss", ".a {\n  color: $missing;\n}\n")]);
    assert!(sass.iter().any(|d| d.starts_with("pages/index/_parts.scss:2:10: error: Sass: Undefined variable")), "{sass:#?}");
    let less = shown_diagnostics(&[app[0], app[1], app[2], app[3], ("pages/index/index.less", ".a {\n  .nothing();\n}\n")]);
    assert!(less.iter().any(|d| d.starts_with("pages/index/index.less:2:3: error: Less: .nothing is undefined")), "{less:#?}");
    let plugin = shown_diagnostics(&[
        app[0],
        app[1],
        app[2],
        app[3],
        ("pages/index/index.less", "@plugin \"evil\";\n.a { width: 1px }\n"),
        ("pages/index/evil.js", "require('fs').writeFileSync('/tmp/wxemu-less-escaped', '1')"),
    ]);
    assert!(plugin.iter().any(|d| d.contains("@plugin is not supported by wxemu")), "{plugin:#?}");
    assert!(!Path::new("/tmp/wxemu-less-escaped").exists(), "a Less plugin ran");
}

#[test]
fn npm_packages_are_built_as_the_devtools_build_them() {
    let mut sim = launch(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/npm"));
    assert!(sim.diagnostics.is_empty(), "{:#?}", sim.diagnostics);
    let data = sim.page_data();
    assert_eq!(data["price"], "¥05.00", "a plain JS package runs from its `main`, with its own relative requires");
    assert_eq!(data["devOnly"], "not built", "devDependencies are not built");
    let text = sim.evaluate("() => getCurrentPages()[0].selectComponent('#badge').data.text", &[]).unwrap();
    assert_eq!(text, "3 ¥03.00", "a component from the package's `miniprogram` folder, its ES module and its own dependency");
    assert_eq!(size_in(&mut sim, Some("#badge"), "#text"), (40.0, 20.0), "the package's stylesheet");
}

#[test]
fn use_extended_lib_weui_provides_weui_miniprogram() {
    let diagnostics = shown_diagnostics(&[
        ("app.json", r#"{ "pages": ["pages/index/index"], "useExtendedLib": { "weui": "latest" }, "usingComponents": { "mp-badge": "weui-miniprogram/badge/badge" } }"#),
        ("app.js", "App({})"),
        ("pages/index/index.js", "Page({})"),
        ("pages/index/index.wxml", r#"<mp-badge content="8"/>"#),
    ]);
    assert!(diagnostics.iter().all(|d| !d.contains("error:")), "{diagnostics:#?}");
}

#[test]
fn a_script_may_require_an_image_as_webpack_builds_give_it() {
    let dir = written(&[
        ("app.json", &br#"{ "pages": ["pages/index/index"] }"#[..]),
        ("app.js", b"App({ icon: require('/images/tab.png').default })"),
        ("pages/index/index.js", b"Page({ data: { icon: getApp().icon, local: require('./dot.png').default } })"),
        ("pages/index/index.wxml", b"<image src=\"{{icon}}\"/>"),
        ("pages/index/dot.png", b"\x89PNG\r\n\x1a\n"),
        ("images/tab.png", b"\x89PNG\r\n\x1a\n"),
    ]);
    let mut sim = launch(dir.path());
    assert_eq!((sim.page_data()["icon"].as_str(), sim.page_data()["local"].as_str()), (Some("/images/tab.png"), Some("/pages/index/dot.png")));
}

#[test]
fn stylesheets_import_a_file_of_an_npm_package_with_a_tilde() {
    let app = [("app.json", r#"{ "pages": ["pages/index/index"] }"#), ("app.js", "App({})"), ("pages/index/index.js", "Page({})"), ("pages/index/index.wxml", "<view class=\"a\">a</view>")];
    let with = |less: &'static str| {
        let mut files = app.to_vec();
        files.extend([
            ("pages/index/index.less", less),
            ("app.wxss", "@import '~mini-theme/base.wxss';"),
            ("node_modules/mini-theme/package.json", "{}"),
            ("node_modules/mini-theme/vars.less", "@w: 7px;\n"),
            ("node_modules/mini-theme/base.wxss", "@import './more.wxss';\n.b { color: red; }"),
            ("node_modules/mini-theme/more.wxss", ".c { color: blue; }"),
        ]);
        shown_diagnostics(&files)
    };
    let fine = with("@import '~mini-theme/vars.less';\n.a { width: @w; }\n");
    assert!(fine.iter().all(|d| !d.contains("error:")), "{fine:#?}");
    let escaping = with("@import '~mini-theme/../../app.json';\n");
    assert!(escaping.iter().any(|d| d.contains("error: Less:") && d.contains("leads out")), "{escaping:#?}");
}

#[test]
fn typescript_decorators_run_as_typescript_runs_them() {
    let dir = written(&[
        ("app.json", r#"{ "pages": ["pages/index/index"] }"#),
        ("app.js", "App({})"),
        ("pages/index/index.wxml", "<view>{{kind}}</view>"),
        ("pages/index/index.ts", "function component(kind: string) {\n  return function <T extends { new (...a: any[]): {} }>(target: T) { (target as any).kind = kind; return target }\n}\n@component('button')\nclass Button {}\nPage({ data: { kind: (Button as any).kind } })\n"),
    ]);
    let mut sim = launch(dir.path());
    assert_eq!(sim.page_data()["kind"], "button");
}

#[test]
fn require_and_import_follow_resolve_alias() {
    let dir = written(&[
        ("app.json", r#"{ "pages": ["pages/index/index"], "resolveAlias": { "@utils/*": "utils/*", "~/*": "/*" } }"#),
        ("app.js", "App({})"),
        ("utils/math.js", "exports.twice = (n) => n * 2"),
        ("behaviors/theme.js", "export const theme = 'light'"),
        ("pages/index/index.wxml", "<view/>"),
        ("pages/index/index.js", "import { theme } from '~/behaviors/theme'\nconst { twice } = require('@utils/math')\nPage({ data: { n: twice(2), theme } })\n"),
    ]);
    let mut sim = launch(dir.path());
    assert_eq!((sim.page_data()["n"].as_i64(), sim.page_data()["theme"].as_str()), (Some(4), Some("light")));
}
