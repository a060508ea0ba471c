//! `wxemu run`: the app in a window, clicked through like a phone, reloaded on save.

use crate::page::{launch_options, PageArgs};
use crate::renderer::RendererArg;
use anyhow::bail;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct RunArgs {
    #[command(flatten)]
    run: PageArgs,
    /// Window pixels per CSS px (default: the device's pixel ratio, less if the phone would
    /// not fit on the desktop).
    #[arg(long)]
    scale: Option<f32>,
    /// What paints the window: vello on the GPU, or vello_cpu (the same pixels as `wxemu
    /// shot`) shown through the GPU; `auto` takes the GPU unless the adapter is a software one.
    #[arg(long, value_enum, default_value_t = RendererArg::Auto)]
    renderer: RendererArg,
    /// Font files to draw text with (repeatable; default: Noto Sans CJK from fonts-noto-cjk).
    #[arg(long)]
    font: Vec<PathBuf>,
    /// Print how long each click or key took to show on screen.
    #[arg(long)]
    frame_times: bool,
}

pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let Some(project) = args.run.project.clone() else { bail!("give a project folder: wxemu run PROJECT [--page ROUTE]") };
    if args.run.advance > 0 {
        bail!("--advance runs timers on the virtual clock of headless runs; in the window time is the wall clock's");
    }
    let launch = launch_options(&project, &args.run);
    let options = wxemu_shell::Options { project, launch, scale: args.scale, renderer: args.renderer.into(), fonts: args.font, frame_times: args.frame_times };
    wxemu_shell::run(options).map_err(anyhow::Error::msg)?;
    Ok(ExitCode::SUCCESS)
}
