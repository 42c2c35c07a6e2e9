//! Verification against data: the typed query a claim implies, run through a [`Facts`] source,
//! compared at the claim's printed precision.
//!
//! ```text
//! level claim   exports A→B in period t      → FactQuery{exports, reporter A, partner B, t}
//!               imports of A from B          → FactQuery{imports, reporter A, partner B, t}
//!               turnover/services A–B        → FactQuery{turnover|services, A, B, t}
//!               investment of B in A         → FactQuery{investment, reporter A (recipient), partner B}
//!               count in A with B's capital  → FactQuery{count, reporter A (location), partner B}
//! change claim  the query of the level it is about, with its base period;
//!               growth = (v_t / v_base − 1)·100, ratio = v_t / v_base (DESIGN §3)
//! match         exact:    |d − p| ≤ h         (h = ½·10^−decimals in the printed unit)
//!               at least: d ≥ p − h           (see `Bound::AtLeast` for why not d > p)
//!               at most:  d ≤ p + h
//!               about:    |d − p| ≤ max(h, 5% of p)
//!               vague:    d ≥ 2 units of the scale ("several billions" ≥ 2 billion)
//!               fraction: |g − p| ≤ 2.5 points ("by a third" ≈ 33.3%)
//! ```
//! Goods figures are asked in two views, the reporter's own reports and the partner's mirror
//! reports; both are reported and the verdict says which matches. A claim is `supported` when a
//! view matches, `contradicted` when data exist and none matches, `unverifiable` when no data
//! exist (or the claim is a target, a share, or names no period), and `inconsistent` when an
//! internal check on it failed (internal failures take precedence: the text disagrees with
//! itself whatever the data say; the data evidence is still listed).

use bilat_model::View;
use serde::Serialize;

use crate::claim::{Bound, ChangeKind, Claim, ClaimKind, Diagnostic, Measure, Period};
use crate::internal::{Finding, internal_checks};
use crate::lexicon::TextLang;

/// The query a claim implies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactQuery {
    /// What is measured.
    pub measure: Measure,
    /// ISO alpha-3 of the reporter (exporter for exports, importer for imports, recipient of
    /// investment, country where counted things are).
    pub reporter: String,
    /// ISO alpha-3 of the partner.
    pub partner: String,
    /// Year; `None` for counts "as of now" (the latest year held).
    pub year: Option<i32>,
    /// Months of the year for period-to-date figures.
    pub months: Option<(u8, u8)>,
    /// Base period for a change; `None` for levels.
    pub base: Option<Period>,
    /// View for goods figures; `None` for series.
    pub view: Option<View>,
    /// For a quantity of a named product, the HS codes whose tonnes are summed; `None` for
    /// values.
    pub product: Option<Vec<String>>,
}

impl FactQuery {
    /// The query in words, e.g. `exports BLR→KAZ 2018 months 1-6 (reporter view)`.
    pub fn describe(&self) -> String {
        let arrow = match self.measure {
            Measure::Exports => format!("{}→{}", self.reporter, self.partner),
            Measure::Imports => format!("{}←{}", self.reporter, self.partner),
            Measure::Investment => format!("{}←{}", self.reporter, self.partner),
            Measure::Count(_) => format!("in {} with {}", self.reporter, self.partner),
            _ => format!("{}–{}", self.reporter, self.partner),
        };
        let mut s = format!("{} {arrow}", self.measure.name());
        match self.year {
            Some(y) => s.push_str(&format!(" {y}")),
            None => s.push_str(" latest"),
        }
        if let Some((a, b)) = self.months {
            s.push_str(&format!(" months {a}-{b}"));
        }
        if let Some(b) = self.base {
            s.push_str(&format!(" against {b}"));
        }
        if let Some(p) = &self.product {
            s.push_str(&format!(" of HS {} (tonnes)", p.join(", ")));
        }
        if let Some(v) = self.view {
            s.push_str(&format!(" ({} view)", v.as_str()));
        }
        s
    }
}

/// A figure from the data with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// The value in base units (USD or count).
    pub value: f64,
    /// The value in the base period, when the query asked for one.
    pub previous: Option<f64>,
    /// The year the value is for (counts may come from an earlier year than asked).
    pub year: i32,
    /// Source family (`demo`, `ots`, `comtrade`, `baci`, a series source).
    pub source: String,
    /// Release of the source.
    pub vintage: String,
    /// View, for goods figures.
    pub view: Option<View>,
    /// The query as run (command or SQL), so a reader can repeat it.
    pub query: String,
    /// When the figure sums only part of the product space (an extract), which part, e.g.
    /// `HS 44, 47, 48, 94`: a claimed total is then unverifiable against it, never supported
    /// or contradicted.
    pub partial: Option<String>,
}

/// A failure of the fact source (not "no data", which is `Ok(None)`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FactsError {
    /// The query engine failed.
    #[error("fact lookup failed: {0}")]
    Engine(String),
    /// The caller's deadline passed (a server's per-request time limit): the lookups stopped.
    #[error("the check ran past its time limit")]
    Deadline,
}

impl FactsError {
    /// Whose fault: the fact source (the warehouse) failed, so the data's; a deadline is the
    /// caller's limit, reported by the caller (the server's 503), internal if it escapes.
    pub fn fault(&self) -> bilat_model::Fault {
        match self {
            FactsError::Engine(_) => bilat_model::Fault::Data,
            FactsError::Deadline => bilat_model::Fault::Internal,
        }
    }
}

/// Where facts come from: the warehouse ([`crate::WarehouseFacts`]) or anything else that can
/// answer a [`FactQuery`].
pub trait Facts {
    /// The fact the query asks for; `Ok(None)` when the data do not hold it.
    fn lookup(&self, q: &FactQuery) -> Result<Option<Fact>, FactsError>;

    /// Told every query a text will ask before the first [`Facts::lookup`], so a source that
    /// answers many at once (side by side, or in one scan) can do so; the default does nothing.
    fn prefetch(&self, _queries: &[FactQuery]) -> Result<(), FactsError> {
        Ok(())
    }

    /// Units of `currency` (ISO 4217) per US dollar in `year`, annual average: the `usd_rate`
    /// series when loaded (`value` is the rate); `None` (the default) leaves amounts in that
    /// currency unverifiable.
    fn usd_rate(&self, _currency: &str, _year: i32) -> Result<Option<Fact>, FactsError> {
        Ok(None)
    }
}

/// The verdict on one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The data (in at least one view) agree at the printed precision.
    Supported,
    /// Data exist and no view agrees.
    Contradicted,
    /// The text's own numbers disagree with this claim.
    Inconsistent,
    /// No data to check against, or not a checkable statement.
    Unverifiable,
}

impl Verdict {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Inconsistent => "inconsistent",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

/// One piece of evidence for a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The query in words.
    pub query: String,
    /// The query as the fact source ran it.
    pub ran: Option<String>,
    /// The value computed from the data in the claim's printed unit (millions, %, times,
    /// count), or `None` without data.
    pub computed: Option<f64>,
    /// Source, vintage and view of the value.
    pub source: Option<String>,
    /// Whether it matches the claim at the printed precision.
    pub matches: Option<bool>,
    /// A sentence for readers.
    pub note: String,
}

/// A claim with its verdict and evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verified {
    /// The claim.
    pub claim: Claim,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in one sentence.
    pub reason: String,
    /// Data evidence, one per view asked.
    pub evidence: Vec<Evidence>,
    /// Indices of the internal findings about this claim.
    pub internal: Vec<usize>,
}

/// Everything `bilat check` reports on one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Language used.
    pub lang: TextLang,
    /// Claims with verdicts, in text order.
    pub claims: Vec<Verified>,
    /// Internal consistency findings.
    pub internal: Vec<Finding>,
    /// Notes about numbers that are not claims.
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckReport {
    /// True when some claim is contradicted or inconsistent (exit code 3).
    pub fn has_problems(&self) -> bool {
        self.claims
            .iter()
            .any(|c| matches!(c.verdict, Verdict::Contradicted | Verdict::Inconsistent))
    }
}

/// Extracts, checks internally and verifies `text` against `facts`.
pub fn check(
    text: &str,
    lang: Option<TextLang>,
    facts: &dyn Facts,
) -> Result<CheckReport, FactsError> {
    let lang = lang.unwrap_or_else(|| crate::extract::detect_lang(text));
    let (claims, diagnostics) = crate::extract::extract(text, Some(lang));
    let internal = internal_checks(&claims);
    let claims = verify(&claims, &internal, facts)?;
    Ok(CheckReport {
        lang,
        claims,
        internal,
        diagnostics,
    })
}

/// The query a level claim implies (without view), or why there is none.
fn level_query(c: &Claim) -> Result<FactQuery, String> {
    let (from, to) = match (&c.subject.from, &c.subject.to) {
        (Some(f), Some(t)) if f != t => (f.clone(), t.clone()),
        _ => return Err("the text does not say which two countries".into()),
    };
    let (reporter, partner) = match &c.measure {
        Measure::Exports
        | Measure::Turnover
        | Measure::Balance
        | Measure::Services
        | Measure::ExportShare
        | Measure::ImportShare
        | Measure::ExportsInTrade
        | Measure::ImportsInTrade
        | Measure::ExportRank
        | Measure::ImportRank
        | Measure::TradeRank => (from, to),
        Measure::Imports | Measure::Investment | Measure::Count(_) => (to, from),
        Measure::Share => return Err("shares are not checked against data yet".into()),
        Measure::Unknown => return Err("the text does not say what the number measures".into()),
    };
    let goods = matches!(
        c.measure,
        Measure::Exports
            | Measure::Imports
            | Measure::Turnover
            | Measure::Balance
            | Measure::ExportsInTrade
            | Measure::ImportsInTrade
    );
    let year = c.period.map(|p| p.year);
    if year.is_none() && !matches!(c.measure, Measure::Count(_)) {
        return Err("the text gives no period for this figure".into());
    }
    Ok(FactQuery {
        measure: c.measure.clone(),
        reporter,
        partner,
        year,
        months: if goods {
            c.period.and_then(|p| p.months)
        } else {
            None
        },
        base: None,
        view: None,
        product: (c.kind == ClaimKind::Quantity)
            .then(|| c.product.as_ref().map(|p| p.codes.clone()))
            .flatten(),
    })
}

fn views(q: &FactQuery) -> Vec<Option<View>> {
    if matches!(
        q.measure,
        Measure::Exports | Measure::Imports | Measure::Turnover
    ) {
        vec![Some(View::Reporter), Some(View::Mirror)]
    } else {
        vec![None]
    }
}

/// Compares a data value (printed unit) with a claim's printed number under its bound.
fn compare(d: f64, p: f64, decimals: u8, bound: Bound) -> bool {
    let h = 0.5 * 10f64.powi(-i32::from(decimals)) * (1.0 + 1e-9) + 1e-12;
    match bound {
        Bound::Exact => (d - p).abs() <= h,
        Bound::AtLeast => d >= p - h,
        Bound::AtMost => d <= p + h,
        Bound::Approx => (d - p).abs() <= h.max(0.05 * p.abs()),
        Bound::Vague => d >= 2.0,
    }
}

fn provenance(f: &Fact) -> String {
    match f.view {
        Some(v) => format!("{} {} ({} view)", f.source, f.vintage, v.as_str()),
        None => format!("{} {}", f.source, f.vintage),
    }
}

/// Evidence of one view for one claim.
fn evidence(c: &Claim, q: &FactQuery, fact: Option<&Fact>) -> Evidence {
    let base = Evidence {
        query: q.describe(),
        ran: fact.map(|f| f.query.clone()),
        computed: None,
        source: fact.map(provenance),
        matches: None,
        note: String::new(),
    };
    let Some(f) = fact else {
        return Evidence {
            note: "no data".into(),
            ..base
        };
    };
    let year_note = match q.year {
        Some(y) if y != f.year => format!(" (latest held: {})", f.year),
        None => format!(" (as of {})", f.year),
        _ => String::new(),
    };
    let d = if c.kind == ClaimKind::Count {
        0
    } else {
        10usize.min(usize::from(c.decimals) + 1)
    };
    match c.kind {
        ClaimKind::Amount | ClaimKind::Count | ClaimKind::Quantity => {
            let (value, p) = match c.bound {
                Bound::Vague => (f.value / c.scale, 2.0),
                _ => (f.value / c.scale, c.printed.unwrap_or(f64::NAN)),
            };
            let ok = compare(value, p, c.decimals, c.bound);
            Evidence {
                computed: Some(value),
                matches: Some(ok),
                note: format!(
                    "data: {value:.d$}{} {}{year_note}",
                    unit_word(c),
                    if ok { "matches" } else { "does not match" }
                ),
                ..base
            }
        }
        ClaimKind::Change => {
            let Some(prev) = f.previous.filter(|p| *p > 0.0) else {
                return Evidence {
                    note: "no positive base value in the data".into(),
                    ..base
                };
            };
            let ratio = f.value / prev;
            let p = c.printed.unwrap_or(f64::NAN);
            let (computed, ok, what) = match c.change {
                Some(ChangeKind::Percent) => {
                    let g = (ratio - 1.0) * 100.0;
                    let claimed = c.value.unwrap_or(f64::NAN);
                    (
                        g,
                        compare(g, claimed, c.decimals, c.bound),
                        format!("growth {g:+.d$}%"),
                    )
                }
                Some(ChangeKind::Times) => {
                    let down = c.value.is_some_and(|v| v < 1.0) && p > 1.0;
                    let r = if down { 1.0 / ratio } else { ratio };
                    (
                        r,
                        compare(r, p, c.decimals, c.bound),
                        format!("ratio {r:.d$} times{}", if down { " lower" } else { "" }),
                    )
                }
                Some(ChangeKind::Absolute) => {
                    let diff = (f.value - prev) / c.scale;
                    let claimed = c.value.unwrap_or(f64::NAN) / c.scale;
                    (
                        diff,
                        compare(diff, claimed, c.decimals, c.bound),
                        format!("change {diff:+.d$}{}", unit_word(c)),
                    )
                }
                Some(ChangeKind::Fraction) => {
                    let g = (ratio - 1.0) * 100.0;
                    let claimed = c.value.unwrap_or(f64::NAN);
                    (g, (g - claimed).abs() <= 2.5, format!("growth {g:+.1}%"))
                }
                _ => {
                    return Evidence {
                        note: "percentage-point changes are not checked against data yet".into(),
                        ..base
                    };
                }
            };
            Evidence {
                computed: Some(computed),
                matches: Some(ok),
                note: format!(
                    "data: {what} ({} / {}) {}",
                    fmt_usd(f.value),
                    fmt_usd(prev),
                    if ok { "matches" } else { "does not match" }
                ),
                ..base
            }
        }
        ClaimKind::Rank => {
            let p = c.printed.unwrap_or(f64::NAN);
            let ok = f.value == p;
            Evidence {
                computed: Some(f.value),
                matches: Some(ok),
                note: format!(
                    "data: rank {} {}{year_note}",
                    f.value,
                    if ok { "matches" } else { "does not match" }
                ),
                ..base
            }
        }
        ClaimKind::Share => {
            let p = c.printed.unwrap_or(f64::NAN);
            let ok = compare(f.value, p, c.decimals, c.bound);
            Evidence {
                computed: Some(f.value),
                matches: Some(ok),
                note: format!(
                    "data: {:.d$}% {}{year_note}",
                    f.value,
                    if ok { "matches" } else { "does not match" }
                ),
                ..base
            }
        }
    }
}

fn unit_word(c: &Claim) -> String {
    if c.kind == ClaimKind::Count {
        return String::new();
    }
    format!("{} USD", crate::claim::scale_name(c.scale))
}

fn fmt_usd(v: f64) -> String {
    if v.abs() >= 1e3 {
        format!("{:.1} million", v / 1e6)
    } else {
        format!("{v}")
    }
}

/// Verifies claims against `facts`, folding in the internal findings (see the module doc).
pub fn verify(
    claims: &[Claim],
    findings: &[Finding],
    facts: &dyn Facts,
) -> Result<Vec<Verified>, FactsError> {
    let mut out = Vec::with_capacity(claims.len());
    let cache = Cached {
        inner: facts,
        memo: std::cell::RefCell::new(std::collections::HashMap::new()),
    };
    let facts: &dyn Facts = &cache;
    // The findings of each claim and the failed ones it is the target of, indexed once (a scan
    // of all findings per claim made long texts quadratic).
    let mut involving: Vec<Vec<usize>> = vec![Vec::new(); claims.len()];
    let mut failed_at: Vec<Vec<&Finding>> = vec![Vec::new(); claims.len()];
    for (k, f) in findings.iter().enumerate() {
        for &i in &f.claims {
            if let Some(list) = involving.get_mut(i)
                && list.last() != Some(&k)
            {
                list.push(k);
            }
        }
        if !f.passed
            && let Some(list) = failed_at.get_mut(f.target)
        {
            list.push(f);
        }
    }
    let all: Vec<FactQuery> = (0..claims.len())
        .filter_map(|i| claim_queries(claims, i).ok())
        .flatten()
        .collect();
    facts.prefetch(&all)?;
    for (i, c) in claims.iter().enumerate() {
        let internal = std::mem::take(&mut involving[i]);
        let failed = std::mem::take(&mut failed_at[i]);
        let (mut verdict, mut reason, evidence) = data_verdict(claims, i, facts)?;
        if !failed.is_empty() {
            verdict = Verdict::Inconsistent;
            reason = failed
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
        }
        out.push(Verified {
            claim: c.clone(),
            verdict,
            reason,
            evidence,
            internal,
        });
    }
    Ok(out)
}

type DataVerdict = (Verdict, String, Vec<Evidence>);

/// Memoises lookups: a text repeats the same query (a level and its growth share the year's
/// figure; a long text repeats figures).
struct Cached<'a> {
    inner: &'a dyn Facts,
    memo: std::cell::RefCell<std::collections::HashMap<String, Option<Fact>>>,
}

impl Facts for Cached<'_> {
    fn lookup(&self, q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        let key = format!("{q:?}");
        if let Some(f) = self.memo.borrow().get(&key) {
            return Ok(f.clone());
        }
        let f = self.inner.lookup(q)?;
        self.memo.borrow_mut().insert(key, f.clone());
        Ok(f)
    }

    fn prefetch(&self, queries: &[FactQuery]) -> Result<(), FactsError> {
        self.inner.prefetch(queries)
    }

    fn usd_rate(&self, currency: &str, year: i32) -> Result<Option<Fact>, FactsError> {
        let key = format!("usd_rate {currency} {year}");
        if let Some(f) = self.memo.borrow().get(&key) {
            return Ok(f.clone());
        }
        let f = self.inner.usd_rate(currency, year)?;
        self.memo.borrow_mut().insert(key, f.clone());
        Ok(f)
    }
}

/// What the text's own dollar equivalent of foreign amount `i` says ("; the text gives its
/// dollar equivalent, \"$27.1 bln\" (claim 3, checked on its own), an implied 73.80 RUB/USD"),
/// or nothing.
fn equivalent_note(claims: &[Claim], i: usize) -> String {
    let c = &claims[i];
    let Some(d) = c.equivalent.and_then(|j| claims.get(j).map(|d| (j, d))) else {
        return String::new();
    };
    let (j, d) = d;
    let rate = match (c.value, d.value) {
        (Some(v), Some(usd)) if usd > 0.0 && c.kind == ClaimKind::Amount => {
            format!(", an implied {:.2} {}/USD", v / usd, c.unit)
        }
        _ => String::new(),
    };
    format!(
        "; the text gives its dollar equivalent, \"{}\" (claim {}, checked on its own){rate}",
        d.text,
        j + 1
    )
}

/// A currency of an amount other than the dollar (`RUB`, `EUR` …), `None` for dollars and
/// non-money units.
fn foreign_unit(unit: &str) -> Option<&str> {
    (!matches!(
        unit,
        "USD" | "USD?" | "%" | "times" | "pp" | "count" | "rank" | "t" | "kg"
    ))
    .then_some(unit)
}

/// Amount claim `i` in US dollars at the year's `usd_rate`, when a rate is loaded: the
/// converted claim alone (index 0) and the note saying which rate. The converted amount is compared as approximate (within 5%): an annual
/// average rate is not the rate each shipment was paid at.
fn in_dollars(
    claims: &[Claim],
    i: usize,
    facts: &dyn Facts,
) -> Result<Option<(Vec<Claim>, usize, String)>, FactsError> {
    // Only levels: growth in roubles is not growth in dollars (the rate moves between the
    // years), so a change of a rouble figure stays unverifiable.
    let c = &claims[i];
    if c.kind != ClaimKind::Amount {
        return Ok(None);
    }
    let Some(cur) = foreign_unit(&c.unit) else {
        return Ok(None);
    };
    let Some(year) = c.period.map(|p| p.year) else {
        return Ok(None);
    };
    let Some(rate) = facts.usd_rate(cur, year)?.filter(|f| f.value > 0.0) else {
        return Ok(None);
    };
    let convert = |x: &Claim| {
        let mut y = x.clone();
        y.value = y.value.map(|v| v / rate.value);
        y.printed = y.printed.map(|v| v / rate.value);
        y.unit = "USD".into();
        y.of = None;
        // The printed precision shrinks with the rate: ±0.5 billion tenge is ±1.5 million
        // dollars at 345 KZT/USD, not ±0.5 billion.
        let extra = rate.value.log10().ceil().clamp(0.0, 12.0) as u8;
        y.decimals = y.decimals.saturating_add(extra);
        if y.bound == Bound::Exact {
            y.bound = Bound::Approx;
        }
        y
    };
    let note = format!(
        "{cur} converted at {} {cur}/USD ({year}, usd_rate, {} {})",
        rate.value, rate.source, rate.vintage
    );
    Ok(Some((vec![convert(c)], 0, note)))
}

/// The fact queries claim `i` asks, one per view, or the verdict it gets without data.
fn claim_queries(claims: &[Claim], i: usize) -> Result<Vec<FactQuery>, (Verdict, String)> {
    let c = &claims[i];
    if c.target {
        return Err((
            Verdict::Unverifiable,
            "a hope, plan or target, not a reported figure".into(),
        ));
    }
    if c.kind == ClaimKind::Share && c.measure == Measure::Share {
        return Err((
            Verdict::Unverifiable,
            "the text does not say a share of which flow".into(),
        ));
    }
    // A tonnage is checked against the quantity column of the product it names; a tonnage
    // without a product bilat knows, or a change of one, is not.
    let level_kind = c.of.map_or(c.kind, |o| claims[o].kind);
    let checkable_quantity = c.kind == ClaimKind::Quantity
        && c.product.is_some()
        && matches!(c.measure, Measure::Exports | Measure::Imports);
    if (c.kind == ClaimKind::Quantity || level_kind == ClaimKind::Quantity) && !checkable_quantity {
        return Err((
            Verdict::Unverifiable,
            "unverifiable: a physical quantity (tonnes or kilograms), not a value; checking it needs exports or imports of a product bilat can name (e.g. \"tonnes of wheat\") and its quantity data".into(),
        ));
    }
    // The warehouse holds dollars: an amount in roubles or euros, or a change of one, needs an
    // exchange rate to be checked (DESIGN §4).
    let level_unit = match c.kind {
        ClaimKind::Change => c.of.map_or(c.unit.as_str(), |o| claims[o].unit.as_str()),
        _ => c.unit.as_str(),
    };
    if matches!(c.kind, ClaimKind::Amount | ClaimKind::Change) && foreign_unit(level_unit).is_some()
    {
        return Err((
            Verdict::Unverifiable,
            format!(
                "unverifiable: needs an exchange rate (an amount in {level_unit}; the data are in US dollars){}",
                equivalent_note(claims, i)
            ),
        ));
    }
    let q = match c.kind {
        ClaimKind::Change => {
            let level = c.of.map(|o| &claims[o]).unwrap_or(c);
            let mut probe = level.clone();
            if c.of.is_none() {
                probe.kind = ClaimKind::Amount;
            }
            level_query(&probe).map(|mut q| {
                q.base = c.base;
                q
            })
        }
        _ => level_query(c),
    };
    let q = q.map_err(|why| (Verdict::Unverifiable, why))?;
    Ok(views(&q)
        .into_iter()
        .map(|v| FactQuery {
            view: v,
            ..q.clone()
        })
        .collect())
}

fn data_verdict(claims: &[Claim], i: usize, facts: &dyn Facts) -> Result<DataVerdict, FactsError> {
    if let Some((local, k, note)) = in_dollars(claims, i, facts)? {
        let (verdict, reason, evidence) = dollar_verdict(&local, k, facts)?;
        let linked = equivalent_note(claims, i);
        return Ok((verdict, format!("{note}: {reason}{linked}"), evidence));
    }
    dollar_verdict(claims, i, facts)
}

/// The verdict of claim `i` whose amounts are in dollars (or are no amounts).
fn dollar_verdict(
    claims: &[Claim],
    i: usize,
    facts: &dyn Facts,
) -> Result<DataVerdict, FactsError> {
    let c = &claims[i];
    let queries = match claim_queries(claims, i) {
        Ok(qs) => qs,
        Err((verdict, why)) => return Ok((verdict, why, vec![])),
    };
    let mut evidence = Vec::new();
    // The products of the first partial fact (an extract), if any.
    let mut partial: Option<String> = None;
    let mut look = |q: &FactQuery, evidence: &mut Vec<Evidence>| -> Result<(), FactsError> {
        let fact = facts.lookup(q)?;
        if let Some(p) = fact.as_ref().and_then(|f| f.partial.clone()) {
            partial.get_or_insert(p);
        }
        evidence.push(evidence_for(c, q, fact.as_ref()));
        Ok(())
    };
    for q in &queries {
        look(q, &mut evidence)?;
    }
    // Neither side's reports loaded: one reconciled value per direction (BACI) is the figure
    // there is.
    if let Some(last) = queries.last().filter(|q| q.view == Some(View::Mirror))
        && evidence.iter().all(|e| e.ran.is_none())
    {
        let reconciled = FactQuery {
            view: Some(View::Reconciled),
            ..last.clone()
        };
        look(&reconciled, &mut evidence)?;
    }
    let matching: Vec<&Evidence> = evidence
        .iter()
        .filter(|e| e.matches == Some(true))
        .collect();
    let with_data = evidence.iter().filter(|e| e.matches.is_some()).count();
    // Every view with data, in words: "896.00 million USD [demo generated-1 (reporter view)]".
    let said = |e: &Evidence| {
        format!(
            "{} [{}]",
            e.note.trim_start_matches("data: "),
            e.source.clone().unwrap_or_default()
        )
    };
    let (verdict, reason) = if !matching.is_empty() {
        let mut parts: Vec<String> = matching.iter().map(|e| said(e)).collect();
        parts.extend(
            evidence
                .iter()
                .filter(|e| e.matches == Some(false))
                .map(|e| format!("other view: {}", said(e))),
        );
        (Verdict::Supported, parts.join("; "))
    } else if with_data > 0 {
        let parts: Vec<String> = evidence
            .iter()
            .filter(|e| e.matches.is_some())
            .map(said)
            .collect();
        (Verdict::Contradicted, parts.join("; "))
    } else if let Some(label) = &partial {
        (
            Verdict::Unverifiable,
            format!(
                "unverifiable: the data cover only {label}, not all goods, so the {} they hold is no total to check against",
                queries.first().map_or_else(String::new, |q| FactQuery {
                    view: None,
                    ..q.clone()
                }
                .describe())
            ),
        )
    } else {
        (
            Verdict::Unverifiable,
            format!(
                "the data hold no {}",
                queries.first().map_or_else(String::new, |q| FactQuery {
                    view: None,
                    ..q.clone()
                }
                .describe())
            ),
        )
    };
    Ok((verdict, reason, evidence))
}

/// The evidence of one fact; a fact of partial data is shown, but neither matches nor fails.
/// Tonnages come in tonnes: a claim in kilograms compares with them times 1,000.
fn evidence_for(c: &Claim, q: &FactQuery, fact: Option<&Fact>) -> Evidence {
    let in_kg = fact
        .filter(|_| q.product.is_some() && c.unit == "kg")
        .map(|f| Fact {
            value: f.value * 1000.0,
            ..f.clone()
        });
    let e = evidence(c, q, in_kg.as_ref().or(fact));
    match fact.and_then(|f| f.partial.as_deref()) {
        Some(part) => Evidence {
            matches: None,
            note: format!(
                "{}; the data cover only {part}, not all goods: no total to compare with",
                e.note
            ),
            ..e
        },
        None => e,
    }
}
