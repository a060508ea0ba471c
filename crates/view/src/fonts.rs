//! The fonts text is shaped with: registered explicitly (no system font discovery), so the
//! same input gives the same pixels on every machine that has the same font files.

use parley::fontique::{Blob, Collection, CollectionOptions, SourceCache};
use parley::FontContext;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use wxemu_render::Rgba;
use std::sync::Arc;

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
    /// Registers the given font files (TTF, OTF or TTC).
    pub fn load(files: &[PathBuf]) -> Result<Fonts, FontError> {
        let mut collection = Collection::new(CollectionOptions { shared: false, system_fonts: false });
        for path in files {
            let data = std::fs::read(path).map_err(|source| FontError { path: path.clone(), source })?;
            collection.register_fonts(Blob::new(Arc::new(data)), None);
        }
        Ok(Fonts { context: FontContext { collection, source_cache: SourceCache::default() }, shaped: HashMap::new() })
    }

    /// The default fonts (see [`DEFAULT_FONT_FILES`]).
    pub fn load_default() -> Result<Fonts, FontError> {
        Fonts::load(&DEFAULT_FONT_FILES.iter().map(|f| Path::new(f).to_path_buf()).collect::<Vec<_>>())
    }
}
