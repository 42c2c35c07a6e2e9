//! Step 4 of the grammar: numbers → raw claims. `[bound] [currency] NUMBER (% | times | scale
//! [currency] | count noun)`, "several billions", "by a third", "doubled". A number that is none
//! of these is a [`Diagnostic`], never a guessed claim.
//!
//! [`find_numbers`] tries the patterns in a fixed order, one function each: word patterns
//! (vague amount, fraction, ratio, rank) first, then a numeral and what follows it (points,
//! percent, times, amount, count).

use super::assemble::measure_kw;
use super::periods::{Mark, year_of};
use super::{key, sentence_bounds};
use crate::claim::{Bound, ChangeKind, ClaimKind, Diagnostic, Measure};
use crate::lexicon::{
    DOWN_WORDS, QUANTITY_UNITS, TextLang, UP_WORDS, combine_number_words, fraction_word,
    is_dollar_word, is_plural_scale, is_vague_word, number_word, other_currency, parse_numeral,
    ratio_word, scale_word,
};
use crate::text::{Tok, Token};

#[derive(Debug, Clone)]
pub(super) struct Raw {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) kind: ClaimKind,
    pub(super) value: Option<f64>,
    pub(super) printed: Option<f64>,
    pub(super) decimals: u8,
    pub(super) scale: f64,
    pub(super) unit: &'static str,
    pub(super) bound: Bound,
    pub(super) change: Option<ChangeKind>,
    pub(super) count: Option<String>,
    /// A rank the text gives as the earlier one ("from 41st to 37th"): it holds for the year
    /// before the claim's period.
    pub(super) earlier: bool,
}

/// The key of the token `d` before token `i` when it is in `i`'s sentence, else "".
fn key_back(toks: &[Token], i: usize, d: usize) -> &str {
    let s = toks.get(i).map_or(0, |t| t.sentence);
    if i >= d && toks[i - d].sentence == s {
        toks[i - d].key.as_str()
    } else {
        ""
    }
}

/// Bound words right before token `i` (skipping nothing): returns the bound and the index of
/// its first token.
fn bound_before(toks: &[Token], i: usize) -> (Bound, usize) {
    let k = |d: usize| key_back(toks, i, d);
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

/// A currency other than the dollar after token `i` ("2 трлн рублей", "5 million euros",
/// "1.2 billion Belarusian roubles", "€"): its ISO code and last token.
fn other_currency_after(toks: &[Token], i: usize) -> Option<(&'static str, usize)> {
    let s = toks.get(i)?.sentence;
    let at = |k: usize| toks.get(k).filter(|t| t.sentence == s);
    let t = at(i + 1)?;
    if let Some(code) = other_currency(&t.key, false).filter(|_| t.is_word() || !t.space_before) {
        return Some((code, i + 1));
    }
    // An adjective of the currency first: "белорусских рублей", "Russian roubles".
    let by = t.key.starts_with("белорусск") || t.key == "belarusian";
    let ru = t.key.starts_with("российск") || t.key == "russian";
    if by || ru {
        let n = at(i + 2)?;
        return other_currency(&n.key, by).map(|code| (code, i + 2));
    }
    None
}

/// A currency other than the dollar right before token `i` ("€1.2 billion", "EUR 5 million",
/// "RUB 2 trillion"): its ISO code and first token.
fn other_currency_before(toks: &[Token], i: usize) -> Option<(&'static str, usize)> {
    let p = toks.get(i.checked_sub(1)?)?;
    if p.sentence != toks[i].sentence {
        return None;
    }
    let sign_or_code = matches!(p.text.as_str(), "€" | "₽" | "₸" | "¥")
        || matches!(
            p.key.as_str(),
            "eur" | "rub" | "byn" | "kzt" | "cny" | "rmb"
        );
    if !sign_or_code {
        return None;
    }
    let code = if p.text == "¥" {
        Some("CNY")
    } else {
        other_currency(&p.key, false).or_else(|| other_currency(&p.text, false))
    };
    code.map(|c| (c, i - 1))
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
    } else if starts(&["countr", "стран"]) {
        // "exports to 57 countries", "в 57 стран"
        "countries"
    } else if starts(&["market", "рынк", "рынок"]) {
        // "8 новых рынков сбыта", "12 new markets"
        "markets"
    } else {
        return None;
    };
    Some(ind.to_string())
}

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
        // "made up 12% of", "accounted for": a part, not a rise.
        let made_up = t.key == "up"
            && j > 0
            && matches!(
                toks[j - 1].key.as_str(),
                "made" | "make" | "makes" | "making"
            );
        if UP_WORDS.contains(&t.key.as_str()) && !made_up {
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

pub(super) fn find_numbers(
    toks: &[Token],
    marks: &[Mark],
    lang: TextLang,
) -> (Vec<Raw>, Vec<Diagnostic>) {
    let bounds = sentence_bounds(toks);
    // Whether each sentence speaks of ranks, once per sentence (a scan per ordinal made one
    // long sentence of ordinals quadratic).
    let rank_sentence: Vec<bool> = bounds
        .iter()
        .map(|&(lo, hi)| toks[lo..hi].iter().any(is_rank_word))
        .collect();
    let mut raws: Vec<Raw> = Vec::new();
    let mut diags = Vec::new();
    // Sorted, for a binary search per numeral (a linear `contains` made long texts quadratic).
    let mut year_toks: Vec<usize> = marks.iter().map(|m| m.tok).collect();
    year_toks.sort_unstable();
    let mut i = 0;
    while i < toks.len() {
        // Word patterns first: they contain no numeral.
        let word_claim = vague_amount(toks, i)
            .or_else(|| fraction_change(toks, i))
            .or_else(|| ratio_change(toks, i))
            .or_else(|| rank(toks, &rank_sentence, i));
        if let Some(raw) = word_claim {
            i = raw.last + 1;
            raws.push(raw);
            continue;
        }
        let Some(at) = Numeral::at(toks, &bounds, &year_toks, lang, i) else {
            i += 1;
            continue;
        };
        let base = at.raw();
        let claim = points(&at, &base)
            .or_else(|| percent(&at, &base))
            .or_else(|| times(&at, &base))
            .or_else(|| amount(&at, &base));
        if let Some(raw) = claim.or_else(|| quantity(&at, &base)) {
            i = raw.last + 1;
            raws.push(raw);
            continue;
        }
        // A count may end before its noun ("eight joint and 12 foreign ventures"), so the scan
        // goes on after the number itself.
        if let Some(raw) = count(&at, &base) {
            raws.push(raw);
        } else if let Some(d) = at.unclaimed() {
            diags.push(d);
        }
        i = at.last + 1;
    }
    (raws, diags)
}

impl Raw {
    /// An exact claim over tokens `first..=last` with no value yet, printed without decimals:
    /// the start of every word pattern, which sets what it recognised.
    fn word(first: usize, last: usize, kind: ClaimKind, unit: &'static str) -> Raw {
        Raw {
            first,
            last,
            kind,
            value: None,
            printed: None,
            decimals: 0,
            scale: 1.0,
            unit,
            bound: Bound::Exact,
            change: None,
            count: None,
            earlier: false,
        }
    }
}

/// Vague amounts: "several billions", "several billion dollars", "несколько миллиардов". No
/// value is invented: the claim records only that an amount of that scale was stated.
fn vague_amount(toks: &[Token], i: usize) -> Option<Raw> {
    let t = &toks[i];
    let same = |k: usize| toks.get(k).is_some_and(|x| x.sentence == t.sentence);
    if !(t.is_word() && is_vague_word(&t.key) && same(i + 1)) {
        return None;
    }
    let nk = key(toks, i + 1);
    if !(scale_word(nk).is_some_and(|sc| sc >= 1e6)
        && (is_plural_scale(nk) || currency_after(toks, i + 1).is_some()))
    {
        return None;
    }
    let last = currency_after(toks, i + 1).unwrap_or(i + 1);
    let unit = if last > i + 1 { "USD" } else { "USD?" };
    Some(Raw {
        scale: scale_word(nk).unwrap_or(1.0),
        bound: Bound::Vague,
        ..Raw::word(i, last, ClaimKind::Amount, unit)
    })
}

/// Fractions: "by a third", "by half", "на треть", with the direction of the verb nearby.
fn fraction_change(toks: &[Token], i: usize) -> Option<Raw> {
    let t = &toks[i];
    let s = t.sentence;
    if !(t.is_word() && matches!(t.key.as_str(), "by" | "на")) {
        return None;
    }
    let (skip, fw) = if matches!(key(toks, i + 1), "a" | "one") {
        (2, key(toks, i + 2))
    } else {
        (1, key(toks, i + 1))
    };
    let f = fraction_word(fw)?;
    if toks.get(i + skip).is_none_or(|x| x.sentence != s) {
        return None;
    }
    let up = direction(toks, i, i + skip)?;
    let pct = if up { f * 100.0 } else { -f * 100.0 };
    let verb = i > 0
        && toks[i - 1].sentence == s
        && (UP_WORDS.contains(&toks[i - 1].key.as_str())
            || DOWN_WORDS.contains(&toks[i - 1].key.as_str()));
    let first = if verb { i - 1 } else { i };
    Some(Raw {
        value: Some(pct),
        printed: Some(f),
        change: Some(ChangeKind::Fraction),
        ..Raw::word(first, i + skip, ClaimKind::Change, "%")
    })
}

/// Ratios in one word: "doubled", "threefold", "вдвое", "двукратно" (the adverbs and "-fold"
/// take their direction from the verb nearby: "fell threefold" is a third), with a bound
/// before them: "more than doubled" is at least twice, "almost tripled" about three times.
fn ratio_change(toks: &[Token], i: usize) -> Option<Raw> {
    let t = &toks[i];
    if !t.is_word() {
        return None;
    }
    let (r, up) = ratio_word(&t.key)?;
    let k = t.key.as_str();
    let verb_form = k.ends_with("ed") || k.starts_with("удвоил") || k.starts_with("утроил");
    let up = if verb_form {
        up
    } else if k.starts_with('в') {
        // "вдвое", "втрое": a ratio whatever the verb ("вдвое больше", "сократился вдвое").
        direction(toks, i, i).unwrap_or(up)
    } else {
        // "double", "threefold", "двукратно" are a change only next to a verb of change:
        // "double taxation" and "a twofold aim" are not.
        direction(toks, i, i)?
    };
    let (bound, first) = bound_before(toks, i);
    // "fell threefold", "вырос вдвое": the span takes the verb, as "rose 12%" does.
    let first = if verb_form || first < i {
        first
    } else {
        direction_start(toks, i)
    };
    Some(Raw {
        value: Some(if up { r } else { 1.0 / r }),
        printed: Some(r),
        change: Some(ChangeKind::Times),
        bound,
        ..Raw::word(first, i, ClaimKind::Change, "times")
    })
}

/// Ranks: "third", "the eighth largest", "8th", "41-го", "37-е место", "пятым по величине" in a
/// sentence about rank (and not "the third quarter"); a singular superlative before a partner
/// word is rank 1 ("the biggest trading partner", "крупнейшим торговым партнёром"), but not
/// "one of the largest" or "крупнейших". In "moved from 41st to 37th", "с 41-го на 37-е
/// место" the first rank is the earlier one (`earlier`).
fn rank(toks: &[Token], rank_sentence: &[bool], i: usize) -> Option<Raw> {
    let t = &toks[i];
    let s = t.sentence;
    let (rank, last) = match t.kind {
        Tok::Word => match crate::lexicon::ordinal_word(&t.key) {
            Some(r) => (r, i),
            None => return superlative_rank(toks, i),
        },
        Tok::Num => (t.text.parse::<u32>().ok()?, ordinal_suffix_end(toks, i)?),
        _ => return None,
    };
    let about_rank = rank_sentence[s] || partner_word_after(toks, last);
    let period_word = matches!(
        key(toks, last + 1),
        "half" | "quarter" | "time" | "полугодие" | "полугодии" | "квартал" | "квартале"
    );
    // No partner ranks beyond the world's ~250 economies: "в 2019-м году" is a year.
    if !about_rank || period_word || rank == 0 || rank > 300 {
        return None;
    }
    let before = |d: usize| key_back(toks, i, d);
    let from_word =
        matches!(before(1), "from" | "с" | "со") || (before(1) == "the" && before(2) == "from");
    let to_follows = matches!(key(toks, last + 1), "to" | "на")
        && toks.get(last + 2).is_some_and(|x| {
            x.kind == Tok::Num || crate::lexicon::ordinal_word(&x.key).is_some() || x.key == "the"
        });
    Some(Raw {
        value: Some(f64::from(rank)),
        printed: Some(f64::from(rank)),
        earlier: from_word && to_follows,
        ..Raw::word(i, last, ClaimKind::Rank, "rank")
    })
}

/// A word that makes a sentence one about ranks ("largest", "place", "место", "крупнейший").
fn is_rank_word(x: &Token) -> bool {
    let k = x.key.as_str();
    matches!(
        k,
        "rank"
            | "ranks"
            | "ranked"
            | "largest"
            | "biggest"
            | "place"
            | "position"
            | "место"
            | "месте"
            | "местом"
            | "места"
            | "величине"
            | "занимает"
            | "занимала"
            | "занял"
            | "заняла"
    ) || k.starts_with("крупнейш")
}

/// The last token of an ordinal written in digits at `i`: "8th" (`8`, `th`), "41-го", "37-е"
/// (`37`, `-`, `е`), or the digits alone before "место"/"place" ("на 37 месте"). `None` when
/// the digits are no ordinal.
fn ordinal_suffix_end(toks: &[Token], i: usize) -> Option<usize> {
    let glued = |k: usize| {
        toks.get(k)
            .filter(|x| !x.space_before && x.sentence == toks[i].sentence)
    };
    if glued(i + 1).is_some_and(|x| matches!(x.key.as_str(), "st" | "nd" | "rd" | "th")) {
        return Some(i + 1);
    }
    if glued(i + 1).is_some_and(|x| x.is_sym('-'))
        && glued(i + 2).is_some_and(|x| {
            matches!(
                x.key.as_str(),
                "го" | "е" | "м" | "й" | "ое" | "ом" | "ым" | "ой" | "ю" | "я" | "ого" | "ему"
            )
        })
    {
        // "90-е годы", "в 2019-м году": a decade or a year, not a place.
        let year_word = toks
            .get(i + 3)
            .is_some_and(|x| x.sentence == toks[i].sentence && x.key.starts_with("год"));
        return (!year_word).then_some(i + 2);
    }
    let next = toks.get(i + 1).filter(|x| x.sentence == toks[i].sentence)?;
    matches!(
        next.key.as_str(),
        "место" | "месте" | "местом" | "места" | "place"
    )
    .then_some(i)
}

/// A partner word ("trading partner", "export market", "поставщиком") within the three words
/// after token `i`, in its sentence: what makes "1st" or "largest" a partner's rank.
fn partner_word_after(toks: &[Token], i: usize) -> bool {
    let s = toks[i].sentence;
    toks[i + 1..toks.len().min(i + 4)]
        .iter()
        .take_while(|x| x.sentence == s && x.is_word())
        .any(|x| {
            let w = x.key.as_str();
            [
                "partner",
                "market",
                "supplier",
                "buyer",
                "destination",
                "customer",
                "партнер",
                "партнёр",
                "рынк",
                "рынок",
                "поставщик",
                "покупател",
                "потребител",
            ]
            .iter()
            .any(|p| w.starts_with(p))
        })
}

/// Rank 1 from a singular superlative before a partner word: "the largest trading partner",
/// "biggest export market", "крупнейшим торговым партнёром", "крупнейший поставщик".
fn superlative_rank(toks: &[Token], i: usize) -> Option<Raw> {
    let k = toks[i].key.as_str();
    let singular_ru =
        k.starts_with("крупнейш") && !matches!(k, "крупнейших" | "крупнейшими" | "крупнейшие");
    if !(matches!(k, "largest" | "biggest") || singular_ru) {
        return None;
    }
    let prev = |d: usize| key_back(toks, i, d);
    // "the second largest", "second-largest", "one of the largest", "8th largest".
    let ranked_before = (1..=3).any(|d| {
        crate::lexicon::ordinal_word(prev(d)).is_some()
            || matches!(
                prev(d),
                "of" | "из" | "st" | "nd" | "rd" | "th" | "го" | "е" | "м"
            )
    });
    if ranked_before {
        return None;
    }
    partner_word_after(toks, i).then(|| Raw {
        value: Some(1.0),
        printed: Some(1.0),
        ..Raw::word(i, i, ClaimKind::Rank, "rank")
    })
}

/// A numeral (digits or number words) that is not a year, with what stands before it: the
/// context every pattern after a number reads.
struct Numeral<'a> {
    toks: &'a [Token],
    bounds: &'a [(usize, usize)],
    /// The numeral's first token.
    i: usize,
    /// Its last token (number words may span several: "two hundred fifty").
    last: usize,
    /// Its sentence.
    s: usize,
    value: f64,
    decimals: u8,
    /// Number words ("five") make counts and percentages only, never bare amounts.
    is_word: bool,
    /// First token of a currency right before the digits ("$", "US$").
    cur_before: Option<usize>,
    /// First token of the claim: the bound word or currency before the number.
    first: usize,
    bound: Bound,
    /// The text's language (how the digits of a second part read).
    lang: TextLang,
}

impl<'a> Numeral<'a> {
    /// The numeral at token `i`, or `None` (a year mark, a year that is no amount, no number).
    fn at(
        toks: &'a [Token],
        bounds: &'a [(usize, usize)],
        year_toks: &[usize],
        lang: TextLang,
        i: usize,
    ) -> Option<Self> {
        let t = &toks[i];
        let s = t.sentence;
        let ((value, decimals), last) = match t.kind {
            Tok::Num if year_toks.binary_search(&i).is_err() => {
                let n = parse_numeral(&t.text, lang)?;
                ((n.value, n.decimals), i)
            }
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
                    // "two and a half (billion)": the half is part of the number.
                    Some((v, used)) if words.get(used..used + 3) == Some(&["and", "a", "half"]) => {
                        ((v + 0.5, 1), idx[used + 2])
                    }
                    // A fraction ("полтора" = 1.5) is read to its one decimal.
                    Some((v, used)) if used > 0 => ((v, u8::from(v.fract() != 0.0)), idx[used - 1]),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let is_word = t.kind == Tok::Word;
        let cur_before = if is_word {
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
            return None;
        }
        let (bound, bound_first) = bound_before(toks, cur_before.unwrap_or(i));
        // The bound of a change stands before its preposition: "почти на 20%", "more than by
        // a half" ("вырос почти на двадцать процентов").
        let (bound, bound_first) = match cur_before.unwrap_or(i) {
            k if bound == Bound::Exact
                && k > 0
                && toks[k - 1].sentence == s
                && matches!(toks[k - 1].key.as_str(), "на" | "by") =>
            {
                match bound_before(toks, k - 1) {
                    (Bound::Exact, _) => (bound, bound_first),
                    found => found,
                }
            }
            _ => (bound, bound_first),
        };
        Some(Numeral {
            toks,
            bounds,
            i,
            last,
            s,
            value,
            decimals,
            is_word,
            cur_before,
            first: bound_first.min(cur_before.unwrap_or(i)),
            bound,
            lang,
        })
    }

    /// The key of the token right after the numeral.
    fn next_key(&self) -> &'a str {
        key(self.toks, self.last + 1)
    }

    /// The token right after the numeral, when in the same sentence.
    fn next(&self) -> Option<&'a Token> {
        self.toks
            .get(self.last + 1)
            .filter(|x| x.sentence == self.s)
    }

    /// The claim as a plain amount in USD; the patterns below change what they recognise.
    fn raw(&self) -> Raw {
        Raw {
            first: self.first,
            last: self.last,
            kind: ClaimKind::Amount,
            value: Some(self.value),
            printed: Some(self.value),
            decimals: self.decimals,
            scale: 1.0,
            unit: "USD",
            bound: self.bound,
            change: None,
            count: None,
            earlier: false,
        }
    }

    /// A diagnostic for a number that looks like a figure but has no unit: nothing is guessed.
    fn unclaimed(&self) -> Option<Diagnostic> {
        (!self.is_word && (self.decimals > 0 || self.value >= 100.0)).then(|| {
            let t = &self.toks[self.i];
            Diagnostic {
                start: t.start,
                end: self.toks[self.last].end,
                message: format!(
                    "number {} has no currency, unit or counted noun; not treated as a claim",
                    t.text
                ),
            }
        })
    }
}

/// Percentage points: "2.5 percentage points", "на 3 п.п.", signed by the direction nearby.
fn points(at: &Numeral, base: &Raw) -> Option<Raw> {
    let (toks, j, nk) = (at.toks, at.last, at.next_key());
    let l = if matches!(
        nk,
        "percentage" | "процентных" | "процентного" | "процентный"
    ) && (key(toks, j + 2).starts_with("point") || key(toks, j + 2).starts_with("пункт"))
    {
        j + 2
    } else if matches!(nk, "pp" | "п")
        && (key(toks, j + 2) == "." || at.next().is_some_and(|_| nk == "pp"))
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
        l
    } else {
        return None;
    };
    let up = direction(toks, at.first, l);
    let mut raw = base.clone();
    raw.first = direction_start(toks, at.first);
    raw.kind = ClaimKind::Change;
    raw.change = Some(ChangeKind::Points);
    raw.unit = "pp";
    raw.value = Some(if up == Some(false) {
        -at.value
    } else {
        at.value
    });
    raw.last = l;
    Some(raw)
}

/// Percentages: a change when a direction word is near ("rose 12%"), else a share.
fn percent(at: &Numeral, base: &Raw) -> Option<Raw> {
    let (toks, j, nk) = (at.toks, at.last, at.next_key());
    let l = if at.next().is_some_and(|x| x.is_sym('%'))
        || matches!(
            nk,
            "percent" | "pct" | "процента" | "процентов" | "процент" | "процентах"
        ) {
        j + 1
    } else if matches!(nk, "проц" | "pct") && toks.get(j + 2).is_some_and(|x| x.is_sym('.')) {
        // The wire abbreviation "12,5 проц.", "3 pct.": the dot belongs to the word.
        j + 2
    } else if nk == "проц" {
        j + 1
    } else if nk == "per" && key(toks, j + 2) == "cent" {
        j + 2
    } else {
        return None;
    };
    let mut raw = base.clone();
    raw.last = l;
    raw.unit = "%";
    match direction(toks, at.first, l) {
        Some(up) => {
            raw.first = direction_start(toks, at.first);
            raw.kind = ClaimKind::Change;
            raw.change = Some(ChangeKind::Percent);
            raw.value = Some(if up { at.value } else { -at.value });
        }
        None => raw.kind = ClaimKind::Share,
    }
    Some(raw)
}

/// Times: "4.8 times", "в 4,8 раза", "5-fold"; a fall "by 2 times" is the factor 1/2.
fn times(at: &Numeral, base: &Raw) -> Option<Raw> {
    let (toks, j, nk) = (at.toks, at.last, at.next_key());
    let l = if matches!(nk, "times" | "раза" | "раз") {
        j + 1
    } else if at.next().is_some_and(|x| x.is_sym('-')) && key(toks, j + 2) == "fold" {
        j + 2
    } else {
        return None;
    };
    let up = direction(toks, at.first, l).unwrap_or(true);
    let value = at.value;
    let mut raw = base.clone();
    raw.kind = ClaimKind::Change;
    raw.change = Some(ChangeKind::Times);
    raw.unit = "times";
    raw.value = Some(if up || value == 0.0 {
        value
    } else {
        1.0 / value
    });
    raw.last = l;
    raw.first = direction_start(toks, at.first);
    Some(raw)
}

/// Amounts: a scale word and/or a currency. A scale without a currency counts as money only
/// in a sentence about trade and not before a physical unit ("1.2 million tons", "9,4 млн
/// человек" are quantities). "rose by USD 120 million" is a change in USD.
fn amount(at: &Numeral, base: &Raw) -> Option<Raw> {
    let (toks, j, s) = (at.toks, at.last, at.s);
    let scale_tok = at
        .next()
        .filter(|x| x.is_word())
        .and_then(|x| scale_word(&x.key).map(|sc| (sc, x)))
        .filter(|(_, x)| x.key.chars().count() > 1 || !x.space_before);
    // Number words only make counts (and "five percent"), unless a scale follows.
    if at.is_word && scale_tok.is_none() {
        return None;
    }
    let mut last = j;
    let mut scale = 1.0;
    let mut value = at.value;
    let mut decimals = at.decimals;
    if let Some((sc, _)) = scale_tok {
        scale = sc;
        last = abbreviation_dot(toks, j + 1);
        // One amount in two parts: "12 млрд 304,1 млн долларов", "$1 bln 250 mln".
        if let Some(part) = compound_part(at, last, scale) {
            value = (value * scale + part.value * part.scale) / part.scale;
            (scale, decimals) = (part.scale, part.decimals);
            last = abbreviation_dot(toks, part.scale_tok);
        }
    }
    let cur_after = currency_after(toks, last);
    if let Some(c) = cur_after {
        last = c;
    }
    // Roubles, euros, tenge, yuan: an amount in that currency, never read as dollars.
    let other_before = if at.is_word || at.cur_before.is_some() {
        None
    } else {
        other_currency_before(toks, at.i)
    };
    let other_after = if cur_after.is_some() || at.cur_before.is_some() {
        None
    } else {
        other_currency_after(toks, last)
    };
    if let Some((_, l)) = other_after {
        last = l;
    }
    let other = other_before.or(other_after).map(|(code, _)| code);
    let has_currency = at.cur_before.is_some() || cur_after.is_some() || other.is_some();
    // The unit may stand after the scale's abbreviation dot: "350 тыс. т", "2 млн. тонн".
    let unit_at = if toks.get(last + 1).is_some_and(|x| x.is_sym('.')) {
        last + 2
    } else {
        last + 1
    };
    let quantity_next = toks.get(unit_at).is_some_and(|x| {
        x.sentence == s
            && (QUANTITY_UNITS.iter().any(|u| x.key.starts_with(u))
                || matches!(x.key.as_str(), "т" | "кг" | "kg" | "t"))
    });
    let trade_sentence = (at.bounds[s].0..at.bounds[s].1)
        .any(|k| measure_kw(toks, k).is_some_and(|m| m != Measure::Share));
    if !(has_currency || (scale_tok.is_some() && !quantity_next && trade_sentence)) {
        return None;
    }
    let mut raw = base.clone();
    raw.scale = scale;
    raw.printed = Some(value);
    raw.decimals = decimals;
    raw.value = Some(value * scale);
    raw.unit = match other {
        Some(code) => code,
        None if has_currency => "USD",
        None => "USD?",
    };
    raw.last = last;
    if let Some((_, f)) = other_before {
        raw.first = raw.first.min(f);
    }
    let ds = direction_start(toks, raw.first);
    if ds < raw.first && matches!(key(toks, raw.first - 1), "by" | "на") && at.bound == Bound::Exact
    {
        let up = UP_WORDS.contains(&key(toks, ds));
        raw.kind = ClaimKind::Change;
        raw.change = Some(ChangeKind::Absolute);
        raw.value = Some(if up { value * scale } else { -value * scale });
        raw.first = ds;
    }
    Some(raw)
}

/// Physical quantities: "48,200 tonnes", "1,2 млн тонн", "350 тыс. т", "12 kg": a mass in
/// tonnes or kilograms (`value` in that unit), so that it is never read as money and a change
/// after it is about the tonnage, not the value.
fn quantity(at: &Numeral, base: &Raw) -> Option<Raw> {
    let toks = at.toks;
    let same = |k: usize| toks.get(k).filter(|x| x.sentence == at.s);
    let mut k = at.last + 1;
    let mut scale = 1.0;
    if let Some(sc) = same(k)
        .filter(|x| x.is_word())
        .and_then(|x| scale_word(&x.key))
    {
        scale = sc;
        k += 1;
        if same(k).is_some_and(|x| x.is_sym('.')) {
            k += 1;
        }
    }
    let u = same(k).filter(|x| x.is_word())?;
    let w = u.key.as_str();
    let unit =
        if w.starts_with("tonne") || matches!(w, "ton" | "tons" | "т") || w.starts_with("тонн")
        {
            "t"
        } else if matches!(w, "kg" | "кг") || w.starts_with("kilogram") || w.starts_with("килограм")
        {
            "kg"
        } else {
            return None;
        };
    // "т" alone is a tonne only after a scale or before a dot ("350 тыс. т", "48 т.").
    if w == "т" && scale == 1.0 && !same(k + 1).is_some_and(|x| x.is_sym('.')) {
        return None;
    }
    let mut raw = base.clone();
    raw.kind = ClaimKind::Quantity;
    raw.unit = unit;
    raw.scale = scale;
    raw.value = Some(at.value * scale);
    raw.last = k;
    Some(raw)
}

/// The token ending a scale word at `k`: the abbreviation's dot when a currency follows it
/// ("млн. долларов", "bn. USD"), else `k`.
fn abbreviation_dot(toks: &[Token], k: usize) -> usize {
    let abbreviated = matches!(
        key(toks, k),
        "тыс" | "млн" | "млрд" | "трлн" | "mln" | "bn" | "bln"
    );
    if abbreviated
        && toks.get(k + 1).is_some_and(|x| x.is_sym('.'))
        && currency_after(toks, k + 1).is_some()
    {
        k + 1
    } else {
        k
    }
}

/// The second part of a compound amount.
struct CompoundPart {
    value: f64,
    scale: f64,
    decimals: u8,
    /// The part's scale word.
    scale_tok: usize,
}

/// After a scale word ending at `after`, a number with a smaller scale in the same sentence
/// continues the amount ("12 млрд 304,1 млн", "2 миллиарда 710 миллионов", "$1 bln 250
/// mln"): the part must be less than one unit of the larger scale (304.1 million < 1 billion),
/// so "5 billion 2,000 million" stays two figures. Only digits: number words after a scale
/// ("a billion two") are not amounts.
fn compound_part(at: &Numeral, after: usize, scale: f64) -> Option<CompoundPart> {
    let toks = at.toks;
    let k = after + 1;
    let t = toks
        .get(k)
        .filter(|t| t.sentence == at.s && t.kind == Tok::Num)?;
    let n = parse_numeral(&t.text, at.lang)?;
    let sc = toks
        .get(k + 1)
        .filter(|x| x.sentence == at.s && x.is_word())
        .filter(|x| x.key.chars().count() > 1 || !x.space_before)
        .and_then(|x| scale_word(&x.key))?;
    (sc < scale && n.value * sc < scale).then_some(CompoundPart {
        value: n.value,
        scale: sc,
        decimals: n.decimals,
        scale_tok: k + 1,
    })
}

/// Counts: a count noun within the next seven words ("8 joint ventures", "12 тысяч
/// предприятий"). When another number stands between ("eight joint and 12 foreign
/// ventures"), the indicator is re-derived from this number's own modifiers only.
fn count(at: &Numeral, base: &Raw) -> Option<Raw> {
    let (toks, j, s) = (at.toks, at.last, at.s);
    let (lo, hi) = at.bounds[s];
    let mut k = j + 1;
    let mut mods: Vec<&str> = Vec::new();
    let mut own_mods_end = j;
    let mut other_number = false;
    let mut found: Option<(String, usize)> = None;
    let sentence_keys: Vec<&str> = toks[lo..hi]
        .iter()
        .filter(|x| x.is_word())
        .map(|x| x.key.as_str())
        .collect();
    let keys_after = |k: usize| -> Vec<&str> {
        toks[k + 1..toks.len().min(k + 5)]
            .iter()
            .filter(|y| y.sentence == s)
            .map(|y| y.key.as_str())
            .collect()
    };
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
        if let Some(ind) = count_noun(&x.key, &mods, &keys_after(k), &sentence_keys) {
            found = Some((ind, k));
            break;
        }
        mods.push(x.key.as_str());
        if !other_number && !matches!(x.key.as_str(), "and" | "or" | "и" | "или") {
            own_mods_end = k;
        }
        if matches!(
            x.key.as_str(),
            "is" | "was" | "are" | "were" | "has" | "have"
        ) {
            break;
        }
        k += 1;
    }
    let (ind, noun) = found?;
    let ind = if other_number {
        let own: Vec<&str> = toks[j + 1..=own_mods_end.max(j)]
            .iter()
            .skip(usize::from(own_mods_end <= j))
            .filter(|x| x.is_word())
            .map(|x| x.key.as_str())
            .collect();
        count_noun(&toks[noun].key, &own, &keys_after(noun), &sentence_keys).unwrap_or(ind)
    } else {
        ind
    };
    // "the two countries", "these 27 countries", "двух стран" name the parties, not a count
    // of destinations: countries and markets count only as "to 57 countries", "8 new markets".
    if matches!(ind.as_str(), "countries" | "markets")
        && ((at.is_word && at.value <= 3.0)
            || matches!(
                key_back(toks, at.first, 1),
                "the" | "these" | "those" | "both" | "our" | "its" | "their" | "наших" | "обеих"
            ))
    {
        return None;
    }
    let mut raw = base.clone();
    raw.kind = ClaimKind::Count;
    raw.unit = "count";
    raw.count = Some(ind);
    raw.last = if other_number {
        own_mods_end.max(j)
    } else {
        noun
    };
    Some(raw)
}
