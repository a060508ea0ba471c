//! WXSS: the rpx pass, loading sheets with `@import`, selector matching with the platform's
//! component style scopes, and the cascade into computed styles.

pub mod cascade;
pub mod device;
pub mod properties;
pub mod rpx;
pub mod select;
pub mod sheet;
pub mod style;
mod values;
mod vars;

pub use cascade::{Cascade, BUILT_IN};
pub use device::{Device, SYSTEM_ROOT_FONT_SIZE};
pub use select::{Isolation, Scope, StyleNode, StyleTree, PAGE};
pub use sheet::{load, FontFace, Rule, Sheet};
pub use style::ComputedStyle;
