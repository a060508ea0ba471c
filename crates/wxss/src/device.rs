//! The screen styles are computed for: size in CSS px, pixel ratio, platform, and the system
//! bars around a page (the Simulator makes one from its device profile).

/// The screen the styles are computed for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Device {
    /// Screen width in CSS px (375 on an iPhone 6/7/8).
    pub width: f32,
    /// Screen height in CSS px (the page's viewport height when styles are computed).
    pub height: f32,
    /// Device pixel ratio.
    pub dpr: f32,
    /// iOS rounds a non-zero rpx that floors to 0 to 0.5 px (at dpr ≥ 2) instead of 1 px.
    pub ios: bool,
    /// Height of the system status bar at the top.
    pub status_bar: f32,
    /// The home indicator's safe area at the bottom (0 on phones with a home button).
    pub safe_bottom: f32,
    /// What 1rem is in px: 16, or what the page's `<page-meta root-font-size>` says.
    pub root_font_size: f32,
}

/// The root font size `<page-meta root-font-size="system">` gives: the phone's text size at
/// its default setting (17 px on an iPhone; WeUI's rem sizes are written for it).
pub const SYSTEM_ROOT_FONT_SIZE: f32 = 17.0;

impl Device {
    /// The iPhone 6/7/8 screen, wxemu's default device.
    pub const IPHONE_6: Device = Device { width: 375.0, height: 667.0, dpr: 2.0, ios: true, status_bar: 20.0, safe_bottom: 0.0, root_font_size: 16.0 };
}
