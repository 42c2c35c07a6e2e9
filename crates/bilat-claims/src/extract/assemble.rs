//! Step 5 of the grammar: per sentence, each raw claim gets its measure (nearest keyword before
//! the claim, else after, else the previous amount's), the change's amount (`of`), subject
//! (roles → from/to by measure), period (mark in the sentence, else the carried context: the
//! article's year stays in force until changed), base (stated, else a year earlier) and target
//! (a hope or plan, not a fact).

use super::mentions::{Mention, Role};
use super::numbers::Raw;
use super::periods::{Mark, MarkKind};
use super::{key, of_sentence, sentence_bounds};
use crate::claim::{ChangeKind, Claim, ClaimKind, Measure, Period, Subject};
use crate::lexicon::TARGET_WORDS;
use crate::text::Token;

pub(super) fn measure_kw(toks: &[Token], k: usize) -> Option<Measure> {
    let w = toks[k].key.as_str();
    let prev = if k > 0 { toks[k - 1].key.as_str() } else { "" };
    let next2 = (key(toks, k + 1), key(toks, k + 2));
    // Shipments, supplies, deliveries, поставки, отгрузки (and "shipped", "поставила") are
    // exports of their origin (the roles say whose: "supplies from China to Kazakhstan" are
    // China's exports).
    let shipped = matches!(
        w,
        "shipments" | "supplies" | "deliveries" | "shipped" | "supplied" | "delivered"
    ) || w.starts_with("поставк")
        || w.starts_with("отгрузк")
        || w.starts_with("поставил")
        || w.starts_with("отгрузил");
    let m = if w.starts_with("export") || w.starts_with("экспорт") || shipped {
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
    } else if matches!(w, "balance" | "surplus" | "deficit")
        || w.starts_with("сальдо")
        || w.starts_with("профицит")
        || w.starts_with("дефицит")
    {
        Measure::Balance
    } else if matches!(w, "share" | "доля" | "долю" | "доли") {
        Measure::Share
    } else {
        return None;
    };
    Some(m)
}

/// The share a percentage in `lo..hi` reports: "share of Russia in Belarus' exports",
/// "доля Казахстана в экспорте Беларуси" → the export share, with the token of the flow word;
/// a flow word with a turnover word after it ("доля экспорта в товарообороте", "exports made up
/// 87% of mutual trade") → the flow's share of the pair's trade.
fn share_measure(toks: &[Token], lo: usize, hi: usize) -> (Measure, usize) {
    let flow = |k: usize| match measure_kw(toks, k) {
        Some(Measure::Exports) => Some((Measure::ExportShare, k)),
        Some(Measure::Imports) => Some((Measure::ImportShare, k)),
        _ => None,
    };
    let in_trade = |(m, k): (Measure, usize)| {
        let trade_after = (k + 1..hi).any(|j| measure_kw(toks, j) == Some(Measure::Turnover));
        match (m, trade_after) {
            (Measure::ExportShare, true) => (Measure::ExportsInTrade, k),
            (Measure::ImportShare, true) => (Measure::ImportsInTrade, k),
            other => (other.0, k),
        }
    };
    let Some(sk) = (lo..hi).find(|&k| measure_kw(toks, k) == Some(Measure::Share)) else {
        // No "share" word: "exports made up 87% of mutual trade".
        return match (lo..hi).find_map(flow).map(in_trade) {
            Some(found @ (Measure::ExportsInTrade | Measure::ImportsInTrade, _)) => found,
            _ => (Measure::Share, 0),
        };
    };
    match (sk + 1..hi).find_map(flow) {
        Some(found) => in_trade(found),
        None => (Measure::Share, 0),
    }
}

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
        let ms: Vec<&Mention> = of_sentence(self.mentions, s, |m| m.sentence)
            .iter()
            .collect();
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
    fn share_subject(&self, s: usize, flow_tok: usize, in_trade: bool) -> Subject {
        let ms: Vec<&Mention> = of_sentence(self.mentions, s, |m| m.sentence)
            .iter()
            .collect();
        let owner = ms
            .iter()
            .filter(|m| m.tok.abs_diff(flow_tok) <= 2)
            .min_by_key(|m| m.tok.abs_diff(flow_tok))
            .map(|m| m.alpha3.clone());
        // "доля экспорта в товарообороте Беларуси с Казахстаном": no name next to the flow
        // word; the pair's first country is the flow's owner.
        let owner = owner.or_else(|| ms.first().map(|m| m.alpha3.clone()).filter(|_| in_trade));
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
        let ms: Vec<&Mention> = of_sentence(self.mentions, s, |m| m.sentence)
            .iter()
            .collect();
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

pub(super) fn assemble(
    chars: &[char],
    toks: &[Token],
    mentions: &[Mention],
    marks: &[Mark],
    raws: Vec<Raw>,
) -> Vec<Claim> {
    let mut a = Assembly {
        chars,
        toks,
        marks,
        bounds: sentence_bounds(toks),
        ctx: Ctx {
            toks,
            mentions,
            pair: article_pair(mentions),
        },
        claims: Vec::new(),
        context: None,
        last_measure: None,
        current_sentence: usize::MAX,
        sentence_claims: Vec::new(),
    };
    let firsts: Vec<usize> = raws.iter().map(|r| r.first).collect();
    for (ri, r) in raws.into_iter().enumerate() {
        let s = toks[r.first].sentence;
        // The claim's clause ends where the next claim of its sentence begins.
        let hi = firsts
            .get(ri + 1)
            .copied()
            .filter(|&f| toks[f].sentence == s)
            .unwrap_or(a.bounds[s].1);
        a.push(r, s, hi);
    }
    link_equivalents(chars, &mut a.claims);
    a.claims
}

/// Words that may stand between an amount in another currency and its dollar equivalent
/// (after brackets, dashes, commas and the like are dropped): "(", "or about", "equivalent to",
/// "или около", "что эквивалентно".
const EQUIVALENT_LINKS: &[&str] = &[
    "",
    "or",
    "or about",
    "or around",
    "or some",
    "or roughly",
    "about",
    "around",
    "roughly",
    "approximately",
    "approx",
    "some",
    "nearly",
    "almost",
    "equivalent to",
    "the equivalent of",
    "equal to",
    "worth",
    "или",
    "или около",
    "или почти",
    "или примерно",
    "около",
    "примерно",
    "почти",
    "порядка",
    "эквивалентно",
    "что эквивалентно",
    "что составляет",
    "это",
    "в эквиваленте",
];

/// True for an amount in a currency other than the dollar.
fn is_foreign_amount(c: &Claim) -> bool {
    c.kind == ClaimKind::Amount && !c.unit.starts_with("USD") && c.unit.len() == 3
}

/// Links each amount in another currency with the dollar amount beside it in the same sentence
/// (either order), when only brackets, punctuation and a few words ([`EQUIVALENT_LINKS`]) stand
/// between them: the text's own conversion, which the checker shows with the foreign figure.
fn link_equivalents(chars: &[char], claims: &mut [Claim]) {
    for i in 1..claims.len() {
        let (a, b) = (&claims[i - 1], &claims[i]);
        if a.sentence != b.sentence || a.kind != ClaimKind::Amount || b.kind != ClaimKind::Amount {
            continue;
        }
        let foreign_first = is_foreign_amount(a) && b.unit.starts_with("USD");
        let dollar_first = a.unit.starts_with("USD") && is_foreign_amount(b);
        if !(foreign_first || dollar_first) || a.end > b.start || b.start - a.end > 40 {
            continue;
        }
        let between: String = chars[a.end..b.start]
            .iter()
            .map(|&c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .to_lowercase();
        let words: Vec<&str> = between.split_whitespace().collect();
        if EQUIVALENT_LINKS.contains(&words.join(" ").as_str()) {
            claims[i - 1].equivalent = Some(i);
            claims[i].equivalent = Some(i - 1);
        }
    }
}

/// The article's pair: the first two distinct countries named.
fn article_pair(mentions: &[Mention]) -> (Option<String>, Option<String>) {
    let mut pair: (Option<String>, Option<String>) = (None, None);
    for m in mentions {
        match &pair {
            (None, _) => pair.0 = Some(m.alpha3.clone()),
            (Some(a), None) if *a != m.alpha3 => pair.1 = Some(m.alpha3.clone()),
            _ => {}
        }
    }
    pair
}

/// The state of assembly as it walks the raw claims in text order.
struct Assembly<'a> {
    chars: &'a [char],
    toks: &'a [Token],
    marks: &'a [Mark],
    bounds: Vec<(usize, usize)>,
    ctx: Ctx<'a>,
    /// The claims so far; `of` and `after_change` link to earlier ones by index.
    claims: Vec<Claim>,
    /// The period in force: the last setter of an earlier sentence.
    context: Option<Period>,
    /// The measure and subject of the last amount, for amounts that name neither.
    last_measure: Option<(Measure, Subject)>,
    current_sentence: usize,
    /// Indices of the claims of the current sentence.
    sentence_claims: Vec<usize>,
}

/// Where a claim's keywords are looked for, and what was found.
struct Window {
    /// From the previous claim's end (or the sentence start) to the claim.
    start: usize,
    /// The next claim's start (or the sentence end).
    hi: usize,
    /// Where prepositional roles stop: the next measure word ("exports to A were $X and its
    /// imports from B $Y": "from B" belongs to the imports).
    hi_roles: usize,
    /// The nearest measure keyword before the claim.
    kw_before: Option<Measure>,
    /// The nearest measure keyword after the claim, before the next one.
    kw_after: Option<Measure>,
}

impl Assembly<'_> {
    /// Turns raw claim `r` of sentence `s`, whose clause ends at token `hi`, into a claim.
    fn push(&mut self, r: Raw, s: usize, hi: usize) {
        if s != self.current_sentence {
            self.carry_context(s);
        }
        let toks = self.toks;
        let w = self.window(&r, s, hi);
        let period = self.period(&r, s);
        let target = toks[..r.first]
            .iter()
            .rev()
            .take_while(|t| t.sentence == s)
            .any(|t| TARGET_WORDS.contains(&t.key.as_str()));
        let (measure, of) = self.measure(&r, s, &w);
        let after_change = self.after_change(&r, &w);
        let measure = match after_change {
            Some(p) => self.claims[p].measure.clone(),
            None => measure,
        };
        let subject = self.subject(&r, s, &w, &measure, of, after_change);
        let period = match of {
            Some(o) => self.claims[o].period.or(period),
            None => period,
        };
        // Counts are stocks at a date, ranks positions in a year: the year, not months,
        // applies; the earlier rank of "from 41st to 37th" is the year before's.
        let period = if r.earlier {
            period.map(|p| Period {
                year: p.year - 1,
                months: None,
            })
        } else if r.kind == ClaimKind::Count {
            period.map(|p| Period {
                year: p.year,
                months: None,
            })
        } else {
            period
        };
        let base = if r.kind == ClaimKind::Change {
            self.base(&r, s, period)
        } else {
            None
        };
        let start = toks[r.first].start;
        let end = toks[r.last].end;
        let text: String = self
            .chars
            .get(start..end)
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        if matches!(r.kind, ClaimKind::Amount) {
            self.last_measure = Some((measure.clone(), subject.clone()));
        }
        let target = target || of.is_some_and(|o| self.claims[o].target);
        // A deficit, a negative balance: the balance is below zero.
        let (value, printed) = if measure == Measure::Balance
            && r.kind == ClaimKind::Amount
            && self.negative_balance(&r, s)
        {
            (r.value.map(|v| -v), r.printed.map(|v| -v))
        } else {
            (r.value, r.printed)
        };
        let product = (r.kind == ClaimKind::Quantity)
            .then(|| self.product_near(&r, s))
            .flatten();
        self.claims.push(Claim {
            start,
            end,
            text,
            kind: r.kind,
            measure,
            value,
            printed,
            decimals: r.decimals,
            scale: r.scale,
            unit: r.unit.to_string(),
            bound: r.bound,
            change: r.change,
            subject,
            period,
            base,
            of,
            target,
            equivalent: None,
            product,
            sentence: s,
        });
        let me = self.claims.len() - 1;
        if let Some(p) = after_change {
            self.claims[p].of = Some(me);
        }
        self.sentence_claims.push(me);
    }

    /// The product a quantity is of: a lexicon word right after it ("tonnes of durum wheat",
    /// "тонн пшеницы"), else the nearest one before it in its sentence ("wheat exports reached
    /// 48,200 tonnes", "экспорт пшеницы составил 1,2 млн тонн").
    fn product_near(&self, r: &Raw, s: usize) -> Option<crate::claim::Product> {
        let (lo, hi) = self.bounds[s];
        let after = (r.last + 1).min(hi)..(r.last + 5).min(hi);
        let before = (r.first.saturating_sub(8).max(lo)..r.first).rev();
        after.chain(before).find_map(|k| {
            let (name, codes) = crate::lexicon::product_word(&self.toks[k].key)?;
            Some(crate::claim::Product {
                name: name.to_string(),
                codes: codes.iter().map(|c| c.to_string()).collect(),
            })
        })
    }

    /// A deficit or a negative balance named in the claim's sentence before it or just after it
    /// ("a deficit of $1.2 billion", "a $1.2 billion deficit", "отрицательное сальдо").
    fn negative_balance(&self, r: &Raw, s: usize) -> bool {
        let (lo, hi) = self.bounds[s];
        // Before the figure, or right after it ("a $1.2 billion deficit").
        self.toks[lo..(r.last + 3).min(hi)].iter().any(|t| {
            let k = t.key.as_str();
            matches!(k, "deficit" | "negative")
                || k.starts_with("дефицит")
                || k.starts_with("отрицательн")
        })
    }

    /// Entering sentence `s`: the context becomes the last setter of the sentences in between.
    fn carry_context(&mut self, s: usize) {
        // Only the marks of the sentences in between: a scan of all marks per sentence made a
        // long text quadratic.
        let from = if self.current_sentence == usize::MAX {
            0
        } else {
            self.current_sentence
        };
        let lo = self.marks.partition_point(|m| m.sentence < from);
        let hi = self.marks.partition_point(|m| m.sentence < s).max(lo);
        for m in self.marks[lo..hi]
            .iter()
            .filter(|m| m.kind == MarkKind::Setter)
        {
            self.context = Some(m.period);
        }
        self.current_sentence = s;
        self.sentence_claims.clear();
    }

    fn window(&self, r: &Raw, s: usize, hi: usize) -> Window {
        let toks = self.toks;
        let sentence_start = self.bounds[s].0;
        let start = self
            .sentence_claims
            .last()
            .map(|&c| &self.claims[c])
            .map(|c| toks.partition_point(|t| t.start < c.end).min(r.first))
            .unwrap_or(sentence_start);
        let hi_roles = (r.last + 1..hi)
            .find(|&k| measure_kw(toks, k).is_some())
            .unwrap_or(hi);
        let kw_before = (start..r.first).rev().find_map(|k| measure_kw(toks, k));
        // For levels, a keyword earlier in the sentence still names them ("imports rose 12% to
        // $54.1bn").
        let kw_before = kw_before.or_else(|| {
            (r.kind == ClaimKind::Amount)
                .then(|| {
                    (sentence_start..start)
                        .rev()
                        .find_map(|k| measure_kw(toks, k))
                })
                .flatten()
        });
        // "сальдо в торговле", "balance of trade": trade names whose balance it is.
        let kw_before = match kw_before {
            Some(Measure::Turnover)
                if (sentence_start..r.first)
                    .any(|k| measure_kw(toks, k) == Some(Measure::Balance)) =>
            {
                Some(Measure::Balance)
            }
            other => other,
        };
        let kw_after = (r.last + 1..hi)
            .take_while(|&k| toks[k].sentence == s)
            .find_map(|k| measure_kw(toks, k));
        Window {
            start,
            hi,
            hi_roles,
            kw_before,
            kw_after,
        }
    }

    /// Period: the nearest setter in the sentence before the claim, else after, else the
    /// context; a year right after the claim binds to it ("… $896 million in 2018").
    fn period(&self, r: &Raw, s: usize) -> Option<Period> {
        let toks = self.toks;
        let setters: Vec<&Mark> = of_sentence(self.marks, s, |m| m.sentence)
            .iter()
            .filter(|m| m.kind == MarkKind::Setter)
            .collect();
        let right_after = setters.iter().find(|m| {
            m.tok > r.last
                && m.tok <= r.last + 3
                && toks[r.last + 1..m.tok]
                    .iter()
                    .all(|t| matches!(t.key.as_str(), "in" | "в" | "во" | "за" | "for"))
        });
        right_after
            .copied()
            .or_else(|| setters.iter().rev().find(|m| m.tok < r.first).copied())
            .or_else(|| setters.iter().find(|m| m.tok > r.last).copied())
            .map(|m| m.period)
            .or(self.context)
    }

    /// The claim's measure, and for a change stated right after a level, the level it is
    /// about (`of`), whose measure it takes.
    fn measure(&self, r: &Raw, s: usize, w: &Window) -> (Measure, Option<usize>) {
        let toks = self.toks;
        let sentence_start = self.bounds[s].0;
        let prev_claim = self.sentence_claims.last().map(|&c| &self.claims[c]);
        let measure = match r.kind {
            ClaimKind::Count => Measure::Count(r.count.clone().unwrap_or_default()),
            ClaimKind::Share => share_measure(toks, sentence_start, w.hi).0,
            ClaimKind::Rank => self.rank_measure(r, s),
            ClaimKind::Change => {
                let share_before = r.change == Some(ChangeKind::Points)
                    && (sentence_start..r.first)
                        .any(|k| measure_kw(toks, k) == Some(Measure::Share));
                let prev_is_level = !share_before
                    && prev_claim.is_some_and(|c| {
                        matches!(
                            c.kind,
                            ClaimKind::Amount | ClaimKind::Count | ClaimKind::Quantity
                        )
                    });
                if prev_is_level && w.kw_before.is_none() {
                    let of = self.sentence_claims.last().copied();
                    return (self.claims[of.unwrap_or(0)].measure.clone(), of);
                } else if share_before {
                    Measure::Share
                } else {
                    w.kw_before
                        .clone()
                        .or(w.kw_after.clone())
                        .unwrap_or(Measure::Unknown)
                }
            }
            ClaimKind::Quantity => w
                .kw_before
                .clone()
                .or(w.kw_after.clone())
                .unwrap_or(Measure::Unknown),
            ClaimKind::Amount => w
                .kw_before
                .clone()
                .or(w.kw_after.clone())
                .or_else(|| self.last_measure.as_ref().map(|(m, _)| m.clone()))
                .unwrap_or(Measure::Unknown),
        };
        (measure, None)
    }

    /// The rank's measure by the words right after it ("second largest *trading partner*",
    /// "пятым по величине *торговым* партнёром"), else by the words of its sentence:
    /// suppliers are imports, markets and buyers exports, else trade.
    fn rank_measure(&self, r: &Raw, s: usize) -> Measure {
        let (lo, hi) = self.bounds[s];
        let after: Vec<&str> = self.toks[(r.last + 1).min(hi)..hi.min(r.last + 5)]
            .iter()
            .map(|x| x.key.as_str())
            .collect();
        let near = |stems: &[&str]| {
            after
                .iter()
                .any(|k| stems.iter().any(|st| k.starts_with(st)))
        };
        if near(&["trading", "trade", "торгов"]) {
            return Measure::TradeRank;
        }
        let keys: Vec<&str> = self.toks[lo..hi].iter().map(|x| x.key.as_str()).collect();
        let has = |stems: &[&str]| {
            near(stems)
                || keys
                    .iter()
                    .any(|k| stems.iter().any(|st| k.starts_with(st)))
        };
        if near(&["supplier", "поставщик", "import", "импорт"]) {
            Measure::ImportRank
        } else if near(&[
            "export",
            "экспорт",
            "market",
            "рынк",
            "рынок",
            "buyer",
            "покупател",
            "destination",
        ]) {
            Measure::ExportRank
        } else if has(&["supplier", "поставщик", "import", "импорт"]) {
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

    /// "imports grew by 14.6% to US$21.6 billion": the amount is the level the change before it
    /// is about; it takes the change's measure and subject and the change is linked to it.
    fn after_change(&self, r: &Raw, w: &Window) -> Option<usize> {
        (r.kind == ClaimKind::Amount
            && (w.start..r.first).all(|k| measure_kw(self.toks, k).is_none()))
        .then(|| self.sentence_claims.last().copied())
        .flatten()
        .filter(|&p| {
            let c = &self.claims[p];
            c.kind == ClaimKind::Change && c.of.is_none() && c.measure != Measure::Unknown
        })
    }

    /// The claim's subject: by its kind and measure, from the level it is about, or from the
    /// roles of the countries around it.
    fn subject(
        &self,
        r: &Raw,
        s: usize,
        w: &Window,
        measure: &Measure,
        of: Option<usize>,
        after_change: Option<usize>,
    ) -> Subject {
        let ctx = &self.ctx;
        match of {
            _ if r.kind == ClaimKind::Rank => ctx.rank_subject(s),
            _ if matches!(
                measure,
                Measure::ExportShare
                    | Measure::ImportShare
                    | Measure::ExportsInTrade
                    | Measure::ImportsInTrade
            ) =>
            {
                let in_trade = matches!(measure, Measure::ExportsInTrade | Measure::ImportsInTrade);
                ctx.share_subject(
                    s,
                    share_measure(self.toks, self.bounds[s].0, w.hi).1,
                    in_trade,
                )
            }
            Some(o) => self.claims[o].subject.clone(),
            None if after_change.is_some() => {
                self.claims[after_change.unwrap_or(0)].subject.clone()
            }
            None if w.kw_before.is_none()
                && w.kw_after.is_none()
                && r.kind == ClaimKind::Amount =>
            {
                match &self.last_measure {
                    Some((_, subj)) if of_sentence(ctx.mentions, s, |m| m.sentence).is_empty() => {
                        subj.clone()
                    }
                    _ => ctx.subject(measure, s, r.first, r.last, w.start, w.hi_roles),
                }
            }
            None => ctx.subject(measure, s, r.first, r.last, w.start, w.hi_roles),
        }
    }

    /// The base of a change: a base mark in the sentence (after the claim, else before), with
    /// the claim's months; else the same period a year earlier.
    fn base(&self, r: &Raw, s: usize, period: Option<Period>) -> Option<Period> {
        let bases: Vec<&Mark> = of_sentence(self.marks, s, |m| m.sentence)
            .iter()
            .filter(|m| m.kind == MarkKind::Base)
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
    }
}
