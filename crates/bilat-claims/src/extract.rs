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

use crate::claim::{Bound, ChangeKind, Claim, ClaimKind, Diagnostic, Measure, Period, Subject};
use crate::lexicon::{
    TextLang, combine_number_words, fraction_word, is_dollar_word, is_plural_scale, is_vague_word,
    number_word, parse_numeral, ratio_word, scale_word,
};
use crate::places;
use crate::text::{Tok, Token, tokenize};

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
    let mentions = find_mentions(&toks);
    let marks = find_period_marks(&toks);
    let (raws, diags) = find_numbers(&toks, &marks, lang);
    let claims = assemble(&chars, &toks, &mentions, &marks, raws);
    (claims, diags)
}

// ---------------------------------------------------------------------------------------------
// 2. Country mentions.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Dest,
    Origin,
    Location,
    Partner,
    Agent,
    Bare,
}

#[derive(Debug, Clone)]
struct Mention {
    tok: usize,
    sentence: usize,
    alpha3: String,
    role: Role,
    adjective: bool,
}

const SKIP_BEFORE_COUNTRY: &[&str] = &["the", "a", "an"];

fn find_mentions(toks: &[Token]) -> Vec<Mention> {
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

// ---------------------------------------------------------------------------------------------
// 3. Period marks.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkKind {
    Setter,
    Base,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    /// The year token.
    tok: usize,
    sentence: usize,
    kind: MarkKind,
    period: Period,
    /// "the same period", "аналогичный период": the base takes the claim's months.
    same_period: bool,
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

const BASE_MARKERS: &[&str] = &[
    "from",
    "level",
    "compared",
    "comparison",
    "than",
    "against",
    "vs",
    "versus",
    "same",
    "on",
    "over",
    "сравнению",
    "сравнении",
    "уровню",
    "уровнем",
    "уровня",
    "аналогичным",
    "аналогичный",
    "аналогичного",
    "относительно",
    "против",
    "с",
    "к",
];
const SETTER_PREPS: &[&str] = &["in", "for", "в", "во", "за", "during", "of"];
const IGNORE_PREPS: &[&str] = &["till", "until", "by", "through", "до", "по", "before"];

fn year_of(t: &Token) -> Option<i32> {
    if t.kind != Tok::Num || t.text.len() != 4 || !t.text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    (1950..=2100).contains(&y).then_some(y)
}

fn find_period_marks(toks: &[Token]) -> Vec<Mark> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(year) = year_of(t) else { continue };
        let s = t.sentence;
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

// ---------------------------------------------------------------------------------------------
// 4. Numbers.

#[derive(Debug, Clone)]
struct Raw {
    first: usize,
    last: usize,
    kind: ClaimKind,
    value: Option<f64>,
    printed: Option<f64>,
    decimals: u8,
    scale: f64,
    unit: &'static str,
    bound: Bound,
    change: Option<ChangeKind>,
    count: Option<String>,
}

fn key(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| t.key.as_str())
}

/// Bound words right before token `i` (skipping nothing): returns the bound and the index of
/// its first token.
fn bound_before(toks: &[Token], i: usize) -> (Bound, usize) {
    let s = toks.get(i).map_or(0, |t| t.sentence);
    let k = |d: usize| {
        if i >= d && toks[i - d].sentence == s {
            toks[i - d].key.as_str()
        } else {
            ""
        }
    };
    match (k(3), k(2), k(1)) {
        ("in", "excess", "of") => return (Bound::AtLeast, i - 3),
        (_, "more" | "greater", "than")
        | (_, "at", "least")
        | (_, "не", "менее")
        | (_, "более", "чем") => return (Bound::AtLeast, i - 2),
        (_, "less" | "fewer", "than") | (_, "up", "to") | (_, "не", "более") => {
            return (Bound::AtMost, i - 2);
        }
        _ => {}
    }
    let b = match k(1) {
        "over" | "above" | "exceeded" | "exceeds" | "exceeding" | "surpassed" | "topped"
        | "более" | "свыше" | "больше" | "превысил" | "превысила" | "превысило" | "превысили"
        | "превышает" | "превысит" => Bound::AtLeast,
        "under" | "below" | "менее" | "меньше" => Bound::AtMost,
        "about"
        | "around"
        | "approximately"
        | "roughly"
        | "nearly"
        | "almost"
        | "some"
        | "около"
        | "порядка"
        | "примерно"
        | "приблизительно"
        | "почти" => Bound::Approx,
        _ => return (Bound::Exact, i),
    };
    (b, i - 1)
}

/// Currency before token `i` ("$", "US$", "USD"): the index of its first token.
fn currency_before(toks: &[Token], i: usize) -> Option<usize> {
    if i == 0 || toks[i - 1].sentence != toks[i].sentence {
        return None;
    }
    let p = &toks[i - 1];
    if p.is_sym('$') {
        if i >= 2 && matches!(toks[i - 2].key.as_str(), "us" | "s") && !p.space_before {
            // "US$", "U.S.$"
            let mut f = i - 2;
            if toks[i - 2].key == "s" && i >= 4 && toks[i - 4].key == "u" {
                f = i - 4;
            }
            return Some(f);
        }
        return Some(i - 1);
    }
    if p.is_word() && matches!(p.key.as_str(), "usd") {
        return Some(i - 1);
    }
    None
}

/// Currency after token `i`: the index of its last token.
fn currency_after(toks: &[Token], i: usize) -> Option<usize> {
    let t = toks.get(i + 1)?;
    if t.sentence != toks[i].sentence {
        return None;
    }
    if t.is_word() && t.key == "us" && toks.get(i + 2).is_some_and(|d| is_dollar_word(&d.key)) {
        return Some(i + 2);
    }
    if t.is_word() && is_dollar_word(&t.key) {
        let mut last = i + 1;
        // "долл. США", "dollars US"
        if toks.get(last + 1).is_some_and(|d| d.is_sym('.')) && t.key == "долл" {
            last += 1;
        }
        if toks
            .get(last + 1)
            .is_some_and(|d| matches!(d.key.as_str(), "сша" | "us"))
        {
            last += 1;
        }
        return Some(last);
    }
    if t.is_sym('$') && !t.space_before {
        return Some(i + 1);
    }
    None
}

/// The indicator a count noun names, given the words between the number and the noun and the
/// words after it. Returns `None` for words that are not count nouns.
fn count_noun(noun: &str, mods: &[&str], after: &[&str], sentence: &[&str]) -> Option<String> {
    let has =
        |list: &[&str], stems: &[&str]| list.iter().any(|w| stems.iter().any(|s| w.starts_with(s)));
    let n = noun;
    let starts = |stems: &[&str]| stems.iter().any(|s| n.starts_with(s));
    let distribution = has(
        sentence,
        &["distribution", "товаропроводящ", "dealer", "дилер"],
    );
    let ind = if starts(&[
        "agreement",
        "соглашени",
        "договор",
        "treaties",
        "treaty",
        "accord",
    ]) {
        "agreements"
    } else if starts(&["venture"]) {
        if has(mods, &["joint", "совместн"]) {
            "joint_ventures"
        } else if has(mods, &["foreign", "иностран"]) {
            "foreign_ventures"
        } else {
            "enterprises_with_partner_capital"
        }
    } else if starts(&["subject", "субъект", "dealer", "дилер"]) {
        if has(after, &["dealer", "дилер"]) || starts(&["dealer", "дилер"]) {
            "dealers"
        } else {
            "entities"
        }
    } else if starts(&[
        "enterprise",
        "предприяти",
        "organization",
        "organisation",
        "организаци",
        "compan",
        "компани",
        "firm",
        "фирм",
    ]) {
        if has(mods, &["joint", "совместн"]) {
            "joint_ventures"
        } else if has(mods, &["foreign", "иностран"]) {
            "foreign_ventures"
        } else if distribution && starts(&["compan", "компани", "firm", "фирм"]) {
            "distribution_companies"
        } else {
            "enterprises_with_partner_capital"
        }
    } else if starts(&["plant", "завод", "factor", "facilit", "производств"]) {
        if has(mods, &["assembly", "сбороч"]) {
            "assembly_plants"
        } else {
            "plants"
        }
    } else if starts(&["project", "проект"]) {
        "projects"
    } else {
        return None;
    };
    Some(ind.to_string())
}

/// Words after a number that make it a physical quantity, not money.
const QUANTITY_UNITS: &[&str] = &[
    "ton",
    "tonne",
    "тонн",
    "barrel",
    "барр",
    "people",
    "persons",
    "человек",
    "жител",
    "head",
    "голов",
    "unit",
    "штук",
    "liter",
    "litre",
    "литр",
    "kilo",
    "килограм",
    "cubic",
    "кубометр",
    "square",
    "квадратн",
    "hectare",
    "гектар",
    "tourist",
    "турист",
    "passenger",
    "пассажир",
];

const UP_WORDS: &[&str] = &[
    "up",
    "rose",
    "risen",
    "rise",
    "rising",
    "grew",
    "grown",
    "grow",
    "growth",
    "increase",
    "increased",
    "increasing",
    "gain",
    "gained",
    "higher",
    "jumped",
    "climbed",
    "expanded",
    "more",
    "рост",
    "роста",
    "росте",
    "вырос",
    "выросла",
    "выросло",
    "выросли",
    "увеличил",
    "увеличила",
    "увеличилось",
    "увеличился",
    "увеличилась",
    "увеличились",
    "увеличение",
    "прирост",
    "повысил",
    "повысился",
    "повысилась",
    "возрос",
    "возросла",
    "возросло",
    "больше",
];
const DOWN_WORDS: &[&str] = &[
    "down",
    "fell",
    "fallen",
    "fall",
    "falling",
    "decrease",
    "decreased",
    "declined",
    "decline",
    "dropped",
    "drop",
    "lower",
    "shrank",
    "shrunk",
    "contracted",
    "less",
    "снизился",
    "снизилась",
    "снизилось",
    "снизились",
    "снижение",
    "снижения",
    "сократился",
    "сократилась",
    "сократилось",
    "сократились",
    "сокращение",
    "упал",
    "упала",
    "упало",
    "уменьшился",
    "уменьшилась",
    "уменьшилось",
    "падение",
    "меньше",
];

/// Direction of a change from the words just before `first` (up to 5, same sentence, not
/// crossing another number) and the two words after `last`.
fn direction(toks: &[Token], first: usize, last: usize) -> Option<bool> {
    let s = toks[first].sentence;
    let mut j = first;
    let mut n = 0;
    while j > 0 && n < 5 {
        j -= 1;
        let t = &toks[j];
        if t.sentence != s || t.kind == Tok::Num || t.is_sym(')') {
            break;
        }
        if UP_WORDS.contains(&t.key.as_str()) {
            return Some(true);
        }
        if DOWN_WORDS.contains(&t.key.as_str()) {
            return Some(false);
        }
        if t.is_word() {
            n += 1;
        }
    }
    for t in toks.iter().skip(last + 1).take(2) {
        if t.sentence != s {
            break;
        }
        if matches!(
            t.key.as_str(),
            "growth"
                | "increase"
                | "rise"
                | "gain"
                | "jump"
                | "рост"
                | "прирост"
                | "more"
                | "higher"
                | "больше"
                | "выше"
        ) {
            return Some(true);
        }
        if matches!(
            t.key.as_str(),
            "drop"
                | "decline"
                | "decrease"
                | "fall"
                | "снижение"
                | "падение"
                | "less"
                | "lower"
                | "меньше"
                | "ниже"
        ) {
            return Some(false);
        }
    }
    None
}

/// Extends a change's first token back over its direction phrase ("up", "вырос на",
/// "increased by", "рост на", "в" before "раза").
fn direction_start(toks: &[Token], first: usize) -> usize {
    let s = toks[first].sentence;
    let mut f = first;
    if f > 0
        && toks[f - 1].sentence == s
        && matches!(toks[f - 1].key.as_str(), "by" | "на" | "в" | "to")
    {
        f -= 1;
    }
    if f > 0
        && toks[f - 1].sentence == s
        && (UP_WORDS.contains(&toks[f - 1].key.as_str())
            || DOWN_WORDS.contains(&toks[f - 1].key.as_str()))
    {
        return f - 1;
    }
    if f != first && toks[f].key == "в" {
        return f;
    }
    first
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

fn find_numbers(toks: &[Token], marks: &[Mark], lang: TextLang) -> (Vec<Raw>, Vec<Diagnostic>) {
    let bounds = sentence_bounds(toks);
    let mut raws: Vec<Raw> = Vec::new();
    let mut diags = Vec::new();
    let year_toks: Vec<usize> = marks.iter().map(|m| m.tok).collect();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let s = t.sentence;
        let same = |k: usize| toks.get(k).is_some_and(|x| x.sentence == s);

        // Vague amounts: "several billions", "several billion dollars", "несколько миллиардов".
        if t.is_word() && is_vague_word(&t.key) && same(i + 1) {
            let nk = key(toks, i + 1);
            if scale_word(nk).is_some_and(|sc| sc >= 1e6)
                && (is_plural_scale(nk) || currency_after(toks, i + 1).is_some())
            {
                let last = currency_after(toks, i + 1).unwrap_or(i + 1);
                raws.push(Raw {
                    first: i,
                    last,
                    kind: ClaimKind::Amount,
                    value: None,
                    printed: None,
                    decimals: 0,
                    scale: scale_word(nk).unwrap_or(1.0),
                    unit: if last > i + 1 { "USD" } else { "USD?" },
                    bound: Bound::Vague,
                    change: None,
                    count: None,
                });
                i = last + 1;
                continue;
            }
        }
        // "by a third", "by half", "на треть".
        if t.is_word() && matches!(t.key.as_str(), "by" | "на") {
            let (skip, fw) = if matches!(key(toks, i + 1), "a" | "one") {
                (2, key(toks, i + 2))
            } else {
                (1, key(toks, i + 1))
            };
            if let Some(f) = fraction_word(fw)
                && same(i + skip)
                && let Some(up) = direction(toks, i, i + skip)
            {
                let pct = if up { f * 100.0 } else { -f * 100.0 };
                let verb = i > 0
                    && toks[i - 1].sentence == s
                    && (UP_WORDS.contains(&toks[i - 1].key.as_str())
                        || DOWN_WORDS.contains(&toks[i - 1].key.as_str()));
                raws.push(Raw {
                    first: if verb { i - 1 } else { i },
                    last: i + skip,
                    kind: ClaimKind::Change,
                    value: Some(pct),
                    printed: Some(f),
                    decimals: 0,
                    scale: 1.0,
                    unit: "%",
                    bound: Bound::Exact,
                    change: Some(ChangeKind::Fraction),
                    count: None,
                });
                i += skip + 1;
                continue;
            }
        }
        // "doubled", "вдвое".
        if t.is_word()
            && let Some((r, up)) = ratio_word(&t.key)
        {
            let up = if t.key == "вдвое" || t.key == "втрое" || t.key == "вчетверо"
            {
                direction(toks, i, i).unwrap_or(up)
            } else {
                up
            };
            raws.push(Raw {
                first: i,
                last: i,
                kind: ClaimKind::Change,
                value: Some(if up { r } else { 1.0 / r }),
                printed: Some(r),
                decimals: 0,
                scale: 1.0,
                unit: "times",
                bound: Bound::Exact,
                change: Some(ChangeKind::Times),
                count: None,
            });
            i += 1;
            continue;
        }

        // Ranks: "third", "the eighth largest", "8th", "восьмое место" in a sentence about rank.
        let ordinal = if t.is_word() {
            crate::lexicon::ordinal_word(&t.key)
        } else if t.kind == Tok::Num
            && toks.get(i + 1).is_some_and(|x| {
                !x.space_before && matches!(x.key.as_str(), "st" | "nd" | "rd" | "th")
            })
        {
            t.text.parse::<u32>().ok()
        } else {
            None
        };
        if let Some(rank) = ordinal {
            let keys: Vec<&str> = toks[bounds[s].0..bounds[s].1]
                .iter()
                .map(|x| x.key.as_str())
                .collect();
            let about_rank = keys.iter().any(|k| {
                matches!(
                    *k,
                    "rank"
                        | "ranks"
                        | "ranked"
                        | "largest"
                        | "biggest"
                        | "place"
                        | "место"
                        | "месте"
                        | "местом"
                        | "занимает"
                        | "занимала"
                        | "занял"
                        | "заняла"
                ) || k.starts_with("крупнейш")
            });
            let period_word = matches!(
                key(toks, i + 1),
                "half" | "quarter" | "time" | "полугодие" | "полугодии" | "квартал" | "квартале"
            );
            if about_rank && !period_word {
                let last = if t.kind == Tok::Num { i + 1 } else { i };
                raws.push(Raw {
                    first: i,
                    last,
                    kind: ClaimKind::Rank,
                    value: Some(f64::from(rank)),
                    printed: Some(f64::from(rank)),
                    decimals: 0,
                    scale: 1.0,
                    unit: "rank",
                    bound: Bound::Exact,
                    change: None,
                    count: None,
                });
                i = last + 1;
                continue;
            }
        }
        // A number: digits, or number words.
        let (num, last_num) = match t.kind {
            Tok::Num if !year_toks.contains(&i) => match parse_numeral(&t.text, lang) {
                Some(n) => ((n.value, n.decimals), i),
                None => {
                    i += 1;
                    continue;
                }
            },
            Tok::Word if number_word(&t.key).is_some() => {
                let mut words: Vec<&str> = Vec::new();
                let mut idx: Vec<usize> = Vec::new();
                let mut k = i;
                while k < toks.len() && toks[k].sentence == s && words.len() < 6 {
                    if toks[k].is_word() {
                        words.push(toks[k].key.as_str());
                        idx.push(k);
                    } else if !toks[k].is_sym('-') || toks[k].space_before {
                        break;
                    }
                    k += 1;
                }
                match combine_number_words(&words) {
                    Some((v, used)) if used > 0 => ((v, 0), idx[used - 1]),
                    _ => {
                        i += 1;
                        continue;
                    }
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let (value, decimals) = num;
        let is_word_number = t.kind == Tok::Word;
        let cur_before = if is_word_number {
            None
        } else {
            currency_before(toks, i)
        };
        // A year that is not a period mark ("2019-2020", "till 2026") is still no amount.
        if year_of(t).is_some()
            && cur_before.is_none()
            && !toks
                .get(i + 1)
                .is_some_and(|x| x.is_sym('%') || scale_word(&x.key).is_some())
        {
            i += 1;
            continue;
        }
        let (bound, bound_first) = bound_before(toks, cur_before.unwrap_or(i));
        let first = bound_first.min(cur_before.unwrap_or(i));
        let j = last_num;
        let nk = key(toks, j + 1);
        let next = toks.get(j + 1).filter(|x| x.sentence == s);
        let mut raw = Raw {
            first,
            last: j,
            kind: ClaimKind::Amount,
            value: Some(value),
            printed: Some(value),
            decimals,
            scale: 1.0,
            unit: "USD",
            bound,
            change: None,
            count: None,
        };
        // Percent, percentage points.
        let pct_last = if next.is_some_and(|x| x.is_sym('%'))
            || matches!(nk, "percent" | "pct" | "процента" | "процентов" | "процент")
        {
            Some(j + 1)
        } else if nk == "per" && key(toks, j + 2) == "cent" {
            Some(j + 2)
        } else {
            None
        };
        let points_last = if matches!(
            nk,
            "percentage" | "процентных" | "процентного" | "процентный"
        ) && (key(toks, j + 2).starts_with("point")
            || key(toks, j + 2).starts_with("пункт"))
        {
            Some(j + 2)
        } else if matches!(nk, "pp" | "п")
            && (key(toks, j + 2) == "." || next.is_some_and(|_| nk == "pp"))
        {
            // "п.п." = п . п .
            let mut l = j + 1;
            while l < j + 4
                && toks
                    .get(l + 1)
                    .is_some_and(|x| x.is_sym('.') || x.key == "п")
            {
                l += 1;
            }
            Some(l)
        } else {
            None
        };
        if is_word_number && pct_last.is_none() && points_last.is_none() {
            // Number words only make counts (and "five percent").
        }
        if let Some(l) = points_last {
            let up = direction(toks, first, l);
            raw.first = direction_start(toks, first);
            raw.kind = ClaimKind::Change;
            raw.change = Some(ChangeKind::Points);
            raw.unit = "pp";
            raw.value = Some(if up == Some(false) { -value } else { value });
            raw.last = l;
            raws.push(raw);
            i = l + 1;
            continue;
        }
        if let Some(l) = pct_last {
            let up = direction(toks, first, l);
            raw.last = l;
            raw.unit = "%";
            match up {
                Some(up) => {
                    raw.first = direction_start(toks, first);
                    raw.kind = ClaimKind::Change;
                    raw.change = Some(ChangeKind::Percent);
                    raw.value = Some(if up { value } else { -value });
                }
                None => raw.kind = ClaimKind::Share,
            }
            raws.push(raw);
            i = l + 1;
            continue;
        }
        // Times: "4.8 times", "в 4,8 раза", "5-fold".
        let times_last = if matches!(nk, "times" | "раза" | "раз") {
            Some(j + 1)
        } else if next.is_some_and(|x| x.is_sym('-')) && key(toks, j + 2) == "fold" {
            Some(j + 2)
        } else {
            None
        };
        if let Some(l) = times_last {
            let up = direction(toks, first, l).unwrap_or(true);
            raw.kind = ClaimKind::Change;
            raw.change = Some(ChangeKind::Times);
            raw.unit = "times";
            raw.value = Some(if up || value == 0.0 {
                value
            } else {
                1.0 / value
            });
            raw.last = l;
            raw.first = direction_start(toks, first);
            raws.push(raw);
            i = l + 1;
            continue;
        }
        // Amounts: scale and/or currency.
        let scale_tok = next
            .filter(|x| x.is_word())
            .and_then(|x| scale_word(&x.key).map(|sc| (sc, x)))
            .filter(|(_, x)| x.key.chars().count() > 1 || !x.space_before);
        if !is_word_number || scale_tok.is_some() {
            let mut last = j;
            let mut scale = 1.0;
            if let Some((sc, _)) = scale_tok {
                scale = sc;
                last = j + 1;
                if toks.get(last + 1).is_some_and(|x| x.is_sym('.'))
                    && matches!(
                        toks[last].key.as_str(),
                        "тыс" | "млн" | "млрд" | "трлн" | "mln" | "bn"
                    )
                    && currency_after(toks, last + 1).is_some()
                {
                    last += 1;
                }
            }
            let cur_after = currency_after(toks, last);
            if let Some(c) = cur_after {
                last = c;
            }
            let has_currency = cur_before.is_some() || cur_after.is_some();
            // "1.2 million tons", "9,4 млн человек": quantities, not money; a scale without a
            // currency counts as money only in a sentence about trade.
            let quantity_next = toks.get(last + 1).is_some_and(|x| {
                x.sentence == s && QUANTITY_UNITS.iter().any(|u| x.key.starts_with(u))
            });
            let trade_sentence = (bounds[s].0..bounds[s].1)
                .any(|k| measure_kw(toks, k).is_some_and(|m| m != Measure::Share));
            if has_currency || (scale_tok.is_some() && !quantity_next && trade_sentence) {
                raw.scale = scale;
                raw.value = Some(value * scale);
                raw.unit = if has_currency { "USD" } else { "USD?" };
                raw.last = last;
                // "rose by USD 120 million", "сократился на 5 млн долларов": a change in USD.
                let ds = direction_start(toks, raw.first);
                if ds < raw.first
                    && matches!(key(toks, raw.first - 1), "by" | "на")
                    && bound == Bound::Exact
                {
                    let up = UP_WORDS.contains(&key(toks, ds));
                    raw.kind = ClaimKind::Change;
                    raw.change = Some(ChangeKind::Absolute);
                    raw.value = Some(if up { value * scale } else { -value * scale });
                    raw.first = ds;
                }
                raws.push(raw);
                i = last + 1;
                continue;
            }
        }
        // Counts: a count noun within the next words.
        let mut k = j + 1;
        let mut mods: Vec<&str> = Vec::new();
        let mut own_mods_end = j;
        let mut other_number = false;
        let mut found: Option<(String, usize)> = None;
        let sentence_keys: Vec<&str> = toks[bounds[s].0..bounds[s].1]
            .iter()
            .filter(|x| x.is_word())
            .map(|x| x.key.as_str())
            .collect();
        while k < toks.len() && toks[k].sentence == s && k <= j + 7 {
            let x = &toks[k];
            if x.kind == Tok::Num || number_word(&x.key).is_some() {
                other_number = true;
                k += 1;
                continue;
            }
            if !x.is_word() {
                break;
            }
            let after: Vec<&str> = toks[k + 1..toks.len().min(k + 5)]
                .iter()
                .filter(|y| y.sentence == s)
                .map(|y| y.key.as_str())
                .collect();
            if let Some(ind) = count_noun(&x.key, &mods, &after, &sentence_keys) {
                found = Some((ind, k));
                break;
            }
            if !other_number {
                mods.push(x.key.as_str());
                if !matches!(x.key.as_str(), "and" | "or" | "и" | "или") {
                    own_mods_end = k;
                }
            } else {
                mods.push(x.key.as_str());
            }
            if matches!(
                x.key.as_str(),
                "is" | "was" | "are" | "were" | "has" | "have"
            ) {
                break;
            }
            k += 1;
        }
        if let Some((ind, noun)) = found {
            // Re-derive the indicator with this number's own modifiers only.
            let own: Vec<&str> = toks[j + 1..=own_mods_end.max(j)]
                .iter()
                .skip(usize::from(own_mods_end <= j))
                .filter(|x| x.is_word())
                .map(|x| x.key.as_str())
                .collect();
            let after: Vec<&str> = toks[noun + 1..toks.len().min(noun + 5)]
                .iter()
                .filter(|y| y.sentence == s)
                .map(|y| y.key.as_str())
                .collect();
            let ind = if other_number {
                count_noun(&toks[noun].key, &own, &after, &sentence_keys).unwrap_or(ind)
            } else {
                ind
            };
            raw.kind = ClaimKind::Count;
            raw.unit = "count";
            raw.count = Some(ind);
            raw.last = if other_number {
                own_mods_end.max(j)
            } else {
                noun
            };
            raws.push(raw);
            i = j + 1;
            continue;
        }
        if !is_word_number && (decimals > 0 || value >= 100.0) {
            diags.push(Diagnostic {
                start: t.start,
                end: toks[j].end,
                message: format!(
                    "number {} has no currency, unit or counted noun; not treated as a claim",
                    t.text
                ),
            });
        }
        i = j + 1;
    }
    (raws, diags)
}

// ---------------------------------------------------------------------------------------------
// 5. Assembly.

fn measure_kw(toks: &[Token], k: usize) -> Option<Measure> {
    let w = toks[k].key.as_str();
    let prev = if k > 0 { toks[k - 1].key.as_str() } else { "" };
    let next2 = (key(toks, k + 1), key(toks, k + 2));
    let m = if w.starts_with("export") || w.starts_with("экспорт") {
        Measure::Exports
    } else if w.starts_with("import") || w.starts_with("импорт") {
        Measure::Imports
    } else if w.starts_with("service") || w.starts_with("услуг") {
        Measure::Services
    } else if w.starts_with("invest")
        || w.starts_with("инвестиц")
        || w == "fdi"
        || w.starts_with("вложени")
    {
        Measure::Investment
    } else if matches!(w, "trade" | "turnover" | "оборот")
        || w.starts_with("товарооборот")
        || w.starts_with("товарообмен")
        || w.starts_with("торговл")
    {
        if prev.starts_with("service")
            || prev.starts_with("услуг")
            || matches!(next2, ("in", "services"))
            || next2.0.starts_with("услуг")
        {
            Measure::Services
        } else {
            Measure::Turnover
        }
    } else if matches!(w, "share" | "доля" | "долю" | "доли") {
        Measure::Share
    } else {
        return None;
    };
    Some(m)
}

/// The share a percentage in `lo..hi` reports: "share of Russia in Belarus' exports",
/// "доля Казахстана в экспорте Беларуси" → the export share, with the token of the flow word.
fn share_measure(toks: &[Token], lo: usize, hi: usize) -> (Measure, usize) {
    let Some(sk) = (lo..hi).find(|&k| measure_kw(toks, k) == Some(Measure::Share)) else {
        return (Measure::Share, 0);
    };
    match (sk + 1..hi).find_map(|k| match measure_kw(toks, k) {
        Some(Measure::Exports) => Some((Measure::ExportShare, k)),
        Some(Measure::Imports) => Some((Measure::ImportShare, k)),
        _ => None,
    }) {
        Some(found) => found,
        None => (Measure::Share, 0),
    }
}

const TARGET_WORDS: &[&str] = &[
    "hope",
    "should",
    "could",
    "can",
    "will",
    "would",
    "plan",
    "plans",
    "planned",
    "target",
    "targets",
    "aim",
    "aims",
    "goal",
    "expect",
    "expects",
    "expected",
    "forecast",
    "intend",
    "intends",
    "must",
    "potential",
    "надеемся",
    "надеяться",
    "должны",
    "должен",
    "должна",
    "можем",
    "может",
    "должно",
    "должны",
    "сможем",
    "планируется",
    "планирует",
    "планируем",
    "цель",
    "целью",
    "намерены",
    "ожидается",
    "ожидаем",
    "прогноз",
    "рассчитываем",
    "планах",
    "потенциал",
    "потенциала",
];

struct Ctx<'a> {
    toks: &'a [Token],
    mentions: &'a [Mention],
    pair: (Option<String>, Option<String>),
}

impl Ctx<'_> {
    fn other(&self, x: &Option<String>) -> Option<String> {
        match (x, &self.pair) {
            (Some(x), (Some(a), Some(b))) if x == a => Some(b.clone()),
            (Some(x), (Some(a), _)) if x != a => Some(a.clone()),
            (Some(_), (_, Some(b))) => Some(b.clone()),
            _ => None,
        }
    }

    /// Subject of a rank: `to` = the country ranked (named as a name), `from` = the country
    /// among whose partners it ranks (a possessive or adjective, else the other name).
    fn rank_subject(&self, s: usize) -> Subject {
        let ms: Vec<&Mention> = self.mentions.iter().filter(|m| m.sentence == s).collect();
        let owner = ms
            .iter()
            .find(|m| m.adjective)
            .or_else(|| ms.get(1))
            .map(|m| m.alpha3.clone());
        let ranked = ms
            .iter()
            .map(|m| m.alpha3.clone())
            .find(|a| Some(a) != owner.as_ref());
        let ranked = ranked.or_else(|| self.other(&owner));
        Subject {
            from: owner,
            to: ranked,
        }
    }

    /// Subject of a share: `from` = the country whose flow it is (the name next to the flow
    /// word: "Belarus' exports", "экспорте Беларуси"), `to` = the partner (another name).
    fn share_subject(&self, s: usize, flow_tok: usize) -> Subject {
        let ms: Vec<&Mention> = self.mentions.iter().filter(|m| m.sentence == s).collect();
        let owner = ms
            .iter()
            .filter(|m| m.tok.abs_diff(flow_tok) <= 2)
            .min_by_key(|m| m.tok.abs_diff(flow_tok))
            .map(|m| m.alpha3.clone());
        let partner = ms
            .iter()
            .map(|m| m.alpha3.clone())
            .find(|a| Some(a) != owner.as_ref());
        let partner = partner.or_else(|| self.other(&owner));
        Subject {
            from: owner,
            to: partner,
        }
    }

    /// Subject of a claim spanning tokens `first..=last` in sentence `s`; `lo..hi` is the
    /// claim's clause (from the previous claim's end to the next claim's start), where
    /// prepositional roles (to, from, with) are looked for; the agent may come from anywhere
    /// earlier in the sentence ("Belarus' export was …, import reached …").
    #[allow(clippy::too_many_arguments)]
    fn subject(
        &self,
        measure: &Measure,
        s: usize,
        first: usize,
        last: usize,
        lo: usize,
        hi: usize,
    ) -> Subject {
        let ms: Vec<&Mention> = self.mentions.iter().filter(|m| m.sentence == s).collect();
        let near: Vec<&Mention> = ms
            .iter()
            .copied()
            .filter(|m| m.tok >= lo && m.tok < hi)
            .collect();
        let before_near = |roles: &[Role]| {
            near.iter()
                .rev()
                .find(|m| m.tok < first && roles.contains(&m.role))
                .or_else(|| {
                    ms.iter()
                        .rev()
                        .find(|m| m.tok < first && roles.contains(&m.role))
                })
                .or_else(|| {
                    near.iter()
                        .find(|m| m.tok > last && roles.contains(&m.role))
                })
                .map(|m| m.alpha3.clone())
        };
        let any = |roles: &[Role]| {
            near.iter()
                .find(|m| roles.contains(&m.role))
                .map(|m| m.alpha3.clone())
        };
        let (from, to) = match measure {
            Measure::Exports => {
                let from = any(&[Role::Origin]).or_else(|| before_near(&[Role::Agent, Role::Bare]));
                let to = any(&[Role::Dest, Role::Partner])
                    .filter(|t| Some(t) != from.as_ref())
                    .or_else(|| self.other(&from));
                (from, to)
            }
            Measure::Imports => {
                let agent = before_near(&[Role::Agent, Role::Bare]);
                let dest = any(&[Role::Dest]);
                let origin = any(&[Role::Origin, Role::Partner]);
                if dest.is_some() && agent.is_some() && origin.is_none() && dest != agent {
                    // "Kazakhstan imports oil products … to Belarus": the flow is KAZ → BLR.
                    (agent, dest)
                } else {
                    let to = agent.or_else(|| any(&[Role::Location]));
                    let from = origin
                        .filter(|o| Some(o) != to.as_ref())
                        .or_else(|| self.other(&to));
                    (from, to)
                }
            }
            Measure::Investment => {
                let from = any(&[Role::Origin]).or_else(|| before_near(&[Role::Agent, Role::Bare]));
                let to = any(&[Role::Dest, Role::Location])
                    .filter(|t| Some(t) != from.as_ref())
                    .or_else(|| self.other(&from));
                (from, to)
            }
            Measure::Count(ind) if ind != "agreements" => {
                // Owner: the adjective or possessive nearest after the number, else before.
                let owner = near
                    .iter()
                    .find(|m| m.tok > last && m.adjective)
                    .or_else(|| ms.iter().rev().find(|m| m.tok < first && m.adjective))
                    .map(|m| m.alpha3.clone());
                let loc = near
                    .iter()
                    .find(|m| m.tok > last && m.role == Role::Location)
                    .or_else(|| ms.iter().find(|m| m.role == Role::Location))
                    .map(|m| m.alpha3.clone())
                    .filter(|l| Some(l) != owner.as_ref());
                let loc = loc.or_else(|| self.other(&owner));
                let owner = owner.or_else(|| self.other(&loc));
                (owner, loc)
            }
            _ => {
                // A pair: the countries named in the sentence, else the article's pair.
                let mut names: Vec<String> = Vec::new();
                for m in &ms {
                    if !names.contains(&m.alpha3) {
                        names.push(m.alpha3.clone());
                    }
                }
                match names.len() {
                    0 => self.pair.clone(),
                    1 => {
                        let a = Some(names[0].clone());
                        let b = self.other(&a);
                        if self.pair.0 == a || self.pair.1 == a {
                            self.pair.clone()
                        } else {
                            (a, b)
                        }
                    }
                    _ => (Some(names[0].clone()), Some(names[1].clone())),
                }
            }
        };
        let _ = self.toks;
        // Complete from the article's pair: "импорт – 14,6 млрд" in an article about Belarus
        // and Russia is Belarus's imports from Russia once one side is known.
        let (from, to) = match (from, to) {
            (None, None) => self.pair.clone(),
            (Some(f), None) => {
                let t = self.other(&Some(f.clone()));
                (Some(f), t)
            }
            (None, Some(t)) => {
                let f = self.other(&Some(t.clone()));
                (f, Some(t))
            }
            both => both,
        };
        Subject { from, to }
    }
}

fn assemble(
    chars: &[char],
    toks: &[Token],
    mentions: &[Mention],
    marks: &[Mark],
    raws: Vec<Raw>,
) -> Vec<Claim> {
    // The article's pair: the first two distinct countries named.
    let mut pair: (Option<String>, Option<String>) = (None, None);
    for m in mentions {
        match &pair {
            (None, _) => pair.0 = Some(m.alpha3.clone()),
            (Some(a), None) if *a != m.alpha3 => pair.1 = Some(m.alpha3.clone()),
            _ => {}
        }
    }
    let ctx = Ctx {
        toks,
        mentions,
        pair,
    };
    let mut claims: Vec<Claim> = Vec::new();
    let mut context: Option<Period> = None;
    let mut last_measure: Option<(Measure, Subject)> = None;
    let mut current_sentence = usize::MAX;
    let mut sentence_claims: Vec<usize> = Vec::new();
    let firsts: Vec<usize> = raws.iter().map(|r| r.first).collect();
    let bounds = sentence_bounds(toks);
    for (ri, r) in raws.into_iter().enumerate() {
        let s = toks[r.first].sentence;
        let hi = firsts
            .get(ri + 1)
            .copied()
            .filter(|&f| toks[f].sentence == s)
            .unwrap_or(bounds[s].1);
        if s != current_sentence {
            // Carry the context: the last setter of the sentences in between.
            for m in marks.iter().filter(|m| m.kind == MarkKind::Setter) {
                let in_range = if current_sentence == usize::MAX {
                    m.sentence < s
                } else {
                    m.sentence >= current_sentence && m.sentence < s
                };
                if in_range {
                    context = Some(m.period);
                }
            }
            current_sentence = s;
            sentence_claims.clear();
        }
        let prev_claim = sentence_claims.last().map(|&c| &claims[c]);
        let window_start = prev_claim
            .map(|c| toks.partition_point(|t| t.start < c.end).min(r.first))
            .unwrap_or(bounds[s].0);
        // Prepositional roles stop at the next measure word ("exports to A were $X and its
        // imports from B $Y": "from B" belongs to the imports).
        let hi_roles = (r.last + 1..hi)
            .find(|&k| measure_kw(toks, k).is_some())
            .unwrap_or(hi);
        let sentence_start = bounds[s].0;
        let kw_before = (window_start..r.first)
            .rev()
            .find_map(|k| measure_kw(toks, k));
        // For levels, a keyword earlier in the sentence still names them ("imports rose 12% to
        // $54.1bn").
        let kw_before = kw_before.or_else(|| {
            (r.kind == ClaimKind::Amount)
                .then(|| {
                    (sentence_start..window_start)
                        .rev()
                        .find_map(|k| measure_kw(toks, k))
                })
                .flatten()
        });
        let next_claim_first = hi;
        let kw_after = (r.last + 1..next_claim_first)
            .take_while(|&k| toks[k].sentence == s)
            .find_map(|k| measure_kw(toks, k));
        // Period: the nearest setter in the sentence before the claim, else after, else context.
        let setters: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.sentence == s && m.kind == MarkKind::Setter)
            .collect();
        // "… $896 million in 2018": a year right after the claim binds to it.
        let right_after = setters.iter().find(|m| {
            m.tok > r.last
                && m.tok <= r.last + 3
                && toks[r.last + 1..m.tok]
                    .iter()
                    .all(|t| matches!(t.key.as_str(), "in" | "в" | "во" | "за" | "for"))
        });
        let period = right_after
            .copied()
            .or_else(|| setters.iter().rev().find(|m| m.tok < r.first).copied())
            .or_else(|| setters.iter().find(|m| m.tok > r.last).copied())
            .map(|m| m.period)
            .or(context);
        let target = toks[..r.first]
            .iter()
            .rev()
            .take_while(|t| t.sentence == s)
            .any(|t| TARGET_WORDS.contains(&t.key.as_str()));

        let mut of = None;
        let measure = match r.kind {
            ClaimKind::Count => Measure::Count(r.count.clone().unwrap_or_default()),
            ClaimKind::Share => share_measure(toks, sentence_start, hi).0,
            ClaimKind::Rank => {
                let keys: Vec<&str> = toks[bounds[s].0..bounds[s].1]
                    .iter()
                    .map(|x| x.key.as_str())
                    .collect();
                let has = |stems: &[&str]| {
                    keys.iter()
                        .any(|k| stems.iter().any(|st| k.starts_with(st)))
                };
                if has(&["supplier", "поставщик", "import", "импорт"]) {
                    Measure::ImportRank
                } else if has(&[
                    "export",
                    "экспорт",
                    "market",
                    "рынк",
                    "buyer",
                    "покупател",
                    "destination",
                ]) {
                    Measure::ExportRank
                } else {
                    Measure::TradeRank
                }
            }
            ClaimKind::Change => {
                let share_before = r.change == Some(ChangeKind::Points)
                    && (sentence_start..r.first)
                        .any(|k| measure_kw(toks, k) == Some(Measure::Share));
                let prev_is_level = !share_before
                    && prev_claim
                        .is_some_and(|c| matches!(c.kind, ClaimKind::Amount | ClaimKind::Count));
                if prev_is_level && kw_before.is_none() {
                    of = sentence_claims.last().copied();
                    claims[of.unwrap_or(0)].measure.clone()
                } else if share_before {
                    Measure::Share
                } else {
                    kw_before
                        .clone()
                        .or(kw_after.clone())
                        .unwrap_or(Measure::Unknown)
                }
            }
            ClaimKind::Amount => kw_before
                .clone()
                .or(kw_after.clone())
                .or_else(|| last_measure.as_ref().map(|(m, _)| m.clone()))
                .unwrap_or(Measure::Unknown),
        };
        // "imports grew by 14.6% to US$21.6 billion": the amount is the level the change is
        // about; it takes the change's measure and subject and the change is linked to it.
        let after_change = (r.kind == ClaimKind::Amount
            && (window_start..r.first).all(|k| measure_kw(toks, k).is_none()))
        .then(|| sentence_claims.last().copied())
        .flatten()
        .filter(|&p| {
            claims[p].kind == ClaimKind::Change
                && claims[p].of.is_none()
                && claims[p].measure != Measure::Unknown
        });
        let measure = match after_change {
            Some(p) => claims[p].measure.clone(),
            None => measure,
        };
        let subject = match of {
            _ if r.kind == ClaimKind::Rank => ctx.rank_subject(s),
            _ if matches!(measure, Measure::ExportShare | Measure::ImportShare) => {
                ctx.share_subject(s, share_measure(toks, sentence_start, hi).1)
            }
            Some(o) => claims[o].subject.clone(),
            None if after_change.is_some() => claims[after_change.unwrap_or(0)].subject.clone(),
            None if kw_before.is_none() && kw_after.is_none() && r.kind == ClaimKind::Amount => {
                match &last_measure {
                    Some((_, subj)) if ctx.mentions.iter().all(|m| m.sentence != s) => subj.clone(),
                    _ => ctx.subject(&measure, s, r.first, r.last, window_start, hi_roles),
                }
            }
            None => ctx.subject(&measure, s, r.first, r.last, window_start, hi_roles),
        };
        let period = match of {
            Some(o) => claims[o].period.or(period),
            None => period,
        };
        // Counts are stocks at a date: the year, not months, applies.
        let period = if r.kind == ClaimKind::Count {
            period.map(|p| Period {
                year: p.year,
                months: None,
            })
        } else {
            period
        };
        let base = if r.kind == ClaimKind::Change {
            let bases: Vec<&Mark> = marks
                .iter()
                .filter(|m| m.sentence == s && m.kind == MarkKind::Base)
                .collect();
            let stated = bases
                .iter()
                .find(|m| m.tok > r.last)
                .or_else(|| bases.iter().rev().find(|m| m.tok < r.first))
                .map(|m| Period {
                    year: m.period.year,
                    months: m.period.months.or(if m.same_period {
                        period.and_then(|p| p.months)
                    } else {
                        period.and_then(|p| p.months)
                    }),
                });
            stated.or_else(|| {
                period.map(|p| Period {
                    year: p.year - 1,
                    months: p.months,
                })
            })
        } else {
            None
        };
        let start = toks[r.first].start;
        let end = toks[r.last].end;
        let text: String = chars
            .get(start..end)
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        if matches!(r.kind, ClaimKind::Amount) {
            last_measure = Some((measure.clone(), subject.clone()));
        }
        claims.push(Claim {
            start,
            end,
            text,
            kind: r.kind,
            measure,
            value: r.value,
            printed: r.printed,
            decimals: r.decimals,
            scale: r.scale,
            unit: r.unit.to_string(),
            bound: r.bound,
            change: r.change,
            subject,
            period,
            base,
            of,
            target: target || of.is_some_and(|o| claims[o].target),
            sentence: s,
        });
        if let Some(p) = after_change {
            claims[p].of = Some(claims.len() - 1);
        }
        sentence_claims.push(claims.len() - 1);
    }
    claims
}

#[cfg(test)]
mod tests;
