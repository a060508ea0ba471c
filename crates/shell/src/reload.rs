//! Watching the project's files (notify): a change to a file the app is made of is sent to
//! the simulation as [`Command::Changed`].

use crate::simulation::Command;
use notify::{RecursiveMode, Watcher};
use std::path::Path;
use std::sync::mpsc::Sender;

/// The kinds of file a mini-program is made of.
const APP_FILES: [&str; 5] = ["wxml", "wxss", "json", "js", "wxs"];

/// Watches `project` until the returned watcher is dropped.
pub fn watch(project: &Path, commands: Sender<Command>) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if !(event.kind.is_modify() || event.kind.is_create() || event.kind.is_remove()) {
            return;
        }
        let changed: Vec<_> = event.paths.into_iter().filter(|p| is_app_file(p)).collect();
        if !changed.is_empty() {
            let _ = commands.send(Command::Changed(changed));
        }
    })?;
    watcher.watch(project, RecursiveMode::Recursive)?;
    Ok(watcher)
}

/// A file of the app, not of its tools (node_modules, .git, test files).
fn is_app_file(path: &Path) -> bool {
    let tooling = path.components().any(|c| matches!(c.as_os_str().to_str(), Some("node_modules" | ".git" | "__screenshots__")));
    let test = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".test.js"));
    let kind = path.extension().and_then(|e| e.to_str()).is_some_and(|e| APP_FILES.contains(&e));
    kind && !tooling && !test
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_s_own_files_count() {
        assert!(is_app_file(Path::new("/p/pages/index/index.wxss")));
        assert!(is_app_file(Path::new("/p/app.json")));
        assert!(!is_app_file(Path::new("/p/pages/index/index.wxss.swp")));
        assert!(!is_app_file(Path::new("/p/node_modules/x/index.js")));
        assert!(!is_app_file(Path::new("/p/tests/todo.test.js")));
        assert!(!is_app_file(Path::new("/p/images/a.png")));
    }
}
