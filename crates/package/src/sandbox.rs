//! The one place where a path an app names becomes a host file. Every channel goes through
//! [`confine`]: `require`, WXML `<import>`/`<include>`/`<wxs src>`, WXSS `@import`, image
//! sources, `wx.getImageInfo` and the FileSystemManager (whose `wxfile://` areas are folders
//! of their own). A path that climbs out of its folder with `..`, or reaches a file through a
//! symlink that leads out of it (or nowhere), is refused; nothing outside can be read or
//! written through it.

use std::path::{Component, Path, PathBuf};

/// Why a file an app named could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// No such file.
    Missing,
    /// The path leads out of its folder (`..`, an absolute host path, or a symlink).
    Denied,
    /// The file is there but is not UTF-8 text; the encoding it looks like.
    NotUtf8(&'static str),
    /// The file is there but the build cannot make it runnable: the file the user wrote,
    /// the place in it and what is wrong.
    Invalid { file: String, pos: crate::Pos, message: String },
}

impl FileError {
    /// What a diagnostic about `path` says.
    pub fn describe(&self, path: &str) -> String {
        match self {
            FileError::Missing => format!("no file {path}"),
            FileError::Denied => format!("{path} leads out of the package (through `..` or a symlink): refused"),
            FileError::NotUtf8(guess) => format!("{path} is not UTF-8 ({guess}?): convert it to UTF-8"),
            FileError::Invalid { file, pos, message } => format!("{file}:{}:{}: {message} (compiling {path})", pos.line, pos.col),
        }
    }

    /// The error as a diagnostic: located in the file the user wrote when the build found
    /// it there, else at the start of `path`.
    pub fn diagnostic(&self, path: &str) -> crate::Diagnostic {
        match self {
            FileError::Invalid { file, pos, message } => crate::Diagnostic::error(file, *pos, message.clone()).with_hint("fix the file where it says"),
            other => crate::Diagnostic::error(path, crate::Pos::START, other.describe(path)),
        }
    }
}

/// The host file behind `path` (relative to `area`, `/`-separated; a leading `/` means the
/// area's top), or [`FileError::Denied`] when it would leave `area`: `..` above the top, or a
/// symlink on the way that leads out of `area` or is dangling. The file itself need not exist.
pub fn confine(area: &Path, path: &str) -> Result<PathBuf, FileError> {
    let relative = normalize(path).ok_or(FileError::Denied)?;
    let host = area.join(&relative);
    // The deepest part of the path that is there (a symlink counts, dangling or not) must
    // really be inside the area.
    let existing = host.ancestors().find(|p| p.symlink_metadata().is_ok()).unwrap_or(area);
    let real = existing.canonicalize().map_err(|_| FileError::Denied)?;
    let real_area = area.canonicalize().map_err(|_| FileError::Denied)?;
    match real.starts_with(&real_area) {
        true => Ok(host),
        false => Err(FileError::Denied),
    }
}

/// `path` as a relative path with `.` and `..` worked out; None when it climbs above its
/// start or names a drive.
pub(crate) fn normalize(path: &str) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// The bytes of the file `path` in `area`, through [`confine`]. A folder is not a file.
pub fn read_bytes(area: &Path, path: &str) -> Result<Vec<u8>, FileError> {
    let host = confine(area, path)?;
    if !host.is_file() {
        return Err(FileError::Missing);
    }
    std::fs::read(host).map_err(|_| FileError::Missing)
}

/// The text of the file `path` in `area`: UTF-8 (a byte-order mark dropped), else
/// [`FileError::NotUtf8`] with the encoding it looks like.
pub fn read_text(area: &Path, path: &str) -> Result<String, FileError> {
    text(read_bytes(area, path)?)
}

/// Bytes as UTF-8 text (a byte-order mark dropped), or which encoding they look like.
pub fn text(bytes: Vec<u8>) -> Result<String, FileError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        }),
        Err(e) => Err(FileError::NotUtf8(guess_encoding(e.as_bytes()))),
    }
}

/// What a file that is not UTF-8 is likely in: UTF-16 by its byte-order mark, GBK when its
/// high bytes come in GBK's lead/trail pairs, else Latin-1.
fn guess_encoding(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return "UTF-16";
    }
    let mut pairs = 0;
    let mut strays = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x81..=0xfe if bytes.get(i + 1).is_some_and(|b| (0x40..=0xfe).contains(b) && *b != 0x7f) => {
                pairs += 1;
                i += 2;
            }
            0x80..=0xff => {
                strays += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    if pairs > strays {
        "GBK"
    } else {
        "Latin-1"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        let area = dir.path().join("pkg");
        std::fs::create_dir_all(area.join("pages")).unwrap();
        std::fs::write(area.join("pages/a.js"), "a").unwrap();
        std::fs::write(dir.path().join("secret"), "s").unwrap();
        assert_eq!(read_text(&area, "/pages/../pages/a.js"), Ok("a".into()));
        assert_eq!(read_text(&area, "pages/b.js"), Err(FileError::Missing));
        assert_eq!(read_text(&area, "pages"), Err(FileError::Missing));
        for escape in ["../secret", "pages/../../secret", "/../secret"] {
            assert_eq!(read_text(&area, escape), Err(FileError::Denied), "{escape}");
        }
        std::os::unix::fs::symlink(dir.path(), area.join("up")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), area.join("secret.js")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone"), area.join("dangling.js")).unwrap();
        std::os::unix::fs::symlink("pages/a.js", area.join("inside.js")).unwrap();
        for escape in ["up/secret", "secret.js", "dangling.js"] {
            assert_eq!(read_text(&area, escape), Err(FileError::Denied), "{escape}");
        }
        // A link that leads back inside is followed.
        assert_eq!(read_text(&area, "inside.js"), Ok("a".into()));
        assert_eq!(read_text(&area, "up/pkg/pages/a.js"), Ok("a".into()));
    }

    #[test]
    fn text_that_is_not_utf8_says_what_it_looks_like() {
        assert_eq!(text(b"\xef\xbb\xbfok".to_vec()), Ok("ok".into()));
        assert_eq!(text(vec![0xff, 0xfe, b'a', 0]), Err(FileError::NotUtf8("UTF-16")));
        // 页面 in GBK.
        assert_eq!(text(vec![b'x', 0xd2, 0xb3, 0xc3, 0xe6]), Err(FileError::NotUtf8("GBK")));
        assert_eq!(text(b"caf\xe9".to_vec()), Err(FileError::NotUtf8("Latin-1")));
    }
}
