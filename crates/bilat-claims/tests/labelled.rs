//! Precision and recall of extraction on a hand-labelled set of short EN/RU texts
//! (`tests/fixtures/labelled.jsonl`, issue 6 "Acceptance").
//!
//! Two levels are measured:
//! - **span**: a predicted claim matches a gold claim when their spans overlap and their
//!   values agree (both vague, or equal to 1e-9 relative);
//! - **full**: in addition kind, measure, period and — where the gold label names them — the
//!   subject's countries agree.
//!
//! Matching is one-to-one (each gold claim is used once). The floors below sit a little under
//! the measured values so a regression fails the test; the measured numbers are printed.

use bilat_claims::{Claim, extract};
use serde_json::Value;

struct Scores {
    tp: usize,
    predicted: usize,
    gold: usize,
}

impl Scores {
    fn precision(&self) -> f64 {
        self.tp as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / self.gold.max(1) as f64
    }
}

fn same_value(c: &Claim, g: &Value) -> bool {
    match (c.value, g["value"].as_f64()) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0) + 1e-9,
        _ => false,
    }
}

fn overlaps(text: &str, c: &Claim, g: &Value) -> bool {
    let gt = g["text"].as_str().unwrap();
    let Some(b) = text.find(gt) else {
        panic!("gold span {gt:?} is not in {text:?}");
    };
    let gs = text[..b].chars().count();
    let ge = gs + gt.chars().count();
    c.start < ge && gs < c.end
}

fn full(c: &Claim, g: &Value) -> bool {
    let kind = serde_json::to_value(c.kind).unwrap();
    let opt = |v: &Value| v.as_str().map(str::to_string);
    kind == g["kind"]
        && c.measure.name() == g["measure"].as_str().unwrap()
        && c.period.map(|p| p.to_string()) == opt(&g["period"])
        && (g["from"].is_null() || c.subject.from == opt(&g["from"]))
        && (g["to"].is_null() || c.subject.to == opt(&g["to"]))
}

fn score(level_full: bool) -> (Scores, Vec<String>) {
    let data = include_str!("fixtures/labelled.jsonl");
    let mut s = Scores {
        tp: 0,
        predicted: 0,
        gold: 0,
    };
    let mut misses = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let item: Value = serde_json::from_str(line).expect("jsonl");
        let text = item["text"].as_str().unwrap();
        let gold = item["claims"].as_array().unwrap();
        let (pred, _) = extract(text, None);
        s.predicted += pred.len();
        s.gold += gold.len();
        let mut used = vec![false; gold.len()];
        for c in &pred {
            let hit = gold.iter().enumerate().position(|(k, g)| {
                !used[k] && overlaps(text, c, g) && same_value(c, g) && (!level_full || full(c, g))
            });
            match hit {
                Some(k) => {
                    used[k] = true;
                    s.tp += 1;
                }
                None => misses.push(format!(
                    "extra: {:?} {:?} in {text:?}",
                    c.text,
                    c.measure.name()
                )),
            }
        }
        for (k, g) in gold.iter().enumerate() {
            if !used[k] {
                misses.push(format!("missed: {} in {text:?}", g["text"]));
            }
        }
    }
    (s, misses)
}

#[test]
fn precision_and_recall_of_extraction() {
    let data = include_str!("fixtures/labelled.jsonl");
    let n = data.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(n >= 30, "at least 30 labelled texts, got {n}");
    let (span, m1) = score(false);
    let (fullv, m2) = score(true);
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "labelled set: {n} texts, {} gold claims\nspan: precision {:.3} recall {:.3} ({} of {} predicted)\nfull: precision {:.3} recall {:.3}",
            span.gold,
            span.precision(),
            span.recall(),
            span.tp,
            span.predicted,
            fullv.precision(),
            fullv.recall()
        );
        for m in m1.iter().chain(&m2) {
            eprintln!("  {m}");
        }
    }
    assert!(
        span.precision() >= 0.9 && span.recall() >= 0.9,
        "span level below floor"
    );
    assert!(
        fullv.precision() >= 0.75 && fullv.recall() >= 0.75,
        "full level below floor"
    );
}
