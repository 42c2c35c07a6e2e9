//! Plain product names: what a news item calls a heading ("tractors and tractor units", not
//! "Tractors (other than tractors of heading 87.09)").
//!
//! The table is data, `templates/products.tsv` (compiled in): HS prefixes → English and Russian
//! names; the longest matching prefix wins, and codes whose names coincide form one group whose
//! values are summed before ranking (0401 and 0402 → "milk and dairy products"). Codes the table
//! does not know fall back to a shortened source name: the English HS name cut at its first
//! `;`, `,` or `(` and lower-cased; in Russian, the ТН ВЭД heading's name cut the same way, else
//! the chapter's name.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use bilat_analytics::ProductLine;
use bilat_model::{Lang, hs};
use serde::Serialize;

const TABLE_TSV: &str = include_str!("../templates/products.tsv");

/// `prefix → (en, ru)`, parsed once.
static TABLE: LazyLock<BTreeMap<String, (String, String)>> =
    LazyLock::new(|| parse(TABLE_TSV).expect("templates/products.tsv is checked by a unit test"));

fn parse(tsv: &str) -> Result<BTreeMap<String, (String, String)>, String> {
    let mut out = BTreeMap::new();
    for (i, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [codes, en, ru] = cols[..] else {
            return Err(format!(
                "products.tsv:{}: expected 3 TAB-separated columns",
                i + 1
            ));
        };
        for code in codes.split(',') {
            let code = code.trim();
            if !matches!(code.len(), 2 | 4 | 6) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("products.tsv:{}: bad HS prefix {code:?}", i + 1));
            }
            if out
                .insert(
                    code.to_string(),
                    (en.trim().to_string(), ru.trim().to_string()),
                )
                .is_some()
            {
                return Err(format!("products.tsv:{}: {code} listed twice", i + 1));
            }
        }
    }
    Ok(out)
}

/// The plain name of an HS code (any level) in both languages, from the table or the fallback.
pub fn plain_name(code: &str, source_name: &str) -> (String, String) {
    for l in [6, 4, 2] {
        if let Some(p) = code.get(..l)
            && let Some((en, ru)) = TABLE.get(p)
        {
            return (en.clone(), ru.clone());
        }
    }
    (shorten(source_name), ru_fallback(code))
}

/// The English source name cut at its first `;`, `,` or `(`, lower-cased unless an acronym.
fn shorten(name: &str) -> String {
    let cut = name
        .find([';', ',', '('])
        .map_or(name, |i| &name[..i])
        .trim();
    let cut = if cut.is_empty() { name.trim() } else { cut };
    let mut c = cut.chars();
    match (c.next(), c.next()) {
        (Some(f), Some(s)) if !s.is_uppercase() => {
            f.to_lowercase().collect::<String>() + &cut[f.len_utf8()..]
        }
        _ => cut.to_string(),
    }
}

/// The Russian official name of the code's heading (ТН ВЭД), else of its chapter, cut as
/// [`shorten`] cuts ("Мебель; постельные принадлежности …" → "мебель") and lower-cased for the
/// middle of a sentence.
fn ru_fallback(code: &str) -> String {
    code.get(..4)
        .and_then(|h| hs::heading_name(h, Lang::Ru))
        .map(shorten)
        .or_else(|| {
            code.get(..2)
                .and_then(|ch| hs::chapter_name(ch, Lang::Ru))
                .map(shorten)
        })
        .unwrap_or_else(|| format!("товары HS {code}"))
}

/// One group of products in plain words, with its summed value.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlainProduct {
    /// English plain name.
    pub name_en: String,
    /// Russian plain name.
    pub name_ru: String,
    /// HS codes summed into the group (at the profile's level), ascending.
    pub codes: Vec<String>,
    /// Value in the year, USD: the sum of the codes' values.
    pub value_usd: f64,
    /// Share of the flow, %: the sum of the codes' shares.
    pub share_pct: f64,
}

impl PlainProduct {
    /// Name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            Lang::Ru => &self.name_ru,
        }
    }
}

/// Groups product lines by plain name and orders the groups by value (largest first; ties by
/// first code).
pub fn group(lines: &[ProductLine]) -> Vec<PlainProduct> {
    let mut by: BTreeMap<String, PlainProduct> = BTreeMap::new();
    for l in lines {
        let (en, ru) = plain_name(&l.code, &l.name);
        let g = by.entry(en.clone()).or_insert_with(|| PlainProduct {
            name_en: en,
            name_ru: ru,
            codes: vec![],
            value_usd: 0.0,
            share_pct: 0.0,
        });
        g.codes.push(l.code.clone());
        g.value_usd += l.value_usd;
        g.share_pct += l.share_pct;
    }
    let mut out: Vec<PlainProduct> = by.into_values().collect();
    for g in &mut out {
        g.codes.sort();
    }
    out.sort_by(|a, b| {
        b.value_usd
            .total_cmp(&a.value_usd)
            .then_with(|| a.codes.cmp(&b.codes))
    });
    out
}

/// The groups a brief names as "main products": each at least `min_share_pct` of the flow, at
/// most `max` of them, in order of value.
pub fn main_products(groups: &[PlainProduct], min_share_pct: f64, max: usize) -> Vec<PlainProduct> {
    groups
        .iter()
        .filter(|g| g.share_pct >= min_share_pct)
        .take(max)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_names_the_seed_products() {
        assert!(parse(TABLE_TSV).is_ok(), "{:?}", parse(TABLE_TSV).err());
        let en = |c: &str| plain_name(c, "x").0;
        assert_eq!(en("8701"), "tractors and tractor units");
        assert_eq!(en("870194"), "tractors and tractor units");
        assert_eq!(en("0401"), en("0402"));
        assert_eq!(en("0405"), "butter");
        assert_eq!(en("0406"), "cheese and quark");
        assert_eq!(en("0202"), "beef");
        assert_eq!(en("7601"), "raw aluminum");
        assert_eq!(plain_name("3104", "x").1, "калийные удобрения");
    }

    #[test]
    fn bad_tables_are_rejected_with_a_line() {
        assert!(parse("01\tx\n").unwrap_err().contains(":1:"));
        assert!(parse("0x01\ta\tb\n").is_err());
        assert!(
            parse("0401\ta\tb\n0401\tc\td\n")
                .unwrap_err()
                .contains("twice")
        );
    }

    #[test]
    fn fallback_shortens_the_source_name() {
        let (en, ru) = plain_name("9999", "Commodities not specified; n.e.s.");
        assert_eq!(en, "commodities not specified");
        assert!(!ru.is_empty());
        assert_eq!(shorten("LCD modules (other)"), "LCD modules");
    }

    #[test]
    fn groups_sum_and_rank() {
        let line = |code: &str, v: f64| ProductLine {
            code: code.into(),
            name: String::new(),
            name_ru: None,
            value_usd: v,
            share_pct: v,
            previous_value_usd: None,
            growth_pct: None,
        };
        let g = group(&[
            line("0405", 50.0),
            line("0401", 30.0),
            line("0402", 30.0),
            line("8701", 10.0),
        ]);
        assert_eq!(g[0].name_en, "milk and dairy products");
        assert_eq!(g[0].value_usd, 60.0);
        assert_eq!(g[0].codes, ["0401", "0402"]);
        assert_eq!(g[1].name_en, "butter");
        assert_eq!(main_products(&g, 20.0, 10).len(), 2);
    }
}
