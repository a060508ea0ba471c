//! Paint: the laid-out page becomes a display list — shadows, backgrounds, borders, clips
//! and opacity groups per element, glyph runs per paragraph, images for `<image>`.

use crate::layout::{PageLayout, Piece};
use crate::scroll::Scrolling;
use crate::styled::StyledTree;
use parley::PositionedLayoutItem;
use std::sync::Arc;
use wxemu_render::{Affine, Box2, Item, Paint, Pixmap, Radii, Rgba};
use wxemu_wxss::style::{BackgroundImage, BackgroundSize, ComputedStyle, Overflow, Placement, Position, Transform};

/// Finds an image by the `src` an element gave (None when it cannot be shown).
pub type ImageSource<'a> = &'a dyn Fn(&str) -> Option<Arc<Pixmap>>;

/// Appends the page's drawing to `items`, shifted down by `top` (the chrome above the page)
/// and scrolled as `scrolling` says (`position: fixed` boxes stay put). Boxes and paragraphs
/// entirely outside the screen (above it, or below `bottom`) are left out.
pub fn paint(styled: &StyledTree, layout: &PageLayout, scrolling: &Scrolling, images: ImageSource, top: f32, bottom: f32, items: &mut Vec<Item>) {
    let shift = |b: Box2| Box2 { y: b.y + top, ..b };
    // Whether a box moved down by `dy` is on the screen (None: transformed, so always drawn).
    let visible = |b: &Box2, dy: Option<f32>| dy.is_none_or(|dy| b.y + dy < bottom && b.y + dy + b.h > 0.0);
    let translate = |x: f32, y: f32| Item::Transform(Affine::translate((x as f64, y as f64)));
    let page = scrolling.page;
    items.push(translate(0.0, -page));
    // Per open element: how many layers it pushed, and how far scrolling moves its content.
    let mut pushed: Vec<usize> = Vec::new();
    let mut moved: Vec<Option<f32>> = vec![Some(-page)];
    for piece in &layout.order {
        let dy = *moved.last().unwrap_or(&None);
        match *piece {
            Piece::Begin(e) => {
                let element = &styled.elements[e];
                let built_in = crate::components::registry(&element.tag);
                let s = &element.style;
                let Some(area) = layout.boxes[e].map(shift) else {
                    pushed.push(0);
                    moved.push(dy);
                    continue;
                };
                let mut layers = 0;
                let mut dy = dy;
                if s.position == Position::Fixed && e != 0 {
                    items.push(translate(0.0, page));
                    layers += 1;
                    dy = Some(0.0);
                }
                if let Some(transform) = transform(s, area) {
                    items.push(Item::Transform(transform));
                    layers += 1;
                    dy = None;
                }
                if s.opacity < 1.0 {
                    items.push(Item::Opacity(s.opacity));
                    layers += 1;
                }
                let radii = radii(s, area);
                if s.visible && visible(&area, dy) {
                    decorate(s, area, radii, images, items);
                    if let Some((src, mode)) = built_in.and_then(|b| b.picture(element)) {
                        // A picture fills the content box, inside the borders and padding.
                        let parent_width = element.parent.and_then(|p| layout.boxes[p]).map_or(area.w, |b| b.w);
                        let (content, inner) = content_box(s, area, radii, parent_width);
                        match images(&src) {
                            Some(image) => image_mode(&mode, image, content, inner, items),
                            None => items.push(Item::Fill { area: content, radii: inner, paint: Paint::Solid(Rgba::hex(0xf2f2f2)) }),
                        }
                    }
                }
                if s.overflow != [Overflow::Visible; 2] {
                    items.push(Item::Clip { area, radii });
                    layers += 1;
                }
                if let Some(built_in) = built_in.filter(|_| scrolling.views.contains_key(&e)) {
                    built_in.paint_scrolled(element, area, items);
                }
                if let Some(&(x, y)) = scrolling.views.get(&e) {
                    items.push(translate(-x, -y));
                    layers += 1;
                    dy = dy.map(|dy| dy - y);
                }
                pushed.push(layers);
                moved.push(dy);
            }
            Piece::End(_) => {
                for _ in 0..pushed.pop().unwrap_or(0) {
                    items.push(Item::Pop);
                }
                moved.pop();
            }
            Piece::Inline(e) => {
                let s = &styled.elements[e].style;
                let Some(area) = layout.boxes[e].map(shift).filter(|a| s.visible && visible(a, dy)) else { continue };
                match layout.fragments.get(&e) {
                    // On several lines, the box is sliced at the lines' ends: its left edge
                    // (border, rounded corners) only on the first line, its right on the last.
                    Some(lines) => {
                        for (i, line) in lines.iter().enumerate() {
                            let (first, last) = (i == 0, i + 1 == lines.len());
                            let area = shift(*line);
                            let mut r = radii(s, area);
                            if !first {
                                (r[0], r[3]) = (0.0, 0.0);
                            }
                            if !last {
                                (r[1], r[2]) = (0.0, 0.0);
                            }
                            decorate_sides(s, area, r, [true, last, true, first], images, items);
                        }
                    }
                    None => decorate(s, area, radii(s, area), images, items),
                }
            }
            Piece::Paragraph(p) => {
                let paragraph = &layout.paragraphs[p];
                if styled.elements[paragraph.element].style.visible && visible(&shift(paragraph.area), dy) {
                    glyphs(layout.lines(p), shift(paragraph.area), items);
                }
            }
        }
    }
    items.push(Item::Pop);
}

/// The `transform` of an element whose border box is `area`, about its `transform-origin`
/// (None when it has none).
pub fn transform(s: &ComputedStyle, area: Box2) -> Option<Affine> {
    if s.transform.is_empty() {
        return None;
    }
    let at = |d: wxemu_wxss::style::Dim, reference: f32| d.resolve(reference).unwrap_or(0.0) as f64;
    let origin = (area.x as f64 + at(s.transform_origin[0], area.w), area.y as f64 + at(s.transform_origin[1], area.h));
    let mut m = Affine::translate(origin);
    for t in &s.transform {
        m *= match *t {
            Transform::Translate(x, y) => Affine::translate((at(x, area.w), at(y, area.h))),
            Transform::Scale(x, y) => Affine::scale_non_uniform(x as f64, y as f64),
            Transform::Rotate(angle) => Affine::rotate(angle as f64),
            Transform::Skew(x, y) => Affine::skew((x as f64).tan(), (y as f64).tan()),
            Transform::Matrix(m) => Affine::new(m.map(f64::from)),
        };
    }
    Some(m * Affine::translate((-origin.0, -origin.1)))
}

/// Where element `e` is drawn: the transforms of it and its ancestors and the scrolling of
/// the scroll-views around it and of the page (not for `position: fixed` boxes), composed,
/// in page coordinates.
pub fn drawn_transform(styled: &StyledTree, layout: &PageLayout, scrolling: &Scrolling, mut e: usize) -> Affine {
    let mut m = Affine::IDENTITY;
    loop {
        let style = &styled.elements[e].style;
        if let Some(t) = layout.boxes[e].and_then(|area| transform(style, area)) {
            m = t * m;
        }
        if style.position == Position::Fixed && e != 0 {
            return m;
        }
        match styled.elements[e].parent {
            Some(parent) => {
                if let Some(&(x, y)) = scrolling.views.get(&parent) {
                    m = Affine::translate((-x as f64, -y as f64)) * m;
                }
                e = parent;
            }
            None => return Affine::translate((0.0, -scrolling.page as f64)) * m,
        }
    }
}

/// The box element `e` covers on the page once transformed and scrolled (the bounding box of
/// its transformed border box, as `getBoundingClientRect` gives it).
pub fn drawn_box(styled: &StyledTree, layout: &PageLayout, scrolling: &Scrolling, e: usize) -> Option<Box2> {
    let area = layout.boxes[e]?;
    let r = drawn_transform(styled, layout, scrolling, e).transform_rect_bbox(area.rect());
    Some(Box2 { x: r.x0 as f32, y: r.y0 as f32, w: r.width() as f32, h: r.height() as f32 })
}

/// An `<image>` drawn in its `mode`: stretched (scaleToFill, widthFix, heightFix — layout
/// gave the box the picture's proportions for the last two), scaled to fit or to fill, or at
/// its natural size (1 image pixel per CSS px) placed by the mode's edge; clipped to its box.
fn image_mode(mode: &str, image: std::sync::Arc<Pixmap>, area: Box2, radii: Radii, items: &mut Vec<Item>) {
    let (iw, ih) = (image.width() as f32, image.height() as f32);
    let placed = |w: f32, h: f32, fx: f32, fy: f32| Box2 { x: area.x + (area.w - w) * fx, y: area.y + (area.h - h) * fy, w, h };
    let dest = match mode {
        "" | "scaleToFill" | "widthFix" | "heightFix" => area,
        "aspectFit" | "aspectFill" => {
            let (sx, sy) = (area.w / iw, area.h / ih);
            let scale = if mode == "aspectFit" { sx.min(sy) } else { sx.max(sy) };
            placed(iw * scale, ih * scale, 0.5, 0.5)
        }
        other => {
            let fx = if other.contains("left") {
                0.0
            } else if other.contains("right") {
                1.0
            } else {
                0.5
            };
            let fy = if other.starts_with("top") {
                0.0
            } else if other.starts_with("bottom") {
                1.0
            } else {
                0.5
            };
            placed(iw, ih, fx, fy)
        }
    };
    items.push(Item::Clip { area, radii });
    items.push(Item::Image { area: dest, image });
    items.push(Item::Pop);
}

/// Shadows, background and border of a box.
fn decorate(s: &ComputedStyle, area: Box2, radii: Radii, images: ImageSource, items: &mut Vec<Item>) {
    decorate_sides(s, area, radii, [true; 4], images, items);
}

/// [`decorate`] with the borders of only the `sides` (top, right, bottom, left) set.
fn decorate_sides(s: &ComputedStyle, area: Box2, radii: Radii, sides: [bool; 4], images: ImageSource, items: &mut Vec<Item>) {
    // A box with a picture as its mask shows its background colour only where the mask is
    // opaque (WeUI's icons are SVG masks over currentColor); a picture that is not there
    // (yet) masks everything. A gradient mask is not applied.
    if let Some(BackgroundImage::Url(src)) = &s.mask_image {
        if let Some(picture) = images(src).filter(|_| s.background_color.a > 0) {
            picture_layer(s, Arc::new(wxemu_render::tinted(&picture, s.background_color)), &s.mask_placement, area, radii, items);
        }
        return;
    }
    for shadow in s.shadows.iter().filter(|sh| !sh.inset) {
        let a = Box2 { x: area.x + shadow.x - shadow.spread, y: area.y + shadow.y - shadow.spread, w: area.w + 2.0 * shadow.spread, h: area.h + 2.0 * shadow.spread };
        items.push(Item::Shadow { area: a, radius: radii[0], blur: shadow.blur, color: shadow.color });
    }
    if s.background_color.a > 0 {
        items.push(Item::Fill { area, radii, paint: Paint::Solid(s.background_color) });
    }
    match &s.background_image {
        Some(BackgroundImage::Linear { angle, stops }) => items.push(Item::Fill { area, radii, paint: linear_gradient(area, *angle, stops) }),
        Some(BackgroundImage::Url(src)) => {
            if let Some(picture) = images(src) {
                picture_layer(s, picture, &s.background_placement, area, radii, items);
            }
        }
        None => {}
    }
    let widths = [0, 1, 2, 3].map(|i| if sides[i] { s.border_width(i) } else { 0.0 });
    if widths.iter().any(|w| *w > 0.0) {
        items.push(Item::Border { area, radii, widths, colors: [0, 1, 2, 3].map(|i| s.border_color(i)) });
    }
}

/// How many tiles of a repeated picture layer are drawn at the most (a tiny picture repeated
/// over a large box is drawn as far as this goes).
const MAX_TILES: usize = 4096;

/// A picture layer (a background picture, a tinted mask) in a box at `area`: sized,
/// placed in the padding box and repeated as `placement` says, clipped to the border box.
fn picture_layer(s: &ComputedStyle, picture: Arc<Pixmap>, placement: &Placement, area: Box2, radii: Radii, items: &mut Vec<Item>) {
    let padding = Box2 { x: area.x + s.border_width(3), y: area.y + s.border_width(0), w: area.w - s.border_width(1) - s.border_width(3), h: area.h - s.border_width(0) - s.border_width(2) };
    let (iw, ih) = (picture.width() as f32, picture.height() as f32);
    if iw <= 0.0 || ih <= 0.0 || padding.w <= 0.0 || padding.h <= 0.0 {
        return;
    }
    let (w, h) = match placement.size {
        BackgroundSize::Cover => {
            let scale = (padding.w / iw).max(padding.h / ih);
            (iw * scale, ih * scale)
        }
        BackgroundSize::Contain => {
            let scale = (padding.w / iw).min(padding.h / ih);
            (iw * scale, ih * scale)
        }
        BackgroundSize::Explicit(x, y) => match (x.resolve(padding.w), y.resolve(padding.h)) {
            (Some(w), Some(h)) => (w, h),
            (Some(w), None) => (w, w * ih / iw),
            (None, Some(h)) => (h * iw / ih, h),
            (None, None) => (iw, ih),
        },
    };
    if w < 0.5 || h < 0.5 {
        return;
    }
    // A percentage places the same point of the picture and of the box.
    let at = |d: wxemu_wxss::style::Dim, room: f32| match d {
        wxemu_wxss::style::Dim::Length { px, percent } => px + percent / 100.0 * room,
        wxemu_wxss::style::Dim::Auto => 0.0,
    };
    let (x0, y0) = (padding.x + at(placement.position[0], padding.w - w), padding.y + at(placement.position[1], padding.h - h));
    // The tiles' starts along an axis: one at the placed position, or every `step` over the box.
    let starts = |start: f32, step: f32, from: f32, to: f32, repeat: bool| -> Vec<f32> {
        if !repeat {
            return vec![start];
        }
        let first = start - ((start - from) / step).ceil() * step;
        (0..).map(|i| first + i as f32 * step).take_while(|p| *p < to).take(MAX_TILES).collect()
    };
    let xs = starts(x0, w, area.x, area.x + area.w, placement.repeat[0]);
    let ys = starts(y0, h, area.y, area.y + area.h, placement.repeat[1]);
    items.push(Item::Clip { area, radii });
    for y in ys.iter().take(MAX_TILES / xs.len().max(1)) {
        for x in &xs {
            items.push(Item::Image { area: Box2 { x: *x, y: *y, w, h }, image: picture.clone() });
        }
    }
    items.push(Item::Pop);
}

/// The content box of a box at `area` (inside its borders and padding; percentages of
/// padding are of the containing block's width), with its corners' radii.
fn content_box(s: &ComputedStyle, area: Box2, radii: Radii, containing_width: f32) -> (Box2, Radii) {
    let inset = [0, 1, 2, 3].map(|side| s.border_width(side) + s.padding[side].resolve(containing_width).unwrap_or(0.0).max(0.0));
    let content = Box2 { x: area.x + inset[3], y: area.y + inset[0], w: (area.w - inset[1] - inset[3]).max(0.0), h: (area.h - inset[0] - inset[2]).max(0.0) };
    // Each corner (top-left, top-right, bottom-right, bottom-left) shrinks by its sides' insets.
    let sides = [(0, 3), (0, 1), (2, 1), (2, 3)];
    let inner = [0, 1, 2, 3].map(|corner| (radii[corner] - inset[sides[corner].0].max(inset[sides[corner].1])).max(0.0));
    (content, inner)
}

/// Corner radii in px, percentages of the box, scaled down when they overlap (CSS rule).
fn radii(s: &ComputedStyle, area: Box2) -> Radii {
    let mut r = s.radius.map(|(h, v)| h.resolve(area.w).unwrap_or(0.0).min(v.resolve(area.h).unwrap_or(0.0)).max(0.0));
    let f = [area.w / (r[0] + r[1]), area.h / (r[1] + r[2]), area.w / (r[2] + r[3]), area.h / (r[3] + r[0])].into_iter().filter(|f| f.is_finite()).fold(1.0f32, f32::min);
    if f < 1.0 {
        r = r.map(|x| x * f);
    }
    r
}

/// A CSS linear-gradient at `angle` degrees over `area`.
fn linear_gradient(area: Box2, angle: f32, stops: &[wxemu_wxss::style::Stop]) -> Paint {
    let (sin, cos) = angle.to_radians().sin_cos();
    let length = (area.w * sin).abs() + (area.h * cos).abs();
    let (cx, cy) = (area.x + area.w / 2.0, area.y + area.h / 2.0);
    let (dx, dy) = (sin * length / 2.0, -cos * length / 2.0);
    let last = stops.len().saturating_sub(1).max(1) as f32;
    let stops = stops.iter().enumerate().map(|(i, s)| (s.at.unwrap_or(i as f32 / last), s.color)).collect();
    Paint::Linear { start: (cx - dx, cy - dy), end: (cx + dx, cy + dy), stops }
}

/// Glyph runs (and underlines) of a paragraph placed at `area`.
pub(crate) fn glyphs(layout: &parley::Layout<Rgba>, area: Box2, items: &mut Vec<Item>) {
    for line in layout.lines() {
        for item in line.items() {
            let PositionedLayoutItem::GlyphRun(run) = item else { continue };
            let style = run.style();
            let glyphs: Vec<(u32, f32, f32)> = run.positioned_glyphs().map(|g| (g.id, area.x + g.x, area.y + g.y)).collect();
            let size = run.run().font_size();
            let baseline = area.y + run.baseline();
            let width = run.advance();
            let x = area.x + run.offset();
            if style.underline.is_some() {
                items.push(Item::Fill { area: Box2 { x, y: baseline + size * 0.1, w: width, h: (size / 16.0).max(1.0) }, radii: [0.0; 4], paint: Paint::Solid(style.brush) });
            }
            if style.strikethrough.is_some() {
                items.push(Item::Fill { area: Box2 { x, y: baseline - size * 0.3, w: width, h: (size / 16.0).max(1.0) }, radii: [0.0; 4], paint: Paint::Solid(style.brush) });
            }
            let skew = run.run().synthesis().skew().unwrap_or(0.0);
            items.push(Item::Glyphs { font: run.run().font().clone(), size, color: style.brush, skew, glyphs });
        }
    }
}
