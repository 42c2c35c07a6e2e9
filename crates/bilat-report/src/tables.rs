//! Renderers of the two plain tables: A's partners ranked ([`render_partners`]) and a pair's
//! yearly history ([`render_history`]), in every [`Format`].

use std::fmt::Write;

use bilat_analytics::{PairHistory, PartnerRanking, Provenance};

use crate::Format;
use crate::document::{Doc, csv_field};
use crate::words::{growth, pct, usd};

/// The provenance lines every table shows under its title.
fn provenance_lines(d: &mut Doc, pv: &Provenance) {
    d.provenance(
        pv.label.as_deref(),
        &[format!(
            "source: {} {} · view: {} · unit: {}",
            pv.source,
            pv.vintage,
            pv.view.as_str(),
            pv.unit
        )],
    );
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// A's partners ranked by one flow (`bilat partners`).
pub fn render_partners(r: &PartnerRanking, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(r).unwrap_or_default() + "\n",
        Format::Csv => {
            let mut o = String::from(
                "rank,code,name,year,flow,value_usd,previous_value_usd,growth_pct,share_pct,source,vintage,view\n",
            );
            let pv = &r.provenance;
            for p in &r.partners {
                let _ = writeln!(
                    o,
                    "{},{},{},{},{},{},{},{},{},{},{},{}",
                    p.rank,
                    csv_field(&p.code),
                    csv_field(&p.name),
                    r.year,
                    r.flow.as_str(),
                    p.figure.value_usd,
                    opt(p.figure.previous_value_usd),
                    opt(p.figure.growth_pct),
                    opt(p.share_pct),
                    csv_field(&pv.source),
                    csv_field(&pv.vintage),
                    pv.view.as_str()
                );
            }
            o
        }
        Format::Text | Format::Md => {
            let mut d = Doc::new(format == Format::Md);
            let a = &r.reporter;
            d.title(&format!(
                "{} ({}): partners by {}, {}",
                a.name,
                a.code,
                r.flow.as_str(),
                r.year
            ));
            provenance_lines(&mut d, &r.provenance);
            d.para(&format!(
                "total with the World: {} ({} on {}); {} partners with a positive value",
                usd(r.world.value_usd),
                growth(r.world.growth_pct),
                r.year - 1,
                r.partner_count
            ));
            d.heading("Partners");
            let rows: Vec<Vec<String>> = r
                .partners
                .iter()
                .map(|p| {
                    vec![
                        p.rank.to_string(),
                        format!("{} {}", p.code, p.name),
                        usd(p.figure.value_usd),
                        pct(p.share_pct),
                        growth(p.figure.growth_pct),
                    ]
                })
                .collect();
            let year = r.year.to_string();
            d.table(&["#", "partner", &year, "share", "change"], &rows);
            d.notes(&r.notes);
            d.finish()
        }
    }
}

/// A pair's figures year by year (`bilat history`).
pub fn render_history(h: &PairHistory, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(h).unwrap_or_default() + "\n",
        Format::Csv => {
            let mut o = String::from(
                "year,exports_usd,imports_usd,turnover_usd,balance_usd,exports_growth_pct,imports_growth_pct,turnover_growth_pct,months,source,vintage,view\n",
            );
            let pv = &h.provenance;
            for y in &h.years {
                let _ = writeln!(
                    o,
                    "{},{},{},{},{},{},{},{},{},{},{},{}",
                    y.year,
                    y.exports_usd,
                    y.imports_usd,
                    y.turnover_usd,
                    y.balance_usd,
                    opt(y.exports_growth_pct),
                    opt(y.imports_growth_pct),
                    opt(y.turnover_growth_pct),
                    y.months.map_or_else(String::new, |m| m.to_string()),
                    csv_field(&pv.source),
                    csv_field(&pv.vintage),
                    pv.view.as_str()
                );
            }
            o
        }
        Format::Text | Format::Md => {
            let mut d = Doc::new(format == Format::Md);
            let (a, b) = (&h.reporter, &h.partner);
            let span = match (h.years.first(), h.years.last()) {
                (Some(f), Some(l)) if f.year != l.year => format!("{}–{}", f.year, l.year),
                (Some(f), _) => f.year.to_string(),
                _ => "no years".into(),
            };
            d.title(&format!(
                "{} ({}) – {} ({}), {span}",
                a.name, a.code, b.name, b.code
            ));
            provenance_lines(&mut d, &h.provenance);
            d.heading("Goods trade by year");
            let rows: Vec<Vec<String>> = h
                .years
                .iter()
                .map(|y| {
                    let year = match y.months {
                        Some(m) => format!("{} ({m} months)", y.year),
                        None => y.year.to_string(),
                    };
                    vec![
                        year,
                        usd(y.exports_usd),
                        usd(y.imports_usd),
                        usd(y.turnover_usd),
                        usd(y.balance_usd),
                        growth(y.turnover_growth_pct),
                    ]
                })
                .collect();
            d.table(
                &[
                    "year",
                    "exports",
                    "imports",
                    "turnover",
                    "balance",
                    "turnover change",
                ],
                &rows,
            );
            d.finish()
        }
    }
}
