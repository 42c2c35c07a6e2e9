//! Templates of the brief, one file per language (`templates/en.txt`, `templates/ru.txt`),
//! compiled in so a translator edits text without touching Rust.
//!
//! The syntax is deliberately tiny (documented at the top of each file):
//! ```text
//! # a comment
//! [lead.flows]
//! {A_gen} exports {to_b} were {exports} ({exports_change}),
//! and imports {from_b} {imports} ({imports_change}).
//! ```
//! A `[key]` line starts a template; its lines are joined with single spaces. `{name}` is replaced
//! by a value; `{Name}` (first letter upper-case) by the same value with its first letter
//! upper-cased. No loops, no conditions: the program chooses between keys (`lead.surplus` or
//! `lead.deficit`), which keeps grammar decisions visible to the translator. A crate such as
//! minijinja would add conditions translators do not need and a dependency for a dozen lines.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use bilat_model::Lang;

use crate::error::{Error, Result};

const EN: &str = include_str!("../templates/en.txt");
const RU: &str = include_str!("../templates/ru.txt");

/// Parsed templates of one language: key → text.
pub(crate) type Templates = BTreeMap<String, String>;

static PARSED: LazyLock<[Result<Templates>; 2]> =
    LazyLock::new(|| [parse(EN, "en.txt"), parse(RU, "ru.txt")]);

/// Parses a template file (see the module doc).
pub(crate) fn parse(text: &str, file: &str) -> Result<Templates> {
    let mut out = Templates::new();
    let mut cur: Option<(String, Vec<&str>)> = None;
    let finish = |cur: Option<(String, Vec<&str>)>, out: &mut Templates| {
        if let Some((k, lines)) = cur {
            out.insert(k, lines.join(" "));
        }
    };
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            continue;
        }
        if let Some(key) = t.strip_prefix('[').and_then(|k| k.strip_suffix(']')) {
            finish(cur.take(), &mut out);
            if out.contains_key(key) {
                return Err(Error::Template {
                    file: file.into(),
                    line: i + 1,
                    message: format!("key [{key}] defined twice"),
                });
            }
            cur = Some((key.to_string(), vec![]));
            continue;
        }
        match cur.as_mut() {
            Some((_, lines)) => lines.push(t),
            None => {
                return Err(Error::Template {
                    file: file.into(),
                    line: i + 1,
                    message: "text before the first [key]".into(),
                });
            }
        }
    }
    finish(cur, &mut out);
    Ok(out)
}

/// The templates of a language.
pub(crate) fn templates(lang: Lang) -> Result<&'static Templates> {
    let i = match lang {
        Lang::En => 0,
        Lang::Ru => 1,
    };
    PARSED[i].as_ref().map_err(Clone::clone)
}

/// Values for placeholders.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vars(BTreeMap<String, String>);

impl Vars {
    /// Sets a value.
    pub(crate) fn set(&mut self, k: &str, v: impl Into<String>) -> &mut Self {
        self.0.insert(k.to_string(), v.into());
        self
    }
}

/// Fills template `key` of `lang` with `vars`.
pub(crate) fn fill(lang: Lang, key: &str, vars: &Vars) -> Result<String> {
    let t = templates(lang)?;
    let file = match lang {
        Lang::En => "en.txt",
        Lang::Ru => "ru.txt",
    };
    let text = t.get(key).ok_or_else(|| Error::Template {
        file: file.into(),
        line: 0,
        message: format!("no template [{key}]"),
    })?;
    substitute(text, vars).map_err(|name| Error::Template {
        file: file.into(),
        line: 0,
        message: format!("[{key}] uses {{{name}}}, which this template has no value for"),
    })
}

/// Replaces `{name}` / `{Name}`; returns the first unknown name as the error.
pub(crate) fn substitute(text: &str, vars: &Vars) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(after.to_string());
        };
        let name = &after[..close];
        let value = match vars.0.get(name) {
            Some(v) => v.clone(),
            None => {
                let mut c = name.chars();
                let lower = c
                    .next()
                    .filter(|f| f.is_uppercase())
                    .map(|f| f.to_lowercase().collect::<String>() + c.as_str());
                match lower.and_then(|l| vars.0.get(&l)) {
                    Some(v) => crate::words::capitalize(v),
                    None => return Err(name.to_string()),
                }
            }
        };
        out.push_str(&value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_parse_and_have_the_same_keys() {
        let en = templates(Lang::En).unwrap();
        let ru = templates(Lang::Ru).unwrap();
        let ek: Vec<&String> = en.keys().collect();
        let rk: Vec<&String> = ru.keys().collect();
        assert_eq!(ek, rk);
        assert!(en.len() > 30);
    }

    #[test]
    fn placeholders_and_capitals() {
        let mut v = Vars::default();
        v.set("a", "the EU").set("n", "5");
        assert_eq!(
            substitute("{A} has {n}; {a}.", &v).unwrap(),
            "The EU has 5; the EU."
        );
        assert_eq!(substitute("{x}", &v).unwrap_err(), "x");
        assert_eq!(substitute("{open", &v).unwrap_err(), "open");
    }

    #[test]
    fn parse_errors_have_lines() {
        let e = parse("text\n", "t.txt").unwrap_err().to_string();
        assert!(e.contains("t.txt:1"), "{e}");
        let e = parse("[a]\nx\n[a]\ny\n", "t.txt").unwrap_err().to_string();
        assert!(e.contains("t.txt:3") && e.contains("twice"), "{e}");
        let t = parse("# c\n[k]\none\ntwo\n\n[l]\nx\n", "t.txt").unwrap();
        assert_eq!(t["k"], "one two");
    }
}
