//! The hostile apps under tests/hostile: each folder is one attack (an app in `app/`, and
//! `case.json` with the command to run on a copy of it and the exact outcome expected). The
//! copy sits in a temporary folder beside `secret.*` files that nothing may read; `links`
//! makes symlinks in the copy, `write` writes generated files into it (deep nesting, other
//! encodings), `kept` lists the files that must still be there afterwards.
//!
//! case.json: {"about", "args": ["dump", "{app}", …], "links": {"in/app": "{outside}/secret.js"},
//! ({case} is the case's own folder, for files given to the command),
//! "write": [{"path", "parts": [["text {n}", repeat], …], "hex": "…"}] ({n} counts the
//! repeats), "exit": 0,
//! "stdout": […], "stderr": […] (substrings), "absent": […] (in neither), "kept": […],
//! "seconds": 30, "close_stdout_after": N (bytes read before the pipe is closed)}

use serde_json::Value as Json;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What no hostile app may get at: the secret files hold it.
const SECRET: &str = "TOP-SECRET-42";

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The folder an app copy lives in, with the secrets beside it.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("secret.txt", SECRET);
    write("secret.js", &format!("module.exports = '{SECRET}';"));
    write("secret.wxml", &format!("<view>{SECRET}</view><template name=\"t\"><view>{SECRET}</view></template>"));
    write("secret.wxss", &format!("view {{ color: red; }} /* {SECRET} */"));
    write("secret.wxs", &format!("module.exports = {{ s: '{SECRET}' }};"));
    write("secret.json", &format!("{{\"component\": true, \"x\": \"{SECRET}\"}}"));
    dir
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len() / 2).map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap()).collect()
}

/// Runs one case; the problems found, none when it behaved.
fn run(case: &Path) -> Vec<String> {
    let spec: Json = serde_json::from_str(&std::fs::read_to_string(case.join("case.json")).unwrap()).unwrap();
    let dir = outside();
    let app = dir.path().join("app");
    copy(&case.join("app"), &app);
    let fill = |s: &str| s.replace("{app}", &app.display().to_string()).replace("{outside}", &dir.path().display().to_string()).replace("{case}", &case.display().to_string());
    for (link, target) in spec["links"].as_object().into_iter().flatten() {
        let link = app.join(link);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(fill(target.as_str().unwrap()), link).unwrap();
    }
    for file in spec["write"].as_array().into_iter().flatten() {
        let mut bytes = Vec::new();
        for part in file["parts"].as_array().into_iter().flatten() {
            let text = part[0].as_str().unwrap();
            for n in 0..part[1].as_u64().unwrap_or(1) {
                bytes.extend(text.replace("{n}", &n.to_string()).into_bytes());
            }
        }
        bytes.extend(hex(file["hex"].as_str().unwrap_or_default()));
        let path = app.join(file["path"].as_str().unwrap());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let args: Vec<String> = spec["args"].as_array().unwrap().iter().map(|a| fill(a.as_str().unwrap())).collect();
    // WXEMU_HOSTILE_BIN runs the cases against another build (an older one fails them).
    let binary = std::env::var("WXEMU_HOSTILE_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_wxemu").to_string());
    let mut child =
        Command::new(binary).args(&args).env("WXEMU_DATA_DIR", dir.path().join("data")).current_dir(dir.path()).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let close_after = spec["close_stdout_after"].as_u64();
    let out = std::thread::spawn(move || {
        let mut text = Vec::new();
        match close_after {
            // Read that much, then close the pipe as `| head -c N` does.
            Some(n) => drop(stdout.by_ref().take(n).read_to_end(&mut text)),
            None => drop(stdout.read_to_end(&mut text)),
        }
        String::from_utf8_lossy(&text).into_owned()
    });
    let err = std::thread::spawn(move || {
        let mut text = Vec::new();
        drop(stderr.read_to_end(&mut text));
        String::from_utf8_lossy(&text).into_owned()
    });
    let limit = Duration::from_secs(spec["seconds"].as_u64().unwrap_or(30));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (stdout, stderr) = (out.join().unwrap(), err.join().unwrap());
    let shown = |s: &str| s.chars().take(3000).collect::<String>();
    let mut problems = Vec::new();
    match status {
        None => problems.push(format!("still running after {limit:?}")),
        Some(status) if status.code() != spec["exit"].as_i64().map(|c| c as i32) => {
            problems.push(format!("ended with {status}, expected exit code {}", spec["exit"]));
        }
        Some(_) => {}
    }
    for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        for want in spec[stream].as_array().into_iter().flatten() {
            let want = fill(want.as_str().unwrap());
            if !text.contains(&want) {
                problems.push(format!("{stream} lacks {want:?}"));
            }
        }
    }
    for never in spec["absent"].as_array().into_iter().flatten().map(|s| s.as_str().unwrap()).chain([SECRET, "panicked", "stack overflow"]) {
        if stdout.contains(never) || stderr.contains(never) {
            problems.push(format!("the output has {never:?}"));
        }
    }
    for kept in spec["kept"].as_array().into_iter().flatten() {
        if !app.join(kept.as_str().unwrap()).exists() {
            problems.push(format!("{kept} is gone"));
        }
    }
    if !problems.is_empty() {
        problems.push(format!("stdout:\n{}\nstderr:\n{}", shown(&stdout), shown(&stderr)));
    }
    problems
}

#[test]
fn every_hostile_app_meets_its_expected_outcome() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile");
    let mut cases: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).filter(|p| p.join("case.json").exists()).collect();
    cases.sort();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let problems = run(case);
            (!problems.is_empty()).then(|| format!("{}:\n  {}", case.file_name().unwrap().to_string_lossy(), problems.join("\n  ")))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} hostile apps misbehaved:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}
