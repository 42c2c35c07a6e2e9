//! Properties of the number lexicon and of extraction (issue 6): numerals round-trip through
//! both separators and thousands grouping, number words through an independent speller, and
//! extraction never panics and keeps spans on character boundaries for any input.

use bilat_claims::{TextLang, combine_number_words, extract, parse_numeral};
use proptest::prelude::*;

/// Groups the digits of `int` in threes with `sep`.
fn grouped(int: u64, sep: &str) -> String {
    let s = int.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// English words for 0..=999, written independently of the lexicon.
fn words_en(n: u32) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let mut parts = Vec::new();
    let (h, r) = (n / 100, n % 100);
    if h > 0 {
        parts.push(format!("{} hundred", ONES[h as usize]));
    }
    if r >= 20 {
        parts.push(TENS[(r / 10) as usize].to_string());
        if r % 10 > 0 {
            parts.push(ONES[(r % 10) as usize].to_string());
        }
    } else if r > 0 || h == 0 {
        parts.push(ONES[r as usize].to_string());
    }
    parts.join(" ")
}

/// Russian words for 1..=999 (nominative), written independently of the lexicon.
fn words_ru(n: u32) -> String {
    const ONES: [&str; 20] = [
        "",
        "один",
        "два",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
        "десять",
        "одиннадцать",
        "двенадцать",
        "тринадцать",
        "четырнадцать",
        "пятнадцать",
        "шестнадцать",
        "семнадцать",
        "восемнадцать",
        "девятнадцать",
    ];
    const TENS: [&str; 10] = [
        "",
        "",
        "двадцать",
        "тридцать",
        "сорок",
        "пятьдесят",
        "шестьдесят",
        "семьдесят",
        "восемьдесят",
        "девяносто",
    ];
    const HUNDREDS: [&str; 10] = [
        "",
        "сто",
        "двести",
        "триста",
        "четыреста",
        "пятьсот",
        "шестьсот",
        "семьсот",
        "восемьсот",
        "девятьсот",
    ];
    let mut parts = Vec::new();
    let (h, r) = (n / 100, n % 100);
    if h > 0 {
        parts.push(HUNDREDS[h as usize]);
    }
    if r >= 20 {
        parts.push(TENS[(r / 10) as usize]);
        if r % 10 > 0 {
            parts.push(ONES[(r % 10) as usize]);
        }
    } else if r > 0 {
        parts.push(ONES[r as usize]);
    }
    parts.join(" ")
}

proptest! {
    /// "1,234,567.89" (EN) and "1 234 567,89" (RU, no-break spaces) read back exactly, with the
    /// printed number of decimals.
    #[test]
    fn numerals_round_trip(int in 0u64..10_000_000_000, frac in 0u64..10_000, k in 0u8..5) {
        let frac = frac % 10u64.pow(u32::from(k));
        let f = if k > 0 { format!("{:0w$}", frac, w = usize::from(k)) } else { String::new() };
        let en = if k > 0 { format!("{}.{f}", grouped(int, ",")) } else { grouped(int, ",") };
        let ru = if k > 0 { format!("{},{f}", grouped(int, "\u{a0}")) } else { grouped(int, "\u{a0}") };
        let want: f64 = if k > 0 { format!("{int}.{f}").parse().unwrap() } else { int as f64 };
        for (s, lang) in [(en, TextLang::En), (ru, TextLang::Ru)] {
            let n = parse_numeral(&s, lang).unwrap_or_else(|| panic!("{s:?} did not parse"));
            prop_assert_eq!(n.value, want, "{}", s);
            prop_assert_eq!(n.decimals, k, "{}", s);
        }
    }

    /// A lone decimal comma with one or two digits is a decimal in both languages.
    #[test]
    fn short_decimal_comma(int in 0u64..100_000, frac in 0u64..100, k in 1u8..3) {
        let frac = frac % 10u64.pow(u32::from(k));
        let s = format!("{int},{:0w$}", frac, w = usize::from(k));
        for lang in [TextLang::En, TextLang::Ru] {
            let n = parse_numeral(&s, lang).unwrap();
            prop_assert_eq!(n.value, s.replace(',', ".").parse::<f64>().unwrap());
            prop_assert_eq!(n.decimals, k);
        }
    }

    /// Number words for every value 0..=999 in English and 1..=999 in Russian.
    #[test]
    fn number_words_round_trip(n in 0u32..1000) {
        let en = words_en(n);
        let w: Vec<&str> = en.split(' ').collect();
        prop_assert_eq!(combine_number_words(&w), Some((f64::from(n), w.len())), "{}", en);
        if n > 0 {
            let ru = words_ru(n);
            let w: Vec<&str> = ru.split(' ').collect();
            prop_assert_eq!(combine_number_words(&w), Some((f64::from(n), w.len())), "{}", ru);
        }
    }

    /// "$V million" with V printed to one decimal is one amount of V·10⁶ USD.
    #[test]
    fn amounts_in_text(tenths in 1u64..10_000_000) {
        let v = format!("{}.{}", tenths / 10, tenths % 10);
        let text = format!("In 2018 exports of Belarus to Kazakhstan were ${v} million.");
        let (claims, _) = extract(&text, None);
        prop_assert_eq!(claims.len(), 1);
        let want = v.parse::<f64>().unwrap() * 1e6;
        prop_assert!((claims[0].value.unwrap() - want).abs() <= want * 1e-12);
        prop_assert_eq!(claims[0].decimals, 1);
    }

    /// A compound amount — billions then millions, in either language, with every scale
    /// spelling — is one claim whose value is the sum of its parts, read to the decimals of
    /// its last part.
    #[test]
    fn compound_amounts_sum(
        big in 1u64..1000,
        tenths in 0u64..10_000,
        style in 0usize..4,
    ) {
        let (int, frac) = (tenths / 10, tenths % 10);
        let text = match style {
            0 => format!("В 2018 году экспорт Беларуси в Казахстан составил {big} млрд {int},{frac} млн долларов."),
            1 => format!("В 2018 году экспорт Беларуси в Казахстан составил {big} миллиарда {int},{frac} миллиона долларов США."),
            2 => format!("In 2018 exports of Belarus to Kazakhstan were ${big} bln {int}.{frac} mln."),
            _ => format!("In 2018 exports of Belarus to Kazakhstan were {big} billion {int}.{frac} million dollars."),
        };
        let (claims, _) = extract(&text, None);
        prop_assert_eq!(claims.len(), 1, "{}: {:?}", text, claims.iter().map(|c| &c.text).collect::<Vec<_>>());
        let want = big as f64 * 1e9 + (int as f64 + frac as f64 / 10.0) * 1e6;
        let got = claims[0].value.unwrap();
        prop_assert!((got - want).abs() <= want * 1e-12, "{}: {} vs {}", text, got, want);
        prop_assert_eq!(claims[0].decimals, 1, "{}", text);
    }

    /// Any text: no panic, spans inside the input on character boundaries, span text = claim text.
    #[test]
    fn extraction_total_on_any_text(text in "\\PC{0,200}") {
        check_spans(&text)?;
    }

    /// Text built from the grammar's own pieces reaches deeper paths; same property.
    #[test]
    fn extraction_total_on_grammar_soup(parts in proptest::collection::vec(prop_oneof![
        Just("$"), Just("US"), Just("1,2"), Just("783.7"), Just("2018"), Just("-"), Just("млн"),
        Just("million"), Just("%"), Just("раза"), Just("times"), Just("up"), Just("by"),
        Just("a"), Just("third"), Just("more than"), Just("several"), Just("billions"),
        Just("Belarus'"), Just("казахстанских"), Just("в"), Just("to"), Just("from"),
        Just("the level of"), Just("January-June"), Just("."), Just("\n\n"), Just("13"),
        Just("joint"), Just("and"), Just("ventures"), Just("долл."), Just("США"), Just("рост на"),
        Just("\u{a0}"), Just("’s"), Just("percentage points"), Just("п.п."), Just("doubled"),
        Just("exports"), Just("imports"), Just("товарооборот"), Just("in"), Just("same period of"),
    ], 0..40)) {
        check_spans(&parts.join(" "))?;
        check_spans(&parts.concat())?;
    }
}

fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    for lang in [None, Some(TextLang::En), Some(TextLang::Ru)] {
        let (claims, diags) = extract(text, lang);
        for c in &claims {
            prop_assert!(c.start <= c.end && c.end <= chars.len());
            prop_assert_eq!(
                chars[c.start..c.end].iter().collect::<String>(),
                c.text.clone()
            );
        }
        for d in &diags {
            prop_assert!(d.start <= d.end && d.end <= chars.len());
        }
        let _ = bilat_claims::internal_checks(&claims);
    }
    Ok(())
}
