//! With a screen attached the Simulator knows where things are: taps at coordinates hit the
//! topmost element (or the tab bar, or the back arrow) and touch events carry coordinates.

use std::path::Path;
use wxemu_core::{LaunchOptions, Prompt, Screen, Simulator};
use wxemu_view::fonts::Fonts;

fn screen() -> Screen {
    Screen::new(Fonts::load_default().expect("fonts are installed"))
}

/// The app tests/apps/`name` launched, without a screen.
fn launch(name: &str) -> Simulator {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps").join(name);
    Simulator::launch(&dir, LaunchOptions::default()).unwrap()
}

/// The app tests/apps/`name` on an iPhone 6 screen, its launch's console output taken.
fn on_screen(name: &str) -> Simulator {
    let mut sim = launch(name);
    sim.attach_screen(screen());
    sim.take_console();
    sim
}

fn touch_app() -> Simulator {
    on_screen("touch")
}

fn console(sim: &mut Simulator) -> Vec<String> {
    sim.take_console().into_iter().map(|e| e.text).collect()
}

#[test]
fn a_tap_at_a_point_reaches_the_topmost_element_with_coordinates() {
    let mut sim = touch_app();
    // The page starts below the 20 px status bar and the 44 px navigation bar. (#ghost lies
    // over #a with pointer-events: none: taps go through it.)
    sim.tap_at(100.0, 64.0 + 50.0).unwrap();
    assert_eq!(console(&mut sim), ["touchstart a touches=1 changed=1 page=100,50", "touchend a touches=0 changed=1 page=100,50", "tap a touches=1 changed=1 page=100,50 at 100,50"]);
    sim.tap_at(10.0, 64.0 + 180.0).unwrap();
    assert_eq!(console(&mut sim), ["tap b touches=1 changed=1 page=10,180 at 10,180"]);
    // The text is inside #b and drawn over it: it is the target, and the tap bubbles to #b.
    sim.tap_at(5.0, 64.0 + 105.0).unwrap();
    let log = console(&mut sim);
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[0].starts_with("tap inner") && log[1].starts_with("tap b"), "{log:?}");
    // Selector taps land on the element's centre.
    sim.tap("#a").unwrap();
    assert_eq!(console(&mut sim).last().unwrap(), "tap a touches=1 changed=1 page=187.5,50 at 187.5,50");
    // The navigation bar has no back arrow on the first page; nothing happens there.
    sim.tap_at(10.0, 40.0).unwrap();
    assert!(console(&mut sim).is_empty());
}

#[test]
fn taps_find_elements_where_their_transforms_draw_them() {
    let mut sim = touch_app();
    // #moved is laid out at x 200–300, y 220–260; turned 90° about its centre and moved by
    // (-100, 50) it covers x 130–170, y 240–340 of the page.
    sim.tap_at(150.0, 64.0 + 330.0).unwrap();
    assert_eq!(console(&mut sim), ["tap moved touches=1 changed=1 page=150,330 at 150,330"]);
    sim.tap_at(250.0, 64.0 + 240.0).unwrap();
    assert!(console(&mut sim).is_empty(), "where it is laid out, nothing is drawn");
    sim.tap("#moved").unwrap();
    assert_eq!(console(&mut sim), ["tap moved touches=1 changed=1 page=150,290 at 150,290"]);
}

#[test]
fn the_tab_bar_and_the_back_arrow_answer_taps() {
    let mut sim = touch_app();
    sim.tap_at(300.0, 667.0 - 20.0).unwrap();
    assert_eq!(sim.current_route(), Some("pages/second/second"));
    sim.tap_at(50.0, 667.0 - 20.0).unwrap();
    assert_eq!(sim.current_route(), Some("pages/index/index"));
    sim.navigate_to("pages/detail/detail").unwrap();
    console(&mut sim);
    sim.tap_at(15.0, 40.0).unwrap();
    assert_eq!(sim.current_route(), Some("pages/index/index"));
    assert!(console(&mut sim).contains(&"detail unloaded".to_string()));
}

#[test]
fn a_lone_page_that_is_not_home_has_a_home_button() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/touch");
    let mut sim = Simulator::launch(&dir, LaunchOptions { page: Some("pages/detail/detail".into()), ..LaunchOptions::default() }).unwrap();
    sim.attach_screen(screen());
    sim.tap_at(15.0, 40.0).unwrap();
    assert_eq!((sim.current_route(), sim.page_stack().len()), (Some("pages/index/index"), 1), "reLaunch to the home page");
    // The home page itself has none: the same tap does nothing.
    sim.tap_at(15.0, 40.0).unwrap();
    assert_eq!(sim.current_route(), Some("pages/index/index"));
}

#[test]
fn without_a_screen_there_is_nothing_to_tap_at() {
    let mut sim = launch("touch");
    assert_eq!(sim.tap_at(1.0, 100.0).unwrap_err(), "no screen is attached (Simulator::attach_screen)");
    assert!(sim.draw(false).is_err());
}

#[test]
fn the_system_theme_reaches_the_styles() {
    let mut sim = touch_app();
    let height_of_a = |sim: &mut Simulator| sim.element_boxes().unwrap()[0].1.h;
    assert_eq!(height_of_a(&mut sim), 100.0);
    sim.set_theme("dark");
    assert_eq!(height_of_a(&mut sim), 120.0, "prefers-color-scheme: dark applies");
    sim.set_theme("light");
    assert_eq!(height_of_a(&mut sim), 100.0);
}

/// A frame drawn from the last one (only what a setData changed is styled and laid out
/// anew) is the frame a fresh screen draws, pixel for pixel.
#[test]
fn redrawing_after_set_data_gives_the_picture_of_a_fresh_drawing() {
    let mut sim = on_screen("redraw");
    let picture = |sim: &mut Simulator| wxemu_render::rasterize(&sim.draw(false).unwrap(), 2.0);
    let first = picture(&mut sim);
    let steps = ["#retitle", "#toggle", "#retitle", "#grow", "#resize", "#toggle", "#grow", "#retitle"];
    let mut previous = first;
    for (n, step) in steps.iter().enumerate() {
        sim.tap(step).unwrap();
        let redrawn = picture(&mut sim);
        let kept = sim.attach_screen(screen()).unwrap();
        let fresh = picture(&mut sim);
        sim.attach_screen(kept);
        assert!(redrawn.data() == fresh.data(), "step {n} ({step}): the redrawn frame differs from a fresh drawing");
        assert!(redrawn.data() != previous.data(), "step {n} ({step}) changed nothing on the screen");
        previous = redrawn;
    }
    // Drawing again with nothing changed gives the same picture.
    assert!(picture(&mut sim).data() == previous.data());
}

fn scroll_app() -> Simulator {
    on_screen("scroll")
}

#[test]
fn the_page_scrolls_within_its_content_and_fixed_boxes_stay_put() {
    let mut sim = scroll_app();
    // 200 (scroll-view) + 40 (button) + 10 rows of 100 = 1240 px of page in a 603 px viewport.
    sim.tap_at(10.0, 64.0 + 250.0).unwrap();
    assert_eq!(console(&mut sim), ["tap row0 page=250 client=250"]);
    sim.scroll_page_to(300.0).unwrap();
    assert_eq!(console(&mut sim), ["onPageScroll 300"]);
    // Row 0 (page y 240–340) is now at -60–40 of the screen below the chrome; row 3 under y 250.
    sim.tap_at(10.0, 64.0 + 20.0).unwrap();
    sim.tap_at(10.0, 64.0 + 250.0).unwrap();
    assert_eq!(console(&mut sim), ["tap row0 page=320 client=20", "tap row3 page=550 client=250"]);
    // The fixed bar is where it was.
    sim.tap_at(350.0, 64.0 + 20.0).unwrap();
    assert_eq!(console(&mut sim), ["tap top-bar page=320 client=20"]);
    // Past the end: the page stops at its bottom (1240 - 603 = 637), and onReachBottom fires
    // once on coming within 100 px (the page's onReachBottomDistance).
    sim.scroll_page_to(5000.0).unwrap();
    assert_eq!(console(&mut sim), ["onPageScroll 637", "onReachBottom"]);
    sim.scroll_page_to(600.0).unwrap();
    assert_eq!(console(&mut sim), ["onPageScroll 600"]);
    let boxes = sim.element_boxes().unwrap();
    // Top-level nodes: the fixed bar, the scroll-view, the button, then the rows.
    let row9 = boxes.iter().find(|(path, _)| path == &[12]).map(|(_, b)| *b).unwrap();
    assert_eq!((row9.y, row9.h), (1140.0, 100.0), "dump --layout gives page coordinates");
}

#[test]
fn scroll_views_scroll_and_tell_their_handlers() {
    let mut sim = scroll_app();
    // 20 items of 50 px in 200 px: it scrolls 800 px.
    sim.scroll_view_to("#sv", 0.0, 120.0).unwrap();
    assert_eq!(console(&mut sim), ["scroll 120 h=1000 dy=120"]);
    sim.tap_at(10.0, 64.0 + 10.0).unwrap();
    assert_eq!(console(&mut sim), ["tap item2 page=10 client=10"], "item 2 (100–150) is under y 10 when scrolled 120");
    sim.scroll_view_to("#sv", 0.0, 9999.0).unwrap();
    assert_eq!(console(&mut sim), ["scroll 800 h=1000 dy=680", "scrolltolower bottom"]);
    sim.scroll_view_to("#sv", 0.0, 10.0).unwrap();
    assert_eq!(console(&mut sim), ["scroll 10 h=1000 dy=-790", "scrolltoupper top"]);
    // scroll-into-view brings item 12 to the top of the scroll-view.
    sim.tap("#jump").unwrap();
    sim.tap_at(10.0, 64.0 + 25.0).unwrap();
    sim.tap("#item13").unwrap();
    assert_eq!(console(&mut sim), ["tap item12 page=25 client=25", "tap item13 page=75 client=75"]);
    assert!(sim.scroll_view_to("#jump", 0.0, 10.0).unwrap_err().contains("not a scroll-view"));
}

#[test]
fn font_faces_that_load_nothing_are_reported_where_they_are() {
    let mut sim = on_screen("font-faces");
    sim.draw(false).unwrap();
    sim.advance(0);
    let reports: Vec<String> = sim.diagnostics.iter().map(|d| d.to_string()).collect();
    let expected = [
        // Read through the network (here no host of the reserved .invalid domain answers).
        "pages/index/index.wxss:1:1: warning: @font-face `net` loads no font: net::ERR_",
        "pages/index/index.wxss:2:1: warning: @font-face `local` loads no font: `/fonts/icons.ttf` is a local file, which the platform does not load in WXSS",
        "pages/index/index.wxss:3:1: warning: @font-face `next` loads no font: a damaged WOFF2 font",
        "pages/index/index.wxss:4:1: warning: @font-face without font-family or src",
    ];
    for line in expected {
        assert!(reports.iter().any(|r| r.starts_with(line)), "missing `{line}` in {reports:#?}");
    }
}

/// A one-page app (its page is `index`) with `files` beside app.json, app.js and index.js,
/// in a temporary folder, launched on an iPhone 6 screen.
fn one_page_app<T: AsRef<[u8]>>(files: &[(&str, T)]) -> (tempfile::TempDir, Simulator) {
    one_page_app_with(files, |_| LaunchOptions::default())
}

/// [`one_page_app`] launched with the options `options` gives for the app's folder.
fn one_page_app_with<T: AsRef<[u8]>>(files: &[(&str, T)], options: impl Fn(&Path) -> LaunchOptions) -> (tempfile::TempDir, Simulator) {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in [("app.json", r#"{"pages": ["index"]}"#), ("app.js", "App({})"), ("index.js", "Page({})")] {
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    for (file, bytes) in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let mut sim = Simulator::launch(dir.path(), options(dir.path())).unwrap();
    sim.attach_screen(screen());
    (dir, sim)
}

/// An SVG document as a percent-encoded data URL, as WXSS and templates write them.
fn svg_url(svg: &str) -> String {
    format!("data:image/svg+xml,{}", svg.replace('<', "%3C").replace('>', "%3E").replace(' ', "%20").replace('\'', "%27"))
}

/// The border box of the element with id `id` (page coordinates).
fn box_of(sim: &mut Simulator, id: &str) -> wxemu_render::Box2 {
    let path = sim.select_all(&format!("#{id}")).unwrap().remove(0);
    sim.element_boxes().unwrap().into_iter().find(|(p, _)| *p == path).expect("laid out").1
}

/// The colour drawn at page point (x, y) (below the 64 px of status and navigation bar).
fn colour_at(sim: &mut Simulator, x: f32, y: f32) -> (u8, u8, u8) {
    let pixmap = wxemu_render::rasterize(&sim.draw(false).unwrap(), 1.0);
    let p = pixmap.sample(x as u16, (y + 64.0) as u16);
    (p.r, p.g, p.b)
}

#[test]
fn a_held_finger_shows_hover_classes_on_the_clock_and_ends_in_a_tap_or_a_longpress() {
    let mut sim = on_screen("hover");
    let (card, button) = ((5.0, 5.0), (100.0, 25.0));
    let (white, red, green) = ((255, 255, 255), (255, 0, 0), (7, 193, 96));
    assert_eq!((colour_at(&mut sim, card.0, card.1), colour_at(&mut sim, button.0, button.1)), (white, green));
    sim.hold("#btn").unwrap();
    assert_eq!(colour_at(&mut sim, button.0, button.1), green, "not before hover-start-time");
    sim.advance(20);
    assert_eq!(colour_at(&mut sim, button.0, button.1), (6, 173, 86), "button-hover after 20 ms");
    assert_eq!(colour_at(&mut sim, card.0, card.1), white, "the card's hover starts at 50 ms");
    sim.advance(30);
    assert_eq!(colour_at(&mut sim, card.0, card.1), red, "ancestors show their hover-class too");
    sim.release().unwrap();
    assert_eq!(console(&mut sim), ["tap btn@50", "tap card@50"]);
    sim.advance(69);
    assert_eq!((colour_at(&mut sim, button.0, button.1), colour_at(&mut sim, card.0, card.1)), ((6, 173, 86), red));
    sim.advance(1);
    assert_eq!((colour_at(&mut sim, button.0, button.1), colour_at(&mut sim, card.0, card.1)), (green, red), "the button's stays 70 ms, the card's 400");
    sim.advance(400);
    assert_eq!(colour_at(&mut sim, card.0, card.1), white);
    // hover-stop-propagation keeps the outer view out of it.
    let inner = sim.element_boxes().unwrap().into_iter().find(|(path, _)| path == &[1, 0]).unwrap().1;
    sim.hold("#inner").unwrap();
    sim.advance(100);
    assert_eq!((colour_at(&mut sim, inner.x + 5.0, inner.y + 5.0), colour_at(&mut sim, 5.0, inner.y - 10.0)), ((0, 255, 0), white));
    sim.release().unwrap();
    console(&mut sim);
    // Held 350 ms: a longpress, and with its handler run, no tap.
    sim.hold("#card").unwrap();
    sim.advance(400);
    sim.release().unwrap();
    // Held at 620 ms (50 + 69 + 1 + 400 + 100): the longpress comes at 970.
    assert_eq!(console(&mut sim), ["longpress card@970"]);
    assert_eq!(sim.release().unwrap_err(), "no finger is down: hold() an element first");
}

#[test]
fn taps_on_a_modal_or_action_sheet_answer_it() {
    let mut sim = on_screen("prompts");
    sim.tap("#modal").unwrap();
    // The dialog (300 px wide, centred) has its buttons in its last 56 px: y 370–426 here.
    sim.tap_at(187.0, 100.0).unwrap();
    assert_eq!(sim.prompts().len(), 1, "a tap on the mask does nothing");
    sim.tap_at(262.0, 400.0).unwrap();
    assert_eq!(console(&mut sim), [r#"modal {"errMsg":"showModal:ok","confirm":true,"cancel":false}"#]);
    // The sheet: its alert text, two items of 56 px, 8 px, then cancel at the bottom.
    sim.tap("#sheet").unwrap();
    sim.tap_at(187.0, 575.0).unwrap();
    sim.tap("#sheet").unwrap();
    sim.tap_at(187.0, 100.0).unwrap();
    assert_eq!(console(&mut sim), [r#"sheet {"errMsg":"showActionSheet:ok","tapIndex":1}"#, r#"sheet failed {"errMsg":"showActionSheet:fail cancel"}"#]);
    assert!(sim.prompts().is_empty());
}

#[test]
fn pull_down_refresh_shows_its_area_until_stop_pull_down_refresh() {
    let mut sim = on_screen("bars");
    sim.navigate_to("/pages/refresh/refresh").unwrap();
    // The middle dot of the three, in the 50 px the page moved down.
    let (x, y) = (187.5, 25.0);
    let dot = colour_at(&mut sim, x, y);
    assert!(dot.0 < 200 && dot.0 == dot.1, "a grey dot over the #eeeeee window: {dot:?}");
    sim.advance(1000);
    assert_eq!(colour_at(&mut sim, x, y), (255, 255, 255), "after wx.stopPullDownRefresh the page is back at the top");
}

#[test]
fn a_pulled_page_follows_the_finger_with_refresh_dots_only_where_it_refreshes() {
    let mut sim = on_screen("bars");
    let (white, window) = ((255, 255, 255), (0xee, 0xee, 0xee));
    // The home page enables pull-down refresh: pulled, it shows the refresh area's dots on
    // the window's background above it; past that area it moves half as far as the finger.
    assert_eq!(colour_at(&mut sim, 187.5, 20.0), white);
    sim.pull_page(40.0).unwrap();
    let dot = colour_at(&mut sim, 187.5, 20.0);
    assert!(dot.0 < 200 && dot.0 == dot.1, "a grey dot in the middle of the 40 px: {dot:?}");
    assert_eq!((colour_at(&mut sim, 187.5, 38.0), colour_at(&mut sim, 187.5, 42.0)), (window, white), "the page's top is 40 px down");
    sim.pull_page(150.0).unwrap();
    assert_eq!((colour_at(&mut sim, 10.0, 98.0), colour_at(&mut sim, 10.0, 102.0)), (window, white), "50 px, then half of the 100 px more");
    assert_eq!(console(&mut sim), Vec::<String>::new(), "pulling is no refresh until the finger lets go");
    sim.pull_page(0.0).unwrap();
    assert_eq!(colour_at(&mut sim, 187.5, 20.0), white, "let go, the page is back");
    // A page that does not refresh shows the window's background, without dots.
    sim.switch_tab("/pages/other/other").unwrap();
    sim.pull_page(40.0).unwrap();
    assert_eq!((colour_at(&mut sim, 187.5, 20.0), colour_at(&mut sim, 187.5, 42.0)), (window, white));
}

fn picker_shown(sim: &Simulator) -> (Vec<Vec<String>>, Vec<usize>) {
    match sim.prompts().first() {
        Some(Prompt::Picker { columns, selected, .. }) => (columns.clone(), selected.clone()),
        other => panic!("no picker is shown: {other:?}"),
    }
}

#[test]
fn a_tapped_picker_opens_its_columns_and_tells_the_page_what_was_picked() {
    let mut sim = launch("picker");
    sim.take_console();
    sim.tap("#fruit").unwrap();
    assert_eq!(picker_shown(&sim), (vec![vec!["苹果".to_string(), "香蕉".into(), "橙子".into(), "葡萄".into()]], vec![1]));
    sim.pick(0, 3).unwrap();
    assert_eq!(sim.pick(0, 4).unwrap_err(), "column 0 of the picker has 4 rows; there is no row 4");
    sim.answer_picker(true).unwrap();
    sim.tap("#fruit").unwrap();
    assert_eq!(picker_shown(&sim).1, vec![3], "the picker opens on its new value");
    sim.answer_picker(false).unwrap();
    assert_eq!(console(&mut sim), ["change fruit 3", "cancel fruit"]);
    assert!(sim.prompts().is_empty());

    // multiSelector: labels by range-key, columnchange as a column turns.
    sim.tap("#place").unwrap();
    assert_eq!(picker_shown(&sim).0[1], ["东城区", "西城区", "朝阳区"]);
    sim.pick(1, 0).unwrap();
    sim.answer_picker(true).unwrap();
    assert_eq!(console(&mut sim), ["columnchange 1 0", "change place [1,0]"]);

    // time: hours from start to end, the value kept inside them.
    sim.tap("#time").unwrap();
    let (columns, selected) = picker_shown(&sim);
    assert_eq!((columns[0].first().unwrap().as_str(), columns[0].last().unwrap().as_str(), columns[1].len()), ("08", "18", 60));
    assert_eq!(selected, [1, 30]);
    sim.pick(0, 10).unwrap();
    sim.pick(1, 45).unwrap();
    sim.answer_picker(true).unwrap();

    // date: a leap day; turning to 2023 leaves February with 28 days.
    sim.tap("#date").unwrap();
    assert_eq!(picker_shown(&sim).1, [4, 1, 28]);
    sim.pick(0, 3).unwrap();
    let (columns, selected) = picker_shown(&sim);
    assert_eq!((columns[2].len(), selected), (28, vec![3, 1, 27]));
    sim.answer_picker(true).unwrap();
    sim.tap("#month").unwrap();
    assert_eq!(picker_shown(&sim).0.len(), 2, "fields=month has years and months");
    sim.pick(1, 11).unwrap();
    sim.answer_picker(true).unwrap();
    assert_eq!(console(&mut sim), ["change time 18:30", "change date 2023-02-28", "change month 2024-12"]);

    assert_eq!(sim.tap("#region").unwrap_err(), "not supported by wxemu yet: picker mode=\"region\" (wxemu has no region list)");
    sim.tap("#off").unwrap();
    assert!(sim.prompts().is_empty(), "a disabled picker does not open");
    assert_eq!(sim.pick(0, 0).unwrap_err(), "no picker is open");
}

#[test]
fn taps_on_a_picker_popup_turn_its_columns_and_answer_it() {
    let mut sim = on_screen("picker");
    sim.tap("#fruit").unwrap();
    // The popup: 42 px of buttons over 238 px of wheels at the bottom of the 667 px screen;
    // the chosen row's 34 px in the middle of the wheels (y 531–565), the next row below it.
    sim.tap_at(187.0, 580.0).unwrap();
    assert_eq!(picker_shown(&sim).1, [2]);
    sim.tap_at(187.0, 400.0).unwrap();
    assert_eq!(picker_shown(&sim).1, [2], "a tap on the action bar's middle does nothing");
    sim.tap_at(340.0, 410.0).unwrap();
    sim.tap("#fruit").unwrap();
    sim.tap_at(187.0, 100.0).unwrap();
    assert_eq!(console(&mut sim), ["change fruit 2", "cancel fruit"], "确定 confirms, the mask cancels");
}

#[test]
fn a_pulled_refresher_shows_until_the_page_turns_it_off() {
    let mut sim = on_screen("refresher");
    // The scroll-view is at the top of the page: its first row is white.
    assert_eq!(colour_at(&mut sim, 200.0, 20.0), (255, 255, 255));
    sim.pull_refresher("#list").unwrap();
    assert_eq!(console(&mut sim), ["pulling 45", "refresh 45"]);
    // The content moved down 45 px over the refresher's lightgreen background.
    assert_eq!(colour_at(&mut sim, 300.0, 20.0), (144, 238, 144));
    assert_eq!(sim.pull_refresher("#list").unwrap_err(), "`#list` is refreshing already (refresher-triggered)");
    sim.advance(1000);
    assert_eq!(console(&mut sim), ["restore"]);
    assert_eq!(colour_at(&mut sim, 300.0, 20.0), (255, 255, 255));
    assert!(wxemu_wxml::dump::to_json(sim.tree()).to_string().contains(r#"{"text":"fresh"}"#), "the page's setData came through");
    assert_eq!(sim.pull_refresher("#plain").unwrap_err(), "`#plain` has no refresher: it is not a scroll-view with refresher-enabled");
}

#[test]
fn a_finger_that_moves_sends_touchmove_and_taps_only_if_it_stayed_put() {
    // touchend is where the finger lifted; the tap is where it went down.
    let mut sim = touch_app();
    sim.hold_at(100.0, 64.0 + 50.0).unwrap();
    sim.move_finger(104.0, 64.0 + 53.0).unwrap();
    sim.release().unwrap();
    assert_eq!(
        console(&mut sim),
        [
            "touchstart a touches=1 changed=1 page=100,50",
            "touchmove a touches=1 changed=1 page=104,53",
            "touchend a touches=0 changed=1 page=104,53",
            "tap a touches=1 changed=1 page=100,50 at 100,50",
        ],
        "5 px is still a tap"
    );
    sim.hold_at(100.0, 64.0 + 50.0).unwrap();
    sim.move_finger(100.0, 64.0 + 70.0).unwrap();
    sim.release().unwrap();
    assert_eq!(
        console(&mut sim),
        ["touchstart a touches=1 changed=1 page=100,50", "touchmove a touches=1 changed=1 page=100,70", "touchend a touches=0 changed=1 page=100,70"],
        "20 px is a drag: no tap"
    );
    assert_eq!(sim.move_finger(1.0, 1.0).unwrap_err(), "no finger is down: hold() an element first");
}

#[test]
fn the_wheel_scrolls_the_scroll_view_under_the_pointer_until_its_end_then_the_page() {
    let mut sim = scroll_app();
    // #sv is the page's first 200 px; the rows are below it.
    sim.scroll_at(10.0, 64.0 + 100.0, 0.0, 120.0).unwrap();
    assert_eq!(console(&mut sim), ["scroll 120 h=1000 dy=120"]);
    sim.scroll_at(10.0, 64.0 + 300.0, 0.0, 50.0).unwrap();
    assert_eq!(console(&mut sim), ["onPageScroll 50"]);
    sim.scroll_at(10.0, 64.0 + 100.0, 0.0, 5000.0).unwrap();
    assert_eq!(console(&mut sim), ["scroll 800 h=1000 dy=680", "scrolltolower bottom"]);
    // At its end the scroll-view cannot take more: the page scrolls instead.
    sim.scroll_at(10.0, 64.0 + 100.0, 0.0, 30.0).unwrap();
    assert_eq!(console(&mut sim), ["onPageScroll 80"]);
    // Back up, the scroll-view moves first again.
    sim.scroll_at(10.0, 64.0 + 100.0, 0.0, -100.0).unwrap();
    assert_eq!(console(&mut sim), ["scroll 700 h=1000 dy=-100"]);
}

#[test]
fn the_focused_field_is_found_on_the_screen_for_an_input_method() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/todo");
    let mut sim = Simulator::launch(&dir, LaunchOptions::default()).unwrap();
    sim.attach_screen(screen());
    assert_eq!(sim.focused_box(), None);
    sim.tap(".draft").unwrap();
    let path = sim.focused_field().unwrap();
    let in_page = sim.element_boxes().unwrap().into_iter().find(|(p, _)| *p == path).unwrap().1;
    let on_screen = sim.focused_box().unwrap();
    assert_eq!((on_screen.x, on_screen.y, on_screen.w), (in_page.x, in_page.y + 64.0, in_page.w), "below the status and navigation bars");
}

#[test]
fn a_tap_in_the_focused_field_puts_the_caret_where_it_was() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/todo");
    let mut sim = Simulator::launch(&dir, LaunchOptions::default()).unwrap();
    sim.attach_screen(screen());
    sim.tap(".draft").unwrap();
    sim.type_text("hello world").unwrap();
    let field = sim.focused_box().unwrap();
    // Just left of the field's text: the caret goes to its start; typing goes there.
    sim.tap_at(field.x + 1.0, field.y + field.h / 2.0).unwrap();
    sim.type_text(">").unwrap();
    assert_eq!(sim.page_data_at("draft"), ">hello world");
    // Far right of the text: its end.
    sim.tap_at(field.x + field.w - 2.0, field.y + field.h / 2.0).unwrap();
    sim.type_text("<").unwrap();
    assert_eq!(sim.page_data_at("draft"), ">hello world<");
    // In the middle of "world", between its letters.
    let before = sim.page_data_at("draft");
    let mut at = field.x;
    let middle = loop {
        sim.tap_at(at, field.y + field.h / 2.0).unwrap();
        sim.type_text("|").unwrap();
        let text = sim.page_data_at("draft").as_str().unwrap().to_string();
        sim.erase().unwrap();
        if text.find('|').is_some_and(|i| i >= 8) {
            break text;
        }
        at += 4.0;
    };
    assert_eq!(sim.page_data_at("draft"), before, "erasing took the mark out again");
    assert!(middle.starts_with(">hello w") && middle.ends_with("rld<"), "{middle}");
}

/// The underlines drawn inside `area`.
fn underlines(list: &wxemu_render::DisplayList, area: wxemu_render::Box2) -> Vec<wxemu_render::Box2> {
    list.items
        .iter()
        .filter_map(|i| if let wxemu_render::Item::Fill { area: a, .. } = i { Some(*a) } else { None })
        .filter(|a| a.h <= 1.5 && a.w > 0.0 && a.x >= area.x && a.x + a.w <= area.x + area.w && a.y >= area.y && a.y <= area.y + area.h)
        .collect()
}

#[test]
fn an_input_method_composes_underlined_at_the_caret_until_it_commits() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/todo");
    let mut sim = Simulator::launch(&dir, LaunchOptions::default()).unwrap();
    sim.attach_screen(screen());
    assert_eq!(sim.compose("ni").unwrap_err(), "no input or textarea has the focus: tap one first");
    sim.tap(".draft").unwrap();
    sim.type_text("Buy milk").unwrap();
    for _ in 0..4 {
        sim.move_caret(wxemu_core::Caret::Left, false).unwrap();
    }
    let field = sim.focused_box().unwrap();
    let before = sim.draw(false).unwrap();
    assert_eq!(underlines(&before, field), []);
    sim.compose("nihao").unwrap();
    assert_eq!(sim.page_data_at("draft"), "Buy milk", "the page hears nothing of a composition");
    let composing = sim.draw(false).unwrap();
    let [line] = underlines(&composing, field)[..] else { panic!("one underline in the field: {:?}", underlines(&composing, field)) };
    assert!(line.x > field.x + 20.0 && line.w > 20.0, "under \"nihao\", after \"Buy \": {line:?} in {field:?}");
    // The input method gives up: the field is as it was.
    sim.compose("").unwrap();
    assert!(sim.draw(false).unwrap() == before);
    // It commits: the text goes in at the caret, no longer underlined.
    sim.compose("你好").unwrap();
    sim.type_text("你好").unwrap();
    assert_eq!(sim.page_data_at("draft"), "Buy 你好milk");
    assert_eq!(underlines(&sim.draw(false).unwrap(), field), []);
    // A composition left when the field loses the focus goes with it.
    sim.compose("zai").unwrap();
    sim.tap("checkbox").unwrap();
    sim.tap(".draft").unwrap();
    assert_eq!(underlines(&sim.draw(false).unwrap(), field), []);
}

#[test]
fn the_caret_moves_by_lines_in_a_textarea_and_by_words() {
    use wxemu_core::Caret;
    let mut sim = on_screen("editing");
    sim.tap(".notes").unwrap();
    sim.type_text("abcdef\nabcdef\nabcdef").unwrap();
    for _ in 0..3 {
        sim.move_caret(Caret::Left, false).unwrap();
    }
    // Shift+Up selects back a line at a time, to the same place across ("abc|def"); on the
    // first line, to the start.
    sim.move_caret(Caret::Up, true).unwrap();
    assert_eq!(sim.selected_text().as_deref(), Some("def\nabc"));
    sim.move_caret(Caret::Up, true).unwrap();
    assert_eq!(sim.selected_text().as_deref(), Some("def\nabcdef\nabc"));
    sim.move_caret(Caret::Up, true).unwrap();
    assert_eq!(sim.selected_text().as_deref(), Some("abcdef\nabcdef\nabc"));
    // Down from the start: the next line's start; on the last line, to the end.
    sim.move_caret(Caret::Left, false).unwrap();
    sim.move_caret(Caret::Down, false).unwrap();
    sim.type_text("^").unwrap();
    sim.move_caret(Caret::Down, false).unwrap();
    sim.move_caret(Caret::Down, false).unwrap();
    sim.type_text("$").unwrap();
    assert_eq!(sim.page_data_at("notes"), "abcdef\n^abcdef\nabcdef$");
    // In an input, Up and Down go to the start and the end; Ctrl+arrows jump words.
    sim.tap(".line").unwrap();
    sim.type_text("say  hello, world").unwrap();
    sim.move_caret(Caret::Up, false).unwrap();
    sim.type_text("<").unwrap();
    sim.move_caret(Caret::Down, false).unwrap();
    sim.type_text(">").unwrap();
    assert_eq!(sim.page_data_at("line"), "<say  hello, world>");
    sim.move_caret(Caret::WordLeft, false).unwrap();
    sim.move_caret(Caret::WordLeft, false).unwrap();
    sim.type_text("[").unwrap();
    sim.move_caret(Caret::WordRight, false).unwrap();
    sim.type_text("]").unwrap();
    assert_eq!(sim.page_data_at("line"), "<say  [hello], world>", "a word move passes what is not a word, then the word");
    // Delete erases after the caret, Backspace before it.
    sim.delete().unwrap();
    sim.erase().unwrap();
    assert_eq!(sim.page_data_at("line"), "<say  [hello world>");
}

#[test]
fn open_data_shows_what_the_platform_shows_of_a_user_now() {
    // Since 2022 a nickname reads 微信用户, an avatar is grey, other fields are empty and
    // show `default-text`.
    let wxml = r#"<open-data id="name" type="userNickName"/><open-data id="avatar" type="userAvatarUrl" style="display: block; width: 40px; height: 40px"/><open-data id="city" type="userCity" default-text="未知"/><open-data id="gender" type="userGender"/>"#;
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml)]);
    let boxes = sim.element_boxes().unwrap();
    let width = |sim: &Simulator, id: &str| {
        let path = sim.select_all(&format!("#{id}")).unwrap().remove(0);
        boxes.iter().find(|(p, _)| *p == path).map_or(0.0, |(_, b)| b.w)
    };
    assert_eq!([width(&sim, "name"), width(&sim, "city"), width(&sim, "gender")], [64.0, 32.0, 0.0], "four and two 16 px characters, and nothing");
    assert_eq!(colour_at(&mut sim, 20.0, 42.0), (0xe5, 0xe5, 0xe5), "the grey avatar below the name's line");
}

#[test]
fn a_drag_along_a_swiper_swipes_it_and_one_across_it_scrolls() {
    let mut sim = on_screen("swiper");
    let banner = sim.select_all("#banner").unwrap().remove(0);
    let area = sim.element_on_screen(&banner).unwrap().unwrap();
    let (x, y) = (area.x + area.w / 2.0, area.y + area.h / 2.0);
    assert_eq!(sim.drag_owner_at(x, y, 0.0, -60.0).unwrap(), None, "a drag up the horizontal banner scrolls");
    assert_eq!(sim.drag_owner_at(x, y, -60.0, 5.0).unwrap(), Some(banner.clone()), "a drag along it drags it");
    // A fifth of its width turns it; less snaps back.
    sim.end_drag(&banner, -area.w / 10.0, 0.0).unwrap();
    assert!(console(&mut sim).is_empty());
    sim.end_drag(&banner, -area.w / 3.0, 0.0).unwrap();
    assert!(console(&mut sim).iter().any(|l| l.starts_with("change banner 1 slide-two touch")), "dragged left: the next slide");
    sim.end_drag(&banner, area.w / 3.0, 0.0).unwrap();
    assert!(console(&mut sim).iter().any(|l| l.starts_with("change banner 0 slide-one touch")), "dragged right: back");
    // Not past its first item unless it is circular.
    sim.end_drag(&banner, area.w / 3.0, 0.0).unwrap();
    assert!(console(&mut sim).iter().all(|l| !l.starts_with("change")));
}

#[test]
fn an_image_draws_its_picture_inside_its_padding_and_borders() {
    let picture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/visual/app/images/landscape.png");
    let wxml = r#"<image src="/landscape.png" style="display: block; width: 100px; height: 100px; padding: 10px; border: 4px solid #ff0000; background-color: #0000ff"/>"#;
    let (_dir, mut sim) = one_page_app(&[("landscape.png", std::fs::read(picture).unwrap()), ("index.wxml", wxml.as_bytes().to_vec())]);
    // The box is 4 + 10 + 100 + 10 + 4 px: the border, then the padding's background, then
    // the picture.
    assert_eq!(colour_at(&mut sim, 2.0, 60.0), (0xff, 0, 0), "the border");
    assert_eq!(colour_at(&mut sim, 9.0, 60.0), (0, 0, 0xff), "the padding shows the background");
    assert_eq!(colour_at(&mut sim, 60.0, 9.0), (0, 0, 0xff), "above the picture too");
    assert_ne!(colour_at(&mut sim, 60.0, 60.0), (0, 0, 0xff), "the picture in the middle");
}

#[test]
fn background_pictures_from_data_urls_are_sized_placed_and_repeated() {
    use base64::Engine;
    let picture = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/visual/app/images/landscape.png")).unwrap();
    let url = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(picture));
    let wxss = format!(
        ".box {{ width: 200px; height: 100px; background-color: #0000ff; background-image: url({url}); }}
         .corner {{ background-size: 100px 50px; background-repeat: no-repeat; background-position: right bottom; }}
         .tiles {{ background-size: 50px 50px; }}"
    );
    let wxml = format!(r#"<view class="box corner"/><view class="box tiles"/><image src="{url}" style="width: 100px; height: 50px"/>"#);
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml), ("index.wxss", wxss)]);
    let blue = (0, 0, 0xff);
    assert_eq!(colour_at(&mut sim, 20.0, 20.0), blue, "no picture at the top left of the box");
    assert_ne!(colour_at(&mut sim, 150.0, 75.0), blue, "the picture in its bottom right corner");
    assert_ne!(colour_at(&mut sim, 20.0, 120.0), blue, "tiles from the top left");
    assert_ne!(colour_at(&mut sim, 180.0, 180.0), blue, "and on across the box");
    assert_ne!(colour_at(&mut sim, 50.0, 225.0), (0xf2, 0xf2, 0xf2), "an <image> shows a data URL too");
}

#[test]
fn a_z_index_child_stays_inside_its_ancestors_opacity_transform_and_clip() {
    let wxml = r#"<view style="opacity: 0; height: 50px"><view style="position: relative; z-index: 2; height: 50px; background-color: #ff0000"/></view>
<view style="position: relative; overflow: hidden; width: 50px; height: 50px; background-color: #0000ff"><view style="position: absolute; z-index: 3; left: 60px; top: 0; width: 40px; height: 40px; background-color: #ff0000"/></view>
<view style="transform: translateX(100px); height: 50px"><view style="position: relative; z-index: 1; width: 40px; height: 40px; background-color: #00ff00"/></view>"#;
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml)]);
    let white = (0xff, 0xff, 0xff);
    assert_eq!(colour_at(&mut sim, 20.0, 25.0), white, "under an invisible ancestor nothing shows");
    assert_eq!(colour_at(&mut sim, 20.0, 75.0), (0, 0, 0xff), "the clipping box");
    assert_eq!(colour_at(&mut sim, 75.0, 75.0), white, "its absolutely placed child outside it is clipped");
    assert_eq!(colour_at(&mut sim, 120.0, 120.0), (0, 0xff, 0), "a transformed ancestor moves it");
    assert_eq!(colour_at(&mut sim, 20.0, 120.0), white, "from where it would be without the transform");
}

#[test]
fn svg_pictures_are_drawn_from_data_urls_as_images_and_backgrounds() {
    // A green square in a red frame, percent-encoded as WXSS and templates write SVG.
    let svg = "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'><rect width='20' height='20' fill='red'/><rect x='5' y='5' width='10' height='10' fill='lime'/></svg>";
    let url = svg_url(svg);
    let wxml = format!(r#"<image src="{url}" style="display: block; width: 40px; height: 40px"/><view class="box"/>"#);
    let wxss = format!(".box {{ width: 40px; height: 40px; background-image: url(\"{url}\"); background-size: 100% 100%; }}");
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml), ("index.wxss", wxss)]);
    let green = |(r, g, b): (u8, u8, u8)| g > 200 && r < 60 && b < 60;
    let red = |(r, g, b): (u8, u8, u8)| r > 200 && g < 60 && b < 60;
    assert!(green(colour_at(&mut sim, 20.0, 20.0)), "the image's middle: {:?}", colour_at(&mut sim, 20.0, 20.0));
    assert!(red(colour_at(&mut sim, 3.0, 3.0)), "its frame: {:?}", colour_at(&mut sim, 3.0, 3.0));
    assert!(green(colour_at(&mut sim, 20.0, 60.0)), "the background's middle: {:?}", colour_at(&mut sim, 20.0, 60.0));
    assert!(red(colour_at(&mut sim, 3.0, 43.0)), "its frame: {:?}", colour_at(&mut sim, 3.0, 43.0));
}

#[test]
fn a_mask_picture_shows_the_background_colour_where_it_is_opaque() {
    // As WeUI draws its icons: an SVG mask (a circle) over a background colour.
    let svg = "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'><circle cx='10' cy='10' r='5' fill='black'/></svg>";
    let url = svg_url(svg);
    let wxss =
        format!(".icon {{ display: block; width: 40px; height: 40px; background-color: #00ff00; -webkit-mask-image: url(\"{url}\"); -webkit-mask-size: 100%; -webkit-mask-repeat: no-repeat; }}");
    let (_dir, mut sim) = one_page_app(&[("index.wxml", r#"<view class="icon"/>"#.to_string()), ("index.wxss", wxss)]);
    assert_eq!(colour_at(&mut sim, 20.0, 20.0), (0, 0xff, 0), "inside the mask's circle");
    assert_eq!(colour_at(&mut sim, 3.0, 3.0), (0xff, 0xff, 0xff), "outside it the box shows nothing");
}

#[test]
fn floats_line_up_beside_each_other_and_clear_goes_below_them() {
    let wxml = r#"<view class="grid"><view class="cell" id="a"/><view class="cell" id="b"/><view class="cell" id="c"/><view class="cell" id="d"/><text class="right" id="r">r</text><view class="after" id="after"/></view>"#;
    let wxss = ".grid { width: 300px; } .cell { float: left; width: 33.333%; height: 50px; } .right { float: right; width: 20px; height: 20px; } .after { clear: both; height: 10px; }";
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml), ("index.wxss", wxss)]);
    let boxes = sim.element_boxes().unwrap();
    let at = |sim: &Simulator, id: &str| {
        let path = sim.select_all(&format!("#{id}")).unwrap().remove(0);
        let b = boxes.iter().find(|(p, _)| *p == path).expect("laid out").1;
        (b.x.round(), b.y.round())
    };
    assert_eq!([at(&sim, "a"), at(&sim, "b"), at(&sim, "c"), at(&sim, "d")], [(0.0, 0.0), (100.0, 0.0), (200.0, 0.0), (0.0, 50.0)], "three to a row, then the next row");
    assert_eq!(at(&sim, "r"), (280.0, 50.0), "a right float at the right of the row it fits in");
    assert_eq!(at(&sim, "after").1, 100.0, "clear: both goes below every float");
}

#[test]
fn every_icon_type_draws_its_glyph_in_its_colour() {
    let types = ["success", "success_no_circle", "success_circle", "info", "info_circle", "warn", "waiting", "waiting_circle", "circle", "cancel", "download", "search", "clear"];
    let wxml: String = types.iter().map(|t| format!(r#"<view style="height: 40px"><icon type="{t}" size="40"/></view>"#)).collect();
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml + r##"<icon type="success" color="#0000ff" size="40"/>"##)]);
    let white = (0xff, 0xff, 0xff);
    let row = |t: &str| types.iter().position(|x| *x == t).unwrap() as f32 * 40.0;
    assert_eq!(colour_at(&mut sim, 20.0, row("success") + 4.0), (0x09, 0xbb, 0x07), "a green disc");
    assert_eq!(colour_at(&mut sim, 3.0, row("success")), white, "round, not square");
    let (r, g, b) = colour_at(&mut sim, 1.0, row("circle") + 20.0);
    assert!(r == g && g == b && r < 0xe0, "circle is a grey ring: {:?}", (r, g, b));
    assert_eq!(colour_at(&mut sim, 20.0, row("circle") + 20.0), white, "with nothing inside");
    assert_eq!(colour_at(&mut sim, 20.0, row("cancel") + 4.0), (0xf4, 0x35, 0x30));
    assert_eq!(colour_at(&mut sim, 20.0, row("cancel") + 20.0), white, "the cross is cut out of the disc");
    assert_eq!(colour_at(&mut sim, 20.0, row("info") + 20.0), white, "so is the i");
    assert_eq!(colour_at(&mut sim, 20.0, 13.0 * 40.0 + 4.0), (0, 0, 0xff), "color gives the glyph's colour");
}

#[test]
fn weui_grids_and_buttons_lay_out_as_in_the_webview() {
    // Three 33.33333333% boxes fill a flex line (the fraction rounds up in f32); buttons are
    // `width: fit-content` between a min and a max width; a loading icon alone on its line
    // still has the line's height (its strut).
    let wxml = r#"<view class="grids"><view class="grid"/><view class="grid"/><view class="grid" id="third"/></view><view class="btn" id="short">按钮</view><view class="btn" id="long">a much longer label that is wider than the largest width the button may take</view><view class="line" id="line"><view class="dot"/></view>"#;
    let wxss = ".grids { display: flex; flex-wrap: wrap; width: 345px; } .grid { width: 33.33333333%; height: 40px; padding: 20px 10px; box-sizing: border-box; } .btn { min-width: 184px; max-width: 280px; width: fit-content; margin: 0 auto; padding: 12px 24px; box-sizing: border-box; } .line { font-size: 16px; line-height: 30px; } .dot { display: inline-block; width: 10px; height: 10px; }";
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml), ("index.wxss", wxss)]);
    let third = box_of(&mut sim, "third");
    assert_eq!((third.x.round(), third.y.round()), (230.0, 0.0), "the third box is on the first line");
    let short = box_of(&mut sim, "short");
    assert_eq!((short.x.round(), short.w), (96.0, 184.0), "as wide as its min-width, centred");
    assert_eq!(box_of(&mut sim, "long").w, 280.0, "no wider than its max-width");
    assert_eq!(box_of(&mut sim, "line").h.round(), 30.0, "the strut keeps the line's height");
}

#[test]
fn network_pictures_in_styles_are_read_then_drawn_and_failures_told() {
    use wxemu_render::{Box2, DisplayList, Item, Paint, Rgba};
    let fill = Item::Fill { area: Box2 { x: 0.0, y: 0.0, w: 2.0, h: 2.0 }, radii: [0.0; 4], paint: Paint::Solid(Rgba::hex(0xff0000)) };
    let red = wxemu_render::rasterize(&DisplayList { width: 2.0, height: 2.0, items: vec![fill] }, 1.0);
    let wxss = ".pic { width: 40px; height: 40px; background: url(https://cdn.example.com/red.png) 0 0 / cover; } .gone { width: 40px; height: 40px; background-image: url(https://cdn.example.com/gone.png) }";
    let files = [("index.wxml", b"<view class=\"pic\"/><view class=\"gone\"/>".to_vec()), ("index.wxss", wxss.as_bytes().to_vec()), ("red.png", wxemu_render::encode_png(red))];
    let routes = r#"{"routes": [{"url": "https://cdn.example.com/red.png", "bodyFile": "red.png", "delay": 20}]}"#;
    let (_dir, mut sim) = one_page_app_with(&files, |dir| LaunchOptions { routes: Some(wxemu_core::Routes::parse(routes, dir).unwrap()), ..LaunchOptions::default() });
    sim.take_console();
    assert_eq!(colour_at(&mut sim, 20.0, 20.0), (0xff, 0xff, 0xff), "not read yet");
    sim.advance(20);
    assert_eq!(colour_at(&mut sim, 20.0, 20.0), (0xff, 0, 0), "drawn once read");
    assert_eq!(console(&mut sim), ["[渲染层网络层错误] Failed to load image https://cdn.example.com/gone.png: no mock route matches GET https://cdn.example.com/gone.png"]);
}

/// The WOFF2 icon font of the visual suite's font-face page (★ at U+E600).
fn icon_woff2() -> Vec<u8> {
    use base64::Engine;
    let wxss = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/visual/app/pages/font-face/font-face.wxss")).unwrap();
    let marker = "data:font/woff2;charset=utf-8;base64,";
    let start = wxss.find(marker).unwrap() + marker.len();
    base64::engine::general_purpose::STANDARD.decode(&wxss[start..start + wxss[start..].find('\'').unwrap()]).unwrap()
}

#[test]
fn fonts_from_the_network_draw_once_read_by_font_face_or_load_font_face() {
    // The rule's first source is not there: the next one is read.
    let wxss = "@font-face { font-family: 'net'; src: url('https://cdn.example.com/gone.woff2') format('woff2'), url('https://cdn.example.com/icons.woff2') format('woff2'); } .a, .b { font-size: 40px; line-height: 40px; color: #ff0000; } .a { font-family: 'net'; } .b { font-family: 'loaded'; }";
    let files = [("index.wxml", "<view class=\"a\">\u{e600}</view><view class=\"b\">\u{e600}</view>".as_bytes().to_vec()), ("index.wxss", wxss.as_bytes().to_vec()), ("icons.woff2", icon_woff2())];
    let routes = r#"{"routes": [{"url": "https://cdn.example.com/icons.woff2", "bodyFile": "icons.woff2", "delay": 10}]}"#;
    let (_dir, mut sim) = one_page_app_with(&files, |dir| LaunchOptions { routes: Some(wxemu_core::Routes::parse(routes, dir).unwrap()), ..LaunchOptions::default() });
    // The red ink in the 40 px square of each line's first glyph (a pixel per pixel).
    let glyph = |sim: &mut Simulator, top: f32| {
        let pixmap = wxemu_render::rasterize(&sim.draw(false).unwrap(), 1.0);
        (0..40u16).flat_map(|y| (0..40u16).map(move |x| (x, y))).map(|(x, y)| pixmap.sample(x, y + 64 + top as u16).g < 128).collect::<Vec<bool>>()
    };
    let missing = glyph(&mut sim, 0.0);
    sim.advance(10);
    let star = glyph(&mut sim, 0.0);
    assert_ne!(star, missing, "@font-face's star once read");
    let call = "() => { globalThis.status = []; wx.loadFontFace({ family: 'loaded', source: 'url(\"https://cdn.example.com/icons.woff2\")', success: r => status.push(r.status), fail: r => status.push(r.errMsg) }); wx.loadFontFace({ family: 'x', source: 'url(/fonts/a.ttf)', fail: r => status.push(r.status + ' ' + r.errMsg) }) }";
    sim.evaluate(call, &[]).unwrap();
    sim.advance(10);
    assert_eq!(
        sim.evaluate("() => status", &[]).unwrap(),
        serde_json::json!(["loaded", "error loadFontFace:fail source must be an https URL or a data URL, not `/fonts/a.ttf`"]),
        "the font was read already"
    );
    assert_eq!(glyph(&mut sim, 40.0), star, "wx.loadFontFace's star");
}

#[test]
fn a_fixed_box_without_insets_stays_where_its_flex_parent_puts_it() {
    let wxml = r#"<view class="bar"><view class="fix"/></view><view class="tall"/>"#;
    let wxss =
        ".bar { display: flex; justify-content: center; align-items: center; height: 100px; } .fix { position: fixed; width: 80px; height: 30px; background: #ff8000; } .tall { height: 2000px; }";
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml), ("index.wxss", wxss)]);
    assert_eq!(colour_at(&mut sim, 187.0, 50.0), (0xff, 0x80, 0), "centred by its parent");
    assert_eq!(colour_at(&mut sim, 20.0, 50.0), (0xff, 0xff, 0xff));
    sim.scroll_page_to(500.0).unwrap();
    assert_eq!(colour_at(&mut sim, 187.0, 50.0), (0xff, 0x80, 0), "and there while the page scrolls");
}

#[test]
fn lines_beside_a_float_are_shorter_and_take_the_whole_width_below_it() {
    // Two lines (46 px) beside a 100 px float leave 200 px, 12 characters of 16 px; below it
    // a line holds 18 (288 px): 12 + 12 + 18 + 5 characters make four lines.
    let text = "汉".repeat(45);
    let wxml = format!(r#"<view id="p" class="p"><view class="f"/><text id="first">首</text>{text}<text id="last">尾</text></view>"#);
    let wxss = ".p { width: 300px; font-size: 16px; } .f { float: left; width: 100px; height: 46px; background: #ff8000; }";
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml.as_str()), ("index.wxss", wxss)]);
    let (p, first, last) = (box_of(&mut sim, "p"), box_of(&mut sim, "first"), box_of(&mut sim, "last"));
    assert_eq!(first.x, p.x + 100.0, "the first line starts beside the float: {first:?}");
    assert_eq!((p.h / 23.0).round(), 4.0, "four lines: {p:?}");
    assert_eq!((last.x, ((last.y - p.y) / 23.0).round()), (p.x + 64.0, 3.0), "the fifth character of the fourth line: {last:?}");
    assert_eq!(colour_at(&mut sim, p.x + 50.0, p.y + 20.0), (0xff, 0x80, 0), "the float");
}

#[test]
fn text_after_an_inline_block_goes_on_beside_it_and_wraps_as_text_does() {
    // WeUI's loading button: a spinner, then text too long for the rest of the line.
    let wxml = r#"<view id="p" class="p"><view id="dot" class="dot"/>按钮宽度自适应内容，达到最大值后折行，这是一段很长的文字，要换行显示。<view id="tag" class="tag">标签</view></view>"#;
    let wxss = ".p { width: 300px; font-size: 16px; } .dot { display: inline-block; width: 20px; height: 20px; background: #ff8000; } .tag { display: inline-block; width: 40px; height: 16px; background: #0000ff; }";
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml), ("index.wxss", wxss)]);
    let (p, dot, tag) = (box_of(&mut sim, "p"), box_of(&mut sim, "dot"), box_of(&mut sim, "tag"));
    // Standing on the baseline it reaches above the text's ascent (18.5 px): the line grows.
    assert_eq!((dot.x, dot.y.round()), (p.x, p.y.round()), "the spinner starts the first line, at its top");
    // The first line holds the spinner and 17 characters (20 + 17 × 16 = 292 ≤ 300), the next
    // the other 18 (288), which leave no room for the tag: it starts the third.
    assert_eq!((p.h / 23.0).round(), 3.0, "three lines, not the spinner on a line of its own: {p:?}");
    assert!(tag.y > p.y + 40.0 && tag.x == p.x, "the tag starts the last line: {tag:?}");
    assert_eq!(colour_at(&mut sim, dot.x + 10.0, dot.y + 10.0), (0xff, 0x80, 0));
    assert_eq!(colour_at(&mut sim, tag.x + 1.0, tag.y + 1.0), (0, 0, 0xff), "its background (its text is over the middle)");
}

#[test]
fn a_fixed_box_with_only_bottom_set_stays_across_where_its_flex_parent_puts_it() {
    // wxapp-2048's footer: `position: fixed; bottom: 20px` in a column that centres its items.
    let wxml = r#"<view class="column"><view class="fix"/><view class="tall"/></view>"#;
    let wxss = ".column { display: flex; flex-direction: column; align-items: center; } .fix { position: fixed; bottom: 20px; width: 80px; height: 30px; background: #ff8000; } .tall { height: 2000px; width: 10px; }";
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml), ("index.wxss", wxss)]);
    // The page is 603 px high under the navigation bar: the box is from 553 to 583.
    assert_eq!(colour_at(&mut sim, 187.0, 570.0), (0xff, 0x80, 0), "centred across, 20 px above the bottom");
    assert_eq!(colour_at(&mut sim, 20.0, 570.0), (0xff, 0xff, 0xff));
    sim.scroll_page_to(500.0).unwrap();
    assert_eq!(colour_at(&mut sim, 187.0, 570.0), (0xff, 0x80, 0), "and there while the page scrolls");
}

#[test]
fn a_custom_tab_bar_sits_at_the_bottom_of_the_window_whatever_its_own_style() {
    let app = r#"{"pages": ["index"], "tabBar": {"custom": true, "list": [{"pagePath": "index", "text": "a"}, {"pagePath": "other", "text": "b"}]}}"#;
    let files = [
        ("app.json", app),
        ("other.js", "Page({})"),
        ("other.wxml", ""),
        ("index.wxml", r#"<view style="height: 100px">content</view>"#),
        ("custom-tab-bar/index.js", "Component({})"),
        ("custom-tab-bar/index.json", r#"{"component": true}"#),
        ("custom-tab-bar/index.wxml", r#"<view class="bar">tabs</view>"#),
        ("custom-tab-bar/index.wxss", ".bar { height: 50px; background: #00ff00; }"),
    ];
    let (_dir, mut sim) = one_page_app(&files);
    // The page is 603 px high under the navigation bar.
    assert_eq!(colour_at(&mut sim, 100.0, 603.0 - 25.0), (0, 0xff, 0), "at the bottom, though the bar is not fixed");
    assert_eq!(colour_at(&mut sim, 100.0, 120.0), (0xff, 0xff, 0xff), "not after the page's content");
}

#[test]
fn swipers_show_their_neighbours_in_the_margins_and_several_items_at_once() {
    let item = |colours: &[&str]| colours.iter().map(|c| format!(r#"<swiper-item><view style="height: 100%; background: {c}"/></swiper-item>"#)).collect::<String>();
    let (rgb, red, green, blue) = (["#ff0000", "#00ff00", "#0000ff"], (0xff, 0, 0), (0, 0xff, 0), (0, 0, 0xff));
    let wxml = format!(
        r#"<swiper style="height: 50px" previous-margin="30px" next-margin="30px" current="1">{}</swiper><swiper style="height: 50px" display-multiple-items="3">{}</swiper><swiper style="height: 50px" previous-margin="30px" circular>{}</swiper>"#,
        item(&rgb),
        item(&rgb),
        item(&rgb)
    );
    let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml)]);
    assert_eq!([colour_at(&mut sim, 10.0, 25.0), colour_at(&mut sim, 187.0, 25.0), colour_at(&mut sim, 365.0, 25.0)], [red, green, blue], "the one before and after peek in");
    assert_eq!([colour_at(&mut sim, 60.0, 75.0), colour_at(&mut sim, 187.0, 75.0), colour_at(&mut sim, 315.0, 75.0)], [red, green, blue], "three in view");
    assert_eq!([colour_at(&mut sim, 10.0, 125.0), colour_at(&mut sim, 187.0, 125.0)], [blue, red], "circular: the last before the first");
}

#[test]
fn page_meta_root_font_size_sets_what_a_rem_is() {
    let boxes = |meta: &str| {
        let wxml = format!(r#"{meta}<view id="a" style="width: 2rem; height: 10px"/>"#);
        let (_dir, mut sim) = one_page_app(&[("index.wxml", wxml)]);
        box_of(&mut sim, "a").w
    };
    assert_eq!(boxes(""), 32.0, "16 px by default");
    assert_eq!(boxes(r#"<page-meta root-font-size="20px"/>"#), 40.0);
    assert_eq!(boxes(r#"<page-meta root-font-size="system"/>"#), 34.0, "the phone's text size, as WeUI expects");
}

#[test]
fn web_view_official_account_and_ad_draw_the_boxes_the_client_shows() {
    let (_dir, mut sim) = one_page_app(&[("index.wxml", r#"<official-account id="o"/><ad id="a" unit-id="adunit-1"/><web-view id="w" src="https://example.com/page"/>"#)]);
    let mut size = |id: &str| {
        let b = box_of(&mut sim, id);
        (b.w, b.h)
    };
    assert_eq!([size("o"), size("a"), size("w")], [(375.0, 84.0), (375.0, 100.0), (375.0, 603.0)], "the web-view covers the page");
    assert_eq!(colour_at(&mut sim, 5.0, 300.0), (0xf2, 0xf2, 0xf2), "the web-view's box over the page");
}
