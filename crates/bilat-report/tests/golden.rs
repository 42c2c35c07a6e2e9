//! Golden files for the profile renderers: a hand-built profile, every format.

use bilat_analytics::{
    Balance, Figure, MirrorGap, PartnerPosition, PeriodToDate, ProductLine, Profile, Provenance,
    SectionLine, Side,
};
use bilat_model::View;
use bilat_report::{Format, render_profile};

fn fixture() -> Profile {
    let side = |code: &str, name: &str, ru: &str, n: u16| Side {
        code: code.into(),
        name: name.into(),
        name_ru: ru.into(),
        members: vec![n],
    };
    let line = |code: &str, name: &str, v: f64, share: f64, prev: f64| ProductLine {
        code: code.into(),
        name: name.into(),
        name_ru: None,
        value_usd: v,
        share_pct: share,
        previous_value_usd: Some(prev),
        growth_pct: bilat_analytics::growth_pct(v, prev),
    };
    Profile {
        reporter: side("BLR", "Belarus", "Беларусь", 112),
        partner: side("KAZ", "Kazakhstan", "Казахстан", 398),
        year: 2018,
        previous_year: 2017,
        provenance: Provenance {
            source: "demo".into(),
            vintage: "generated-1".into(),
            view: View::Reporter,
            unit: "USD",
            exports_reported_by: "BLR (exports, FOB)".into(),
            imports_reported_by: "BLR (imports, CIF)".into(),
            label: Some("demo data (generated)".into()),
        },
        exports: Figure::new(783.7e6, Some(783.7e6 / 1.323)),
        imports: Figure::new(112.3e6, Some(112.3e6 / 1.156)),
        turnover: Figure::new(896.0e6, Some(783.7e6 / 1.323 + 112.3e6 / 1.156)),
        balance: Balance {
            value_usd: 671.4e6,
            previous_value_usd: Some(783.7e6 / 1.323 - 112.3e6 / 1.156),
        },
        period_to_date: Some(PeriodToDate {
            months: "1-6".into(),
            exports: Figure::new(400.0e6, Some(350.0e6)),
            imports: Figure::new(81.7e6, Some(80.86e6)),
            turnover: Figure::new(481.7e6, Some(430.86e6)),
            balance: Balance {
                value_usd: 318.3e6,
                previous_value_usd: Some(269.14e6),
            },
        }),
        partner_position: Some(PartnerPosition {
            export_share_pct: Some(2.1),
            export_rank: Some(3),
            export_markets: 150,
            exports_world_usd: 37.3e9,
            import_share_pct: Some(0.3),
            import_rank: Some(22),
            import_sources: 160,
            imports_world_usd: 38.4e9,
            trade_share_pct: Some(1.2),
            trade_rank: Some(9),
            trade_partners: 170,
            world_basis: "sum over partners".into(),
        }),
        level: 4,
        top_exports: vec![
            line("8701", "Tractors", 150.0e6, 19.1, 100.0e6),
            line("0402", "Milk and cream, concentrated", 90.0e6, 11.5, 80.0e6),
        ],
        top_imports: vec![line(
            "2710",
            "Petroleum oils, not crude",
            40.0e6,
            35.6,
            41.0e6,
        )],
        sections_exports: vec![SectionLine {
            section: "XVII".into(),
            name: "Vehicles, aircraft, vessels".into(),
            name_ru: "Средства наземного транспорта, летательные аппараты, плавучие средства"
                .into(),
            value_usd: 200.0e6,
            share_pct: 25.5,
        }],
        sections_imports: vec![],
        hhi_exports: Some(0.081),
        hhi_imports: Some(0.21),
        products_exported: 120,
        products_imported: 35,
        mirror: Some(MirrorGap {
            exports_reported_by_a_usd: Some(783.7e6),
            exports_reported_by_b_usd: Some(810.0e6),
            exports_gap_pct: Some((783.7 - 810.0) / 810.0 * 100.0),
            imports_reported_by_a_usd: Some(112.3e6),
            imports_reported_by_b_usd: None,
            imports_gap_pct: None,
        }),
        coverage: bilat_analytics::Coverage::unknown(),
        notes: vec![
            "also loaded for this pair: baci V202201 (choose with --source/--vintage)".into(),
        ],
    }
}

#[test]
fn profile_text() {
    insta::assert_snapshot!(render_profile(&fixture(), Format::Text));
}

#[test]
fn profile_markdown() {
    insta::assert_snapshot!(render_profile(&fixture(), Format::Md));
}

#[test]
fn profile_json() {
    insta::assert_snapshot!(render_profile(&fixture(), Format::Json));
}

#[test]
fn profile_csv() {
    insta::assert_snapshot!(render_profile(&fixture(), Format::Csv));
}

#[test]
fn rendering_is_deterministic() {
    for f in [Format::Text, Format::Md, Format::Json, Format::Csv] {
        assert_eq!(render_profile(&fixture(), f), render_profile(&fixture(), f));
    }
}
