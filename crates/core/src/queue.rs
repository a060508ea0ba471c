//! The one event queue of a running app, ordered by time on the simulator's clock (then by
//! the order events were added, so same-time events keep their order).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

/// Something that happens at a point in time.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Event {
    /// A `setTimeout`/`setInterval` timer; `every` is the interval for repeating timers.
    Timer { id: u32, every: Option<u64> },
    /// The view applied a setData (or the messages before a `wx.nextTick`) whose callback is
    /// waiting.
    SetDataApplied { callback: u32 },
    /// A finger held since 350 ms ago (press number `press`) makes a longpress.
    LongPress { press: u64 },
    /// The picture of the image at (page, path) with this `src` has been read.
    ImageSettled { page: u32, path: Vec<usize>, src: String },
    /// Toast number `toast` has been shown for its duration.
    ToastEnds { toast: u64 },
    /// A `wx.pageScrollTo` (call `call`) ends with the page at `top` (f32 bits).
    PageScrolled { call: u32, top: u32 },
    /// A mock route's next event for network task `task` is due.
    Network { task: u32 },
    /// The keyframes of `this.animate` call `call` have played.
    KeyframesEnded { call: u32 },
    /// What the built-in at (page, path), of tag `tag`, asked to be told (`what`) now.
    BuiltIn { page: u32, path: Vec<usize>, tag: String, what: String },
}

/// Events waiting for their time.
#[derive(Default)]
pub struct EventQueue {
    heap: BinaryHeap<Reverse<(u64, u64, Event)>>,
    added: u64,
    /// Timers cleared while their event waits on the queue.
    cleared_timers: HashSet<u32>,
    /// Each waiting timer's nesting level, as HTML counts it: 1 for a timer set outside
    /// timers, one more for a timer set by a timer's callback or for an interval's next turn.
    timer_levels: HashMap<u32, u32>,
    /// The nesting level of the timer whose callback runs now (0: none).
    firing_level: u32,
}

/// Past this nesting level a timer waits at least [`NESTED_MINIMUM_MS`], as browsers clamp
/// `setTimeout(f, 0)` chains; so polling idioms move the virtual clock and end.
const NESTING_LEVEL_CLAMPED: u32 = 5;
const NESTED_MINIMUM_MS: u64 = 4;

fn clamp(level: u32, delay: u64) -> u64 {
    if level > NESTING_LEVEL_CLAMPED {
        delay.max(NESTED_MINIMUM_MS)
    } else {
        delay
    }
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
                // (A timer has one event waiting at a time, so its id is done with here.)
                Event::Timer { id, .. } if self.cleared_timers.remove(&id) => continue,
                event => return Some((time, event)),
            }
        }
        None
    }

    /// The time of the next event (a cleared timer's too: waking for it is harmless).
    pub fn next_time(&self) -> Option<u64> {
        self.heap.peek().map(|Reverse((time, _, _))| *time)
    }

    /// `clearTimeout`/`clearInterval` of a timer whose event waits: it will not fire again.
    pub fn clear_timer(&mut self, id: u32) {
        self.timer_levels.remove(&id);
        self.cleared_timers.insert(id);
    }

    /// `setTimeout`/`setInterval` at `now`: timer `id` fires after `delay` ms (every `delay`
    /// ms when it repeats), clamped by its nesting level.
    pub fn add_timer(&mut self, now: u64, id: u32, delay: u64, repeat: bool) {
        let level = self.firing_level + 1;
        let delay = clamp(level, delay);
        self.timer_levels.insert(id, level);
        self.push(now + delay, Event::Timer { id, every: repeat.then_some(delay) });
    }

    /// Timer `id`, due at `now`, fires: timers its callback sets are one level deeper, and a
    /// repeating one is queued again (one level deeper too).
    pub fn fire_timer(&mut self, now: u64, id: u32, every: Option<u64>) {
        let level = self.timer_levels.get(&id).copied().unwrap_or(1);
        self.firing_level = level;
        match every {
            Some(every) => {
                let every = clamp(level + 1, every);
                self.timer_levels.insert(id, level + 1);
                self.push(now + every, Event::Timer { id, every: Some(every) });
            }
            None => {
                self.timer_levels.remove(&id);
            }
        }
    }

    /// The callback that ran (and what it asked for) is done: no timer is firing now.
    pub fn timer_done(&mut self) {
        self.firing_level = 0;
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

    #[test]
    fn zero_delay_timers_set_by_timers_move_the_clock_past_the_fifth_level() {
        let mut q = EventQueue::default();
        let mut now = 0;
        q.add_timer(now, 1, 0, false);
        let mut times = Vec::new();
        for id in 2..=8 {
            let (time, event) = q.pop_due(u64::MAX).unwrap();
            let Event::Timer { id: fired, every } = event else { panic!() };
            now = time;
            times.push(now);
            q.fire_timer(now, fired, every);
            q.add_timer(now, id, 0, false);
            q.timer_done();
        }
        assert_eq!(times, [0, 0, 0, 0, 0, 4, 8]);
        // An interval of 0 ms comes five times at once, then every 4 ms.
        let mut q = EventQueue::default();
        q.add_timer(100, 9, 0, true);
        let mut times = Vec::new();
        while times.len() < 7 {
            let (time, event) = q.pop_due(u64::MAX).unwrap();
            let Event::Timer { id, every } = event else { panic!() };
            times.push(time);
            q.fire_timer(time, id, every);
            q.timer_done();
        }
        assert_eq!(times, [100, 100, 100, 100, 100, 104, 108]);
    }
}
