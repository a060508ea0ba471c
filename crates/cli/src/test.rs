//! `wxemu test [PATHS…]`: runs the `*.test.js` files under the paths (see crates/harness),
//! prints a line per file and each failure, then `N passed, N failed`; exits 1 when a test
//! failed or none ran. `--sdk a,b,c` runs the suite once per base library; `--reporter
//! junit` also writes JUnit XML.
//!
//! Each file runs in a worker process of its own (this binary with `--worker`), which tells
//! the runner as each test starts and ends. A test that runs past `--timeout` in wall time
//! (a loop wxemu cannot count, a catastrophic regex) or that crashes its process is
//! reported failed where it was, and the worker starts again after it: one test never takes
//! the suite down.

use crate::renderer::{screenshot_painter, RendererArg};
use clap::{Args, ValueEnum};
use serde_json::{json, Value as Json};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};
use wxemu_core::{Profile, Version};
use wxemu_harness::{Outcome, Progress, RunOptions, TestResult, DEFAULT_TIMEOUT_MS, DEFAULT_VIRTUAL_TIMEOUT_MS, FILE_TEST};

#[derive(Args)]
pub struct TestArgs {
    /// Test files or folders to find `*.test.js` in (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Only the tests whose name contains this.
    #[arg(long)]
    pub filter: Option<String>,
    /// Base-library versions to run the suite on, comma-separated (each run names its tests
    /// `[sdk V]`); default: each project's own.
    #[arg(long, value_delimiter = ',', value_parser = wxemu_caniuse::released)]
    pub sdk: Vec<Version>,
    /// The phone every launch uses unless the test names one.
    #[arg(long, value_parser = crate::page::device)]
    pub device: Option<Profile>,
    #[arg(long, value_enum, default_value_t = Reporter::Text)]
    pub reporter: Reporter,
    /// Write the goldens of `toMatchScreenshot` instead of comparing with them.
    #[arg(long)]
    pub update_snapshots: bool,
    /// What paints screenshots: vello_cpu (exact), or vello on the GPU, whose goldens are
    /// `NAME.gpu.png`; `auto` takes the GPU unless the adapter is a software one.
    #[arg(long, value_enum, default_value_t = RendererArg::Cpu)]
    pub renderer: RendererArg,
    /// Where `--reporter junit` writes its XML.
    #[arg(long, default_value = "wxemu-junit.xml")]
    pub output: PathBuf,
    /// How long one test may run, in ms of wall time; a test past it fails (its worker is
    /// stopped), and the next one runs.
    #[arg(long, default_value_t = DEFAULT_TIMEOUT_MS)]
    pub timeout: u64,
    /// How far one test may move its apps' virtual clocks, in ms; past it, it fails.
    #[arg(long, default_value_t = DEFAULT_VIRTUAL_TIMEOUT_MS)]
    pub virtual_timeout: u64,
    /// Run one file here and report each test as a JSON line (how the runner's worker
    /// processes are started).
    #[arg(long, hide = true)]
    pub worker: bool,
    /// With --worker: start at this test of the file.
    #[arg(long, hide = true, default_value_t = 0)]
    pub from: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Reporter {
    Text,
    Junit,
}

pub fn run(args: TestArgs) -> anyhow::Result<ExitCode> {
    if args.worker {
        return work(&args);
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let files = wxemu_harness::discover(&paths);
    if files.is_empty() {
        anyhow::bail!("no *.test.js files under {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    // Fails early on a renderer that is not there, rather than once per worker.
    screenshot_painter(args.renderer)?;
    let sdks: Vec<Option<Version>> = if args.sdk.is_empty() { vec![None] } else { args.sdk.iter().copied().map(Some).collect() };
    let mut all = Vec::new();
    for sdk in &sdks {
        for file in &files {
            let mut results = supervise(file, *sdk, &args);
            if let Some(sdk) = sdk {
                for result in &mut results {
                    result.name = format!("{} [sdk {sdk}]", result.name);
                }
            }
            let failed = results.iter().filter(|r| matches!(r.outcome, Outcome::Failed(_))).count();
            let mark = if failed > 0 { "✗" } else { "✓" };
            let on = sdk.map(|s| format!(" (sdk {s})")).unwrap_or_default();
            println!("{mark} {}{on}: {}", file.display(), wxemu_harness::summary(&results));
            for result in &results {
                if let Outcome::Failed(text) = &result.outcome {
                    println!("  ✗ {}\n    {}", result.name, text.replace('\n', "\n    "));
                }
            }
            all.extend(results);
        }
    }
    if args.reporter == Reporter::Junit {
        std::fs::write(&args.output, wxemu_harness::junit::report(&all))?;
        println!("JUnit report: {}", args.output.display());
    }
    println!("{}", wxemu_harness::summary(&all));
    let ran = all.iter().any(|r| r.outcome != Outcome::Skipped);
    if !ran {
        let why = match &args.filter {
            Some(filter) => format!("no test matched --filter {filter:?}"),
            None => "the files hold no tests".to_string(),
        };
        eprintln!("error: {why}: nothing ran");
        return Ok(ExitCode::FAILURE);
    }
    let failed = all.iter().any(|r| matches!(r.outcome, Outcome::Failed(_)));
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The worker: runs the one file given from test `--from` on, printing a JSON line as each
/// test starts and ends.
fn work(args: &TestArgs) -> anyhow::Result<ExitCode> {
    let [file] = args.paths.as_slice() else { anyhow::bail!("--worker runs one file") };
    let options = RunOptions {
        filter: args.filter.clone(),
        sdk: args.sdk.first().copied(),
        device: args.device,
        update_snapshots: args.update_snapshots,
        gpu: screenshot_painter(args.renderer)?,
        virtual_timeout_ms: args.virtual_timeout,
    };
    let mut out = std::io::stdout().lock();
    let mut say = |line: Json| {
        // The runner reads these as they come; a runner that is gone ends the worker.
        if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
            std::process::exit(1);
        }
    };
    // The runner's own tests make a worker crash at a test of their choosing.
    let crash_at = std::env::var("WXEMU_TEST_WORKER_ABORTS_AT").ok();
    let results = wxemu_harness::run_file_from(file, &options, args.from, &mut |progress| match progress {
        Progress::Started { index, name } => {
            say(json!({ "started": index, "name": name }));
            if crash_at.as_deref() == Some(name) {
                std::process::abort();
            }
        }
        Progress::Finished { index, result } => say(json!({ "finished": index, "result": result_json(result) })),
    });
    // A file that does not load has no test number.
    if let [only] = results.as_slice() {
        if only.name == FILE_TEST {
            say(json!({ "file": result_json(only) }));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn result_json(result: &TestResult) -> Json {
    let (outcome, message) = match &result.outcome {
        Outcome::Passed => ("passed", ""),
        Outcome::Failed(text) => ("failed", text.as_str()),
        Outcome::Skipped => ("skipped", ""),
    };
    json!({ "name": result.name, "outcome": outcome, "message": message, "seconds": result.seconds })
}

fn result_from(file: &Path, value: &Json) -> TestResult {
    let text = |key: &str| value[key].as_str().unwrap_or_default().to_string();
    let outcome = match value["outcome"].as_str() {
        Some("passed") => Outcome::Passed,
        Some("skipped") => Outcome::Skipped,
        _ => Outcome::Failed(text("message")),
    };
    TestResult { file: file.to_path_buf(), name: text("name"), outcome, seconds: value["seconds"].as_f64().unwrap_or(0.0) }
}

/// Runs `file` in worker processes: one, and another after each test that timed out or
/// crashed its worker, starting after that test.
fn supervise(file: &Path, sdk: Option<Version>, args: &TestArgs) -> Vec<TestResult> {
    let timeout = Duration::from_millis(args.timeout);
    let mut results = Vec::new();
    let mut from = 0;
    loop {
        let failed = |name: &str, why: String, seconds: f64| TestResult { file: file.to_path_buf(), name: name.to_string(), outcome: Outcome::Failed(why), seconds };
        let mut child = match worker(file, sdk, from, args).spawn() {
            Ok(child) => child,
            Err(e) => {
                results.push(failed(FILE_TEST, format!("the test runner could not start a worker: {e}"), 0.0));
                return results;
            }
        };
        let (lines, receive) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped");
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        // The test under way (its number, name and start), or the file's loading.
        let mut current: Option<(usize, String)> = None;
        let mut since = Instant::now();
        let restart = loop {
            match receive.recv_timeout(timeout.saturating_sub(since.elapsed())) {
                Ok(line) => {
                    let Ok(event) = serde_json::from_str::<Json>(&line) else { continue };
                    if let Some(index) = event["started"].as_u64() {
                        current = Some((index as usize, event["name"].as_str().unwrap_or_default().to_string()));
                        since = Instant::now();
                    } else if event.get("finished").is_some() {
                        results.push(result_from(file, &event["result"]));
                        current = None;
                        since = Instant::now();
                    } else if event.get("file").is_some() {
                        results.push(result_from(file, &event["file"]));
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    // Killing a worker that already ended is harmless.
                    let _ = child.kill();
                    let _ = child.wait();
                    let (name, what) = match &current {
                        Some((_, name)) => (name.clone(), "the test"),
                        None => (FILE_TEST.to_string(), "loading the file"),
                    };
                    let why =
                        format!("timed out: {what} ran for more than {} ms of wall time (--timeout); its worker was stopped (an endless loop or a catastrophic regular expression?)", args.timeout);
                    results.push(failed(&name, why, since.elapsed().as_secs_f64()));
                    break current.map(|(index, _)| index + 1);
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = child.wait().map(|s| s.to_string()).unwrap_or_else(|e| e.to_string());
                    break match &current {
                        Some((index, name)) => {
                            results.push(failed(name, format!("the test crashed its worker process ({status}); see the worker's output above"), since.elapsed().as_secs_f64()));
                            Some(index + 1)
                        }
                        None if results.is_empty() && !status.contains("exit status: 0") => {
                            results.push(failed(FILE_TEST, format!("the file crashed its worker process ({status}); see the worker's output above"), 0.0));
                            None
                        }
                        None => None,
                    };
                }
            }
        };
        match restart {
            Some(next) => from = next,
            None => return results,
        }
    }
}

/// The command that starts a worker on `file` from test `from`.
fn worker(file: &Path, sdk: Option<Version>, from: usize, args: &TestArgs) -> Command {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("wxemu"));
    let mut command = Command::new(exe);
    command.arg("test").arg("--worker").arg(file).arg("--from").arg(from.to_string()).arg("--timeout").arg(args.timeout.to_string());
    command.arg("--virtual-timeout").arg(args.virtual_timeout.to_string());
    command.arg("--renderer").arg(args.renderer.to_possible_value().expect("no hidden values").get_name());
    if let Some(sdk) = sdk {
        command.arg("--sdk").arg(sdk.to_string());
    }
    if let Some(filter) = &args.filter {
        command.arg("--filter").arg(filter);
    }
    if let Some(device) = &args.device {
        command.arg("--device").arg(device.name);
    }
    if args.update_snapshots {
        command.arg("--update-snapshots");
    }
    if let Some((turn, memory)) = crate::watchdog::limits() {
        command.arg("--turn-timeout").arg(turn.to_string()).arg("--memory-limit").arg(memory.to_string());
    }
    command.stdout(Stdio::piped()).stdin(Stdio::null());
    command
}
