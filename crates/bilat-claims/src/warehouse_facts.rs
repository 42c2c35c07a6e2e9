//! [`Facts`] answered by the bilat warehouse.
//!
//! Goods (exports, imports, turnover) go through `bilat_analytics::profile` — the same figures
//! `bilat profile` prints — with the view asked for and, for period-to-date claims, the months
//! (`--months`). A base period other than the year before is a second profile for that year.
//! Services (`services_trade`), investment (`fdi_inflow`) and counts (`agreements`,
//! `enterprises_with_partner_capital`, `joint_ventures`, `foreign_ventures`, `assembly_plants`,
//! …) are rows of the `series` table, read with SQL through the warehouse's query engine.
//! Counts are stocks "as of" a date: without a year, or when the year asked is not held, the
//! latest year not after it is used and the evidence says which.

use std::path::Path;

use arrow::array::RecordBatch;
use bilat_analytics::{
    Figure, Profile, ProfileRequest, column_f64s, column_i64s, column_strings, profile,
};
use bilat_model::{MonthRange, resolve_place};
use bilat_warehouse::{QueryEngine, Warehouse};

use crate::claim::Measure;
use crate::verify::{Fact, FactQuery, Facts, FactsError};

/// Facts from a warehouse directory.
pub struct WarehouseFacts {
    engine: QueryEngine,
    rt: tokio::runtime::Runtime,
}

impl std::fmt::Debug for WarehouseFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarehouseFacts").finish_non_exhaustive()
    }
}

fn engine_err(e: impl std::fmt::Display) -> FactsError {
    FactsError::Engine(e.to_string())
}

impl WarehouseFacts {
    /// Opens the warehouse at `root` with its own small runtime (call from synchronous code).
    pub fn open(root: &Path) -> Result<Self, FactsError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(engine_err)?;
        let wh = Warehouse::open(root).map_err(engine_err)?;
        let engine = rt.block_on(wh.engine()).map_err(engine_err)?;
        Ok(WarehouseFacts { engine, rt })
    }

    fn goods(&self, q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        let Some(year) = q.year else { return Ok(None) };
        let (Ok(a), Ok(b)) = (resolve_place(&q.reporter), resolve_place(&q.partner)) else {
            return Ok(None);
        };
        let months = match q.months {
            Some((f, l)) => Some(MonthRange::parse(&format!("{f}-{l}")).map_err(engine_err)?),
            None => None,
        };
        let run = |y: i32| -> Result<Option<(Profile, String)>, FactsError> {
            let mut req = ProfileRequest::new(a.clone(), b.clone(), y);
            req.view = q.view;
            req.months = months;
            req.level = 2;
            req.top = 1;
            let cmd = format!(
                "bilat profile {} {} --year {y}{}{}",
                q.reporter,
                q.partner,
                months.map(|m| format!(" --months {m}")).unwrap_or_default(),
                q.view
                    .map(|v| format!(" --view {}", v.as_str()))
                    .unwrap_or_default()
            );
            match self.rt.block_on(profile(&self.engine, &req)) {
                Ok(p) => Ok(Some((p, cmd))),
                Err(bilat_analytics::Error::NoData(_) | bilat_analytics::Error::BadRequest(_)) => {
                    Ok(None)
                }
                Err(e) => Err(engine_err(e)),
            }
        };
        let Some((p, cmd)) = run(year)? else {
            return Ok(None);
        };
        if matches!(
            q.measure,
            Measure::ExportShare | Measure::ImportShare | Measure::ExportRank | Measure::ImportRank
        ) {
            // Share of B in A's exports (imports) to the world and B's rank among A's markets
            // (suppliers), DESIGN §3; annual only.
            let share = p.partner_position.as_ref().and_then(|pp| match q.measure {
                Measure::ExportShare => pp.export_share_pct,
                Measure::ImportShare => pp.import_share_pct,
                Measure::ExportRank => pp.export_rank.map(|r| r as f64),
                _ => pp.import_rank.map(|r| r as f64),
            });
            return Ok(share.filter(|_| months.is_none()).map(|v| Fact {
                value: v,
                previous: None,
                year,
                source: p.provenance.source.clone(),
                vintage: p.provenance.vintage.clone(),
                view: Some(p.provenance.view),
                query: format!("{cmd} (partner_position)"),
            }));
        }
        let Some(fig) = pick(&p, &q.measure, months.is_some()) else {
            return Ok(None);
        };
        let default_base = year - 1;
        let previous = match q.base {
            None => None,
            Some(b) if b.year == default_base && b.months == q.months => fig.previous_value_usd,
            Some(b) if b.months == q.months => match run(b.year)? {
                Some((pb, _)) => pick(&pb, &q.measure, months.is_some()).map(|f| f.value_usd),
                None => None,
            },
            Some(_) => None,
        };
        Ok(Some(Fact {
            value: fig.value_usd,
            previous,
            year,
            source: p.provenance.source.clone(),
            vintage: p.provenance.vintage.clone(),
            view: Some(p.provenance.view),
            query: cmd,
        }))
    }

    fn series(&self, q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        let indicator = match &q.measure {
            Measure::Services => "services_trade".to_string(),
            Measure::Investment => "fdi_inflow".to_string(),
            Measure::Count(c) => c.clone(),
            _ => return Ok(None),
        };
        let code = |a: &str| bilat_model::country_by_alpha3(a).map(|c| c.code);
        let (Some(r), Some(p)) = (code(&q.reporter), code(&q.partner)) else {
            return Ok(None);
        };
        let is_count = matches!(q.measure, Measure::Count(_));
        // Services and agreements are one figure per pair: either order.
        let symmetric = matches!(&q.measure, Measure::Count(c) if c == "agreements");
        let pairs = if q.measure == Measure::Services || symmetric {
            vec![(r, p), (p, r)]
        } else {
            vec![(r, p)]
        };
        for (c, pt) in pairs {
            let year_cond = match (q.year, is_count) {
                (Some(y), true) => format!("AND period_year <= {y}"),
                (Some(y), false) => format!("AND period_year = {y}"),
                (None, _) => String::new(),
            };
            let sql = format!(
                "SELECT source, vintage, period_year, value FROM series WHERE indicator = '{}' \
                 AND country = {c} AND partner = {pt} AND period_month IS NULL {year_cond} \
                 ORDER BY period_year DESC, vintage DESC LIMIT 1",
                indicator.replace('\'', "''")
            );
            let rows = self
                .rt
                .block_on(self.engine.sql(&sql))
                .map_err(engine_err)?;
            let Some((source, vintage, year, value)) = first_row(&rows)? else {
                continue;
            };
            let previous = match q.base {
                Some(b) => {
                    let sql_b = format!(
                        "SELECT source, vintage, period_year, value FROM series WHERE indicator = '{}' \
                         AND country = {c} AND partner = {pt} AND period_month IS NULL AND period_year = {} \
                         AND source = '{}' ORDER BY vintage DESC LIMIT 1",
                        indicator.replace('\'', "''"),
                        b.year,
                        source.replace('\'', "''")
                    );
                    let rows = self
                        .rt
                        .block_on(self.engine.sql(&sql_b))
                        .map_err(engine_err)?;
                    first_row(&rows)?.map(|r| r.3)
                }
                None => None,
            };
            return Ok(Some(Fact {
                value,
                previous,
                year,
                source,
                vintage,
                view: None,
                query: sql,
            }));
        }
        Ok(None)
    }
}

/// The figure of a profile a measure names.
fn pick(p: &Profile, m: &Measure, months: bool) -> Option<Figure> {
    let missing = |dir: &str| {
        p.notes
            .iter()
            .any(|n| n.contains(&format!("no {dir} rows")))
    };
    let (x, mm, t) = if months {
        let ptd = p.period_to_date.as_ref()?;
        (ptd.exports, ptd.imports, ptd.turnover)
    } else {
        (p.exports, p.imports, p.turnover)
    };
    match m {
        Measure::Exports if !missing("exports") => Some(x),
        Measure::Imports if !missing("imports") => Some(mm),
        Measure::Turnover if !missing("exports") && !missing("imports") => Some(t),
        _ => None,
    }
}

fn first_row(rows: &[RecordBatch]) -> Result<Option<(String, String, i32, f64)>, FactsError> {
    let source = column_strings(rows, "source").map_err(engine_err)?;
    let vintage = column_strings(rows, "vintage").map_err(engine_err)?;
    let year = column_i64s(rows, "period_year").map_err(engine_err)?;
    let value = column_f64s(rows, "value").map_err(engine_err)?;
    let Some(Some(v)) = value.first() else {
        return Ok(None);
    };
    Ok(Some((
        source[0].clone(),
        vintage[0].clone(),
        i32::try_from(year[0].unwrap_or(0)).unwrap_or(0),
        *v,
    )))
}

impl Facts for WarehouseFacts {
    fn lookup(&self, q: &FactQuery) -> Result<Option<Fact>, FactsError> {
        match q.measure {
            Measure::Exports
            | Measure::Imports
            | Measure::Turnover
            | Measure::ExportShare
            | Measure::ImportShare
            | Measure::ExportRank
            | Measure::ImportRank => self.goods(q),
            Measure::Services | Measure::Investment | Measure::Count(_) => self.series(q),
            Measure::Share | Measure::TradeRank | Measure::Unknown => Ok(None),
        }
    }
}
