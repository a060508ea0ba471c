//! The app's file sandbox: the paths a mini-program sees (`wxfile://usr/…` under
//! `wx.env.USER_DATA_PATH`, `wxfile://tmp_…` temp files, `wxfile://store_…` saved files, and
//! its own package's files, read-only) mapped onto one host folder. No path leaves it: `..`
//! that climbs out, symlinks that point out and absolute host paths are refused (by
//! [`wxemu_package::sandbox::confine`], the one place paths are confined) with the platform's
//! `permission denied`.

pub mod fs;

use std::path::{Path, PathBuf};

/// `wx.env.USER_DATA_PATH`.
pub const USER_DATA_PATH: &str = "wxfile://usr";
const TEMP_PREFIX: &str = "wxfile://tmp_";
const STORE_PREFIX: &str = "wxfile://store_";

/// Where a sandbox path lives, and whether the app may write it.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub host: PathBuf,
    pub writable: bool,
}

/// One app's files.
#[derive(Debug)]
pub struct Sandbox {
    root: PathBuf,
    package: PathBuf,
    /// The folder is ours to delete when the app ends (a headless run's temporary one).
    _owned: Option<tempfile::TempDir>,
    next_temp: u64,
    next_saved: u64,
}

impl Sandbox {
    /// A sandbox in `root` (created if missing) for the package in `package`.
    pub fn at(root: &Path, package: &Path) -> std::io::Result<Sandbox> {
        for area in ["usr", "tmp", "store"] {
            std::fs::create_dir_all(root.join(area))?;
        }
        Ok(Sandbox { root: root.canonicalize()?, package: package.to_path_buf(), _owned: None, next_temp: 0, next_saved: 0 })
    }

    /// A sandbox in a fresh temporary folder, deleted with it.
    pub fn temporary(package: &Path) -> std::io::Result<Sandbox> {
        let dir = tempfile::Builder::new().prefix("wxemu-files-").tempdir()?;
        let mut sandbox = Sandbox::at(dir.path(), package)?;
        sandbox._owned = Some(dir);
        Ok(sandbox)
    }

    /// A new temp file's sandbox path (`wxfile://tmp_N.ext`), for downloads and choosers.
    pub fn temp_path(&mut self, extension: &str) -> String {
        self.next_temp += 1;
        let extension = if extension.is_empty() { String::new() } else { format!(".{extension}") };
        format!("{TEMP_PREFIX}{}{extension}", self.next_temp)
    }

    /// A new saved file's sandbox path (`wxfile://store_N.ext`), for `saveFile`.
    pub fn saved_path(&mut self, extension: &str) -> String {
        self.next_saved += 1;
        while self.root.join("store").join(self.next_saved.to_string()).with_extension(extension).exists() {
            self.next_saved += 1;
        }
        let extension = if extension.is_empty() { String::new() } else { format!(".{extension}") };
        format!("{STORE_PREFIX}{}{extension}", self.next_saved)
    }

    /// The saved files (`wx.getSavedFileList`): sandbox path and host file, by name.
    pub fn saved_files(&self) -> Vec<(String, PathBuf)> {
        let mut files: Vec<(String, PathBuf)> =
            std::fs::read_dir(self.root.join("store")).into_iter().flatten().flatten().map(|e| (format!("{STORE_PREFIX}{}", e.file_name().to_string_lossy()), e.path())).collect();
        files.sort();
        files
    }

    /// The bytes the app's own files take (`USER_DATA_PATH` and saved files).
    pub fn used_bytes(&self) -> u64 {
        fn size(path: &Path) -> u64 {
            match std::fs::symlink_metadata(path) {
                Ok(m) if m.is_dir() => std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| size(&e.path())).sum(),
                Ok(m) => m.len(),
                Err(_) => 0,
            }
        }
        size(&self.root.join("usr")) + size(&self.root.join("store"))
    }

    /// The host file behind sandbox path `path`, or the platform's reason it is refused
    /// (`permission denied, open <path>`).
    pub fn resolve(&self, path: &str) -> Result<Resolved, String> {
        let denied = || format!("permission denied, open {path}");
        let (area, rest, writable) = if let Some(rest) = path.strip_prefix(USER_DATA_PATH) {
            if !(rest.is_empty() || rest.starts_with('/')) {
                return Err(denied());
            }
            (self.root.join("usr"), rest, true)
        } else if let Some(name) = path.strip_prefix(TEMP_PREFIX) {
            (self.root.join("tmp"), name, true)
        } else if let Some(name) = path.strip_prefix(STORE_PREFIX) {
            (self.root.join("store"), name, true)
        } else if path.contains("://") {
            return Err(denied());
        } else {
            (self.package.clone(), path, false)
        };
        let host = wxemu_package::sandbox::confine(&area, rest).map_err(|_| denied())?;
        Ok(Resolved { host, writable })
    }

    /// Whether `host` is the top of one of the app's areas (`USER_DATA_PATH` itself), which
    /// stays when what is in it is removed.
    pub fn is_area_top(&self, host: &Path) -> bool {
        ["usr", "tmp", "store"].iter().any(|area| same_file(&self.root.join(area), host))
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_their_area() {
        let package = tempfile::tempdir().unwrap();
        std::fs::write(package.path().join("app.json"), "{}").unwrap();
        let sandbox = Sandbox::temporary(package.path()).unwrap();
        let usr = sandbox.resolve("wxfile://usr/a/../b.txt").unwrap();
        assert!(usr.writable && usr.host.ends_with("usr/b.txt"));
        let code = sandbox.resolve("/app.json").unwrap();
        assert!(!code.writable && code.host == package.path().join("app.json"));
        for escape in ["wxfile://usr/../tmp/x", "wxfile://usr/../../etc/passwd", "../outside", "wxfile://usrx", "file:///etc/passwd", "wxfile://tmp_../../x"] {
            assert_eq!(sandbox.resolve(escape), Err(format!("permission denied, open {escape}")), "{escape}");
        }
        std::os::unix::fs::symlink("/etc", sandbox.root.join("usr/link")).unwrap();
        assert!(sandbox.resolve("wxfile://usr/link/passwd").is_err());
        assert!(sandbox.resolve("wxfile://usr/link").is_err());
    }
}
