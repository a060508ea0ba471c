//! The fonts text is shaped with: registered explicitly (no system font discovery), so the
//! same input gives the same pixels on every machine that has the same font files.

use parley::fontique::{Blob, Collection, CollectionOptions, FontInfoOverride, SourceCache};
use parley::FontContext;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use wxemu_render::Rgba;

/// Where Debian's fonts-noto-cjk puts Noto Sans CJK (the default face, like PingFang SC on
/// an iPhone), and DejaVu Sans (fonts-dejavu-core) for symbols Noto Sans CJK lacks (✓ ✕ ☆).
pub const DEFAULT_FONT_FILES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];

/// The families used after the ones a style names, in order.
pub const DEFAULT_FAMILIES: &[&str] = &["Noto Sans CJK SC", "DejaVu Sans"];

/// Fonts, parley's shaping context, and the paragraphs shaped so far (by content and style),
/// so that a page drawn again only shapes the text that changed.
pub struct Fonts {
    pub context: FontContext,
    pub(crate) shaped: HashMap<u64, parley::Layout<Rgba>>,
}

/// How many shaped paragraphs are kept before the cache starts over.
pub(crate) const SHAPED_LIMIT: usize = 20_000;

/// A font file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read font file {path}: {source}; install Debian's fonts-noto-cjk or pass --font FILE")]
pub struct FontError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl Fonts {
    /// Registers the given font files (TTF, OTF or TTC). fontique maps each file into
    /// memory and reads only its names here; the glyphs a page uses are read when shaped.
    pub fn load(files: &[PathBuf]) -> Result<Fonts, FontError> {
        let mut collection = Collection::new(CollectionOptions { shared: false, system_fonts: false });
        for path in files {
            let not_font = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not a TrueType, OpenType or collection font");
            let mut start = [0u8; 4];
            std::io::Read::read_exact(&mut std::fs::File::open(path).map_err(|source| FontError { path: path.clone(), source })?, &mut start)
                .map_err(|_| FontError { path: path.clone(), source: not_font() })?;
            if !matches!(&start, [0, 1, 0, 0] | b"OTTO" | b"ttcf" | b"true") {
                return Err(FontError { path: path.clone(), source: not_font() });
            }
            collection.load_fonts_from_paths([path]);
        }
        Ok(Fonts { context: FontContext { collection, source_cache: SourceCache::default() }, shaped: HashMap::new() })
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

    /// The default fonts (see [`DEFAULT_FONT_FILES`]).
    pub fn load_default() -> Result<Fonts, FontError> {
        Fonts::load(&DEFAULT_FONT_FILES.iter().map(|f| Path::new(f).to_path_buf()).collect::<Vec<_>>())
    }
}

