//! Rendering of export potential: [`bilat_analytics::ProductPotentialReport`] (products) and
//! [`bilat_analytics::GravityPotential`] (pair benchmark), in text, Markdown (with the formulas),
//! JSON and CSV. Text and Markdown are written through [`crate::document`].

use std::fmt::Write;

use bilat_analytics::{DirectionPotential, Ease, GravityPotential, ProductPotentialReport};

use crate::Format;
use crate::document::{Doc, csv_field as q};
use crate::words::usd;

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

/// Renders the product potential.
pub fn render_product_potential(p: &ProductPotentialReport, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(p).expect("potential serializes") + "\n",
        Format::Csv => product_csv(p),
        Format::Text => product_text(p, false),
        Format::Md => product_text(p, true),
    }
}

/// One row per direction (`TOTAL`) and per product, with the provenance on every row.
fn product_csv(p: &ProductPotentialReport) -> String {
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

/// Text and Markdown: header, totals per direction, the largest untapped products of each
/// direction, the formulas (Markdown only) and the notes.
fn product_text(p: &ProductPotentialReport, md: bool) -> String {
    let mut d = Doc::new(md);
    let (a, b) = (&p.reporter, &p.partner);
    d.title(&format!(
        "Export potential by product: {} ({}) and {} ({}), {}, HS{}",
        a.name, a.code, b.name, b.code, p.year, p.level
    ));
    let pv = &p.provenance;
    d.provenance(
        pv.label.as_deref(),
        &[format!(
            "source: {} {} · world: {} ({} exporters, {} HS chapters) · ease: {} · unit: {}",
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
        )],
    );
    d.heading("Totals");
    let rows: Vec<Vec<String>> = p
        .directions
        .iter()
        .map(|dir| {
            vec![
                format!("{} → {}", dir.exporter, dir.importer),
                usd(dir.potential_usd),
                usd(dir.actual_usd),
                usd(dir.untapped_usd),
                format!("{:.2}", dir.ease),
                dir.product_count.to_string(),
            ]
        })
        .collect();
    d.table(
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
    for dir in &p.directions {
        untapped_table(&mut d, dir);
    }
    if md {
        d.heading("Formulas");
        d.push_str(PRODUCT_FORMULAS);
    }
    d.notes(&p.notes);
    d.finish()
}

/// The products of one direction with the largest untapped potential.
fn untapped_table(d: &mut Doc, dir: &DirectionPotential) {
    d.heading(&format!(
        "{} → {}: largest untapped ({} of {})",
        dir.exporter,
        dir.importer,
        dir.products.len(),
        dir.product_count
    ));
    let rows: Vec<Vec<String>> = dir
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
    d.table(
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

/// Renders the gravity benchmark.
pub fn render_gravity_potential(g: &GravityPotential, format: Format) -> String {
    match format {
        Format::Json => {
            serde_json::to_string_pretty(g).expect("gravity potential serializes") + "\n"
        }
        Format::Csv => gravity_csv(g),
        Format::Text => gravity_text(g, false),
        Format::Md => gravity_text(g, true),
    }
}

/// One row per direction, with the formula and the provenance.
fn gravity_csv(g: &GravityPotential) -> String {
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

/// Text and Markdown: header, actual against predicted per direction, the fitted model and
/// its coefficients, the specification and the formulas (Markdown only).
fn gravity_text(g: &GravityPotential, md: bool) -> String {
    let mut d = Doc::new(md);
    let (a, b) = (&g.reporter, &g.partner);
    d.title(&format!(
        "Gravity benchmark: {} ({}) and {} ({}), {}",
        a.name, a.code, b.name, b.code, g.year
    ));
    let pv = &g.provenance;
    d.provenance(
        pv.label.as_deref(),
        &[format!(
            "source: {} {} · view: {} · unit: {}",
            pv.source, pv.vintage, pv.view, pv.unit
        )],
    );
    d.heading("Actual and predicted");
    let rows: Vec<Vec<String>> = g
        .directions
        .iter()
        .map(|dir| {
            vec![
                format!("{} → {}", dir.exporter, dir.importer),
                usd(dir.actual_usd),
                usd(dir.predicted_usd),
                dir.ratio
                    .map_or_else(|| "n/a".into(), |r| format!("{r:.2}")),
                usd(dir.untapped_usd),
            ]
        })
        .collect();
    d.table(
        &[
            "direction",
            "actual",
            "predicted",
            "actual/predicted",
            "untapped",
        ],
        &rows,
    );
    model(&mut d, g);
    d.heading("Specification");
    d.bullets(&g.spec_notes);
    if md {
        d.heading("Formulas");
        d.push_str(GRAVITY_FORMULAS);
    }
    d.finish()
}

/// The PPML fit: sample, convergence and fit statistics, then the coefficient table.
fn model(d: &mut Doc, g: &GravityPotential) {
    d.heading("Model");
    let f = &g.fit;
    d.line(&format!(
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
    ));
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
    d.table(&["term", "estimate", "std. error", "z", "p"], &rows);
}
