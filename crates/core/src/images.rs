//! `<image>` `load` and `error` events: once per element and `src`, after the picture is read
//! (a package file or a data URL) — `load` with its natural `{width, height}`, `error` with
//! `{errMsg}` when it cannot be read.

use crate::queue::Event;
use crate::{ConsoleEntry, Simulator};
use serde_json::{json, Value as Json};
use std::collections::HashSet;
use wxemu_view::select::{element_chain, NodePath};
use wxemu_wxml::Value;

/// The images whose events are on the queue or done: (page, path, src).
pub(crate) type ImagesSeen = HashSet<(u32, NodePath, String)>;

impl Simulator {
    /// Puts the events of page `page`'s images (path, src) that are new, or have a new `src`,
    /// on the queue.
    pub(crate) fn schedule_image_events(&mut self, page: u32, found: Vec<(NodePath, String)>) {
        for (path, src) in found {
            if self.images_seen.insert((page, path.clone(), src.clone())) {
                self.queue.push(self.now, Event::ImageSettled { page, path, src });
            }
        }
    }

    /// The bytes of an image `src` on page `route`: a data URL, a file of the app's own
    /// (`wxfile://…`), or a package file (relative to the page or from the root).
    pub(crate) fn image_bytes(&self, route: &str, src: &str) -> Option<Vec<u8>> {
        if let Some(data) = src.strip_prefix("data:") {
            return crate::draw::data_url(data);
        }
        if src.starts_with("wxfile://") {
            let file = self.host.borrow().files.resolve(src).ok()?.host;
            return std::fs::read(file).ok();
        }
        std::fs::read(self.package.root.join(wxemu_package::resolve::resolve_path(route, src))).ok()
    }

    /// `wx.getImageInfo({src})`: the picture's size and type, read from the package or the
    /// app's files.
    pub(crate) fn image_info(&self, src: &str) -> Result<Json, String> {
        if src.starts_with("http://") || src.starts_with("https://") {
            return Err("not supported by wxemu yet: getImageInfo of a network image (download it with wx.downloadFile first)".into());
        }
        let route = self.current_route().unwrap_or_default().to_string();
        let bytes = self.image_bytes(&route, src).ok_or_else(|| format!("image not found {src}"))?;
        let picture = wxemu_render::decode_image(&bytes).ok_or_else(|| format!("not an image {src}"))?;
        let kind = match bytes.as_slice() {
            [0x89, b'P', b'N', b'G', ..] => "png",
            [0xff, 0xd8, ..] => "jpeg",
            [b'G', b'I', b'F', ..] => "gif",
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => "webp",
            _ => "unknown",
        };
        let path = if src.starts_with("wxfile://") { src.to_string() } else { wxemu_package::resolve::resolve_path(&route, src) };
        Ok(json!({ "width": picture.width(), "height": picture.height(), "path": path, "orientation": "up", "type": kind }))
    }

    /// The image at `path` has been read (or not): its `load` or `error` event.
    pub(crate) fn image_settled(&mut self, page: u32, path: NodePath, src: String) {
        let Some(view) = self.stack.last().filter(|p| p.id == page) else { return };
        let still = element_chain(&view.tree, &path).last().is_some_and(|el| el.attr("src").map(Value::to_js_string).as_deref() == Some(src.as_str()));
        if !still {
            return;
        }
        if src.starts_with("http://") || src.starts_with("https://") || src.starts_with("//") {
            let text = format!("not supported by wxemu yet: network images ({src}); the image shows nothing and fires no load event");
            self.console.push(ConsoleEntry { level: "warn".into(), text, location: None });
            return;
        }
        let route = view.route.clone();
        let bytes = self.image_bytes(&route, &src);
        let (event, detail) = match bytes.as_deref().and_then(wxemu_render::decode_image) {
            Some(picture) => ("load", json!({ "width": picture.width(), "height": picture.height() })),
            None => ("error", json!({ "errMsg": format!("GET {src} 404 (Not Found)") })),
        };
        let _ = self.dispatch_path(&path, event, detail, None);
    }
}
