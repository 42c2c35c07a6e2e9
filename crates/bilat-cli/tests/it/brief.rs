//! `bilat brief` (issue 4, "Acceptance"): the seed item's figures on the demo, golden files in
//! English and Russian, real-data figures against independent sums, JSON with provenance.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{
    close, csv_rows as rows, data_dir, demo_warehouse, empty_warehouse, json, num, ok,
};

/// The seed item's figures (`shared/seed/belta-belarus-kazakhstan-2019.txt`), as printed:
/// (value, decimals printed, what it is).
const SEED_AMOUNTS_MUSD: &[(f64, usize, &str)] = &[
    (896.0, 0, "turnover 2018"),
    (783.7, 1, "exports 2018"),
    (112.3, 1, "imports 2018"),
    (153.2, 1, "services 2018"),
    (18.8, 1, "investment 2018"),
    (481.7, 1, "turnover January–June 2019"),
];
const SEED_RISES_PCT: &[(f64, usize)] = &[(30.0, 0), (32.3, 1), (15.6, 1), (11.8, 1)];
const SEED_EXPORTS: &[&str] = &[
    "tractors and tractor units",
    "milk and dairy products",
    "butter",
    "harvesters",
    "potash fertilizers",
    "furniture",
    "beef",
    "freight vehicles",
    "cheese and quark",
];
const SEED_IMPORTS: &[&str] = &[
    "oil products",
    "coal",
    "oil gases",
    "cotton fibers",
    "flax seeds",
    "raw aluminum",
];

fn brief(wh: &Path, extra: &[&str]) -> String {
    let mut a = vec!["brief", "BLR", "KAZ", "--year", "2018", "--months", "1-6"];
    a.extend_from_slice(extra);
    ok(wh, &a)
}

/// The text with line breaks as spaces (the text format wraps at 96 columns).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Numbers printed in `text` right before `unit` (e.g. "million" or "млн долларов"), parsed with
/// either decimal mark.
fn numbers_before(text: &str, prefix: &str, unit: &str) -> Vec<f64> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(unit) {
        let head = text[..i].trim_end();
        let start = head
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .map_or(0, |j| j + head[j..].chars().next().unwrap().len_utf8());
        let num = &head[start..];
        if !prefix.is_empty() && !head[..start].ends_with(prefix) {
            continue;
        }
        if let Ok(v) = num.replace(',', ".").parse::<f64>() {
            out.push(v);
        }
    }
    out
}

fn rounds_to(v: f64, target: f64, decimals: usize) -> bool {
    format!("{v:.decimals$}") == format!("{target:.decimals$}")
}

/// Positions of `names` in `text`, which must all be present and in this order.
#[track_caller]
fn in_order(text: &str, names: &[&str]) {
    let mut last = 0;
    for n in names {
        let at = text[last..]
            .find(n)
            .unwrap_or_else(|| panic!("{n:?} missing or out of order in:\n{text}"));
        last += at + n.len();
    }
}

#[test]
fn demo_brief_holds_every_seed_figure_in_english() {
    let t = flat(&brief(demo_warehouse(), &[]));
    let amounts = numbers_before(&t, "$", " million");
    for (v, d, what) in SEED_AMOUNTS_MUSD {
        assert!(
            amounts.iter().any(|a| rounds_to(*a, *v, *d)),
            "{what}: ${v} million not in {amounts:?}\n{t}"
        );
    }
    let rises = numbers_before(&t, "up ", "%");
    for (v, d) in SEED_RISES_PCT {
        assert!(
            rises.iter().any(|a| rounds_to(*a, *v, *d)),
            "up {v}%: {rises:?}"
        );
    }
    assert!(
        numbers_before(&t, "up ", " times")
            .iter()
            .any(|a| rounds_to(*a, 4.8, 1))
    );
    assert!(t.contains("January–June 2019"), "{t}");
    in_order(&t, SEED_EXPORTS);
    in_order(&t, SEED_IMPORTS);
    // No product beyond the seed's lists is named as a main product.
    let j = json(demo_warehouse(), &["brief", "BLR", "KAZ", "--year", "2018"]);
    let names = |k: &str| -> Vec<String> {
        j[k].as_array()
            .unwrap()
            .iter()
            .map(|p| p["name_en"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("main_exports"), SEED_EXPORTS);
    assert_eq!(names("main_imports"), SEED_IMPORTS);
}

#[test]
fn demo_brief_holds_every_seed_figure_in_russian() {
    let t = flat(&brief(demo_warehouse(), &["--lang", "ru"]));
    let amounts = numbers_before(&t, "", " млн долларов");
    for (v, d, what) in SEED_AMOUNTS_MUSD {
        assert!(
            amounts.iter().any(|a| rounds_to(*a, *v, *d)),
            "{what}: {v} млн долларов not in {amounts:?}\n{t}"
        );
    }
    let rises = numbers_before(&t, "рост на ", "%");
    for (v, d) in SEED_RISES_PCT {
        assert!(
            rises.iter().any(|a| rounds_to(*a, *v, *d)),
            "рост на {v}%: {rises:?}"
        );
    }
    assert!(t.contains("рост в 4,8 раза"), "{t}");
    assert!(t.contains("январе–июне 2019 года"), "{t}");
    for phrase in [
        "товарооборот Беларуси с Казахстаном",
        "из Казахстана",
        "в Казахстан",
    ] {
        assert!(t.contains(phrase), "{phrase:?} missing:\n{t}");
    }
    assert!(!t.contains("Белорусси"), "spelling is Беларусь throughout");
    let ru = |en: &[&str]| -> Vec<String> {
        en.iter()
            .map(|n| {
                let code = match *n {
                    "tractors and tractor units" => "8701",
                    "milk and dairy products" => "0402",
                    "butter" => "0405",
                    "harvesters" => "8433",
                    "potash fertilizers" => "3104",
                    "furniture" => "9403",
                    "beef" => "0202",
                    "freight vehicles" => "8704",
                    "cheese and quark" => "0406",
                    "oil products" => "2710",
                    "coal" => "2701",
                    "oil gases" => "2711",
                    "cotton fibers" => "5201",
                    "flax seeds" => "1204",
                    _ => "7601",
                };
                bilat_report::plain_name(code, "").1
            })
            .collect()
    };
    let xs = ru(SEED_EXPORTS);
    in_order(&t, &xs.iter().map(String::as_str).collect::<Vec<_>>());
    let ms = ru(SEED_IMPORTS);
    in_order(&t, &ms.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn demo_brief_json_carries_the_figures_with_provenance() {
    let j = json(
        demo_warehouse(),
        &["brief", "BLR", "KAZ", "--year", "2018", "--months", "1-6"],
    );
    let f = &j["figures"];
    close(num(f, "turnover.value_usd"), 896.0e6, 1e-12);
    close(num(f, "exports.value_usd"), 783.7e6, 1e-12);
    close(num(f, "imports.value_usd"), 112.3e6, 1e-12);
    close(num(f, "period_to_date.turnover.value_usd"), 481.7e6, 1e-12);
    assert_eq!(f["period_to_date"]["year"], 2019);
    assert_eq!(f["period_to_date"]["months"], "1-6");
    close(num(f, "services.figure.value_usd"), 153.2e6, 1e-12);
    close(num(f, "investment.figure.value_usd"), 18.8e6, 1e-12);
    assert_eq!(format!("{:.1}", num(f, "investment.figure.times")), "4.8");
    assert_eq!(f["investment"]["country"], "BLR");
    assert_eq!(f["investment"]["partner"], "KAZ");
    assert_eq!(j["provenance"]["source"], "demo");
    assert_eq!(j["provenance"]["view"], "reporter");
    assert_eq!(j["provenance"]["label"], "demo data (generated)");
    assert_eq!(f["services"]["source"], "demo");
    // The history chart plots the same numbers as the text.
    let h = f["history"].as_array().unwrap();
    let y2018 = h.iter().find(|p| p["year"] == 2018).unwrap();
    close(num(y2018, "exports_usd"), 783.7e6, 1e-12);
    let chart = j["charts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "history")
        .unwrap();
    assert_eq!(chart["series"].as_array().unwrap().len(), 2);
    assert_eq!(
        chart["series"][0]["points"].as_array().unwrap().len(),
        h.len()
    );
    // Potential: the product-level export potential at HS4, as `bilat potential` computes it;
    // "could reach" = actual + untapped over both directions.
    let pot: serde_json::Value = serde_json::from_str(&ok(
        demo_warehouse(),
        &[
            "potential",
            "BLR",
            "KAZ",
            "--year",
            "2018",
            "--method",
            "products",
            "--level",
            "4",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let dirs = pot["directions"].as_array().unwrap();
    let sum = |k: &str| dirs.iter().map(|d| num(d, k)).sum::<f64>();
    close(
        num(&j["potential"], "untapped_usd"),
        sum("untapped_usd"),
        1e-12,
    );
    close(
        num(&j["potential"], "potential_usd"),
        sum("untapped_usd") + sum("actual_usd"),
        1e-12,
    );
    let para = j["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["topic"] == "potential")
        .expect("a potential paragraph");
    let text = para["text"].as_str().unwrap();
    assert!(text.contains("$774.8 million"), "{text}");
    // Three significant figures: "$1.47 billion", not "$1.5 billion".
    let potential = bilat_report::money(
        bilat_model::Lang::En,
        sum("untapped_usd") + sum("actual_usd"),
    );
    assert!(potential.starts_with("$1.") && potential.len() == "$1.47 billion".len());
    assert!(text.contains(&potential), "{text}");
}

#[test]
fn demo_brief_golden_files() {
    let wh = demo_warehouse();
    for lang in ["en", "ru"] {
        for format in ["text", "md"] {
            let out = brief(wh, &["--lang", lang, "--format", format]);
            insta::assert_snapshot!(format!("brief_blr_kaz_2018_{lang}_{format}"), out);
        }
    }
}

#[test]
fn brief_writes_to_out_and_rejects_bad_months() {
    let wh = demo_warehouse();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.html");
    ok(
        wh,
        &[
            "brief",
            "BLR",
            "KAZ",
            "--year",
            "2018",
            "--format",
            "html",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    let out = crate::common::bilat(
        wh,
        &["brief", "BLR", "KAZ", "--year", "2018", "--months", "7-3"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("7-3"));
}

/// HHI = Σ s², DESIGN §3, over positive values.
fn hhi(v: &BTreeMap<String, f64>) -> f64 {
    let t: f64 = v.values().filter(|x| **x > 0.0).sum();
    v.values()
        .filter(|x| **x > 0.0)
        .map(|x| (x / t).powi(2))
        .sum()
}

#[test]
fn ots_chile_argentina_2004_against_2002() {
    let wh = empty_warehouse();
    let d = data_dir().join("ots");
    for y in ["2002", "2004"] {
        let f = d.join(format!("yrpc_y-{y}_r-chl_p-arg_c-all.csv"));
        ok(wh.path(), &["import", "ots", f.to_str().unwrap()]);
    }
    // Independent sums from the source CSVs.
    let by4 = |y: &str, col: &str| -> BTreeMap<String, f64> {
        let mut m = BTreeMap::new();
        for r in rows(&d.join(format!("yrpc_y-{y}_r-chl_p-arg_c-all.csv"))) {
            if let Ok(v) = r[col].parse::<f64>() {
                *m.entry(r["commodity_code"][..4].to_string()).or_insert(0.0) += v;
            }
        }
        m
    };
    let (x04, m04) = (
        by4("2004", "trade_value_usd_exp"),
        by4("2004", "trade_value_usd_imp"),
    );
    let (x02, m02) = (
        by4("2002", "trade_value_usd_exp"),
        by4("2002", "trade_value_usd_imp"),
    );
    let sum = |m: &BTreeMap<String, f64>| m.values().sum::<f64>();
    let (x, m, px, pm) = (sum(&x04), sum(&m04), sum(&x02), sum(&m02));

    let j = json(
        wh.path(),
        &["brief", "Chile", "Argentina", "--year", "2004"],
    );
    let f = &j["figures"];
    assert_eq!(f["comparison_year"], 2002);
    close(num(f, "exports.value_usd"), x, 1e-12);
    close(num(f, "imports.value_usd"), m, 1e-12);
    close(num(f, "turnover.value_usd"), x + m, 1e-12);
    close(num(f, "balance.value_usd"), x - m, 1e-9);
    close(num(f, "exports.previous_value_usd"), px, 1e-12);
    close(num(f, "imports.previous_value_usd"), pm, 1e-12);
    close(
        num(f, "turnover.growth_pct"),
        ((x + m) / (px + pm) - 1.0) * 100.0,
        1e-9,
    );
    close(num(f, "exports.growth_pct"), (x / px - 1.0) * 100.0, 1e-9);
    close(num(f, "imports.growth_pct"), (m / pm - 1.0) * 100.0, 1e-9);
    close(num(f, "hhi_exports"), hhi(&x04), 1e-9);
    close(num(f, "hhi_imports"), hhi(&m04), 1e-9);
    assert_eq!(
        f["products_imported"].as_u64().unwrap() as usize,
        m04.values().filter(|v| **v > 0.0).count()
    );
    assert_eq!(j["provenance"]["source"], "ots");
    // History: both loaded years, same sums.
    let h = f["history"].as_array().unwrap();
    assert_eq!(h.len(), 2);
    close(num(&h[0], "exports_usd"), px, 1e-12);
    close(num(&h[1], "imports_usd"), m, 1e-12);
    // Main products: HS4 sums grouped by plain name, each ≥ 3% of the flow, largest first.
    for (key, flow, total) in [("main_exports", &x04, x), ("main_imports", &m04, m)] {
        let mut groups: BTreeMap<String, f64> = BTreeMap::new();
        for (code, v) in flow.iter() {
            // Headings the plain-name table does not know keep their own (source) name.
            let name = bilat_report::plain_name(code, "").0;
            let key = if name.is_empty() { code.clone() } else { name };
            *groups.entry(key).or_insert(0.0) += v;
        }
        let mut expect: Vec<(String, f64)> = groups
            .into_iter()
            .filter(|(_, v)| v / total * 100.0 >= 3.0)
            .collect();
        expect.sort_by(|a, b| b.1.total_cmp(&a.1));
        expect.truncate(10);
        let got = j[key].as_array().unwrap();
        assert_eq!(got.len(), expect.len(), "{key}");
        for (g, (_, v)) in got.iter().zip(&expect) {
            close(num(g, "value_usd"), *v, 1e-9);
        }
    }
    // The text prints the same figures.
    let t = ok(
        wh.path(),
        &["brief", "Chile", "Argentina", "--year", "2004"],
    );
    assert!(
        t.contains(&bilat_report::money(bilat_model::Lang::En, x + m)),
        "{t}"
    );
    assert!(t.contains("from 2002"), "{t}");
}

/// With 2003 missing, the profile compares 2004 with 2002 as the brief does (same figures
/// everywhere), says so in `notes` and `previous_year`; `--compare` picks the base on both, and a
/// base that is not earlier is the user's error.
#[test]
fn profile_and_brief_compare_with_the_latest_earlier_year() {
    let wh = empty_warehouse();
    let d = data_dir().join("ots");
    for y in ["2002", "2004"] {
        let f = d.join(format!("yrpc_y-{y}_r-chl_p-arg_c-all.csv"));
        ok(wh.path(), &["import", "ots", f.to_str().unwrap()]);
    }
    let total = |y: &str, col: &str| -> f64 {
        rows(&d.join(format!("yrpc_y-{y}_r-chl_p-arg_c-all.csv")))
            .iter()
            .filter_map(|r| r[col].parse::<f64>().ok())
            .sum()
    };
    let px = total("2002", "trade_value_usd_exp");
    let profile = |extra: &[&str]| {
        let mut args = vec!["profile", "Chile", "Argentina", "--year", "2004"];
        args.extend_from_slice(extra);
        json(wh.path(), &args)
    };
    for p in [profile(&[]), profile(&["--compare", "2002"])] {
        assert_eq!(p["previous_year"], 2002);
        close(num(&p, "exports.previous_value_usd"), px, 1e-12);
    }
    let p = profile(&[]);
    let notes: Vec<&str> = p["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("compare with 2002")),
        "{notes:?}"
    );
    let b = json(
        wh.path(),
        &[
            "brief",
            "Chile",
            "Argentina",
            "--year",
            "2004",
            "--compare",
            "2002",
        ],
    );
    assert_eq!(b["figures"]["comparison_year"], 2002);
    close(num(&b["figures"], "exports.previous_value_usd"), px, 1e-12);
    let out = crate::common::bilat(
        wh.path(),
        &[
            "profile",
            "Chile",
            "Argentina",
            "--year",
            "2004",
            "--compare",
            "2004",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("comparison year 2004 is not before"), "{err}");
}

#[test]
fn comtrade_eu_imports_from_belarus_2018_to_2022() {
    let wh = empty_warehouse();
    let f = data_dir().join("comtrade/data_eu_imports_compact.csv");
    ok(wh.path(), &["import", "comtrade", f.to_str().unwrap()]);
    let src = rows(&f);
    // Independent: per year, the sum over codes none of whose 2/4-digit prefixes is present.
    let total = |year: &str| -> f64 {
        let mut codes: BTreeMap<String, f64> = BTreeMap::new();
        for r in src
            .iter()
            .filter(|r| r["ref_year"] == year && r["partner_iso"] == "BLR")
        {
            *codes.entry(r["cmd_code"].clone()).or_insert(0.0) +=
                r["primary_value"].parse::<f64>().unwrap();
        }
        codes
            .iter()
            .filter(|(c, _)| {
                ![2, 4]
                    .iter()
                    .any(|&l| l < c.len() && codes.contains_key(&c[..l]))
            })
            .map(|(_, v)| v)
            .sum()
    };
    let j = json(wh.path(), &["brief", "EU27", "Belarus", "--year", "2022"]);
    let fg = &j["figures"];
    let (m22, m21) = (total("2022"), total("2021"));
    close(num(fg, "imports.value_usd"), m22, 1e-12);
    close(num(fg, "imports.previous_value_usd"), m21, 1e-12);
    close(
        num(fg, "imports.growth_pct"),
        (m22 / m21 - 1.0) * 100.0,
        1e-9,
    );
    let h = fg["history"].as_array().unwrap();
    let years: Vec<i64> = h.iter().map(|p| p["year"].as_i64().unwrap()).collect();
    assert_eq!(years, [2018, 2019, 2020, 2021, 2022]);
    for p in h {
        close(num(p, "imports_usd"), total(&p["year"].to_string()), 1e-12);
    }
    // Only imports are in the extract: the text says so instead of reporting zero exports.
    // Belarus among the EU's suppliers: every extra-EU partner's total by the same level rule.
    let eu: Vec<&str> = bilat_model::group_by_id("EU27")
        .unwrap()
        .members
        .iter()
        .map(|&c| bilat_model::country_by_code(c).unwrap().alpha3)
        .collect();
    let mut partners: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for r in src.iter().filter(|r| r["ref_year"] == "2022") {
        let p = r["partner_iso"].trim().to_string();
        if eu.contains(&p.as_str()) {
            continue;
        }
        *partners
            .entry(p)
            .or_default()
            .entry(r["cmd_code"].clone())
            .or_insert(0.0) += r["primary_value"].parse::<f64>().unwrap();
    }
    let level_total = |codes: &BTreeMap<String, f64>| -> f64 {
        codes
            .iter()
            .filter(|(c, _)| {
                ![2, 4]
                    .iter()
                    .any(|&l| l < c.len() && codes.contains_key(&c[..l]))
            })
            .map(|(_, v)| v)
            .sum()
    };
    let totals: BTreeMap<&String, f64> =
        partners.iter().map(|(p, c)| (p, level_total(c))).collect();
    let world: f64 = totals.values().filter(|v| **v > 0.0).sum();
    let rank = 1 + totals.values().filter(|v| **v > m22).count();
    let pos = &fg["partner_position"];
    assert_eq!(pos["import_rank"].as_u64().unwrap() as usize, rank);
    close(num(pos, "imports_world_usd"), world, 1e-9);
    close(num(pos, "import_share_pct"), m22 / world * 100.0, 1e-9);

    let t = flat(&ok(
        wh.path(),
        &["brief", "EU27", "Belarus", "--year", "2022"],
    ));
    assert!(
        t.contains("No figures on the EU's exports to Belarus are loaded"),
        "{t}"
    );
    assert!(
        t.contains(&bilat_report::money(bilat_model::Lang::En, m22)),
        "{t}"
    );
    let r = flat(&ok(
        wh.path(),
        &["brief", "EU27", "Belarus", "--year", "2022", "--lang", "ru"],
    ));
    assert!(r.contains("импорт Европейского союза из Беларуси"), "{r}");
}
