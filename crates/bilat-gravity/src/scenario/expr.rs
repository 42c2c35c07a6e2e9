//! The right-hand side of a scenario's `VAR=EXPR`: a small arithmetic language over the
//! frame's numeric columns, so that a change can be a value (`rta=1`), a shift
//! (`ln_DIST=ln_DIST-0.1`), a factor (`tariff=tariff*0.5`) or the variable itself (`X=X`, the
//! zero change).
//!
//! ```text
//! expr   := term (('+' | '-') term)*
//! term   := unary (('*' | '/') unary)*
//! unary  := '-' unary | atom
//! atom   := number | column | ('log' | 'exp') '(' expr ')' | '(' expr ')'
//! ```
//! Evaluation is per row; a non-finite result is reported by the caller with the row.

use crate::error::{Error, Result};
use crate::frame::Frame;

/// A parsed expression, evaluated row by row on a [`Frame`].
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    node: Node,
    text: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Num(f64),
    Var(String),
    Neg(Box<Node>),
    Bin(char, Box<Node>, Box<Node>),
    Call(Func, Box<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Func {
    Log,
    Exp,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Sym(char),
}

fn bad(message: String) -> Error {
    Error::InvalidScenario {
        what: "change",
        message,
    }
}

fn tokenize(src: &str) -> Result<Vec<Tok>> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric()
                    || chars[i] == '.'
                    || ((chars[i] == '-' || chars[i] == '+') && matches!(chars[i - 1], 'e' | 'E')))
            {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let v = text
                .parse::<f64>()
                .map_err(|_| bad(format!("`{text}` is not a number in `{src}`")))?;
            out.push(Tok::Num(v));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Name(chars[start..i].iter().collect()));
        } else if "+-*/()".contains(c) {
            out.push(Tok::Sym(c));
            i += 1;
        } else {
            return Err(bad(format!(
                "unexpected character `{c}` at {} in `{src}`",
                i + 1
            )));
        }
    }
    Ok(out)
}

struct Parser<'a> {
    toks: Vec<Tok>,
    pos: usize,
    src: &'a str,
}

impl Parser<'_> {
    fn peek_sym(&self) -> Option<char> {
        match self.toks.get(self.pos) {
            Some(Tok::Sym(c)) => Some(*c),
            _ => None,
        }
    }

    fn expr(&mut self) -> Result<Node> {
        let mut left = self.term()?;
        while let Some(op @ ('+' | '-')) = self.peek_sym() {
            self.pos += 1;
            left = Node::Bin(op, Box::new(left), Box::new(self.term()?));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Node> {
        let mut left = self.unary()?;
        while let Some(op @ ('*' | '/')) = self.peek_sym() {
            self.pos += 1;
            left = Node::Bin(op, Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node> {
        if self.peek_sym() == Some('-') {
            self.pos += 1;
            return Ok(Node::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn expect_close(&mut self) -> Result<()> {
        if self.peek_sym() == Some(')') {
            self.pos += 1;
            Ok(())
        } else {
            Err(bad(format!("missing `)` in `{}`", self.src)))
        }
    }

    fn atom(&mut self) -> Result<Node> {
        let tok = self.toks.get(self.pos).cloned();
        self.pos += 1;
        match tok {
            Some(Tok::Num(v)) => Ok(Node::Num(v)),
            Some(Tok::Sym('(')) => {
                let e = self.expr()?;
                self.expect_close()?;
                Ok(e)
            }
            Some(Tok::Name(name)) if self.peek_sym() == Some('(') => {
                let func = match name.to_ascii_lowercase().as_str() {
                    "log" | "ln" => Func::Log,
                    "exp" => Func::Exp,
                    _ => {
                        return Err(bad(format!(
                            "unknown function `{name}` in `{}` (log, exp)",
                            self.src
                        )));
                    }
                };
                self.pos += 1;
                let arg = self.expr()?;
                self.expect_close()?;
                Ok(Node::Call(func, Box::new(arg)))
            }
            Some(Tok::Name(name)) => Ok(Node::Var(name)),
            _ => Err(bad(format!(
                "expected a number, a column or `(` in `{}`",
                self.src
            ))),
        }
    }
}

impl Expr {
    /// Parses `src`; errors name the expression.
    pub fn parse(src: &str) -> Result<Expr> {
        let toks = tokenize(src)?;
        if toks.is_empty() {
            return Err(bad("empty expression".into()));
        }
        let mut p = Parser { toks, pos: 0, src };
        let node = p.expr()?;
        if p.pos != p.toks.len() {
            return Err(bad(format!("unexpected trailing input in `{src}`")));
        }
        Ok(Expr {
            node,
            text: src.trim().to_owned(),
        })
    }

    /// The expression as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Columns the expression reads.
    pub fn columns(&self) -> Vec<&str> {
        fn walk<'a>(n: &'a Node, out: &mut Vec<&'a str>) {
            match n {
                Node::Num(_) => {}
                Node::Var(v) => out.push(v),
                Node::Neg(a) | Node::Call(_, a) => walk(a, out),
                Node::Bin(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.node, &mut out);
        out
    }

    /// Values on every row of `frame` (NaN where a column is missing or the arithmetic is
    /// undefined); an unknown or categorical column is an error.
    pub fn eval(&self, frame: &Frame) -> Result<Vec<f64>> {
        eval_node(&self.node, frame)
    }
}

fn eval_node(node: &Node, frame: &Frame) -> Result<Vec<f64>> {
    let n = frame.nrows();
    Ok(match node {
        Node::Num(v) => vec![*v; n],
        Node::Var(name) => frame.numeric(name, "a scenario expression")?.to_vec(),
        Node::Neg(a) => eval_node(a, frame)?.into_iter().map(|v| -v).collect(),
        Node::Call(f, a) => {
            let v = eval_node(a, frame)?;
            match f {
                Func::Log => v.into_iter().map(f64::ln).collect(),
                Func::Exp => v.into_iter().map(f64::exp).collect(),
            }
        }
        Node::Bin(op, a, b) => {
            let (a, b) = (eval_node(a, frame)?, eval_node(b, frame)?);
            a.iter()
                .zip(&b)
                .map(|(x, y)| match op {
                    '+' => x + y,
                    '-' => x - y,
                    '*' => x * y,
                    _ => x / y,
                })
                .collect()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        Frame::new()
            .with_f64("x", vec![1.0, 2.0, 4.0])
            .unwrap()
            .with_f64("ln_DIST", vec![0.5, 1.0, 1.5])
            .unwrap()
    }

    #[test]
    fn evaluates_precedence_functions_and_columns() {
        let f = frame();
        let e = Expr::parse("ln_DIST - 0.1 * 2").unwrap();
        assert_eq!(e.eval(&f).unwrap(), vec![0.3, 0.8, 1.3]);
        let e = Expr::parse("-(x + 1) / 2").unwrap();
        assert_eq!(e.eval(&f).unwrap(), vec![-1.0, -1.5, -2.5]);
        let e = Expr::parse("log(exp(x))").unwrap();
        assert_eq!(e.eval(&f).unwrap(), vec![1.0, 2.0, 4.0]);
        assert_eq!(Expr::parse("1e-3").unwrap().eval(&f).unwrap()[0], 1e-3);
        assert_eq!(
            Expr::parse("x*ln_DIST").unwrap().columns(),
            ["x", "ln_DIST"]
        );
    }

    #[test]
    fn malformed_expressions_are_errors() {
        for bad in ["", "1 +", "(x", "x y", "foo(x)", "x $ 2", "1.2.3"] {
            assert!(
                matches!(Expr::parse(bad), Err(Error::InvalidScenario { .. })),
                "{bad:?}"
            );
        }
        assert!(Expr::parse("nope").unwrap().eval(&frame()).is_err());
    }
}
