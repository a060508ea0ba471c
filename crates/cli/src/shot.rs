//! `wxemu shot`: a page drawn with its chrome on a phone screen, as a PNG.

use crate::page::{launch_page, report, PageArgs};
use anyhow::{bail, Context as _};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use wxemu_core::Screen;
use wxemu_view::fonts::Fonts;
use wxemu_wxss::Device;

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
    /// The phone: "iPhone 6" (default), "iPhone 6 Plus", "iPhone X", "iPhone 12",
    /// "iPhone 14 Pro Max", "iPad" or "Android".
    #[arg(long, default_value = "iPhone 6")]
    device: String,
    /// The system theme pages see (`prefers-color-scheme`, `wx.getSystemInfo().theme`).
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    theme: Theme,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Theme {
    Light,
    Dark,
}

pub fn run(args: ShotArgs) -> anyhow::Result<ExitCode> {
    let Some(project) = &args.run.project else { bail!("give a project folder: wxemu shot PROJECT [--page ROUTE] -o out.png") };
    let device = device(&args.device)?;
    let mut sim = launch_page(project, &args.run)?;
    if args.theme == Theme::Dark {
        sim.set_theme("dark");
    }
    sim.attach_screen(screen(&args.font, device)?);
    if args.scroll > 0.0 {
        sim.scroll_page_to(args.scroll).map_err(anyhow::Error::msg)?;
    }
    let list = sim.draw(args.full_page).map_err(anyhow::Error::msg)?;
    report(&std::mem::take(&mut sim.diagnostics));
    let png = wxemu_render::encode_png(wxemu_render::rasterize(&list, device.dpr));
    std::fs::write(&args.output, png).with_context(|| format!("cannot write {}", args.output.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// A screen of `device` with the given font files (the default ones when none are given).
pub fn screen(fonts: &[PathBuf], device: Device) -> anyhow::Result<Screen> {
    let fonts = if fonts.is_empty() { Fonts::load_default()? } else { Fonts::load(fonts)? };
    Ok(Screen::new(device, fonts))
}

/// A device by name, or an error listing the known ones.
fn device(name: &str) -> anyhow::Result<Device> {
    Device::named(name).ok_or_else(|| {
        let known: Vec<&str> = Device::KNOWN.iter().map(|(n, _)| *n).collect();
        anyhow::anyhow!("unknown device `{name}`; known devices: {}", known.join(", "))
    })
}
