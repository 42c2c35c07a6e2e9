//! Product-level export potential (supply × demand × ease), after ITC's Export Potential Map
//! (Decreux & Spies 2016), DESIGN §3.
//!
//! ```text
//! potential_ijk = supply_ik × demand_jk × ease_ij
//!   supply_ik   = x_ik                 i's exports of k to the world, USD, year t
//!   demand_ijk  = m_jk / (M_wk − m_ik) j's share of the world imports of k open to i (all but
//!                                      i's own imports), year t
//!   ease_ij     = TII_ij               i–j trade intensity (x_ij/X_i)/(M_j/M_w), or 1
//! actual_ijk    = mean of x_ijk over the last up-to-3 years t−2..t that are loaded
//! untapped_ijk  = max(potential_ijk − actual_ijk, 0)
//! ```
//! With ease = 1, supply × demand distributes i's world exports of k over its possible markets
//! (every country but i) in proportion to their imports of k, so Σ_{j≠i} potential_ijk = x_ik
//! exactly when M_wk = Σ_j m_jk (the same world matrix): the identity the tests check. Dividing
//! by M_wk instead would leave i's own share of world imports undistributed.
//!
//! # Simplifications versus Decreux & Spies (2016)
//! | Decreux & Spies | here | why |
//! | --- | --- | --- |
//! | supply: i's exports of k projected 5 years ahead with IMF GDP growth, scaled by the growth of i's RCA between two sub-periods, a trade-surplus factor (so re-exporters do not count as producers) and i's global tariff disadvantage | i's exports of k in year t, as reported in the matrix; re-export flows (`RX`/`RM`) are never counted, but re-exports inside `X` flows are not removed | no GDP projections, tariffs or several years of RCA in the warehouse |
//! | demand: j's imports of k projected with GDP growth and price elasticities, adjusted for market access — tariffs faced by i relative to competitors and distance | j's share of the world imports of k open to i (world minus i's own), year t | no tariff, elasticity or distance data in the warehouse |
//! | ease: ratio of i's actual to hypothetical exports to j over all products (the bilateral "ease of trade") | aggregate trade intensity TII_ij | TII is that ratio when the hypothetical is j's share of world imports; the EPM's hypothetical uses its own adjusted supply and demand |
//! | values averaged over several years; products with tiny or volatile exports dropped by fixed thresholds | supply, demand and ease of year t; actual averaged over up to 3 years (t−2..t, those loaded); products with no exports from i in t excluded; `min_supply_usd` (default 0) drops small exporters | the warehouse may hold one year only; the threshold is exposed instead of fixed |
//! | potential and untapped by product and market, ranked | the same for one pair, both directions, plus markets for one product (`markets_for_product`) | — |
//!
//! # References
//! - Decreux, Y. & Spies, J. (2016). Export Potential Assessments: A methodology to identify
//!   export opportunities for developing countries. ITC Working Paper, Geneva.

use serde::Serialize;

use crate::formulas::indicators::ProductValues;

/// One product's export potential from i to j.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ProductPotential {
    /// HS code at the chosen level.
    pub code: String,
    /// Name from the source's dictionary, or `HS <code>`.
    pub name: String,
    /// Supply factor: i's exports of the product to the world in year t, USD.
    pub supply_usd: f64,
    /// Demand factor: j's share of the world imports of the product open to i (world minus i's
    /// own imports) in year t (0..1).
    pub demand_share: f64,
    /// Ease factor: i–j trade intensity in year t (or 1 when asked for).
    pub ease: f64,
    /// supply × demand × ease, USD.
    pub potential_usd: f64,
    /// i's exports of the product to j, mean over the years in `actual_years`, USD.
    pub actual_usd: f64,
    /// max(potential − actual, 0), USD.
    pub untapped_usd: f64,
}

/// Inputs of [`product_potential`] for one direction i → j, all at one HS level.
#[derive(Debug, Clone, Copy)]
pub struct PotentialInputs<'a> {
    /// x_ik: i's exports of each product to the world, year t, USD.
    pub supply: &'a ProductValues,
    /// m_jk: j's imports of each product from the world, year t, USD.
    pub market_imports: &'a ProductValues,
    /// M_wk − m_ik: world imports of each product less i's own, year t, USD (the same matrix as
    /// `market_imports`; see [`open_world_imports`]).
    pub world_imports: &'a ProductValues,
    /// ease_ij (trade intensity, or 1).
    pub ease: f64,
    /// Actual i → j exports by product, already averaged over the years used, USD.
    pub actual: &'a ProductValues,
    /// Products whose supply is below this are left out (Decreux & Spies drop tiny exporters).
    pub min_supply_usd: f64,
}

/// Export potential of every product i exports (supply > 0 and ≥ `min_supply_usd`) with
/// positive world imports, ranked by untapped value, then potential, then code. Names are
/// `HS <code>` here; callers replace them from a dictionary.
pub fn product_potential(inp: &PotentialInputs<'_>) -> Vec<ProductPotential> {
    let mut out: Vec<ProductPotential> = inp
        .supply
        .iter()
        .filter(|(_, s)| **s > 0.0 && **s >= inp.min_supply_usd)
        .filter_map(|(k, s)| {
            let mwk = *inp.world_imports.get(k)?;
            if mwk <= 0.0 {
                return None;
            }
            let demand = inp.market_imports.get(k).copied().unwrap_or(0.0).max(0.0) / mwk;
            let potential = s * demand * inp.ease;
            let actual = inp.actual.get(k).copied().unwrap_or(0.0);
            Some(ProductPotential {
                code: k.clone(),
                name: format!("HS {k}"),
                supply_usd: *s,
                demand_share: demand,
                ease: inp.ease,
                potential_usd: potential,
                actual_usd: actual,
                untapped_usd: (potential - actual).max(0.0),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.untapped_usd
            .total_cmp(&a.untapped_usd)
            .then(b.potential_usd.total_cmp(&a.potential_usd))
            .then(a.code.cmp(&b.code))
    });
    out
}

/// World imports of each product open to exporter i: M_wk − m_ik (never below 0).
pub fn open_world_imports(world: &ProductValues, own_imports: &ProductValues) -> ProductValues {
    world
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                (v - own_imports.get(k).copied().unwrap_or(0.0)).max(0.0),
            )
        })
        .collect()
}

/// Mean of each product over several years' tables; a product absent in a year counts as 0 in
/// that year (no trade), so the mean is over all the years given.
pub fn mean_over_years(years: &[ProductValues]) -> ProductValues {
    let mut out = ProductValues::new();
    if years.is_empty() {
        return out;
    }
    for y in years {
        for (k, v) in y {
            *out.entry(k.clone()).or_default() += v;
        }
    }
    let n = years.len() as f64;
    out.values_mut().for_each(|v| *v /= n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pv(items: &[(&str, f64)]) -> ProductValues {
        items.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn hand_case() {
        // i exports k1 100, k2 50; j imports 30 of the world's 120 of k1 and 0 of k2's 10.
        // Ease 2: potential k1 = 100 × 0.25 × 2 = 50; actual 20 → untapped 30. k2: 0.
        let supply = pv(&[("k1", 100.0), ("k2", 50.0), ("k3", 0.0)]);
        let mj = pv(&[("k1", 30.0)]);
        let mw = pv(&[("k1", 120.0), ("k2", 10.0), ("k3", 5.0)]);
        let actual = pv(&[("k1", 20.0), ("k2", 4.0)]);
        let r = product_potential(&PotentialInputs {
            supply: &supply,
            market_imports: &mj,
            world_imports: &mw,
            ease: 2.0,
            actual: &actual,
            min_supply_usd: 0.0,
        });
        assert_eq!(r.len(), 2, "k3 has no supply");
        assert_eq!(r[0].code, "k1");
        assert!((r[0].potential_usd - 50.0).abs() < 1e-12);
        assert!((r[0].untapped_usd - 30.0).abs() < 1e-12);
        assert_eq!(r[1].potential_usd, 0.0);
        assert_eq!(r[1].untapped_usd, 0.0);
        assert_eq!(r[1].actual_usd, 4.0);
    }

    #[test]
    fn min_supply_threshold() {
        let supply = pv(&[("k1", 100.0), ("k2", 5.0)]);
        let m = pv(&[("k1", 1.0), ("k2", 1.0)]);
        let r = product_potential(&PotentialInputs {
            supply: &supply,
            market_imports: &m,
            world_imports: &m,
            ease: 1.0,
            actual: &ProductValues::new(),
            min_supply_usd: 10.0,
        });
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].code, "k1");
    }

    #[test]
    fn mean_counts_missing_years_as_zero() {
        let m = mean_over_years(&[pv(&[("a", 3.0)]), pv(&[("a", 6.0), ("b", 3.0)]), pv(&[])]);
        assert_eq!(m["a"], 3.0);
        assert_eq!(m["b"], 1.0);
    }

    proptest::proptest! {
        /// With ease 1, potential summed over all markets of a product is i's supply of it.
        #[test]
        fn potential_over_markets_is_supply(m in proptest::collection::vec(0.0f64..1e6, 5), s in 1.0f64..1e9) {
            let supply = pv(&[("k", s)]);
            let world = pv(&[("k", m.iter().sum::<f64>())]);
            proptest::prop_assume!(world["k"] > 0.0);
            let total: f64 = m.iter().map(|mj| {
                let mj = pv(&[("k", *mj)]);
                product_potential(&PotentialInputs { supply: &supply, market_imports: &mj, world_imports: &world, ease: 1.0, actual: &ProductValues::new(), min_supply_usd: 0.0 })
                    .iter().map(|p| p.potential_usd).sum::<f64>()
            }).sum();
            proptest::prop_assert!((total - s).abs() <= 1e-9 * s);
        }
    }
}
