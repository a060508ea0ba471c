//! The CSS properties wxemu uses, in one table, and how each is applied to a
//! [`ComputedStyle`] from its lightningcss value.

use crate::cascade::Context;
use crate::style::*;
use crate::values::color_of;
use crate::vars::{safe_area, substitute};
use lightningcss::properties::custom::{CustomPropertyName, Token, TokenList, TokenOrValue};
use lightningcss::properties::{align, border, display, flex, font, overflow, position, size, text, Property, PropertyId};
use lightningcss::stylesheet::{ParserOptions, PrinterOptions};
use lightningcss::traits::{IntoOwned, ToCss};
use lightningcss::values::percentage::DimensionPercentage;

/// How wxemu applies a property lightningcss does not parse: to the style, from the
/// declaration's value (as tokens and as text).
type ApplyOwn = fn(&mut ComputedStyle, &TokenList, &str);

/// A CSS property wxemu uses.
pub struct Used {
    /// Its name as WXSS writes it.
    pub name: &'static str,
    /// A value of it: on a plain element it changes the computed style, unless the
    /// property has no effect on its own (the tests check both).
    pub sample: &'static str,
    /// Whether it changes the style on its own (a transition is drawn at its end state;
    /// `-webkit-box-orient` only goes with a line clamp).
    pub effect: bool,
    /// How it is applied when lightningcss does not parse it; None when it does and
    /// [`Context::apply`] takes its typed value.
    own: Option<ApplyOwn>,
}

const fn parsed(name: &'static str, sample: &'static str) -> Used {
    Used { name, sample, effect: true, own: None }
}

/// A property lightningcss parses that wxemu takes without an effect of its own.
const fn accepted(name: &'static str, sample: &'static str) -> Used {
    Used { name, sample, effect: false, own: None }
}

const fn own(name: &'static str, sample: &'static str, apply: ApplyOwn) -> Used {
    Used { name, sample, effect: true, own: Some(apply) }
}

/// The properties wxemu uses: the one list that applying, the unsupported-property warning
/// and the tests read. A shorthand is used when any of its longhands is.
pub const PROPERTIES: &[Used] = &[
    parsed("display", "flex"),
    parsed("position", "absolute"),
    parsed("box-sizing", "border-box"),
    parsed("width", "10px"),
    parsed("height", "10px"),
    parsed("min-width", "10px"),
    parsed("min-height", "10px"),
    parsed("max-width", "10px"),
    parsed("max-height", "10px"),
    parsed("margin-top", "1px"),
    parsed("margin-right", "1px"),
    parsed("margin-bottom", "1px"),
    parsed("margin-left", "1px"),
    parsed("padding-top", "1px"),
    parsed("padding-right", "1px"),
    parsed("padding-bottom", "1px"),
    parsed("padding-left", "1px"),
    parsed("top", "1px"),
    parsed("right", "1px"),
    parsed("bottom", "1px"),
    parsed("left", "1px"),
    parsed("border-top-width", "3px"),
    parsed("border-right-width", "3px"),
    parsed("border-bottom-width", "3px"),
    parsed("border-left-width", "3px"),
    parsed("border-top-color", "red"),
    parsed("border-right-color", "red"),
    parsed("border-bottom-color", "red"),
    parsed("border-left-color", "red"),
    parsed("border-top-style", "dashed"),
    parsed("border-right-style", "dashed"),
    parsed("border-bottom-style", "dashed"),
    parsed("border-left-style", "dashed"),
    parsed("border-top-left-radius", "4px"),
    parsed("border-top-right-radius", "4px"),
    parsed("border-bottom-right-radius", "4px"),
    parsed("border-bottom-left-radius", "4px"),
    parsed("flex-direction", "column"),
    parsed("flex-wrap", "wrap"),
    parsed("flex-grow", "2"),
    parsed("flex-shrink", "0"),
    parsed("flex-basis", "10px"),
    parsed("justify-content", "center"),
    parsed("align-content", "center"),
    parsed("align-items", "center"),
    parsed("align-self", "center"),
    parsed("row-gap", "4px"),
    parsed("column-gap", "4px"),
    parsed("order", "2"),
    parsed("aspect-ratio", "2"),
    parsed("z-index", "3"),
    parsed("overflow-x", "hidden"),
    parsed("overflow-y", "hidden"),
    parsed("opacity", "0.5"),
    parsed("transform", "rotate(10deg)"),
    parsed("transform-origin", "0 0"),
    parsed("background-color", "red"),
    parsed("background-image", "linear-gradient(red, blue)"),
    parsed("background-size", "10px 20px"),
    parsed("background-position-x", "10px"),
    parsed("background-position-y", "10px"),
    parsed("background-repeat", "no-repeat"),
    parsed("background-origin", "content-box"),
    parsed("background-clip", "content-box"),
    // The page is the scroll container, so a fixed background scrolls with the box.
    accepted("background-attachment", "fixed"),
    parsed("mask-image", "linear-gradient(red, blue)"),
    parsed("-webkit-mask-image", "linear-gradient(red, blue)"),
    parsed("mask-size", "10px 20px"),
    parsed("-webkit-mask-size", "10px 20px"),
    parsed("mask-position-x", "10px"),
    parsed("mask-position-y", "10px"),
    parsed("mask-position", "10px 10px"),
    parsed("-webkit-mask-position", "10px 10px"),
    parsed("mask-repeat", "no-repeat"),
    parsed("-webkit-mask-repeat", "no-repeat"),
    parsed("mask-origin", "content-box"),
    parsed("-webkit-mask-origin", "content-box"),
    parsed("mask-clip", "content-box"),
    parsed("-webkit-mask-clip", "content-box"),
    parsed("box-shadow", "0 0 2px red"),
    parsed("text-overflow", "ellipsis"),
    parsed("color", "red"),
    parsed("font-size", "20px"),
    parsed("font-weight", "700"),
    parsed("font-style", "italic"),
    parsed("font-family", "serif"),
    parsed("line-height", "2"),
    parsed("letter-spacing", "2px"),
    parsed("text-align", "center"),
    parsed("white-space", "nowrap"),
    parsed("visibility", "hidden"),
    parsed("text-decoration-line", "underline"),
    parsed("vertical-align", "middle"),
    parsed("word-break", "break-all"),
    parsed("text-transform", "uppercase"),
    parsed("overflow-wrap", "break-word"),
    parsed("word-wrap", "break-word"),
    // Only meaningful next to -webkit-line-clamp, which clamps the lines.
    accepted("-webkit-box-orient", "vertical"),
    // Drawn at their end state: transitions have none of their own; an animation with
    // fill-mode forwards ends at its @keyframes' last frame.
    parsed("animation-name", "spin"),
    accepted("animation-fill-mode", "forwards"),
    accepted("animation-duration", "1s"),
    accepted("animation-timing-function", "linear"),
    accepted("animation-iteration-count", "2"),
    accepted("animation-direction", "reverse"),
    accepted("animation-play-state", "paused"),
    accepted("animation-delay", "1s"),
    accepted("transition-property", "opacity"),
    accepted("transition-duration", "1s"),
    accepted("transition-delay", "1s"),
    accepted("transition-timing-function", "linear"),
    own("-webkit-line-clamp", "2", |s, _, text| s.line_clamp = text.trim().parse().ok()),
    own("line-clamp", "2", |s, _, text| s.line_clamp = text.trim().parse().ok()),
    own("content", "\"x\"", |s, value, _| s.content = content_of(value)),
    own("pointer-events", "none", |s, _, text| s.pointer_events_none = text.trim() == "none"),
    own("float", "left", |s, _, text| {
        s.float = match text.trim() {
            "left" => Float::Left,
            "right" => Float::Right,
            _ => Float::None,
        }
    }),
    own("clear", "both", |s, _, text| {
        s.clear = match text.trim() {
            "left" => Clear::Left,
            "right" => Clear::Right,
            "both" => Clear::Both,
            _ => Clear::None,
        }
    }),
];

fn own_property(name: &str) -> Option<ApplyOwn> {
    PROPERTIES.iter().find(|used| used.name == name).and_then(|used| used.own)
}

/// Whether wxemu uses `property` when drawing (a shorthand when any of its parts is used).
pub fn is_supported(property: &Property) -> bool {
    match property {
        Property::Custom(custom) => match &custom.name {
            CustomPropertyName::Custom(_) => true,
            CustomPropertyName::Unknown(name) => own_property(name.0.as_ref()).is_some(),
        },
        Property::Unparsed(unparsed) => supported_id(&unparsed.property_id),
        other => supported_id(&other.property_id()),
    }
}

fn supported_id(id: &PropertyId) -> bool {
    if let Some(longhands) = id.longhands() {
        return longhands.iter().any(supported_id);
    }
    // Prefixed properties lightningcss parses are named without their prefix.
    PROPERTIES.iter().any(|used| used.own.is_none() && (used.name == id.name() || used.name.strip_prefix("-webkit-") == Some(id.name())))
}

/// A layer's `background-size` or `mask-size`.
fn background_size(context: &Context, s: &ComputedStyle, size: &lightningcss::properties::background::BackgroundSize) -> BackgroundSize {
    use lightningcss::properties::background::BackgroundSize as B;
    match size {
        B::Cover => BackgroundSize::Cover,
        B::Contain => BackgroundSize::Contain,
        B::Explicit { width, height } => BackgroundSize::Explicit(context.lpa(s, width), context.lpa(s, height)),
    }
}

/// Whether a layer's `background-repeat` or `mask-repeat` repeats (x, y).
fn repeat(repeat: &lightningcss::properties::background::BackgroundRepeat) -> [bool; 2] {
    use lightningcss::properties::background::BackgroundRepeatKeyword as R;
    [repeat.x != R::NoRepeat, repeat.y != R::NoRepeat]
}

fn background_origin(origin: &lightningcss::properties::background::BackgroundOrigin) -> BoxArea {
    use lightningcss::properties::background::BackgroundOrigin as O;
    match origin {
        O::BorderBox => BoxArea::Border,
        O::PaddingBox => BoxArea::Padding,
        O::ContentBox => BoxArea::Content,
    }
}

/// A layer's `background-clip` (`text` is drawn as `border-box` for now).
fn background_clip(clip: &lightningcss::properties::background::BackgroundClip) -> BoxArea {
    use lightningcss::properties::background::BackgroundClip as C;
    match clip {
        C::PaddingBox => BoxArea::Padding,
        C::ContentBox => BoxArea::Content,
        C::BorderBox | C::Border | C::Text => BoxArea::Border,
    }
}

/// A mask layer's `mask-origin` or `mask-clip` box (SVG's boxes are the border box here).
fn geometry_box(area: &lightningcss::properties::masking::GeometryBox) -> BoxArea {
    use lightningcss::properties::masking::GeometryBox as G;
    match area {
        G::PaddingBox => BoxArea::Padding,
        G::ContentBox => BoxArea::Content,
        _ => BoxArea::Border,
    }
}

/// An `animation-name` (None for `none`).
fn animation_name(name: &lightningcss::properties::animation::AnimationName) -> Option<String> {
    use lightningcss::properties::animation::AnimationName as N;
    match name {
        N::None => None,
        N::Ident(ident) => Some(ident.0.to_string()),
        N::String(s) => Some(s.to_string()),
    }
}

/// Whether an animation's fill mode keeps its end state after it ends.
fn forwards(mode: &lightningcss::properties::animation::AnimationFillMode) -> bool {
    use lightningcss::properties::animation::AnimationFillMode as F;
    matches!(mode, F::Forwards | F::Both)
}

/// The text of a `content` value: its strings joined (None for `none`/`normal`).
fn content_of(value: &TokenList) -> Option<String> {
    let mut text = String::new();
    for token in &value.0 {
        match token {
            TokenOrValue::Token(Token::String(s)) => text.push_str(s),
            TokenOrValue::Token(Token::Ident(i)) if matches!(i.as_ref(), "none" | "normal") => return None,
            _ => {}
        }
    }
    Some(text)
}

/// Whether `id` is an inherited property (those [`ComputedStyle::inherit`] copies).
fn inherited(id: &PropertyId) -> bool {
    use PropertyId as I;
    matches!(
        id,
        I::Color | I::FontSize | I::FontWeight | I::FontStyle | I::FontFamily | I::LineHeight | I::LetterSpacing | I::TextAlign | I::WhiteSpace | I::Visibility | I::WordBreak | I::TextTransform
    )
}

/// Sets property `id` of `s` to its value in `from` (a CSS-wide keyword's source).
fn take(id: &PropertyId, from: &ComputedStyle, s: &mut ComputedStyle) {
    use PropertyId as I;
    match id {
        I::Display => s.display = from.display,
        I::Position => s.position = from.position,
        I::BoxSizing(_) => s.border_box = from.border_box,
        I::Width => s.width = from.width,
        I::Height => s.height = from.height,
        I::MinWidth => s.min_width = from.min_width,
        I::MinHeight => s.min_height = from.min_height,
        I::MaxWidth => s.max_width = from.max_width,
        I::MaxHeight => s.max_height = from.max_height,
        I::Margin => s.margin = from.margin,
        I::Padding => s.padding = from.padding,
        I::Inset => s.inset = from.inset,
        I::MarginTop | I::PaddingTop | I::Top => take_side(id, 0, from, s),
        I::MarginRight | I::PaddingRight | I::Right => take_side(id, 1, from, s),
        I::MarginBottom | I::PaddingBottom | I::Bottom => take_side(id, 2, from, s),
        I::MarginLeft | I::PaddingLeft | I::Left => take_side(id, 3, from, s),
        I::FlexDirection(_) => s.flex_direction = from.flex_direction,
        I::FlexWrap(_) => s.flex_wrap = from.flex_wrap,
        I::FlexGrow(_) => s.flex_grow = from.flex_grow,
        I::FlexShrink(_) => s.flex_shrink = from.flex_shrink,
        I::FlexBasis(_) => s.flex_basis = from.flex_basis,
        I::Flex(_) => (s.flex_grow, s.flex_shrink, s.flex_basis) = (from.flex_grow, from.flex_shrink, from.flex_basis),
        I::JustifyContent(_) => s.justify_content = from.justify_content,
        I::AlignContent(_) => s.align_content = from.align_content,
        I::AlignItems(_) => s.align_items = from.align_items,
        I::AlignSelf(_) => s.align_self = from.align_self,
        I::Gap => s.gap = from.gap,
        I::RowGap => s.gap[0] = from.gap[0],
        I::ColumnGap => s.gap[1] = from.gap[1],
        I::Order(_) => s.order = from.order,
        I::AspectRatio => s.aspect_ratio = from.aspect_ratio,
        I::ZIndex => s.z_index = from.z_index,
        I::Overflow => s.overflow = from.overflow,
        I::OverflowX => s.overflow[0] = from.overflow[0],
        I::OverflowY => s.overflow[1] = from.overflow[1],
        I::Opacity => s.opacity = from.opacity,
        I::Transform(_) => s.transform = from.transform.clone(),
        I::TransformOrigin(_) => s.transform_origin = from.transform_origin,
        I::BackgroundColor => s.background_color = from.background_color,
        I::Background => (s.background_color, s.background) = (from.background_color, from.background.clone()),
        I::Border => s.border = from.border,
        I::BorderRadius(_) => s.radius = from.radius,
        I::BoxShadow(_) => s.shadows = from.shadows.clone(),
        I::VerticalAlign => s.vertical_align = from.vertical_align,
        I::Color => s.color = from.color,
        I::FontSize => s.font_size = from.font_size,
        I::FontWeight => s.font_weight = from.font_weight,
        I::FontStyle => s.italic = from.italic,
        I::FontFamily => s.font_family = from.font_family.clone(),
        I::LineHeight => s.line_height = from.line_height,
        I::LetterSpacing => s.letter_spacing = from.letter_spacing,
        I::TextAlign => s.text_align = from.text_align,
        I::WhiteSpace => s.white_space = from.white_space,
        I::Visibility => s.visible = from.visible,
        I::WordBreak => s.word_break = from.word_break,
        I::TextTransform => s.text_transform = from.text_transform,
        _ => {}
    }
}

/// One side (top, right, bottom, left) of a margin, padding or inset taken from `from`.
fn take_side(id: &PropertyId, side: usize, from: &ComputedStyle, s: &mut ComputedStyle) {
    use PropertyId as I;
    match id {
        I::MarginTop | I::MarginRight | I::MarginBottom | I::MarginLeft => s.margin[side] = from.margin[side],
        I::PaddingTop | I::PaddingRight | I::PaddingBottom | I::PaddingLeft => s.padding[side] = from.padding[side],
        _ => s.inset[side] = from.inset[side],
    }
}

impl Context<'_> {
    /// Applies one declaration to the style.
    pub(crate) fn apply(&mut self, s: &mut ComputedStyle, property: &Property) {
        use Property as P;
        match property {
            P::Custom(custom) => {
                let text = property.value_to_css_string(PrinterOptions::default()).unwrap_or_default();
                match &custom.name {
                    CustomPropertyName::Custom(name) => {
                        self.vars.insert(name.0.to_string(), text);
                    }
                    CustomPropertyName::Unknown(name) => {
                        if let Some(apply) = own_property(name.0.as_ref()) {
                            apply(s, &custom.value, &text);
                        }
                    }
                }
            }
            P::Unparsed(unparsed) => {
                let text = property.value_to_css_string(PrinterOptions::default()).unwrap_or_default();
                let Some(text) = substitute(&safe_area(&text, self.device), self.vars) else { return };
                // The CSS-wide keywords: the parent's value (`inherit`; `unset` and `revert` of
                // an inherited property) or the initial one.
                if let keyword @ ("inherit" | "initial" | "unset" | "revert") = text.trim() {
                    let initial = ComputedStyle::initial();
                    let inherits = keyword == "inherit" || keyword != "initial" && inherited(&unparsed.property_id);
                    take(&unparsed.property_id, if inherits { self.parent } else { &initial }, s);
                    return;
                }
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
            P::Transform(list, _) => s.transform = list.0.iter().filter_map(|t| self.transform(s, t)).collect(),
            P::TransformOrigin(origin, _) => {
                s.transform_origin = [self.position_component(s, &origin.x), self.position_component(s, &origin.y)];
            }
            P::BackgroundColor(c) => s.background_color = color_of(c, s.color).unwrap_or(Rgba::TRANSPARENT),
            P::BackgroundImage(images) => s.background.images = images.iter().map(|i| self.image(s, i)).collect(),
            P::BackgroundSize(sizes) => s.background.sizes = sizes.iter().map(|z| background_size(self, s, z)).collect(),
            P::BackgroundPositionX(x) => s.background.x = x.iter().map(|x| self.position_component(s, x)).collect(),
            P::BackgroundPositionY(y) => s.background.y = y.iter().map(|y| self.position_component(s, y)).collect(),
            P::BackgroundRepeat(repeats) => s.background.repeats = repeats.iter().map(repeat).collect(),
            P::BackgroundOrigin(origins) => s.background.origins = origins.iter().map(background_origin).collect(),
            P::BackgroundClip(clips, _) => s.background.clips = clips.iter().map(background_clip).collect(),
            P::MaskImage(images, _) => s.mask.images = images.iter().map(|i| self.image(s, i)).collect(),
            P::MaskSize(sizes, _) => s.mask.sizes = sizes.iter().map(|z| background_size(self, s, z)).collect(),
            P::MaskPositionX(x) => s.mask.x = x.iter().map(|x| self.position_component(s, x)).collect(),
            P::MaskPositionY(y) => s.mask.y = y.iter().map(|y| self.position_component(s, y)).collect(),
            P::MaskPosition(positions, _) => {
                s.mask.x = positions.iter().map(|at| self.position_component(s, &at.x)).collect();
                s.mask.y = positions.iter().map(|at| self.position_component(s, &at.y)).collect();
            }
            P::MaskRepeat(repeats, _) => s.mask.repeats = repeats.iter().map(repeat).collect(),
            P::MaskOrigin(origins, _) => s.mask.origins = origins.iter().map(geometry_box).collect(),
            P::MaskClip(clips, _) => {
                use lightningcss::properties::masking::MaskClip as C;
                s.mask.clips = clips.iter().map(|c| if let C::GeometryBox(g) = c { geometry_box(g) } else { BoxArea::Border }).collect();
            }
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
            P::TextTransform(t) => {
                use lightningcss::properties::text::TextTransformCase as C;
                s.text_transform = match t.case {
                    C::None => TextTransform::None,
                    C::Uppercase => TextTransform::Uppercase,
                    C::Lowercase => TextTransform::Lowercase,
                    C::Capitalize => TextTransform::Capitalize,
                };
            }
            P::Color(c) => s.color = color_of(c, self.parent.color).unwrap_or(s.color),
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
            P::Animation(list, _) => {
                if let Some(a) = list.first() {
                    s.animation = animation_name(&a.name).map(|name| (name, forwards(&a.fill_mode)));
                }
            }
            P::AnimationName(list, _) => {
                let keep = s.animation.as_ref().is_some_and(|(_, f)| *f);
                s.animation = list.first().and_then(animation_name).map(|name| (name, keep));
            }
            P::AnimationFillMode(list, _) => {
                if let (Some((_, keep)), Some(mode)) = (s.animation.as_mut(), list.first()) {
                    *keep = forwards(mode);
                }
            }
            P::WordBreak(w) => {
                use lightningcss::properties::text::WordBreak as W;
                (s.word_break, s.break_long_words) = match w {
                    W::Normal => (WordBreak::Normal, s.break_long_words),
                    W::BreakAll => (WordBreak::BreakAll, s.break_long_words),
                    W::KeepAll => (WordBreak::KeepAll, s.break_long_words),
                    W::BreakWord => (WordBreak::Normal, true),
                };
            }
            P::OverflowWrap(o) | P::WordWrap(o) => s.break_long_words = !matches!(o, lightningcss::properties::text::OverflowWrap::Normal),
            P::VerticalAlign(v) => {
                use font::VerticalAlignKeyword as K;
                s.vertical_align = match v {
                    font::VerticalAlign::Keyword(K::Baseline) => VerticalAlign::Baseline,
                    font::VerticalAlign::Keyword(K::Sub) => VerticalAlign::Sub,
                    font::VerticalAlign::Keyword(K::Super) => VerticalAlign::Super,
                    font::VerticalAlign::Keyword(K::TextTop) => VerticalAlign::TextTop,
                    font::VerticalAlign::Keyword(K::TextBottom) => VerticalAlign::TextBottom,
                    font::VerticalAlign::Keyword(K::Middle) => VerticalAlign::Middle,
                    font::VerticalAlign::Keyword(K::Top) => VerticalAlign::Top,
                    font::VerticalAlign::Keyword(K::Bottom) => VerticalAlign::Bottom,
                    // A percentage is of the element's line height.
                    font::VerticalAlign::Length(l) => {
                        let line = s.line_height_px().unwrap_or(s.font_size * 1.2);
                        VerticalAlign::Length(self.lp(s, l).resolve(line).unwrap_or(0.0))
                    }
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
}

fn line_style(side: &mut Border, l: &border::LineStyle) {
    side.visible = !matches!(l, border::LineStyle::None | border::LineStyle::Hidden);
    side.line = match l {
        border::LineStyle::Dashed => wxemu_render::Line::Dashed,
        border::LineStyle::Dotted => wxemu_render::Line::Dotted,
        _ => wxemu_render::Line::Solid,
    };
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
                (display::DisplayInside::FlowRoot, false) => Display::FlowRoot,
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
