//! The fonts text is shaped with: registered explicitly (no system font discovery), so the
//! same input gives the same pixels on every machine that has the same font files.

use parley::fontique::{Blob, Collection, CollectionOptions, FontInfoOverride, FontStyle, FontWeight, FontWidth, SourceCache};
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
    /// Device pixels per CSS px: the grid line metrics are rounded to.
    pixel_ratio: f32,
    /// Line metrics found so far, by the families named, weight, slant and size.
    metrics: HashMap<(u64, u16, bool, u32), LineMetrics>,
}

/// A face's vertical metrics at a size, as a line of `line-height: normal` takes them: each
/// rounded to whole device pixels, as Blink rounds them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineMetrics {
    pub ascent: f32,
    pub descent: f32,
    pub line_gap: f32,
}

impl LineMetrics {
    /// `line-height: normal`.
    pub fn line_height(&self) -> f32 {
        self.ascent + self.descent + self.line_gap
    }
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
        Ok(Fonts { context: FontContext { collection, source_cache: SourceCache::default() }, fallback, shaped: HashMap::new(), pixel_ratio: 1.0, metrics: HashMap::new() })
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
        self.metrics.clear();
        Ok(())
    }

    /// Lays text out from now on for a screen of `ratio` device pixels per CSS px.
    pub fn set_pixel_ratio(&mut self, ratio: f32) {
        if ratio != self.pixel_ratio {
            self.pixel_ratio = ratio;
            self.shaped.clear();
            self.metrics.clear();
        }
    }

    /// The line metrics of text in `families` (then the fallback ones) at `weight`, `italic`
    /// and `size` px: those of the first family that is there (the primary font, whose
    /// metrics a browser's `line-height: normal` takes), matched by weight and slant.
    pub fn line_metrics(&mut self, families: &[String], weight: u16, italic: bool, size: f32) -> LineMetrics {
        // Looked up by the families named (the fallbacks are the same for every style), so a
        // style met before costs no search of the collection.
        let mut named = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(families, &mut named);
        let key = (std::hash::Hasher::finish(&named), weight, italic, size.to_bits());
        if let Some(metrics) = self.metrics.get(&key) {
            return *metrics;
        }
        let ratio = self.pixel_ratio;
        let device = |px: f32| (px * ratio).round() / ratio;
        let collection = &mut self.context.collection;
        let family = families.iter().chain(&self.fallback).find_map(|name| collection.family_by_name(name));
        let slant = if italic { FontStyle::Italic } else { FontStyle::Normal };
        let font = family.as_ref().and_then(|f| f.match_font(FontWidth::NORMAL, slant, FontWeight::new(weight as f32), true));
        let blob = font.and_then(|f| Some((f.load(Some(&mut self.context.source_cache))?, f.index())));
        let metrics = blob
            .and_then(|(blob, index)| {
                let face = skrifa::FontRef::from_index(blob.as_ref(), index).ok()?;
                let m = skrifa::MetadataProvider::metrics(&face, skrifa::instance::Size::new(size), skrifa::instance::LocationRef::default());
                Some(LineMetrics { ascent: device(m.ascent), descent: device(-m.descent), line_gap: device(m.leading) })
            })
            // No face at all: Noto Sans CJK's proportions.
            .unwrap_or(LineMetrics { ascent: device(size * 1.16), descent: device(size * 0.288), line_gap: 0.0 });
        self.metrics.insert(key, metrics);
        metrics
    }
}
