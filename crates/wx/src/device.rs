//! The phones wxemu emulates (`--device NAME`), as the DevTools' device list has them:
//! screen size in CSS px, pixel ratio, the system bars, the safe area, the menu button, and
//! what the system information reports about the hardware.

use serde_json::{json, Value};

/// The client's operating system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Ios,
    Android,
}

impl Platform {
    /// The value of `platform` in the system information.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Ios => "ios",
            Platform::Android => "android",
        }
    }
}

/// A rectangle in CSS px, as the platform reports one (`left`, `top`, `right`, `bottom`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }

    /// `{left, top, right, bottom, width, height}` (the shape of `safeArea` and the menu
    /// button's rect).
    pub fn to_json(&self) -> Value {
        json!({ "left": self.left, "top": self.top, "right": self.right, "bottom": self.bottom, "width": self.width(), "height": self.height() })
    }
}

/// One phone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Profile {
    /// The DevTools' name for it (`iPhone 6/7/8`).
    pub name: &'static str,
    /// Shorter names `--device` also takes.
    pub aliases: &'static [&'static str],
    pub brand: &'static str,
    /// `model` as the client reports it (marketing name and hardware identifier on iOS).
    pub model: &'static str,
    /// `system`: the operating system and its version.
    pub system: &'static str,
    pub platform: Platform,
    /// Screen width and height in CSS px (portrait).
    pub width: f64,
    pub height: f64,
    pub pixel_ratio: f64,
    /// The status bar at the top (also the top of the safe area).
    pub status_bar: f64,
    /// The home indicator's strip at the bottom, outside the safe area (0 with a home button).
    pub safe_bottom: f64,
    /// Memory in MB (`memorySize`).
    pub memory_mb: u32,
}

/// Width and height of the menu button (the capsule at the top right), and its gaps to the
/// screen's right edge and to the status bar.
const MENU_BUTTON: (f64, f64) = (87.0, 32.0);
const MENU_BUTTON_RIGHT_GAP: f64 = 7.0;
const MENU_BUTTON_TOP_GAP: f64 = 4.0;

const fn iphone(name: &'static str, aliases: &'static [&'static str], model: &'static str, size: (f64, f64, f64), bars: (f64, f64), memory_mb: u32) -> Profile {
    Profile {
        name,
        aliases,
        brand: "iPhone",
        model,
        system: "iOS 17.5",
        platform: Platform::Ios,
        width: size.0,
        height: size.1,
        pixel_ratio: size.2,
        status_bar: bars.0,
        safe_bottom: bars.1,
        memory_mb,
    }
}

impl Profile {
    /// The iPhone 6/7/8 (375 × 667 at 2x), wxemu's default device.
    pub const IPHONE_6: Profile = iphone("iPhone 6/7/8", &["iPhone 6", "iPhone 7", "iPhone 8"], "iPhone 8<iPhone10,1>", (375.0, 667.0, 2.0), (20.0, 0.0), 2048);

    /// The devices `--device` knows.
    pub const KNOWN: &'static [Profile] = &[
        Profile::IPHONE_6,
        iphone("iPhone 6/7/8 Plus", &["iPhone 6 Plus", "iPhone 8 Plus"], "iPhone 8 Plus<iPhone10,2>", (414.0, 736.0, 3.0), (20.0, 0.0), 3072),
        iphone("iPhone X", &[], "iPhone X<iPhone10,3>", (375.0, 812.0, 3.0), (44.0, 34.0), 3072),
        iphone("iPhone 12/13 (Pro)", &["iPhone 12", "iPhone 13", "iPhone 12 Pro", "iPhone 13 Pro"], "iPhone 13<iPhone14,5>", (390.0, 844.0, 3.0), (47.0, 34.0), 4096),
        iphone("iPhone 14 Pro", &[], "iPhone 14 Pro<iPhone15,2>", (393.0, 852.0, 3.0), (59.0, 34.0), 6144),
        iphone("iPhone 14 Pro Max", &[], "iPhone 14 Pro Max<iPhone15,3>", (430.0, 932.0, 3.0), (59.0, 34.0), 6144),
        iphone("iPhone 15 Pro Max", &[], "iPhone 15 Pro Max<iPhone16,2>", (430.0, 932.0, 3.0), (59.0, 34.0), 8192),
        Profile {
            name: "iPad",
            aliases: &[],
            brand: "iPad",
            model: "iPad (9th generation)<iPad12,1>",
            system: "iPadOS 17.5",
            platform: Platform::Ios,
            width: 768.0,
            height: 1024.0,
            pixel_ratio: 2.0,
            status_bar: 20.0,
            safe_bottom: 0.0,
            memory_mb: 3072,
        },
        Profile {
            name: "Pixel 5",
            aliases: &["Android"],
            brand: "google",
            model: "Pixel 5",
            system: "Android 14",
            platform: Platform::Android,
            width: 393.0,
            height: 851.0,
            pixel_ratio: 2.75,
            status_bar: 24.0,
            safe_bottom: 0.0,
            memory_mb: 8192,
        },
    ];

    /// A known device by its name or an alias; case, spaces and punctuation do not matter
    /// (`iphone-x`, `iPhone X`, `iphone 678`).
    pub fn named(name: &str) -> Option<Profile> {
        let key = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        let wanted = key(name);
        Profile::KNOWN.iter().find(|p| std::iter::once(&p.name).chain(p.aliases).any(|n| key(n) == wanted)).copied()
    }

    /// The part of the screen clear of the status bar and the home indicator (`safeArea`).
    pub fn safe_area(&self) -> Rect {
        Rect { left: 0.0, top: self.status_bar, right: self.width, bottom: self.height - self.safe_bottom }
    }

    /// The menu button's rect (`wx.getMenuButtonBoundingClientRect()`): 87 × 32 px, 7 px
    /// from the right edge, 4 px below the status bar.
    pub fn menu_button(&self) -> Rect {
        let (w, h) = MENU_BUTTON;
        let right = self.width - MENU_BUTTON_RIGHT_GAP;
        let top = self.status_bar + MENU_BUTTON_TOP_GAP;
        Rect { left: right - w, top, right, bottom: top + h }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_found_by_name_or_alias_in_any_spelling() {
        assert_eq!(Profile::named("iphone-x").unwrap().height, 812.0);
        assert_eq!(Profile::named("iPhone 6").unwrap(), Profile::IPHONE_6);
        assert_eq!(Profile::named("iphone 678"), Some(Profile::IPHONE_6));
        assert_eq!(Profile::named("android").unwrap().platform, Platform::Android);
        assert_eq!(Profile::named("Nokia 3310"), None);
    }

    #[test]
    fn the_iphone_6_reports_what_the_devtools_report() {
        let p = Profile::IPHONE_6;
        assert_eq!(p.menu_button(), Rect { left: 281.0, top: 24.0, right: 368.0, bottom: 56.0 });
        assert_eq!(p.safe_area().to_json(), json!({"left": 0.0, "top": 20.0, "right": 375.0, "bottom": 667.0, "width": 375.0, "height": 647.0}));
        let x = Profile::named("iPhone X").unwrap();
        assert_eq!((x.safe_area().top, x.safe_area().bottom), (44.0, 778.0));
    }
}
