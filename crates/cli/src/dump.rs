//! `wxemu dump`: render a template with data, or a project's page with its initial data,
//! and print the node tree as JSON or WXML.

use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wxemu_package::{Diagnostic, Package};
use wxemu_wxml::{dump, Program, Renderer, Value};
use wxemu_wxs::WxsRuntime;

#[derive(Args)]
pub struct DumpArgs {
    /// The project folder (with project.config.json or app.json); use with --page.
    project: Option<PathBuf>,
    /// The page route to render, e.g. pages/index/index (default: the entry page).
    #[arg(long)]
    page: Option<String>,
    /// A single WXML file to render instead of a project page.
    #[arg(long, conflicts_with_all = ["project", "page"])]
    template: Option<PathBuf>,
    /// JSON file with the data to render the template with (default: {}).
    #[arg(long, requires = "template")]
    data: Option<PathBuf>,
    /// The package root that `/` paths in src attributes start from (default: the
    /// template's folder).
    #[arg(long, requires = "template")]
    root: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Wxml,
}

pub fn run(args: DumpArgs) -> anyhow::Result<ExitCode> {
    let (root, entry, data) = match (&args.template, &args.project) {
        (Some(template), _) => template_input(template, args.root.as_deref(), args.data.as_deref())?,
        (None, Some(project)) => page_input(project, args.page.as_deref())?,
        (None, None) => bail!("give a project folder (wxemu dump PROJECT --page ROUTE) or --template FILE.wxml"),
    };
    let read = move |path: &str| std::fs::read_to_string(root.join(path)).ok();
    let program = Program::load(&entry, &mut |p| read(p));
    if report(&program.diagnostics) {
        return Ok(ExitCode::FAILURE);
    }
    let (mut wxs, modules, wxs_diags) = WxsRuntime::load(&program, Box::new(read));
    if report(&wxs_diags) {
        return Ok(ExitCode::FAILURE);
    }
    let mut renderer = Renderer::new(&program, &modules, &mut wxs);
    let nodes = renderer.render_file(&entry, &Value::from_json(&data));
    report(&renderer.diagnostics);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&dump::to_json(&nodes))?),
        Format::Wxml => print!("{}", dump::to_wxml(&nodes)),
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints diagnostics to stderr; true if any is an error.
fn report(diags: &[Diagnostic]) -> bool {
    for d in diags {
        eprintln!("{d}");
    }
    diags.iter().any(Diagnostic::is_error)
}

/// `--template FILE [--root DIR] [--data FILE]`: the root, the template's path inside it,
/// and the data.
fn template_input(template: &Path, root: Option<&Path>, data: Option<&Path>) -> anyhow::Result<(PathBuf, String, serde_json::Value)> {
    let template = template.canonicalize().with_context(|| format!("cannot open template {}", template.display()))?;
    let root = match root {
        Some(r) => r.canonicalize().with_context(|| format!("cannot open root folder {}", r.display()))?,
        None => template.parent().expect("a file has a parent folder").to_path_buf(),
    };
    let Ok(entry) = template.strip_prefix(&root) else {
        bail!("template {} is not inside the root folder {}", template.display(), root.display());
    };
    let entry = entry.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    let data = match data {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read data file {}", path.display()))?;
            serde_json::from_str(&text).with_context(|| format!("{}: malformed JSON", path.display()))?
        }
        None => serde_json::json!({}),
    };
    Ok((root, entry, data))
}

/// `PROJECT [--page ROUTE]`: the package root, the page's template and its initial data.
fn page_input(project: &Path, page: Option<&str>) -> anyhow::Result<(PathBuf, String, serde_json::Value)> {
    let package = Package::load(project);
    report(&package.diagnostics);
    let Some(route) = page.or(package.entry_page()) else {
        bail!("{} has no pages to dump", project.display());
    };
    let route = route.trim_start_matches('/');
    let Some(unit) = package.pages.get(route) else {
        let known: Vec<&str> = package.pages.keys().map(String::as_str).collect();
        bail!("no page `{route}` in app.json; the pages are: {}", known.join(", "));
    };
    if !unit.has_wxml {
        bail!("page `{route}` has no template {}", unit.file("wxml"));
    }
    let data = wxemu_appservice::initial_data(&package, unit)?;
    Ok((package.root.clone(), unit.file("wxml"), data))
}
