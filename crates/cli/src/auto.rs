//! `wxemu auto --project PATH --auto-port N`: serves the miniprogram-automator protocol on
//! 127.0.0.1 (see crates/automation), in the argument forms the client's `launch()` uses
//! (`--auto-account`, `--ticket` and `--trust-project` are accepted and not needed), and the
//! older `--auto PATH`. Ends when a client sends `Tool.close`.

use crate::renderer::{screenshot_painter, RendererArg};
use clap::Args;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;
use wxemu_core::{LaunchOptions, Simulator};

#[derive(Args)]
pub struct AutoArgs {
    /// The project folder.
    #[arg(long, required_unless_present = "auto")]
    pub project: Option<PathBuf>,
    /// The older form of --project.
    #[arg(long)]
    pub auto: Option<PathBuf>,
    /// The port on 127.0.0.1 to serve on.
    #[arg(long, default_value_t = 9420)]
    pub auto_port: u16,
    /// Accepted for the client's sake; wxemu needs no account.
    #[arg(long)]
    pub auto_account: Option<String>,
    /// Accepted for the client's sake; wxemu needs no ticket.
    #[arg(long)]
    pub ticket: Option<String>,
    /// Accepted for the client's sake.
    #[arg(long)]
    pub trust_project: bool,
    /// What paints `App.captureScreenshot`: vello_cpu (exact), vello on the GPU, or the GPU
    /// unless the adapter is a software one.
    #[arg(long, value_enum, default_value_t = RendererArg::Cpu)]
    pub renderer: RendererArg,
}

pub fn run(args: AutoArgs) -> anyhow::Result<ExitCode> {
    let project = args.project.or(args.auto).expect("clap requires one");
    let listener = TcpListener::bind(("127.0.0.1", args.auto_port))?;
    let mut sim = Simulator::launch(&project, LaunchOptions::default())?;
    if let Some(gpu) = screenshot_painter(args.renderer)? {
        sim.set_painter(gpu);
    }
    eprintln!("wxemu auto: serving {} on ws://127.0.0.1:{}", project.display(), args.auto_port);
    wxemu_automation::serve(listener, sim)?;
    Ok(ExitCode::SUCCESS)
}
