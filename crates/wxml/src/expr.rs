//! The `{{ }}` expression language, with exactly the grammar the official compiler accepts:
//! literals, names, `.`/`[]` access and calls on names, unary `! - ~`, arithmetic, bitwise,
//! comparison, logical, ternary, array literals and object literals (shorthand, `...spread`).
//! wcc rejects `typeof`, `??`, `?.`, template strings, unary `+`, `**`, `>>>`, `in` and
//! member access on literals or parentheses; so does this parser.

use crate::value::{Object, Value, WxsFunction};
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::rc::Rc;

/// Shares one `Rc<str>` per distinct name (tags, attributes, identifiers, keys) across a
/// file's IR, so compiling allocates less and cloning names at render time is a refcount.
#[derive(Debug, Default)]
pub struct Interner(FxHashSet<Rc<str>>);

impl Interner {
    pub fn get(&mut self, name: &str) -> Rc<str> {
        if let Some(rc) = self.0.get(name) {
            return rc.clone();
        }
        let rc: Rc<str> = Rc::from(name);
        self.0.insert(rc.clone());
        rc
    }
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Literal(LiteralValue),
    Name(Rc<str>),
    Member(Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    Array(Vec<Expr>),
    Object(Vec<ObjectItem>),
}

/// A literal, kept as the value it denotes.
#[derive(Clone, Debug)]
pub struct LiteralValue(pub Value);

impl PartialEq for LiteralValue {
    fn eq(&self, other: &Self) -> bool {
        self.0.strict_equals(&other.0) || (self.0.to_number().is_nan() && other.0.to_number().is_nan())
    }
}

/// One entry of an object literal.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjectItem {
    Property(Rc<str>, Expr),
    Spread(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UnaryOp {
    Not,
    Negate,
    BitNot,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    Gt,
    LtEq,
    GtEq,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

/// A syntax error inside `{{ }}`; `offset` is a byte offset into the expression text.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}

/// Parses one expression (the text between `{{` and `}}`). Blank text is the empty string.
pub fn parse_expression(src: &str, names: &mut Interner) -> Result<Expr, ExprError> {
    let mut p = ExprParser::new(src, names)?;
    if p.peek() == &Tok::End {
        return Ok(Expr::Literal(LiteralValue(Value::from(""))));
    }
    let e = p.conditional()?;
    p.expect_end()?;
    Ok(e)
}

/// Parses the body of an object literal without its braces, as in a template's
/// `data="{{ a: 1, ...rest }}"`.
pub fn parse_object_body(src: &str, names: &mut Interner) -> Result<Expr, ExprError> {
    let mut p = ExprParser::new(src, names)?;
    let e = p.object_items(&Tok::End)?;
    p.expect_end()?;
    Ok(e)
}

// ---------------------------------------------------------------- lexer

#[derive(Clone, Debug, PartialEq)]
enum Tok<'a> {
    Num(f64),
    Str(Cow<'a, str>),
    Ident(&'a str),
    Punct(&'static str),
    End,
}

/// The punctuator at the start of `rest`, longest first (`>>>` before `>>` before `>`).
fn punctuator(rest: &str) -> Option<&'static str> {
    let candidates: &[&'static str] = match rest.as_bytes().first()? {
        b'.' => &["...", "."],
        b'=' => &["===", "=="],
        b'!' => &["!==", "!=", "!"],
        b'>' => &[">>>", ">>", ">=", ">"],
        b'<' => &["<<", "<=", "<"],
        b'&' => &["&&", "&"],
        b'|' => &["||", "|"],
        b'*' => &["**", "*"],
        b'?' => &["??", "?.", "?"],
        b'+' => &["+"],
        b'-' => &["-"],
        b'/' => &["/"],
        b'%' => &["%"],
        b'~' => &["~"],
        b':' => &[":"],
        b',' => &[","],
        b'^' => &["^"],
        b'(' => &["("],
        b')' => &[")"],
        b'[' => &["["],
        b']' => &["]"],
        b'{' => &["{"],
        b'}' => &["}"],
        _ => return None,
    };
    candidates.iter().copied().find(|p| rest.starts_with(p))
}

fn lex(src: &str) -> Result<Vec<(Tok<'_>, usize)>, ExprError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |offset: usize, message: String| ExprError { offset, message };
    while i < bytes.len() {
        let c = src[i..].chars().next().expect("in bounds");
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_ascii_digit() || (c == '.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            if i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'_') {
                let end = src[i..].find(|c: char| !c.is_alphanumeric()).map_or(src.len(), |e| i + e);
                return Err(err(i, format!("unexpected token `{}`", &src[i..end])));
            }
            let n = src[start..i].parse::<f64>().map_err(|_| err(start, format!("bad number `{}`", &src[start..i])))?;
            out.push((Tok::Num(n), start));
        } else if c == '"' || c == '\'' {
            let (s, len) = lex_string(&src[i..]).ok_or_else(|| err(start, "string is never closed".into()))?;
            i += len;
            out.push((Tok::Str(s), start));
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let end = src[i..].find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).map_or(src.len(), |e| i + e);
            out.push((Tok::Ident(&src[i..end]), start));
            i = end;
        } else if let Some(p) = punctuator(&src[i..]) {
            out.push((Tok::Punct(p), start));
            i += p.len();
        } else {
            return Err(err(start, format!("unexpected character `{c}`")));
        }
    }
    out.push((Tok::End, src.len()));
    Ok(out)
}

/// Reads a quoted string literal with JS escapes; returns the value and its byte length.
fn lex_string(s: &str) -> Option<(Cow<'_, str>, usize)> {
    let quote = s.chars().next()?;
    let body = &s[1..];
    match body.find([quote, '\\']) {
        Some(end) if body[end..].starts_with(quote) => return Some((Cow::Borrowed(&body[..end]), end + 2)),
        None => return None,
        Some(_) => {}
    }
    let mut chars = s.char_indices();
    chars.next();
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c == quote => return Some((Cow::Owned(out), i + 1)),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    '0' => out.push('\0'),
                    'u' => {
                        let hex: String = (0..4).filter_map(|_| chars.next().map(|(_, h)| h)).collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?).unwrap_or('\u{fffd}'));
                    }
                    'x' => {
                        let hex: String = (0..2).filter_map(|_| chars.next().map(|(_, h)| h)).collect();
                        out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
                    }
                    '\n' => {}
                    other => out.push(other),
                }
            }
            other => out.push(other),
        }
    }
    None
}

// ---------------------------------------------------------------- parser

struct ExprParser<'a, 'n> {
    toks: Vec<(Tok<'a>, usize)>,
    at: usize,
    names: &'n mut Interner,
    /// How deep the expression being parsed nests (brackets, operators), against
    /// [`MAX_EXPRESSION_DEPTH`].
    depth: usize,
}

/// The deepest an expression may nest: brackets, `?:`, unary and chained binary operators
/// (templates nest a few levels; this keeps parsing and evaluating within a small stack).
pub const MAX_EXPRESSION_DEPTH: usize = 256;

impl<'a, 'n> ExprParser<'a, 'n> {
    fn new(src: &'a str, names: &'n mut Interner) -> Result<Self, ExprError> {
        Ok(ExprParser { toks: lex(src)?, at: 0, names, depth: 0 })
    }

    fn peek(&self) -> &Tok<'a> {
        &self.toks[self.at].0
    }

    fn offset(&self) -> usize {
        self.toks[self.at].1
    }

    fn next(&mut self) -> Tok<'a> {
        let t = self.toks[self.at].0.clone();
        if self.at + 1 < self.toks.len() {
            self.at += 1;
        }
        t
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::Punct(q) if *q == p)
    }

    fn eat(&mut self, p: &str) -> bool {
        if self.is(p) {
            self.next();
            true
        } else {
            false
        }
    }

    fn unexpected(&self) -> ExprError {
        let message = match self.peek() {
            Tok::End => "unexpected end of expression".to_string(),
            Tok::Num(n) => format!("unexpected token `{}`", crate::value::format_number(*n)),
            Tok::Str(s) => format!("unexpected string {s:?}"),
            Tok::Ident(s) => format!("unexpected token `{s}`"),
            Tok::Punct(p) => format!("unexpected token `{p}`"),
        };
        ExprError { offset: self.offset(), message }
    }

    fn expect(&mut self, p: &str) -> Result<(), ExprError> {
        if self.eat(p) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn expect_end(&mut self) -> Result<(), ExprError> {
        if self.peek() == &Tok::End {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// One level deeper for as long as `parse` runs.
    fn nested<T>(&mut self, levels: usize, parse: impl FnOnce(&mut Self) -> Result<T, ExprError>) -> Result<T, ExprError> {
        if self.depth + levels > MAX_EXPRESSION_DEPTH {
            return Err(ExprError { offset: self.offset(), message: format!("expression nested deeper than {MAX_EXPRESSION_DEPTH} levels") });
        }
        self.depth += levels;
        let result = parse(self);
        self.depth -= levels;
        result
    }

    fn conditional(&mut self) -> Result<Expr, ExprError> {
        self.nested(1, Self::conditional_here)
    }

    fn conditional_here(&mut self) -> Result<Expr, ExprError> {
        let test = self.binary(0)?;
        if !self.eat("?") {
            return Ok(test);
        }
        let yes = self.conditional()?;
        self.expect(":")?;
        let no = self.conditional()?;
        Ok(Expr::Conditional(Box::new(test), Box::new(yes), Box::new(no)))
    }

    /// Precedence climbing over the binary operators wcc knows, loosest first.
    fn binary(&mut self, level: usize) -> Result<Expr, ExprError> {
        const LEVELS: [&[&str]; 9] = [&["||"], &["&&"], &["|"], &["^"], &["&"], &["==", "!=", "===", "!=="], &["<", ">", "<=", ">="], &["<<", ">>"], &["+", "-"]];
        if level == LEVELS.len() {
            return self.multiplicative();
        }
        let mut left = self.binary(level + 1)?;
        let mut terms = 1;
        while let Tok::Punct(p) = *self.peek() {
            if !LEVELS[level].contains(&p) {
                break;
            }
            self.next();
            terms += 1;
            let right = self.nested(terms, |parser| parser.binary(level + 1))?;
            left = combine(p, left, right);
        }
        Ok(left)
    }

    fn multiplicative(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.unary()?;
        let mut terms = 1;
        while let Tok::Punct(p @ ("*" | "/" | "%")) = *self.peek() {
            self.next();
            terms += 1;
            // (A chain nests as deep as it is long: each operator holds the ones before.)
            let right = self.nested(terms, Self::unary)?;
            left = combine(p, left, right);
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        let op = match self.peek() {
            Tok::Punct("!") => UnaryOp::Not,
            Tok::Punct("-") => UnaryOp::Negate,
            Tok::Punct("~") => UnaryOp::BitNot,
            _ => return self.primary(),
        };
        self.next();
        Ok(Expr::Unary(op, Box::new(self.nested(1, Self::unary)?)))
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        let literal = |v: Value| Ok(Expr::Literal(LiteralValue(v)));
        match self.peek().clone() {
            Tok::Num(n) => {
                self.next();
                literal(Value::Number(n))
            }
            Tok::Str(s) => {
                self.next();
                literal(Value::String(self.names.get(&s)))
            }
            // `this` is a name like any other: the WXS module a template declares as `module="this"`.
            Tok::Ident("typeof" | "void" | "in" | "instanceof" | "new" | "delete" | "function") => Err(self.unexpected()),
            Tok::Ident(name) => {
                self.next();
                match name {
                    "true" => literal(Value::Bool(true)),
                    "false" => literal(Value::Bool(false)),
                    "null" => literal(Value::Null),
                    "undefined" => literal(Value::Undefined),
                    _ => {
                        let name = self.names.get(name);
                        self.postfix(Expr::Name(name))
                    }
                }
            }
            Tok::Punct("(") => {
                self.next();
                let e = self.conditional()?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Punct("[") => {
                self.next();
                let mut items = Vec::new();
                while !self.is("]") {
                    items.push(self.conditional()?);
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect("]")?;
                Ok(Expr::Array(items))
            }
            Tok::Punct("{") => {
                self.next();
                let obj = self.object_items(&Tok::Punct("}"))?;
                self.expect("}")?;
                Ok(obj)
            }
            _ => Err(self.unexpected()),
        }
    }

    /// `.name`, `[expr]` and `(args)` after a name.
    fn postfix(&mut self, mut e: Expr) -> Result<Expr, ExprError> {
        loop {
            if self.eat(".") {
                let Tok::Ident(name) = *self.peek() else { return Err(self.unexpected()) };
                self.next();
                let key = Value::String(self.names.get(name));
                e = Expr::Member(Box::new(e), Box::new(Expr::Literal(LiteralValue(key))));
            } else if self.eat("[") {
                let key = self.conditional()?;
                self.expect("]")?;
                e = Expr::Member(Box::new(e), Box::new(key));
            } else if self.eat("(") {
                let mut args = Vec::new();
                while !self.is(")") {
                    args.push(self.conditional()?);
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect(")")?;
                e = Expr::Call(Box::new(e), args);
            } else {
                return Ok(e);
            }
        }
    }

    fn object_items(&mut self, close: &Tok<'_>) -> Result<Expr, ExprError> {
        let mut items = Vec::new();
        while self.peek() != close {
            if self.eat("...") {
                items.push(ObjectItem::Spread(self.conditional()?));
            } else {
                // wcc takes only plain names as keys (no quoted or numeric keys).
                let Tok::Ident(name) = *self.peek() else { return Err(self.unexpected()) };
                self.next();
                let key = self.names.get(name);
                if self.eat(":") {
                    items.push(ObjectItem::Property(key, self.conditional()?));
                } else {
                    items.push(ObjectItem::Property(key.clone(), Expr::Name(key)));
                }
            }
            if !self.eat(",") {
                break;
            }
        }
        Ok(Expr::Object(items))
    }
}

fn combine(op: &str, left: Expr, right: Expr) -> Expr {
    let (l, r) = (Box::new(left), Box::new(right));
    let op = match op {
        "||" => return Expr::Or(l, r),
        "&&" => return Expr::And(l, r),
        "+" => BinaryOp::Add,
        "-" => BinaryOp::Sub,
        "*" => BinaryOp::Mul,
        "/" => BinaryOp::Div,
        "%" => BinaryOp::Rem,
        "==" => BinaryOp::Eq,
        "!=" => BinaryOp::NotEq,
        "===" => BinaryOp::StrictEq,
        "!==" => BinaryOp::StrictNotEq,
        "<" => BinaryOp::Lt,
        ">" => BinaryOp::Gt,
        "<=" => BinaryOp::LtEq,
        ">=" => BinaryOp::GtEq,
        "&" => BinaryOp::BitAnd,
        "|" => BinaryOp::BitOr,
        "^" => BinaryOp::BitXor,
        "<<" => BinaryOp::Shl,
        ">>" => BinaryOp::Shr,
        other => unreachable!("operator {other} is not in the precedence table"),
    };
    Expr::Binary(op, l, r)
}

// ---------------------------------------------------------------- evaluation

/// Runs WXS functions for the evaluator (the view layer's script context).
pub trait WxsHost {
    /// Calls a WXS function; an error is the JavaScript exception's message.
    fn call(&mut self, function: WxsFunction, args: &[Value]) -> Result<Value, String>;
}

/// The names an expression can see, innermost first: `wx:for` items and indexes,
/// then the file's WXS modules, then the data.
pub struct Scope<'a> {
    pub data: &'a Value,
    pub modules: &'a [(Rc<str>, Value)],
    pub locals: Vec<(Rc<str>, Value)>,
}

impl Scope<'_> {
    /// Looks a name up the way the view layer does.
    pub fn lookup(&self, name: &str) -> Value {
        if let Some((_, v)) = self.locals.iter().rev().find(|(n, _)| &**n == name) {
            return v.clone();
        }
        if let Some((_, v)) = self.modules.iter().find(|(n, _)| &**n == name) {
            return v.clone();
        }
        self.data.get_named(name)
    }
}

/// What evaluation needs besides the scope: a way to run WXS, and a place for its errors.
pub struct Env<'h> {
    pub wxs: &'h mut dyn WxsHost,
    pub errors: Vec<String>,
}

impl Expr {
    /// Evaluates with JavaScript semantics; a failing WXS call yields `undefined` and
    /// records its error in `env`.
    pub fn eval(&self, scope: &Scope, env: &mut Env) -> Value {
        match self {
            Expr::Literal(v) => v.0.clone(),
            Expr::Name(name) => scope.lookup(name),
            Expr::Member(obj, key) => {
                let obj = obj.eval(scope, env);
                match &**key {
                    Expr::Literal(LiteralValue(Value::String(name))) => obj.get_named(name),
                    key => obj.get(&key.eval(scope, env)),
                }
            }
            Expr::Call(callee, args) => match callee.eval(scope, env) {
                Value::Function(f) => {
                    let args: Vec<Value> = args.iter().map(|a| a.eval(scope, env)).collect();
                    env.wxs.call(f, &args).unwrap_or_else(|e| {
                        env.errors.push(e);
                        Value::Undefined
                    })
                }
                _ => Value::Undefined,
            },
            Expr::Unary(op, e) => {
                let v = e.eval(scope, env);
                match op {
                    UnaryOp::Not => Value::Bool(!v.truthy()),
                    UnaryOp::Negate => Value::Number(-v.to_number()),
                    UnaryOp::BitNot => Value::Number(f64::from(!v.to_int32())),
                }
            }
            Expr::Binary(op, l, r) => binary(*op, &l.eval(scope, env), &r.eval(scope, env)),
            Expr::And(l, r) => {
                let v = l.eval(scope, env);
                if v.truthy() {
                    r.eval(scope, env)
                } else {
                    v
                }
            }
            Expr::Or(l, r) => {
                let v = l.eval(scope, env);
                if v.truthy() {
                    v
                } else {
                    r.eval(scope, env)
                }
            }
            Expr::Conditional(c, y, n) => {
                if c.eval(scope, env).truthy() {
                    y.eval(scope, env)
                } else {
                    n.eval(scope, env)
                }
            }
            Expr::Array(items) => Value::Array(Rc::new(items.iter().map(|e| e.eval(scope, env)).collect())),
            Expr::Object(items) => {
                let mut map = Object::default();
                for item in items {
                    match item {
                        ObjectItem::Property(k, e) => {
                            map.insert(k.to_string(), e.eval(scope, env));
                        }
                        ObjectItem::Spread(e) => spread_into(&mut map, &e.eval(scope, env)),
                    }
                }
                Value::Object(Rc::new(map))
            }
        }
    }
}

/// `{...value}`: copies own enumerable properties (array elements and string characters
/// by index); other values add nothing.
fn spread_into(map: &mut Object, value: &Value) {
    match value {
        Value::Object(o) => map.extend(o.iter().map(|(k, v)| (k.clone(), v.clone()))),
        Value::Array(items) => map.extend(items.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone()))),
        Value::String(s) => map.extend(s.chars().enumerate().map(|(i, c)| (i.to_string(), Value::from(c.to_string())))),
        _ => {}
    }
}

fn binary(op: BinaryOp, l: &Value, r: &Value) -> Value {
    use BinaryOp::*;
    let num = |f: fn(f64, f64) -> f64| Value::Number(f(l.to_number(), r.to_number()));
    let int = |f: fn(i32, i32) -> i32| Value::Number(f64::from(f(l.to_int32(), r.to_int32())));
    match op {
        Add => {
            let (lp, rp) = (l.to_primitive(), r.to_primitive());
            if matches!(lp, Value::String(_)) || matches!(rp, Value::String(_)) {
                let mut s = lp.to_js_string();
                rp.write_js_string(&mut s);
                Value::from(s)
            } else {
                Value::Number(lp.to_number() + rp.to_number())
            }
        }
        Sub => num(|a, b| a - b),
        Mul => num(|a, b| a * b),
        Div => num(|a, b| a / b),
        Rem => num(|a, b| a % b),
        Eq => Value::Bool(l.loose_equals(r)),
        NotEq => Value::Bool(!l.loose_equals(r)),
        StrictEq => Value::Bool(l.strict_equals(r)),
        StrictNotEq => Value::Bool(!l.strict_equals(r)),
        Lt => Value::Bool(less_than(l, r) == Some(true)),
        Gt => Value::Bool(less_than(r, l) == Some(true)),
        LtEq => Value::Bool(less_than(r, l) == Some(false)),
        GtEq => Value::Bool(less_than(l, r) == Some(false)),
        BitAnd => int(|a, b| a & b),
        BitOr => int(|a, b| a | b),
        BitXor => int(|a, b| a ^ b),
        Shl => int(|a, b| a.wrapping_shl(b as u32 & 31)),
        Shr => int(|a, b| a.wrapping_shr(b as u32 & 31)),
    }
}

/// The abstract relational comparison `l < r`: `None` when a NaN makes it undefined.
fn less_than(l: &Value, r: &Value) -> Option<bool> {
    let (lp, rp) = (l.to_primitive(), r.to_primitive());
    if let (Value::String(a), Value::String(b)) = (&lp, &rp) {
        return Some(a.encode_utf16().lt(b.encode_utf16()));
    }
    let (a, b) = (lp.to_number(), rp.to_number());
    if a.is_nan() || b.is_nan() {
        None
    } else {
        Some(a < b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoWxs;
    impl WxsHost for NoWxs {
        fn call(&mut self, _: WxsFunction, _: &[Value]) -> Result<Value, String> {
            Err("no wxs".into())
        }
    }

    fn eval_with(src: &str, data: serde_json::Value) -> String {
        let data = Value::from_json(&data);
        let scope = Scope { data: &data, modules: &[], locals: Vec::new() };
        let mut wxs = NoWxs;
        let mut env = Env { wxs: &mut wxs, errors: Vec::new() };
        let mut out = String::new();
        parse_expression(src, &mut Interner::default()).unwrap().eval(&scope, &mut env).write_template_text(&mut out);
        out
    }

    #[test]
    fn arithmetic_and_concatenation_follow_javascript() {
        let d = serde_json::json!({"a": 1, "s": "x", "arr": [1, 2, [3, 4]]});
        assert_eq!(eval_with("a + 2 + s", d.clone()), "3x");
        assert_eq!(eval_with("s + a + 2", d.clone()), "x12");
        assert_eq!(eval_with("arr + 1", d.clone()), "1,2,3,41");
        assert_eq!(eval_with("-8 >> 1", d.clone()), "-4");
        assert_eq!(eval_with("~1", d.clone()), "-2");
        assert_eq!(eval_with("'5' * '2'", d.clone()), "10");
        assert_eq!(eval_with("1/0", d.clone()), "Infinity");
        assert_eq!(eval_with("a > 0 ? 'p' : 'n'", d.clone()), "p");
        assert_eq!(eval_with("missing.x.y", d), "");
    }

    #[test]
    fn grammar_rejects_what_wcc_rejects() {
        for src in ["typeof a", "a ?? b", "a?.b", "`t`", "+a", "2 ** 3", "a >>> 1", "a in b", "[1][0]", "(a).b", "0x10", "1e3", "a, b", "{'k': 1}", "{1: 1}"] {
            assert!(parse_expression(src, &mut Interner::default()).is_err(), "{src} should be rejected");
        }
    }

    #[test]
    fn object_literals_take_shorthand_and_spread() {
        let e = parse_object_body("...o, b: 9, c", &mut Interner::default()).unwrap();
        let data = Value::from_json(&serde_json::json!({"o": {"a": 1, "b": 2}, "c": 3}));
        let scope = Scope { data: &data, modules: &[], locals: Vec::new() };
        let mut env = Env { wxs: &mut NoWxs, errors: Vec::new() };
        assert_eq!(e.eval(&scope, &mut env).to_json().unwrap(), serde_json::json!({"a": 1, "b": 9, "c": 3}));
    }

    #[test]
    fn errors_at_the_end_say_so() {
        let err = parse_expression("a.", &mut Interner::default()).unwrap_err();
        assert_eq!((err.offset, err.message.as_str()), (2, "unexpected end of expression"));
    }

    #[test]
    fn nesting_past_the_limit_is_an_error() {
        let mut names = Interner::default();
        let deep = |n: usize, open: &str, close: &str| format!("{}1{}", open.repeat(n), close.repeat(n));
        assert!(parse_expression(&deep(200, "(", ")"), &mut names).is_ok());
        for src in [deep(5_000, "(", ")"), deep(5_000, "[", "]"), "!".repeat(5_000) + "1", vec!["1"; 5_000].join("+"), vec!["1"; 5_000].join("*"), deep(5_000, "a ? 1 : (", ")")] {
            let err = parse_expression(&src, &mut names).unwrap_err();
            assert!(err.message.contains("nested deeper than 256"), "{}", err.message);
        }
    }

    #[test]
    fn blank_expression_is_the_empty_string() {
        assert_eq!(parse_expression("  ", &mut Interner::default()).unwrap(), Expr::Literal(LiteralValue(Value::from(""))));
    }
}
