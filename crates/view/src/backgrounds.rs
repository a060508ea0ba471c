//! Background and mask layers as CSS draws them: pictures and gradients (linear or radial,
//! repeating or not) sized, placed in their origin box, repeated, and clipped to their clip
//! box; the background colour under them all.

use crate::paint::ImageSource;
use std::sync::Arc;
use wxemu_render::{Box2, Item, Paint, Picture, Radii, Rgba};
use wxemu_wxss::style::{BackgroundImage, BackgroundSize, BoxArea, ComputedStyle, Dim, Placement, RadialExtent, Stop};

/// A box's border, padding and content boxes, each with its corners' radii.
pub(crate) struct Boxes {
    border: (Box2, Radii),
    padding: (Box2, Radii),
    content: (Box2, Radii),
}

impl Boxes {
    /// The boxes of an element whose border box is `area` (percentages of padding are of the
    /// containing block's width).
    pub(crate) fn new(s: &ComputedStyle, area: Box2, radii: Radii, containing_width: f32) -> Boxes {
        let borders = [0, 1, 2, 3].map(|side| s.border_width(side));
        let padding = [0, 1, 2, 3].map(|side| borders[side] + s.padding[side].resolve(containing_width).unwrap_or(0.0).max(0.0));
        Boxes { border: (area, radii), padding: inset(area, radii, borders), content: inset(area, radii, padding) }
    }

    pub(crate) fn get(&self, which: BoxArea) -> (Box2, Radii) {
        match which {
            BoxArea::Border => self.border,
            BoxArea::Padding => self.padding,
            BoxArea::Content => self.content,
        }
    }
}

/// `area` moved in by `by` (top, right, bottom, left); each corner shrinks by its sides'.
fn inset(area: Box2, radii: Radii, by: [f32; 4]) -> (Box2, Radii) {
    let inner = Box2 { x: area.x + by[3], y: area.y + by[0], w: (area.w - by[1] - by[3]).max(0.0), h: (area.h - by[0] - by[2]).max(0.0) };
    let sides = [(0, 3), (0, 1), (2, 1), (2, 3)];
    (inner, [0, 1, 2, 3].map(|corner| (radii[corner] - by[sides[corner].0].max(by[sides[corner].1])).max(0.0)))
}

/// The background of a box: its colour, then its layers bottom to top. A box with a mask
/// shows its background colour only where the mask is opaque (WeUI's icons are SVG masks
/// over currentColor; a gradient mask fades it); a picture that is not there (yet) masks
/// everything. A mask does not reach the box's background pictures or its children.
pub(crate) fn background(s: &ComputedStyle, boxes: &Boxes, images: ImageSource, items: &mut Vec<Item>) {
    if s.mask.any() {
        if s.background_color.a > 0 {
            for (image, placement) in s.mask.layers().rev() {
                match image {
                    BackgroundImage::Url(src) => {
                        if let Some(picture) = images(src) {
                            let tinted = Arc::new(wxemu_render::tinted(&picture.pixels, s.background_color));
                            layer(Layer::Picture(Picture { pixels: tinted, ..picture }), &placement, boxes, items);
                        }
                    }
                    gradient => layer(Layer::Gradient(&masked(gradient, s.background_color)), &placement, boxes, items),
                }
            }
        }
        return;
    }
    if s.background_color.a > 0 {
        let (area, radii) = boxes.get(s.background.color_clip());
        items.push(Item::Fill { area, radii, paint: Paint::Solid(s.background_color) });
    }
    for (image, placement) in s.background.layers().rev() {
        match image {
            BackgroundImage::Url(src) => {
                if let Some(picture) = images(src) {
                    layer(Layer::Picture(picture), &placement, boxes, items);
                }
            }
            gradient => layer(Layer::Gradient(gradient), &placement, boxes, items),
        }
    }
}

/// Gradient mask `gradient` over `color`: the colour, as opaque at each stop as the mask is.
fn masked(gradient: &BackgroundImage, color: Rgba) -> BackgroundImage {
    let mut tinted = gradient.clone();
    if let BackgroundImage::Linear { stops, .. } | BackgroundImage::Radial { stops, .. } = &mut tinted {
        for stop in stops {
            stop.color = Rgba { a: (u16::from(color.a) * u16::from(stop.color.a) / 255) as u8, ..color };
        }
    }
    tinted
}

/// What a layer draws: a (decoded) picture, or a gradient.
enum Layer<'a> {
    Picture(Picture),
    Gradient(&'a BackgroundImage),
}

/// How many tiles of a repeated layer are drawn at the most (a tiny picture repeated over a
/// large box is drawn as far as this goes).
const MAX_TILES: usize = 4096;

/// One layer, sized, placed in its origin box and repeated as `placement` says, clipped to
/// its clip box.
fn layer(image: Layer, placement: &Placement, boxes: &Boxes, items: &mut Vec<Item>) {
    let (origin, _) = boxes.get(placement.origin);
    let (clip, clip_radii) = boxes.get(placement.clip);
    if origin.w <= 0.0 || origin.h <= 0.0 || clip.w <= 0.0 || clip.h <= 0.0 {
        return;
    }
    let natural = match &image {
        Layer::Picture(p) if p.width <= 0.0 || p.height <= 0.0 => return,
        Layer::Picture(p) => Some((p.width, p.height)),
        Layer::Gradient(_) => None,
    };
    let (w, h) = layer_size(placement.size, origin, natural);
    if w < 0.5 || h < 0.5 {
        return;
    }
    // A percentage places the same point of the layer and of the box.
    let at = |d: Dim, room: f32| match d {
        Dim::Length { px, percent } => px + percent / 100.0 * room,
        Dim::Auto | Dim::Content(_) => 0.0,
    };
    let (x0, y0) = (origin.x + at(placement.position[0], origin.w - w), origin.y + at(placement.position[1], origin.h - h));
    // The tiles' starts along an axis: one at the placed position, or every `step` over the clip.
    let starts = |start: f32, step: f32, from: f32, to: f32, repeat: bool| -> Vec<f32> {
        if !repeat {
            return vec![start];
        }
        let first = start - ((start - from) / step).ceil() * step;
        (0..).map(|i| first + i as f32 * step).take_while(|p| *p < to).take(MAX_TILES).collect()
    };
    let xs = starts(x0, w, clip.x, clip.x + clip.w, placement.repeat[0]);
    let ys = starts(y0, h, clip.y, clip.y + clip.h, placement.repeat[1]);
    items.push(Item::Clip { area: clip, radii: clip_radii });
    for y in ys.iter().take(MAX_TILES / xs.len().max(1)) {
        for x in &xs {
            let tile = Box2 { x: *x, y: *y, w, h };
            match &image {
                Layer::Picture(picture) => items.push(Item::Image { area: tile, image: picture.pixels.clone() }),
                Layer::Gradient(gradient) => items.push(Item::Fill { area: tile, radii: [0.0; 4], paint: paint(gradient, tile) }),
            }
        }
    }
    items.push(Item::Pop);
}

/// A layer's size in its origin box: a picture has its natural size and proportions, a
/// gradient none (its auto sizes are the box's).
fn layer_size(size: BackgroundSize, origin: Box2, natural: Option<(f32, f32)>) -> (f32, f32) {
    let Some((iw, ih)) = natural else {
        return match size {
            BackgroundSize::Explicit(x, y) => (x.resolve(origin.w).unwrap_or(origin.w), y.resolve(origin.h).unwrap_or(origin.h)),
            BackgroundSize::Cover | BackgroundSize::Contain => (origin.w, origin.h),
        };
    };
    match size {
        BackgroundSize::Cover => {
            let scale = (origin.w / iw).max(origin.h / ih);
            (iw * scale, ih * scale)
        }
        BackgroundSize::Contain => {
            let scale = (origin.w / iw).min(origin.h / ih);
            (iw * scale, ih * scale)
        }
        BackgroundSize::Explicit(x, y) => match (x.resolve(origin.w), y.resolve(origin.h)) {
            (Some(w), Some(h)) => (w, h),
            (Some(w), None) => (w, w * ih / iw),
            (None, Some(h)) => (h * iw / ih, h),
            (None, None) => (iw, ih),
        },
    }
}

/// The paint of a gradient over one tile at `area` (a picture paints nothing here).
fn paint(image: &BackgroundImage, area: Box2) -> Paint {
    match image {
        BackgroundImage::Url(_) => Paint::Solid(Rgba::TRANSPARENT),
        BackgroundImage::Linear { angle, stops, repeating } => {
            let (sin, cos) = angle.to_radians().sin_cos();
            let length = (area.w * sin).abs() + (area.h * cos).abs();
            let (cx, cy) = (area.x + area.w / 2.0, area.y + area.h / 2.0);
            let start = (cx - sin * length / 2.0, cy + cos * length / 2.0);
            let Some((from, to, stops)) = ramp(stops, length, *repeating) else { return last_colour(stops) };
            let along = |t: f32| (start.0 + sin * length * t, start.1 - cos * length * t);
            Paint::Linear { start: along(from), end: along(to), stops, repeat: *repeating }
        }
        BackgroundImage::Radial { circle, extent, center, stops, repeating } => {
            let (cx, cy) = (center[0].resolve(area.w).unwrap_or(0.0), center[1].resolve(area.h).unwrap_or(0.0));
            let (rx, ry) = radial_radii(*circle, *extent, (cx, cy), area);
            if rx <= 0.0 || ry <= 0.0 {
                return last_colour(stops);
            }
            let Some((from, to, stops)) = ramp(stops, rx, *repeating) else { return last_colour(stops) };
            Paint::Radial { center: (area.x + cx, area.y + cy), radii: (from.max(0.0) * rx, to * rx), y_scale: ry / rx, stops, repeat: *repeating }
        }
    }
}

fn last_colour(stops: &[Stop]) -> Paint {
    Paint::Solid(stops.last().map_or(Rgba::TRANSPARENT, |s| s.color))
}

/// A radial gradient's x and y radii in a box at `area`, centred at `c` (in the box).
fn radial_radii(circle: bool, extent: RadialExtent, c: (f32, f32), area: Box2) -> (f32, f32) {
    let (near_x, far_x) = (c.0.abs().min((area.w - c.0).abs()), c.0.abs().max((area.w - c.0).abs()));
    let (near_y, far_y) = (c.1.abs().min((area.h - c.1).abs()), c.1.abs().max((area.h - c.1).abs()));
    let (side_x, side_y, corner) = match extent {
        RadialExtent::Size(x, y) => {
            let rx = x.resolve(area.w).unwrap_or(0.0);
            return if circle { (rx, rx) } else { (rx, y.resolve(area.h).unwrap_or(0.0)) };
        }
        RadialExtent::ClosestSide => (near_x, near_y, false),
        RadialExtent::FarthestSide => (far_x, far_y, false),
        RadialExtent::ClosestCorner => (near_x, near_y, true),
        RadialExtent::FarthestCorner => (far_x, far_y, true),
    };
    match (circle, corner) {
        (true, false) if matches!(extent, RadialExtent::ClosestSide) => (side_x.min(side_y), side_x.min(side_y)),
        (true, false) => (side_x.max(side_y), side_x.max(side_y)),
        (true, true) => (side_x.hypot(side_y), side_x.hypot(side_y)),
        // An ellipse through the corner keeps the proportions it has at the sides.
        (false, true) => (side_x * std::f32::consts::SQRT_2, side_y * std::f32::consts::SQRT_2),
        (false, false) => (side_x, side_y),
    }
}

/// A gradient's stops on a line `length` px long, placed as CSS places them (a missing first
/// or last position is the line's start or end, others are spread evenly between their
/// neighbours, none goes back before an earlier one): the offsets (in line lengths) where
/// the ramp starts and ends, and the stops as fractions of that ramp. None when a repeating
/// ramp has no length (the last colour is drawn).
fn ramp(stops: &[Stop], length: f32, repeating: bool) -> Option<(f32, f32, Vec<(f32, Rgba)>)> {
    if stops.is_empty() {
        return None;
    }
    let mut at: Vec<Option<f32>> = stops.iter().map(|s| s.at.and_then(|d| d.resolve(length)).map(|px| px / length.max(1e-6))).collect();
    let last = at.len() - 1;
    at[0] = at[0].or(Some(0.0));
    at[last] = at[last].or(Some(1.0));
    let mut highest = f32::MIN;
    for offset in at.iter_mut().flatten() {
        highest = highest.max(*offset);
        *offset = highest;
    }
    let mut i = 0;
    while i < at.len() {
        if at[i].is_some() {
            i += 1;
            continue;
        }
        let before = at[i - 1].unwrap_or(0.0);
        let next = (i..at.len()).find(|j| at[*j].is_some()).unwrap_or(last);
        let after = at[next].unwrap_or(1.0);
        for (k, offset) in at.iter_mut().enumerate().take(next).skip(i) {
            *offset = Some(before + (after - before) * (k - i + 1) as f32 / (next - i + 1) as f32);
        }
        i = next;
    }
    let offsets: Vec<f32> = at.into_iter().map(|o| o.unwrap_or(0.0)).collect();
    // A gradient runs over its line (past its first and last stops when they are inside it);
    // a repeating one over its stops, which repeat.
    let (from, to) = if repeating { (offsets[0], offsets[last]) } else { (offsets[0].min(0.0), offsets[last].max(1.0)) };
    if to - from < 1e-6 {
        return None;
    }
    let stops = stops.iter().zip(&offsets).map(|(s, o)| ((o - from) / (to - from), s.color)).collect();
    // A repeating ramp is the same a whole number of periods on (a radius cannot be negative).
    let periods = if repeating && from < 0.0 { (-from / (to - from)).ceil() } else { 0.0 };
    Some((from + periods * (to - from), to + periods * (to - from), stops))
}
