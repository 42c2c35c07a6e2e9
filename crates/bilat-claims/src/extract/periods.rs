//! Step 3 of the grammar: period marks on every year. "in 2018", "January-June 2019", "в
//! январе-июне 2019 года" set the period; "from the level of 2017", "the same period of 2018",
//! "по сравнению с" give a base; "till 2026", "2019-2020" are ignored.

use crate::claim::Period;
use crate::lexicon::{BASE_MARKERS, IGNORE_PREPS, SETTER_PREPS, number_word, scale_word};
use crate::text::{Tok, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkKind {
    Setter,
    Base,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Mark {
    /// The year token.
    pub(super) tok: usize,
    pub(super) sentence: usize,
    pub(super) kind: MarkKind,
    pub(super) period: Period,
    /// "the same period", "аналогичный период": the base takes the claim's months.
    pub(super) same_period: bool,
}

/// Month number of a month word in English or Russian (any case form).
fn month(word: &str) -> Option<u8> {
    const EN: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const RU: [&str; 12] = [
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ];
    let w = word.to_lowercase();
    if w.is_ascii() {
        if w.len() < 3 {
            return None;
        }
        let full = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        return EN
            .iter()
            .zip(full)
            .position(|(abbr, f)| {
                w == *abbr || w == f || (w.len() >= 3 && f.starts_with(&w) && w.starts_with(abbr))
            })
            .map(|i| i as u8 + 1);
    }
    // "мая", "мае", "май" for May; other months by stem.
    if matches!(w.as_str(), "май" | "мая" | "мае" | "маю") {
        return Some(5);
    }
    RU.iter()
        .position(|stem| *stem != "ма" && w.starts_with(stem))
        .map(|i| i as u8 + 1)
}

pub(super) fn year_of(t: &Token) -> Option<i32> {
    if t.kind != Tok::Num || t.text.len() != 4 || !t.text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    (1950..=2100).contains(&y).then_some(y)
}

pub(super) fn find_period_marks(toks: &[Token]) -> Vec<Mark> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(year) = year_of(t) else { continue };
        let s = t.sentence;
        // "$2019 million", "2019 млн долларов", "2019%": an amount, not a year.
        if toks.get(i + 1).is_some_and(|x| {
            x.sentence == s
                && (x.is_sym('%') || scale_word(&x.key).is_some() && x.key.chars().count() > 1)
        }) {
            continue;
        }
        let dash = |k: usize| {
            toks.get(k)
                .is_some_and(|t| t.is_sym('-') || t.is_sym('–') || t.is_sym('—'))
        };
        // "2019-2020": a span of years, a plan's horizon, not a period of figures.
        if (i >= 2 && dash(i - 1) && year_of(&toks[i - 2]).is_some())
            || (dash(i + 1) && toks.get(i + 2).and_then(year_of).is_some())
        {
            continue;
        }
        // Walk back over month words, dashes and "the first half of".
        let mut months: Option<(u8, u8)> = None;
        let mut j = i;
        let mut words_seen = 0;
        let mut kind = MarkKind::Setter;
        let mut ignore = false;
        let mut same_period = false;
        while j > 0 && words_seen < 7 {
            j -= 1;
            let p = &toks[j];
            if p.sentence != s {
                break;
            }
            if let Some(m) = month(&p.key) {
                months = Some(match months {
                    Some((_, last)) => (m, last),
                    None => (m, m),
                });
                continue;
            }
            if p.is_sym('-') || p.is_sym('–') || p.is_sym('—') {
                continue;
            }
            if p.kind != Tok::Word {
                break;
            }
            words_seen += 1;
            let k = p.key.as_str();
            match k {
                "half" | "полугодии" | "полугодие" | "полугодия" => {
                    if months.is_none() {
                        let second = j > 0
                            && matches!(toks[j - 1].key.as_str(), "second" | "втором" | "второе");
                        months = Some(if second { (7, 12) } else { (1, 6) });
                    }
                    continue;
                }
                "quarter" | "квартале" | "квартал" => {
                    if months.is_none() {
                        months = Some((1, 3));
                    }
                    continue;
                }
                "months" | "месяцев" | "месяца" => {
                    if months.is_none()
                        && j > 0
                        && let Some(n) = number_word(&toks[j - 1].key)
                            .or_else(|| toks[j - 1].text.parse::<f64>().ok())
                        && (1.0..=12.0).contains(&n)
                    {
                        months = Some((1, n as u8));
                    }
                    continue;
                }
                "the" | "first" | "первом" | "первое" | "year" | "года" | "году" | "год"
                | "fiscal" => {
                    continue;
                }
                "period" | "периодом" | "период" | "периода" => {
                    same_period = true;
                    continue;
                }
                _ => {}
            }
            if IGNORE_PREPS.contains(&k) {
                ignore = true;
                break;
            }
            if BASE_MARKERS.contains(&k) {
                kind = MarkKind::Base;
                if matches!(k, "same" | "аналогичным" | "аналогичный" | "аналогичного")
                {
                    same_period = true;
                }
                break;
            }
            if k == "of"
                && j > 0
                && matches!(
                    toks[j - 1].key.as_str(),
                    "half" | "quarter" | "months" | "h1" | "h2"
                )
            {
                continue;
            }
            if SETTER_PREPS.contains(&k) {
                // "of 2018" counts as a setter unless a base word comes just before it
                // ("from the level of 2017", "the same period of 2018").
                if k == "of" {
                    let before: Vec<&str> = toks[j.saturating_sub(3)..j]
                        .iter()
                        .filter(|t| t.sentence == s)
                        .map(|t| t.key.as_str())
                        .collect();
                    if before
                        .iter()
                        .any(|b| BASE_MARKERS.contains(b) || *b == "period")
                    {
                        kind = MarkKind::Base;
                        same_period |= before.contains(&"same") || before.contains(&"period");
                    }
                }
                break;
            }
            // Any other word: the year stands on its own ("2018 saw …"); stop.
            break;
        }
        if ignore {
            continue;
        }
        out.push(Mark {
            tok: i,
            sentence: s,
            kind,
            period: Period { year, months },
            same_period,
        });
    }
    out
}
