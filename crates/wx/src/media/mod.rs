//! The client's file choosers: `wx.chooseImage`, `wx.chooseMedia` and
//! `wx.chooseMessageFile`. The user picks files (a test or a policy names host files); they
//! are copied into the app's temp files, which is all the app ever sees of them.

use crate::account::Dialog;
use crate::files::Sandbox;
use crate::Failure;
use serde_json::{json, Map, Value};

/// The chooser dialog of `api`, if it is one.
pub fn dialog(api: &str, args: &Map<String, Value>) -> Option<Dialog> {
    let (title, what) = match api {
        "chooseImage" => ("选择图片", "图片"),
        "chooseMedia" => ("选择图片或视频", "图片或视频"),
        "chooseMessageFile" => ("选择聊天文件", "文件"),
        _ => return None,
    };
    let count = args.get("count").and_then(Value::as_u64).unwrap_or(9);
    Some(Dialog { kind: "choose", title: title.into(), content: format!("最多 {count} 个{what}"), cancel_text: "取消".into(), confirm_text: "完成".into() })
}

/// The host files in an answer: a list of paths, or one string with paths split by `;`.
fn picked(data: Option<&Value>) -> Vec<String> {
    match data {
        Some(Value::Array(paths)) => paths.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(paths)) => paths.split(';').filter(|p| !p.is_empty()).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// The result once the user chose (`confirm`, with the host files in `data`) or cancelled.
pub fn answer(files: &mut Sandbox, api: &str, args: &Map<String, Value>, confirm: bool, data: Option<&Value>) -> Result<Map<String, Value>, Failure> {
    if !confirm {
        return Err(Failure::Fail("cancel".into()));
    }
    let sources = picked(data);
    if sources.is_empty() {
        return Err(Failure::Fail(format!("{api} needs the chosen files as the answer (host paths)")));
    }
    let count = args.get("count").and_then(Value::as_u64).unwrap_or(9) as usize;
    let mut chosen = Vec::new();
    for source in sources.iter().take(count) {
        let bytes = std::fs::read(source).map_err(|e| Failure::Fail(format!("cannot read the chosen file {source}: {e}")))?;
        let name = std::path::Path::new(source).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let extension = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
        let path = files.temp_path(&extension);
        let target = files.resolve(&path).map_err(Failure::Fail)?;
        std::fs::write(&target.host, &bytes).map_err(|e| Failure::Fail(e.to_string()))?;
        chosen.push((path, bytes.len(), name, extension));
    }
    let video = |ext: &str| matches!(ext, "mp4" | "mov" | "m4v" | "webm");
    let result = match api {
        "chooseImage" => json!({
            "tempFilePaths": chosen.iter().map(|c| &c.0).collect::<Vec<_>>(),
            "tempFiles": chosen.iter().map(|(path, size, ..)| json!({ "path": path, "size": size })).collect::<Vec<_>>(),
        }),
        "chooseMedia" => {
            let files: Vec<Value> = chosen.iter().map(|(path, size, _, ext)| json!({ "tempFilePath": path, "size": size, "fileType": if video(ext) { "video" } else { "image" } })).collect();
            let kind = if chosen.iter().all(|c| video(&c.3)) {
                "video"
            } else if chosen.iter().any(|c| video(&c.3)) {
                "mix"
            } else {
                "image"
            };
            json!({ "tempFiles": files, "type": kind })
        }
        _ => json!({
            "tempFiles": chosen.iter().map(|(path, size, name, ext)| json!({ "path": path, "size": size, "name": name, "type": if video(ext) { "video" } else if matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp") { "image" } else { "file" }, "time": 0 })).collect::<Vec<_>>(),
        }),
    };
    match result {
        Value::Object(map) => Ok(map),
        _ => unreachable!("an object"),
    }
}
