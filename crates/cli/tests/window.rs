//! `wxemu run` under Xvfb, driven by real X input (xdotool) and photographed from the X
//! server (ImageMagick's `import`): adding (typed, cut and pasted) and completing a todo
//! shows the same picture as `wxemu shot` of the state it leaves in storage, and saving a
//! .wxss file restyles the window within a second; Chinese typed through a real input
//! method. Needs Xvfb, xdotool, ImageMagick, a Vulkan driver (lavapipe), and for the input
//! method dbus, ibus and ibus-libpinyin.

use serde_json::Value as Json;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use wxemu_render::{decode_png, differing_pixels, Pixmap};

/// The window's scale: 2 window px per CSS px, as `wxemu shot` draws an iPhone 6.
const SCALE: f32 = 2.0;
/// Where the page starts on an iPhone 6: the status bar (20 px) and navigation bar (44 px).
const PAGE_TOP: f32 = 64.0;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A virtual X display, gone when dropped.
struct Display {
    server: Child,
    name: String,
}

impl Display {
    fn start() -> Display {
        let mut xvfb = Command::new("Xvfb");
        xvfb.args(["-displayfd", "1", "-screen", "0", "1280x1500x24", "-nolisten", "tcp"]);
        let (server, number) = first_line(xvfb, "Xvfb runs (apt-get install xvfb)");
        Display { server, name: format!(":{number}") }
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("DISPLAY", &self.name);
        command
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let out = self.command("xdotool").args(args).output().expect("xdotool runs (apt-get install xdotool)");
        assert!(out.status.success(), "xdotool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// What the window shows, read from the X server.
    fn capture(&self, window: &str) -> Pixmap {
        let out = self.command("import").args(["-window", window, "png:-"]).output().expect("import runs (apt-get install imagemagick)");
        assert!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
        decode_png(&out.stdout).expect("import writes a PNG")
    }
}

/// `command` started (its log dropped), and the first line it prints: where a server it
/// starts is found. `needs` says what to install when it does not start.
fn first_line(mut command: Command, needs: &str) -> (Child, String) {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect(needs);
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    (child, line.trim().to_string())
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// `wxemu run` on a display, with the lines it prints.
struct Window {
    process: Child,
    id: String,
    lines: mpsc::Receiver<String>,
}

impl Window {
    /// The window, its process given `env` too.
    fn open(display: &Display, project: &Path, data: &Path, env: &[(&str, String)]) -> Window {
        let mut process = display
            .command(env!("CARGO_BIN_EXE_wxemu"))
            .arg("run")
            .arg(project)
            .args(["--scale", "2", "--renderer", "cpu"])
            .env("WXEMU_DATA_DIR", data)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stderr(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Both streams' lines, in the order they come.
        let (sender, lines) = mpsc::channel();
        let (stdout, stderr) = (process.stdout.take().unwrap(), process.stderr.take().unwrap());
        let forward = |stream: Box<dyn Read + Send>, sender: mpsc::Sender<String>| {
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    eprintln!("[wxemu run] {line}");
                    let _ = sender.send(line);
                }
            })
        };
        forward(Box::new(stdout), sender.clone());
        forward(Box::new(stderr), sender);
        let mut window = Window { process, id: String::new(), lines };
        window.wait_for("first frame", Duration::from_secs(60));
        window.id = display.xdotool(&["search", "--sync", "--name", "wxemu"]).lines().next().unwrap().to_string();
        display.xdotool(&["windowfocus", "--sync", &window.id]);
        window
    }

    /// Waits for a line containing `text`; returns it.
    fn wait_for(&mut self, text: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(_) => {
                    let status = self.process.try_wait().ok().flatten();
                    panic!("wxemu run printed no `{text}` within {limit:?} (exit status: {status:?})");
                }
            }
        }
    }

    /// A click at (x, y) CSS px of the phone screen.
    fn click(&self, display: &Display, at: (f32, f32)) {
        self.pointer(display, at, &["click", "1"]);
    }

    /// The mouse moved to (x, y) CSS px of the phone screen, then `then` (more xdotool).
    fn pointer(&self, display: &Display, (x, y): (f32, f32), then: &[&str]) {
        let (x, y) = (((x * SCALE) as i32).to_string(), ((y * SCALE) as i32).to_string());
        display.xdotool(&[&["mousemove", "--window", &self.id, &x, &y][..], then].concat());
    }

    /// The lines printed within `time`.
    fn lines_for(&mut self, time: Duration) -> Vec<String> {
        let deadline = Instant::now() + time;
        std::iter::from_fn(|| self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())).ok()).collect()
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// A copy of a sample app, to edit and to keep storage of its own.
fn copy_of(sample: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("cp").arg("-r").arg(root().join("sample-apps").join(sample).join(".")).arg(dir.path()).status().unwrap();
    assert!(status.success());
    dir
}

/// The centres on the phone screen of the laid-out elements `pick` chooses, in document
/// order, by `wxemu dump --layout`.
fn centres(project: &Path, data: &Path, pick: &dyn Fn(&Json) -> bool) -> Vec<(f32, f32)> {
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).args(["dump", "--layout"]).arg(project).env("WXEMU_DATA_DIR", data).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tree: Json = serde_json::from_slice(&out.stdout).unwrap();
    fn walk(nodes: &Json, pick: &dyn Fn(&Json) -> bool, found: &mut Vec<(f32, f32)>) {
        for node in nodes.as_array().into_iter().flatten() {
            if let Some(b) = node["box"].as_array().filter(|_| pick(node)) {
                let n = |i: usize| b[i].as_f64().unwrap() as f32;
                found.push((n(0) + n(2) / 2.0, PAGE_TOP + n(1) + n(3) / 2.0));
            }
            walk(&node["children"], pick, found);
        }
    }
    let mut found = Vec::new();
    walk(&tree, pick, &mut found);
    found
}

/// A todo sample of its own (files and storage) in a window on a display of its own.
struct Todo {
    window: Window,
    app: tempfile::TempDir,
    data: tempfile::TempDir,
    display: Display,
}

impl Todo {
    fn open() -> Todo {
        Todo::open_on(Display::start(), &[])
    }

    /// On `display`, the window's process given `env` too.
    fn open_on(display: Display, env: &[(&str, String)]) -> Todo {
        let (app, data) = (copy_of("todo"), tempfile::tempdir().unwrap());
        let window = Window::open(&display, app.path(), data.path(), env);
        Todo { window, app, data, display }
    }
}

fn save(picture: &Pixmap, name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, wxemu_render::encode_png(picture.clone())).unwrap();
    path
}

#[test]
fn a_todo_added_and_completed_in_the_window_looks_as_wxemu_shot_draws_it() {
    let Todo { display, window, app, data } = Todo::open();
    let draft = centres(app.path(), data.path(), &|node| node["attrs"]["class"] == "draft")[0];
    window.click(&display, draft);
    // "milk" cut to the clipboard, "Buy " typed, the clipboard pasted after it: "Buy milk"
    // only if typing, select-all, cut and paste all work.
    display.xdotool(&["type", "--delay", "20", "milk"]);
    display.xdotool(&["key", "ctrl+a", "ctrl+x"]);
    display.xdotool(&["type", "--delay", "20", "Buy "]);
    display.xdotool(&["key", "ctrl+v", "Return"]);
    assert!(eventually(|| stored_todo(app.path(), data.path(), "Buy milk") == Some(false)), "Enter added the typed todo");
    // The new item is the fourth: its checkbox is laid out below the three before it.
    let boxes = centres(app.path(), data.path(), &|node| node["tag"] == "checkbox");
    assert_eq!(boxes.len(), 4, "four todos are laid out: {boxes:?}");
    window.click(&display, boxes[3]);
    assert!(eventually(|| stored_todo(app.path(), data.path(), "Buy milk") == Some(true)), "the click on its checkbox completed it");

    // What `wxemu shot` draws of the stored state, and what the window shows.
    let expected_file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shot-todo.png");
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("shot").arg(app.path()).arg("-o").arg(&expected_file).env("WXEMU_DATA_DIR", data.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected = decode_png(&std::fs::read(&expected_file).unwrap()).unwrap();
    let mut shown = display.capture(&window.id);
    let same = |shown: &Pixmap| differing_pixels(&expected, shown).is_some_and(|(_, share)| share < 0.001);
    // The window repaints as the app's setData arrives: give it a moment under load.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !same(&shown) && Instant::now() < deadline {
        shown = display.capture(&window.id);
    }
    let shown_file = save(&shown, "window-todo.png");
    let (count, share) =
        differing_pixels(&expected, &shown).unwrap_or_else(|| panic!("the window ({}×{}) has the shot's size ({}×{})", shown.width(), shown.height(), expected.width(), expected.height()));
    eprintln!("{count} pixels differ between the window and wxemu shot");
    assert!(share < 0.001, "{count} pixels ({:.3}%) differ between the window ({}) and wxemu shot ({})", share * 100.0, shown_file.display(), expected_file.display());
}

/// Whether `condition` comes true within 5 s.
fn eventually(condition: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !condition() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

/// Whether the stored todo titled `title` is done (None: no such todo is stored).
fn stored_todo(project: &Path, data: &Path, title: &str) -> Option<bool> {
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("storage").arg(project).args(["get", "todos"]).env("WXEMU_DATA_DIR", data).output().unwrap();
    let todos: Json = serde_json::from_slice(&out.stdout).ok()?;
    todos.as_array()?.iter().find(|t| t["title"] == title).and_then(|t| t["done"].as_bool())
}

#[test]
fn saving_a_wxss_file_restyles_the_window_within_a_second() {
    let Todo { display, mut window, app, data: _data } = Todo::open();
    let red = |p: &Pixmap| p.data().iter().filter(|c| (c.r, c.g, c.b) == (255, 0, 0)).count();
    let before = display.capture(&window.id);
    assert_eq!(red(&before), 0, "nothing is pure red before the edit");
    let sheet = app.path().join("pages/index/index.wxss");
    let mut wxss = String::new();
    std::fs::File::open(&sheet).unwrap().read_to_string(&mut wxss).unwrap();
    std::fs::write(&sheet, format!("{wxss}\n.summary {{ background-color: #ff0000; }}\n")).unwrap();
    let saved = Instant::now();
    let after = loop {
        let shown = display.capture(&window.id);
        if red(&shown) > 1000 || saved.elapsed() > Duration::from_secs(3) {
            break shown;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let took = saved.elapsed();
    eprintln!("the window showed the new style {} ms after the save", took.as_millis());
    let after_file = save(&after, "window-restyled.png");
    assert!(red(&after) > 1000, "the summary turned red in the window ({})", after_file.display());
    assert!(took < Duration::from_secs(1), "the window showed the new style {took:?} after the save");
    let line = window.wait_for("changed: restyled", Duration::from_secs(1));
    assert!(line.contains("pages/index/index.wxss"), "{line}");
}

#[test]
fn developer_keys_switch_the_device_print_the_page_data_and_show_the_console() {
    // The sample's folder and storage stay while the window runs.
    let Todo { display, mut window, app: _app, data: _data } = Todo::open();
    let size =
        |display: &Display, id: &str| display.xdotool(&["getwindowgeometry", "--shell", id]).lines().filter(|l| l.starts_with("WIDTH=") || l.starts_with("HEIGHT=")).collect::<Vec<_>>().join(" ");
    assert_eq!(size(&display, &window.id), "WIDTH=750 HEIGHT=1334", "an iPhone 6 at 2x");
    // F9: the page's data (AppData) on stdout.
    display.xdotool(&["key", "F9"]);
    window.wait_for("page data of pages/index/index:", Duration::from_secs(5));
    window.wait_for(r#""title": "Write a page test""#, Duration::from_secs(5));
    // F12: the console panel over the lower part of the screen (dark, where the page is light).
    let dark = |p: &Pixmap| {
        (0..p.width())
            .step_by(10)
            .filter(|&x| {
                let c = p.sample(x, p.height() - 100);
                c.r < 60 && c.g < 60 && c.b < 60
            })
            .count()
    };
    assert_eq!(dark(&display.capture(&window.id)), 0);
    display.xdotool(&["key", "F12"]);
    let deadline = Instant::now() + Duration::from_secs(2);
    while dark(&display.capture(&window.id)) < 70 && Instant::now() < deadline {}
    assert!(dark(&display.capture(&window.id)) >= 70, "the console panel shows");
    // F7: the next device, the window resized to it.
    display.xdotool(&["key", "F7"]);
    let deadline = Instant::now() + Duration::from_secs(5);
    while size(&display, &window.id) == "WIDTH=750 HEIGHT=1334" && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(size(&display, &window.id), "WIDTH=828 HEIGHT=1472", "an iPhone 6 Plus (414×736) at the same scale");
}

/// An overlay is a dark panel over the top of the screen, where the todo page is light.
fn overlay(p: &Pixmap) -> bool {
    (0..p.width())
        .step_by(10)
        .filter(|&x| {
            let c = p.sample(x, 230);
            c.r < 60 && c.g < 60 && c.b < 60
        })
        .count()
        > 60
}

#[test]
fn a_save_with_a_syntax_error_shows_where_it_is_and_the_app_as_it_was_keeps_working() {
    let Todo { display, mut window, app, data } = Todo::open();
    let script = app.path().join("pages/index/index.js");
    let good = std::fs::read_to_string(&script).unwrap();
    assert!(!overlay(&display.capture(&window.id)));
    let boxes = centres(app.path(), data.path(), &|node| node["tag"] == "checkbox");
    std::fs::write(&script, format!("{good}\nconst broken = (\n")).unwrap();
    window.wait_for("pages/index/index.js changed, with errors", Duration::from_secs(5));
    let place = window.wait_for("pages/index/index.js:", Duration::from_secs(1));
    assert!(place.contains("SyntaxError"), "{place}");
    assert!(eventually(|| overlay(&display.capture(&window.id))), "the overlay shows");
    save(&display.capture(&window.id), "window-error-overlay.png");
    // Under it the app as it was still takes taps: the second todo gets done and stored.
    window.click(&display, boxes[1]);
    assert!(eventually(|| stored_todo(app.path(), data.path(), "Write a page test") == Some(true)), "the running app took the tap");
    std::fs::write(&script, good).unwrap();
    window.wait_for("pages/index/index.js changed: relaunched", Duration::from_secs(5));
    assert!(eventually(|| !overlay(&display.capture(&window.id))), "the overlay goes once the file is fixed");
}

#[test]
fn an_internal_error_stops_the_app_and_the_window_lives_on() {
    let Todo { display, mut window, app, data } = Todo::open_on(Display::start(), &[("WXEMU_TEST_TAP_PANICS", "1".to_string())]);
    let boxes = centres(app.path(), data.path(), &|node| node["tag"] == "checkbox");
    assert!(!overlay(&display.capture(&window.id)));
    window.click(&display, boxes[0]);
    let line = window.wait_for("wxemu hit an internal error and stopped the app", Duration::from_secs(5));
    assert!(line.contains("WXEMU_TEST_TAP_PANICS"), "{line}");
    assert!(eventually(|| overlay(&display.capture(&window.id))), "the overlay shows");
    save(&display.capture(&window.id), "window-internal-error.png");
    // The window still answers: a save starts the app again.
    let script = app.path().join("pages/index/index.js");
    std::fs::write(&script, std::fs::read_to_string(&script).unwrap()).unwrap();
    assert!(eventually(|| !overlay(&display.capture(&window.id))), "the app runs again after a save");
    assert!(window.process.try_wait().unwrap().is_none(), "the window is still open");
}

#[test]
fn the_mouse_scrolls_with_its_wheel_drags_pages_and_swipers_holds_for_a_longpress_and_pulls_to_refresh() {
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let scroll = root().join("tests/apps/scroll");
    let mut window = Window::open(&display, &scroll, data.path(), &[]);
    // The rows start 240 px down the page: (10, 400) is over them, not the scroll-view.
    let rows = (10.0, PAGE_TOP + 400.0);
    let scrolled = |lines: &[String]| lines.iter().filter_map(|l| l.strip_prefix("console.log: onPageScroll ")?.parse::<f32>().ok()).collect::<Vec<_>>();
    // One notch of the wheel is 40 px. (Xvfb also turns xdotool's wheel button into a smooth
    // scroll event, which winit reports as a second notch.)
    window.pointer(&display, rows, &["click", "5"]);
    window.wait_for("onPageScroll 40", Duration::from_secs(5));
    let before = *scrolled(&window.lines_for(Duration::from_millis(300))).last().unwrap_or(&40.0);
    // A drag of 100 px up scrolls the page along (past the first 10 px, which tell a drag
    // from a tap), taps nothing, and flings on when it lets go moving.
    // (One xdotool run, so that the finger moves fast.)
    let (x, y) = (((rows.0 * SCALE) as i32).to_string(), rows.1 * SCALE);
    let mut gesture: Vec<String> = vec!["mousedown".into(), "1".into()];
    for step in 1..=10 {
        gesture.extend(["mousemove".into(), "--window".into(), window.id.clone(), x.clone(), ((y - 20.0 * step as f32) as i32).to_string(), "sleep".into(), "0.01".into()]);
    }
    gesture.extend(["mouseup".into(), "1".into()]);
    window.pointer(&display, rows, &gesture.iter().map(String::as_str).collect::<Vec<_>>());
    let lines = window.lines_for(Duration::from_millis(1500));
    let after = scrolled(&lines);
    assert!(after.iter().any(|&top| (before + 80.0..=before + 100.0).contains(&top)), "the drag scrolled along from {before}: {lines:?}");
    assert!(after.iter().any(|&top| top > before + 100.0), "the page flung on past the finger's 100 px: {lines:?}");
    assert!(!lines.iter().any(|l| l.contains("console.log: tap")), "a drag is no tap: {lines:?}");
    drop(window);

    // A drag along a swiper swipes it (the vertical one, 120 px below the 150 px banner, is
    // dragged 100 px up: to its next item) instead of scrolling the page.
    let swiper = root().join("tests/apps/swiper");
    let mut window = Window::open(&display, &swiper, data.path(), &[]);
    let manual = (180.0, PAGE_TOP + 210.0);
    let (x, y) = (((manual.0 * SCALE) as i32).to_string(), manual.1 * SCALE);
    let mut gesture: Vec<String> = vec!["mousedown".into(), "1".into()];
    for step in 1..=10 {
        gesture.extend(["mousemove".into(), "--window".into(), window.id.clone(), x.clone(), ((y - 10.0 * SCALE * step as f32) as i32).to_string(), "sleep".into(), "0.01".into()]);
    }
    gesture.extend(["mouseup".into(), "1".into()]);
    window.pointer(&display, manual, &gesture.iter().map(String::as_str).collect::<Vec<_>>());
    window.wait_for("console.log: change manual 1  touch", Duration::from_secs(5));
    drop(window);

    let hover = root().join("tests/apps/hover");
    let mut window = Window::open(&display, &hover, data.path(), &[]);
    window.pointer(&display, (5.0, PAGE_TOP + 5.0), &["mousedown", "1", "sleep", "0.6", "mouseup", "1"]);
    window.wait_for("console.log: longpress card", Duration::from_secs(5));
    let lines = window.lines_for(Duration::from_millis(300));
    assert!(!lines.iter().any(|l| l.contains("tap card")), "a handled longpress is no tap: {lines:?}");
    drop(window);

    // Dragged down at its top, a page that refreshes follows the finger over the refresh
    // area (the window's #eeeeee background), and refreshes when let go.
    let bars = root().join("tests/apps/bars");
    let mut window = Window::open(&display, &bars, data.path(), &[]);
    let window_background = |p: &Pixmap| {
        let c = p.sample(10, ((PAGE_TOP + 30.0) * SCALE) as u16);
        (c.r, c.g, c.b) == (0xee, 0xee, 0xee)
    };
    assert!(!window_background(&display.capture(&window.id)));
    let (x, y) = (((100.0 * SCALE) as i32).to_string(), (PAGE_TOP + 200.0) * SCALE);
    let mut gesture: Vec<String> = vec!["mousedown".into(), "1".into()];
    for step in 1..=12 {
        gesture.extend(["mousemove".into(), "--window".into(), window.id.clone(), x.clone(), ((y + 10.0 * SCALE * step as f32) as i32).to_string(), "sleep".into(), "0.02".into()]);
    }
    window.pointer(&display, (100.0, PAGE_TOP + 200.0), &gesture.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(eventually(|| window_background(&display.capture(&window.id))), "the page follows the finger down");
    assert!(!window.lines_for(Duration::from_millis(200)).iter().any(|l| l.contains("refreshing")), "no refresh while the finger is down");
    display.xdotool(&["mouseup", "1"]);
    window.wait_for("console.log: refreshing", Duration::from_secs(5));
}

/// An input method on a display: ibus with its pinyin engine (libpinyin) serving X input
/// method clients (XIM), in a D-Bus session and a home of its own (so it has learnt nothing
/// from earlier runs); gone when dropped.
struct InputMethod {
    bus: Child,
    daemon: Child,
    home: tempfile::TempDir,
    address: String,
}

impl InputMethod {
    fn start(display: &Display) -> InputMethod {
        let home = tempfile::tempdir().unwrap();
        let mut dbus = Command::new("dbus-daemon");
        dbus.args(["--session", "--nofork", "--print-address"]);
        let (bus, address) = first_line(dbus, "dbus-daemon runs (apt-get install dbus-daemon)");
        let mut method = InputMethod { bus, daemon: Command::new("true").spawn().unwrap(), home, address };
        method.daemon = method
            .command(display, "ibus-daemon")
            .args(["--xim", "--replace", "--panel", "disable", "--emoji-extension", "disable"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ibus-daemon runs (apt-get install ibus ibus-libpinyin)");
        // Ready once the pinyin engine is chosen and the XIM server is announced.
        let ready = || {
            // (`ibus engine NAME` exits with 1 even when it sets the engine: ask again.)
            let _ = method.command(display, "ibus").args(["engine", "libpinyin"]).output();
            let chosen = method.command(display, "ibus").arg("engine").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "libpinyin");
            let servers = display.command("xprop").args(["-root", "XIM_SERVERS"]).output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
            chosen && servers.contains("@server=ibus")
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !ready() {
            assert!(Instant::now() < deadline, "ibus did not start its pinyin engine and XIM server within 30 s");
            std::thread::sleep(Duration::from_millis(200));
        }
        method
    }

    /// `program` in the input method's session, home and display.
    fn command(&self, display: &Display, program: &str) -> Command {
        let mut command = display.command(program);
        command
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("HOME", self.home.path())
            .env("NO_AT_BRIDGE", "1")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_CACHE_HOME")
            .env_remove("XDG_DATA_HOME");
        command
    }

    /// What a client of the input method needs in its environment.
    fn client_env(&self) -> Vec<(&'static str, String)> {
        vec![("XMODIFIERS", "@im=ibus".into()), ("DBUS_SESSION_BUS_ADDRESS", self.address.clone()), ("HOME", self.home.path().display().to_string())]
    }
}

impl Drop for InputMethod {
    fn drop(&mut self) {
        for child in [&mut self.daemon, &mut self.bus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn chinese_typed_through_an_input_method_is_composed_in_the_field_then_committed() {
    let display = Display::start();
    let method = InputMethod::start(&display);
    let Todo { display, window, app, data } = Todo::open_on(display, &method.client_env());
    let draft = centres(app.path(), data.path(), &|node| node["attrs"]["class"] == "draft")[0];
    window.click(&display, draft);
    // The field's band of the window (the input method's own windows go below it).
    let band =
        |p: &Pixmap| -> Vec<_> { (((draft.1 - 12.0) * SCALE) as u16..((draft.1 + 12.0) * SCALE) as u16).flat_map(|y| (0..p.width()).map(move |x| (x, y))).map(|(x, y)| p.sample(x, y)).collect() };
    let focused = band(&display.capture(&window.id));
    // Pinyin keys go to the input method, which composes: the field shows the composition.
    display.xdotool(&["type", "--delay", "50", "nihao"]);
    assert!(eventually(|| band(&display.capture(&window.id)) != focused), "the composition shows in the field");
    let composing = display.capture(&window.id);
    save(&composing, "window-composing.png");
    // Space takes the first candidate, 你好; Enter adds the todo.
    display.xdotool(&["key", "space"]);
    assert!(eventually(|| band(&display.capture(&window.id)) != band(&composing)), "the committed text replaces the composition");
    display.xdotool(&["key", "Return"]);
    assert!(eventually(|| stored_todo(app.path(), data.path(), "你好") == Some(false)), "the input method committed 你好, and Enter added it: {:?}", std::fs::read_dir(data.path()).map(|d| d.count()));
}
