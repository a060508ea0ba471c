//! `<image>` `load` and `error` events: once per element and `src`, after the picture is read
//! (a package file, a data URL, a file of the app's own, or — through the network, mock
//! routes included — an http(s) URL) — `load` with its natural `{width, height}`, `error`
//! with `{errMsg}` when it cannot be read. Network pictures that backgrounds and masks show
//! are read the same way, and the page is drawn again with them.

use crate::queue::Event;
use crate::Simulator;
use serde_json::{json, Value as Json};
use std::collections::{HashMap, HashSet};
use wxemu_view::select::{element_chain, NodePath};
use wxemu_wxml::Value;

/// The pictures images show and the view's own loads of network ones.
#[derive(Default)]
pub(crate) struct ImageLoads {
    /// The `src` each image (page, path) last had its event scheduled for.
    pub(crate) seen: HashMap<(u32, NodePath), String>,
    /// The network pictures the current page's backgrounds and masks show.
    backgrounds: HashSet<String>,
    /// Network images by URL.
    pub(crate) remote: RemoteImages,
    /// The view's network loads of them: task → URL.
    tasks: HashMap<u32, String>,
    /// How many of the view's own network loads have started (wrapping).
    started: u32,
}

/// Network images read and no longer shown are forgotten once more than this many are
/// known, or they hold more than [`REMOTE_IMAGES_KEPT_BYTES`].
const REMOTE_IMAGES_KEPT: usize = 256;
const REMOTE_IMAGES_KEPT_BYTES: usize = 64 << 20;

/// A network image: on its way (with the images waiting for it), read, or failed.
pub(crate) enum RemoteImage {
    Loading(Vec<(u32, NodePath)>),
    Loaded(Vec<u8>),
    Failed(String),
}

/// Network images by URL (shared with the drawing of pages).
pub(crate) type RemoteImages = std::rc::Rc<std::cell::RefCell<HashMap<String, RemoteImage>>>;

impl ImageLoads {
    /// Whether network task `task` is one of the view's own loads of a picture.
    pub(crate) fn is_load(&self, task: &u32) -> bool {
        self.tasks.contains_key(task)
    }
}

/// Task numbers of the view's own network loads (the logic layer's calls count up from 1).
const FIRST_IMAGE_TASK: u32 = 0x8000_0000;

fn is_remote(src: &str) -> bool {
    src.starts_with("http://") || src.starts_with("https://")
}

impl Simulator {
    /// Puts the events of page `page`'s images (path, src) that are new, or have a new `src`,
    /// on the queue.
    pub(crate) fn schedule_image_events(&mut self, page: u32, found: Vec<(NodePath, String)>) {
        for (path, src) in found {
            let key = (page, path);
            if self.images.seen.get(&key) != Some(&src) {
                self.images.seen.insert(key.clone(), src.clone());
                self.queue.push(self.now, Event::ImageSettled { page, path: key.1, src });
            }
        }
    }

    /// The bytes of an image `src` on page `route`: a data URL, a file of the app's own
    /// (`wxfile://…`), or a package file (relative to the page or from the root).
    pub(crate) fn image_bytes(&self, route: &str, src: &str) -> Option<Vec<u8>> {
        if let Some(data) = src.strip_prefix("data:") {
            return crate::pictures::data_url(data);
        }
        if src.starts_with("wxfile://") {
            let file = self.host.borrow().files.resolve(src).ok()?.host;
            return std::fs::read(file).ok();
        }
        self.package.bytes(&wxemu_package::resolve::resolve_path(route, src)).ok()
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
        Ok(json!({ "width": picture.width.round(), "height": picture.height.round(), "path": path, "orientation": "up", "type": kind }))
    }

    /// The image at `path` has been read (or not): its `load` or `error` event.
    pub(crate) fn image_settled(&mut self, page: u32, path: NodePath, src: String) {
        let Some(view) = self.stack.last().filter(|p| p.id == page) else { return };
        let still = element_chain(&view.tree, &path).last().is_some_and(|el| el.attr("src").map(Value::to_js_string).as_deref() == Some(src.as_str()));
        if !still {
            return;
        }
        let route = view.route.clone();
        let bytes = if is_remote(&src) {
            let known = self.images.remote.borrow().get(&src).map(|image| match image {
                RemoteImage::Loaded(bytes) => Ok(Some(bytes.clone())),
                RemoteImage::Failed(reason) => Err(reason.clone()),
                RemoteImage::Loading(_) => Ok(None),
            });
            match known {
                Some(Ok(Some(bytes))) => Some(bytes),
                Some(Err(reason)) => {
                    let _ = self.dispatch_path(&path, "error", json!({ "errMsg": format!("GET {src} {reason}") }), None);
                    return;
                }
                Some(Ok(None)) | None => {
                    self.load_remote_image(page, path, src);
                    return;
                }
            }
        } else {
            self.image_bytes(&route, &src)
        };
        let (event, detail) = match bytes.as_deref().and_then(wxemu_render::decode_image) {
            Some(picture) => ("load", json!({ "width": picture.width.round(), "height": picture.height.round() })),
            None => {
                if !is_remote(&src) {
                    // As the DevTools' console says it (a missing package file is the app's bug).
                    let what = if bytes.is_some() { "not an image wxemu can decode" } else { "no such file in the package" };
                    let text = format!("[渲染层网络层错误] Failed to load local image resource {src}: {what}");
                    self.console.push(crate::ConsoleEntry { level: "error".into(), text, location: None });
                }
                ("error", json!({ "errMsg": format!("GET {src} 404 (Not Found)") }))
            }
        };
        let _ = self.dispatch_path(&path, event, detail, None);
    }

    /// Starts reading network image `src` for the image at (page, path), or waits for the
    /// read under way.
    fn load_remote_image(&mut self, page: u32, path: NodePath, src: String) {
        if let Some(RemoteImage::Loading(waiting)) = self.images.remote.borrow_mut().get_mut(&src) {
            waiting.push((page, path));
            return;
        }
        self.start_remote_read(src, vec![(page, path)]);
    }

    /// Starts reading the network pictures that the backgrounds and masks of `styled` show
    /// and that are not read (or being read) yet.
    pub(crate) fn load_background_pictures(&mut self, styled: &wxemu_view::styled::StyledTree) {
        let layers = styled.elements.iter().flat_map(|e| e.style.background.images.iter().chain(&e.style.mask.images));
        let shown: HashSet<String> = layers
            .filter_map(|image| match image {
                Some(wxemu_wxss::style::BackgroundImage::Url(src)) if is_remote(src) => Some(src.clone()),
                _ => None,
            })
            .collect();
        let unread: Vec<String> = shown.iter().filter(|src| !self.images.remote.borrow().contains_key(*src)).cloned().collect();
        self.images.backgrounds = shown;
        for src in unread {
            self.start_remote_read(src, Vec::new());
        }
    }

    /// Reads network file `src` (a font) through the network, unless it is read or being read.
    pub(crate) fn read_remote(&mut self, src: &str) {
        if !self.images.remote.borrow().contains_key(src) {
            self.start_remote_read(src.to_string(), Vec::new());
        }
    }

    /// Reads network picture `src` through the network (and mock routes) for `waiting`.
    fn start_remote_read(&mut self, src: String, waiting: Vec<(u32, NodePath)>) {
        self.images.remote.borrow_mut().insert(src.clone(), RemoteImage::Loading(waiting));
        let task = FIRST_IMAGE_TASK + self.images.started;
        self.images.started = (self.images.started + 1) % FIRST_IMAGE_TASK;
        self.images.tasks.insert(task, src.clone());
        let args = serde_json::Map::from_iter([("url".to_string(), Json::from(src))]);
        self.network_api("image", task, &args);
    }

    /// A network image's read ended (`result`: the view's own task result): the images
    /// waiting for it get their event, and the page is laid out again with it.
    pub(crate) fn remote_image_read(&mut self, task: u32, result: &Json) -> bool {
        let Some(src) = self.images.tasks.remove(&task) else { return false };
        let settled = match result.get("data").and_then(|d| d.get("__arrayBuffer")).and_then(Json::as_str) {
            Some(data) => {
                use base64::Engine;
                RemoteImage::Loaded(base64::engine::general_purpose::STANDARD.decode(data).unwrap_or_default())
            }
            None => RemoteImage::Failed(result["errMsg"].as_str().unwrap_or_default().trim_start_matches("image:fail ").to_string()),
        };
        if let (RemoteImage::Failed(reason), true) = (&settled, self.images.backgrounds.contains(&src)) {
            // As the DevTools' console says it of a picture a style shows.
            let text = format!("[渲染层网络层错误] Failed to load image {src}: {reason}");
            self.console.push(crate::ConsoleEntry { level: "error".into(), text, location: None });
        }
        let read = match &settled {
            RemoteImage::Loaded(bytes) => Ok(bytes.clone()),
            RemoteImage::Failed(reason) => Err(reason.clone()),
            RemoteImage::Loading(_) => Err("still loading".to_string()),
        };
        let waiting = match self.images.remote.borrow_mut().insert(src.clone(), settled) {
            Some(RemoteImage::Loading(waiting)) => waiting,
            _ => Vec::new(),
        };
        self.forget_remote_images_not_shown();
        if let Some(screen) = &mut self.screen {
            screen.forget();
        }
        for (page, path) in waiting {
            self.image_settled(page, path, src.clone());
        }
        self.fonts_read(&src, read);
        true
    }

    /// Keeps the network images read within [`REMOTE_IMAGES_KEPT`]: past it, those that no
    /// image shows any more are forgotten (read again if shown again).
    fn forget_remote_images_not_shown(&mut self) {
        let mut remote = self.images.remote.borrow_mut();
        let held: usize = remote.values().map(|image| if let RemoteImage::Loaded(bytes) = image { bytes.len() } else { 0 }).sum();
        if remote.len() > REMOTE_IMAGES_KEPT || held > REMOTE_IMAGES_KEPT_BYTES {
            let shown: HashSet<&String> = self.images.seen.values().chain(&self.images.backgrounds).collect();
            remote.retain(|src, image| matches!(image, RemoteImage::Loading(_)) || shown.contains(src));
        }
    }
}
