//! Lines beside floats (CSS 2 §9.5): a paragraph in the same block formatting context as
//! floats placed before it keeps its box, but each of its lines is shortened where a float
//! stands beside it, and a line that does not fit beside them goes down until it does.
//!
//! taffy places the floats and the blocks; which floats stand beside which paragraph is read
//! off a finished layout, and the page is laid out again with those (see `layout`).

use crate::styled::StyledTree;
use std::collections::{HashMap, HashSet};
use wxemu_render::{Box2, Rgba};
use wxemu_wxss::style as css;

/// A float beside a paragraph: from `top` to `bottom` (px down from the paragraph's content
/// box), it takes `left` px from the lines' left end, or `right` px from their right end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Intrusion {
    top: f32,
    bottom: f32,
    left: f32,
    right: f32,
}

/// A paragraph in block flow, named across layouts of the page: the element whose box holds
/// it and how many paragraphs that element held before it.
pub(super) type Place = (usize, usize);

/// The floats beside each paragraph that has any.
pub(super) type Beside = HashMap<Place, Vec<Intrusion>>;

/// Whether element `e` starts a block formatting context of its own (CSS 2 §9.4.1), which
/// holds the floats inside it and keeps those outside from its lines: the page, a float, an
/// inline-block, a flex or grid item or container, a positioned box, a `flow-root`, a box
/// that does not let its content overflow.
pub(super) fn formatting_root(styled: &StyledTree, e: usize) -> bool {
    let element = &styled.elements[e];
    let s = &element.style;
    let flex_like = |d: css::Display| matches!(d, css::Display::Flex | css::Display::InlineFlex | css::Display::Grid);
    e == 0
        || element.parent.is_some_and(|p| flex_like(styled.elements[p].style.display))
        || s.float != css::Float::None
        || flex_like(s.display)
        || matches!(s.display, css::Display::FlowRoot | css::Display::InlineBlock)
        || matches!(s.position, css::Position::Absolute | css::Position::Fixed)
        || s.overflow != [css::Overflow::Visible; 2]
}

/// The root of the block formatting context element `e`'s content is in.
pub(super) fn root_of(styled: &StyledTree, mut e: usize) -> usize {
    while !formatting_root(styled, e) {
        e = styled.elements[e].parent.unwrap_or(0);
    }
    e
}

/// The elements that float (displayed, not absolutely positioned, which makes `float`
/// none), each with the formatting context it floats in.
fn floats(styled: &StyledTree) -> impl Iterator<Item = (usize, usize)> + '_ {
    styled.elements.iter().enumerate().filter_map(|(f, element)| {
        let s = &element.style;
        let floats = s.float != css::Float::None && s.display != css::Display::None && !matches!(s.position, css::Position::Absolute | css::Position::Fixed);
        Some((f, root_of(styled, element.parent.filter(|_| floats)?)))
    })
}

/// The formatting contexts that hold floats.
pub(super) fn with_floats(styled: &StyledTree) -> HashSet<usize> {
    floats(styled).map(|(_, root)| root).collect()
}

/// Which floats stand beside which paragraphs in a finished layout (`boxes`, and each
/// paragraph in block flow with its content box): those in the paragraph's formatting context
/// that start before it (at or above its top) and reach down past its top.
pub(super) fn beside(styled: &StyledTree, boxes: &[Option<Box2>], paragraphs: impl Iterator<Item = (Place, Box2)>) -> Beside {
    // Each formatting context's floats: margin box, and whether on the left.
    let mut by_root: HashMap<usize, Vec<(Box2, bool)>> = HashMap::new();
    for (f, root) in floats(styled) {
        let Some(b) = boxes[f] else { continue };
        let s = &styled.elements[f].style;
        let of = styled.elements[f].parent.and_then(|p| boxes[p]).map_or(0.0, |p| p.w);
        let margin = |side: usize| s.margin[side].resolve(of).unwrap_or(0.0);
        let outer = Box2 { x: b.x - margin(3), y: b.y - margin(0), w: b.w + margin(1) + margin(3), h: b.h + margin(0) + margin(2) };
        if outer.h > 0.0 {
            by_root.entry(root).or_default().push((outer, s.float == css::Float::Left));
        }
    }
    let mut beside = Beside::new();
    if by_root.is_empty() {
        return beside;
    }
    for (place, area) in paragraphs {
        let Some(floats) = by_root.get(&root_of(styled, place.0)) else { continue };
        let intrusions: Vec<Intrusion> = floats
            .iter()
            .filter(|(f, _)| f.y <= area.y + 0.5 && f.y + f.h > area.y)
            .filter_map(|(f, left)| {
                let (top, bottom) = (f.y - area.y, f.y + f.h - area.y);
                let intrusion = match left {
                    true => Intrusion { top, bottom, left: f.x + f.w - area.x, right: 0.0 },
                    false => Intrusion { top, bottom, left: 0.0, right: area.x + area.w - f.x },
                };
                (intrusion.left > 0.0 || intrusion.right > 0.0).then_some(intrusion)
            })
            .collect();
        if !intrusions.is_empty() {
            beside.insert(place, intrusions);
        }
    }
    beside
}

/// Where a line from `top` to `bottom` goes in a box `width` px wide beside `floats`: its
/// left end and its width.
fn room(floats: &[Intrusion], top: f32, bottom: f32, width: f32) -> (f32, f32) {
    let beside = floats.iter().filter(|f| f.top < bottom && f.bottom > top);
    let (left, right) = beside.fold((0.0_f32, 0.0_f32), |(l, r), f| (l.max(f.left), r.max(f.right)));
    (left, (width - left - right).max(0.0))
}

/// Breaks `layout`'s lines at `width`, each as long as the floats beside it leave room for.
/// Returns how far lines went down to get past floats (which the layout's height leaves out).
pub(super) fn break_lines(layout: &mut parley::Layout<Rgba>, width: f32, floats: &[Intrusion]) -> f32 {
    let mut breaker = layout.break_lines();
    breaker.state_mut().set_layout_max_advance(width);
    let mut moved = 0.0;
    // A line's height is known once it is broken: a guess (the last line's) gives its band,
    // and a line that turns out higher is broken again in the band it needs.
    let mut guess: f32 = 0.0;
    'lines: loop {
        let y = breaker.committed_y() as f32;
        let mut height = guess;
        for attempt in 0..3 {
            let (x, advance) = room(floats, y, y + height.max(1.0), width);
            let state = breaker.state_mut();
            state.set_line_x(x);
            state.set_line_max_advance(advance);
            let Some(data) = breaker.break_next() else { break 'lines };
            let parley::YieldData::LineBreak(line) = data else {
                // Only boxes placed by the embedder stop a line otherwise, and there are none.
                unreachable!("paragraphs have no out-of-flow inline boxes");
            };
            let metrics = line.metrics;
            let needed = room(floats, y, y + metrics.line_height.max(1.0), width);
            if needed != (x, advance) && attempt < 2 {
                breaker.revert();
                height = metrics.line_height;
                continue;
            }
            // What does not fit beside the floats goes down past the first of them to end.
            let used = metrics.advance - metrics.hanging_advance;
            let below = floats.iter().filter(|f| f.top < y + metrics.line_height && f.bottom > y).map(|f| f.bottom).reduce(f32::min);
            if let Some(below) = below.filter(|_| used > advance + 0.5) {
                breaker.revert();
                breaker.state_mut().set_line_y(below as f64);
                moved += below - y;
                continue 'lines;
            }
            guess = metrics.line_height;
            continue 'lines;
        }
    }
    breaker.finish();
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float(top: f32, bottom: f32, left: f32, right: f32) -> Intrusion {
        Intrusion { top, bottom, left, right }
    }

    #[test]
    fn a_line_has_the_room_the_floats_in_its_band_leave() {
        let floats = [float(0.0, 40.0, 100.0, 0.0), float(20.0, 60.0, 0.0, 50.0)];
        assert_eq!(room(&floats, 0.0, 20.0, 300.0), (100.0, 200.0));
        assert_eq!(room(&floats, 10.0, 30.0, 300.0), (100.0, 150.0));
        assert_eq!(room(&floats, 45.0, 65.0, 300.0), (0.0, 250.0));
        assert_eq!(room(&floats, 60.0, 80.0, 300.0), (0.0, 300.0));
    }
}
