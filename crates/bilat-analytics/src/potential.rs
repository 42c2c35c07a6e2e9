//! Product export potential of a pair from the warehouse, both directions (formulas and the
//! simplifications versus Decreux & Spies 2016 in `formulas/potential.rs`).

use bilat_model::{HsLevel, Place};
use bilat_warehouse::QueryEngine;
use serde::Serialize;

use crate::formulas::indicators::{ProductValues, trade_intensity};
use crate::formulas::potential::{
    PotentialInputs, ProductPotential, mean_over_years, open_world_imports, product_potential,
};
use crate::indicators::IndicatorProvenance;
use crate::profile::{Side, side};
use crate::world::{World, fallback_name};
use crate::{Error, Result};

/// The ease factor of the potential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Ease {
    /// The pair's aggregate trade intensity TII_ij (the default, as DESIGN §3).
    #[default]
    Intensity,
    /// 1: potential as if the pair traded like the average pair (supply × demand only).
    One,
}

/// What to compute.
#[derive(Debug, Clone)]
pub struct PotentialRequest {
    /// Country A.
    pub a: Place,
    /// Country B.
    pub b: Place,
    /// Year t of supply, demand and ease.
    pub year: i32,
    /// HS level (6 as ITC by default).
    pub level: HsLevel,
    /// The ease factor.
    pub ease: Ease,
    /// Products listed per direction (totals are over every product).
    pub top: usize,
    /// Products with supply below this (USD) are left out.
    pub min_supply_usd: f64,
    /// Restrict to one source.
    pub source: Option<String>,
}

impl PotentialRequest {
    /// Defaults: HS6, ease = trade intensity, top 20, no supply floor, automatic source.
    pub fn new(a: Place, b: Place, year: i32) -> Self {
        PotentialRequest {
            a,
            b,
            year,
            level: HsLevel::Hs6,
            ease: Ease::Intensity,
            top: 20,
            min_supply_usd: 0.0,
            source: None,
        }
    }
}

/// Potential of one direction, exporter → importer.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DirectionPotential {
    /// Exporter (alpha-3 or group id).
    pub exporter: String,
    /// Importer.
    pub importer: String,
    /// Ease factor used (trade intensity in year t, or 1).
    pub ease: f64,
    /// Years averaged for `actual` (up to t−2..t, those loaded).
    pub actual_years: Vec<i32>,
    /// Σ potential over every product, USD.
    pub potential_usd: f64,
    /// Σ actual (mean over `actual_years`) over the same products, USD.
    pub actual_usd: f64,
    /// Σ untapped over every product, USD.
    pub untapped_usd: f64,
    /// Products with a potential computed (exporter supplies them, world imports them).
    pub product_count: usize,
    /// The `top` products by untapped value.
    pub products: Vec<ProductPotential>,
}

/// Export potential of A and B with each other. Field names are a stable JSON interface.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ProductPotentialReport {
    /// Country A.
    pub reporter: Side,
    /// Country B.
    pub partner: Side,
    /// Year t.
    pub year: i32,
    /// HS level.
    pub level: u8,
    /// The ease factor asked for.
    pub ease: Ease,
    /// Where the figures come from.
    pub provenance: IndicatorProvenance,
    /// A → B, then B → A.
    pub directions: Vec<DirectionPotential>,
    /// Caveats.
    pub notes: Vec<String>,
}

/// Computes the product potential of both directions (see `formulas/potential.rs`). Needs a complete
/// world matrix (world imports by product); otherwise [`Error::NoData`] says so.
pub async fn product_potential_report(
    engine: &QueryEngine,
    req: &PotentialRequest,
) -> Result<ProductPotentialReport> {
    let (sa, sb) = (side(&req.a), side(&req.b));
    if sa.members.is_empty() || sb.members.is_empty() {
        return Err(Error::bad_pair(
            "potential needs two countries or groups, not the World",
        ));
    }
    if sa.members.iter().any(|m| sb.members.contains(m)) {
        return Err(Error::bad_pair(format!(
            "{} and {} overlap; a pair needs two distinct sides",
            sa.code, sb.code
        )));
    }
    let w = World::open(
        engine,
        &sa.members,
        req.year,
        req.level,
        req.source.as_deref(),
    )
    .await?;
    let Some(world) = w.world_by_product(req.year).await? else {
        return Err(Error::no_data(
            None,
            format!(
                "product potential is not available: it needs world imports by product in {}, i.e. a \
             complete world matrix (≥ {} countries, ≥ {} HS chapters in one view, e.g. a full BACI \
             year); {} {} has {}",
                req.year,
                crate::world::MIN_MATRIX_COUNTRIES,
                crate::world::MIN_MATRIX_CHAPTERS,
                w.basis.source,
                w.basis.vintage,
                w.basis.basis
            ),
        ));
    };
    let years = w
        .years_with_pair(&sa.members, &sb.members, req.year)
        .await?;
    let mut notes = vec![format!(
        "supply, demand and ease from {}; actual = mean over {}",
        req.year,
        years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    )];
    let mut directions = Vec::new();
    let mut wanted = Vec::new();
    for (i, j) in [(&sa, &sb), (&sb, &sa)] {
        let supply = w.exports(&i.members, req.year).await?.unwrap_or_default();
        let market = w.imports(&j.members, req.year).await?.unwrap_or_default();
        let own = w.imports(&i.members, req.year).await?.unwrap_or_default();
        let open_world = open_world_imports(&world.by_code, &own.by_code);
        let x_ij = w
            .bilateral(&i.members, &j.members, req.year)
            .await?
            .map_or(0.0, |t| t.0.total);
        let ease = match req.ease {
            Ease::One => 1.0,
            Ease::Intensity => match trade_intensity(x_ij, supply.total, market.total, world.total)
            {
                Some(v) => v,
                None => {
                    notes.push(format!(
                        "{} → {}: trade intensity undefined (no exports or imports); potential is 0",
                        i.code, j.code
                    ));
                    0.0
                }
            },
        };
        let mut actual_years: Vec<ProductValues> = Vec::new();
        for y in &years {
            actual_years.push(
                w.bilateral(&i.members, &j.members, *y)
                    .await?
                    .map(|t| t.0.by_code)
                    .unwrap_or_default(),
            );
        }
        let actual = mean_over_years(&actual_years);
        let all = product_potential(&PotentialInputs {
            supply: &supply.by_code,
            market_imports: &market.by_code,
            world_imports: &open_world,
            ease,
            actual: &actual,
            min_supply_usd: req.min_supply_usd,
        });
        let products: Vec<ProductPotential> = all.iter().take(req.top).cloned().collect();
        wanted.extend(products.iter().map(|p| p.code.clone()));
        directions.push(DirectionPotential {
            exporter: i.code.clone(),
            importer: j.code.clone(),
            ease,
            actual_years: years.clone(),
            potential_usd: all.iter().map(|p| p.potential_usd).sum(),
            actual_usd: all.iter().map(|p| p.actual_usd).sum(),
            untapped_usd: all.iter().map(|p| p.untapped_usd).sum(),
            product_count: all.len(),
            products,
        });
    }
    wanted.sort();
    wanted.dedup();
    let names = w.names(&wanted).await?;
    for d in &mut directions {
        for p in &mut d.products {
            p.name = names
                .get(&p.code)
                .cloned()
                .unwrap_or_else(|| fallback_name(&p.code));
        }
    }
    let provenance = IndicatorProvenance {
        source: w.basis.source.clone(),
        vintage: w.basis.vintage.clone(),
        label: w.basis.label.clone(),
        pair_view: w.basis.basis.clone(),
        world: w.basis.clone(),
        unit: "USD".into(),
    };
    Ok(ProductPotentialReport {
        reporter: sa,
        partner: sb,
        year: req.year,
        level: req.level.digits(),
        ease: req.ease,
        provenance,
        directions,
        notes,
    })
}

/// Potential for a briefing: both directions' totals and their five largest untapped HS4
/// products, with ease = trade intensity. `Ok(None)` when the warehouse cannot support it (no
/// complete world matrix for the year, or no flows of A at all), so a brief can simply leave
/// the paragraph out; other errors (engine failures, a bad pair) are returned.
///
/// ```no_run
/// # async fn f(engine: &bilat_warehouse::QueryEngine) -> bilat_analytics::Result<()> {
/// let by = bilat_model::resolve_place("BLR").unwrap();
/// let kz = bilat_model::resolve_place("KAZ").unwrap();
/// if let Some(p) = bilat_analytics::potential_summary(engine, &by, &kz, 2018).await? {
///     println!("untapped BLR→KAZ: {:.0}", p.directions[0].untapped_usd);
/// }
/// # Ok(()) }
/// ```
pub async fn potential_summary(
    engine: &QueryEngine,
    a: &Place,
    b: &Place,
    year: i32,
) -> Result<Option<ProductPotentialReport>> {
    let mut req = PotentialRequest::new(a.clone(), b.clone(), year);
    req.level = HsLevel::Hs4;
    req.top = 5;
    match product_potential_report(engine, &req).await {
        Ok(r) => Ok(Some(r)),
        Err(Error::NoData { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// One market's potential for a product (see [`markets_for_product`]).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MarketPotential {
    /// Importer alpha-3 (or ISO numeric when unknown).
    pub importer: String,
    /// The potential of the exporter's product in this market, USD.
    pub potential: ProductPotential,
}

/// Every market's potential for one product `code` (at `level` digits) of exporter `a` in
/// `year`, the other view of the Export Potential Map ("where to sell k"), ranked by potential.
/// With [`Ease::One`], Σ over markets (every country but a) of the potential = a's world exports of the product (the
/// matrix identity of `formulas/potential.rs`). Needs a world matrix, else [`Error::NoData`].
pub async fn markets_for_product(
    engine: &QueryEngine,
    a: &Place,
    code: &str,
    year: i32,
    ease: Ease,
    source: Option<&str>,
) -> Result<Vec<MarketPotential>> {
    use crate::query::{codes, lit};
    let level = code.len() as u8;
    let Some(hs) = HsLevel::from_digits(level) else {
        return Err(Error::BadRequest {
            field: crate::RequestField::Product,
            message: format!("{code:?} is not an HS code of 2, 4 or 6 digits"),
        });
    };
    let sa = side(a);
    let w = World::open(engine, &sa.members, year, hs, source).await?;
    let (Some(world), Some(rb)) = (
        w.world_by_product(year).await?,
        w.basis.matrix_reported_by.clone(),
    ) else {
        return Err(Error::no_data(
            None,
            format!(
                "markets for a product need a world matrix; {} {} has {}",
                w.basis.source, w.basis.vintage, w.basis.basis
            ),
        ));
    };
    let supply = w.exports(&sa.members, year).await?.unwrap_or_default();
    let own = w.imports(&sa.members, year).await?.unwrap_or_default();
    let open_world = open_world_imports(&world.by_code, &own.by_code);
    let rows = engine
        .sql(&format!(
            "SELECT importer, product, product_level AS lvl, sum(value_usd) AS v FROM flows \
             WHERE source = {s} AND vintage = {v} AND period_year = {year} AND period_month IS NULL \
             AND reported_by = {r} AND trade_flow = {f} AND exporter <> 0 AND importer <> 0 \
             AND exporter <> importer AND importer NOT IN {ac} GROUP BY 1, 2, 3",
            s = lit(&w.basis.source),
            v = lit(&w.basis.vintage),
            r = lit(&rb),
            f = lit(if rb == "importer" { "M" } else { "X" }),
            ac = codes(&sa.members),
        ))
        .await?;
    let by = crate::levels::code_values_by_importer(&rows)?;
    let only = |t: &ProductValues| -> ProductValues {
        t.get(code)
            .map(|v| [(code.to_string(), *v)].into_iter().collect())
            .unwrap_or_default()
    };
    let supply_k = only(&supply.by_code);
    let mut out = Vec::new();
    for (j, rows) in by {
        let m_j = crate::levels::breakdown(&rows, level).by_code;
        let ease_ij = match ease {
            Ease::One => 1.0,
            Ease::Intensity => {
                let x_ij = w
                    .bilateral(&sa.members, &[j as u16], year)
                    .await?
                    .map_or(0.0, |t| t.0.total);
                trade_intensity(x_ij, supply.total, crate::levels::total(&rows), world.total)
                    .unwrap_or(0.0)
            }
        };
        let mut r = product_potential(&PotentialInputs {
            supply: &supply_k,
            market_imports: &only(&m_j),
            world_imports: &open_world,
            ease: ease_ij,
            actual: &ProductValues::new(),
            min_supply_usd: 0.0,
        });
        if let Some(potential) = r.pop() {
            out.push(MarketPotential {
                importer: bilat_model::country_by_code(j as u16)
                    .map_or_else(|| j.to_string(), |c| c.alpha3.to_string()),
                potential,
            });
        }
    }
    out.sort_by(|x, y| {
        y.potential
            .potential_usd
            .total_cmp(&x.potential.potential_usd)
            .then(x.importer.cmp(&y.importer))
    });
    Ok(out)
}
