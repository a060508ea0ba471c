//! `<image>`: a picture in a box (320×240 unless styled), drawn in its `mode`.

use super::{BuiltIn, Page};
use wxemu_wxml::Element;
use crate::styled::Styled;

pub struct Image;

/// Its tag (rich text shows its `img` as one).
pub(super) const IMAGE: &str = "image";

impl BuiltIn for Image {
    fn tags(&self) -> &'static [&'static str] {
        &[IMAGE]
    }

    fn style(&self) -> &'static str {
        "image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }"
    }

    /// It reads its picture, then gets `load` or `error`.
    fn rendered(&self, page: &mut dyn Page, path: &[usize], element: &Element) {
        let src = super::text(element, "src");
        if !src.is_empty() {
            page.load_picture(path, &src);
        }
    }

    fn picture(&self, element: &Styled) -> Option<(String, String)> {
        Some((element.attr("src"), element.attr("mode")))
    }
}
