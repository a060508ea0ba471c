//! Native components wxemu does not draw yet (`<video>`, `<map>`, `<canvas>`, `<camera>`,
//! `<live-player>`, `<live-pusher>`): a box of their size that says what it is.

use super::{BuiltIn, Parts};

pub struct Native;

impl BuiltIn for Native {
    fn tags(&self) -> &'static [&'static str] {
        &["video", "map", "canvas", "camera", "live-player", "live-pusher"]
    }

    fn style(&self) -> &'static str {
        "video { display: inline-block; width: 300px; height: 225px; background-color: #000; }
map { display: inline-block; width: 300px; height: 150px; background-color: #e6e6e6; }
canvas { display: block; width: 300px; height: 150px; }
canvas > wx-native-label { background-color: #f2f2f2; }
wx-native-label { display: flex; height: 100%; align-items: center; justify-content: center; color: #888; font-size: 14px; }
camera, live-player, live-pusher { display: block; width: 300px; height: 225px; background-color: #000; }"
    }

    fn parts(&self, parts: &mut Parts) {
        let label = format!("<{}>", parts.element().tag);
        let node = parts.part("wx-native-label");
        parts.push_text(parts.index, node, label);
    }
}
