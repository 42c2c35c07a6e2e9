//! HS revisions and the year each came into force: a row dated before its revision existed is
//! misdated or mislabelled (e.g. year 1987 in an `HS12` file), and is refused rather than stored.
//!
//! ```text
//! revision  in force from   (WCO; Comtrade codes H0..H6)
//! HS92      1988            H0: the first HS edition (1988), amended 1992
//! HS96      1996            H1
//! HS02      2002            H2
//! HS07      2007            H3
//! HS12      2012            H4
//! HS17      2017            H5
//! HS22      2022            H6
//! HS        —               revision unknown: any year 1900..=2100
//! ```
//! Data can be converted to an *older* revision (BACI HS92 covers 1995 onwards, Comtrade serves
//! H0 for recent years), never to a newer one, so only the lower bound is a rule. OTS labels every
//! year HS12 itself (its API converts), so its rows are not checked.

/// The first year of `revision` (`HS92`, …, `HS22`); `None` for `HS` or an unknown label.
pub(crate) fn first_year(revision: &str) -> Option<u32> {
    Some(match revision {
        "HS92" => 1988,
        "HS96" => 1996,
        "HS02" => 2002,
        "HS07" => 2007,
        "HS12" => 2012,
        "HS17" => 2017,
        "HS22" => 2022,
        _ => return None,
    })
}

/// `Err(reason)` when `year` is before `revision` came into force.
pub(crate) fn check_year(year: u32, revision: &str) -> Result<(), String> {
    match first_year(revision) {
        Some(first) if year < first => Err(format!(
            "year {year} is before {revision} came into force ({first}): wrong year or wrong revision"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert!(check_year(2012, "HS12").is_ok());
        assert!(check_year(2011, "HS12").unwrap_err().contains("2012"));
        assert!(check_year(1901, "HS").is_ok());
        assert!(check_year(1988, "HS92").is_ok());
        assert!(check_year(1987, "HS92").is_err());
    }
}
