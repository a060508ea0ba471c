//! The pictures a page shows, by the `src` its elements (and background images) give:
//! package files, the app's own files, data URLs and network images once read; decoded once per screen, within a bound.

use std::collections::HashMap;
use wxemu_render::Picture;

/// A page's images by the `src` its elements give (relative to the page or from the root,
/// or a file of the app's own, `wxfile://…`).
pub(crate) struct PageImages<'a> {
    pub(crate) files: wxemu_package::PackageFiles,
    pub(crate) route: String,
    pub(crate) host: wxemu_appservice::SharedHost,
    pub(crate) remote: crate::images::RemoteImages,
    pub(crate) loaded: std::cell::RefCell<&'a mut Pictures>,
}

impl PageImages<'_> {
    pub(crate) fn find(&self, src: &str) -> Option<Picture> {
        if src.starts_with("http://") || src.starts_with("https://") {
            // Drawn once read (the read itself starts with the image's load event).
            let remote = self.remote.borrow();
            let Some(crate::images::RemoteImage::Loaded(bytes)) = remote.get(src) else { return None };
            return self.loaded.borrow_mut().get_or_decode(src, || wxemu_render::decode_image(bytes));
        }
        if let Some(data) = src.strip_prefix("data:") {
            return load_image(&mut self.loaded.borrow_mut(), src, || data_url(data));
        }
        if src.starts_with("wxfile://") {
            let file = self.host.borrow().files.resolve(src).ok()?.host;
            return load_image(&mut self.loaded.borrow_mut(), src, || std::fs::read(file).ok());
        }
        let path = wxemu_package::resolve::resolve_path(&self.route, src);
        load_image(&mut self.loaded.borrow_mut(), &path, || self.files.bytes(&path).ok())
    }
}

/// An image (PNG, JPEG, GIF or WebP) by its key — a package file's root-relative path, a
/// `wxfile://` path or a data URL — read with `read` and decoded once per screen.
pub(crate) fn load_image(images: &mut Pictures, key: &str, read: impl FnOnce() -> Option<Vec<u8>>) -> Option<Picture> {
    images.get_or_decode(key, || read().and_then(|b| wxemu_render::decode_image(&b)))
}

/// The screen's decoded pictures hold at most this many bytes; past it they start over
/// (the next drawing decodes what it shows again).
const PICTURES_KEPT_BYTES: usize = 256 << 20;

/// Decoded pictures (or none, when unreadable) by key.
#[derive(Default)]
pub(crate) struct Pictures {
    decoded: HashMap<String, Option<Picture>>,
    bytes: usize,
}

impl Pictures {
    /// The picture for `key`, decoded with `decode` the first time.
    fn get_or_decode(&mut self, key: &str, decode: impl FnOnce() -> Option<Picture>) -> Option<Picture> {
        if let Some(picture) = self.decoded.get(key) {
            return picture.clone();
        }
        let picture = decode();
        let bytes = key.len() + picture.as_ref().map_or(0, |p| usize::from(p.pixels.width()) * usize::from(p.pixels.height()) * 4);
        if self.bytes + bytes > PICTURES_KEPT_BYTES {
            *self = Pictures::default();
        }
        self.bytes += bytes;
        self.decoded.insert(key.to_string(), picture.clone());
        picture
    }
}

/// The bytes of a data URL (the part after `data:`): base64 or percent-encoded, as the
/// fetch standard reads them (the data-url crate).
pub(crate) fn data_url(url: &str) -> Option<Vec<u8>> {
    let url = format!("data:{url}");
    let (bytes, _) = data_url::DataUrl::process(&url).ok()?.decode_to_vec().ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_pictures_start_over_past_their_bound() {
        let mut pictures = Pictures::default();
        for n in 0..100 {
            let picture = pictures.get_or_decode(&format!("wxfile://usr/{n}.png"), || Some(wxemu_render::Picture::of(wxemu_render::Pixmap::new(1024, 1024))));
            assert!(picture.is_some());
            assert!(pictures.bytes <= PICTURES_KEPT_BYTES, "{} bytes after {n}", pictures.bytes);
        }
        assert!(pictures.decoded.len() < 64, "4 MiB pictures: at most 64 are kept, not {}", pictures.decoded.len());
        let again = pictures.get_or_decode("wxfile://usr/99.png", || panic!("the newest is still decoded"));
        assert!(again.is_some());
    }
}
