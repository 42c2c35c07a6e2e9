//! The compiled-in tables agree with the reference files that importers will meet: BACI's country
//! list and the EU27 membership list.

mod common;

use std::collections::BTreeSet;

use bilat_model::{
    Place, baci_to_iso, country_by_alpha3, country_by_code, group_by_id, resolve_place,
};

/// Every BACI country with an ISO alpha-3 resolves by that code, and BACI's numeric code maps
/// (through `baci_to_iso`) to the country with the same alpha-3.
#[test]
fn baci_country_codes_resolve() {
    let dir = common::data_dir();
    let path = dir.join("baci/country_codes_V202201.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .unwrap_or_else(|| panic!("no column {name} in {}", path.display()))
    };
    let (code_col, alpha3_col) = (col("country_code"), col("iso_3digit_alpha"));
    let mut checked = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let alpha3 = record[alpha3_col].trim();
        let code: u16 = record[code_col].trim().parse().unwrap();
        if alpha3.len() != 3 || !alpha3.bytes().all(|b| b.is_ascii_uppercase()) {
            continue; // "N/A": a statistical area without an ISO code.
        }
        let by_alpha3 = country_by_alpha3(alpha3)
            .unwrap_or_else(|| panic!("BACI alpha-3 {alpha3} ({code}) is not in the table"));
        assert!(
            matches!(resolve_place(alpha3), Ok(Place::Country(c)) if c == by_alpha3),
            "{alpha3} does not resolve to itself"
        );
        let iso = baci_to_iso(code);
        let by_code = country_by_code(iso)
            .unwrap_or_else(|| panic!("BACI code {code} -> {iso} is not in the table"));
        assert_eq!(by_code.alpha3, alpha3, "BACI code {code} -> {iso}");
        checked += 1;
    }
    assert!(checked > 200, "only {checked} BACI rows checked");
}

/// The EU27 group is exactly `reference/countries/eu27.csv`.
#[test]
fn eu27_matches_reference() {
    let dir = common::data_dir();
    let mut reader = csv::Reader::from_path(dir.join("reference/countries/eu27.csv")).unwrap();
    let expected: BTreeSet<u16> = reader
        .records()
        .map(|r| {
            let alpha3 = r.unwrap()[0].trim().to_string();
            country_by_alpha3(&alpha3)
                .unwrap_or_else(|| panic!("unknown {alpha3}"))
                .code
        })
        .collect();
    let eu = group_by_id("EU27").unwrap();
    let actual: BTreeSet<u16> = eu.members.iter().copied().collect();
    assert_eq!(actual, expected);
    assert_eq!(eu.members.len(), 27);
}
