//! Rendering of export potential: [`bilat_analytics::ProductPotentialReport`] (products) and
//! [`bilat_analytics::GravityPotential`] (pair benchmark), in text, Markdown (with the formulas),
//! JSON and CSV.

use std::fmt::Write;

use bilat_analytics::{Ease, GravityPotential, ProductPotentialReport};

use crate::Format;
use crate::numbers::usd;
use crate::profile::table;

const PRODUCT_FORMULAS: &str = "\
- potential_ijk = supply_ik × demand_ijk × ease_ij (after ITC's Export Potential Map, Decreux & Spies 2016)
- supply_ik = i's exports of k to the world in year t
- demand_ijk = m_jk / (M_wk − m_ik): j's share of the world imports of k open to i
- ease_ij = TII_ij = (x_ij / X_i) / (M_j / M_w), or 1 with --ease one
- actual_ijk = mean of x_ijk over the last up-to-3 years loaded; untapped = max(potential − actual, 0)
- simplifications: no GDP projections, tariffs or distance adjustment of demand; see bilat-analytics potential.rs
";

const GRAVITY_FORMULAS: &str = "\
- PPML (Santos Silva & Tenreyro 2006): E[X_ij] = exp(π_i + χ_j + x'_ij β), fitted by bilat-gravity
- predicted_ij = exp(π̂_i + χ̂_j + x'_ij β̂); ratio = actual / predicted; untapped = max(predicted − actual, 0)
";

fn heading(o: &mut String, md: bool, s: &str) {
    if md {
        let _ = writeln!(o, "\n## {s}\n");
    } else {
        let _ = writeln!(o, "\n{s}\n{}", "-".repeat(s.chars().count()));
    }
}

fn title(o: &mut String, md: bool, s: &str) {
    if md {
        let _ = writeln!(o, "# {s}");
    } else {
        let _ = writeln!(o, "{s}\n{}", "=".repeat(s.chars().count()));
    }
}

fn q(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Renders the product potential.
pub fn render_product_potential(p: &ProductPotentialReport, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(p).expect("potential serializes") + "\n",
        Format::Csv => {
            let mut o = String::from(
                "exporter,importer,code,name,potential_usd,actual_usd,untapped_usd,supply_usd,demand_share,ease,year,level,source,vintage,label\n",
            );
            let pv = &p.provenance;
            let label = pv.label.as_deref().unwrap_or("");
            for d in &p.directions {
                let _ = writeln!(
                    o,
                    "{},{},TOTAL,all products,{},{},{},,,{},{},{},{},{},{}",
                    d.exporter,
                    d.importer,
                    d.potential_usd,
                    d.actual_usd,
                    d.untapped_usd,
                    d.ease,
                    p.year,
                    p.level,
                    q(&pv.source),
                    q(&pv.vintage),
                    q(label)
                );
                for l in &d.products {
                    let _ = writeln!(
                        o,
                        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                        d.exporter,
                        d.importer,
                        l.code,
                        q(&l.name),
                        l.potential_usd,
                        l.actual_usd,
                        l.untapped_usd,
                        l.supply_usd,
                        l.demand_share,
                        l.ease,
                        p.year,
                        p.level,
                        q(&pv.source),
                        q(&pv.vintage),
                        q(label)
                    );
                }
            }
            o
        }
        Format::Text | Format::Md => {
            let md = format == Format::Md;
            let mut o = String::new();
            let (a, b) = (&p.reporter, &p.partner);
            title(
                &mut o,
                md,
                &format!(
                    "Export potential by product: {} ({}) and {} ({}), {}, HS{}",
                    a.name, a.code, b.name, b.code, p.year, p.level
                ),
            );
            let pv = &p.provenance;
            if let Some(label) = &pv.label {
                let _ = writeln!(o, "{}{label}", if md { "\n> " } else { "\n" });
            }
            let _ = writeln!(
                o,
                "{}source: {} {} · world: {} ({} exporters, {} HS chapters) · ease: {} · unit: {}",
                if md { "\n" } else { "" },
                pv.source,
                pv.vintage,
                pv.world.basis,
                pv.world.exporters,
                pv.world.chapters,
                match p.ease {
                    Ease::Intensity => "trade intensity",
                    Ease::One => "1",
                },
                pv.unit
            );
            heading(&mut o, md, "Totals");
            let rows: Vec<Vec<String>> = p
                .directions
                .iter()
                .map(|d| {
                    vec![
                        format!("{} → {}", d.exporter, d.importer),
                        usd(d.potential_usd),
                        usd(d.actual_usd),
                        usd(d.untapped_usd),
                        format!("{:.2}", d.ease),
                        d.product_count.to_string(),
                    ]
                })
                .collect();
            table(
                &mut o,
                md,
                &[
                    "direction",
                    "potential",
                    "actual",
                    "untapped",
                    "ease",
                    "products",
                ],
                &rows,
            );
            for d in &p.directions {
                heading(
                    &mut o,
                    md,
                    &format!(
                        "{} → {}: largest untapped ({} of {})",
                        d.exporter,
                        d.importer,
                        d.products.len(),
                        d.product_count
                    ),
                );
                let rows: Vec<Vec<String>> = d
                    .products
                    .iter()
                    .map(|l| {
                        vec![
                            l.code.clone(),
                            l.name.clone(),
                            usd(l.potential_usd),
                            usd(l.actual_usd),
                            usd(l.untapped_usd),
                            usd(l.supply_usd),
                            format!("{:.4}", l.demand_share),
                        ]
                    })
                    .collect();
                table(
                    &mut o,
                    md,
                    &[
                        "code",
                        "product",
                        "potential",
                        "actual",
                        "untapped",
                        "supply",
                        "demand share",
                    ],
                    &rows,
                );
            }
            if md {
                heading(&mut o, md, "Formulas");
                o.push_str(PRODUCT_FORMULAS);
            }
            if !p.notes.is_empty() {
                heading(&mut o, md, "Notes");
                for n in &p.notes {
                    let _ = writeln!(o, "- {n}");
                }
            }
            o
        }
    }
}

/// Renders the gravity benchmark.
pub fn render_gravity_potential(g: &GravityPotential, format: Format) -> String {
    match format {
        Format::Json => {
            serde_json::to_string_pretty(g).expect("gravity potential serializes") + "\n"
        }
        Format::Csv => {
            let mut o = String::from(
                "exporter,importer,actual_usd,predicted_usd,ratio,untapped_usd,year,formula,source,vintage,label\n",
            );
            for d in &g.directions {
                let _ = writeln!(
                    o,
                    "{},{},{},{},{},{},{},{},{},{},{}",
                    d.exporter,
                    d.importer,
                    d.actual_usd,
                    d.predicted_usd,
                    d.ratio.map_or_else(String::new, |r| r.to_string()),
                    d.untapped_usd,
                    g.year,
                    q(&g.fit.formula),
                    q(&g.provenance.source),
                    q(&g.provenance.vintage),
                    q(g.provenance.label.as_deref().unwrap_or(""))
                );
            }
            o
        }
        Format::Text | Format::Md => {
            let md = format == Format::Md;
            let mut o = String::new();
            let (a, b) = (&g.reporter, &g.partner);
            title(
                &mut o,
                md,
                &format!(
                    "Gravity benchmark: {} ({}) and {} ({}), {}",
                    a.name, a.code, b.name, b.code, g.year
                ),
            );
            let pv = &g.provenance;
            if let Some(label) = &pv.label {
                let _ = writeln!(o, "{}{label}", if md { "\n> " } else { "\n" });
            }
            let _ = writeln!(
                o,
                "{}source: {} {} · view: {} · unit: {}",
                if md { "\n" } else { "" },
                pv.source,
                pv.vintage,
                pv.view,
                pv.unit
            );
            heading(&mut o, md, "Actual and predicted");
            let rows: Vec<Vec<String>> = g
                .directions
                .iter()
                .map(|d| {
                    vec![
                        format!("{} → {}", d.exporter, d.importer),
                        usd(d.actual_usd),
                        usd(d.predicted_usd),
                        d.ratio.map_or_else(|| "n/a".into(), |r| format!("{r:.2}")),
                        usd(d.untapped_usd),
                    ]
                })
                .collect();
            table(
                &mut o,
                md,
                &[
                    "direction",
                    "actual",
                    "predicted",
                    "actual/predicted",
                    "untapped",
                ],
                &rows,
            );
            heading(&mut o, md, "Model");
            let f = &g.fit;
            let _ = writeln!(
                o,
                "PPML `{}` · {} observations of {} ({} dropped: {} missing, {} singletons, {} separated) · \
                 {} IRLS iterations{} · pseudo-R² {} · vcov {}\n",
                f.formula,
                f.nobs,
                f.nrows_input,
                f.nrows_input - f.nobs,
                f.dropped.missing,
                f.dropped.singletons,
                f.dropped.separated,
                f.iterations,
                if f.converged { "" } else { " (NOT converged)" },
                f.pseudo_r2
                    .map_or_else(|| "n/a".into(), |r| format!("{r:.4}")),
                f.vcov
            );
            let rows: Vec<Vec<String>> = f
                .coefficients
                .iter()
                .map(|c| {
                    vec![
                        c.name.clone(),
                        format!("{:.6}", c.estimate),
                        format!("{:.6}", c.std_error),
                        format!("{:.2}", c.statistic),
                        format!("{:.4}", c.p_value),
                    ]
                })
                .collect();
            table(
                &mut o,
                md,
                &["term", "estimate", "std. error", "z", "p"],
                &rows,
            );
            heading(&mut o, md, "Specification");
            for n in &g.spec_notes {
                let _ = writeln!(o, "- {n}");
            }
            if md {
                heading(&mut o, md, "Formulas");
                o.push_str(GRAVITY_FORMULAS);
            }
            o
        }
    }
}
