//! What the tests on tests/apps/calls share: that app records what each `wx` call's
//! callbacks and task listeners get (`record(name)`, `callbacks(name)`) in `globalThis.seen`.

#![allow(dead_code)] // (each test file uses its own part of it)

use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use wxemu_core::{LaunchOptions, Simulator};

pub fn app_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/calls")
}

pub fn launch(options: LaunchOptions) -> Simulator {
    Simulator::launch(&app_dir(), options).expect("the app launches")
}

/// Runs `function` (JS source) in the app; panics with its error.
pub fn eval(sim: &mut Simulator, function: &str) -> Json {
    sim.evaluate(function, &[]).unwrap_or_else(|e| panic!("{function}: {e}"))
}

/// What the app's callbacks and listeners saw since the last call, in order.
pub fn seen(sim: &mut Simulator) -> Vec<(String, Json)> {
    let all = eval(sim, "() => { const s = globalThis.seen; globalThis.seen = []; return s }");
    all.as_array().unwrap().iter().map(|e| (e[0].as_str().unwrap().to_string(), e[1].clone())).collect()
}

pub fn names(seen: &[(String, Json)]) -> Vec<&str> {
    seen.iter().map(|(n, _)| n.as_str()).collect()
}
