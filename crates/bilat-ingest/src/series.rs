//! Tidy series CSV `period,country,partner,indicator,value,unit,source` → `series`.
//!
//! For what trade-in-goods data lacks: services trade, FDI, counts of joint ventures (DESIGN §2).
//! The seven columns must all be present (any order; other columns are ignored).
//!
//! ```text
//! period     YYYY (annual, month null) or YYYY-MM (monthly)   → period_year, period_month
//! country    any form resolve_country accepts: BLR, BY, Belarus, Беларусь, 112   → country
//! partner    the same, or 0 / World / WLD / W00 / empty for the World (0)          → partner
//! indicator  free text, required (e.g. services_exports, fdi_inflow)  → indicator
//! value      finite decimal; negative allowed (FDI flows, balances)   → value
//! unit       free text, required (e.g. usd, count)                    → unit
//! source     free text, required (who published it)                  → source
//! ```
//! Vintage: `unversioned` (the CSV carries no release). Duplicates: the same (period, country,
//! partner, indicator, source) twice. Period ranges such as `2019-01..06` are rejected: store the
//! months or the year instead.

use std::cell::Cell;
use std::collections::HashMap;

use bilat_model::Place;
use std::path::Path;

use crate::batch::{SeriesBuilder, SeriesRow};
use crate::comtrade::join;
use crate::files::Loaded;
use crate::import::{Faults, shown};
use crate::number::{parse_decimal, parse_uint};
use crate::table::{Table, header_error};
use crate::{FieldError, Import, ReadOptions, Result};

/// The columns of a series file, in their documented order (`period,country,partner,indicator,
/// value,unit,source`); also what recognises a series file among the layouts.
pub(crate) const SERIES_COLUMNS: [&str; 7] = [
    "period",
    "country",
    "partner",
    "indicator",
    "value",
    "unit",
    "source",
];

const EXPECTED: &str = "period,country,partner,indicator,value,unit,source";

/// Reads a tidy series CSV `period,country,partner,indicator,value,unit,source` (or a folder).
///
/// Periods `YYYY` or `YYYY-MM`; countries in any form `resolve_country` accepts; partner World = 0.
/// Contract in full: `src/series.rs` module doc.
pub fn read_series(path: &Path, opts: &ReadOptions) -> Result<Import> {
    let (files, mut import) = crate::files::load_with(path, |loaded| read_loaded(loaded, opts))?;
    import.files = files;
    Ok(import)
}

/// `(year, month)` of `YYYY` or `YYYY-MM`.
fn period(s: &str) -> Option<(i32, Option<i32>)> {
    let s = s.trim();
    let (y, m) = match s.split_once('-') {
        Some((y, m)) => (y, Some(m)),
        None => (s, None),
    };
    if y.len() != 4 {
        return None;
    }
    let y = parse_uint(y.as_bytes()).filter(|y| (1900..=2100).contains(y))? as i32;
    match m {
        None => Some((y, None)),
        Some(m) if m.len() == 2 => {
            let m = parse_uint(m.as_bytes()).filter(|m| (1..=12).contains(m))? as i32;
            Some((y, Some(m)))
        }
        Some(_) => None,
    }
}

/// How many unknown names of one file get "did you mean" suggestions: each costs a fuzzy match
/// against every known spelling (milliseconds), so a lenient import of a million rows of
/// garbage names would take hours; past the budget the message names the input only.
const SUGGESTED_MISSES: u32 = 16;

fn resolve(s: &str, world_ok: bool, suggest_left: &Cell<u32>) -> Result<i32, String> {
    let t = s.trim();
    if world_ok
        && (t.is_empty()
            || t == "0"
            || ["world", "wld", "w00"].contains(&t.to_ascii_lowercase().as_str()))
    {
        return Ok(0);
    }
    if t.chars().count() > 100 {
        return Err(format!(
            "unknown country {}: too long for a country name or code",
            shown(t)
        ));
    }
    let is_group = match bilat_model::lookup_place(t) {
        Some(Place::Country(c)) => return Ok(i32::from(c.code)),
        found => matches!(found, Some(Place::Group(_))),
    };
    if !is_group && suggest_left.get() == 0 {
        return Err(format!(
            "unknown country {} (no suggestions after the first {SUGGESTED_MISSES} unknown names of a file)",
            shown(t)
        ));
    }
    suggest_left.set(suggest_left.get().saturating_sub(u32::from(!is_group)));
    bilat_model::resolve_country(t)
        .map(|c| i32::from(c.code))
        .map_err(|e| e.to_string())
}

type Key = (i32, Option<i32>, i32, i32, String, String);

pub(crate) fn read_loaded(loaded: Vec<Loaded>, opts: &ReadOptions) -> Result<Import> {
    let mut out = SeriesBuilder::default();
    let mut rejects = Vec::new();
    let mut rows_read = 0;
    for f in &loaded {
        let t = Table::open(f)?;
        if t.no_records() {
            continue;
        }
        let cols: Vec<Option<usize>> = SERIES_COLUMNS.iter().map(|c| t.col(&[c])).collect();
        let [
            Some(pc),
            Some(cc),
            Some(rc),
            Some(ic),
            Some(vc),
            Some(uc),
            Some(sc),
        ] = cols[..]
        else {
            return Err(header_error(f, EXPECTED, crate::SourceKind::Series));
        };
        let mut faults = Faults::new(&f.path, opts.mode, &t.header);
        let mut seen: HashMap<Key, u64> = HashMap::new();
        let suggest_left = Cell::new(SUGGESTED_MISSES);
        rows_read += t.for_each(f, &mut faults, opts, |line, rec, faults| {
            let get = |i: usize| rec.get(i).unwrap_or("");
            let parsed = (|| -> Result<_, FieldError> {
                let (year, month) = period(get(pc)).ok_or_else(|| {
                    FieldError::new(
                        pc + 1,
                        format!("bad period {}: expected YYYY or YYYY-MM", shown(get(pc))),
                    )
                })?;
                let country = resolve(get(cc), false, &suggest_left)
                    .map_err(|e| FieldError::new(cc + 1, e))?;
                let partner = resolve(get(rc), true, &suggest_left)
                    .map_err(|e| FieldError::new(rc + 1, e))?;
                let required = |i: usize, what: &str| {
                    let v = get(i);
                    if v.is_empty() {
                        Err(FieldError::new(i + 1, format!("empty {what}")))
                    } else {
                        Ok(v)
                    }
                };
                let indicator = required(ic, "indicator")?;
                let value = parse_decimal(get(vc).as_bytes()).map_err(|e| {
                    FieldError::new(
                        vc + 1,
                        format!("{e}: {} (values must be finite decimals)", shown(get(vc))),
                    )
                })?;
                let unit = required(uc, "unit")?;
                let source = required(sc, "source")?;
                Ok((
                    year, month, country, partner, indicator, value, unit, source,
                ))
            })();
            match parsed {
                Err(fe) => faults.row(line, fe, || join(rec)),
                Ok((year, month, country, partner, indicator, value, unit, source)) => {
                    let key: Key = (
                        year,
                        month,
                        country,
                        partner,
                        indicator.to_string(),
                        source.to_string(),
                    );
                    if let Some(first) = seen.get(&key) {
                        return faults.duplicate(line, *first, || join(rec));
                    }
                    seen.insert(key, line);
                    out.push(&SeriesRow {
                        source,
                        year,
                        month,
                        country,
                        partner,
                        indicator,
                        value: value + 0.0,
                        unit,
                    });
                    Ok(())
                }
            }
        })?;
        rejects.extend(faults.rejects);
    }
    let vintage = "unversioned".to_string();
    Ok(Import {
        source: "series".to_string(),
        series: out.finish(&vintage)?,
        vintage,
        files: Vec::new(),
        flows: Vec::new(),
        products: Vec::new(),
        rows_read,
        skipped: 0,
        rejects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(period("2018"), Some((2018, None)));
        assert_eq!(period("2019-06"), Some((2019, Some(6))));
        for bad in ["2019-13", "2019-1", "19", "2019-01..06", "", "20x9"] {
            assert_eq!(period(bad), None, "{bad}");
        }
    }

    /// The first unknown names of a file get suggestions, later ones only their name (a fuzzy
    /// match per rejected row made a lenient import of garbage names take hours); known names
    /// never use the budget, and a group is refused as before.
    #[test]
    fn suggestions_have_a_budget_per_file() {
        let left = Cell::new(1);
        assert_eq!(resolve("Belarus", false, &left), Ok(112));
        assert_eq!(left.get(), 1);
        let first = resolve("Belarsu", false, &left).unwrap_err();
        assert!(first.contains("Belarus"), "{first}");
        assert_eq!(left.get(), 0);
        let later = resolve("Belarsu", false, &left).unwrap_err();
        assert!(
            later.contains("no suggestions after the first 16"),
            "{later}"
        );
        assert!(!later.contains("(BLR)"), "{later}");
        assert_eq!(resolve("World", true, &left), Ok(0));
        assert!(resolve("EU27", false, &left).is_err());
    }
}
