//! CSS values as wxemu computes them: lengths (em, rem, vw, rpx…, calc()), sizes,
//! transforms, fonts, gradients and colours.

use crate::cascade::{Context, ROOT_FONT_SIZE};
use crate::style::*;
use lightningcss::properties::{align, border, font, size};
use lightningcss::values::calc::{Calc, MathFunction};
use lightningcss::values::color::CssColor;
use lightningcss::values::gradient::{Gradient, GradientItem, LineDirection};
use lightningcss::values::image::Image;
use lightningcss::values::length::{Length, LengthPercentage, LengthPercentageOrAuto, LengthValue};
use lightningcss::values::percentage::DimensionPercentage;

impl Context<'_> {
    pub(crate) fn length_value(&self, s: &ComputedStyle, v: &LengthValue) -> f32 {
        match v {
            LengthValue::Em(n) => n * s.font_size,
            LengthValue::Rem(n) => n * self.device.root_font_size,
            LengthValue::Vw(n) => n * self.device.width / 100.0,
            LengthValue::Vh(n) => n * self.device.height / 100.0,
            LengthValue::Vmin(n) => n * self.device.width.min(self.device.height) / 100.0,
            LengthValue::Vmax(n) => n * self.device.width.max(self.device.height) / 100.0,
            other => other.to_px().unwrap_or(0.0),
        }
    }

    pub(crate) fn length(&self, s: &ComputedStyle, l: &Length) -> f32 {
        match l {
            Length::Value(v) => self.length_value(s, v),
            Length::Calc(c) => {
                let (px, _) = self.calc(s, c, &|ctx, s, l: &Length| (ctx.length(s, l), 0.0));
                px
            }
        }
    }

    /// A length-percentage as px + percent.
    /// A 2D transform function (3D ones draw as their 2D part: `translate3d(x, y, z)` as
    /// `translate(x, y)`; rotations about x or y and perspective are left out).
    pub(crate) fn transform(&self, s: &ComputedStyle, t: &lightningcss::properties::transform::Transform) -> Option<Transform> {
        use lightningcss::properties::transform::Transform as T;
        let number = |n: &lightningcss::values::percentage::NumberOrPercentage| match n {
            lightningcss::values::percentage::NumberOrPercentage::Number(n) => *n,
            lightningcss::values::percentage::NumberOrPercentage::Percentage(p) => p.0,
        };
        Some(match t {
            T::Translate(x, y) => Transform::Translate(self.lp(s, x), self.lp(s, y)),
            T::TranslateX(x) => Transform::Translate(self.lp(s, x), Dim::ZERO),
            T::TranslateY(y) => Transform::Translate(Dim::ZERO, self.lp(s, y)),
            T::Translate3d(x, y, _) => Transform::Translate(self.lp(s, x), self.lp(s, y)),
            T::Scale(x, y) | T::Scale3d(x, y, _) => Transform::Scale(number(x), number(y)),
            T::ScaleX(x) => Transform::Scale(number(x), 1.0),
            T::ScaleY(y) => Transform::Scale(1.0, number(y)),
            T::Rotate(a) | T::RotateZ(a) => Transform::Rotate(a.to_radians()),
            T::Rotate3d(x, y, z, a) if *x == 0.0 && *y == 0.0 && *z != 0.0 => Transform::Rotate(a.to_radians() * z.signum()),
            T::Skew(x, y) => Transform::Skew(x.to_radians(), y.to_radians()),
            T::SkewX(x) => Transform::Skew(x.to_radians(), 0.0),
            T::SkewY(y) => Transform::Skew(0.0, y.to_radians()),
            T::Matrix(m) => Transform::Matrix([m.a, m.b, m.c, m.d, m.e, m.f]),
            T::TranslateZ(_) | T::ScaleZ(_) | T::RotateX(_) | T::RotateY(_) | T::Rotate3d(..) | T::Perspective(_) | T::Matrix3d(_) => return None,
        })
    }

    /// One coordinate of a position (`left`, `center`, `30%`, `right 10px`…) as a length
    /// against the box.
    pub(crate) fn position_component<K: Clone + Into<LengthPercentage>>(&self, s: &ComputedStyle, c: &lightningcss::values::position::PositionComponent<K>) -> Dim {
        use lightningcss::values::position::PositionComponent as C;
        match c {
            C::Center => Dim::Length { px: 0.0, percent: 50.0 },
            C::Length(l) => self.lp(s, l),
            C::Side { side, offset } => {
                // The side is 0% (left, top) or 100% (right, bottom); an offset counts from it.
                let from_start = self.lp(s, &side.clone().into()) == Dim::ZERO;
                let Dim::Length { px, percent } = offset.as_ref().map_or(Dim::ZERO, |o| self.lp(s, o)) else { return Dim::ZERO };
                if from_start {
                    Dim::Length { px, percent }
                } else {
                    Dim::Length { px: -px, percent: 100.0 - percent }
                }
            }
        }
    }

    pub(crate) fn lp(&self, s: &ComputedStyle, l: &LengthPercentage) -> Dim {
        let (px, percent) = match l {
            DimensionPercentage::Dimension(v) => (self.length_value(s, v), 0.0),
            DimensionPercentage::Percentage(p) => (0.0, p.0 * 100.0),
            DimensionPercentage::Calc(c) => self.calc(s, c, &|ctx, s, l: &LengthPercentage| match ctx.lp(s, l) {
                Dim::Length { px, percent } => (px, percent),
                Dim::Auto | Dim::Content(_) => (0.0, 0.0),
            }),
        };
        Dim::Length { px, percent }
    }

    /// A calc() as (px, percent). min/max/clamp are resolved when their arguments have no
    /// percentage; otherwise (and for the rarer functions) they count as 0.
    pub(crate) fn calc<V>(&self, s: &ComputedStyle, c: &Calc<V>, value: &dyn Fn(&Self, &ComputedStyle, &V) -> (f32, f32)) -> (f32, f32) {
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

    pub(crate) fn lpa(&self, s: &ComputedStyle, v: &LengthPercentageOrAuto) -> Dim {
        match v {
            LengthPercentageOrAuto::Auto => Dim::Auto,
            LengthPercentageOrAuto::LengthPercentage(l) => self.lp(s, l),
        }
    }

    pub(crate) fn size(&self, s: &ComputedStyle, v: &size::Size) -> Dim {
        match v {
            size::Size::LengthPercentage(l) => self.lp(s, l),
            size::Size::MinContent(_) => Dim::Content(ContentSize::Min),
            size::Size::MaxContent(_) => Dim::Content(ContentSize::Max),
            size::Size::FitContent(_) => Dim::Content(ContentSize::Fit),
            _ => Dim::Auto,
        }
    }

    pub(crate) fn max_size(&self, s: &ComputedStyle, v: &size::MaxSize) -> Dim {
        match v {
            size::MaxSize::LengthPercentage(l) => self.lp(s, l),
            size::MaxSize::MinContent(_) => Dim::Content(ContentSize::Min),
            size::MaxSize::MaxContent(_) => Dim::Content(ContentSize::Max),
            size::MaxSize::FitContent(_) => Dim::Content(ContentSize::Fit),
            _ => Dim::Auto,
        }
    }

    pub(crate) fn gap(&self, s: &ComputedStyle, g: &align::GapValue) -> Dim {
        match g {
            align::GapValue::Normal => Dim::ZERO,
            align::GapValue::LengthPercentage(l) => self.lp(s, l),
        }
    }

    pub(crate) fn border_width(&self, s: &ComputedStyle, w: &border::BorderSideWidth) -> f32 {
        match w {
            border::BorderSideWidth::Thin => 1.0,
            border::BorderSideWidth::Medium => 3.0,
            border::BorderSideWidth::Thick => 5.0,
            border::BorderSideWidth::Length(l) => self.length(s, l),
        }
    }

    pub(crate) fn font_size(&self, f: &font::FontSize) -> f32 {
        let parent = self.parent.font_size;
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

    pub(crate) fn font_weight(&self, w: &font::FontWeight) -> u16 {
        match w {
            font::FontWeight::Absolute(font::AbsoluteFontWeight::Weight(n)) => n.clamp(1.0, 1000.0) as u16,
            font::FontWeight::Absolute(font::AbsoluteFontWeight::Normal) => 400,
            font::FontWeight::Absolute(font::AbsoluteFontWeight::Bold) => 700,
            font::FontWeight::Bolder => 700,
            font::FontWeight::Lighter => 300,
        }
    }

    /// A layer's image: a file wxss may load, or a linear or radial gradient (repeating or
    /// not; `-webkit-` prefixed ones in their legacy directions). None for `none` and the
    /// images wxemu does not draw (conic gradients, `-webkit-gradient()`).
    pub(crate) fn image(&self, s: &ComputedStyle, image: &Image) -> Option<BackgroundImage> {
        let (gradient, repeating) = match image {
            Image::Url(url) if crate::sheet::loads_in_wxss(&url.url) => return Some(BackgroundImage::Url(url.url.to_string())),
            Image::Gradient(g) => match g.as_ref() {
                Gradient::Linear(linear) => (Ok(linear), false),
                Gradient::RepeatingLinear(linear) => (Ok(linear), true),
                Gradient::Radial(radial) => (Err(radial), false),
                Gradient::RepeatingRadial(radial) => (Err(radial), true),
                _ => return None,
            },
            _ => return None,
        };
        let stops = |items: &[GradientItem<LengthPercentage>]| {
            let stop = |stop: &lightningcss::values::gradient::ColorStop<LengthPercentage>| Stop {
                color: color_of(&stop.color, s.color).unwrap_or(Rgba::TRANSPARENT),
                at: stop.position.as_ref().map(|p| self.lp(s, p)),
            };
            items.iter().filter_map(|item| if let GradientItem::ColorStop(c) = item { Some(stop(c)) } else { None }).collect()
        };
        Some(match gradient {
            Ok(linear) => {
                let prefixed = linear.vendor_prefix != lightningcss::vendor_prefix::VendorPrefix::None;
                BackgroundImage::Linear { angle: line_angle(&linear.direction, prefixed), stops: stops(&linear.items), repeating }
            }
            Err(radial) => {
                use lightningcss::values::gradient::{Circle, Ellipse, EndingShape, ShapeExtent};
                let extent = |e: &ShapeExtent| match e {
                    ShapeExtent::ClosestSide => RadialExtent::ClosestSide,
                    ShapeExtent::FarthestSide => RadialExtent::FarthestSide,
                    ShapeExtent::ClosestCorner => RadialExtent::ClosestCorner,
                    ShapeExtent::FarthestCorner => RadialExtent::FarthestCorner,
                };
                let (circle, extent) = match &radial.shape {
                    EndingShape::Circle(Circle::Radius(r)) => {
                        let r = Dim::Length { px: self.length(s, r), percent: 0.0 };
                        (true, RadialExtent::Size(r, r))
                    }
                    EndingShape::Circle(Circle::Extent(e)) => (true, extent(e)),
                    EndingShape::Ellipse(Ellipse::Size { x, y }) => (false, RadialExtent::Size(self.lp(s, x), self.lp(s, y))),
                    EndingShape::Ellipse(Ellipse::Extent(e)) => (false, extent(e)),
                };
                let center = [self.position_component(s, &radial.position.x), self.position_component(s, &radial.position.y)];
                BackgroundImage::Radial { circle, extent, center, stops: stops(&radial.items), repeating }
            }
        })
    }
}

/// A linear gradient's direction as an angle (CSS convention: 0 points up, 90 right). A
/// prefixed gradient names the side it starts from and measures angles from the right,
/// counter-clockwise.
fn line_angle(direction: &LineDirection, prefixed: bool) -> f32 {
    use lightningcss::values::position::{HorizontalPositionKeyword as H, VerticalPositionKeyword as V};
    let towards = match direction {
        LineDirection::Angle(a) if prefixed => return 90.0 - a.to_degrees(),
        LineDirection::Angle(a) => return a.to_degrees(),
        LineDirection::Vertical(V::Top) => 0.0,
        LineDirection::Vertical(V::Bottom) => 180.0,
        LineDirection::Horizontal(H::Left) => 270.0,
        LineDirection::Horizontal(H::Right) => 90.0,
        LineDirection::Corner { horizontal, vertical } => match (horizontal, vertical) {
            (H::Right, V::Top) => 45.0,
            (H::Right, V::Bottom) => 135.0,
            (H::Left, V::Bottom) => 225.0,
            (H::Left, V::Top) => 315.0,
        },
    };
    if prefixed {
        (towards + 180.0) % 360.0
    } else {
        towards
    }
}

/// A CSS colour written in an attribute (`refresher-background="lightgreen"`).
pub fn parse_color(text: &str) -> Option<Rgba> {
    use lightningcss::traits::Parse;
    color_of(&CssColor::parse_string(text.trim()).ok()?, Rgba::BLACK)
}

pub(crate) fn color_of(c: &CssColor, current: Rgba) -> Option<Rgba> {
    match c {
        CssColor::CurrentColor => Some(current),
        CssColor::LightDark(light, _) => color_of(light, current),
        other => match other.to_rgb().ok()? {
            CssColor::RGBA(rgba) => Some(Rgba { r: rgba.red, g: rgba.green, b: rgba.blue, a: rgba.alpha }),
            _ => None,
        },
    }
}
