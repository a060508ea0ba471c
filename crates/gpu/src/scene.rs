//! The display list as a vello scene: the same drawing the CPU rasterizer makes, item by item.

use std::collections::HashMap;
use std::sync::{Arc, Weak};
use vello::kurbo::{Affine, BezPath, Rect, RoundedRect, RoundedRectRadii, Shape};
use vello::peniko::{self, Blob, Color, Fill, ImageAlphaType, ImageBrush, ImageData, ImageFormat, Mix};
use vello::{Glyph, Scene};
use wxemu_render::{Box2, DisplayList, Item, Line, Paint, Pixmap, Radii, Rgba};

fn color(c: Rgba) -> Color {
    Color::from_rgba8(c.r, c.g, c.b, c.a)
}

fn rect(area: Box2) -> Rect {
    Rect::new(area.x as f64, area.y as f64, (area.x + area.w) as f64, (area.y + area.h) as f64)
}

fn rounded(area: Box2, radii: Radii) -> BezPath {
    let r = RoundedRectRadii::new(radii[0] as f64, radii[1] as f64, radii[2] as f64, radii[3] as f64);
    RoundedRect::from_rect(rect(area), r).to_path(0.1)
}

/// Page images as vello images, kept while the display list holds them, so the GPU atlas
/// sees the same blob (and uploads it once) frame after frame.
#[derive(Default)]
pub struct Images {
    known: HashMap<usize, (Weak<Pixmap>, ImageData)>,
}

impl Images {
    fn get(&mut self, image: &Arc<Pixmap>) -> ImageData {
        self.known.retain(|_, (weak, _)| weak.strong_count() > 0);
        let key = Arc::as_ptr(image) as usize;
        let entry = self.known.entry(key).or_insert_with(|| {
            let bytes = image.data_as_u8_slice().to_vec();
            let data = ImageData {
                data: Blob::new(Arc::new(bytes)),
                format: ImageFormat::Rgba8,
                alpha_type: ImageAlphaType::AlphaPremultiplied,
                width: u32::from(image.width()),
                height: u32::from(image.height()),
            };
            (Arc::downgrade(image), data)
        });
        entry.1.clone()
    }
}

/// Builds the scene for `list` at `scale` device pixels per CSS px, on a white page.
pub fn build(list: &DisplayList, scale: f32, images: &mut Images) -> Scene {
    let mut scene = Scene::new();
    let page = Rect::new(0.0, 0.0, list.width as f64, list.height as f64);
    let mut transform = Affine::scale(scale as f64);
    scene.fill(Fill::NonZero, transform, Color::WHITE, None, &page);
    // What each open Clip, Opacity or Transform item started: a layer, or a transform (with
    // the one before it, for its Pop).
    let mut open: Vec<Option<Affine>> = Vec::new();
    for item in &list.items {
        match item {
            Item::Fill { area, radii, paint } => {
                let (brush, place) = brush(paint);
                if radii.iter().all(|r| *r == 0.0) {
                    scene.fill(Fill::NonZero, transform, &brush, place, &rect(*area));
                } else {
                    scene.fill(Fill::NonZero, transform, &brush, place, &rounded(*area, *radii));
                }
            }
            Item::Border { area, radii, widths, colors, lines } => border(&mut scene, transform, *area, *radii, *widths, *colors, *lines),
            Item::Shadow { area, radius, blur, color: c } => {
                scene.draw_blurred_rounded_rect(transform, rect(*area), color(*c), *radius as f64, (blur / 2.0) as f64);
            }
            Item::Glyphs { font, size, color: c, skew, glyphs } => {
                let slant = (*skew != 0.0).then(|| Affine::skew(-skew.to_radians().tan() as f64, 0.0));
                scene
                    .draw_glyphs(font)
                    .font_size(*size)
                    .transform(transform)
                    .glyph_transform(slant)
                    .hint(false)
                    .brush(color(*c))
                    .draw(Fill::NonZero, glyphs.iter().map(|&(id, x, y)| Glyph { id, x, y }));
            }
            Item::Image { area, image } => {
                let sx = area.w as f64 / image.width().max(1) as f64;
                let sy = area.h as f64 / image.height().max(1) as f64;
                let placed = transform * Affine::translate((area.x as f64, area.y as f64)) * Affine::scale_non_uniform(sx, sy);
                scene.draw_image(&ImageBrush::new(images.get(image)), placed);
            }
            Item::Clip { area, radii } => {
                scene.push_clip_layer(Fill::NonZero, transform, &rounded(*area, *radii));
                open.push(None);
            }
            Item::Opacity(opacity) => {
                scene.push_layer(Fill::NonZero, Mix::Normal, *opacity, Affine::IDENTITY, &Rect::new(-1e6, -1e6, 1e6, 1e6));
                open.push(None);
            }
            Item::Transform(t) => {
                open.push(Some(transform));
                transform *= *t;
            }
            Item::Pop => match open.pop() {
                Some(Some(before)) => transform = before,
                Some(None) => scene.pop_layer(),
                None => {}
            },
        }
    }
    scene
}

/// The brush for `paint`, with the transform that puts a gradient in place.
fn brush(paint: &Paint) -> (peniko::Brush, Option<Affine>) {
    if let Paint::Solid(c) = paint {
        return (color(*c).into(), None);
    }
    match paint.gradient() {
        Some((gradient, place)) => (gradient.into(), Some(place)),
        None => (color(Rgba::TRANSPARENT).into(), None),
    }
}

/// A border as the CPU rasterizer draws it: the ring between the outer and the inner rounded
/// rectangle, one colour, or each side clipped to its trapezoid.
fn border(scene: &mut Scene, transform: Affine, area: Box2, radii: Radii, widths: [f32; 4], colors: [Rgba; 4], lines: [Line; 4]) {
    let (ring, sides) = wxemu_render::border_ring(area, radii, widths);
    if colors.iter().all(|c| *c == colors[0]) && lines == wxemu_render::SOLID {
        scene.fill(Fill::EvenOdd, transform, color(colors[0]), None, &ring);
        return;
    }
    for (side, clip) in sides.iter().enumerate() {
        if widths[side] <= 0.0 || colors[side].a == 0 {
            continue;
        }
        let dashes = wxemu_render::dashes(area, widths[side], side, lines[side]);
        scene.push_clip_layer(Fill::NonZero, transform, clip);
        if let Some(dashes) = &dashes {
            scene.push_clip_layer(Fill::NonZero, transform, dashes);
        }
        scene.fill(Fill::EvenOdd, transform, color(colors[side]), None, &ring);
        if dashes.is_some() {
            scene.pop_layer();
        }
        scene.pop_layer();
    }
}
