//! `bilat-bench check`: claims per second on a long generated news text (issues 11 and 13).
//!
//! The text mixes English and Russian sentences in the styles of real wire copy — levels,
//! changes, period-to-date figures, shares, counts — about many pairs and years of the demo
//! world, so a run exercises extraction, the internal checks and one profile per pair and
//! period. Extraction and verification are timed apart.

use std::path::Path;
use std::time::Instant;

/// Pairs of the demo world (alpha-3), with their names in English and Russian (nominative and
/// genitive), so the generated sentences name countries as articles do.
const PAIRS: &[(&str, &str, &str, &str)] = &[
    ("Belarus", "Kazakhstan", "Беларусь", "Казахстаном"),
    ("Germany", "France", "Германия", "Францией"),
    ("Russia", "China", "Россия", "Китаем"),
    ("Kazakhstan", "Russia", "Казахстан", "Россией"),
    ("Belarus", "Russia", "Беларусь", "Россией"),
    ("China", "Kazakhstan", "Китай", "Казахстаном"),
    ("United States", "Mexico", "США", "Мексикой"),
    ("Poland", "Germany", "Польша", "Германией"),
];

/// A deterministic generator (64-bit LCG, Knuth's MMIX constants): the same text every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// About `bytes` bytes of news text, paragraph by paragraph.
pub fn generate_text(bytes: usize) -> String {
    let mut rng = Lcg(2019);
    let mut out = String::with_capacity(bytes + 512);
    while out.len() < bytes {
        let (en_a, en_b, ru_a, ru_b) = PAIRS[rng.below(PAIRS.len())];
        let year = 2016 + rng.below(4) as i32;
        let total = 50 + rng.below(9_000);
        let part = total * (20 + rng.below(60)) / 100;
        let growth = rng.below(400) as f64 / 10.0;
        let months = 1 + rng.below(11);
        let sentence = match rng.below(12) {
            0 => format!(
                "In {year}, trade between {en_a} and {en_b} reached ${total}.{} million, up {growth}% from the level of {}. ",
                rng.below(10),
                year - 1
            ),
            1 => format!(
                "{en_a}'s exports to {en_b} were ${part} million in {year} (down {growth}%), and imports from {en_b} ${} million. ",
                total - part
            ),
            2 => format!(
                "In January-{} {year}, the bilateral trade of {en_a} and {en_b} made up ${total} million (up {growth}% from the same period of {}). ",
                month_en(months),
                year - 1
            ),
            3 => format!(
                "В {year} году товарооборот между странами ({ru_a} и {ru_b}) составил {total},{} млн долларов США, увеличившись на {}%. ",
                rng.below(10),
                format!("{growth}").replace('.', ",")
            ),
            4 => format!(
                "Экспорт страны ({ru_a}) в торговле с {ru_b} в {year} году составил {} {:03},{} млн долларов. ",
                part / 1000 + 1,
                part % 1000,
                rng.below(10)
            ),
            5 => format!(
                "There are {} enterprises with the capital of {en_b} in {en_a}, including {} joint ventures. ",
                10 + rng.below(300),
                1 + rng.below(9)
            ),
            6 => format!(
                "The share of {en_b} in {en_a}' exports was {}.{}% in {year}. ",
                rng.below(30),
                rng.below(10)
            ),
            8 => format!(
                "In {year} trade between {en_a} and {en_b} reached {} billion roubles (${}.{} million). ",
                total / 10 + 1,
                total,
                rng.below(10)
            ),
            9 => format!(
                "{en_b} was {en_a}'s {} largest trading partner in {year}, and {} {} the {} largest market. ",
                bilat_report::ordinal(bilat_model::Lang::En, 1 + rng.below(20)),
                en_a,
                if rng.below(2) == 0 {
                    "remained"
                } else {
                    "became"
                },
                bilat_report::ordinal(bilat_model::Lang::En, 1 + rng.below(20)),
            ),
            10 => format!(
                "В {year} году экспорт пшеницы из страны ({ru_a}) в торговле с {ru_b} составил {},{} тыс. тонн, а положительное сальдо — ${} млн. ",
                10 + rng.below(900),
                rng.below(10),
                part / 3 + 1
            ),
            11 => format!(
                "{en_a} ran a surplus of ${}.{} million with {en_b} in {year}, and exports made up {}.{}% of mutual trade. ",
                part / 2 + 1,
                rng.below(10),
                40 + rng.below(50),
                rng.below(10)
            ),
            _ => format!(
                "Officials said {en_a} and {en_b} can hope for more than ${} billion of trade, and \"several billions\" later; a plan of 12 steps was signed on {} March. ",
                1 + rng.below(9),
                1 + rng.below(28)
            ),
        };
        out.push_str(&sentence);
        if rng.below(4) == 0 {
            out.push_str("\n\n");
        }
    }
    out
}

/// The English name of month `m + 1` (0-based, as the generator draws it; past December stays
/// December), from the report's own month names.
fn month_en(m: usize) -> String {
    let m = u8::try_from(m.min(11)).unwrap_or(11) + 1;
    bilat_report::months(bilat_model::Lang::En, m, m)
}

/// Extraction, then verification against the warehouse at `root`; returns the report lines.
pub fn run(root: &Path, bytes: usize) -> anyhow::Result<String> {
    let text = generate_text(bytes);
    let t = Instant::now();
    let (claims, _) = bilat_claims::extract(&text, None);
    let t_extract = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let findings = bilat_claims::internal_checks(&claims);
    let t_internal = t.elapsed().as_secs_f64();
    let facts = bilat_claims::WarehouseFacts::open(root)?;
    let t = Instant::now();
    let report = bilat_claims::check(&text, None, &facts)?;
    let t_check = t.elapsed().as_secs_f64();
    let n = report.claims.len();
    let mut counts = std::collections::BTreeMap::new();
    for c in &report.claims {
        *counts.entry(format!("{:?}", c.verdict)).or_insert(0usize) += 1;
    }
    Ok(format!(
        "check: {:.2} MB text, {} claims ({} by extract alone)\n\
         extraction: {t_extract:.2}s ({:.0} claims/s)\n\
         internal checks: {t_internal:.2}s ({} findings)\n\
         whole check (extraction, internal checks, verification): {t_check:.2}s ({:.0} claims/s), \
         {} distinct profiles\n\
         verdicts: {counts:?}\n",
        text.len() as f64 / 1e6,
        n,
        claims.len(),
        claims.len() as f64 / t_extract.max(1e-9),
        findings.len(),
        n as f64 / t_check.max(1e-9),
        facts.profiles_computed(),
    ))
}

/// Hostile texts of about `bytes` each (issue 13, "long and hostile texts stay linear"): one
/// sentence of amounts, a run of bare numbers, currency signs, unclosed quotes, one sentence of
/// percentages, and the mixed text without a single full stop. Each line: bytes, claims, time.
pub fn hostile(root: &Path, bytes: usize) -> anyhow::Result<String> {
    let repeat = |unit: &str| unit.repeat(bytes / unit.len().max(1) + 1);
    let cases: Vec<(&str, String)> = vec![
        (
            "one sentence of amounts",
            format!(
                "In 2018 Belarus' exports to Kazakhstan were {}",
                repeat("$1.5 million, ")
            ),
        ),
        ("bare numbers", repeat("12 345 6,7 8.9 ")),
        ("currency signs", repeat("$ € ₽ ₸ ¥ US$ ")),
        ("unclosed quotes", repeat("\"exports of «Belarus ")),
        (
            "one sentence of percentages",
            format!("In 2018 exports rose {}", repeat("by 4.5%, ")),
        ),
        (
            "mixed text, no full stops",
            generate_text(bytes).replace(['.', '!', '?'], ","),
        ),
    ];
    let facts = bilat_claims::WarehouseFacts::open(root)?;
    let mut out = String::new();
    for (name, text) in cases {
        let t = Instant::now();
        let report = bilat_claims::check(&text, None, &facts)?;
        out.push_str(&format!(
            "hostile: {name}: {:.2} MB, {} claims, {:.2}s\n",
            text.len() as f64 / 1e6,
            report.claims.len(),
            t.elapsed().as_secs_f64()
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_text_is_deterministic_and_about_the_size_asked() {
        let a = generate_text(20_000);
        assert_eq!(a, generate_text(20_000));
        assert!(a.len() >= 20_000 && a.len() < 21_000, "{}", a.len());
        assert!(a.contains("млн долларов") && a.contains("million"));
    }
}
