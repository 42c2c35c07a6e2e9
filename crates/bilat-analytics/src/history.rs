//! The pair's figures year by year: what `bilat history`, the API's `/history` and the brief's
//! time chart show.
//!
//! ```text
//! X_t, M_t   = A's exports to / imports from B in year t (annual rows, else Σ its months)
//! T_t = X_t + M_t,   B_t = X_t − M_t
//! g_t        = (v_t / v_{t−1} − 1)·100 when year t−1 is loaded with a positive value (DESIGN §3)
//! ```
//! Every year is read in one source, vintage and view: the ones the pair's profile chooses for
//! the last loaded year of the range (so a series never mixes releases or reporters).

use bilat_model::{Place, View};
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::profile::{pair_condition, sides};
use crate::query::{i64s, lit};
use crate::{Error, ProfileRequest, Provenance, Remedy, Result, Side, growth_pct};

/// The pair's yearly figures over a range of years.
#[derive(Debug, Clone)]
pub struct HistoryRequest {
    /// Country A.
    pub a: Place,
    /// Country B (or the World).
    pub b: Place,
    /// First year (default: the first loaded).
    pub from: Option<i32>,
    /// Last year (default: the last loaded).
    pub to: Option<i32>,
    /// View; `None` chooses as the profile does.
    pub view: Option<View>,
    /// Restrict to one source.
    pub source: Option<String>,
    /// Restrict to one vintage.
    pub vintage: Option<String>,
}

impl HistoryRequest {
    /// Every loaded year of the pair.
    pub fn new(a: Place, b: Place) -> Self {
        HistoryRequest {
            a,
            b,
            from: None,
            to: None,
            view: None,
            source: None,
            vintage: None,
        }
    }

    /// The history (see the module doc).
    pub async fn run(&self, engine: &QueryEngine) -> Result<PairHistory> {
        history(engine, self).await
    }
}

/// One year of a pair's history.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct HistoryYear {
    /// Calendar year.
    pub year: i32,
    /// A's exports to B, USD.
    pub exports_usd: f64,
    /// A's imports from B, USD.
    pub imports_usd: f64,
    /// Exports plus imports, USD.
    pub turnover_usd: f64,
    /// Exports minus imports, USD.
    pub balance_usd: f64,
    /// Growth of exports on the year before, %.
    pub exports_growth_pct: Option<f64>,
    /// Growth of imports on the year before, %.
    pub imports_growth_pct: Option<f64>,
    /// Growth of turnover on the year before, %.
    pub turnover_growth_pct: Option<f64>,
    /// Months summed when the year has monthly rows only; `None` for annual rows.
    pub months: Option<u8>,
}

/// The pair's yearly figures.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PairHistory {
    /// Country A.
    pub reporter: Side,
    /// Country B.
    pub partner: Side,
    /// Where every figure comes from.
    pub provenance: Provenance,
    /// Every loaded year of the range, ascending.
    pub years: Vec<HistoryYear>,
}

/// The pair's history; see the module doc.
pub async fn history(engine: &QueryEngine, req: &HistoryRequest) -> Result<PairHistory> {
    if let (Some(f), Some(t)) = (req.from, req.to)
        && f > t
    {
        return Err(Error::BadRequest {
            field: crate::RequestField::Year,
            message: format!("the range {f}–{t} is empty: its first year is after its last"),
        });
    }
    let mut preq = ProfileRequest::new(req.a.clone(), req.b.clone(), req.to.unwrap_or(0));
    preq.top = 0;
    preq.view = req.view;
    preq.source = req.source.clone();
    preq.vintage = req.vintage.clone();
    let anchor = last_loaded_year(engine, &preq, req.from, req.to).await?;
    preq.year = anchor;
    let profile = crate::profile(engine, &preq).await?;
    let points = crate::brief_data::pair_history(engine, &profile).await?;
    let mut years = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let prev = i
            .checked_sub(1)
            .map(|j| &points[j])
            .filter(|q| q.year == p.year - 1);
        let g = |now: f64, before: Option<f64>| before.and_then(|b| growth_pct(now, b));
        years.push(HistoryYear {
            year: p.year,
            exports_usd: p.exports_usd,
            imports_usd: p.imports_usd,
            turnover_usd: p.exports_usd + p.imports_usd,
            balance_usd: p.exports_usd - p.imports_usd,
            exports_growth_pct: g(p.exports_usd, prev.map(|q| q.exports_usd)),
            imports_growth_pct: g(p.imports_usd, prev.map(|q| q.imports_usd)),
            turnover_growth_pct: g(
                p.exports_usd + p.imports_usd,
                prev.map(|q| q.exports_usd + q.imports_usd),
            ),
            months: p.months,
        });
    }
    years.retain(|y| req.from.is_none_or(|f| y.year >= f) && req.to.is_none_or(|t| y.year <= t));
    Ok(PairHistory {
        reporter: profile.reporter,
        partner: profile.partner,
        provenance: profile.provenance,
        years,
    })
}

/// The last year in `from..=to` with goods flows of the pair (in the requested source and
/// vintage), which decides the source, vintage and view of the whole series.
async fn last_loaded_year(
    engine: &QueryEngine,
    req: &ProfileRequest,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<i32> {
    let (a, b, b_world) = sides(req)?;
    let mut cond = format!(
        "trade_flow IN ('X', 'M') AND ({})",
        pair_condition(&a.members, &b.members, b_world)
    );
    if let Some(f) = from {
        cond.push_str(&format!(" AND period_year >= {f}"));
    }
    if let Some(t) = to {
        cond.push_str(&format!(" AND period_year <= {t}"));
    }
    if let Some(s) = &req.source {
        cond.push_str(&format!(" AND source = {}", lit(s)));
    }
    if let Some(v) = &req.vintage {
        cond.push_str(&format!(" AND vintage = {}", lit(v)));
    }
    // Real data before the demo, as the profile chooses its source.
    let rows = engine
        .sql(&format!(
            "SELECT source = 'demo' AS demo, max(period_year) AS y FROM pairs WHERE {cond} \
             GROUP BY 1 ORDER BY 1 LIMIT 1"
        ))
        .await?;
    match i64s(&rows, "y")?.first().copied().flatten() {
        Some(y) => i32::try_from(y).map_err(|_| {
            Error::no_data(
                None,
                format!("year {y} of {}–{} is out of range", a.code, b.code),
            )
        }),
        None => Err(Error::no_data(
            Some(Remedy::SeeCatalog),
            format!(
                "no goods flows between {} and {}{}",
                a.code,
                b.code,
                match (from, to) {
                    (Some(f), Some(t)) => format!(" in {f}–{t}"),
                    (Some(f), None) => format!(" from {f}"),
                    (None, Some(t)) => format!(" up to {t}"),
                    (None, None) => String::new(),
                }
            ),
        )),
    }
}
