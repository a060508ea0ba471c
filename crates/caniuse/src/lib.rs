//! The base-library (基础库) availability database: for every schema `wx.canIUse` knows —
//! `${API}.${method}.${param}.${option}` and `${component}.${attribute}.${option}` — the
//! version that introduced it and the one that deprecated it, the released versions and
//! the share of users on each. Generated from the official typings and component docs by
//! scripts/caniuse/generate.js into data/caniuse.txt, which is embedded here.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/caniuse.txt");

/// A base-library version, e.g. 2.10.4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub u16, pub u16, pub u16);

impl Version {
    /// Parses "x.y.z" (or "x.y", which is x.y.0).
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.trim().split('.').map(|p| p.parse::<u16>().ok());
        let version = Version(parts.next()??, parts.next()??, parts.next().unwrap_or(Some(0))?);
        parts.next().is_none().then_some(version)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// A released version and the percent of users on it (where the share is known).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Release {
    pub version: Version,
    pub share: Option<f32>,
}

/// The database.
pub struct Database {
    /// Released versions, oldest first.
    releases: Vec<Release>,
    since: HashMap<&'static str, Version>,
    deprecated: HashMap<&'static str, Version>,
    /// app.json key paths (`darkmode`, `window.restartStrategy`, `tabBar.custom`).
    config: HashMap<&'static str, Version>,
    /// The generator's source line (package versions).
    pub sources: &'static str,
    /// Component attributes by (tag, name squashed): see [`Database::element`].
    attributes: OnceLock<HashMap<(&'static str, String), (&'static str, Version)>>,
}

/// An attribute name in a form both spellings reach: `open-type` and `openType` are
/// `opentype`, as templates may write either and the docs spell some in camelCase.
fn squash(name: &str) -> String {
    name.chars().filter(|&c| c != '-').map(|c| c.to_ascii_lowercase()).collect()
}

/// The categories a method's schema continues with (`showToast.object.title`): a schema
/// ending in one is the method itself.
const CATEGORIES: [&str; 4] = ["object", "success", "callback", "return"];

impl Database {
    /// The embedded database (parsed once).
    pub fn get() -> &'static Database {
        static DATABASE: OnceLock<Database> = OnceLock::new();
        DATABASE.get_or_init(|| Database::parse(DATA))
    }

    fn parse(text: &'static str) -> Database {
        let mut db = Database { releases: Vec::new(), since: HashMap::new(), deprecated: HashMap::new(), config: HashMap::new(), sources: "", attributes: OnceLock::new() };
        let mut section = "";
        for line in text.lines() {
            if let Some(sources) = line.strip_prefix("# sources: ") {
                db.sources = sources;
            } else if line.starts_with('#') || line.is_empty() {
            } else if let Some(name) = line.strip_prefix('@') {
                section = name.split('\t').next().unwrap_or("");
            } else {
                let mut fields = line.split('\t');
                let (first, second) = (fields.next().unwrap_or(""), fields.next());
                let bad = || -> Version { panic!("data/caniuse.txt: malformed line `{line}`") };
                match section {
                    "versions" => db.releases.push(Release { version: Version::parse(first).unwrap_or_else(bad), share: second.and_then(|s| s.parse().ok()) }),
                    "schemas" => drop(db.since.insert(first, second.and_then(Version::parse).unwrap_or_else(bad))),
                    "deprecated" => drop(db.deprecated.insert(first, second.and_then(Version::parse).unwrap_or_else(bad))),
                    "config" => drop(db.config.insert(first, second.and_then(Version::parse).unwrap_or_else(bad))),
                    _ => drop(bad()),
                }
            }
        }
        db
    }

    /// The schema as the database spells it, with the version that introduced it.
    pub fn entry(&self, schema: &str) -> Option<(&'static str, Version)> {
        self.since.get_key_value(schema).map(|(s, v)| (*s, *v))
    }

    /// The version that introduced `schema`; None for a schema the database does not know.
    /// `showToast.object` is `showToast`'s.
    pub fn since(&self, schema: &str) -> Option<Version> {
        if let Some(&v) = self.since.get(schema) {
            return Some(v);
        }
        let (method, last) = schema.rsplit_once('.')?;
        CATEGORIES.contains(&last).then(|| self.since.get(method).copied()).flatten()
    }

    /// `wx.canIUse(schema)` on base library `version`: known and introduced by then.
    pub fn can_i_use(&self, schema: &str, version: Version) -> bool {
        self.since(schema).is_some_and(|since| since <= version)
    }

    /// The schemas a built-in element uses, each with its version: its tag, the documented
    /// attributes it sets (in either spelling) and the documented option values it gives
    /// them. Empty for a tag the database does not know.
    pub fn element<'a>(&self, tag: &str, attrs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Vec<(&'static str, Version)> {
        let Some(own) = self.entry(tag) else { return Vec::new() };
        let index = self.attributes.get_or_init(|| {
            self.since
                .iter()
                .filter_map(|(schema, version)| {
                    let (tag, attr) = schema.split_once('.')?;
                    // Component tags are lower-case words with hyphens; API schemas continue
                    // (`request.object.url`) or are class methods, which no element has.
                    let component = tag.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                    (component && !attr.contains('.')).then(|| ((tag, squash(attr)), (*schema, *version)))
                })
                .collect()
        });
        let mut used = vec![own];
        for (name, value) in attrs {
            let Some(&(schema, since)) = index.get(&(own.0, squash(name))) else { continue };
            used.push((schema, since));
            used.extend(value.and_then(|v| self.entry(&format!("{schema}.{v}"))));
        }
        used
    }

    /// The base library that introduced an app.json key path (`darkmode`,
    /// `window.pageOrientation.landscape`, `tabBar.custom`), if the docs give one.
    pub fn config(&self, key: &str) -> Option<(&'static str, Version)> {
        self.config.get_key_value(key).map(|(k, v)| (*k, *v))
    }

    /// The version that deprecated `schema`, if one did.
    pub fn deprecated(&self, schema: &str) -> Option<Version> {
        self.deprecated.get(schema).copied()
    }

    /// Every schema the database knows, with its version (in no particular order).
    pub fn schemas(&self) -> impl Iterator<Item = (&'static str, Version)> + '_ {
        self.since.iter().map(|(s, v)| (*s, *v))
    }

    /// The released versions, oldest first.
    pub fn releases(&self) -> &[Release] {
        &self.releases
    }

    /// The newest released version.
    pub fn newest(&self) -> Version {
        self.releases.last().expect("the database lists versions").version
    }

    /// Whether `version` was released.
    pub fn is_release(&self, version: Version) -> bool {
        self.releases.binary_search_by(|r| r.version.cmp(&version)).is_ok()
    }

    /// Up to `n` released versions nearest to `version` (for "did you mean"), in order.
    pub fn nearest(&self, version: Version, n: usize) -> Vec<Version> {
        let at = self.releases.partition_point(|r| r.version < version);
        let from = at.saturating_sub(n / 2).min(self.releases.len().saturating_sub(n));
        self.releases[from..(from + n).min(self.releases.len())].iter().map(|r| r.version).collect()
    }

    /// The percent of users on versions older than `version`.
    pub fn share_below(&self, version: Version) -> f32 {
        self.releases.iter().filter(|r| r.version < version).filter_map(|r| r.share).sum()
    }
}

/// A `--sdk`/`libVersion` value checked against the released versions: the version, or a
/// message naming the nearest released ones.
pub fn released(text: &str) -> Result<Version, String> {
    let db = Database::get();
    let Some(version) = Version::parse(text) else {
        return Err(format!("`{text}` is not a base-library version (x.y.z)"));
    };
    if db.is_release(version) {
        return Ok(version);
    }
    let nearest: Vec<String> = db.nearest(version, 4).iter().map(Version::to_string).collect();
    Err(format!("base library {version} is not a released version; the nearest are {}", nearest.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(Version::parse("2.10.4"), Some(Version(2, 10, 4)));
        assert_eq!(Version::parse("3.0"), Some(Version(3, 0, 0)));
        assert_eq!(Version::parse("2.x.1"), None);
        assert_eq!(Version::parse("1.2.3.4"), None);
        assert!(Version(2, 9, 9) < Version(2, 10, 0));
    }

    #[test]
    fn the_forms_the_docs_give_are_known() {
        let db = Database::get();
        let v = |s: &str| Version::parse(s).unwrap();
        for (schema, at) in [
            ("openBluetoothAdapter", "1.1.0"),
            ("getSystemInfoSync.return.safeArea.left", "2.7.0"),
            ("showToast.object.image", "1.1.0"),
            ("showToast.object.icon.none", "1.9.0"),
            ("CameraContext.onCameraFrame", "2.7.0"),
            ("canIUse", "1.1.1"),
            ("button.open-type.contact", "1.1.0"),
        ] {
            assert_eq!(db.since(schema), Some(v(at)), "{schema}");
        }
        for schema in ["request.object.method.GET", "console.log", "live-player", "text.selectable", "onCompassChange.callback.direction", "getSystemInfo.success.screenWidth"] {
            assert!(db.can_i_use(schema, db.newest()), "{schema}");
        }
        assert_eq!(db.since("showToast.object"), db.since("showToast"));
        let names = |used: Vec<(&str, Version)>| used.into_iter().map(|(s, _)| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            names(db.element("button", [("openType", Some("contact")), ("id", Some("b")), ("size", Some("mini"))])),
            ["button", "button.open-type", "button.open-type.contact", "button.size", "button.size.mini"]
        );
        assert_eq!(names(db.element("button", [("open-type", None)])), ["button", "button.open-type"]);
        assert!(db.element("my-card", [("openType", None)]).is_empty());
        assert!(!db.can_i_use("noSuchApi", db.newest()));
        assert!(!db.can_i_use("showToast.object.noSuchField", db.newest()));
    }

    #[test]
    fn unknown_versions_are_refused_with_the_nearest_ones() {
        assert_eq!(released("2.10.4"), Ok(Version(2, 10, 4)));
        let err = released("2.10.99").unwrap_err();
        assert!(err.starts_with("base library 2.10.99 is not a released version; the nearest are 2.10."), "{err}");
        assert_eq!(released("latest").unwrap_err(), "`latest` is not a base-library version (x.y.z)");
    }
}
