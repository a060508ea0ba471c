//! theme.json (app.json `themeLocation`): variables that app.json's `window` and `tabBar`
//! and the pages' .json files name as `@navBg`, with a value for the light theme and one
//! for the dark. The dark values apply when app.json says `"darkmode": true` and the phone
//! is in dark mode.

use crate::json::JsonFile;
use crate::{Diagnostic, Pos};
use serde_json::{Map, Value};

/// The variables of theme.json.
#[derive(Clone, Debug, Default)]
pub struct Theme {
    light: Map<String, Value>,
    dark: Map<String, Value>,
}

impl Theme {
    /// The theme in `file` (theme.json, parsed); what is wrong with it goes to `diags`.
    pub fn from_file(file: &JsonFile, diags: &mut Vec<Diagnostic>) -> Theme {
        let mut half = |name: &str| match file.object(name, diags) {
            Some(values) => values.clone(),
            None => {
                diags.push(Diagnostic::warning(&file.path, Pos::START, format!("{} has no `{name}` object", file.path)).with_hint(format!("give it \"{name}\": {{ \"navBg\": \"#ffffff\", … }}")));
                Map::new()
            }
        };
        Theme { light: half("light"), dark: half("dark") }
    }

    /// `config` with every `@name` string (at any depth: `tabBar.list` items too) replaced
    /// by the variable's value in the light or `dark` theme; unknown names stay as written.
    pub fn apply(&self, config: &Map<String, Value>, dark: bool) -> Map<String, Value> {
        let values = if dark { &self.dark } else { &self.light };
        config.iter().map(|(key, value)| (key.clone(), substitute(value, values))).collect()
    }

    /// The `@name` strings in `config` (at any depth) that neither theme defines.
    pub fn unknown<'a>(&self, config: &'a Map<String, Value>) -> Vec<&'a str> {
        let mut found = Vec::new();
        let mut todo: Vec<&Value> = config.values().collect();
        while let Some(value) = todo.pop() {
            match value {
                Value::String(s) => {
                    if let Some(name) = s.strip_prefix('@').filter(|n| !self.light.contains_key(*n) || !self.dark.contains_key(*n)) {
                        found.push(name);
                    }
                }
                Value::Array(items) => todo.extend(items),
                Value::Object(map) => todo.extend(map.values()),
                _ => {}
            }
        }
        found
    }
}

fn substitute(value: &Value, values: &Map<String, Value>) -> Value {
    match value {
        Value::String(s) => s.strip_prefix('@').and_then(|name| values.get(name)).cloned().unwrap_or_else(|| value.clone()),
        Value::Array(items) => Value::Array(items.iter().map(|v| substitute(v, values)).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), substitute(v, values))).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_take_the_themes_values() {
        let file = JsonFile::parse("theme.json", r##"{"light": {"navBg": "#ffffff", "icon": "a.png"}, "dark": {"navBg": "#000000", "icon": "b.png"}}"##.into()).unwrap();
        let theme = Theme::from_file(&file, &mut Vec::new());
        let config: Map<String, Value> = serde_json::from_str(r#"{"navigationBarBackgroundColor": "@navBg", "list": [{"iconPath": "@icon"}], "title": "@@x", "other": "@missing"}"#).unwrap();
        let light = theme.apply(&config, false);
        assert_eq!((light["navigationBarBackgroundColor"].as_str(), light["list"][0]["iconPath"].as_str()), (Some("#ffffff"), Some("a.png")));
        let dark = theme.apply(&config, true);
        assert_eq!((dark["navigationBarBackgroundColor"].as_str(), dark["list"][0]["iconPath"].as_str()), (Some("#000000"), Some("b.png")));
        assert_eq!(dark["other"], "@missing");
        let mut unknown = theme.unknown(&config);
        unknown.sort();
        assert_eq!(unknown, ["@x", "missing"]);
    }
}
