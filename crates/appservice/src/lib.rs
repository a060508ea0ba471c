//! The logic layer (the platform's AppService): App, page and component scripts run in one
//! JS context with the framework half written in JavaScript under `runtime-js/`. The host
//! (the Simulator) calls in — launch, create a page, run a lifecycle or handler, fire a
//! timer — and collects what the scripts asked for (setData, timers, console output,
//! errors) as messages.

mod service;

pub use service::{AppService, ComponentEvent, HandlerCall, Message, ScriptFailure, SharedHost, ViewQueries};
pub use wxemu_js::{AppClock, UTC_OFFSET_SECONDS};
pub use wxemu_wx as wx;
