//! Stylesheets as the DevTools' compiler plugins make them: a page's or component's `x.wxss`
//! is the `x.wxss` the user wrote or, when there is none, the `x.scss` or `x.sass` beside it
//! compiled with grass (`@import`/`@use` resolved inside the package, through the sandbox),
//! or the `x.less` compiled with the official less.js (see [`crate::less`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use wxemu_package::{FileError, PackageFiles, Pos};

/// The languages a stylesheet may be written in, by extension, in the order looked for.
const SOURCES: [&str; 3] = ["scss", "sass", "less"];

/// A package's stylesheets as the view reads them, each compiled once per launch.
pub struct Styles {
    files: PackageFiles,
    compiled: RefCell<HashMap<String, Result<String, FileError>>>,
}

impl Styles {
    /// The stylesheets among a package's `files`.
    pub fn new(files: PackageFiles) -> Styles {
        Styles { files, compiled: RefCell::default() }
    }

    /// The text of stylesheet `path` (a `.wxss` path, root-relative): the file, or the
    /// Sass or Less source beside it compiled; `~pkg/file`, a file of an npm package. Other
    /// files are read as they are.
    pub fn read(&self, path: &str) -> Result<String, FileError> {
        if let Some(in_package) = path.strip_prefix('~') {
            return npm_file(&self.files, in_package);
        }
        let first = self.files.text(path);
        let Some(stem) = path.strip_suffix(".wxss").filter(|_| first == Err(FileError::Missing)) else { return first };
        let Some((source, language)) = SOURCES.iter().map(|ext| (format!("{stem}.{ext}"), *ext)).find(|(s, _)| self.files.is_file(s)) else {
            return first;
        };
        if let Some(done) = self.compiled.borrow().get(&source) {
            return done.clone();
        }
        let result = match language {
            "less" => crate::less::compile(&self.files, &source),
            _ => compile_sass(&self.files, &source),
        };
        self.compiled.borrow_mut().insert(source, result.clone());
        result
    }
}

/// `pkg/file` (`~pkg/file` in an `@import`, webpack's convention) in the `node_modules/pkg` of the package folder
/// or a folder above, confined to that package.
pub(crate) fn npm_file(files: &PackageFiles, in_package: &str) -> Result<String, FileError> {
    let mut parts = in_package.splitn(if in_package.starts_with('@') { 3 } else { 2 }, '/');
    let name: Vec<&str> = parts.by_ref().take(if in_package.starts_with('@') { 2 } else { 1 }).collect();
    let (name, rest) = (name.join("/"), parts.next().unwrap_or_default());
    if name.split('/').any(|part| part.is_empty() || part == "..") {
        return Err(FileError::Denied);
    }
    let dir = files.root().ancestors().map(|dir| dir.join("node_modules").join(&name)).find(|dir| dir.join("package.json").is_file()).ok_or(FileError::Missing)?;
    wxemu_package::sandbox::read_text(&dir, rest)
}

/// Compiles the Sass file at root-relative `path` to CSS.
pub fn compile_sass(files: &PackageFiles, path: &str) -> Result<String, FileError> {
    let fs = SassFiles(files);
    let options = grass::Options::default().fs(&fs).quiet(true);
    grass::from_path(Path::new("/").join(path), &options).map_err(|e| sass_error(path, *e))
}

/// A grass error as the build reports it: the file (the imported one when the error is
/// there), the place and what is wrong.
fn sass_error(path: &str, error: grass::Error) -> FileError {
    let shown = error.to_string();
    match error.kind() {
        grass::ErrorKind::ParseError { message, loc, .. } => FileError::Invalid {
            file: loc.file.name().trim_start_matches('/').to_string(),
            pos: Pos { line: loc.begin.line as u32 + 1, col: loc.begin.column as u32 + 1 },
            message: format!("Sass: {message}"),
        },
        _ => FileError::Invalid { file: path.to_string(), pos: Pos::START, message: format!("Sass: {shown}") },
    }
}

/// The package as grass sees it: `/` is the package root; reads go through the sandbox.
#[derive(Debug)]
struct SassFiles<'a>(&'a PackageFiles);

impl SassFiles<'_> {
    fn relative(path: &Path) -> String {
        path.to_string_lossy().trim_start_matches('/').to_string()
    }
}

impl grass::Fs for SassFiles<'_> {
    fn is_dir(&self, path: &Path) -> bool {
        self.0.is_dir(&Self::relative(path))
    }

    fn is_file(&self, path: &Path) -> bool {
        self.0.is_file(&Self::relative(path))
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        self.0.bytes(&Self::relative(path)).map_err(|e| std::io::Error::new(std::io::ErrorKind::NotFound, e.describe(&Self::relative(path))))
    }

    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        Ok(Path::new("/").join(Self::relative(path)))
    }
}
