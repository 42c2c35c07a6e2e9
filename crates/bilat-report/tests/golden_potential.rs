//! Golden files for the indicators and potential renderers: hand-built inputs, every format.

use bilat_analytics::{
    Avail, Coefficient, DirectionPotential, Dropped, Ease, GlLine, GlTable, GravityDirection,
    GravityFitSummary, GravityPotential, GravityProvenance, GravitySpec, IndicatorProvenance,
    PairIndicators, ProductPotential, ProductPotentialReport, RcaLine, RcaTable, Side, WorldBasis,
};
use bilat_report::{Format, render_gravity_potential, render_indicators, render_product_potential};

fn side(code: &str, name: &str, ru: &str, n: u16) -> Side {
    Side {
        code: code.into(),
        name: name.into(),
        name_ru: ru.into(),
        members: vec![n],
    }
}

fn provenance() -> IndicatorProvenance {
    let world = WorldBasis {
        source: "demo".into(),
        vintage: "generated-1".into(),
        basis: "world matrix (exporter reports, annual rows)".into(),
        matrix_reported_by: Some("exporter".into()),
        exporters: 243,
        chapters: 96,
        label: Some("demo data (generated)".into()),
    };
    IndicatorProvenance {
        source: "demo".into(),
        vintage: "generated-1".into(),
        world,
        pair_view: "exporter reports".into(),
        unit: "USD".into(),
        label: Some("demo data (generated)".into()),
    }
}

fn indicators() -> PairIndicators {
    PairIndicators {
        reporter: side("BLR", "Belarus", "Беларусь", 112),
        partner: side("KAZ", "Kazakhstan", "Казахстан", 398),
        year: 2018,
        level: 4,
        provenance: provenance(),
        rca_reporter: Avail::Available(RcaTable {
            products_with_advantage: 1,
            products: vec![
                RcaLine {
                    code: "8701".into(),
                    name: "Tractors".into(),
                    exports_usd: 500e6,
                    world_exports_usd: 50e9,
                    rca: 12.5,
                },
                RcaLine {
                    code: "2710".into(),
                    name: "Petroleum oils, refined".into(),
                    exports_usd: 100e6,
                    world_exports_usd: 900e9,
                    rca: 0.25,
                },
            ],
        }),
        rca_partner: Avail::NotAvailable {
            needs: "KAZ's exports to the world by product".into(),
        },
        intensity_reporter_to_partner: Avail::Available(15.0),
        intensity_partner_to_reporter: Avail::Available(1.2),
        complementarity_reporter_to_partner: Avail::Available(26.5),
        complementarity_partner_to_reporter: Avail::NotAvailable {
            needs: "KAZ's exports to the world by product".into(),
        },
        grubel_lloyd: Avail::Available(GlTable {
            aggregate: 0.25,
            products: vec![GlLine {
                code: "8701".into(),
                name: "Tractors, \"road\"".into(),
                exports_usd: 30e6,
                imports_usd: 10e6,
                gl: 0.5,
            }],
        }),
        hhi_reporter: Avail::Available(0.0455),
        hhi_partner: Avail::NotAvailable {
            needs: "KAZ's exports to the world by product".into(),
        },
        products_exported_reporter: Avail::Available(150),
        products_exported_partner: Avail::NotAvailable {
            needs: "KAZ's exports to the world by product".into(),
        },
        notes: vec!["world imports: sum over the world matrix".into()],
    }
}

fn products() -> ProductPotentialReport {
    let line = |code: &str, pot: f64, act: f64| ProductPotential {
        code: code.into(),
        name: format!("Product {code}"),
        supply_usd: 1e9,
        demand_share: pot / 2e9,
        ease: 2.0,
        potential_usd: pot,
        actual_usd: act,
        untapped_usd: (pot - act).max(0.0),
    };
    let dir = |e: &str, i: &str| DirectionPotential {
        exporter: e.into(),
        importer: i.into(),
        ease: 2.0,
        actual_years: vec![2016, 2017, 2018],
        potential_usd: 300e6,
        actual_usd: 120e6,
        untapped_usd: 190e6,
        product_count: 2,
        products: vec![line("870190", 200e6, 20e6), line("040221", 100e6, 100e6)],
    };
    ProductPotentialReport {
        reporter: side("BLR", "Belarus", "Беларусь", 112),
        partner: side("KAZ", "Kazakhstan", "Казахстан", 398),
        year: 2018,
        level: 6,
        ease: Ease::Intensity,
        provenance: provenance(),
        directions: vec![dir("BLR", "KAZ"), dir("KAZ", "BLR")],
        notes: vec![
            "supply, demand and ease from 2018; actual = mean over 2016, 2017, 2018".into(),
        ],
    }
}

fn gravity() -> GravityPotential {
    GravityPotential {
        reporter: side("BLR", "Belarus", "Беларусь", 112),
        partner: side("KAZ", "Kazakhstan", "Казахстан", 398),
        year: 2006,
        spec: GravitySpec::FixedEffects,
        spec_notes: vec![
            "exporter and importer fixed effects absorb GDPs and multilateral resistance".into(),
        ],
        fit: GravityFitSummary {
            formula: "trade ~ log(dist) | exporter + importer".into(),
            coefficients: vec![Coefficient {
                name: "log(dist)".into(),
                estimate: -0.83,
                std_error: 0.0366,
                statistic: -22.68,
                p_value: 0.0,
                conf_low: -0.9,
                conf_high: -0.76,
            }],
            vcov: "hetero".into(),
            nobs: 100,
            nrows_input: 102,
            dropped: Dropped {
                singletons: 2,
                ..Dropped::default()
            },
            iterations: 12,
            converged: true,
            pseudo_r2: Some(0.95),
            deviance: 12.5,
        },
        directions: vec![
            GravityDirection {
                exporter: "BLR".into(),
                importer: "KAZ".into(),
                actual_usd: 287.2e6,
                predicted_usd: 81.3e6,
                ratio: Some(287.2 / 81.3),
                untapped_usd: 0.0,
            },
            GravityDirection {
                exporter: "KAZ".into(),
                importer: "BLR".into(),
                actual_usd: 73.3e6,
                predicted_usd: 110.6e6,
                ratio: Some(73.3 / 110.6),
                untapped_usd: 37.3e6,
            },
        ],
        provenance: GravityProvenance {
            source: "gravity_zeros.csv".into(),
            vintage: "file".into(),
            view: "gravity dataset: one row per ordered pair".into(),
            unit: "USD (file in millions, ×1,000,000)".into(),
            label: None,
        },
    }
}

#[test]
fn indicators_every_format() {
    let p = indicators();
    insta::assert_snapshot!("indicators_text", render_indicators(&p, Format::Text, 10));
    insta::assert_snapshot!("indicators_md", render_indicators(&p, Format::Md, 10));
    insta::assert_snapshot!("indicators_csv", render_indicators(&p, Format::Csv, 10));
    insta::assert_snapshot!("indicators_json", render_indicators(&p, Format::Json, 10));
}

#[test]
fn product_potential_every_format() {
    let p = products();
    for (name, f) in [
        ("text", Format::Text),
        ("md", Format::Md),
        ("csv", Format::Csv),
        ("json", Format::Json),
    ] {
        insta::assert_snapshot!(
            format!("product_potential_{name}"),
            render_product_potential(&p, f)
        );
    }
}

#[test]
fn gravity_potential_every_format() {
    let g = gravity();
    for (name, f) in [
        ("text", Format::Text),
        ("md", Format::Md),
        ("csv", Format::Csv),
        ("json", Format::Json),
    ] {
        insta::assert_snapshot!(
            format!("gravity_potential_{name}"),
            render_gravity_potential(&g, f)
        );
    }
}
