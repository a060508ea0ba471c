//! The fonts a page loads: `@font-face` rules of its stylesheets and `wx.loadFontFace`, from
//! data URLs or read through the network (and mock routes), as TTF, OTF, WOFF or WOFF2.
//! Faces `wx.loadFontFace` loaded stay for every screen attached later.

use crate::draw::Screen;
use crate::pictures::data_url;
use crate::Simulator;
use serde_json::{json, Map, Value as Json};
use wxemu_package::Diagnostic;
use wxemu_wxss::FontFace;

/// Who waits for a font read through the network.
pub(crate) enum FontWaiter {
    /// A `wx.loadFontFace` call, answered once the font is read and registered.
    Call { call: u32, family: String },
    /// An `@font-face` rule: its family is registered once read; else its sources from
    /// `next` on are tried (with the `problems` of those before), or its warning given.
    Rule { face: FontFace, next: usize, problems: Vec<String> },
}

/// Where a font source points: the URL inside `url(…)` (quotes or not), or the text itself.
fn source_url(source: &str) -> &str {
    let source = source.trim();
    let inner = source.strip_prefix("url(").and_then(|s| s.strip_suffix(')')).unwrap_or(source).trim();
    inner.trim_matches(|c| c == '"' || c == '\'')
}

fn is_remote(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

impl Simulator {
    /// Registers the font of an `@font-face` rule (its first `src` that loads); a network one
    /// is read first. When none loads, says why.
    pub(crate) fn load_font_face(&mut self, screen: &mut Screen, face: &FontFace) {
        self.load_font_face_from(screen, face, 0, Vec::new());
    }

    /// [`Simulator::load_font_face`] from source `start` on, after `problems` with those before.
    fn load_font_face_from(&mut self, screen: &mut Screen, face: &FontFace, start: usize, mut problems: Vec<String>) {
        for (i, url) in face.sources.iter().enumerate().skip(start) {
            let url = if url.starts_with("//") { format!("https:{url}") } else { url.clone() };
            let loaded = if let Some(data) = url.strip_prefix("data:") {
                data_url(data).ok_or_else(|| "a data URL that cannot be read".to_string()).and_then(|bytes| screen.fonts.add_face(&face.family, bytes))
            } else if is_remote(&url) {
                // A read no route answers fails at once.
                if self.remote_font(&url).is_none() {
                    self.read_remote(&url);
                }
                match self.remote_font(&url) {
                    Some(read) => read.and_then(|bytes| screen.fonts.add_face(&face.family, bytes)),
                    None => {
                        self.fonts_waiting.entry(url).or_default().push(FontWaiter::Rule { face: face.clone(), next: i + 1, problems });
                        return;
                    }
                }
            } else {
                Err(format!("`{url}` is a local file, which the platform does not load in WXSS"))
            };
            match loaded {
                Ok(()) => return,
                Err(problem) => problems.push(problem),
            }
        }
        self.font_face_unloaded(face, &problems.join("; "));
    }

    fn font_face_unloaded(&mut self, face: &FontFace, problem: &str) {
        let message = format!("@font-face `{}` loads no font: {problem}", face.family);
        let hint = "give a base64 data URL or an https URL of a TTF, OTF, WOFF or WOFF2 font, or load the font with wx.loadFontFace";
        self.diagnostics.push(Diagnostic::warning(&face.file, face.pos, message).with_hint(hint));
    }

    /// `wx.loadFontFace({family, source})`: the font from a data URL now, or from an https
    /// URL once read; `{status: "loaded"}`, or `{status: "error"}` with why.
    pub(crate) fn load_font_face_call(&mut self, call: u32, args: &Map<String, Json>) {
        let family = args.get("family").and_then(Json::as_str).unwrap_or_default().to_string();
        let url = source_url(args.get("source").and_then(Json::as_str).unwrap_or_default()).to_string();
        if let Some(data) = url.strip_prefix("data:") {
            let result = data_url(data).ok_or_else(|| "a data URL that cannot be read".to_string()).and_then(|bytes| self.add_font(&family, bytes));
            self.font_call_answered(call, result);
        } else if is_remote(&url) {
            self.read_font(&url, FontWaiter::Call { call, family });
        } else {
            self.font_call_answered(call, Err(format!("source must be an https URL or a data URL, not `{url}`")));
        }
    }

    fn font_call_answered(&mut self, call: u32, result: Result<(), String>) {
        let answer = match result {
            Ok(()) => json!({ "status": "loaded", "errMsg": "loadFontFace:ok" }),
            Err(reason) => json!({ "status": "error", "errMsg": format!("loadFontFace:fail {reason}") }),
        };
        self.app.api_result(call, answer);
    }

    /// Registers a face `wx.loadFontFace` loaded, on this screen and on any attached later.
    fn add_font(&mut self, family: &str, bytes: Vec<u8>) -> Result<(), String> {
        if let Some(screen) = &mut self.screen {
            // The frame kept gives its shaped text back to the fonts first; the new face
            // then drops it all.
            screen.relayout();
            screen.fonts.add_face(family, bytes.clone())?;
        }
        self.loaded_fonts.push((family.to_string(), bytes));
        Ok(())
    }

    /// The faces `wx.loadFontFace` loaded, on a newly attached screen.
    pub(crate) fn add_loaded_fonts(&self, screen: &mut Screen) {
        for (family, bytes) in &self.loaded_fonts {
            // They loaded once; a second time cannot fail.
            let _ = screen.fonts.add_face(family, bytes.clone());
        }
    }

    /// Network font `url` if it was read (or failed).
    fn remote_font(&self, url: &str) -> Option<Result<Vec<u8>, String>> {
        match self.images.remote.borrow().get(url) {
            Some(crate::images::RemoteImage::Loaded(bytes)) => Some(Ok(bytes.clone())),
            Some(crate::images::RemoteImage::Failed(reason)) => Some(Err(reason.clone())),
            _ => None,
        }
    }

    /// Reads font `url` through the network (once for all who wait for it).
    fn read_font(&mut self, url: &str, waiter: FontWaiter) {
        match self.remote_font(url) {
            Some(read) => self.font_read(waiter, read),
            None => {
                self.fonts_waiting.entry(url.to_string()).or_default().push(waiter);
                self.read_remote(url);
            }
        }
    }

    /// A network font was read (or not): those waiting for it get it.
    pub(crate) fn fonts_read(&mut self, url: &str, read: Result<Vec<u8>, String>) {
        for waiter in self.fonts_waiting.remove(url).unwrap_or_default() {
            self.font_read(waiter, read.clone());
        }
    }

    fn font_read(&mut self, waiter: FontWaiter, read: Result<Vec<u8>, String>) {
        match waiter {
            FontWaiter::Call { call, family } => {
                let result = read.and_then(|bytes| self.add_font(&family, bytes));
                self.font_call_answered(call, result);
            }
            FontWaiter::Rule { face, next, mut problems } => {
                // Without a screen there is nothing to draw with; the rule is read again with
                // the next screen's sheets.
                let Some(mut screen) = self.screen.take() else { return };
                screen.relayout();
                match read.and_then(|bytes| screen.fonts.add_face(&face.family, bytes)) {
                    Ok(()) => {}
                    Err(problem) => {
                        problems.push(problem);
                        self.load_font_face_from(&mut screen, &face, next, problems);
                    }
                }
                self.screen = Some(screen);
            }
        }
    }
}
