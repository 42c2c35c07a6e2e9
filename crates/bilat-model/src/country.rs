//! Countries and country groups, and resolving what a user typed into one of them.
//!
//! Inside bilat a country is its ISO 3166-1 numeric code (`u16`); on every surface it is shown
//! with its alpha-3 code and name. [`resolve_place`] accepts alpha-2, alpha-3, numeric codes,
//! English and Russian names (any case form listed in the table) and common aliases.
//!
//! BACI and Comtrade use their own numeric codes for a few countries (France 251, India 699,
//! Norway 579, Switzerland 757, USA 842); [`baci_to_iso`] maps them.

use serde::Serialize;

use crate::{Error, Result};

/// One country or territory of the reference table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Country {
    /// ISO 3166-1 numeric code (the key inside bilat).
    pub code: u16,
    /// ISO 3166-1 alpha-2.
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 (shown on every surface).
    pub alpha3: &'static str,
    /// English short name.
    pub name_en: &'static str,
    /// Russian short name (nominative).
    pub name_ru: &'static str,
    /// Other accepted spellings, in any language, lower-case.
    pub aliases: &'static [&'static str],
}

/// A named set of countries a user may ask about as one side of a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Short identifier, e.g. `EU27`, `EAEU`, `CIS`, `WORLD`.
    pub id: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Russian name.
    pub name_ru: &'static str,
    /// Member ISO numeric codes; empty for `WORLD` (stored as partner code 0).
    pub members: &'static [u16],
}

/// What a user's country argument resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Place {
    /// A single country.
    Country(&'static Country),
    /// A group of countries (or the World).
    Group(&'static Group),
}

include!("country_data.rs");

/// All countries of the reference table, ordered by numeric code.
pub fn countries() -> &'static [Country] {
    COUNTRIES
}

/// The country with this ISO numeric code.
pub fn country_by_code(code: u16) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

/// The country with this ISO alpha-3 code (case-insensitive).
pub fn country_by_alpha3(alpha3: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.alpha3.eq_ignore_ascii_case(alpha3))
}

/// Maps a BACI/Comtrade numeric country code to ISO 3166-1 numeric (identity for most).
pub fn baci_to_iso(code: u16) -> u16 {
    BACI_TO_ISO
        .iter()
        .find(|(baci, _)| *baci == code)
        .map_or(code, |(_, iso)| *iso)
}

/// Resolves a single country; a group name is an error here.
pub fn resolve_country(input: &str) -> Result<&'static Country> {
    match resolve_place(input)? {
        Place::Country(c) => Ok(c),
        Place::Group(_) => Err(Error::UnknownCountry {
            input: input.to_string(),
            suggestions: vec![],
        }),
    }
}

/// Resolves a country or group from any common form: "Belarus", "Беларусь", "BY", "BLR", "112",
/// "EU27", "EAEU", "World". Unknown input yields suggestions ("did you mean …").
pub fn resolve_place(input: &str) -> Result<Place> {
    let key = normalize(input);
    if key.is_empty() {
        return Err(Error::UnknownCountry { input: input.to_string(), suggestions: vec![] });
    }
    if let Some(g) = GROUPS.iter().find(|g| {
        normalize(g.id) == key || normalize(g.name_en) == key || normalize(g.name_ru) == key
    }) {
        return Ok(Place::Group(g));
    }
    if let Ok(n) = key.parse::<u16>() {
        if let Some(c) = country_by_code(baci_to_iso(n)) {
            return Ok(Place::Country(c));
        }
    }
    if let Some(c) = COUNTRIES.iter().find(|c| {
        normalize(c.alpha3) == key
            || normalize(c.alpha2) == key
            || normalize(c.name_en) == key
            || normalize(c.name_ru) == key
            || c.aliases.iter().any(|a| normalize(a) == key)
    }) {
        return Ok(Place::Country(c));
    }
    Err(Error::UnknownCountry { input: input.to_string(), suggestions: suggest(&key) })
}

/// Lower-cases, trims and folds "ё" to "е" so spellings compare equal.
fn normalize(s: &str) -> String {
    s.trim().to_lowercase().replace('ё', "е")
}

/// Up to three known names closest to `key` by Jaro–Winkler similarity.
fn suggest(key: &str) -> Vec<String> {
    let mut scored: Vec<(f64, String)> = COUNTRIES
        .iter()
        .flat_map(|c| {
            [c.name_en, c.name_ru]
                .into_iter()
                .map(move |n| (strsim::jaro_winkler(key, &normalize(n)), format!("{} ({})", n, c.alpha3)))
        })
        .filter(|(s, _)| *s > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<String> = Vec::new();
    for (_, n) in scored {
        if !out.contains(&n) {
            out.push(n);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}
