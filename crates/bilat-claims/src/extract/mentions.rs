//! Step 2 of the grammar: country mentions with the role their preposition or case gives them
//! (to/into/в+nominative → destination; from/из → origin; in/в+locative → location; with/с →
//! partner; possessive or adjective → agent; else bare). The roles decide a claim's subject.

use crate::lexicon::SKIP_BEFORE_COUNTRY;
use crate::places;
use crate::text::Token;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Dest,
    Origin,
    Location,
    Partner,
    Agent,
    Bare,
}

#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) tok: usize,
    pub(super) sentence: usize,
    pub(super) alpha3: String,
    pub(super) role: Role,
    pub(super) adjective: bool,
}

pub(super) fn find_mentions(toks: &[Token]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_word() {
            i += 1;
            continue;
        }
        // Longest name first: three, two, one words ("Republic of Belarus", "United States").
        let mut found = None;
        for len in [3usize, 2, 1] {
            if i + len > toks.len() || !toks[i..i + len].iter().all(Token::is_word) {
                continue;
            }
            let words: Vec<&str> = toks[i..i + len].iter().map(|t| t.text.as_str()).collect();
            let keys: Vec<&str> = toks[i..i + len].iter().map(|t| t.key.as_str()).collect();
            if let Some(n) = places::country(&words.join(" "), &keys.join(" ")) {
                found = Some((n, len));
                break;
            }
        }
        let Some((named, len)) = found else {
            i += 1;
            continue;
        };
        // "долл. США", "dollars US": a currency, not a country.
        let after_dollar = (1..=2).any(|d| {
            i >= d && toks[i - d].is_word() && crate::lexicon::is_dollar_word(&toks[i - d].key)
        });
        if after_dollar && matches!(toks[i].key.as_str(), "сша" | "us" | "usa") {
            i += len;
            continue;
        }
        let last = &toks[i + len - 1];
        let mut p = i;
        let mut prev: Option<&Token> = None;
        while p > 0 {
            p -= 1;
            if toks[p].sentence != toks[i].sentence {
                break;
            }
            if SKIP_BEFORE_COUNTRY.contains(&toks[p].key.as_str()) {
                continue;
            }
            prev = Some(&toks[p]);
            break;
        }
        let nominative = bilat_model::country_by_alpha3(&named.alpha3)
            .is_some_and(|c| c.name_ru.to_lowercase() == toks[i].key || toks[i].key == "чили");
        let next_key = toks.get(i + len).map_or("", |t| t.key.as_str());
        let goods_of = named.adjective
            && matches!(
                next_key,
                "goods" | "products" | "товаров" | "продукции" | "товары" | "продукция"
            );
        let role = match prev.map(|t| t.key.as_str()) {
            _ if goods_of => Role::Origin,
            Some("экономику" | "экономике") => Role::Dest,
            Some("to" | "into" | "towards") => Role::Dest,
            Some("from" | "из" | "от") => Role::Origin,
            Some("in" | "within" | "inside") => Role::Location,
            Some("with" | "с" | "со" | "between" | "между") => Role::Partner,
            Some("в" | "во" | "на") if nominative || named.adjective => Role::Dest,
            Some("в" | "во" | "на") => Role::Location,
            _ if last.possessive() => Role::Agent,
            _ if named.adjective => Role::Agent,
            _ => Role::Bare,
        };
        out.push(Mention {
            tok: i,
            sentence: toks[i].sentence,
            alpha3: named.alpha3,
            role,
            adjective: named.adjective || last.possessive(),
        });
        i += len;
    }
    out
}
