//! `wxemu compat`: the base-library features a package uses, found by reading it rather than
//! running it — `wx` members, the option keys and string values passed to them in scripts;
//! built-in components, attributes and option values in templates; app.json and page .json
//! keys — each with the version that introduced it, the guard around it, and the share of
//! users on older versions.

mod report;

use std::path::Path;
use wxemu_caniuse::{Database, Version};
use wxemu_package::{Diagnostic, Package, Pos};
use wxemu_wxml::compile::{compile_file, Interp, IrNode};

/// One use of a feature newer than the first base library.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub file: String,
    pub pos: Pos,
    pub schema: &'static str,
    pub since: Version,
    /// What guards it: the `wx.canIUse` schema or `wx` member tested around a script use,
    /// `wx:if` around a template use. None: the use runs on every version.
    pub guard: Option<String>,
}

/// What a scan found.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by file and position.
    pub findings: Vec<Finding>,
    /// Files that could not be read (they are left out of the findings).
    pub problems: Vec<Diagnostic>,
    /// Scripts and templates read.
    pub files: usize,
}

/// Scans the package's scripts and templates (not those under node_modules or
/// miniprogram_npm, which are other people's code, nor `wxemu test`'s `*.test.js` files,
/// which never run in the app).
pub fn scan(package: &Package) -> Report {
    let mut report = Report::default();
    config(package, &mut report);
    let mut files = Vec::new();
    package_files(&package.root, "", &mut files);
    files.sort();
    for path in files {
        let Some(text) = package.read(&path) else { continue };
        report.files += 1;
        if path.ends_with(".js") || path.ends_with(".ts") {
            script(&path, &text, &mut report);
        } else {
            template(package, &path, &text, &mut report);
        }
    }
    report.findings.sort_by(|a, b| (&a.file, a.pos.line, a.pos.col, a.schema).cmp(&(&b.file, b.pos.line, b.pos.col, b.schema)));
    report
}

/// The app.json keys (top level, `window`, `tabBar.custom`) and page .json keys (the page's
/// window settings) the docs give a base-library version for.
fn config(package: &Package, report: &mut Report) {
    let db = Database::get();
    let read = |path: &str| package.read(path).and_then(|text| wxemu_package::json::JsonFile::parse(path, text).ok());
    let mut add = |file: &wxemu_package::json::JsonFile, key: &str, at: usize, found: Option<(&'static str, Version)>| {
        if let Some((schema, since)) = found {
            report.findings.push(Finding { file: file.path.clone(), pos: file.key_pos(key, at).0, schema, since, guard: None });
        }
    };
    // A window setting, with its value where the docs version single values.
    let window = |key: &str, value: &serde_json::Value| {
        let path = format!("window.{key}");
        value.as_str().and_then(|v| db.config(&format!("{path}.{v}"))).or_else(|| db.config(&path))
    };
    if let Some(app) = read("app.json") {
        for (key, value) in &app.value {
            add(&app, key, 0, db.config(key));
            let object = value.as_object().into_iter().flatten();
            match key.as_str() {
                "window" => object.for_each(|(k, v)| add(&app, k, app.key_pos(key, 0).1, window(k, v))),
                "tabBar" => object.filter(|(_, v)| v.as_bool() == Some(true)).for_each(|(k, _)| add(&app, k, app.key_pos(key, 0).1, db.config(&format!("tabBar.{k}")))),
                _ => {}
            }
        }
    }
    for route in package.pages.keys() {
        if let Some(page) = read(&format!("{route}.json")) {
            page.value.iter().for_each(|(k, v)| add(&page, k, 0, window(k, v)));
        }
    }
}

/// Root-relative paths of the .js and .wxml files under `dir`.
fn package_files(root: &Path, dir: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if dir.is_empty() { name.clone() } else { format!("{dir}/{name}") };
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            if !name.starts_with('.') && name != "node_modules" && name != "miniprogram_npm" {
                package_files(root, &path, out);
            }
        } else if (name.ends_with(".js") && !name.ends_with(".test.js")) || name.ends_with(".wxml") {
            out.push(path);
        } else if name.ends_with(".ts") && !name.ends_with(".d.ts") && !root.join(dir).join(name.replace(".ts", ".js")).exists() {
            // A script written in TypeScript (the build compiles it; a `.js` beside it wins).
            out.push(path);
        }
    }
}

/// Whether `guards` cover `schema`: a guard names it or a schema it belongs to
/// (`wx.openEmbeddedMiniProgram` tested covers its options).
fn guard_for(guards: &[String], schema: &str) -> Option<String> {
    guards.iter().find(|g| schema == g.as_str() || schema.strip_prefix(g.as_str()).is_some_and(|rest| rest.starts_with('.'))).cloned()
}

/// The `wx` uses of a script, read through the build (ES modules and TypeScript compiled,
/// places mapped back to the file the user wrote).
fn script(path: &str, text: &str, report: &mut Report) {
    let db = Database::get();
    let compiled = match wxemu_build::compile_script(text, path.ends_with(".ts")) {
        Ok(compiled) => compiled,
        Err(e) => return report.problems.push(Diagnostic::error(path, e.pos, format!("SyntaxError: {}", e.message)).with_hint("fix the script where it says")),
    };
    let uses = match &compiled {
        Some(c) => wxemu_js::wx_uses(path, &c.code).map(|uses| {
            uses.into_iter()
                .map(|mut wx| {
                    let at = |pos: Pos| c.map.source_pos(pos).unwrap_or(pos);
                    wx.pos = at(wx.pos);
                    wx.options.iter_mut().for_each(|option| option.2 = at(option.2));
                    wx
                })
                .collect()
        }),
        None => wxemu_js::wx_uses(path, text),
    };
    let uses: Vec<_> = match uses {
        Ok(uses) => uses,
        Err(problem) => return report.problems.push(problem),
    };
    for wx in uses {
        // `wx.env.USER_DATA_PATH` is `env.USER_DATA_PATH` where the database knows it, else `env`.
        let Some((api, since)) = (1..=wx.members.len()).rev().find_map(|n| db.entry(&wx.members[..n].join("."))) else { continue };
        let mut add = |schema: &'static str, since: Version, pos: Pos| {
            if since > Version(1, 0, 0) {
                report.findings.push(Finding { file: path.to_string(), pos, schema, since, guard: guard_for(&wx.guards, schema) });
            }
        };
        add(api, since, wx.pos);
        for (key, value, pos) in &wx.options {
            let Some((option, since)) = db.entry(&format!("{api}.object.{key}")) else { continue };
            add(option, since, *pos);
            if let Some((value, since)) = value.as_ref().and_then(|v| db.entry(&format!("{option}.{v}"))) {
                add(value, since, *pos);
            }
        }
    }
}

fn template(package: &Package, path: &str, text: &str, report: &mut Report) {
    let mut diags = Vec::new();
    let file = compile_file(path, text, &mut diags);
    report.problems.extend(diags.into_iter().filter(Diagnostic::is_error));
    let unit = path.strip_suffix(".wxml").and_then(|p| package.pages.get(p).or_else(|| package.components.get(p)));
    let custom: Vec<&str> = unit.map(|u| u.using_components.keys().map(String::as_str).collect()).unwrap_or_default();
    let mut visit = |el: &wxemu_wxml::compile::IrElement, guarded: bool| {
        if custom.contains(&&*el.tag) {
            return;
        }
        let attrs = el.attrs.iter().map(|(name, value)| (&**name, if let Interp::Static(v) = value { Some(&**v) } else { None }));
        for (schema, since) in Database::get().element(&el.tag, attrs) {
            if since > Version(1, 0, 0) {
                report.findings.push(Finding { file: path.to_string(), pos: el.pos, schema, since, guard: guarded.then(|| "wx:if".to_string()) });
            }
        }
    };
    for node in file.nodes.iter().chain(file.templates.values().flat_map(|t| t.nodes.iter())) {
        walk(node, false, &mut visit);
    }
}

/// Every element under `node`, with whether a `wx:if`/`wx:elif` condition holds it.
fn walk(node: &IrNode, guarded: bool, visit: &mut impl FnMut(&wxemu_wxml::compile::IrElement, bool)) {
    match node {
        IrNode::Element(el) => {
            visit(el, guarded);
            el.children.iter().for_each(|c| walk(c, guarded, visit));
        }
        IrNode::If(branches) => branches.iter().for_each(|(test, n)| walk(n, guarded || test.is_some(), visit)),
        IrNode::For(each) => walk(&each.body, guarded, visit),
        IrNode::Block(nodes) => nodes.iter().for_each(|n| walk(n, guarded, visit)),
        IrNode::Text(_) | IrNode::TemplateCall { .. } | IrNode::Include { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn es_modules_and_typescript_are_read_through_the_build() {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in [
            ("app.json", r#"{ "pages": ["pages/a/a"] }"#),
            ("app.js", "App({})"),
            ("pages/a/a.wxml", "<view/>"),
            ("pages/a/a.ts", "import { size } from './size'\nconst w: number = size\nconst info = wx.getWindowInfo()\nPage({})\n"),
            ("pages/a/size.js", "export const size = 1\nexport function base() { return wx.getAppBaseInfo() }\n"),
        ] {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        let report = scan(&Package::load(dir.path()));
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let found: Vec<(String, u32, &str)> = report.findings.iter().map(|f| (f.file.clone(), f.pos.line, f.schema)).collect();
        assert_eq!(found, [("pages/a/a.ts".to_string(), 3, "getWindowInfo"), ("pages/a/size.js".to_string(), 2, "getAppBaseInfo")]);
    }
}
