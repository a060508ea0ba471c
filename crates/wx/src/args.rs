//! Reading a call's arguments (a JSON object), as the `wx` families, the Simulator's and the
//! front ends' protocols take them.

use serde_json::{Map, Value};

/// A string argument, or `default` when it is missing or not a string.
pub fn text_or<'a>(args: &'a Map<String, Value>, key: &str, default: &'a str) -> &'a str {
    args.get(key).and_then(Value::as_str).unwrap_or(default)
}

/// A string argument ("" when it is missing or not a string).
pub fn text<'a>(args: &'a Map<String, Value>, key: &str) -> &'a str {
    text_or(args, key, "")
}

/// A boolean argument, or `default` when it is missing or not a boolean.
pub fn flag_or(args: &Map<String, Value>, key: &str, default: bool) -> bool {
    args.get(key).and_then(Value::as_bool).unwrap_or(default)
}

/// A boolean argument (false when it is missing or not a boolean).
pub fn flag(args: &Map<String, Value>, key: &str) -> bool {
    flag_or(args, key, false)
}

/// An array argument (empty when it is missing or not an array).
pub fn list<'a>(args: &'a Map<String, Value>, key: &str) -> &'a [Value] {
    args.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}
