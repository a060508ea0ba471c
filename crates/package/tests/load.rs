//! Loading a package with every resolution rule in play: tests/packages/resolution has a
//! `miniprogramRoot`, an independent subpackage, global components, `resolveAlias`, an npm
//! component in miniprogram_npm, a relative path, a folder meaning its index, a component in
//! TypeScript, and a component that uses itself.

use std::path::Path;
use wxemu_package::{Package, Severity};

fn load() -> Package {
    Package::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/packages/resolution"))
}

#[test]
fn project_config_selects_root_and_library() {
    let pkg = load();
    assert!(pkg.root.ends_with("miniprogram/"), "{}", pkg.root.display());
    // project.private.config.json is over project.config.json.
    assert_eq!(pkg.project.lib_version, Some(wxemu_caniuse::Version(3, 0, 0)));
    assert_eq!(pkg.project.setting.get("urlCheck"), Some(&serde_json::json!(false)));
    assert_eq!(pkg.project.appid.as_deref(), Some("wx123"));
    let unknown: Vec<String> = pkg.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(unknown[0].starts_with("project.config.json:8:3: warning: unknown key `futureKey`"), "{unknown:?}");
}

#[test]
fn a_miniprogram_root_finds_its_project_in_a_folder_above() {
    let pkg = Package::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/packages/resolution/miniprogram"));
    assert!(pkg.project_dir.join("project.config.json").is_file(), "{}", pkg.project_dir.display());
    assert_eq!((pkg.project.appid.as_deref(), pkg.project.lib_version), (Some("wx123"), Some(wxemu_caniuse::Version(3, 0, 0))));
    assert_eq!(pkg.pages.len(), 2);
}

#[test]
fn theme_variables_resolve_for_light_and_dark() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| std::fs::write(dir.path().join(path), text).unwrap();
    write(
        "app.json",
        r##"{"pages": ["index", "other"], "darkmode": true, "themeLocation": "theme.json",
        "window": {"navigationBarBackgroundColor": "@navBg", "navigationBarTextStyle": "@navText", "backgroundColor": "@nowhere"},
        "tabBar": {"color": "@tabColor", "list": [{"pagePath": "index", "text": "a", "iconPath": "@icon"}, {"pagePath": "other", "text": "b"}]}}"##,
    );
    write(
        "theme.json",
        r##"{"light": {"navBg": "#ffffff", "navText": "black", "tabColor": "#111111", "icon": "light.png", "pageBg": "#eeeeee"},
        "dark": {"navBg": "#191919", "navText": "white", "tabColor": "#eeeeee", "icon": "dark.png", "pageBg": "#222222"}}"##,
    );
    for page in ["index", "other"] {
        write(&format!("{page}.wxml"), "<view/>");
        write(&format!("{page}.js"), "Page({})");
    }
    write("other.json", r#"{"backgroundColor": "@pageBg"}"#);
    let pkg = Package::load(dir.path());
    let light = pkg.window_config("index", false);
    assert_eq!((light["navigationBarBackgroundColor"].as_str(), light["navigationBarTextStyle"].as_str()), (Some("#ffffff"), Some("black")));
    let dark = pkg.window_config("other", true);
    assert_eq!((dark["navigationBarBackgroundColor"].as_str(), dark["backgroundColor"].as_str()), (Some("#191919"), Some("#222222")), "a page's .json too");
    let tab_bar = pkg.tab_bar_config(true);
    assert_eq!((tab_bar["color"].as_str(), tab_bar["list"][0]["iconPath"].as_str()), (Some("#eeeeee"), Some("dark.png")));
    let warnings: Vec<String> = pkg.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].starts_with("app.json:2:119: warning: `@nowhere` is not a variable of both themes in theme.json"), "{warnings:?}");
    // This app has no sitemap.json either.
    assert!(warnings[1].starts_with("app.json:1:1: warning: no sitemap.json"), "{warnings:?}");
}

#[test]
fn pages_include_subpackages_with_their_root() {
    let pkg = load();
    assert_eq!(pkg.pages.keys().collect::<Vec<_>>(), ["pages/home/home", "shop/list/list"]);
    let shop = &pkg.app.subpackages[0];
    assert_eq!((shop.root.as_str(), shop.name.as_deref(), shop.independent), ("shop", Some("shop"), true));
    assert_eq!(pkg.entry_page(), Some("pages/home/home"));
    assert_eq!(pkg.app.network_timeout.get("request"), Some(&serde_json::json!(5000)));
    assert_eq!(pkg.app.lazy_code_loading.as_deref(), Some("requiredComponents"));
}

#[test]
fn components_resolve_like_the_platform() {
    let pkg = load();
    let home = &pkg.pages["pages/home/home"];
    let using: Vec<(&str, &str)> = home.using_components.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        using,
        [
            ("g-badge", "components/badge/badge"),
            ("card", "components/card/card"),
            ("dialog", "miniprogram_npm/weui/dialog/index"),
            ("badge", "components/badge/badge"),
            ("tree", "components/tree/tree"),
            ("panel", "components/panel/index"),
            ("meter", "components/meter/meter"),
        ]
    );
    // A folder means its index; a component written in TypeScript has its script.
    assert!(pkg.components["components/panel/index"].has_js);
    assert!(pkg.components["components/meter/meter"].has_js);
    let card = &pkg.components["components/card/card"];
    assert!(card.config.component && card.has_wxml && card.has_js && !card.has_wxss);
    assert_eq!(card.config.style_isolation.as_deref(), Some("apply-shared"));
    assert!(card.config.component_generics.contains_key("item"));
    // A component may use itself (recursive trees are allowed on the platform).
    assert_eq!(pkg.components["components/tree/tree"].using_components["tree"], "components/tree/tree");
    assert!(!pkg.diagnostics.iter().any(|d| d.severity == Severity::Error), "{:?}", pkg.diagnostics);
}
