//! `wxemu dump`: render a template with data, or run a project's page and print its live
//! node tree, as JSON or WXML.

use crate::page::{launch_page, report, PageArgs};
use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use serde_json::Value as Json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wxemu_core::{ComponentStyling, Simulator};
use wxemu_wxml::{dump, Node, Program, Renderer, Value};
use wxemu_wxs::WxsRuntime;

#[derive(Args)]
pub struct DumpArgs {
    #[command(flatten)]
    run: PageArgs,
    /// A single WXML file to render instead of a project page.
    #[arg(long, conflicts_with_all = ["project", "page", "query", "advance"])]
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
    /// Lay the page out on an iPhone 6 screen and add each element's border box
    /// `[x, y, width, height]` (CSS px, page coordinates) to the JSON.
    #[arg(long, conflicts_with = "template")]
    layout: bool,
    /// Font files to lay text out with, for --layout (default: Noto Sans CJK and DejaVu Sans).
    #[arg(long, requires = "layout")]
    font: Vec<PathBuf>,
    /// Add to each element the custom component whose template wrote it (`"owner"`: its
    /// path; none for the page's own elements) and to each custom component's host element
    /// how that component is styled (`"component"`: path, styleIsolation, externalClasses,
    /// virtualHost), to the JSON.
    #[arg(long, conflicts_with = "template")]
    components: bool,
    /// Print the WXSS that wxemu gives the built-in components (their default styles, the
    /// same on every page) instead of a page.
    #[arg(long, conflicts_with_all = ["template", "project"])]
    built_in_styles: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Wxml,
}

pub fn run(args: DumpArgs) -> anyhow::Result<ExitCode> {
    if args.built_in_styles {
        println!("{}", wxemu_view::components::default_styles());
        return Ok(ExitCode::SUCCESS);
    }
    let nodes = match (&args.template, &args.run.project) {
        (Some(template), _) => match render_template(template, args.root.as_deref(), args.data.as_deref())? {
            Some(nodes) => nodes,
            None => return Ok(ExitCode::FAILURE),
        },
        (None, Some(project)) if args.layout || args.components => {
            let mut sim = launch_page(project, &args.run)?;
            let mut json = dump::to_json(sim.tree());
            if args.layout {
                add_boxes(&mut sim, &args.font, &mut json)?;
            }
            if args.components {
                add_components(&mut sim, &mut json);
            }
            println!("{}", serde_json::to_string_pretty(&json)?);
            return Ok(ExitCode::SUCCESS);
        }
        (None, Some(project)) => render_page(project, &args)?,
        (None, None) => bail!("give a project folder (wxemu dump PROJECT --page ROUTE) or --template FILE.wxml"),
    };
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&dump::to_json(&nodes))?),
        Format::Wxml => print!("{}", dump::to_wxml(&nodes)),
    }
    Ok(ExitCode::SUCCESS)
}

/// `--layout`: each element's border box on the device's screen.
fn add_boxes(sim: &mut Simulator, fonts: &[PathBuf], json: &mut Json) -> anyhow::Result<()> {
    sim.attach_screen(crate::shot::screen(fonts)?);
    for (path, b) in sim.element_boxes().map_err(anyhow::Error::msg)? {
        let mut node = &mut *json;
        for (depth, index) in path.iter().enumerate() {
            node = if depth == 0 { &mut node[*index] } else { &mut node["children"][*index] };
        }
        node["box"] = serde_json::json!([b.x, b.y, b.w, b.h]);
    }
    Ok(())
}

/// `--components`: the owner of each element and the styling of each component host.
fn add_components(sim: &mut Simulator, json: &mut Json) {
    let tree = sim.tree().to_vec();
    let mut known: HashMap<u32, Option<ComponentStyling>> = HashMap::new();
    annotate(&tree, json, &mut |id| known.entry(id).or_insert_with(|| sim.component_styling(id)).clone());
}

fn annotate(nodes: &[Node], json: &mut Json, styling: &mut impl FnMut(u32) -> Option<ComponentStyling>) {
    for (node, out) in nodes.iter().zip(json.as_array_mut().into_iter().flatten()) {
        let Node::Element(e) = node else { continue };
        if let Some(owner) = styling(e.owner) {
            out["owner"] = Json::from(owner.path);
        }
        if let Some(component) = e.component.and_then(&mut *styling) {
            out["component"] = serde_json::json!({
                "path": component.path,
                "styleIsolation": component.isolation.name(),
                "externalClasses": component.external_classes,
                "virtualHost": component.virtual_host,
            });
        }
        annotate(&e.children, &mut out["children"], styling);
    }
}

/// `--template FILE [--root DIR] [--data FILE]`: renders one file; `None` when it has errors
/// (reported).
fn render_template(template: &Path, root: Option<&Path>, data: Option<&Path>) -> anyhow::Result<Option<Vec<Node>>> {
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
            serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}:{}:{}: malformed JSON: {e}", path.display(), e.line(), e.column()))?
        }
        None => serde_json::json!({}),
    };
    let read = move |path: &str| wxemu_package::sandbox::read_text(&root, path);
    let program = Program::load(&entry, &mut |p| read(p));
    if report(&program.diagnostics) {
        return Ok(None);
    }
    let (mut wxs, modules, wxs_diags) = WxsRuntime::load(&program, Box::new(read));
    if report(&wxs_diags) {
        return Ok(None);
    }
    let mut renderer = Renderer::new(&program, &modules, &mut wxs);
    let nodes = renderer.render_file(&entry, &Value::from_json(&data));
    report(&renderer.diagnostics);
    Ok(Some(nodes))
}

/// The page's live tree after onLoad, onShow, onReady and the timers due within `--advance`.
fn render_page(project: &Path, args: &DumpArgs) -> anyhow::Result<Vec<Node>> {
    let sim = launch_page(project, &args.run)?;
    Ok(sim.tree().to_vec())
}
