//! Fuzz target: what a user types where a place, a period or a level goes — `resolve_place`,
//! `resolve_country`, `Place: FromStr`, `MonthRange`, `HsLevel`, `View`, `Lang`.
//!
//! Properties: a resolved country resolves again from its alpha-3 code and its English name
//! (the World row and statistical areas excepted: `WLD` names the `WORLD` group, which wins by
//! design); a
//! resolved group resolves again from its id; `Place: FromStr` is `resolve_place`; a month range
//! is 1 ≤ first ≤ last ≤ 12 and re-parses from its display; an HS level re-parses from its
//! display; suggestions are at most three.
#![no_main]

use bilat_model::{
    CountryKind, Error, HsLevel, Lang, MonthRange, Place, View, resolve_country, resolve_place,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let s = text.as_ref();
    let place = resolve_place(s);
    assert_eq!(place.clone().ok(), s.parse::<Place>().ok());
    match &place {
        // Areas and the World row may share a spelling with a group (`WLD`, "European Union"),
        // and groups win by design; every other country must resolve back to itself.
        Ok(Place::Country(c)) if !matches!(c.kind, CountryKind::World | CountryKind::Area) => {
            for again in [c.alpha3, c.name_en] {
                match resolve_place(again) {
                    Ok(Place::Country(d)) => assert_eq!(d.code, c.code, "{s:?} -> {again:?}"),
                    other => panic!("{s:?} is {}, but {again:?} is {other:?}", c.alpha3),
                }
            }
        }
        Ok(Place::Group(g)) => {
            assert!(matches!(resolve_place(g.id), Ok(Place::Group(h)) if h.id == g.id));
        }
        Ok(Place::Country(_)) => {}
        Err(Error::UnknownCountry { suggestions, .. }) => assert!(suggestions.len() <= 3),
        Err(e) => panic!("resolve_place({s:?}) failed with {e}"),
    }
    if let Ok(c) = resolve_country(s) {
        assert!(matches!(place, Ok(Place::Country(d)) if d.code == c.code));
    }
    if let Ok(m) = MonthRange::parse(s) {
        assert!(1 <= m.first && m.first <= m.last && m.last <= 12, "{m:?}");
        assert_eq!(MonthRange::parse(&m.to_string()).ok(), Some(m));
        assert_eq!(usize::from(m.len()), usize::from(m.last - m.first) + 1);
    }
    if let Ok(l) = s.parse::<HsLevel>() {
        assert_eq!(l.to_string().parse::<HsLevel>().ok(), Some(l));
        assert_eq!(HsLevel::from_digits(l.digits()), Some(l));
    }
    if let Ok(v) = s.parse::<View>() {
        assert_eq!(v.as_str().parse::<View>().ok(), Some(v));
    }
    let _ = s.parse::<Lang>();
});
