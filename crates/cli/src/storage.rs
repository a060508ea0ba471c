//! `wxemu storage`: look at or change what an app keeps in `wx` storage between runs.

use anyhow::bail;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wxemu_core::Storage;
use wxemu_core::StorageItem as Item;

#[derive(Args)]
pub struct StorageArgs {
    /// The project folder (with project.config.json or app.json).
    project: PathBuf,
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Subcommand)]
enum Action {
    /// Every key with its type and size (the default).
    List,
    /// Print one key's value.
    Get { key: String },
    /// Store a value: JSON (`42`, `{"a":1}`, `"text"`) keeps its type, anything else is a string.
    Set { key: String, value: String },
    /// Remove every key.
    Clear,
}

/// Where wxemu keeps data between runs: `$WXEMU_DATA_DIR`, else `$XDG_DATA_HOME/wxemu`, else
/// `~/.local/share/wxemu`.
pub fn data_dir() -> PathBuf {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("WXEMU_DATA_DIR").or_else(|| var("XDG_DATA_HOME").map(|d| d.join("wxemu"))).or_else(|| var("HOME").map(|h| h.join(".local/share/wxemu"))).unwrap_or_else(|| PathBuf::from(".wxemu"))
}

/// The storage file of the project in `project` (by its appid, else by its folder).
pub fn file_of(project: &Path) -> PathBuf {
    let config = wxemu_package::Package::project_config(project);
    Storage::file_for(&data_dir(), config.appid.as_deref(), project)
}

pub fn run(args: StorageArgs) -> anyhow::Result<ExitCode> {
    let file = file_of(&args.project);
    let mut storage = Storage::on_disk(&file).map_err(anyhow::Error::msg)?;
    if let Some(notice) = storage.take_notice() {
        eprintln!("warning: {notice}");
    }
    match args.action.unwrap_or(Action::List) {
        Action::List => {
            println!("{}", file.display());
            for key in storage.keys() {
                let item = storage.get(key).expect("listed");
                println!("  {key}\t{}\t{} bytes", item.kind, item.data.len());
            }
        }
        Action::Get { key } => match storage.get(&key) {
            Some(item) if item.kind == "String" => println!("{}", serde_json::Value::from(item.data.as_str())),
            Some(item) if item.kind == "Date" => println!("Date({})", item.data),
            Some(item) => println!("{}", item.data),
            None => bail!("no key `{key}` in {}", file.display()),
        },
        Action::Set { key, value } => {
            // JSON is stored as its value; anything else as a string.
            let item = Item::of_value(&serde_json::from_str(&value).unwrap_or(serde_json::Value::String(value)));
            storage.set(&key, item).map_err(|e| anyhow::anyhow!("cannot store `{key}`: {e}"))?;
        }
        Action::Clear => storage.clear(),
    }
    storage.flush()?;
    Ok(ExitCode::SUCCESS)
}
