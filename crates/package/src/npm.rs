//! The npm build ("构建 npm"), as wxemu does it: the packages that a project's package.json
//! names in `dependencies`, and theirs in turn, found in `node_modules`, appear as
//! `miniprogram_npm/<name>/` — a package's `miniprogram` folder (`miniprogram_dist` by
//! default) as it is, a plain JS package with an `index.js` that runs its `main` — read in
//! place, never copied into the user's folders. A `miniprogram_npm/<name>` the user built
//! with the DevTools is used as it is.
//!
//! Which package.json: with `setting.packNpmManually`, each `packNpmRelationList` entry
//! (`packageJsonPath`, and `miniprogramNpmDistDir` where its `miniprogram_npm` goes);
//! otherwise the one in the mini-program root, else the one beside project.config.json.

use crate::files::NpmPackage;
use crate::json::JsonFile;
use crate::{sandbox, Diagnostic, Pos};
use serde_json::{Map, Value};
use std::path::{Component, Path, PathBuf};

/// The npm packages laid out in the package at `root` of the project in `project_dir`, and
/// what is wrong with them (a dependency that is not installed).
pub fn lay_out(project_dir: &Path, root: &Path, setting: &Map<String, Value>, diags: &mut Vec<Diagnostic>) -> Vec<NpmPackage> {
    let mut packages: Vec<NpmPackage> = Vec::new();
    for (manifest, npm_dir) in manifests(project_dir, root, setting) {
        let Ok(text) = std::fs::read_to_string(&manifest) else { continue };
        let shown = shown_path(project_dir, &manifest);
        let Ok(file) = JsonFile::parse(&shown, text) else { continue };
        let base = manifest.parent().unwrap_or(project_dir).to_path_buf();
        let mut queue: Vec<(String, Vec<PathBuf>, Option<Pos>)> = dependencies(&file.value).into_iter().map(|name| (name.clone(), vec![base.clone()], Some(file.string_pos(&name, 0)))).collect();
        queue.reverse();
        while let Some((name, search, pos)) = queue.pop() {
            let at = format!("{npm_dir}miniprogram_npm/{name}");
            if !valid_name(&name) || packages.iter().any(|p| p.at == at) || sandbox::confine(root, &at).is_ok_and(|d| d.is_dir()) {
                continue;
            }
            let Some(dir) = search.iter().map(|s| s.join("node_modules").join(&name)).find(|d| d.join("package.json").is_file()) else {
                if let Some(pos) = pos {
                    diags.push(
                        Diagnostic::warning(&shown, pos, format!("dependency `{name}` is not installed, and there is no {at} built by the DevTools"))
                            .with_hint(format!("run `npm install` in {}", base.display())),
                    );
                }
                continue;
            };
            let own: Map<String, Value> = std::fs::read_to_string(dir.join("package.json")).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
            let folder = own.get("miniprogram").and_then(Value::as_str).unwrap_or("miniprogram_dist");
            let package = match sandbox::confine(&dir, folder) {
                Ok(mp) if mp.is_dir() => NpmPackage { name: name.clone(), at, dir: mp, main: None },
                _ => NpmPackage { name: name.clone(), at, main: Some(main_file(&dir, &own)), dir: dir.clone() },
            };
            packages.push(package);
            let inner = [dir.clone()].into_iter().chain(search.iter().cloned()).collect::<Vec<_>>();
            queue.extend(dependencies(&own).into_iter().rev().map(|d| (d, inner.clone(), None)));
        }
    }
    packages
}

/// The WeUI component library `useExtendedLib: { weui: true }` provides, as
/// `weui-miniprogram`.
pub const WEUI: crate::tools::NpmTool = crate::tools::NpmTool { name: "weui-miniprogram", version: "1.2.3" };

/// Adds the libraries app.json's `useExtendedLib` asks for (`weui`) to `packages`: the
/// project's own `weui-miniprogram` when it has one (built or in node_modules), else the one
/// wxemu installs from the npm registry into its cache on first use.
pub fn add_extended_libs(project_dir: &Path, root: &Path, use_extended_lib: Option<&Value>, packages: &mut Vec<NpmPackage>, diags: &mut Vec<Diagnostic>) {
    // `true`, or a version such as "latest".
    let wanted = match use_extended_lib.and_then(|l| l.get("weui")) {
        Some(Value::Bool(on)) => *on,
        Some(Value::String(version)) => !version.is_empty(),
        _ => false,
    };
    if !wanted {
        return;
    }
    let at = format!("miniprogram_npm/{}", WEUI.name);
    if packages.iter().any(|p| p.name == WEUI.name) || sandbox::confine(root, &at).is_ok_and(|d| d.is_dir()) {
        return;
    }
    let installed = [root, project_dir].iter().map(|d| d.join("node_modules").join(WEUI.name)).find(|d| d.join("package.json").is_file());
    match installed.map_or_else(|| crate::tools::install(&WEUI), Ok) {
        Ok(dir) => packages.push(NpmPackage { name: WEUI.name.to_string(), at, dir: dir.join("miniprogram_dist"), main: None }),
        Err(why) => diags.push(Diagnostic::error("app.json", Pos::START, format!("useExtendedLib weui: {why}")).with_hint("or install it in the project: npm install weui-miniprogram")),
    }
}

/// The package.json files to build from, each with the root-relative folder (empty, or
/// ending in `/`) its `miniprogram_npm` goes in.
fn manifests(project_dir: &Path, root: &Path, setting: &Map<String, Value>) -> Vec<(PathBuf, String)> {
    let manual = setting.get("packNpmManually").and_then(Value::as_bool) == Some(true);
    let list = setting.get("packNpmRelationList").and_then(Value::as_array);
    if let (true, Some(list)) = (manual, list) {
        return list
            .iter()
            .filter_map(|entry| {
                let manifest = lexical(&project_dir.join(entry.get("packageJsonPath")?.as_str()?));
                let dist = lexical(&project_dir.join(entry.get("miniprogramNpmDistDir").and_then(Value::as_str).unwrap_or(".")));
                let inside = dist.strip_prefix(lexical(root)).ok()?.to_string_lossy().to_string();
                Some((manifest, if inside.is_empty() { inside } else { format!("{inside}/") }))
            })
            .collect();
    }
    [root.join("package.json"), project_dir.join("package.json")].into_iter().find(|m| m.is_file()).map(|m| (m, String::new())).into_iter().collect()
}

/// The names in a package.json's `dependencies` (not `devDependencies`: the DevTools build
/// only what the app ships).
fn dependencies(manifest: &Map<String, Value>) -> Vec<String> {
    manifest.get("dependencies").and_then(Value::as_object).map(|d| d.keys().cloned().collect()).unwrap_or_default()
}

/// An npm package name: `name` or `@scope/name`, nothing that climbs folders.
fn valid_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    let plain = |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains('\\');
    match parts.as_slice() {
        [one] => plain(one) && !one.starts_with('@'),
        [scope, one] => scope.starts_with('@') && plain(scope) && plain(one),
        _ => false,
    }
}

/// A plain package's entry file (relative to its folder), from `main` as Node reads it.
fn main_file(dir: &Path, manifest: &Map<String, Value>) -> String {
    let main = manifest.get("main").and_then(Value::as_str).unwrap_or("index.js").trim_start_matches("./");
    let candidates = [main.to_string(), format!("{main}.js"), format!("{}/index.js", main.trim_end_matches('/'))];
    candidates.into_iter().find(|c| sandbox::confine(dir, c).is_ok_and(|f| f.is_file())).unwrap_or_else(|| "index.js".to_string())
}

/// `path` with `.` and `..` worked out, without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// How a diagnostic names a package.json: relative to the project folder.
fn shown_path(project_dir: &Path, manifest: &Path) -> String {
    manifest.strip_prefix(project_dir).unwrap_or(manifest).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, path: &str, text: &str) {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    #[test]
    fn dependencies_and_theirs_are_laid_out() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "package.json", r#"{"dependencies": {"ui": "1", "day": "1", "gone": "1", "built": "1"}, "devDependencies": {"tool": "1"}}"#);
        write(d, "node_modules/ui/package.json", r#"{"miniprogram": "dist", "dependencies": {"color": "1"}}"#);
        write(d, "node_modules/ui/dist/button/index.js", "");
        write(d, "node_modules/ui/node_modules/color/package.json", r#"{"main": "lib/color"}"#);
        write(d, "node_modules/ui/node_modules/color/lib/color.js", "");
        write(d, "node_modules/day/package.json", r#"{"dependencies": {"../../x": "1"}}"#);
        write(d, "node_modules/day/index.js", "");
        write(d, "node_modules/tool/package.json", "{}");
        write(d, "node_modules/built/package.json", "{}");
        write(d, "miniprogram_npm/built/index.js", "");
        let mut diags = Vec::new();
        let packages = lay_out(d, d, &Map::new(), &mut diags);
        let found: Vec<(&str, &str, Option<&str>)> = packages.iter().map(|p| (p.name.as_str(), p.at.as_str(), p.main.as_deref())).collect();
        assert_eq!(found, [("ui", "miniprogram_npm/ui", None), ("color", "miniprogram_npm/color", Some("lib/color.js")), ("day", "miniprogram_npm/day", Some("index.js"))]);
        assert_eq!(packages[0].dir, d.join("node_modules/ui/dist"));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].to_string().starts_with("package.json:1:") && diags[0].to_string().contains("`gone` is not installed"), "{}", diags[0]);
    }

    #[test]
    fn a_relation_list_says_where_miniprogram_npm_goes() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "package.json", r#"{"dependencies": {"ui": "1"}}"#);
        write(d, "node_modules/ui/package.json", "{}");
        write(d, "node_modules/ui/miniprogram_dist/a.js", "");
        let setting: Map<String, Value> =
            serde_json::from_str(r#"{"packNpmManually": true, "packNpmRelationList": [{"packageJsonPath": "./package.json", "miniprogramNpmDistDir": "./src/lib"}]}"#).unwrap();
        let packages = lay_out(d, &d.join("src"), &setting, &mut Vec::new());
        assert_eq!(packages.iter().map(|p| p.at.as_str()).collect::<Vec<_>>(), ["lib/miniprogram_npm/ui"]);
    }
}
