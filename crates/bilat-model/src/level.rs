//! HS product levels: the 2-, 4- and 6-digit aggregations every product table is shown at.
//!
//! One validated type, so the CLI, the server and the Python package accept exactly the same
//! spellings (`2`, `4`, `6`, also `hs4`, `HS 4`) and reject the rest with the same message.

use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::{Error, Result};

/// An HS level the warehouse can aggregate to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum HsLevel {
    /// Chapters (2 digits).
    Hs2,
    /// Headings (4 digits).
    #[default]
    Hs4,
    /// Subheadings (6 digits).
    Hs6,
}

impl HsLevel {
    /// Every level, coarsest first.
    pub const ALL: [HsLevel; 3] = [HsLevel::Hs2, HsLevel::Hs4, HsLevel::Hs6];

    /// Number of digits of a code at this level.
    pub fn digits(self) -> u8 {
        match self {
            HsLevel::Hs2 => 2,
            HsLevel::Hs4 => 4,
            HsLevel::Hs6 => 6,
        }
    }

    /// The level of `digits` digits, if it is 2, 4 or 6.
    pub fn from_digits(digits: u8) -> Option<HsLevel> {
        match digits {
            2 => Some(HsLevel::Hs2),
            4 => Some(HsLevel::Hs4),
            6 => Some(HsLevel::Hs6),
            _ => None,
        }
    }
}

impl FromStr for HsLevel {
    type Err = Error;

    /// Accepts `2`, `4`, `6`, optionally prefixed by `hs` (any case, spaces allowed).
    fn from_str(input: &str) -> Result<Self> {
        let s = input.trim();
        let digits = s
            .strip_prefix("hs")
            .or_else(|| s.strip_prefix("HS"))
            .or_else(|| s.strip_prefix("Hs"))
            .unwrap_or(s)
            .trim();
        digits
            .parse::<u8>()
            .ok()
            .and_then(HsLevel::from_digits)
            .ok_or_else(|| Error::InvalidHsLevel {
                input: input.to_string(),
            })
    }
}

impl TryFrom<u8> for HsLevel {
    type Error = Error;

    fn try_from(digits: u8) -> Result<Self> {
        HsLevel::from_digits(digits).ok_or_else(|| Error::InvalidHsLevel {
            input: digits.to_string(),
        })
    }
}

impl std::fmt::Display for HsLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.digits())
    }
}

/// Serialized as the number of digits, as the JSON outputs have always shown the level.
impl Serialize for HsLevel {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u8(self.digits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_levels_in_every_spelling() {
        for (s, want) in [
            ("2", HsLevel::Hs2),
            ("4", HsLevel::Hs4),
            (" 6 ", HsLevel::Hs6),
            ("hs4", HsLevel::Hs4),
            ("HS 6", HsLevel::Hs6),
        ] {
            assert_eq!(s.parse::<HsLevel>().unwrap(), want, "{s:?}");
        }
        for bad in ["", "3", "8", "0", "hs", "four", "-4", "44", "256"] {
            let e = bad.parse::<HsLevel>().unwrap_err();
            assert!(matches!(e, Error::InvalidHsLevel { .. }), "{bad:?}");
        }
        assert!(HsLevel::try_from(5u8).is_err());
        assert_eq!(HsLevel::try_from(2u8).unwrap().digits(), 2);
    }

    #[test]
    fn displays_and_serializes_as_digits() {
        assert_eq!(HsLevel::Hs6.to_string(), "6");
        assert_eq!(serde_json::to_string(&HsLevel::Hs4).unwrap(), "4");
    }
}
