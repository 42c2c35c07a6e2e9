//! Generates the demo world and prints its size, how long generation took, the largest HS chapters
//! of world trade and Belarus's largest export markets in 2018.
//!
//! ```text
//! cargo run -p bilat-demo --example summary [--release]
//! ```
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::time::Instant;

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{Float64Type, Int32Type};
use bilat_model::col;

fn main() {
    let start = Instant::now();
    let world = bilat_demo::generate();
    let elapsed = start.elapsed();
    let count = |b: &[RecordBatch]| b.iter().map(|b| b.num_rows()).sum::<usize>();
    let monthly: usize = world
        .flows
        .iter()
        .map(|b| {
            b.column_by_name(col::PERIOD_MONTH).unwrap().len()
                - b.column_by_name(col::PERIOD_MONTH).unwrap().null_count()
        })
        .sum();
    println!("flows rows:    {} ({monthly} monthly)", count(&world.flows));
    println!("series rows:   {}", count(&world.series));
    println!("product rows:  {}", count(&world.products));
    println!("generated in   {elapsed:.2?}");

    let blr = i32::from(bilat_model::country_by_alpha3("BLR").map_or(112, |c| c.code));
    let mut chapters: BTreeMap<String, f64> = BTreeMap::new();
    let mut markets: BTreeMap<i32, f64> = BTreeMap::new();
    let kaz = i32::from(bilat_model::country_by_alpha3("KAZ").map_or(398, |c| c.code));
    let mut to_kaz: BTreeMap<String, f64> = BTreeMap::new();
    let mut pairs = std::collections::BTreeSet::new();
    for b in &world.flows {
        let int = |c: &str| {
            b.column_by_name(c)
                .unwrap()
                .as_primitive::<Int32Type>()
                .clone()
        };
        let (year, month, exp, imp) = (
            int(col::PERIOD_YEAR),
            int(col::PERIOD_MONTH),
            int(col::EXPORTER),
            int(col::IMPORTER),
        );
        let by = b
            .column_by_name(col::REPORTED_BY)
            .unwrap()
            .as_string::<i32>();
        let product = b.column_by_name(col::PRODUCT).unwrap().as_string::<i32>();
        let value = b
            .column_by_name(col::VALUE_USD)
            .unwrap()
            .as_primitive::<Float64Type>();
        for i in 0..b.num_rows() {
            if year.value(i) != 2018 || month.is_valid(i) || by.value(i) != "exporter" {
                continue;
            }
            pairs.insert((exp.value(i), imp.value(i)));
            *chapters
                .entry(product.value(i)[..2].to_string())
                .or_default() += value.value(i);
            if exp.value(i) == blr {
                *markets.entry(imp.value(i)).or_default() += value.value(i);
                if imp.value(i) == kaz {
                    *to_kaz.entry(product.value(i).to_string()).or_default() += value.value(i);
                }
            }
        }
    }
    let total: f64 = chapters.values().sum();
    println!(
        "directed pairs: {}; world exports 2018: USD {:.2} trillion",
        pairs.len(),
        total / 1e12
    );
    let mut ranked: Vec<_> = chapters.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (ch, v) in ranked.iter().take(10) {
        println!("  chapter {ch}: {:5.1}%", v / total * 100.0);
    }
    let mut ranked: Vec<_> = markets.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let blr_total: f64 = ranked.iter().map(|m| m.1).sum();
    println!(
        "Belarus's exports 2018: USD {:.1} billion to {} markets",
        blr_total / 1e9,
        ranked.len()
    );
    for (code, v) in ranked.iter().take(10) {
        let name = bilat_model::country_by_code(*code as u16).map_or("?", |c| c.alpha3);
        println!("  {name}: USD {:8.1} million", v / 1e6);
    }

    let names = &world.products[0];
    let code = names.column_by_name(col::CODE).unwrap().as_string::<i32>();
    let lang = names.column_by_name(col::LANG).unwrap().as_string::<i32>();
    let name = names.column_by_name(col::NAME).unwrap().as_string::<i32>();
    let name_of = |c: &str| {
        (0..names.num_rows())
            .find(|&i| code.value(i) == c && lang.value(i) == "en")
            .map_or("?", |i| name.value(i))
    };
    let mut ranked: Vec<_> = to_kaz.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!(
        "Belarus's exports to Kazakhstan 2018 (Belarus's reports), top 12 of {}:",
        ranked.len()
    );
    for (c, v) in ranked.iter().take(12) {
        println!("  {c} {:6.1} million  {}", v / 1e6, name_of(c));
    }
}
