//! The DevTools' compile step, as wxemu runs it: what the user wrote becomes what the
//! platform runs. Scripts written as ES modules or in TypeScript become the platform's
//! CommonJS (swc: types stripped, `import`/`export` to `require`/`exports` with Babel's
//! interop, helpers inlined), each with a [`LineMap`] back to the file the user wrote, so
//! errors name `pages/a/a.ts:12:5`. Results are cached on disk by content hash.
//!
//! [`Scripts`] is how the logic layer reads a package's scripts through it: `x.js` is the
//! user's `x.js` (compiled when it is a module) or, when there is none, `x.ts`.
//! [`build_package`] writes a whole package out as it runs (`wxemu build`).

mod cache;
mod less;
mod package;
mod script;
mod style;

pub use cache::Cache;
pub use package::{build_package, Report};
pub use script::{compile_script, CompileError, Compiled, LineMap};
pub use style::{compile_sass, Styles};

use std::cell::RefCell;
use std::collections::HashMap;
use wxemu_package::{FileError, PackageFiles, Pos};

/// The files a script may require as assets (see [`Scripts::read`]).
const ASSET_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// A package's scripts as the platform runs them, read through the build.
pub struct Scripts {
    files: PackageFiles,
    cache: Cache,
    /// Compiled files by the path they run as (the module system reads a file once to find
    /// it and once to run it: the second read takes the first one's result).
    compiled: RefCell<HashMap<String, Built>>,
}

/// A script compiled for this package: the file the user wrote, its text, the result.
struct Built {
    source_path: String,
    source: String,
    compiled: Compiled,
}

impl Scripts {
    /// The scripts among a package's `files`, compiled results kept in `cache`.
    pub fn new(files: PackageFiles, cache: Cache) -> Scripts {
        Scripts { files, cache, compiled: RefCell::default() }
    }

    /// The script at root-relative `path` as it runs: a `.js` file that is an ES module
    /// compiled to CommonJS, or for a `.js` path with no file the `.ts` beside it, compiled;
    /// an image, a module naming it.
    pub fn read(&self, path: &str) -> Result<String, FileError> {
        if let Some(module) = self.asset_module(path) {
            return module;
        }
        let (source_path, source, typescript) = match self.files.text(path) {
            Ok(text) => (path.to_string(), text, path.ends_with(".ts")),
            Err(FileError::Missing) if path.ends_with(".js") => {
                let ts = format!("{}.ts", &path[..path.len() - 3]);
                let text = self.files.text(&ts)?;
                (ts, text, true)
            }
            Err(e) => return Err(e),
        };
        if !path.ends_with(".js") && !path.ends_with(".ts") {
            return Ok(source);
        }
        let key = path.trim_start_matches('/').to_string();
        if let Some(built) = self.compiled.borrow().get(&key).filter(|b| b.source == source) {
            return Ok(built.compiled.code.clone());
        }
        match self.cache.compile(&source, typescript) {
            Ok(None) => Ok(source),
            Ok(Some(compiled)) => {
                let code = compiled.code.clone();
                self.compiled.borrow_mut().insert(key, Built { source_path, source, compiled });
                Ok(code)
            }
            Err(e) => Err(FileError::Invalid { file: source_path, pos: e.pos, message: e.message }),
        }
    }

    /// An image a script requires (`require('./icon.png').default`, as projects built with
    /// webpack's asset modules write): a module whose `default` is the image's path from
    /// the package root. None for other files.
    fn asset_module(&self, path: &str) -> Option<Result<String, FileError>> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        if !ASSET_EXTENSIONS.contains(&extension.as_str()) {
            return None;
        }
        let root_path = format!("/{}", path.trim_start_matches('/'));
        Some(match self.files.is_file(path) {
            true => Ok(format!("module.exports = {{ __esModule: true, default: {root_path:?} }};\n")),
            false => Err(FileError::Missing),
        })
    }

    /// Where `pos` of compiled file `file` came from: the file the user wrote and the place
    /// in it; `None` for files that ran as written.
    pub fn locate(&self, file: &str, pos: Pos) -> Option<(String, Pos)> {
        let compiled = self.compiled.borrow();
        let built = compiled.get(file.trim_start_matches('/'))?;
        Some((built.source_path.clone(), built.compiled.map.source_pos(pos).unwrap_or(Pos::START)))
    }
}
