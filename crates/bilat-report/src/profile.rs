//! Rendering of [`bilat_analytics::Profile`].

use std::fmt::Write;

use bilat_analytics::{Figure, ProductLine, Profile, SectionLine};

use crate::Format;
use crate::numbers::{change, pct, usd};

use crate::words::MONTHS_EN as MONTHS;

/// Renders a profile in the requested format.
pub fn render_profile(p: &Profile, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(p).expect("profile serializes") + "\n",
        Format::Csv => csv(p),
        Format::Text => text(p, false),
        Format::Md => text(p, true),
    }
}

fn months_label(m: &str) -> String {
    let (a, b) = m.split_once('-').unwrap_or((m, m));
    let name = |s: &str| {
        s.parse::<usize>()
            .ok()
            .and_then(|i| MONTHS.get(i.wrapping_sub(1)))
            .copied()
            .unwrap_or("?")
    };
    if a == b {
        name(a).to_string()
    } else {
        format!("{}–{}", name(a), name(b))
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn text(p: &Profile, md: bool) -> String {
    let mut o = String::new();
    let (a, b) = (&p.reporter, &p.partner);
    let h = |o: &mut String, level: usize, s: &str| {
        if md {
            let _ = writeln!(o, "\n{} {s}\n", "#".repeat(level));
        } else {
            let _ = writeln!(o, "\n{s}\n{}", "-".repeat(s.chars().count()));
        }
    };
    let title = format!(
        "{} ({}) – {} ({}), {}",
        a.name, a.code, b.name, b.code, p.year
    );
    if md {
        let _ = writeln!(o, "# {title}");
    } else {
        let _ = writeln!(o, "{title}\n{}", "=".repeat(title.chars().count()));
    }
    let pv = &p.provenance;
    if let Some(label) = &pv.label {
        let _ = writeln!(o, "{}{label}", if md { "\n> " } else { "\n" });
    }
    let _ = writeln!(
        o,
        "{}source: {} {} · view: {} · unit: {}",
        if md { "\n" } else { "" },
        pv.source,
        pv.vintage,
        pv.view.as_str(),
        pv.unit
    );
    let _ = writeln!(
        o,
        "{}exports as reported by {}; imports as reported by {}",
        if md { "\n" } else { "" },
        pv.exports_reported_by,
        pv.imports_reported_by
    );

    h(&mut o, 2, "Goods trade");
    let rows = [
        ("Exports", Some(p.exports)),
        ("Imports", Some(p.imports)),
        ("Turnover", Some(p.turnover)),
        (
            "Balance",
            Some(Figure {
                value_usd: p.balance.value_usd,
                previous_value_usd: p.balance.previous_value_usd,
                growth_pct: None,
                times: None,
            }),
        ),
    ];
    table(
        &mut o,
        md,
        &[
            "",
            &p.year.to_string(),
            &p.previous_year.to_string(),
            "change",
        ],
        &rows
            .iter()
            .map(|(n, f)| figure_row(n, f.as_ref().expect("set"), *n == "Balance"))
            .collect::<Vec<_>>(),
    );

    if let Some(ptd) = &p.period_to_date {
        h(
            &mut o,
            2,
            &format!(
                "{} {} against {} {}",
                months_label(&ptd.months),
                p.year,
                months_label(&ptd.months),
                p.previous_year
            ),
        );
        let rows = [
            ("Exports", ptd.exports),
            ("Imports", ptd.imports),
            ("Turnover", ptd.turnover),
        ];
        table(
            &mut o,
            md,
            &[
                "",
                &p.year.to_string(),
                &p.previous_year.to_string(),
                "change",
            ],
            &rows
                .iter()
                .map(|(n, f)| figure_row(n, f, false))
                .collect::<Vec<_>>(),
        );
    }

    if let Some(pp) = &p.partner_position {
        h(&mut o, 2, "Partner position");
        let rank = |r: Option<usize>| r.map_or_else(String::new, |r| format!("{} ", ordinal(r)));
        let _ = writeln!(
            o,
            "{b} is {a}'s {}export market: {} of {a}'s exports ({} to {} markets).",
            rank(pp.export_rank),
            pct(pp.export_share_pct),
            usd(pp.exports_world_usd),
            pp.export_markets,
            a = a.code,
            b = b.code
        );
        let _ = writeln!(
            o,
            "{}{b} is {a}'s {}supplier: {} of {a}'s imports ({} from {} suppliers).",
            if md { "\n" } else { "" },
            rank(pp.import_rank),
            pct(pp.import_share_pct),
            usd(pp.imports_world_usd),
            pp.import_sources,
            a = a.code,
            b = b.code
        );
        let _ = writeln!(
            o,
            "{}world basis: {}",
            if md { "\n" } else { "" },
            pp.world_basis
        );
    }

    if let Some(mg) = &p.mirror {
        h(&mut o, 2, "Mirror statistics");
        let amt = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), usd);
        let gap = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |g| format!("{g:+.1}%"));
        table(
            &mut o,
            md,
            &[
                "flow",
                &format!("reported by {}", a.code),
                &format!("reported by {}", b.code),
                "gap",
            ],
            &[
                vec![
                    format!("{}→{}", a.code, b.code),
                    amt(mg.exports_reported_by_a_usd),
                    amt(mg.exports_reported_by_b_usd),
                    gap(mg.exports_gap_pct),
                ],
                vec![
                    format!("{}→{}", b.code, a.code),
                    amt(mg.imports_reported_by_a_usd),
                    amt(mg.imports_reported_by_b_usd),
                    gap(mg.imports_gap_pct),
                ],
            ],
        );
    }

    for (title, lines, hhi, n) in [
        (
            format!("Top exports {}→{} (HS{})", a.code, b.code, p.level),
            &p.top_exports,
            p.hhi_exports,
            p.products_exported,
        ),
        (
            format!("Top imports {}→{} (HS{})", b.code, a.code, p.level),
            &p.top_imports,
            p.hhi_imports,
            p.products_imported,
        ),
    ] {
        h(&mut o, 2, &title);
        product_table(&mut o, md, lines);
        let conc = hhi.map_or_else(
            || "n/a".to_string(),
            |h| format!("{h:.3} (≈{:.1} equal products)", 1.0 / h),
        );
        let _ = writeln!(o, "\n{n} products; concentration HHI {conc}");
    }
    for (title, lines) in [
        (
            format!("Exports by HS section {}→{}", a.code, b.code),
            &p.sections_exports,
        ),
        (
            format!("Imports by HS section {}→{}", b.code, a.code),
            &p.sections_imports,
        ),
    ] {
        if !lines.is_empty() {
            h(&mut o, 2, &title);
            section_table(&mut o, md, lines);
        }
    }
    if !p.notes.is_empty() {
        h(&mut o, 2, "Notes");
        for n in &p.notes {
            let _ = writeln!(o, "- {n}");
        }
    }
    o
}

fn figure_row(name: &str, f: &Figure, balance: bool) -> Vec<String> {
    vec![
        name.to_string(),
        usd(f.value_usd),
        f.previous_value_usd.map_or_else(|| "n/a".to_string(), usd),
        if balance {
            String::new()
        } else {
            change(f.growth_pct)
        },
    ]
}

fn product_table(o: &mut String, md: bool, lines: &[ProductLine]) {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                l.code.clone(),
                truncate(&l.name, 60),
                usd(l.value_usd),
                format!("{:.1}%", l.share_pct),
                change(l.growth_pct),
            ]
        })
        .collect();
    table(
        o,
        md,
        &["#", "code", "product", "value", "share", "change"],
        &rows,
    );
}

fn section_table(o: &mut String, md: bool, lines: &[SectionLine]) {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            vec![
                l.section.clone(),
                truncate(&l.name, 60),
                usd(l.value_usd),
                format!("{:.1}%", l.share_pct),
            ]
        })
        .collect();
    table(o, md, &["section", "name", "value", "share"], &rows);
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

/// A table: Markdown pipes, or space-aligned text (numbers right-aligned).
pub(crate) fn table(o: &mut String, md: bool, head: &[&str], rows: &[Vec<String>]) {
    if rows.is_empty() {
        let _ = writeln!(o, "(none)");
        return;
    }
    if md {
        let _ = writeln!(o, "| {} |", head.join(" | "));
        let _ = writeln!(
            o,
            "|{}|",
            head.iter().map(|_| "---").collect::<Vec<_>>().join("|")
        );
        for r in rows {
            let _ = writeln!(
                o,
                "| {} |",
                r.iter()
                    .map(|c| c.replace('|', "\\|"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
        }
        return;
    }
    let w: Vec<usize> = (0..head.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([head[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric = |s: &str| {
        s.starts_with(['$', '-', '+'])
            || s.chars().next().is_some_and(|c| c.is_ascii_digit())
            || s.starts_with("up")
            || s.starts_with("down")
            || s == "n/a"
    };
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = w[i].saturating_sub(c.chars().count());
                if i > 0 && numeric(c) && i != 1 {
                    format!("{}{c}", " ".repeat(pad))
                } else {
                    format!("{c}{}", " ".repeat(pad))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let _ = writeln!(o, "{}", line(head.to_vec()));
    for r in rows {
        let _ = writeln!(o, "{}", line(r.iter().map(String::as_str).collect()));
    }
}

fn csv(p: &Profile) -> String {
    let mut o = String::from(
        "section,item,code,name,year,value_usd,previous_value_usd,growth_pct,share_pct,source,vintage,view\n",
    );
    let pv = &p.provenance;
    let tail = format!("{},{},{}", pv.source, pv.vintage, pv.view.as_str());
    let opt = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    for (item, f) in [
        ("exports", &p.exports),
        ("imports", &p.imports),
        ("turnover", &p.turnover),
    ] {
        let _ = writeln!(
            o,
            "totals,{item},,,{},{},{},{},,{tail}",
            p.year,
            f.value_usd,
            opt(f.previous_value_usd),
            opt(f.growth_pct)
        );
    }
    let _ = writeln!(
        o,
        "totals,balance,,,{},{},{},,,{tail}",
        p.year,
        p.balance.value_usd,
        opt(p.balance.previous_value_usd)
    );
    if let Some(ptd) = &p.period_to_date {
        for (item, f) in [
            ("exports", &ptd.exports),
            ("imports", &ptd.imports),
            ("turnover", &ptd.turnover),
        ] {
            let _ = writeln!(
                o,
                "months {},{item},,,{},{},{},{},,{tail}",
                ptd.months,
                p.year,
                f.value_usd,
                opt(f.previous_value_usd),
                opt(f.growth_pct)
            );
        }
    }
    for (sec, lines) in [
        ("top_exports", &p.top_exports),
        ("top_imports", &p.top_imports),
    ] {
        for l in lines {
            let _ = writeln!(
                o,
                "{sec},product,{},\"{}\",{},{},{},{},{},{tail}",
                l.code,
                l.name.replace('"', "\"\""),
                p.year,
                l.value_usd,
                opt(l.previous_value_usd),
                opt(l.growth_pct),
                l.share_pct
            );
        }
    }
    o
}
