//! `wx` storage: key → value pairs per app, kept in memory or in a file under the user's
//! data folder. Each value is stored as the framework serialized it (`{type, data}`: the
//! JavaScript type and its text), so a Date comes back a Date. The platform's limits hold:
//! 1 MB per key and 10 MB per app. The file is written whole and atomically (temp file,
//! fsync, rename), so a process killed mid-write leaves the old or the new contents, never
//! a mix.

use crate::Failure;
use indexmap::IndexMap;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The most one key may hold (its name and data), in bytes.
pub const ITEM_LIMIT: usize = 1024 * 1024;
/// The most one app may store, in bytes.
pub const APP_LIMIT: usize = 10 * 1024 * 1024;

/// One stored value: its JavaScript type (`String`, `Number`, `Date`, `Object`, …) and text.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: String,
    pub data: String,
}

impl Item {
    fn from_json(value: &Value) -> Option<Item> {
        Some(Item { kind: value.get("type")?.as_str()?.to_string(), data: value.get("data")?.as_str()?.to_string() })
    }

    fn to_json(&self) -> Value {
        json!({ "type": self.kind, "data": self.data })
    }
}

/// One app's storage.
#[derive(Clone, Debug, Default)]
pub struct Storage {
    items: IndexMap<String, Item>,
    /// The file it persists to (none: in memory only).
    file: Option<PathBuf>,
    /// Changed since the file was last written.
    dirty: bool,
}

fn size(key: &str, item: &Item) -> usize {
    key.len() + item.data.len()
}

impl Storage {
    /// Storage that lives as long as the process (`--storage memory`).
    pub fn in_memory() -> Storage {
        Storage::default()
    }

    /// Storage kept in `file`, with what it holds already. A file that is not storage wxemu
    /// wrote is an error (it is left as it is).
    pub fn on_disk(file: &Path) -> Result<Storage, String> {
        let mut storage = Storage { file: Some(file.to_path_buf()), ..Storage::default() };
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(storage),
            Err(e) => return Err(format!("cannot read storage {}: {e}", file.display())),
        };
        let bad = || format!("{} is not wxemu storage (a JSON object of {{\"type\", \"data\"}} entries); move it away to start empty", file.display());
        let Ok(Value::Object(entries)) = serde_json::from_str(&text) else { return Err(bad()) };
        for (key, value) in &entries {
            storage.items.insert(key.clone(), Item::from_json(value).ok_or_else(bad)?);
        }
        Ok(storage)
    }

    /// The file for the app with `appid` (or, without a real one, the project at `project`)
    /// under `data_dir`.
    pub fn file_for(data_dir: &Path, appid: Option<&str>, project: &Path) -> PathBuf {
        let name = match appid.filter(|id| id.starts_with("wx") && *id != "touristappid") {
            Some(id) => id.to_string(),
            None => {
                // FNV-1a of the project's absolute path: the same folder, the same storage.
                let path = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_path_buf());
                let hash = path.to_string_lossy().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
                format!("project-{hash:016x}")
            }
        };
        data_dir.join("storage").join(format!("{name}.json"))
    }

    pub fn get(&self, key: &str) -> Option<&Item> {
        self.items.get(key)
    }

    /// Stores `item` under `key`, unless that breaks a limit.
    pub fn set(&mut self, key: &str, item: Item) -> Result<(), String> {
        if size(key, &item) > ITEM_LIMIT {
            return Err("exceed storage item max length".into());
        }
        let others = self.current_size() - self.items.get(key).map_or(0, |old| size(key, old));
        if others + size(key, &item) > APP_LIMIT {
            return Err("exceed storage max size 10Mb".into());
        }
        self.items.insert(key.to_string(), item);
        self.dirty = true;
        Ok(())
    }

    pub fn remove(&mut self, key: &str) {
        self.dirty |= self.items.shift_remove(key).is_some();
    }

    pub fn clear(&mut self) {
        self.dirty |= !self.items.is_empty();
        self.items.clear();
    }

    /// The keys, in the order they were first stored.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.items.keys().map(String::as_str)
    }

    /// Bytes stored (keys and data).
    pub fn current_size(&self) -> usize {
        self.items.iter().map(|(k, v)| size(k, v)).sum()
    }

    /// Writes the file if anything changed since the last write: a temp file beside it,
    /// synced, then renamed over it.
    pub fn flush(&mut self) -> std::io::Result<()> {
        let Some(file) = self.file.as_ref().filter(|_| self.dirty) else { return Ok(()) };
        let entries: Map<String, Value> = self.items.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
        let dir = file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let temp = file.with_extension("json.tmp");
        let mut out = std::fs::File::create(&temp)?;
        out.write_all(Value::Object(entries).to_string().as_bytes())?;
        out.sync_all()?;
        std::fs::rename(&temp, file)?;
        // The rename itself is durable once the folder is synced.
        std::fs::File::open(dir).and_then(|d| d.sync_all())?;
        self.dirty = false;
        Ok(())
    }

    /// Carries out storage API `api` (its `*Sync` form too) with the framework's arguments,
    /// or None when it is not a storage API.
    pub fn call(&mut self, api: &str, args: &Map<String, Value>) -> Option<Result<Map<String, Value>, Failure>> {
        let key = || args.get("key").and_then(Value::as_str).unwrap_or_default();
        let fail = |reason: String| Err(Failure::Fail(reason));
        let done = |fields: Value| Ok(match fields {
            Value::Object(map) => map,
            _ => Map::new(),
        });
        Some(match api.strip_suffix("Sync").unwrap_or(api) {
            "setStorage" => match Item::from_json(args.get("data").unwrap_or(&Value::Null)) {
                Some(item) => self.set(key(), item).map_or_else(fail, |()| done(json!({}))),
                None => fail("parameter error: parameter.data should be given".into()),
            },
            "getStorage" => match self.get(key()) {
                Some(item) => done(json!({ "data": item.to_json() })),
                None if api.ends_with("Sync") => done(json!({})),
                None => fail("data not found".into()),
            },
            "removeStorage" => {
                self.remove(key());
                done(json!({}))
            }
            "clearStorage" => {
                self.clear();
                done(json!({}))
            }
            "getStorageInfo" => done(json!({
                "keys": self.keys().collect::<Vec<_>>(),
                "currentSize": self.current_size().div_ceil(1024),
                "limitSize": APP_LIMIT / 1024,
            })),
            "batchSetStorage" => {
                let list = args.get("kvList").and_then(Value::as_array).cloned().unwrap_or_default();
                let mut result = done(json!({}));
                for pair in &list {
                    let (Some(k), Some(item)) = (pair.get("key").and_then(Value::as_str), pair.get("value").and_then(Item::from_json)) else { continue };
                    if let Err(e) = self.set(k, item) {
                        result = fail(e);
                        break;
                    }
                }
                result
            }
            "batchGetStorage" => {
                let keys = args.get("keyList").and_then(Value::as_array).cloned().unwrap_or_default();
                let list: Vec<Value> = keys.iter().map(|k| k.as_str().and_then(|k| self.get(k)).map_or(Value::Null, Item::to_json)).collect();
                done(json!({ "dataList": list }))
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Item {
        Item { kind: "String".into(), data: s.into() }
    }

    #[test]
    fn limits_are_the_platforms() {
        let mut s = Storage::in_memory();
        assert_eq!(s.set("big", text(&"x".repeat(ITEM_LIMIT))).unwrap_err(), "exceed storage item max length");
        for i in 0..10 {
            s.set(&format!("k{i}"), text(&"x".repeat(ITEM_LIMIT - 2))).unwrap();
        }
        assert_eq!(s.set("more", text(&"x".repeat(1000))).unwrap_err(), "exceed storage max size 10Mb");
        s.set("k0", text("small")).expect("replacing a value frees its room");
        s.set("more", text(&"x".repeat(1000))).unwrap();
    }

    #[test]
    fn a_flushed_file_loads_back_in_order() {
        let dir = std::env::temp_dir().join(format!("wxemu-storage-{}", std::process::id()));
        let file = dir.join("storage/app.json");
        let mut s = Storage::on_disk(&file).unwrap();
        s.set("b", text("1")).unwrap();
        s.set("a", Item { kind: "Number".into(), data: "2".into() }).unwrap();
        s.flush().unwrap();
        let back = Storage::on_disk(&file).unwrap();
        assert_eq!(back.keys().collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(back.get("a").unwrap().kind, "Number");
        std::fs::write(&file, "{\"a\": 1}").unwrap();
        assert!(Storage::on_disk(&file).unwrap_err().contains("is not wxemu storage"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
