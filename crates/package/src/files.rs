//! A package's files as the platform sees them: the mini-program folder, plus the npm
//! packages that the npm build ("构建 npm") lays out as `miniprogram_npm/<name>/`, read in
//! place from `node_modules` (see [`crate::npm`]). Every read goes through
//! [`sandbox::confine`]: a path names a file inside the package folder, or inside the one
//! npm package folder its `miniprogram_npm/<name>/` prefix stands for.

use crate::sandbox::{self, FileError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An npm package as the npm build lays it out.
#[derive(Clone, Debug, PartialEq)]
pub struct NpmPackage {
    /// Its name in `node_modules` (`@vant/weapp`, `dayjs`).
    pub name: String,
    /// The root-relative folder it appears in: `miniprogram_npm/<name>`.
    pub at: String,
    /// The host folder whose files appear there: the package's `miniprogram` folder
    /// (`miniprogram_dist` unless its package.json says otherwise), or for a plain JS package
    /// the package itself.
    pub dir: PathBuf,
    /// For a plain JS package, its `main` (relative to `dir`), which `index.js` runs.
    pub main: Option<String>,
}

impl NpmPackage {
    /// The `index.js` a plain JS package gets when its `main` is another file: it runs `main`.
    fn entry(&self, rest: &str) -> Option<String> {
        let main = self.main.as_deref().filter(|m| *m != "index.js")?;
        (rest == "index.js").then(|| format!("module.exports = require('./{main}');\n"))
    }
}

/// The files of a package: its folder on disk and the npm packages laid out in it.
#[derive(Clone, Debug)]
pub struct PackageFiles {
    root: PathBuf,
    npm: Arc<[NpmPackage]>,
}

impl PackageFiles {
    /// The files of the package folder `root` with `npm` packages laid out in it.
    pub fn new(root: PathBuf, npm: Vec<NpmPackage>) -> PackageFiles {
        PackageFiles { root, npm: npm.into() }
    }

    /// The package folder on disk.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The npm packages laid out in the package.
    pub fn npm(&self) -> &[NpmPackage] {
        &self.npm
    }

    /// Where root-relative `path` is: in an npm package (the package and the path inside
    /// it) or in the package folder.
    fn locate(&self, path: &str) -> Result<Option<(&NpmPackage, String)>, FileError> {
        let normal = sandbox::normalize(path).ok_or(FileError::Denied)?;
        let normal = normal.to_string_lossy();
        Ok(self.npm.iter().find_map(|p| {
            let rest = normal.strip_prefix(p.at.as_str())?;
            (rest.is_empty() || rest.starts_with('/')).then(|| (p, rest.trim_start_matches('/').to_string()))
        }))
    }

    /// The bytes of root-relative file `path`, through the sandbox.
    pub fn bytes(&self, path: &str) -> Result<Vec<u8>, FileError> {
        match self.locate(path)? {
            Some((package, rest)) => match package.entry(&rest) {
                Some(entry) => Ok(entry.into_bytes()),
                None => sandbox::read_bytes(&package.dir, &rest),
            },
            None => sandbox::read_bytes(&self.root, path),
        }
    }

    /// The text of root-relative file `path` (UTF-8), through the sandbox.
    pub fn text(&self, path: &str) -> Result<String, FileError> {
        sandbox::text(self.bytes(path)?)
    }

    /// Whether root-relative `path` is a folder.
    pub fn is_dir(&self, path: &str) -> bool {
        self.host(path).is_some_and(|h| h.is_dir())
    }

    /// Whether root-relative `path` is a file.
    pub fn is_file(&self, path: &str) -> bool {
        matches!(self.locate(path), Ok(Some((package, rest))) if package.entry(&rest).is_some()) || self.host(path).is_some_and(|h| h.is_file())
    }

    /// The host path behind root-relative `path`, when it stays inside its folder.
    fn host(&self, path: &str) -> Option<PathBuf> {
        match self.locate(path).ok()? {
            Some((package, rest)) => sandbox::confine(&package.dir, &rest).ok(),
            None => sandbox::confine(&self.root, path).ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_packages_appear_in_miniprogram_npm_and_stay_confined() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        };
        write("app/app.js", "App({})");
        write("node_modules/ui/dist/button/index.js", "Component({})");
        write("node_modules/day/lib/day.js", "module.exports = 1");
        write("node_modules/secret", "s");
        let npm = vec![
            NpmPackage { name: "ui".into(), at: "miniprogram_npm/ui".into(), dir: dir.path().join("node_modules/ui/dist"), main: None },
            NpmPackage { name: "day".into(), at: "miniprogram_npm/day".into(), dir: dir.path().join("node_modules/day"), main: Some("lib/day.js".into()) },
        ];
        let files = PackageFiles::new(dir.path().join("app"), npm);
        assert_eq!(files.text("app.js"), Ok("App({})".into()));
        assert_eq!(files.text("/miniprogram_npm/ui/button/index.js"), Ok("Component({})".into()));
        assert_eq!(files.text("miniprogram_npm/day/index.js"), Ok("module.exports = require('./lib/day.js');\n".into()));
        assert!(files.is_file("miniprogram_npm/day/index.js") && files.is_file("miniprogram_npm/day/lib/day.js"));
        assert!(!files.is_file("miniprogram_npm/ui/button/index.wxml"));
        std::os::unix::fs::symlink(dir.path().join("node_modules/secret"), dir.path().join("node_modules/ui/dist/link")).unwrap();
        for escape in ["miniprogram_npm/ui/link", "../node_modules/secret", "miniprogram_npm/ui/../../../node_modules/secret"] {
            assert_eq!(files.text(escape), Err(FileError::Denied), "{escape}");
        }
        // `..` is worked out first: this names the package folder's own `miniprogram_npm/secret`.
        assert_eq!(files.text("miniprogram_npm/day/../secret"), Err(FileError::Missing));
    }
}
