//! The deterministic grammar: text → [`Claim`]s, each with the character span it came from.
//!
//! ```text
//! 1. tokens and sentences                      (text.rs)
//! 2. country mentions with a role              to/into/в+nominative → destination; from/из → origin;
//!                                              in/в+locative → location; with/с → partner;
//!                                              possessive or adjective → agent; else bare
//! 3. period marks on every year                "in 2018", "January-June 2019", "в январе-июне 2019
//!                                              года" set the period; "from the level of 2017",
//!                                              "the same period of 2018", "по сравнению с" give a
//!                                              base; "till 2026", "2019-2020" are ignored
//! 4. numbers → raw claims                      [bound] [currency] NUMBER (% | times | scale
//!                                              [currency] | count noun); "several billions";
//!                                              "by a third"; "doubled"
//! 5. per sentence: measure (nearest keyword before the claim, else after, else the previous
//!    amount's), the change's amount (`of`), subject (roles → from/to by measure), period (mark
//!    in the sentence, else the carried context: the article's year stays in force until
//!    changed), base (stated, else a year earlier), target (a hope or plan, not a fact).
//! ```
//! Nothing is invented: a vague amount has no value, a number with no unit and no count noun is
//! a [`Diagnostic`], not a claim.
//!
//! One file per step: `mentions.rs` (2), `periods.rs` (3), `numbers.rs` (4), `assemble.rs` (5);
//! the words they look for are in `crate::lexicon`.

mod assemble;
mod mentions;
mod numbers;
mod periods;

use crate::claim::{Claim, Diagnostic};
use crate::lexicon::TextLang;
use crate::text::{Token, tokenize};

use assemble::assemble;
use mentions::find_mentions;
use numbers::find_numbers;
use periods::find_period_marks;

/// Detects the language by the share of Cyrillic letters (more than 30% → Russian).
pub fn detect_lang(text: &str) -> TextLang {
    let (mut cyr, mut all) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        all += 1;
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        }
    }
    if all > 0 && cyr * 10 > all * 3 {
        TextLang::Ru
    } else {
        TextLang::En
    }
}

/// Extracts every quantitative claim of `text`. `lang = None` detects the language.
pub fn extract(text: &str, lang: Option<TextLang>) -> (Vec<Claim>, Vec<Diagnostic>) {
    let lang = lang.unwrap_or_else(|| detect_lang(text));
    let chars: Vec<char> = text.chars().collect();
    let toks = tokenize(&chars);
    // Both lists come out in token order; the stable sort by sentence keeps that order and is
    // what `of_sentence` relies on.
    let mut mentions = find_mentions(&toks);
    mentions.sort_by_key(|m| m.sentence);
    let mut marks = find_period_marks(&toks);
    marks.sort_by_key(|m| m.sentence);
    let (raws, diags) = find_numbers(&toks, &marks, lang);
    let claims = assemble(&chars, &toks, &mentions, &marks, raws);
    (claims, diags)
}

/// The key (lower-case form) of token `i`, or "" past the end, so look-aheads need no bounds
/// checks.
fn key(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| t.key.as_str())
}

/// The items of sentence `s` in a list kept in sentence order (mentions, period marks): a slice
/// found by binary search, so a per-claim look-up costs log n instead of a scan of the whole
/// text (which made a long text quadratic).
fn of_sentence<T>(items: &[T], s: usize, sentence: impl Fn(&T) -> usize) -> &[T] {
    let lo = items.partition_point(|x| sentence(x) < s);
    let hi = items.partition_point(|x| sentence(x) <= s);
    &items[lo..hi.max(lo)]
}

/// First and one-past-last token of every sentence, indexed by sentence number.
fn sentence_bounds(toks: &[Token]) -> Vec<(usize, usize)> {
    let mut b: Vec<(usize, usize)> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        while b.len() <= t.sentence {
            b.push((k, k));
        }
        b[t.sentence].1 = k + 1;
    }
    b
}

#[cfg(test)]
mod tests;
