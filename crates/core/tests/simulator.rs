//! Driving tests/apps/router through the Simulator API: launch order, the router's rules,
//! timers and setData callbacks on the virtual clock, and errors that do not stop the app.

use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Simulator, Version};
use wxemu_wxml::dump;

/// Launches the app in `folder` (relative to the repository root) at its entry page.
fn app(folder: &str) -> Simulator {
    Simulator::launch(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(folder), LaunchOptions::default()).expect("the app launches")
}

fn app_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/router")
}

fn launch(page: Option<&str>) -> Simulator {
    let options = LaunchOptions { page: page.map(str::to_string), ..LaunchOptions::default() };
    Simulator::launch(&app_dir(), options).expect("the app launches")
}

fn console(sim: &mut Simulator) -> Vec<String> {
    sim.take_console().into_iter().map(|e| e.text).collect()
}

fn text(sim: &Simulator) -> String {
    dump::to_wxml(sim.tree())
}

#[test]
fn launch_runs_app_then_page_lifecycles_in_order() {
    let mut sim = launch(None);
    assert_eq!(console(&mut sim), ["App.onLaunch pages/index/index 1001", "App.onShow", "index.onLoad {}", "index.onShow", "index.onReady"]);
    assert_eq!(sim.current_route(), Some("pages/index/index"));
    assert!(text(&sim).contains("index"), "{}", text(&sim));
}

#[test]
fn navigate_to_and_back_with_query() {
    let mut sim = launch(None);
    console(&mut sim);
    sim.navigate_to("/pages/detail/detail?id=42").unwrap();
    assert_eq!(console(&mut sim), ["index.onHide"]);
    assert_eq!(sim.page_stack(), ["pages/index/index", "pages/detail/detail"]);
    assert_eq!(sim.page_data()["id"], "42");
    assert!(text(&sim).contains("detail 42 of 2"), "{}", text(&sim));
    sim.navigate_back(1).unwrap();
    assert_eq!(console(&mut sim), ["detail.onUnload 42", "index.onShow"]);
    assert_eq!(sim.navigate_back(1).unwrap_err().to_string(), "navigateBack:fail cannot navigate back at first page.");
}

#[test]
fn the_stack_holds_at_most_ten_pages() {
    let mut sim = launch(None);
    for i in 1..10 {
        sim.navigate_to(&format!("../detail/detail?id={i}")).unwrap();
    }
    assert_eq!(sim.page_stack().len(), 10);
    assert_eq!(sim.navigate_to("/pages/detail/detail").unwrap_err().to_string(), "navigateTo:fail webview count limit exceed");
    sim.navigate_back(3).unwrap();
    assert_eq!(sim.page_stack().len(), 7);
    sim.redirect_to("/pages/detail/detail?id=r").unwrap();
    assert_eq!((sim.page_stack().len(), sim.page_data()["id"].as_str()), (7, Some("r")));
}

#[test]
fn tab_pages_follow_their_rules() {
    let mut sim = launch(None);
    assert_eq!(sim.navigate_to("/pages/list/list").unwrap_err().to_string(), "navigateTo:fail can not navigateTo a tabbar page");
    assert_eq!(sim.redirect_to("/pages/list/list").unwrap_err().to_string(), "redirectTo:fail can not redirectTo a tabbar page");
    assert_eq!(sim.switch_tab("/pages/detail/detail").unwrap_err().to_string(), "switchTab:fail can not switch to no-tabBar page");
    assert_eq!(sim.navigate_to("/pages/nope/nope").unwrap_err().to_string(), "navigateTo:fail page \"pages/nope/nope\" is not found");
    sim.navigate_to("/pages/detail/detail?id=x").unwrap();
    console(&mut sim);
    sim.switch_tab("/pages/list/list").unwrap();
    assert_eq!(console(&mut sim), ["detail.onUnload x", "index.onHide", "list.onLoad {}", "list.onShow", "list.onReady"]);
    sim.switch_tab("/pages/index/index").unwrap();
    // Tab pages stay alive: the home tab is shown again, not loaded again.
    assert_eq!(console(&mut sim), ["list.onHide", "index.onShow"]);
    assert_eq!(sim.page_stack(), ["pages/index/index"]);
    sim.re_launch("/pages/detail/detail?id=1").unwrap();
    assert_eq!(console(&mut sim), ["index.onUnload", "list.onUnload"]);
    assert_eq!(sim.page_stack(), ["pages/detail/detail"]);
}

#[test]
fn launching_an_unknown_page_tells_the_app_and_opens_the_entry() {
    let mut sim = launch(Some("pages/gone/gone"));
    let lines = console(&mut sim);
    assert_eq!(lines[..3], ["App.onLaunch pages/gone/gone 1001", "App.onShow", "App.onPageNotFound pages/gone/gone"]);
    assert_eq!(sim.current_route(), Some("pages/index/index"));
}

#[test]
fn timers_and_callbacks_run_on_the_virtual_clock() {
    let mut sim = launch(Some("pages/timer/timer"));
    console(&mut sim);
    assert!(text(&sim).contains("count 0"));
    sim.advance(99);
    assert!(console(&mut sim).is_empty(), "nothing is due before 100 ms");
    sim.advance(3401); // now 3500 ms
    let lines = console(&mut sim);
    assert_eq!(lines[0], "about to fail");
    assert!(lines[1].starts_with("TypeError"), "{lines:?}");
    assert_eq!(lines[2..], ["App.onError TypeError: cannot convert 'null' or 'undefined' to object", "applied 1", "applied 2", "applied 3"]);
    assert_eq!(sim.page_data()["count"], 3);
    let tree = text(&sim);
    assert!(tree.contains("count 3") && tree.contains("done"), "{tree}");
    sim.advance(10_000);
    assert_eq!(sim.page_data()["count"], 5, "the interval was cleared at 5");
    assert_eq!(sim.now(), 13_500);
}

#[test]
fn an_uncaught_error_names_file_and_line_and_the_app_keeps_running() {
    let mut sim = launch(Some("pages/timer/timer"));
    sim.take_console();
    sim.advance(100);
    let entries = sim.take_console();
    let error = entries.iter().find(|e| e.level == "error").expect("the timer's error is reported");
    let (file, pos) = error.location.clone().expect("with its place");
    assert_eq!((file.as_str(), pos.line), ("pages/timer/timer.js", 4));
    sim.advance(1000);
    assert_eq!(sim.page_data()["count"], 1, "the app still runs after the error");
}

fn events_app() -> Simulator {
    app("tests/apps/events")
}

fn event_log(sim: &mut Simulator) -> Vec<String> {
    sim.page_data()["log"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

#[test]
fn a_tap_captures_down_then_bubbles_up_to_the_page_handlers() {
    let mut sim = events_app();
    sim.tap("#row-2 .label").unwrap();
    assert_eq!(event_log(&mut sim), [r#"capture:outer<-label-2:{"area":"list"}"#, r#"row:row-2<-label-2:{"area":"list"}"#, r#"outer:outer<-label-2:{"area":"list"}"#]);
    assert!(text(&sim).contains("3 events"), "the view re-rendered after setData: {}", text(&sim));
}

#[test]
fn catch_stops_bubbling_and_handlers_change_the_page() {
    let mut sim = events_app();
    sim.tap("#row-1 .delete").unwrap();
    assert_eq!(event_log(&mut sim), [r#"capture:outer<-1:{"area":"list"}"#, r#"delete:<-1:{"area":"list"}"#]);
    assert!(!text(&sim).contains("one") && text(&sim).contains("two"), "{}", text(&sim));
}

#[test]
fn mut_bind_runs_only_the_innermost_handler() {
    let mut sim = events_app();
    sim.tap(".mut-inner").unwrap();
    let log = event_log(&mut sim);
    assert_eq!(log[1..], [r#"mutInner:<-none:{"area":"list"}"#, r#"outer:outer<-none:{"area":"list"}"#]);
}

#[test]
fn tapping_nothing_is_an_error() {
    let mut sim = events_app();
    assert_eq!(sim.tap("#nope").unwrap_err(), "no element matches `#nope` on pages/index/index");
}

#[test]
fn set_data_on_one_row_of_a_long_list_updates_that_row_in_the_view() {
    let mut sim = app("tests/apps/biglist");
    let row = |sim: &Simulator| dump::to_json(sim.tree())[0]["children"][500]["children"][0]["children"][0]["text"].clone();
    assert_eq!(row(&sim), "Item 500");
    sim.tap("#touch").unwrap();
    sim.tap("#touch").unwrap();
    assert_eq!(row(&sim), "Touched 2");
    assert_eq!(sim.page_data()["rows"][500]["title"], "Touched 2");
}

fn components_app() -> Simulator {
    app("tests/apps/components")
}

#[test]
fn a_component_renders_inside_its_host_with_slots_filled() {
    let sim = components_app();
    let tree = dump::to_json(sim.tree());
    let host = &tree[0]["children"][0];
    assert_eq!(host["tag"], "card");
    let card = &host["children"][0];
    assert_eq!(card["attrs"]["class"], "card");
    let texts: Vec<&str> = card["children"].as_array().unwrap().iter().map(|t| t["children"][0]["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["hello", "H", "body"], "title, then the header slot, then the default slot");
}

#[test]
fn component_lifetimes_and_observers_run_in_the_platform_order() {
    let mut sim = components_app();
    let lines = console(&mut sim);
    assert_eq!(
        lines,
        ["created components/card/card", "observers hello 3", "observer default->hello", "attached hello id=c1 x=1", "page onLoad", "page onShow", "ready", "page onReady"],
        "the component's order as miniprogram-simulate shows it (count is coerced from '3' to a Number); the first render attaches components before the page's onLoad and they are ready before its onReady, as on the platform"
    );
}

#[test]
fn trigger_event_reaches_the_owner_without_bubbling_by_default() {
    let mut sim = components_app();
    console(&mut sim);
    sim.tap(".card").unwrap();
    assert_eq!(console(&mut sim), [r#"page got change {"title":"hello","taps":1} from #c1"#], "not bubbled to the page's view");
    assert!(text(&sim).contains("hello"));
}

#[test]
fn a_component_leaving_the_tree_is_detached() {
    let mut sim = components_app();
    console(&mut sim);
    sim.tap("#hide").unwrap();
    assert_eq!(console(&mut sim), ["detached"]);
    assert!(!text(&sim).contains("<card"), "{}", text(&sim));
}

#[test]
fn page_lifetimes_reach_the_page_components() {
    let mut sim = components_app();
    console(&mut sim);
    sim.navigate_to("/pages/index/index").unwrap();
    assert_eq!(console(&mut sim)[0], "page hidden", "pageLifetimes.hide of the first page's card");
}

#[test]
fn the_todo_sample_toggles_an_item_through_its_component() {
    let mut sim = app("sample-apps/todo");
    assert!(text(&sim).contains("2 items left"), "{}", text(&sim));
    // The checkbox is in the todo-item component; its onToggle triggers `toggle` on the host,
    // which the page handles with setData, which flows back into the component's property.
    sim.tap("#check-2").unwrap();
    assert_eq!(sim.page_data()["todos"][1]["done"], true);
    let tree = text(&sim);
    assert!(tree.contains("1 item left"), "{tree}");
    assert_eq!(tree.matches("class=\"item done\"").count(), 2, "{tree}");
    sim.tap("#delete-1").unwrap();
    assert!(!text(&sim).contains("Read the WXML guide"));
}

#[test]
fn typing_into_a_model_bound_input_writes_back_and_fires_input() {
    let mut sim = app("sample-apps/todo");
    assert!(text(&sim).contains("disabled=\"{{ true }}\""), "Add starts disabled: {}", text(&sim));
    sim.input(".draft", "Buy milk").unwrap();
    assert_eq!(sim.page_data()["draft"], "Buy milk");
    assert!(text(&sim).contains("value=\"Buy milk\"") && text(&sim).contains("disabled=\"{{ false }}\""), "{}", text(&sim));
    sim.tap("button").unwrap();
    let titles: Vec<String> = sim.page_data()["todos"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_string()).collect();
    assert_eq!(titles.last().map(String::as_str), Some("Buy milk"));
    assert_eq!(sim.page_data()["draft"], "");
    assert_eq!(sim.input("button", "x").unwrap_err(), "`button` is a <button>, not an input or textarea");
}

fn gestures() -> Simulator {
    let mut sim = app("tests/apps/gestures");
    sim.take_console();
    sim
}

#[test]
fn a_tap_is_touchstart_touchend_tap_and_a_long_press_replaces_the_tap() {
    let mut sim = gestures();
    sim.tap("#press").unwrap();
    assert_eq!(console(&mut sim), ["touchstart@0", "touchend@0", "tap@0"]);
    sim.long_press("#press").unwrap();
    assert_eq!(console(&mut sim), ["touchstart@0", "longpress@350", "longtap@350", "touchend@350"]);
    sim.long_press("#plain").unwrap();
    assert_eq!(console(&mut sim), ["touchstart@350", "tap@700"], "without a longpress handler the press ends in a tap");
}

#[test]
fn page_events_come_from_the_simulator() {
    let mut sim = gestures();
    sim.pull_down_refresh().unwrap();
    sim.reach_bottom().unwrap();
    sim.scroll_page_to(120.0).unwrap();
    sim.resize(414.0, 896.0).unwrap();
    assert_eq!(console(&mut sim), ["onPullDownRefresh", "onReachBottom", "onPageScroll 120", "onResize 414x896", "probe resize 414"]);
    sim.background();
    sim.foreground();
    assert_eq!(console(&mut sim), ["index.onHide", "probe hide", "App.onHide", "App.onShow 1001", "index.onShow", "probe show"]);
    sim.tap_tab(1).unwrap();
    assert_eq!(console(&mut sim)[0], r#"onTabItemTap {"index":1,"pagePath":"pages/other/other","text":"Other"}"#);
    assert_eq!(sim.current_route(), Some("pages/other/other"));
    let err = sim.pull_down_refresh().unwrap_err();
    assert!(err.starts_with("pull-down refresh is not enabled for pages/other/other"), "{err}");
    assert!(sim.tap_tab(5).is_err());
}

#[test]
fn generics_render_the_component_the_host_chose_or_the_default() {
    let mut sim = app("tests/apps/generics");
    let tree = text(&sim);
    let chosen = &tree[..tree.find("id=\"fallback\"").unwrap()];
    let fallback = &tree[tree.find("id=\"fallback\"").unwrap()..];
    assert_eq!((chosen.matches("class=\"fancy\"").count(), chosen.matches("class=\"plain\"").count()), (2, 0), "{tree}");
    assert!(chosen.contains("*a*") && chosen.contains("*b*"), "{tree}");
    assert_eq!((fallback.matches("class=\"fancy\"").count(), fallback.matches("class=\"plain\"").count()), (0, 1), "{tree}");
    assert_eq!(console(&mut sim), ["fancy a", "fancy b", "plain c"]);
}

#[test]
fn pure_data_fields_stay_in_the_logic_layer() {
    let mut sim = app("tests/apps/pure-data");
    assert!(text(&sim).contains("[1][][]"), "{}", text(&sim));
    sim.tap("#go").unwrap();
    assert_eq!(console(&mut sim), ["observer sees _b 20", r#"data has 20 {"x":1}"#]);
    assert!(text(&sim).contains("[10][][]"), "{}", text(&sim));
    assert_eq!(sim.page_data()["_b"], 20);
}

#[test]
fn wx_router_apis_answer_like_the_platform_and_pages_talk_through_an_event_channel() {
    let mut sim = launch(Some("pages/opener/opener"));
    console(&mut sim);
    sim.tap("#go").unwrap();
    assert_eq!(sim.current_route(), Some("pages/channel/channel"));
    assert_eq!(console(&mut sim), ["opener got from opened", "success navigateTo:ok", "opened got hi back", "complete"]);
    sim.tap("#back").unwrap();
    assert_eq!(console(&mut sim), ["back navigateBack:ok"]);
    assert_eq!(sim.current_route(), Some("pages/opener/opener"));
    sim.tap("#bad").unwrap();
    assert_eq!(console(&mut sim), [r#"caught navigateTo:fail page "pages/nope/nope" is not found"#]);
    sim.tap("#tab").unwrap();
    let lines = console(&mut sim);
    assert_eq!(lines.last().map(String::as_str), Some("then switchTab:ok"), "{lines:?}");
    assert_eq!(sim.page_stack(), ["pages/list/list"]);
}

#[test]
fn unhandled_rejections_reach_the_app_and_theme_changes_only_apps_with_darkmode() {
    let mut sim = launch(Some("pages/opener/opener"));
    console(&mut sim);
    sim.tap("#lost").unwrap();
    assert_eq!(
        console(&mut sim),
        [r#"Uncaught (in promise) navigateTo:fail page "pages/nope/nope" is not found"#, r#"App.onUnhandledRejection navigateTo:fail page "pages/nope/nope" is not found true"#]
    );
    sim.set_theme("dark");
    assert!(console(&mut sim).is_empty(), "onThemeChange needs darkmode: true in app.json (tests/apps/system has it)");
}

#[test]
fn a_page_built_with_component_runs_both_lifecycles() {
    let mut sim = launch(None);
    console(&mut sim);
    sim.navigate_to("/pages/component-page/component-page?k=v").unwrap();
    assert_eq!(console(&mut sim), ["index.onHide", "created", "attached", "onLoad v", "onShow", "ready", "onReady"]);
    assert!(text(&sim).contains("component page"));
    sim.navigate_back(1).unwrap();
    assert_eq!(console(&mut sim), ["onUnload", "detached", "index.onShow"]);
}

#[test]
fn a_component_error_lifetime_sees_its_methods_errors_which_are_still_reported() {
    let mut sim = launch(Some("pages/component-page/component-page"));
    sim.take_console();
    sim.tap("#boom").unwrap();
    let entries = sim.take_console();
    let lines: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(lines[0], "error lifetime got cannot convert 'null' or 'undefined' to object");
    assert!(lines[1].starts_with("TypeError") && lines[1].ends_with("(in components/fragile/fragile.boom)"), "{lines:?}");
    let (file, pos) = entries[1].location.clone().unwrap();
    assert_eq!((file.as_str(), pos.line), ("components/fragile/fragile.js", 8));
}

#[test]
fn tapping_a_navigator_opens_its_url_by_its_open_type() {
    let mut sim = app("sample-apps/gallery");
    sim.tap(".kind").unwrap();
    assert_eq!(sim.current_route(), Some("pages/view/view"));
    sim.re_launch("/pages/navigator/navigator").unwrap();
    sim.tap(".link").unwrap();
    assert_eq!(sim.page_stack(), ["pages/navigator/navigator", "pages/view/view"]);
    sim.navigate_back(1).unwrap();
    sim.tap("navigator[openType=redirect]").unwrap();
    assert_eq!(sim.page_stack(), ["pages/form/form"]);
    sim.navigate_to("/pages/navigator/navigator").unwrap();
    sim.tap("navigator[openType=navigateBack]").unwrap();
    assert_eq!(sim.page_stack(), ["pages/form/form"]);
    let err = sim.tap("navigator[openType=navigateBack]").unwrap_err();
    assert!(err.contains("no element matches"), "the form page has no navigator: {err}");
}

#[test]
fn controls_keep_what_the_user_did_and_forms_submit_and_reset_it() {
    let mut sim = app("tests/apps/forms");
    sim.take_console();
    sim.tap("#on").unwrap();
    sim.tap("#tag-b-label").unwrap();
    sim.tap("#size-l").unwrap();
    sim.input("#title", "Hello").unwrap();
    assert_eq!(console(&mut sim), ["change true", r#"change ["b"]"#, r#"change "l""#]);
    // A setData elsewhere re-renders the page; the controls keep their state.
    sim.tap("#bump").unwrap();
    sim.tap("#submit").unwrap();
    assert_eq!(console(&mut sim), [r#"submit {"title":"Hello","on":true,"tags":["b"],"size":"l","level":30,"rating":4}"#]);
    sim.tap("#disabled").unwrap();
    assert!(console(&mut sim).is_empty(), "a disabled button does nothing");
    sim.tap("#reset").unwrap();
    sim.tap("#submit").unwrap();
    assert_eq!(console(&mut sim), ["reset", r#"submit {"title":"","on":false,"tags":[],"size":"m","level":30,"rating":4}"#]);
    // maxlength keeps what fits; a disabled input takes no typing. A custom component with
    // wx://form-field-button submits its own form.
    sim.input("#short", "abcdefgh").unwrap();
    assert_eq!(sim.input("#locked", "x").unwrap_err(), "`#locked` is disabled: it takes no typing");
    sim.tap("#custom-submit").unwrap();
    assert_eq!(console(&mut sim), [r#"submit {"q":"from the second form","short":"abcde","locked":"fixed"}"#]);
    assert_eq!(sim.tap("#share").unwrap_err(), "not supported by wxemu yet: button open-type=\"share\"");
}

#[test]
fn a_custom_tab_bar_is_a_component_of_each_tab_page() {
    let mut sim = app("tests/apps/custom-tabbar");
    // getTabBar() works in onShow: the bar was attached before onLoad.
    assert_eq!(console(&mut sim), ["home shows tab 0"]);
    let bar = sim.tree().iter().find_map(|n| match n {
        wxemu_wxml::Node::Element(e) if &*e.tag == "custom-tab-bar" => Some(e.component.is_some()),
        _ => None,
    });
    assert_eq!(bar, Some(true), "the tab page's tree ends with the custom-tab-bar host");
    sim.tap("#tab-1").unwrap();
    assert_eq!(sim.current_route(), Some("pages/mine/mine"));
    assert_eq!(console(&mut sim), ["mine shows tab 1"]);
    assert!(text(&sim).contains("mine page content"));
}

#[test]
fn swipers_autoplay_on_the_clock_and_follow_swipes() {
    let mut sim = app("tests/apps/swiper");
    let current = |sim: &Simulator| dump::to_json(sim.tree())[0]["attrs"]["current"].clone();
    sim.advance(2999);
    assert!(console(&mut sim).is_empty());
    sim.advance(1);
    assert_eq!(console(&mut sim), ["change banner 1 slide-two autoplay@3000"]);
    assert_eq!(current(&sim), 1);
    sim.advance(400);
    assert_eq!(console(&mut sim), ["animationfinish banner 1 slide-two autoplay@3400"]);
    // A turn every interval; after the last item the first comes again.
    sim.advance(6000);
    assert_eq!(
        console(&mut sim),
        [
            "change banner 2 slide-three autoplay@6000",
            "animationfinish banner 2 slide-three autoplay@6400",
            "change banner 0 slide-one autoplay@9000",
            "animationfinish banner 0 slide-one autoplay@9400"
        ]
    );
    sim.swipe_to("#manual", 1).unwrap();
    assert_eq!(console(&mut sim), ["change manual 1  touch@9400"]);
    assert_eq!(sim.swipe_to("#manual", 2).unwrap_err(), "swiper `#manual` has 2 items; there is no item 2");
    assert!(sim.swipe_to(".slide", 0).unwrap_err().contains("is not a swiper"));
}

#[test]
fn prompts_show_and_answer_as_on_the_platform() {
    use wxemu_core::Prompt;
    let mut sim = app("tests/apps/prompts");
    sim.tap("#toast").unwrap();
    assert_eq!(console(&mut sim), [r#"toast {"errMsg":"showToast:ok"}"#]);
    assert_eq!(sim.prompts(), [Prompt::Toast { title: "已保存".into(), icon: "success".into(), mask: false }]);
    sim.advance(1499);
    assert_eq!(sim.prompts().len(), 1, "a toast stays 1500 ms by default");
    sim.advance(1);
    assert!(sim.prompts().is_empty());
    // A modal waits for its answer.
    sim.tap("#modal").unwrap();
    assert!(matches!(&sim.prompts()[..], [Prompt::Modal { title, confirm_color, show_cancel: true, .. }] if title == "删除这一项？" && confirm_color == "#fa5151"));
    sim.advance(60_000);
    assert!(console(&mut sim).is_empty());
    sim.answer_modal(false, None).unwrap();
    assert_eq!(console(&mut sim), [r#"modal {"errMsg":"showModal:ok","confirm":false,"cancel":true}"#]);
    // Editable modals give back what was typed (here through a Promise).
    sim.tap("#editable").unwrap();
    sim.answer_modal(true, Some("holiday")).unwrap();
    assert_eq!(console(&mut sim), [r#"renamed {"errMsg":"showModal:ok","confirm":true,"cancel":false,"content":"holiday"}"#]);
    sim.tap("#sheet").unwrap();
    assert_eq!(sim.answer_action_sheet(Some(5)).unwrap_err(), "the action sheet has 2 items; there is no item 5");
    sim.answer_action_sheet(Some(1)).unwrap();
    sim.tap("#sheet").unwrap();
    sim.answer_action_sheet(None).unwrap();
    assert_eq!(console(&mut sim), [r#"sheet {"errMsg":"showActionSheet:ok","tapIndex":1}"#, r#"sheet failed {"errMsg":"showActionSheet:fail cancel"}"#]);
    assert_eq!(sim.answer_modal(true, None).unwrap_err(), "no modal is shown");
    // Loading stays until hidden; wrong arguments fail with the platform's words.
    sim.tap("#loading").unwrap();
    sim.advance(10_000);
    assert!(matches!(&sim.prompts()[..], [Prompt::Loading { mask: true, .. }]));
    sim.tap("#wrong").unwrap();
    assert_eq!(
        console(&mut sim),
        [
            r#"toast failed {"errMsg":"showToast:fail parameter error: parameter.title should be String instead of Number;"}"#,
            r#"sheet rejected {"errMsg":"showActionSheet:fail parameter error: itemList should not be large than 6"}"#,
        ]
    );
}

#[test]
fn bar_apis_answer_as_the_platform_does() {
    let mut sim = app("tests/apps/bars");
    assert_eq!(
        console(&mut sim),
        ["red dot showTabBarRedDot:ok", "badge setTabBarBadge:fail tabbar item not found", r##"color setNavigationBarColor:fail invalid frontColor "#ff0000": only #ffffff and #000000"##]
    );
    sim.pull_down_refresh().unwrap();
    assert_eq!(console(&mut sim), ["refreshing"]);
    sim.navigate_to("/pages/refresh/refresh").unwrap();
    assert_eq!(console(&mut sim), ["onPullDownRefresh", "badge setTabBarBadge:fail not TabBar page"]);
}

#[test]
fn the_tab_bar_can_hide_and_change_its_items_and_style() {
    let mut sim = app("tests/apps/bars");
    console(&mut sim);
    let height = |sim: &mut Simulator| sim.evaluate("() => wx.getWindowInfo().windowHeight", &[]).unwrap();
    assert_eq!(height(&mut sim), 554);
    let say = "res => console.log(res.errMsg)";
    sim.evaluate(&format!("() => {{ wx.hideTabBar({{ success: {say} }}); wx.setTabBarItem({{ index: 1, text: 'Changed', success: {say} }}); wx.setTabBarStyle({{ selectedColor: '#ff0000', success: {say} }}); wx.setTabBarItem({{ index: 9, fail: {say} }}) }}"), &[]).unwrap();
    assert_eq!(console(&mut sim), ["hideTabBar:ok", "setTabBarItem:ok", "setTabBarStyle:ok", "setTabBarItem:fail tabbar item not found"]);
    assert_eq!(height(&mut sim), 603, "the page takes the tab bar's place");
    sim.evaluate("() => wx.showTabBar()", &[]).unwrap();
    assert_eq!(height(&mut sim), 554);
    sim.evaluate(&format!("() => {{ wx.setBackgroundColor({{ backgroundColor: '#123456', success: {say} }}); wx.setBackgroundTextStyle({{ textStyle: 'blue', fail: {say} }}) }}"), &[]).unwrap();
    assert_eq!(console(&mut sim), ["setBackgroundColor:ok", r#"setBackgroundTextStyle:fail invalid textStyle "blue""#]);
    sim.navigate_to("/pages/refresh/refresh").unwrap();
    console(&mut sim);
    sim.evaluate(&format!("() => wx.hideTabBar({{ fail: {say} }})"), &[]).unwrap();
    assert_eq!(console(&mut sim), ["hideTabBar:fail not TabBar page"]);
}

#[test]
fn images_fire_load_or_error_once_per_src() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/image-events");
    let routes = r#"{"routes": [
        {"url": "https://example.com/a.png", "bodyFile": "images/pattern.png", "delay": 50},
        {"url": "https://example.com/gone.png", "status": 404}
    ]}"#;
    let routes = wxemu_core::Routes::parse(routes, &dir).unwrap();
    let mut sim = Simulator::launch(&dir, LaunchOptions { routes: Some(routes), ..LaunchOptions::default() }).unwrap();
    sim.advance(0);
    let lines = console(&mut sim);
    assert_eq!(
        lines,
        [
            r#"load file {"width":64,"height":64}"#,
            "[渲染层网络层错误] Failed to load local image resource /images/missing.png: no such file in the package",
            r#"error missing {"errMsg":"GET /images/missing.png 404 (Not Found)"}"#,
            r#"load inline {"width":3,"height":2}"#,
            r#"load swap {"width":64,"height":64}"#,
            r#"error gone {"errMsg":"GET https://example.com/gone.png 404 (Not Found)"}"#,
        ]
    );
    sim.advance(50);
    assert_eq!(console(&mut sim), [r#"load net {"width":64,"height":64}"#], "a network image loads when its response comes");
    let loads: Vec<(String, String)> = sim.requests().into_iter().map(|r| (r.api, r.url)).collect();
    assert_eq!(loads, [("image".to_string(), "https://example.com/a.png".to_string()), ("image".to_string(), "https://example.com/gone.png".to_string())]);
    sim.advance(100);
    assert!(console(&mut sim).is_empty(), "once per src");
    sim.tap("#swap").unwrap();
    sim.advance(0);
    assert_eq!(
        console(&mut sim),
        ["[渲染层网络层错误] Failed to load local image resource /images/missing.png: no such file in the package", r#"error swap {"errMsg":"GET /images/missing.png 404 (Not Found)"}"#]
    );
}

#[test]
fn network_images_no_longer_shown_are_forgotten_past_a_bound() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/image-events");
    let routes = r#"{"routes": [
        {"url": "https://example.com/n/*", "bodyFile": "images/pattern.png"},
        {"url": "https://example.com/*", "bodyFile": "images/pattern.png"}
    ]}"#;
    let routes = wxemu_core::Routes::parse(routes, &dir).unwrap();
    let mut sim = Simulator::launch(&dir, LaunchOptions { routes: Some(routes), ..LaunchOptions::default() }).unwrap();
    sim.advance(0);
    let show = |sim: &mut Simulator, n: u32| {
        sim.evaluate(&format!("() => getCurrentPages()[0].setData({{ swap: 'https://example.com/n/{n}.png' }})"), &[]).unwrap();
        sim.advance(0);
    };
    for n in 0..300 {
        show(&mut sim, n);
    }
    show(&mut sim, 0);
    show(&mut sim, 299);
    let count = |url: &str| sim.requests().iter().filter(|r| r.url == url).count();
    assert_eq!(count("https://example.com/n/0.png"), 2, "the first image was forgotten, so it is read again");
    assert_eq!(count("https://example.com/n/299.png"), 1, "a recent one is kept");
    assert_eq!(count("https://example.com/a.png"), 1, "the image still shown is kept");
    let loads = sim.take_console().into_iter().filter(|l| l.text.starts_with("load swap")).count();
    assert_eq!(loads, 1 + 300 + 2, "every change of src loads");
}

#[test]
fn a_tap_moves_the_focus_between_inputs() {
    let mut sim = app("tests/apps/forms");
    sim.take_console();
    sim.tap("#title").unwrap();
    assert_eq!(console(&mut sim), [r#"focus title {"value":"","height":0}"#]);
    sim.tap("#title").unwrap();
    assert!(console(&mut sim).is_empty(), "tapping the focused input again changes nothing");
    sim.input("#title", "Hi").unwrap();
    sim.tap("#bump").unwrap();
    assert_eq!(console(&mut sim), [r#"blur title {"value":"Hi","cursor":2}"#]);
    sim.tap("#locked").unwrap();
    assert!(console(&mut sim).is_empty(), "a disabled input takes no focus");
}

#[test]
fn an_old_base_library_takes_the_compat_samples_fallbacks_and_reports_what_it_lacks() {
    let on = |sdk: Option<Version>| {
        let options = LaunchOptions { sdk, ..LaunchOptions::default() };
        Simulator::launch(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/compat"), options).expect("the app launches")
    };
    let old = on(Some(Version(2, 10, 0)));
    let tree = text(&old);
    for fallback in ["wx.getSystemInfoSync: 603 px high", "wx.getUserInfo", "no root-portal: a fixed view instead", "base library 2.10.0"] {
        assert!(tree.contains(fallback), "{fallback} in\n{tree}");
    }
    assert!(!tree.contains("<root-portal"));
    let warnings: Vec<String> = old.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings.iter().map(|w| w.lines().next().unwrap()).collect::<Vec<_>>(),
        [
            "pages/index/index.wxml:5:1: warning: <input type=\"nickname\"> needs base library 2.21.2; the app runs on 2.10.0, which does not have it",
            "pages/index/index.wxml:6:1: warning: <button open-type=\"chooseAvatar\"> needs base library 2.21.2; the app runs on 2.10.0, which does not have it",
            "pages/index/index.wxml:6:1: warning: <button bindchooseavatar> needs base library 2.21.2; the app runs on 2.10.0, which does not have it",
        ],
        "the guarded root-portal is not rendered, so not reported"
    );

    let newest = on(None);
    let tree = text(&newest);
    let newest_sdk = format!("base library {}", newest.sdk());
    for branch in ["wx.getWindowInfo: 603 px high", "wx.getUserProfile", "a root-portal floats over the page", &newest_sdk] {
        assert!(tree.contains(branch), "{branch} in\n{tree}");
    }
    assert!(newest.diagnostics.is_empty(), "{:?}", newest.diagnostics);
}

#[test]
fn the_keyboard_types_into_the_focused_input_and_enter_confirms_it() {
    use wxemu_core::Caret;
    let mut sim = app("sample-apps/todo");
    assert_eq!(sim.type_text("x").unwrap_err(), "no input or textarea has the focus: tap one first");
    sim.tap(".draft").unwrap();
    assert!(sim.focused_field().is_some(), "a tapped input takes the focus");
    sim.type_text("Buy").unwrap();
    sim.type_text(" milk").unwrap();
    assert_eq!(sim.page_data_at("draft"), "Buy milk", "typing goes through model:value");
    sim.erase().unwrap();
    assert_eq!(sim.focused_value().as_deref(), Some("Buy mil"));
    // The caret moves; typing and erasing happen where it is.
    sim.move_caret(Caret::Start, false).unwrap();
    sim.type_text("To ").unwrap();
    assert_eq!(sim.page_data_at("draft"), "To Buy mil");
    sim.move_caret(Caret::Right, false).unwrap();
    sim.erase().unwrap();
    assert_eq!(sim.page_data_at("draft"), "To uy mil", "Backspace erases before the caret");
    // Shift+arrows select; what is typed replaces the selection.
    sim.move_caret(Caret::End, false).unwrap();
    sim.move_caret(Caret::Left, true).unwrap();
    sim.move_caret(Caret::Left, true).unwrap();
    sim.move_caret(Caret::Left, true).unwrap();
    assert_eq!(sim.selected_text().as_deref(), Some("mil"));
    sim.type_text("tea").unwrap();
    assert_eq!(sim.page_data_at("draft"), "To uy tea");
    sim.select_all_text().unwrap();
    assert_eq!(sim.selected_text().as_deref(), Some("To uy tea"));
    sim.erase().unwrap();
    assert_eq!(sim.page_data_at("draft"), "", "Backspace erases the selection");
    sim.type_text("Tea").unwrap();
    sim.confirm().unwrap();
    assert_eq!(sim.page_data_at("todos[3].title"), "Tea", "Enter is the input's confirm, which adds the todo");
    assert_eq!(sim.page_data_at("draft"), "");
    assert_eq!(sim.focused_field(), None, "without confirm-hold the input loses the focus");
    assert_eq!(sim.confirm().unwrap_err(), "no input or textarea has the focus: tap one first");
}

#[test]
fn the_keyboard_types_into_an_editable_modal_and_enter_confirms_it() {
    use wxemu_core::Prompt;
    let mut sim = app("tests/apps/prompts");
    console(&mut sim);
    sim.tap("#editable").unwrap();
    sim.type_text("holiday").unwrap();
    sim.erase().unwrap();
    sim.compose("y").unwrap();
    assert!(matches!(&sim.prompts()[..], [Prompt::Modal { content, composition, .. }] if content == "holida" && composition == "y"), "an input method composes after the text");
    sim.type_text("y").unwrap();
    assert!(matches!(&sim.prompts()[..], [Prompt::Modal { content, composition, .. }] if content == "holiday" && composition.is_empty()), "the modal's field shows what was typed");
    sim.confirm().unwrap();
    assert_eq!(console(&mut sim), [r#"renamed {"errMsg":"showModal:ok","confirm":true,"cancel":false,"content":"holiday"}"#]);
}
