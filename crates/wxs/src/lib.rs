//! WXS, the view layer's scripts: each `<wxs module>` (inline or `src`) runs once in a boa
//! context of its own (separate from the app's logic layer, as on the platform), with
//! `module.exports`, `require` of other `.wxs` files, `getRegExp` and `getDate`. Exports are
//! handed to the template engine as values whose functions it calls back through
//! [`WxsHost`].

use boa_engine::object::builtins::JsArray;
use boa_engine::property::PropertyKey;
use boa_engine::value::JsVariant;
use boa_engine::{js_string, Context, JsError, JsObject, JsResult, JsString, JsValue, NativeFunction, Source};
use std::path::Path;
use std::rc::Rc;
use wxemu_wxml::value::Object;
use wxemu_wxml::{Diagnostic, ModuleTable, Pos, Program, Value, WxsFunction, WxsHost, WxsSource};

/// Reads a package file by its root-relative path.
pub type ReadFile = Box<dyn Fn(&str) -> Option<String>>;

/// A view's WXS context and the functions its modules exported.
pub struct WxsRuntime {
    context: Context,
    functions: Vec<JsObject>,
}

/// The framework half of WXS: CommonJS `require` over `.wxs` files and the two globals
/// WXS has instead of `new RegExp` / `new Date`.
const PRELUDE: &str = r#"
var __wxsCache = {};
function __wxsRequire(from, path) {
  var full = __wxsResolve(from, path);
  if (__wxsCache[full]) return __wxsCache[full].exports;
  var module = { exports: {} };
  __wxsCache[full] = module;
  __wxsCompile(full, __wxsSource(full)).call(null, module, module.exports, function (p) { return __wxsRequire(full, p); });
  return module.exports;
}
function getRegExp(pattern, flags) { return new RegExp(pattern, flags); }
function getDate() { return new (Function.prototype.bind.apply(Date, [null].concat(Array.prototype.slice.call(arguments))))(); }
"#;

const WRAP_START: &str = "(function (module, exports, require) {";
const WRAP_END: &str = "\n})";

/// How deep a module's exports are converted (guards against cycles).
const MAX_DEPTH: usize = 32;

impl WxsRuntime {
    /// Runs every WXS module the program's files declare. Returns the runtime, each
    /// file's modules, and diagnostics for modules that failed (they are left out).
    pub fn load(program: &Program, read: ReadFile) -> (WxsRuntime, ModuleTable, Vec<Diagnostic>) {
        let mut context = Context::default();
        context.runtime_limits_mut().set_loop_iteration_limit(10_000_000);
        context.runtime_limits_mut().set_recursion_limit(1_000);
        context.insert_data(read);
        for (name, f) in [
            ("__wxsSource", source as fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>),
            ("__wxsResolve", resolve),
            ("__wxsCompile", compile),
        ] {
            context
                .register_global_callable(JsString::from(name), 2, NativeFunction::from_fn_ptr(f))
                .expect("fresh context accepts globals");
        }
        context.eval(Source::from_bytes(PRELUDE)).expect("the WXS prelude is valid JavaScript");
        let mut runtime = WxsRuntime { context, functions: Vec::new() };
        let mut table = ModuleTable::new();
        let mut diags = Vec::new();
        let mut paths: Vec<&String> = program.files.keys().collect();
        paths.sort();
        for path in paths {
            for decl in &program.files[path].wxs {
                match runtime.module(path, &decl.source) {
                    Ok(exports) => table.entry(path.clone()).or_default().push((decl.module.clone(), exports)),
                    Err((pos, message)) => diags.push(
                        Diagnostic::error(path, pos.unwrap_or(decl.pos), format!("WXS module `{}` failed: {message}", decl.module))
                            .with_hint("fix the module's script; WXS is a restricted ES5 without DOM or wx APIs"),
                    ),
                }
            }
        }
        (runtime, table, diags)
    }

    /// Runs one module and converts its exports.
    fn module(&mut self, wxml_path: &str, source: &WxsSource) -> Result<Value, (Option<Pos>, String)> {
        let result = match source {
            WxsSource::File(path) => {
                let call = format!("__wxsRequire('', {})", serde_json_string(path));
                self.context.eval(Source::from_bytes(&call))
            }
            WxsSource::Inline { code, pos } => self.run_inline(wxml_path, code, *pos),
        };
        let exports = result.map_err(|e| (error_pos(&e, source), self.describe(e)))?;
        Ok(self.to_value(&exports, 0))
    }

    /// Inline module code, placed at its line in the WXML file so errors point there.
    fn run_inline(&mut self, wxml_path: &str, code: &str, pos: Pos) -> JsResult<JsValue> {
        let padded = format!("{}{WRAP_START}{code}{WRAP_END}", "\n".repeat(pos.line.saturating_sub(1) as usize));
        let factory = self.context.eval(Source::from_bytes(&padded).with_path(Path::new(wxml_path)))?;
        let module = self.context.eval(Source::from_bytes("({ exports: {} })"))?;
        let module_obj = module.as_object().expect("object literal");
        let exports = module_obj.get(js_string!("exports"), &mut self.context)?;
        let from = JsValue::from(JsString::from(wxml_path));
        let require = self.context.eval(Source::from_bytes("(function (from) { return function (p) { return __wxsRequire(from, p); }; })"))?;
        let require = require.as_callable().expect("function").call(&JsValue::undefined(), &[from], &mut self.context)?;
        let factory = factory.as_callable().ok_or_else(|| JsError::from_opaque(js_string!("module wrapper is not callable").into()))?;
        factory.call(&JsValue::undefined(), &[module.clone(), exports, require], &mut self.context)?;
        module_obj.get(js_string!("exports"), &mut self.context)
    }

    fn describe(&mut self, error: JsError) -> String {
        match error.try_native(&mut self.context) {
            Ok(native) => native.to_string().trim_end_matches(" (native)").to_string(),
            Err(_) => error.to_string(),
        }
    }

    fn to_value(&mut self, v: &JsValue, depth: usize) -> Value {
        match v.variant() {
            JsVariant::Undefined | JsVariant::Symbol(_) => Value::Undefined,
            JsVariant::Null => Value::Null,
            JsVariant::Boolean(b) => Value::Bool(b),
            JsVariant::Integer32(i) => Value::Number(f64::from(i)),
            JsVariant::Float64(n) => Value::Number(n),
            JsVariant::BigInt(b) => Value::Number(b.to_f64()),
            JsVariant::String(s) => Value::from(s.to_std_string_escaped()),
            JsVariant::Object(obj) => {
                if obj.is_callable() {
                    self.functions.push(obj.clone());
                    return Value::Function(WxsFunction(self.functions.len() as u32 - 1));
                }
                if depth >= MAX_DEPTH {
                    return Value::Undefined;
                }
                if obj.is_array() {
                    let len = JsArray::from_object(obj.clone()).and_then(|a| a.length(&mut self.context)).unwrap_or(0);
                    let items = (0..len)
                        .map(|i| {
                            let item = obj.get(i, &mut self.context).unwrap_or_default();
                            self.to_value(&item, depth + 1)
                        })
                        .collect();
                    return Value::Array(Rc::new(items));
                }
                let mut map = Object::default();
                for key in obj.own_property_keys(&mut self.context).unwrap_or_default() {
                    let name = match &key {
                        PropertyKey::String(s) => s.to_std_string_escaped(),
                        PropertyKey::Index(i) => i.get().to_string(),
                        PropertyKey::Symbol(_) => continue,
                    };
                    let item = obj.get(key, &mut self.context).unwrap_or_default();
                    let item = self.to_value(&item, depth + 1);
                    map.insert(name, item);
                }
                Value::Object(Rc::new(map))
            }
        }
    }

    fn to_js(&mut self, v: &Value) -> JsValue {
        match v {
            Value::Undefined => JsValue::undefined(),
            Value::Null => JsValue::null(),
            Value::Bool(b) => JsValue::from(*b),
            Value::Number(n) => JsValue::from(*n),
            Value::String(s) => JsValue::from(JsString::from(&**s)),
            Value::Array(items) => {
                let items: Vec<JsValue> = items.iter().map(|i| self.to_js(i)).collect();
                JsArray::from_iter(items, &mut self.context).into()
            }
            Value::Object(map) => {
                let obj = JsObject::with_object_proto(self.context.intrinsics());
                for (k, item) in map.iter() {
                    let item = self.to_js(item);
                    obj.set(JsString::from(k.as_str()), item, false, &mut self.context).expect("plain object accepts properties");
                }
                obj.into()
            }
            Value::Function(f) => self.functions.get(f.0 as usize).cloned().map_or(JsValue::undefined(), JsValue::from),
        }
    }
}

impl WxsHost for WxsRuntime {
    fn call(&mut self, function: WxsFunction, args: &[Value]) -> Result<Value, String> {
        let f = self.functions.get(function.0 as usize).cloned().ok_or("unknown WXS function")?;
        let args: Vec<JsValue> = args.iter().map(|a| self.to_js(a)).collect();
        match f.call(&JsValue::undefined(), &args, &mut self.context) {
            Ok(v) => Ok(self.to_value(&v, 0)),
            Err(e) => Err(self.describe(e)),
        }
    }
}

fn serde_json_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The file position a boa error carries, for inline modules (whose code sits in the WXML).
fn error_pos(error: &JsError, source: &WxsSource) -> Option<Pos> {
    let WxsSource::Inline { pos, .. } = source else { return None };
    let text = error.to_string();
    // Syntax errors read "... at line L, col C"; the wrapper shifts column 1 of the first line.
    let at = text.rfind("line ")?;
    let mut nums = text[at + 5..].split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    let line: u32 = nums.next()?.parse().ok()?;
    let col: u32 = nums.next()?.parse().ok()?;
    let col = if line == pos.line { pos.col + col.saturating_sub(1 + WRAP_START.len() as u32) } else { col };
    Some(Pos { line, col })
}

fn arg_string(args: &[JsValue], i: usize, context: &mut Context) -> JsResult<String> {
    Ok(args.get(i).cloned().unwrap_or_default().to_string(context)?.to_std_string_escaped())
}

/// `__wxsSource(path)`: the text of a `.wxs` file, or a thrown error naming it.
fn source(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = arg_string(args, 0, context)?;
    let read = context.get_data::<ReadFile>().expect("reader installed at load");
    match read(&path) {
        Some(text) => Ok(JsValue::from(JsString::from(text.as_str()))),
        None => Err(JsError::from_opaque(JsValue::from(JsString::from(format!("WXS file `{path}` not found").as_str())))),
    }
}

/// `__wxsResolve(from, path)`: a `require` path relative to the requiring file.
fn resolve(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let from = arg_string(args, 0, context)?;
    let path = arg_string(args, 1, context)?;
    let resolved = wxemu_wxml::resolve_path(&from, &path);
    let resolved = if resolved.ends_with(".wxs") { resolved } else { resolved + ".wxs" };
    Ok(JsValue::from(JsString::from(resolved.as_str())))
}

/// `__wxsCompile(path, code)`: wraps a file's code as a CommonJS factory, compiled with its
/// path so errors name the file.
fn compile(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = arg_string(args, 0, context)?;
    let code = arg_string(args, 1, context)?;
    let wrapped = format!("{WRAP_START}{code}{WRAP_END}");
    context.eval(Source::from_bytes(&wrapped).with_path(Path::new(&path)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use wxemu_wxml::dump;

    fn render(files: &[(&str, &str)], data: serde_json::Value) -> (serde_json::Value, Vec<String>) {
        let files: HashMap<String, String> = files.iter().map(|(p, s)| (p.to_string(), s.to_string())).collect();
        let reader = files.clone();
        let program = Program::load("index.wxml", &mut |p| files.get(p).cloned());
        assert!(program.diagnostics.is_empty(), "{:?}", program.diagnostics);
        let (mut rt, modules, diags) = WxsRuntime::load(&program, Box::new(move |p| reader.get(p).cloned()));
        let mut messages: Vec<String> = diags.iter().map(ToString::to_string).collect();
        let data = Value::from_json(&data);
        let mut renderer = wxemu_wxml::Renderer::new(&program, &modules, &mut rt);
        let nodes = renderer.render_file("index.wxml", &data);
        messages.extend(renderer.diagnostics.iter().map(ToString::to_string));
        (dump::to_json(&nodes), messages)
    }

    #[test]
    fn modules_export_values_and_functions_with_require() {
        let (json, messages) = render(
            &[
                ("index.wxml", "<wxs module=\"m\" src=\"./lib/m.wxs\"/><text>{{m.twice(n)}} {{m.name}} {{m.re.test('ab')}}</text>"),
                ("lib/m.wxs", "var dep = require('./dep.wxs'); var re = getRegExp('^a', 'i');\nmodule.exports = { twice: function (x) { return x * 2 + dep.one; }, name: 'mod', re: { test: function (s) { return re.test(s); } } };"),
                ("lib/dep.wxs", "module.exports = { one: 1 };"),
            ],
            serde_json::json!({"n": 3}),
        );
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(json, serde_json::json!([{"tag": "text", "attrs": {}, "children": [{"text": "7 mod true"}]}]));
    }

    #[test]
    fn a_throwing_function_renders_empty_and_is_reported() {
        let (json, messages) = render(
            &[("index.wxml", "<view>\n<wxs module=\"m\">module.exports.f = function () { throw new Error('boom'); };</wxs><text>[{{m.f()}}]</text></view>")],
            serde_json::json!({}),
        );
        assert_eq!(json[0]["children"][0]["children"][0]["text"], "[]");
        assert!(messages.iter().any(|m| m.contains("WXS error") && m.contains("boom")), "{messages:?}");
    }

    #[test]
    fn a_syntax_error_names_the_wxml_line() {
        let files: HashMap<String, String> =
            [("index.wxml".to_string(), "<view/>\n\n<wxs module=\"m\">module.exports = {;</wxs>".to_string())].into();
        let program = Program::load("index.wxml", &mut |p| files.get(p).cloned());
        let (_, modules, diags) = WxsRuntime::load(&program, Box::new(|_| None));
        assert!(modules.is_empty());
        let text = diags[0].to_string();
        assert!(text.starts_with("index.wxml:3:"), "{text}");
        assert!(text.contains("WXS module `m` failed"), "{text}");
    }
}
