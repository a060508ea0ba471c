//! What `dump` and `shot` share: which page of which project to run, and launching it.

use anyhow::bail;
use clap::Args;
use std::path::{Path, PathBuf};
use wxemu_core::{Answers, LaunchOptions, Profile, Routes, Screen, Simulator, Version};
use wxemu_package::Diagnostic;

/// `PROJECT [--page ROUTE] [--query k=v]… [--advance MS] [--sdk VERSION] [--device NAME]
/// [--theme light|dark] [--storage disk|memory] [--routes FILE] [--domain HOST]…
/// [--answer KIND=ANSWER,…] [--account FILE]`.
#[derive(Args)]
pub struct PageArgs {
    /// The project folder (with project.config.json or app.json).
    pub project: Option<PathBuf>,
    /// The page route to open, e.g. pages/index/index (default: the entry page).
    #[arg(long)]
    pub page: Option<String>,
    /// A query parameter for the page's onLoad, as key=value (repeatable).
    #[arg(long, value_parser = parse_query)]
    pub query: Vec<(String, String)>,
    /// Run timers for this many ms of virtual time first.
    #[arg(long, default_value_t = 0)]
    pub advance: u64,
    /// The base-library version to run on, e.g. 2.10.0 (default: project.config.json's
    /// libVersion, else the newest known): `wx` has only that version's members.
    #[arg(long, value_parser = wxemu_caniuse::released)]
    pub sdk: Option<Version>,
    /// The phone, by its DevTools name or a short one: "iPhone 6" (default), "iPhone 6 Plus",
    /// "iPhone X", "iPhone 12", "iPhone 14 Pro", "iPhone 14 Pro Max", "iPhone 15 Pro Max",
    /// "iPad" or "Pixel 5" ("Android").
    #[arg(long, default_value = "iPhone 6", value_parser = device)]
    pub device: Profile,
    /// The system theme (`prefers-color-scheme`, `theme` in the system information).
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// Where `wx` storage lives: on disk, kept between runs (see `wxemu storage`), or in
    /// memory for this run only.
    #[arg(long, value_enum, default_value_t = StorageKind::Disk)]
    pub storage: StorageKind,
    /// Mock routes for wx.request/downloadFile/uploadFile/connectSocket (a JSON file; see
    /// README): matching requests are answered from it on the virtual clock, others fail.
    #[arg(long, value_parser = routes)]
    pub routes: Option<Routes>,
    /// A domain the app's requests may reach when project.config.json's urlCheck is on, as
    /// the request domain list configured for the app (repeatable).
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// Answers for the prompts the app shows, by kind: `modal=confirm,actionsheet=0,
    /// auth=allow,profile=allow,subscribe=accept,payment=cancel,scan=TEXT,…` (unanswered
    /// prompts stay shown).
    #[arg(long, value_parser = wxemu_core::parse_answers, default_value = "")]
    pub answer: Answers,
    /// The test user, as JSON: `{"user": {"nickName": …}, "address": {…}, "location":
    /// {…}, "sessionValid": false, "authorized": {"scope.userLocation": true}}`.
    #[arg(long, value_parser = account)]
    pub account: Option<serde_json::Value>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StorageKind {
    Disk,
    Memory,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    Light,
    Dark,
}

/// A device by name, or an error listing the known ones.
pub fn device(name: &str) -> Result<Profile, String> {
    Profile::named(name).ok_or_else(|| {
        let known: Vec<&str> = Profile::KNOWN.iter().map(|p| p.name).collect();
        format!("unknown device `{name}`; known devices: {}", known.join(", "))
    })
}

fn account(file: &str) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{file}:{}:{}: {e}", e.line(), e.column()))
}

fn routes(file: &str) -> Result<Routes, String> {
    Routes::load(Path::new(file))
}

fn parse_query(s: &str) -> Result<(String, String), String> {
    s.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())).ok_or_else(|| format!("`{s}` is not key=value"))
}

/// An `error:` diagnostic has been printed: the command exits 1 however it ends.
static ERRORS_REPORTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Prints diagnostics; true when one of them is an error.
pub fn report(diags: &[Diagnostic]) -> bool {
    for d in diags {
        eprintln!("{d}");
    }
    let errors = diags.iter().any(Diagnostic::is_error);
    if errors {
        ERRORS_REPORTED.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    errors
}

/// Whether an `error:` diagnostic was printed (warnings do not count).
pub fn errors_reported() -> bool {
    ERRORS_REPORTED.load(std::sync::atomic::Ordering::SeqCst)
}

/// How `args` launch the app in `project`.
pub fn launch_options(project: &Path, args: &PageArgs) -> LaunchOptions {
    let disk = args.storage == StorageKind::Disk;
    let storage = disk.then(|| crate::storage::file_of(project));
    LaunchOptions {
        page: args.page.clone(),
        query: args.query.iter().map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str()))).collect(),
        scene: None,
        sdk: args.sdk,
        // The app's files (USER_DATA_PATH, saved and temp files) sit beside its storage.
        files: storage.as_ref().map(|file| file.with_extension("files")),
        storage,
        device: Some(args.device),
        dark: args.theme == Theme::Dark,
        routes: args.routes.clone(),
        domains: args.domains.clone(),
        answers: args.answer.clone(),
        account: args.account.clone(),
        start_time: None,
    }
}

/// Launches the app at the page, runs `--advance` ms of timers, and prints the package's
/// problems and the app's console output to stderr.
pub fn launch_page(project: &Path, args: &PageArgs) -> anyhow::Result<Simulator> {
    launch_page_on(project, args, None)
}

/// [`launch_page`] on `screen` when one is given: the page is drawn once before the clock
/// runs, so that the pictures and fonts its styles read from the network are read then.
pub fn launch_page_on(project: &Path, args: &PageArgs, screen: Option<Screen>) -> anyhow::Result<Simulator> {
    let options = launch_options(project, args);
    let mut sim = Simulator::launch(project, options)?;
    if let Some(screen) = screen {
        sim.attach_screen(screen);
        sim.draw(false).map_err(anyhow::Error::msg)?;
    }
    sim.advance(args.advance);
    report(&std::mem::take(&mut sim.diagnostics));
    for entry in sim.take_console() {
        eprintln!("{entry}");
    }
    if let Some(page) = &args.page {
        if sim.current_route() != Some(page.trim_start_matches('/')) {
            bail!("page `{page}` is not in app.json; the app opened `{}` instead", sim.current_route().unwrap_or("nothing"));
        }
    }
    Ok(sim)
}
