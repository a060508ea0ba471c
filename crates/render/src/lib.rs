//! The display list the view paints into, and its CPU rasterizer (vello_cpu): exact and
//! deterministic, for headless shots and golden images. Coordinates are CSS px; the
//! rasterizer scales by the device pixel ratio.

use std::sync::Arc;
pub use vello_cpu::kurbo::Affine;
pub use vello_cpu::kurbo::{BezPath, Point, Rect};
use vello_cpu::kurbo::{RoundedRect, RoundedRectRadii, Shape};
pub use vello_cpu::peniko::FontData;
use vello_cpu::peniko::{self, color::AlphaColor, ColorStop, Fill};
pub use vello_cpu::Pixmap;
use vello_cpu::{Glyph, RenderContext, Resources};

/// A colour, non-premultiplied 8-bit RGBA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    pub const TRANSPARENT: Rgba = Rgba { r: 0, g: 0, b: 0, a: 0 };
    pub const BLACK: Rgba = Rgba { r: 0, g: 0, b: 0, a: 255 };
    pub const WHITE: Rgba = Rgba { r: 255, g: 255, b: 255, a: 255 };

    /// An opaque colour from 0xRRGGBB.
    pub const fn hex(rgb: u32) -> Rgba {
        Rgba { r: (rgb >> 16) as u8, g: (rgb >> 8) as u8, b: rgb as u8, a: 255 }
    }

    fn to_peniko(self) -> AlphaColor<peniko::color::Srgb> {
        AlphaColor::from_rgba8(self.r, self.g, self.b, self.a)
    }
}

/// A rectangle in CSS px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Box2 {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Box2 {
    /// The same rectangle as kurbo's (x0, y0, x1, y1).
    pub fn rect(&self) -> Rect {
        Rect::new(self.x as f64, self.y as f64, (self.x + self.w) as f64, (self.y + self.h) as f64)
    }
}

/// Corner radii: top-left, top-right, bottom-right, bottom-left.
pub type Radii = [f32; 4];

/// What a fill is painted with.
#[derive(Clone, Debug, PartialEq)]
pub enum Paint {
    Solid(Rgba),
    /// A linear gradient from `start` to `end` (CSS px) through stops at offsets 0..=1,
    /// repeated past its ends or not.
    Linear {
        start: (f32, f32),
        end: (f32, f32),
        stops: Vec<(f32, Rgba)>,
        repeat: bool,
    },
    /// A radial gradient around `center` from radius `radii.0` to `radii.1` (CSS px along x;
    /// y radii are `y_scale` times them) through stops at offsets 0..=1, repeated or not.
    Radial {
        center: (f32, f32),
        radii: (f32, f32),
        y_scale: f32,
        stops: Vec<(f32, Rgba)>,
        repeat: bool,
    },
}

impl Paint {
    /// The gradient this paint is (None for a solid colour), with the transform that puts it
    /// in place (an ellipse is a circle scaled along y).
    pub fn gradient(&self) -> Option<(peniko::Gradient, Affine)> {
        let stops = |stops: &[(f32, Rgba)]| stops.iter().map(|(at, c)| ColorStop::from((*at, c.to_peniko()))).collect::<Vec<ColorStop>>();
        let extend = |repeat: bool| if repeat { peniko::Extend::Repeat } else { peniko::Extend::Pad };
        match self {
            Paint::Solid(_) => None,
            Paint::Linear { start, end, stops: list, repeat } => {
                let line = peniko::Gradient::new_linear(Point::new(start.0 as f64, start.1 as f64), Point::new(end.0 as f64, end.1 as f64));
                Some((line.with_stops(stops(list).as_slice()).with_extend(extend(*repeat)), Affine::IDENTITY))
            }
            Paint::Radial { center, radii, y_scale, stops: list, repeat } => {
                let origin = Point::new(0.0, 0.0);
                let rings = peniko::Gradient::new_two_point_radial(origin, radii.0, origin, radii.1.max(radii.0 + 1e-3));
                let place = Affine::translate((center.0 as f64, center.1 as f64)) * Affine::scale_non_uniform(1.0, y_scale.max(1e-3) as f64);
                Some((rings.with_stops(stops(list).as_slice()).with_extend(extend(*repeat)), place))
            }
        }
    }
}

/// How a border side is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Line {
    #[default]
    Solid,
    Dashed,
    Dotted,
}

/// Every side solid.
pub const SOLID: [Line; 4] = [Line::Solid; 4];

/// One drawing instruction.
#[derive(Clone, Debug)]
pub enum Item {
    /// A (rounded) rectangle filled.
    Fill {
        area: Box2,
        radii: Radii,
        paint: Paint,
    },
    /// The ring between a rounded rectangle and its inner rectangle inset by `widths`
    /// (top, right, bottom, left), one colour and line style per side.
    Border {
        area: Box2,
        radii: Radii,
        widths: [f32; 4],
        colors: [Rgba; 4],
        lines: [Line; 4],
    },
    /// A blurred shadow of a rounded rectangle.
    Shadow {
        area: Box2,
        radius: f32,
        blur: f32,
        color: Rgba,
    },
    /// Glyphs of one font and size; positions are baseline points in CSS px. `skew` (degrees)
    /// slants them for a synthesized italic.
    Glyphs {
        font: FontData,
        size: f32,
        color: Rgba,
        skew: f32,
        glyphs: Vec<(u32, f32, f32)>,
    },
    /// An image scaled into `area`.
    Image {
        area: Box2,
        image: Arc<Pixmap>,
    },
    /// Starts clipping to a rounded rectangle, until the matching `Pop`.
    Clip {
        area: Box2,
        radii: Radii,
    },
    /// Starts a group drawn with `opacity`, until the matching `Pop`.
    Opacity(f32),
    /// Draws what follows, until the matching `Pop`, through a transform (CSS px to CSS px).
    Transform(Affine),
    Pop,
}

impl PartialEq for Item {
    /// The same instruction; images are the same when they are the same picture in memory.
    fn eq(&self, other: &Item) -> bool {
        use Item::*;
        match (self, other) {
            (Fill { area, radii, paint }, Fill { area: a, radii: r, paint: p }) => (area, radii, paint) == (a, r, p),
            (Border { area, radii, widths, colors, lines }, Border { area: a, radii: r, widths: w, colors: c, lines: l }) => (area, radii, widths, colors, lines) == (a, r, w, c, l),
            (Shadow { area, radius, blur, color }, Shadow { area: a, radius: r, blur: b, color: c }) => (area, radius, blur, color) == (a, r, b, c),
            (Glyphs { font, size, color, skew, glyphs }, Glyphs { font: f, size: s, color: c, skew: k, glyphs: g }) => (font, size, color, skew, glyphs) == (f, s, c, k, g),
            (Image { area, image }, Image { area: a, image: i }) => area == a && Arc::ptr_eq(image, i),
            (Clip { area, radii }, Clip { area: a, radii: r }) => (area, radii) == (a, r),
            (Opacity(a), Opacity(b)) => a == b,
            (Transform(a), Transform(b)) => a == b,
            (Pop, Pop) => true,
            _ => false,
        }
    }
}

/// A page's drawing: size in CSS px and the items back to front.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DisplayList {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// The outline of `area` with rounded corners.
pub fn rounded(area: Box2, radii: Radii) -> BezPath {
    let r = RoundedRectRadii::new(radii[0] as f64, radii[1] as f64, radii[2] as f64, radii[3] as f64);
    RoundedRect::from_rect(area.rect(), r).to_path(0.1)
}

/// Paints `list` at `scale` device pixels per CSS px onto a white page.
pub fn rasterize(list: &DisplayList, scale: f32) -> Pixmap {
    let width = (list.width * scale).ceil().clamp(1.0, u16::MAX as f32) as u16;
    let height = (list.height * scale).ceil().clamp(1.0, u16::MAX as f32) as u16;
    let mut ctx = RenderContext::new(width, height);
    let mut resources = Resources::new();
    let base = Affine::scale(scale as f64);
    ctx.set_transform(base);
    // What each open Clip, Opacity or Transform item started: a layer, or a transform
    // (with the one before it, for its Pop).
    let mut open: Vec<Option<Affine>> = Vec::new();
    ctx.set_paint(Rgba::WHITE.to_peniko());
    ctx.fill_rect(&Rect::new(0.0, 0.0, list.width as f64, list.height as f64));
    for item in &list.items {
        match item {
            Item::Fill { area, radii, paint } => {
                set_paint(&mut ctx, paint);
                if radii.iter().all(|r| *r == 0.0) {
                    ctx.fill_rect(&area.rect());
                } else {
                    ctx.fill_path(&rounded(*area, *radii));
                }
            }
            Item::Border { area, radii, widths, colors, lines } => border(&mut ctx, *area, *radii, *widths, *colors, *lines),
            Item::Shadow { area, radius, blur, color } => {
                ctx.set_paint(color.to_peniko());
                ctx.fill_blurred_rounded_rect(&area.rect(), *radius, blur / 2.0, false);
            }
            Item::Glyphs { font, size, color, skew, glyphs } => {
                ctx.set_paint(color.to_peniko());
                let mut run = ctx.glyph_run(&mut resources, font).font_size(*size).hint(false);
                if *skew != 0.0 {
                    // Glyph space is y-down here: a negative x-skew leans the tops to the right.
                    run = run.glyph_transform(Affine::skew(-skew.to_radians().tan() as f64, 0.0));
                }
                let _ = run.fill_glyphs(glyphs.iter().map(|&(id, x, y)| Glyph { id, x, y }));
            }
            Item::Image { area, image } => {
                let sx = area.w as f64 / image.width().max(1) as f64;
                let sy = area.h as f64 / image.height().max(1) as f64;
                ctx.set_paint_transform(Affine::translate((area.x as f64, area.y as f64)) * Affine::scale_non_uniform(sx, sy));
                ctx.set_paint(vello_cpu::Image { image: vello_cpu::ImageSource::Pixmap(image.clone()), sampler: Default::default() });
                ctx.fill_rect(&area.rect());
                ctx.reset_paint_transform();
            }
            Item::Clip { area, radii } => {
                ctx.push_clip_layer(&rounded(*area, *radii));
                open.push(None);
            }
            Item::Opacity(opacity) => {
                ctx.push_opacity_layer(*opacity);
                open.push(None);
            }
            Item::Transform(transform) => {
                let before = *ctx.transform();
                open.push(Some(before));
                ctx.set_transform(before * *transform);
            }
            Item::Pop => match open.pop() {
                Some(Some(before)) => ctx.set_transform(before),
                Some(None) => ctx.pop_layer(),
                None => {}
            },
        }
    }
    ctx.flush();
    let mut pixmap = Pixmap::new(width, height);
    ctx.render(&mut pixmap, &mut resources);
    pixmap
}

fn set_paint(ctx: &mut RenderContext, paint: &Paint) {
    match paint.gradient() {
        Some((gradient, place)) => {
            ctx.set_paint_transform(place);
            ctx.set_paint(gradient);
        }
        None => {
            ctx.reset_paint_transform();
            ctx.set_paint(if let Paint::Solid(c) = paint { c.to_peniko() } else { Rgba::TRANSPARENT.to_peniko() });
        }
    }
}

fn border(ctx: &mut RenderContext, area: Box2, radii: Radii, widths: [f32; 4], colors: [Rgba; 4], lines: [Line; 4]) {
    let (ring, sides) = border_ring(area, radii, widths);
    ctx.set_fill_rule(Fill::EvenOdd);
    if colors.iter().all(|c| *c == colors[0]) && lines == SOLID {
        ctx.set_paint(colors[0].to_peniko());
        ctx.fill_path(&ring);
    } else {
        // Each side is the ring clipped to its trapezoid (and to its dashes or dots).
        for (side, clip) in sides.iter().enumerate() {
            if widths[side] <= 0.0 || colors[side].a == 0 {
                continue;
            }
            let dashes = dashes(area, widths[side], side, lines[side]);
            ctx.push_clip_layer(clip);
            if let Some(dashes) = &dashes {
                ctx.set_fill_rule(Fill::NonZero);
                ctx.push_clip_layer(dashes);
                ctx.set_fill_rule(Fill::EvenOdd);
            }
            ctx.set_paint(colors[side].to_peniko());
            ctx.fill_path(&ring);
            if dashes.is_some() {
                ctx.pop_layer();
            }
            ctx.pop_layer();
        }
    }
    ctx.set_fill_rule(Fill::NonZero);
}

/// Where a dashed or dotted side (top, right, bottom, left) of a border `width` thick around
/// `area` is drawn, as Blink spaces them: dashes 3 widths long and 2 apart (2 and 1 from 3 px
/// up), dots a width across and a width apart, the gaps stretched so the side starts and ends
/// with one. None for a solid side, or one too short for two.
pub fn dashes(area: Box2, width: f32, side: usize, line: Line) -> Option<BezPath> {
    let (dash, gap) = match line {
        Line::Solid => return None,
        Line::Dashed if width >= 3.0 => (2.0 * width, width),
        Line::Dashed => (3.0 * width, 2.0 * width),
        Line::Dotted => (width, width),
    };
    let horizontal = side.is_multiple_of(2);
    let length = if horizontal { area.w } else { area.h };
    if width <= 0.0 || length <= 2.0 * dash {
        return None;
    }
    // n dashes and n - 1 gaps: the count whose gap comes nearest the one wanted.
    let fewer = ((length + gap) / (dash + gap)).floor();
    let gap_of = |n: f32| (length - n * dash) / (n - 1.0);
    let gap = match (gap_of(fewer), gap_of(fewer + 1.0)) {
        (a, b) if b <= 0.0 || fewer >= 2.0 && (a - gap).abs() < (b - gap).abs() => a,
        (_, b) => b,
    };
    let count = ((length + gap) / (dash + gap)).round() as usize;
    let across = match side {
        0 => area.y,
        1 => area.x + area.w - width,
        2 => area.y + area.h - width,
        _ => area.x,
    };
    let mut path = BezPath::new();
    for i in 0..count {
        let along = if horizontal { area.x } else { area.y } + i as f32 * (dash + gap);
        let (x, y, w, h) = if horizontal { (along, across, dash, width) } else { (across, along, width, dash) };
        let rect = Rect::new(x as f64, y as f64, (x + w) as f64, (y + h) as f64);
        if line == Line::Dotted && width >= 3.0 {
            path.extend(vello_cpu::kurbo::Circle::new(rect.center(), width as f64 / 2.0).path_elements(0.1));
        } else {
            path.extend(rect.path_elements(0.1));
        }
    }
    Some(path)
}

/// A border's geometry: the ring between the rounded `area` and its inner rectangle inset by
/// `widths` (fill it even-odd), and the trapezoid of each side (top, right, bottom, left) to
/// clip the ring to when the sides differ in colour.
pub fn border_ring(area: Box2, radii: Radii, widths: [f32; 4]) -> (BezPath, [BezPath; 4]) {
    let [top, right, bottom, left] = widths;
    let inner = Box2 { x: area.x + left, y: area.y + top, w: (area.w - left - right).max(0.0), h: (area.h - top - bottom).max(0.0) };
    let inner_radii = [(radii[0] - top.max(left)).max(0.0), (radii[1] - top.max(right)).max(0.0), (radii[2] - bottom.max(right)).max(0.0), (radii[3] - bottom.max(left)).max(0.0)];
    let mut ring = rounded(area, radii);
    ring.extend(rounded(inner, inner_radii));
    let (x0, y0, x1, y1) = (area.x as f64, area.y as f64, (area.x + area.w) as f64, (area.y + area.h) as f64);
    let (ix0, iy0, ix1, iy1) = (inner.x as f64, inner.y as f64, (inner.x + inner.w) as f64, (inner.y + inner.h) as f64);
    let sides =
        [[(x0, y0), (x1, y0), (ix1, iy0), (ix0, iy0)], [(x1, y0), (x1, y1), (ix1, iy1), (ix1, iy0)], [(x1, y1), (x0, y1), (ix0, iy1), (ix1, iy1)], [(x0, y1), (x0, y0), (ix0, iy0), (ix0, iy1)]];
    let trapezoid = |corners: &[(f64, f64); 4]| {
        let mut clip = BezPath::new();
        clip.move_to(corners[0]);
        corners[1..].iter().for_each(|&p| clip.line_to(p));
        clip.close_path();
        clip
    };
    (ring, sides.map(|corners| trapezoid(&corners)))
}

/// A pixmap from premultiplied RGBA8 bytes, row by row (as a GPU reads a frame back).
pub fn pixmap_from_premultiplied(rgba: Vec<u8>, width: u16, height: u16) -> Pixmap {
    let metadata = vello_cpu::PixelMetadata::new(peniko::ImageAlphaType::AlphaPremultiplied, true);
    Pixmap::from_parts(rgba, width, height, metadata)
}

/// Encodes a rasterized page as PNG (RGBA, straight alpha), compressed for speed.
pub fn encode_png(pixmap: Pixmap) -> Vec<u8> {
    let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    let rgba = pixmap.take_rgba8(peniko::ImageAlphaType::Alpha);
    let mut data = Vec::new();
    let mut encoder = png::Encoder::new(&mut data, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().expect("a PNG header into memory");
    writer.write_image_data(&rgba).expect("PNG data into memory");
    writer.finish().expect("a PNG into memory");
    data
}

/// Decodes a PNG file's bytes into a pixmap (for images and golden comparisons).
pub fn decode_png(bytes: &[u8]) -> Option<Pixmap> {
    Pixmap::from_png(std::io::Cursor::new(bytes)).ok()
}

/// A decoded picture: its pixels and its natural size in CSS px. An SVG has several pixels
/// per px, so that it stays sharp drawn larger and on a 2× or 3× screen.
#[derive(Clone)]
pub struct Picture {
    pub pixels: Arc<Pixmap>,
    pub width: f32,
    pub height: f32,
}

impl Picture {
    /// A picture of one pixel per CSS px.
    pub fn of(pixels: Pixmap) -> Picture {
        let (width, height) = (f32::from(pixels.width()), f32::from(pixels.height()));
        Picture { pixels: Arc::new(pixels), width, height }
    }
}

/// Decodes a picture as `<image>` shows it: PNG, JPEG, GIF (its first frame), WebP or SVG.
pub fn decode_image(bytes: &[u8]) -> Option<Picture> {
    if let Some(png) = decode_png(bytes) {
        return Some(Picture::of(png));
    }
    if is_svg(bytes) {
        return decode_svg(bytes);
    }
    let rgba = image::load_from_memory(bytes).ok()?.into_rgba8();
    let (width, height) = (u16::try_from(rgba.width()).ok()?, u16::try_from(rgba.height()).ok()?);
    let metadata = vello_cpu::PixelMetadata::new(peniko::ImageAlphaType::Alpha, true);
    Some(Picture::of(Pixmap::from_parts(rgba.into_raw(), width, height, metadata)))
}

/// `mask`'s alpha over `color`: the picture a solid background shows through a mask.
pub fn tinted(mask: &Pixmap, color: Rgba) -> Pixmap {
    let mut tinted = mask.clone();
    for pixel in tinted.data_mut() {
        let alpha = u16::from(pixel.a) * u16::from(color.a) / 255;
        let channel = |c: u8| (u16::from(c) * alpha / 255) as u8;
        *pixel = vello_cpu::peniko::color::PremulRgba8 { r: channel(color.r), g: channel(color.g), b: channel(color.b), a: alpha as u8 };
    }
    tinted
}

/// Whether the bytes are an SVG document (after white space and an XML declaration).
fn is_svg(bytes: &[u8]) -> bool {
    let start = &bytes[bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len())..];
    start.starts_with(b"<svg") || (start.starts_with(b"<?xml") && bytes.windows(4).take(1024).any(|w| w == b"<svg"))
}

/// The largest SVG raster wxemu makes, in pixels per side.
const MAX_SVG_SIDE: f32 = 4096.0;
/// Pixels per CSS px of an SVG raster (fewer for large documents, down to one).
const SVG_DENSITY: f32 = 4.0;
/// The most pixels an SVG raster has when it is denser than one per px.
const MAX_SVG_PIXELS: f32 = 4_000_000.0;

/// An SVG document rasterized at [`SVG_DENSITY`] pixels per px of its own size (fewer for
/// large ones; clamped to [`MAX_SVG_SIDE`]).
fn decode_svg(bytes: &[u8]) -> Option<Picture> {
    let tree = resvg::usvg::Tree::from_data(bytes, &resvg::usvg::Options::default()).ok()?;
    let size = tree.size();
    let density = SVG_DENSITY.min((MAX_SVG_PIXELS / (size.width() * size.height())).sqrt()).max(1.0);
    let (width, height) = ((size.width() * density).ceil().clamp(1.0, MAX_SVG_SIDE), (size.height() * density).ceil().clamp(1.0, MAX_SVG_SIDE));
    let mut raster = resvg::tiny_skia::Pixmap::new(width as u32, height as u32)?;
    let scale = resvg::tiny_skia::Transform::from_scale(width / size.width(), height / size.height());
    resvg::render(&tree, scale, &mut raster.as_mut());
    let metadata = vello_cpu::PixelMetadata::new(peniko::ImageAlphaType::AlphaPremultiplied, true);
    let pixels = Pixmap::from_parts(raster.take(), width as u16, height as u16, metadata);
    Some(Picture { pixels: Arc::new(pixels), width: size.width(), height: size.height() })
}

/// How two pictures of the same size differ: the pixels where a channel differs by more than
/// 2, and the share of all pixels they are. None when the sizes differ.
pub fn differing_pixels(expected: &Pixmap, actual: &Pixmap) -> Option<(usize, f64)> {
    if (expected.width(), expected.height()) != (actual.width(), actual.height()) {
        return None;
    }
    let differing = expected.data().iter().zip(actual.data()).filter(|(a, b)| differs(a, b)).count();
    Some((differing, differing as f64 / expected.data().len().max(1) as f64))
}

fn differs(a: &vello_cpu::peniko::color::PremulRgba8, b: &vello_cpu::peniko::color::PremulRgba8) -> bool {
    [a.r.abs_diff(b.r), a.g.abs_diff(b.g), a.b.abs_diff(b.b), a.a.abs_diff(b.a)].into_iter().any(|d| d > 2)
}

/// Why a picture does not match its golden one.
#[derive(Debug)]
pub enum Mismatch {
    /// One of them is not a PNG.
    NotPng,
    /// Their sizes differ: (width, height) of the golden, then of the actual picture.
    Size((u16, u16), (u16, u16)),
    /// Too many pixels differ: how many, their share, and a picture of where.
    Pixels { differing: usize, share: f64, diff: Pixmap },
}

/// Compares the PNG `actual` with the PNG `golden`: the same size, and at most `tolerance`
/// of the pixels differing by more than 2 in any channel.
pub fn match_png(golden: &[u8], actual: &[u8], tolerance: f64) -> Result<(), Mismatch> {
    let (Some(expected), Some(actual)) = (decode_png(golden), decode_png(actual)) else { return Err(Mismatch::NotPng) };
    match differing_pixels(&expected, &actual) {
        None => Err(Mismatch::Size((expected.width(), expected.height()), (actual.width(), actual.height()))),
        Some((differing, share)) if share > tolerance => Err(Mismatch::Pixels { differing, share, diff: diff_picture(&expected, &actual) }),
        Some(_) => Ok(()),
    }
}

/// The peak signal-to-noise ratio of `actual` against `expected` (same size) over the RGB
/// channels, in dB: higher is closer, infinite when they are the same. None when the sizes
/// differ.
pub fn psnr(expected: &Pixmap, actual: &Pixmap) -> Option<f64> {
    if (expected.width(), expected.height()) != (actual.width(), actual.height()) {
        return None;
    }
    let squared: f64 = expected.data().iter().zip(actual.data()).map(|(a, b)| [(a.r, b.r), (a.g, b.g), (a.b, b.b)].iter().map(|&(x, y)| (f64::from(x) - f64::from(y)).powi(2)).sum::<f64>()).sum();
    let mean = squared / (expected.data().len().max(1) * 3) as f64;
    Some(if mean == 0.0 { f64::INFINITY } else { 10.0 * (255.0f64 * 255.0 / mean).log10() })
}

/// A picture of where `actual` differs from `expected` (same size): differing pixels red over
/// a faded copy of the expected picture.
pub fn diff_picture(expected: &Pixmap, actual: &Pixmap) -> Pixmap {
    let mut diff = expected.clone();
    for (out, (a, b)) in diff.data_mut().iter_mut().zip(expected.data().iter().zip(actual.data())) {
        *out = if differs(a, b) {
            vello_cpu::peniko::color::PremulRgba8 { r: 255, g: 0, b: 0, a: 255 }
        } else {
            vello_cpu::peniko::color::PremulRgba8 { r: a.r / 4 + 191, g: a.g / 4 + 191, b: a.b / 4 + 191, a: 255 }
        };
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dashed_side_starts_and_ends_with_a_dash_and_a_solid_or_short_one_has_none() {
        let area = Box2 { x: 10.0, y: 0.0, w: 100.0, h: 40.0 };
        // 1 px dashes are 3 long, 2 apart: 20 fit, the gaps stretched to 40 / 19.
        let top = dashes(area, 1.0, 0, Line::Dashed).expect("dashed");
        let starts: Vec<f64> = top.elements().iter().filter_map(|e| if let vello_cpu::kurbo::PathEl::MoveTo(p) = e { Some(p.x) } else { None }).collect();
        assert_eq!(starts.len(), 20);
        assert_eq!((starts[0], top.bounding_box().x1.round()), (10.0, 110.0), "from one corner to the other");
        let left = dashes(area, 3.0, 3, Line::Dotted).expect("dotted").bounding_box();
        assert_eq!((left.x0, left.x1, left.y0.round(), left.y1.round()), (10.0, 13.0, 0.0, 40.0), "round dots down the left side");
        assert!(dashes(area, 2.0, 0, Line::Solid).is_none() && dashes(Box2 { w: 10.0, ..area }, 2.0, 0, Line::Dashed).is_none());
    }

    fn pixel(p: &Pixmap, x: u16, y: u16) -> [u8; 4] {
        let c = p.sample(x, y);
        [c.r, c.g, c.b, c.a]
    }

    #[test]
    fn fills_borders_and_scale_land_on_the_right_pixels() {
        let list = DisplayList {
            width: 20.0,
            height: 10.0,
            items: vec![
                Item::Fill { area: Box2 { x: 0.0, y: 0.0, w: 10.0, h: 10.0 }, radii: [0.0; 4], paint: Paint::Solid(Rgba::hex(0xff0000)) },
                Item::Border { area: Box2 { x: 10.0, y: 0.0, w: 10.0, h: 10.0 }, radii: [0.0; 4], widths: [2.0; 4], colors: [Rgba::hex(0x0000ff); 4], lines: SOLID },
            ],
        };
        let p = rasterize(&list, 2.0);
        assert_eq!((p.width(), p.height()), (40, 20));
        assert_eq!(pixel(&p, 5, 5), [255, 0, 0, 255]);
        assert_eq!(pixel(&p, 21, 10), [0, 0, 255, 255], "inside the 2px (4 device px) border");
        assert_eq!(pixel(&p, 30, 10), [255, 255, 255, 255], "the border's middle is not filled");
        let png = encode_png(p);
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(decode_png(&png).map(|p| p.width()), Some(40));
    }

    #[test]
    fn psnr_is_infinite_for_the_same_picture_and_falls_with_noise() {
        let list = |c: u32| DisplayList { width: 4.0, height: 4.0, items: vec![Item::Fill { area: Box2 { x: 0.0, y: 0.0, w: 2.0, h: 4.0 }, radii: [0.0; 4], paint: Paint::Solid(Rgba::hex(c)) }] };
        let (a, b, c) = (rasterize(&list(0x000000), 1.0), rasterize(&list(0x0a0a0a), 1.0), rasterize(&list(0xffffff), 1.0));
        assert_eq!(psnr(&a, &a), Some(f64::INFINITY));
        let near = psnr(&a, &b).unwrap();
        let far = psnr(&a, &c).unwrap();
        // Half the pixels off by 10: MSE 50, 31.1 dB; by 255: 3.0 dB.
        assert!((near - 31.14).abs() < 0.01, "{near}");
        assert!((far - 3.01).abs() < 0.01, "{far}");
        assert_eq!(psnr(&a, &rasterize(&list(0), 2.0)), None);
    }

    #[test]
    fn jpeg_pictures_decode() {
        let mut jpeg = Vec::new();
        let red = image::RgbImage::from_pixel(16, 8, image::Rgb([220, 30, 30]));
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95).encode_image(&red).unwrap();
        let pixmap = decode_image(&jpeg).expect("a JPEG decodes").pixels;
        assert_eq!((pixmap.width(), pixmap.height()), (16, 8));
        let p = pixmap.sample(8, 4);
        assert!(p.r > 200 && p.g < 60 && p.b < 60 && p.a == 255, "{p:?}");
        assert!(decode_image(b"not a picture").is_none());
    }
}
