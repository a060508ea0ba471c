//! The one event queue of a running app, ordered by time on the simulator's clock (then by
//! the order events were added, so same-time events keep their order).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

/// Something that happens at a point in time.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Event {
    /// A `setTimeout`/`setInterval` timer; `every` is the interval for repeating timers.
    Timer { id: u32, every: Option<u64> },
    /// The view applied a setData whose callback is waiting.
    SetDataApplied { callback: u32 },
    /// A finger held since 350 ms ago (press number `press`) makes a longpress.
    LongPress { press: u64 },
    /// An autoplaying swiper (page, path) turns to its next item.
    Autoplay { page: u32, path: Vec<usize> },
    /// The picture of the image at (page, path) with this `src` has been read.
    ImageSettled { page: u32, path: Vec<usize>, src: String },
    /// The refresher of the scroll-view at (page, path) went back.
    RefresherRestored { page: u32, path: Vec<usize> },
    /// Toast number `toast` has been shown for its duration.
    ToastEnds { toast: u64 },
    /// A `wx.pageScrollTo` (call `call`) ends with the page at `top` (f32 bits).
    PageScrolled { call: u32, top: u32 },
    /// A mock route's next event for network task `task` is due.
    Network { task: u32 },
    /// A swiper's move to item `current` has finished.
    SwiperSettled { page: u32, path: Vec<usize>, current: usize, autoplay: bool },
}

/// Events waiting for their time.
#[derive(Default)]
pub struct EventQueue {
    heap: BinaryHeap<Reverse<(u64, u64, Event)>>,
    added: u64,
    cleared_timers: HashSet<u32>,
}

impl EventQueue {
    /// Adds `event` to happen at `time`.
    pub fn push(&mut self, time: u64, event: Event) {
        self.added += 1;
        self.heap.push(Reverse((time, self.added, event)));
    }

    /// The next event due at or before `until`, with its time.
    pub fn pop_due(&mut self, until: u64) -> Option<(u64, Event)> {
        while let Some(Reverse((time, _, _))) = self.heap.peek() {
            if *time > until {
                return None;
            }
            let Reverse((time, _, event)) = self.heap.pop().expect("peeked");
            match event {
                Event::Timer { id, .. } if self.cleared_timers.contains(&id) => continue,
                event => return Some((time, event)),
            }
        }
        None
    }

    /// The time of the next event (a cleared timer's too: waking for it is harmless).
    pub fn next_time(&self) -> Option<u64> {
        self.heap.peek().map(|Reverse((time, _, _))| *time)
    }

    /// `clearTimeout`/`clearInterval`: the timer will not fire again. (Timer ids are never
    /// reused, so the id can stay in the set.)
    pub fn clear_timer(&mut self, id: u32) {
        self.cleared_timers.insert(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_out_by_time_then_insertion_order() {
        let mut q = EventQueue::default();
        q.push(20, Event::Timer { id: 1, every: None });
        q.push(10, Event::SetDataApplied { callback: 9 });
        q.push(10, Event::Timer { id: 2, every: None });
        q.push(10, Event::Timer { id: 3, every: None });
        q.clear_timer(3);
        assert_eq!(q.pop_due(15), Some((10, Event::SetDataApplied { callback: 9 })));
        assert_eq!(q.pop_due(15), Some((10, Event::Timer { id: 2, every: None })));
        assert_eq!(q.pop_due(15), None);
        assert_eq!(q.pop_due(20), Some((20, Event::Timer { id: 1, every: None })));
    }
}
