//! `<cover-image>`: a picture over native components, drawn like an image.

use super::BuiltIn;
use crate::styled::Styled;

pub struct CoverImage;

impl BuiltIn for CoverImage {
    fn tags(&self) -> &'static [&'static str] {
        &["cover-image"]
    }

    fn style(&self) -> &'static str {
        "cover-image { display: inline-block; }"
    }

    fn picture(&self, element: &Styled) -> Option<(String, String)> {
        Some((element.attr("src"), String::new()))
    }
}
