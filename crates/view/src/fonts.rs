//! The fonts text is shaped with: registered explicitly (no system font discovery), so the
//! same input gives the same pixels on every machine that has the same font files.

use parley::fontique::{Blob, Collection, CollectionOptions, FontInfoOverride, SourceCache};
use parley::FontContext;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use wxemu_render::Rgba;

/// The default faces of one kind of desktop: where its files are (from the file system's
/// root; the first must be there, the others are used when they are) and their families,
/// in the order text falls back to them.
#[derive(Debug)]
pub struct DefaultFaces {
    pub desktop: &'static str,
    pub files: &'static [&'static str],
    pub families: &'static [&'static str],
}

/// The default faces on each kind of desktop, the first kind found wins: the CJK face a
/// phone shows (PingFang SC on an iPhone) and its bold, a face for the symbols it lacks
/// (✓ ✕ ☆) and colour emoji. CI and the visual suite use Debian's, so pictures are the same
/// from run to run.
pub const DEFAULT_FACES: &[DefaultFaces] = &[
    DefaultFaces {
        desktop: "Debian (fonts-noto-cjk, fonts-dejavu-core, fonts-noto-color-emoji)",
        files: &[
            "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
            "usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
        ],
        families: &["Noto Sans CJK SC", "Noto Color Emoji", "DejaVu Sans"],
    },
    DefaultFaces {
        desktop: "macOS",
        files: &["System/Library/Fonts/PingFang.ttc", "System/Library/Fonts/Apple Symbols.ttf", "System/Library/Fonts/Apple Color Emoji.ttc"],
        families: &["PingFang SC", "Apple Color Emoji", "Apple Symbols"],
    },
    DefaultFaces {
        desktop: "Windows",
        files: &["Windows/Fonts/msyh.ttc", "Windows/Fonts/msyhbd.ttc", "Windows/Fonts/seguisym.ttf", "Windows/Fonts/seguiemj.ttf"],
        families: &["Microsoft YaHei", "Segoe UI Emoji", "Segoe UI Symbol"],
    },
];

/// The default faces found under `root` (the file system's root, or a test's folder), with
/// their files that are there.
pub fn default_faces(root: &Path) -> Result<(&'static DefaultFaces, Vec<PathBuf>), FontError> {
    let faces = DEFAULT_FACES.iter().find(|faces| root.join(faces.files[0]).is_file()).ok_or(FontError::NoDefaults)?;
    Ok((faces, faces.files.iter().map(|f| root.join(f)).filter(|f| f.is_file()).collect()))
}

/// Fonts, parley's shaping context, the families text falls back to, and the paragraphs
/// shaped so far (by content and style), so that a page drawn again only shapes the text
/// that changed.
pub struct Fonts {
    pub context: FontContext,
    /// The families of the files loaded, in order: used after the ones a style names.
    pub(crate) fallback: Vec<String>,
    pub(crate) shaped: HashMap<u64, parley::Layout<Rgba>>,
}

/// How many shaped paragraphs are kept before the cache starts over.
pub(crate) const SHAPED_LIMIT: usize = 20_000;

/// Fonts that cannot be had.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("cannot read font file {path}: {source}; give a TTF, OTF or TTC file with --font FILE")]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error(
        "no fonts to draw text with: install Debian's fonts-noto-cjk and fonts-dejavu-core (apt-get install fonts-noto-cjk fonts-dejavu-core fonts-noto-color-emoji), use macOS (PingFang SC) or Windows (Microsoft YaHei), or pass --font FILE"
    )]
    NoDefaults,
}

impl Fonts {
    /// Registers the given font files (TTF, OTF or TTC). fontique maps each file into
    /// memory and reads only its names here; the glyphs a page uses are read when shaped.
    pub fn load(files: &[PathBuf]) -> Result<Fonts, FontError> {
        let mut collection = Collection::new(CollectionOptions { shared: false, system_fonts: false });
        for path in files {
            let unreadable = |source| FontError::Unreadable { path: path.clone(), source };
            let not_font = || unreadable(std::io::Error::new(std::io::ErrorKind::InvalidData, "not a TrueType, OpenType or collection font"));
            let mut start = [0u8; 4];
            std::io::Read::read_exact(&mut std::fs::File::open(path).map_err(unreadable)?, &mut start).map_err(|_| not_font())?;
            if !matches!(&start, [0, 1, 0, 0] | b"OTTO" | b"ttcf" | b"true") {
                return Err(not_font());
            }
            collection.load_fonts_from_paths([path]);
        }
        // Text falls back to the families of the files, a default face's first (Noto Sans
        // CJK SC before the other CJK families of its collection).
        let mut fallback: Vec<String> = collection.family_names().map(str::to_string).collect();
        let known = |name: &String| DEFAULT_FACES.iter().flat_map(|f| f.families).position(|f| f == name).unwrap_or(usize::MAX);
        fallback.sort_by_key(known);
        Ok(Fonts { context: FontContext { collection, source_cache: SourceCache::default() }, fallback, shaped: HashMap::new() })
    }

    /// The default fonts of this machine (see [`DEFAULT_FACES`]).
    pub fn load_default() -> Result<Fonts, FontError> {
        let (_, files) = default_faces(Path::new(if cfg!(windows) { "C:\\" } else { "/" }))?;
        Fonts::load(&files)
    }

    /// Adds a font from an `@font-face` rule under its `font-family` name: TrueType or OpenType
    /// data, or WOFF or WOFF2 (decompressed here).
    pub fn add_face(&mut self, family: &str, data: Vec<u8>) -> Result<(), String> {
        let data = match data.get(..4) {
            Some(b"wOFF") => wuff::decompress_woff1(&data).map_err(|e| format!("a damaged WOFF font ({e:?})"))?,
            Some(b"wOF2") => wuff::decompress_woff2(&data).map_err(|e| format!("a damaged WOFF2 font ({e:?})"))?,
            _ => data,
        };
        let info = FontInfoOverride { family_name: Some(family), ..FontInfoOverride::default() };
        let added = self.context.collection.register_fonts(Blob::new(Arc::new(data)), Some(info));
        if added.is_empty() {
            return Err("not a TrueType, OpenType, WOFF or WOFF2 font".into());
        }
        // Text shaped before may now have this family.
        self.shaped.clear();
        Ok(())
    }
}
