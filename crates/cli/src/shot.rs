//! `wxemu shot`: a page drawn with its chrome on a phone screen, as a PNG.

use crate::page::{launch_page_on, report, PageArgs};
use crate::renderer::{Painter, RendererArg};
use anyhow::{bail, Context as _};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use wxemu_core::Screen;
use wxemu_view::fonts::Fonts;

#[derive(Args)]
pub struct ShotArgs {
    #[command(flatten)]
    run: PageArgs,
    /// Where to write the PNG.
    #[arg(short, long)]
    output: PathBuf,
    /// The whole page's height instead of one screen.
    #[arg(long, conflicts_with = "scroll")]
    full_page: bool,
    /// Scroll the page this many px down first (as far as its content allows).
    #[arg(long, default_value_t = 0.0)]
    scroll: f32,
    /// Font files to draw text with (repeatable; default: Noto Sans CJK from fonts-noto-cjk).
    #[arg(long)]
    font: Vec<PathBuf>,
    /// What paints the picture: vello_cpu (exact; golden images use it), vello on the GPU,
    /// or the GPU when the adapter is not a software one.
    #[arg(long, value_enum, default_value_t = RendererArg::Cpu)]
    renderer: RendererArg,
}

pub fn run(args: ShotArgs) -> anyhow::Result<ExitCode> {
    let Some(project) = &args.run.project else { bail!("give a project folder: wxemu shot PROJECT [--page ROUTE] -o out.png") };
    let mut sim = launch_page_on(project, &args.run, Some(screen(&args.font)?))?;
    if args.scroll > 0.0 {
        sim.scroll_page_to(args.scroll).map_err(anyhow::Error::msg)?;
    }
    let list = sim.draw(args.full_page).map_err(anyhow::Error::msg)?;
    report(&std::mem::take(&mut sim.diagnostics));
    let mut painter = Painter::new(args.renderer)?;
    let png = wxemu_render::encode_png(painter.paint(&list, args.run.device.pixel_ratio as f32)?);
    std::fs::write(&args.output, png).with_context(|| format!("cannot write {}", args.output.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// A screen with the given font files (the default ones when none are given).
pub fn screen(fonts: &[PathBuf]) -> anyhow::Result<Screen> {
    let fonts = if fonts.is_empty() { Fonts::load_default()? } else { Fonts::load(fonts)? };
    Ok(Screen::new(fonts))
}
