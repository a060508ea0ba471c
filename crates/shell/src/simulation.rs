//! The simulation thread: it owns the Simulator (boa's context stays on one thread), keeps its
//! clock at the wall clock, turns the window's input into touches, scrolls and keys, reloads
//! the app when its files change, and sends a frame whenever what the screen shows changed.

use crate::reload;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use wxemu_core::{Answer, Caret, LaunchFailure, LaunchOptions, Profile, Prompt, Screen, Simulator};
use wxemu_gpu::Frame;
use wxemu_package::Diagnostic;
use wxemu_render::{Box2, DisplayList, Rgba};
use wxemu_view::fonts::Fonts;

/// What the window asks of the simulation.
pub enum Command {
    /// The window is open: paint frames at `scale` window px per CSS px, with vello on the
    /// GPU (`gpu`) or on the CPU.
    Show {
        scale: f32,
        gpu: bool,
    },
    /// The mouse button went down, moved, went up at (x, y) CSS px on the phone screen.
    Press(f32, f32),
    Move(f32, f32),
    Release(f32, f32),
    /// The wheel turned over (x, y): scroll by (dx, dy) px.
    Wheel {
        x: f32,
        y: f32,
        dx: f32,
        dy: f32,
    },
    /// Text typed (a key, or what an input method committed).
    Type(String),
    /// What an input method is composing (empty: nothing any more).
    Preedit(String),
    Key(Key),
    /// Files of the project changed.
    Changed(Vec<PathBuf>),
}

/// Keys with a meaning of their own.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    /// Enter: confirm the focused input.
    Confirm,
    /// Backspace.
    Erase,
    /// Delete: erase after the caret.
    Delete,
    /// Ctrl+A: select all the focused field's text.
    SelectAll,
    /// The arrows (with Ctrl, by words), Home and End (with Shift: selecting).
    Caret(Caret, bool),
    /// Ctrl+C, Ctrl+X, Ctrl+V: the focused field's selection to the desktop's clipboard
    /// (cut erases it), or the clipboard's text typed into the field.
    Copy,
    Cut,
    Paste,
    /// Esc or Alt+Left: close the prompt shown, else go back a page.
    Back,
    /// F12: show or hide the console over the page.
    Console,
    /// F7: the next device.
    Device,
    /// F8: light or dark.
    Theme,
    /// F9: print the current page's data.
    Data,
}

/// What the simulation tells the window.
pub enum Update {
    Frame(Frame),
    /// The phone screen has a new size (CSS px): another device.
    Screen {
        width: f32,
        height: f32,
    },
    Title(String),
    /// Where the focused field is on the phone screen (CSS px), for the input method's
    /// candidates.
    Field(Box2),
    /// Nothing can run (the fonts do not load): close.
    Exit,
}

/// How long the screen is redrawn at 60 Hz after it last changed: hover classes, animations
/// and transitions play out in that time without the loop watching each of them.
const SETTLE: Duration = Duration::from_secs(1);
const FRAME: Duration = Duration::from_millis(16);
/// The longest sleep while idle: the real network's answers are picked up this often.
const IDLE: Duration = Duration::from_millis(250);
/// How far (px) a page must be pulled down at its top to refresh.
const PULL_TO_REFRESH: f32 = 50.0;
/// The most console lines the panel keeps.
const CONSOLE_LINES: usize = 200;

/// Starts the simulation thread; `send` delivers an update to the window (false once the
/// window is gone). Returns where the window sends its commands.
pub fn start(options: crate::Options, send: impl Fn(Update) -> bool + Send + 'static) -> Sender<Command> {
    let (commands, receiver) = mpsc::channel();
    let watcher_commands = commands.clone();
    std::thread::Builder::new()
        .name("wxemu simulation".into())
        .stack_size(wxemu_core::STACK_BYTES)
        .spawn(move || {
            let watcher = reload::watch(&options.project, watcher_commands);
            if let Err(e) = &watcher {
                eprintln!("wxemu run: hot reload is off: {e}");
            }
            let mut screen = match fonts_of(&options) {
                Ok(fonts) => Screen::new(fonts),
                Err(e) => {
                    eprintln!("error: {e}");
                    send(Update::Exit);
                    return;
                }
            };
            let mut show = None;
            // An app that does not launch shows why until a save fixes it; so does an
            // internal error of wxemu's (a panic), which ends the app, not the window.
            loop {
                match launch(&options, options.launch.clone()) {
                    Ok(mut sim) => {
                        sim.attach_screen(screen);
                        let mut simulation = Simulation::new(options.clone(), &send, sim, show);
                        let Err(panic) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| simulation.run(&receiver))) else { break };
                        show = simulation.show;
                        let message = panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("a panic");
                        let problem = format!("wxemu hit an internal error and stopped the app: {message}\n(please report it; a save starts the app again)");
                        eprintln!("wxemu run: {problem}");
                        screen = match fonts_of(&options) {
                            Ok(fonts) => Screen::new(fonts),
                            Err(_) => break,
                        };
                        let device = options.launch.device.unwrap_or(Profile::IPHONE_6);
                        if !wait_for_fix(&receiver, "The app stopped; a save starts it again:", &problem, device, &mut screen, &mut show, &send) {
                            break;
                        }
                    }
                    Err(failure) => {
                        eprintln!("{failure}\nwxemu run: the app does not launch; it will when a save fixes it");
                        let device = options.launch.device.unwrap_or(Profile::IPHONE_6);
                        if !wait_for_fix(&receiver, "The app does not launch; it will when a save fixes this:", &failure.to_string(), device, &mut screen, &mut show, &send) {
                            break;
                        }
                    }
                }
            }
            drop(watcher);
        })
        .expect("a thread for the simulation");
    commands
}

/// A finger (the mouse button) on the screen.
struct Finger {
    start: (f32, f32),
    last: (f32, f32),
    /// It went down on a page element (which got touchstart).
    on_page: bool,
    /// It moved far enough to be a drag, not a tap.
    dragging: bool,
    /// The built-in it drags (a swiper along its axis), found when it became a drag; None
    /// while it is no drag or when the drag scrolls.
    drags: Option<wxemu_view::select::NodePath>,
    /// How far the page was pulled down at its top.
    pulled: f32,
    /// Recent positions, for the speed it leaves the screen with.
    trail: VecDeque<(Instant, (f32, f32))>,
}

/// A fling: scrolling that goes on after the finger left, slowing down.
struct Momentum {
    at: (f32, f32),
    /// px per ms.
    velocity: (f32, f32),
    last: Instant,
}

struct Simulation<S> {
    options: crate::Options,
    send: S,
    sim: Simulator,
    /// When the Simulator's clock read 0.
    started: Instant,
    show: Option<(f32, bool)>,
    last: Option<DisplayList>,
    settle_until: Option<Instant>,
    finger: Option<Finger>,
    momentum: Option<Momentum>,
    console: VecDeque<(String, Rgba)>,
    console_shown: bool,
    /// What the last reload found wrong, shown over the page until a reload succeeds.
    problems: Vec<String>,
    /// The desktop's clipboard (None where there is none to reach).
    clipboard: Option<arboard::Clipboard>,
    /// The focused field's box last told the window (for the input method's candidates).
    field: Option<Box2>,
}

/// ms since the Unix epoch: the app's `Date` starts at the real time in the window.
fn wall_time() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// The fonts the window draws with: `--font` files, else the default ones.
fn fonts_of(options: &crate::Options) -> Result<Fonts, wxemu_view::fonts::FontError> {
    if options.fonts.is_empty() {
        Fonts::load_default()
    } else {
        Fonts::load(&options.fonts)
    }
}

/// The app launched with `launch` (its clock at the real time).
fn launch(options: &crate::Options, launch: LaunchOptions) -> Result<Simulator, LaunchFailure> {
    Simulator::launch(&options.project, LaunchOptions { start_time: Some(wall_time()), ..launch })
}

/// What the window shows of `list`: painted on the CPU, or for vello on the GPU.
fn frame_of(list: &DisplayList, (scale, gpu): (f32, bool)) -> Frame {
    if gpu {
        Frame::List { list: list.clone(), scale }
    } else {
        Frame::Pixels(wxemu_render::rasterize(list, scale))
    }
}

/// Shows `heading` and `problems` (why the app does not launch, or why it stopped) on a
/// blank screen of `device` until its files change;
/// false when the window closed meanwhile.
fn wait_for_fix(commands: &Receiver<Command>, heading: &str, problems: &str, device: Profile, screen: &mut Screen, show: &mut Option<(f32, bool)>, send: &impl Fn(Update) -> bool) -> bool {
    let (width, height) = (device.width as f32, device.height as f32);
    let mut entries = vec![(heading.to_string(), Rgba::WHITE)];
    entries.extend(problems.lines().map(|line| (line.to_string(), Rgba::hex(0xff6b6b))));
    let mut list = DisplayList { width, height, items: Vec::new() };
    wxemu_view::chrome::text_panel(&entries, &mut screen.fonts, Box2 { x: 0.0, y: 0.0, w: width, h: height }, &mut list.items);
    if let Some(show) = *show {
        send(Update::Frame(frame_of(&list, show)));
    }
    loop {
        match commands.recv() {
            Ok(Command::Show { scale, gpu }) => {
                *show = Some((scale, gpu));
                send(Update::Frame(frame_of(&list, (scale, gpu))));
            }
            Ok(Command::Changed(_)) => {
                // The rest of the save's events; the window's size, if it came meanwhile.
                std::thread::sleep(Duration::from_millis(30));
                for next in commands.try_iter() {
                    if let Command::Show { scale, gpu } = next {
                        *show = Some((scale, gpu));
                    }
                }
                return true;
            }
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

impl<S: Fn(Update) -> bool> Simulation<S> {
    fn new(options: crate::Options, send: S, sim: Simulator, show: Option<(f32, bool)>) -> Simulation<S> {
        let mut simulation = Simulation {
            options,
            send,
            sim,
            started: Instant::now(),
            show,
            last: None,
            // Painted as soon as the window is there.
            settle_until: Some(Instant::now() + SETTLE),
            finger: None,
            momentum: None,
            console: VecDeque::new(),
            console_shown: false,
            problems: Vec::new(),
            clipboard: arboard::Clipboard::new().inspect_err(|e| eprintln!("wxemu run: no clipboard: {e}")).ok(),
            field: None,
        };
        simulation.report();
        simulation.title();
        simulation
    }

    fn run(&mut self, commands: &Receiver<Command>) {
        loop {
            let mut active = match commands.recv_timeout(self.wait()) {
                Ok(command) => {
                    self.handle(command, commands);
                    while let Ok(command) = commands.try_recv() {
                        self.handle(command, commands);
                    }
                    true
                }
                Err(RecvTimeoutError::Timeout) => false,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            active |= self.catch_up();
            active |= self.sim.wait_for_network(Duration::ZERO);
            active |= self.fling();
            active |= self.settle_until.is_some_and(|until| Instant::now() < until);
            if active {
                self.report();
                if self.paint() {
                    self.settle_until = Some(Instant::now() + SETTLE);
                    self.tell_field();
                }
            }
        }
    }

    /// How long to sleep for: a frame while things move, else until the next timer.
    fn wait(&self) -> Duration {
        if self.momentum.is_some() || self.settle_until.is_some_and(|until| Instant::now() < until) {
            return FRAME;
        }
        let due = self.sim.next_due().map(|due| Duration::from_millis(due.saturating_sub(self.sim.now())));
        due.map_or(IDLE, |due| due.min(IDLE))
    }

    /// Moves the Simulator's clock to the wall clock; true when something fell due.
    fn catch_up(&mut self) -> bool {
        let elapsed = self.started.elapsed().as_millis() as u64;
        let now = self.sim.now();
        if elapsed <= now {
            return false;
        }
        let due = self.sim.next_due().is_some_and(|due| due <= elapsed);
        self.sim.advance(elapsed - now);
        due
    }

    fn handle(&mut self, command: Command, commands: &Receiver<Command>) {
        self.catch_up();
        let result = match command {
            Command::Show { scale, gpu } => {
                self.show = Some((scale, gpu));
                self.last = None;
                Ok(())
            }
            Command::Press(x, y) => self.press(x, y),
            Command::Move(x, y) => self.drag(x, y),
            Command::Release(x, y) => self.release(x, y),
            Command::Wheel { x, y, dx, dy } => self.sim.scroll_at(x, y, dx, dy),
            Command::Preedit(text) => self.sim.compose(&text),
            Command::Type(text) => self.sim.type_text(&text),
            Command::Key(key) => self.key(key),
            Command::Changed(mut paths) => {
                let seen = Instant::now();
                // An editor's save comes as several events: take them all (and what else
                // came meanwhile, after the reload).
                std::thread::sleep(Duration::from_millis(30));
                let mut after = Vec::new();
                for next in commands.try_iter() {
                    match next {
                        Command::Changed(more) => paths.extend(more),
                        other => after.push(other),
                    }
                }
                paths.sort();
                paths.dedup();
                self.reload(&paths, seen);
                after.into_iter().for_each(|command| self.handle(command, commands));
                Ok(())
            }
        };
        if let Err(e) = result {
            eprintln!("wxemu run: {e}");
        }
    }

    fn press(&mut self, x: f32, y: f32) -> Result<(), String> {
        self.momentum = None;
        // A prompt or the chrome takes the tap when the finger lifts; a page element gets
        // touchstart now.
        let on_page =
            self.sim.prompts().iter().all(|p| !matches!(p, Prompt::Modal { .. } | Prompt::ActionSheet { .. } | Prompt::Picker { .. } | Prompt::Dialog { .. })) && self.sim.hold_at(x, y).is_ok();
        self.finger = Some(Finger { start: (x, y), last: (x, y), on_page, dragging: false, drags: None, pulled: 0.0, trail: VecDeque::from([(Instant::now(), (x, y))]) });
        Ok(())
    }

    fn drag(&mut self, x: f32, y: f32) -> Result<(), String> {
        let Some(finger) = self.finger.as_mut() else { return Ok(()) };
        let (dx, dy) = (finger.last.0 - x, finger.last.1 - y);
        finger.last = (x, y);
        let started = !finger.dragging && (x - finger.start.0).hypot(y - finger.start.1) > 10.0;
        finger.dragging |= started;
        finger.trail.push_back((Instant::now(), (x, y)));
        while finger.trail.len() > 2 && finger.trail.front().is_some_and(|(t, _)| t.elapsed() > Duration::from_millis(100)) {
            finger.trail.pop_front();
        }
        let (on_page, dragging, pulled) = (finger.on_page, finger.dragging, finger.pulled);
        if on_page {
            self.sim.move_finger(x, y)?;
        }
        if !dragging {
            return Ok(());
        }
        if started {
            // Which way it first went decides what it drags: a swiper along its axis, else
            // what scrolls.
            let start = self.finger.as_ref().map_or((x, y), |f| f.start);
            let owner = self.sim.drag_owner_at(start.0, start.1, x - start.0, y - start.1)?;
            if let Some(finger) = self.finger.as_mut() {
                finger.drags = owner;
            }
        }
        if self.finger.as_ref().is_some_and(|f| f.drags.is_some()) {
            return Ok(());
        }
        // A page pulled down at its top follows the finger, down and back up, before anything
        // scrolls again.
        let top = self.sim.page_scroll_top();
        if pulled == 0.0 {
            self.sim.scroll_at(x, y, dx, dy)?;
        }
        if pulled > 0.0 || (top == 0.0 && self.sim.page_scroll_top() == 0.0 && dy < 0.0) {
            let pulled = (pulled - dy).max(0.0);
            if let Some(finger) = self.finger.as_mut() {
                finger.pulled = pulled;
            }
            self.sim.pull_page(pulled)?;
        }
        Ok(())
    }

    fn release(&mut self, x: f32, y: f32) -> Result<(), String> {
        let Some(finger) = self.finger.take() else { return Ok(()) };
        // The window's own tests make a tap hit an internal error, to see the window live on.
        if std::env::var_os("WXEMU_TEST_TAP_PANICS").is_some() {
            panic!("a tap panicked (WXEMU_TEST_TAP_PANICS is set)");
        }
        if finger.on_page {
            self.sim.release()?;
        } else if !finger.dragging {
            self.sim.tap_at(x, y)?;
        }
        if let Some(path) = &finger.drags {
            return self.sim.end_drag(path, x - finger.start.0, y - finger.start.1);
        }
        if finger.pulled > 0.0 {
            self.sim.pull_page(0.0)?;
        }
        if finger.pulled >= PULL_TO_REFRESH {
            // Pages that do not enable it just do not refresh.
            let _ = self.sim.pull_down_refresh();
        } else if finger.dragging {
            let (first, last) = (finger.trail.front(), finger.trail.back());
            if let (Some((t0, p0)), Some((t1, p1))) = (first, last) {
                let ms = t1.duration_since(*t0).as_secs_f32() * 1000.0;
                if ms > 0.0 {
                    let velocity = ((p0.0 - p1.0) / ms, (p0.1 - p1.1) / ms);
                    if velocity.0.hypot(velocity.1) > 0.3 {
                        self.momentum = Some(Momentum { at: (x, y), velocity, last: Instant::now() });
                    }
                }
            }
        }
        Ok(())
    }

    /// One step of a fling; true while it goes on.
    fn fling(&mut self) -> bool {
        let Some(momentum) = self.momentum.as_mut() else { return false };
        let ms = momentum.last.elapsed().as_secs_f32() * 1000.0;
        momentum.last = Instant::now();
        let (dx, dy) = (momentum.velocity.0 * ms, momentum.velocity.1 * ms);
        // About 0.95 of the speed is left after each 16 ms.
        let keep = 0.95f32.powf(ms / 16.0);
        momentum.velocity = (momentum.velocity.0 * keep, momentum.velocity.1 * keep);
        let (at, slow) = (momentum.at, momentum.velocity.0.hypot(momentum.velocity.1) < 0.05);
        let top = self.sim.page_scroll_top();
        let moved = self.sim.scroll_at(at.0, at.1, dx, dy).is_ok() && (self.sim.page_scroll_top() != top || dx != 0.0);
        if slow || !moved {
            self.momentum = None;
        }
        true
    }

    fn key(&mut self, key: Key) -> Result<(), String> {
        match key {
            Key::Confirm => self.sim.confirm(),
            Key::Erase => self.sim.erase(),
            Key::Delete => self.sim.delete(),
            Key::SelectAll => self.sim.select_all_text(),
            Key::Caret(to, select) => self.sim.move_caret(to, select),
            Key::Copy | Key::Cut => {
                let text = self.sim.selected_text().ok_or("no input or textarea has the focus: tap one first")?;
                if text.is_empty() {
                    return Ok(());
                }
                let clipboard = self.clipboard.as_mut().ok_or("there is no clipboard to copy to")?;
                clipboard.set_text(text).map_err(|e| format!("cannot copy: {e}"))?;
                if matches!(key, Key::Cut) {
                    self.sim.erase()?;
                }
                Ok(())
            }
            Key::Paste => {
                let clipboard = self.clipboard.as_mut().ok_or("there is no clipboard to paste from")?;
                let text = clipboard.get_text().map_err(|e| format!("nothing to paste: {e}"))?;
                self.sim.type_text(&text)
            }
            Key::Back => match self.sim.prompts().first() {
                Some(Prompt::Modal { .. } | Prompt::Dialog { .. } | Prompt::ActionSheet { .. } | Prompt::Picker { .. }) => self.sim.answer_prompt(Answer::cancel()),
                _ if self.sim.page_stack().len() > 1 => self.sim.navigate_back(1).map_err(|e| e.to_string()),
                _ => Ok(()),
            },
            Key::Console => {
                self.console_shown = !self.console_shown;
                Ok(())
            }
            Key::Theme => {
                let dark = !self.options.launch.dark;
                self.options.launch.dark = dark;
                self.sim.set_theme(if dark { "dark" } else { "light" });
                self.title();
                Ok(())
            }
            Key::Device => {
                let current = self.sim.device();
                let known = Profile::KNOWN;
                let at = known.iter().position(|p| p.name == current.name).map_or(0, |i| (i + 1) % known.len());
                self.options.launch.device = Some(known[at]);
                self.relaunch().map_err(|problems| problems.join("\n"))?;
                (self.send)(Update::Screen { width: known[at].width as f32, height: known[at].height as f32 });
                Ok(())
            }
            Key::Data => {
                let data = self.sim.page_data();
                println!("page data of {}:\n{}", self.sim.current_route().unwrap_or("?"), serde_json::to_string_pretty(&data).unwrap_or_default());
                Ok(())
            }
        }
    }

    /// Files changed: a stylesheet restyles the live page (its data stays); anything else
    /// relaunches the app on the page shown, with its query. When the new files have errors
    /// the app as it was keeps running, under an overlay that names them.
    fn reload(&mut self, paths: &[PathBuf], seen: Instant) {
        let styles_only = paths.iter().all(|p| p.extension().is_some_and(|e| e == "wxss"));
        let outcome = if styles_only {
            let before = self.sim.diagnostics.len();
            if let Some(screen) = self.sim.screen_mut() {
                screen.forget();
            }
            // Drawing reads the stylesheets anew and reports what is wrong in them.
            let _ = self.sim.draw(false);
            let problems: Vec<String> = self.sim.diagnostics[before..].iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems)
            }
        } else {
            self.relaunch()
        };
        let what = if styles_only { "restyled" } else { "relaunched" };
        let names: Vec<String> = paths.iter().map(|p| relative(&self.options.project, p)).collect();
        match outcome {
            Ok(()) => {
                self.problems.clear();
                eprintln!("wxemu run: {} changed: {what} {} {} ms after the save", names.join(", "), self.sim.current_route().unwrap_or(""), seen.elapsed().as_millis());
            }
            Err(problems) => {
                eprintln!("wxemu run: {} changed, with errors; the app as it was keeps running:\n{}", names.join(", "), problems.join("\n"));
                self.problems = problems;
            }
        }
        self.last = None;
    }

    /// Launches the app anew on the page shown, keeping the screen.
    fn relaunch(&mut self) -> Result<(), Vec<String>> {
        let route = self.sim.current_route().map(str::to_string);
        let id = self.sim.current_page_id();
        let query = id.and_then(|id| self.sim.framework("instanceOptions", &[serde_json::json!(id)]).ok()).and_then(|q| q.as_object().cloned()).unwrap_or_default();
        let mut fresh = launch(&self.options, LaunchOptions { page: route, query, ..self.options.launch.clone() }).map_err(|failure| failure.0.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        let errors: Vec<&Diagnostic> = fresh.diagnostics.iter().filter(|d| d.is_error()).collect();
        if !errors.is_empty() {
            return Err(errors.into_iter().map(ToString::to_string).collect());
        }
        let mut screen = self.sim.detach_screen().expect("the simulation keeps a screen");
        screen.forget();
        fresh.attach_screen(screen);
        self.sim = fresh;
        self.started = Instant::now();
        self.finger = None;
        self.momentum = None;
        self.title();
        Ok(())
    }

    fn title(&self) {
        let device = self.sim.device();
        let theme = if self.options.launch.dark { ", dark" } else { "" };
        let title = format!("{} — {} — base library {}{theme} — wxemu", self.options.project.display(), device.name, self.sim.sdk());
        (self.send)(Update::Title(title));
    }

    /// Prints the app's console output and the package's problems to the terminal, and keeps
    /// the console lines for the panel.
    fn report(&mut self) {
        for diagnostic in std::mem::take(&mut self.sim.diagnostics) {
            eprintln!("{diagnostic}");
            self.console.push_back((diagnostic.to_string(), Rgba::hex(0xff6b6b)));
        }
        for entry in self.sim.take_console() {
            let line = entry.to_string();
            eprintln!("{line}");
            let color = match entry.level.as_str() {
                "error" => Rgba::hex(0xff6b6b),
                "warn" => Rgba::hex(0xffd166),
                _ => Rgba::hex(0xe0e0e0),
            };
            self.console.push_back((line, color));
        }
        while self.console.len() > CONSOLE_LINES {
            self.console.pop_front();
        }
    }

    /// Draws the screen and sends it when it differs from the last frame sent.
    fn paint(&mut self) -> bool {
        let Some((scale, gpu)) = self.show else { return false };
        let mut list = match self.sim.draw(false) {
            Ok(list) => list,
            Err(e) => {
                eprintln!("wxemu run: {e}");
                return false;
            }
        };
        self.overlays(&mut list);
        if self.last.as_ref() == Some(&list) {
            return false;
        }
        let frame = frame_of(&list, (scale, gpu));
        self.last = Some(list);
        (self.send)(Update::Frame(frame))
    }

    /// Tells the window where the focused field is, when that changed.
    fn tell_field(&mut self) {
        let field = self.sim.focused_box();
        if field != self.field {
            self.field = field;
            if let Some(field) = field {
                (self.send)(Update::Field(field));
            }
        }
    }

    /// The error overlay (the last reload's problems) and the console panel (F12), over
    /// the page.
    fn overlays(&mut self, list: &mut DisplayList) {
        let (width, height) = (list.width, list.height);
        let Some(screen) = self.sim.screen_mut() else { return };
        if !self.problems.is_empty() {
            let mut entries = vec![("The app's files have errors; the app as it was keeps running:".to_string(), Rgba::WHITE)];
            entries.extend(self.problems.iter().map(|p| (p.clone(), Rgba::hex(0xff6b6b))));
            wxemu_view::chrome::text_panel(&entries, &mut screen.fonts, Box2 { x: 0.0, y: 0.0, w: width, h: height * 0.45 }, &mut list.items);
        }
        if self.console_shown {
            let entries: Vec<(String, Rgba)> = self.console.iter().cloned().collect();
            wxemu_view::chrome::text_panel(&entries, &mut screen.fonts, Box2 { x: 0.0, y: height * 0.6, w: width, h: height * 0.4 }, &mut list.items);
        }
    }
}

/// `path` as the user knows it: inside the project, relative to it.
fn relative(project: &Path, path: &Path) -> String {
    let project = project.canonicalize().unwrap_or_else(|_| project.to_path_buf());
    path.strip_prefix(&project).unwrap_or(path).display().to_string()
}
