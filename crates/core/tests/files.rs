//! The file APIs (tests/apps/calls): wx.getFileSystemManager() with callbacks and Sync, the
//! saved-file APIs, encodings, the platform's errors, and a sandbox no path escapes.

use serde_json::{json, Value as Json};
use std::path::Path;
use wxemu_core::{LaunchOptions, Simulator};

mod calls;
use calls::{app_dir, eval, seen};

/// The app with its files in `files` (so the test can look at and plant things there).
fn launch(files: &Path) -> Simulator {
    Simulator::launch(&app_dir(), LaunchOptions { files: Some(files.to_path_buf()), ..LaunchOptions::default() }).expect("the app launches")
}

/// Runs `body` (statements using `fs`) and returns the message it threw, or its result.
fn attempt(sim: &mut Simulator, body: &str) -> Json {
    eval(sim, &format!("() => {{ const fs = wx.getFileSystemManager(); try {{ {body} }} catch (e) {{ return 'threw ' + e.message }} }}"))
}

#[test]
fn files_are_written_and_read_back_in_every_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let mut sim = launch(dir.path());
    assert_eq!(eval(&mut sim, "() => wx.env.USER_DATA_PATH"), "wxfile://usr");
    let read = attempt(
        &mut sim,
        r#"
        const p = wx.env.USER_DATA_PATH + '/notes.txt'
        fs.writeFileSync(p, '你好, wx', 'utf8')
        fs.appendFileSync(p, '!')
        return [fs.readFileSync(p, 'utf8'), fs.readFileSync(p, 'base64'), fs.readFileSync(p, 'hex').slice(0, 6), fs.readFileSync(p, 'utf8', 8, 2)]
    "#,
    );
    assert_eq!(read, json!(["你好, wx!", "5L2g5aW9LCB3eCE=", "e4bda0", "wx"]));
    assert_eq!(std::fs::read_to_string(dir.path().join("usr/notes.txt")).unwrap(), "你好, wx!", "the file is in the folder behind USER_DATA_PATH");
    let binary = attempt(
        &mut sim,
        r#"
        const p = wx.env.USER_DATA_PATH + '/b.bin'
        fs.writeFileSync(p, new Uint8Array([1, 2, 250]).buffer)
        fs.writeFileSync(wx.env.USER_DATA_PATH + '/c.bin', 'AQL6', 'base64')
        const a = fs.readFileSync(p), c = fs.readFileSync(wx.env.USER_DATA_PATH + '/c.bin')
        return [a instanceof ArrayBuffer, Array.from(new Uint8Array(a)), Array.from(new Uint8Array(c))]
    "#,
    );
    assert_eq!(binary, json!([true, [1, 2, 250], [1, 2, 250]]));
    eval(
        &mut sim,
        r#"() => {
        const fs = wx.getFileSystemManager()
        const r = fs.readFile({ filePath: wx.env.USER_DATA_PATH + '/notes.txt', encoding: 'utf8', ...callbacks('read') })
        globalThis.returned = r === undefined
        fs.readFile({ filePath: wx.env.USER_DATA_PATH + '/none.txt', ...callbacks('missing') })
        fs.writeFile({ filePath: '/app.js', data: 'x', ...callbacks('package') })
        fs.readFile({ filePath: 7, ...callbacks('bad') })
    }"#,
    );
    assert_eq!(eval(&mut sim, "() => returned"), true, "FileSystemManager methods return no Promise");
    sim.advance(0);
    assert_eq!(
        seen(&mut sim),
        [
            ("read success".to_string(), json!({"data": "你好, wx!", "errMsg": "readFile:ok"})),
            ("missing fail".to_string(), json!({"errMsg": "readFile:fail no such file or directory, open wxfile://usr/none.txt"})),
            ("package fail".to_string(), json!({"errMsg": "writeFile:fail permission denied, open /app.js"})),
            ("bad fail".to_string(), json!({"errMsg": "readFile:fail parameter error: parameter.filePath should be String instead of Number;"})),
        ]
    );
    assert_eq!(attempt(&mut sim, "return fs.readFileSync('/app.js', 'utf8')"), "App({})\n", "the code package is readable");
}

#[test]
fn folders_are_made_listed_inspected_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut sim = launch(dir.path());
    let listing = attempt(
        &mut sim,
        r#"
        const u = wx.env.USER_DATA_PATH
        fs.mkdirSync(u + '/a/b/c', true)
        fs.writeFileSync(u + '/a/one.txt', '1')
        fs.copyFileSync(u + '/a/one.txt', u + '/a/b/two.txt')
        fs.renameSync(u + '/a/b/two.txt', u + '/a/b/three.txt')
        const st = fs.statSync(u + '/a/one.txt')
        const all = fs.statSync(u + '/a', true)
        return [fs.readdirSync(u + '/a'), fs.readdirSync(u + '/a/b'), st.size, st.isFile(), st.isDirectory(), Object.keys(all), all['/b'].isDirectory()]
    "#,
    );
    assert_eq!(listing, json!([["b", "one.txt"], ["c", "three.txt"], 1, true, false, ["/", "/b", "/b/c", "/b/three.txt", "/one.txt"], true]));
    let errors = [
        ("fs.mkdirSync(wx.env.USER_DATA_PATH + '/a')", "threw mkdirSync:fail file already exists wxfile://usr/a"),
        ("fs.mkdirSync(wx.env.USER_DATA_PATH + '/x/y')", "threw mkdirSync:fail no such file or directory wxfile://usr/x/y"),
        ("fs.rmdirSync(wx.env.USER_DATA_PATH + '/a')", "threw rmdirSync:fail directory not empty"),
        ("fs.unlinkSync(wx.env.USER_DATA_PATH + '/a/b')", "threw unlinkSync:fail operation not permitted, unlink wxfile://usr/a/b"),
        ("fs.readdirSync(wx.env.USER_DATA_PATH + '/a/one.txt')", "threw readdirSync:fail not a directory wxfile://usr/a/one.txt"),
        ("fs.accessSync(wx.env.USER_DATA_PATH + '/nope')", "threw accessSync:fail no such file or directory wxfile://usr/nope"),
        ("fs.appendFileSync(wx.env.USER_DATA_PATH + '/nope', 'x')", "threw appendFileSync:fail no such file or directory, open wxfile://usr/nope"),
        ("fs.copyFileSync('/app.js', '/copy.js')", "threw copyFileSync:fail permission denied, copyFile /app.js -> /copy.js"),
    ];
    for (call, expected) in errors {
        assert_eq!(attempt(&mut sim, call), expected, "{call}");
    }
    assert_eq!(attempt(&mut sim, "fs.rmdirSync(wx.env.USER_DATA_PATH + '/a', true); return fs.readdirSync(wx.env.USER_DATA_PATH)"), json!([]));
}

#[test]
fn no_path_escapes_the_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let mut sim = launch(dir.path());
    std::os::unix::fs::symlink(outside.path(), dir.path().join("usr/link")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("usr/secret-link")).unwrap();
    let secret = outside.path().join("secret.txt").display().to_string();
    let attempts = [
        "fs.readFileSync(wx.env.USER_DATA_PATH + '/../../secret.txt', 'utf8')".to_string(),
        "fs.readFileSync(wx.env.USER_DATA_PATH + '/link/secret.txt', 'utf8')".to_string(),
        "fs.readFileSync(wx.env.USER_DATA_PATH + '/secret-link', 'utf8')".to_string(),
        "fs.writeFileSync(wx.env.USER_DATA_PATH + '/link/planted.txt', 'x')".to_string(),
        "fs.readFileSync('../../../../../../etc/passwd', 'utf8')".to_string(),
        format!("fs.readFileSync('file://{secret}', 'utf8')"),
        "fs.readdirSync('wxfile://tmp_/../usr/..')".to_string(),
        "fs.writeFileSync('/pages/index/index.js', 'hacked')".to_string(),
    ];
    for attempt_js in &attempts {
        let got = attempt(&mut sim, &format!("return {attempt_js}"));
        let text = got.as_str().unwrap_or_default();
        assert!(text.starts_with("threw ") && text.contains(":fail permission denied"), "{attempt_js} → {got}");
    }
    // An absolute host path is a path in the code package, where there is no such file.
    assert_eq!(attempt(&mut sim, &format!("return fs.readFileSync('{secret}', 'utf8')")), format!("threw readFileSync:fail no such file or directory, open {secret}"));
    assert!(!outside.path().join("planted.txt").exists());
    assert!(!std::fs::read_to_string(app_dir().join("pages/index/index.js")).unwrap().contains("hacked"));
}

/// A zip archive with `entries` (name → text).
fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, text) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A zip bomb: one entry of 250 MB of zeros (a quarter of a megabyte compressed) whose
/// headers declare 10 bytes.
fn lying_zip() -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("zeros.bin", zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)).unwrap();
    let block = vec![0u8; 1 << 20];
    for _ in 0..250 {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap();
    let mut bytes = out.into_inner();
    let declare_ten = |bytes: &mut Vec<u8>, signature: [u8; 4], size_at: usize| {
        let at = bytes.windows(4).position(|w| w == signature).unwrap() + size_at;
        bytes[at..at + 4].copy_from_slice(&10u32.to_le_bytes());
    };
    declare_ten(&mut bytes, [0x50, 0x4b, 0x03, 0x04], 22);
    declare_ten(&mut bytes, [0x50, 0x4b, 0x01, 0x02], 24);
    bytes
}

#[test]
fn unzip_stops_where_the_declared_size_ends() {
    let dir = tempfile::tempdir().unwrap();
    let mut sim = launch(dir.path());
    let bomb = lying_zip();
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    std::fs::write(dir.path().join("usr/bomb.zip"), bomb).unwrap();
    eval(&mut sim, "() => wx.getFileSystemManager().unzip({ zipFilePath: wx.env.USER_DATA_PATH + '/bomb.zip', targetPath: wx.env.USER_DATA_PATH, ...callbacks('unzip') })");
    sim.advance(0);
    // The reader stops where the declared size ends (wxemu's own stop, at the room left in
    // the storage, stands behind it).
    assert_eq!(seen(&mut sim), [("unzip fail".to_string(), json!({"errMsg": "unzip:fail File is larger than its declared uncompressed size"}))]);
    assert!(!dir.path().join("usr/zeros.bin").exists(), "nothing is written");
}

#[test]
fn saved_files_zips_and_file_info() {
    // (wx.saveFile and the other wx-level saved-file APIs are gone from the current
    // typings, so from wx; the FileSystemManager has them all.)
    let dir = tempfile::tempdir().unwrap();
    let mut sim = launch(dir.path());
    std::fs::write(dir.path().join("tmp/photo.png"), [1, 2, 3]).unwrap();
    std::fs::write(dir.path().join("usr/good.zip"), zip_of(&[("docs/a.txt", "A"), ("b.txt", "B")])).unwrap();
    std::fs::write(dir.path().join("usr/evil.zip"), zip_of(&[("../../evil.txt", "E")])).unwrap();
    eval(
        &mut sim,
        r#"() => {
        const fs = wx.getFileSystemManager()
        fs.getFileInfo({ filePath: 'wxfile://tmp_photo.png', ...callbacks('info before') })
        fs.unzip({ zipFilePath: wx.env.USER_DATA_PATH + '/good.zip', targetPath: wx.env.USER_DATA_PATH, ...callbacks('unzip') })
        fs.unzip({ zipFilePath: wx.env.USER_DATA_PATH + '/evil.zip', targetPath: wx.env.USER_DATA_PATH, ...callbacks('evil unzip') })
    }"#,
    );
    sim.advance(0);
    let got = seen(&mut sim);
    assert_eq!(got[0], ("info before success".to_string(), json!({"size": 3, "digest": "5289df737df57326fcdd22597afb1fac", "errMsg": "getFileInfo:ok"})));
    assert_eq!(got[1], ("unzip success".to_string(), json!({"errMsg": "unzip:ok"})));
    assert_eq!(got[2].1["errMsg"], "unzip:fail permission denied, unzip wxfile://usr/evil.zip -> wxfile://usr");
    assert_eq!(std::fs::read_to_string(dir.path().join("usr/docs/a.txt")).unwrap(), "A");
    assert!(!dir.path().join("evil.txt").exists() && !dir.path().parent().unwrap().join("evil.txt").exists());
    assert_eq!(attempt(&mut sim, "return fs.saveFileSync('wxfile://tmp_photo.png')"), "wxfile://store_1.png");
    assert!(!dir.path().join("tmp/photo.png").exists(), "saving moves the temp file");
    eval(
        &mut sim,
        r#"() => {
        const fs = wx.getFileSystemManager()
        fs.getSavedFileList(callbacks('list'))
        fs.getFileInfo({ filePath: 'wxfile://store_1.png', digestAlgorithm: 'sha256', ...callbacks('saved info') })
        fs.removeSavedFile({ filePath: 'wxfile://store_1.png', ...callbacks('remove') })
        fs.removeSavedFile({ filePath: 'wxfile://store_1.png', ...callbacks('remove again') })
        fs.getFileInfo({ filePath: 'wxfile://tmp_photo.png', ...callbacks('info after') })
    }"#,
    );
    sim.advance(0);
    let got = seen(&mut sim);
    assert_eq!(got[0].1["fileList"][0]["filePath"], "wxfile://store_1.png");
    assert_eq!(got[0].1["fileList"][0]["size"], 3);
    assert_eq!(got[1].1["digest"], "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
    assert_eq!(got[2].1, json!({"errMsg": "removeSavedFile:ok"}));
    assert_eq!(got[3].1, json!({"errMsg": "removeSavedFile:fail file not exist"}));
    assert_eq!(got[4].1, json!({"errMsg": "getFileInfo:fail file not exist"}));
}

#[test]
fn chosen_images_become_temp_files_the_app_can_show_and_inspect() {
    let picture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps/image-events/images/pattern.png").canonicalize().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut sim = launch(dir.path());
    eval(&mut sim, "() => { wx.chooseImage({ count: 1, ...callbacks('image') }); wx.chooseImage(callbacks('cancelled')) }");
    sim.answer_dialog(true, Some(json!([picture.display().to_string(), "/second/is/beyond/count"]))).unwrap();
    sim.answer_dialog(false, None).unwrap();
    let got = seen(&mut sim);
    assert_eq!(
        got[0],
        (
            "image success".to_string(),
            json!({"tempFilePaths": ["wxfile://tmp_1.png"], "tempFiles": [{"path": "wxfile://tmp_1.png", "size": std::fs::metadata(&picture).unwrap().len()}], "errMsg": "chooseImage:ok"})
        )
    );
    assert_eq!(got[1].1, json!({"errMsg": "chooseImage:fail cancel"}));
    eval(&mut sim, "() => { wx.getImageInfo({ src: 'wxfile://tmp_1.png', ...callbacks('info') }); wx.getImageInfo({ src: 'wxfile://tmp_9.png', ...callbacks('missing') }) }");
    let got = seen(&mut sim);
    assert_eq!(got[0].1, json!({"width": 64, "height": 64, "path": "wxfile://tmp_1.png", "orientation": "up", "type": "png", "errMsg": "getImageInfo:ok"}));
    assert_eq!(got[1].1, json!({"errMsg": "getImageInfo:fail image not found wxfile://tmp_9.png"}));

    let answers = wxemu_core::parse_answers(&format!("choose={}", picture.display())).unwrap();
    let mut policy = Simulator::launch(&app_dir(), LaunchOptions { answers, ..LaunchOptions::default() }).unwrap();
    eval(&mut policy, "() => wx.chooseMedia({ mediaType: ['image'] }).then(record('media'))");
    policy.advance(0);
    assert_eq!(seen(&mut policy)[0].1["tempFiles"][0]["fileType"], "image");
}

#[test]
fn file_system_manager_members_wxemu_lacks_fail_loudly() {
    let dir = tempfile::tempdir().unwrap();
    let mut sim = launch(dir.path());
    assert_eq!(attempt(&mut sim, "return fs.openSync({ filePath: wx.env.USER_DATA_PATH + '/a' })"), "threw not supported by wxemu yet: FileSystemManager.openSync");
    assert_eq!(attempt(&mut sim, "return typeof fs.noSuchMethod"), "undefined", "what the platform does not have stays undefined");
}
