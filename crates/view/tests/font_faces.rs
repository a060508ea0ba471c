//! Fonts from `@font-face`: TrueType, WOFF and WOFF2 data register under the rule's family
//! name; what is not a font is refused with a reason.

use base64::Engine;
use wxemu_view::fonts::Fonts;

/// The base64 payloads of the visual suite's font-face page: (TTF, WOFF, WOFF2).
fn fixture_fonts() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let wxss = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/visual/app/pages/font-face/font-face.wxss")).unwrap();
    let payload = |marker: &str| {
        let start = wxss.find(marker).unwrap() + marker.len();
        let end = start + wxss[start..].find('\'').unwrap();
        base64::engine::general_purpose::STANDARD.decode(&wxss[start..end]).unwrap()
    };
    (payload("data:font/ttf;base64,"), payload("data:application/font-woff;charset=utf-8;base64,"), payload("data:font/woff2;charset=utf-8;base64,"))
}

#[test]
fn ttf_woff_and_woff2_fonts_register_and_others_are_refused() {
    let (ttf, woff, woff2) = fixture_fonts();
    assert_eq!((&woff[..4], &woff2[..4]), (&b"wOFF"[..], &b"wOF2"[..]));
    let mut fonts = Fonts::load(&[]).unwrap();
    assert_eq!(fonts.add_face("iconfont", ttf), Ok(()));
    assert_eq!(fonts.add_face("icons-woff", woff.clone()), Ok(()));
    let mut damaged = woff;
    damaged.truncate(damaged.len() / 2);
    assert!(fonts.add_face("broken", damaged).unwrap_err().starts_with("a damaged WOFF font"));
    assert_eq!(fonts.add_face("icons-woff2", woff2), Ok(()));
    assert!(fonts.add_face("next", b"wOF2 and more".to_vec()).unwrap_err().starts_with("a damaged WOFF2 font"));
    assert_eq!(fonts.add_face("text", b"hello, not a font".to_vec()), Err("not a TrueType, OpenType, WOFF or WOFF2 font".to_string()));
}

#[test]
fn the_default_faces_are_found_on_debian_macos_or_windows_and_missing_ones_are_told() {
    use wxemu_view::fonts::{default_faces, FontError};
    let a_font = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").expect("fonts-dejavu-core is installed");
    let desktop = |files: &[&str]| {
        let root = tempfile::tempdir().unwrap();
        for file in files {
            let path = root.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &a_font).unwrap();
        }
        root
    };
    let mac = desktop(&["System/Library/Fonts/PingFang.ttc", "System/Library/Fonts/Apple Color Emoji.ttc"]);
    let (faces, files) = default_faces(mac.path()).unwrap();
    assert_eq!((faces.families[0], files.len()), ("PingFang SC", 2), "the symbols face is optional");
    assert!(Fonts::load(&files).is_ok());
    let windows = desktop(&["Windows/Fonts/msyh.ttc"]);
    assert_eq!(default_faces(windows.path()).unwrap().0.families[0], "Microsoft YaHei");
    let both = desktop(&["Windows/Fonts/msyh.ttc", "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]);
    assert_eq!(default_faces(both.path()).unwrap().0.families[0], "Noto Sans CJK SC", "Debian's come first (CI's pictures)");
    let bare = desktop(&[]);
    let error = default_faces(bare.path()).unwrap_err();
    assert!(matches!(error, FontError::NoDefaults));
    assert!(error.to_string().contains("apt-get install fonts-noto-cjk"), "{error}");
}
