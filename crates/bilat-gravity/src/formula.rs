//! fixest's formula language: `y ~ x1 + log(x2) + x1:x3 + i(region) | fe1 + fe2^fe3`.
//!
//! ```text
//! formula := atom '~' rhs [ '|' fes ]
//! rhs     := term { '+' term }          term := '0' | '1' | atom { ':' atom }
//! atom    := name | log(name) | np.log(name) | i(name [, ref = level])
//! fes     := fe { '+' fe }              fe   := name { '^' name }
//! ```
//!
//! `0` drops the intercept (which is only added when there are no fixed effects), `1` keeps it.
//! `i(f)` expands to one dummy per level of `f` except the reference (`ref = ..`, default the
//! first level in sorted order). Names are matched case-insensitively when fitting. A malformed
//! formula is an [`Error::Formula`] carrying the character position.

use std::fmt;

use crate::error::{Error, Result};

/// One factor of a regressor term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A numeric column as is.
    Var(String),
    /// Natural logarithm of a numeric column.
    Log(String),
    /// Dummies for the levels of a column, minus the reference level.
    Factor {
        /// The column.
        var: String,
        /// Reference level (omitted); `None` = first level.
        reference: Option<String>,
    },
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Atom::Var(v) => write!(f, "{v}"),
            Atom::Log(v) => write!(f, "log({v})"),
            Atom::Factor {
                var,
                reference: None,
            } => write!(f, "i({var})"),
            Atom::Factor {
                var,
                reference: Some(r),
            } => {
                // Plain when it reads back as one name or number token (see `tokenize`).
                let mut chars = r.chars();
                let plain = match chars.next() {
                    Some(c) if c.is_alphabetic() || c == '_' || c == '.' => {
                        chars.all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                    }
                    Some(c) if c.is_ascii_digit() || c == '-' => {
                        chars.all(|c| c.is_ascii_alphanumeric() || c == '.')
                    }
                    _ => false,
                };
                if plain {
                    write!(f, "i({var}, ref = {r})")
                } else if r.contains('"') {
                    write!(f, "i({var}, ref = '{r}')")
                } else {
                    write!(f, "i({var}, ref = \"{r}\")")
                }
            }
        }
    }
}

/// A regressor term: the product of its atoms (`x1:x2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Factors multiplied together.
    pub atoms: Vec<Atom>,
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.atoms.iter().map(ToString::to_string).collect();
        write!(f, "{}", parts.join(":"))
    }
}

/// A fixed effect: one column or the interaction of several (`exporter^year`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedEffect {
    /// Columns whose level combinations define the groups.
    pub vars: Vec<String>,
}

impl fmt::Display for FixedEffect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.vars.join("^"))
    }
}

/// A parsed model formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    /// The outcome.
    pub lhs: Atom,
    /// Regressor terms in order.
    pub rhs: Vec<Term>,
    /// Fixed effects to absorb.
    pub fixed_effects: Vec<FixedEffect>,
    /// Whether `0` suppressed the intercept.
    pub no_intercept: bool,
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rhs: Vec<String> = self.rhs.iter().map(ToString::to_string).collect();
        if self.no_intercept {
            rhs.insert(0, "0".into());
        }
        if rhs.is_empty() {
            rhs.push("1".into());
        }
        write!(f, "{} ~ {}", self.lhs, rhs.join(" + "))?;
        if !self.fixed_effects.is_empty() {
            let fes: Vec<String> = self.fixed_effects.iter().map(ToString::to_string).collect();
            write!(f, " | {}", fes.join(" + "))?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Formula {
    type Err = Error;
    fn from_str(s: &str) -> Result<Formula> {
        Formula::parse(s)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Number(String),
    Text(String),
    Sym(char),
    End,
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<(Tok, usize)>,
    pos: usize,
}

impl Formula {
    /// Parses fixest syntax; see the module documentation for the grammar.
    ///
    /// ```
    /// let f = bilat_gravity::Formula::parse("trade ~ log(dist) + cntg | exporter^year + importer^year")?;
    /// assert_eq!(f.fixed_effects.len(), 2);
    /// assert!(bilat_gravity::Formula::parse("y ~ x +").is_err());
    /// # Ok::<(), bilat_gravity::Error>(())
    /// ```
    pub fn parse(src: &str) -> Result<Formula> {
        let toks = tokenize(src)?;
        let mut p = Parser { src, toks, pos: 0 };
        let lhs = p.atom()?;
        if let Atom::Factor { .. } = lhs {
            return Err(p.error_at(0, "the outcome cannot be i(..)"));
        }
        p.expect('~')?;
        let mut rhs = Vec::new();
        let mut no_intercept = false;
        loop {
            match p.peek().clone() {
                Tok::Number(n) if n == "0" => {
                    p.pos += 1;
                    no_intercept = true;
                }
                Tok::Number(n) if n == "1" => p.pos += 1,
                _ => {
                    let mut atoms = vec![p.atom()?];
                    while p.eat(':') {
                        atoms.push(p.atom()?);
                    }
                    rhs.push(Term { atoms });
                }
            }
            if !p.eat('+') {
                break;
            }
        }
        let mut fixed_effects = Vec::new();
        if p.eat('|') {
            loop {
                let mut vars = vec![p.name("a fixed-effect variable")?];
                while p.eat('^') {
                    vars.push(p.name("a variable after `^`")?);
                }
                fixed_effects.push(FixedEffect { vars });
                if !p.eat('+') {
                    break;
                }
            }
        }
        match p.peek() {
            Tok::End => Ok(Formula {
                lhs,
                rhs,
                fixed_effects,
                no_intercept,
            }),
            _ => Err(p.error_here("unexpected input; expected `+`, `|` or the end")),
        }
    }

    /// Every column name the formula refers to (outcome, regressors, fixed effects).
    pub fn variables(&self) -> Vec<&str> {
        let mut out = vec![atom_var(&self.lhs)];
        for t in &self.rhs {
            out.extend(t.atoms.iter().map(atom_var));
        }
        for fe in &self.fixed_effects {
            out.extend(fe.vars.iter().map(String::as_str));
        }
        out
    }
}

pub(crate) fn atom_var(a: &Atom) -> &str {
    match a {
        Atom::Var(v) | Atom::Log(v) | Atom::Factor { var: v, .. } => v,
    }
}

fn tokenize(src: &str) -> Result<Vec<(Tok, usize)>> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_alphabetic() || c == '_' || c == '.' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            toks.push((Tok::Name(chars[start..i].iter().collect()), start));
        } else if c.is_ascii_digit() || c == '-' {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            toks.push((Tok::Number(chars[start..i].iter().collect()), start));
        } else if c == '"' || c == '\'' {
            let start = i;
            i += 1;
            let body_start = i;
            while i < chars.len() && chars[i] != c {
                i += 1;
            }
            if i == chars.len() {
                return Err(Error::Formula {
                    message: "unterminated string".into(),
                    position: start,
                    formula: src.to_owned(),
                });
            }
            toks.push((Tok::Text(chars[body_start..i].iter().collect()), start));
            i += 1;
        } else if "~+|^:(),=".contains(c) {
            toks.push((Tok::Sym(c), i));
            i += 1;
        } else {
            return Err(Error::Formula {
                message: format!("unexpected character `{c}`"),
                position: i,
                formula: src.to_owned(),
            });
        }
    }
    toks.push((Tok::End, chars.len()));
    Ok(toks)
}

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }

    fn error_at(&self, position: usize, message: &str) -> Error {
        Error::Formula {
            message: message.to_owned(),
            position,
            formula: self.src.to_owned(),
        }
    }

    fn error_here(&self, message: &str) -> Error {
        self.error_at(self.toks[self.pos].1, message)
    }

    fn eat(&mut self, c: char) -> bool {
        if *self.peek() == Tok::Sym(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<()> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.error_here(&format!("expected `{c}`")))
        }
    }

    fn name(&mut self, what: &str) -> Result<String> {
        match self.peek().clone() {
            Tok::Name(n) => {
                self.pos += 1;
                Ok(n)
            }
            _ => Err(self.error_here(&format!("expected {what}"))),
        }
    }

    fn atom(&mut self) -> Result<Atom> {
        let start = self.pos;
        let name = self.name("a variable name")?;
        if !self.eat('(') {
            return Ok(Atom::Var(name));
        }
        let func = name.to_ascii_lowercase();
        let var = self.name("a variable name inside the parentheses")?;
        let atom = match func.as_str() {
            "log" | "np.log" => Atom::Log(var),
            "i" => {
                let mut reference = None;
                if self.eat(',') {
                    let key = self.name("`ref`")?;
                    if !key.eq_ignore_ascii_case("ref") {
                        return Err(self.error_at(self.toks[self.pos - 1].1, "expected `ref`"));
                    }
                    self.expect('=')?;
                    reference = Some(match self.peek().clone() {
                        Tok::Name(s) | Tok::Number(s) | Tok::Text(s) => {
                            self.pos += 1;
                            s
                        }
                        _ => return Err(self.error_here("expected a reference level")),
                    });
                }
                Atom::Factor { var, reference }
            }
            _ => {
                return Err(self.error_at(
                    self.toks[start].1,
                    &format!("unknown function `{name}` (known: log, i)"),
                ));
            }
        };
        self.expect(')')?;
        Ok(atom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, expect: &str) {
        let got = match Formula::parse(src) {
            Ok(f) => f.to_string(),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expect, "formula: {src}");
    }

    #[test]
    fn parses_and_prints_canonically() {
        check(
            "trade~log(dist)+cntg|exp^year+imp^year",
            "trade ~ log(dist) + cntg | exp^year + imp^year",
        );
        check("np.log(trade) ~ np.log(dist)", "log(trade) ~ log(dist)");
        check(
            "y ~ x1:x2 + i(region, ref = EU)",
            "y ~ x1:x2 + i(region, ref = EU)",
        );
        check("y ~ 0 + x", "y ~ 0 + x");
        check(
            "y ~ i(r, ref = 'South Asia')",
            "y ~ i(r, ref = \"South Asia\")",
        );
        check(
            "y ~ i(r, ref = 'a-b') + i(s, ref = -1)",
            "y ~ i(r, ref = \"a-b\") + i(s, ref = -1)",
        );
        check("y ~ 1 | id", "y ~ 1 | id");
    }

    #[test]
    fn errors_point_at_the_character() {
        check(
            "y ~ x + | fe",
            "malformed formula at character 9: expected a variable name\n  y ~ x + | fe\n          ^",
        );
        check(
            "y ~ exp(x)",
            "malformed formula at character 5: unknown function `exp` (known: log, i)\n  y ~ exp(x)\n      ^",
        );
        check(
            "y x",
            "malformed formula at character 3: expected `~`\n  y x\n    ^",
        );
        check(
            "y ~ x $",
            "malformed formula at character 7: unexpected character `$`\n  y ~ x $\n        ^",
        );
        check(
            "y ~ x | a^",
            "malformed formula at character 11: expected a variable after `^`\n  y ~ x | a^\n            ^",
        );
    }
}
