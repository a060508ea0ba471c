//! `<view>`: the plain block container.

use super::BuiltIn;

pub struct View;

impl BuiltIn for View {
    fn tags(&self) -> &'static [&'static str] {
        &["view"]
    }

    fn style(&self) -> &'static str {
        "view { display: block; }"
    }
}
