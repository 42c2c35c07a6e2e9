//! Differential check of claim extraction (issue 11): texts from templates with random numbers,
//! English and Russian, thousands grouped with commas (EN) or with a space, a no-break space, a
//! thin space or a narrow no-break space (RU), decimals with a point (EN) or a comma (RU).
//!
//! For every claim extracted, the number is parsed again from the claim's own span by an
//! independent, deliberately plain parser (digits, the language's separators, one scale word:
//! `million|billion|млн|млрд`), and must equal the claim's value exactly: the extractor and this
//! parser both end in `str::parse::<f64>` of the same digits times the same power of ten, so no
//! tolerance is needed. The generated amount must be among the claims, with its span.

use bilat_claims::{ClaimKind, TextLang, extract};
use proptest::prelude::*;

/// A generated number: integer part, decimals as printed (0–2 digits).
#[derive(Debug, Clone)]
struct Num {
    int: u64,
    frac: String,
}

fn num() -> impl Strategy<Value = Num> {
    (
        // 1950..=2100 on its own: an amount that looks like a year ("$2019 million").
        prop_oneof![
            0u64..1000,
            1950u64..=2100,
            1000u64..1_000_000,
            1_000_000u64..100_000_000
        ],
        "[0-9]{0,2}",
    )
        .prop_map(|(int, frac)| Num { int, frac })
}

impl Num {
    /// The value of the printed digits.
    fn value(&self) -> f64 {
        let text = if self.frac.is_empty() {
            self.int.to_string()
        } else {
            format!("{}.{}", self.int, self.frac)
        };
        text.parse().unwrap()
    }

    /// Printed with thousands separator `group` and decimal separator `dec`.
    fn print(&self, group: &str, dec: char) -> String {
        let s = self.int.to_string();
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push_str(group);
            }
            out.push(ch);
        }
        if !self.frac.is_empty() {
            out.push(dec);
            out.push_str(&self.frac);
        }
        out
    }
}

/// The independent parser: the first run of digits and separators in `span`, read with the
/// language's rule, times the first scale word of the span.
fn reparse(span: &str, lang: TextLang) -> Option<f64> {
    let chars: Vec<char> = span.chars().collect();
    let start = chars.iter().position(char::is_ascii_digit)?;
    let is_part = |c: char| {
        c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
    };
    let mut end = start;
    while end < chars.len() && is_part(chars[end]) {
        end += 1;
    }
    while end > start && !chars[end - 1].is_ascii_digit() {
        end -= 1;
    }
    let raw: String = chars[start..end].iter().collect();
    let plain: String = match lang {
        TextLang::En => raw.chars().filter(|c| *c != ',').collect(),
        TextLang::Ru => raw
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == ',')
            .map(|c| if c == ',' { '.' } else { c })
            .collect(),
    };
    let value: f64 = plain.parse().ok()?;
    let rest: String = chars[end..].iter().collect::<String>().to_lowercase();
    let scale = rest
        .split(|c: char| !c.is_alphabetic())
        .find_map(|w| match w {
            "million" | "млн" => Some(1e6),
            "billion" | "млрд" => Some(1e9),
            _ => None,
        })
        .unwrap_or(1.0);
    Some(value * scale)
}

/// Every claim's value re-parsed from its span; the generated amount found with its value.
fn check(text: &str, lang: TextLang, want: f64) -> Result<(), TestCaseError> {
    let (claims, _) = extract(text, Some(lang));
    for c in &claims {
        if !matches!(
            c.kind,
            ClaimKind::Amount | ClaimKind::Change | ClaimKind::Share
        ) {
            continue;
        }
        let (Some(v), Some(again)) = (c.value, reparse(&c.text, lang)) else {
            continue;
        };
        prop_assert_eq!(v.abs(), again, "claim {:?} in {:?}", c.text, text);
    }
    let found = claims
        .iter()
        .any(|c| c.kind == ClaimKind::Amount && c.value == Some(want));
    prop_assert!(
        found,
        "no amount {} in {:?}: {:?}",
        want,
        text,
        claims
            .iter()
            .map(|c| (&c.text, c.value))
            .collect::<Vec<_>>()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn english_amounts_reparse_from_their_spans(
        n in num(),
        pct in num(),
        template in 0usize..4,
        billion: bool,
        grouped: bool,
    ) {
        let (scale_word, scale) = if billion { ("billion", 1e9) } else { ("million", 1e6) };
        let x = n.print(if grouped { "," } else { "" }, '.');
        let p = Num { int: pct.int % 1000, frac: pct.frac.clone() }.print("", '.');
        let text = match template {
            0 => format!("Exports rose to ${x} {scale_word} in 2019."),
            1 => format!("In 2019, exports of Belarus to Kazakhstan reached US$ {x} {scale_word}, up {p}%."),
            2 => format!("Imports fell {p}% to {x} {scale_word} dollars in 2018."),
            _ => format!("Trade between Belarus and Kazakhstan amounted to USD {x} {scale_word} in 2017."),
        };
        check(&text, TextLang::En, n.value() * scale)?;
    }

    #[test]
    fn russian_amounts_reparse_from_their_spans(
        n in num(),
        pct in num(),
        template in 0usize..4,
        billion: bool,
        group in prop::sample::select(vec![" ", "\u{a0}", "\u{2009}", "\u{202f}", ""]),
    ) {
        let (scale_word, scale) = if billion { ("млрд", 1e9) } else { ("млн", 1e6) };
        let x = n.print(group, ',');
        let p = Num { int: pct.int % 1000, frac: pct.frac.clone() }.print("", ',');
        let text = match template {
            0 => format!("Товарооборот составил {x} {scale_word} долларов."),
            1 => format!("В 2019 году экспорт Беларуси в Казахстан составил {x} {scale_word} долларов США."),
            2 => format!("Импорт вырос на {p}% и достиг {x} {scale_word} долл. США в 2018 году."),
            _ => format!("В январе-июне 2019 года товарооборот достиг {x} {scale_word} долларов, что на {p}% больше."),
        };
        check(&text, TextLang::Ru, n.value() * scale)?;
    }
}

/// What the properties found, kept as plain cases: Russian thousands grouped by a plain space
/// were cut at the space ("4 512,3 млн" read as 512.3 million), and an amount of 1950–2100
/// units was taken for a year and dropped ("$2019 million").
#[test]
fn found_by_the_properties() {
    for (text, lang, want) in [
        (
            "Товарооборот составил 4 512,3 млн долларов.",
            TextLang::Ru,
            4_512.3e6,
        ),
        (
            "Экспорт составил 1 234 567 млн долларов США.",
            TextLang::Ru,
            1_234_567e6,
        ),
        (
            "Товарооборот составил 2019 млн долларов.",
            TextLang::Ru,
            2019e6,
        ),
        (
            "Exports rose to $2019 million in 2019.",
            TextLang::En,
            2019e6,
        ),
    ] {
        check(text, lang, want).unwrap();
    }
    // A year followed by a count stays two numbers.
    let (claims, _) = extract("В 2019 году 150 предприятий", Some(TextLang::Ru));
    assert_eq!(
        claims.iter().map(|c| c.value).collect::<Vec<_>>(),
        [Some(150.0)]
    );
}
