//! The words that say, in the headline's own sentence, which products a partial flow holds:
//! "the EU's imports of wood and wood products, wood pulp, paper and paperboard, and furniture
//! (HS 44, 47, 48, 94) from Belarus …" — a total of an extract never reads as all trade.
//!
//! Names come from the plain-name table (headings when the few loaded codes are listed, else
//! chapters); more than five are counted instead of listed. Complete and unknown flows give
//! empty words, so the templates read as before.

use bilat_analytics::{Coverage, ProductCoverage};
use bilat_model::Lang;

use crate::plain_names::plain_name;

/// At most this many product names are listed; more are counted ("12 HS chapters").
const NAMED: usize = 5;

/// Plain names of the loaded products, each once, in code order.
fn names(c: &ProductCoverage, lang: Lang) -> Vec<String> {
    let codes: Vec<String> = if c.codes.is_empty() {
        c.chapters.clone()
    } else {
        c.codes
            .iter()
            .map(|k| k.get(..4).unwrap_or(k).to_string())
            .collect()
    };
    let mut out: Vec<String> = Vec::new();
    for code in codes {
        let official = bilat_model::hs::official_name(&code, Lang::En).unwrap_or("");
        let (en, ru) = plain_name(&code, official);
        let name = if lang == Lang::Ru { ru } else { en };
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// "HS 44, 47" or the listed codes "HS 030616, 160521".
fn codes(c: &ProductCoverage) -> String {
    if c.codes.is_empty() {
        c.chapters.join(", ")
    } else {
        c.codes.join(", ")
    }
}

/// The names joined as a reader writes a list: "a, b, and c" / "a, b и c".
fn joined(names: &[String], lang: Lang) -> String {
    match (names, lang) {
        ([], _) => String::new(),
        ([one], _) => one.clone(),
        ([a, b], Lang::En) => format!("{a} and {b}"),
        ([a, b], Lang::Ru) => format!("{a} и {b}"),
        ([init @ .., last], Lang::En) => format!("{}, and {last}", init.join(", ")),
        ([init @ .., last], Lang::Ru) => format!("{} и {last}", init.join(", ")),
    }
}

/// What the partial flow holds, as the words after "imports" ("of wood … (HS 44, 47)") or
/// after "trade" (`trade`: "in wood …"); empty for a complete or unknown flow.
pub(super) fn flow_words(c: &ProductCoverage, lang: Lang, trade: bool) -> String {
    if !c.is_partial() {
        return String::new();
    }
    let names = names(c, lang);
    let listed = if names.len() <= NAMED {
        joined(&names, lang)
    } else {
        String::new()
    };
    let n = c.chapters.len();
    match lang {
        Lang::En => {
            let what = if listed.is_empty() {
                format!("{n} HS chapters")
            } else {
                listed
            };
            let prep = if trade { "in" } else { "of" };
            format!(" {prep} {what} (HS {})", codes(c))
        }
        Lang::Ru => {
            let kind = if c.codes.is_empty() {
                "группы"
            } else {
                "коды"
            };
            if listed.is_empty() {
                format!(" (только {kind} ТН ВЭД {})", codes(c))
            } else {
                format!(" (только {listed}: {kind} ТН ВЭД {})", codes(c))
            }
        }
    }
}

/// The loaded codes in brackets after "these products", for the sentences that follow the
/// headline's (partner position): " (HS 44, 47)" / " (ТН ВЭД 44, 47)"; empty for a complete or
/// unknown flow.
pub(super) fn codes_words(c: &ProductCoverage, lang: Lang) -> String {
    if !c.is_partial() {
        return String::new();
    }
    match lang {
        Lang::En => format!(" (HS {})", codes(c)),
        Lang::Ru => format!(" (ТН ВЭД {})", codes(c)),
    }
}

/// The words after "trade" for turnover: the shared products when both flows are partial
/// alike, else which flow covers what ("(imports: HS 44, 47 only)").
pub(super) fn trade_words(cov: &Coverage, lang: Lang) -> String {
    let (x, m) = (&cov.exports, &cov.imports);
    match (x.is_partial(), m.is_partial()) {
        (false, false) => String::new(),
        (true, true) if x.chapters == m.chapters && x.codes == m.codes => flow_words(x, lang, true),
        _ => {
            let part = |c: &ProductCoverage, en: &str, ru: &str| {
                c.is_partial().then(|| match lang {
                    Lang::En => format!("{en}: HS {} only", codes(c)),
                    Lang::Ru => format!("{ru} — только ТН ВЭД {}", codes(c)),
                })
            };
            let parts: Vec<String> = [part(x, "exports", "экспорт"), part(m, "imports", "импорт")]
                .into_iter()
                .flatten()
                .collect();
            format!(" ({})", parts.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bilat_analytics::CoverageStatus;

    fn partial(chapters: &[&str], codes: &[&str]) -> ProductCoverage {
        ProductCoverage {
            status: CoverageStatus::Partial,
            chapters: chapters.iter().map(|s| s.to_string()).collect(),
            codes: codes.iter().map(|s| s.to_string()).collect(),
            code_count: codes.len().max(chapters.len()) as u64,
        }
    }

    #[test]
    fn chapters_are_named_and_numbered_in_both_languages() {
        let c = partial(&["44", "47", "48", "94"], &[]);
        let en = flow_words(&c, Lang::En, false);
        assert!(
            en.starts_with(" of wood and wood products, wood pulp, paper and paperboard, and ")
                && en.ends_with(" (HS 44, 47, 48, 94)"),
            "{en}"
        );
        let ru = flow_words(&c, Lang::Ru, false);
        assert!(
            ru.starts_with(" (только древесина") && ru.ends_with(": группы ТН ВЭД 44, 47, 48, 94)"),
            "{ru}"
        );
        // A chapter without a plain name is its official name cut at the first ";".
        assert!(
            ru.contains(" и мебель:") && !ru.contains("постельные"),
            "{ru}"
        );
    }

    #[test]
    fn listed_codes_are_named_by_heading_and_many_chapters_counted() {
        let c = partial(&["03", "16"], &["030616", "160521"]);
        let en = flow_words(&c, Lang::En, true);
        assert!(
            en.starts_with(" in crustaceans and ") && en.ends_with(" (HS 030616, 160521)"),
            "{en}"
        );
        let many: Vec<String> = (1..=12).map(|c| format!("{c:02}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let en = flow_words(&partial(&many, &[]), Lang::En, false);
        assert!(en.starts_with(" of 12 HS chapters (HS 01, 02,"), "{en}");
    }

    #[test]
    fn complete_flows_add_no_words_and_mixed_ones_say_which() {
        let complete = ProductCoverage {
            status: CoverageStatus::Complete,
            chapters: vec![],
            codes: vec![],
            code_count: 5000,
        };
        assert_eq!(flow_words(&complete, Lang::En, false), "");
        let cov = Coverage {
            exports: complete,
            imports: partial(&["44"], &[]),
        };
        assert_eq!(trade_words(&cov, Lang::En), " (imports: HS 44 only)");
        assert_eq!(trade_words(&cov, Lang::Ru), " (импорт — только ТН ВЭД 44)");
    }
}
