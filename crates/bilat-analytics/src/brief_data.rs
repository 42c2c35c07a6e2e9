//! What a bilateral brief needs beyond the [`Profile`](crate::Profile): the pair's trade over
//! every loaded year (for the time chart), the latest period to date, and the `series` rows for
//! services and investment.
//!
//! Everything here is read in the *same* source, vintage and view as the profile it extends, so
//! the brief's chart and text show the same numbers:
//! ```text
//! history_t  = (X_t, M_t) for every year t the source holds for the pair
//!              annual rows when present, else the sum of the monthly rows (months counted)
//! ptd        = Σ months m1..m2 of year t  against  Σ the same months of t−1  (DESIGN §3)
//! series     = series rows (indicator, country, partner) for the profile year and the year before;
//!              growth % = (v_t / v_{t−1} − 1)·100, "N times" when v_t / v_{t−1} ≥ 2
//! ```
//! Levels are never mixed: every total is `levels::total` (the `TOTAL` row, else maximal codes).

use std::collections::BTreeMap;

use bilat_model::{MonthRange, View};
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::Result;
use crate::figures::Figure;
use crate::levels::{CodeValue, total};
use crate::profile::{Balance, PartnerPosition, PeriodToDate, Profile};
use crate::query::{codes, f64s, i64s, lit, strings};

/// The series indicators a brief reads, in the order it mentions them.
pub const BRIEF_INDICATORS: [&str; 2] = ["services_trade", "fdi_inflow"];

/// One year of the pair's goods trade in the profile's source, vintage and view.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct YearPoint {
    /// Calendar year.
    pub year: i32,
    /// A's exports to B, USD (0 when the view has no rows that year).
    pub exports_usd: f64,
    /// A's imports from B, USD.
    pub imports_usd: f64,
    /// Months of monthly data the year's figures were summed from; `None` for annual rows.
    pub months: Option<u8>,
}

/// One `series` figure of the pair (services trade, investment), with the year before.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SeriesFigure {
    /// Indicator name as stored, e.g. `services_trade`, `fdi_inflow`.
    pub indicator: String,
    /// Alpha-3 of the country the indicator is about (for `fdi_inflow`: the receiving country).
    pub country: String,
    /// Alpha-3 of the partner (for `fdi_inflow`: the investing country).
    pub partner: String,
    /// Year of `figure.value_usd`.
    pub year: i32,
    /// Value and the previous year's value, in `unit`.
    pub figure: Figure,
    /// Unit as stored, e.g. `usd`.
    pub unit: String,
    /// Who published the row.
    pub source: String,
    /// Release of the row's source.
    pub vintage: String,
}

/// The extra data of a brief.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct BriefData {
    /// The pair's trade per loaded year, ascending.
    pub history: Vec<YearPoint>,
    /// The period-to-date comparison the brief reports, when monthly data exist.
    pub period_to_date: Option<YearPtd>,
    /// Services and investment rows for the profile year (see [`BRIEF_INDICATORS`]).
    pub series: Vec<SeriesFigure>,
    /// B among A's partners (the profile's, repeated so the brief's JSON is self-contained).
    pub partner_position: Option<PartnerPosition>,
}

/// A period-to-date comparison and the year it is about.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct YearPtd {
    /// Year of the months compared (the profile year or the year after).
    pub year: i32,
    /// The comparison, months of `year` against the same months of `year − 1`.
    #[serde(flatten)]
    pub ptd: PeriodToDate,
}

/// Which period to date a brief reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PtdChoice {
    /// No period-to-date paragraph.
    None,
    /// These months: of the year after the profile year when they are loaded there (the news
    /// case: last year's results and this year so far), else of the profile year.
    Months(MonthRange),
    /// The latest *partial* year after the profile year: months 1..m when the year after has
    /// monthly data for fewer than 12 months; nothing otherwise.
    Latest,
}

/// Direction relative to A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Dir {
    X,
    M,
}

/// Rows keyed by (direction, reported_by, year, month).
type Rows = BTreeMap<(Dir, String, i32, Option<i32>), Vec<CodeValue>>;

fn reported_by(view: View, dir: Dir) -> &'static str {
    match (view, dir) {
        (View::Reporter, Dir::X) | (View::Mirror, Dir::M) => "exporter",
        (View::Reporter, Dir::M) | (View::Mirror, Dir::X) => "importer",
        (View::Reconciled, _) => "reconciled",
    }
}

/// Reads history, period to date and series for the pair of `profile`, in its source, vintage
/// and view.
pub async fn brief_data(
    engine: &QueryEngine,
    profile: &Profile,
    ptd: PtdChoice,
) -> Result<BriefData> {
    let rows = pair_rows(engine, profile).await?;
    let view = profile.provenance.view;
    let history = history_of(&rows, view);
    let period_to_date = period_to_date(&rows, view, profile.year, ptd);
    let series = series(engine, profile).await?;
    let partner_position = if profile.partner.members.is_empty() {
        None
    } else {
        profile.partner_position.clone()
    };
    Ok(BriefData {
        history,
        period_to_date,
        series,
        partner_position,
    })
}

/// The pair's trade in every loaded year, ascending, in the profile's source, vintage and view
/// (what the brief's chart and `bilat history` show).
pub(crate) async fn pair_history(
    engine: &QueryEngine,
    profile: &Profile,
) -> Result<Vec<YearPoint>> {
    let rows = pair_rows(engine, profile).await?;
    Ok(history_of(&rows, profile.provenance.view))
}

/// The pair's rows by direction, reporter, year and month, every product and level.
async fn pair_rows(engine: &QueryEngine, profile: &Profile) -> Result<Rows> {
    let a = &profile.reporter.members;
    let b = &profile.partner.members;
    let pair = if b.is_empty() {
        let a = codes(a);
        format!(
            "(exporter IN {a} AND importer NOT IN {a} AND importer <> 0) OR (importer IN {a} AND exporter NOT IN {a} AND exporter <> 0)"
        )
    } else {
        let (a, b) = (codes(a), codes(b));
        format!("(exporter IN {a} AND importer IN {b}) OR (exporter IN {b} AND importer IN {a})")
    };
    let pv = &profile.provenance;
    let view = pv.view;
    let sql = format!(
        "SELECT CASE WHEN exporter IN {a} THEN 'X' ELSE 'M' END AS dir, reported_by, period_year AS y, \
         period_month AS m, product, product_level AS lvl, sum(value_usd) AS v \
         FROM flows WHERE source = {s} AND vintage = {v} AND trade_flow IN ('X', 'M') \
         AND reported_by IN ({rx}, {rm}) AND ({pair}) GROUP BY 1, 2, 3, 4, 5, 6",
        a = codes(a),
        s = lit(&pv.source),
        v = lit(&pv.vintage),
        rx = lit(reported_by(view, Dir::X)),
        rm = lit(reported_by(view, Dir::M)),
    );
    to_rows(&engine.sql(&sql).await?)
}

/// History: every year with rows in either direction.
fn history_of(rows: &Rows, view: View) -> Vec<YearPoint> {
    let mut years: Vec<i32> = rows.keys().map(|k| k.2).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|y| {
            let x = annual(rows, Dir::X, reported_by(view, Dir::X), y);
            let m = annual(rows, Dir::M, reported_by(view, Dir::M), y);
            let months = x.1.or(m.1);
            YearPoint {
                year: y,
                exports_usd: x.0.unwrap_or(0.0),
                imports_usd: m.0.unwrap_or(0.0),
                months,
            }
        })
        .collect()
}

/// Annual total and, when it came from monthly rows, how many months were summed.
fn annual(rows: &Rows, dir: Dir, rb: &str, year: i32) -> (Option<f64>, Option<u8>) {
    if let Some(r) = rows.get(&(dir, rb.to_string(), year, None)) {
        return (Some(total(r)), None);
    }
    let months: Vec<&Vec<CodeValue>> = rows
        .iter()
        .filter(|(k, _)| k.0 == dir && k.1 == rb && k.2 == year && k.3.is_some())
        .map(|(_, v)| v)
        .collect();
    if months.is_empty() {
        return (None, None);
    }
    let n = months.len() as u8;
    (Some(months.into_iter().map(|r| total(r)).sum()), Some(n))
}

/// Months of `year` with monthly rows in either direction of the view.
fn monthly_months(rows: &Rows, view: View, year: i32) -> Vec<u8> {
    let mut m: Vec<u8> = rows
        .keys()
        .filter(|k| {
            k.2 == year
                && (k.1 == reported_by(view, k.0))
                && k.3.is_some_and(|m| (1..=12).contains(&m))
        })
        .map(|k| k.3.unwrap_or(0) as u8)
        .collect();
    m.sort_unstable();
    m.dedup();
    m
}

fn months_sum(rows: &Rows, dir: Dir, rb: &str, year: i32, range: MonthRange) -> Option<f64> {
    let parts: Vec<f64> = (range.first..=range.last)
        .filter_map(|m| rows.get(&(dir, rb.to_string(), year, Some(i32::from(m)))))
        .map(|r| total(r))
        .collect();
    (!parts.is_empty()).then(|| parts.iter().sum())
}

fn period_to_date(rows: &Rows, view: View, year: i32, choice: PtdChoice) -> Option<YearPtd> {
    let covered = |y: i32, r: MonthRange| {
        let have = monthly_months(rows, view, y);
        (r.first..=r.last).all(|m| have.contains(&m))
    };
    let (y, range) = match choice {
        PtdChoice::None => return None,
        PtdChoice::Months(r) if covered(year + 1, r) => (year + 1, r),
        PtdChoice::Months(r) if covered(year, r) => (year, r),
        PtdChoice::Months(_) => return None,
        PtdChoice::Latest => {
            let have = monthly_months(rows, view, year + 1);
            let last = *have.last()?;
            // Only a run 1..=m with m < 12 is a "partial year".
            if last >= 12 || have.len() != usize::from(last) {
                return None;
            }
            (year + 1, MonthRange { first: 1, last })
        }
    };
    let (rx, rm) = (reported_by(view, Dir::X), reported_by(view, Dir::M));
    let (cx, cm) = (
        months_sum(rows, Dir::X, rx, y, range),
        months_sum(rows, Dir::M, rm, y, range),
    );
    let (qx, qm) = (
        months_sum(rows, Dir::X, rx, y - 1, range),
        months_sum(rows, Dir::M, rm, y - 1, range),
    );
    let (cx, cm) = (cx.unwrap_or(0.0), cm.unwrap_or(0.0));
    let prev_t = qx.zip(qm).map(|(a, b)| a + b);
    Some(YearPtd {
        year: y,
        ptd: PeriodToDate {
            months: range.to_string(),
            exports: Figure::new(cx, qx),
            imports: Figure::new(cm, qm),
            turnover: Figure::new(cx + cm, prev_t),
            balance: Balance {
                value_usd: cx - cm,
                previous_value_usd: qx.zip(qm).map(|(a, b)| a - b),
            },
        },
    })
}

fn to_rows(batches: &[arrow::array::RecordBatch]) -> Result<Rows> {
    let dir = strings(batches, "dir")?;
    let rb = strings(batches, "reported_by")?;
    let y = i64s(batches, "y")?;
    let m = i64s(batches, "m")?;
    let product = strings(batches, "product")?;
    let lvl = i64s(batches, "lvl")?;
    let v = f64s(batches, "v")?;
    let mut out: Rows = BTreeMap::new();
    for i in 0..dir.len() {
        let d = if dir[i] == "X" { Dir::X } else { Dir::M };
        out.entry((
            d,
            rb[i].clone(),
            y[i].unwrap_or(0) as i32,
            m[i].map(|m| m as i32),
        ))
        .or_default()
        .push(CodeValue {
            code: product[i].clone(),
            level: lvl[i].unwrap_or(0) as u8,
            value: v[i].unwrap_or(0.0),
        });
    }
    Ok(out)
}

/// Annual series rows of the pair (either orientation) for the profile year and the year before.
async fn series(engine: &QueryEngine, profile: &Profile) -> Result<Vec<SeriesFigure>> {
    let (a, b) = (&profile.reporter.members, &profile.partner.members);
    if a.len() != 1 || b.len() != 1 {
        // Series rows are per country; groups have none of their own.
        return Ok(vec![]);
    }
    let inds: Vec<String> = BRIEF_INDICATORS.iter().map(|i| lit(i)).collect();
    let sql = format!(
        "SELECT source, vintage, period_year AS y, country, partner, indicator, unit, sum(value) AS v \
         FROM series WHERE period_month IS NULL AND indicator IN ({i}) \
         AND period_year IN ({p}, {y}) \
         AND ((country = {a} AND partner = {b}) OR (country = {b} AND partner = {a})) \
         GROUP BY 1, 2, 3, 4, 5, 6, 7",
        i = inds.join(", "),
        p = profile.year - 1,
        y = profile.year,
        a = a[0],
        b = b[0],
    );
    let rows = engine.sql(&sql).await?;
    let src = strings(&rows, "source")?;
    let vin = strings(&rows, "vintage")?;
    let yr = i64s(&rows, "y")?;
    let country = i64s(&rows, "country")?;
    let partner = i64s(&rows, "partner")?;
    let ind = strings(&rows, "indicator")?;
    let unit = strings(&rows, "unit")?;
    let v = f64s(&rows, "v")?;
    // (indicator, country, partner, source, vintage, unit) → year → value.
    type Key = (String, i64, i64, String, String, String);
    let mut by: BTreeMap<Key, BTreeMap<i32, f64>> = BTreeMap::new();
    for i in 0..src.len() {
        let key = (
            ind[i].clone(),
            country[i].unwrap_or(-1),
            partner[i].unwrap_or(-1),
            src[i].clone(),
            vin[i].clone(),
            unit[i].clone(),
        );
        by.entry(key)
            .or_default()
            .insert(yr[i].unwrap_or(0) as i32, v[i].unwrap_or(0.0));
    }
    let alpha3 = |n: i64| {
        u16::try_from(n)
            .ok()
            .and_then(bilat_model::country_by_code)
            .map_or_else(|| n.to_string(), |c| c.alpha3.to_string())
    };
    let mut out: Vec<SeriesFigure> = by
        .into_iter()
        .filter_map(|((indicator, c, p, source, vintage, unit), years)| {
            let cur = *years.get(&profile.year)?;
            let prev = years.get(&(profile.year - 1)).copied();
            Some(SeriesFigure {
                indicator,
                country: alpha3(c),
                partner: alpha3(p),
                year: profile.year,
                figure: Figure::new(cur, prev),
                unit,
                source,
                vintage,
            })
        })
        .collect();
    out.sort_by_key(|s| {
        BRIEF_INDICATORS
            .iter()
            .position(|i| *i == s.indicator)
            .unwrap_or(usize::MAX)
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reporter-view rows: exports of `per_month` in each listed month of `year`.
    fn months(rows: &mut Rows, year: i32, ms: std::ops::RangeInclusive<i32>, per_month: f64) {
        for m in ms {
            rows.entry((Dir::X, "exporter".into(), year, Some(m)))
                .or_default()
                .push(CodeValue {
                    code: "TOTAL".into(),
                    level: 0,
                    value: per_month,
                });
        }
    }

    #[test]
    fn latest_partial_year_is_reported_when_no_months_are_asked() {
        let mut rows = Rows::new();
        months(&mut rows, 2018, 1..=12, 10.0);
        months(&mut rows, 2019, 1..=6, 11.0);
        let p = period_to_date(&rows, View::Reporter, 2018, PtdChoice::Latest).unwrap();
        assert_eq!((p.year, p.ptd.months.as_str()), (2019, "1-6"));
        // 6 × 11 against 6 × 10: +10%.
        assert_eq!(p.ptd.exports.value_usd, 66.0);
        assert_eq!(p.ptd.exports.previous_value_usd, Some(60.0));
        assert!((p.ptd.exports.growth_pct.unwrap() - 10.0).abs() < 1e-12);
        // A complete following year is not "to date".
        months(&mut rows, 2019, 7..=12, 11.0);
        assert_eq!(
            period_to_date(&rows, View::Reporter, 2018, PtdChoice::Latest),
            None
        );
    }

    #[test]
    fn asked_months_prefer_the_following_year_then_the_year_itself() {
        let mut rows = Rows::new();
        months(&mut rows, 2017, 1..=12, 5.0);
        months(&mut rows, 2018, 1..=12, 10.0);
        let r = MonthRange { first: 1, last: 3 };
        // 2019 not loaded: months of 2018 against 2017.
        let p = period_to_date(&rows, View::Reporter, 2018, PtdChoice::Months(r)).unwrap();
        assert_eq!(p.year, 2018);
        assert_eq!(p.ptd.exports.value_usd, 30.0);
        months(&mut rows, 2019, 1..=3, 12.0);
        let p = period_to_date(&rows, View::Reporter, 2018, PtdChoice::Months(r)).unwrap();
        assert_eq!(p.year, 2019);
        assert_eq!(p.ptd.exports.value_usd, 36.0);
        // Months not loaded in either year: nothing.
        let late = MonthRange { first: 4, last: 12 };
        let mut short = Rows::new();
        months(&mut short, 2018, 1..=3, 1.0);
        assert_eq!(
            period_to_date(&short, View::Reporter, 2018, PtdChoice::Months(late)),
            None
        );
        assert_eq!(
            period_to_date(&rows, View::Reporter, 2018, PtdChoice::None),
            None
        );
    }

    #[test]
    fn annual_rows_win_over_months() {
        let mut rows = Rows::new();
        months(&mut rows, 2018, 1..=4, 10.0);
        assert_eq!(
            annual(&rows, Dir::X, "exporter", 2018),
            (Some(40.0), Some(4))
        );
        rows.insert(
            (Dir::X, "exporter".into(), 2018, None),
            vec![CodeValue {
                code: "TOTAL".into(),
                level: 0,
                value: 500.0,
            }],
        );
        assert_eq!(annual(&rows, Dir::X, "exporter", 2018), (Some(500.0), None));
        assert_eq!(annual(&rows, Dir::M, "importer", 2018), (None, None));
    }
}
