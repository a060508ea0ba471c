//! `__wxemuHarness(op, args)`: what the test API asks of the Simulators it launched.

use crate::RunOptions;
use serde_json::{json, Map, Value as Json};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use wxemu_core::{parse_answers, Answer, LaunchOptions, Profile, Prompt, Routes, Simulator};
use wxemu_js::boa_engine::{Context, JsError, JsNativeError, JsResult, JsString, JsValue, NativeFunction};
use wxemu_wx::args::text;
use wxemu_wxml::{dump, Node};

/// The apps a test file launched (closed after each test), where its file is, and how the
/// suite runs.
pub(crate) struct Harness {
    /// The test file's folder (projects, routes and goldens are found from it) and name.
    dir: PathBuf,
    stem: String,
    options: RunOptions,
    apps: Vec<Option<App>>,
    /// Virtual time the running test has moved its apps' clocks by, in ms.
    advanced: u64,
}

struct App {
    sim: Simulator,
    /// The app's console so far (the Simulator hands each line out once).
    console: Vec<Json>,
}

pub(crate) type SharedHarness = Rc<RefCell<Harness>>;

/// Installs `__wxemuHarness` in `context`.
pub(crate) fn install(context: &mut Context, file: &std::path::Path, options: RunOptions) -> SharedHarness {
    let dir = file.parent().unwrap_or(std::path::Path::new(".")).to_path_buf();
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.trim_end_matches(".js").trim_end_matches(".test").to_string();
    let harness = Rc::new(RefCell::new(Harness { dir, stem, options, apps: Vec::new(), advanced: 0 }));
    context.insert_data(harness.clone());
    context.register_global_callable(JsString::from("__wxemuHarness"), 2, NativeFunction::from_fn_ptr(call)).expect("a fresh context takes globals");
    harness
}

fn call(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let op = args.first().cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped();
    let arguments = match args.get(1).map(|a| a.to_json(context)).transpose()?.flatten() {
        Some(Json::Object(map)) => map,
        _ => Map::new(),
    };
    let harness = context.get_data::<SharedHarness>().expect("installed").clone();
    let answer = harness.borrow_mut().op(&op, &arguments);
    match answer {
        Ok(value) => JsValue::from_json(&value, context),
        Err(message) => Err(JsError::from_native(JsNativeError::error().with_message(message))),
    }
}

fn path_of(args: &Map<String, Json>, key: &str) -> Vec<usize> {
    args.get(key).and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_u64).map(|i| i as usize).collect()
}

/// A prompt as tests see it: `{type, …its fields}`.
fn prompt_json(prompt: &Prompt) -> Json {
    match prompt {
        Prompt::Toast { title, icon, .. } => json!({ "type": "toast", "title": title, "icon": icon }),
        Prompt::Loading { title, .. } => json!({ "type": "loading", "title": title }),
        Prompt::Modal { title, content, editable, .. } => json!({ "type": "modal", "title": title, "content": content, "editable": editable }),
        Prompt::ActionSheet { items, .. } => json!({ "type": "actionSheet", "items": items }),
        Prompt::Picker { columns, selected, .. } => json!({ "type": "picker", "columns": columns, "selected": selected }),
        Prompt::Dialog { kind, title, content, .. } => json!({ "type": kind, "title": title, "content": content }),
    }
}

impl Harness {
    fn app(&mut self, args: &Map<String, Json>) -> Result<&mut App, String> {
        let id = args.get("app").and_then(Json::as_u64).unwrap_or(u64::MAX) as usize;
        self.apps.get_mut(id).and_then(Option::as_mut).ok_or_else(|| "this app was closed".to_string())
    }

    fn launch(&mut self, args: &Map<String, Json>) -> Result<Json, String> {
        let project = self.dir.join(text(args, "project"));
        let sdk = match args.get("sdk").and_then(Json::as_str) {
            Some(v) => Some(wxemu_caniuse::released(v)?),
            None => self.options.sdk,
        };
        let device = match args.get("device").and_then(Json::as_str) {
            Some(name) => Some(Profile::named(name).ok_or_else(|| format!("unknown device `{name}`"))?),
            None => self.options.device,
        };
        let routes = match args.get("routes") {
            Some(Json::String(file)) => Some(Routes::load(&self.dir.join(file))?),
            Some(Json::Object(routes)) => Some(Routes::parse(&Json::Object(routes.clone()).to_string(), &self.dir)?),
            _ => None,
        };
        let options = LaunchOptions {
            page: args.get("page").and_then(Json::as_str).map(str::to_string),
            query: args.get("query").and_then(Json::as_object).cloned().unwrap_or_default(),
            sdk,
            device,
            routes,
            answers: args.get("answer").and_then(Json::as_str).map(parse_answers).transpose()?.unwrap_or_default(),
            account: args.get("account").cloned(),
            ..LaunchOptions::default()
        };
        let mut sim = Simulator::launch(&project, options).map_err(|e| format!("{} does not launch:\n{e}", project.display()))?;
        if let Some(gpu) = &self.options.gpu {
            sim.set_painter(gpu.clone());
        }
        self.apps.push(Some(App { sim, console: Vec::new() }));
        Ok(json!(self.apps.len() - 1))
    }

    pub(crate) fn op(&mut self, op: &str, args: &Map<String, Json>) -> Result<Json, String> {
        if op == "launch" {
            return self.launch(args);
        }
        if op == "sdk" {
            return Ok(self.options.sdk.map_or(Json::Null, |v| Json::from(v.to_string())));
        }
        if op == "log" {
            eprintln!("{}: console.{}: {}", self.stem, text(args, "level"), text(args, "text"));
            return Ok(Json::Null);
        }
        if op == "routes" {
            let routes = Routes::load(&self.dir.join(text(args, "file")))?;
            self.app(args)?.sim.set_routes(routes);
            return Ok(Json::Null);
        }
        if op == "close" {
            self.app(args)?;
            let id = args.get("app").and_then(Json::as_u64).unwrap_or(0) as usize;
            self.apps[id] = None;
            return Ok(Json::Null);
        }
        if op == "advance" {
            let ms = args.get("ms").and_then(Json::as_f64).unwrap_or(0.0).max(0.0) as u64;
            let limit = self.options.virtual_timeout_ms;
            if self.advanced.saturating_add(ms) > limit {
                return Err(format!("timed out: the test moved the virtual clock past its {limit} ms timeout (--virtual-timeout)"));
            }
            self.advanced += ms;
            self.app(args)?.sim.advance(ms);
            return Ok(Json::Null);
        }
        let app = self.app(args)?;
        let sim = &mut app.sim;
        let done = Ok(Json::Null);
        match op {
            "currentPage" => {
                let route = sim.current_route().ok_or("no page is open")?.to_string();
                let query = sim.evaluate("() => getCurrentPages().slice(-1)[0].options || {}", &[])?;
                Ok(json!({ "route": route, "query": query }))
            }

            "pageStack" => Ok(json!(sim.page_stack())),
            "route" => {
                let url = text(args, "url");
                let routed = match text(args, "method") {
                    "navigateTo" => sim.navigate_to(url),
                    "redirectTo" => sim.redirect_to(url),
                    "reLaunch" => sim.re_launch(url),
                    "switchTab" => sim.switch_tab(url),
                    _ => sim.navigate_back(args.get("delta").and_then(Json::as_u64).unwrap_or(1) as usize),
                };
                routed.map_err(|e| e.to_string())?;
                done
            }
            "now" => Ok(json!(sim.now())),
            "evaluate" => sim.evaluate(text(args, "fn"), args.get("args").and_then(Json::as_array).map_or(&[], Vec::as_slice)),
            "mockWx" => {
                let mock = args.get("mock").cloned().unwrap_or(Json::Null);
                sim.framework("mockWx", &[Json::from(text(args, "name")), mock])
            }
            "prompts" => Ok(Json::Array(sim.prompts().iter().map(prompt_json).collect())),
            "answer" => {
                let answer = Answer {
                    confirm: args.get("confirm").and_then(Json::as_bool).unwrap_or(true),
                    item: args.get("item").and_then(Json::as_u64).map(|i| i as usize),
                    content: args.get("content").and_then(Json::as_str).map(str::to_string),
                    data: args.get("data").cloned(),
                };
                sim.answer_prompt(answer)?;
                done
            }
            "console" => {
                let lines = sim.take_console().into_iter().map(|e| json!({ "level": e.level, "text": e.text }));
                app.console.extend(lines);
                Ok(Json::Array(app.console.clone()))
            }
            "requests" => Ok(Json::Array(
                sim.requests()
                    .into_iter()
                    .map(|r| {
                        json!({
                            "time": r.time, "api": r.api, "method": r.method, "url": r.url, "body": r.body, "mocked": r.mocked, "status": r.status, "error": r.error,
                        })
                    })
                    .collect(),
            )),
            "data" => Ok(sim.page_data_at(text(args, "path"))),
            "setData" => sim.evaluate("(d) => getCurrentPages().slice(-1)[0].setData(d)", &[args.get("data").cloned().unwrap_or(Json::Null)]),
            "callMethod" => {
                let call_args = args.get("args").cloned().unwrap_or(json!([]));
                sim.evaluate(
                    "(m, a) => { const p = getCurrentPages().slice(-1)[0]; if (typeof p[m] !== 'function') throw new Error('the page has no method ' + m); return p[m].apply(p, a) }",
                    &[Json::from(text(args, "method")), call_args],
                )
            }
            "select" => Ok(json!(sim.select_within(text(args, "selector"), &path_of(args, "within"))?)),
            "tap" => sim.tap_node(&path_of(args, "path")).map(|()| Json::Null),
            "input" => sim.input_node(&path_of(args, "path"), text(args, "text")).map(|()| Json::Null),
            "trigger" => sim.trigger_node(&path_of(args, "path"), text(args, "type"), args.get("detail").cloned().unwrap_or(json!({}))).map(|()| Json::Null),
            "text" | "attribute" | "wxml" | "tag" if op == "wxml" && !args.contains_key("path") => Ok(json!(dump::to_wxml(sim.tree()))),
            "text" | "attribute" | "wxml" | "tag" => {
                let element = sim.element(&path_of(args, "path")).ok_or("the element is gone from the page")?;
                Ok(match op {
                    "text" => json!(sim.element_text(&path_of(args, "path"))),
                    "attribute" => element.attr(text(args, "name")).and_then(wxemu_wxml::Value::to_json).unwrap_or(Json::Null),
                    "tag" => json!(&*element.tag),
                    _ => json!(dump::to_wxml(&[Node::Element(element.clone())])),
                })
            }
            "screenshot" => {
                use base64::Engine;
                Ok(json!(base64::engine::general_purpose::STANDARD.encode(sim.screenshot()?)))
            }
            "matchScreenshot" => {
                let png = sim.screenshot()?;
                let golden = self.dir.join("__screenshots__").join(&self.stem).join(format!("{}{}.png", text(args, "name"), if self.options.gpu.is_some() { ".gpu" } else { "" }));
                let tolerance = args.get("tolerance").and_then(Json::as_f64).unwrap_or(0.0);
                Ok(match match_screenshot(&golden, &png, tolerance, self.options.update_snapshots) {
                    Ok(()) => json!({ "ok": true, "message": format!("to match {}", golden.display()) }),
                    Err(message) => json!({ "ok": false, "message": message }),
                })
            }
            other => Err(format!("not supported by wxemu yet: the test API's `{other}`")),
        }
    }

    /// For a failure report: each open app's page as WXML (its first 40 lines) and its console.
    pub(crate) fn what_the_apps_show(&mut self) -> String {
        let mut out = String::new();
        for app in self.apps.iter_mut().flatten() {
            let route = app.sim.current_route().unwrap_or("(no page)").to_string();
            let wxml = dump::to_wxml(app.sim.tree());
            let lines: Vec<&str> = wxml.lines().collect();
            out.push_str(&format!("\n  page {route}:\n"));
            for line in lines.iter().take(40) {
                out.push_str(&format!("    {line}\n"));
            }
            if lines.len() > 40 {
                out.push_str(&format!("    … ({} more lines)\n", lines.len() - 40));
            }
            app.console.extend(app.sim.take_console().into_iter().map(|e| json!({ "level": e.level, "text": e.text })));
            if !app.console.is_empty() {
                out.push_str("  console:\n");
                for line in &app.console {
                    out.push_str(&format!("    {}: {}\n", line["level"].as_str().unwrap_or(""), line["text"].as_str().unwrap_or("")));
                }
            }
        }
        out
    }

    /// Closes every app (after each test).
    /// A test begins: it has moved no clock yet.
    pub(crate) fn start_test(&mut self) {
        self.advanced = 0;
    }

    pub(crate) fn close_all(&mut self) {
        self.apps.clear();
    }
}

/// Compares a screenshot with its golden (writing it when `update` or missing goldens are
/// asked for): on a mismatch the actual picture and a diff picture are written beside the
/// golden.
fn match_screenshot(golden: &std::path::Path, png: &[u8], tolerance: f64, update: bool) -> Result<(), String> {
    if update {
        std::fs::create_dir_all(golden.parent().expect("in a folder")).map_err(|e| e.to_string())?;
        return std::fs::write(golden, png).map_err(|e| format!("cannot write {}: {e}", golden.display()));
    }
    let expected = std::fs::read(golden).map_err(|_| format!("to match {}, which does not exist yet (run with --update-snapshots to write it, then look at it)", golden.display()))?;
    let actual_file = golden.with_extension("actual.png");
    let mismatch = match wxemu_render::match_png(&expected, png, tolerance) {
        Ok(()) => return Ok(()),
        Err(mismatch) => mismatch,
    };
    let _ = std::fs::write(&actual_file, png);
    Err(match mismatch {
        wxemu_render::Mismatch::NotPng => format!("to match {}, which is not a PNG", golden.display()),
        wxemu_render::Mismatch::Size((gw, gh), (w, h)) => format!("to match {} ({gw}x{gh}), but it is {w}x{h} (actual: {})", golden.display(), actual_file.display()),
        wxemu_render::Mismatch::Pixels { differing, share, diff } => {
            let diff_file = golden.with_extension("diff.png");
            let _ = std::fs::write(&diff_file, wxemu_render::encode_png(diff));
            format!(
                "to match {}: {differing} pixels ({:.3}%) differ, tolerance {:.3}% (actual: {}, diff: {})",
                golden.display(),
                share * 100.0,
                tolerance * 100.0,
                actual_file.display(),
                diff_file.display()
            )
        }
    })
}
