//! Shape of the demo world: deterministic, in bilat-model's schemas, every chapter present, a
//! realistic size, nothing the warehouse derives itself (no totals, no World partner, no level 2/4).

mod common;

use std::collections::BTreeSet;

use arrow::array::{Array, AsArray};
use arrow::datatypes::{Float64Type, Int32Type};
use bilat_model::col;
use common::{rows, world};

#[test]
fn two_runs_give_identical_batches() {
    let again = bilat_demo::generate();
    let first = world();
    assert_eq!(first.flows, again.flows);
    assert_eq!(first.series, again.series);
    assert_eq!(first.products, again.products);
}

#[test]
fn batches_have_the_model_schemas() {
    let w = world();
    assert_eq!(w.flows.len(), 5, "one batch per year 2015-2019");
    for b in &w.flows {
        assert_eq!(b.schema(), bilat_model::flow_schema());
    }
    for b in &w.series {
        assert_eq!(b.schema(), bilat_model::series_schema());
    }
    for b in &w.products {
        assert_eq!(b.schema(), bilat_model::product_schema());
    }
}

#[test]
fn row_count_is_in_range() {
    let n = rows().len();
    // About 240 countries, 7,400 directed pairs, 5 years, two reporters.
    assert!((1_000_000..=2_500_000).contains(&n), "{n} rows");
}

#[test]
fn rows_are_comtrade_like_reports_at_level_six() {
    let source: BTreeSet<&str> = world()
        .flows
        .iter()
        .flat_map(|b| {
            b.column_by_name(col::SOURCE)
                .unwrap()
                .as_string::<i32>()
                .iter()
                .flatten()
        })
        .collect();
    assert_eq!(source, BTreeSet::from([bilat_demo::SOURCE]));
    for r in rows() {
        assert_eq!(r.level, 6);
        assert_eq!(r.product.len(), 6);
        assert!(r.exporter != 0 && r.importer != 0 && r.exporter != r.importer);
        assert!(r.value > 0.0 && r.value.fract() == 0.0, "{r:?}");
        assert!((2015..=2019).contains(&r.year));
        assert!(r.month.is_none_or(|m| (1..=12).contains(&m)));
        match r.reported_by {
            "exporter" => assert_eq!(r.trade_flow, "X"),
            _ => assert_eq!(r.trade_flow, "M"),
        }
    }
}

#[test]
fn reporter_and_flow_columns_hold_known_values() {
    for b in &world().flows {
        let by = b
            .column_by_name(col::REPORTED_BY)
            .unwrap()
            .as_string::<i32>();
        let flow = b
            .column_by_name(col::TRADE_FLOW)
            .unwrap()
            .as_string::<i32>();
        for (by, flow) in by.iter().zip(flow.iter()) {
            assert!(matches!(
                (by, flow),
                (Some("exporter"), Some("X")) | (Some("importer"), Some("M"))
            ));
        }
    }
}

#[test]
fn fob_and_cif_columns_follow_the_reporter() {
    for b in &world().flows {
        let by = b
            .column_by_name(col::REPORTED_BY)
            .unwrap()
            .as_string::<i32>();
        let value = b
            .column_by_name(col::VALUE_USD)
            .unwrap()
            .as_primitive::<Float64Type>();
        let fob = b
            .column_by_name(col::VALUE_FOB_USD)
            .unwrap()
            .as_primitive::<Float64Type>();
        let cif = b
            .column_by_name(col::VALUE_CIF_USD)
            .unwrap()
            .as_primitive::<Float64Type>();
        for i in 0..b.num_rows() {
            let (own, other) = if by.value(i) == "exporter" {
                (fob, cif)
            } else {
                (cif, fob)
            };
            assert!(own.is_valid(i) && other.is_null(i));
            assert_eq!(own.value(i), value.value(i));
        }
    }
}

#[test]
fn every_chapter_but_77_is_traded() {
    let chapters: BTreeSet<u8> = rows()
        .iter()
        .map(|r| r.product[..2].parse().unwrap())
        .collect();
    let all: BTreeSet<u8> = (1..=97).filter(|&c| c != 77).collect();
    assert_eq!(chapters, all);
}

#[test]
fn big_chapters_lead_world_trade() {
    let mut by_chapter = [0.0f64; 100];
    for r in rows()
        .iter()
        .filter(|r| r.year == 2018 && r.month.is_none() && r.reported_by == "exporter")
    {
        by_chapter[r.product[..2].parse::<usize>().unwrap()] += r.value;
    }
    let mut ranked: Vec<usize> = (1..98).collect();
    ranked.sort_by(|&a, &b| by_chapter[b].total_cmp(&by_chapter[a]));
    for ch in [27, 84, 85, 87] {
        assert!(
            ranked[..8].contains(&ch),
            "chapter {ch} not in the top eight: {:?}",
            &ranked[..8]
        );
    }
}

#[test]
fn rows_are_sorted_for_the_warehouse() {
    let key = |r: &common::Row| {
        (
            r.year,
            r.exporter,
            r.importer,
            r.product.clone(),
            r.month.unwrap_or(0),
            r.reported_by,
        )
    };
    assert!(rows().windows(2).all(|w| key(&w[0]) < key(&w[1])));
}

#[test]
fn every_traded_code_has_names_in_both_languages() {
    let b = &world().products[0];
    let code = b.column_by_name(col::CODE).unwrap().as_string::<i32>();
    let level = b
        .column_by_name(col::PRODUCT_LEVEL)
        .unwrap()
        .as_primitive::<Int32Type>();
    let lang = b.column_by_name(col::LANG).unwrap().as_string::<i32>();
    let names: BTreeSet<(String, i32, String)> = (0..b.num_rows())
        .map(|i| {
            (
                code.value(i).to_string(),
                level.value(i),
                lang.value(i).to_string(),
            )
        })
        .collect();
    let traded: BTreeSet<&str> = rows().iter().map(|r| r.product.as_str()).collect();
    for p in traded {
        for l in ["en", "ru"] {
            assert!(
                names.contains(&(p.to_string(), 6, l.to_string())),
                "{p} {l}"
            );
            assert!(
                names.contains(&(p[..4].to_string(), 4, l.to_string())),
                "{p} {l}"
            );
        }
    }
}

#[test]
fn series_carry_the_seed_figures() {
    let b = &world().series[0];
    let year = b
        .column_by_name(col::PERIOD_YEAR)
        .unwrap()
        .as_primitive::<Int32Type>();
    let country = b
        .column_by_name(col::COUNTRY)
        .unwrap()
        .as_primitive::<Int32Type>();
    let partner = b
        .column_by_name(col::PARTNER)
        .unwrap()
        .as_primitive::<Int32Type>();
    let indicator = b.column_by_name(col::INDICATOR).unwrap().as_string::<i32>();
    let value = b
        .column_by_name(col::VALUE)
        .unwrap()
        .as_primitive::<Float64Type>();
    let get = |y: i32, ind: &str| {
        (0..b.num_rows())
            .find(|&i| {
                year.value(i) == y
                    && country.value(i) == common::code("BLR")
                    && partner.value(i) == common::code("KAZ")
                    && indicator.value(i) == ind
            })
            .map(|i| value.value(i))
            .unwrap_or_else(|| panic!("{y} {ind}"))
    };
    assert_eq!(get(2018, "services_trade"), 153.2e6);
    assert_eq!(get(2018, "fdi_inflow"), 18.8e6);
    assert_eq!(
        format!("{:.1}", get(2018, "fdi_inflow") / get(2017, "fdi_inflow")),
        "4.8"
    );
    assert_eq!(get(2019, "enterprises_with_partner_capital"), 49.0);
    assert_eq!(get(2019, "joint_ventures"), 13.0);
    assert_eq!(get(2019, "foreign_ventures"), 36.0);
    assert_eq!(get(2019, "agreements"), 60.0);
}

#[test]
fn every_catalogue_code_is_traded() {
    let b = &world().products[0];
    let code = b.column_by_name(col::CODE).unwrap().as_string::<i32>();
    let level = b
        .column_by_name(col::PRODUCT_LEVEL)
        .unwrap()
        .as_primitive::<Int32Type>();
    let named: BTreeSet<&str> = (0..b.num_rows())
        .filter(|&i| level.value(i) == 6)
        .map(|i| code.value(i))
        .collect();
    let traded: BTreeSet<&str> = rows().iter().map(|r| r.product.as_str()).collect();
    assert_eq!(named, traded);
}

#[test]
fn mirror_gap_is_a_few_percent_on_every_route() {
    use std::collections::BTreeMap;
    let mut sums: BTreeMap<(i32, i32), (f64, f64)> = BTreeMap::new();
    for r in rows()
        .iter()
        .filter(|r| r.year == 2018 && r.month.is_none())
    {
        let s = sums.entry((r.exporter, r.importer)).or_default();
        if r.reported_by == "exporter" {
            s.0 += r.value
        } else {
            s.1 += r.value
        }
    }
    for ((e, i), (fob, cif)) in sums {
        let gap = cif / fob - 1.0;
        // Markups are 2-8% per route with ±1.5 points per line; lines of USD 1,000 round to a dollar.
        assert!((0.004..=0.096).contains(&gap), "{e}->{i}: {gap}");
    }
}

#[test]
fn russia_is_belaruss_first_supplier() {
    let rus = bilat_model::country_by_alpha3("RUS").expect("Russia is in the country table");
    let blr = common::code("BLR");
    let mut suppliers: std::collections::BTreeMap<i32, f64> = Default::default();
    for r in rows().iter().filter(|r| {
        r.year == 2018 && r.month.is_none() && r.importer == blr && r.reported_by == "importer"
    }) {
        *suppliers.entry(r.exporter).or_default() += r.value;
    }
    let first = suppliers
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(c, _)| *c);
    assert_eq!(first, Some(i32::from(rus.code)));
}
