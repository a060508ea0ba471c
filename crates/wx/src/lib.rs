//! The `wx.*` host services in plain Rust, testable without a JS engine: the logic layer
//! (crates/appservice) calls them synchronously, the Simulator (crates/core) for the
//! asynchronous APIs, and both get the platform's answer for the base library the app runs
//! on.

pub mod account;
pub mod apis;
pub mod args;
pub mod client;
pub mod device;
pub mod files;
pub mod media;
pub mod network;
pub mod phone;
pub mod storage;
pub mod system;

pub use account::{Account, Dialog};
pub use client::Client;
pub use device::{Platform, Profile, Rect};
pub use files::Sandbox;
pub use network::{LoggedRequest, Network, Routes};
pub use phone::Phone;
use serde_json::{Map, Value};
pub use storage::Storage;
pub use system::{Settings, System, Window};

/// The JS halves of the families here, loaded into the logic layer after the framework
/// (runtime-js/), in this order.
pub const SCRIPTS: [(&str, &str); 7] = [
    ("phone.js", include_str!("phone/phone.js")),
    ("account.js", include_str!("account/account.js")),
    ("client.js", include_str!("client/client.js")),
    ("storage.js", include_str!("storage/storage.js")),
    ("network.js", include_str!("network/network.js")),
    ("files.js", include_str!("files/files.js")),
    ("audio.js", include_str!("media/audio.js")),
];

/// Why a `wx` call did not succeed.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The platform's reason, as it goes after `"<name>:fail "` in `errMsg`.
    Fail(String),
    /// An API the base library has that wxemu does not carry out.
    Unsupported,
}

/// The services one running app uses.
#[derive(Debug)]
pub struct Host {
    pub system: System,
    pub storage: Storage,
    pub files: Sandbox,
    pub network: Network,
    pub phone: Phone,
    pub account: Account,
    pub client: Client,
    /// What `wx.getLaunchOptionsSync()` answers: how the app was launched.
    pub launch_options: Value,
    /// What `wx.getEnterOptionsSync()` answers: how it last came to the foreground.
    pub enter_options: Value,
}

impl Host {
    /// Host services with the network's default settings (see [`Network::settings`]).
    pub fn new(system: System, storage: Storage, files: Sandbox) -> Host {
        Host {
            system,
            storage,
            files,
            network: Network::default(),
            phone: Phone::default(),
            account: Account::default(),
            client: Client::default(),
            launch_options: Value::Null,
            enter_options: Value::Null,
        }
    }

    /// Carries out `wx.<api>(args)`: the result object (without `errMsg`, which the caller
    /// adds for asynchronous APIs) or why it failed.
    pub fn call(&mut self, api: &str, args: &Map<String, Value>) -> Result<Map<String, Value>, Failure> {
        use apis::Family;
        let modern_profile = self.modern_profile();
        let answer = match apis::family(api) {
            Some(Family::System) => match (api, &self.launch_options, &self.enter_options) {
                ("getLaunchOptionsSync", Value::Object(options), _) | ("getEnterOptionsSync", _, Value::Object(options)) => Some(Ok(options.clone())),
                _ => self.system.answer(api).map(Ok),
            },
            Some(Family::Files) => files::fs::call(&mut self.files, api, args),
            Some(Family::Phone) => self.phone.call(api, args),
            Some(Family::Client) => self.client.call(api, args),
            Some(Family::Account) => self.account.call(api, args, modern_profile),
            Some(Family::Storage) => self.storage.call(api, args),
            _ => None,
        };
        answer.unwrap_or(Err(Failure::Unsupported))
    }

    /// The dialog `wx.<api>(args)` shows the user before it answers, if any (see
    /// [`Account::dialog_for`]).
    pub fn dialog_for(&self, api: &str, args: &Map<String, Value>) -> Option<Dialog> {
        media::dialog(api, args).or_else(|| self.account.dialog_for(api, args, self.modern_profile()))
    }

    /// The result of `wx.<api>(args)` once the user answered its dialog (see
    /// [`Account::answer`]; the choosers' answer is the host files picked).
    pub fn answer_dialog(&mut self, api: &str, args: &Map<String, Value>, confirm: bool, data: Option<&Value>) -> Result<Map<String, Value>, Failure> {
        match media::dialog(api, args) {
            Some(_) => media::answer(&mut self.files, api, args, confirm, data),
            None => self.account.answer(api, args, confirm, data),
        }
    }

    /// Base library 2.27.1 and later give anonymous profiles (`getUserInfo`,
    /// `getUserProfile`).
    fn modern_profile(&self) -> bool {
        self.system.sdk >= wxemu_caniuse::Version(2, 27, 1)
    }
}

/// A JSON object's map (anything else is an empty map).
pub(crate) fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
