//! Each built-in component's tag name is written in its own module under
//! `crates/view/src/components/` (which the registry is made from) and nowhere else in the
//! crates' sources (tests aside): the rest of wxemu reaches built-ins through the registry.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Tag names written outside their module where they are not tags (a JSON key, an event's
/// name, a media type…): file, word, how many times the file writes it, and what it is
/// there. An entry that no longer matches fails the test too, so the list stays true.
const NOT_TAGS: &[(&str, &str, usize, &str)] = &[
    ("crates/appservice/src/service.rs", "text", 1, "a console message field"),
    ("crates/core/src/view_apis/mod.rs", "view", 2, "the view APIs' JS file, view.js"),
    ("crates/build/src/less.rs", "text", 1, "a JSON field of the Less worker"),
    ("crates/core/src/bars.rs", "text", 2, "a tab bar badge or item field"),
    ("crates/core/src/draw.rs", "text", 1, "a tab bar item field"),
    ("crates/core/src/images.rs", "image", 1, "the network task kind that reads pictures"),
    ("crates/core/src/input.rs", "input", 1, "the input event"),
    ("crates/core/src/input.rs", "text", 2, "a tab bar item field"),
    ("crates/core/src/prompts/mod.rs", "icon", 1, "the showToast option"),
    ("crates/harness/src/bridge.rs", "icon", 1, "a toast prompt field"),
    ("crates/harness/src/bridge.rs", "input", 1, "the test bridge command that types"),
    ("crates/harness/src/bridge.rs", "picker", 1, "a prompt type"),
    ("crates/harness/src/bridge.rs", "text", 8, "console and command fields"),
    ("crates/view/src/components/rich_text.rs", "input", 1, "an HTML void element"),
    ("crates/view/src/components/rich_text.rs", "label", 1, "an HTML tag rich text trusts"),
    ("crates/view/src/components/rich_text.rs", "span", 3, "HTML tag and attribute names"),
    ("crates/view/src/components/rich_text.rs", "text", 2, "a rich-text text node"),
    ("crates/view/src/components/switch.rs", "checkbox", 1, "the switch type that looks like a checkbox"),
    ("crates/wx/src/media/mod.rs", "image", 3, "a media type"),
    ("crates/wx/src/media/mod.rs", "video", 3, "a media type"),
    ("crates/wx/src/network/mod.rs", "image", 2, "the network task kind that reads pictures"),
    ("crates/wx/src/network/mod.rs", "progress", 2, "a task progress field"),
    ("crates/wx/src/system.rs", "camera", 1, "an authorization scope"),
    ("crates/wx/src/apis.rs", "camera", 1, "an option of chooseMedia"),
    ("crates/wx/src/apis.rs", "text", 2, "an option of the tab bar APIs"),
    ("crates/wxml/src/dump.rs", "text", 1, "a text node in JSON dumps"),
];

/// The `.rs` files under `dir`.
fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_built_in_tag_is_written_in_its_module_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    let modules = wxemu_view::components::modules();
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        sources(&krate.path().join("src"), &mut files);
    }
    files.sort();
    // (file, tag) → the lines that write it.
    let mut written: BTreeMap<(String, &str), Vec<usize>> = BTreeMap::new();
    for file in &files {
        let name = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (number, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (module, tags) in &modules {
                if name == format!("crates/view/src/components/{module}.rs") {
                    continue;
                }
                for tag in tags.iter() {
                    // As a string of its own, or as the start of an automator function's
                    // name (`"scroll-view.scrollTo"`).
                    let times = line.matches(&format!("\"{tag}\"")).count() + line.matches(&format!("\"{tag}.")).count();
                    written.entry((name.clone(), *tag)).or_default().extend(std::iter::repeat_n(number + 1, times));
                }
            }
        }
    }
    written.retain(|_, lines| !lines.is_empty());
    let mut problems = Vec::new();
    for ((file, tag), lines) in &written {
        match NOT_TAGS.iter().find(|(f, t, _, _)| f == file && t == tag) {
            Some((_, _, times, _)) if *times == lines.len() => {}
            Some((_, _, times, what)) => problems.push(format!("{file} writes \"{tag}\" {} times (lines {lines:?}), not {times} ({what})", lines.len())),
            None => problems.push(format!("{file}:{} writes the tag \"{tag}\": move what it does into the built-in's module", lines.iter().map(usize::to_string).collect::<Vec<_>>().join(","))),
        }
    }
    for (file, tag, _, what) in NOT_TAGS {
        if !written.contains_key(&(file.to_string(), *tag)) {
            problems.push(format!("{file} no longer writes \"{tag}\" ({what}): take it off NOT_TAGS"));
        }
    }
    assert!(problems.is_empty(), "built-in tag names outside their modules:\n{}", problems.join("\n"));
}
