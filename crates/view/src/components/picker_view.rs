//! `<picker-view>` and its `<picker-view-column>`s: the masks over the rows above and below
//! the chosen one, and the indicator lines around it (its height from `indicator-style`,
//! 34 px by default).

use super::{BuiltIn, Parts};
use crate::layout::PageLayout;
use crate::styled::{Content, StyledTree};

pub struct PickerView;

const COLUMN: &str = "picker-view-column";

impl BuiltIn for PickerView {
    fn tags(&self) -> &'static [&'static str] {
        &["picker-view", COLUMN]
    }

    fn style(&self) -> &'static str {
        "picker-view { display: flex; position: relative; overflow: hidden; }
picker-view-column { display: block; flex: 1; height: 100%; overflow: hidden; }
wx-picker-mask-top, wx-picker-mask-bottom, wx-picker-indicator { display: block; position: absolute; left: 0; right: 0; }
wx-picker-mask-top { background-image: linear-gradient(180deg, rgba(255, 255, 255, 0.95), rgba(255, 255, 255, 0.6)); }
wx-picker-mask-bottom { background-image: linear-gradient(0deg, rgba(255, 255, 255, 0.95), rgba(255, 255, 255, 0.6)); }
wx-picker-indicator { box-sizing: border-box; border-top: 1px solid #e5e5e5; border-bottom: 1px solid #e5e5e5; }"
    }

    /// A column's items move so that the chosen one (by the picker-view's `value`, one index
    /// per column) sits in the middle.
    fn scroll_offset(&self, styled: &StyledTree, layout: &PageLayout, e: usize) -> Option<(f32, f32)> {
        if &*styled.elements[e].tag != COLUMN {
            return None;
        }
        let picker = styled.elements[e].parent?;
        let children = |i: usize| styled.elements[i].children.iter().filter_map(|c| if let Content::Element(c) = c { Some(*c) } else { None }).collect::<Vec<_>>();
        let column = children(picker).into_iter().filter(|&c| &*styled.elements[c].tag == COLUMN).position(|c| c == e)?;
        let value = styled.elements[picker].attr("value");
        let chosen = value.split(',').nth(column).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(0);
        let items = children(e);
        let item = layout.boxes[*items.get(chosen).or(items.last())?]?;
        let area = layout.boxes[e]?;
        Some((0.0, item.y - area.y - (area.h - item.h) / 2.0))
    }

    fn parts(&self, parts: &mut Parts) {
        if &*parts.element().tag == COLUMN {
            return;
        }
        let indicator_style = parts.element().attr("indicatorStyle");
        let height = indicator_style
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .find(|(k, _)| k.trim() == "height")
            .and_then(|(_, v)| v.trim().trim_end_matches("px").parse::<f32>().ok())
            .unwrap_or(34.0);
        let half = height / 2.0;
        let indicator_class = parts.element().attr("indicatorClass");
        let top = format!("top: 0; bottom: 50%; margin-bottom: {half}px");
        let bottom = format!("bottom: 0; top: 50%; margin-top: {half}px");
        let indicator = format!("top: 50%; height: {height}px; margin-top: -{half}px; {indicator_style}");
        for (tag, style, classes) in [("wx-picker-mask-top", top, ""), ("wx-picker-mask-bottom", bottom, ""), ("wx-picker-indicator", indicator, indicator_class.as_str())] {
            let mut node = parts.styled_part(tag, wxemu_wxss::cascade::inline_style(&style, parts.device));
            node.classes = classes.split_whitespace().map(|c| (c.to_string(), parts.scope)).collect();
            parts.push(parts.index, node);
        }
    }
}
