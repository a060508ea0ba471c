//! The display list on the GPU: vello renders it with wgpu, offscreen (read back into a
//! pixmap, for `--renderer gpu`) or onto a window's surface, where CPU-rasterized frames can
//! also be uploaded and shown when the adapter is a software one.

pub mod scene;

use std::sync::mpsc;
pub use vello::wgpu;
use vello::{AaConfig, AaSupport, RenderParams, Renderer, RendererOptions};
use wgpu::util::TextureBlitter;
use wxemu_render::{DisplayList, Pixmap};

/// A wgpu device with vello's renderer on it (made on first use: building its shaders takes a
/// while on a software adapter).
pub struct Gpu {
    adapter: wgpu::Adapter,
    device: wgpu::Device,
    queue: wgpu::Queue,
    info: wgpu::AdapterInfo,
    renderer: Option<Renderer>,
    images: scene::Images,
}

/// A wgpu instance with every backend this platform has (WGPU_BACKEND and the other wgpu
/// variables narrow it), for offscreen work or, given the display, for its windows.
pub fn instance(display: Option<Box<dyn wgpu::wgt::WgpuHasDisplayHandle>>) -> wgpu::Instance {
    let descriptor = match display {
        Some(display) => wgpu::InstanceDescriptor::new_with_display_handle(display),
        None => wgpu::InstanceDescriptor::new_without_display_handle(),
    };
    wgpu::Instance::new(descriptor.with_env())
}

impl Gpu {
    /// The best adapter of `instance` (one that can draw to `surface`, if given) and a device on it.
    pub fn new(instance: &wgpu::Instance, surface: Option<&wgpu::Surface<'_>>) -> Result<Gpu, String> {
        let options = wgpu::RequestAdapterOptions { power_preference: wgpu::PowerPreference::HighPerformance, compatible_surface: surface, ..Default::default() };
        let adapter = pollster::block_on(instance.request_adapter(&options))
            .map_err(|e| format!("no GPU adapter (wgpu found none: {e}); install a Vulkan driver such as mesa-vulkan-drivers, or use --renderer cpu"))?;
        let descriptor = wgpu::DeviceDescriptor { label: Some("wxemu"), required_limits: adapter.limits(), ..Default::default() };
        let (device, queue) = pollster::block_on(adapter.request_device(&descriptor)).map_err(|e| format!("the GPU adapter gave no device: {e}"))?;
        Ok(Gpu { info: adapter.get_info(), adapter, device, queue, renderer: None, images: scene::Images::default() })
    }

    /// Whether the adapter is a software rasterizer (lavapipe, llvmpipe, WARP), not a GPU.
    pub fn is_software(&self) -> bool {
        self.info.device_type == wgpu::DeviceType::Cpu
    }

    /// The adapter's name and backend, e.g. "llvmpipe (LLVM 15.0.6, 256 bits) on Vulkan".
    pub fn adapter(&self) -> String {
        format!("{} on {:?}", self.info.name, self.info.backend)
    }

    fn renderer(&mut self) -> Result<&mut Renderer, String> {
        if self.renderer.is_none() {
            let options = RendererOptions { use_cpu: false, antialiasing_support: AaSupport::area_only(), num_init_threads: None, pipeline_cache: None };
            self.renderer = Some(Renderer::new(&self.device, options).map_err(|e| format!("vello cannot run on {}: {e}", self.adapter()))?);
        }
        Ok(self.renderer.as_mut().expect("made above"))
    }

    /// A texture vello can render into and that can be read, copied and sampled.
    fn target(&self, width: u32, height: u32) -> wgpu::Texture {
        self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("wxemu frame"),
            size: wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgba8Unorm,
            usage: wgpu::TextureUsages::STORAGE_BINDING | wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_SRC | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        })
    }

    /// Renders `list` at `scale` into `texture` (its size).
    fn render_into(&mut self, list: &DisplayList, scale: f32, texture: &wgpu::Texture) -> Result<(), String> {
        let scene = scene::build(list, scale, &mut self.images);
        let params = RenderParams { base_color: vello::peniko::Color::WHITE, width: texture.width(), height: texture.height(), antialiasing_method: AaConfig::Area };
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let (device, queue) = (self.device.clone(), self.queue.clone());
        self.renderer()?.render_to_texture(&device, &queue, &scene, &view, &params).map_err(|e| format!("vello failed to render: {e}"))
    }

    /// Paints `list` at `scale` device pixels per CSS px offscreen and reads the picture back.
    pub fn render(&mut self, list: &DisplayList, scale: f32) -> Result<Pixmap, String> {
        let width = (list.width * scale).ceil().clamp(1.0, u16::MAX as f32) as u32;
        let height = (list.height * scale).ceil().clamp(1.0, u16::MAX as f32) as u32;
        let texture = self.target(width, height);
        self.render_into(list, scale, &texture)?;
        let row = (width * 4).next_multiple_of(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT);
        let buffer = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("wxemu readback"),
            size: u64::from(row * height),
            usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
            mapped_at_creation: false,
        });
        let mut encoder = self.device.create_command_encoder(&wgpu::CommandEncoderDescriptor::default());
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo { buffer: &buffer, layout: wgpu::TexelCopyBufferLayout { offset: 0, bytes_per_row: Some(row), rows_per_image: None } },
            texture.size(),
        );
        self.queue.submit([encoder.finish()]);
        let (sender, receiver) = mpsc::channel();
        buffer.slice(..).map_async(wgpu::MapMode::Read, move |result| drop(sender.send(result)));
        self.device.poll(wgpu::PollType::wait_indefinitely()).map_err(|e| format!("the GPU did not finish: {e}"))?;
        receiver.recv().map_err(|e| e.to_string())?.map_err(|e| format!("cannot read the frame back: {e}"))?;
        let mapped = buffer.slice(..).get_mapped_range().map_err(|e| format!("cannot read the frame back: {e}"))?;
        let mut rgba = Vec::with_capacity((width * height * 4) as usize);
        for line in mapped.chunks(row as usize) {
            rgba.extend_from_slice(&line[..(width * 4) as usize]);
        }
        drop(mapped);
        Ok(wxemu_render::pixmap_from_premultiplied(rgba, width as u16, height as u16))
    }
}

/// What a window shows: a frame painted on the CPU, or a display list for vello to paint.
pub enum Frame {
    Pixels(Pixmap),
    List { list: DisplayList, scale: f32 },
}

/// A window's surface with the device drawing on it.
pub struct Presenter<'w> {
    gpu: Gpu,
    surface: wgpu::Surface<'w>,
    config: wgpu::SurfaceConfiguration,
    blitter: TextureBlitter,
    /// The texture the last frame went into, reused while the size stays.
    staging: Option<wgpu::Texture>,
}

impl<'w> Presenter<'w> {
    /// Configures `surface` at `width`×`height` pixels on an adapter that can draw to it.
    pub fn new(instance: &wgpu::Instance, surface: wgpu::Surface<'w>, width: u32, height: u32) -> Result<Presenter<'w>, String> {
        let gpu = Gpu::new(instance, Some(&surface))?;
        let caps = surface.get_capabilities(&gpu.adapter);
        // vello and the CPU rasterizer write sRGB-encoded bytes: show them as they are.
        let format = caps.formats.iter().copied().find(|f| !f.is_srgb()).or(caps.formats.first().copied()).ok_or("the window's surface offers no pixel format")?;
        let config = wgpu::SurfaceConfiguration {
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
            format,
            color_space: wgpu::SurfaceColorSpace::Auto,
            width: width.max(1),
            height: height.max(1),
            present_mode: wgpu::PresentMode::Fifo,
            desired_maximum_frame_latency: 2,
            alpha_mode: caps.alpha_modes.first().copied().unwrap_or(wgpu::CompositeAlphaMode::Auto),
            view_formats: vec![],
        };
        surface.configure(&gpu.device, &config);
        let blitter = TextureBlitter::new(&gpu.device, format);
        Ok(Presenter { gpu, surface, config, blitter, staging: None })
    }

    /// The device that draws.
    pub fn gpu(&self) -> &Gpu {
        &self.gpu
    }

    /// The window's new size in pixels.
    pub fn resize(&mut self, width: u32, height: u32) {
        if (width, height) != (self.config.width, self.config.height) && width > 0 && height > 0 {
            self.config.width = width;
            self.config.height = height;
            self.surface.configure(&self.gpu.device, &self.config);
        }
    }

    /// Shows `frame`, stretched to the surface if their sizes differ.
    pub fn present(&mut self, frame: &Frame) -> Result<(), String> {
        let (width, height) = match frame {
            Frame::Pixels(p) => (u32::from(p.width()), u32::from(p.height())),
            Frame::List { list, scale } => ((list.width * scale).ceil() as u32, (list.height * scale).ceil() as u32),
        };
        let texture = match self.staging.take() {
            Some(t) if (t.width(), t.height()) == (width, height) => t,
            _ => self.gpu.target(width.max(1), height.max(1)),
        };
        match frame {
            Frame::Pixels(p) => self.gpu.queue.write_texture(
                texture.as_image_copy(),
                p.data_as_u8_slice(),
                wgpu::TexelCopyBufferLayout { offset: 0, bytes_per_row: Some(width * 4), rows_per_image: None },
                texture.size(),
            ),
            Frame::List { list, scale } => self.gpu.render_into(list, *scale, &texture)?,
        }
        let output = match self.surface.get_current_texture() {
            wgpu::CurrentSurfaceTexture::Success(output) => output,
            wgpu::CurrentSurfaceTexture::Suboptimal(output) => {
                self.surface.configure(&self.gpu.device, &self.config);
                output
            }
            // Hidden: nothing to draw on until it shows again (and asks for a redraw).
            wgpu::CurrentSurfaceTexture::Occluded | wgpu::CurrentSurfaceTexture::Timeout => return Ok(()),
            wgpu::CurrentSurfaceTexture::Outdated | wgpu::CurrentSurfaceTexture::Lost => {
                self.surface.configure(&self.gpu.device, &self.config);
                return Err("the window's surface changed: the frame is drawn again on the next redraw".into());
            }
            other => return Err(format!("the window's surface gave no frame: {other:?}")),
        };
        let target = output.texture.create_view(&wgpu::TextureViewDescriptor::default());
        let source = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let mut encoder = self.gpu.device.create_command_encoder(&wgpu::CommandEncoderDescriptor::default());
        self.blitter.copy(&self.gpu.device, &mut encoder, &source, &target);
        self.gpu.queue.submit([encoder.finish()]);
        self.gpu.queue.present(output);
        self.staging = Some(texture);
        Ok(())
    }
}
