//! One script from ES modules or TypeScript to the platform's CommonJS, with swc.

use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::{sync::Lrc, FileName, Globals, Mark, SourceMap, Spanned, GLOBALS};
use swc_core::ecma::ast::{ModuleItem, Program};
use swc_core::ecma::codegen::{text_writer::JsWriter, Emitter};
use swc_core::ecma::parser::{lexer::Lexer, EsSyntax, Parser, StringInput, Syntax, TsSyntax};
use swc_core::ecma::transforms::base::helpers::{inject_helpers, Helpers, HELPERS};
use swc_core::ecma::transforms::base::{fixer::fixer, hygiene::hygiene, resolver};
use swc_core::ecma::transforms::compat::es2015::arrow;
use swc_core::ecma::transforms::module::common_js::common_js;
use swc_core::ecma::transforms::proposal::decorators;
use swc_core::ecma::transforms::typescript::strip;
use wxemu_package::Pos;

/// A compiled script and where its lines came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Compiled {
    pub code: String,
    pub map: LineMap,
}

/// Places in the compiled code (line, column) and the places in the source they came from,
/// in the compiled code's order. Lines and columns count from 1.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineMap(pub Vec<(Pos, Pos)>);

impl LineMap {
    /// The source place of the nearest mapped place at or before `compiled`.
    pub fn source_pos(&self, compiled: Pos) -> Option<Pos> {
        let key = (compiled.line, compiled.col);
        let after = self.0.partition_point(|(at, _)| (at.line, at.col) <= key);
        let (at, source) = self.0.get(after.checked_sub(1)?)?;
        // Within a line, columns move together.
        Some(if at.line == compiled.line { Pos { line: source.line, col: source.col + (compiled.col - at.col) } } else { *source })
    }
}

/// Why a script could not be compiled, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub message: String,
    pub pos: Pos,
}

/// Whether `source` may need compiling: TypeScript, or JavaScript with the word `import`
/// or `export` as a keyword would stand (not `module.exports`, `exports.x`, `importance`).
pub(crate) fn may_compile(source: &str, typescript: bool) -> bool {
    typescript || ["import", "export"].iter().any(|word| has_keyword(source, word)) || arrows_see_this(source)
}

/// Whether the script may have arrow functions that use `this`. boa 0.22 gives an arrow
/// inside an arrow the wrong `this` when the function around them declares no `var`
/// (`m() { [1].forEach(() => [2].forEach(() => this.f())) }` fails), so such arrows are
/// compiled to functions that capture `this`, as Babel's ES5 output does.
fn arrows_see_this(source: &str) -> bool {
    source.contains("=>") && has_keyword(source, "this")
}

fn has_keyword(source: &str, word: &str) -> bool {
    source.match_indices(word).any(|(at, _)| {
        let before = source[..at].chars().next_back();
        let after = source[at + word.len()..].chars().next();
        let part_of_name = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
        !before.is_some_and(|c| part_of_name(c) || c == '.') && after.is_some_and(|c| c.is_whitespace() || matches!(c, '{' | '*' | '(' | '"' | '\'' | '.' | ')' | ',' | ';' | '['))
    })
}

/// `source` compiled to CommonJS: TypeScript (`typescript`) always, JavaScript when it is an
/// ES module (`import`/`export`); `None` for a script that runs as written. A JavaScript
/// file swc cannot parse runs as written too (the engine reports what is wrong with it).
pub fn compile_script(source: &str, typescript: bool) -> Result<Option<Compiled>, CompileError> {
    if !may_compile(source, typescript) {
        return Ok(None);
    }
    let cm: Lrc<SourceMap> = Lrc::default();
    let file = cm.new_source_file(FileName::Anon.into(), source.to_string());
    let comments = SingleThreadedComments::default();
    let syntax = if typescript { Syntax::Typescript(TsSyntax { decorators: true, ..Default::default() }) } else { Syntax::Es(EsSyntax { decorators: true, ..Default::default() }) };
    let mut parser = Parser::new_from(Lexer::new(syntax, Default::default(), StringInput::from(&*file), Some(&comments)));
    let parsed = parser.parse_program();
    let first_error = parsed.as_ref().err().cloned().or_else(|| parser.take_errors().into_iter().next());
    let program = match (parsed, first_error) {
        (Ok(program), None) => program,
        (_, Some(error)) if typescript => {
            let at = cm.lookup_char_pos(error.span().lo);
            return Err(CompileError { message: error.kind().msg().to_string(), pos: Pos { line: at.line as u32, col: at.col_display as u32 + 1 } });
        }
        _ => return Ok(None),
    };
    let is_module = matches!(&program, Program::Module(m) if m.body.iter().any(|item| matches!(item, ModuleItem::ModuleDecl(_))));
    let arrows = arrows_see_this(source);
    if !typescript && !is_module && !arrows {
        return Ok(None);
    }
    let (code, entries) = GLOBALS
        .set(&Globals::default(), || {
            HELPERS.set(&Helpers::new(false), || {
                let unresolved = Mark::new();
                let top_level = Mark::new();
                let mut program = program.apply(resolver(unresolved, top_level, typescript));
                // Decorators as TypeScript's `experimentalDecorators` (TDesign's `@wxComponent()`).
                program = program.apply(decorators(decorators::Config { legacy: true, emit_metadata: false, use_define_for_class_fields: false }));
                if typescript {
                    program = program.apply(strip(unresolved, top_level));
                }
                if arrows {
                    program = program.apply(arrow(unresolved));
                }
                if typescript || is_module {
                    program = program.apply(common_js(Default::default(), unresolved, Default::default(), Default::default()));
                }
                let program = program.apply(inject_helpers(unresolved)).apply(hygiene()).apply(fixer(Some(&comments)));
                let mut code = Vec::new();
                let mut entries = Vec::new();
                let mut emitter = Emitter { cfg: Default::default(), cm: cm.clone(), comments: Some(&comments), wr: JsWriter::new(cm.clone(), "\n", &mut code, Some(&mut entries)) };
                emitter.emit_program(&program).map(|()| (code, entries))
            })
        })
        .map_err(|e| CompileError { message: format!("the compiled script could not be written: {e}"), pos: Pos::START })?;
    let map = entries
        .iter()
        .filter(|(at, _)| !at.is_dummy())
        .map(|(at, out)| {
            let source = cm.lookup_char_pos(*at);
            (Pos { line: out.line + 1, col: out.col + 1 }, Pos { line: source.line as u32, col: source.col_display as u32 + 1 })
        })
        .collect();
    let code = String::from_utf8(code).map_err(|e| CompileError { message: e.to_string(), pos: Pos::START })?;
    Ok(Some(Compiled { code, map: LineMap(map) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(source: &str, typescript: bool) -> String {
        compile_script(source, typescript).unwrap().unwrap().code
    }

    #[test]
    fn a_script_without_modules_runs_as_written() {
        assert_eq!(compile_script("module.exports = { a: require('./a') }", false), Ok(None));
        assert_eq!(compile_script("var important = 1; exports.x = important; module.exports.y = 2", false), Ok(None), "words that contain import are not modules");
        assert!(may_compile("import{a}from'./a'", false) && may_compile("x = import('./a')", false) && may_compile("export default 1", false));
        assert!(!may_compile("module.exports = require('./exporter')", false));
        assert_eq!(compile_script("var x = ;", false), Ok(None), "the engine reports what swc cannot parse");
    }

    #[test]
    fn decorators_are_applied_as_typescript_does() {
        let code = compiled("function tag(name: string) { return (c: any) => { c.tagged = name; return c } }\n@tag('x')\nexport default class Button { size = 1 }", true);
        assert!(!code.contains('@') && code.contains("_ts_decorate"), "{code}");
    }

    #[test]
    fn arrows_that_use_this_become_functions_that_capture_it() {
        let code = compiled("var o = { m() { [1].forEach(() => { [2].forEach(() => { this.f() }) }) } }", false);
        assert!(!code.contains("=>") && code.contains("_this"), "{code}");
        assert_eq!(compile_script("var add = (a, b) => a + b", false), Ok(None), "arrows without `this` run as written");
    }

    #[test]
    fn modules_become_commonjs() {
        let code = compiled("import a, { b as c } from './a'\nexport const d = a + c\nexport default 1", false);
        assert!(code.contains("require(\"./a\")") && code.contains("exports") && !code.contains("import "), "{code}");
    }

    #[test]
    fn typescript_loses_its_types_and_keeps_its_enums() {
        let code = compiled("import type { T } from './t'\nenum E { A, B }\nconst x: T = E.B as number\nexport { x }", true);
        assert!(!code.contains(": T") && !code.contains("./t") && code.contains("E[E[\"B\"] = 1]"), "{code}");
    }

    #[test]
    fn a_typescript_syntax_error_is_located() {
        let error = compile_script("const a = 1\nconst b: = 2\n", true).unwrap_err();
        assert_eq!(error.pos.line, 2, "{error:?}");
    }

    #[test]
    fn compiled_places_lead_back_to_the_source() {
        let source = "import { a } from './a'\n\nexport function f(n: number) {\n  return a.missing(n)\n}\n";
        let result = compile_script(source, true).unwrap().unwrap();
        let line = result.code.lines().position(|l| l.contains("missing")).unwrap() as u32 + 1;
        let col = result.code.lines().nth(line as usize - 1).unwrap().find("missing").unwrap() as u32 + 1;
        let source_pos = result.map.source_pos(Pos { line, col }).unwrap();
        assert_eq!(source_pos.line, 4, "{}\n{:?}", result.code, result.map);
    }
}
