//! The visual suite: every page of tests/visual/app and of the sample apps, drawn on an
//! iPhone 6 screen matches its golden picture in tests/visual/goldens. Goldens are made with
//! `WXEMU_UPDATE_GOLDENS=1 cargo test --release -p wxemu-core --test visual` and looked at
//! before they are committed.

use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Screen, Simulator};
use wxemu_view::fonts::Fonts;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// (golden name, project, page route)
fn pages() -> Vec<(String, PathBuf, String)> {
    let mut pages = Vec::new();
    for (project, prefix) in [
        ("tests/visual/app", ""),
        ("sample-apps/todo", "todo-"),
        ("sample-apps/gallery", "gallery-"),
        ("tests/apps/custom-tabbar", "custom-tabbar-"),
        ("tests/apps/prompts", "prompts-"),
        ("tests/apps/bars", "bars-"),
    ] {
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
        let mut sim = on_screen(project, route);
        if let Err(e) = matches_golden(&mut sim, name) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{} of {} pages differ:\n{}", failures.len(), pages.len(), failures.join("\n"));
}

/// `route` of `project` launched on an iPhone 6 screen.
fn on_screen(project: &Path, route: &str) -> Simulator {
    let mut sim = Simulator::launch(project, LaunchOptions { page: Some(route.to_string()), ..LaunchOptions::default() }).unwrap();
    sim.attach_screen(Screen::new(Fonts::load_default().expect("fonts-noto-cjk and fonts-dejavu-core are installed")));
    sim
}

/// Whether the screen now matches golden `name`.
fn matches_golden(sim: &mut Simulator, name: &str) -> Result<(), String> {
    let list = sim.draw(false)?;
    let png = wxemu_render::encode_png(wxemu_render::rasterize(&list, 2.0));
    wxemu_testkit::compare_png(&root().join("tests/visual/goldens").join(format!("{name}.png")), &png, 0.0002)
}

#[test]
fn open_picker_popups_match_their_golden_pictures() {
    let project = root().join("tests/apps/picker");
    let mut failures = Vec::new();
    for picker in ["place", "date"] {
        let mut sim = on_screen(&project, "pages/index/index");
        sim.tap(&format!("#{picker}")).unwrap();
        if let Err(e) = matches_golden(&mut sim, &format!("picker-{picker}")) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
