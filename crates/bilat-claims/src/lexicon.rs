//! The tested lexicon: numerals with either decimal separator, numbers in words (EN, RU), scale
//! words, currencies, fractions and vague quantities.
//!
//! Every function here is pure and total: any input gives `Some` or `None`, never a panic. The
//! grammar in `extract/` only ever asks this module what a token means, and its word lists
//! (direction verbs, target words, period prepositions) are at the end of this file.
//!
//! # Decimal and thousands separators
//! ```text
//! "783.7"  "783,7"          → 783.7, one decimal place (a lone comma + 1–2 digits is a decimal)
//! "1,234"  (English text)    → 1234  (a comma + exactly 3 digits is a thousands separator in EN)
//! "1,234"  (Russian text)    → 1.234 (Russian writes the decimal comma)
//! "1,234.5" "1.234,5"        → 1234.5 (both present: the last one is the decimal separator)
//! "1 234,5" (no-break space) → 1234.5 (a thin/no-break space groups thousands; so does a plain
//!                              space, which the tokenizer joins only between groups of three)
//! ```
//! `decimals` is the number of digits printed after the decimal separator: the claim's printed
//! precision, which sets every tolerance downstream.

/// Language of the text, which decides how a lone comma reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextLang {
    /// English: "1,234" is one thousand two hundred thirty-four.
    En,
    /// Russian: "1,234" is one point two three four.
    Ru,
}

/// A number as printed: its value and how many decimal places were printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    /// The value.
    pub value: f64,
    /// Digits printed after the decimal separator (0 for integers and words).
    pub decimals: u8,
}

/// True for the spaces that group thousands inside a number (no-break, narrow no-break, thin).
pub fn is_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Parses a numeral made of digits, `.`/`,` separators and group spaces (see the module doc).
/// Returns `None` for anything else, for empty groups and for malformed grouping.
pub fn parse_numeral(raw: &str, lang: TextLang) -> Option<Numeral> {
    if raw.contains(' ') && !plain_space_groups(raw) {
        return None;
    }
    let s: String = raw
        .chars()
        .filter(|c| !is_group_space(*c) && *c != ' ')
        .collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (int_part, frac_part, group_sep): (String, &str, Option<char>) = match (dots, commas) {
        (0, 0) => (s.clone(), "", None),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let parts: Vec<&str> = s.split(sep).collect();
            let all_groups = parts[1..].iter().all(|p| p.len() == 3) && parts[0].len() <= 3;
            let thousands = if parts.len() > 2 {
                all_groups
            } else {
                // One separator: a comma + exactly 3 digits groups thousands in English only;
                // a dot is always a decimal point.
                sep == ',' && lang == TextLang::En && all_groups && !parts[0].starts_with('0')
            };
            if thousands {
                (parts.concat(), "", Some(sep))
            } else if parts.len() == 2 {
                (parts[0].to_string(), parts[1], None)
            } else {
                return None;
            }
        }
        _ => {
            // Both: the separator that comes last is the decimal one.
            let last_dot = s.rfind('.')?;
            let last_comma = s.rfind(',')?;
            let (dec, grp) = if last_dot > last_comma {
                ('.', ',')
            } else {
                (',', '.')
            };
            if s.matches(dec).count() != 1 {
                return None;
            }
            let (i, f) = s.split_once(dec)?;
            let groups: Vec<&str> = i.split(grp).collect();
            if groups[0].is_empty()
                || groups[0].len() > 3
                || groups[1..].iter().any(|g| g.len() != 3)
            {
                return None;
            }
            (groups.concat(), f, Some(grp))
        }
    };
    let _ = group_sep;
    if int_part.is_empty() || int_part.len() > 15 || frac_part.len() > 9 {
        return None;
    }
    let text = if frac_part.is_empty() {
        int_part
    } else {
        format!("{int_part}.{frac_part}")
    };
    let value: f64 = text.parse().ok()?;
    Some(Numeral {
        value,
        decimals: u8::try_from(frac_part.len()).ok()?,
    })
}

/// Plain spaces group thousands only as the tokenizer joins them: a first group of 1–3 digits,
/// then groups of exactly three ("4 512,3", "1 234 567").
fn plain_space_groups(raw: &str) -> bool {
    let parts: Vec<&str> = raw.split(' ').collect();
    let last = parts.len() - 1;
    parts.iter().enumerate().all(|(k, p)| {
        let digits = p.chars().take_while(char::is_ascii_digit).count();
        match k {
            0 => {
                (1..=3).contains(&digits)
                    && p.chars().all(|c| c.is_ascii_digit() || is_group_space(c))
            }
            k if k < last => digits == 3 && p.len() == 3,
            _ => digits == 3 && (p.len() == 3 || p[3..].starts_with(['.', ','])),
        }
    })
}

/// Value of one number word in English or Russian (any common case form), e.g. "eight",
/// "twenty", "hundred", "восемь", "восьми", "сорок", "двести". Multi-word numbers are combined
/// by [`combine_number_words`].
pub fn number_word(word: &str) -> Option<f64> {
    let w = word.to_lowercase();
    let v = match w.as_str() {
        "zero" | "ноль" | "нуль" => 0.0,
        "one" | "один" | "одна" | "одно" | "одного" | "одной" => 1.0,
        // "полтора миллиарда" = 1.5 billion.
        "полтора" | "полторы" | "полутора" => 1.5,
        "two" | "два" | "две" | "двух" => 2.0,
        "three" | "три" | "трех" | "трёх" => 3.0,
        "four" | "четыре" | "четырех" | "четырёх" => 4.0,
        "five" | "пять" | "пяти" => 5.0,
        "six" | "шесть" | "шести" => 6.0,
        "seven" | "семь" | "семи" => 7.0,
        "eight" | "восемь" | "восьми" => 8.0,
        "nine" | "девять" | "девяти" => 9.0,
        "ten" | "десять" | "десяти" => 10.0,
        "eleven" | "одиннадцать" | "одиннадцати" => 11.0,
        "twelve" | "двенадцать" | "двенадцати" => 12.0,
        "thirteen" | "тринадцать" | "тринадцати" => 13.0,
        "fourteen" | "четырнадцать" | "четырнадцати" => 14.0,
        "fifteen" | "пятнадцать" | "пятнадцати" => 15.0,
        "sixteen" | "шестнадцать" | "шестнадцати" => 16.0,
        "seventeen" | "семнадцать" | "семнадцати" => 17.0,
        "eighteen" | "восемнадцать" | "восемнадцати" => 18.0,
        "nineteen" | "девятнадцать" | "девятнадцати" => 19.0,
        "twenty" | "двадцать" | "двадцати" => 20.0,
        "thirty" | "тридцать" | "тридцати" => 30.0,
        "forty" | "сорок" | "сорока" => 40.0,
        "fifty" | "пятьдесят" | "пятидесяти" => 50.0,
        "sixty" | "шестьдесят" | "шестидесяти" => 60.0,
        "seventy" | "семьдесят" | "семидесяти" => 70.0,
        "eighty" | "восемьдесят" | "восьмидесяти" => 80.0,
        "ninety" | "девяносто" => 90.0,
        "hundred" | "сто" | "ста" => 100.0,
        "двести" | "двухсот" => 200.0,
        "триста" | "трехсот" | "трёхсот" => 300.0,
        "четыреста" | "четырехсот" | "четырёхсот" => 400.0,
        "пятьсот" | "пятисот" => 500.0,
        "шестьсот" | "шестисот" => 600.0,
        "семьсот" | "семисот" => 700.0,
        "восемьсот" | "восьмисот" => 800.0,
        "девятьсот" | "девятисот" => 900.0,
        _ => return None,
    };
    Some(v)
}

/// Combines a run of number words ("twenty five", "two hundred forty", "двести сорок восемь")
/// into one value. Returns the value and how many words were used; `None` when the first word is
/// not a number word. "hundred" multiplies what precedes it (or 1); other words add.
pub fn combine_number_words(words: &[&str]) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut used = 0;
    let mut last_small: Option<f64> = None;
    for w in words {
        let Some(v) = number_word(w) else { break };
        if v == 100.0 && w.to_lowercase() == "hundred" {
            let base = last_small.unwrap_or(1.0);
            total = total - last_small.unwrap_or(0.0) + base * 100.0;
            last_small = None;
        } else {
            // Never add a bigger unit after a smaller one ("five twenty" is two numbers).
            if used > 0 && last_small.is_some_and(|l| l < 10.0 || v >= l) {
                break;
            }
            total += v;
            last_small = Some(v);
        }
        used += 1;
    }
    (used > 0).then_some((total, used))
}

/// Multiplier of a scale word: "thousand"/"тыс." 1e3, "million"/"mln"/"mn"/"m"/"млн" 1e6,
/// "billion"/"bn"/"млрд" 1e9, "trillion"/"tn"/"трлн" 1e12 (any case, plural and case forms).
pub fn scale_word(word: &str) -> Option<f64> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    let v = match w {
        "thousand" | "thousands" | "k" | "тыс" | "тысяча" | "тысячи" | "тысяч" | "тысячу" => {
            1e3
        }
        "million" | "millions" | "mln" | "mn" | "m" | "mio" | "млн" | "миллион" | "миллиона"
        | "миллионов" | "миллионы" => 1e6,
        "billion"
        | "billions"
        | "bn"
        | "bln"
        | "b"
        | "млрд"
        | "миллиард"
        | "миллиарда"
        | "миллиардов"
        | "миллиарды" => 1e9,
        "trillion" | "trillions" | "tn" | "трлн" | "триллион" | "триллиона" | "триллионов" => {
            1e12
        }
        _ => return None,
    };
    Some(v)
}

/// True for a plural scale word that can stand without a number ("several billions",
/// "миллиарды долларов").
pub fn is_plural_scale(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "thousands"
            | "millions"
            | "billions"
            | "trillions"
            | "миллионы"
            | "миллиарды"
            | "миллионов"
            | "миллиардов"
    )
}

/// True for a currency word naming US dollars after or before a number: "USD", "dollars",
/// "долларов", "долл" (the tokenizer strips the abbreviation dot).
pub fn is_dollar_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "usd" | "dollar" | "dollars" | "доллар" | "доллара" | "долларов" | "долларам" | "долл"
    )
}

/// ISO 4217 code of a currency other than the dollar named by a word or sign: "рублей",
/// "roubles", "евро", "euros", "тенге", "юаней", "yuan", "€", "₽", "RUB", "BYN" …; `belarusian`
/// says the word before was "белорусских"/"Belarusian" (the rouble is then BYN, not RUB).
pub fn other_currency(word: &str, belarusian: bool) -> Option<&'static str> {
    let w = word.to_lowercase();
    let code = if w.starts_with("рубл") || w.starts_with("rouble") || w.starts_with("ruble") {
        if belarusian { "BYN" } else { "RUB" }
    } else {
        match w.as_str() {
            "евро" | "euro" | "euros" | "eur" | "€" => "EUR",
            "тенге" | "tenge" | "kzt" | "₸" => "KZT",
            "юань" | "юаня" | "юаней" | "yuan" | "renminbi" | "cny" | "rmb" => "CNY",
            "rub" | "₽" => "RUB",
            "byn" | "byr" => "BYN",
            _ => return None,
        }
    };
    Some(code)
}

/// Vague quantity words that make an amount vague: "several", "a few", "many", "несколько".
pub fn is_vague_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "several" | "few" | "many" | "несколько" | "нескольких" | "многие" | "многих"
    )
}

/// Fraction words: "half" 1/2, "third" 1/3, "quarter" 1/4, "треть" 1/3, "половину" 1/2,
/// "четверть" 1/4.
pub fn fraction_word(word: &str) -> Option<f64> {
    let v = match word.to_lowercase().as_str() {
        "half" | "половину" | "половина" | "половины" => 0.5,
        "third" | "треть" | "трети" => 1.0 / 3.0,
        "quarter" | "четверть" | "четверти" => 0.25,
        _ => return None,
    };
    Some(v)
}

/// Words that state a ratio on their own: "doubled" 2, "tripled" 3, "вдвое" 2, "втрое" 3,
/// "halved" ½, with the direction they imply (`true` = up).
pub fn ratio_word(word: &str) -> Option<(f64, bool)> {
    let v = match word.to_lowercase().as_str() {
        "doubled" | "double" | "вдвое" | "удвоился" | "удвоилась" | "удвоилось" => {
            (2.0, true)
        }
        "tripled" | "trebled" | "triple" | "втрое" | "утроился" | "утроилась" => {
            (3.0, true)
        }
        "quadrupled" | "вчетверо" | "fourfold" | "четырехкратно" | "четырёхкратно" => {
            (4.0, true)
        }
        "twofold" | "двукратно" => (2.0, true),
        "threefold" | "трехкратно" | "трёхкратно" => (3.0, true),
        "fivefold" | "пятикратно" => (5.0, true),
        "tenfold" | "десятикратно" => (10.0, true),
        "halved" => (2.0, false),
        _ => return None,
    };
    Some(v)
}

/// Value of an ordinal word: "first" … "twentieth", "первое", "восьмым", "третьем" …
pub fn ordinal_word(word: &str) -> Option<u32> {
    const EN: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    // Russian stems of the neuter/instrumental/prepositional forms used with "место".
    const RU: [&str; 10] = [
        "перв",
        "втор",
        "трет",
        "четверт",
        "пят",
        "шест",
        "седьм",
        "восьм",
        "девят",
        "десят",
    ];
    const RU_ENDINGS: [&str; 8] = ["ое", "ым", "ом", "ье", "ьим", "ьем", "ая", "ой"];
    let w = word.to_lowercase().replace('ё', "е");
    if let Some(i) = EN.iter().position(|e| *e == w) {
        return Some(i as u32 + 1);
    }
    RU.iter()
        .position(|stem| {
            w.strip_prefix(stem)
                .is_some_and(|rest| RU_ENDINGS.contains(&rest))
        })
        .map(|i| i as u32 + 1)
}

// ---------------------------------------------------------------------------------------------
// Word lists of the grammar (`extract/`), kept here so the whole vocabulary is in one file.

/// Articles skipped before a country name ("the United States").
pub(crate) const SKIP_BEFORE_COUNTRY: &[&str] = &["the", "a", "an"];

/// Words before a year that make it the base of a change ("from the level of 2017",
/// "по сравнению с 2018").
pub(crate) const BASE_MARKERS: &[&str] = &[
    "from",
    "level",
    "compared",
    "comparison",
    "than",
    "against",
    "vs",
    "versus",
    "same",
    "on",
    "over",
    "сравнению",
    "сравнении",
    "уровню",
    "уровнем",
    "уровня",
    "аналогичным",
    "аналогичный",
    "аналогичного",
    "относительно",
    "против",
    "с",
    "к",
];

/// Prepositions before a year that set the period of the claims around it ("in 2018").
pub(crate) const SETTER_PREPS: &[&str] = &["in", "for", "в", "во", "за", "during", "of"];

/// Prepositions before a year that make it no period of a claim ("till 2026").
pub(crate) const IGNORE_PREPS: &[&str] = &["till", "until", "by", "through", "до", "по", "before"];

/// Words after a number that make it a physical quantity, not money.
pub(crate) const QUANTITY_UNITS: &[&str] = &[
    "ton",
    "tonne",
    "тонн",
    "barrel",
    "барр",
    "people",
    "persons",
    "человек",
    "жител",
    "head",
    "голов",
    "unit",
    "штук",
    "liter",
    "litre",
    "литр",
    "kilo",
    "килограм",
    "cubic",
    "кубометр",
    "square",
    "квадратн",
    "hectare",
    "гектар",
    "tourist",
    "турист",
    "passenger",
    "пассажир",
];

/// Verbs and adverbs of a rise: a percentage near one is a change up.
pub(crate) const UP_WORDS: &[&str] = &[
    "up",
    "rose",
    "risen",
    "rise",
    "rising",
    "grew",
    "grown",
    "grow",
    "growth",
    "increase",
    "increased",
    "increasing",
    "gain",
    "gained",
    "higher",
    "jumped",
    "climbed",
    "expanded",
    "more",
    "рост",
    "роста",
    "росте",
    "вырос",
    "выросла",
    "выросло",
    "выросли",
    "увеличил",
    "увеличила",
    "увеличилось",
    "увеличился",
    "увеличилась",
    "увеличились",
    "увеличение",
    "прирост",
    "повысил",
    "повысился",
    "повысилась",
    "возрос",
    "возросла",
    "возросло",
    "больше",
    "surged",
    "soared",
    "increases",
    "увеличившись",
    "выросший",
    "прибавил",
    "прибавила",
    "прибавило",
];

/// Verbs and adverbs of a fall: a percentage near one is a change down.
pub(crate) const DOWN_WORDS: &[&str] = &[
    "down",
    "fell",
    "fallen",
    "fall",
    "falling",
    "decrease",
    "decreased",
    "declined",
    "decline",
    "dropped",
    "drop",
    "lower",
    "shrank",
    "shrunk",
    "contracted",
    "less",
    "снизился",
    "снизилась",
    "снизилось",
    "снизились",
    "снижение",
    "снижения",
    "сократился",
    "сократилась",
    "сократилось",
    "сократились",
    "сокращение",
    "упал",
    "упала",
    "упало",
    "уменьшился",
    "уменьшилась",
    "уменьшилось",
    "падение",
    "меньше",
    "slumped",
    "plunged",
    "plummeted",
    "declining",
    "decreasing",
    "снизившись",
    "сократившись",
    "уменьшившись",
    "упав",
    "уменьшение",
    "спад",
];

/// Words of a hope, plan or forecast: a claim after one in its sentence is a target, not a
/// fact.
pub(crate) const TARGET_WORDS: &[&str] = &[
    "hope",
    "should",
    "could",
    "can",
    "will",
    "would",
    "plan",
    "plans",
    "planned",
    "target",
    "targets",
    "aim",
    "aims",
    "goal",
    "expect",
    "expects",
    "expected",
    "forecast",
    "intend",
    "intends",
    "must",
    "potential",
    "надеемся",
    "надеяться",
    "должны",
    "должен",
    "должна",
    "можем",
    "может",
    "должно",
    "должны",
    "сможем",
    "планируется",
    "планирует",
    "планируем",
    "цель",
    "целью",
    "намерены",
    "ожидается",
    "ожидаем",
    "прогноз",
    "рассчитываем",
    "планах",
    "потенциал",
    "потенциала",
];

/// Goods a tonnage is stated for, as the news names them: word stems (a token starting with a
/// stem matches; a stem ending in `$` must match the whole token, for short words such as "рис"
/// that begin other words) → the English name and the HS codes summed (HS 2012 and later).
/// A quantity claim naming one of these is checked against the flows' quantity column.
pub(crate) const PRODUCT_WORDS: &[(&[&str], &str, &[&str])] = &[
    (&["wheat", "пшениц"], "wheat", &["1001"]),
    (&["barley", "ячмен"], "barley", &["1003"]),
    (&["maize", "corn$", "кукуруз"], "maize", &["1005"]),
    (&["rice$", "рис$", "риса$", "рису$"], "rice", &["1006"]),
    (
        &["flour", "мука$", "муки$", "муку$"],
        "flour",
        &["1101", "1102"],
    ),
    (
        &["grain$", "grains$", "cereals", "зерн"],
        "cereals",
        &["10"],
    ),
    (&["sugar", "сахар"], "sugar", &["1701"]),
    (&["potash", "калийн"], "potash fertilizers", &["3104"]),
    (&["fertili", "удобрен"], "fertilizers", &["31"]),
    (
        &["crude$", "нефть$", "нефти$", "нефтью$"],
        "crude oil",
        &["2709"],
    ),
    (
        &["petroleum", "нефтепродукт"],
        "petroleum products",
        &["2710"],
    ),
    (&["coal$", "уголь$", "угля$", "углем$"], "coal", &["2701"]),
    (&["beef", "говядин"], "beef", &["0201", "0202"]),
    (&["pork", "свинин"], "pork", &["0203"]),
    (&["poultry", "chicken", "птиц"], "poultry meat", &["0207"]),
    (&["meat$", "мяса$", "мясо$"], "meat", &["02"]),
    (
        &["milk$", "молок", "молочн"],
        "milk and dairy products",
        &["0401", "0402"],
    ),
    (&["butter", "сливочн"], "butter", &["0405"]),
    (
        &["cheese", "сыр$", "сыра$", "сыров$", "сыры$"],
        "cheese",
        &["0406"],
    ),
    (
        &["shrimp", "prawn", "креветк"],
        "shrimp",
        &["030616", "030617", "030626", "030627", "160521", "160529"],
    ),
    (&["fish$", "рыб"], "fish and seafood", &["03"]),
    (&["potato", "картоф"], "potatoes", &["0701"]),
    (&["apples$", "яблок"], "apples", &["0808"]),
    (&["sunflower", "подсолнечн"], "sunflower oil", &["1512"]),
    (&["cotton", "хлопк", "хлопок$"], "cotton", &["52"]),
    (&["copper", "медь$", "меди$"], "copper", &["74"]),
    (&["alumin", "алюмини"], "aluminium", &["76"]),
    (&["steel", "стал", "чугун"], "iron and steel", &["72"]),
    (&["cement", "цемент"], "cement", &["2523"]),
];

/// The product a word names (see [`PRODUCT_WORDS`]): its name and HS codes.
pub(crate) fn product_word(word: &str) -> Option<(&'static str, &'static [&'static str])> {
    PRODUCT_WORDS.iter().find_map(|(stems, name, codes)| {
        stems
            .iter()
            .any(|st| match st.strip_suffix('$') {
                Some(whole) => word == whole,
                None => word.starts_with(st),
            })
            .then_some((*name, *codes))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str, lang: TextLang) -> Option<(f64, u8)> {
        parse_numeral(s, lang).map(|x| (x.value, x.decimals))
    }

    #[test]
    fn separators() {
        use TextLang::*;
        assert_eq!(n("783.7", En), Some((783.7, 1)));
        assert_eq!(n("783,7", Ru), Some((783.7, 1)));
        assert_eq!(n("783,7", En), Some((783.7, 1)));
        assert_eq!(n("1,234", En), Some((1234.0, 0)));
        assert_eq!(n("1,234", Ru), Some((1.234, 3)));
        assert_eq!(n("1,234.5", En), Some((1234.5, 1)));
        assert_eq!(n("1.234,5", Ru), Some((1234.5, 1)));
        assert_eq!(n("1\u{a0}234,5", Ru), Some((1234.5, 1)));
        assert_eq!(n("12,345,678", En), Some((12_345_678.0, 0)));
        assert_eq!(n("896", En), Some((896.0, 0)));
        assert_eq!(n("0,234", En), Some((0.234, 3)));
        assert_eq!(n("1,23,4", En), None);
        assert_eq!(n("1.2.3", En), None);
        assert_eq!(n("", En), None);
        assert_eq!(n(",5", En), None);
    }

    #[test]
    fn words() {
        assert_eq!(combine_number_words(&["eight", "joint"]), Some((8.0, 1)));
        assert_eq!(combine_number_words(&["twenty", "five"]), Some((25.0, 2)));
        assert_eq!(
            combine_number_words(&["two", "hundred", "fifty", "six"]),
            Some((256.0, 4))
        );
        assert_eq!(
            combine_number_words(&["двести", "пятьдесят", "шесть"]),
            Some((256.0, 3))
        );
        assert_eq!(combine_number_words(&["five", "twenty"]), Some((5.0, 1)));
        assert_eq!(combine_number_words(&["восьми"]), Some((8.0, 1)));
        assert_eq!(combine_number_words(&["tractors"]), None);
        assert_eq!(scale_word("млрд."), Some(1e9));
        assert_eq!(scale_word("Million"), Some(1e6));
        assert_eq!(scale_word("тыс."), Some(1e3));
        assert!(is_dollar_word("долл"));
        assert_eq!(fraction_word("third"), Some(1.0 / 3.0));
        assert_eq!(ordinal_word("eighth"), Some(8));
        assert_eq!(ordinal_word("восьмое"), Some(8));
        assert_eq!(ordinal_word("третьем"), Some(3));
        assert_eq!(ordinal_word("пятьдесят"), None);
    }
}
