//! The product list of the demo world (not the warehouse catalog): HS 2017 six-digit codes under
//! the headings of [`crate::headings`], with names in English and Russian and a world-trade weight
//! for each code.
//!
//! Codes are `heading + suffix` for each suffix listed with the heading, so every code sits under a
//! real heading. Names of the subheadings the seed item mentions are written out; every other
//! six-digit name is derived from its heading (`…, other` for a final `90`/`99`, `…, subheading NN`
//! otherwise), which is honest about being generated.

use crate::headings::HEADINGS;
use crate::rng::Rng;

/// Names of the six-digit codes written out by hand: the seed item's products and a few neighbours.
#[rustfmt::skip]
static SUBHEADING_NAMES: &[(&str, &str, &str)] = &[
    ("020230", "Beef, frozen, boneless", "Говядина замороженная обваленная"),
    ("040221", "Milk and cream in powder, fat over 1.5%, unsweetened", "Молоко и сливки сухие, жирностью более 1,5%, без сахара"),
    ("040510", "Butter", "Сливочное масло"),
    ("040690", "Cheese, other", "Сыры прочие"),
    ("120400", "Linseed (flax seeds)", "Семена льна"),
    ("270112", "Bituminous coal", "Уголь битуминозный"),
    ("270900", "Crude petroleum oils", "Нефть сырая"),
    ("271019", "Medium and heavy petroleum oils (diesel, fuel oil)", "Средние и тяжёлые дистилляты (дизельное топливо, мазут)"),
    ("271112", "Propane, liquefied", "Пропан сжиженный"),
    ("310420", "Potassium chloride (potash)", "Калий хлористый"),
    ("520100", "Cotton, not carded or combed", "Хлопок-волокно, не подвергнутое кардо- или гребнечесанию"),
    ("760110", "Aluminium, not alloyed, unwrought", "Алюминий необработанный нелегированный"),
    ("843351", "Combine harvester-threshers", "Комбайны зерноуборочные"),
    ("870120", "Road tractors for semi-trailers", "Седельные тягачи"),
    ("870194", "Tractors, engine power 75–130 kW", "Тракторы мощностью двигателя 75–130 кВт"),
    ("870423", "Diesel trucks, gross weight over 20 t", "Грузовые автомобили дизельные, полной массой более 20 т"),
    ("940360", "Wooden furniture, other", "Мебель деревянная прочая"),
];

/// One six-digit product of the catalogue.
#[derive(Debug, Clone)]
pub(crate) struct Product {
    /// HS 2017 code, six digits.
    pub(crate) code: String,
    /// Index of its heading in [`HEADINGS`].
    pub(crate) heading: usize,
    /// Its two-digit chapter.
    pub(crate) chapter: u8,
    /// World trade of the code, USD billions (a calibration weight, see [`crate::headings`]).
    pub(crate) world_busd: f64,
    /// English name.
    pub(crate) name_en: String,
    /// Russian name.
    pub(crate) name_ru: String,
}

/// All six-digit products, sorted by code.
pub(crate) fn products() -> Vec<Product> {
    let mut out = Vec::new();
    for (h, &(heading, world, suffixes, en, ru)) in HEADINGS.iter().enumerate() {
        let suffixes: Vec<&str> = suffixes.split_whitespace().collect();
        let chapter: u8 = heading[..2]
            .parse()
            .expect("headings start with two digits");
        for (i, suffix) in suffixes.iter().enumerate() {
            let code = format!("{heading}{suffix}");
            let last = i + 1 == suffixes.len();
            let (name_en, name_ru) = match SUBHEADING_NAMES.iter().find(|(c, ..)| *c == code) {
                Some(&(_, en, ru)) => (en.to_string(), ru.to_string()),
                None if *suffix == "00" => (en.to_string(), ru.to_string()),
                None if last && suffix.starts_with('9') && suffixes.len() > 1 => {
                    (format!("{en}, other"), format!("{ru}, прочие"))
                }
                None => (
                    format!("{en}, subheading {suffix}"),
                    format!("{ru}, субпозиция {suffix}"),
                ),
            };
            // Subheadings of one heading differ in size; a keyed log-normal spreads them.
            let code_num: u64 = code.parse().expect("codes are digits");
            let spread = Rng::keyed("subheading-size", &[code_num]).lognormal(0.5);
            out.push(Product {
                code,
                heading: h,
                chapter,
                world_busd: world / suffixes.len() as f64 * spread,
                name_en,
                name_ru,
            });
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// The heading code (four digits) of a product code.
pub(crate) fn heading_of(code: &str) -> &str {
    &code[..4]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_six_digit_and_under_their_heading() {
        let p = products();
        assert!(p.len() > 900);
        assert!(p.windows(2).all(|w| w[0].code < w[1].code));
        for x in &p {
            assert_eq!(x.code.len(), 6);
            assert!(x.code.bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(heading_of(&x.code), HEADINGS[x.heading].0);
            assert!(x.world_busd > 0.0);
        }
    }

    #[test]
    fn hand_written_names_are_for_catalogue_codes() {
        let p = products();
        for (code, en, _) in SUBHEADING_NAMES {
            let found = p
                .iter()
                .find(|x| x.code == *code)
                .unwrap_or_else(|| panic!("{code}"));
            assert_eq!(found.name_en, *en);
        }
    }

    #[test]
    fn all_chapters_but_77_are_present() {
        let p = products();
        for ch in (1..=97u8).filter(|&c| c != 77) {
            assert!(p.iter().any(|x| x.chapter == ch), "chapter {ch}");
        }
        assert!(!p.iter().any(|x| x.chapter == 77));
    }
}
