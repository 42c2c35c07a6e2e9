//! Golden files for the brief on a hand-built profile: the paragraphs the demo does not reach
//! (mirror note above the threshold, potential, one direction only), in English and Russian.

use bilat_analytics::{
    Balance, BriefData, Figure, MirrorGap, PartnerPosition, ProductLine, Profile, Provenance,
    SectionLine, Side, YearPoint,
};
use bilat_model::{Lang, View};
use bilat_report::{BriefFormat, BriefOptions, PotentialNote, build_brief, render_brief};

fn side(code: &str, name: &str, ru: &str, n: u16) -> Side {
    Side {
        code: code.into(),
        name: name.into(),
        name_ru: ru.into(),
        members: vec![n],
    }
}

fn line(code: &str, name: &str, v: f64, share: f64) -> ProductLine {
    ProductLine {
        code: code.into(),
        name: name.into(),
        name_ru: None,
        value_usd: v,
        share_pct: share,
        previous_value_usd: None,
        growth_pct: None,
    }
}

fn profile() -> Profile {
    Profile {
        reporter: side("CHL", "Chile", "Чили", 152),
        partner: side("SWE", "Sweden", "Швеция", 752),
        year: 2020,
        previous_year: 2019,
        provenance: Provenance {
            source: "comtrade".into(),
            vintage: "2024-01-01".into(),
            view: View::Reporter,
            unit: "USD",
            exports_reported_by: "CHL (exports, FOB)".into(),
            imports_reported_by: "CHL (imports, CIF)".into(),
            label: None,
        },
        exports: Figure::new(100.0e6, Some(105.0e6)),
        imports: Figure::new(250.0e6, Some(50.0e6)),
        turnover: Figure::new(350.0e6, Some(155.0e6)),
        balance: Balance {
            value_usd: -150.0e6,
            previous_value_usd: Some(55.0e6),
        },
        period_to_date: None,
        partner_position: None,
        level: 4,
        top_exports: vec![
            line("7403", "Refined copper", 60.0e6, 60.0),
            line("0806", "Grapes", 30.0e6, 30.0),
            line("9999", "Commodities not specified, n.e.s.", 8.0e6, 8.0),
            line("0101", "Horses", 2.0e6, 2.0),
        ],
        top_imports: vec![line("8429", "Bulldozers", 250.0e6, 100.0)],
        sections_exports: vec![SectionLine {
            section: "XV".into(),
            name: "Base metals".into(),
            name_ru: "Недрагоценные металлы и изделия из них".into(),
            value_usd: 60.0e6,
            share_pct: 60.0,
        }],
        sections_imports: vec![],
        hhi_exports: Some(0.4568),
        hhi_imports: Some(1.0),
        products_exported: 4,
        products_imported: 1,
        mirror: Some(MirrorGap {
            exports_reported_by_a_usd: Some(100.0e6),
            exports_reported_by_b_usd: Some(110.0e6),
            exports_gap_pct: Some((100.0 - 110.0) / 110.0 * 100.0),
            imports_reported_by_a_usd: Some(250.0e6),
            imports_reported_by_b_usd: Some(245.0e6),
            imports_gap_pct: Some((250.0 - 245.0) / 245.0 * 100.0),
        }),
        coverage: bilat_analytics::Coverage::unknown(),
        notes: vec![],
    }
}

fn data() -> BriefData {
    BriefData {
        history: vec![
            YearPoint {
                year: 2019,
                exports_usd: 105.0e6,
                imports_usd: 50.0e6,
                months: None,
            },
            YearPoint {
                year: 2020,
                exports_usd: 100.0e6,
                imports_usd: 250.0e6,
                months: None,
            },
        ],
        period_to_date: None,
        series: vec![],
        partner_position: Some(PartnerPosition {
            export_share_pct: Some(0.4),
            export_rank: Some(31),
            export_markets: 120,
            exports_world_usd: 25.0e9,
            import_share_pct: Some(1.1),
            import_rank: None,
            import_sources: 140,
            imports_world_usd: 22.7e9,
            trade_share_pct: Some(0.8),
            trade_rank: Some(28),
            trade_partners: 150,
            world_basis: "sum over partners".into(),
        }),
    }
}

fn potential() -> PotentialNote {
    PotentialNote {
        potential_usd: 520.0e6,
        untapped_usd: 170.0e6,
        method_en: "gravity".into(),
        method_ru: "гравитационной модели".into(),
        top_products: vec!["7403".into(), "0806".into()],
        top_product_names: vec![],
    }
}

fn brief(lang: Lang, pot: bool) -> bilat_report::Brief {
    let opts = BriefOptions {
        lang,
        ..Default::default()
    };
    build_brief(&profile(), &data(), pot.then(potential), &opts).expect("templates fill")
}

#[test]
fn brief_with_mirror_and_potential_en() {
    insta::assert_snapshot!(render_brief(&brief(Lang::En, true), BriefFormat::Text));
}

#[test]
fn brief_with_mirror_and_potential_ru() {
    insta::assert_snapshot!(render_brief(&brief(Lang::Ru, true), BriefFormat::Text));
}

#[test]
fn paragraphs_follow_the_data() {
    let b = brief(Lang::En, true);
    let topics: Vec<&str> = b.paragraphs.iter().map(|p| p.topic.as_str()).collect();
    assert_eq!(
        topics,
        [
            "products",
            "position",
            "concentration",
            "mirror",
            "potential"
        ]
    );
    // Only the exports gap (−9.1%) is above the 5% threshold, not the imports one (+2.0%).
    let mirror = &b.paragraphs[3].text;
    assert!(
        mirror.contains("−9.1%") && !mirror.contains("2.0%"),
        "{mirror}"
    );
    // A ratio of 5 is phrased in times; a fall as "down".
    assert!(
        b.lead
            .contains("imports from Sweden $250.0 million (up 5.0 times)"),
        "{}",
        b.lead
    );
    assert!(b.lead.contains("(down 4.8%)"), "{}", b.lead);
    assert!(
        b.lead
            .contains("Chile ran a deficit of $150.0 million with Sweden")
    );
    // Horses (2%) are below the main-product threshold; the unknown heading keeps a short name.
    let names: Vec<&str> = b.main_exports.iter().map(|p| p.name_en.as_str()).collect();
    assert_eq!(
        names,
        ["refined copper", "grapes", "commodities not specified"]
    );
    // Without an estimate there is no potential paragraph.
    let none = brief(Lang::En, false);
    assert!(none.paragraphs.iter().all(|p| p.topic != "potential"));
    assert!(none.potential.is_none());
}

#[test]
fn russian_grammar_in_context() {
    let b = brief(Lang::Ru, true);
    let t = render_brief(&b, BriefFormat::Text).replace('\n', " ");
    for phrase in [
        "товарооборот Чили со Швецией",
        "Экспорт Чили в Швецию",
        "импорт из Швеции",
        "рост в 5,0 раза",
        "снижение на 4,8%",
    ] {
        assert!(t.contains(phrase), "{phrase:?} missing: {t}");
    }
}

#[test]
fn every_format_is_deterministic_and_json_has_the_figures() {
    let b = brief(Lang::En, true);
    for f in [
        BriefFormat::Text,
        BriefFormat::Md,
        BriefFormat::Html,
        BriefFormat::Json,
    ] {
        assert_eq!(render_brief(&b, f), render_brief(&brief(Lang::En, true), f));
    }
    let j: serde_json::Value = serde_json::from_str(&render_brief(&b, BriefFormat::Json)).unwrap();
    assert_eq!(j["figures"]["turnover"]["value_usd"], 350.0e6);
    assert_eq!(j["figures"]["comparison_year"], 2019);
    assert_eq!(j["potential"]["potential_usd"], 520.0e6);
    assert_eq!(j["provenance"]["source"], "comtrade");
    let html = render_brief(&b, BriefFormat::Html);
    assert_eq!(html.matches("<svg").count(), 3);
}
