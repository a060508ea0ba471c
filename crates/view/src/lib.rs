//! The view layer of a page: its rendered node tree, finding nodes in it, and how events
//! travel through it. (Built-in components, styles, layout and paint come with the view
//! layer's own issue.)

pub mod event;
pub mod select;
