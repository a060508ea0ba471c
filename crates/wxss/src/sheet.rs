//! Loading one WXSS file into style rules: rpx pass, lightningcss parse, `@import` inlined in
//! place (as wcsc does), cycles and unsupported things reported with file:line:col.

use crate::device::Device;
use crate::rpx::{self, Converted};
use lightningcss::media_query::MediaList;
use lightningcss::properties::Property;
use lightningcss::rules::font_face::{FontFaceProperty, Source};
use lightningcss::rules::keyframes::{Keyframe, KeyframeSelector, KeyframesName};
use lightningcss::rules::{CssRule, CssRuleList, Location};
use lightningcss::selector::SelectorList;
use lightningcss::stylesheet::PrinterOptions;
use lightningcss::stylesheet::{ParserOptions, StyleSheet};
use lightningcss::traits::IntoOwned;
use lightningcss::traits::ToCss;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::{Arc, RwLock};
use wxemu_package::resolve::resolve_path;
use wxemu_package::{Diagnostic, FileError, Pos};

/// One style rule with where it came from.
#[derive(Debug)]
pub struct Rule {
    pub selectors: SelectorList<'static>,
    pub declarations: Vec<Property<'static>>,
    pub important: Vec<Property<'static>>,
    /// The `@media` conditions around the rule (all must match).
    pub media: Vec<MediaList<'static>>,
    pub file: Rc<str>,
    pub pos: Pos,
}

/// An `@font-face` rule: the family it names and its `src` URLs in order.
#[derive(Clone, Debug)]
pub struct FontFace {
    pub family: String,
    pub sources: Vec<String>,
    pub file: Rc<str>,
    pub pos: Pos,
}

/// The rules of a file and of everything it imports, in source order.
#[derive(Debug, Default)]
pub struct Sheet {
    pub rules: Vec<Rule>,
    /// Each `@keyframes` rule's end state (its last keyframe's declarations), by name: what
    /// an animation with `animation-fill-mode: forwards` leaves drawn.
    pub keyframes: std::collections::HashMap<String, Vec<Property<'static>>>,
    pub font_faces: Vec<FontFace>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The deepest `{ }` blocks and `( )` brackets may nest in a sheet: far past what sheets
/// have, and short of what nested `@media` would cost (each level repeats the ones above).
pub const MAX_NESTING: usize = 256;

/// Where `text` first nests blocks or brackets deeper than [`MAX_NESTING`], outside strings
/// and comments.
fn too_deep(text: &str) -> Option<Pos> {
    let (mut depth, mut quote, mut comment, mut escaped) = (0usize, None, false, false);
    let mut pos = Pos::START;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let here = pos;
        pos = pos.advance(c.encode_utf8(&mut [0; 4]));
        match (quote, c) {
            _ if escaped => escaped = false,
            _ if comment => {
                // Everything up to `*/` is comment.
                let closing = c == '*' && chars.peek() == Some(&'/');
                if closing {
                    chars.next();
                    pos = pos.advance("/");
                }
                comment = !closing;
            }
            (_, '\\') => escaped = true,
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '/') if chars.peek() == Some(&'*') => comment = true,
            (None, '{' | '(') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(here);
                }
            }
            (None, '}' | ')') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Loads `file` (root-relative) with `read` giving file contents by root-relative path.
pub fn load(file: &str, device: &Device, read: &dyn Fn(&str) -> Result<String, FileError>) -> Sheet {
    let mut loader = Loader { device, read, sheet: Sheet::default(), stack: Vec::new(), warned: BTreeSet::new() };
    match read(file) {
        Ok(text) => loader.file(file, &text),
        Err(e) => loader.sheet.diagnostics.push(e.diagnostic(file)),
    }
    loader.sheet
}

struct Loader<'a> {
    device: &'a Device,
    read: &'a dyn Fn(&str) -> Result<String, FileError>,
    sheet: Sheet,
    stack: Vec<String>,
    /// Unsupported property names already reported (once per file).
    warned: BTreeSet<(Rc<str>, String)>,
}

impl Loader<'_> {
    fn file(&mut self, file: &str, text: &str) {
        if let Some(pos) = too_deep(text) {
            let message = format!("blocks or brackets nested deeper than {MAX_NESTING} levels");
            self.sheet.diagnostics.push(Diagnostic::error(file, pos, message).with_hint("flatten the rules; this file is ignored"));
            return;
        }
        self.stack.push(file.to_string());
        let converted = rpx::convert(text, self.device);
        let warnings = Arc::new(RwLock::new(Vec::new()));
        let options = ParserOptions { filename: file.to_string(), error_recovery: true, warnings: Some(warnings.clone()), ..ParserOptions::default() };
        let name: Rc<str> = Rc::from(file);
        match StyleSheet::parse(&converted.css, options) {
            Ok(sheet) => {
                let rules = sheet.rules.into_owned();
                self.rules(&name, &converted, rules, &[]);
            }
            Err(e) => {
                let pos = e.loc.as_ref().map_or(Pos::START, |l| position(&converted, l.line, l.column));
                self.sheet.diagnostics.push(Diagnostic::error(file, pos, e.kind.to_string()).with_hint("fix the CSS syntax; the rest of this file is ignored"));
            }
        }
        for w in warnings.read().unwrap().iter() {
            let pos = w.loc.as_ref().map_or(Pos::START, |l| position(&converted, l.line, l.column));
            self.sheet.diagnostics.push(Diagnostic::warning(file, pos, w.kind.to_string()).with_hint("this declaration or rule is ignored"));
        }
        self.stack.pop();
    }

    fn rules(&mut self, file: &Rc<str>, converted: &Converted, rules: CssRuleList<'static>, media: &[MediaList<'static>]) {
        for rule in rules.0 {
            match rule {
                CssRule::Style(style) => {
                    let pos = location(converted, &style.loc);
                    let declarations = style.declarations.declarations;
                    let important = style.declarations.important_declarations;
                    for property in declarations.iter().chain(&important) {
                        self.check_supported(file, pos, property);
                    }
                    if !style.rules.0.is_empty() {
                        self.unsupported(file, pos, "nested rules");
                    }
                    self.sheet.rules.push(Rule { selectors: style.selectors, declarations, important, media: media.to_vec(), file: file.clone(), pos });
                }
                CssRule::Import(import) => self.import(file, location(converted, &import.loc), &import.url),
                CssRule::Media(rule) => {
                    let mut inner = media.to_vec();
                    inner.push(rule.query);
                    self.rules(file, converted, rule.rules, &inner);
                }
                CssRule::FontFace(face) => self.font_face(file, location(converted, &face.loc), &face.properties),
                CssRule::Keyframes(rule) => {
                    let name = match &rule.name {
                        KeyframesName::Ident(ident) => ident.0.to_string(),
                        KeyframesName::Custom(name) => name.to_string(),
                    };
                    let offset = |k: &Keyframe| {
                        k.selectors
                            .iter()
                            .map(|s| match s {
                                KeyframeSelector::From => 0.0,
                                KeyframeSelector::To => 1.0,
                                KeyframeSelector::Percentage(p) => p.0,
                                KeyframeSelector::TimelineRangePercentage(_) => -1.0,
                            })
                            .fold(-1.0, f32::max)
                    };
                    if let Some(last) = rule.keyframes.iter().filter(|k| offset(k) >= 0.0).max_by(|a, b| offset(a).total_cmp(&offset(b))) {
                        let pos = location(converted, &rule.loc);
                        let end: Vec<Property<'static>> = last.declarations.declarations.iter().chain(&last.declarations.important_declarations).cloned().collect();
                        for property in &end {
                            self.check_supported(file, pos, property);
                        }
                        self.sheet.keyframes.insert(name, end);
                    }
                }
                CssRule::Ignored => {}
                other => {
                    let (what, loc) = at_rule_name(&other);
                    self.unsupported(file, loc.map_or(Pos::START, |l| location(converted, &l)), what);
                }
            }
        }
    }

    fn font_face(&mut self, file: &Rc<str>, pos: Pos, properties: &[FontFaceProperty<'static>]) {
        let mut family = None;
        let mut sources = Vec::new();
        for property in properties {
            match property {
                FontFaceProperty::FontFamily(f) => family = Some(f.to_css_string(PrinterOptions::default()).unwrap_or_default().trim_matches(['"', '\'']).to_string()),
                FontFaceProperty::Source(list) => sources.extend(list.iter().filter_map(|s| if let Source::Url(u) = s { Some(u.url.url.to_string()) } else { None })),
                _ => {}
            }
        }
        match family {
            Some(family) if !sources.is_empty() => self.sheet.font_faces.push(FontFace { family, sources, file: file.clone(), pos }),
            _ => self.sheet.diagnostics.push(Diagnostic::warning(file, pos, "@font-face without font-family or src").with_hint("give it both; it is ignored")),
        }
    }

    fn import(&mut self, file: &Rc<str>, pos: Pos, url: &str) {
        // `~pkg/file` names a file of an npm package (as webpack builds have it): kept whole.
        let target = if url.starts_with('~') { url.to_string() } else { resolve_path(file, url) };
        if let Some(at) = self.stack.iter().position(|f| *f == target) {
            let chain = self.stack[at..].iter().chain([&target]).cloned().collect::<Vec<_>>().join(" → ");
            self.sheet.diagnostics.push(Diagnostic::error(file, pos, format!("@import cycle: {chain}")).with_hint("remove one of the imports in the cycle"));
            return;
        }
        match (self.read)(&target) {
            Ok(text) => self.file(&target, &text),
            Err(FileError::Missing) => self
                .sheet
                .diagnostics
                .push(Diagnostic::error(file, pos, format!("@import \"{url}\": no file {target}")).with_hint("paths are relative to this file, or to the package root when they start with /")),
            Err(e) => self.sheet.diagnostics.push(Diagnostic::error(file, pos, format!("@import \"{url}\": {}", e.describe(&target))).with_hint("keep imported files inside the package, as UTF-8")),
        }
    }

    fn check_supported(&mut self, file: &Rc<str>, pos: Pos, property: &Property) {
        if let Some(url) = local_image(property) {
            self.sheet.diagnostics.push(
                Diagnostic::warning(file, pos, format!("local image `{url}` in WXSS: the platform does not load it"))
                    .with_hint("use a network URL or a base64 data URL, or show the picture with <image>"),
            );
        }
        if !crate::properties::is_supported(property) {
            let name = property.property_id().name().to_string();
            self.unsupported(file, pos, &format!("property `{name}`"));
        }
    }

    fn unsupported(&mut self, file: &Rc<str>, pos: Pos, what: &str) {
        if self.warned.insert((file.clone(), what.to_string())) {
            self.sheet.diagnostics.push(Diagnostic::warning(file, pos, format!("not supported by wxemu yet: {what}")).with_hint("it is ignored when drawing; the page may look different on a phone"));
        }
    }
}

/// Whether an image URL in WXSS is loaded by the platform: network and data URLs only.
pub(crate) fn loads_in_wxss(url: &str) -> bool {
    ["http://", "https://", "data:"].iter().any(|p| url.starts_with(p))
}

/// A `url()` in a background that points into the package.
fn local_image(property: &Property) -> Option<String> {
    let images = match property {
        Property::BackgroundImage(images) => images.to_vec(),
        Property::Background(backgrounds) => backgrounds.iter().map(|b| b.image.clone()).collect(),
        _ => return None,
    };
    images.into_iter().find_map(|image| match image {
        lightningcss::values::image::Image::Url(u) if !loads_in_wxss(&u.url) => Some(u.url.to_string()),
        _ => None,
    })
}

fn at_rule_name(rule: &CssRule) -> (&'static str, Option<Location>) {
    match rule {
        CssRule::Supports(r) => ("@supports", Some(r.loc)),
        CssRule::Page(r) => ("@page", Some(r.loc)),
        CssRule::LayerBlock(r) => ("@layer", Some(r.loc)),
        CssRule::Container(r) => ("@container", Some(r.loc)),
        _ => ("this at-rule", None),
    }
}

fn location(converted: &Converted, loc: &Location) -> Pos {
    position(converted, loc.line, loc.column)
}

/// A lightningcss position (0-based line, 1-based column in the converted text) in the source.
fn position(converted: &Converted, line: u32, column: u32) -> Pos {
    Pos { line: line + 1, col: converted.source_column(line, column) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_past_the_limit_is_reported_and_the_file_left_out() {
        let deep = format!("view {{ color: red; }}\n{}view{{}}{}", "@media (min-width: 1px) {".repeat(300), "}".repeat(300));
        let sheet = load("a.wxss", &Device::IPHONE_6, &|_| Ok(deep.clone()));
        assert!(sheet.rules.is_empty());
        assert_eq!(sheet.diagnostics[0].to_string().lines().next(), Some("a.wxss:2:6408: error: blocks or brackets nested deeper than 256 levels"));
        // Brackets in strings and comments do not count; shallow nesting is read.
        let fine = format!("/* {0} */ view::before {{ content: \"{0}\"; width: calc((1px + 2px) * 2); }}", "{(".repeat(400));
        let sheet = load("b.wxss", &Device::IPHONE_6, &|_| Ok(fine.clone()));
        assert_eq!((sheet.rules.len(), sheet.diagnostics.len()), (1, 0), "{:?}", sheet.diagnostics);
    }
}
