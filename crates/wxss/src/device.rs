//! The phone screens wxemu draws for: size in CSS px, pixel ratio, platform, and the system
//! bars around a page (what `--device NAME` picks).

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
}

impl Device {
    /// The iPhone 6/7/8 screen, wxemu's default device.
    pub const IPHONE_6: Device = Device { width: 375.0, height: 667.0, dpr: 2.0, ios: true, status_bar: 20.0, safe_bottom: 0.0 };

    /// The devices `named` knows, as (name, device).
    pub const KNOWN: &'static [(&'static str, Device)] = &[
        ("iPhone 6", Device::IPHONE_6),
        ("iPhone 6 Plus", Device { width: 414.0, height: 736.0, dpr: 3.0, ios: true, status_bar: 20.0, safe_bottom: 0.0 }),
        ("iPhone X", Device { width: 375.0, height: 812.0, dpr: 3.0, ios: true, status_bar: 44.0, safe_bottom: 34.0 }),
        ("iPhone 12", Device { width: 390.0, height: 844.0, dpr: 3.0, ios: true, status_bar: 47.0, safe_bottom: 34.0 }),
        ("iPhone 14 Pro Max", Device { width: 430.0, height: 932.0, dpr: 3.0, ios: true, status_bar: 59.0, safe_bottom: 34.0 }),
        ("iPad", Device { width: 768.0, height: 1024.0, dpr: 2.0, ios: true, status_bar: 20.0, safe_bottom: 0.0 }),
        ("Android", Device { width: 360.0, height: 780.0, dpr: 3.0, ios: false, status_bar: 24.0, safe_bottom: 0.0 }),
    ];

    /// A known device by name (case and spaces do not matter: `iphone-x`, `iPhone X`).
    pub fn named(name: &str) -> Option<Device> {
        let key = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        Device::KNOWN.iter().find(|(n, _)| key(n) == key(name)).map(|(_, d)| *d)
    }
}
