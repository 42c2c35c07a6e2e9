//! Small formulas shared by every figure (DESIGN §3).

use serde::Serialize;

/// A value in a period with the same value a period earlier and the growth between them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Figure {
    /// Value in the period, current USD.
    pub value_usd: f64,
    /// Value in the comparison period (previous year, or the same months a year earlier), USD.
    pub previous_value_usd: Option<f64>,
    /// Growth in percent: (v_t / v_{t−1} − 1)·100; `None` when there is no positive base.
    pub growth_pct: Option<f64>,
    /// v_t / v_{t−1} when it is 2 or more ("4.8 times"), else `None`.
    pub times: Option<f64>,
}

impl Figure {
    /// Builds a figure from a value and an optional base.
    pub fn new(value_usd: f64, previous_value_usd: Option<f64>) -> Self {
        let growth = previous_value_usd.and_then(|p| growth_pct(value_usd, p));
        let times = previous_value_usd
            .filter(|p| *p > 0.0)
            .map(|p| value_usd / p)
            .filter(|r| *r >= 2.0);
        Figure {
            value_usd,
            previous_value_usd,
            growth_pct: growth,
            times,
        }
    }
}

/// Growth in percent, DESIGN §3: `(v_t / v_{t−1} − 1)·100`; `None` unless the base is positive.
pub fn growth_pct(value: f64, previous: f64) -> Option<f64> {
    (previous > 0.0 && previous.is_finite()).then(|| (value / previous - 1.0) * 100.0)
}

/// Herfindahl–Hirschman index of concentration, DESIGN §3: `HHI = Σ s_k²` with `s_k` the shares
/// (0..1) of the non-negative values. 1 = a single product; 1/N for N equal products.
pub fn hhi(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let v: Vec<f64> = values.into_iter().filter(|x| *x > 0.0).collect();
    let total: f64 = v.iter().sum();
    (total > 0.0).then(|| v.iter().map(|x| (x / total).powi(2)).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_and_times() {
        let f = Figure::new(896.0, Some(689.0));
        assert!((f.growth_pct.unwrap() - 30.043_541_364_296_08).abs() < 1e-9);
        assert_eq!(f.times, None);
        let g = Figure::new(18.8, Some(18.8 / 4.8));
        assert!((g.times.unwrap() - 4.8).abs() < 1e-12);
        assert_eq!(Figure::new(5.0, Some(0.0)).growth_pct, None);
        assert_eq!(Figure::new(5.0, None).growth_pct, None);
    }

    #[test]
    fn hhi_hand_cases() {
        assert_eq!(hhi([10.0]), Some(1.0));
        assert!((hhi([1.0, 1.0, 1.0, 1.0]).unwrap() - 0.25).abs() < 1e-15);
        // Shares 0.5, 0.3, 0.2 → 0.25 + 0.09 + 0.04.
        assert!((hhi([50.0, 30.0, 20.0]).unwrap() - 0.38).abs() < 1e-12);
        assert_eq!(hhi([0.0, -1.0]), None);
    }

    proptest::proptest! {
        #[test]
        fn hhi_bounds(v in proptest::collection::vec(0.001f64..1e9, 1..50)) {
            let h = hhi(v.iter().copied()).unwrap();
            proptest::prop_assert!(h <= 1.0 + 1e-12);
            proptest::prop_assert!(h >= 1.0 / v.len() as f64 - 1e-12);
        }
    }
}
