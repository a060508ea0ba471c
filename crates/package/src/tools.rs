//! Packages wxemu takes from the npm registry on first use — less.js for the build, WeUI's
//! component library for `useExtendedLib` — installed with `npm` into the user's cache and
//! kept there.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// An npm package at a pinned version.
#[derive(Clone, Copy, Debug)]
pub struct NpmTool {
    pub name: &'static str,
    pub version: &'static str,
}

/// wxemu's cache folder: `$WXEMU_DATA_DIR/cache`, else `$XDG_CACHE_HOME/wxemu`, else
/// `~/.cache/wxemu` (none when there is no home).
pub fn user_cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("WXEMU_DATA_DIR").map(|d| d.join("cache")).or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("wxemu"))).or_else(|| var("HOME").map(|d| d.join(".cache/wxemu")))
}

/// The folder of `tool` installed in the cache, installing it first when it is not there
/// (npm's progress goes to stderr); or what to do instead.
pub fn install(tool: &NpmTool) -> Result<PathBuf, String> {
    let spec = format!("{}@{}", tool.name, tool.version);
    let instead = format!("install it in the project (npm install --save-dev {spec}), or make `npm` and the registry reachable");
    let base = user_cache_dir().ok_or_else(|| format!("wxemu has no cache folder to install {spec} in (set WXEMU_DATA_DIR); {instead}"))?.join("npm").join(&spec);
    let installed = base.join("node_modules").join(tool.name);
    if installed.join("package.json").is_file() {
        return Ok(installed);
    }
    eprintln!("wxemu: installing {spec} from the npm registry into {} (first use)…", base.display());
    // Installed beside, then renamed into place: a run that stops half way leaves nothing.
    let temp = base.with_file_name(format!("{spec}.installing{}", std::process::id()));
    std::fs::create_dir_all(&temp).map_err(|e| format!("cannot create {}: {e}; {instead}", temp.display()))?;
    let status = Command::new("npm").args(["install", "--no-audit", "--no-fund", "--no-save", "--prefix"]).arg(&temp).arg(&spec).stdin(Stdio::null()).stdout(std::io::stderr()).status();
    let outcome = match status {
        Ok(s) if s.success() => {
            std::fs::rename(&temp, &base).or_else(|e| if installed.join("package.json").is_file() { Ok(()) } else { Err(e) }).map_err(|e| format!("cannot move {spec} into {}: {e}", base.display()))
        }
        Ok(s) => Err(format!("`npm install {spec}` failed ({s}); {instead}")),
        Err(e) => Err(format!("`npm` could not be started ({e}); {instead}")),
    };
    let _ = std::fs::remove_dir_all(&temp);
    outcome.map(|()| installed)
}
