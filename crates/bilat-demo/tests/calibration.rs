//! The demo world tells the seed item's story: Belarus's own reports on Kazakhstan add up, from the
//! generated batches, to the figures BelTA printed on 28 August 2019.

mod common;

use bilat_demo::seed;
use common::{Flow, annual, growth, months, top_products};

/// Sums of whole dollars are exact in `f64`; this is the tolerance the brief allows.
const EXACT: f64 = 1e-6;

fn check(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= EXACT,
        "{what}: got {got}, want {want}"
    );
}

#[test]
fn annual_goods_trade_2017_and_2018() {
    let x18 = annual("BLR", "KAZ", Flow::Exports, 2018);
    let x17 = annual("BLR", "KAZ", Flow::Exports, 2017);
    let m18 = annual("BLR", "KAZ", Flow::Imports, 2018);
    let m17 = annual("BLR", "KAZ", Flow::Imports, 2017);
    check(x18, 783.7e6, "exports 2018");
    check(m18, 112.3e6, "imports 2018");
    check(x17, seed::BLR_EXPORTS_TO_KAZ_2017, "exports 2017");
    check(m17, seed::BLR_IMPORTS_FROM_KAZ_2017, "imports 2017");
    // As the item prints them: "$896 million (up 30%) … export $783.7 million (up 32.3%), import
    // $112.3 million (up 15.6%)".
    assert_eq!(format!("{:.1}", (x18 + m18) / 1e6), "896.0");
    assert_eq!(growth(x18, x17), "32.3");
    assert_eq!(growth(m18, m17), "15.6");
    assert_eq!(growth(x18 + m18, x17 + m17), "30.0");
}

#[test]
fn monthly_reports_sum_to_annual_ones() {
    for year in 2017..=2019 {
        let featured = [
            ("BLR", "KAZ"),
            ("KAZ", "BLR"),
            ("BLR", "RUS"),
            ("RUS", "BLR"),
            ("DEU", "FRA"),
        ];
        let known = |a3| bilat_model::country_by_alpha3(a3).is_some();
        for (reporter, partner) in featured.into_iter().filter(|(a, b)| known(*a) && known(*b)) {
            for flow in [Flow::Exports, Flow::Imports] {
                let a = annual(reporter, partner, flow, year);
                let m = months(reporter, partner, flow, year, 1..=12);
                assert!(a > 0.0, "{reporter} {flow:?} {partner} {year}");
                check(m, a, &format!("{reporter} {flow:?} {partner} {year}"));
            }
        }
    }
}

#[test]
fn monthly_reports_sum_to_annual_ones_per_product() {
    use std::collections::BTreeMap;
    let (blr, kaz) = (common::code("BLR"), common::code("KAZ"));
    let mut annual: BTreeMap<(i32, &str, &str), f64> = BTreeMap::new();
    let mut monthly: BTreeMap<(i32, &str, &str), f64> = BTreeMap::new();
    for r in common::rows()
        .iter()
        .filter(|r| r.year >= 2017 && r.exporter == blr && r.importer == kaz)
    {
        let key = (r.year, r.reported_by, r.product.as_str());
        let into = if r.month.is_some() {
            &mut monthly
        } else {
            &mut annual
        };
        *into.entry(key).or_default() += r.value;
    }
    assert_eq!(annual.len(), monthly.len());
    for (key, a) in &annual {
        check(monthly[key], *a, &format!("{key:?}"));
    }
}

#[test]
fn january_to_june_turnover() {
    let h1 = |year| {
        months("BLR", "KAZ", Flow::Exports, year, 1..=6)
            + months("BLR", "KAZ", Flow::Imports, year, 1..=6)
    };
    let (h19, h18) = (h1(2019), h1(2018));
    check(h19, 481.7e6, "January-June 2019");
    check(h18, seed::BLR_KAZ_TURNOVER_H1_2018, "January-June 2018");
    // "In January-June 2019, the bilateral trade made up $481.7 million (up 11.8%)".
    assert_eq!(format!("{:.1}", h19 / 1e6), "481.7");
    assert_eq!(growth(h19, h18), "11.8");
}

#[test]
fn seed_products_lead_in_the_items_order() {
    let exports = [
        "8701", "0402", "0405", "8433", "3104", "9403", "0202", "8704", "0406",
    ];
    let imports = ["2710", "2701", "2711", "5201", "1204", "7601"];
    for (flow, heads) in [(Flow::Exports, &exports[..]), (Flow::Imports, &imports[..])] {
        for level in [6, 4] {
            let top = top_products("BLR", "KAZ", flow, 2018, level);
            let got: Vec<&str> = top.iter().take(heads.len()).map(|(c, _)| &c[..4]).collect();
            assert_eq!(got, heads, "{flow:?} at level {level}");
            // The named products are clearly ahead of the tail.
            assert!(
                top[heads.len() - 1].1 > 1.2 * top[heads.len()].1,
                "{flow:?} at level {level}"
            );
        }
    }
}

#[test]
fn kazakhstans_mirror_differs_by_a_few_percent() {
    for year in 2015..=2019 {
        // Kazakhstan's CIF imports from Belarus against Belarus's FOB exports, and vice versa.
        let gap = annual("KAZ", "BLR", Flow::Imports, year)
            / annual("BLR", "KAZ", Flow::Exports, year)
            - 1.0;
        assert!((0.02..=0.08).contains(&gap), "{year}: {gap}");
        let gap = annual("BLR", "KAZ", Flow::Imports, year)
            / annual("KAZ", "BLR", Flow::Exports, year)
            - 1.0;
        assert!((0.02..=0.08).contains(&gap), "{year}: {gap}");
    }
}

#[test]
fn kazakhstan_ranks_among_belaruss_top_ten_markets() {
    let blr = common::code("BLR");
    let mut markets: std::collections::BTreeMap<i32, f64> = Default::default();
    for r in common::rows().iter().filter(|r| {
        r.year == 2018 && r.month.is_none() && r.exporter == blr && r.reported_by == "exporter"
    }) {
        *markets.entry(r.importer).or_default() += r.value;
    }
    let mut ranked: Vec<(i32, f64)> = markets.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let rank = ranked
        .iter()
        .position(|m| m.0 == common::code("KAZ"))
        .unwrap();
    assert!(rank < 10, "Kazakhstan ranks {}", rank + 1);
    // Russia leads and Kazakhstan takes a few per cent of Belarus's exports.
    let rus = bilat_model::country_by_alpha3("RUS").expect("Russia is in the country table");
    assert_eq!(ranked[0].0, i32::from(rus.code));
    let world: f64 = ranked.iter().map(|m| m.1).sum();
    assert!(
        (0.01..0.05).contains(&(783.7e6 / world)),
        "share {}",
        783.7e6 / world
    );
}
