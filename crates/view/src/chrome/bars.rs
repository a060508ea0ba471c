//! The bars: status bar and navigation bar (44 px) at the top, the tab bar (49 px) at the
//! bottom (the status bar and the home indicator's area come from the device), and the
//! pull-down refresh dots.

use super::{centered, fill, fitted, text_style};
use crate::fonts::Fonts;
use crate::layout;
use wxemu_render::{Box2, Item, Paint, Rgba, SOLID};

pub const NAVIGATION_BAR: f32 = 44.0;
pub const TAB_BAR: f32 = 49.0;
/// How far from the left edge a tap on the navigation bar hits the back arrow.
pub const BACK_WIDTH: f32 = 44.0;

/// The menu button (the capsule at the top right of every mini-program page): 87 × 32 px,
/// 7 px from the right edge, 4 px below the status bar.
pub fn menu_button(width: f32, status: f32) -> Box2 {
    Box2 { x: width - 7.0 - 87.0, y: status + 4.0, w: 87.0, h: 32.0 }
}

/// What the navigation bar shows (from app.json `window` and the page's .json).
pub struct NavigationBar {
    pub title: String,
    pub background: Rgba,
    /// `navigationBarTextStyle: white` (else black).
    pub white_text: bool,
    /// `navigationStyle: custom`: only the status bar's text, over the page.
    pub custom: bool,
    /// Whether a back arrow shows (a page below this one on the stack).
    pub back: bool,
    /// Whether a home button shows instead (the only page, not the home page or a tab).
    pub home: bool,
    /// A loading spinner before the title.
    pub loading: bool,
}

/// One tab of the tab bar.
pub struct Tab {
    pub text: String,
    pub selected: bool,
    /// `iconPath` (or `selectedIconPath` when selected), when it could be read.
    pub icon: Option<std::sync::Arc<wxemu_render::Pixmap>>,
    pub badge: Option<Badge>,
}

/// What a tab shows at its top right (`wx.setTabBarBadge`, `wx.showTabBarRedDot`).
#[derive(Clone, Debug, PartialEq)]
pub enum Badge {
    Text(String),
    Dot,
}

/// What the tab bar shows.
pub struct TabBar {
    pub tabs: Vec<Tab>,
    pub color: Rgba,
    pub selected_color: Rgba,
    pub background: Rgba,
    /// `borderStyle: white` (else black).
    pub white_border: bool,
}

/// Status bar (`status` px high) and navigation bar across `width`.
pub fn navigation_bar(bar: &NavigationBar, fonts: &mut Fonts, width: f32, status: f32, items: &mut Vec<Item>) {
    let color = if bar.white_text { Rgba::WHITE } else { Rgba::BLACK };
    if !bar.custom {
        items.push(Item::Fill { area: Box2 { x: 0.0, y: 0.0, w: width, h: status + NAVIGATION_BAR }, radii: [0.0; 4], paint: Paint::Solid(bar.background) });
        let title_style = text_style(17.0, 600, color);
        // Centred between the capsule and its mirror image on the left, cut with an ellipsis.
        let inset = width - menu_button(width, status).x + 6.0;
        let title_area = Box2 { x: inset, y: status, w: width - 2.0 * inset, h: NAVIGATION_BAR };
        let title = fitted(fonts, &bar.title, &title_style, title_area.w);
        centered(fonts, &title, &title_style, title_area, items);
        if bar.loading {
            // A spinning ring just before the title.
            let title_width = layout::line(fonts, &title, &title_style, title_area.w).width();
            let x = title_area.x + (title_area.w - title_width) / 2.0 - 24.0;
            let ring = Box2 { x, y: status + NAVIGATION_BAR / 2.0 - 8.0, w: 16.0, h: 16.0 };
            let faint = Rgba { a: 60, ..color };
            items.push(Item::Border { area: ring, radii: [8.0; 4], widths: [2.0; 4], colors: [color, faint, faint, faint], lines: SOLID });
        }
        if bar.back {
            centered(fonts, "‹", &text_style(34.0, 300, color), Box2 { x: 0.0, y: status - 3.0, w: 30.0, h: NAVIGATION_BAR }, items);
        } else if bar.home {
            home_icon(Box2 { x: 0.0, y: status, w: BACK_WIDTH, h: NAVIGATION_BAR }, color, items);
        }
    }
    centered(fonts, "9:41", &text_style(12.0, 600, color), Box2 { x: 0.0, y: 0.0, w: width, h: status.min(20.0) }, items);
    capsule(menu_button(width, status), bar.white_text, items);
}

/// The menu button: "···" and the close ring on a translucent capsule, dark or light to
/// suit the navigation bar's text.
fn capsule(area: Box2, white_text: bool, items: &mut Vec<Item>) {
    let (background, edge, ink) = if white_text {
        (Rgba { r: 0, g: 0, b: 0, a: 38 }, Rgba { r: 255, g: 255, b: 255, a: 64 }, Rgba::WHITE)
    } else {
        (Rgba { r: 255, g: 255, b: 255, a: 153 }, Rgba { r: 0, g: 0, b: 0, a: 26 }, Rgba::BLACK)
    };
    let radius = area.h / 2.0;
    fill(area, radius, background, items);
    items.push(Item::Border { area, radii: [radius; 4], widths: [0.5; 4], colors: [edge; 4], lines: SOLID });
    let (mid_x, mid_y) = (area.x + area.w / 2.0, area.y + area.h / 2.0);
    fill(Box2 { x: mid_x - 0.25, y: mid_y - 9.5, w: 0.5, h: 19.0 }, 0.0, edge, items);
    // "···": a larger dot between two smaller ones.
    let left = area.x + area.w / 4.0;
    for (dx, r) in [(-6.5, 2.0), (0.0, 3.0), (6.5, 2.0)] {
        fill(Box2 { x: left + dx - r, y: mid_y - r, w: 2.0 * r, h: 2.0 * r }, r, ink, items);
    }
    // The close button: a ring around a dot.
    let right = area.x + area.w * 3.0 / 4.0;
    let ring = Box2 { x: right - 8.5, y: mid_y - 8.5, w: 17.0, h: 17.0 };
    items.push(Item::Border { area: ring, radii: [8.5; 4], widths: [2.0; 4], colors: [ink; 4], lines: SOLID });
    fill(Box2 { x: right - 3.0, y: mid_y - 3.0, w: 6.0, h: 6.0 }, 3.0, ink, items);
}

/// A house: a roof over a square with a door, centred in `area`.
fn home_icon(area: Box2, color: Rgba, items: &mut Vec<Item>) {
    let (cx, cy) = (area.x + area.w / 2.0, area.y + area.h / 2.0);
    let body = Box2 { x: cx - 7.0, y: cy - 2.0, w: 14.0, h: 10.0 };
    items.push(Item::Border { area: body, radii: [1.0; 4], widths: [1.6; 4], colors: [color; 4], lines: SOLID });
    fill(Box2 { x: cx - 2.0, y: cy + 3.0, w: 4.0, h: 5.0 }, 0.5, color, items);
    // The roof: a square turned 45° whose lower half the body hides.
    let roof = Box2 { x: cx - 6.5, y: cy - 10.0, w: 13.0, h: 13.0 };
    let turn = wxemu_render::Affine::rotate_about(std::f64::consts::FRAC_PI_4, wxemu_render::Point::new((roof.x + roof.w / 2.0) as f64, (roof.y + roof.h / 2.0) as f64));
    items.push(Item::Clip { area: Box2 { x: cx - 12.0, y: cy - 14.0, w: 24.0, h: 12.0 }, radii: [0.0; 4] });
    items.push(Item::Transform(turn));
    items.push(Item::Border { area: roof, radii: [1.0; 4], widths: [1.6; 4], colors: [color; 4], lines: SOLID });
    items.push(Item::Pop);
    items.push(Item::Pop);
}

/// The tab bar at `top`, its background reaching `safe_bottom` px further (the home
/// indicator's area).
pub fn tab_bar(bar: &TabBar, fonts: &mut Fonts, width: f32, top: f32, safe_bottom: f32, items: &mut Vec<Item>) {
    items.push(Item::Fill { area: Box2 { x: 0.0, y: top, w: width, h: TAB_BAR + safe_bottom }, radii: [0.0; 4], paint: Paint::Solid(bar.background) });
    let border = if bar.white_border { Rgba::hex(0xf2f2f2) } else { Rgba { r: 0, g: 0, b: 0, a: 84 } };
    items.push(Item::Fill { area: Box2 { x: 0.0, y: top, w: width, h: 0.5 }, radii: [0.0; 4], paint: Paint::Solid(border) });
    let w = width / bar.tabs.len().max(1) as f32;
    for (i, tab) in bar.tabs.iter().enumerate() {
        let color = if tab.selected { bar.selected_color } else { bar.color };
        let centre = i as f32 * w + w / 2.0;
        match &tab.icon {
            Some(image) => {
                items.push(Item::Image { area: Box2 { x: i as f32 * w + w / 2.0 - 12.0, y: top + 5.0, w: 24.0, h: 24.0 }, image: image.clone() });
                centered(fonts, &tab.text, &text_style(10.0, 400, color), Box2 { x: i as f32 * w, y: top + 30.0, w, h: 16.0 }, items);
            }
            None => centered(fonts, &tab.text, &text_style(14.0, 400, color), Box2 { x: i as f32 * w, y: top, w, h: TAB_BAR }, items),
        }
        match &tab.badge {
            Some(Badge::Dot) => fill(Box2 { x: centre + 12.0, y: top + 4.0, w: 10.0, h: 10.0 }, 5.0, Rgba::hex(0xfa5151), items),
            Some(Badge::Text(text)) => {
                let style = text_style(12.0, 400, Rgba::WHITE);
                let width = (layout::line(fonts, text, &style, f32::MAX).width() + 10.0).max(18.0);
                let pill = Box2 { x: centre + 8.0, y: top + 2.0, w: width, h: 18.0 };
                fill(pill, 9.0, Rgba::hex(0xfa5151), items);
                centered(fonts, text, &style, pill, items);
            }
            None => {}
        }
    }
}

/// A pull-down refresh area's three dots, in the `area` its page or scroll-view's content
/// moved down from.
pub fn refreshing(area: Box2, dark_dots: bool, items: &mut Vec<Item>) {
    let color = if dark_dots { Rgba { r: 0, g: 0, b: 0, a: 77 } } else { Rgba { a: 179, ..Rgba::WHITE } };
    for dx in [-16.0, 0.0, 16.0] {
        fill(Box2 { x: area.x + area.w / 2.0 + dx - 3.5, y: area.y + area.h / 2.0 - 3.5, w: 7.0, h: 7.0 }, 3.5, color, items);
    }
}
