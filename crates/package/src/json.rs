//! Reading the package's JSON files with positions for diagnostics: syntax errors carry
//! serde_json's line and column; keys are located in the text so that warnings about them
//! (unknown key, wrong type, bad path) point at the key.

use crate::diagnostic::{Diagnostic, Pos};
use serde_json::{Map, Value};

/// A parsed JSON file with its text, for locating keys and values.
pub struct JsonFile {
    pub path: String,
    pub text: String,
    pub value: Map<String, Value>,
}

impl JsonFile {
    /// Parses `text` (the contents of `path`, a root-relative name for messages). The top
    /// level must be an object.
    pub fn parse(path: &str, text: String) -> Result<JsonFile, Diagnostic> {
        let value: Value = serde_json::from_str(&text).map_err(|e| {
            let pos = Pos { line: e.line().max(1) as u32, col: e.column().max(1) as u32 };
            Diagnostic::error(path, pos, format!("malformed JSON: {e}")).with_hint("fix the JSON syntax (no comments, no trailing commas, keys in double quotes)")
        })?;
        match value {
            Value::Object(value) => Ok(JsonFile { path: path.to_string(), text, value }),
            _ => Err(Diagnostic::error(path, Pos::START, "expected a JSON object at the top level").with_hint("the file must look like { \"key\": value, … }")),
        }
    }

    /// Where `"key":` first appears at or after byte `from` (the file start if not found).
    pub fn key_pos(&self, key: &str, from: usize) -> (Pos, usize) {
        let quoted = format!("\"{key}\"");
        let mut at = from.min(self.text.len());
        while let Some(i) = self.text[at..].find(&quoted) {
            let start = at + i;
            let after = self.text[start + quoted.len()..].trim_start();
            if after.starts_with(':') {
                return (Pos::START.advance(&self.text[..start]), start);
            }
            at = start + quoted.len();
        }
        (Pos::START, 0)
    }

    /// Where a string value `"value"` first appears at or after byte `from`.
    pub fn string_pos(&self, value: &str, from: usize) -> Pos {
        let quoted = serde_json::to_string(value).unwrap_or_default();
        match self.text[from.min(self.text.len())..].find(&quoted) {
            Some(i) => Pos::START.advance(&self.text[..from + i]),
            None => self.key_pos(value, from).0,
        }
    }

    /// A warning for every top-level key not in `known`. Unknown keys are kept.
    pub fn unknown_keys(&self, known: &[&str], diags: &mut Vec<Diagnostic>) {
        for key in self.value.keys().filter(|k| !known.contains(&k.as_str())) {
            let (pos, _) = self.key_pos(key, 0);
            diags.push(Diagnostic::warning(&self.path, pos, format!("unknown key `{key}`; wxemu keeps it but does not use it")).with_hint("check the spelling against the configuration reference"));
        }
    }

    /// A string field; a value of another type is reported and ignored.
    pub fn string(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        match self.value.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(key, "a string", other, diags);
                None
            }
        }
    }

    /// A boolean field; a value of another type is reported and ignored.
    pub fn bool(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<bool> {
        match self.value.get(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(key, "true or false", other, diags);
                None
            }
        }
    }

    /// An object field; a value of another type is reported and ignored.
    pub fn object(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<&Map<String, Value>> {
        match self.value.get(key)? {
            Value::Object(m) => Some(m),
            other => {
                self.wrong_type(key, "an object", other, diags);
                None
            }
        }
    }

    /// An array-of-strings field; other values are reported and skipped.
    pub fn strings(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<String> {
        match self.value.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    other => {
                        self.wrong_type(key, "a list of strings", other, diags);
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.wrong_type(key, "a list of strings", other, diags);
                Vec::new()
            }
        }
    }

    /// A `{"name": "path"}` map such as `usingComponents`, in file order.
    pub fn string_map(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
        let Some(map) = self.object(key, diags) else { return Vec::new() };
        map.iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k.clone(), s.clone())),
                other => {
                    self.wrong_type(&format!("{key}.{k}"), "a string", other, diags);
                    None
                }
            })
            .collect()
    }

    fn wrong_type(&self, key: &str, expected: &str, got: &Value, diags: &mut Vec<Diagnostic>) {
        let last = key.rsplit('.').next().unwrap_or(key);
        let (pos, _) = self.key_pos(last, 0);
        let got = match got {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        };
        diags.push(Diagnostic::error(&self.path, pos, format!("`{key}` should be {expected}, not {got}")).with_hint(format!("write `{last}` as {expected}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = JsonFile::parse("app.json", "{\n  \"pages\": [\n    \"a\",\n  ]\n}".into()).err().unwrap();
        assert!(err.to_string().starts_with("app.json:4:3: error: malformed JSON"), "{err}");
    }

    #[test]
    fn keys_are_located_in_the_text() {
        let f = JsonFile::parse("a.json", "{\n  \"x\": {\"pages\": 1},\n  \"pages\": 2\n}".into()).unwrap();
        let (pos, at) = f.key_pos("x", 0);
        assert_eq!(pos, Pos { line: 2, col: 3 });
        assert_eq!(f.key_pos("pages", at).0, Pos { line: 2, col: 9 });
    }
}
