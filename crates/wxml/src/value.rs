//! The values WXML expressions compute with: JSON data plus `undefined` and WXS functions,
//! with JavaScript's conversion rules (the view layer evaluates `{{ }}` as JS does).

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;
use std::fmt::Write as _;
use std::rc::Rc;

/// An object's properties in insertion order, as `JSON.parse` builds them.
pub type Object = IndexMap<String, Value, FxBuildHasher>;

/// A WXS function exported by a `<wxs>` module; the number is given by the WXS runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WxsFunction(pub u32);

/// A JavaScript value as seen by the template engine. Cloning is cheap (`Rc`).
#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Rc<str>),
    Array(Rc<Vec<Value>>),
    Object(Rc<Object>),
    Function(WxsFunction),
}

impl Value {
    /// Whether two values are the same data: equal primitives (NaN the same as NaN), arrays
    /// and objects with the same entries in the same order, the same WXS function.
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a.to_bits() == b.to_bits() || a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b) || (a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same(y))),
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b) || (a.len() == b.len() && a.iter().zip(b.iter()).all(|((k, x), (l, y))| k == l && x.same(y))),
            (Value::Function(a), Value::Function(b)) => a == b,
            _ => false,
        }
    }

    /// Builds a value from JSON data (a page's `data`, a `data.json` file).
    pub fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::from(s.as_str()),
            serde_json::Value::Array(items) => Value::Array(Rc::new(items.iter().map(Value::from_json).collect())),
            serde_json::Value::Object(map) => Value::Object(Rc::new(map.iter().map(|(k, v)| (k.clone(), Value::from_json(v))).collect())),
        }
    }

    /// Converts back to JSON with `JSON.stringify`'s rules: `undefined` and functions are
    /// dropped from objects and become `null` in arrays; NaN and Infinity become `null`.
    /// Returns `None` for a value that has no JSON form (`undefined`, a function).
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match self {
            Value::Undefined | Value::Function(_) => return None,
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => number_to_json(*n),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(|v| v.to_json().unwrap_or(serde_json::Value::Null)).collect()),
            Value::Object(map) => serde_json::Value::Object(map.iter().filter_map(|(k, v)| Some((k.clone(), v.to_json()?))).collect()),
        })
    }

    /// JavaScript truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0 && !n.is_nan(),
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) | Value::Function(_) => true,
        }
    }

    /// JavaScript `String(value)`.
    pub fn to_js_string(&self) -> String {
        let mut out = String::new();
        self.write_js_string(&mut out);
        out
    }

    /// Appends `String(value)` to `out`.
    pub fn write_js_string(&self, out: &mut String) {
        match self {
            Value::Undefined => out.push_str("undefined"),
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => write_number(*n, out),
            Value::String(s) => out.push_str(s),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if !matches!(item, Value::Undefined | Value::Null) {
                        item.write_js_string(out);
                    }
                }
            }
            Value::Object(_) => out.push_str("[object Object]"),
            Value::Function(_) => out.push_str("function () { [native code] }"),
        }
    }

    /// What a `{{ }}` in text becomes: like `String(value)` except that `undefined`
    /// renders as the empty string (the official compiler's rule).
    pub fn write_template_text(&self, out: &mut String) {
        if !matches!(self, Value::Undefined) {
            self.write_js_string(out);
        }
    }

    /// JavaScript `Number(value)`.
    pub fn to_number(&self) -> f64 {
        match self {
            Value::Undefined | Value::Function(_) | Value::Object(_) => f64::NAN,
            Value::Null => 0.0,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Number(n) => *n,
            Value::String(s) => string_to_number(s),
            Value::Array(_) => string_to_number(&self.to_js_string()),
        }
    }

    /// JavaScript's ToInt32, used by the bitwise operators.
    pub fn to_int32(&self) -> i32 {
        let n = self.to_number();
        if !n.is_finite() {
            return 0;
        }
        (n.trunc().rem_euclid(4294967296.0) as u32) as i32
    }

    /// `typeof`-like check used where JS converts objects to primitives first.
    fn is_primitive(&self) -> bool {
        !matches!(self, Value::Array(_) | Value::Object(_) | Value::Function(_))
    }

    /// ToPrimitive with the default hint: arrays and objects become their string form.
    pub fn to_primitive(&self) -> Value {
        if self.is_primitive() {
            self.clone()
        } else {
            Value::from(self.to_js_string())
        }
    }

    /// JavaScript `===`.
    pub fn strict_equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
            (Value::Function(a), Value::Function(b)) => a == b,
            _ => false,
        }
    }

    /// JavaScript `==` (the abstract equality algorithm).
    pub fn loose_equals(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Undefined | Null, Undefined | Null) => true,
            (Undefined | Null, _) | (_, Undefined | Null) => false,
            (Number(_), String(_)) | (String(_), Number(_)) | (Bool(_), _) | (_, Bool(_)) => {
                if self.is_primitive() && other.is_primitive() {
                    self.to_number() == other.to_number()
                } else {
                    self.to_primitive().loose_equals(&other.to_primitive())
                }
            }
            _ if self.is_primitive() != other.is_primitive() => self.to_primitive().loose_equals(&other.to_primitive()),
            _ => self.strict_equals(other),
        }
    }

    /// Property access `value[key]` for data values; anything missing is `undefined`
    /// (the template engine never throws on `null.x`).
    pub fn get(&self, key: &Value) -> Value {
        match self {
            Value::Object(map) => match key {
                Value::String(k) => map.get(&**k).cloned().unwrap_or_default(),
                other => map.get(&other.to_js_string()).cloned().unwrap_or_default(),
            },
            Value::Array(items) => match array_index(key) {
                Some(i) => items.get(i).cloned().unwrap_or_default(),
                None if is_length(key) => Value::Number(items.len() as f64),
                None => Value::Undefined,
            },
            Value::String(s) => match array_index(key) {
                Some(i) => utf16_unit_at(s, i),
                None if is_length(key) => Value::Number(s.encode_utf16().count() as f64),
                None => Value::Undefined,
            },
            _ => Value::Undefined,
        }
    }

    /// Property access with a name (`value.name`).
    pub fn get_named(&self, name: &str) -> Value {
        match self {
            Value::Object(map) => map.get(name).cloned().unwrap_or_default(),
            _ => self.get(&Value::from(name)),
        }
    }
}

/// One step of a setData path: `a.b[2]` is `Key("a")`, `Key("b")`, `Index(2)`.
#[derive(Clone, Debug, PartialEq)]
pub enum PathPart<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits a setData path key (`'list[2].name'`, `'a.b'`) into its steps.
pub fn parse_data_path(path: &str) -> Vec<PathPart<'_>> {
    let mut parts = Vec::new();
    for segment in path.split('.') {
        let mut rest = segment;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                parts.push(PathPart::Key(&rest[..open]));
            }
            rest = &rest[open..];
            while let Some(close) = rest.find(']') {
                match rest[1..close].parse() {
                    Ok(i) => parts.push(PathPart::Index(i)),
                    Err(_) => parts.push(PathPart::Key(&rest[1..close])),
                }
                rest = &rest[close + 1..];
                if !rest.starts_with('[') {
                    break;
                }
            }
        } else if !rest.is_empty() {
            parts.push(PathPart::Key(rest));
        }
    }
    parts
}

/// The highest list index a setData path may name.
pub const MAX_LIST_INDEX: usize = 10_000_000;

impl Value {
    /// Sets `path` (a setData key) to `value` the way the logic layer does: missing or
    /// non-object steps become objects (arrays before an index), arrays grow with nulls.
    /// Shared parts are copied on write, so other holders of the old data are unaffected.
    /// An index past [`MAX_LIST_INDEX`] is refused (the list would not fit in memory).
    pub fn set_path(&mut self, path: &str, value: Value) -> Result<(), String> {
        let parts = parse_data_path(path);
        if parts.iter().any(|p| matches!(p, PathPart::Index(i) if *i > MAX_LIST_INDEX)) {
            return Err(format!("setData: `{path}` indexes past the {MAX_LIST_INDEX} items a list may have here; it was not applied"));
        }
        let Some((last, steps)) = parts.split_last() else { return Ok(()) };
        let mut target = self;
        for (i, part) in steps.iter().enumerate() {
            let next_is_index = matches!(parts[i + 1], PathPart::Index(_));
            target = target.child_mut(part, next_is_index);
        }
        match (last, target) {
            (PathPart::Key(k), Value::Object(map)) => {
                Rc::make_mut(map).insert(k.to_string(), value);
            }
            (PathPart::Index(i), Value::Array(items)) => {
                let items = Rc::make_mut(items);
                if items.len() <= *i {
                    items.resize(*i + 1, Value::Null);
                }
                items[*i] = value;
            }
            (PathPart::Index(i), Value::Object(map)) => {
                Rc::make_mut(map).insert(i.to_string(), value);
            }
            (part, target) => {
                *target = Value::Object(Rc::default());
                let key = match part {
                    PathPart::Key(k) => k.to_string(),
                    PathPart::Index(i) => i.to_string(),
                };
                if let Value::Object(map) = target {
                    Rc::make_mut(map).insert(key, value);
                }
            }
        }
        Ok(())
    }

    /// The child at `part`, created (as an array when `array` is set, else an object) when
    /// missing or not a container.
    fn child_mut(&mut self, part: &PathPart, array: bool) -> &mut Value {
        let fresh = || if array { Value::Array(Rc::default()) } else { Value::Object(Rc::default()) };
        let is_container = |v: &Value| matches!(v, Value::Array(_) | Value::Object(_));
        match (part, &mut *self) {
            (PathPart::Index(i), Value::Array(items)) => {
                let items = Rc::make_mut(items);
                if items.len() <= *i {
                    items.resize(*i + 1, Value::Null);
                }
                if !is_container(&items[*i]) {
                    items[*i] = fresh();
                }
                &mut items[*i]
            }
            (part, Value::Object(map)) => {
                let key = match part {
                    PathPart::Key(k) => k.to_string(),
                    PathPart::Index(i) => i.to_string(),
                };
                let slot = Rc::make_mut(map).entry(key).or_insert_with(fresh);
                if !is_container(slot) {
                    *slot = fresh();
                }
                slot
            }
            (part, this) => {
                *this = Value::Object(Rc::default());
                this.child_mut(part, array)
            }
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(Rc::from(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(Rc::from(s))
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

fn is_length(key: &Value) -> bool {
    matches!(key, Value::String(k) if &**k == "length")
}

/// The array index a key names, if it is one (`1` or `"1"`, not `"01"` or `1.5`).
fn array_index(key: &Value) -> Option<usize> {
    match key {
        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 4294967295.0 => Some(*n as usize),
        Value::String(s) => canonical_index(s),
        _ => None,
    }
}

/// `Some(i)` when `s` is the canonical decimal form of an array index.
pub fn canonical_index(s: &str) -> Option<usize> {
    if s.is_empty() || (s.len() > 1 && s.starts_with('0')) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>().ok().filter(|i| *i != u32::MAX).map(|i| i as usize)
}

fn utf16_unit_at(s: &str, index: usize) -> Value {
    match s.encode_utf16().nth(index) {
        Some(unit) => Value::from(String::from_utf16_lossy(&[unit])),
        None => Value::Undefined,
    }
}

/// JavaScript `Number.prototype.toString()` for a number.
pub fn format_number(n: f64) -> String {
    let mut out = String::new();
    write_number(n, &mut out);
    out
}

/// Appends `Number.prototype.toString()` of `n` to `out`.
pub fn write_number(n: f64, out: &mut String) {
    if n == 0.0 {
        out.push('0'); // also -0
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        let _ = write!(out, "{}", n as i64); // integers print the same, without ryu's work
    } else {
        out.push_str(ryu_js::Buffer::new().format(n));
    }
}

/// A number as JSON, as `JSON.stringify` writes it: integers without a fraction.
pub fn number_to_json(n: f64) -> serde_json::Value {
    if !n.is_finite() {
        serde_json::Value::Null
    } else if n.fract() == 0.0 && n.abs() < 9007199254740992.0 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

/// JavaScript's StringToNumber: whitespace trimmed, empty is 0, decimal, hex/octal/binary
/// prefixes, `Infinity`; anything else is NaN.
fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        return 0.0;
    }
    let radix = |prefix: &[&str], radix: u32| prefix.iter().find_map(|p| t.strip_prefix(p)).map(|digits| u64::from_str_radix(digits, radix).map_or(f64::NAN, |v| v as f64));
    if let Some(v) = radix(&["0x", "0X"], 16).or_else(|| radix(&["0o", "0O"], 8)).or_else(|| radix(&["0b", "0B"], 2)) {
        return v;
    }
    match t {
        "Infinity" | "+Infinity" => f64::INFINITY,
        "-Infinity" => f64::NEG_INFINITY,
        _ if t.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) => t.parse().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

/// The order in which JavaScript enumerates an object's keys: array-index keys ascending
/// first, then the other keys in insertion order. `wx:for` over an object follows it.
pub fn js_key_order(map: &Object) -> Vec<(&String, &Value)> {
    let mut indexed: Vec<(usize, (&String, &Value))> = Vec::new();
    let mut named = Vec::new();
    for entry in map {
        match canonical_index(entry.0) {
            Some(i) => indexed.push((i, entry)),
            None => named.push(entry),
        }
    }
    indexed.sort_by_key(|(i, _)| *i);
    indexed.into_iter().map(|(_, e)| e).chain(named).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(-42.0), "-42");
        assert_eq!(format_number(123456789012345.0), "123456789012345");
        assert_eq!(format_number(1e20), "100000000000000000000");
        assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_number(1e21), "1e+21");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(f64::INFINITY), "Infinity");
        assert_eq!(format_number(f64::NAN), "NaN");
    }

    #[test]
    fn loose_equality_follows_the_abstract_algorithm() {
        let one = Value::Number(1.0);
        assert!(one.loose_equals(&Value::from("1")));
        assert!(Value::Null.loose_equals(&Value::Undefined));
        assert!(!Value::Null.loose_equals(&Value::Number(0.0)));
        assert!(Value::Bool(true).loose_equals(&one));
        let arr = Value::Array(Rc::new(vec![Value::Number(1.0), Value::Number(2.0)]));
        assert!(arr.loose_equals(&Value::from("1,2")));
        assert!(!one.strict_equals(&Value::from("1")));
    }

    #[test]
    fn strings_convert_to_numbers_like_javascript() {
        assert_eq!(Value::from(" 12 ").to_number(), 12.0);
        assert_eq!(Value::from("").to_number(), 0.0);
        assert_eq!(Value::from("0x10").to_number(), 16.0);
        assert!(Value::from("12px").to_number().is_nan());
        assert_eq!(Value::from("-Infinity").to_number(), f64::NEG_INFINITY);
    }

    #[test]
    fn object_keys_enumerate_in_javascript_order() {
        let json: serde_json::Value = serde_json::from_str(r#"{"b":1,"2":2,"a":3,"1":4,"01":5}"#).unwrap();
        let Value::Object(map) = Value::from_json(&json) else { panic!() };
        let keys: Vec<&str> = js_key_order(&map).iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["1", "2", "b", "a", "01"]);
    }

    #[test]
    fn set_data_paths_update_nested_values_copy_on_write() {
        let mut data = Value::from_json(&serde_json::json!({"list": [{"name": "a"}, {"name": "b"}], "n": 1}));
        let before = data.clone();
        data.set_path("list[1].name", Value::from("B")).unwrap();
        data.set_path("obj.deep.x", Value::Number(1.0)).unwrap();
        data.set_path("grid[0][1]", Value::Number(5.0)).unwrap();
        data.set_path("n", Value::Null).unwrap();
        assert!(data.set_path("list[3000000000]", Value::Null).unwrap_err().contains("indexes past"));
        assert_eq!(data.to_json().unwrap(), serde_json::json!({"list": [{"name": "a"}, {"name": "B"}], "n": null, "obj": {"deep": {"x": 1}}, "grid": [[null, 5]]}));
        assert_eq!(before.get_named("list").get(&Value::Number(1.0)).get_named("name").to_js_string(), "b");
        assert_eq!(parse_data_path("a.b[2][0].c"), [PathPart::Key("a"), PathPart::Key("b"), PathPart::Index(2), PathPart::Index(0), PathPart::Key("c")]);
    }

    #[test]
    fn json_round_trip_drops_undefined_like_stringify() {
        let mut map = Object::default();
        map.insert("u".into(), Value::Undefined);
        map.insert("n".into(), Value::Number(2.0));
        let arr = Value::Array(Rc::new(vec![Value::Undefined, Value::Number(0.5)]));
        map.insert("a".into(), arr);
        let json = Value::Object(Rc::new(map)).to_json().unwrap();
        assert_eq!(json, serde_json::json!({"n": 2, "a": [null, 0.5]}));
    }
}
