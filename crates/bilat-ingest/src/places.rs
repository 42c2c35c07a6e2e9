//! Country codes as the sources write them, resolved to the ISO 3166-1 numeric codes of
//! `bilat_model`.
//!
//! Rules (the same in every reader):
//! - an alpha-3 code that `bilat_model::country_by_alpha3` knows is that country;
//! - a numeric code goes through `bilat_model::baci_to_iso` (BACI/Comtrade use 251 France,
//!   699 India, 842 USA, …) and must then be a country of the model's table;
//! - `0`, `W00` and `World` are the World (code 0);
//! - the non-ISO areas and former countries that the UN Comtrade reference lists use (table
//!   [`AREAS`], e.g. 490 "Other Asia, nes", 899 "Areas, nes", 891 Serbia and Montenegro) keep their
//!   Comtrade numeric code, as `bilat_model::col::EXPORTER` allows;
//! - anything else is an unknown country: a located error (strict) or a reject (lenient).

use bilat_model::{baci_to_iso, country_by_alpha3, country_by_code};

/// Comtrade's numeric codes and alpha codes for areas that are not ISO 3166-1 countries (from the
/// Comtrade partner reference list), and former countries (ISO 3166-3). An alpha of `""` means the
/// code has no unique alpha code.
pub(crate) const AREAS: &[(u16, &str, &str)] = &[
    (129, "A49", "Caribbean, nes"),
    (200, "CSK", "Czechoslovakia"),
    (221, "E29", "Eastern Europe, nes"),
    (278, "DDR", "German Democratic Republic"),
    (290, "F49", "Northern Africa, nes"),
    (471, "R91", "CACM, nes"),
    (472, "_AC", "Africa CAMEU region, nes"),
    (473, "", "LAIA, nes"),
    (490, "S19", "Other Asia, nes"),
    (527, "O19", "Oceania, nes"),
    (530, "ANT", "Netherlands Antilles"),
    (568, "E19", "Other Europe, nes"),
    (577, "F19", "Other Africa, nes"),
    (636, "", "Rest of America, nes"),
    (637, "A59", "North America and Central America, nes"),
    (697, "R20", "Europe EFTA, nes"),
    (810, "SUN", "USSR"),
    (837, "X1", "Bunkers"),
    (838, "X2", "Free Zones"),
    (839, "XX", "Special Categories"),
    (879, "F97", "Western Asia, nes"),
    (890, "YUG", "Yugoslavia"),
    (891, "SCG", "Serbia and Montenegro"),
    (899, "_X", "Areas, nes"),
];

/// The ISO numeric code (or kept area code) of a source's numeric country code.
pub(crate) fn from_numeric(code: u32) -> Option<i32> {
    if code == 0 {
        return Some(0);
    }
    let code = u16::try_from(code).ok()?;
    let iso = baci_to_iso(code);
    if country_by_code(iso).is_some() {
        return Some(i32::from(iso));
    }
    AREAS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(c, _, _)| i32::from(*c))
}

/// The code of an alpha-3 (or Comtrade area alpha) code, case-insensitive, spaces trimmed.
pub(crate) fn from_alpha(alpha: &str) -> Option<i32> {
    let a = alpha.trim();
    if a.is_empty() {
        return None;
    }
    if a.eq_ignore_ascii_case("W00")
        || a.eq_ignore_ascii_case("World")
        || a.eq_ignore_ascii_case("WLD")
    {
        return Some(0);
    }
    if let Some(c) = country_by_alpha3(a) {
        return Some(i32::from(c.code));
    }
    AREAS
        .iter()
        .find(|(_, al, _)| !al.is_empty() && al.eq_ignore_ascii_case(a))
        .map(|(c, _, _)| i32::from(*c))
}

/// Whether a numeric code is one of the kept [`AREAS`].
pub(crate) fn is_area(code: u32) -> bool {
    AREAS.iter().any(|(c, _, _)| u32::from(*c) == code)
}
