//! `wx.getFileSystemManager()`'s methods (most also as `…Sync`), saved files and zips
//! included, carried out in the app's [`Sandbox`] with the platform's errors.
//! The app's code package is readable, not writable; its own files may take 200 MB.

use crate::args::{flag, text};
use crate::files::Sandbox;
use crate::network::array_buffer;
use crate::Failure;
use base64::Engine;
use serde_json::{json, Map, Value};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The most the app's own files (USER_DATA_PATH and saved files) may take, in bytes.
pub const FILES_LIMIT: u64 = 200 * 1024 * 1024;
/// The most saved files (`saveFile`) may take, in bytes.
pub const SAVED_LIMIT: u64 = 10 * 1024 * 1024;

const LIMIT_EXCEEDED: &str = "the maximum size of the file storage limit is exceeded";

type Answer = Result<Map<String, Value>, String>;

fn done(value: Value) -> Answer {
    match value {
        Value::Object(map) => Ok(map),
        _ => Ok(Map::new()),
    }
}

/// Carries out FileSystemManager method `api` (with or without `Sync`); None when `api` is
/// not one.
pub fn call(sandbox: &mut Sandbox, api: &str, args: &Map<String, Value>) -> Option<Result<Map<String, Value>, Failure>> {
    let answer = match api.strip_suffix("Sync").unwrap_or(api) {
        "access" => access(sandbox, text(args, "path")),
        "readFile" => read_file(sandbox, args),
        "writeFile" => write_file(sandbox, args, false),
        "appendFile" => write_file(sandbox, args, true),
        "copyFile" => copy_file(sandbox, text(args, "srcPath"), text(args, "destPath")),
        "rename" => rename(sandbox, text(args, "oldPath"), text(args, "newPath")),
        "unlink" => unlink(sandbox, text(args, "filePath")),
        "mkdir" => mkdir(sandbox, text(args, "dirPath"), flag(args, "recursive")),
        "rmdir" => rmdir(sandbox, text(args, "dirPath"), flag(args, "recursive")),
        "readdir" => readdir(sandbox, text(args, "dirPath")),
        "stat" => stat(sandbox, text(args, "path"), flag(args, "recursive")),
        "saveFile" => save_file(sandbox, text(args, "tempFilePath"), args.get("filePath").and_then(Value::as_str)),
        "getSavedFileList" => saved_file_list(sandbox),
        "removeSavedFile" => remove_saved_file(sandbox, text(args, "filePath")),
        "getFileInfo" => file_info(sandbox, text(args, "filePath"), args.get("digestAlgorithm").and_then(Value::as_str).unwrap_or("md5")),
        "unzip" => unzip(sandbox, text(args, "zipFilePath"), text(args, "targetPath")),
        _ => return None,
    };
    Some(answer.map_err(Failure::Fail))
}

/// `path`'s host file, for reading (the code package too).
fn readable(sandbox: &Sandbox, path: &str) -> Result<PathBuf, String> {
    sandbox.resolve(path).map(|r| r.host)
}

/// `path`'s host file, for writing: never the code package.
fn writable(sandbox: &Sandbox, path: &str) -> Result<PathBuf, String> {
    match sandbox.resolve(path)? {
        r if r.writable => Ok(r.host),
        _ => Err(format!("permission denied, open {path}")),
    }
}

fn access(sandbox: &Sandbox, path: &str) -> Answer {
    match readable(sandbox, path)?.exists() {
        true => done(json!({})),
        false => Err(format!("no such file or directory {path}")),
    }
}

fn read_file(sandbox: &Sandbox, args: &Map<String, Value>) -> Answer {
    let path = text(args, "filePath");
    let host = readable(sandbox, path)?;
    if host.is_dir() {
        return Err(format!("illegal operation on a directory, open {path}"));
    }
    let bytes = std::fs::read(&host).map_err(|_| format!("no such file or directory, open {path}"))?;
    let start = args.get("position").and_then(Value::as_u64).unwrap_or(0) as usize;
    let length = args.get("length").and_then(Value::as_u64).map(|l| l as usize);
    if start > bytes.len() || length.is_some_and(|l| start + l > bytes.len()) {
        return Err("Invalid argument".into());
    }
    let end = length.map_or(bytes.len(), |l| start + l);
    done(json!({ "data": encode(&bytes[start..end], args.get("encoding").and_then(Value::as_str))? }))
}

fn write_file(sandbox: &Sandbox, args: &Map<String, Value>, append: bool) -> Answer {
    let path = text(args, "filePath");
    let host = writable(sandbox, path)?;
    if host.is_dir() {
        return Err(format!("illegal operation on a directory, open {path}"));
    }
    if !host.parent().is_some_and(Path::is_dir) || (append && !host.exists()) {
        return Err(format!("no such file or directory, open {path}"));
    }
    let bytes = decode(args.get("data"), args.get("encoding").and_then(Value::as_str).unwrap_or("utf8"))?;
    let replaced = if append { 0 } else { std::fs::metadata(&host).map_or(0, |m| m.len()) };
    if sandbox.used_bytes() - replaced + bytes.len() as u64 > FILES_LIMIT {
        return Err(LIMIT_EXCEEDED.into());
    }
    let written = if append {
        use std::io::Write;
        std::fs::OpenOptions::new().append(true).open(&host).and_then(|mut f| f.write_all(&bytes))
    } else {
        std::fs::write(&host, &bytes)
    };
    written.map_err(|e| format!("{e}, open {path}"))?;
    done(json!({}))
}

fn copy_file(sandbox: &Sandbox, src: &str, dest: &str) -> Answer {
    let denied = || format!("permission denied, copyFile {src} -> {dest}");
    let (from, to) = (readable(sandbox, src).map_err(|_| denied())?, writable(sandbox, dest).map_err(|_| denied())?);
    if !from.is_file() || !to.parent().is_some_and(Path::is_dir) {
        return Err(format!("no such file or directory, copyFile {src} -> {dest}"));
    }
    let size = std::fs::metadata(&from).map_or(0, |m| m.len());
    if sandbox.used_bytes() + size > FILES_LIMIT {
        return Err(LIMIT_EXCEEDED.into());
    }
    std::fs::copy(&from, &to).map_err(|e| format!("{e}, copyFile {src} -> {dest}"))?;
    done(json!({}))
}

fn rename(sandbox: &Sandbox, old: &str, new: &str) -> Answer {
    let denied = || format!("permission denied, rename {old} -> {new}");
    let (from, to) = (writable(sandbox, old).map_err(|_| denied())?, writable(sandbox, new).map_err(|_| denied())?);
    if !from.exists() || !to.parent().is_some_and(Path::is_dir) {
        return Err(format!("no such file or directory, rename {old} -> {new}"));
    }
    std::fs::rename(&from, &to).map_err(|e| format!("{e}, rename {old} -> {new}"))?;
    done(json!({}))
}

fn unlink(sandbox: &Sandbox, path: &str) -> Answer {
    let host = writable(sandbox, path)?;
    if host.is_dir() {
        return Err(format!("operation not permitted, unlink {path}"));
    }
    std::fs::remove_file(&host).map_err(|_| format!("no such file or directory {path}"))?;
    done(json!({}))
}

fn mkdir(sandbox: &Sandbox, path: &str, recursive: bool) -> Answer {
    let host = writable(sandbox, path)?;
    if host.exists() {
        return Err(format!("file already exists {path}"));
    }
    let made = if recursive { std::fs::create_dir_all(&host) } else { std::fs::create_dir(&host) };
    made.map_err(|_| format!("no such file or directory {path}"))?;
    done(json!({}))
}

fn rmdir(sandbox: &Sandbox, path: &str, recursive: bool) -> Answer {
    let host = writable(sandbox, path)?;
    if !host.is_dir() {
        return Err(format!("no such file or directory {path}"));
    }
    let mut entries = std::fs::read_dir(&host).map_err(|e| e.to_string())?.flatten().peekable();
    if entries.peek().is_some() && !recursive {
        return Err("directory not empty".into());
    }
    if sandbox.is_area_top(&host) {
        // USER_DATA_PATH itself (however it is spelled) stays; what is in it goes.
        for entry in entries {
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let gone = if is_dir { std::fs::remove_dir_all(entry.path()) } else { std::fs::remove_file(entry.path()) };
            gone.map_err(|e| e.to_string())?;
        }
    } else {
        std::fs::remove_dir_all(&host).map_err(|e| e.to_string())?;
    }
    done(json!({}))
}

fn readdir(sandbox: &Sandbox, path: &str) -> Answer {
    let host = readable(sandbox, path)?;
    if host.is_file() {
        return Err(format!("not a directory {path}"));
    }
    let entries = std::fs::read_dir(&host).map_err(|_| format!("no such file or directory {path}"))?;
    let mut files: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    done(json!({ "files": files }))
}

/// A Stats object's fields (the framework adds `isDirectory()` and `isFile()`), of the
/// entry itself (a symlink is not followed).
fn stats_of(host: &Path) -> Value {
    use std::os::unix::fs::MetadataExt;
    let Ok(m) = std::fs::symlink_metadata(host) else { return json!({ "mode": 0, "size": 0, "lastAccessedTime": 0, "lastModifiedTime": 0, "__directory": false }) };
    json!({ "mode": m.mode(), "size": if m.is_dir() { 0 } else { m.len() }, "lastAccessedTime": m.atime(), "lastModifiedTime": m.mtime(), "__directory": m.is_dir() })
}

fn stat(sandbox: &Sandbox, path: &str, recursive: bool) -> Answer {
    let host = readable(sandbox, path)?;
    if !host.exists() {
        return Err(format!("no such file or directory {path}"));
    }
    if !(recursive && host.is_dir()) {
        return done(json!({ "stats": stats_of(&host) }));
    }
    // Recursive on a folder: relative path ("/" for the folder itself) → Stats. Symlinked
    // folders are listed, not entered (they could lead out, or round in a loop).
    fn walk(dir: &Path, relative: &str, all: &mut Map<String, Value>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).into_iter().flatten().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = format!("{relative}/{}", entry.file_name().to_string_lossy());
            all.insert(name.clone(), stats_of(&entry.path()));
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                walk(&entry.path(), &name, all);
            }
        }
    }
    let mut all = Map::new();
    all.insert("/".into(), stats_of(&host));
    walk(&host, "", &mut all);
    done(json!({ "stats": all }))
}

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

fn save_file(sandbox: &mut Sandbox, temp: &str, target: Option<&str>) -> Answer {
    // Saving moves the file: it must be the app's own, never a file of the code package.
    let from = writable(sandbox, temp)?;
    if !from.is_file() {
        return Err("tempFilePath file not exist".into());
    }
    let size = std::fs::metadata(&from).map_or(0, |m| m.len());
    let saved: u64 = sandbox.saved_files().iter().map(|(_, f)| std::fs::metadata(f).map_or(0, |m| m.len())).sum();
    if saved + size > SAVED_LIMIT {
        return Err(LIMIT_EXCEEDED.into());
    }
    let path = match target {
        Some(path) => path.to_string(),
        None => sandbox.saved_path(extension(temp)),
    };
    let to = writable(sandbox, &path)?;
    // Saving moves the temp file (it is gone afterwards, as on the platform).
    std::fs::rename(&from, &to).or_else(|_| std::fs::copy(&from, &to).map(drop)).map_err(|e| e.to_string())?;
    done(json!({ "savedFilePath": path }))
}

fn saved_file_list(sandbox: &Sandbox) -> Answer {
    use std::os::unix::fs::MetadataExt;
    let list: Vec<Value> = sandbox
        .saved_files()
        .iter()
        .filter_map(|(path, host)| {
            let m = std::fs::metadata(host).ok()?;
            Some(json!({ "filePath": path, "size": m.len(), "createTime": m.mtime() }))
        })
        .collect();
    done(json!({ "fileList": list }))
}

fn remove_saved_file(sandbox: &Sandbox, path: &str) -> Answer {
    let host = writable(sandbox, path)?;
    std::fs::remove_file(&host).map_err(|_| "file not exist".to_string())?;
    done(json!({}))
}

fn file_info(sandbox: &Sandbox, path: &str, algorithm: &str) -> Answer {
    use md5::Digest;
    let bytes = std::fs::read(readable(sandbox, path)?).map_err(|_| "file not exist".to_string())?;
    let digest = match algorithm {
        "md5" => hex(&md5::Md5::digest(&bytes)),
        "sha1" => hex(&sha1::Sha1::digest(&bytes)),
        "sha256" => hex(&sha2::Sha256::digest(&bytes)),
        other => return Err(format!("parameter error: digestAlgorithm should be md5, sha1 or sha256, not {other}")),
    };
    done(json!({ "size": bytes.len(), "digest": digest }))
}

fn unzip(sandbox: &Sandbox, zip_path: &str, target: &str) -> Answer {
    let denied = || format!("permission denied, unzip {zip_path} -> {target}");
    let (from, to) = (readable(sandbox, zip_path).map_err(|_| denied())?, writable(sandbox, target).map_err(|_| denied())?);
    let file = std::fs::File::open(&from).map_err(|_| format!("no such file or directory, unzip {zip_path} -> {target}"))?;
    if !to.is_dir() {
        return Err(format!("no such file or directory, unzip {zip_path} -> {target}"));
    }
    let mut archive = zip::ZipArchive::new(file).map_err(|e| format!("unzip {zip_path}: {e}"))?;
    let total: u64 = (0..archive.len()).filter_map(|i| archive.by_index(i).ok().map(|f| f.size())).sum();
    if sandbox.used_bytes() + total > FILES_LIMIT {
        return Err(LIMIT_EXCEEDED.into());
    }
    let mut room = FILES_LIMIT.saturating_sub(sandbox.used_bytes());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        // An entry whose name climbs out of the target (`../x`, `/etc/x`) is refused.
        let name = entry.enclosed_name().ok_or_else(denied)?;
        let out = to.join(name);
        if entry.is_dir() {
            std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            continue;
        }
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        // Declared sizes can lie (a zip bomb): what is read stops at the room left.
        let mut bytes = Vec::new();
        (&mut entry).take(room + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        if bytes.len() as u64 > room {
            return Err(LIMIT_EXCEEDED.into());
        }
        room -= bytes.len() as u64;
        std::fs::write(&out, bytes).map_err(|e| e.to_string())?;
    }
    done(json!({}))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// File bytes as `encoding` gives them to the app (none: an ArrayBuffer).
fn encode(bytes: &[u8], encoding: Option<&str>) -> Result<Value, String> {
    Ok(match encoding.map(str::to_ascii_lowercase).as_deref() {
        None => array_buffer(bytes),
        Some("utf8" | "utf-8") => String::from_utf8_lossy(bytes).into_owned().into(),
        Some("base64") => base64::engine::general_purpose::STANDARD.encode(bytes).into(),
        Some("hex") => hex(bytes).into(),
        Some("ascii") => bytes.iter().map(|b| (b & 0x7f) as char).collect::<String>().into(),
        Some("latin1" | "binary") => bytes.iter().map(|b| *b as char).collect::<String>().into(),
        Some("ucs2" | "ucs-2" | "utf16le" | "utf-16le") => {
            let units: Vec<u16> = bytes.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
            String::from_utf16_lossy(&units).into()
        }
        Some(other) => return Err(format!("Invalid encoding: {other}")),
    })
}

/// What the app wrote (a string in `encoding`, or an ArrayBuffer) as bytes.
fn decode(data: Option<&Value>, encoding: &str) -> Result<Vec<u8>, String> {
    let text = match data {
        Some(Value::String(text)) => text,
        Some(Value::Object(o)) if o.contains_key("__arrayBuffer") => {
            let b64 = o["__arrayBuffer"].as_str().unwrap_or_default();
            return base64::engine::general_purpose::STANDARD.decode(b64).map_err(|_| "base64 encode error".to_string());
        }
        _ => return Err("data to write is empty".into()),
    };
    Ok(match encoding.to_ascii_lowercase().as_str() {
        "utf8" | "utf-8" => text.clone().into_bytes(),
        "base64" => base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|_| "base64 encode error".to_string())?,
        "hex" => text
            .as_bytes()
            .chunks_exact(2)
            .map(|pair| std::str::from_utf8(pair).ok().and_then(|p| u8::from_str_radix(p, 16).ok()))
            .collect::<Option<_>>()
            .ok_or_else(|| "Invalid argument".to_string())?,
        "ascii" | "latin1" | "binary" => text.chars().map(|c| c as u32 as u8).collect(),
        "ucs2" | "ucs-2" | "utf16le" | "utf-16le" => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        other => return Err(format!("Invalid encoding: {other}")),
    })
}
