//! `wxemu test [PATHS…]`: runs the `*.test.js` files under the paths (see crates/harness),
//! prints a line per file and each failure, then `N passed, N failed`; exits 1 when a test
//! failed. `--sdk a,b,c` runs the suite once per base library; `--reporter junit` also
//! writes JUnit XML.

use crate::renderer::{screenshot_painter, RendererArg};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use wxemu_core::{Profile, Version};
use wxemu_harness::{Outcome, RunOptions};

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
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Reporter {
    Text,
    Junit,
}

pub fn run(args: TestArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let files = wxemu_harness::discover(&paths);
    if files.is_empty() {
        anyhow::bail!("no *.test.js files under {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    let sdks: Vec<Option<Version>> = if args.sdk.is_empty() { vec![None] } else { args.sdk.iter().copied().map(Some).collect() };
    let gpu = screenshot_painter(args.renderer)?;
    let mut all = Vec::new();
    for sdk in &sdks {
        let options = RunOptions { filter: args.filter.clone(), sdk: *sdk, device: args.device, update_snapshots: args.update_snapshots, gpu: gpu.clone() };
        for file in &files {
            let mut results = wxemu_harness::run_file(file, &options);
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
    let failed = all.iter().any(|r| matches!(r.outcome, Outcome::Failed(_)));
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
