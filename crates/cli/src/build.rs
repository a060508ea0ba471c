//! `wxemu build PROJECT [-o DIR]`: the package as wxemu runs it — ES modules and TypeScript
//! compiled to CommonJS — written out for inspection.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use wxemu_package::Package;

#[derive(Args)]
pub struct BuildArgs {
    /// The project folder (with project.config.json or app.json).
    project: PathBuf,
    /// Where to write the compiled package (default: `.wxemu/build` in the project).
    #[arg(short, long)]
    out: Option<PathBuf>,
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let package = Package::load(&args.project);
    crate::page::report(&package.diagnostics);
    let out = args.out.unwrap_or_else(|| args.project.join(".wxemu/build"));
    std::fs::create_dir_all(&out)?;
    let report = wxemu_build::build_package(&package.files, &out, &wxemu_build::Cache::user())?;
    crate::page::report(&report.diagnostics);
    for built in &report.npm {
        println!("npm package {built}");
    }
    for (file, why) in &report.skipped {
        println!("skipped {file}: {why}");
    }
    println!("compiled {} scripts, copied {} files → {}", report.compiled.len(), report.copied, out.display());
    Ok(if report.diagnostics.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
