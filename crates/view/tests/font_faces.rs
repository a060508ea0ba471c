//! Fonts from `@font-face`: TrueType and WOFF data register under the rule's family name;
//! WOFF2 and what is not a font are refused with a reason.

use base64::Engine;
use wxemu_view::fonts::Fonts;

/// The base64 payloads of the visual suite's font-face page: (TTF, WOFF).
fn fixture_fonts() -> (Vec<u8>, Vec<u8>) {
    let wxss = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/visual/app/pages/font-face/font-face.wxss")).unwrap();
    let payload = |marker: &str| {
        let start = wxss.find(marker).unwrap() + marker.len();
        let end = start + wxss[start..].find('\'').unwrap();
        base64::engine::general_purpose::STANDARD.decode(&wxss[start..end]).unwrap()
    };
    (payload("data:font/ttf;base64,"), payload("data:application/font-woff;charset=utf-8;base64,"))
}

#[test]
fn ttf_and_woff_fonts_register_and_others_are_refused() {
    let (ttf, woff) = fixture_fonts();
    assert_eq!(&woff[..4], b"wOFF");
    let mut fonts = Fonts::load(&[]).unwrap();
    assert_eq!(fonts.add_face("iconfont", ttf), Ok(()));
    assert_eq!(fonts.add_face("icons-woff", woff.clone()), Ok(()));
    let mut damaged = woff;
    damaged.truncate(damaged.len() / 2);
    assert_eq!(fonts.add_face("broken", damaged), Err("a damaged WOFF font".to_string()));
    assert!(fonts.add_face("next", b"wOF2 and more".to_vec()).unwrap_err().contains("not supported by wxemu yet: WOFF2"));
    assert_eq!(fonts.add_face("text", b"hello, not a font".to_vec()), Err("not a TrueType, OpenType or WOFF font".to_string()));
}
