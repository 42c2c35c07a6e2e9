//! The data note (sources, vintages, view, who reported each direction, generated or real) and
//! the section labels of the brief, both in the brief's language.

use bilat_model::{Lang, View};

use super::{Ctx, Labels};
use crate::error::Result;
use crate::templates::Vars;
use crate::words::NameForms;

/// The data note: where the goods figures come from, the series' sources, whether the period to
/// date is partial, and whether the data are generated (the demo) or real.
pub(super) fn data_note(cx: &Ctx) -> Result<String> {
    let pv = &cx.profile.provenance;
    let mut w = cx.vars.clone();
    w.set("source", pv.source.clone())
        .set("vintage", pv.vintage.clone())
        .set("view", cx.word(&format!("word.view.{}", pv.view.as_str()))?)
        .set("exports_by", reported_by(cx, pv.view, true)?)
        .set("imports_by", reported_by(cx, pv.view, false)?);
    let mut note = vec![cx.fill("note.goods", &w)?];
    let mut series_sources: Vec<String> = cx
        .data
        .series
        .iter()
        .map(|s| format!("{} {}", s.source, s.vintage))
        .collect();
    series_sources.dedup();
    if !series_sources.is_empty() {
        let mut w = Vars::default();
        w.set("series_sources", series_sources.join(", "));
        note.push(cx.fill("note.series", &w)?);
    }
    if cx.data.period_to_date.is_some() {
        note.push(cx.word("note.ptd_partial")?);
    }
    note.push(cx.word(if pv.label.is_some() {
        "note.demo"
    } else {
        "note.real"
    })?);
    Ok(note.join(" "))
}

/// Who reported a direction and at which valuation: the exporter reports FOB, the importer CIF,
/// so under the reporter view A's exports are FOB and under the mirror view B's imports are CIF.
fn reported_by(cx: &Ctx, view: View, dir_exports: bool) -> Result<String> {
    let name = |f: &NameForms| match cx.lang {
        Lang::En => f.nom.clone(),
        Lang::Ru => f.possessive.clone(),
    };
    Ok(match (view, dir_exports) {
        (View::Reconciled, _) => cx.word("word.reconciled")?,
        (View::Reporter, true) => format!("{} (FOB)", name(&cx.fa)),
        (View::Reporter, false) => format!("{} (CIF)", name(&cx.fa)),
        (View::Mirror, true) => format!("{} (CIF)", name(&cx.fb)),
        (View::Mirror, false) => format!("{} (FOB)", name(&cx.fb)),
    })
}

/// Section labels in the brief's language.
pub(super) fn labels(cx: &Ctx) -> Result<Labels> {
    Ok(Labels {
        exports: cx.word("label.exports")?,
        imports: cx.word("label.imports")?,
        data_note: cx.word("label.data_note")?,
    })
}
