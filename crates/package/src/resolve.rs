//! Path resolution the way the platform does it: `src` paths relative to a file or from the
//! package root, and `usingComponents` paths with `resolveAlias`, relative, absolute and
//! `miniprogram_npm` lookup for bare names.

/// Resolves `src` against the file `from_file` (both root-relative, `/`-separated): relative
/// to the file's folder, or from the package root when it starts with `/`. `..` past the
/// root stays at the root.
pub fn resolve_path(from_file: &str, src: &str) -> String {
    let mut parts: Vec<&str> = if src.starts_with('/') {
        Vec::new()
    } else {
        let mut dir: Vec<&str> = from_file.split('/').collect();
        dir.pop();
        dir
    };
    for seg in src.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Applies `resolveAlias` from app.json: a key `"@comp/*"` with value `"/components/*"`
/// rewrites `@comp/a/index` to `/components/a/index`; keys without `*` match exactly.
pub fn apply_alias(aliases: &[(String, String)], path: &str) -> Option<String> {
    aliases.iter().find_map(|(from, to)| match from.strip_suffix('*') {
        Some(prefix) => path.strip_prefix(prefix).map(|rest| to.replacen('*', rest, 1)),
        None => (path == from).then(|| to.clone()),
    })
}

/// The `miniprogram_npm/` folders a file can see, nearest first: in its own folder, then in
/// each folder above up to the package root.
fn npm_folders(from_file: &str) -> Vec<String> {
    let mut dirs: Vec<&str> = from_file.split('/').collect();
    dirs.pop();
    let mut out = Vec::new();
    loop {
        out.push(if dirs.is_empty() { "miniprogram_npm/".to_string() } else { format!("{}/miniprogram_npm/", dirs.join("/")) });
        if dirs.pop().is_none() {
            return out;
        }
    }
}

/// The candidate root-relative paths (without extension) a `usingComponents` entry may
/// name, in lookup order, for a component used from `from_file`. Each path may name the
/// component's files or a folder holding them as `index`. Relative (`./`, `../`) and
/// `/`-absolute paths are what they say; a bare path is an npm package in a
/// `miniprogram_npm` folder (walking up to the root), then a path relative to the file.
pub fn component_candidates(from_file: &str, path: &str) -> Vec<String> {
    let or_index = |p: String| [p.clone(), format!("{p}/index")];
    if path.starts_with('/') || path.starts_with('.') {
        return or_index(resolve_path(from_file, path)).into();
    }
    npm_folders(from_file).into_iter().flat_map(|npm| or_index(format!("{npm}{path}"))).chain(or_index(resolve_path(from_file, &format!("./{path}")))).collect()
}

/// The candidate files a `require(path)` in a script may load, in lookup order: relative or
/// `/`-absolute paths, with `.js` or `/index.js` added when missing; bare names are npm
/// packages in `miniprogram_npm`, then (as older base libraries allowed) relative paths.
pub fn script_candidates(from_file: &str, path: &str) -> Vec<String> {
    let with_js = |p: String| {
        if p.ends_with(".js") {
            vec![p.clone(), format!("{p}/index.js")]
        } else {
            vec![format!("{p}.js"), format!("{p}/index.js"), p]
        }
    };
    if path.starts_with('/') || path.starts_with('.') {
        return with_js(resolve_path(from_file, path));
    }
    npm_folders(from_file).into_iter().flat_map(|npm| with_js(format!("{npm}{path}"))).chain(with_js(resolve_path(from_file, path))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_from_the_file_or_the_root() {
        assert_eq!(resolve_path("pages/a/index.wxml", "../common/t.wxml"), "pages/common/t.wxml");
        assert_eq!(resolve_path("pages/a/index.wxml", "/lib/x.wxml"), "lib/x.wxml");
        assert_eq!(resolve_path("index.wxml", "./sub/c.wxml"), "sub/c.wxml");
    }

    #[test]
    fn aliases_rewrite_prefixes() {
        let aliases = vec![("@comp/*".to_string(), "/components/*".to_string()), ("util".to_string(), "/lib/util".to_string())];
        assert_eq!(apply_alias(&aliases, "@comp/card/index").as_deref(), Some("/components/card/index"));
        assert_eq!(apply_alias(&aliases, "util").as_deref(), Some("/lib/util"));
        assert_eq!(apply_alias(&aliases, "other"), None);
    }

    #[test]
    fn scripts_resolve_with_js_index_and_npm() {
        assert_eq!(script_candidates("pages/a/a.js", "../../utils/util"), ["utils/util.js", "utils/util/index.js", "utils/util"]);
        assert_eq!(script_candidates("pages/a/a.js", "/lib/x.js"), ["lib/x.js", "lib/x.js/index.js"]);
        let bare = script_candidates("pages/a.js", "dayjs");
        assert_eq!(&bare[..3], ["pages/miniprogram_npm/dayjs.js", "pages/miniprogram_npm/dayjs/index.js", "pages/miniprogram_npm/dayjs"]);
        assert_eq!(bare[3..6], ["miniprogram_npm/dayjs.js", "miniprogram_npm/dayjs/index.js", "miniprogram_npm/dayjs"]);
        assert_eq!(bare[6], "pages/dayjs.js");
    }

    #[test]
    fn bare_names_walk_up_through_miniprogram_npm() {
        assert_eq!(
            component_candidates("pages/a/index", "weui/dialog"),
            [
                "pages/a/miniprogram_npm/weui/dialog",
                "pages/a/miniprogram_npm/weui/dialog/index",
                "pages/miniprogram_npm/weui/dialog",
                "pages/miniprogram_npm/weui/dialog/index",
                "miniprogram_npm/weui/dialog",
                "miniprogram_npm/weui/dialog/index",
                "pages/a/weui/dialog",
                "pages/a/weui/dialog/index",
            ]
        );
    }

    #[test]
    fn component_paths_may_name_a_folder_holding_index() {
        assert_eq!(component_candidates("pages/a/index", "../../components/bar"), ["components/bar", "components/bar/index"]);
        assert_eq!(component_candidates("pages/a/index", "/components/bar/bar"), ["components/bar/bar", "components/bar/bar/index"]);
        assert_eq!(component_candidates("pages/a/index", "./card"), ["pages/a/card", "pages/a/card/index"]);
    }
}
