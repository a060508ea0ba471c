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
    sim.attach_screen(screen(&args.font)?);
    let list = sim.draw(args.full_page).map_err(anyhow::Error::msg)?;
    report(&std::mem::take(&mut sim.diagnostics));
    let png = wxemu_render::encode_png(wxemu_render::rasterize(&list, Device::IPHONE_6.dpr));
    std::fs::write(&args.output, png).with_context(|| format!("cannot write {}", args.output.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// An iPhone 6 screen with the given font files (the default ones when none are given).
pub fn screen(fonts: &[PathBuf]) -> anyhow::Result<Screen> {
    let files = if fonts.is_empty() { DEFAULT_FONT_FILES.iter().map(PathBuf::from).collect() } else { fonts.to_vec() };
    Ok(Screen::new(Device::IPHONE_6, Fonts::load(&files)?))
}
