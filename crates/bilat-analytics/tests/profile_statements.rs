//! What a cold profile costs in statements (issue 12's cold-profile target): on an engine with
//! a result memo (the server's), a profile of a new partner of a reporter already asked about
//! runs exactly one statement of its own — the pair's product detail — also in a year whose
//! year before is not loaded (the demo's 2015), where the base-year fallback needs none.

mod common;

use bilat_analytics::{ProfileRequest, profile};

fn place(s: &str) -> bilat_model::Place {
    bilat_model::resolve_place(s).unwrap()
}

#[test]
fn a_new_partner_of_a_known_reporter_costs_one_statement() {
    common::with_demo(async |engine| {
        let engine = engine.clone().with_result_cache(64 << 20);
        let req = |b: &str, year: i32| ProfileRequest::new(place("BLR"), place(b), year);
        // Warm what depends on the reporter (and year) only: the pairs loaded with each
        // partner, the partner totals of both years, the product names.
        for year in [2016, 2015] {
            profile(&engine, &req("KAZ", year)).await.unwrap();
        }
        for (partner, year) in [("RUS", 2016), ("DEU", 2015), ("CHN", 2016)] {
            let before = engine.cached_results();
            let p = profile(&engine, &req(partner, year)).await.unwrap();
            assert_eq!(
                engine.cached_results() - before,
                1,
                "BLR–{partner} {year} ran statements of its own beyond its pair detail"
            );
            assert!(p.exports.value_usd > 0.0, "BLR–{partner} {year}: {p:?}");
            if year == 2015 {
                // The fallback found no earlier year, and says so, without a statement.
                assert_eq!(p.previous_year, 2014);
                assert!(
                    p.notes.iter().any(|n| n.contains("no year before 2015")),
                    "{:?}",
                    p.notes
                );
            }
        }
    });
}
