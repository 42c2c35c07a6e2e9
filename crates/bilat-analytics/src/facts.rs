//! The figures a claim checker looks up: a pair's profile per period and view, and single
//! values of the `series` table (services, investment, counts, exchange rates).
//!
//! `bilat-claims` asks these questions through this module only (DESIGN §4: claims depend on
//! analytics), so a claimed figure is checked against exactly what `bilat profile` prints.
//! [`FactBook`] answers each distinct (pair, period, view) with one profile, however many
//! claims of a text name it: exports, imports, turnover, shares and ranks of one pair and year
//! are read from the same profile, so a long text costs one profile per pair and period.

use std::collections::HashMap;
use std::sync::Mutex;

use bilat_model::{MonthRange, Place, View};
use bilat_warehouse::QueryEngine;

use crate::query::{f64s, i64s, lit, strings};
use crate::{Error, Profile, ProfileRequest, Result};

/// One profile a fact needs: the pair, the period and the view (`None`: the profile's own
/// choice, A's reports if loaded).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PairPeriod {
    /// Alpha-3 code or group id of A.
    pub a: String,
    /// Alpha-3 code or group id of B.
    pub b: String,
    /// Year.
    pub year: i32,
    /// Months for a period-to-date figure.
    pub months: Option<MonthRange>,
    /// View.
    pub view: Option<View>,
}

impl PairPeriod {
    /// The `bilat profile` command that prints the same figures (for evidence lines).
    pub fn command(&self) -> String {
        format!(
            "bilat profile {} {} --year {}{}{}",
            self.a,
            self.b,
            self.year,
            self.months
                .map(|m| format!(" --months {m}"))
                .unwrap_or_default(),
            self.view
                .map(|v| format!(" --view {}", v.as_str()))
                .unwrap_or_default()
        )
    }
}

/// One value of the `series` table.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesQuery {
    /// Indicator, e.g. `services_trade`, `fdi_inflow`, `joint_ventures`, `usd_rate`.
    pub indicator: String,
    /// ISO numeric code of the country.
    pub country: u16,
    /// ISO numeric code of the partner (0 for none).
    pub partner: u16,
    /// The year; `None` for the latest held.
    pub year: Option<i32>,
    /// Stocks "as of": the latest year not after `year` instead of `year` exactly.
    pub as_of: bool,
    /// Only this source (e.g. the source of a level, for its base year).
    pub source: Option<String>,
}

/// A value of the `series` table with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesValue {
    /// Source of the row.
    pub source: String,
    /// Vintage of the row.
    pub vintage: String,
    /// Year of the row.
    pub year: i32,
    /// The value, in the row's unit.
    pub value: f64,
    /// The SQL that read it (for evidence lines).
    pub query: String,
}

/// The latest-vintage annual value of `q`, if the table holds one.
pub async fn series_value(engine: &QueryEngine, q: &SeriesQuery) -> Result<Option<SeriesValue>> {
    let year_cond = match (q.year, q.as_of) {
        (Some(y), true) => format!(" AND period_year <= {y}"),
        (Some(y), false) => format!(" AND period_year = {y}"),
        (None, _) => String::new(),
    };
    let source_cond = q
        .source
        .as_deref()
        .map(|s| format!(" AND source = {}", lit(s)))
        .unwrap_or_default();
    let sql = format!(
        "SELECT source, vintage, period_year, value FROM series WHERE indicator = {} \
         AND country = {} AND partner = {} AND period_month IS NULL{year_cond}{source_cond} \
         ORDER BY period_year DESC, vintage DESC LIMIT 1",
        lit(&q.indicator),
        q.country,
        q.partner
    );
    let rows = engine.sql(&sql).await?;
    let (sources, vintages) = (strings(&rows, "source")?, strings(&rows, "vintage")?);
    let (years, values) = (i64s(&rows, "period_year")?, f64s(&rows, "value")?);
    let (Some(source), Some(vintage), Some(Some(year)), Some(Some(value))) = (
        sources.into_iter().next(),
        vintages.into_iter().next(),
        years.first().copied(),
        values.first().copied(),
    ) else {
        return Ok(None);
    };
    Ok(Some(SeriesValue {
        source,
        vintage,
        year: i32::try_from(year).unwrap_or(0),
        value,
        query: sql,
    }))
}

/// Tonnes of a product in one direction of a profiled pair, and the SQL that read them.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductTonnes {
    /// The tonnes (quantities in kilograms, or only a net weight, converted).
    pub tonnes: f64,
    /// The SQL that read them (for evidence lines).
    pub query: String,
}

/// Tonnes of the products `codes` (HS prefixes) that `profile`'s A exported to B (`exports`)
/// or imported from B, in the profile's year (and months), as its source, vintage and view
/// report them — the figures a tonnage claim is checked against. Rows in tonnes (BACI `q`) are
/// summed as they are, rows in kilograms (Comtrade) divided by 1,000, rows in other units (units,
/// litres) only through their net weight; codes of different levels are summed without double
/// counting (`levels::total`). `None` when no row of those codes has a weight.
pub async fn product_tonnes(
    engine: &QueryEngine,
    profile: &Profile,
    exports: bool,
    codes: &[String],
) -> Result<Option<ProductTonnes>> {
    if codes.is_empty() || !codes.iter().all(|c| c.bytes().all(|b| b.is_ascii_digit())) {
        return Ok(None);
    }
    let dir = if exports {
        crate::profile::Dir::X
    } else {
        crate::profile::Dir::M
    };
    let by = crate::profile::reported_by(profile.provenance.view, dir);
    let (a, b) = (
        crate::query::codes(&profile.reporter.members),
        crate::query::codes(&profile.partner.members),
    );
    let (from, to) = if exports { (a, b) } else { (b, a) };
    let months = match profile.period_to_date.as_ref() {
        Some(ptd) => {
            let (f, l) = ptd
                .months
                .split_once('-')
                .unwrap_or((&ptd.months, &ptd.months));
            let (Ok(f), Ok(l)) = (f.trim().parse::<u8>(), l.trim().parse::<u8>()) else {
                return Ok(None);
            };
            format!("period_month BETWEEN {f} AND {l}")
        }
        None => "period_month IS NULL".to_string(),
    };
    let like: Vec<String> = codes
        .iter()
        .map(|c| format!("product LIKE {}", lit(&format!("{c}%"))))
        .collect();
    let sql = format!(
        "SELECT product, product_level AS lvl, quantity_unit AS u, sum(quantity) AS q, \
         sum(net_weight_kg) AS kg FROM flows WHERE source = {s} AND vintage = {v} \
         AND period_year = {y} AND {months} AND reported_by = {by} AND trade_flow IN ('X', 'M') \
         AND exporter IN {from} AND importer IN {to} AND ({like}) GROUP BY 1, 2, 3",
        s = lit(&profile.provenance.source),
        v = lit(&profile.provenance.vintage),
        y = profile.year,
        by = lit(by),
        like = like.join(" OR "),
    );
    let rows = engine.sql(&sql).await?;
    let (products, levels) = (strings(&rows, "product")?, i64s(&rows, "lvl")?);
    let (units, qs, kgs) = (strings(&rows, "u")?, f64s(&rows, "q")?, f64s(&rows, "kg")?);
    let mut weighed: Vec<crate::levels::CodeValue> = Vec::new();
    for (i, code) in products.into_iter().enumerate() {
        let tonnes = match (units[i].as_str(), qs[i], kgs[i]) {
            ("t", Some(q), _) => Some(q),
            ("kg", Some(q), _) => Some(q / 1000.0),
            (_, _, Some(kg)) => Some(kg / 1000.0),
            _ => None,
        };
        if let (Some(t), Some(level)) = (tonnes, levels[i]) {
            weighed.push(crate::levels::CodeValue {
                code,
                level: u8::try_from(level).unwrap_or(0),
                value: t,
            });
        }
    }
    if weighed.is_empty() {
        return Ok(None);
    }
    Ok(Some(ProductTonnes {
        tonnes: crate::levels::total(&weighed),
        query: sql,
    }))
}

/// The profile a fact needs (every figure of [`crate::profile`], HS 2 and one top product, so
/// the least product detail); `None` for "nothing to check against" (see [`FactBook::profile`]).
async fn fact_profile(engine: &QueryEngine, key: &PairPeriod) -> Result<Option<Profile>> {
    let (Ok(a), Ok(b)) = (key.a.parse::<Place>(), key.b.parse::<Place>()) else {
        return Ok(None);
    };
    let mut req = ProfileRequest::new(a, b, key.year);
    req.view = key.view;
    req.months = key.months;
    req.level = bilat_model::HsLevel::Hs2;
    req.top = 1;
    match crate::profile(engine, &req).await {
        Ok(p) => Ok(Some(p)),
        Err(Error::NoData { .. } | Error::BadRequest { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Profiles by pair, period and view, each computed once; shareable across threads.
#[derive(Debug, Default)]
pub struct FactBook {
    profiles: Mutex<HashMap<PairPeriod, Option<Profile>>>,
}

impl FactBook {
    /// An empty book.
    pub fn new() -> Self {
        FactBook::default()
    }

    /// The profile of `key`; `None` when the warehouse holds nothing for it or the request
    /// cannot be asked (unknown country, the same country twice) — for a claim checker both
    /// mean "unverifiable", not an error.
    pub async fn profile(&self, engine: &QueryEngine, key: &PairPeriod) -> Result<Option<Profile>> {
        if let Some(p) = self.lock().get(key) {
            return Ok(p.clone());
        }
        let p = fact_profile(engine, key).await?;
        self.lock().insert(key.clone(), p.clone());
        Ok(p)
    }

    /// Computes the profiles of `keys` that the book does not hold yet, up to `parallel` at a
    /// time on the runtime's worker threads, so the profiles a long text needs are computed side
    /// by side before its claims are looked up one by one. The first error is returned; the
    /// profiles computed before it stay in the book.
    pub async fn prefetch(
        &self,
        engine: &QueryEngine,
        keys: &[PairPeriod],
        parallel: usize,
    ) -> Result<()> {
        let mut todo: Vec<PairPeriod> = Vec::new();
        {
            let held = self.lock();
            let mut seen = std::collections::HashSet::new();
            for k in keys {
                if !held.contains_key(k) && seen.insert(k) {
                    todo.push(k.clone());
                }
            }
        }
        let mut todo = todo.into_iter();
        let mut running = tokio::task::JoinSet::new();
        loop {
            while running.len() < parallel.max(1) {
                let Some(key) = todo.next() else { break };
                let engine = engine.clone();
                running.spawn(async move {
                    let p = fact_profile(&engine, &key).await;
                    (key, p)
                });
            }
            let Some(done) = running.join_next().await else {
                return Ok(());
            };
            // A panic in a profile stays a panic (it is a bug, not a missing figure).
            let (key, p) = done.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
            self.lock().insert(key, p?);
        }
    }

    /// Number of distinct profiles computed so far.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True before the first profile.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PairPeriod, Option<Profile>>> {
        // A panic while holding the lock cannot leave the map half-updated (insert is the only
        // write), so a poisoned lock is still a valid cache.
        self.profiles.lock().unwrap_or_else(|e| e.into_inner())
    }
}
