//! Product coverage said where the number is (issue 13): an extract of some codes is partial in
//! the profile (`coverage`, `notes`), in the brief's headline sentence, and to the claim
//! checker (a total claimed against it is unverifiable), on the Comtrade EU wood extract, the
//! BACI seafood subset and OTS's chapter-03 file; complete files stay complete.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{bilat, csv_rows, data_dir, empty_warehouse, json, ok};

/// Runs `bilat check --format json` on `text`.
fn check(wh: &Path, text: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("article.txt");
    std::fs::write(&f, text).unwrap();
    let out = bilat(wh, &["check", f.to_str().unwrap(), "--format", "json"]);
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The brief's paragraphs (`{topic, text}`) as one text.
fn texts(paragraphs: &serde_json::Value) -> String {
    let texts: Vec<&str> = paragraphs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    texts.join(" ")
}

#[test]
fn the_eu_wood_extract_is_partial_in_profile_brief_and_check() {
    let wh = empty_warehouse();
    let f = data_dir().join("comtrade/data_eu_imports_compact.csv");
    ok(wh.path(), &["import", "comtrade", f.to_str().unwrap()]);
    // Independently: the chapters and codes of every 2022 row (all reporters and partners).
    let src = csv_rows(&f);
    let y22: Vec<_> = src.iter().filter(|r| r["ref_year"] == "2022").collect();
    let chapters: BTreeSet<String> = y22.iter().map(|r| r["cmd_code"][..2].to_string()).collect();
    let codes: BTreeSet<&str> = y22.iter().map(|r| r["cmd_code"].as_str()).collect();
    let hs = chapters.iter().cloned().collect::<Vec<_>>().join(", ");

    let p = json(wh.path(), &["profile", "EU27", "BLR", "--year", "2022"]);
    let c = &p["coverage"]["imports"];
    assert_eq!(c["status"], "partial", "{c}");
    assert_eq!(
        strings(&c["chapters"]),
        chapters.iter().cloned().collect::<Vec<_>>()
    );
    assert_eq!(c["code_count"].as_u64().unwrap(), codes.len() as u64);
    // More than 12 codes: the codes themselves are not listed, the chapters are.
    assert!(codes.len() > 12 && c["codes"].as_array().unwrap().is_empty());
    let notes = strings(&p["notes"]);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("partial product coverage") && n.contains(&format!("HS {hs}"))),
        "{notes:?}"
    );

    // The brief's headline names the products in its own sentence, in both languages.
    let brief = json(wh.path(), &["brief", "EU27", "Belarus", "--year", "2022"]);
    let headline = brief["headline"].as_str().unwrap();
    assert!(
        headline.contains("imports of wood") && headline.contains(&format!("(HS {hs})")),
        "{headline}"
    );
    // So does the partner-position sentence: the rank and share are among the suppliers of
    // those products only.
    let paragraphs = texts(&brief["paragraphs"]);
    assert!(
        paragraphs.contains(&format!(
            "among the EU's suppliers of these products (HS {hs})"
        )) && paragraphs.contains("of its imports of them."),
        "{paragraphs}"
    );
    let ru = json(
        wh.path(),
        &["brief", "EU27", "Belarus", "--year", "2022", "--lang", "ru"],
    );
    let headline = ru["headline"].as_str().unwrap();
    assert!(
        headline.contains(&format!("группы ТН ВЭД {hs})")),
        "{headline}"
    );
    let paragraphs = texts(&ru["paragraphs"]);
    assert!(
        paragraphs.contains(&format!("по этим товарам (ТН ВЭД {hs})"))
            && paragraphs.contains("их импорта)"),
        "{paragraphs}"
    );

    // A total claimed at exactly the extract's sum is not "supported": the data are no total.
    let m = p["imports"]["value_usd"].as_f64().unwrap();
    let text = format!(
        "In 2022 the European Union imported goods worth ${:.1} million from Belarus.",
        m / 1e6
    );
    let j = check(wh.path(), &text);
    let claims = j["claims"].as_array().unwrap();
    let amount = claims
        .iter()
        .find(|c| c["kind"] == "amount")
        .unwrap_or_else(|| panic!("{j}"));
    assert_eq!(amount["verdict"], "unverifiable", "{amount}");
    let reason = amount["reason"].as_str().unwrap();
    assert!(
        reason.contains(&format!("the data cover only HS {hs}")),
        "{reason}"
    );
}

#[test]
fn the_baci_seafood_subset_names_its_six_codes() {
    let wh = empty_warehouse();
    let d = data_dir().join("baci");
    let f = d.join("BACI_HS12_Y2018_V202201_seafood_subset.csv");
    ok(wh.path(), &["import", "baci", f.to_str().unwrap()]);
    let src = csv_rows(&f);
    let codes: BTreeSet<&str> = src.iter().map(|r| r["k"].as_str()).collect();
    // The largest pair of the file, by the same sums as the profile.
    let mut pair: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for r in &src {
        *pair.entry((&r["i"], &r["j"])).or_default() += r["v"].parse::<f64>().unwrap();
    }
    let (&(i, j), _) = pair.iter().max_by(|a, b| a.1.total_cmp(b.1)).unwrap();
    let alpha: BTreeMap<String, String> = csv_rows(&d.join("country_codes_V202201.csv"))
        .into_iter()
        .map(|r| (r["country_code"].clone(), r["iso_3digit_alpha"].clone()))
        .collect();
    let p = json(
        wh.path(),
        &["profile", &alpha[i], &alpha[j], "--year", "2018"],
    );
    let c = &p["coverage"]["exports"];
    assert_eq!(c["status"], "partial", "{c}");
    let listed = strings(&c["codes"]);
    assert_eq!(
        listed,
        codes.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );
    let chapters: BTreeSet<String> = codes.iter().map(|k| k[..2].to_string()).collect();
    assert_eq!(
        strings(&c["chapters"]),
        chapters.into_iter().collect::<Vec<_>>()
    );
    let brief = json(
        wh.path(),
        &["brief", &alpha[i], &alpha[j], "--year", "2018"],
    );
    let headline = brief["headline"].as_str().unwrap();
    assert!(
        headline.contains(&format!("(HS {})", listed.join(", "))),
        "{headline}"
    );
}

#[test]
fn a_chapter_file_is_partial_and_the_complete_file_is_complete() {
    let d = data_dir().join("ots");
    let wh = empty_warehouse();
    let all = d.join("yrpc_y-2002_r-chl_p-arg_c-all.csv");
    ok(wh.path(), &["import", "ots", all.to_str().unwrap()]);
    let p = json(wh.path(), &["profile", "CHL", "ARG", "--year", "2002"]);
    for flow in ["exports", "imports"] {
        assert_eq!(
            p["coverage"][flow]["status"], "complete",
            "{}",
            p["coverage"]
        );
    }
    assert!(
        !strings(&p["notes"])
            .iter()
            .any(|n| n.contains("partial product coverage"))
    );
    let brief = json(wh.path(), &["brief", "CHL", "ARG", "--year", "2002"]);
    assert!(
        !brief["headline"].as_str().unwrap().contains("(HS"),
        "{brief}"
    );

    let wh = empty_warehouse();
    let ch03 = d.join("yrpc_y-2002_r-chl_p-arg_c-03.csv");
    ok(wh.path(), &["import", "ots", ch03.to_str().unwrap()]);
    let p = json(wh.path(), &["profile", "CHL", "ARG", "--year", "2002"]);
    assert_eq!(p["coverage"]["exports"]["status"], "partial");
    assert_eq!(strings(&p["coverage"]["exports"]["chapters"]), ["03"]);
    // The turnover is partial too, and the headline says whose products.
    let brief = json(wh.path(), &["brief", "CHL", "ARG", "--year", "2002"]);
    let headline = brief["headline"].as_str().unwrap();
    assert!(
        headline.contains("trade in fish fillets and fish and seafood (HS 03"),
        "{headline}"
    );
}
