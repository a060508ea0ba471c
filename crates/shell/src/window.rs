//! The window: a winit event loop that sends mouse and keyboard input to the simulation
//! thread as [`Command`]s and shows the [`Update`]s it sends back. It never waits for the
//! app: while a page is busy, the last frame stays on screen.

use crate::simulation::{self, Command, Key, Update};
use crate::{Options, Renderer};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Instant;
use winit::application::ApplicationHandler;
use winit::dpi::{PhysicalPosition, PhysicalSize};
use winit::event::{ElementState, Ime, MouseButton, MouseScrollDelta, WindowEvent};
use winit::event_loop::{ActiveEventLoop, EventLoop};
use winit::keyboard::{Key as Logical, ModifiersState, NamedKey};
use winit::window::{Window, WindowId};
use wxemu_core::Caret;
use wxemu_gpu::{wgpu, Frame, Presenter};

/// How far one notch of a mouse wheel scrolls (CSS px).
const WHEEL_LINE: f32 = 40.0;

struct Shell {
    renderer: Renderer,
    scale: Option<f32>,
    commands: Sender<Command>,
    instance: wgpu::Instance,
    window: Option<Arc<Window>>,
    presenter: Option<Presenter<'static>>,
    frame: Option<Frame>,
    /// The phone screen's size in CSS px.
    screen: (f32, f32),
    pixel_ratio: f32,
    /// Where the mouse is, in CSS px on the phone screen.
    pointer: (f32, f32),
    pressed: bool,
    modifiers: ModifiersState,
    opened: Instant,
    shown_first: bool,
    /// `--frame-times`: when the last click or key came, until a frame shows it.
    frame_times: bool,
    input_at: Option<Instant>,
}

/// Runs the window and the simulation thread until the window closes.
pub fn run(options: Options) -> Result<(), String> {
    let opened = Instant::now();
    let event_loop = EventLoop::<Update>::with_user_event().build().map_err(|e| format!("cannot open a window: {e} (is there a display? under CI use Xvfb)"))?;
    let device = options.launch.device.unwrap_or(wxemu_core::Profile::IPHONE_6);
    let (renderer, scale, frame_times) = (options.renderer, options.scale, options.frame_times);
    let proxy = event_loop.create_proxy();
    let commands = simulation::start(options, move |update| proxy.send_event(update).is_ok());
    let mut shell = Shell {
        renderer,
        scale,
        commands,
        instance: wxemu_gpu::instance(Some(Box::new(event_loop.owned_display_handle()))),
        window: None,
        presenter: None,
        frame: None,
        screen: (device.width as f32, device.height as f32),
        pixel_ratio: device.pixel_ratio as f32,
        pointer: (0.0, 0.0),
        pressed: false,
        modifiers: ModifiersState::empty(),
        opened,
        shown_first: false,
        frame_times,
        input_at: None,
    };
    event_loop.run_app(&mut shell).map_err(|e| e.to_string())
}

impl Shell {
    fn send(&mut self, command: Command) {
        if !matches!(command, Command::Move(..) | Command::Show { .. }) {
            self.input_at = Some(Instant::now());
        }
        // The simulation thread ends only when the window does.
        let _ = self.commands.send(command);
    }

    /// Window pixels per CSS px as the window is now.
    fn window_scale(&self) -> f32 {
        self.window.as_ref().map_or(1.0, |w| w.inner_size().width as f32 / self.screen.0)
    }

    fn open(&mut self, event_loop: &ActiveEventLoop) -> Result<(), String> {
        // The device's pixel ratio, smaller when the screen would not fit on the desktop.
        let desktop = event_loop.primary_monitor().or_else(|| event_loop.available_monitors().next()).map(|m| m.size());
        let fit = desktop.map_or(self.pixel_ratio, |d| (d.height as f32 * 0.9 / self.screen.1).min(d.width as f32 * 0.9 / self.screen.0));
        let scale = self.scale.unwrap_or(self.pixel_ratio.min(fit)).max(0.1);
        let size = PhysicalSize::new((self.screen.0 * scale).ceil() as u32, (self.screen.1 * scale).ceil() as u32);
        let attributes = Window::default_attributes().with_title("wxemu").with_inner_size(size).with_resizable(false);
        let window = Arc::new(event_loop.create_window(attributes).map_err(|e| format!("cannot open a window: {e}"))?);
        window.set_ime_allowed(true);
        let surface = self.instance.create_surface(window.clone()).map_err(|e| format!("cannot draw in the window: {e}"))?;
        let inner = window.inner_size();
        let presenter = Presenter::new(&self.instance, surface, inner.width, inner.height)?;
        let gpu = match self.renderer {
            Renderer::Cpu => false,
            Renderer::Gpu => true,
            Renderer::Auto => !presenter.gpu().is_software(),
        };
        let painter = if gpu { "vello on the GPU" } else { "vello_cpu, shown through the GPU" };
        eprintln!("wxemu run: painting with {painter} ({}), {:.2} window px per CSS px", presenter.gpu().adapter(), scale);
        self.send(Command::Show { scale, gpu });
        self.window = Some(window);
        self.presenter = Some(presenter);
        Ok(())
    }

    fn key(&self, key: &Logical, text: Option<&str>) -> Option<Command> {
        let ctrl = self.modifiers.control_key() || self.modifiers.super_key();
        let shift = self.modifiers.shift_key();
        let named = |key: Key| Some(Command::Key(key));
        match key {
            Logical::Named(NamedKey::Enter) => named(Key::Confirm),
            Logical::Named(NamedKey::Backspace) => named(Key::Erase),
            Logical::Named(NamedKey::Delete) => named(Key::Delete),
            Logical::Named(NamedKey::Escape) => named(Key::Back),
            Logical::Named(NamedKey::ArrowLeft) if self.modifiers.alt_key() => named(Key::Back),
            Logical::Named(NamedKey::ArrowLeft) if ctrl => named(Key::Caret(Caret::WordLeft, shift)),
            Logical::Named(NamedKey::ArrowRight) if ctrl => named(Key::Caret(Caret::WordRight, shift)),
            Logical::Named(NamedKey::ArrowLeft) => named(Key::Caret(Caret::Left, shift)),
            Logical::Named(NamedKey::ArrowRight) => named(Key::Caret(Caret::Right, shift)),
            Logical::Named(NamedKey::ArrowUp) => named(Key::Caret(Caret::Up, shift)),
            Logical::Named(NamedKey::ArrowDown) => named(Key::Caret(Caret::Down, shift)),
            Logical::Named(NamedKey::Home) => named(Key::Caret(Caret::Start, shift)),
            Logical::Named(NamedKey::End) => named(Key::Caret(Caret::End, shift)),
            Logical::Named(NamedKey::F12) => named(Key::Console),
            Logical::Named(NamedKey::F7) => named(Key::Device),
            Logical::Named(NamedKey::F8) => named(Key::Theme),
            Logical::Named(NamedKey::F9) => named(Key::Data),
            Logical::Character(c) if ctrl && c.eq_ignore_ascii_case("a") => named(Key::SelectAll),
            Logical::Character(c) if ctrl && c.eq_ignore_ascii_case("c") => named(Key::Copy),
            Logical::Character(c) if ctrl && c.eq_ignore_ascii_case("x") => named(Key::Cut),
            Logical::Character(c) if ctrl && c.eq_ignore_ascii_case("v") => named(Key::Paste),
            _ if ctrl || self.modifiers.alt_key() => None,
            _ => text.filter(|t| !t.chars().any(char::is_control)).map(|t| Command::Type(t.to_string())),
        }
    }
}

impl ApplicationHandler<Update> for Shell {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.window.is_none() {
            if let Err(e) = self.open(event_loop) {
                eprintln!("error: {e}");
                event_loop.exit();
            }
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _id: WindowId, event: WindowEvent) {
        match event {
            WindowEvent::CloseRequested => event_loop.exit(),
            WindowEvent::Resized(size) => {
                if let Some(presenter) = &mut self.presenter {
                    presenter.resize(size.width, size.height);
                }
                self.window.as_ref().inspect(|w| w.request_redraw());
            }
            WindowEvent::RedrawRequested => {
                let (Some(presenter), Some(frame)) = (&mut self.presenter, &self.frame) else { return };
                if let Err(e) = presenter.present(frame) {
                    eprintln!("error: {e}");
                    return;
                }
                if !self.shown_first {
                    self.shown_first = true;
                    eprintln!("wxemu run: first frame {} ms after start", self.opened.elapsed().as_millis());
                }
                if let Some(input) = self.input_at.take().filter(|_| self.frame_times) {
                    eprintln!("wxemu run: frame shown {:.1} ms after the input", input.elapsed().as_secs_f64() * 1000.0);
                }
            }
            WindowEvent::CursorMoved { position, .. } => {
                let scale = self.window_scale();
                self.pointer = (position.x as f32 / scale, position.y as f32 / scale);
                if self.pressed {
                    self.send(Command::Move(self.pointer.0, self.pointer.1));
                }
            }
            WindowEvent::MouseInput { state, button: MouseButton::Left, .. } => {
                let (x, y) = self.pointer;
                self.pressed = state == ElementState::Pressed;
                self.send(if self.pressed { Command::Press(x, y) } else { Command::Release(x, y) });
            }
            WindowEvent::MouseWheel { delta, .. } => {
                let (dx, dy) = match delta {
                    MouseScrollDelta::LineDelta(x, y) => (-x * WHEEL_LINE, -y * WHEEL_LINE),
                    MouseScrollDelta::PixelDelta(p) => (-p.x as f32 / self.window_scale(), -p.y as f32 / self.window_scale()),
                };
                self.send(Command::Wheel { x: self.pointer.0, y: self.pointer.1, dx, dy });
            }
            WindowEvent::ModifiersChanged(modifiers) => self.modifiers = modifiers.state(),
            WindowEvent::KeyboardInput { event, .. } if event.state == ElementState::Pressed => {
                if let Some(command) = self.key(&event.logical_key, event.text.as_deref()) {
                    self.send(command);
                }
            }
            WindowEvent::Ime(Ime::Commit(text)) => {
                self.send(Command::Preedit(String::new()));
                self.send(Command::Type(text));
            }
            WindowEvent::Ime(Ime::Preedit(text, _)) => self.send(Command::Preedit(text)),
            _ => {}
        }
    }

    fn user_event(&mut self, event_loop: &ActiveEventLoop, update: Update) {
        if matches!(update, Update::Exit) {
            return event_loop.exit();
        }
        // Frames come only once the window has told its scale.
        let Some(window) = &self.window else { return };
        match update {
            Update::Frame(frame) => {
                self.frame = Some(frame);
                window.request_redraw();
            }
            Update::Screen { width, height } => {
                let scale = self.window_scale();
                self.screen = (width, height);
                let _ = window.request_inner_size(PhysicalSize::new((width * scale).ceil() as u32, (height * scale).ceil() as u32));
            }
            Update::Title(title) => window.set_title(&title),
            Update::Field(field) => {
                let scale = self.window_scale();
                // The field's bottom edge: the input method's candidates go just below it
                // (X11 takes only the point, the spot where the candidates start).
                let bottom = field.y + field.h;
                window.set_ime_cursor_area(PhysicalPosition::new(field.x * scale, bottom * scale), PhysicalSize::new(field.w * scale, 1.0));
            }
            Update::Exit => {} // closed above
        }
    }
}
