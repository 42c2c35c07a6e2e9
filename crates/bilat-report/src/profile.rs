//! Rendering of [`bilat_analytics::Profile`]: text and Markdown through [`crate::document`],
//! JSON (the stable interface) and CSV (one row per figure).

use std::fmt::Write;

use bilat_analytics::{Figure, ProductLine, Profile, SectionLine};

use crate::Format;
use crate::document::Doc;
use crate::words::MONTHS_EN as MONTHS;
use crate::words::{growth as change, pct, usd};

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

/// Text and Markdown: one function per section, in reading order.
fn text(p: &Profile, md: bool) -> String {
    let mut d = Doc::new(md);
    header(&mut d, p);
    goods(&mut d, p);
    period_to_date(&mut d, p);
    partner_position(&mut d, p);
    mirror(&mut d, p);
    products(&mut d, p);
    sections(&mut d, p);
    d.notes(&p.notes);
    d.finish()
}

/// Title, demo label, source and who reported each direction.
fn header(d: &mut Doc, p: &Profile) {
    let (a, b) = (&p.reporter, &p.partner);
    d.title(&format!(
        "{} ({}) – {} ({}), {}",
        a.name, a.code, b.name, b.code, p.year
    ));
    let pv = &p.provenance;
    d.provenance(
        pv.label.as_deref(),
        &[
            format!(
                "source: {} {} · view: {} · unit: {}",
                pv.source,
                pv.vintage,
                pv.view.as_str(),
                pv.unit
            ),
            format!(
                "exports as reported by {}; imports as reported by {}",
                pv.exports_reported_by, pv.imports_reported_by
            ),
        ],
    );
}

/// The head of a table of figures: the year, the year before, the change.
fn years_head(p: &Profile) -> [String; 4] {
    [
        String::new(),
        p.year.to_string(),
        p.previous_year.to_string(),
        "change".into(),
    ]
}

/// Goods trade: exports, imports, turnover and balance against the year before.
fn goods(d: &mut Doc, p: &Profile) {
    d.heading("Goods trade");
    let balance = Figure {
        value_usd: p.balance.value_usd,
        previous_value_usd: p.balance.previous_value_usd,
        growth_pct: None,
        times: None,
    };
    let rows = vec![
        figure_row("Exports", &p.exports, false),
        figure_row("Imports", &p.imports, false),
        figure_row("Turnover", &p.turnover, false),
        figure_row("Balance", &balance, true),
    ];
    let head = years_head(p);
    d.table(&head.each_ref().map(String::as_str), &rows);
}

/// The period to date against the same months a year earlier, when requested and loaded.
fn period_to_date(d: &mut Doc, p: &Profile) {
    let Some(ptd) = &p.period_to_date else {
        return;
    };
    d.heading(&format!(
        "{} {} against {} {}",
        months_label(&ptd.months),
        p.year,
        months_label(&ptd.months),
        p.previous_year
    ));
    let rows = vec![
        figure_row("Exports", &ptd.exports, false),
        figure_row("Imports", &ptd.imports, false),
        figure_row("Turnover", &ptd.turnover, false),
    ];
    let head = years_head(p);
    d.table(&head.each_ref().map(String::as_str), &rows);
}

/// B among A's markets, suppliers and trading partners, and what the world totals are based on.
fn partner_position(d: &mut Doc, p: &Profile) {
    let Some(pp) = &p.partner_position else {
        return;
    };
    let (a, b) = (&p.reporter.code, &p.partner.code);
    d.heading("Partner position");
    let rank = |r: Option<usize>| r.map_or_else(String::new, |r| format!("{} ", ordinal(r)));
    d.line(&format!(
        "{b} is {a}'s {}export market: {} of {a}'s exports ({} to {} markets).",
        rank(pp.export_rank),
        pct(pp.export_share_pct),
        usd(pp.exports_world_usd),
        pp.export_markets,
    ));
    d.line(&format!(
        "{b} is {a}'s {}supplier: {} of {a}'s imports ({} from {} suppliers).",
        rank(pp.import_rank),
        pct(pp.import_share_pct),
        usd(pp.imports_world_usd),
        pp.import_sources,
    ));
    d.para(&format!(
        "{b} is {a}'s {}trading partner: {} of {a}'s trade ({} partners).",
        rank(pp.trade_rank),
        pct(pp.trade_share_pct),
        pp.trade_partners,
    ));
    d.para(&format!("world basis: {}", pp.world_basis));
}

/// Both sides' reports of each direction and the gap between them.
fn mirror(d: &mut Doc, p: &Profile) {
    let Some(mg) = &p.mirror else {
        return;
    };
    let (a, b) = (&p.reporter.code, &p.partner.code);
    d.heading("Mirror statistics");
    let amt = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), usd);
    let gap = |v: Option<f64>| v.map_or_else(|| "n/a".to_string(), |g| format!("{g:+.1}%"));
    d.table(
        &[
            "flow",
            &format!("reported by {a}"),
            &format!("reported by {b}"),
            "gap",
        ],
        &[
            vec![
                format!("{a}→{b}"),
                amt(mg.exports_reported_by_a_usd),
                amt(mg.exports_reported_by_b_usd),
                gap(mg.exports_gap_pct),
            ],
            vec![
                format!("{b}→{a}"),
                amt(mg.imports_reported_by_a_usd),
                amt(mg.imports_reported_by_b_usd),
                gap(mg.imports_gap_pct),
            ],
        ],
    );
}

/// The top products each way with the count of products and their concentration (HHI; 1/HHI
/// is the number of equal products with the same concentration).
fn products(d: &mut Doc, p: &Profile) {
    let (a, b) = (&p.reporter.code, &p.partner.code);
    for (title, lines, hhi, n) in [
        (
            format!("Top exports {a}→{b} (HS{})", p.level),
            &p.top_exports,
            p.hhi_exports,
            p.products_exported,
        ),
        (
            format!("Top imports {b}→{a} (HS{})", p.level),
            &p.top_imports,
            p.hhi_imports,
            p.products_imported,
        ),
    ] {
        d.heading(&title);
        product_table(d, lines);
        let conc = hhi.map_or_else(
            || "n/a".to_string(),
            |h| format!("{h:.3} (≈{:.1} equal products)", 1.0 / h),
        );
        d.line(&format!("\n{n} products; concentration HHI {conc}"));
    }
}

/// Exports and imports by HS section, when there are any.
fn sections(d: &mut Doc, p: &Profile) {
    let (a, b) = (&p.reporter.code, &p.partner.code);
    for (title, lines) in [
        (
            format!("Exports by HS section {a}→{b}"),
            &p.sections_exports,
        ),
        (
            format!("Imports by HS section {b}→{a}"),
            &p.sections_imports,
        ),
    ] {
        if !lines.is_empty() {
            d.heading(&title);
            section_table(d, lines);
        }
    }
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

fn product_table(d: &mut Doc, lines: &[ProductLine]) {
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
    d.table(&["#", "code", "product", "value", "share", "change"], &rows);
}

fn section_table(d: &mut Doc, lines: &[SectionLine]) {
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
    d.table(&["section", "name", "value", "share"], &rows);
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
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
