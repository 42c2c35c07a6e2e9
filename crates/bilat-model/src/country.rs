//! Countries and country groups, and resolving what a user typed into one of them.
//!
//! Inside bilat a country is its ISO 3166-1 numeric code (`u16`); on every surface it is shown
//! with its alpha-3 code and name. [`resolve_place`] accepts alpha-2, alpha-3, numeric codes,
//! English and Russian names (any case form listed in the table) and common aliases.
//!
//! # The table
//! [`countries`] holds, sorted by code:
//!
//! | kind | rows | example |
//! | --- | --- | --- |
//! | [`CountryKind::Iso`] | the 249 ISO 3166-1 countries and territories | 112 `BLR` Belarus |
//! | [`CountryKind::Other`] | places without an ISO entry that statistics report on their own | 412 `XKX` Kosovo |
//! | [`CountryKind::Former`] | dissolved countries (ISO 3166-3) found in historic data | 810 `SUN` USSR |
//! | [`CountryKind::Area`] | UN Comtrade statistical areas | 899 `_X` Areas, nes; 837 `X1` Bunkers |
//! | [`CountryKind::World`] | partner code 0 | 0 `WLD` World |
//!
//! Area rows carry Comtrade's own codes (`_X`, `X1`, `E19`…); where Comtrade gives two areas the
//! same code (473 "LAIA, nes" and 636 "Rest of America, nes" are both `A79`), 473 gets `_LA`.
//! Kosovo is `XK`/`XKX` (the user-assigned codes the EU and IMF use; Comtrade writes `_KS`).
//!
//! # BACI and Comtrade codes
//! BACI and Comtrade use their own numeric codes for a few countries (France 251, India 699,
//! Norway 579, Switzerland 757, USA 842, and historic aggregates such as Belgium-Luxembourg 58);
//! [`baci_to_iso`] maps them. Two choices are worth knowing:
//! - 58 Belgium-Luxembourg (joint reports until 1998) maps to Belgium 56.
//! - 490 "Other Asia, nes" maps to Taiwan 158: in both sources it is, in practice, Taiwan's trade.
//!
//! Comtrade's 492 "Europe EU, nes" shares its number with ISO Monaco and resolves to Monaco.
//!
//! # Groups
//! [`groups`]: `WORLD`, `EU27`, `EAEU` and `CIS`; see each member list in `country_data.rs` for
//! who is in and why (CIS leaves out Turkmenistan, Ukraine and Georgia).
//!
//! # Cost
//! Importers call [`country_by_code`] and [`baci_to_iso`] per row: both are binary searches over
//! static sorted tables. [`country_by_alpha3`] is a hash lookup without allocation.
//! [`resolve_place`] normalizes its input (one allocation) and looks it up in a hash index built
//! once.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Serialize;

use crate::{Error, Lang, Result};

/// What kind of entity a row of the country table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[non_exhaustive]
pub enum CountryKind {
    /// A current ISO 3166-1 country or territory.
    Iso,
    /// A place without an ISO 3166-1 entry that trade statistics report on its own (Kosovo).
    Other,
    /// A dissolved country with an ISO 3166-3 code (USSR, Yugoslavia, Czechoslovakia…), found in
    /// historic data.
    Former,
    /// A statistical area of UN Comtrade: "Areas, nes", bunkers, free zones, regions "nes", or a
    /// group that reports as one (the EU as reporter 97).
    Area,
    /// The world total (partner code 0).
    World,
}

/// One country or territory of the reference table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Country {
    /// ISO 3166-1 numeric code (the key inside bilat); Comtrade's code for non-ISO rows.
    pub code: u16,
    /// ISO 3166-1 alpha-2; empty for former states and statistical areas.
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 (shown on every surface); ISO 3166-3 or Comtrade's code for other rows.
    pub alpha3: &'static str,
    /// What kind of entity this row is.
    pub kind: CountryKind,
    /// English short name.
    pub name_en: &'static str,
    /// Russian short name (nominative).
    pub name_ru: &'static str,
    /// Other accepted spellings, in any language, lower-case.
    pub aliases: &'static [&'static str],
}

impl Country {
    /// Name in the requested language.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name_en,
            Lang::Ru => self.name_ru,
        }
    }

    /// Whether this is a current ISO 3166-1 country or territory.
    pub fn is_iso(&self) -> bool {
        self.kind == CountryKind::Iso
    }
}

/// A named set of countries a user may ask about as one side of a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Group {
    /// Short identifier, e.g. `EU27`, `EAEU`, `CIS`, `WORLD`.
    pub id: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Russian name.
    pub name_ru: &'static str,
    /// Member ISO numeric codes, sorted; empty for `WORLD` (stored as partner code 0).
    pub members: &'static [u16],
    /// Other accepted spellings (abbreviations and case forms), lower-case.
    pub aliases: &'static [&'static str],
}

impl Group {
    /// Name in the requested language.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name_en,
            Lang::Ru => self.name_ru,
        }
    }

    /// Whether the country with this ISO numeric code is a member (`WORLD` contains every code).
    pub fn contains(&self, code: u16) -> bool {
        self.members.is_empty() || self.members.binary_search(&code).is_ok()
    }
}

/// What a user's country argument resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub enum Place {
    /// A single country.
    Country(&'static Country),
    /// A group of countries (or the World).
    Group(&'static Group),
}

impl Place {
    /// The short code shown on surfaces: alpha-3 for a country, the id for a group.
    pub fn id(&self) -> &'static str {
        match self {
            Place::Country(c) => c.alpha3,
            Place::Group(g) => g.id,
        }
    }

    /// Name in the requested language.
    pub fn name(&self, lang: Lang) -> &'static str {
        match self {
            Place::Country(c) => c.name(lang),
            Place::Group(g) => g.name(lang),
        }
    }
}

include!("country_data.rs");

/// All countries of the reference table, ordered by numeric code.
pub fn countries() -> &'static [Country] {
    COUNTRIES
}

/// All country groups (`WORLD`, `EU27`, `EAEU`, `CIS`).
pub fn groups() -> &'static [Group] {
    GROUPS
}

/// The group with this id (case-insensitive), e.g. `EU27`.
pub fn group_by_id(id: &str) -> Option<&'static Group> {
    GROUPS.iter().find(|g| g.id.eq_ignore_ascii_case(id))
}

/// The country with this numeric code (ISO, or Comtrade's for non-ISO rows). Binary search.
pub fn country_by_code(code: u16) -> Option<&'static Country> {
    COUNTRIES
        .binary_search_by_key(&code, |c| c.code)
        .ok()
        .map(|i| &COUNTRIES[i])
}

/// Upper-case alpha-3 code → row index.
static BY_ALPHA3: LazyLock<HashMap<&'static str, usize>> = LazyLock::new(|| {
    COUNTRIES
        .iter()
        .enumerate()
        .map(|(i, c)| (c.alpha3, i))
        .collect()
});

/// The country with this ISO alpha-3 code (case-insensitive). Does not allocate.
pub fn country_by_alpha3(alpha3: &str) -> Option<&'static Country> {
    let bytes = alpha3.as_bytes();
    if bytes.is_empty() || bytes.len() > 3 {
        return None;
    }
    let mut buf = [0u8; 3];
    for (b, s) in buf.iter_mut().zip(bytes) {
        *b = s.to_ascii_uppercase();
    }
    let key = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
    BY_ALPHA3.get(key).map(|&i| &COUNTRIES[i])
}

/// Maps a BACI/Comtrade numeric country code to ISO 3166-1 numeric (identity for most).
pub fn baci_to_iso(code: u16) -> u16 {
    BACI_TO_ISO
        .binary_search_by_key(&code, |(baci, _)| *baci)
        .map_or(code, |i| BACI_TO_ISO[i].1)
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
///
/// Matching is on the normalized text (see `normalize`): case, "ё"/"е", typographic quotes and
/// dashes, Latin diacritics, repeated spaces, a leading "the " and a trailing possessive do not
/// matter. English adjectives ("Belarusian", "Kazakhstani") are aliases of their country. Group names win
/// over country names; numbers go through [`baci_to_iso`] first, so "842" is the United States.
pub fn resolve_place(input: &str) -> Result<Place> {
    if let Some(place) = lookup_place(input) {
        return Ok(place);
    }
    let key = normalize(input);
    Err(Error::UnknownCountry {
        input: input.to_string(),
        suggestions: if key.is_empty() {
            vec![]
        } else {
            suggest(&key)
        },
    })
}

/// [`resolve_place`] without the "did you mean" suggestions of a miss: for scanning text, where
/// most words are no place and fuzzy-matching each against every name would dominate the cost.
pub fn lookup_place(input: &str) -> Option<Place> {
    let key = normalize(input);
    if key.is_empty() {
        return None;
    }
    if let Some(entry) = INDEX.get(&key) {
        return Some(entry.place());
    }
    key.parse::<u16>()
        .ok()
        .and_then(|n| country_by_code(baci_to_iso(n)))
        .map(Place::Country)
}

impl std::str::FromStr for Place {
    type Err = Error;

    /// Same as [`resolve_place`].
    fn from_str(s: &str) -> Result<Self> {
        resolve_place(s)
    }
}

/// A row of the name index: a group or a country, by position in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Entry {
    Group(usize),
    Country(usize),
}

impl Entry {
    fn place(self) -> Place {
        match self {
            Entry::Group(i) => Place::Group(&GROUPS[i]),
            Entry::Country(i) => Place::Country(&COUNTRIES[i]),
        }
    }
}

/// Every accepted spelling of a group or country with what it names.
///
/// Groups go first, then countries in table order; the first entry for a key wins, so "world"
/// is the `WORLD` group, not the partner-0 row. A unit test checks that no two countries share a
/// key.
static INDEX: LazyLock<HashMap<String, Entry>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for (key, entry) in index_keys() {
        index.entry(key).or_insert(entry);
    }
    index
});

/// All (normalized key, entry) pairs, groups first, in table order.
fn index_keys() -> impl Iterator<Item = (String, Entry)> {
    let groups = GROUPS.iter().enumerate().flat_map(|(i, g)| {
        [g.id, g.name_en, g.name_ru]
            .into_iter()
            .chain(g.aliases.iter().copied())
            .map(move |k| (normalize(k), Entry::Group(i)))
    });
    let countries = COUNTRIES.iter().enumerate().flat_map(|(i, c)| {
        [c.alpha3, c.alpha2, c.name_en, c.name_ru]
            .into_iter()
            .chain(c.aliases.iter().copied())
            .filter(|k| !k.is_empty())
            .map(move |k| (normalize(k), Entry::Country(i)))
    });
    groups.chain(countries)
}

/// Lower-cases and trims; folds "ё" to "е", typographic quotes and dashes to ASCII and Latin
/// letters with diacritics to their base letter; collapses runs of white space; drops a leading
/// "the " and a trailing possessive "'s" or "'" ("Belarus'", "Kazakhstan's"). Spellings that
/// differ only in these respects compare equal.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.trim().chars().flat_map(char::to_lowercase) {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(fold(ch));
    }
    if let Some(rest) = out.strip_suffix("'s").or_else(|| out.strip_suffix('\'')) {
        out.truncate(rest.len());
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// One lower-case character folded for comparison (see [`normalize`]).
fn fold(ch: char) -> char {
    match ch {
        'ё' => 'е',
        '’' | '‘' | '`' | 'ʼ' => '\'',
        '—' | '–' | '‑' => '-',
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' => 's',
        'ž' => 'z',
        _ => ch,
    }
}

/// Candidate spellings for suggestions: (normalized spelling, entry).
static CANDIDATES: LazyLock<Vec<(String, Entry)>> = LazyLock::new(|| {
    index_keys()
        .filter(|(k, _)| k.chars().count() >= 4)
        .collect()
});

/// Up to three known places closest to `key` by Jaro–Winkler similarity, best first, each shown
/// as "Name (ID)" in the script of the input (Russian names for Cyrillic input). A key longer
/// than any name (over 64 characters) gets none: Jaro–Winkler costs O(len²) per candidate, and a
/// pasted paragraph or a 10 MB field is no misspelt country.
fn suggest(key: &str) -> Vec<String> {
    if key.chars().count() > 64 {
        return Vec::new();
    }
    let lang = if key.chars().any(|c| matches!(c, 'а'..='я')) {
        Lang::Ru
    } else {
        Lang::En
    };
    let mut scored: Vec<(f64, Entry)> = CANDIDATES
        .iter()
        .map(|(k, e)| (strsim::jaro_winkler(key, k), *e))
        .filter(|(s, _)| *s > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<String> = Vec::new();
    for (_, e) in scored {
        let place = e.place();
        let label = format!("{} ({})", place.name(lang), place.id());
        if !out.contains(&label) {
            out.push(label);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// Places whose accepted spellings match what a user is typing, best first, at most `limit`:
/// for autocomplete ("бел" → Беларусь, Бельгия, Белиз…). Matching is on normalized text (see
/// `normalize`), ranked: a whole spelling, then a spelling that starts with the input, then one
/// with a word that does; groups and current countries before former states and statistical
/// areas; then by English name. Input over 64 characters matches nothing.
pub fn search_places(input: &str, limit: usize) -> Vec<Place> {
    let q = normalize(input);
    if q.is_empty() || q.chars().count() > 64 {
        return Vec::new();
    }
    let mut best: HashMap<Entry, u8> = HashMap::new();
    for (key, entry) in index_keys() {
        let score = if key == q {
            0
        } else if key.starts_with(&q) {
            1
        } else if key
            .split([' ', '-', '(', ','])
            .skip(1)
            .any(|w| w.starts_with(&q))
        {
            2
        } else {
            continue;
        };
        let slot = best.entry(entry).or_insert(score);
        *slot = (*slot).min(score);
    }
    let kind_rank = |e: &Entry| match e {
        Entry::Group(_) => 0,
        Entry::Country(i) => match COUNTRIES[*i].kind {
            CountryKind::Iso | CountryKind::Other => 0,
            CountryKind::World => 1,
            CountryKind::Former => 2,
            _ => 3,
        },
    };
    let mut hits: Vec<(u8, u8, &'static str, Entry)> = best
        .into_iter()
        .map(|(e, s)| (s, kind_rank(&e), e.place().name(Lang::En), e))
        .collect();
    hits.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    hits.into_iter().take(limit).map(|h| h.3.place()).collect()
}

#[cfg(test)]
mod tests;
