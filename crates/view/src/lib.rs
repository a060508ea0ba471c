//! The view layer of a page: its rendered node tree, finding nodes in it, how events travel
//! through it, and drawing it: styles (with the built-in components' defaults), layout
//! and the display list.

pub mod animation;
mod backgrounds;
pub mod chrome;
pub mod components;
pub mod event;
pub mod fonts;
pub mod layout;
pub mod paint;
pub mod scroll;
pub mod select;
pub mod styled;
