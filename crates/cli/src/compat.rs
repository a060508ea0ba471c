//! `wxemu compat PROJECT [--min VERSION] [--format text|json|markdown]`: which base-library
//! features the package uses and which versions lack them, read from its scripts and
//! templates without running it. Exits 1 when an unguarded use needs more than `--min`.

use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use wxemu_caniuse::Version;
use wxemu_package::Package;

#[derive(Args)]
pub struct CompatArgs {
    /// The project folder (with project.config.json or app.json).
    project: PathBuf,
    /// The oldest base library the package must run on: unguarded uses of newer features
    /// are listed and make the command fail.
    #[arg(long, value_parser = wxemu_caniuse::released)]
    min: Option<Version>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
}

pub fn run(args: CompatArgs) -> anyhow::Result<ExitCode> {
    let package = Package::load(&args.project);
    let report = wxemu_compat::scan(&package);
    crate::page::report(&report.problems);
    match args.format {
        Format::Text => print!("{}", report.text(args.min)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&report.json(args.min))?),
        Format::Markdown => print!("{}", report.markdown(args.min)),
    }
    let failed = args.min.is_some_and(|min| !report.above(min).is_empty());
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
