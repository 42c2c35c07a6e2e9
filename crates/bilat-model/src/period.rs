//! Periods, views and flow directions: the small enums every query is phrased in.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Which reports a figure is built from (DESIGN §3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// A's own reports: A's exports to B (FOB) and A's imports from B (CIF).
    #[default]
    Reporter,
    /// B's reports about A: B's imports from A stand for A's exports, and so on.
    Mirror,
    /// Reconciled flows (BACI), one value per direction.
    Reconciled,
}

impl View {
    /// Lower-case name used in output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Reporter => "reporter",
            View::Mirror => "mirror",
            View::Reconciled => "reconciled",
        }
    }
}

/// Who stands behind a value in the `flows` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportedBy {
    /// The exporter's customs (FOB).
    Exporter,
    /// The importer's customs (CIF).
    Importer,
    /// A reconciliation of both (BACI).
    Reconciled,
}

impl ReportedBy {
    /// The value stored in the `reported_by` column.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportedBy::Exporter => "exporter",
            ReportedBy::Importer => "importer",
            ReportedBy::Reconciled => "reconciled",
        }
    }
}

/// The reporter's trade-flow code (Comtrade's X, M, RX, RM).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum TradeFlow {
    /// Exports.
    X,
    /// Imports.
    M,
    /// Re-exports.
    RX,
    /// Re-imports.
    RM,
}

impl TradeFlow {
    /// The value stored in the `trade_flow` column.
    pub fn as_str(self) -> &'static str {
        match self {
            TradeFlow::X => "X",
            TradeFlow::M => "M",
            TradeFlow::RX => "RX",
            TradeFlow::RM => "RM",
        }
    }
}

/// Output language of names and text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Russian.
    Ru,
}

/// A run of months within one year, e.g. January–June = `1-6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MonthRange {
    /// First month, 1..=12.
    pub first: u8,
    /// Last month, first..=12.
    pub last: u8,
}

impl MonthRange {
    /// Parses `M` or `M1-M2` (also with an en dash).
    pub fn parse(input: &str) -> Result<Self> {
        let err = || Error::InvalidMonths {
            input: input.to_string(),
        };
        let s = input.trim();
        let (a, b) = match s.split_once(['-', '–']) {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (s, s),
        };
        let first: u8 = a.parse().map_err(|_| err())?;
        let last: u8 = b.parse().map_err(|_| err())?;
        if !(1..=12).contains(&first) || !(first..=12).contains(&last) {
            return Err(err());
        }
        Ok(MonthRange { first, last })
    }

    /// Number of months covered.
    pub fn len(self) -> u8 {
        self.last - self.first + 1
    }

    /// Always false: a range covers at least one month.
    pub fn is_empty(self) -> bool {
        false
    }
}

impl std::str::FromStr for MonthRange {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        MonthRange::parse(s)
    }
}

impl std::str::FromStr for View {
    type Err = Error;

    /// `reporter`, `mirror` or `reconciled` (any case).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "reporter" => Ok(View::Reporter),
            "mirror" => Ok(View::Mirror),
            "reconciled" => Ok(View::Reconciled),
            _ => Err(Error::InvalidChoice {
                what: "view",
                input: s.to_string(),
                expected: "reporter, mirror, reconciled",
            }),
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = Error;

    /// `en` or `ru` (any case; also `english`, `russian`, `русский`).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "ru" | "russian" | "русский" => Ok(Lang::Ru),
            _ => Err(Error::InvalidChoice {
                what: "language",
                input: s.to_string(),
                expected: "en, ru",
            }),
        }
    }
}

impl std::fmt::Display for MonthRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.first, self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ranges() {
        assert_eq!(
            MonthRange::parse("1-6").unwrap(),
            MonthRange { first: 1, last: 6 }
        );
        assert_eq!(
            MonthRange::parse("3").unwrap(),
            MonthRange { first: 3, last: 3 }
        );
        assert_eq!(MonthRange::parse("1–12").unwrap().len(), 12);
        for bad in ["0-3", "7-3", "1-13", "x", ""] {
            assert!(MonthRange::parse(bad).is_err(), "{bad}");
        }
        assert_eq!("1-6".parse::<MonthRange>().unwrap().len(), 6);
    }

    #[test]
    fn views_and_languages_parse_and_name_the_choices_on_error() {
        assert_eq!("Mirror".parse::<View>().unwrap(), View::Mirror);
        assert_eq!("ru".parse::<Lang>().unwrap(), Lang::Ru);
        let e = "both".parse::<View>().unwrap_err().to_string();
        assert!(e.contains("reporter, mirror, reconciled"), "{e}");
        assert!("de".parse::<Lang>().is_err());
    }
}
