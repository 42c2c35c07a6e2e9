//! The demo world tells the seed item's story through `bilat profile` (issue 2, "Demo").

use crate::common::{bilat, close, demo_warehouse, empty_warehouse, json, num, ok};

#[test]
fn profile_blr_kaz_2018_shows_the_seed_figures() {
    let p = json(
        demo_warehouse(),
        &["profile", "BLR", "KAZ", "--year", "2018"],
    );
    assert_eq!(p["provenance"]["source"], "demo");
    assert_eq!(p["provenance"]["label"], "demo data (generated)");
    assert_eq!(p["provenance"]["view"], "reporter");
    close(num(&p, "exports.value_usd"), 783.7e6, 1e-9);
    close(num(&p, "imports.value_usd"), 112.3e6, 1e-9);
    close(num(&p, "turnover.value_usd"), 896.0e6, 1e-9);
    // Growth printed at the seed's precision.
    assert_eq!(format!("{:.1}", num(&p, "exports.growth_pct")), "32.3");
    assert_eq!(format!("{:.1}", num(&p, "imports.growth_pct")), "15.6");
    assert_eq!(format!("{:.0}", num(&p, "turnover.growth_pct")), "30");
    close(num(&p, "balance.value_usd"), 783.7e6 - 112.3e6, 1e-9);
    // The seed's products lead: tractors first, petroleum oils first the other way.
    assert_eq!(p["top_exports"][0]["code"], "8701");
    assert_eq!(p["top_imports"][0]["code"], "2710");
    let pos = &p["partner_position"];
    assert!(
        pos["export_rank"].as_u64().unwrap() >= 2,
        "Russia, not Kazakhstan, is Belarus's first market"
    );
    assert!(p["mirror"]["exports_gap_pct"].is_number());
}

#[test]
fn period_to_date_january_june_2019() {
    let p = json(
        demo_warehouse(),
        &[
            "profile",
            "Беларусь",
            "Казахстан",
            "--year",
            "2019",
            "--months",
            "1-6",
        ],
    );
    let ptd = &p["period_to_date"];
    assert_eq!(ptd["months"], "1-6");
    close(num(ptd, "turnover.value_usd"), 481.7e6, 1e-9);
    assert_eq!(format!("{:.1}", num(ptd, "turnover.growth_pct")), "11.8");
}

#[test]
fn text_output_carries_provenance_and_the_demo_label() {
    let t = ok(
        demo_warehouse(),
        &["profile", "BY", "398", "--year", "2018"],
    );
    assert!(t.contains("demo data (generated)"), "{t}");
    assert!(t.contains("$783.7 million"), "{t}");
    assert!(t.contains("up 32.3%"), "{t}");
    assert!(t.contains("source: demo"), "{t}");
}

#[test]
fn unknown_country_is_a_user_error_with_suggestions() {
    let out = bilat(
        demo_warehouse(),
        &["profile", "Belarsu", "KAZ", "--year", "2018"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did you mean") && err.contains("Belarus"),
        "{err}"
    );
}

#[test]
fn empty_warehouse_builds_the_demo_with_a_notice() {
    let wh = empty_warehouse();
    let out = bilat(
        wh.path(),
        &[
            "sql",
            "SELECT count(*) AS n FROM flows WHERE source = 'demo'",
        ],
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("demo"));
    // Running `demo` again is a no-op.
    let before = std::fs::read(wh.path().join("catalog.json")).unwrap();
    ok(wh.path(), &["demo"]);
    assert_eq!(
        before,
        std::fs::read(wh.path().join("catalog.json")).unwrap()
    );
}

#[test]
fn sql_reads_the_warehouse() {
    let out = ok(
        demo_warehouse(),
        &[
            "sql",
            "SELECT count(DISTINCT exporter) AS n FROM flows",
            "--format",
            "csv",
        ],
    );
    let n: u32 = out.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(n >= 150, "demo has about 200 countries, got {n}");
}
