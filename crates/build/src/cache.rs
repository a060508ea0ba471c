//! Compiled scripts on disk, by the hash of what was compiled: a file compiled once is read
//! back on every later launch, whatever project or path it sits at.

use crate::script::{compile_script, may_compile, CompileError, Compiled, LineMap};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use wxemu_package::Pos;

/// Bumped when the compiled output changes for the same source.
const FORMAT: &str = "wxemu-build 3 swc_core 83";

/// Where compiled results are kept (none: compiled on every read).
#[derive(Clone, Debug, Default)]
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// A cache in `dir` (created when first written).
    pub fn at(dir: PathBuf) -> Cache {
        Cache { dir: Some(dir) }
    }

    /// No cache.
    pub fn none() -> Cache {
        Cache { dir: None }
    }

    /// The user's cache: `build` in [`wxemu_package::tools::user_cache_dir`].
    pub fn user() -> Cache {
        Cache { dir: wxemu_package::tools::user_cache_dir().map(|d| d.join("build")) }
    }

    /// [`compile_script`], from the cache when it was compiled before.
    pub fn compile(&self, source: &str, typescript: bool) -> Result<Option<Compiled>, CompileError> {
        if !may_compile(source, typescript) {
            return Ok(None);
        }
        let Some(dir) = &self.dir else { return compile_script(source, typescript) };
        let mut hash = Sha256::new();
        hash.update(FORMAT);
        hash.update([u8::from(typescript)]);
        hash.update(source);
        let name: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let (code_file, map_file) = (dir.join(format!("{name}.js")), dir.join(format!("{name}.map")));
        if let (Ok(code), Ok(map)) = (std::fs::read_to_string(&code_file), std::fs::read_to_string(&map_file)) {
            return Ok(match map.as_str() {
                "as written" => None,
                map => Some(Compiled { code, map: read_map(map) }),
            });
        }
        let compiled = compile_script(source, typescript)?;
        let (code, map) = match &compiled {
            Some(c) => (c.code.as_str(), write_map(&c.map)),
            None => ("", "as written".to_string()),
        };
        // A cache that cannot be written only costs time.
        let _ = std::fs::create_dir_all(dir).and_then(|()| write_atomically(&code_file, code)).and_then(|()| write_atomically(&map_file, &map));
        Ok(compiled)
    }
}

/// Writes through a temporary file of this process, renamed into place.
fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(temp, path)
}

/// One `line col source_line source_col` per mapped place.
fn write_map(map: &LineMap) -> String {
    map.0.iter().map(|(at, source)| format!("{} {} {} {}\n", at.line, at.col, source.line, source.col)).collect()
}

fn read_map(text: &str) -> LineMap {
    let place = |line: &str| {
        let n: Vec<u32> = line.split(' ').filter_map(|n| n.parse().ok()).collect();
        (n.len() == 4).then(|| (Pos { line: n[0], col: n[1] }, Pos { line: n[2], col: n[3] }))
    };
    LineMap(text.lines().filter_map(place).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compiled_script_is_read_back_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("build"));
        let first = cache.compile("export const a: number = 1", true).unwrap();
        assert_eq!(std::fs::read_dir(dir.path().join("build")).unwrap().count(), 2, "the code and its map");
        for entry in std::fs::read_dir(dir.path().join("build")).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "js") {
                std::fs::write(entry.path(), "exports.a = 'from the cache'").unwrap();
            }
        }
        let again = cache.compile("export const a: number = 1", true).unwrap().unwrap();
        assert_eq!(again.code, "exports.a = 'from the cache'");
        assert_eq!(again.map, first.unwrap().map);
        assert_eq!(cache.compile("export const a = 1", false).unwrap().map(|c| c.code.contains("exports")), Some(true), "JavaScript is another entry");
    }
}
