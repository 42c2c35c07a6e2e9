//! Numbers and names in words, per language (DESIGN §6):
//!
//! | what | English | Russian |
//! | --- | --- | --- |
//! | amount | `$896.0 million`, `$2.04 billion` | `896,0 млн долларов`, `2,04 млрд долларов` |
//! | rise | `up 30.0%` | `рост на 30,0%` |
//! | ratio ≥ 2 | `up 4.8 times` | `рост в 4,8 раза` |
//! | fall | `down 5.0%` | `снижение на 5,0%` |
//! | share | `8.7%` | `8,7%` |
//!
//! Every number is rounded once, here; figures are never rounded before output. Amounts keep at
//! least three significant figures (two decimals below 10 of their scale word: "$2.04 billion",
//! not "$2.0 billion" for 2,035.4 million), every other number one decimal. An amount that
//! rounds up to 1,000 of its scale word takes the next one ("$1.00 billion", not "$1000.0
//! million").
//! Country names come with the forms a sentence needs: the English possessive ("Belarus'",
//! "Kazakhstan's") and the Russian cases from [`bilat_model::ru_cases`], plus prepositions that
//! depend on the word that follows ("с Казахстаном" / "со Швецией", "в Казахстан" / "во Францию").
//!
//! The English tables of the profile, indicator and potential reports use [`usd`], [`growth`]
//! and [`pct`] at the end of this file: the same one-decimal rule, no language argument.

use bilat_analytics::Figure;
use bilat_model::{Lang, Place};

/// One decimal with the language's decimal mark: `30.0` / `30,0`.
pub fn dec1(lang: Lang, v: f64) -> String {
    let s = format!("{v:.1}");
    match lang {
        Lang::En => s,
        Lang::Ru => s.replace('.', ","),
    }
}

/// Two decimals with the language's decimal mark (HHI): `0.12` / `0,12`.
pub fn dec2(lang: Lang, v: f64) -> String {
    let s = format!("{v:.2}");
    match lang {
        Lang::En => s,
        Lang::Ru => s.replace('.', ","),
    }
}

/// Scale words of amounts, largest first: (multiplier, English, Russian).
const SCALES: [(f64, &str, &str); 5] = [
    (1e12, " trillion", " трлн"),
    (1e9, " billion", " млрд"),
    (1e6, " million", " млн"),
    (1e3, " thousand", " тыс."),
    (1.0, "", ""),
];

/// `|v|` as printed digits (at least three significant figures, at least one decimal) and the
/// index of its scale word in [`SCALES`], the scale chosen on the rounded value so that
/// 999,999,999 prints as 1.00 billion.
fn scaled_digits(v: f64) -> (String, usize) {
    let a = v.abs();
    // Two decimals while they print below 10 (9.996 prints as 10.0, not 10.00); nothing is
    // "0.0", as before.
    let digits = |x: f64| {
        let two = format!("{x:.2}");
        if two.parse::<f64>().is_ok_and(|t| t < 10.0 && t != 0.0) {
            two
        } else {
            format!("{x:.1}")
        }
    };
    let mut k = SCALES
        .iter()
        .position(|(m, _, _)| a >= *m)
        .unwrap_or(SCALES.len() - 1);
    // Rounded to 1000 of this scale word: the next one up.
    if k > 0
        && digits(a / SCALES[k].0)
            .parse::<f64>()
            .is_ok_and(|x| x >= 1000.0)
    {
        k -= 1;
    }
    (digits(a / SCALES[k].0), k)
}

/// An amount of US dollars with a scale word and at least three significant figures:
/// "$896.0 million", "$2.04 billion" / "896,0 млн долларов", "2,04 млрд долларов".
pub fn money(lang: Lang, v: f64) -> String {
    let (x, k) = scaled_digits(v);
    let sign = if v < 0.0 && x.chars().any(|c| ('1'..='9').contains(&c)) {
        "-"
    } else {
        ""
    };
    let (_, en, ru) = SCALES[k];
    match lang {
        Lang::En => format!("{sign}${x}{en}"),
        Lang::Ru => format!("{sign}{}{ru} долларов", x.replace('.', ",")),
    }
}

/// A percentage: "8.7%" / "8,7%".
pub fn percent(lang: Lang, v: f64) -> String {
    format!("{}%", dec1(lang, v))
}

/// The change of a figure on its base: "up 30.0%", "down 5.0%", "up 4.8 times" (ratio ≥ 2,
/// DESIGN §3) / "рост на 30,0%", "снижение на 5,0%", "рост в 4,8 раза". `None` without a base.
pub fn change(lang: Lang, f: &Figure) -> Option<String> {
    if let Some(t) = f.times {
        return Some(match lang {
            Lang::En => format!("up {} times", dec1(lang, t)),
            Lang::Ru => format!("рост в {} раза", dec1(lang, t)),
        });
    }
    let g = f.growth_pct?;
    // Compare the printed value, so "0.0%" is neither up nor down.
    let printed = format!("{:.1}", g.abs());
    Some(match (lang, g >= 0.0 || printed == "0.0") {
        (Lang::En, true) => format!("up {}%", dec1(lang, g.abs())),
        (Lang::En, false) => format!("down {}%", dec1(lang, g.abs())),
        (Lang::Ru, true) => format!("рост на {}%", dec1(lang, g.abs())),
        (Lang::Ru, false) => format!("снижение на {}%", dec1(lang, g.abs())),
    })
}

/// An ordinal: "8th" / "8-е".
pub fn ordinal(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ru => format!("{n}-е"),
        Lang::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// English month names, January first (also the profile's month labels).
pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month range in words: "January–June" / "январе–июне" (prepositional, after «в»).
pub fn months(lang: Lang, first: u8, last: u8) -> String {
    const RU: [&str; 12] = [
        "январе",
        "феврале",
        "марте",
        "апреле",
        "мае",
        "июне",
        "июле",
        "августе",
        "сентябре",
        "октябре",
        "ноябре",
        "декабре",
    ];
    let t = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Ru => &RU,
    };
    let name = |m: u8| t[usize::from(m.clamp(1, 12)) - 1];
    if first == last {
        name(first).to_string()
    } else {
        format!("{}–{}", name(first), name(last))
    }
}

/// The forms of a place's name a sentence needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameForms {
    /// Subject: "Belarus" / "Беларусь".
    pub nom: String,
    /// Possessive / genitive: "Belarus'" / "Беларуси".
    pub possessive: String,
    /// Object after "to": "Kazakhstan" / accusative "Казахстан".
    pub acc: String,
    /// "with Kazakhstan" / "с Казахстаном".
    pub with: String,
    /// "to Kazakhstan" / "в Казахстан".
    pub to: String,
    /// "from Kazakhstan" / "из Казахстана".
    pub from: String,
    /// "in Kazakhstan" / "в Казахстане".
    pub r#in: String,
}

/// English short names for groups, used in running text.
fn en_name(place: &Place) -> String {
    match place.id() {
        "EU27" => "the EU".into(),
        "EAEU" => "the EAEU".into(),
        "CIS" => "the CIS".into(),
        "WORLD" => "the world".into(),
        "USA" => "the United States".into(),
        "GBR" => "the United Kingdom".into(),
        "NLD" => "the Netherlands".into(),
        _ => place.name(Lang::En).to_string(),
    }
}

/// True when a Russian word starts with two consonants whose first is `letters` (so «в» → «во»,
/// «с» → «со»: «во Францию», «со Швецией»).
fn needs_o(word: &str, letters: &str) -> bool {
    let mut ch = word.chars().flat_map(char::to_lowercase);
    let (Some(a), Some(b)) = (ch.next(), ch.next()) else {
        return false;
    };
    let vowels = "аеёиоуыэюя";
    letters.contains(a) && !vowels.contains(b) && b.is_alphabetic()
}

/// Name forms of a place in a language.
pub fn forms(lang: Lang, place: &Place) -> NameForms {
    match lang {
        Lang::En => {
            let n = en_name(place);
            let possessive = if n.ends_with('s') {
                format!("{n}'")
            } else {
                format!("{n}'s")
            };
            NameForms {
                possessive,
                acc: n.clone(),
                with: format!("with {n}"),
                to: format!("to {n}"),
                from: format!("from {n}"),
                r#in: format!("in {n}"),
                nom: n,
            }
        }
        Lang::Ru => {
            let c = bilat_model::ru_cases(place);
            let v = if needs_o(&c.accusative, "вф") {
                "во"
            } else {
                "в"
            };
            let vp = if needs_o(&c.prepositional, "вф") {
                "во"
            } else {
                "в"
            };
            let s = if needs_o(&c.instrumental, "сзшж") {
                "со"
            } else {
                "с"
            };
            NameForms {
                with: format!("{s} {}", c.instrumental),
                to: format!("{v} {}", c.accusative),
                from: format!("из {}", c.genitive),
                r#in: format!("{vp} {}", c.prepositional),
                possessive: c.genitive,
                acc: c.accusative,
                nom: c.nominative,
            }
        }
    }
}

/// Upper-cases the first letter of `s` (for names that open a sentence: "The EU").
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// English figures of the tables (profile, indicators, potential): no language argument, the
// same rounding rule.

/// An amount in USD with a scale word and at least three significant figures, as [`money`]
/// in English: "$896.0 million", "$1.23 billion".
pub fn usd(v: f64) -> String {
    money(Lang::En, v)
}

/// A change in words for the English tables (exported as `change`): "up 30.0%", "down 5.2%", "4.8 times" (ratio ≥ 2), "n/a" without a base.
pub fn growth(growth_pct: Option<f64>) -> String {
    match growth_pct {
        None => "n/a".to_string(),
        Some(g) if g >= 100.0 => format!("{:.1} times", g / 100.0 + 1.0),
        Some(g) if g >= 0.0 => format!("up {g:.1}%"),
        Some(g) => format!("down {:.1}%", -g),
    }
}

/// A percentage with one decimal, or "n/a".
pub fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}%"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bilat_model::resolve_place;

    #[test]
    fn amounts_and_changes() {
        assert_eq!(money(Lang::En, 896.0e6), "$896.0 million");
        assert_eq!(money(Lang::Ru, 896.0e6), "896,0 млн долларов");
        assert_eq!(money(Lang::Ru, 1.25e9), "1,25 млрд долларов");
        assert_eq!(money(Lang::En, 2_035.4e6), "$2.04 billion");
        assert_eq!(money(Lang::En, 999_999_999.0), "$1.00 billion");
        assert_eq!(money(Lang::En, 9.996e9), "$10.0 billion");
        assert_eq!(money(Lang::Ru, -4.2e3), "-4,20 тыс. долларов");
        assert_eq!(money(Lang::En, -0.001), "$0.0");
        assert_eq!(money(Lang::En, 0.004), "$0.0");
        assert_eq!(money(Lang::En, 0.006), "$0.01");
        let up = Figure::new(896.0e6, Some(689_351_667.0));
        assert_eq!(change(Lang::En, &up).unwrap(), "up 30.0%");
        assert_eq!(change(Lang::Ru, &up).unwrap(), "рост на 30,0%");
        let times = Figure::new(18.8e6, Some(3_916_667.0));
        assert_eq!(change(Lang::En, &times).unwrap(), "up 4.8 times");
        assert_eq!(change(Lang::Ru, &times).unwrap(), "рост в 4,8 раза");
        let down = Figure::new(95.0, Some(100.0));
        assert_eq!(change(Lang::En, &down).unwrap(), "down 5.0%");
        assert_eq!(change(Lang::Ru, &down).unwrap(), "снижение на 5,0%");
        assert_eq!(change(Lang::En, &Figure::new(1.0, None)), None);
        // −0.04% prints as 0.0%: neither up nor down.
        let flat = Figure::new(99.96, Some(100.0));
        assert_eq!(change(Lang::En, &flat).unwrap(), "up 0.0%");
    }

    #[test]
    fn name_forms() {
        let by = resolve_place("BLR").unwrap();
        let kz = resolve_place("KAZ").unwrap();
        assert_eq!(forms(Lang::En, &by).possessive, "Belarus'");
        assert_eq!(forms(Lang::En, &kz).possessive, "Kazakhstan's");
        let k = forms(Lang::Ru, &kz);
        assert_eq!(
            (k.with.as_str(), k.to.as_str(), k.from.as_str()),
            ("с Казахстаном", "в Казахстан", "из Казахстана")
        );
        let fr = forms(Lang::Ru, &resolve_place("FRA").unwrap());
        assert_eq!(fr.to, "во Францию");
        let se = forms(Lang::Ru, &resolve_place("SWE").unwrap());
        assert_eq!(se.with, "со Швецией");
        assert_eq!(
            forms(Lang::En, &resolve_place("EU27").unwrap()).possessive,
            "the EU's"
        );
    }

    #[test]
    fn months_and_ordinals() {
        assert_eq!(months(Lang::En, 1, 6), "January–June");
        assert_eq!(months(Lang::Ru, 1, 6), "январе–июне");
        assert_eq!(ordinal(Lang::En, 8), "8th");
        assert_eq!(ordinal(Lang::En, 22), "22nd");
        assert_eq!(ordinal(Lang::Ru, 8), "8-е");
    }

    proptest::proptest! {
        /// Russian and English amounts print the same digits; the change reads back as the
        /// growth rounded to one decimal (or the ratio, from 2 times up).
        #[test]
        fn words_agree_across_languages(v in 1.0f64..1e13, base in 1.0f64..1e13) {
            let en = money(Lang::En, v);
            let ru = money(Lang::Ru, v);
            let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            proptest::prop_assert_eq!(digits(&en), digits(&ru));
            let f = Figure::new(v, Some(base));
            let c = change(Lang::En, &f).unwrap();
            let n: f64 = c
                .trim_start_matches("up ")
                .trim_start_matches("down ")
                .trim_end_matches('%')
                .trim_end_matches(" times")
                .parse()
                .unwrap();
            let expect = if v / base >= 2.0 { v / base } else { ((v / base) - 1.0).abs() * 100.0 };
            proptest::prop_assert_eq!(format!("{n:.1}"), format!("{expect:.1}"));
            let r = change(Lang::Ru, &f).unwrap();
            proptest::prop_assert!(r.contains(&dec1(Lang::Ru, n)), "{} vs {}", r, c);
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(usd(783.7e6), "$783.7 million");
        assert_eq!(usd(1.234e9), "$1.23 billion");
        assert_eq!(usd(-671.4e6), "-$671.4 million");
        assert_eq!(usd(950.0), "$950.0");
        assert_eq!(usd(5.0), "$5.00");
    }

    #[test]
    fn changes() {
        assert_eq!(growth(Some(32.3)), "up 32.3%");
        assert_eq!(growth(Some(-5.04)), "down 5.0%");
        assert_eq!(growth(Some(380.0)), "4.8 times");
        assert_eq!(growth(None), "n/a");
    }
}
