//! `--renderer cpu|gpu|auto`: which rasterizer paints pictures.

use clap::ValueEnum;
use wxemu_gpu::Gpu;
use wxemu_render::{DisplayList, Pixmap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RendererArg {
    /// vello_cpu: exact and the same on every machine (golden images are made with it).
    Cpu,
    /// vello on the GPU through wgpu (a software Vulkan driver works too, slowly).
    Gpu,
    /// The GPU when the adapter is a real one, else the CPU.
    Auto,
}

/// What paints display lists into pictures.
pub enum Painter {
    Cpu,
    Gpu(Box<Gpu>),
}

impl Painter {
    /// The painter `choice` asks for; `gpu` fails when wgpu finds no adapter.
    pub fn new(choice: RendererArg) -> anyhow::Result<Painter> {
        if choice == RendererArg::Cpu {
            return Ok(Painter::Cpu);
        }
        match Gpu::new(&wxemu_gpu::instance(None), None) {
            Ok(gpu) if choice == RendererArg::Gpu || !gpu.is_software() => Ok(Painter::Gpu(Box::new(gpu))),
            Ok(_) => Ok(Painter::Cpu),
            Err(_) if choice == RendererArg::Auto => Ok(Painter::Cpu),
            Err(e) => Err(anyhow::Error::msg(e)),
        }
    }

    /// `list` at `scale` device pixels per CSS px.
    pub fn paint(&mut self, list: &DisplayList, scale: f32) -> anyhow::Result<Pixmap> {
        match self {
            Painter::Cpu => Ok(wxemu_render::rasterize(list, scale)),
            Painter::Gpu(gpu) => gpu.render(list, scale).map_err(anyhow::Error::msg),
        }
    }
}

/// The GPU painter for screenshots that `choice` asks for (None: the CPU rasterizer).
pub fn screenshot_painter(choice: RendererArg) -> anyhow::Result<Option<wxemu_core::Painter>> {
    Ok(match Painter::new(choice)? {
        Painter::Cpu => None,
        Painter::Gpu(gpu) => {
            let gpu = std::cell::RefCell::new(gpu);
            Some(std::rc::Rc::new(move |list: &DisplayList, scale: f32| gpu.borrow_mut().render(list, scale)))
        }
    })
}

impl From<RendererArg> for wxemu_shell::Renderer {
    fn from(choice: RendererArg) -> wxemu_shell::Renderer {
        match choice {
            RendererArg::Cpu => wxemu_shell::Renderer::Cpu,
            RendererArg::Gpu => wxemu_shell::Renderer::Gpu,
            RendererArg::Auto => wxemu_shell::Renderer::Auto,
        }
    }
}
