//! Generated input for every target (proptest): token soups that look enough like the real
//! thing to get deep into each parser, with random characters mixed in. Each target runs
//! `PROPTEST_CASES` inputs (256 by default; the long run in the README sets more), each in
//! a forked worker with a 10 s timeout, so a panic, an abort or a hang is a failure that
//! proptest shrinks to a minimal input.

use proptest::prelude::*;

/// `count` pieces from `pieces` (or any character), joined.
fn soup(pieces: &'static [&'static str], count: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => (proptest::sample::select(pieces), 1usize..400).prop_map(|(p, n)| p.repeat(n)),
    ];
    proptest::collection::vec(piece, 0..count).prop_map(|parts| parts.concat())
}

const WXML: &[&str] = &[
    "<view",
    "<view>",
    "</view>",
    "<text>",
    "</text>",
    ">",
    "/>",
    "<",
    "</",
    " ",
    "\n",
    "=",
    "\"",
    "'",
    "a",
    "中",
    "{{",
    "}}",
    "{{item}}",
    "{{list[0]}}",
    "{{obj.a.b}}",
    "{{m.f(n)}}",
    " wx:for=\"{{list}}\"",
    " wx:for=\"{{3}}\"",
    " wx:key=\"*this\"",
    " wx:if=\"{{n}}\"",
    " wx:elif=\"{{s}}\"",
    " wx:else",
    "<block",
    "</block>",
    " class=\"a {{s}}\"",
    " style=\"width: {{n}}px\"",
    " data-x=\"{{obj}}\"",
    " bindtap=\"f\"",
    " catch:tap=\"g\"",
    " mark:m=\"1\"",
    " hidden",
    " model:value=\"{{s}}\"",
    "<template name=\"x\">",
    "</template>",
    "<template is=\"x\" data=\"{{...obj}}\"/>",
    "<template is=\"t\"/>",
    "<import src=\"other.wxml\"/>",
    "<include src=\"other.wxml\"/>",
    "<include src=\"index.wxml\"/>",
    "<import src=\"/nope.wxml\"/>",
    "<wxs module=\"m\" src=\"m.wxs\"/>",
    "<wxs module=\"w\">",
    "</wxs>",
    "module.exports = { g: function (x) { return x; } };",
    "<!--",
    "-->",
    "&lt;",
    "&amp;",
    "<slot/>",
    "<slot name=\"s\"/>",
    "<rich-text nodes=\"{{s}}\"/>",
];

const EXPRESSION: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "a",
    "list",
    "obj",
    "s",
    "n",
    "item",
    "0",
    "1",
    "1e5",
    "0x1f",
    ".5",
    ".",
    "+",
    "-",
    "*",
    "/",
    "%",
    "!",
    "~",
    "?",
    ":",
    ",",
    "==",
    "===",
    "!=",
    "<",
    ">",
    "<=",
    ">=",
    "&&",
    "||",
    "&",
    "|",
    "^",
    "<<",
    ">>",
    "'s'",
    "\"d\"",
    "'",
    "\"",
    "...",
    "a.b",
    "[0]",
    "m.f",
    "m.f(1)",
    "null",
    "undefined",
    "true",
    "false",
    " ",
    "中",
    "\\",
    "typeof",
    "??",
    "?.",
];

const WXSS: &[&str] = &[
    "view",
    ".a",
    "#b",
    "page",
    ":host",
    "::before",
    "[x=\"1\"]",
    " ",
    ">",
    "+",
    "~",
    ",",
    "{",
    "}",
    ";",
    ":",
    "color: red;",
    "width: 10rpx;",
    "margin: 0 auto;",
    "content: \"{\";",
    "font-size: calc(1rpx + 2%);",
    "--v: 1px;",
    "width: var(--v, 2px);",
    "background: url(data:image/png;base64,AA==);",
    "@media (min-width: 100px)",
    "@media screen and",
    "@import \"a.wxss\";",
    "@import \"index.wxss\";",
    "@import url(b.wxss);",
    "@keyframes k",
    "@font-face",
    "from",
    "to",
    "50%",
    ":not(",
    ")",
    "(",
    "/*",
    "*/",
    "\"",
    "'",
    "\\",
    "!important",
    "rpx",
    "-1rpx",
    "0.5rpx",
    "1e9rpx",
    "env(safe-area-inset-top)",
    "中",
];

const JSON_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"pages\"",
    "\"pages/index/index\"",
    "\"window\"",
    "\"tabBar\"",
    "\"list\"",
    "\"pagePath\"",
    "\"usingComponents\"",
    "\"c\"",
    "\"/components/c/c\"",
    "\"../c\"",
    "\"plugin://p/c\"",
    "\"subpackages\"",
    "\"root\"",
    "\"resolveAlias\"",
    "\"@c/*\"",
    "\"/components/*\"",
    "\"component\"",
    "true",
    "false",
    "null",
    "1",
    "-1e400",
    "\"\"",
    "\"中\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    " ",
    "\n",
    "\"entryPagePath\"",
    "\"navigationBarTitleText\"",
    "\"darkmode\"",
];

const DATA_PATH: &[&str] = &["list", "obj", "a", "b", ".", "[", "]", "0", "1", "3", "999", "3000000000", "-1", "中", " ", "\\", "'"];

proptest! {
    #![proptest_config(ProptestConfig { timeout: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn wxml(source in soup(WXML, 120)) {
        wxemu_fuzz::wxml(&source);
    }

    #[test]
    fn expression(source in soup(EXPRESSION, 60)) {
        wxemu_fuzz::expression(&source);
    }

    #[test]
    fn wxss(source in soup(WXSS, 120)) {
        wxemu_fuzz::wxss(&source);
    }

    #[test]
    fn package_json(app in soup(JSON_PIECES, 80), page in soup(JSON_PIECES, 40)) {
        wxemu_fuzz::package(&app, &page);
    }

    #[test]
    fn set_data(path in soup(DATA_PATH, 12), json in soup(JSON_PIECES, 80)) {
        wxemu_fuzz::set_data(&path, &json);
    }
}
