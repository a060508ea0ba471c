//! A static look at a script's uses of `wx` (for `wxemu compat`): which members it reads or
//! calls, the keys and string values of the object literal it passes, where, and which
//! guards surround each use (`if (wx.canIUse('…'))`, `if (wx.xxx)`, `wx.xxx && …`,
//! `wx.xxx ? … : …`).

use boa_engine::ast::expression::access::{PropertyAccess, PropertyAccessField};
use boa_engine::ast::expression::literal::{LiteralKind, PropertyDefinition};
use boa_engine::ast::expression::operator::binary::{BinaryOp, LogicalOp};
use boa_engine::ast::expression::operator::{Binary, Conditional};
use boa_engine::ast::expression::{Call, Expression};
use boa_engine::ast::property::PropertyName;
use boa_engine::ast::statement::If;
use boa_engine::ast::visitor::{VisitWith, Visitor};
use boa_engine::ast::{scope::Scope, Position, Spanned};
use boa_engine::interner::{Interner, Sym};
use boa_engine::parser::{Parser, Source};
use std::ops::ControlFlow;
use wxemu_package::{Diagnostic, Pos};

/// One use of `wx` in a script.
#[derive(Clone, Debug, PartialEq)]
pub struct WxUse {
    /// The members named, outermost first: `wx.env.USER_DATA_PATH` → `["env", "USER_DATA_PATH"]`.
    pub members: Vec<String>,
    /// For a call with an object literal: each key, its value when it is a string literal,
    /// and where the key is.
    pub options: Vec<(String, Option<String>, Pos)>,
    pub pos: Pos,
    /// The schemas checked around the use: `wx.canIUse('x')` gives `x`, a tested `wx.x`
    /// gives `x`.
    pub guards: Vec<String>,
}

/// The `wx` uses of `source` (the script at `file`, for the diagnostic when it does not parse).
pub fn wx_uses(file: &str, source: &str) -> Result<Vec<WxUse>, Diagnostic> {
    let mut interner = Interner::default();
    let script = Parser::new(Source::from_bytes(source)).parse_script(&Scope::new_global(), &mut interner).map_err(|e| {
        let text = e.to_string();
        // boa writes "… at line L, col C".
        let pos = text.rsplit_once(" at line ").and_then(|(_, at)| at.split_once(", col ")).and_then(|(l, c)| Some(Pos { line: l.trim().parse().ok()?, col: c.trim().parse().ok()? }));
        Diagnostic::error(file, pos.unwrap_or(Pos::START), format!("the script does not parse: {text}")).with_hint("fix the syntax error; compat skips this file")
    })?;
    let mut finder = Finder { interner: &interner, guards: Vec::new(), uses: Vec::new() };
    let _ = script.visit_with(&mut finder);
    Ok(finder.uses)
}

struct Finder<'i> {
    interner: &'i Interner,
    /// Schemas guarded around the current node.
    guards: Vec<String>,
    uses: Vec<WxUse>,
}

fn pos(p: Position) -> Pos {
    Pos { line: p.line_number(), col: p.column_number() }
}

impl Finder<'_> {
    fn name(&self, sym: Sym) -> String {
        self.interner.resolve_expect(sym).to_string()
    }

    /// `wx.a.b` as `["a", "b"]`, when `expr` is such a chain of constant names.
    fn members(&self, expr: &Expression) -> Option<Vec<String>> {
        let Expression::PropertyAccess(PropertyAccess::Simple(access)) = expr else { return None };
        let PropertyAccessField::Const(field) = access.field() else { return None };
        let mut chain = match access.target() {
            Expression::Identifier(id) if self.name(id.sym()) == "wx" => Vec::new(),
            other => self.members(other)?,
        };
        chain.push(self.name(field.sym()));
        Some(chain)
    }

    /// The string argument of `wx.canIUse('…')`.
    fn can_i_use(&self, expr: &Expression) -> Option<String> {
        let Expression::Call(call) = expr else { return None };
        if self.members(call.function())? != ["canIUse"] {
            return None;
        }
        match call.args().first()? {
            Expression::Literal(lit) => lit.as_string().map(|s| self.name(s)),
            _ => None,
        }
    }

    /// The guards a test gives the branch it protects, visiting the test for the uses inside
    /// it (a bare `wx.x` in a test is the check itself, not a use).
    fn test(&mut self, test: &Expression) -> Vec<String> {
        let mut found = Vec::new();
        self.collect_guards(test, &mut found);
        found
    }

    fn collect_guards(&mut self, test: &Expression, found: &mut Vec<String>) {
        if let Some(schema) = self.can_i_use(test) {
            found.push(schema);
            let _ = self.visit_expression(test);
            return;
        }
        if let Some(members) = self.members(test) {
            found.push(members.join("."));
            return;
        }
        match test {
            Expression::Binary(b) if matches!(b.op(), BinaryOp::Logical(LogicalOp::And)) => {
                self.collect_guards(b.lhs(), found);
                self.collect_guards(b.rhs(), found);
            }
            Expression::Parenthesized(p) => self.collect_guards(p.expression(), found),
            other => {
                let _ = self.visit_expression(other);
            }
        }
    }

    /// Runs `visit` with `guards` added.
    fn guarded(&mut self, guards: &[String], visit: impl FnOnce(&mut Self)) {
        let depth = self.guards.len();
        self.guards.extend(guards.iter().cloned());
        visit(self);
        self.guards.truncate(depth);
    }

    fn record(&mut self, members: Vec<String>, at: Pos, options: Vec<(String, Option<String>, Pos)>) {
        self.uses.push(WxUse { members, options, pos: at, guards: self.guards.clone() });
    }
}

impl<'ast> Visitor<'ast> for Finder<'_> {
    type BreakTy = ();

    fn visit_if(&mut self, node: &'ast If) -> ControlFlow<()> {
        let guards = self.test(node.cond());
        self.guarded(&guards, |f| {
            let _ = f.visit_statement(node.body());
        });
        match node.else_node() {
            Some(otherwise) => self.visit_statement(otherwise),
            None => ControlFlow::Continue(()),
        }
    }

    fn visit_conditional(&mut self, node: &'ast Conditional) -> ControlFlow<()> {
        let guards = self.test(node.condition());
        self.guarded(&guards, |f| {
            let _ = f.visit_expression(node.if_true());
        });
        self.visit_expression(node.if_false())
    }

    fn visit_binary(&mut self, node: &'ast Binary) -> ControlFlow<()> {
        if matches!(node.op(), BinaryOp::Logical(LogicalOp::And)) {
            let guards = self.test(node.lhs());
            self.guarded(&guards, |f| {
                let _ = f.visit_expression(node.rhs());
            });
            return ControlFlow::Continue(());
        }
        self.visit_expression(node.lhs())?;
        self.visit_expression(node.rhs())
    }

    fn visit_call(&mut self, node: &'ast Call) -> ControlFlow<()> {
        if let Some(members) = self.members(node.function()) {
            let mut options = Vec::new();
            if let Some(Expression::ObjectLiteral(object)) = node.args().first() {
                for property in object.properties() {
                    let PropertyDefinition::Property(PropertyName::Literal(key), value) = property else { continue };
                    let text = match value {
                        Expression::Literal(lit) => match lit.kind() {
                            LiteralKind::String(s) => Some(self.name(*s)),
                            _ => None,
                        },
                        _ => None,
                    };
                    options.push((self.name(key.sym()), text, pos(key.span().start())));
                }
            }
            self.record(members, pos(node.function().span().start()), options);
        } else {
            self.visit_expression(node.function())?;
        }
        for arg in node.args() {
            self.visit_expression(arg)?;
        }
        ControlFlow::Continue(())
    }

    fn visit_expression(&mut self, node: &'ast Expression) -> ControlFlow<()> {
        if let Some(members) = self.members(node) {
            self.record(members, pos(node.span().start()), Vec::new());
            return ControlFlow::Continue(());
        }
        // The variant's own visit (not this one again), which visits its children here.
        node.visit_with(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uses(source: &str) -> Vec<(String, Vec<String>, Vec<(String, Option<String>)>)> {
        wx_uses("a.js", source).unwrap().into_iter().map(|u| (u.members.join("."), u.guards, u.options.into_iter().map(|(k, v, _)| (k, v)).collect())).collect()
    }

    #[test]
    fn finds_calls_members_options_and_their_guards() {
        let found = uses(
            "if (wx.getWindowInfo) { wx.getWindowInfo() } else { wx.getSystemInfoSync() }\n\
             if (wx.canIUse('showToast.object.icon.error')) wx.showToast({ title: 'x', icon: 'error', mask: true })\n\
             const dir = wx.env.USER_DATA_PATH\n\
             const open = wx.openEmbeddedMiniProgram && wx.openEmbeddedMiniProgram({ appId: id })\n\
             Page({ onLoad() { wx.showShareImageMenu({ path: p }) } })",
        );
        let none: Vec<String> = Vec::new();
        assert_eq!(
            found,
            [
                ("getWindowInfo".into(), vec!["getWindowInfo".to_string()], vec![]),
                ("getSystemInfoSync".into(), none.clone(), vec![]),
                ("canIUse".into(), none.clone(), vec![]),
                ("showToast".into(), vec!["showToast.object.icon.error".to_string()], vec![("title".into(), Some("x".into())), ("icon".into(), Some("error".into())), ("mask".into(), None)]),
                ("env.USER_DATA_PATH".into(), none.clone(), vec![]),
                ("openEmbeddedMiniProgram".into(), vec!["openEmbeddedMiniProgram".to_string()], vec![("appId".into(), None)]),
                ("showShareImageMenu".into(), none, vec![("path".into(), None)]),
            ]
        );
    }

    #[test]
    fn a_script_that_does_not_parse_is_reported_where_it_breaks() {
        let err = wx_uses("pages/a/a.js", "Page({\n  onLoad() { wx.foo( }\n})").unwrap_err();
        assert!(err.to_string().starts_with("pages/a/a.js:2:"), "{err}");
    }
}
