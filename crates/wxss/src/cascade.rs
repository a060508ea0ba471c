//! The cascade: which rules apply to each element (scope, @media, specificity, source order,
//! !important, inline style), CSS variables, and lightningcss values turned into
//! [`ComputedStyle`] fields.

use crate::device::Device;
use crate::rpx;
use crate::select::{Scope, StyleNode, StyleTree};
pub use crate::select::BUILT_IN;
use crate::sheet::{Rule, Sheet};
use crate::style::*;
use lightningcss::media_query::{MediaCondition, MediaFeatureComparison, MediaFeatureId, MediaFeatureName, MediaFeatureValue, MediaList, MediaType, Operator, QueryFeature};
use lightningcss::selector::{Component, Selector};
use lightningcss::properties::{align, border, custom::CustomPropertyName, display, flex, font, overflow, position, size, text, Property, PropertyId};
use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleAttribute};
use lightningcss::traits::{IntoOwned, ToCss};
use lightningcss::values::calc::{Calc, MathFunction};
use lightningcss::values::color::CssColor;
use lightningcss::values::gradient::{Gradient, GradientItem, LineDirection};
use lightningcss::values::image::Image;
use lightningcss::values::length::{Length, LengthPercentage, LengthPercentageOrAuto, LengthValue};
use lightningcss::values::percentage::DimensionPercentage;
use std::collections::HashMap;

/// The font size of `page` (and `rem`), as in the WebView.
pub const ROOT_FONT_SIZE: f32 = 16.0;

/// Stylesheets by scope, and the device and theme they are computed for.
pub struct Cascade<'a> {
    /// Sheets in cascade order (the built-in sheet first, then app.wxss, the page, components).
    pub sheets: Vec<(Scope, &'a Sheet)>,
    pub device: Device,
    pub dark: bool,
}

impl Cascade<'_> {
    /// Computes the style of every node of `tree` (same indices).
    pub fn compute(&self, tree: &StyleTree) -> Vec<ComputedStyle> {
        let index = RuleIndex::new(self);
        let mut styles: Vec<ComputedStyle> = Vec::with_capacity(tree.nodes.len());
        let mut variables: Vec<HashMap<String, String>> = Vec::with_capacity(tree.nodes.len());
        let mut candidates = Vec::new();
        for (at, node) in tree.nodes.iter().enumerate() {
            let (parent, mut vars) = match node.parent {
                Some(p) => (Some(&styles[p]), variables[p].clone()),
                None => (None, HashMap::new()),
            };
            let mut style = parent.map_or_else(|| ComputedStyle { font_size: ROOT_FONT_SIZE, ..ComputedStyle::default() }, ComputedStyle::inherit);
            index.candidates(node, &mut candidates);
            // (specificity, order) of each rule with a matching selector (its most specific one).
            let mut matched: Vec<(u32, usize, &Rule)> = Vec::new();
            for entry in &candidates {
                if entry.selector.pseudo_element().is_none() && tree.matches(entry.selector, at, entry.scope) {
                    let specificity = entry.selector.specificity();
                    match matched.last_mut() {
                        Some(last) if last.1 == entry.order => last.0 = last.0.max(specificity),
                        _ => matched.push((specificity, entry.order, entry.rule)),
                    }
                }
            }
            matched.sort_by_key(|&(specificity, order, _)| (specificity, order));
            let inline = (!node.style.is_empty()).then(|| StyleAttribute::parse(&node.style, ParserOptions::default()).ok()).flatten();
            let mut context = Context { device: &self.device, parent_font: parent.map_or(ROOT_FONT_SIZE, |p| p.font_size), vars: &mut vars };
            for (_, _, rule) in &matched {
                rule.declarations.iter().for_each(|p| context.apply(&mut style, p));
            }
            if let Some(inline) = &inline {
                inline.declarations.declarations.iter().for_each(|p| context.apply(&mut style, p));
            }
            for (_, _, rule) in &matched {
                rule.important.iter().for_each(|p| context.apply(&mut style, p));
            }
            if let Some(inline) = &inline {
                inline.declarations.important_declarations.iter().for_each(|p| context.apply(&mut style, p));
            }
            styles.push(style);
            variables.push(vars);
        }
        styles
    }

    pub(crate) fn media_matches(&self, list: &MediaList) -> bool {
        list.media_queries.is_empty()
            || list.media_queries.iter().any(|q| {
                let typed = matches!(q.media_type, MediaType::All | MediaType::Screen);
                let condition = q.condition.as_ref().is_none_or(|c| self.condition(c));
                (typed && condition) != matches!(q.qualifier, Some(lightningcss::media_query::Qualifier::Not))
            })
    }

    fn condition(&self, condition: &MediaCondition) -> bool {
        match condition {
            MediaCondition::Feature(feature) => self.feature(feature),
            MediaCondition::Not(inner) => !self.condition(inner),
            MediaCondition::Operation { operator: Operator::And, conditions } => conditions.iter().all(|c| self.condition(c)),
            MediaCondition::Operation { operator: Operator::Or, conditions } => conditions.iter().any(|c| self.condition(c)),
            _ => false,
        }
    }

    fn feature(&self, feature: &QueryFeature<MediaFeatureId>) -> bool {
        let size = |id: &MediaFeatureId| match id {
            MediaFeatureId::Width => Some(self.device.width),
            MediaFeatureId::Height => Some(self.device.height),
            _ => None,
        };
        match feature {
            QueryFeature::Plain { name: MediaFeatureName::Standard(MediaFeatureId::PrefersColorScheme), value: MediaFeatureValue::Ident(v) } => (v.0.as_ref() == "dark") == self.dark,
            QueryFeature::Plain { name: MediaFeatureName::Standard(MediaFeatureId::Orientation), value: MediaFeatureValue::Ident(v) } => {
                (v.0.as_ref() == "portrait") == (self.device.height >= self.device.width)
            }
            QueryFeature::Plain { name: MediaFeatureName::Standard(id), value: MediaFeatureValue::Length(l) } => size(id).zip(l.to_px()).is_some_and(|(a, b)| a == b),
            QueryFeature::Range { name: MediaFeatureName::Standard(id), operator, value: MediaFeatureValue::Length(l) } => match (size(id), l.to_px()) {
                (Some(actual), Some(limit)) => match operator {
                    MediaFeatureComparison::Equal => actual == limit,
                    MediaFeatureComparison::GreaterThan => actual > limit,
                    MediaFeatureComparison::GreaterThanEqual => actual >= limit,
                    MediaFeatureComparison::LessThan => actual < limit,
                    MediaFeatureComparison::LessThanEqual => actual <= limit,
                },
                _ => false,
            },
            _ => false,
        }
    }
}

/// One selector of a rule, filed under the most telling part of its rightmost compound.
struct Entry<'a> {
    selector: &'a Selector<'static>,
    scope: Scope,
    order: usize,
    rule: &'a Rule,
}

/// Rules filed by id, class and tag, so each element only tries the selectors that can match it.
struct RuleIndex<'a> {
    ids: HashMap<&'a str, Vec<Entry<'a>>>,
    classes: HashMap<&'a str, Vec<Entry<'a>>>,
    tags: HashMap<&'a str, Vec<Entry<'a>>>,
    any: Vec<Entry<'a>>,
}

impl<'a> RuleIndex<'a> {
    fn new(cascade: &Cascade<'a>) -> RuleIndex<'a> {
        let mut index = RuleIndex { ids: HashMap::new(), classes: HashMap::new(), tags: HashMap::new(), any: Vec::new() };
        let rules = cascade.sheets.iter().flat_map(|(scope, sheet)| sheet.rules.iter().map(move |r| (*scope, r))).filter(|(_, r)| r.media.iter().all(|m| cascade.media_matches(m)));
        for (order, (scope, rule)) in rules.enumerate() {
            for selector in rule.selectors.0.iter() {
                let entry = Entry { selector, scope, order, rule };
                let (mut id, mut class, mut tag) = (None, None, None);
                for component in selector.iter() {
                    match component {
                        Component::ID(i) => id = Some(i.0.as_ref()),
                        Component::Class(c) => class = Some(c.0.as_ref()),
                        Component::LocalName(l) => tag = Some(l.name.0.as_ref()),
                        _ => {}
                    }
                }
                match (id, class, tag) {
                    (Some(id), _, _) => index.ids.entry(id).or_default().push(entry),
                    (None, Some(class), _) => index.classes.entry(class).or_default().push(entry),
                    (None, None, Some(tag)) => index.tags.entry(tag).or_default().push(entry),
                    _ => index.any.push(entry),
                }
            }
        }
        index
    }

    /// The entries that may match `node`, in cascade order.
    fn candidates<'s>(&'s self, node: &StyleNode, out: &mut Vec<&'s Entry<'a>>) {
        out.clear();
        let lists = [self.ids.get(node.id.as_str()), self.tags.get(node.tag.as_str())].into_iter().chain(node.classes.iter().map(|(c, _)| self.classes.get(c.as_str())));
        for list in lists.flatten().chain([&self.any]) {
            out.extend(list.iter());
        }
        out.sort_by_key(|e| e.order);
        out.dedup_by_key(|e| (e.order, e.selector as *const _));
    }
}

/// Whether wxemu uses `property` when drawing (a shorthand when any of its parts is used).
pub fn is_supported(property: &Property) -> bool {
    match property {
        Property::Custom(custom) => match &custom.name {
            CustomPropertyName::Custom(_) => true,
            // -webkit-box-orient only matters next to -webkit-line-clamp, which clamps lines.
            CustomPropertyName::Unknown(name) => matches!(name.0.as_ref(), "-webkit-line-clamp" | "line-clamp" | "-webkit-box-orient"),
        },
        Property::Unparsed(unparsed) => supported_id(&unparsed.property_id),
        other => supported_id(&other.property_id()),
    }
}

fn supported_id(id: &PropertyId) -> bool {
    if let Some(longhands) = id.longhands() {
        return longhands.iter().any(supported_id);
    }
    use PropertyId as P;
    matches!(
        id,
        P::Display | P::Position | P::BoxSizing(_) | P::Width | P::Height | P::MinWidth | P::MinHeight | P::MaxWidth | P::MaxHeight
            | P::MarginTop | P::MarginRight | P::MarginBottom | P::MarginLeft | P::PaddingTop | P::PaddingRight | P::PaddingBottom | P::PaddingLeft
            | P::Top | P::Right | P::Bottom | P::Left
            | P::BorderTopWidth | P::BorderRightWidth | P::BorderBottomWidth | P::BorderLeftWidth
            | P::BorderTopColor | P::BorderRightColor | P::BorderBottomColor | P::BorderLeftColor
            | P::BorderTopStyle | P::BorderRightStyle | P::BorderBottomStyle | P::BorderLeftStyle
            | P::BorderTopLeftRadius(_) | P::BorderTopRightRadius(_) | P::BorderBottomRightRadius(_) | P::BorderBottomLeftRadius(_)
            | P::FlexDirection(_) | P::FlexWrap(_) | P::FlexGrow(_) | P::FlexShrink(_) | P::FlexBasis(_)
            | P::JustifyContent(_) | P::AlignContent(_) | P::AlignItems(_) | P::AlignSelf(_) | P::RowGap | P::ColumnGap | P::Order(_)
            | P::AspectRatio | P::ZIndex | P::OverflowX | P::OverflowY | P::Opacity | P::BackgroundColor | P::BackgroundImage
            | P::BoxShadow(_) | P::TextOverflow(_) | P::Color | P::FontSize | P::FontWeight | P::FontStyle | P::FontFamily
            | P::LineHeight | P::LetterSpacing | P::TextAlign | P::WhiteSpace | P::Visibility | P::TextDecorationLine(_)
            // Only meaningful next to -webkit-line-clamp, which clamps the lines.
            | P::BoxOrient(_)
    )
}

struct Context<'a> {
    device: &'a Device,
    parent_font: f32,
    /// The element's CSS variables (inherited, then its own declarations).
    vars: &'a mut HashMap<String, String>,
}

impl Context<'_> {
    fn apply(&mut self, s: &mut ComputedStyle, property: &Property) {
        use Property as P;
        match property {
            P::Custom(custom) => {
                let text = property.value_to_css_string(PrinterOptions::default()).unwrap_or_default();
                match &custom.name {
                    CustomPropertyName::Custom(name) => {
                        self.vars.insert(name.0.to_string(), text);
                    }
                    CustomPropertyName::Unknown(name) if name.0.as_ref() != "-webkit-box-orient" => s.line_clamp = text.trim().parse().ok(),
                    CustomPropertyName::Unknown(_) => {}
                }
            }
            P::Unparsed(unparsed) => {
                let text = property.value_to_css_string(PrinterOptions::default()).unwrap_or_default();
                let Some(text) = substitute(&text, self.vars, 0) else { return };
                let parsed = Property::parse_string(unparsed.property_id.clone().into_owned(), &text, ParserOptions::default());
                if let Ok(parsed) = &parsed {
                    if !matches!(parsed, P::Unparsed(_)) {
                        self.apply(s, parsed);
                    }
                }
            }
            P::Display(d) => s.display = display_of(d),
            P::Position(p) => {
                s.position = match p {
                    position::Position::Static => Position::Static,
                    position::Position::Relative => Position::Relative,
                    position::Position::Absolute => Position::Absolute,
                    position::Position::Fixed => Position::Fixed,
                    position::Position::Sticky(_) => Position::Sticky,
                }
            }
            P::BoxSizing(b, _) => s.border_box = matches!(b, size::BoxSizing::BorderBox),
            P::Width(v) => s.width = self.size(s, v),
            P::Height(v) => s.height = self.size(s, v),
            P::MinWidth(v) => s.min_width = self.size(s, v),
            P::MinHeight(v) => s.min_height = self.size(s, v),
            P::MaxWidth(v) => s.max_width = self.max_size(s, v),
            P::MaxHeight(v) => s.max_height = self.max_size(s, v),
            P::MarginTop(v) => s.margin[0] = self.lpa(s, v),
            P::MarginRight(v) => s.margin[1] = self.lpa(s, v),
            P::MarginBottom(v) => s.margin[2] = self.lpa(s, v),
            P::MarginLeft(v) => s.margin[3] = self.lpa(s, v),
            P::PaddingTop(v) => s.padding[0] = self.lpa(s, v),
            P::PaddingRight(v) => s.padding[1] = self.lpa(s, v),
            P::PaddingBottom(v) => s.padding[2] = self.lpa(s, v),
            P::PaddingLeft(v) => s.padding[3] = self.lpa(s, v),
            P::Top(v) => s.inset[0] = self.lpa(s, v),
            P::Right(v) => s.inset[1] = self.lpa(s, v),
            P::Bottom(v) => s.inset[2] = self.lpa(s, v),
            P::Left(v) => s.inset[3] = self.lpa(s, v),
            P::BorderTopWidth(v) => s.border[0].width = self.border_width(s, v),
            P::BorderRightWidth(v) => s.border[1].width = self.border_width(s, v),
            P::BorderBottomWidth(v) => s.border[2].width = self.border_width(s, v),
            P::BorderLeftWidth(v) => s.border[3].width = self.border_width(s, v),
            P::BorderTopColor(c) => s.border[0].color = color_of(c, s.color),
            P::BorderRightColor(c) => s.border[1].color = color_of(c, s.color),
            P::BorderBottomColor(c) => s.border[2].color = color_of(c, s.color),
            P::BorderLeftColor(c) => s.border[3].color = color_of(c, s.color),
            P::BorderTopStyle(l) => line_style(&mut s.border[0], l),
            P::BorderRightStyle(l) => line_style(&mut s.border[1], l),
            P::BorderBottomStyle(l) => line_style(&mut s.border[2], l),
            P::BorderLeftStyle(l) => line_style(&mut s.border[3], l),
            P::BorderTopLeftRadius(r, _) => s.radius[0] = (self.lp(s, &r.0), self.lp(s, &r.1)),
            P::BorderTopRightRadius(r, _) => s.radius[1] = (self.lp(s, &r.0), self.lp(s, &r.1)),
            P::BorderBottomRightRadius(r, _) => s.radius[2] = (self.lp(s, &r.0), self.lp(s, &r.1)),
            P::BorderBottomLeftRadius(r, _) => s.radius[3] = (self.lp(s, &r.0), self.lp(s, &r.1)),
            P::FlexDirection(d, _) => {
                s.flex_direction = match d {
                    flex::FlexDirection::Row => FlexDirection::Row,
                    flex::FlexDirection::RowReverse => FlexDirection::RowReverse,
                    flex::FlexDirection::Column => FlexDirection::Column,
                    flex::FlexDirection::ColumnReverse => FlexDirection::ColumnReverse,
                }
            }
            P::FlexWrap(w, _) => {
                s.flex_wrap = match w {
                    flex::FlexWrap::NoWrap => FlexWrap::NoWrap,
                    flex::FlexWrap::Wrap => FlexWrap::Wrap,
                    flex::FlexWrap::WrapReverse => FlexWrap::WrapReverse,
                }
            }
            P::FlexGrow(n, _) => s.flex_grow = *n,
            P::FlexShrink(n, _) => s.flex_shrink = *n,
            P::FlexBasis(v, _) => s.flex_basis = self.lpa(s, v),
            P::JustifyContent(j, _) => s.justify_content = justify_of(j),
            P::AlignContent(a, _) => s.align_content = align_content_of(a),
            P::AlignItems(a, _) => s.align_items = align_items_of(a),
            P::AlignSelf(a, _) => s.align_self = align_self_of(a),
            P::RowGap(g) => s.gap[0] = self.gap(s, g),
            P::ColumnGap(g) => s.gap[1] = self.gap(s, g),
            P::Order(o, _) => s.order = *o,
            P::AspectRatio(r) => s.aspect_ratio = r.ratio.as_ref().filter(|r| r.1 != 0.0).map(|r| r.0 / r.1),
            P::ZIndex(z) => {
                s.z_index = match z {
                    position::ZIndex::Auto => None,
                    position::ZIndex::Integer(i) => Some(*i),
                }
            }
            P::OverflowX(o) => s.overflow[0] = overflow_of(o),
            P::OverflowY(o) => s.overflow[1] = overflow_of(o),
            P::Opacity(a) => s.opacity = a.0.clamp(0.0, 1.0),
            P::BackgroundColor(c) => s.background_color = color_of(c, s.color).unwrap_or(Rgba::TRANSPARENT),
            P::BackgroundImage(images) => s.background_image = images.first().and_then(|i| self.image(s, i)),
            P::BoxShadow(shadows, _) => {
                s.shadows = shadows
                    .iter()
                    .map(|b| Shadow {
                        x: self.length(s, &b.x_offset),
                        y: self.length(s, &b.y_offset),
                        blur: self.length(s, &b.blur),
                        spread: self.length(s, &b.spread),
                        color: color_of(&b.color, s.color).unwrap_or(Rgba::BLACK),
                        inset: b.inset,
                    })
                    .collect()
            }
            P::TextOverflow(t, _) => s.ellipsis = matches!(t, overflow::TextOverflow::Ellipsis),
            P::Color(c) => s.color = color_of(c, s.color).unwrap_or(s.color),
            P::FontSize(f) => s.font_size = self.font_size(f),
            P::FontWeight(w) => s.font_weight = self.font_weight(w),
            P::FontStyle(f) => s.italic = !matches!(f, font::FontStyle::Normal),
            P::FontFamily(families) => {
                s.font_family = families
                    .iter()
                    .map(|f| match f {
                        font::FontFamily::FamilyName(name) => name.to_css_string(PrinterOptions::default()).unwrap_or_default().trim_matches('"').to_string(),
                        font::FontFamily::Generic(g) => g.as_str().to_string(),
                    })
                    .collect()
            }
            P::LineHeight(l) => {
                s.line_height = match l {
                    font::LineHeight::Normal => LineHeight::Normal,
                    font::LineHeight::Number(n) => LineHeight::Number(*n),
                    font::LineHeight::Length(DimensionPercentage::Percentage(p)) => LineHeight::Number(p.0),
                    font::LineHeight::Length(l) => LineHeight::Px(self.lp(s, l).resolve(s.font_size).unwrap_or(0.0)),
                }
            }
            P::LetterSpacing(sp) => {
                s.letter_spacing = match sp {
                    text::Spacing::Normal => 0.0,
                    text::Spacing::Length(l) => self.length(s, l),
                }
            }
            P::TextAlign(t) => {
                s.text_align = match t {
                    text::TextAlign::Left => TextAlign::Left,
                    text::TextAlign::Right => TextAlign::Right,
                    text::TextAlign::Center => TextAlign::Center,
                    text::TextAlign::Justify | text::TextAlign::JustifyAll => TextAlign::Justify,
                    text::TextAlign::End => TextAlign::End,
                    _ => TextAlign::Start,
                }
            }
            P::WhiteSpace(w) => {
                s.white_space = match w {
                    text::WhiteSpace::Normal => WhiteSpace::Normal,
                    text::WhiteSpace::NoWrap => WhiteSpace::NoWrap,
                    text::WhiteSpace::Pre => WhiteSpace::Pre,
                    text::WhiteSpace::PreWrap | text::WhiteSpace::BreakSpaces => WhiteSpace::PreWrap,
                    text::WhiteSpace::PreLine => WhiteSpace::PreLine,
                }
            }
            P::Visibility(v) => s.visible = matches!(v, display::Visibility::Visible),
            P::TextDecorationLine(line, _) => {
                s.underline = line.contains(text::TextDecorationLine::Underline);
                s.line_through = line.contains(text::TextDecorationLine::LineThrough);
            }
            shorthand => {
                let Some(longhands) = shorthand.property_id().longhands() else { return };
                for id in longhands {
                    if let Some(longhand) = shorthand.longhand(&id) {
                        self.apply(s, &longhand);
                    }
                }
            }
        }
    }

    fn length_value(&self, s: &ComputedStyle, v: &LengthValue) -> f32 {
        match v {
            LengthValue::Em(n) => n * s.font_size,
            LengthValue::Rem(n) => n * ROOT_FONT_SIZE,
            LengthValue::Vw(n) => n * self.device.width / 100.0,
            LengthValue::Vh(n) => n * self.device.height / 100.0,
            LengthValue::Vmin(n) => n * self.device.width.min(self.device.height) / 100.0,
            LengthValue::Vmax(n) => n * self.device.width.max(self.device.height) / 100.0,
            other => other.to_px().unwrap_or(0.0),
        }
    }

    fn length(&self, s: &ComputedStyle, l: &Length) -> f32 {
        match l {
            Length::Value(v) => self.length_value(s, v),
            Length::Calc(c) => {
                let (px, _) = self.calc(s, c, &|ctx, s, l: &Length| (ctx.length(s, l), 0.0));
                px
            }
        }
    }

    /// A length-percentage as px + percent.
    fn lp(&self, s: &ComputedStyle, l: &LengthPercentage) -> Dim {
        let (px, percent) = match l {
            DimensionPercentage::Dimension(v) => (self.length_value(s, v), 0.0),
            DimensionPercentage::Percentage(p) => (0.0, p.0 * 100.0),
            DimensionPercentage::Calc(c) => self.calc(s, c, &|ctx, s, l: &LengthPercentage| match ctx.lp(s, l) {
                Dim::Length { px, percent } => (px, percent),
                Dim::Auto => (0.0, 0.0),
            }),
        };
        Dim::Length { px, percent }
    }

    /// A calc() as (px, percent). min/max/clamp are resolved when their arguments have no
    /// percentage; otherwise (and for the rarer functions) they count as 0.
    fn calc<V>(&self, s: &ComputedStyle, c: &Calc<V>, value: &dyn Fn(&Self, &ComputedStyle, &V) -> (f32, f32)) -> (f32, f32) {
        match c {
            Calc::Value(v) => value(self, s, v),
            Calc::Number(n) => (*n, 0.0),
            Calc::Sum(a, b) => {
                let (a, b) = (self.calc(s, a, value), self.calc(s, b, value));
                (a.0 + b.0, a.1 + b.1)
            }
            Calc::Product(n, v) => {
                let (px, pc) = self.calc(s, v, value);
                (n * px, n * pc)
            }
            Calc::Function(f) => {
                let px_only = |args: &[&Calc<V>]| -> Option<Vec<f32>> { args.iter().map(|a| Some(self.calc(s, a, value)).filter(|v| v.1 == 0.0).map(|v| v.0)).collect() };
                let folded = match f.as_ref() {
                    MathFunction::Calc(inner) => return self.calc(s, inner, value),
                    MathFunction::Min(args) => px_only(&args.iter().collect::<Vec<_>>()).map(|v| v.into_iter().fold(f32::INFINITY, f32::min)),
                    MathFunction::Max(args) => px_only(&args.iter().collect::<Vec<_>>()).map(|v| v.into_iter().fold(f32::NEG_INFINITY, f32::max)),
                    MathFunction::Clamp(lo, v, hi) => px_only(&[lo, v, hi]).map(|v| v[1].min(v[2]).max(v[0])),
                    _ => None,
                };
                (folded.unwrap_or(0.0), 0.0)
            }
        }
    }

    fn lpa(&self, s: &ComputedStyle, v: &LengthPercentageOrAuto) -> Dim {
        match v {
            LengthPercentageOrAuto::Auto => Dim::Auto,
            LengthPercentageOrAuto::LengthPercentage(l) => self.lp(s, l),
        }
    }

    fn size(&self, s: &ComputedStyle, v: &size::Size) -> Dim {
        match v {
            size::Size::LengthPercentage(l) => self.lp(s, l),
            _ => Dim::Auto,
        }
    }

    fn max_size(&self, s: &ComputedStyle, v: &size::MaxSize) -> Dim {
        match v {
            size::MaxSize::LengthPercentage(l) => self.lp(s, l),
            _ => Dim::Auto,
        }
    }

    fn gap(&self, s: &ComputedStyle, g: &align::GapValue) -> Dim {
        match g {
            align::GapValue::Normal => Dim::ZERO,
            align::GapValue::LengthPercentage(l) => self.lp(s, l),
        }
    }

    fn border_width(&self, s: &ComputedStyle, w: &border::BorderSideWidth) -> f32 {
        match w {
            border::BorderSideWidth::Thin => 1.0,
            border::BorderSideWidth::Medium => 3.0,
            border::BorderSideWidth::Thick => 5.0,
            border::BorderSideWidth::Length(l) => self.length(s, l),
        }
    }

    fn font_size(&self, f: &font::FontSize) -> f32 {
        let parent = self.parent_font;
        match f {
            font::FontSize::Length(DimensionPercentage::Percentage(p)) => p.0 * parent,
            font::FontSize::Length(l) => {
                let as_parent = ComputedStyle { font_size: parent, ..ComputedStyle::default() };
                self.lp(&as_parent, l).resolve(parent).unwrap_or(parent)
            }
            font::FontSize::Absolute(a) => {
                use font::AbsoluteFontSize as A;
                let scale = match a {
                    A::XXSmall => 0.6,
                    A::XSmall => 0.75,
                    A::Small => 0.889,
                    A::Medium => 1.0,
                    A::Large => 1.2,
                    A::XLarge => 1.5,
                    A::XXLarge => 2.0,
                    A::XXXLarge => 3.0,
                };
                ROOT_FONT_SIZE * scale
            }
            font::FontSize::Relative(font::RelativeFontSize::Larger) => parent * 1.2,
            font::FontSize::Relative(font::RelativeFontSize::Smaller) => parent / 1.2,
        }
    }

    fn font_weight(&self, w: &font::FontWeight) -> u16 {
        match w {
            font::FontWeight::Absolute(font::AbsoluteFontWeight::Weight(n)) => n.clamp(1.0, 1000.0) as u16,
            font::FontWeight::Absolute(font::AbsoluteFontWeight::Normal) => 400,
            font::FontWeight::Absolute(font::AbsoluteFontWeight::Bold) => 700,
            font::FontWeight::Bolder => 700,
            font::FontWeight::Lighter => 300,
        }
    }

    fn image(&self, s: &ComputedStyle, image: &Image) -> Option<BackgroundImage> {
        match image {
            Image::Url(url) if crate::sheet::loads_in_wxss(&url.url) => Some(BackgroundImage::Url(url.url.to_string())),
            Image::Gradient(g) => match g.as_ref() {
                Gradient::Linear(linear) => {
                    let angle = match &linear.direction {
                        LineDirection::Angle(a) => a.to_degrees(),
                        LineDirection::Vertical(v) => {
                            if matches!(v, lightningcss::values::position::VerticalPositionKeyword::Top) {
                                0.0
                            } else {
                                180.0
                            }
                        }
                        LineDirection::Horizontal(h) => {
                            if matches!(h, lightningcss::values::position::HorizontalPositionKeyword::Left) {
                                270.0
                            } else {
                                90.0
                            }
                        }
                        LineDirection::Corner { horizontal, vertical } => {
                            let right = matches!(horizontal, lightningcss::values::position::HorizontalPositionKeyword::Right);
                            let bottom = matches!(vertical, lightningcss::values::position::VerticalPositionKeyword::Bottom);
                            match (right, bottom) {
                                (true, false) => 45.0,
                                (true, true) => 135.0,
                                (false, true) => 225.0,
                                (false, false) => 315.0,
                            }
                        }
                    };
                    let stops = linear
                        .items
                        .iter()
                        .filter_map(|item| match item {
                            GradientItem::ColorStop(stop) => Some(Stop {
                                color: color_of(&stop.color, s.color).unwrap_or(Rgba::TRANSPARENT),
                                at: stop.position.as_ref().and_then(|p| match self.lp(s, p) {
                                    Dim::Length { px: 0.0, percent } => Some(percent / 100.0),
                                    _ => None,
                                }),
                            }),
                            GradientItem::Hint(_) => None,
                        })
                        .collect();
                    Some(BackgroundImage::Linear { angle, stops })
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// `var(--x)` and `var(--x, fallback)` replaced by the variables' text (None when a variable
/// is missing and has no fallback, which makes the declaration invalid at computed time).
fn substitute(text: &str, vars: &HashMap<String, String>, depth: u32) -> Option<String> {
    if depth > 16 {
        return None;
    }
    let Some(start) = text.find("var(") else { return Some(text.to_string()) };
    let body_start = start + 4;
    let mut level = 1;
    let mut end = body_start;
    for (i, c) in text[body_start..].char_indices() {
        match c {
            '(' => level += 1,
            ')' => {
                level -= 1;
                if level == 0 {
                    end = body_start + i;
                    break;
                }
            }
            _ => {}
        }
    }
    if level != 0 {
        return None;
    }
    let body = &text[body_start..end];
    let (name, fallback) = match body.find(',') {
        Some(comma) => (body[..comma].trim(), Some(body[comma + 1..].trim())),
        None => (body.trim(), None),
    };
    let value = match vars.get(name) {
        Some(v) => substitute(v, vars, depth + 1)?,
        None => substitute(fallback?, vars, depth + 1)?,
    };
    let rest = substitute(&text[end + 1..], vars, depth)?;
    Some(format!("{}{}{}", &text[..start], value, rest))
}

fn color_of(c: &CssColor, current: Rgba) -> Option<Rgba> {
    match c {
        CssColor::CurrentColor => Some(current),
        CssColor::LightDark(light, _) => color_of(light, current),
        other => match other.to_rgb().ok()? {
            CssColor::RGBA(rgba) => Some(Rgba { r: rgba.red, g: rgba.green, b: rgba.blue, a: rgba.alpha }),
            _ => None,
        },
    }
}

fn line_style(side: &mut Border, l: &border::LineStyle) {
    side.visible = !matches!(l, border::LineStyle::None | border::LineStyle::Hidden);
    side.dashed = matches!(l, border::LineStyle::Dashed | border::LineStyle::Dotted);
}

fn display_of(d: &display::Display) -> Display {
    match d {
        display::Display::Keyword(display::DisplayKeyword::None) => Display::None,
        display::Display::Keyword(display::DisplayKeyword::Contents) => Display::Contents,
        display::Display::Keyword(_) => Display::Block,
        display::Display::Pair(pair) => {
            let inline = matches!(pair.outside, display::DisplayOutside::Inline);
            match (&pair.inside, inline) {
                // -webkit-box is used with -webkit-line-clamp: a block that clamps its text.
                (display::DisplayInside::Box(_), _) => Display::Block,
                (display::DisplayInside::Flex(_), false) => Display::Flex,
                (display::DisplayInside::Flex(_), true) => Display::InlineFlex,
                (display::DisplayInside::Grid, _) => Display::Grid,
                (display::DisplayInside::FlowRoot, true) => Display::InlineBlock,
                (_, true) => Display::Inline,
                (_, false) => Display::Block,
            }
        }
    }
}

fn overflow_of(o: &overflow::OverflowKeyword) -> Overflow {
    match o {
        overflow::OverflowKeyword::Visible => Overflow::Visible,
        overflow::OverflowKeyword::Hidden | overflow::OverflowKeyword::Clip => Overflow::Hidden,
        overflow::OverflowKeyword::Scroll | overflow::OverflowKeyword::Auto => Overflow::Scroll,
    }
}

fn content_position(p: &align::ContentPosition) -> Distribute {
    match p {
        align::ContentPosition::Center => Distribute::Center,
        align::ContentPosition::Start | align::ContentPosition::FlexStart => Distribute::Start,
        align::ContentPosition::End | align::ContentPosition::FlexEnd => Distribute::End,
    }
}

fn distribution(d: &align::ContentDistribution) -> Distribute {
    match d {
        align::ContentDistribution::SpaceBetween => Distribute::SpaceBetween,
        align::ContentDistribution::SpaceAround => Distribute::SpaceAround,
        align::ContentDistribution::SpaceEvenly => Distribute::SpaceEvenly,
        align::ContentDistribution::Stretch => Distribute::Stretch,
    }
}

fn justify_of(j: &align::JustifyContent) -> Distribute {
    match j {
        align::JustifyContent::Normal => Distribute::Normal,
        align::JustifyContent::ContentDistribution(d) => distribution(d),
        align::JustifyContent::ContentPosition { value, .. } => content_position(value),
        align::JustifyContent::Left { .. } => Distribute::Start,
        align::JustifyContent::Right { .. } => Distribute::End,
    }
}

fn align_content_of(a: &align::AlignContent) -> Distribute {
    match a {
        align::AlignContent::Normal | align::AlignContent::BaselinePosition(_) => Distribute::Normal,
        align::AlignContent::ContentDistribution(d) => distribution(d),
        align::AlignContent::ContentPosition { value, .. } => content_position(value),
    }
}

fn self_position(p: &align::SelfPosition) -> Align {
    match p {
        align::SelfPosition::Center => Align::Center,
        align::SelfPosition::Start | align::SelfPosition::SelfStart | align::SelfPosition::FlexStart => Align::Start,
        align::SelfPosition::End | align::SelfPosition::SelfEnd | align::SelfPosition::FlexEnd => Align::End,
    }
}

fn align_items_of(a: &align::AlignItems) -> Align {
    match a {
        align::AlignItems::Normal => Align::Normal,
        align::AlignItems::Stretch => Align::Stretch,
        align::AlignItems::BaselinePosition(_) => Align::Baseline,
        align::AlignItems::SelfPosition { value, .. } => self_position(value),
    }
}

fn align_self_of(a: &align::AlignSelf) -> Align {
    match a {
        align::AlignSelf::Auto => Align::Auto,
        align::AlignSelf::Normal => Align::Normal,
        align::AlignSelf::Stretch => Align::Stretch,
        align::AlignSelf::BaselinePosition(_) => Align::Baseline,
        align::AlignSelf::SelfPosition { value, .. } => self_position(value),
    }
}

/// rpx in an inline `style` attribute converted for `device` (the view does this before the
/// cascade reads the attribute, as the platform's runtime does).
pub fn inline_style(style: &str, device: &Device) -> String {
    rpx::convert(style, device).css
}
