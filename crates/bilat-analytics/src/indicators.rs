//! The indicators of a pair (A, B) in a year, from the warehouse or from a country × product
//! exports file, each either a number or the reason it is not available.
//!
//! Formulas: `formulas/indicators.rs` (DESIGN §3). Inputs and their bases: `world.rs`.

use std::collections::BTreeMap;
use std::path::Path;

use bilat_model::{HsLevel, Place};
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::csv_file::{CsvFile, bad_file};
use crate::figures::hhi;
use crate::formulas::indicators::{
    ProductValues, grubel_lloyd, products_exported, rca, trade_complementarity, trade_intensity,
};
use crate::profile::{Side, side};
use crate::world::{Table, World, WorldBasis, fallback_name};
use crate::{Error, Result};

/// A figure, or why the data at hand cannot give it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Avail<T> {
    /// The computed value.
    Available(T),
    /// Not available: `needs` says what data would be required.
    NotAvailable {
        /// What is missing, e.g. "world exports by product (a BACI year or a complete matrix)".
        needs: String,
    },
}

impl<T> Avail<T> {
    /// The value, if available.
    pub fn value(&self) -> Option<&T> {
        match self {
            Avail::Available(v) => Some(v),
            Avail::NotAvailable { .. } => None,
        }
    }

    fn needs(s: impl Into<String>) -> Self {
        Avail::NotAvailable { needs: s.into() }
    }
}

/// One product's revealed comparative advantage.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RcaLine {
    /// HS code at the level (or the file's product code).
    pub code: String,
    /// Product name.
    pub name: String,
    /// The country's exports of the product to the world, USD (file units for `--data`).
    pub exports_usd: f64,
    /// World exports of the product, same unit.
    pub world_exports_usd: f64,
    /// Balassa RCA = (x_ik / X_i) / (x_wk / X_w).
    pub rca: f64,
}

/// A country's RCA over every product it exports, highest first.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RcaTable {
    /// Products with RCA ≥ 1 (revealed comparative advantage).
    pub products_with_advantage: usize,
    /// Every product, by RCA descending then code.
    pub products: Vec<RcaLine>,
}

/// One product's Grubel–Lloyd index in the pair's trade.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GlLine {
    /// HS code at the level.
    pub code: String,
    /// Product name.
    pub name: String,
    /// A's exports to B, USD.
    pub exports_usd: f64,
    /// A's imports from B, USD.
    pub imports_usd: f64,
    /// GL_k = 1 − |X_k − M_k| / (X_k + M_k).
    pub gl: f64,
}

/// Intra-industry trade of the pair.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct GlTable {
    /// Σ (X_k + M_k)·GL_k / Σ (X_k + M_k).
    pub aggregate: f64,
    /// Products traded both ways or either way, by X_k + M_k descending.
    pub products: Vec<GlLine>,
}

/// Where the indicators come from.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IndicatorProvenance {
    /// Source family (or the file path for `--data`).
    pub source: String,
    /// Release.
    pub vintage: String,
    /// How world and country figures were obtained (see `WorldBasis`).
    pub world: WorldBasis,
    /// Whose reports the pair's flows come from.
    pub pair_view: String,
    /// Unit of every `*_usd` field.
    pub unit: String,
    /// "demo data (generated)" on the demo world.
    pub label: Option<String>,
}

/// Indicators of A and B (DESIGN §3). Field names are a stable JSON interface.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PairIndicators {
    /// Country A.
    pub reporter: Side,
    /// Country B.
    pub partner: Side,
    /// Year.
    pub year: i32,
    /// HS level of the product figures.
    pub level: u8,
    /// Where the figures come from.
    pub provenance: IndicatorProvenance,
    /// A's RCA by product.
    pub rca_reporter: Avail<RcaTable>,
    /// B's RCA by product.
    pub rca_partner: Avail<RcaTable>,
    /// TII of A's exports to B.
    pub intensity_reporter_to_partner: Avail<f64>,
    /// TII of B's exports to A.
    pub intensity_partner_to_reporter: Avail<f64>,
    /// TC of A's exports with B's imports (0..100).
    pub complementarity_reporter_to_partner: Avail<f64>,
    /// TC of B's exports with A's imports (0..100).
    pub complementarity_partner_to_reporter: Avail<f64>,
    /// Grubel–Lloyd of the pair's trade.
    pub grubel_lloyd: Avail<GlTable>,
    /// HHI of A's exports to the world over products at `level` (0..1).
    pub hhi_reporter: Avail<f64>,
    /// HHI of B's exports to the world.
    pub hhi_partner: Avail<f64>,
    /// Products A exports to the world (positive value at `level`).
    pub products_exported_reporter: Avail<usize>,
    /// Products B exports to the world.
    pub products_exported_partner: Avail<usize>,
    /// Caveats.
    pub notes: Vec<String>,
}

/// Computes the pair's indicators from the warehouse (see `world.rs` for the bases).
pub async fn pair_indicators(
    engine: &QueryEngine,
    a: &Place,
    b: &Place,
    year: i32,
    level: HsLevel,
    source: Option<&str>,
) -> Result<PairIndicators> {
    let (sa, sb) = (side(a), side(b));
    check_pair(&sa, &sb)?;
    let w = World::open(engine, &sa.members, year, level, source).await?;
    let mut notes = Vec::new();
    let xa = w.exports(&sa.members, year).await?;
    let xb = w.exports(&sb.members, year).await?;
    let ma = w.imports(&sa.members, year).await?;
    let mb = w.imports(&sb.members, year).await?;
    let world = w.world_by_product(year).await?;
    let mw = w.world_imports_total(year).await?;
    let ab = w.bilateral(&sa.members, &sb.members, year).await?;
    let ba = w.bilateral(&sb.members, &sa.members, year).await?;
    // By-product indicators need product detail, not only a TOTAL row.
    let detail = |t: &Option<Table>| t.clone().filter(|t| t.detail);
    let (xa_p, xb_p, ma_p, mb_p) = (detail(&xa), detail(&xb), detail(&ma), detail(&mb));
    let pair_view = match (&ab, &ba) {
        (Some((_, x)), Some((_, y))) if x == y => x.clone(),
        (x, y) => format!(
            "exports: {}; imports: {}",
            x.as_ref().map_or("none", |t| t.1.as_str()),
            y.as_ref().map_or("none", |t| t.1.as_str())
        ),
    };
    if let Some((_, how)) = &mw {
        notes.push(format!("world imports: {how}"));
    }
    let mut wanted: Vec<String> = [&xa, &xb, &world]
        .iter()
        .filter_map(|t| t.as_ref())
        .flat_map(|t| t.by_code.keys().cloned())
        .chain(
            ab.iter()
                .chain(&ba)
                .flat_map(|t| t.0.by_code.keys().cloned()),
        )
        .collect();
    wanted.sort();
    wanted.dedup();
    let names = w.names(&wanted).await?;
    let name = |k: &str| names.get(k).cloned().unwrap_or_else(|| fallback_name(k));
    let no_world = "world exports by product: a complete world matrix (e.g. a full BACI year); \
                    this source has none for the year";
    let rca_of = |x: &Option<Table>, who: &str| match (x, &world) {
        (None, _) => Avail::needs(format!("{who}'s exports to the world by product")),
        (_, None) => Avail::needs(no_world),
        (Some(x), Some(wt)) => rca_table(&x.by_code, &wt.by_code, &name),
    };
    let tii = |x: &Option<(Table, String)>,
               xi: &Option<Table>,
               mj: &Option<Table>,
               i: &str,
               j: &str| {
        let Some(xi) = xi else {
            return Avail::needs(format!("{i}'s total exports to the world"));
        };
        let Some(mj) = mj else {
            return Avail::needs(format!("{j}'s total imports from the world"));
        };
        let Some((m_w, _)) = &mw else {
            return Avail::needs(
                "world imports in total: a world matrix or every country's imports from the World",
            );
        };
        let x_ij = x.as_ref().map_or(0.0, |t| t.0.total);
        match trade_intensity(x_ij, xi.total, mj.total, *m_w) {
            Some(v) => Avail::Available(v),
            None => Avail::needs(format!(
                "positive totals of {i}'s exports and {j}'s imports"
            )),
        }
    };
    let tc = |xi: &Option<Table>, mj: &Option<Table>, i: &str, j: &str| match (xi, mj) {
        (None, _) => Avail::needs(format!("{i}'s exports to the world by product")),
        (_, None) => Avail::needs(format!("{j}'s imports from the world by product")),
        (Some(x), Some(m)) => trade_complementarity(&x.by_code, &m.by_code).map_or_else(
            || Avail::needs("positive trade on both sides"),
            Avail::Available,
        ),
    };
    let div = |x: &Option<Table>, who: &str| -> (Avail<f64>, Avail<usize>) {
        match x {
            None => (
                Avail::needs(format!("{who}'s exports to the world by product")),
                Avail::needs(format!("{who}'s exports to the world by product")),
            ),
            Some(t) => (
                hhi(t.by_code.values().copied())
                    .map_or_else(|| Avail::needs("positive exports"), Avail::Available),
                Avail::Available(products_exported(&t.by_code)),
            ),
        }
    };
    let gl = match (&ab, &ba) {
        (None, None) => Avail::needs("the pair's flows by product"),
        _ => {
            let empty = ProductValues::new();
            let x = ab.as_ref().map_or(&empty, |t| &t.0.by_code);
            let m = ba.as_ref().map_or(&empty, |t| &t.0.by_code);
            gl_table(x, m, &name)
        }
    };
    let (ha, na) = div(&xa_p, &sa.code);
    let (hb, nb) = div(&xb_p, &sb.code);
    let provenance = IndicatorProvenance {
        source: w.basis.source.clone(),
        vintage: w.basis.vintage.clone(),
        label: w.basis.label.clone(),
        world: w.basis.clone(),
        pair_view,
        unit: "USD".into(),
    };
    Ok(PairIndicators {
        rca_reporter: rca_of(&xa_p, &sa.code),
        rca_partner: rca_of(&xb_p, &sb.code),
        intensity_reporter_to_partner: tii(&ab, &xa, &mb, &sa.code, &sb.code),
        intensity_partner_to_reporter: tii(&ba, &xb, &ma, &sb.code, &sa.code),
        complementarity_reporter_to_partner: tc(&xa_p, &mb_p, &sa.code, &sb.code),
        complementarity_partner_to_reporter: tc(&xb_p, &ma_p, &sb.code, &sa.code),
        grubel_lloyd: gl,
        hhi_reporter: ha,
        hhi_partner: hb,
        products_exported_reporter: na,
        products_exported_partner: nb,
        reporter: sa,
        partner: sb,
        year,
        level: level.digits(),
        provenance,
        notes,
    })
}

fn check_pair(a: &Side, b: &Side) -> Result<()> {
    if a.members.is_empty() || b.members.is_empty() {
        return Err(Error::bad_pair(
            "indicators need two countries or groups, not the World",
        ));
    }
    if a.members.iter().any(|m| b.members.contains(m)) {
        return Err(Error::bad_pair(format!(
            "{} and {} overlap; a pair needs two distinct sides",
            a.code, b.code
        )));
    }
    Ok(())
}

fn rca_table(
    x: &ProductValues,
    world: &ProductValues,
    name: &dyn Fn(&str) -> String,
) -> Avail<RcaTable> {
    let Some(r) = rca(x, world) else {
        return Avail::needs("positive exports of the country and of the world");
    };
    let mut products: Vec<RcaLine> = r
        .into_iter()
        .map(|(k, v)| RcaLine {
            name: name(&k),
            exports_usd: x[&k],
            world_exports_usd: world[&k],
            rca: v,
            code: k,
        })
        .collect();
    products.sort_by(|a, b| b.rca.total_cmp(&a.rca).then(a.code.cmp(&b.code)));
    Avail::Available(RcaTable {
        products_with_advantage: products.iter().filter(|p| p.rca >= 1.0).count(),
        products,
    })
}

fn gl_table(x: &ProductValues, m: &ProductValues, name: &dyn Fn(&str) -> String) -> Avail<GlTable> {
    let g = grubel_lloyd(x, m);
    let Some(aggregate) = g.aggregate else {
        return Avail::needs("positive trade between the pair");
    };
    let mut products: Vec<GlLine> = g
        .by_product
        .into_iter()
        .map(|(k, gl)| GlLine {
            name: name(&k),
            exports_usd: x.get(&k).copied().unwrap_or(0.0),
            imports_usd: m.get(&k).copied().unwrap_or(0.0),
            gl,
            code: k,
        })
        .collect();
    products.sort_by(|a, b| {
        (b.exports_usd + b.imports_usd)
            .total_cmp(&(a.exports_usd + a.imports_usd))
            .then(a.code.cmp(&b.code))
    });
    Avail::Available(GlTable {
        aggregate,
        products,
    })
}

/// Country × product exports to the world read from a file (e.g. the `economiccomplexity`
/// `world_trade_avg_1998_to_2000.csv`: `country,product,value`), for the indicators that need
/// nothing else: RCA, HHI and the number of products.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CountryProductTable {
    /// Exports by country (as written in the file, lower-cased) and product code (text).
    pub exports: BTreeMap<String, ProductValues>,
}

impl CountryProductTable {
    /// Reads a CSV with a header naming a country column (`country`, `exporter`, `reporter`,
    /// `iso`, `i`), a product column (`product`, `commodity`, `code`, `k`) and a value column
    /// (`value`, `v`, `exports`, `trade`). Product codes stay text (leading zeros kept).
    /// Errors carry `file:line:column`.
    pub fn read_csv(path: &Path) -> Result<CountryProductTable> {
        let mut f = CsvFile::open(path)?;
        let ci = f.need(&["country", "exporter", "reporter", "iso", "i"], "country")?;
        let pi = f.need(&["product", "commodity", "code", "k"], "product")?;
        let vi = f.need(&["value", "v", "exports", "trade"], "value")?;
        let shown = f.shown.clone();
        let bad =
            |line: u64, column: usize, message: String| bad_file(&shown, line, column, message);
        let mut out = CountryProductTable::default();
        for rec in f.records() {
            let (line, rec) = rec?;
            let v = rec.get(vi).unwrap_or("").trim();
            let value: f64 = match v {
                "" | "NA" => continue,
                _ => v
                    .parse()
                    .map_err(|_| bad(line, vi + 1, format!("value {v:?} is not a number")))?,
            };
            if !value.is_finite() || value < 0.0 {
                return Err(bad(
                    line,
                    vi + 1,
                    format!("value {v:?} must be a non-negative number"),
                ));
            }
            let c = rec.get(ci).unwrap_or("").trim().to_ascii_lowercase();
            let p = rec.get(pi).unwrap_or("").trim().to_string();
            *out.exports.entry(c).or_default().entry(p).or_default() += value;
        }
        if out.exports.is_empty() {
            return Err(bad(1, 0, "no rows".into()));
        }
        Ok(out)
    }

    /// The file's row key of a place: its alpha-3 code, lower-cased, when the file has it.
    fn key_of(&self, s: &Side) -> Option<String> {
        let k = s.code.to_ascii_lowercase();
        self.exports.contains_key(&k).then_some(k)
    }

    /// RCA, HHI and products exported of A and B, with world exports = the sum over the file's
    /// countries; the bilateral indicators are reported as not available.
    pub fn pair_indicators(&self, path: &Path, a: &Place, b: &Place) -> Result<PairIndicators> {
        let (sa, sb) = (side(a), side(b));
        check_pair(&sa, &sb)?;
        let mut world = ProductValues::new();
        for by in self.exports.values() {
            for (k, v) in by {
                *world.entry(k.clone()).or_default() += v;
            }
        }
        let name = |k: &str| format!("product {k}");
        let per = |s: &Side| -> (Avail<RcaTable>, Avail<f64>, Avail<usize>) {
            match self.key_of(s) {
                None => {
                    let n = format!(
                        "{} in the file (as a lower-case alpha-3 country code)",
                        s.code
                    );
                    (
                        Avail::needs(n.clone()),
                        Avail::needs(n.clone()),
                        Avail::needs(n),
                    )
                }
                Some(k) => {
                    let x = &self.exports[&k];
                    (
                        rca_table(x, &world, &name),
                        hhi(x.values().copied())
                            .map_or_else(|| Avail::needs("positive exports"), Avail::Available),
                        Avail::Available(products_exported(x)),
                    )
                }
            }
        };
        let (ra, ha, na) = per(&sa);
        let (rb, hb, nb) = per(&sb);
        let only =
            "bilateral flows and imports by product (the file holds exports to the world only)";
        let shown = path.display().to_string();
        Ok(PairIndicators {
            reporter: sa,
            partner: sb,
            year: 0,
            level: 0,
            provenance: IndicatorProvenance {
                source: shown.clone(),
                vintage: "file".into(),
                world: WorldBasis {
                    source: shown,
                    vintage: "file".into(),
                    basis: format!("sum over the file's {} countries", self.exports.len()),
                    matrix_reported_by: None,
                    exporters: self.exports.len(),
                    chapters: 0,
                    label: None,
                },
                pair_view: "none".into(),
                unit: "the file's value unit".into(),
                label: None,
            },
            rca_reporter: ra,
            rca_partner: rb,
            intensity_reporter_to_partner: Avail::needs(only),
            intensity_partner_to_reporter: Avail::needs(only),
            complementarity_reporter_to_partner: Avail::needs(only),
            complementarity_partner_to_reporter: Avail::needs(only),
            grubel_lloyd: Avail::needs(only),
            hhi_reporter: ha,
            hhi_partner: hb,
            products_exported_reporter: na,
            products_exported_partner: nb,
            notes: vec![format!(
                "products are the file's own codes ({} distinct), not HS levels",
                world.len()
            )],
        })
    }
}
