//! Rendering of [`bilat_analytics::PairIndicators`]: text and Markdown (with the formulas)
//! through [`crate::document`], JSON and CSV.

use std::fmt::Write;

use bilat_analytics::{Avail, PairIndicators};

use crate::Format;
use crate::document::{Doc, csv_field as q};
use crate::words::usd;

/// The formulas printed by `--format md` (DESIGN §3).
pub(crate) const FORMULAS: &str = "\
- RCA (Balassa): RCA_ik = (x_ik / X_i) / (x_wk / X_w)
- trade intensity: TII_ij = (x_ij / X_i) / (M_j / M_w)
- trade complementarity: TC_ij = 100·(1 − ½ Σ_k |m_jk − x_ik|), m_jk = k's share of j's imports, x_ik = k's share of i's exports
- Grubel–Lloyd: GL_k = 1 − |X_k − M_k| / (X_k + M_k); aggregate weighted by X_k + M_k
- concentration: HHI = Σ_k s_k², s_k = k's share of the country's exports to the world
- diversification: number of products with positive exports to the world
";

/// Renders the indicators; `top` limits the product lists of text and Markdown (JSON and CSV
/// carry every product).
pub fn render_indicators(p: &PairIndicators, format: Format, top: usize) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(p).expect("indicators serialize") + "\n",
        Format::Csv => csv(p),
        Format::Text => text(p, false, top),
        Format::Md => text(p, true, top),
    }
}

fn show<T>(a: &Avail<T>, f: impl Fn(&T) -> String) -> String {
    match a {
        Avail::Available(v) => f(v),
        Avail::NotAvailable { needs } => format!("not available: needs {needs}"),
    }
}

/// Text and Markdown: header, the indicator table, the products with the highest RCA, the
/// Grubel–Lloyd products, the formulas (Markdown only) and the notes.
fn text(p: &PairIndicators, md: bool, top: usize) -> String {
    let mut d = Doc::new(md);
    header(&mut d, p);
    d.heading("Indicators");
    d.table(&["indicator", "value"], &indicator_rows(p));
    rca_tables(&mut d, p, top);
    grubel_lloyd_table(&mut d, p, top);
    if d.is_md() {
        d.heading("Formulas (DESIGN §3)");
        d.push_str(FORMULAS);
    }
    d.notes(&p.notes);
    d.finish()
}

/// Title, demo label and the source line with the world basis.
fn header(d: &mut Doc, p: &PairIndicators) {
    let (a, b) = (&p.reporter, &p.partner);
    let level = if p.level > 0 {
        format!(", HS{}", p.level)
    } else {
        String::new()
    };
    let year = if p.year > 0 {
        format!(", {}", p.year)
    } else {
        String::new()
    };
    d.title(&format!(
        "Trade indicators: {} ({}) and {} ({}){year}{level}",
        a.name, a.code, b.name, b.code
    ));
    let pv = &p.provenance;
    let w = &pv.world;
    d.provenance(
        pv.label.as_deref(),
        &[format!(
            "source: {} {} · world: {}{} · pair flows: {} · unit: {}",
            pv.source,
            pv.vintage,
            w.basis,
            if w.matrix_reported_by.is_some() {
                format!(" ({} exporters, {} HS chapters)", w.exporters, w.chapters)
            } else {
                String::new()
            },
            pv.pair_view,
            pv.unit
        )],
    );
}

/// One row per indicator, each direction of the pair on its own row.
fn indicator_rows(p: &PairIndicators) -> Vec<Vec<String>> {
    let (a, b) = (&p.reporter, &p.partner);
    let f2 = |v: &f64| format!("{v:.2}");
    let f1 = |v: &f64| format!("{v:.1}");
    let f4 = |v: &f64| format!("{v:.4}");
    let n = |v: &usize| v.to_string();
    let rca_n = |t: &bilat_analytics::RcaTable| t.products_with_advantage.to_string();
    let ab = format!("{} → {}", a.code, b.code);
    let ba = format!("{} → {}", b.code, a.code);
    vec![
        vec![
            format!("trade intensity {ab}"),
            show(&p.intensity_reporter_to_partner, f2),
        ],
        vec![
            format!("trade intensity {ba}"),
            show(&p.intensity_partner_to_reporter, f2),
        ],
        vec![
            format!("trade complementarity {ab}"),
            show(&p.complementarity_reporter_to_partner, f1),
        ],
        vec![
            format!("trade complementarity {ba}"),
            show(&p.complementarity_partner_to_reporter, f1),
        ],
        vec![
            "Grubel–Lloyd, aggregate".into(),
            show(&p.grubel_lloyd, |g| format!("{:.3}", g.aggregate)),
        ],
        vec![
            format!("HHI of exports, {}", a.code),
            show(&p.hhi_reporter, f4),
        ],
        vec![
            format!("HHI of exports, {}", b.code),
            show(&p.hhi_partner, f4),
        ],
        vec![
            format!("products exported, {}", a.code),
            show(&p.products_exported_reporter, n),
        ],
        vec![
            format!("products exported, {}", b.code),
            show(&p.products_exported_partner, n),
        ],
        vec![
            format!("products with RCA ≥ 1, {}", a.code),
            show(&p.rca_reporter, rca_n),
        ],
        vec![
            format!("products with RCA ≥ 1, {}", b.code),
            show(&p.rca_partner, rca_n),
        ],
    ]
}

/// The products with the highest RCA of each side, `top` of them.
fn rca_tables(d: &mut Doc, p: &PairIndicators, top: usize) {
    for (who, r) in [(&p.reporter, &p.rca_reporter), (&p.partner, &p.rca_partner)] {
        if let Avail::Available(t) = r {
            d.heading(&format!(
                "Highest RCA, {} (top {top} of {})",
                who.code,
                t.products.len()
            ));
            let rows: Vec<Vec<String>> = t
                .products
                .iter()
                .take(top)
                .map(|l| {
                    vec![
                        l.code.clone(),
                        l.name.clone(),
                        usd(l.exports_usd),
                        format!("{:.2}", l.rca),
                    ]
                })
                .collect();
            d.table(&["code", "product", "exports", "RCA"], &rows);
        }
    }
}

/// Grubel–Lloyd by product for the `top` products with the largest trade.
fn grubel_lloyd_table(d: &mut Doc, p: &PairIndicators, top: usize) {
    let Avail::Available(g) = &p.grubel_lloyd else {
        return;
    };
    let ab = format!("{} → {}", p.reporter.code, p.partner.code);
    let ba = format!("{} → {}", p.partner.code, p.reporter.code);
    d.heading(&format!(
        "Grubel–Lloyd by product, largest trade (top {top} of {})",
        g.products.len()
    ));
    let rows: Vec<Vec<String>> = g
        .products
        .iter()
        .take(top)
        .map(|l| {
            vec![
                l.code.clone(),
                l.name.clone(),
                usd(l.exports_usd),
                usd(l.imports_usd),
                format!("{:.3}", l.gl),
            ]
        })
        .collect();
    d.table(&["code", "product", &ab, &ba, "GL"], &rows);
}

fn csv(p: &PairIndicators) -> String {
    let mut o = String::from(
        "indicator,country,partner,code,name,value,not_available,source,vintage,label\n",
    );
    let pv = &p.provenance;
    let tail = format!(
        "{},{},{}",
        q(&pv.source),
        q(&pv.vintage),
        q(pv.label.as_deref().unwrap_or(""))
    );
    let (a, b) = (p.reporter.code.as_str(), p.partner.code.as_str());
    let row = |o: &mut String,
               ind: &str,
               c: &str,
               pa: &str,
               code: &str,
               name: &str,
               v: Option<String>,
               na: Option<&str>| {
        let _ = writeln!(
            o,
            "{ind},{c},{pa},{code},{},{},{},{tail}",
            q(name),
            v.unwrap_or_default(),
            q(na.unwrap_or(""))
        );
    };
    let scalar = |a: &Avail<f64>| match a {
        Avail::Available(v) => (Some(v.to_string()), None),
        Avail::NotAvailable { needs } => (None, Some(needs.clone())),
    };
    for (ind, c, pa, v) in [
        ("trade_intensity", a, b, &p.intensity_reporter_to_partner),
        ("trade_intensity", b, a, &p.intensity_partner_to_reporter),
        (
            "trade_complementarity",
            a,
            b,
            &p.complementarity_reporter_to_partner,
        ),
        (
            "trade_complementarity",
            b,
            a,
            &p.complementarity_partner_to_reporter,
        ),
        ("hhi_exports", a, "", &p.hhi_reporter),
        ("hhi_exports", b, "", &p.hhi_partner),
    ] {
        let (v, na) = scalar(v);
        row(&mut o, ind, c, pa, "", "", v, na.as_deref());
    }
    for (c, v) in [
        (a, &p.products_exported_reporter),
        (b, &p.products_exported_partner),
    ] {
        match v {
            Avail::Available(n) => row(
                &mut o,
                "products_exported",
                c,
                "",
                "",
                "",
                Some(n.to_string()),
                None,
            ),
            Avail::NotAvailable { needs } => row(
                &mut o,
                "products_exported",
                c,
                "",
                "",
                "",
                None,
                Some(needs),
            ),
        }
    }
    match &p.grubel_lloyd {
        Avail::Available(g) => {
            row(
                &mut o,
                "grubel_lloyd",
                a,
                b,
                "",
                "",
                Some(g.aggregate.to_string()),
                None,
            );
            for l in &g.products {
                row(
                    &mut o,
                    "grubel_lloyd",
                    a,
                    b,
                    &l.code,
                    &l.name,
                    Some(l.gl.to_string()),
                    None,
                );
            }
        }
        Avail::NotAvailable { needs } => {
            row(&mut o, "grubel_lloyd", a, b, "", "", None, Some(needs))
        }
    }
    for (c, r) in [(a, &p.rca_reporter), (b, &p.rca_partner)] {
        match r {
            Avail::Available(t) => {
                for l in &t.products {
                    row(
                        &mut o,
                        "rca",
                        c,
                        "",
                        &l.code,
                        &l.name,
                        Some(l.rca.to_string()),
                        None,
                    );
                }
            }
            Avail::NotAvailable { needs } => row(&mut o, "rca", c, "", "", "", None, Some(needs)),
        }
    }
    o
}
