//! Russian case forms of country and group names, so generated Russian text is grammatical
//! ("товарооборот Беларуси с Казахстаном", "экспорт в Аргентину", "в Европейском союзе").
//!
//! The country table keeps one Russian name (nominative) per country; this module adds the other
//! five cases. Forms come from a hand-written table for the countries bilat's demo and test data
//! name, and for names whose declension no simple rule gets right (multi-word names,
//! indeclinable names, "Беларусь" which is feminine). For any other name, [`ru_cases`] declines
//! by the ending of a one-word name (the regular first-, second- and third-declension patterns)
//! and leaves multi-word names unchanged, which reads as a label rather than a mistake.
//!
//! Spelling choice: **Беларусь / Беларуси** throughout (the country's official Russian name),
//! never "Белоруссия" in generated text.

use serde::Serialize;

use crate::Place;

/// The six Russian cases of a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RuCases {
    /// Именительный: "Беларусь".
    pub nominative: String,
    /// Родительный: "Беларуси" ("экспорт Беларуси", "из Беларуси").
    pub genitive: String,
    /// Дательный: "Беларуси" ("по Беларуси").
    pub dative: String,
    /// Винительный: "Беларусь" ("в Беларусь").
    pub accusative: String,
    /// Творительный: "Беларусью" ("с Беларусью").
    pub instrumental: String,
    /// Предложный: "Беларуси" ("в Беларуси").
    pub prepositional: String,
}

/// `(id, nom, gen, dat, acc, ins, prep)`; id is an alpha-3 code or a group id.
#[rustfmt::skip]
static TABLE: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    ("ARG", "Аргентина", "Аргентины", "Аргентине", "Аргентину", "Аргентиной", "Аргентине"),
    ("ARM", "Армения", "Армении", "Армении", "Армению", "Арменией", "Армении"),
    ("AUS", "Австралия", "Австралии", "Австралии", "Австралию", "Австралией", "Австралии"),
    ("AUT", "Австрия", "Австрии", "Австрии", "Австрию", "Австрией", "Австрии"),
    ("AZE", "Азербайджан", "Азербайджана", "Азербайджану", "Азербайджан", "Азербайджаном", "Азербайджане"),
    ("BEL", "Бельгия", "Бельгии", "Бельгии", "Бельгию", "Бельгией", "Бельгии"),
    ("BGR", "Болгария", "Болгарии", "Болгарии", "Болгарию", "Болгарией", "Болгарии"),
    ("BLR", "Беларусь", "Беларуси", "Беларуси", "Беларусь", "Беларусью", "Беларуси"),
    ("BRA", "Бразилия", "Бразилии", "Бразилии", "Бразилию", "Бразилией", "Бразилии"),
    ("CAN", "Канада", "Канады", "Канаде", "Канаду", "Канадой", "Канаде"),
    ("CHE", "Швейцария", "Швейцарии", "Швейцарии", "Швейцарию", "Швейцарией", "Швейцарии"),
    ("CHL", "Чили", "Чили", "Чили", "Чили", "Чили", "Чили"),
    ("CHN", "Китай", "Китая", "Китаю", "Китай", "Китаем", "Китае"),
    ("CZE", "Чехия", "Чехии", "Чехии", "Чехию", "Чехией", "Чехии"),
    ("DEU", "Германия", "Германии", "Германии", "Германию", "Германией", "Германии"),
    ("DNK", "Дания", "Дании", "Дании", "Данию", "Данией", "Дании"),
    ("DZA", "Алжир", "Алжира", "Алжиру", "Алжир", "Алжиром", "Алжире"),
    ("ESP", "Испания", "Испании", "Испании", "Испанию", "Испанией", "Испании"),
    ("EST", "Эстония", "Эстонии", "Эстонии", "Эстонию", "Эстонией", "Эстонии"),
    ("FIN", "Финляндия", "Финляндии", "Финляндии", "Финляндию", "Финляндией", "Финляндии"),
    ("FRA", "Франция", "Франции", "Франции", "Францию", "Францией", "Франции"),
    ("GBR", "Великобритания", "Великобритании", "Великобритании", "Великобританию", "Великобританией", "Великобритании"),
    ("GEO", "Грузия", "Грузии", "Грузии", "Грузию", "Грузией", "Грузии"),
    ("HUN", "Венгрия", "Венгрии", "Венгрии", "Венгрию", "Венгрией", "Венгрии"),
    ("IND", "Индия", "Индии", "Индии", "Индию", "Индией", "Индии"),
    ("IRN", "Иран", "Ирана", "Ирану", "Иран", "Ираном", "Иране"),
    ("ITA", "Италия", "Италии", "Италии", "Италию", "Италией", "Италии"),
    ("JPN", "Япония", "Японии", "Японии", "Японию", "Японией", "Японии"),
    ("KAZ", "Казахстан", "Казахстана", "Казахстану", "Казахстан", "Казахстаном", "Казахстане"),
    ("KGZ", "Киргизия", "Киргизии", "Киргизии", "Киргизию", "Киргизией", "Киргизии"),
    ("KOR", "Республика Корея", "Республики Корея", "Республике Корея", "Республику Корея", "Республикой Корея", "Республике Корея"),
    ("LTU", "Литва", "Литвы", "Литве", "Литву", "Литвой", "Литве"),
    ("LVA", "Латвия", "Латвии", "Латвии", "Латвию", "Латвией", "Латвии"),
    ("MDA", "Молдова", "Молдовы", "Молдове", "Молдову", "Молдовой", "Молдове"),
    ("MEX", "Мексика", "Мексики", "Мексике", "Мексику", "Мексикой", "Мексике"),
    ("MNG", "Монголия", "Монголии", "Монголии", "Монголию", "Монголией", "Монголии"),
    ("NLD", "Нидерланды", "Нидерландов", "Нидерландам", "Нидерланды", "Нидерландами", "Нидерландах"),
    ("NOR", "Норвегия", "Норвегии", "Норвегии", "Норвегию", "Норвегией", "Норвегии"),
    ("POL", "Польша", "Польши", "Польше", "Польшу", "Польшей", "Польше"),
    ("PRT", "Португалия", "Португалии", "Португалии", "Португалию", "Португалией", "Португалии"),
    ("ROU", "Румыния", "Румынии", "Румынии", "Румынию", "Румынией", "Румынии"),
    ("RUS", "Россия", "России", "России", "Россию", "Россией", "России"),
    ("SRB", "Сербия", "Сербии", "Сербии", "Сербию", "Сербией", "Сербии"),
    ("SVK", "Словакия", "Словакии", "Словакии", "Словакию", "Словакией", "Словакии"),
    ("SWE", "Швеция", "Швеции", "Швеции", "Швецию", "Швецией", "Швеции"),
    ("THA", "Таиланд", "Таиланда", "Таиланду", "Таиланд", "Таиландом", "Таиланде"),
    ("TJK", "Таджикистан", "Таджикистана", "Таджикистану", "Таджикистан", "Таджикистаном", "Таджикистане"),
    ("TKM", "Туркменистан", "Туркменистана", "Туркменистану", "Туркменистан", "Туркменистаном", "Туркменистане"),
    ("TUR", "Турция", "Турции", "Турции", "Турцию", "Турцией", "Турции"),
    ("UKR", "Украина", "Украины", "Украине", "Украину", "Украиной", "Украине"),
    ("USA", "США", "США", "США", "США", "США", "США"),
    ("UZB", "Узбекистан", "Узбекистана", "Узбекистану", "Узбекистан", "Узбекистаном", "Узбекистане"),
    ("VNM", "Вьетнам", "Вьетнама", "Вьетнаму", "Вьетнам", "Вьетнамом", "Вьетнаме"),
    ("EU27", "Европейский союз", "Европейского союза", "Европейскому союзу", "Европейский союз", "Европейским союзом", "Европейском союзе"),
    ("EAEU", "ЕАЭС", "ЕАЭС", "ЕАЭС", "ЕАЭС", "ЕАЭС", "ЕАЭС"),
    ("CIS", "СНГ", "СНГ", "СНГ", "СНГ", "СНГ", "СНГ"),
    ("WORLD", "мир", "мира", "миру", "мир", "миром", "мире"),
];

/// Case forms of a place's Russian name: the table when it has the place, else declined by rule
/// from the nominative (see the module doc).
pub fn ru_cases(place: &Place) -> RuCases {
    ru_cases_of(place.id(), place.name(crate::Lang::Ru))
}

/// Case forms for an id (alpha-3 or group id) with the nominative `nom` as fallback input.
pub fn ru_cases_of(id: &str, nom: &str) -> RuCases {
    if let Some(r) = TABLE.iter().find(|r| r.0.eq_ignore_ascii_case(id)) {
        return RuCases {
            nominative: r.1.into(),
            genitive: r.2.into(),
            dative: r.3.into(),
            accusative: r.4.into(),
            instrumental: r.5.into(),
            prepositional: r.6.into(),
        };
    }
    decline(nom)
}

/// Regular declension of a one-word name by its ending; other names stay unchanged.
fn decline(nom: &str) -> RuCases {
    let same = || RuCases {
        nominative: nom.into(),
        genitive: nom.into(),
        dative: nom.into(),
        accusative: nom.into(),
        instrumental: nom.into(),
        prepositional: nom.into(),
    };
    if nom.contains([' ', '-']) || nom.chars().count() < 3 {
        return same();
    }
    let chars: Vec<char> = nom.chars().collect();
    let last = chars[chars.len() - 1];
    let stem = |n: usize| chars[..chars.len() - n].iter().collect::<String>();
    let prev = chars[chars.len() - 2];
    let f = |g: String, d: String, a: String, i: String, p: String| RuCases {
        nominative: nom.into(),
        genitive: g,
        dative: d,
        accusative: a,
        instrumental: i,
        prepositional: p,
    };
    if nom.ends_with("ия") {
        let s = stem(2);
        return f(
            format!("{s}ии"),
            format!("{s}ии"),
            format!("{s}ию"),
            format!("{s}ией"),
            format!("{s}ии"),
        );
    }
    match last {
        'а' => {
            let s = stem(1);
            // After г, к, х, ж, ш, ч, щ the genitive ending is -и; after ж, ш, ч, щ, ц the
            // instrumental is -ей.
            let g = if "гкхжшчщ".contains(prev) {
                "и"
            } else {
                "ы"
            };
            let i = if "жшчщц".contains(prev) {
                "ей"
            } else {
                "ой"
            };
            f(
                format!("{s}{g}"),
                format!("{s}е"),
                format!("{s}у"),
                format!("{s}{i}"),
                format!("{s}е"),
            )
        }
        'я' => {
            let s = stem(1);
            f(
                format!("{s}и"),
                format!("{s}е"),
                format!("{s}ю"),
                format!("{s}ей"),
                format!("{s}е"),
            )
        }
        'й' => {
            let s = stem(1);
            f(
                format!("{s}я"),
                format!("{s}ю"),
                nom.into(),
                format!("{s}ем"),
                format!("{s}е"),
            )
        }
        c if "бвгдзклмнпрстфхжшчщц".contains(c) => {
            let i = if "жшчщц".contains(c) {
                "ем"
            } else {
                "ом"
            };
            f(
                format!("{nom}а"),
                format!("{nom}у"),
                nom.into(),
                format!("{nom}{i}"),
                format!("{nom}е"),
            )
        }
        // -о, -е, -и, -у, -ь and the rest: indeclinable or irregular; keep the nominative.
        _ => same(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve_place;

    #[test]
    fn table_forms() {
        let by = ru_cases(&resolve_place("BLR").unwrap());
        assert_eq!(
            (by.genitive.as_str(), by.instrumental.as_str()),
            ("Беларуси", "Беларусью")
        );
        let kz = ru_cases(&resolve_place("KAZ").unwrap());
        assert_eq!(
            (
                kz.genitive.as_str(),
                kz.instrumental.as_str(),
                kz.prepositional.as_str()
            ),
            ("Казахстана", "Казахстаном", "Казахстане")
        );
        let eu = ru_cases(&resolve_place("EU27").unwrap());
        assert_eq!(eu.prepositional, "Европейском союзе");
    }

    /// The table may prefer a usual short form ("Великобритания", "США") to the country table's
    /// nominative, but every form must resolve back to the same place.
    #[test]
    fn table_nominatives_resolve_to_their_place() {
        for r in TABLE {
            let p = resolve_place(r.0).unwrap();
            let back = resolve_place(r.1).unwrap_or_else(|e| panic!("{}: {e}", r.1));
            assert_eq!(back.id(), p.id(), "{}", r.1);
        }
    }

    #[test]
    fn rules_for_other_names() {
        let c = decline("Эфиопия");
        assert_eq!(
            (c.genitive.as_str(), c.instrumental.as_str()),
            ("Эфиопии", "Эфиопией")
        );
        let c = decline("Куба");
        assert_eq!(
            (c.genitive.as_str(), c.accusative.as_str()),
            ("Кубы", "Кубу")
        );
        let c = decline("Пакистан");
        assert_eq!(
            (c.genitive.as_str(), c.instrumental.as_str()),
            ("Пакистана", "Пакистаном")
        );
        let c = decline("Перу");
        assert_eq!(c.genitive, "Перу");
        let c = decline("Южная Африка");
        assert_eq!(c.instrumental, "Южная Африка");
    }
}
