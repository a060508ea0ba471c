//! Paint: the laid-out page becomes a display list — shadows, backgrounds, borders, clips
//! and opacity groups per element, glyph runs per paragraph, images for `<image>`.

use crate::backgrounds::Boxes;
use crate::layout::{PageLayout, Piece};
use crate::scroll::Scrolling;
use crate::styled::StyledTree;
use parley::PositionedLayoutItem;
use wxemu_render::{Affine, Box2, Item, Paint, Picture, Radii, Rgba};
use wxemu_wxss::style::{BoxArea, ComputedStyle, Overflow, Position, Transform};

/// Finds an image by the `src` an element gave (None when it cannot be shown).
pub type ImageSource<'a> = &'a dyn Fn(&str) -> Option<Picture>;

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
                    let parent_width = element.parent.and_then(|p| layout.boxes[p]).map_or(area.w, |b| b.w);
                    decorate(s, area, radii, parent_width, images, items);
                    // A picture fills the content box, inside the borders and padding; one not
                    // (yet) loaded leaves the box empty, as in the WebView.
                    if let Some((image, mode)) = built_in.and_then(|b| b.picture(element)).and_then(|(src, mode)| Some((images(&src)?, mode))) {
                        let (content, inner) = Boxes::new(s, area, radii, parent_width).get(BoxArea::Content);
                        image_mode(&mode, image, content, inner, items);
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
                            decorate_sides(s, area, r, area.w, [true, last, true, first], images, items);
                        }
                    }
                    None => decorate(s, area, radii(s, area), area.w, images, items),
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
fn image_mode(mode: &str, image: Picture, area: Box2, radii: Radii, items: &mut Vec<Item>) {
    let (iw, ih) = (image.width, image.height);
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
    items.push(Item::Image { area: dest, image: image.pixels });
    items.push(Item::Pop);
}

/// Shadows, background and border of a box (`containing_width`: its containing block's
/// width, which percentages of padding are of).
fn decorate(s: &ComputedStyle, area: Box2, radii: Radii, containing_width: f32, images: ImageSource, items: &mut Vec<Item>) {
    decorate_sides(s, area, radii, containing_width, [true; 4], images, items);
}

/// [`decorate`] with the borders of only the `sides` (top, right, bottom, left) set.
fn decorate_sides(s: &ComputedStyle, area: Box2, radii: Radii, containing_width: f32, sides: [bool; 4], images: ImageSource, items: &mut Vec<Item>) {
    if !s.mask.any() {
        for shadow in s.shadows.iter().filter(|sh| !sh.inset) {
            let a = Box2 { x: area.x + shadow.x - shadow.spread, y: area.y + shadow.y - shadow.spread, w: area.w + 2.0 * shadow.spread, h: area.h + 2.0 * shadow.spread };
            items.push(Item::Shadow { area: a, radius: radii[0], blur: shadow.blur, color: shadow.color });
        }
    }
    crate::backgrounds::background(s, &Boxes::new(s, area, radii, containing_width), images, items);
    if s.mask.any() {
        return;
    }
    let widths = [0, 1, 2, 3].map(|i| if sides[i] { s.border_width(i) } else { 0.0 });
    if widths.iter().any(|w| *w > 0.0) {
        items.push(Item::Border { area, radii, widths, colors: [0, 1, 2, 3].map(|i| s.border_color(i)), lines: s.border.map(|side| side.line) });
    }
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
