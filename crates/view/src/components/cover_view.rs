//! `<cover-view>`: a block over native components; its text stays on one line.

use super::BuiltIn;

pub struct CoverView;

impl BuiltIn for CoverView {
    fn tags(&self) -> &'static [&'static str] {
        &["cover-view"]
    }

    fn style(&self) -> &'static str {
        "cover-view { display: block; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }"
    }
}
