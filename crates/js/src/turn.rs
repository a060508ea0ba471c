//! What the engine is running for the host right now, for a watchdog on another thread:
//! boa cannot be interrupted from outside, and has no instruction budget across calls or
//! inside its regular-expression engine, so a turn that never returns can only be seen from
//! outside (and the process ended with where it was).

use std::cell::Cell;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The outermost turn under way: when it began and what it runs.
static CURRENT: Mutex<Option<(Instant, String)>> = Mutex::new(None);

thread_local! {
    /// How many turns this thread is inside (a turn can start another: a lifecycle that
    /// renders, a render that calls WXS).
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// A turn under way; it ends when dropped.
pub struct Turn(());

impl Drop for Turn {
    fn drop(&mut self) {
        DEPTH.with(|depth| {
            depth.set(depth.get() - 1);
            if depth.get() == 0 {
                *CURRENT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
            }
        });
    }
}

/// The host runs scripts for `what` (only the outermost turn is recorded).
pub fn enter(what: impl FnOnce() -> String) -> Turn {
    DEPTH.with(|depth| {
        if depth.get() == 0 {
            *CURRENT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some((Instant::now(), what()));
        }
        depth.set(depth.get() + 1);
    });
    Turn(())
}

/// The turn under way, if any: how long it has run and what it runs.
pub fn current() -> Option<(Duration, String)> {
    CURRENT.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_ref().map(|(since, what)| (since.elapsed(), what.clone()))
}
