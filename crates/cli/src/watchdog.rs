//! The last line of defence for the commands that run an app: a thread that ends the
//! process, saying where, when one turn of the app's scripts runs longer than
//! `--turn-timeout` (something boa cannot stop from inside: a loop split across calls, a
//! catastrophic regular expression) or the process uses more memory than `--memory-limit`
//! (`new Array(1e9).fill(0)`). `wxemu test` has its own per-test timeout and runs each file
//! in a worker, which this guards too.

use std::sync::OnceLock;
use std::time::Duration;

/// The limits the watchdog keeps to (`--turn-timeout` ms, `--memory-limit` MiB), for the
/// worker processes `wxemu test` starts.
static LIMITS: OnceLock<(u64, u64)> = OnceLock::new();

/// The limits given to [`start`].
pub fn limits() -> Option<(u64, u64)> {
    LIMITS.get().copied()
}

/// How often the watchdog looks.
const TICK: Duration = Duration::from_millis(100);

/// Starts the watchdog: a turn may run `turn` at most; the process may use `memory_mb` MiB.
pub fn start(turn: Duration, memory_mb: u64) {
    // (Started once per process: a second start keeps the first limits.)
    let _ = LIMITS.set((turn.as_millis() as u64, memory_mb));
    let spawned = std::thread::Builder::new().name("wxemu watchdog".into()).spawn(move || loop {
        std::thread::sleep(TICK);
        let running = wxemu_js::turn::current();
        if let Some((elapsed, what)) = running.as_ref().filter(|(elapsed, _)| *elapsed > turn) {
            stop(&format!("the app's scripts ran for more than {} ms without returning (in {what}, for {} ms): an endless loop split across calls, or a catastrophic regular expression? wxemu stopped the app (--turn-timeout)", turn.as_millis(), elapsed.as_millis()));
        }
        let used = resident_mb();
        if used > memory_mb {
            let during = running.map(|(_, what)| format!(" (in {what})")).unwrap_or_default();
            stop(&format!("out of memory: the app used {used} MiB, more than --memory-limit {memory_mb} MiB{during}; wxemu stopped the app"));
        }
    });
    if let Err(e) = spawned {
        eprintln!("warning: no watchdog ({e}): a script that never returns will not be stopped");
    }
}

fn stop(why: &str) -> ! {
    eprintln!("error: {why}");
    std::process::exit(1);
}

/// The process's resident memory in MiB (0 where /proc does not say).
fn resident_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}
