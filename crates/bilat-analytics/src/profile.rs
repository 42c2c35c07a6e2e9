//! The bilateral profile: how much A and B trade, in what, and how it is changing.
//!
//! Figures (DESIGN §3), for view v and period t:
//! ```text
//! exports X = A→B, imports M = B→A, turnover T = X + M, balance = X − M
//! growth % = (v_t / v_{t−1} − 1)·100
//! share of B in A's exports = X / X_A,world ; rank of B among A's markets
//! HHI = Σ s_k²  over products at the chosen level
//! mirror gap = (A's reported X − B's reported M from A) / B's reported M
//! ```
//! Views: `reporter` = A's own customs reports (exports FOB, imports CIF); `mirror` = B's reports
//! about the same flows; `reconciled` = one value per direction (BACI).

use std::collections::{BTreeMap, HashMap};

use bilat_model::{HsLevel, MonthRange, Place, View, hs};
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::coverage::Coverage;
use crate::figures::{Figure, hhi};
use crate::levels::{CodeValue, breakdown, total};
use crate::query::{codes, f64s, i64s, lit, strings};
use crate::{Error, Result};

/// What to profile.
#[derive(Debug, Clone)]
pub struct ProfileRequest {
    /// Country A (the reporter whose exports are "exports").
    pub a: Place,
    /// Country B (the partner).
    pub b: Place,
    /// Year of the profile.
    pub year: i32,
    /// Months for the period-to-date comparison (monthly data only).
    pub months: Option<MonthRange>,
    /// View; `None` chooses reporter, else mirror, else reconciled, by what is loaded.
    pub view: Option<View>,
    /// HS level of the product tables.
    pub level: HsLevel,
    /// How many products each way.
    pub top: usize,
    /// Restrict to one source (`baci`, `comtrade`, `ots`, `demo`).
    pub source: Option<String>,
    /// Restrict to one vintage.
    pub vintage: Option<String>,
    /// Year the changes compare with; `None` is the year before, or when that year holds no
    /// rows of the pair, the latest earlier year that does (said in `notes`).
    pub compare: Option<i32>,
}

impl ProfileRequest {
    /// A request with the defaults: automatic view and source, HS level 4, top 10.
    pub fn new(a: Place, b: Place, year: i32) -> Self {
        ProfileRequest {
            a,
            b,
            year,
            months: None,
            view: None,
            level: HsLevel::Hs4,
            top: 10,
            source: None,
            vintage: None,
            compare: None,
        }
    }
}

/// A country or group as shown on every surface.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Side {
    /// Alpha-3 code or group id.
    pub code: String,
    /// English name.
    pub name: String,
    /// Russian name.
    pub name_ru: String,
    /// ISO numeric codes covered.
    pub members: Vec<u16>,
}

/// Where every figure of a profile comes from.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Provenance {
    /// Source family.
    pub source: String,
    /// Release of the source.
    pub vintage: String,
    /// View used for the headline figures.
    pub view: View,
    /// Currency unit of every `*_usd` field.
    pub unit: &'static str,
    /// Whose reports the exports figure comes from, in words.
    pub exports_reported_by: String,
    /// Whose reports the imports figure comes from, in words.
    pub imports_reported_by: String,
    /// "demo data (generated)" for the demo world, else `None`.
    pub label: Option<String>,
}

/// Balance X − M now and a period earlier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Balance {
    /// X − M, USD.
    pub value_usd: f64,
    /// X − M in the comparison period, USD.
    pub previous_value_usd: Option<f64>,
}

/// Months 1..m of the year against the same months a year earlier.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PeriodToDate {
    /// Months covered, e.g. `1-6`.
    pub months: String,
    /// Exports in those months.
    pub exports: Figure,
    /// Imports in those months.
    pub imports: Figure,
    /// Turnover in those months.
    pub turnover: Figure,
    /// Balance in those months.
    pub balance: Balance,
}

/// B among A's partners in the profile year.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PartnerPosition {
    /// B's share of A's exports to the world, %.
    pub export_share_pct: Option<f64>,
    /// B's rank among A's export markets (1 = largest); `None` for groups.
    pub export_rank: Option<usize>,
    /// Number of A's export markets with positive value.
    pub export_markets: usize,
    /// A's exports to the world, USD.
    pub exports_world_usd: f64,
    /// B's share of A's imports from the world, %.
    pub import_share_pct: Option<f64>,
    /// B's rank among A's suppliers.
    pub import_rank: Option<usize>,
    /// Number of A's suppliers with positive value.
    pub import_sources: usize,
    /// A's imports from the world, USD.
    pub imports_world_usd: f64,
    /// B's share of A's trade (exports + imports) with the world, %.
    pub trade_share_pct: Option<f64>,
    /// B's rank among A's trading partners by exports + imports (1 = largest): what a "second
    /// largest trading partner" in the news states.
    pub trade_rank: Option<usize>,
    /// Number of A's partners with positive exports or imports.
    pub trade_partners: usize,
    /// `reported world total` (partner 0 rows) or `sum over partners`.
    pub world_basis: String,
}

/// One product in a top-N table.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ProductLine {
    /// HS code at the requested level.
    pub code: String,
    /// Name from the source's dictionary (or the built-in chapter name).
    pub name: String,
    /// Russian name from a dictionary that ships one (the demo's, the built-in chapter names);
    /// `None` when no loaded source names the code in Russian (BACI and Comtrade ship English).
    pub name_ru: Option<String>,
    /// Value in the year, USD.
    pub value_usd: f64,
    /// Share of the flow's total, %.
    pub share_pct: f64,
    /// Value a year earlier, USD.
    pub previous_value_usd: Option<f64>,
    /// Growth on a year earlier, %.
    pub growth_pct: Option<f64>,
}

/// One HS section of a flow.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SectionLine {
    /// Roman numeral.
    pub section: String,
    /// English name.
    pub name: String,
    /// Russian name.
    pub name_ru: String,
    /// Value, USD.
    pub value_usd: f64,
    /// Share of the flow's total, %.
    pub share_pct: f64,
}

/// A's and B's reports of the same flows, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MirrorGap {
    /// A's exports to B as A reported them (FOB), USD.
    pub exports_reported_by_a_usd: Option<f64>,
    /// B's imports from A as B reported them (CIF), USD.
    pub exports_reported_by_b_usd: Option<f64>,
    /// (A's X − B's M) / B's M · 100.
    pub exports_gap_pct: Option<f64>,
    /// A's imports from B as A reported them (CIF), USD.
    pub imports_reported_by_a_usd: Option<f64>,
    /// B's exports to A as B reported them (FOB), USD.
    pub imports_reported_by_b_usd: Option<f64>,
    /// (A's M − B's X) / B's X · 100.
    pub imports_gap_pct: Option<f64>,
}

/// The bilateral profile. Field names are a stable JSON interface (see README).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Profile {
    /// Country A.
    pub reporter: Side,
    /// Country B.
    pub partner: Side,
    /// Profile year.
    pub year: i32,
    /// Comparison year of every change: year − 1, the requested `compare` year, or the latest
    /// earlier year loaded when year − 1 holds no rows of the pair (see `notes`).
    pub previous_year: i32,
    /// Where the figures come from.
    pub provenance: Provenance,
    /// A's exports to B.
    pub exports: Figure,
    /// A's imports from B.
    pub imports: Figure,
    /// Exports + imports.
    pub turnover: Figure,
    /// Exports − imports.
    pub balance: Balance,
    /// Period-to-date comparison, when months were asked for and monthly data exist.
    pub period_to_date: Option<PeriodToDate>,
    /// B's place among A's partners.
    pub partner_position: Option<PartnerPosition>,
    /// HS level of the product tables.
    pub level: u8,
    /// Largest exports at `level`.
    pub top_exports: Vec<ProductLine>,
    /// Largest imports at `level`.
    pub top_imports: Vec<ProductLine>,
    /// Exports by HS section.
    pub sections_exports: Vec<SectionLine>,
    /// Imports by HS section.
    pub sections_imports: Vec<SectionLine>,
    /// HHI of exports over products at `level` (0..1).
    pub hhi_exports: Option<f64>,
    /// HHI of imports over products at `level` (0..1).
    pub hhi_imports: Option<f64>,
    /// Products exported (codes at `level` with positive value).
    pub products_exported: usize,
    /// Products imported.
    pub products_imported: usize,
    /// Both sides' reports compared, when both exist.
    pub mirror: Option<MirrorGap>,
    /// Which products the flows' rows cover: partial for an extract of some codes, whose
    /// totals are not the pair's trade (said in `notes` too).
    pub coverage: Coverage,
    /// Caveats worth reading (fallbacks used, partial months, other sources available, partial
    /// product coverage).
    pub notes: Vec<String>,
}

pub(crate) fn side(p: &Place) -> Side {
    match p {
        Place::Country(c) => Side {
            code: c.alpha3.to_string(),
            name: c.name_en.to_string(),
            name_ru: c.name_ru.to_string(),
            members: vec![c.code],
        },
        Place::Group(g) => Side {
            code: g.id.to_string(),
            name: g.name_en.to_string(),
            name_ru: g.name_ru.to_string(),
            members: g.members.to_vec(),
        },
    }
}

/// Direction of a flow relative to A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Dir {
    X,
    M,
}

/// Pre-aggregated pair rows keyed by (direction, reported_by, year, month).
type Detail = BTreeMap<(Dir, String, i32, Option<i32>), Vec<CodeValue>>;

/// The reported_by value that counts for `dir` under `view`.
pub(crate) fn reported_by(view: View, dir: Dir) -> &'static str {
    match (view, dir) {
        (View::Reporter, Dir::X) | (View::Mirror, Dir::M) => "exporter",
        (View::Reporter, Dir::M) | (View::Mirror, Dir::X) => "importer",
        (View::Reconciled, _) => "reconciled",
    }
}

/// Computes the profile of A with B (see the module doc for the formulas). The numbered steps
/// are one function each.
pub async fn profile(engine: &QueryEngine, req: &ProfileRequest) -> Result<Profile> {
    let (a, b, b_world) = sides(req)?;
    let pair = pair_condition(&a.members, &b.members, b_world);
    let loaded = pair_years(engine, req, &a, &b, b_world).await?;
    let (source, vintage, mut notes) = choose_source(&loaded, req, &a, &b)?;
    if let Some(c) = req.compare.filter(|&c| c >= req.year) {
        return Err(Error::BadRequest {
            field: crate::RequestField::Year,
            message: format!(
                "comparison year {c} is not before the profile year {}",
                req.year
            ),
        });
    }
    let base_year = req.compare.unwrap_or(req.year - 1);
    let mut detail =
        pair_detail(engine, &a, &pair, &source, &vintage, &[base_year, req.year]).await?;
    let base_year = match req.compare {
        Some(c) => c,
        None => {
            fall_back_base(
                engine,
                (req.year, &loaded),
                &a,
                &pair,
                (&source, &vintage),
                &mut detail,
                &mut notes,
            )
            .await?
        }
    };
    let view = choose_view(&detail, req);
    let Some(rows) = ViewRows::of(&detail, view, (req.year, base_year), &mut notes) else {
        let other = if view == View::Reporter {
            View::Mirror
        } else {
            View::Reporter
        };
        return Err(Error::no_data(
            Some(crate::Remedy::OtherView(other)),
            format!(
                "{source} {vintage} has no {} view of {}–{} in {}",
                view.as_str(),
                a.code,
                b.code,
                req.year,
            ),
        ));
    };
    let (exports, imports, turnover, balance) = rows.figures(view, &mut notes);
    let coverage = crate::coverage::of_profile(
        engine,
        (&source, &vintage),
        (reported_by(view, Dir::X), reported_by(view, Dir::M)),
        (req.year, base_year),
    );
    for (flow, c) in [
        ("exports", &coverage.exports),
        ("imports", &coverage.imports),
    ] {
        notes.extend(crate::coverage::note(flow, c));
    }
    let ptd_base = req.compare.unwrap_or(req.year - 1);
    let period_to_date = period_to_date(&detail, view, req, ptd_base, &mut notes);

    // 5. Products and sections.
    let (x, m) = (exports.value_usd, imports.value_usd);
    let (mut top_exports, hhi_exports, products_exported) =
        product_lines(&rows.cur_x, &rows.prev_x, x, req.level.digits(), req.top);
    let (mut top_imports, hhi_imports, products_imported) =
        product_lines(&rows.cur_m, &rows.prev_m, m, req.level.digits(), req.top);
    name_lines(engine, &source, &mut top_exports, &mut top_imports).await?;
    let sections_exports = sections(rows.cur_x.as_deref(), x);
    let sections_imports = sections(rows.cur_m.as_deref(), m);

    let mirror = mirror_gap(&detail, req.year);

    // 7. B among A's partners.
    let partner_position = if b_world {
        None
    } else {
        partner_position(
            engine, &source, &vintage, view, &a.members, &b, req.year, &mut notes,
        )
        .await?
    };

    let provenance = Provenance {
        label: (source == "demo").then(|| "demo data (generated)".to_string()),
        exports_reported_by: who(view, Dir::X, &a.code, &b.code),
        imports_reported_by: who(view, Dir::M, &a.code, &b.code),
        source,
        vintage,
        view,
        unit: "USD",
    };
    notes.sort();
    notes.dedup();
    Ok(Profile {
        reporter: a,
        partner: b,
        year: req.year,
        previous_year: base_year,
        provenance,
        exports,
        imports,
        turnover,
        balance,
        period_to_date,
        partner_position,
        level: req.level.digits(),
        top_exports,
        top_imports,
        sections_exports,
        sections_imports,
        hhi_exports,
        hhi_imports,
        products_exported,
        products_imported,
        mirror,
        coverage,
        notes,
    })
}

/// The two sides of the request and whether B is the World, or why the request is no pair: a
/// A the World, or sides that share members (their trade would be counted twice).
pub(crate) fn sides(req: &ProfileRequest) -> Result<(Side, Side, bool)> {
    let a = side(&req.a);
    let b = side(&req.b);
    let b_world = matches!(&req.b, Place::Group(g) if g.members.is_empty());
    if matches!(&req.a, Place::Group(g) if g.members.is_empty()) {
        return Err(Error::bad_pair(
            "A cannot be the World; put the World second",
        ));
    }
    if !b_world && a.members.iter().any(|m| b.members.contains(m)) {
        return Err(Error::bad_pair(format!(
            "{} and {} overlap; a pair needs two distinct sides",
            a.code, b.code
        )));
    }
    Ok((a, b, b_world))
}

/// (source, vintage, year) of every loaded goods flow of the pair, from `pairs`.
type PairYears = std::collections::BTreeSet<(String, String, i32)>;

/// Step 1a: the sources, vintages and years that hold goods flows of the pair. The statement
/// asks for all of A's partners in every year and the pair is picked in Rust
/// (`is_pair_flow`): its text depends on A (and the source filters) only, so the snapshot's
/// memo of the server answers it for every later partner and year of A — a cold profile then
/// runs one statement of its own, the pair's product detail. The years also give the base-year
/// fallback (`fall_back_base`) without a statement of its own.
async fn pair_years(
    engine: &QueryEngine,
    req: &ProfileRequest,
    a: &Side,
    b: &Side,
    b_world: bool,
) -> Result<PairYears> {
    let ac = codes(&a.members);
    let mut cond = format!("trade_flow IN ('X', 'M') AND (exporter IN {ac} OR importer IN {ac})");
    if let Some(s) = &req.source {
        cond.push_str(&format!(" AND source = {}", lit(s)));
    }
    if let Some(v) = &req.vintage {
        cond.push_str(&format!(" AND vintage = {}", lit(v)));
    }
    let rows = engine
        .sql(&format!(
            "SELECT source, vintage, period_year AS y, exporter, importer FROM pairs WHERE {cond} \
             GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"
        ))
        .await?;
    let (years, exporters, importers) = (
        i64s(&rows, "y")?,
        i64s(&rows, "exporter")?,
        i64s(&rows, "importer")?,
    );
    let mut out = PairYears::new();
    crate::query::visit_strings(&rows, ["source", "vintage"], |i, [s, v]| {
        if let (Some(e), Some(m), Some(y)) = (exporters[i], importers[i], years[i])
            && is_pair_flow(&a.members, &b.members, b_world, e, m)
            && let Ok(y) = i32::try_from(y)
        {
            out.insert((s.to_string(), v.to_string(), y));
        }
    })?;
    Ok(out)
}

/// Step 1b: the source and vintage of the profile year: one that is not the demo before the
/// demo, then the newest vintage (the others loaded for the pair are named in a note).
fn choose_source(
    loaded: &PairYears,
    req: &ProfileRequest,
    a: &Side,
    b: &Side,
) -> Result<(String, String, Vec<String>)> {
    let mut candidates: Vec<(String, String)> = loaded
        .iter()
        .filter(|(_, _, y)| *y == req.year)
        .map(|(s, v, _)| (s.clone(), v.clone()))
        .collect();
    if candidates.is_empty() {
        return Err(Error::no_data(
            Some(crate::Remedy::SeeCatalog),
            format!(
                "no goods flows between {} and {} in {}{}",
                a.code,
                b.code,
                req.year,
                req.source
                    .as_deref()
                    .map(|s| format!(" in source {s}"))
                    .unwrap_or_default()
            ),
        ));
    }
    candidates.dedup();
    candidates.sort_by(|x, y| {
        (x.0 == "demo")
            .cmp(&(y.0 == "demo"))
            .then(y.1.cmp(&x.1))
            .then(x.0.cmp(&y.0))
    });
    let (source, vintage) = candidates[0].clone();
    let mut notes = Vec::new();
    if candidates.len() > 1 {
        let others: Vec<String> = candidates[1..]
            .iter()
            .map(|(s, v)| format!("{s} {v}"))
            .collect();
        notes.push(format!(
            "also loaded for this pair: {} (choose a source and vintage to use it)",
            others.join(", ")
        ));
    }
    Ok((source, vintage, notes))
}

/// Step 2: The pair's rows in `years` (the profile year and its base), both directions, every
/// reporter, summed by product.
async fn pair_detail(
    engine: &QueryEngine,
    a: &Side,
    pair: &str,
    source: &str,
    vintage: &str,
    years: &[i32],
) -> Result<Detail> {
    let years: Vec<String> = years.iter().map(i32::to_string).collect();
    let detail_sql = format!(
        "SELECT CASE WHEN exporter IN {a} THEN 'X' ELSE 'M' END AS dir, reported_by, period_year AS y, \
         period_month AS m, product, product_level AS lvl, sum(value_usd) AS v \
         FROM flows WHERE source = {s} AND vintage = {v} AND period_year IN ({years}) \
         AND trade_flow IN ('X', 'M') AND ({pair}) GROUP BY 1, 2, 3, 4, 5, 6",
        a = codes(&a.members),
        s = lit(source),
        v = lit(vintage),
        years = years.join(", "),
    );
    let rows = engine.sql(&detail_sql).await?;
    to_detail(&rows)
}

/// Step 2b: The base year when none was asked for: `year − 1` when the pair has rows in it,
/// else the latest earlier year of the same source and vintage that has (its rows are added to
/// `detail`, and a note says so), so growth is never silently absent (e.g. 2004 against 2002
/// when 2003 is missing) and the profile and the brief compare with the same year.
async fn fall_back_base(
    engine: &QueryEngine,
    (year, loaded): (i32, &PairYears),
    a: &Side,
    pair: &str,
    (source, vintage): (&str, &str),
    detail: &mut Detail,
    notes: &mut Vec<String>,
) -> Result<i32> {
    if detail.keys().any(|k| k.2 == year - 1) {
        return Ok(year - 1);
    }
    let earlier = loaded
        .iter()
        .filter(|(s, v, y)| s == source && v == vintage && *y < year - 1)
        .map(|(_, _, y)| *y)
        .max();
    let Some(base) = earlier else {
        notes.push(format!(
            "no year before {year} is loaded for this pair in {source} {vintage}: no changes"
        ));
        return Ok(year - 1);
    };
    detail.extend(pair_detail(engine, a, pair, source, vintage, &[base]).await?);
    notes.push(format!(
        "{} is not loaded for this pair in {source} {vintage}: changes compare with {base}, \
         the latest earlier year loaded",
        year - 1
    ));
    Ok(base)
}

/// Step 3: The view: the requested one, else reporter, else mirror, else reconciled, by what the
/// profile year has.
fn choose_view(detail: &Detail, req: &ProfileRequest) -> View {
    let has = |dir: Dir, rb: &str| {
        detail
            .keys()
            .any(|k| k.0 == dir && k.1 == rb && k.2 == req.year)
    };
    match req.view {
        Some(v) => v,
        None if has(Dir::X, "exporter") || has(Dir::M, "importer") => View::Reporter,
        None if has(Dir::X, "importer") || has(Dir::M, "exporter") => View::Mirror,
        None => View::Reconciled,
    }
}

/// The view's annual rows of the profile year (`cur_`) and the year before (`prev_`), exports
/// (`_x`) and imports (`_m`); `None` where the view has no rows.
struct ViewRows {
    cur_x: Option<Vec<CodeValue>>,
    cur_m: Option<Vec<CodeValue>>,
    prev_x: Option<Vec<CodeValue>>,
    prev_m: Option<Vec<CodeValue>>,
}

impl ViewRows {
    /// The rows of `view` in `year` and `base`, or `None` when the profile year has neither
    /// direction.
    fn of(
        detail: &Detail,
        view: View,
        (year, base): (i32, i32),
        notes: &mut Vec<String>,
    ) -> Option<ViewRows> {
        let mut annual =
            |dir: Dir, year: i32| annual_rows(detail, dir, reported_by(view, dir), year, notes);
        let cur_x = annual(Dir::X, year);
        let cur_m = annual(Dir::M, year);
        if cur_x.is_none() && cur_m.is_none() {
            return None;
        }
        Some(ViewRows {
            cur_x,
            cur_m,
            prev_x: annual(Dir::X, base),
            prev_m: annual(Dir::M, base),
        })
    }

    /// Exports, imports, turnover and balance with their previous-year values (DESIGN §3); a
    /// missing direction is shown as 0 with a note, and a total needs both previous values.
    fn figures(&self, view: View, notes: &mut Vec<String>) -> (Figure, Figure, Figure, Balance) {
        let t = |r: &Option<Vec<CodeValue>>| r.as_deref().map(total);
        let (x, m) = (t(&self.cur_x).unwrap_or(0.0), t(&self.cur_m).unwrap_or(0.0));
        let (px, pm) = (t(&self.prev_x), t(&self.prev_m));
        if self.cur_x.is_none() {
            notes.push(format!(
                "no exports rows in the {} view: exports shown as 0",
                view.as_str()
            ));
        }
        if self.cur_m.is_none() {
            notes.push(format!(
                "no imports rows in the {} view: imports shown as 0",
                view.as_str()
            ));
        }
        let prev_turnover = match (px, pm) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
        (
            Figure::new(x, px),
            Figure::new(m, pm),
            Figure::new(x + m, prev_turnover),
            Balance {
                value_usd: x - m,
                previous_value_usd: px.zip(pm).map(|(a, b)| a - b),
            },
        )
    }
}

/// Step 4: Period to date: months `req.months` of the year against the same months of `base` (a
/// year earlier unless a comparison year was asked for), from monthly rows only.
fn period_to_date(
    detail: &Detail,
    view: View,
    req: &ProfileRequest,
    base: i32,
    notes: &mut Vec<String>,
) -> Option<PeriodToDate> {
    let range = req.months?;
    let sum = |dir: Dir, year: i32| months_total(detail, dir, reported_by(view, dir), year, range);
    match (sum(Dir::X, req.year), sum(Dir::M, req.year)) {
        (None, None) => {
            notes.push(format!(
                "no monthly data for months {range} of {}",
                req.year
            ));
            None
        }
        (cx, cm) => {
            let (cx, cm) = (cx.unwrap_or(0.0), cm.unwrap_or(0.0));
            let (qx, qm) = (sum(Dir::X, base), sum(Dir::M, base));
            Some(PeriodToDate {
                months: range.to_string(),
                exports: Figure::new(cx, qx),
                imports: Figure::new(cm, qm),
                turnover: Figure::new(cx + cm, qx.zip(qm).map(|(a, b)| a + b)),
                balance: Balance {
                    value_usd: cx - cm,
                    previous_value_usd: qx.zip(qm).map(|(a, b)| a - b),
                },
            })
        }
    }
}

/// Step 5: The `top` largest products of one direction at `level` (unnamed), the HHI over all of
/// them and how many there are; `tot` is the direction's total for shares.
fn product_lines(
    cur: &Option<Vec<CodeValue>>,
    prev: &Option<Vec<CodeValue>>,
    tot: f64,
    level: u8,
    top: usize,
) -> (Vec<ProductLine>, Option<f64>, usize) {
    let Some(cur) = cur else {
        return (vec![], None, 0);
    };
    let b = breakdown(cur, level);
    let pb = prev.as_ref().map(|p| breakdown(p, level));
    let mut v: Vec<(&String, &f64)> = b.by_code.iter().filter(|(_, v)| **v > 0.0).collect();
    v.sort_by(|x, y| y.1.total_cmp(x.1).then(x.0.cmp(y.0)));
    let h = hhi(b.by_code.values().copied());
    let n = v.len();
    let out = v
        .into_iter()
        .take(top)
        .map(|(code, val)| {
            let prev = pb
                .as_ref()
                .map(|p| p.by_code.get(code).copied().unwrap_or(0.0));
            ProductLine {
                code: code.clone(),
                name: String::new(),
                name_ru: None,
                value_usd: *val,
                share_pct: if tot > 0.0 { val / tot * 100.0 } else { 0.0 },
                previous_value_usd: prev,
                growth_pct: prev.and_then(|p| crate::figures::growth_pct(*val, p)),
            }
        })
        .collect();
    (out, h, n)
}

/// Names the product lines from the source's dictionary. Names only for the lines shown: a
/// pair can trade thousands of codes.
async fn name_lines(
    engine: &QueryEngine,
    source: &str,
    top_exports: &mut [ProductLine],
    top_imports: &mut [ProductLine],
) -> Result<()> {
    let shown: Vec<&str> = top_exports
        .iter()
        .chain(top_imports.iter())
        .map(|l| l.code.as_str())
        .collect();
    let names = product_names(engine, source, &shown).await?;
    for line in top_exports.iter_mut().chain(top_imports.iter_mut()) {
        let (en, ru) = names.get(&line.code).cloned().unwrap_or_default();
        line.name = en.unwrap_or_else(|| crate::world::fallback_name(&line.code));
        line.name_ru = ru.or_else(|| official_name(&line.code, bilat_model::Lang::Ru));
    }
    Ok(())
}

/// Step 6: Mirror gap: both sides' reports of the year, whatever the view; `None` unless both sides
/// report at least one direction.
fn mirror_gap(detail: &Detail, year: i32) -> Option<MirrorGap> {
    let tot =
        |dir: Dir, rb: &str| annual_rows(detail, dir, rb, year, &mut Vec::new()).map(|r| total(&r));
    let (ax, bx) = (tot(Dir::X, "exporter"), tot(Dir::X, "importer"));
    let (am, bm) = (tot(Dir::M, "importer"), tot(Dir::M, "exporter"));
    let gap = |a: Option<f64>, b: Option<f64>| {
        a.zip(b)
            .and_then(|(a, b)| (b > 0.0).then(|| (a - b) / b * 100.0))
    };
    ((ax.is_some() && bx.is_some()) || (am.is_some() && bm.is_some())).then(|| MirrorGap {
        exports_reported_by_a_usd: ax,
        exports_reported_by_b_usd: bx,
        exports_gap_pct: gap(ax, bx),
        imports_reported_by_a_usd: am,
        imports_reported_by_b_usd: bm,
        imports_gap_pct: gap(am, bm),
    })
}

fn who(view: View, dir: Dir, a: &str, b: &str) -> String {
    match (view, dir) {
        (View::Reconciled, _) => "reconciled (exporter and importer reports combined)".into(),
        (View::Reporter, Dir::X) => format!("{a} (exports, FOB)"),
        (View::Reporter, Dir::M) => format!("{a} (imports, CIF)"),
        (View::Mirror, Dir::X) => format!("{b} (imports from {a}, CIF)"),
        (View::Mirror, Dir::M) => format!("{b} (exports to {a}, FOB)"),
    }
}

/// Whether a flow from `exporter` to `importer` belongs to the pair: the same rule as
/// [`pair_condition`], for rows already fetched.
fn is_pair_flow(a: &[u16], b: &[u16], b_world: bool, exporter: i64, importer: i64) -> bool {
    let has = |side: &[u16], code: i64| side.iter().any(|&m| i64::from(m) == code);
    if b_world {
        has(a, exporter) != has(a, importer)
    } else {
        (has(a, exporter) && has(b, importer)) || (has(b, exporter) && has(a, importer))
    }
}

/// The pair's rows as a SQL condition (both directions). Besides the condition proper it
/// states which codes each column can hold (`exporter IN (a ∪ b) AND importer IN (a ∪ b)`):
/// implied by it, but a single-column predicate, which is what Parquet page-index pruning can
/// use (it cannot split the `OR` of two columns), so a scan decodes the pages of the pair
/// rather than every page of the row groups that hold it.
pub(crate) fn pair_condition(a_members: &[u16], b: &[u16], b_world: bool) -> String {
    let a = codes(a_members);
    if b_world {
        // The World: every partner (partner 0 rows included; `annual_rows` keeps one or the other).
        format!(
            "(exporter IN {a} AND importer NOT IN {a}) OR (importer IN {a} AND exporter NOT IN {a})"
        )
    } else {
        let both: Vec<u16> = a_members.iter().chain(b).copied().collect();
        let both = codes(&both);
        let b = codes(b);
        format!(
            "((exporter IN {a} AND importer IN {b}) OR (exporter IN {b} AND importer IN {a})) \
             AND exporter IN {both} AND importer IN {both}"
        )
    }
}

fn to_detail(rows: &[arrow::array::RecordBatch]) -> Result<Detail> {
    let dir = strings(rows, "dir")?;
    let rb = strings(rows, "reported_by")?;
    let y = i64s(rows, "y")?;
    let m = i64s(rows, "m")?;
    let product = strings(rows, "product")?;
    let lvl = i64s(rows, "lvl")?;
    let v = f64s(rows, "v")?;
    let mut out: Detail = BTreeMap::new();
    for i in 0..dir.len() {
        let d = if dir[i] == "X" { Dir::X } else { Dir::M };
        let key = (
            d,
            rb[i].clone(),
            y[i].unwrap_or(0) as i32,
            m[i].map(|m| m as i32),
        );
        out.entry(key).or_default().push(CodeValue {
            code: product[i].clone(),
            level: lvl[i].unwrap_or(0) as u8,
            value: v[i].unwrap_or(0.0),
        });
    }
    Ok(out)
}

/// Annual rows for (dir, reported_by, year): the annual records when present, else the sum of
/// the monthly ones (with a note when fewer than 12 months are loaded).
fn annual_rows(
    detail: &Detail,
    dir: Dir,
    rb: &str,
    year: i32,
    notes: &mut Vec<String>,
) -> Option<Vec<CodeValue>> {
    if let Some(r) = detail.get(&(dir, rb.to_string(), year, None)) {
        return Some(r.clone());
    }
    let months: Vec<&Vec<CodeValue>> = detail
        .iter()
        .filter(|(k, _)| k.0 == dir && k.1 == rb && k.2 == year && k.3.is_some())
        .map(|(_, v)| v)
        .collect();
    if months.is_empty() {
        return None;
    }
    if months.len() < 12 {
        notes.push(format!(
            "{year}: only {} months of monthly data loaded; annual figures are their sum",
            months.len()
        ));
    }
    Some(merge(months.into_iter()))
}

fn merge<'a>(parts: impl Iterator<Item = &'a Vec<CodeValue>>) -> Vec<CodeValue> {
    let mut acc: BTreeMap<(String, u8), f64> = BTreeMap::new();
    for p in parts {
        for r in p {
            *acc.entry((r.code.clone(), r.level)).or_default() += r.value;
        }
    }
    acc.into_iter()
        .map(|((code, level), value)| CodeValue { code, level, value })
        .collect()
}

/// Sum of months `range` of `year` from monthly rows, or `None` when none of them is loaded.
fn months_total(detail: &Detail, dir: Dir, rb: &str, year: i32, range: MonthRange) -> Option<f64> {
    let parts: Vec<&Vec<CodeValue>> = (range.first..=range.last)
        .filter_map(|m| detail.get(&(dir, rb.to_string(), year, Some(i32::from(m)))))
        .collect();
    (!parts.is_empty()).then(|| total(&merge(parts.into_iter())))
}

fn sections(rows: Option<&[CodeValue]>, tot: f64) -> Vec<SectionLine> {
    let Some(rows) = rows else { return vec![] };
    let mut by: BTreeMap<u8, (f64, &'static hs::Section)> = BTreeMap::new();
    for (ch, v) in breakdown(rows, 2).by_code {
        if let Some(s) = hs::section_of(&ch) {
            by.entry(s.number).or_insert((0.0, s)).0 += v;
        }
    }
    let mut out: Vec<SectionLine> = by
        .into_values()
        .filter(|(v, _)| *v > 0.0)
        .map(|(v, s)| SectionLine {
            section: s.roman.to_string(),
            name: s.name_en.to_string(),
            name_ru: s.name_ru.to_string(),
            value_usd: v,
            share_pct: if tot > 0.0 { v / tot * 100.0 } else { 0.0 },
        })
        .collect();
    out.sort_by(|x, y| y.value_usd.total_cmp(&x.value_usd));
    out
}

/// The built-in name of an HS chapter or heading in `lang` (see `hs::official_name`).
fn official_name(code: &str, lang: bilat_model::Lang) -> Option<String> {
    hs::official_name(code, lang).map(str::to_string)
}

/// A code's names from the dictionaries: (English, Russian), each where some source has one.
type Names = (Option<String>, Option<String>);

/// Names of `codes` from the source's dictionary (other sources' names where it has none), in
/// English and Russian.
async fn product_names(
    engine: &QueryEngine,
    source: &str,
    codes: &[&str],
) -> Result<HashMap<String, Names>> {
    if codes.is_empty() {
        return Ok(HashMap::new());
    }
    // The whole dictionary, not the codes shown: the statement's text depends on the source
    // only, so a memoising engine (the server's) answers every later profile from memory. It is
    // a few thousand rows per source and language.
    let rows = engine
        .sql(&format!(
            "SELECT code, lang, name, source = {s} AS own FROM products WHERE lang IN ('en', 'ru') ORDER BY own, name",
            s = lit(source),
        ))
        .await?;
    let wanted: std::collections::HashSet<&str> = codes.iter().copied().collect();
    let mut out: HashMap<String, Names> = HashMap::new();
    // Later rows (the pair's own source) overwrite other sources' names.
    crate::query::visit_strings(&rows, ["code", "lang", "name"], |_, [c, l, n]| {
        if !wanted.contains(c) {
            return;
        }
        let names = out.entry(c.to_string()).or_default();
        match l {
            "ru" => names.1 = Some(n.to_string()),
            _ => names.0 = Some(n.to_string()),
        }
    })?;
    Ok(out)
}

/// B's share and rank among A's partners in the profile year and view:
/// ```text
/// share_X = X_AB / X_A,world · 100   X_A,world = the reported world row (partner 0) when loaded,
///                                                else Σ over partners (B included)
/// rank    = 1 + #{partners p ≠ 0 : X_Ap > X_AB}
/// trade   = the same with T_Ap = X_Ap + M_Ap (and T_A,world = X_A,world + M_A,world)
/// ```
/// Each partner's value follows the level rules of `levels::total`: annual rows, else the sum of
/// its months; within them the `TOTAL` row, else the maximal codes. The warehouse's `pairs`
/// table (flows summed per level) answers this whenever each partner's rows are of one level or
/// include `TOTAL` — always for BACI-style data; only mixed-level extracts (some partners with
/// chapters *and* subheadings) need the product detail from `flows`.
#[allow(clippy::too_many_arguments)]
async fn partner_position(
    engine: &QueryEngine,
    source: &str,
    vintage: &str,
    view: View,
    a: &[u16],
    b: &Side,
    year: i32,
    notes: &mut Vec<String>,
) -> Result<Option<PartnerPosition>> {
    let totals = partner_totals(engine, source, vintage, view, a, year).await?;
    let b: Vec<i64> = b.members.iter().map(|&m| i64::from(m)).collect();
    let side = |is_x: bool| {
        let world_row = totals.get(&(is_x, 0)).copied();
        let partners: Vec<(i64, f64)> = totals
            .iter()
            .filter(|((d, p), t)| *d == is_x && *p != 0 && **t > 0.0)
            .map(|((_, p), t)| (*p, *t))
            .collect();
        let to_b: f64 = partners
            .iter()
            .filter(|p| b.contains(&p.0))
            .map(|p| p.1)
            .sum();
        // `+ 0.0`: an empty float sum is -0.0, which would print as "-0".
        let world = world_row.unwrap_or_else(|| partners.iter().map(|p| p.1).sum::<f64>() + 0.0);
        let share = (world > 0.0).then(|| to_b / world * 100.0);
        let rank = (b.len() == 1 && to_b > 0.0)
            .then(|| 1 + partners.iter().filter(|p| p.1 > to_b).count());
        (world, share, rank, partners.len(), world_row.is_some())
    };
    let (xw, xs, xr, xn, xrow) = side(true);
    let (mw, ms, mr, mn, mrow) = side(false);
    let (ts, tr, tn) = trade_position(&totals, &b, xw + mw);
    if xn <= 1 && mn <= 1 {
        notes.push(
            "partner share and rank need A's flows with all partners; only this pair is loaded"
                .into(),
        );
        return Ok(None);
    }
    Ok(Some(PartnerPosition {
        export_share_pct: xs,
        export_rank: xr,
        export_markets: xn,
        exports_world_usd: xw,
        import_share_pct: ms,
        import_rank: mr,
        import_sources: mn,
        imports_world_usd: mw,
        trade_share_pct: ts,
        trade_rank: tr,
        trade_partners: tn,
        world_basis: if xrow || mrow {
            "reported world total".into()
        } else {
            "sum over partners".into()
        },
    }))
}

/// B's share of A's trade with the world, its rank among A's partners by exports + imports and
/// the number of partners, from the per-partner totals (world row excluded from the ranking).
fn trade_position(
    totals: &PartnerTotals,
    b: &[i64],
    world: f64,
) -> (Option<f64>, Option<usize>, usize) {
    let mut trade: BTreeMap<i64, f64> = BTreeMap::new();
    for ((_, p), t) in totals.iter().filter(|((_, p), t)| *p != 0 && **t > 0.0) {
        *trade.entry(*p).or_default() += t;
    }
    let with_b: f64 = trade
        .iter()
        .filter(|(p, _)| b.contains(p))
        .map(|(_, t)| t)
        .sum();
    let share = (world > 0.0).then(|| with_b / world * 100.0);
    let rank =
        (b.len() == 1 && with_b > 0.0).then(|| 1 + trade.values().filter(|t| **t > with_b).count());
    (share, rank, trade.len())
}

/// (is_export, partner) → the partner's total by the level rules.
pub(crate) type PartnerTotals = BTreeMap<(bool, i64), f64>;

/// A's totals with every partner (partner 0 = a reported world row) in `year` and `view`: from
/// `pairs` when its levels allow, else from the product detail of `flows`.
pub(crate) async fn partner_totals(
    engine: &QueryEngine,
    source: &str,
    vintage: &str,
    view: View,
    a: &[u16],
    year: i32,
) -> Result<PartnerTotals> {
    match partner_totals_from_pairs(engine, source, vintage, view, a, year).await? {
        Some(t) => Ok(t),
        None => partner_totals_from_flows(engine, source, vintage, view, a, year).await,
    }
}

/// SQL condition for A's flows with every partner in `view`, both directions.
fn all_partners_condition(source: &str, vintage: &str, view: View, a: &[u16], year: i32) -> String {
    let ac = codes(a);
    format!(
        "source = {s} AND vintage = {v} AND period_year = {year} AND trade_flow IN ('X', 'M') \
         AND ((exporter IN {ac} AND importer NOT IN {ac} AND reported_by = {rx}) \
           OR (importer IN {ac} AND exporter NOT IN {ac} AND reported_by = {rm}))",
        s = lit(source),
        v = lit(vintage),
        rx = lit(reported_by(view, Dir::X)),
        rm = lit(reported_by(view, Dir::M)),
    )
}

/// Partner totals from `pairs`; `None` when some partner-month has rows of several levels
/// without a `TOTAL` row, where only product detail can apply the maximal-codes rule.
async fn partner_totals_from_pairs(
    engine: &QueryEngine,
    source: &str,
    vintage: &str,
    view: View,
    a: &[u16],
    year: i32,
) -> Result<Option<PartnerTotals>> {
    let ac = codes(a);
    let sql = format!(
        "SELECT CASE WHEN exporter IN {ac} THEN 'X' ELSE 'M' END AS dir, \
         CASE WHEN exporter IN {ac} THEN importer ELSE exporter END AS partner, \
         period_month AS m, product_level AS lvl, sum(value_usd) AS v \
         FROM pairs WHERE {cond} GROUP BY 1, 2, 3, 4",
        cond = all_partners_condition(source, vintage, view, a, year)
    );
    let rows = engine.sql(&sql).await?;
    let (dir, partner, month, lvl, v) = (
        strings(&rows, "dir")?,
        i64s(&rows, "partner")?,
        i64s(&rows, "m")?,
        i64s(&rows, "lvl")?,
        f64s(&rows, "v")?,
    );
    // (is_x, partner) → month (None = annual) → level → value.
    type ByLevel = BTreeMap<Option<i64>, BTreeMap<i64, f64>>;
    let mut by: BTreeMap<(bool, i64), ByLevel> = BTreeMap::new();
    for i in 0..dir.len() {
        *by.entry((dir[i] == "X", partner[i].unwrap_or(-1)))
            .or_default()
            .entry(month[i])
            .or_default()
            .entry(lvl[i].unwrap_or(0))
            .or_default() += v[i].unwrap_or(0.0);
    }
    let month_total = |levels: &BTreeMap<i64, f64>| -> Option<f64> {
        match (levels.get(&0), levels.len()) {
            (Some(t), _) => Some(*t),
            (None, 1) => levels.values().next().copied(),
            _ => None,
        }
    };
    Ok(by
        .into_iter()
        .map(|(key, months)| Some((key, annual_else_months(&months, month_total)?)))
        .collect())
}

/// A partner's year total: its annual rows, else the sum of its months (`None` when a needed
/// period has no total by the level rules).
fn annual_else_months<T>(
    months: &BTreeMap<Option<i64>, T>,
    total_of: impl Fn(&T) -> Option<f64>,
) -> Option<f64> {
    match months.get(&None) {
        Some(annual) => total_of(annual),
        None => months.values().map(total_of).sum(),
    }
}

/// Partner totals from product detail in `flows` (mixed-level extracts).
async fn partner_totals_from_flows(
    engine: &QueryEngine,
    source: &str,
    vintage: &str,
    view: View,
    a: &[u16],
    year: i32,
) -> Result<PartnerTotals> {
    let ac = codes(a);
    let sql = format!(
        "SELECT CASE WHEN exporter IN {ac} THEN 'X' ELSE 'M' END AS dir, \
         CASE WHEN exporter IN {ac} THEN importer ELSE exporter END AS partner, \
         period_month AS m, product, product_level AS lvl, sum(value_usd) AS v \
         FROM flows WHERE {cond} GROUP BY 1, 2, 3, 4, 5",
        cond = all_partners_condition(source, vintage, view, a, year)
    );
    let rows = engine.sql(&sql).await?;
    let (dir, partner, month, product, lvl, v) = (
        strings(&rows, "dir")?,
        i64s(&rows, "partner")?,
        i64s(&rows, "m")?,
        strings(&rows, "product")?,
        i64s(&rows, "lvl")?,
        f64s(&rows, "v")?,
    );
    let mut by: BTreeMap<(bool, i64), BTreeMap<Option<i64>, Vec<CodeValue>>> = BTreeMap::new();
    for i in 0..dir.len() {
        by.entry((dir[i] == "X", partner[i].unwrap_or(-1)))
            .or_default()
            .entry(month[i])
            .or_default()
            .push(CodeValue {
                code: product[i].clone(),
                level: lvl[i].unwrap_or(0) as u8,
                value: v[i].unwrap_or(0.0),
            });
    }
    Ok(by
        .into_iter()
        .map(|(k, months)| {
            let t = annual_else_months(&months, |r| Some(total(r)));
            (k, t.unwrap_or(0.0))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trade rank by exports + imports: a partner large on one side only can outrank one that
    /// is second on both; the world row (partner 0) is the share's base, not a rival.
    #[test]
    fn trade_position_ranks_partners_by_exports_plus_imports() {
        let totals: PartnerTotals = [
            ((true, 0), 1000.0),
            ((false, 0), 800.0),
            ((true, 398), 300.0),
            ((false, 398), 100.0),
            ((true, 643), 100.0),
            ((false, 643), 500.0),
            ((true, 156), 250.0),
            ((false, 156), 50.0),
            ((false, 276), 0.0),
        ]
        .into_iter()
        .collect();
        let (share, rank, n) = trade_position(&totals, &[398], 1800.0);
        assert_eq!(rank, Some(2), "643 trades 600, 398 400, 156 300");
        assert_eq!(n, 3, "a zero-valued partner is no partner");
        assert!((share.unwrap() - 400.0 / 1800.0 * 100.0).abs() < 1e-12);
        assert_eq!(trade_position(&totals, &[643], 1800.0).1, Some(1));
        assert_eq!(trade_position(&totals, &[276], 1800.0).1, None);
        assert_eq!(
            trade_position(&totals, &[398, 643], 1800.0).1,
            None,
            "a group has no rank"
        );
    }

    /// `is_pair_flow` (rows already fetched) and `pair_condition` (SQL) state one rule: both
    /// directions between the sides; with the World, every flow with exactly one end in A.
    #[test]
    fn pair_flows_are_the_pairs_rows_both_ways() {
        let (a, b) = (&[112u16][..], &[398u16, 643][..]);
        assert!(is_pair_flow(a, b, false, 112, 398));
        assert!(is_pair_flow(a, b, false, 643, 112));
        assert!(
            !is_pair_flow(a, b, false, 398, 643),
            "inside B is not the pair"
        );
        assert!(!is_pair_flow(a, b, false, 112, 112));
        assert!(!is_pair_flow(a, b, false, 112, 840));
        assert!(is_pair_flow(a, &[], true, 112, 840));
        assert!(is_pair_flow(a, &[], true, 840, 112));
        assert!(
            !is_pair_flow(&[112, 398], &[], true, 112, 398),
            "inside A is not trade"
        );
        let sql = pair_condition(a, b, false);
        assert!(sql.contains("exporter IN (112, 398, 643) AND importer IN (112, 398, 643)"));
    }
}
