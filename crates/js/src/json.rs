//! JSON in both JS contexts, with the depth the platform's engines take and without the host's
//! stack as the limit: `JSON.parse` accepts nesting up to [`MAX_DEPTH`] levels (boa's own
//! stops at 127, where a phone goes on), and `JSON.stringify` (and every value the host
//! converts) refuses anything deeper with a RangeError instead of recursing until the
//! process aborts.

use boa_engine::object::JsObject;
use boa_engine::property::PropertyKey;
use boa_engine::{js_string, Context, JsError, JsNativeError, JsResult, JsString, JsValue, NativeFunction, Source};
use serde::Deserialize;
use std::collections::HashSet;

/// The deepest nesting of arrays and objects JSON may have here.
pub const MAX_DEPTH: usize = 10_000;

/// The reviver walk of `JSON.parse` (ECMA-262 InternalizeJSONProperty), in JS.
const INTERNALIZE_JS: &str = r#"
(function internalize(holder, key, reviver) {
  var value = holder[key];
  if (value !== null && typeof value === 'object') {
    var keys = Array.isArray(value) ? value.map(function (_, i) { return String(i); }) : Object.keys(value);
    keys.forEach(function (k) {
      var revived = internalize(value, k, reviver);
      if (revived === undefined) delete value[k]; else value[k] = revived;
    });
  }
  return reviver.call(holder, key, value);
})
"#;

/// What the JSON natives keep: the reviver walk and the engine's own `JSON.stringify`.
struct Natives {
    internalize: JsObject,
    stringify: JsObject,
}

/// Replaces `JSON.parse` and `JSON.stringify` in `context` (before any script runs).
pub fn install(context: &mut Context) {
    let json = context.intrinsics().objects().json();
    let stringify = json.get(js_string!("stringify"), context).ok().and_then(|f| f.as_object()).expect("JSON.stringify");
    let internalize = context.eval(Source::from_bytes(INTERNALIZE_JS)).ok().and_then(|f| f.as_object()).expect("the reviver walk is valid JavaScript");
    context.insert_data(Natives { internalize, stringify });
    for (name, f) in [("parse", parse as boa_engine::native_function::NativeFunctionPointer), ("stringify", stringify_checked)] {
        let function = NativeFunction::from_fn_ptr(f).to_js_function(context.realm());
        json.set(JsString::from(name), function, false, context).expect("JSON takes properties");
    }
}

/// The engine's own `JSON.stringify`, without the depth walk: for the framework's internal
/// use, whose text the host reads through [`from_str`] (which scans its depth cheaply); a
/// value deep enough to matter makes it slow (by the square of the depth) long before the
/// stack runs out, and the watchdog stops that.
pub fn engine_stringify(context: &Context) -> JsObject {
    natives(context).1
}

fn natives(context: &Context) -> (JsObject, JsObject) {
    let natives = context.get_data::<Natives>().expect("json::install ran");
    (natives.internalize.clone(), natives.stringify.clone())
}

/// `JSON.parse(text, reviver)`.
fn parse(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = args.first().cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped();
    if let Some(at) = too_deep(&text) {
        return Err(JsNativeError::syntax().with_message(format!("JSON nested deeper than {MAX_DEPTH} levels at position {at}")).into());
    }
    let mut reader = serde_json::Deserializer::from_str(&text);
    // The depth was checked above: serde may go as deep as that.
    reader.disable_recursion_limit();
    let value = serde_json::Value::deserialize(&mut reader).and_then(|v| reader.end().map(|()| v)).map_err(|e| syntax_error(&text, &e))?;
    let value = JsValue::from_json(&value, context)?;
    match args.get(1).and_then(JsValue::as_callable) {
        Some(reviver) => {
            let holder = JsObject::with_object_proto(context.intrinsics());
            holder.set(js_string!(""), value, false, context)?;
            let (internalize, _) = natives(context);
            internalize.call(&JsValue::undefined(), &[holder.into(), js_string!("").into(), reviver.into()], context)
        }
        None => Ok(value),
    }
}

/// Where `text` first nests deeper than [`MAX_DEPTH`] (outside strings), as a byte offset.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, byte) in text.bytes().enumerate() {
        match (in_string, byte) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') | (false, b'"') => in_string = !in_string,
            (false, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(at);
                }
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A parse error worded as V8 words it: the unexpected token and the text, or the end.
fn syntax_error(text: &str, e: &serde_json::Error) -> JsError {
    let offset = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum::<usize>() + e.column().saturating_sub(1);
    let message = match text.get(offset..).and_then(|rest| rest.chars().next()) {
        _ if e.is_eof() => "Unexpected end of JSON input".to_string(),
        Some(c) => {
            let shown: String = text.chars().take(30).collect();
            let more = if text.chars().count() > 30 { "..." } else { "" };
            format!("Unexpected token '{c}', \"{shown}{more}\" is not valid JSON")
        }
        None => "Unexpected end of JSON input".to_string(),
    };
    JsNativeError::syntax().with_message(message).into()
}

/// JSON text as a value, nested at most [`MAX_DEPTH`] levels (the host's side of what
/// scripts send it).
pub fn from_str(text: &str) -> Result<serde_json::Value, String> {
    if let Some(at) = too_deep(text) {
        return Err(format!("JSON nested deeper than {MAX_DEPTH} levels at position {at}"));
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    reader.disable_recursion_limit();
    serde_json::Value::deserialize(&mut reader).and_then(|v| reader.end().map(|()| v)).map_err(|e| e.to_string())
}

/// `JSON.stringify(value, replacer, space)`: the engine's, once the value is known not to
/// nest deeper than [`MAX_DEPTH`].
fn stringify_checked(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    check_depth(&args.first().cloned().unwrap_or_default(), context)?;
    let (_, stringify) = natives(context);
    stringify.call(this, args, context)
}

/// A RangeError when `value` nests objects deeper than [`MAX_DEPTH`] levels (each object is
/// looked into once, so cycles and shared parts cost nothing more); for whatever the host
/// is about to convert or the engine to walk recursively.
pub fn check_depth(value: &JsValue, context: &mut Context) -> JsResult<()> {
    let Some(object) = value.as_object() else { return Ok(()) };
    let mut seen: HashSet<JsObject> = HashSet::new();
    let mut stack: Vec<(JsObject, usize)> = vec![(object.clone(), 1)];
    while let Some((object, depth)) = stack.pop() {
        if object.is_callable() || !seen.insert(object.clone()) {
            continue;
        }
        if depth > MAX_DEPTH {
            return Err(JsNativeError::range().with_message(format!("the value nests objects deeper than {MAX_DEPTH} levels; JSON and setData take at most that many")).into());
        }
        for key in object.own_property_keys(context)? {
            if matches!(key, PropertyKey::Symbol(_)) {
                continue;
            }
            if let Some(inner) = object.get(key, context)?.as_object() {
                stack.push((inner.clone(), depth + 1));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::new_context;
    use boa_engine::Source;

    fn run(code: &str) -> String {
        let mut context = new_context(10_000_000);
        match context.eval(Source::from_bytes(code)) {
            Ok(value) => value.display().to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn json_a_thousand_levels_deep_round_trips() {
        let deep = "var s = ''; for (var i = 0; i < 1000; i++) s += '{\"a\":'; s += '1'; for (var i = 0; i < 1000; i++) s += '}'; JSON.stringify(JSON.parse(s)) === s";
        assert_eq!(run(deep), "true");
        assert_eq!(run("var o = {}; for (var i = 0; i < 1000; i++) o = [o]; JSON.stringify(o).length"), "2002");
    }

    #[test]
    fn deeper_than_the_limit_is_an_error_not_an_abort() {
        let parse = run("var s = ''; for (var i = 0; i < 20000; i++) s += '['; JSON.parse(s)");
        assert!(parse.contains("SyntaxError") && parse.contains("deeper than 10000"), "{parse}");
        let stringify = run("var o = {}; for (var i = 0; i < 20000; i++) o = { a: o }; JSON.stringify(o)");
        assert!(stringify.contains("RangeError") && stringify.contains("deeper than 10000"), "{stringify}");
    }

    #[test]
    fn parse_keeps_the_language_behaviour() {
        assert_eq!(run("JSON.stringify(JSON.parse('{\"b\":1,\"a\":[true,null,\"x\"],\"b\":2}'))"), "\"{\\\"b\\\":2,\\\"a\\\":[true,null,\\\"x\\\"]}\"");
        assert_eq!(run("JSON.parse('[1,2,3]', function (k, v) { return typeof v === 'number' ? v * 10 : v }).join()"), "\"10,20,30\"");
        assert_eq!(run("JSON.parse('{\"a\":1,\"b\":2}', function (k, v) { return k === 'a' ? undefined : v }).hasOwnProperty('a')"), "false");
        assert!(run("JSON.parse('{\"a\":}')").contains("SyntaxError: Unexpected token '}', \"{\"a\":}\" is not valid JSON"));
        assert!(run("JSON.parse('[1,')").contains("SyntaxError: Unexpected end of JSON input"));
        assert_eq!(run("var c = {}; c.c = c; try { JSON.stringify(c) } catch (e) { e instanceof TypeError }"), "true");
        assert_eq!(run("JSON.stringify({ toJSON: function () { return [1] } }, null, 1)"), "\"[\\n 1\\n]\"");
    }
}
