//! Less, compiled by the official less.js (no mature Rust Less compiler exists) run by
//! Node. less.js is the project's own (`node_modules/less` in the package folder or above
//! it) or wxemu's, installed from the npm registry into the user's cache on first use. Every
//! file less.js imports is read by wxemu through the package sandbox (less.js asks, line
//! by line, on Node's stdin and stdout: see less.js beside this file).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use wxemu_package::tools;
use wxemu_package::{FileError, PackageFiles, Pos};

/// The less.js wxemu installs when the project has none.
pub const LESS: tools::NpmTool = tools::NpmTool { name: "less", version: "4.2.0" };

/// How many files one compile may read (imports that never end are cut off).
const MAX_READS: usize = 10_000;

/// Compiles the Less file at root-relative `path` to CSS.
pub fn compile(files: &PackageFiles, path: &str) -> Result<String, FileError> {
    let fail = |message: String| FileError::Invalid { file: path.to_string(), pos: Pos::START, message };
    let source = files.text(path)?;
    let less = project_less(files).map_or_else(|| tools::install(&LESS), Ok).map_err(fail)?;
    let mut node = Command::new("node")
        .args(["-e", include_str!("less.js")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("Less needs Node.js to run less.js, and `node` could not be started ({e}): install Node.js (Debian: apt-get install nodejs)")))?;
    let result = talk(&mut node, files, path, &source, &less);
    let _ = node.kill();
    let _ = node.wait();
    result
}

/// Sends the file to compile, answers less.js's reads, and returns what it made of it.
fn talk(node: &mut std::process::Child, files: &PackageFiles, path: &str, source: &str, less: &std::path::Path) -> Result<String, FileError> {
    let broken = |why: &str| FileError::Invalid { file: path.to_string(), pos: Pos::START, message: format!("Less: the compiler stopped ({why})") };
    let mut input = node.stdin.take().ok_or_else(|| broken("no stdin"))?;
    let mut output = BufReader::new(node.stdout.take().ok_or_else(|| broken("no stdout"))?);
    let mut say = |message: Value| writeln!(input, "{message}").map_err(|e| broken(&e.to_string()));
    say(json!({ "less": less, "file": path, "source": source }))?;
    for _ in 0..=MAX_READS {
        let mut line = String::new();
        if output.read_line(&mut line).map_err(|e| broken(&e.to_string()))? == 0 {
            let mut errors = String::new();
            let _ = node.stderr.take().map(|mut e| std::io::Read::read_to_string(&mut e, &mut errors));
            return Err(broken(errors.lines().find(|l| l.contains("Error")).unwrap_or("no answer")));
        }
        let message: Value = serde_json::from_str(&line).map_err(|_| broken("an answer that is not JSON"))?;
        if let Some(css) = message.get("css").and_then(Value::as_str) {
            return Ok(css.to_string());
        }
        if let Some(error) = message.get("error") {
            let number = |key: &str| error.get(key).and_then(Value::as_u64).unwrap_or(0) as u32;
            return Err(FileError::Invalid {
                file: error.get("filename").and_then(Value::as_str).unwrap_or(path).to_string(),
                pos: Pos { line: number("line").max(1), col: number("column") + 1 },
                message: format!("Less: {}", error.get("message").and_then(Value::as_str).unwrap_or("error")),
            });
        }
        let wanted = message.get("read").and_then(Value::as_str).unwrap_or_default();
        let text = match wanted.strip_prefix('~') {
            Some(in_package) => crate::style::npm_file(files, in_package),
            None => files.text(wanted),
        };
        let answer = match text {
            Ok(text) => json!({ "id": message["id"], "text": text }),
            Err(e) => json!({ "id": message["id"], "error": e.describe(wanted) }),
        };
        say(answer)?;
    }
    Err(broken(&format!("more than {MAX_READS} files read")))
}

/// The project's own less.js: `node_modules/less` in the package folder or a folder above.
fn project_less(files: &PackageFiles) -> Option<PathBuf> {
    files.root().ancestors().map(|dir| dir.join("node_modules/less")).find(|dir| dir.join("package.json").is_file())
}
