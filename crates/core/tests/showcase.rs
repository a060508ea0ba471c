//! sample-apps/showcase end to end, with the mock route file it ships: articles from
//! wx.request under a loading notice, system information, storage kept across launches, a
//! modal that is answered, a POST, a toast, and navigation both ways.

use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Prompt, Routes, Simulator};
use wxemu_wxml::dump;

fn showcase() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/showcase")
}

fn launch(storage: &Path) -> Simulator {
    let routes = Routes::load(&showcase().join("mock/routes.json")).expect("the routes file loads");
    let options = LaunchOptions { routes: Some(routes), storage: Some(storage.to_path_buf()), ..LaunchOptions::default() };
    Simulator::launch(&showcase(), options).expect("the showcase launches")
}

fn text(sim: &Simulator) -> String {
    dump::to_wxml(sim.tree())
}

fn notice(sim: &Simulator) -> Option<String> {
    sim.prompts().into_iter().find_map(|p| match p {
        Prompt::Toast { title, .. } | Prompt::Loading { title, .. } => Some(title),
        _ => None,
    })
}

#[test]
fn the_showcase_loads_articles_likes_one_and_remembers_it() {
    let folder = tempfile::tempdir().unwrap();
    let storage = folder.path().join("storage.json");
    let mut sim = launch(&storage);
    assert_eq!(notice(&sim).as_deref(), Some("Loading"));
    assert!(text(&sim).contains("iPhone 8<iPhone10,1> · 375×603"), "{}", text(&sim));
    assert!(text(&sim).contains("Visit 1 · 0 liked"), "{}", text(&sim));
    sim.advance(299);
    assert!(!text(&sim).contains("Hello, wxemu"), "the route answers after 300 ms");
    sim.advance(1);
    assert_eq!(notice(&sim), None, "hideLoading once the request completes");
    for title in ["Hello, wxemu", "Mock routes", "Storage"] {
        assert!(text(&sim).contains(title), "{title} in {}", text(&sim));
    }

    sim.tap(".article").unwrap();
    assert_eq!(sim.current_route(), Some("pages/article/article"));
    sim.advance(100);
    assert!(text(&sim).contains("41 likes"), "{}", text(&sim));
    sim.tap(".like").unwrap();
    assert!(matches!(&sim.prompts()[..], [Prompt::Modal { title, .. }] if title == "Like this article?"), "{:?}", sim.prompts());
    sim.answer_modal(true, None).unwrap();
    sim.advance(50);
    assert!(text(&sim).contains("42 likes") && text(&sim).contains("You like this"), "{}", text(&sim));
    assert_eq!(notice(&sim).as_deref(), Some("Liked"));
    let post = sim.requests().into_iter().find(|r| r.method == "POST").expect("the like was posted");
    assert_eq!((post.url.as_str(), post.body.as_str(), post.status, post.time), ("https://api.showcase.example/likes", r#"{"article":1}"#, Some(201), 400));

    sim.tap(".back").unwrap();
    assert_eq!(sim.current_route(), Some("pages/index/index"));
    assert!(text(&sim).contains("Visit 1 · 1 liked"), "onShow reads the likes back: {}", text(&sim));
    sim.tap(".article[data-id=3]").unwrap();
    sim.advance(100);
    assert!(text(&sim).contains("404: no such article"), "{}", text(&sim));
    drop(sim);

    let mut again = launch(&storage);
    again.advance(300);
    assert!(text(&again).contains("Visit 2 · 1 liked"), "storage kept the visits and the like: {}", text(&again));
    again.tap(".reset").unwrap();
    again.answer_modal(false, None).unwrap();
    assert!(text(&again).contains("1 liked"), "cancel keeps the likes");
    again.tap(".reset").unwrap();
    again.answer_modal(true, None).unwrap();
    assert!(text(&again).contains("0 liked"));
    assert_eq!(notice(&again).as_deref(), Some("Cleared"));
}
