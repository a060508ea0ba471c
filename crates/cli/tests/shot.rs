//! `wxemu shot` writes a PNG of the page for the chosen device; unknown devices are refused
//! with the list of known ones.

use std::path::Path;
use std::process::Command;

fn shot(args: &[&str]) -> (bool, Option<(u32, u32)>, String) {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/todo");
    let out_file = tempfile::NamedTempFile::new().unwrap().into_temp_path();
    // The todo app keeps its list in storage: a data folder of its own starts it afresh.
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).env("WXEMU_DATA_DIR", data.path()).arg("shot").arg(&app).arg("-o").arg(&out_file).args(args).output().expect("wxemu runs");
    let size = std::fs::read(&out_file).ok().and_then(|b| wxemu_render::decode_png(&b)).map(|p| (p.width() as u32, p.height() as u32));
    (out.status.success(), size, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_picture_has_the_devices_size_in_device_pixels() {
    let (ok, size, stderr) = shot(&[]);
    assert!(ok, "{stderr}");
    assert_eq!(size, Some((750, 1334)), "iPhone 6 by default: 375×667 at 2x");
    let (ok, size, stderr) = shot(&["--device", "iphone-x", "--theme", "dark"]);
    assert!(ok, "{stderr}");
    assert_eq!(size, Some((1125, 2436)), "375×812 at 3x");
    let (ok, size, stderr) = shot(&["--device", "Android"]);
    assert!(ok, "{stderr}");
    assert_eq!(size, Some((1081, 2341)), "Pixel 5: 393×851 at 2.75x, rounded up");
}

#[test]
fn an_unknown_device_is_refused_with_the_known_ones() {
    let (ok, _, stderr) = shot(&["--device", "Nokia 3310"]);
    assert!(!ok);
    assert!(stderr.contains("unknown device `Nokia 3310`; known devices: iPhone 6/7/8, iPhone 6/7/8 Plus, iPhone X, "), "{stderr}");
}

#[test]
fn the_gpu_renderer_draws_what_the_cpu_rasterizer_draws() {
    // vello on wgpu (here the software Vulkan driver, lavapipe) against vello_cpu, on pages
    // with gradients, shadows, borders, transforms, clips, opacity, images and text.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data = tempfile::tempdir().unwrap();
    let pages = [
        ("tests/visual/app", "pages/backgrounds/backgrounds"),
        ("tests/visual/app", "pages/transforms/transforms"),
        ("tests/visual/app", "pages/clipping/clipping"),
        ("sample-apps/gallery", "pages/media/media"),
    ];
    for (app, page) in pages {
        let name = page.rsplit('/').next().unwrap();
        let picture = |renderer: &str| {
            let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{renderer}.png"));
            let out = Command::new(env!("CARGO_BIN_EXE_wxemu"))
                .env("WXEMU_DATA_DIR", data.path())
                .arg("shot")
                .arg(root.join(app))
                .args(["--page", page, "--renderer", renderer, "-o"])
                .arg(&file)
                .output()
                .expect("wxemu runs");
            assert!(out.status.success(), "{page} --renderer {renderer}: {}", String::from_utf8_lossy(&out.stderr));
            wxemu_render::decode_png(&std::fs::read(&file).unwrap()).unwrap()
        };
        let (cpu, gpu) = (picture("cpu"), picture("gpu"));
        let psnr = wxemu_render::psnr(&cpu, &gpu).expect("both pictures have the device's size");
        eprintln!("{page}: PSNR of --renderer gpu against cpu: {psnr:.1} dB");
        assert!(psnr > 30.0, "{page}: the GPU's picture is far from the CPU's: {psnr:.1} dB");
    }
}
