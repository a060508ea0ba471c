//! The cascade on small trees: precedence, inheritance, variables, rpx, @media, scopes.

use std::collections::HashMap;
use wxemu_wxss::style::{Dim, Display, Rgba};
use wxemu_wxss::{load, Cascade, Device, Isolation, Sheet, StyleNode, StyleTree, BUILT_IN, PAGE};

fn sheet(files: &[(&str, &str)]) -> Sheet {
    let files: HashMap<String, String> = files.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    load(files.keys().min().unwrap(), &Device::IPHONE_6, &|path| files.get(path).cloned().ok_or(wxemu_package::FileError::Missing))
}

fn node(tag: &str, classes: &[&str], scope: u32) -> StyleNode {
    StyleNode { tag: tag.into(), classes: classes.iter().map(|c| (c.to_string(), scope)).collect(), scope, ..StyleNode::default() }
}

fn rgb(r: u8, g: u8, b: u8) -> Rgba {
    Rgba { r, g, b, a: 255 }
}

#[test]
fn specificity_order_important_and_inline_style_decide() {
    let s = sheet(&[("a.wxss", ".a { color: red; width: 100rpx } view.a { color: blue } .b { color: green !important } .a { height: 10px } .a { height: 20px }")]);
    let mut tree = StyleTree::new();
    let a = tree.push(0, node("view", &["a"], PAGE));
    let b = tree.push(0, StyleNode { style: "color: rgb(1, 2, 3); width: 7px".into(), ..node("view", &["a", "b"], PAGE) });
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    assert_eq!(styles[a].color, rgb(0, 0, 255));
    assert_eq!(styles[a].width, Dim::px(50.0));
    assert_eq!(styles[a].height, Dim::px(20.0));
    assert_eq!(styles[b].color, rgb(0, 128, 0), "!important beats inline style");
    assert_eq!(styles[b].width, Dim::px(7.0), "inline style beats rules");
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
}

#[test]
fn inherited_properties_flow_down_and_variables_resolve() {
    let s = sheet(&[(
        "a.wxss",
        "page { --main: #ff0000; font-size: 20px } .box { display: flex; padding: 1em 10% ; color: var(--main) } .inner { margin: var(--gap, 4px) auto; width: calc(100% - 20px) }",
    )]);
    let mut tree = StyleTree::new();
    let boxed = tree.push(0, node("view", &["box"], PAGE));
    let inner = tree.push(boxed, node("view", &["inner"], PAGE));
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    assert_eq!(styles[boxed].display, Display::Flex);
    assert_eq!(styles[boxed].padding[0], Dim::px(20.0));
    assert_eq!(styles[boxed].padding[1], Dim::Length { px: 0.0, percent: 10.0 });
    assert_eq!(styles[inner].color, rgb(255, 0, 0), "colour inherits, variables too");
    assert_eq!(styles[inner].font_size, 20.0);
    assert_eq!(styles[inner].margin[0], Dim::px(4.0), "fallback of an unset variable");
    assert_eq!(styles[inner].margin[1], Dim::Auto);
    assert_eq!(styles[inner].width, Dim::Length { px: -20.0, percent: 100.0 });
    assert_eq!(styles[inner].display, Display::Inline, "display does not inherit");
}

#[test]
fn media_queries_follow_the_device_and_theme() {
    let s = sheet(&[("a.wxss", ".a { color: red } @media (prefers-color-scheme: dark) { .a { color: white } } @media (min-width: 400px) { .a { width: 1px } }")]);
    let mut tree = StyleTree::new();
    let a = tree.push(0, node("view", &["a"], PAGE));
    let light = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    let dark = Cascade { sheets: vec![(PAGE, &s)], device: Device { width: 414.0, ..Device::IPHONE_6 }, dark: true }.compute(&tree).elements;
    assert_eq!((light[a].color, light[a].width), (rgb(255, 0, 0), Dim::Auto));
    assert_eq!((dark[a].color, dark[a].width), (rgb(255, 255, 255), Dim::px(1.0)));
}

#[test]
fn component_classes_are_isolated_unless_the_component_shares() {
    let page = sheet(&[("p.wxss", ".title { color: red } view { height: 3px }")]);
    let comp = sheet(&[("c.wxss", ".title { color: blue } .only { width: 5px }")]);
    let built_in = sheet(&[("b.wxss", "view { display: block } .other { font-size: 20px }")]);
    // (isolation, whether the component's rules reach page elements)
    for (isolation, shared) in [(Isolation::Isolated, false), (Isolation::ApplyShared, false), (Isolation::Shared, true)] {
        let mut tree = StyleTree::new();
        tree.isolation = vec![Isolation::Isolated, isolation];
        let outside = tree.push(0, node("view", &["title", "only"], PAGE));
        let host = tree.push(0, node("my-comp", &[], PAGE));
        let inside = tree.push(host, node("view", &["title"], 1));
        let plain = tree.push(host, node("view", &["other"], 1));
        let styles = Cascade { sheets: vec![(BUILT_IN, &built_in), (PAGE, &page), (1, &comp)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
        let page_title = if shared { rgb(0, 0, 255) } else { rgb(255, 0, 0) };
        assert_eq!(styles[outside].color, page_title, "{isolation:?}");
        assert_eq!(styles[outside].width == Dim::px(5.0), shared, "{isolation:?}");
        // Inside, the component's own rule comes after the page's in cascade order.
        assert_eq!(styles[inside].color, rgb(0, 0, 255), "{isolation:?}");
        // Page tag selectors reach every element, as in the WebView; built-in styles too.
        assert_eq!(styles[plain].height, Dim::px(3.0), "{isolation:?}");
        assert_eq!((styles[plain].display, styles[plain].font_size), (Display::Block, 20.0), "{isolation:?}");
    }
}

#[test]
fn imports_are_inlined_and_cycles_and_unsupported_things_reported() {
    let s = sheet(&[("a.wxss", "@import \"b.wxss\";\n.a { color: red; }"), ("b.wxss", "@import '/a.wxss';\n.b { width: 10rpx; clip-path: none }\n@supports (display: grid) { .c { color: red } }")]);
    let selectors: Vec<String> = s.rules.iter().map(|r| format!("{}:{}", r.file, r.pos.line)).collect();
    assert_eq!(selectors, ["b.wxss:2", "a.wxss:2"]);
    let messages: Vec<String> = s.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(messages.iter().any(|m| m.contains("b.wxss:1:1: error: @import cycle: a.wxss → b.wxss → a.wxss")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("b.wxss:2:1: warning: not supported by wxemu yet: property `clip-path`")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("b.wxss:3:1: warning: not supported by wxemu yet: @supports")), "{messages:#?}");
}

#[test]
fn before_and_after_rules_generate_boxes_with_content() {
    let s = sheet(&[(
        "a.wxss",
        ".a { --mark: green; color: blue } .a::before { content: \"★ \"; color: var(--mark) } .a::after { content: '\\2192'; display: block } \
         .b::before { color: red } .c::after { content: none } .d::after { content: \"\"; position: absolute } .a:first-child::after { width: 4px }",
    )]);
    let mut tree = StyleTree::new();
    let a = tree.push(0, node("view", &["a"], PAGE));
    tree.push(0, node("view", &["b", "c"], PAGE));
    let d = tree.push(0, node("view", &["d"], PAGE));
    let computed = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree);
    let generated: Vec<(usize, bool, Option<&str>)> = computed.generated.iter().map(|g| (g.element, g.before, g.style.content.as_deref())).collect();
    // No box without content (`.b::before`) or with `content: none` (`.c::after`); an empty
    // string still makes a box.
    assert_eq!(generated, [(a, true, Some("★ ")), (a, false, Some("→")), (d, false, Some(""))]);
    let (before, after) = (&computed.generated[0].style, &computed.generated[1].style);
    assert_eq!(before.color, rgb(0, 128, 0), "variables of the element reach its ::before");
    assert_eq!((after.color, after.display, after.width), (rgb(0, 0, 255), Display::Block, Dim::px(4.0)), "inherits from the element; structural pseudo-classes apply");
    assert_eq!(computed.generated[2].style.position, wxemu_wxss::style::Position::Absolute);
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
}

#[test]
fn safe_area_insets_come_from_the_device() {
    let s = sheet(&[(
        "a.wxss",
        ".a { padding-bottom: env(safe-area-inset-bottom); padding-top: constant(safe-area-inset-top); height: calc(50px + env(safe-area-inset-bottom)); margin-left: env(safe-area-inset-left, 3px); margin-right: env(no-such-inset, 7px) }",
    )]);
    let mut tree = StyleTree::new();
    let a = tree.push(0, node("view", &["a"], PAGE));
    let device = Device { status_bar: 44.0, safe_bottom: 34.0, ..Device::IPHONE_6 };
    let style = &Cascade { sheets: vec![(PAGE, &s)], device, dark: false }.compute(&tree).elements[a];
    assert_eq!((style.padding[2], style.padding[0]), (Dim::px(34.0), Dim::px(44.0)));
    assert_eq!(style.height, Dim::px(84.0));
    assert_eq!((style.margin[3], style.margin[1]), (Dim::px(0.0), Dim::px(7.0)));
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
}

#[test]
fn animations_that_keep_their_end_state_are_drawn_at_it_and_transitions_are_accepted() {
    let s = sheet(&[(
        "a.wxss",
        "@keyframes grow { from { width: 10px } 50% { width: 20px } to { width: 30px; opacity: 0.5 } }\n\
         .kept { animation: grow 1s forwards; transition: width 0.3s ease }\n\
         .back { animation: grow 1s }\n\
         .later { animation-name: grow; animation-fill-mode: both }\n\
         .through { pointer-events: none; word-break: break-all } .words { overflow-wrap: break-word }",
    )]);
    let mut tree = StyleTree::new();
    let kept = tree.push(0, node("view", &["kept"], PAGE));
    let back = tree.push(0, node("view", &["back"], PAGE));
    let later = tree.push(0, node("view", &["later"], PAGE));
    let through = tree.push(0, node("view", &["through", "words"], PAGE));
    let child = tree.push(through, node("text", &[], PAGE));
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    assert_eq!((styles[kept].width, styles[kept].opacity), (Dim::px(30.0), 0.5), "fill-mode forwards keeps the last keyframe");
    assert_eq!(styles[back].width, Dim::Auto, "without it the element ends as its own style says");
    assert_eq!(styles[later].width, Dim::px(30.0));
    assert!(styles[child].pointer_events_none && styles[child].break_long_words, "pointer-events and overflow-wrap are inherited");
    assert_eq!(styles[child].word_break, wxemu_wxss::style::WordBreak::BreakAll);
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
}

#[test]
fn variables_that_grow_exponentially_are_invalid_not_a_hang() {
    // Each level uses the one below ten times: --v12 would be 10^12 copies of "1px".
    let mut text = String::from("page { --v0: 1px;");
    for level in 1..=12 {
        text += &format!(" --v{level}:{}", format!(" var(--v{})", level - 1).repeat(10));
        text += ";";
    }
    text += " } .a { width: var(--v12) } .b { width: calc(var(--v0) * 10) }";
    let s = sheet(&[("a.wxss", &text)]);
    let mut tree = StyleTree::new();
    let a = tree.push(0, node("view", &["a"], PAGE));
    let b = tree.push(0, node("view", &["b"], PAGE));
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    // (The declaration is dropped; CSS would make it `unset`, which wxemu lacks yet.)
    assert_eq!(styles[a].width, Dim::Auto, "invalid at computed-value time, found without expanding it all");
    assert_eq!(styles[b].width, Dim::px(10.0), "a value that stays small still works");
}

#[test]
fn the_property_table_is_what_is_applied_and_what_is_not_warns() {
    // Every property of the table is taken without a warning, and its sample value changes
    // the style of a plain element when the table says it has an effect; unknown properties warn and change nothing.
    let style_of = |declarations: &str| {
        let s = sheet(&[("a.wxss", &format!(".a {{ {declarations} }}"))]);
        let mut tree = StyleTree::new();
        let a = tree.push(0, node("view", &["a"], PAGE));
        let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
        (styles[a].clone(), s.diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>())
    };
    let (plain, _) = style_of("");
    for used in wxemu_wxss::properties::PROPERTIES {
        let (style, warned) = style_of(&format!("{}: {};", used.name, used.sample));
        assert!(warned.is_empty(), "{}: {warned:?}", used.name);
        assert_eq!(style != plain, used.effect, "{}: {} changes the style exactly when the table says it has an effect", used.name, used.sample);
    }
    for unknown in ["-webkit-tap-highlight-color: red;", "-webkit-touch-callout: none;", "zoom-level: 3;", "filter: blur(2px);", "clip-path: circle(50%);"] {
        let (style, warned) = style_of(unknown);
        let name = unknown.split(':').next().unwrap();
        assert_eq!(warned.len(), 1, "{unknown}: {warned:?}");
        assert!(warned[0].contains(&format!("property `{name}`")), "{}", warned[0]);
        assert!(style == plain, "{unknown} changes nothing");
    }
    // An unknown property next to a line clamp leaves the clamp alone.
    assert_eq!(style_of("-webkit-line-clamp: 2; zoom-level: 3;").0.line_clamp, Some(2));
}

#[test]
fn attribute_selectors_see_the_class_names() {
    // WeUI's icons: `[class^="weui-icon-"]` and `[class*=" weui-icon-"]`.
    let s = sheet(&[("a.wxss", r#"[class^="weui-icon-"] { color: red } [class*=" big"] { width: 10px } [class~="x"] { height: 2px }"#)]);
    let mut tree = StyleTree::new();
    let icon = tree.push(0, node("text", &["weui-icon-success", "big", "x"], PAGE));
    let other = tree.push(0, node("text", &["plain", "weui-icon-info"], PAGE));
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    assert_eq!((styles[icon].color, styles[icon].width, styles[icon].height), (rgb(255, 0, 0), Dim::px(10.0), Dim::px(2.0)));
    assert_ne!(styles[other].color, rgb(255, 0, 0), "^= is the start of the whole attribute");
}

#[test]
fn ems_are_of_the_elements_own_font_size_whichever_rule_sets_it() {
    let s = sheet(&[("a.wxss", ".a { width: 1em; font-size: 10px } .c { width: 2em; border: 1px solid currentColor } .p .c { font-size: 30px; color: #00ff00 }")]);
    let mut tree = StyleTree::new();
    let a = tree.push(0, node("view", &["a"], PAGE));
    let p = tree.push(0, node("view", &["p"], PAGE));
    let c = tree.push(p, node("view", &["c"], PAGE));
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    assert_eq!(styles[a].width, Dim::px(10.0), "font-size later in the same rule");
    assert_eq!(styles[c].width, Dim::px(60.0), "font-size from a more specific rule");
    assert_eq!(styles[c].border_color(0), rgb(0, 255, 0), "currentColor is the element's own colour");
}

#[test]
fn color_inherit_and_current_color_are_the_parents_whichever_rule_wins() {
    // WeUI's loading icon in a button: `.weui-btn_loading .weui-mask-loading { color: currentColor }`.
    let s = sheet(&[("a.wxss", ".p { color: #ffffff } .b { color: #606060 } .p .b { color: currentColor } .p .i { color: inherit } .i { color: #606060 }")]);
    let mut tree = StyleTree::new();
    let p = tree.push(0, node("view", &["p"], PAGE));
    let b = tree.push(p, node("view", &["b"], PAGE));
    let i = tree.push(p, node("view", &["i"], PAGE));
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    assert_eq!((styles[b].color, styles[i].color), (rgb(255, 255, 255), rgb(255, 255, 255)));
}

#[test]
fn text_transform_inherits_and_changes_the_letters_case() {
    use wxemu_wxss::style::TextTransform;
    let s = sheet(&[("a.wxss", ".up { text-transform: uppercase }")]);
    let mut tree = StyleTree::new();
    let up = tree.push(0, node("view", &["up"], PAGE));
    let inner = tree.push(up, node("text", &[], PAGE));
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    assert_eq!(styles[inner].text_transform.apply("Score 分数"), "SCORE 分数");
    assert_eq!(TextTransform::Capitalize.apply("hello world-wide 2048x"), "Hello World-Wide 2048x");
    assert_eq!(TextTransform::Lowercase.apply("BEST"), "best");
}

#[test]
fn css_wide_keywords_take_the_parents_or_the_initial_value() {
    // tdesign's image: `.t-image__img { width: inherit; height: inherit }` under an auto-sized host.
    let s = sheet(&[(
        "a.wxss",
        ".p { width: 100px; height: auto; padding: 3px; font-size: 20px; color: #ff0000 } \
         .c { width: 7px; height: 8px; padding: 5px; font-size: 10px; color: #00ff00 } \
         .c.in { width: inherit; height: inherit; padding-left: inherit; font-size: inherit } \
         .c.un { padding: unset; font-size: unset; color: initial }",
    )]);
    let mut tree = StyleTree::new();
    let p = tree.push(0, node("view", &["p"], PAGE));
    let inherits = tree.push(p, node("view", &["c", "in"], PAGE));
    let unset = tree.push(p, node("view", &["c", "un"], PAGE));
    let styles = Cascade { sheets: vec![(PAGE, &s)], device: Device::IPHONE_6, dark: false }.compute(&tree).elements;
    let i = &styles[inherits];
    assert_eq!((i.width, i.height, i.padding[3], i.padding[0], i.font_size), (Dim::px(100.0), Dim::Auto, Dim::px(3.0), Dim::px(5.0), 20.0));
    let u = &styles[unset];
    assert_eq!((u.padding[0], u.font_size, u.color), (Dim::px(0.0), 20.0, rgb(0, 0, 0)), "padding is not inherited: unset is its initial value; font-size is");
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
}
