//! `wxemu run`: the app on a phone screen in a desktop window. The Simulator runs on a thread
//! of its own on the wall clock ([`simulation`]); the window ([`window`]) turns mouse and
//! keyboard into touches and keys for it and shows the frames it sends back; a watcher
//! ([`reload`]) reloads the app when its files change.

mod reload;
mod simulation;
mod window;

use std::path::PathBuf;
use wxemu_core::LaunchOptions;

/// What paints the frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    /// vello_cpu: exact, the same pixels as `wxemu shot`; the frame is uploaded to the window.
    Cpu,
    /// vello on the GPU.
    Gpu,
    /// The GPU unless the adapter is a software one.
    Auto,
}

/// How to run the app in the window.
#[derive(Clone)]
pub struct Options {
    /// The project folder.
    pub project: PathBuf,
    /// How to launch it (page, query, device, sdk, theme, storage, …); reloads keep these
    /// but open the page shown then.
    pub launch: LaunchOptions,
    /// Window pixels per CSS px (default: the device's pixel ratio, smaller if the screen
    /// would not fit on the desktop).
    pub scale: Option<f32>,
    pub renderer: Renderer,
    /// Font files to draw text with (default: Noto Sans CJK).
    pub fonts: Vec<PathBuf>,
    /// Print how long each click or key took to show on screen.
    pub frame_times: bool,
}

/// Opens the window and runs until it is closed.
pub fn run(options: Options) -> Result<(), String> {
    window::run(options)
}
