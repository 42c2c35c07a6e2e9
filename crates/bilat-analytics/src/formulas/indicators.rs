//! Standard trade indicators as WITS publishes them (DESIGN §3), as pure functions over
//! in-memory product tables, so they can be fed from the warehouse ([`crate::pair_indicators()`])
//! or from a file ([`crate::CountryProductTable`]) and unit-tested on hand-computable cases.
//!
//! ```text
//! RCA (Balassa 1965)       RCA_ik = (x_ik / X_i) / (x_wk / X_w)
//! trade intensity          TII_ij = (x_ij / X_i) / (M_j / M_w)
//! trade complementarity    TC_ij  = 100·(1 − ½ Σ_k |m_jk − x_ik|)
//!                          m_jk = k's share of j's imports, x_ik = k's share of i's exports
//! Grubel–Lloyd (1975)      GL_k   = 1 − |X_k − M_k| / (X_k + M_k)
//!                          GL     = Σ_k (X_k + M_k)·GL_k / Σ_k (X_k + M_k)
//! concentration            HHI    = Σ_k s_k²   (see [`crate::hhi`])
//! diversification          n      = #{k : x_ik > 0}
//! ```
//!
//! # References
//! - Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage. *The
//!   Manchester School* 33(2), 99–123.
//! - Grubel, H. G. & Lloyd, P. J. (1975). *Intra-Industry Trade*. Macmillan.
//! - Michaely, M. (1996). Trade preferential agreements in Latin America: an ex-ante
//!   assessment. World Bank PRWP 1583 (trade complementarity index).
//! - WITS, "Online trade outcomes indicators: user manual" (2010), World Bank (TII, TC, HHI).

use std::collections::{BTreeMap, BTreeSet};

/// Values by product code (USD), e.g. a country's exports to the world at one HS level.
pub type ProductValues = BTreeMap<String, f64>;

/// Revealed comparative advantage (Balassa) of one country for every product it exports:
/// `RCA_ik = (x_ik / X_i) / (x_wk / X_w)`.
///
/// `country` holds x_ik, `world` holds x_wk (world exports of k, the country included). X_i and
/// X_w are the sums of the two tables. A product with x_wk ≤ 0 has no RCA. `None` when either
/// table sums to zero.
pub fn rca(country: &ProductValues, world: &ProductValues) -> Option<ProductValues> {
    let x_i: f64 = country.values().filter(|v| **v > 0.0).sum();
    let x_w: f64 = world.values().filter(|v| **v > 0.0).sum();
    if x_i <= 0.0 || x_w <= 0.0 {
        return None;
    }
    Some(
        country
            .iter()
            .filter_map(|(k, x_ik)| {
                let x_wk = *world.get(k)?;
                (x_wk > 0.0).then(|| (k.clone(), (x_ik / x_i) / (x_wk / x_w)))
            })
            .collect(),
    )
}

/// RCA of every country × product of an exports matrix (country, product, value), with world
/// exports taken as the sum over the countries of the matrix:
/// `RCA_ik = (x_ik / Σ_k x_ik) / (Σ_i x_ik / Σ_ik x_ik)`.
pub fn rca_matrix(rows: &BTreeMap<String, ProductValues>) -> BTreeMap<String, ProductValues> {
    let mut world = ProductValues::new();
    for by_product in rows.values() {
        for (k, v) in by_product {
            *world.entry(k.clone()).or_default() += v;
        }
    }
    rows.iter()
        .filter_map(|(c, x)| rca(x, &world).map(|r| (c.clone(), r)))
        .collect()
}

/// Trade intensity index: `TII_ij = (x_ij / X_i) / (M_j / M_w)` — i's exports to j as a share of
/// i's exports, over j's imports as a share of world imports. 1 = j weighs in i's exports as in
/// the world's; > 1 = more intense than j's size suggests. `None` when a denominator is ≤ 0.
pub fn trade_intensity(x_ij: f64, x_i: f64, m_j: f64, m_w: f64) -> Option<f64> {
    (x_i > 0.0 && m_j > 0.0 && m_w > 0.0).then(|| (x_ij / x_i) / (m_j / m_w))
}

/// Trade complementarity index: `TC_ij = 100·(1 − ½ Σ_k |m_jk − x_ik|)` with m_jk the share of k
/// in j's imports and x_ik the share of k in i's exports. 100 = i's export basket is j's import
/// basket; 0 = no overlap. `None` when either table sums to zero.
pub fn trade_complementarity(exports_i: &ProductValues, imports_j: &ProductValues) -> Option<f64> {
    let tx: f64 = exports_i.values().filter(|v| **v > 0.0).sum();
    let tm: f64 = imports_j.values().filter(|v| **v > 0.0).sum();
    if tx <= 0.0 || tm <= 0.0 {
        return None;
    }
    let share =
        |t: &ProductValues, tot: f64, k: &str| t.get(k).copied().unwrap_or(0.0).max(0.0) / tot;
    let codes: BTreeSet<&String> = exports_i.keys().chain(imports_j.keys()).collect();
    let dist: f64 = codes
        .into_iter()
        .map(|k| (share(imports_j, tm, k) - share(exports_i, tx, k)).abs())
        .sum();
    Some(100.0 * (1.0 - 0.5 * dist))
}

/// Grubel–Lloyd intra-industry trade by product and in aggregate.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct GrubelLloyd {
    /// `GL_k = 1 − |X_k − M_k| / (X_k + M_k)` for every product traded either way (0..1).
    pub by_product: ProductValues,
    /// `Σ_k (X_k + M_k)·GL_k / Σ_k (X_k + M_k)` (0..1); `None` when nothing is traded.
    pub aggregate: Option<f64>,
}

/// Grubel–Lloyd index of the pair's exports `x` and imports `m` by product (see [`GrubelLloyd`]).
pub fn grubel_lloyd(x: &ProductValues, m: &ProductValues) -> GrubelLloyd {
    let codes: BTreeSet<&String> = x.keys().chain(m.keys()).collect();
    let mut by_product = ProductValues::new();
    let (mut num, mut den) = (0.0, 0.0);
    for k in codes {
        let xk = x.get(k).copied().unwrap_or(0.0).max(0.0);
        let mk = m.get(k).copied().unwrap_or(0.0).max(0.0);
        let s = xk + mk;
        if s <= 0.0 {
            continue;
        }
        let gl = 1.0 - (xk - mk).abs() / s;
        by_product.insert(k.clone(), gl);
        num += s * gl;
        den += s;
    }
    GrubelLloyd {
        by_product,
        aggregate: (den > 0.0).then(|| num / den),
    }
}

/// Number of products with a positive value (export diversification).
pub fn products_exported(x: &ProductValues) -> usize {
    x.values().filter(|v| **v > 0.0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pv(items: &[(&str, f64)]) -> ProductValues {
        items.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn rca_hand_case() {
        // Country: 30 of 100 in k1, 70 in k2. World: 100 of 1000 in k1, 900 in k2.
        // RCA_k1 = 0.3 / 0.1 = 3; RCA_k2 = 0.7 / 0.9.
        let r = rca(
            &pv(&[("k1", 30.0), ("k2", 70.0)]),
            &pv(&[("k1", 100.0), ("k2", 900.0)]),
        )
        .unwrap();
        assert!((r["k1"] - 3.0).abs() < 1e-12);
        assert!((r["k2"] - 0.7 / 0.9).abs() < 1e-12);
        assert_eq!(rca(&pv(&[]), &pv(&[("k", 1.0)])), None);
    }

    #[test]
    fn rca_matrix_hand_case() {
        // a: k1 10, k2 30; b: k1 30, k2 30. World k1 40, k2 60, total 100.
        let mut m = BTreeMap::new();
        m.insert("a".to_string(), pv(&[("k1", 10.0), ("k2", 30.0)]));
        m.insert("b".to_string(), pv(&[("k1", 30.0), ("k2", 30.0)]));
        let r = rca_matrix(&m);
        assert!((r["a"]["k1"] - (10.0 / 40.0) / (40.0 / 100.0)).abs() < 1e-12); // 0.625
        assert!((r["b"]["k1"] - (30.0 / 60.0) / 0.4).abs() < 1e-12); // 1.25
        assert!((r["a"]["k2"] - 0.75 / 0.6).abs() < 1e-12);
    }

    #[test]
    fn trade_intensity_hand_case() {
        // i sends 20 of its 100 to j; j takes 50 of the world's 1000 → (0.2)/(0.05) = 4.
        assert!((trade_intensity(20.0, 100.0, 50.0, 1000.0).unwrap() - 4.0).abs() < 1e-12);
        assert_eq!(trade_intensity(1.0, 0.0, 1.0, 1.0), None);
    }

    #[test]
    fn complementarity_hand_case() {
        // i exports k1 50%, k2 50%; j imports k1 100% → ½(|1−0.5| + |0−0.5|) = 0.5 → 50.
        let tc = trade_complementarity(&pv(&[("k1", 5.0), ("k2", 5.0)]), &pv(&[("k1", 8.0)]));
        assert!((tc.unwrap() - 50.0).abs() < 1e-12);
        // Identical baskets → 100; disjoint → 0.
        let same = trade_complementarity(
            &pv(&[("a", 1.0), ("b", 3.0)]),
            &pv(&[("a", 2.0), ("b", 6.0)]),
        );
        assert!((same.unwrap() - 100.0).abs() < 1e-12);
        let disjoint = trade_complementarity(&pv(&[("a", 1.0)]), &pv(&[("b", 1.0)]));
        assert!(disjoint.unwrap().abs() < 1e-12);
    }

    #[test]
    fn grubel_lloyd_hand_case() {
        // k1: X 30, M 10 → 1 − 20/40 = 0.5; k2: X 0, M 60 → 0; k3: X 5, M 5 → 1.
        // Aggregate = (40·0.5 + 60·0 + 10·1) / 110 = 30/110.
        let gl = grubel_lloyd(
            &pv(&[("k1", 30.0), ("k3", 5.0)]),
            &pv(&[("k1", 10.0), ("k2", 60.0), ("k3", 5.0)]),
        );
        assert!((gl.by_product["k1"] - 0.5).abs() < 1e-12);
        assert_eq!(gl.by_product["k2"], 0.0);
        assert_eq!(gl.by_product["k3"], 1.0);
        assert!((gl.aggregate.unwrap() - 30.0 / 110.0).abs() < 1e-12);
        assert_eq!(grubel_lloyd(&pv(&[]), &pv(&[])).aggregate, None);
    }

    #[test]
    fn diversification_hand_case() {
        assert_eq!(
            products_exported(&pv(&[("a", 1.0), ("b", 0.0), ("c", 2.0)])),
            2
        );
    }

    proptest::proptest! {
        /// Export-weighted mean of RCA is 1 for every country: Σ_k (x_wk/X_w)·RCA_ik = 1.
        #[test]
        fn rca_world_weighted_mean_is_one(v in proptest::collection::vec(0.01f64..1e6, 6)) {
            let mut m = BTreeMap::new();
            m.insert("a".to_string(), pv(&[("k1", v[0]), ("k2", v[1]), ("k3", v[2])]));
            m.insert("b".to_string(), pv(&[("k1", v[3]), ("k2", v[4]), ("k3", v[5])]));
            let r = rca_matrix(&m);
            let xw: f64 = v.iter().sum();
            let wk = [v[0] + v[3], v[1] + v[4], v[2] + v[5]];
            for c in ["a", "b"] {
                let s: f64 = ["k1", "k2", "k3"].iter().zip(wk).map(|(k, w)| w / xw * r[c][*k]).sum();
                proptest::prop_assert!((s - 1.0).abs() < 1e-9);
            }
        }

        /// TC lies in [0, 100] and GL in [0, 1].
        #[test]
        fn bounds(x in proptest::collection::vec(0.0f64..1e6, 4), m in proptest::collection::vec(0.0f64..1e6, 4)) {
            let codes = ["a", "b", "c", "d"];
            let xs: ProductValues = codes.iter().zip(&x).map(|(k, v)| (k.to_string(), *v)).collect();
            let ms: ProductValues = codes.iter().zip(&m).map(|(k, v)| (k.to_string(), *v)).collect();
            if let Some(tc) = trade_complementarity(&xs, &ms) {
                proptest::prop_assert!((-1e-9..=100.0 + 1e-9).contains(&tc));
            }
            let gl = grubel_lloyd(&xs, &ms);
            for g in gl.by_product.values() {
                proptest::prop_assert!((0.0..=1.0).contains(g));
            }
        }
    }
}
