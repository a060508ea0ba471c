//! Test support for suites whose cases are folders (tests/wxml, tests/components,
//! tests/diagnostics): every folder is run, all differences are reported together, and the
//! closing line counts them (`N passed, M failed`); and servers the tests talk to.

use std::path::{Path, PathBuf};
use wxemu_render::Mismatch;

/// Runs `check` on every case folder under `tests/<suite>` (from the repository root),
/// requiring at least `minimum` cases; panics listing every failing case.
pub fn run_suite(suite: &str, minimum: usize, check: impl Fn(&Path) -> Result<(), String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests").join(suite);
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display())).map(|e| e.expect("readable entry").path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= minimum, "tests/{suite} should have at least {minimum} cases, found {}", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|case| check(case).err().map(|e| format!("{}: {e}", case.file_name().unwrap_or_default().to_string_lossy()))).collect();
    println!("{} passed, {} failed", cases.len() - failures.len(), failures.len());
    assert!(failures.is_empty(), "{} of {} cases in tests/{suite} failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

/// `Ok` when the JSON values are equal, else both printed for the failure report.
pub fn compare_json(expected: &serde_json::Value, actual: &serde_json::Value, what: &str) -> Result<(), String> {
    if expected == actual {
        return Ok(());
    }
    let pretty = |v| serde_json::to_string_pretty(v).unwrap_or_default();
    Err(format!("{what}\n--- expected\n{}\n--- wxemu\n{}", pretty(expected), pretty(actual)))
}

/// Compares a PNG with the golden picture at `golden`: the same size, and at most
/// `tolerance` of the pixels differing by more than 2 in any channel. With the environment
/// variable `WXEMU_UPDATE_GOLDENS=1` a golden that is missing or differs is (re)written
/// instead — look at it before committing. On a mismatch the actual picture is written next to the golden as
/// `<name>.actual.png` (ignored by git).
pub fn compare_png(golden: &Path, actual: &[u8], tolerance: f64) -> Result<(), String> {
    let update = std::env::var_os("WXEMU_UPDATE_GOLDENS").is_some_and(|v| v == "1");
    if update && compare_pixels(golden, actual, tolerance).is_err() {
        std::fs::write(golden, actual).map_err(|e| format!("cannot write {}: {e}", golden.display()))?;
        return Ok(());
    }
    compare_pixels(golden, actual, tolerance)
}

fn compare_pixels(golden: &Path, actual: &[u8], tolerance: f64) -> Result<(), String> {
    let keep = || {
        let path = golden.with_extension("actual.png");
        let _ = std::fs::write(&path, actual);
        path.display().to_string()
    };
    let expected = std::fs::read(golden).map_err(|e| format!("no golden {} ({e}); run with WXEMU_UPDATE_GOLDENS=1 to make it, then look at it", golden.display()))?;
    wxemu_render::match_png(&expected, actual, tolerance).map_err(|mismatch| match mismatch {
        Mismatch::NotPng => format!("{}: not a PNG", golden.display()),
        Mismatch::Size((gw, gh), (w, h)) => format!("{}: size {w}x{h}, golden {gw}x{gh} (actual picture: {})", golden.display(), keep()),
        Mismatch::Pixels { differing, share, .. } => {
            format!("{}: {differing} pixels ({:.3}%) differ (tolerance {:.3}%); actual picture: {}", golden.display(), share * 100.0, tolerance * 100.0, keep())
        }
    })
}

/// A WebSocket server on 127.0.0.1 that runs `serve` for each client on a thread of its
/// own; returns its `ws://` address.
pub fn websocket_server(serve: fn(tungstenite::WebSocket<std::net::TcpStream>)) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = format!("ws://{}", listener.local_addr().expect("the port"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                if let Ok(socket) = tungstenite::accept(stream) {
                    serve(socket);
                }
            });
        }
    });
    address
}
