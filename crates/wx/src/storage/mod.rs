//! `wx` storage: key → value pairs per app, kept in memory or in a file under the user's
//! data folder. Each value is stored as the framework serialized it (`{type, data}`: the
//! JavaScript type and its text), so a Date comes back a Date. The platform's limits hold:
//! 1 MB per key and 10 MB per app. The file is written whole and atomically (a temp file of
//! the process's own, fsync, rename), so a process killed mid-write leaves the old or the
//! new contents, never a mix; and under an advisory lock, with this process's changes
//! applied to what the file holds then, so two processes on one app lose neither's updates.

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
    /// A JSON value stored as the app's JS stores it (storage.js): a string as its text, any
    /// other value as its JSON with its JavaScript type.
    pub fn of_value(value: &Value) -> Item {
        let kind = match value {
            Value::String(text) => return Item { kind: "String".into(), data: text.clone() },
            Value::Null => "Null",
            Value::Bool(_) => "Boolean",
            Value::Number(_) => "Number",
            Value::Array(_) => "Array",
            Value::Object(_) => "Object",
        };
        Item { kind: kind.into(), data: value.to_string() }
    }

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
    /// What changed since the file was last written, in order.
    changes: Vec<Change>,
    /// What loading the file had to say (it could not be read and was moved aside).
    notice: Option<String>,
}

/// One change to storage, replayed on the file's contents when it is written.
#[derive(Clone, Debug)]
enum Change {
    Set(String, Item),
    Remove(String),
    Clear,
}

/// Temp files written by this process so far (each write has a name of its own).
static TEMP_FILES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn size(key: &str, item: &Item) -> usize {
    key.len() + item.data.len()
}

impl Storage {
    /// Storage that lives as long as the process (`--storage memory`).
    pub fn in_memory() -> Storage {
        Storage::default()
    }

    /// Storage kept in `file`, with what it holds already. A file that cannot be read as
    /// storage (not wxemu's, or cut short) is moved aside, never in the way of a launch; see
    /// [`Storage::take_notice`].
    pub fn on_disk(file: &Path) -> Result<Storage, String> {
        let mut storage = Storage { file: Some(file.to_path_buf()), ..Storage::default() };
        let _lock = lock(file).map_err(|e| format!("cannot lock storage {}: {e}", file.display()))?;
        match read(file) {
            Ok(items) => storage.items = items,
            Err(why) => storage.notice = Some(move_aside(file, &why)?),
        }
        Ok(storage)
    }

    /// What loading had to say, once: that the file could not be read and where it went.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
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
        self.record(Change::Set(key.to_string(), item.clone()));
        self.items.insert(key.to_string(), item);
        Ok(())
    }

    pub fn remove(&mut self, key: &str) {
        if self.items.shift_remove(key).is_some() {
            self.record(Change::Remove(key.to_string()));
        }
    }

    pub fn clear(&mut self) {
        if !self.items.is_empty() {
            self.record(Change::Clear);
        }
        self.items.clear();
    }

    /// Keeps a change for the next write (storage in memory keeps none).
    fn record(&mut self, change: Change) {
        if self.file.is_some() {
            self.changes.push(change);
        }
    }

    /// The keys, in the order they were first stored.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.items.keys().map(String::as_str)
    }

    /// Bytes stored (keys and data).
    pub fn current_size(&self) -> usize {
        self.items.iter().map(|(k, v)| size(k, v)).sum()
    }

    /// Writes the file if anything changed since the last write: under the store's lock,
    /// this process's changes are applied to what the file holds now (another process may
    /// have written it), written to a temp file of this process's own beside it, synced,
    /// then renamed over it. What the file then holds is what this storage holds.
    pub fn flush(&mut self) -> std::io::Result<()> {
        let Some(file) = self.file.clone().filter(|_| !self.changes.is_empty()) else { return Ok(()) };
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        std::fs::create_dir_all(&dir)?;
        let _lock = lock(&file)?;
        // A file another process left unreadable is replaced by ours (it was moved aside
        // when read at launch, or this process's view wins).
        let mut items = read(&file).unwrap_or_default();
        for change in self.changes.drain(..) {
            match change {
                Change::Set(key, item) => {
                    items.insert(key, item);
                }
                Change::Remove(key) => {
                    items.shift_remove(&key);
                }
                Change::Clear => items.clear(),
            }
        }
        let entries: Map<String, Value> = items.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
        let n = TEMP_FILES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let temp = file.with_extension(format!("json.{}-{n}.tmp", std::process::id()));
        let written = (|| {
            let mut out = std::fs::File::create(&temp)?;
            out.write_all(Value::Object(entries).to_string().as_bytes())?;
            out.sync_all()?;
            std::fs::rename(&temp, &file)
        })();
        if written.is_err() {
            // (The temp file may not exist; there is nothing else to undo.)
            let _ = std::fs::remove_file(&temp);
        }
        written?;
        // The rename itself is durable once the folder is synced.
        std::fs::File::open(&dir).and_then(|d| d.sync_all())?;
        self.items = items;
        Ok(())
    }

    /// Carries out storage API `api` (its `*Sync` form too) with the framework's arguments,
    /// or None when it is not a storage API.
    pub fn call(&mut self, api: &str, args: &Map<String, Value>) -> Option<Result<Map<String, Value>, Failure>> {
        let key = || args.get("key").and_then(Value::as_str).unwrap_or_default();
        let fail = |reason: String| Err(Failure::Fail(reason));
        let done = |fields: Value| {
            Ok(match fields {
                Value::Object(map) => map,
                _ => Map::new(),
            })
        };
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

/// The advisory lock on `file`'s store (on a `.lock` file beside it), held until dropped.
fn lock(file: &Path) -> std::io::Result<std::fs::File> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(file.with_extension("json.lock"))?;
    lock.lock()?;
    Ok(lock)
}

/// What `file` holds (empty when it is not there), or why it is not storage.
fn read(file: &Path) -> Result<IndexMap<String, Item>, String> {
    let text = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(IndexMap::new()),
        Err(e) => return Err(e.to_string()),
    };
    let not_storage = "it is not wxemu storage (a JSON object of {\"type\", \"data\"} entries)";
    let Ok(Value::Object(entries)) = serde_json::from_slice(&text) else { return Err(not_storage.into()) };
    entries.iter().map(|(key, value)| Item::from_json(value).map(|item| (key.clone(), item)).ok_or_else(|| not_storage.to_string())).collect()
}

/// Moves an unreadable store out of the way (to `NAME.json.unreadable-N`); says so.
fn move_aside(file: &Path, why: &str) -> Result<String, String> {
    let aside = (1..).map(|n| file.with_extension(format!("json.unreadable-{n}"))).find(|p| !p.exists()).expect("some name is free");
    std::fs::rename(file, &aside).map_err(|e| format!("storage {} cannot be read ({why}) nor moved aside: {e}", file.display()))?;
    Ok(format!("storage {} could not be read ({why}); it was moved to {} and the app starts with empty storage", file.display(), aside.display()))
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
        let mut moved = Storage::on_disk(&file).unwrap();
        assert_eq!(moved.keys().count(), 0);
        let notice = moved.take_notice().unwrap();
        assert!(notice.contains("it is not wxemu storage") && notice.contains("app.json.unreadable-1"), "{notice}");
        assert_eq!(std::fs::read_to_string(dir.join("storage/app.json.unreadable-1")).unwrap(), "{\"a\": 1}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn two_stores_on_one_file_keep_each_others_updates() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("app.json");
        let mut one = Storage::on_disk(&file).unwrap();
        let mut two = Storage::on_disk(&file).unwrap();
        one.set("a", text("1")).unwrap();
        two.set("b", text("2")).unwrap();
        one.flush().unwrap();
        two.flush().unwrap();
        two.remove("a");
        one.set("c", text("3")).unwrap();
        two.flush().unwrap();
        one.flush().unwrap();
        let back = Storage::on_disk(&file).unwrap();
        assert_eq!(back.keys().collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(one.keys().collect::<Vec<_>>(), ["b", "c"], "a write brings in the other's updates");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".tmp")).collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
