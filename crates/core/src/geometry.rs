//! Where things are on the screen: what is at a point (the hit test taps go through), each
//! element's drawn box, what scrolls and how far, where a field's characters are.

use crate::draw::Frame;
use crate::Simulator;
use wxemu_render::Box2;
use wxemu_view::chrome::{self, Prompt};
use wxemu_view::components::input::{field_text, CARET};
use wxemu_view::components::Scroller;
use wxemu_view::layout::{InlineBoxes, PageLayout, Piece};
use wxemu_view::scroll::Scrolling;
use wxemu_view::select::NodePath;
use wxemu_wxss::Device;

impl Frame {
    /// What is at screen point (x, y).
    fn hit(&self, x: f32, y: f32, device: &Device) -> Hit {
        if self.tab_bar.as_ref().is_some_and(|_| y >= device.height - chrome::TAB_BAR - device.safe_bottom) {
            let tabs = self.tab_bar.as_ref().map_or(1, |t| t.tabs.len());
            return Hit::Tab(((x / device.width) * tabs as f32) as usize);
        }
        if y < self.top {
            let on_button = !self.bar.custom && y >= device.status_bar && x < chrome::BACK_WIDTH;
            return match (on_button, self.bar.back, self.bar.home) {
                (true, true, _) => Hit::Back,
                (true, false, true) => Hit::Home,
                _ => Hit::Nothing,
            };
        }
        let point = (x, y - self.top);
        // The point in the element's own coordinates (before its and its ancestors' transforms).
        let inside = |e: usize, b: &Box2| {
            let transform = wxemu_view::paint::drawn_transform(&self.styled, &self.layout, &self.scrolling, e);
            let p = transform.inverse() * wxemu_render::Point::new(point.0 as f64, point.1 as f64);
            let (px, py) = (p.x as f32, p.y as f32);
            px >= b.x && px < b.x + b.w && py >= b.y && py < b.y + b.h
        };
        let topmost = self.layout.order.iter().rev().find_map(|piece| match piece {
            Piece::Begin(e) | Piece::Inline(e) if *e > 0 && !self.styled.elements[*e].style.pointer_events_none && self.layout.boxes[*e].as_ref().is_some_and(|b| inside(*e, b)) => Some(*e),
            _ => None,
        });
        topmost.and_then(|e| self.styled.source_path(e)).map_or(Hit::Nothing, |path| Hit::Page(path, point))
    }
}

/// Where a point on the screen is.
pub(crate) enum Hit {
    /// An element of the page (its path in the composed tree) at page coordinates.
    Page(NodePath, (f32, f32)),
    /// A tab of the tab bar.
    Tab(usize),
    /// The navigation bar's back arrow.
    Back,
    /// The navigation bar's home button.
    Home,
    /// A prompt's answer: a modal's or a picker's confirm (`Some(0)`) or cancel (`None`), an
    /// action sheet's item or cancel.
    Answer(Option<usize>),
    /// A row of the open picker: (column, row).
    Pick(usize, usize),
    /// The chrome or nothing that reacts.
    Nothing,
}

/// A field's text as laid out: its paragraph, where that starts in client points, and how
/// many characters the field shows.
struct FieldText<'a> {
    layout: &'a PageLayout,
    paragraph: usize,
    origin: (f32, f32),
    chars: usize,
}

impl Simulator {
    /// What is at screen point (x, y) of the current page: the topmost element there (the
    /// last one painted), a tab of the tab bar, or nothing.
    pub(crate) fn hit(&mut self, x: f32, y: f32) -> Result<Hit, String> {
        self.with_screen(|sim, screen| {
            let device = sim.styling_device();
            // A prompt over the page takes the tap first.
            if let Some(prompt) = sim.prompts().first() {
                let targets = chrome::prompt(prompt, &mut screen.fonts, device.width, device.height, device.safe_bottom, &mut Vec::new());
                let inside = |b: &Option<Box2>| b.is_some_and(|b| x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
                let item = targets.items.iter().position(|b| inside(&Some(*b)));
                match prompt {
                    Prompt::Modal { .. } | Prompt::Dialog { .. } if inside(&targets.confirm) => return Hit::Answer(Some(0)),
                    Prompt::Modal { .. } | Prompt::Dialog { .. } if inside(&targets.cancel) => return Hit::Answer(None),
                    Prompt::ActionSheet { .. } if item.is_some() => return Hit::Answer(item),
                    // The cancel button, or the mask around the sheet.
                    Prompt::ActionSheet { .. } => return Hit::Answer(None),
                    Prompt::Picker { .. } if inside(&targets.confirm) => return Hit::Answer(Some(0)),
                    Prompt::Picker { .. } => {
                        let row = targets.rows.iter().find(|(b, ..)| inside(&Some(*b)));
                        // A row turns its column; the cancel button or the mask cancels.
                        return match row {
                            Some(&(_, column, row)) => Hit::Pick(column, row),
                            None if inside(&targets.cancel) || !inside(&targets.panel) => Hit::Answer(None),
                            None => Hit::Nothing,
                        };
                    }
                    _ if targets.modal => return Hit::Nothing,
                    _ => {}
                }
            }
            let Some(frame) = sim.frame(screen, InlineBoxes::All) else { return Hit::Nothing };
            let hit = frame.hit(x, y, &device);
            screen.keep(frame);
            hit
        })
    }

    /// Every laid-out element of the current page: its path in the composed tree and its
    /// border box in page coordinates (what `wxemu dump --layout` prints).
    pub fn element_boxes(&mut self) -> Result<Vec<(NodePath, Box2)>, String> {
        self.with_screen(|sim, screen| {
            let Some(frame) = sim.frame(screen, InlineBoxes::All) else { return Vec::new() };
            // In page coordinates: where elements are with the page at its top.
            let scrolling = Scrolling { page: 0.0, ..frame.scrolling.clone() };
            let drawn = |e: usize| wxemu_view::paint::drawn_box(&frame.styled, &frame.layout, &scrolling, e);
            let boxes = frame.styled.elements.iter().enumerate().filter_map(|(e, element)| Some((element.path.clone()?, drawn(e)?))).collect();
            screen.keep(frame);
            boxes
        })
    }

    /// How far the current page can scroll (None without a screen).
    pub(crate) fn page_scroll_range(&mut self) -> Result<Option<f32>, String> {
        if self.screen.is_none() {
            return Ok(None);
        }
        self.with_screen(|sim, screen| {
            let frame = sim.frame(screen, InlineBoxes::Painted)?;
            let range = (frame.layout.height - frame.viewport).max(0.0);
            screen.keep(frame);
            Some(range)
        })
    }

    /// The element at `path` that scrolls its content (a scroll-view), as it is drawn.
    pub(crate) fn scroll_view(&mut self, path: &[usize]) -> Result<Scroller, String> {
        let found = self.with_screen(|sim, screen| {
            let frame = sim.frame(screen, InlineBoxes::Painted)?;
            let e = (0..frame.styled.elements.len()).find(|&e| frame.styled.elements[e].path.as_deref() == Some(path))?;
            let element = &frame.styled.elements[e];
            let found = wxemu_view::scroll::directions(element).zip(frame.layout.boxes[e]).map(|((x, y), area)| {
                let s = &element.style;
                Scroller {
                    x,
                    y,
                    offset: frame.scrolling.views.get(&e).copied().unwrap_or_default(),
                    range: wxemu_view::scroll::range(&frame.layout, e),
                    client: (area.w - s.border_width(1) - s.border_width(3), area.h - s.border_width(0) - s.border_width(2)),
                }
            });
            screen.keep(frame);
            found
        })?;
        found.ok_or_else(|| "not a scroll-view with scroll-x or scroll-y".to_string())
    }

    /// The border box of the first element matching `path` on the current page, where it is
    /// drawn below the chrome (the page and scroll-views scrolled).
    pub(crate) fn element_box(&mut self, path: &[usize]) -> Result<Option<Box2>, String> {
        Ok(self.located(path)?.map(|(b, _)| b))
    }

    /// The character of the field at `path` before which a tap at client point `point` puts
    /// the caret (None when its text is not laid out).
    pub(crate) fn caret_at(&mut self, path: &[usize], point: (f32, f32)) -> Result<Option<usize>, String> {
        self.with_field_text(path, |text| {
            let offset = text.layout.text_offset_at(text.paragraph, point.0 - text.origin.0, point.1 - text.origin.1);
            let before = text.layout.text(text.paragraph).get(..offset).unwrap_or_default().chars().filter(|c| *c != CARET).count();
            Some(before.min(text.chars))
        })
    }

    /// Where the field at `path` draws a caret before its character `at`: the caret's line, in
    /// client points as [`Simulator::caret_at`] takes them (None when its text is not laid out).
    pub(crate) fn caret_line(&mut self, path: &[usize], at: usize) -> Result<Option<Box2>, String> {
        self.with_field_text(path, |text| {
            let laid = text.layout.text(text.paragraph);
            let index = laid.char_indices().filter(|(_, c)| *c != CARET).nth(at).map_or(laid.len(), |(i, _)| i);
            let line = text.layout.caret_line(text.paragraph, index);
            Some(Box2 { x: line.x + text.origin.0, y: line.y + text.origin.1, ..line })
        })
    }

    /// `f` of the laid-out text of the field at `path`. Its text is one paragraph, with the
    /// caret's zero-width space in it (with an empty value, the caret's and the placeholder's).
    fn with_field_text<T>(&mut self, path: &[usize], f: impl FnOnce(&FieldText) -> Option<T>) -> Result<Option<T>, String> {
        self.with_screen(|sim, screen| {
            let frame = sim.frame(screen, InlineBoxes::All)?;
            let e = (0..frame.styled.elements.len()).find(|&e| frame.styled.source_path(e).as_deref() == Some(path));
            let found = e.and_then(|e| {
                let drawn = wxemu_view::paint::drawn_box(&frame.styled, &frame.layout, &frame.scrolling, e)?;
                let laid = frame.layout.boxes[e]?;
                let paragraph = frame.layout.paragraphs.iter().position(|p| p.element == e)?;
                let area = frame.layout.paragraphs[paragraph].area;
                let el = &frame.styled.elements[e];
                let chars = field_text(&el.tag, &el.attr("value"), el.flag("password")).len();
                let origin = (drawn.x - laid.x + area.x, drawn.y - laid.y + area.y);
                f(&FieldText { layout: &frame.layout, paragraph, origin, chars })
            });
            screen.keep(frame);
            found
        })
    }

    /// An element's drawn box below the chrome, and how far below the screen's top that is.
    fn located(&mut self, path: &[usize]) -> Result<Option<(Box2, f32)>, String> {
        self.with_screen(|sim, screen| {
            let frame = sim.frame(screen, InlineBoxes::All)?;
            let found = (0..frame.styled.elements.len()).find(|&e| frame.styled.source_path(e).as_deref() == Some(path));
            let found = found.and_then(|e| wxemu_view::paint::drawn_box(&frame.styled, &frame.layout, &frame.scrolling, e)).map(|b| (b, frame.top));
            screen.keep(frame);
            found
        })
    }

    /// Where the element at `path` is drawn on the screen (chrome included), if it is laid out.
    pub fn element_on_screen(&mut self, path: &[usize]) -> Result<Option<Box2>, String> {
        Ok(self.located(path)?.map(|(b, top)| Box2 { y: b.y + top, ..b }))
    }
}
