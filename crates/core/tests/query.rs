//! createSelectorQuery and pageScrollTo (tests/apps/geometry): the geometry the view layer
//! laid out, scoped to the page's or a component's own template, and scrolling on the clock.

use serde_json::{json, Value as Json};
use std::path::Path;
use wxemu_core::{LaunchOptions, Simulator};

fn launch() -> Simulator {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/geometry");
    Simulator::launch(&dir, LaunchOptions::default()).expect("the app launches")
}

fn eval(sim: &mut Simulator, function: &str) -> Json {
    sim.evaluate(function, &[]).unwrap_or_else(|e| panic!("{function}: {e}"))
}

fn seen(sim: &mut Simulator) -> Json {
    eval(sim, "() => { const s = globalThis.seen; globalThis.seen = []; return s }")
}

const MEASURE: &str = r#"() => {
    wx.createSelectorQuery()
      .select('#header').boundingClientRect()
      .selectAll('.item').boundingClientRect(items => seen.push(['items', items.map(i => [i.top, i.height, i.dataset.index])]))
      .selectViewport().scrollOffset()
      .select('#scroller').scrollOffset()
      .select('#nothing').boundingClientRect()
      .exec(all => seen.push(['all', all]))
}"#;

#[test]
fn queries_give_the_laid_out_geometry_of_their_own_template() {
    let mut sim = launch();
    eval(&mut sim, MEASURE);
    let got = seen(&mut sim);
    assert_eq!(got[0], json!(["items", [[100, 50, 0], [150, 50, 1], [200, 50, 2]]]), "the card's own .item is not the page's");
    let all = &got[1][1];
    assert_eq!(all[0], json!({"id": "header", "dataset": {"kind": "top"}, "left": 0, "top": 0, "right": 375, "bottom": 100, "width": 375, "height": 100}));
    assert_eq!(all[2]["scrollTop"], 0);
    assert_eq!((all[3]["id"].as_str(), all[3]["scrollTop"].as_f64(), all[3]["scrollHeight"].as_f64()), (Some("scroller"), Some(40.0), Some(300.0)));
    assert_eq!(all[4], Json::Null, "select() of nothing gives null");

    eval(&mut sim, "() => getCurrentPages()[0].selectComponent('#card').createSelectorQuery().selectAll('.item').fields({ rect: true, size: true, properties: ['class'] }).exec(r => seen.push(r))");
    sim.advance(0);
    assert_eq!(seen(&mut sim), json!([[[{"left": 0, "top": 250, "right": 375, "bottom": 270, "width": 375, "height": 20, "class": "item inner"}]]]));

    eval(&mut sim, "() => wx.createSelectorQuery().select('#header').fields({ computedStyle: ['color'] }).exec()");
    sim.advance(0);
    let errors: Vec<String> = sim.take_console().into_iter().map(|e| e.text).collect();
    assert!(errors.iter().any(|t| t == "SelectorQuery.exec: selectorQuery:fail not supported by wxemu yet: SelectorQuery computedStyle"), "{errors:?}");
}

#[test]
fn page_scroll_to_moves_the_page_over_its_duration() {
    let mut sim = launch();
    eval(&mut sim, "() => wx.pageScrollTo({ scrollTop: 120, duration: 300 }).then(r => seen.push(['done', r]))");
    sim.advance(299);
    assert_eq!(seen(&mut sim), json!([]));
    sim.advance(1);
    assert_eq!(seen(&mut sim), json!([["scroll", {"scrollTop": 120}], ["done", {"errMsg": "pageScrollTo:ok"}]]));
    eval(&mut sim, MEASURE);
    sim.advance(0);
    let all = &seen(&mut sim)[1][1];
    assert_eq!((all[0]["top"].as_f64(), all[2]["scrollTop"].as_f64()), (Some(-120.0), Some(120.0)));

    eval(&mut sim, "() => wx.pageScrollTo({ selector: '#scroller', offsetTop: -20, duration: 0, success: r => seen.push(r), fail: r => seen.push(r) })");
    sim.advance(0);
    assert_eq!(seen(&mut sim), json!([["scroll", {"scrollTop": 250}], {"errMsg": "pageScrollTo:ok"}]));
    eval(&mut sim, "() => wx.pageScrollTo({ selector: '#missing', fail: r => seen.push(r) })");
    sim.advance(0);
    assert_eq!(seen(&mut sim), json!([{"errMsg": "pageScrollTo:fail no element matches `#missing` on pages/index/index"}]));
}

#[test]
fn animation_data_moves_elements_step_by_step_on_the_clock() {
    let mut sim = launch();
    let measure = "() => wx.createSelectorQuery().select('#moving').fields({ rect: true, size: true }).exec(r => seen.push(r[0]))";
    eval(&mut sim, measure);
    assert_eq!(seen(&mut sim), json!([{"left": 0, "top": 370, "right": 50, "bottom": 420, "width": 50, "height": 50}]));
    let exported = eval(
        &mut sim,
        r#"() => {
        const a = wx.createAnimation({ duration: 200 })
        a.translateX(100).opacity(0.5).step().width(80).step({ duration: 100 })
        const data = a.export()
        getCurrentPages()[0].setData({ anim: data })
        return [data, a.export()]
    }"#,
    );
    assert_eq!(
        exported[0]["actions"][1],
        json!({"animates": [{"type": "style", "args": ["width", 80]}], "option": {"transformOrigin": "50% 50% 0", "transition": {"duration": 100, "timingFunction": "linear", "delay": 0}}})
    );
    assert_eq!(exported[1], json!({"actions": []}), "export() starts a new queue");
    eval(&mut sim, measure);
    assert_eq!(seen(&mut sim)[0]["left"], 0, "the animation starts when the view gets its data");
    sim.advance(100);
    eval(&mut sim, measure);
    assert_eq!(seen(&mut sim), json!([{"left": 50, "top": 370, "right": 100, "bottom": 420, "width": 50, "height": 50}]), "halfway through the first step");
    sim.advance(200);
    eval(&mut sim, measure);
    assert_eq!(seen(&mut sim), json!([{"left": 100, "top": 370, "right": 180, "bottom": 420, "width": 80, "height": 50}]), "moved 100px right, then widened");
}

#[test]
fn keyframes_move_what_the_selector_finds_until_cleared() {
    let mut sim = launch();
    let measure = "() => wx.createSelectorQuery().select('#moving').fields({ rect: true, size: true }).exec(r => seen.push([r[0].left, r[0].width]))";
    eval(
        &mut sim,
        r#"() => getCurrentPages()[0].animate('#moving', [
        { translateX: 0 },
        { translateX: 100, offset: 0.5, ease: 'step-end' },
        { translateX: 100, width: 80 },
    ], 200, () => seen.push('done'))"#,
    );
    let at = |sim: &mut Simulator, ms| {
        sim.advance(ms);
        eval(sim, measure);
        seen(sim)
    };
    assert_eq!(at(&mut sim, 50), json!([[50, 50]]), "half way to the second keyframe");
    assert_eq!(at(&mut sim, 50), json!([[100, 50]]));
    assert_eq!(at(&mut sim, 100), json!(["done", [100, 80]]), "the callback comes when the last keyframe is reached, and it stays");
    eval(&mut sim, "() => getCurrentPages()[0].clearAnimation('#moving', { translateX: true }, () => seen.push('cleared'))");
    assert_eq!(at(&mut sim, 0), json!(["cleared", [0, 80]]), "only the named property is cleared");
    eval(&mut sim, "() => getCurrentPages()[0].clearAnimation('#moving')");
    assert_eq!(at(&mut sim, 0), json!([[0, 50]]));
}

#[test]
fn intersection_observers_call_back_when_a_threshold_is_crossed() {
    let mut sim = launch();
    eval(
        &mut sim,
        r#"() => {
        const page = getCurrentPages()[0]
        globalThis.filler = wx.createIntersectionObserver().relativeToViewport()
        filler.observe('.filler', r => seen.push(['filler', r.intersectionRatio, r.boundingClientRect.top]))
        page.createIntersectionObserver({ thresholds: [0.5, 1] }).relativeToViewport({ top: 0 })
          .observe('#header', r => seen.push(['header', r.intersectionRatio, r.id, r.relativeRect.bottom]))
        page.createIntersectionObserver({ observeAll: true }).relativeTo('#scroller', { top: 30 })
          .observe('.item', r => seen.push(['item', r.intersectionRatio, r.dataset.index, r.intersectionRect.top]))
    }"#,
    );
    let ratio = |v: &Json| (v.as_f64().unwrap() * 1000.0).round() / 1000.0;
    let got = seen(&mut sim);
    let summary: Vec<(String, f64)> = got.as_array().unwrap().iter().map(|e| (e[0].as_str().unwrap().to_string(), ratio(&e[1]))).collect();
    assert_eq!(summary, [("filler".to_string(), 0.183), ("header".to_string(), 1.0), ("item".to_string(), 0.2)]);
    assert_eq!((got[1][2].as_str(), got[1][3].as_f64()), (Some("header"), Some(603.0)));
    assert_eq!((got[2][2].as_u64(), got[2][3].as_f64()), (Some(2), Some(240.0)), "the reference grew 30px upwards");

    eval(&mut sim, "() => wx.pageScrollTo({ scrollTop: 60, duration: 0 })");
    sim.advance(0);
    let got = seen(&mut sim);
    let crossings: Vec<&Json> = got.as_array().unwrap().iter().filter(|e| e[0] != "scroll").collect();
    assert_eq!(crossings.len(), 1, "{got}");
    assert_eq!((crossings[0][0].as_str(), ratio(&crossings[0][1])), (Some("header"), 0.4), "below 0.5: a threshold crossed; the filler crossed none");

    eval(&mut sim, "() => { filler.disconnect(); wx.pageScrollTo({ scrollTop: 1000, duration: 0 }) }");
    sim.advance(0);
    let got = seen(&mut sim);
    assert!(got.as_array().unwrap().iter().all(|e| e[0] == "scroll"), "the header passed no threshold and the filler's observer is gone: {got}");
}

#[test]
fn a_scroll_views_node_is_its_scroll_view_context() {
    let mut sim = launch();
    eval(&mut sim, "() => wx.createSelectorQuery().select('#scroller').node(r => r.node.scrollTo({ top: 100 })).exec()");
    eval(&mut sim, "() => wx.createSelectorQuery().select('#scroller').scrollOffset(r => seen.push(r.scrollTop)).select('#header').node().exec()");
    assert_eq!(seen(&mut sim), json!([]), "one query failing fails the exec");
    let errors: Vec<String> = sim.take_console().into_iter().map(|e| e.text).collect();
    assert!(errors.iter().any(|t| t.ends_with("not supported by wxemu yet: SelectorQuery node of <view>")), "{errors:?}");
    eval(&mut sim, "() => wx.createSelectorQuery().select('#scroller').scrollOffset(r => seen.push(r.scrollTop)).exec()");
    assert_eq!(seen(&mut sim), json!([100]));
}
