//! A whole package written out as it runs (`wxemu build -o DIR`): scripts compiled, every
//! other file copied, npm packages laid out in `miniprogram_npm`.

use crate::cache::Cache;
use crate::style::Styles;
use std::path::Path;
use wxemu_package::{Diagnostic, PackageFiles};

/// Folders a package build leaves out: npm's install folder (the npm build lays packages
/// out as `miniprogram_npm`), version control, and wxemu's own.
const LEFT_OUT: [&str; 3] = ["node_modules", ".git", ".wxemu"];

/// What a package build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Scripts compiled from ES modules and TypeScript.
    pub compiled: Vec<String>,
    /// The npm packages laid out, each with where it came from.
    pub npm: Vec<String>,
    /// Files copied as they are (scripts that are already CommonJS among them).
    pub copied: usize,
    /// Files left out and why (symlinks are not followed).
    pub skipped: Vec<(String, String)>,
    /// Scripts that could not be compiled.
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes the package `files` into `out` as it runs: `x.ts` as `x.js` (unless an `x.js` is
/// beside it), ES-module `.js` as CommonJS, `x.scss`/`x.sass`/`x.less` also as `x.wxss`
/// (not Sass partials, `_x.scss`), the rest copied; its npm packages in their
/// `miniprogram_npm` folders.
pub fn build_package(files: &PackageFiles, out: &Path, cache: &Cache) -> std::io::Result<Report> {
    let mut writer = Writer { files, out, skip: out.canonicalize().ok(), cache, styles: Styles::new(files.clone()), report: Report::default() };
    writer.walk(files.root(), "", files.root())?;
    for package in files.npm() {
        let from = package.dir.strip_prefix(files.root()).unwrap_or(&package.dir).display().to_string();
        writer.walk(&package.dir, &format!("{}/", package.at), &package.dir)?;
        match package.main.as_deref() {
            Some(main) => {
                let entry = format!("{}/index.js", package.at);
                if let Ok(text) = files.text(&entry) {
                    std::fs::write(out.join(entry), text)?;
                }
                writer.report.npm.push(format!("{}: plain JS from {from}, index.js runs {main}", package.name));
            }
            None => writer.report.npm.push(format!("{}: from {from}", package.name)),
        }
    }
    Ok(writer.report)
}

/// A package build under way.
struct Writer<'a> {
    files: &'a PackageFiles,
    out: &'a Path,
    /// The output folder, when it is inside what is written.
    skip: Option<std::path::PathBuf>,
    cache: &'a Cache,
    styles: Styles,
    report: Report,
}

impl Writer<'_> {
    /// Writes the files under `dir` of the tree at host folder `top`, which the package has
    /// at root-relative `prefix` (empty, or ending in `/`).
    fn walk(&mut self, top: &Path, prefix: &str, dir: &Path) -> std::io::Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let relative = format!("{prefix}{}", path.strip_prefix(top).unwrap_or(&path).to_string_lossy().replace('\\', "/"));
            let kind = entry.file_type()?;
            if kind.is_symlink() {
                self.report.skipped.push((relative, "a symlink (not followed)".into()));
            } else if kind.is_dir() {
                let name = entry.file_name();
                if LEFT_OUT.iter().any(|n| name == *n) || self.skip.as_ref().is_some_and(|s| path.canonicalize().is_ok_and(|p| p == *s)) {
                    continue;
                }
                self.walk(top, prefix, &path)?;
            } else {
                self.write_file(&path, &relative)?;
            }
        }
        Ok(())
    }

    /// Writes the file at host `path`, root-relative `relative`.
    fn write_file(&mut self, path: &Path, relative: &str) -> std::io::Result<()> {
        let target = self.out.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let typescript = relative.ends_with(".ts") && !relative.ends_with(".d.ts");
        if let Some(stem) = [".scss", ".sass", ".less"].iter().find_map(|ext| relative.strip_suffix(ext)) {
            if !stem.rsplit('/').next().is_some_and(|name| name.starts_with('_')) {
                let wxss = format!("{stem}.wxss");
                match self.styles.read(&wxss) {
                    Ok(css) if !self.files.is_file(&wxss) => std::fs::write(self.out.join(&wxss), css)?,
                    Ok(_) => {}
                    Err(e) => self.report.diagnostics.push(e.diagnostic(&wxss)),
                }
            }
        }
        if !(typescript || relative.ends_with(".js")) {
            std::fs::copy(path, target)?;
            self.report.copied += 1;
            return Ok(());
        }
        let js = if typescript { format!("{}.js", &relative[..relative.len() - 3]) } else { relative.to_string() };
        if typescript && path.with_extension("js").exists() {
            self.report.skipped.push((relative.to_string(), format!("{js} is beside it")));
            return Ok(());
        }
        let Ok(source) = std::fs::read_to_string(path) else {
            std::fs::copy(path, target)?;
            self.report.copied += 1;
            return Ok(());
        };
        match self.cache.compile(&source, typescript) {
            Ok(Some(compiled)) => {
                std::fs::write(self.out.join(&js), compiled.code)?;
                self.report.compiled.push(relative.to_string());
            }
            Ok(None) => {
                std::fs::write(self.out.join(&js), source)?;
                self.report.copied += 1;
            }
            Err(e) => self.report.diagnostics.push(Diagnostic::error(relative, e.pos, format!("SyntaxError: {}", e.message)).with_hint("fix the script where it says")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_is_written_as_it_runs() {
        let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let write = |path: &str, text: &str| {
            let file = src.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        };
        write("app.ts", "const n: number = 1\nApp({ n })");
        write("utils/esm.js", "export const x = 1");
        write("utils/cjs.js", "module.exports = 2");
        write("pages/a/a.wxml", "<view/>");
        write("types/wx.d.ts", "declare const wx: any");
        write("node_modules/lib/index.js", "module.exports = 3");
        write("bad.ts", "let = ;");
        write("pages/a/a.scss", "@import 'vars';\n.a { .b { width: $w } }");
        write("pages/a/_vars.scss", "$w: 2px;");
        std::os::unix::fs::symlink("/etc/hostname", src.path().join("link.js")).unwrap();
        let files = PackageFiles::new(src.path().to_path_buf(), Vec::new());
        let report = build_package(&files, out.path(), &Cache::none()).unwrap();
        assert_eq!(report.compiled, ["app.ts", "utils/esm.js"]);
        let read = |path: &str| std::fs::read_to_string(out.path().join(path)).unwrap_or_default();
        assert!(read("app.js").contains("const n = 1") && read("utils/esm.js").contains("exports"), "{}", read("app.js"));
        assert_eq!(read("utils/cjs.js"), "module.exports = 2");
        assert_eq!(read("pages/a/a.wxml"), "<view/>");
        assert_eq!(read("pages/a/a.wxss"), ".a .b {\n  width: 2px;\n}\n");
        assert!(!out.path().join("pages/a/_vars.wxss").exists(), "a partial is not a stylesheet of its own");
        assert!(!out.path().join("node_modules").exists() && !out.path().join("link.js").exists());
        assert_eq!(report.skipped, [("link.js".to_string(), "a symlink (not followed)".to_string())]);
        assert_eq!(report.diagnostics.len(), 1);
        assert!(report.diagnostics[0].to_string().starts_with("bad.ts:1:"), "{}", report.diagnostics[0]);
    }
}
