//! The visual suite: every page of tests/visual/app and of the sample apps, drawn on an
//! iPhone 6 screen matches its golden picture in tests/visual/goldens. Goldens are made with
//! `WXEMU_UPDATE_GOLDENS=1 cargo test --release -p wxemu-core --test visual` and looked at
//! before they are committed.

use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Screen, Simulator};
use wxemu_view::fonts::Fonts;
use wxemu_wxss::Device;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// (golden name, project, page route)
fn pages() -> Vec<(String, PathBuf, String)> {
    let mut pages = Vec::new();
    for (project, prefix) in [("tests/visual/app", ""), ("sample-apps/todo", "todo-"), ("sample-apps/gallery", "gallery-"), ("tests/apps/custom-tabbar", "custom-tabbar-"), ("tests/apps/prompts", "prompts-"), ("tests/apps/bars", "bars-")] {
        let dir = root().join(project);
        let app: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("app.json")).unwrap()).unwrap();
        for route in app["pages"].as_array().unwrap() {
            let route = route.as_str().unwrap().to_string();
            let name = format!("{prefix}{}", route.rsplit('/').next().unwrap());
            pages.push((name, dir.clone(), route));
        }
    }
    pages
}

#[test]
fn pages_match_their_golden_pictures() {
    let mut failures = Vec::new();
    let pages = pages();
    assert!(pages.len() >= 30, "the suite lost pages: {}", pages.len());
    for (name, project, route) in &pages {
        let mut sim = Simulator::launch(project, LaunchOptions { page: Some(route.clone()), ..LaunchOptions::default() }).unwrap();
        sim.attach_screen(Screen::new(Device::IPHONE_6, Fonts::load_default().expect("fonts-noto-cjk and fonts-dejavu-core are installed")));
        let list = sim.draw(false).unwrap();
        let png = wxemu_render::encode_png(wxemu_render::rasterize(&list, 2.0));
        if let Err(e) = wxemu_testkit::compare_png(&root().join("tests/visual/goldens").join(format!("{name}.png")), &png, 0.0002) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{} of {} pages differ:\n{}", failures.len(), pages.len(), failures.join("\n"));
}
