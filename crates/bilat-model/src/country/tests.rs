//! Unit tests of the country table and of resolution.

use std::collections::{HashMap, HashSet};

use super::*;

/// Resolves `input` and compares the result's id (alpha-3 or group id) with `expect`.
#[track_caller]
fn check(input: &str, expect: &str) {
    match resolve_place(input) {
        Ok(place) => assert_eq!(place.id(), expect, "{input:?}"),
        Err(e) => panic!("{input:?} did not resolve: {e}"),
    }
}

/// Resolution fails and the first suggestion is `expect`.
#[track_caller]
fn check_suggests(input: &str, expect: &str) {
    match resolve_place(input) {
        Ok(place) => panic!("{input:?} resolved to {}", place.id()),
        Err(Error::UnknownCountry { suggestions, .. }) => {
            assert_eq!(
                suggestions.first().map(String::as_str),
                Some(expect),
                "{input:?}: {suggestions:?}"
            )
        }
        Err(e) => panic!("{input:?}: unexpected error {e}"),
    }
}

#[test]
fn belarus_in_every_form() {
    for input in [
        "Belarus",
        "Беларусь",
        "BY",
        "by",
        "BLR",
        "blr",
        "112",
        "0112",
        " belarus ",
        "BELARUS",
        "Белоруссия",
        "Беларуси",
        "Республика Беларусь",
        "Byelorussia",
    ] {
        check(input, "BLR");
    }
}

#[test]
fn kazakhstan_in_every_form() {
    for input in [
        "Kazakhstan",
        "Казахстан",
        "KZ",
        "KAZ",
        "398",
        "Казахстана",
        "казахстаном",
        "Республика Казахстан",
    ] {
        check(input, "KAZ");
    }
}

#[test]
fn common_aliases() {
    let cases = [
        ("united states", "USA"),
        ("USA", "USA"),
        ("US", "USA"),
        ("the United States", "USA"),
        ("America", "USA"),
        ("США", "USA"),
        ("Соединённые Штаты", "USA"),
        ("Соединенные Штаты", "USA"),
        ("UK", "GBR"),
        ("Great Britain", "GBR"),
        ("Britain", "GBR"),
        ("Великобритания", "GBR"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("России", "RUS"),
        ("РФ", "RUS"),
        ("Российская Федерация", "RUS"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Iran", "IRN"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Ivory Coast", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Кыргызстан", "KGZ"),
        ("Киргизия", "KGZ"),
        ("Молдавия", "MDA"),
        ("Таиланд", "THA"),
        ("КНР", "CHN"),
        ("Китаем", "CHN"),
        ("Taiwan", "TWN"),
        ("Other Asia, nes", "TWN"),
        ("Netherlands", "NLD"),
        ("the Netherlands", "NLD"),
        ("Holland", "NLD"),
        ("Kosovo", "XKX"),
        ("USSR", "SUN"),
        ("СССР", "SUN"),
        ("Areas, nes", "_X"),
        ("Belarus'", "BLR"),
        ("Kazakhstan's", "KAZ"),
        ("Belarusian", "BLR"),
        ("Kazakhstani", "KAZ"),
        ("the Netherlands'", "NLD"),
        ("Côte d'Ivoire's", "CIV"),
        ("Bunkers", "X1"),
    ];
    for (input, expect) in cases {
        check(input, expect);
    }
}

#[test]
fn baci_and_comtrade_codes() {
    for (input, expect) in [
        ("251", "FRA"),
        ("699", "IND"),
        ("757", "CHE"),
        ("842", "USA"),
        ("579", "NOR"),
        ("58", "BEL"),
        ("280", "DEU"),
        ("381", "ITA"),
        ("490", "TWN"),
        ("899", "_X"),
        ("839", "XX"),
        ("837", "X1"),
        ("568", "E19"),
        ("97", "EUR"),
    ] {
        check(input, expect);
    }
    assert_eq!(baci_to_iso(842), 840);
    assert_eq!(baci_to_iso(112), 112);
    assert_eq!(baci_to_iso(0), 0);
}

#[test]
fn groups_resolve() {
    for (input, expect) in [
        ("EU27", "EU27"),
        ("EU", "EU27"),
        ("European Union", "EU27"),
        ("ЕС", "EU27"),
        ("Евросоюз", "EU27"),
        ("Европейский союз", "EU27"),
        ("EAEU", "EAEU"),
        ("EEU", "EAEU"),
        ("ЕАЭС", "EAEU"),
        ("Eurasian Economic Union", "EAEU"),
        ("CIS", "CIS"),
        ("СНГ", "CIS"),
        ("World", "WORLD"),
        ("Мир", "WORLD"),
        ("WLD", "WORLD"),
        ("0", "WORLD"),
    ] {
        check(input, expect);
    }
    assert!(resolve_country("EU27").is_err());
}

#[test]
fn did_you_mean() {
    check_suggests("Belarsu", "Belarus (BLR)");
    check_suggests("Kazakstan", "Kazakhstan (KAZ)");
    check_suggests("Казахтан", "Казахстан (KAZ)");
    let err = resolve_place("Belarsu").unwrap_err().to_string();
    assert!(err.contains("did you mean Belarus (BLR)"), "{err}");
}

#[test]
fn unknown_and_empty() {
    assert!(resolve_place("").is_err());
    assert!(resolve_place("   ").is_err());
    assert!(resolve_place("Atlantis").is_err());
    assert!(resolve_place("65535").is_err());
    assert!(resolve_place("1").is_err());
}

#[test]
fn codes_are_unique_and_sorted() {
    assert!(
        COUNTRIES.windows(2).all(|w| w[0].code < w[1].code),
        "COUNTRIES not sorted by code"
    );
    assert!(
        BACI_TO_ISO.windows(2).all(|w| w[0].0 < w[1].0),
        "BACI_TO_ISO not sorted"
    );
    let mut a2 = HashSet::new();
    let mut a3 = HashSet::new();
    for c in COUNTRIES {
        assert!(
            c.alpha2.is_empty() || a2.insert(c.alpha2),
            "duplicate alpha-2 {}",
            c.alpha2
        );
        assert!(a3.insert(c.alpha3), "duplicate alpha-3 {}", c.alpha3);
        assert!(
            !c.name_en.is_empty() && !c.name_ru.is_empty(),
            "{} lacks a name",
            c.alpha3
        );
        for a in c.aliases {
            assert_eq!(*a, a.to_lowercase(), "alias of {} not lower-case", c.alpha3);
        }
        if c.is_iso() {
            assert_eq!(c.alpha2.len(), 2, "{}", c.alpha3);
            assert_eq!(c.alpha3.len(), 3, "{}", c.alpha3);
            assert!(
                c.alpha3.bytes().all(|b| b.is_ascii_uppercase()),
                "{}",
                c.alpha3
            );
        }
    }
    assert_eq!(COUNTRIES.iter().filter(|c| c.is_iso()).count(), 249);
}

#[test]
fn baci_sources_are_not_countries() {
    for (baci, iso) in BACI_TO_ISO {
        assert!(
            country_by_code(*baci).is_none(),
            "BACI code {baci} is also a row"
        );
        assert!(
            country_by_code(*iso).is_some(),
            "BACI code {baci} maps to unknown {iso}"
        );
    }
}

#[test]
fn no_two_countries_share_a_spelling() {
    let mut seen: HashMap<String, Entry> = HashMap::new();
    let mut clashes = Vec::new();
    for (key, entry) in index_keys() {
        match seen.get(&key) {
            None => {
                seen.insert(key, entry);
            }
            Some(prev) if *prev == entry => {}
            // The partner-0 row shares "world"/"wld" with the WORLD group, which wins on purpose.
            Some(Entry::Group(_)) if matches!(entry.place(), Place::Country(c) if c.kind == CountryKind::World) =>
                {}
            Some(prev) => clashes.push(format!(
                "{key:?}: {} vs {}",
                prev.place().id(),
                entry.place().id()
            )),
        }
    }
    assert!(clashes.is_empty(), "{clashes:#?}");
}

#[test]
fn lookups_by_code() {
    assert_eq!(country_by_code(112).map(|c| c.alpha3), Some("BLR"));
    assert_eq!(country_by_code(0).map(|c| c.kind), Some(CountryKind::World));
    assert!(country_by_code(1).is_none());
    assert_eq!(country_by_alpha3("blr").map(|c| c.code), Some(112));
    assert_eq!(country_by_alpha3("Kaz").map(|c| c.code), Some(398));
    assert_eq!(country_by_alpha3("_X").map(|c| c.code), Some(899));
    assert!(country_by_alpha3("").is_none());
    assert!(country_by_alpha3("BLRX").is_none());
    assert!(country_by_alpha3("ЖЖ").is_none());
    for c in COUNTRIES {
        assert_eq!(country_by_code(c.code), Some(c));
        assert_eq!(country_by_alpha3(c.alpha3), Some(c));
        if c.kind != CountryKind::World {
            for spelling in [c.alpha3, c.name_en, c.name_ru] {
                assert_eq!(
                    resolve_place(spelling),
                    Ok(Place::Country(c)),
                    "{spelling:?}"
                );
            }
        }
    }
}

#[test]
fn groups_are_consistent() {
    let eu = group_by_id("eu27").unwrap();
    assert_eq!(eu.members.len(), 27);
    assert!(eu.contains(276) && !eu.contains(826));
    let eaeu = group_by_id("EAEU").unwrap();
    assert_eq!(eaeu.members, &[51, 112, 398, 417, 643]);
    let cis = group_by_id("CIS").unwrap();
    assert!(cis.contains(643) && !cis.contains(804) && !cis.contains(795) && !cis.contains(268));
    assert!(group_by_id("WORLD").unwrap().contains(840));
    for g in GROUPS {
        assert!(
            g.members.windows(2).all(|w| w[0] < w[1]),
            "{} members not sorted",
            g.id
        );
        for m in g.members {
            assert!(
                country_by_code(*m).is_some_and(Country::is_iso),
                "{}: {m}",
                g.id
            );
        }
    }
}

#[test]
fn normalize_folds() {
    assert_eq!(normalize("  The   Côte D’Ivoire "), "cote d'ivoire");
    assert_eq!(normalize("Соединённые Штаты"), "соединенные штаты");
    assert_eq!(normalize("Türkiye"), "turkiye");
    assert_eq!(normalize("Belarus’"), "belarus");
    assert_eq!(normalize("Kazakhstan's"), "kazakhstan");
    assert_eq!(normalize("'s"), "");
}

#[test]
fn search_places_completes_any_spelling() {
    let ids =
        |q: &str| -> Vec<&'static str> { search_places(q, 10).iter().map(|p| p.id()).collect() };
    let bel = ids("бел");
    assert_eq!(bel.first(), Some(&"BLR"), "{bel:?}");
    assert!(bel.contains(&"BEL"), "{bel:?}");
    assert_eq!(ids("Kaz").first(), Some(&"KAZ"));
    assert_eq!(ids("by").first(), Some(&"BLR"), "alpha-2 exact first");
    assert_eq!(ids("eaeu").first(), Some(&"EAEU"));
    assert!(ids("korea").contains(&"KOR"), "a word inside the name");
    assert!(ids("").is_empty());
    assert!(ids(&"x".repeat(100)).is_empty());
    assert_eq!(search_places("a", 5).len(), 5, "limit");
}
