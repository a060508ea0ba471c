//! `wxemu shot`: a page drawn with its chrome on a phone screen, as a PNG.

use crate::page::{launch_page, report, PageArgs};
use anyhow::{bail, Context as _};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use wxemu_core::Screen;
use wxemu_view::fonts::{Fonts, DEFAULT_FONT_FILES};
use wxemu_wxss::Device;

#[derive(Args)]
pub struct ShotArgs {
    #[command(flatten)]
    run: PageArgs,
    /// Where to write the PNG.
    #[arg(short, long)]
    output: PathBuf,
    /// The whole page's height instead of one screen.
    #[arg(long)]
    full_page: bool,
    /// Font files to draw text with (repeatable; default: Noto Sans CJK from fonts-noto-cjk).
    #[arg(long)]
    font: Vec<PathBuf>,
}

pub fn run(args: ShotArgs) -> anyhow::Result<ExitCode> {
    let Some(project) = &args.run.project else { bail!("give a project folder: wxemu shot PROJECT [--page ROUTE] -o out.png") };
    let mut sim = launch_page(project, &args.run)?;
    let fonts = if args.font.is_empty() { DEFAULT_FONT_FILES.iter().map(PathBuf::from).collect() } else { args.font.clone() };
    let device = Device::IPHONE_6;
    sim.attach_screen(Screen::new(device, Fonts::load(&fonts)?));
    let list = sim.draw(args.full_page).map_err(anyhow::Error::msg)?;
    report(&std::mem::take(&mut sim.diagnostics));
    let png = wxemu_render::encode_png(wxemu_render::rasterize(&list, device.dpr));
    std::fs::write(&args.output, png).with_context(|| format!("cannot write {}", args.output.display()))?;
    Ok(ExitCode::SUCCESS)
}
