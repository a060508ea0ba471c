//! The view APIs the logic layer asks of the laid-out page: SelectorQuery (and a
//! scroll-view's context), pageScrollTo, IntersectionObserver, `this.animate` keyframes
//! (`query`, `intersect`, `animations`), with their JS half, `view.js`.

pub(crate) mod animations;
pub(crate) mod intersect;
mod query;

/// The JS half of the view APIs, loaded into the logic layer after the framework.
pub(crate) const SCRIPT: (&str, &str) = ("view.js", include_str!("view.js"));
