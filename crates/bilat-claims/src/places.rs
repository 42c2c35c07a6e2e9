//! Countries in running text: names in any case form (through `bilat_model::lookup_place`),
//! adjectives/demonyms ("Belarusian", "белорусский", "казахстанских") and groups with members
//! ("EU", "ЕАЭС", "CIS"), named by their group id.
//!
//! `resolve_place` knows English names, Russian names with their case forms and a few English
//! adjectives. Russian adjectives decline (белорусский, белорусского, белорусским, белорусских …),
//! so they are matched here by stem; the table lists the stems of the countries bilat's users
//! write about most, and any other country is still found by its name.

use bilat_model::{CountryKind, Place, lookup_place};

/// Stems of adjectives and demonyms, lower case, with the country they name. A word matches
/// when it starts with the stem.
const DEMONYM_STEMS: &[(&str, &str)] = &[
    ("белорус", "BLR"),
    ("казахстанск", "KAZ"),
    ("казахск", "KAZ"),
    ("российск", "RUS"),
    ("чилийск", "CHL"),
    ("аргентинск", "ARG"),
    ("китайск", "CHN"),
    ("германск", "DEU"),
    ("немецк", "DEU"),
    ("узбекск", "UZB"),
    ("украинск", "UKR"),
    ("польск", "POL"),
    ("литовск", "LTU"),
    ("латвийск", "LVA"),
    ("американск", "USA"),
    ("кыргызск", "KGZ"),
    ("киргизск", "KGZ"),
    ("армянск", "ARM"),
    ("азербайджанск", "AZE"),
    ("турецк", "TUR"),
    ("индийск", "IND"),
    ("иранск", "IRN"),
    ("вьетнамск", "VNM"),
    ("бразильск", "BRA"),
    ("мексиканск", "MEX"),
    ("kazakhstani", "KAZ"),
    ("kazakh", "KAZ"),
    ("belarusian", "BLR"),
    ("belarussian", "BLR"),
    ("chilean", "CHL"),
    ("argentin", "ARG"),
    ("russian", "RUS"),
    ("chinese", "CHN"),
    ("german", "DEU"),
    ("uzbek", "UZB"),
    ("ukrainian", "UKR"),
    ("polish", "POL"),
    ("american", "USA"),
];

/// Short codes accepted although they are shorter than four letters.
const SHORT_NAMES: &[&str] = &["usa", "сша", "uk", "uae", "рф", "рб", "оаэ", "кнр"];

/// Short names of groups accepted although they are shorter than four letters.
const GROUP_SHORT_NAMES: &[&str] = &["eu", "ес", "cis", "снг"];

/// A country named by one or more words, and whether the form is an adjective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    /// ISO alpha-3.
    pub alpha3: String,
    /// "Belarusian", "белорусский": an adjective, not the country's name.
    pub adjective: bool,
}

/// The country an adjective or demonym names, by stem (the table `DEMONYM_STEMS` of this file),
/// as ISO alpha-3.
pub fn demonym(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    DEMONYM_STEMS
        .iter()
        .find(|(stem, _)| w.starts_with(stem) && w.chars().count() >= stem.chars().count())
        .map(|(_, a)| *a)
}

/// The country a name (one or more words, as written) refers to, if any. Only capitalised
/// names of four or more letters (or a listed short code) are looked up, so "in", "by" and "to"
/// are never read as India, Belarus or Tonga.
pub(crate) fn country(words: &str, key: &str) -> Option<Named> {
    let first = words.chars().next()?;
    let long_enough = key.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    if first.is_uppercase()
        && (long_enough || SHORT_NAMES.contains(&key))
        && let Some(Place::Country(c)) = lookup_place(key)
        && matches!(c.kind, CountryKind::Iso | CountryKind::Other)
    {
        let adjective = if key.is_ascii() {
            demonym(key).is_some() && key != c.name_en.to_lowercase()
        } else {
            first.is_lowercase()
        };
        return Some(Named {
            alpha3: c.alpha3.to_string(),
            adjective,
        });
    }
    // A group with members ("the EU", "Евросоюз", "ЕАЭС", "CIS"): its id stands where a
    // country's code would, so "the EU is Belarus's second largest partner" is about the EU (a
    // group has no rank: unverifiable), not about the article's other country.
    if first.is_uppercase()
        && (long_enough || GROUP_SHORT_NAMES.contains(&key))
        && let Some(Place::Group(g)) = lookup_place(key)
        && !g.members.is_empty()
    {
        return Some(Named {
            alpha3: g.id.to_string(),
            adjective: false,
        });
    }
    if !key.contains(' ')
        && (!key.is_ascii() || first.is_uppercase())
        && let Some(a) = demonym(key)
    {
        return Some(Named {
            alpha3: a.to_string(),
            adjective: true,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a3(w: &str) -> Option<(String, bool)> {
        let key = w.to_lowercase();
        let key = key
            .strip_suffix("'s")
            .unwrap_or(&key)
            .trim_end_matches('\'');
        country(w, key).map(|n| (n.alpha3, n.adjective))
    }

    #[test]
    fn names_cases_and_adjectives() {
        assert_eq!(a3("Belarus'"), Some(("BLR".into(), false)));
        assert_eq!(a3("Kazakhstan's"), Some(("KAZ".into(), false)));
        assert_eq!(a3("Belarusian"), Some(("BLR".into(), true)));
        assert_eq!(a3("Kazakhstani"), Some(("KAZ".into(), true)));
        assert_eq!(a3("Беларуси"), Some(("BLR".into(), false)));
        assert_eq!(a3("Казахстана"), Some(("KAZ".into(), false)));
        assert_eq!(a3("белорусский"), Some(("BLR".into(), true)));
        assert_eq!(a3("казахстанских"), Some(("KAZ".into(), true)));
        assert_eq!(a3("Chile"), Some(("CHL".into(), false)));
        assert_eq!(a3("in"), None);
        assert_eq!(a3("by"), None);
        assert_eq!(a3("To"), None);
        assert_eq!(a3("MINSK"), None);
        assert_eq!(a3("EU"), Some(("EU27".into(), false)));
        assert_eq!(a3("ЕАЭС"), Some(("EAEU".into(), false)));
        assert_eq!(a3("World"), None, "the World is no partner named in a text");
        assert_eq!(a3("eu"), None);
    }
}
