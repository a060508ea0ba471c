//! WXML, the template language of mini-program pages: a tolerant parser, the `{{ }}`
//! expression language, compilation to an IR once per file, and rendering IR + data into a
//! node tree with the official compiler's (wcc's) semantics. WXS functions are run through
//! the [`WxsHost`] trait, implemented by the `wxemu-wxs` crate.

pub mod compile;
pub mod dump;
pub mod expr;
pub mod render;
pub mod syntax;
pub mod value;

pub use compile::{Program, WxsDecl, WxsSource};
pub use expr::WxsHost;
pub use render::{Element, ModuleTable, Node, Renderer, Source};
pub use value::{Value, WxsFunction};
pub use wxemu_package::{resolve_path, Diagnostic, Pos, Severity};
