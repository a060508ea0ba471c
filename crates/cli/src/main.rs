//! `wxemu`: the command-line front end. Each subcommand lives in a module of its own.

mod auto;
mod build;
mod compat;
mod dump;
mod page;
mod renderer;
mod run;
mod shot;
mod storage;
mod test;
mod watchdog;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "wxemu", version, about = "A desktop emulator and test harness for WeChat mini-programs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// How long one turn of the app's scripts (a lifecycle, a handler, a timer) may run
    /// before wxemu stops the app, in ms of wall time.
    #[arg(long, global = true, default_value_t = 10_000)]
    turn_timeout: u64,
    /// How much memory wxemu may use running the app before it stops it, in MiB.
    #[arg(long, global = true, default_value_t = 2048)]
    memory_limit: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Open a project in a window: click through it like a phone; it reloads when you save.
    Run(run::RunArgs),
    /// Run a page of a project and print its live node tree (or render one WXML template with data).
    Dump(dump::DumpArgs),
    /// Draw a page of a project as a phone shows it and write it as a PNG.
    Shot(shot::ShotArgs),
    /// Report which base-library versions lack the features a project uses (read, not run).
    Compat(compat::CompatArgs),
    /// Show or change what a project keeps in wx storage between runs.
    Storage(storage::StorageArgs),
    /// Run page tests written in JS (`*.test.js`) on the virtual clock.
    Test(test::TestArgs),
    /// Serve the miniprogram-automator protocol, so automator test suites run against wxemu.
    Auto(auto::AutoArgs),
    /// Write the package as wxemu runs it (ES modules and TypeScript compiled), to inspect it.
    Build(build::BuildArgs),
}

fn main() -> ExitCode {
    quiet_when_stdout_closes();
    let cli = Cli::parse();
    watchdog::start(std::time::Duration::from_millis(cli.turn_timeout), cli.memory_limit);
    match cli.command {
        // The window's event loop must be on the main thread; its Simulator has a thread of
        // its own with a deep stack.
        Command::Run(args) => finish(run::run(args)),
        // The rest run their Simulator here, on a deep stack (see STACK_BYTES).
        command => std::thread::Builder::new()
            .name("wxemu".into())
            .stack_size(wxemu_core::STACK_BYTES)
            .spawn(move || finish(execute(command)))
            .map_or(ExitCode::FAILURE, |thread| thread.join().unwrap_or(ExitCode::FAILURE)),
    }
}

/// `wxemu … | head -1` closes the pipe early: printing then fails, and that ends the
/// process quietly instead of with a panic's message.
fn quiet_when_stdout_closes() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info.payload().downcast_ref::<String>().map(String::as_str).or_else(|| info.payload().downcast_ref::<&str>().copied()).unwrap_or_default();
        if message.starts_with("failed printing to stdout") {
            std::process::exit(if page::errors_reported() { 1 } else { 0 });
        }
        default(info);
    }));
}

fn execute(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Run(args) => run::run(args),
        Command::Dump(args) => dump::run(args),
        Command::Shot(args) => shot::run(args),
        Command::Compat(args) => compat::run(args),
        Command::Storage(args) => storage::run(args),
        Command::Test(args) => test::run(args),
        Command::Auto(args) => auto::run(args),
        Command::Build(args) => build::run(args),
    }
}

/// The exit code of a command's result, its error printed; 1 when an `error:` diagnostic
/// was printed on the way.
fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(_) if page::errors_reported() => ExitCode::FAILURE,
        Ok(code) => code,
        Err(e) => {
            // Diagnostics print as they are (file:line:col: error: …), other errors with a prefix.
            if e.is::<wxemu_package::Diagnostic>() || e.is::<wxemu_core::LaunchFailure>() {
                eprintln!("{e}");
            } else {
                eprintln!("error: {e:#}");
            }
            ExitCode::FAILURE
        }
    }
}
