//! Which charts a brief carries and the values they plot: the history of exports and imports,
//! the composition by HS section and the main products. The drawing is `crate::charts`; the
//! values are the same the text and [`super::BriefFigures`] state.

use bilat_analytics::{SectionLine, YearPoint};
use bilat_model::Lang;

use super::{Ctx, Labels};
use crate::charts::{self, Chart, ChartSeries};
use crate::error::Result;
use crate::plain_names::PlainProduct;
use crate::words;

/// How many sections the composition chart names; the rest is one "other" segment.
const NAMED_SECTIONS: usize = 6;

/// The brief's charts in reading order; a chart without data is left out.
pub(super) fn charts(
    cx: &Ctx,
    labels: &Labels,
    main_exports: &[PlainProduct],
    main_imports: &[PlainProduct],
) -> Result<Vec<Chart>> {
    let lang = cx.lang;
    let mfmt = move |x: f64| words::dec1(lang, x);
    let mut out = Vec::new();
    let history = &cx.data.history;
    if !history.is_empty() {
        let pts = |f: &dyn Fn(&YearPoint) -> f64| {
            history
                .iter()
                .map(|p| (p.year.to_string(), f(p) / 1e6))
                .collect::<Vec<_>>()
        };
        out.push(charts::grouped_bars(
            "history",
            &cx.word("label.chart.history")?,
            "USD million",
            vec![
                ChartSeries {
                    id: "exports".into(),
                    label: labels.exports.clone(),
                    points: pts(&|p| p.exports_usd),
                },
                ChartSeries {
                    id: "imports".into(),
                    label: labels.imports.clone(),
                    points: pts(&|p| p.imports_usd),
                },
            ],
            &mfmt,
        ));
    }
    let other = cx.word("label.other")?;
    let mut comp = Vec::new();
    for (id, lbl, lines) in [
        ("exports", &labels.exports, &cx.profile.sections_exports),
        ("imports", &labels.imports, &cx.profile.sections_imports),
    ] {
        if !lines.is_empty() {
            comp.push(ChartSeries {
                id: id.into(),
                label: lbl.clone(),
                points: section_shares(lang, lines, &other),
            });
        }
    }
    if !comp.is_empty() {
        out.push(charts::stacked_shares(
            "composition",
            &cx.word("label.chart.composition")?,
            &other,
            comp,
            &mfmt,
        ));
    }
    let mut prods = Vec::new();
    for (id, lbl, g) in [
        ("exports", &labels.exports, main_exports),
        ("imports", &labels.imports, main_imports),
    ] {
        if !g.is_empty() {
            prods.push(ChartSeries {
                id: id.into(),
                label: lbl.clone(),
                points: g
                    .iter()
                    .map(|p| (p.name(lang).to_string(), p.value_usd / 1e6))
                    .collect(),
            });
        }
    }
    if !prods.is_empty() {
        out.push(charts::horizontal_bars(
            "products",
            &cx.word("label.chart.products")?,
            "USD million",
            prods,
            &mfmt,
        ));
    }
    Ok(out)
}

/// The largest sections by share (%), named in `lang`, then the rest as one `other` segment.
fn section_shares(lang: Lang, lines: &[SectionLine], other: &str) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = lines
        .iter()
        .take(NAMED_SECTIONS)
        .map(|s| {
            let name = bilat_model::hs::sections()
                .iter()
                .find(|x| x.roman == s.section)
                .map_or(s.name.clone(), |x| x.name(lang).to_string());
            (format!("{} {}", s.section, name), s.share_pct)
        })
        .collect();
    let rest: f64 = lines.iter().skip(NAMED_SECTIONS).map(|s| s.share_pct).sum();
    if lines.len() > NAMED_SECTIONS {
        out.push((other.to_string(), rest));
    }
    out
}
