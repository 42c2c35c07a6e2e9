//! Properties of resolution that must hold for any input.

use bilat_model::{Place, countries, resolve_place};
use proptest::prelude::*;

proptest! {
    /// Resolution returns a value or an error for any string; it never panics.
    #[test]
    fn resolve_place_never_panics(input in any::<String>()) {
        let _ = resolve_place(&input);
    }

    /// Same for strings made of the characters names are built from, which reach the fuzzy
    /// suggestion path more often.
    #[test]
    fn resolve_place_never_panics_on_name_like(input in "[a-zA-Zа-яА-ЯёЁ0-9 ,.'’()-]{0,40}") {
        let _ = resolve_place(&input);
    }

    /// Case and surrounding white space do not change what a name resolves to.
    #[test]
    fn case_and_space_do_not_matter(i in 0..countries().len(), upper in any::<bool>()) {
        let c = &countries()[i];
        let name = if upper { c.name_en.to_uppercase() } else { c.name_en.to_lowercase() };
        let padded = format!("  {name}\t");
        let a = resolve_place(c.name_en).unwrap();
        let b = resolve_place(&padded).unwrap();
        prop_assert_eq!(a.id(), b.id());
        if let Place::Country(found) = a {
            prop_assert!(found.code == c.code || c.alpha3 == "WLD");
        }
    }
}
