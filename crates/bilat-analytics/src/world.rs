//! What the indicators and the export potential need from the warehouse: a country's trade with
//! the world by product, the pair's trade by product, world trade by product — each with where
//! it came from, or the reason it cannot be had.
//!
//! Two bases, chosen per source, vintage and year:
//!
//! - **world matrix** — the source holds one consistent view of (nearly) every country pair by
//!   product: at least [`MIN_MATRIX_COUNTRIES`] exporters and importers and
//!   [`MIN_MATRIX_CHAPTERS`] HS chapters in annual rows of one `reported_by` (BACI's
//!   `reconciled`, or exporters' reports as in the demo, or importers' reports). Every quantity
//!   is a sum over that matrix (partners ≠ World), so world exports = world imports and
//!   Σ_j m_jk = M_wk exactly.
//! - **reported world rows** — otherwise, a country's own reports against partner World (code
//!   0; e.g. OTS `yrc`/`yr` tables, Comtrade partner 0): its exports and imports by product.
//!   World totals by product cannot be had this way, and world imports in total only when at
//!   least [`MIN_MATRIX_COUNTRIES`] countries report against the World.
//!
//! Mixed HS levels are never double counted: rows come back as (code, level, value) and go
//! through the rules of `levels.rs` (totals from `TOTAL` or maximal codes; breakdowns at level L).

use std::collections::BTreeMap;

use bilat_model::HsLevel;
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::formulas::indicators::ProductValues;
use crate::levels::{CodeValue, breakdown, total};
use crate::query::{codes, f64s, i64s, lit, strings};
use crate::{Error, Result};

/// Countries (exporters and importers) a matrix must span to stand for the world.
pub const MIN_MATRIX_COUNTRIES: usize = 30;
/// HS chapters a matrix must span so that its sums stand for all goods (BACI extracts of a few
/// products do not): the same line as the catalog's product coverage draws for a flow.
pub const MIN_MATRIX_CHAPTERS: usize = bilat_warehouse::PARTIAL_BELOW;

/// Where the world figures come from (part of every indicator's provenance).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct WorldBasis {
    /// Source family.
    pub source: String,
    /// Release.
    pub vintage: String,
    /// `world matrix (exporter reports)`, `world matrix (reconciled)`, … or `reported world rows`.
    pub basis: String,
    /// `reported_by` of the matrix, when there is one.
    pub matrix_reported_by: Option<String>,
    /// Exporters in the matrix of the year (0 without a matrix).
    pub exporters: usize,
    /// HS chapters in the matrix of the year (0 without a matrix).
    pub chapters: usize,
    /// "demo data (generated)" for the demo world, else `None`.
    pub label: Option<String>,
}

/// A country's (or the world's) trade at one HS level: breakdown and total.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Table {
    /// Value by code at the level, USD.
    pub by_code: ProductValues,
    /// Total over all goods (TOTAL row or maximal codes), USD.
    pub total: f64,
    /// Whether any row has a product code (level ≥ 2), not only `TOTAL`.
    pub detail: bool,
}

/// A loader bound to one source, vintage, year and HS level.
#[derive(Debug, Clone)]
pub(crate) struct World<'a> {
    engine: &'a QueryEngine,
    pub basis: WorldBasis,
    level: u8,
}

/// (reported_by, trade_flow) of the matrix.
fn matrix_flow(rb: &str) -> &'static str {
    if rb == "importer" { "M" } else { "X" }
}

impl<'a> World<'a> {
    /// Chooses source and vintage for `a` in `year` (a world matrix first, real data before the
    /// demo, then the latest vintage) and detects the basis.
    pub async fn open(
        engine: &'a QueryEngine,
        a: &[u16],
        year: i32,
        level: HsLevel,
        source: Option<&str>,
    ) -> Result<World<'a>> {
        let level = level.digits();
        let mut cond = format!(
            "period_year = {year} AND (exporter IN {ac} OR importer IN {ac})",
            ac = codes(a)
        );
        if let Some(s) = source {
            cond.push_str(&format!(" AND source = {}", lit(s)));
        }
        let avail = engine
            .sql(&format!(
                "SELECT DISTINCT source, vintage FROM pairs WHERE {cond} ORDER BY 1, 2"
            ))
            .await?;
        let (srcs, vints) = (strings(&avail, "source")?, strings(&avail, "vintage")?);
        if srcs.is_empty() {
            return Err(Error::no_data(
                Some(crate::Remedy::SeeCatalog),
                format!(
                    "no goods flows of {} in {year}{}",
                    a.iter().map(u16::to_string).collect::<Vec<_>>().join("+"),
                    source
                        .map(|s| format!(" in source {s}"))
                        .unwrap_or_default()
                ),
            ));
        }
        let mx = engine
            .sql(&format!(
                "SELECT source, vintage, reported_by, count(DISTINCT exporter) AS ne, \
                 count(DISTINCT importer) AS ni, count(DISTINCT substr(product, 1, 2)) AS nch \
                 FROM flows WHERE period_year = {year} AND period_month IS NULL AND exporter <> 0 \
                 AND importer <> 0 AND product_level >= 2 AND ((reported_by IN ('exporter', 'reconciled') \
                 AND trade_flow = 'X') OR (reported_by = 'importer' AND trade_flow = 'M')) GROUP BY 1, 2, 3"
            ))
            .await?;
        let (ms, mv, mrb) = (
            strings(&mx, "source")?,
            strings(&mx, "vintage")?,
            strings(&mx, "reported_by")?,
        );
        let (ne, ni, nch) = (i64s(&mx, "ne")?, i64s(&mx, "ni")?, i64s(&mx, "nch")?);
        // Complete matrices by (source, vintage), best reported_by first.
        let rank_rb = |rb: &str| match rb {
            "reconciled" => 0,
            "exporter" => 1,
            _ => 2,
        };
        let mut matrices: BTreeMap<(String, String), (i32, String, usize, usize)> = BTreeMap::new();
        for i in 0..ms.len() {
            let (e, n, c) = (
                ne[i].unwrap_or(0) as usize,
                ni[i].unwrap_or(0) as usize,
                nch[i].unwrap_or(0) as usize,
            );
            if e < MIN_MATRIX_COUNTRIES || n < MIN_MATRIX_COUNTRIES || c < MIN_MATRIX_CHAPTERS {
                continue;
            }
            let cand = (rank_rb(&mrb[i]), mrb[i].clone(), e, c);
            let key = (ms[i].clone(), mv[i].clone());
            if matrices.get(&key).is_none_or(|cur| cand.0 < cur.0) {
                matrices.insert(key, cand);
            }
        }
        let mut candidates: Vec<(String, String)> = srcs.into_iter().zip(vints).collect();
        candidates.sort_by(|x, y| {
            (!matrices.contains_key(x))
                .cmp(&!matrices.contains_key(y))
                .then((x.0 == "demo").cmp(&(y.0 == "demo")))
                .then(y.1.cmp(&x.1))
                .then(x.0.cmp(&y.0))
        });
        let (source, vintage) = candidates[0].clone();
        let basis = match matrices.get(&(source.clone(), vintage.clone())) {
            Some((_, rb, e, c)) => WorldBasis {
                label: (source == "demo").then(|| "demo data (generated)".to_string()),
                basis: format!("world matrix ({rb} reports, annual rows)"),
                matrix_reported_by: Some(rb.clone()),
                exporters: *e,
                chapters: *c,
                source,
                vintage,
            },
            None => {
                // The largest partial matrix of this source, to say how far it is from complete.
                let (mut e, mut c) = (0usize, 0usize);
                for i in 0..ms.len() {
                    if ms[i] == source && mv[i] == vintage {
                        e = e.max(ne[i].unwrap_or(0) as usize);
                        c = c.max(nch[i].unwrap_or(0) as usize);
                    }
                }
                WorldBasis {
                    label: (source == "demo").then(|| "demo data (generated)".to_string()),
                    basis: format!(
                        "no complete world matrix (at most {e} exporters and {c} HS chapters in \
                         one view); countries' reported world rows (partner World) where loaded"
                    ),
                    matrix_reported_by: None,
                    exporters: e,
                    chapters: c,
                    source,
                    vintage,
                }
            }
        };
        Ok(World {
            engine,
            basis,
            level,
        })
    }

    /// True when a complete world matrix backs the figures.
    pub fn has_matrix(&self) -> bool {
        self.basis.matrix_reported_by.is_some()
    }

    fn base(&self, year: i32) -> String {
        format!(
            "source = {} AND vintage = {} AND period_year = {year} AND period_month IS NULL",
            lit(&self.basis.source),
            lit(&self.basis.vintage)
        )
    }

    fn matrix_cond(&self) -> Option<String> {
        self.basis.matrix_reported_by.as_ref().map(|rb| {
            format!(
                "reported_by = {} AND trade_flow = {} AND exporter <> 0 AND importer <> 0",
                lit(rb),
                lit(matrix_flow(rb))
            )
        })
    }

    async fn table(&self, cond: &str) -> Result<Option<Table>> {
        let rows = self
            .engine
            .sql(&format!(
                "SELECT product, product_level AS lvl, sum(value_usd) AS v FROM flows WHERE {cond} GROUP BY 1, 2"
            ))
            .await?;
        let (p, l, v) = (
            strings(&rows, "product")?,
            i64s(&rows, "lvl")?,
            f64s(&rows, "v")?,
        );
        if p.is_empty() {
            return Ok(None);
        }
        let cv: Vec<CodeValue> = (0..p.len())
            .map(|i| CodeValue {
                code: p[i].clone(),
                level: l[i].unwrap_or(0) as u8,
                value: v[i].unwrap_or(0.0),
            })
            .collect();
        Ok(Some(Table {
            by_code: breakdown(&cv, self.level).by_code,
            total: total(&cv),
            detail: cv.iter().any(|r| r.level >= 2),
        }))
    }

    /// Exports of `c` to the world by product in `year`.
    pub async fn exports(&self, c: &[u16], year: i32) -> Result<Option<Table>> {
        let cc = codes(c);
        let cond = match self.matrix_cond() {
            Some(m) => format!(
                "{} AND {m} AND exporter IN {cc} AND importer NOT IN {cc}",
                self.base(year)
            ),
            None => format!(
                "{} AND reported_by = 'exporter' AND trade_flow = 'X' AND exporter IN {cc} AND importer = 0",
                self.base(year)
            ),
        };
        self.table(&cond).await
    }

    /// Imports of `c` from the world by product in `year`.
    pub async fn imports(&self, c: &[u16], year: i32) -> Result<Option<Table>> {
        let cc = codes(c);
        let cond = match self.matrix_cond() {
            Some(m) => format!(
                "{} AND {m} AND importer IN {cc} AND exporter NOT IN {cc}",
                self.base(year)
            ),
            None => format!(
                "{} AND reported_by = 'importer' AND trade_flow = 'M' AND importer IN {cc} AND exporter = 0",
                self.base(year)
            ),
        };
        self.table(&cond).await
    }

    /// Flows from `a` to `b` by product in `year`: the matrix's, else `a`'s own export reports,
    /// else `b`'s import reports (the mirror), else reconciled flows (a partial BACI extract). Returns the table and whose reports it is.
    pub async fn bilateral(
        &self,
        a: &[u16],
        b: &[u16],
        year: i32,
    ) -> Result<Option<(Table, String)>> {
        let pair = format!("exporter IN {} AND importer IN {}", codes(a), codes(b));
        if let Some(m) = self.matrix_cond() {
            let t = self
                .table(&format!("{} AND {m} AND {pair}", self.base(year)))
                .await?;
            let rb = self.basis.matrix_reported_by.clone().unwrap_or_default();
            return Ok(t.map(|t| (t, format!("{rb} reports"))));
        }
        for (rb, flow, who) in [
            ("exporter", "X", "exporter's reports"),
            ("importer", "M", "importer's reports (mirror)"),
            ("reconciled", "X", "reconciled flows"),
        ] {
            let t = self
                .table(&format!(
                    "{} AND reported_by = '{rb}' AND trade_flow = '{flow}' AND {pair}",
                    self.base(year)
                ))
                .await?;
            if let Some(t) = t {
                return Ok(Some((t, who.to_string())));
            }
        }
        Ok(None)
    }

    /// World trade by product in `year` (matrix only): Σ over every exporter of the matrix.
    pub async fn world_by_product(&self, year: i32) -> Result<Option<Table>> {
        match self.matrix_cond() {
            Some(m) => self.table(&format!("{} AND {m}", self.base(year))).await,
            None => Ok(None),
        }
    }

    /// World imports in total in `year`: the matrix's total, else the sum of every country's
    /// reported imports from the World when at least [`MIN_MATRIX_COUNTRIES`] countries report
    /// them. Returns the value and how it was obtained.
    pub async fn world_imports_total(&self, year: i32) -> Result<Option<(f64, String)>> {
        if self.has_matrix() {
            return Ok(self
                .world_by_product(year)
                .await?
                .map(|t| (t.total, "sum over the world matrix".to_string())));
        }
        let rows = self
            .engine
            .sql(&format!(
                "SELECT importer, product, product_level AS lvl, sum(value_usd) AS v FROM flows WHERE {} \
                 AND reported_by = 'importer' AND trade_flow = 'M' AND exporter = 0 AND importer <> 0 GROUP BY 1, 2, 3",
                self.base(year)
            ))
            .await?;
        let by = crate::levels::code_values_by_importer(&rows)?;
        if by.len() < MIN_MATRIX_COUNTRIES {
            return Ok(None);
        }
        let n = by.len();
        Ok(Some((
            by.values().map(|r| total(r)).sum(),
            format!("sum of {n} countries' reported imports from the World"),
        )))
    }

    /// Years among `year−2..=year` in which `a` exports to `b` in this source and vintage.
    pub async fn years_with_pair(&self, a: &[u16], b: &[u16], year: i32) -> Result<Vec<i32>> {
        let rows = self
            .engine
            .sql(&format!(
                "SELECT DISTINCT period_year AS y FROM pairs WHERE source = {} AND vintage = {} \
                 AND period_year BETWEEN {} AND {year} AND ((exporter IN {a} AND importer IN {b}) OR (exporter IN {b} AND importer IN {a})) ORDER BY 1",
                lit(&self.basis.source),
                lit(&self.basis.vintage),
                year - 2,
                a = codes(a),
                b = codes(b),
            ))
            .await?;
        Ok(i64s(&rows, "y")?
            .into_iter()
            .flatten()
            .map(|y| y as i32)
            .collect())
    }

    /// Names of `codes` from the source's dictionary (else any source's), English.
    pub async fn names(&self, wanted: &[String]) -> Result<BTreeMap<String, String>> {
        if wanted.is_empty() {
            return Ok(BTreeMap::new());
        }
        let list: Vec<String> = wanted.iter().map(|c| lit(c)).collect();
        let rows = self
            .engine
            .sql(&format!(
                "SELECT code, name, source = {s} AS own FROM products WHERE lang = 'en' AND code IN ({l}) ORDER BY own, name",
                s = lit(&self.basis.source),
                l = list.join(", ")
            ))
            .await?;
        let (code, name) = (strings(&rows, "code")?, strings(&rows, "name")?);
        Ok(code.into_iter().zip(name).collect())
    }
}

/// The built-in official chapter or heading name when no dictionary names the code, else
/// `HS <code>` (six-digit codes no source names).
pub(crate) fn fallback_name(code: &str) -> String {
    bilat_model::hs::official_name(code, bilat_model::Lang::En)
        .map_or_else(|| format!("HS {code}"), str::to_string)
}
