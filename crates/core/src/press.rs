//! A finger held on the screen: the press that becomes a longpress after 350 ms of virtual
//! time, the tap it ends in, and the hover-class the pressed element and its ancestors show
//! meanwhile (from `hover-start-time` after the touch until `hover-stay-time` after it ends).

use crate::geometry::Hit;
use crate::queue::Event;
use crate::{Simulator, LONGPRESS_MS};
use serde_json::{Map, Value as Json};
use wxemu_view::select::{element_chain, NodePath};

/// The finger on the screen: the one held down, how many presses there were, and the
/// hover-class the last one shows.
#[derive(Default)]
pub(crate) struct Fingers {
    pub(crate) held: Option<Press>,
    pub(crate) presses: u64,
    pub(crate) hover: Option<Hover>,
}

/// A finger on an element of a page.
pub(crate) struct Press {
    /// Which press this is (a longpress event names it).
    seq: u64,
    page: u32,
    path: NodePath,
    point: Option<(f32, f32)>,
    /// Where on the screen it went down (when put down at a screen point).
    screen: Option<(f32, f32)>,
    /// Whether a longpress handler ran (None before 350 ms).
    longpress_handled: Option<bool>,
    /// The finger moved away from where it went down: lifting it is no tap.
    moved: bool,
    /// Where it is now (client coordinates), once it has moved.
    now_at: Option<(f32, f32)>,
}

/// How far (px) a finger may move and still tap.
const TAP_SLOP: f32 = 10.0;

/// The elements showing their hover-class because of the last press.
pub(crate) struct Hover {
    page: u32,
    pressed: u64,
    released: Option<u64>,
    /// (element, its hover-class, hover-start-time, hover-stay-time)
    elements: Vec<(NodePath, String, u64, u64)>,
}

impl Hover {
    /// The hover classes shown at time `now` on page `page`.
    pub(crate) fn active(&self, page: u32, now: u64) -> Vec<(NodePath, String)> {
        if page != self.page {
            return Vec::new();
        }
        let shown = |start: u64, stay: u64| {
            let from = self.pressed + start;
            now >= from && self.released.is_none_or(|r| r >= from && now < r + stay)
        };
        self.elements.iter().filter(|(_, _, start, stay)| shown(*start, *stay)).map(|(path, class, _, _)| (path.clone(), class.clone())).collect()
    }
}

impl Simulator {
    /// Puts a finger on the first element matching `selector` and keeps it there:
    /// `touchstart` now, `longpress` and `longtap` once 350 ms of virtual time pass
    /// ([`Simulator::advance`]), the hover-class meanwhile; [`Simulator::release`] ends it.
    pub fn hold(&mut self, selector: &str) -> Result<(), String> {
        let path = self.find(selector)?;
        let point = self.centre(&path)?;
        self.put_finger(path, point, None)
    }

    /// Like [`Simulator::hold`], on whatever page element is at screen point (x, y).
    pub fn hold_at(&mut self, x: f32, y: f32) -> Result<(), String> {
        match self.hit(x, y)? {
            Hit::Page(path, point) => self.put_finger(path, Some(point), Some((x, y))),
            _ => Err(format!("no page element at ({x}, {y}) to hold")),
        }
    }

    fn put_finger(&mut self, path: NodePath, point: Option<(f32, f32)>, screen: Option<(f32, f32)>) -> Result<(), String> {
        if self.fingers.held.is_some() {
            return Err("a finger is already down: release() it first".into());
        }
        let page = self.stack.last().ok_or("no page is open")?;
        let chain = element_chain(&page.tree, &path);
        // The pressed element and its ancestors show their hover-class, up to one that
        // stops it with hover-stop-propagation.
        let mut elements = Vec::new();
        for depth in (0..chain.len()).rev() {
            if let Some((class, start, stay)) = wxemu_view::components::hover(chain[depth]) {
                elements.push((path[..=depth].to_vec(), class, start, stay));
            }
            if chain[depth].attr("hoverStopPropagation").is_some_and(|v| v.truthy()) {
                break;
            }
        }
        self.fingers.hover = Some(Hover { page: page.id, pressed: self.now, released: None, elements });
        self.fingers.presses += 1;
        let seq = self.fingers.presses;
        self.fingers.held = Some(Press { seq, page: page.id, path: path.clone(), point, screen, longpress_handled: None, moved: false, now_at: None });
        self.queue.push(self.now + LONGPRESS_MS, Event::LongPress { press: seq });
        self.dispatch_path(&path, "touchstart", Json::Object(Map::new()), point).map(drop)
    }

    /// The held finger has stayed 350 ms: `longpress` and `longtap`.
    pub(crate) fn long_press_due(&mut self, seq: u64) {
        let Some(press) = self.fingers.held.as_ref().filter(|p| p.seq == seq) else { return };
        let (path, point) = (press.path.clone(), press.point);
        let none = || Json::Object(Map::new());
        let handled = self.dispatch_path(&path, "longpress", none(), point).unwrap_or(0) > 0;
        let _ = self.dispatch_path(&path, "longtap", none(), point);
        if let Some(press) = self.fingers.held.as_mut() {
            press.longpress_handled = Some(handled);
        }
    }

    /// Moves the held finger to screen point (x, y): `touchmove` on the element it went down
    /// on. Once it has gone more than 10 px from where it went down, lifting it is no tap.
    pub fn move_finger(&mut self, x: f32, y: f32) -> Result<(), String> {
        let press = self.fingers.held.as_mut().ok_or("no finger is down: hold() an element first")?;
        let (Some((sx, sy)), Some((cx, cy))) = (press.screen, press.point) else {
            return Err("the finger was not put down at a screen point: use hold_at()".into());
        };
        press.moved |= (x - sx).hypot(y - sy) > TAP_SLOP;
        // The touch's client coordinates move as far as the finger did.
        let at = (cx + x - sx, cy + y - sy);
        press.now_at = Some(at);
        let (path, page) = (press.path.clone(), press.page);
        if self.stack.last().map(|p| p.id) != Some(page) {
            return Ok(());
        }
        self.dispatch_path(&path, "touchmove", Json::Object(Map::new()), Some(at)).map(drop)
    }

    /// Lifts the held finger: `touchend`, then `tap` (and what a built-in component does on a
    /// tap) unless a longpress handler ran or the finger moved away. The hover-class stays for hover-stay-time.
    pub fn release(&mut self) -> Result<(), String> {
        let press = self.fingers.held.take().ok_or("no finger is down: hold() an element first")?;
        if let Some(hover) = self.fingers.hover.as_mut() {
            hover.released = Some(self.now);
        }
        if self.stack.last().map(|p| p.id) != Some(press.page) {
            return Ok(()); // the page went away under the finger
        }
        self.dispatch_path(&press.path, "touchend", Json::Object(Map::new()), press.now_at.or(press.point))?;
        if press.longpress_handled != Some(true) && !press.moved {
            let before = self.stack.last().map(|p| p.tree.clone());
            self.dispatch_path(&press.path, "tap", Json::Object(Map::new()), press.point)?;
            self.built_in_tap(&press.path, before, press.point)?;
        }
        Ok(())
    }

    /// Presses the first element matching `selector` for 350 ms of virtual time:
    /// touchstart, then `longpress` and `longtap` while pressed, then touchend; a `tap`
    /// follows only if no longpress handler ran, as on the platform.
    pub fn long_press(&mut self, selector: &str) -> Result<(), String> {
        self.hold(selector)?;
        self.advance(LONGPRESS_MS);
        self.release()
    }

    /// The hover classes shown now on the current page.
    pub(crate) fn hovered(&self) -> Vec<(NodePath, String)> {
        match (&self.fingers.hover, self.stack.last()) {
            (Some(hover), Some(page)) => hover.active(page.id, self.now),
            _ => Vec::new(),
        }
    }
}
