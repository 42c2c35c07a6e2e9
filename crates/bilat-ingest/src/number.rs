//! Decimal number parsing for data fields: strict grammar, exact results, no allocation.
//!
//! Accepted: `[+-]digits[.digits][(e|E)[+-]digits]`, also `.5` and `5.`, surrounded by optional
//! ASCII spaces. Rejected: empty text, `NaN`, `inf`, thousands separators, decimal commas, hex.
//!
//! The value is the correctly rounded `f64` of the decimal text. The fast path is Clinger's (1990):
//! when the digits fit in 2^53 and the power of ten is at most 22, `m · 10^e` (or `m / 10^e`) is one
//! correctly rounded IEEE operation on exact operands; every other text goes to `str::parse`, which
//! is correctly rounded too. So both paths agree bit for bit.
//!
//! # References
//! W. D. Clinger (1990), "How to read floating point numbers accurately", PLDI '90, §4 (fast path).

use crate::import::shown;

/// Why a field is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// The field is empty (or only spaces).
    Empty,
    /// The text is not a decimal number (e.g. `1,5`, `abc`, `NaN`, `inf`).
    Invalid,
    /// The number overflows `f64` (e.g. `1e400`).
    Infinite,
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NumberError::Empty => "empty number",
            NumberError::Invalid => "not a decimal number",
            NumberError::Infinite => "number out of range (infinite)",
        })
    }
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses a decimal number (see the module doc for the grammar); the result is always finite.
///
/// ```
/// use bilat_ingest::parse_decimal;
/// assert_eq!(parse_decimal(b"8516.538"), Ok(8516.538));
/// assert!(parse_decimal(b"NaN").is_err());
/// ```
pub fn parse_decimal(text: &[u8]) -> Result<f64, crate::NumberError> {
    let s = trim_spaces(text);
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let (neg, body) = match s[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let mut i = 0;
    let mut mantissa: u64 = 0;
    let mut digits = 0usize; // significant digits accumulated (after leading zeros)
    let mut frac_digits: i64 = 0;
    let mut any_digit = false;
    let mut exact = true;
    while i < body.len() && body[i].is_ascii_digit() {
        push_digit(&mut mantissa, &mut digits, &mut exact, body[i]);
        any_digit = true;
        i += 1;
    }
    if i < body.len() && body[i] == b'.' {
        i += 1;
        while i < body.len() && body[i].is_ascii_digit() {
            push_digit(&mut mantissa, &mut digits, &mut exact, body[i]);
            frac_digits += 1;
            any_digit = true;
            i += 1;
        }
    }
    if !any_digit {
        return Err(NumberError::Invalid);
    }
    let mut exp: i64 = 0;
    if i < body.len() && (body[i] == b'e' || body[i] == b'E') {
        i += 1;
        let mut eneg = false;
        if i < body.len() && (body[i] == b'+' || body[i] == b'-') {
            eneg = body[i] == b'-';
            i += 1;
        }
        let start = i;
        while i < body.len() && body[i].is_ascii_digit() {
            exp = (exp * 10 + i64::from(body[i] - b'0')).min(1_000_000);
            i += 1;
        }
        if i == start {
            return Err(NumberError::Invalid);
        }
        if eneg {
            exp = -exp;
        }
    }
    if i != body.len() {
        return Err(NumberError::Invalid);
    }
    let e10 = exp - frac_digits;
    let value = if exact && mantissa < (1u64 << 53) && (-22..=22).contains(&e10) {
        let m = mantissa as f64;
        if e10 >= 0 {
            m * POW10[e10 as usize]
        } else {
            m / POW10[(-e10) as usize]
        }
    } else {
        // The grammar was checked above, so this is ASCII that `str::parse` accepts.
        let text = std::str::from_utf8(body).map_err(|_| NumberError::Invalid)?;
        text.parse::<f64>().map_err(|_| NumberError::Invalid)?
    };
    if !value.is_finite() {
        return Err(NumberError::Infinite);
    }
    Ok(if neg { -value } else { value })
}

#[inline]
fn push_digit(mantissa: &mut u64, digits: &mut usize, exact: &mut bool, b: u8) {
    let d = u64::from(b - b'0');
    if *digits == 0 && d == 0 {
        return; // leading zeros do not count
    }
    if *digits >= 19 {
        *exact = false;
        return;
    }
    *mantissa = *mantissa * 10 + d;
    *digits += 1;
}

/// Strips ASCII spaces and tabs at both ends.
pub(crate) fn trim_spaces(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| *b != b' ' && *b != b'\t')
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| *b != b' ' && *b != b'\t')
        .map_or(start, |p| p + 1);
    &s[start..end]
}

/// Parses an unsigned decimal integer of at most 9 digits (codes, years), spaces trimmed.
pub(crate) fn parse_uint(s: &[u8]) -> Option<u32> {
    let s = trim_spaces(s);
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    let mut v: u32 = 0;
    for &b in s {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(b - b'0');
    }
    Some(v)
}

/// Parses a non-negative value field: `Err(reason)` for empty, invalid, infinite or negative.
pub(crate) fn parse_value(s: &[u8]) -> Result<f64, String> {
    match parse_decimal(s) {
        Ok(v) if v < 0.0 => Err(format!("negative value {}", shown(s).trim_matches('"'))),
        Ok(v) => Ok(v + 0.0), // normalises -0.0
        Err(NumberError::Invalid) => {
            let t = trim_spaces(s);
            let lower = String::from_utf8_lossy(&t[..t.len().min(16)]).to_ascii_lowercase();
            if lower.contains("nan") || lower.contains("inf") {
                Err(format!("{} is not a finite number", shown(t)))
            } else {
                Err(format!("{} is not a decimal number", shown(t)))
            }
        }
        Err(e) => Err(format!("{e}: {}", shown(s))),
    }
}

/// Like [`parse_value`], but empty text and `NA` (any case) are `Ok(None)`.
pub(crate) fn parse_optional_value(s: &[u8]) -> Result<Option<f64>, String> {
    let t = trim_spaces(s);
    if t.is_empty() || t.eq_ignore_ascii_case(b"NA") || t.eq_ignore_ascii_case(b"null") {
        Ok(None)
    } else {
        parse_value(t).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_decimal_forms() {
        for (s, v) in [
            ("0", 0.0),
            ("2.281", 2.281),
            ("  7.5 ", 7.5),
            ("-3", -3.0),
            ("+4.", 4.0),
            (".25", 0.25),
            ("1e3", 1000.0),
            ("1.5E-2", 0.015),
            ("26341029193.0", 26341029193.0),
            ("0.1", 0.1),
            ("123456789012345678901234", 123456789012345678901234.0),
        ] {
            assert_eq!(parse_decimal(s.as_bytes()), Ok(v), "{s}");
        }
    }

    #[test]
    fn rejects_non_numbers() {
        for s in [
            "", " ", "NaN", "nan", "inf", "-inf", "Infinity", "1,5", "1.2.3", "e5", "1e", "0x10",
            "--1", "1 2",
        ] {
            assert!(parse_decimal(s.as_bytes()).is_err(), "{s}");
        }
        assert_eq!(parse_decimal(b"1e400"), Err(NumberError::Infinite));
    }

    #[test]
    fn value_policy() {
        assert!(parse_value(b"-1").unwrap_err().contains("negative"));
        assert!(parse_value(b"NaN").unwrap_err().contains("finite"));
        assert_eq!(parse_optional_value(b"NA"), Ok(None));
        assert_eq!(parse_optional_value(b""), Ok(None));
        assert_eq!(parse_value(b"-0"), Ok(0.0));
    }
}
