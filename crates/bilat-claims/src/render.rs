//! Output of a [`CheckReport`]: the text with each claim marked and a table of verdicts, as
//! plain text, Markdown, JSON (stable field names), CSV (the table) or a standalone HTML page.
//!
//! Output is byte-deterministic for the same report. Character offsets in JSON are offsets into
//! the input's characters (Unicode scalar values), not bytes.

use bilat_model::{csv_field, escape_html};
use serde_json::{Value, json};

use crate::claim::{Claim, ClaimKind, Measure};
use crate::verify::{CheckReport, Verdict, Verified};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Marked text and an aligned table.
    Text,
    /// Markdown: marked text and a table.
    Md,
    /// JSON: `claims[] {start, end, text, measure, value, unit, period, subject, verdict, evidence}`.
    Json,
    /// A standalone HTML page with highlighted claims and a table of verdicts.
    Html,
    /// CSV: one row per claim (`n,verdict,claim,measure,subject,period,value,evidence`).
    Csv,
}

/// Renders a report of `input`.
pub fn render(input: &str, report: &CheckReport, format: Format) -> String {
    match format {
        Format::Text => text(input, report),
        Format::Md => md(input, report),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(report)).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Html => html(input, report),
        Format::Csv => csv(report),
    }
}

fn csv(report: &CheckReport) -> String {
    let mut out = String::from("n,verdict,claim,measure,subject,period,value,evidence\n");
    for (i, v) in report.claims.iter().enumerate() {
        let row = [
            (i + 1).to_string(),
            v.verdict.as_str().to_string(),
            v.claim.text.clone(),
            v.claim.measure.name(),
            subject(&v.claim),
            period(&v.claim),
            value(&v.claim),
            v.reason.clone(),
        ];
        let row: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&(row.join(",") + "\n"));
    }
    out
}

fn subject(c: &Claim) -> String {
    let f = c.subject.from.as_deref().unwrap_or("?");
    let t = c.subject.to.as_deref().unwrap_or("?");
    match c.measure {
        Measure::Exports | Measure::Imports => format!("{f}→{t}"),
        Measure::Investment => format!("{f}→{t}"),
        Measure::ExportShare => format!("{t} in {f}'s exports"),
        Measure::ExportRank => format!("{t} among {f}'s markets"),
        Measure::ImportRank => format!("{t} among {f}'s suppliers"),
        Measure::TradeRank => format!("{t} among {f}'s partners"),
        Measure::ImportShare => format!("{t} in {f}'s imports"),
        Measure::ExportsInTrade => format!("{f}→{t} in {f}–{t} trade"),
        Measure::ImportsInTrade => format!("{t}→{f} in {f}–{t} trade"),
        Measure::Count(ref k) if k == "agreements" => format!("{f}–{t}"),
        Measure::Count(_) => format!("in {t}, {f} capital"),
        _ => format!("{f}–{t}"),
    }
}

fn period(c: &Claim) -> String {
    let mut s = c
        .period
        .map(|p| p.to_string())
        .unwrap_or_else(|| "-".into());
    if let Some(b) = c.base
        && c.kind == ClaimKind::Change
    {
        s.push_str(&format!(" vs {b}"));
    }
    s
}

fn value(c: &Claim) -> String {
    let bound = match c.bound {
        crate::Bound::Exact => "",
        crate::Bound::AtLeast => "≥ ",
        crate::Bound::AtMost => "≤ ",
        crate::Bound::Approx => "≈ ",
        crate::Bound::Vague => "several ",
    };
    match (c.kind, c.printed) {
        (_, None) => format!("{bound}× {}", c.scale),
        (ClaimKind::Amount, Some(_)) => {
            format!(
                "{bound}{} {}",
                c.value.map(|v| format!("{v:.0}")).unwrap_or_default(),
                c.unit
            )
        }
        (ClaimKind::Change, Some(p)) => match c.change {
            Some(crate::ChangeKind::Times) => format!("{bound}×{p}"),
            Some(crate::ChangeKind::Points) => format!("{bound}{:+} pp", c.value.unwrap_or(p)),
            Some(crate::ChangeKind::Absolute) => {
                format!("{bound}{:+.0} {}", c.value.unwrap_or(p), c.unit)
            }
            _ => format!("{bound}{:+.2}%", c.value.unwrap_or(p)),
        },
        (ClaimKind::Rank, Some(p)) => format!("#{p}"),
        (ClaimKind::Quantity, Some(_)) => format!(
            "{bound}{} {}",
            c.value.map(|v| format!("{v}")).unwrap_or_default(),
            c.unit
        ),
        (_, Some(p)) => format!("{bound}{p}"),
    }
}

fn marked(
    input: &str,
    report: &CheckReport,
    open: &dyn Fn(usize, &Verified) -> String,
    close: &dyn Fn(usize, &Verified) -> String,
    esc: &dyn Fn(&str) -> String,
) -> String {
    let chars: Vec<char> = input.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    for (i, v) in report.claims.iter().enumerate() {
        let (s, e) = (v.claim.start.min(chars.len()), v.claim.end.min(chars.len()));
        if s < pos {
            continue;
        }
        out.push_str(&esc(&chars[pos..s].iter().collect::<String>()));
        out.push_str(&open(i, v));
        out.push_str(&esc(&chars[s..e].iter().collect::<String>()));
        out.push_str(&close(i, v));
        pos = e;
    }
    out.push_str(&esc(&chars[pos.min(chars.len())..]
        .iter()
        .collect::<String>()));
    out
}

fn summary(report: &CheckReport) -> String {
    let n = |v: Verdict| report.claims.iter().filter(|c| c.verdict == v).count();
    format!(
        "{} claims: {} supported, {} contradicted, {} inconsistent, {} unverifiable",
        report.claims.len(),
        n(Verdict::Supported),
        n(Verdict::Contradicted),
        n(Verdict::Inconsistent),
        n(Verdict::Unverifiable)
    )
}

fn text(input: &str, report: &CheckReport) -> String {
    let mut out = marked(
        input,
        report,
        &|_, _| "[[".to_string(),
        &|i, _| format!("]]#{}", i + 1),
        &|s| s.to_string(),
    );
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("\nClaims\n");
    let rows: Vec<[String; 7]> = report
        .claims
        .iter()
        .enumerate()
        .map(|(i, v)| {
            [
                format!("#{}", i + 1),
                v.verdict.as_str().to_string(),
                format!("\"{}\"", v.claim.text),
                v.claim.measure.name(),
                subject(&v.claim),
                period(&v.claim),
                v.reason.clone(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..6)
        .map(|k| rows.iter().map(|r| r[k].chars().count()).max().unwrap_or(0))
        .collect();
    for r in &rows {
        for k in 0..6 {
            out.push_str(&r[k]);
            out.push_str(&" ".repeat(widths[k] - r[k].chars().count() + 2));
        }
        out.push_str(&r[6]);
        out.push('\n');
    }
    if !report.internal.is_empty() {
        out.push_str("\nInternal checks\n");
        for f in &report.internal {
            out.push_str(&format!(
                "{} {}: {}\n",
                if f.passed { "ok  " } else { "FAIL" },
                f.check,
                f.message
            ));
        }
    }
    out.push('\n');
    out.push_str(&summary(report));
    out.push('\n');
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn md(input: &str, report: &CheckReport) -> String {
    let mut out = String::from("## Text\n\n");
    out.push_str(&marked(
        input,
        report,
        &|_, _| "**".to_string(),
        &|i, _| format!("**<sup>{}</sup>", i + 1),
        &|s| s.replace('*', "\\*"),
    ));
    out.push_str("\n\n## Claims\n\n| # | verdict | claim | measure | subject | period | value | evidence |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (i, v) in report.claims.iter().enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            v.verdict.as_str(),
            md_cell(&v.claim.text),
            v.claim.measure.name(),
            md_cell(&subject(&v.claim)),
            period(&v.claim),
            md_cell(&value(&v.claim)),
            md_cell(&v.reason)
        ));
    }
    if !report.internal.is_empty() {
        out.push_str("\n## Internal checks\n\n");
        for f in &report.internal {
            out.push_str(&format!(
                "- {} **{}**: {}\n",
                if f.passed { "ok" } else { "FAIL" },
                f.check,
                md_cell(&f.message)
            ));
        }
    }
    out.push_str(&format!("\n{}\n", summary(report)));
    out
}

fn html(input: &str, report: &CheckReport) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>bilat check</title>\n<style>\nmark.supported{background:#c8f0c8}mark.contradicted{background:#f5b5b5}mark.inconsistent{background:#f5d78e}mark.unverifiable{background:#ddd}\nbody{font-family:sans-serif;max-width:60em;margin:auto}p.text{white-space:pre-wrap}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}table{border-collapse:collapse}\n</style></head><body>\n<h2>Text</h2>\n<p class=\"text\">",
    );
    out.push_str(&marked(
        input,
        report,
        &|i, v| {
            format!(
                "<mark class=\"{}\" title=\"#{} {}\">",
                v.verdict.as_str(),
                i + 1,
                escape_html(&v.reason)
            )
        },
        &|i, _| format!("</mark><sup>{}</sup>", i + 1),
        &escape_html,
    ));
    out.push_str("</p>\n<h2>Claims</h2>\n<table>\n<tr><th>#</th><th>verdict</th><th>claim</th><th>measure</th><th>subject</th><th>period</th><th>value</th><th>evidence</th></tr>\n");
    for (i, v) in report.claims.iter().enumerate() {
        out.push_str(&format!(
            "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            v.verdict.as_str(),
            i + 1,
            v.verdict.as_str(),
            escape_html(&v.claim.text),
            escape_html(&v.claim.measure.name()),
            escape_html(&subject(&v.claim)),
            escape_html(&period(&v.claim)),
            escape_html(&value(&v.claim)),
            escape_html(&v.reason)
        ));
    }
    out.push_str("</table>\n");
    if !report.internal.is_empty() {
        out.push_str("<h2>Internal checks</h2>\n<ul>\n");
        for f in &report.internal {
            out.push_str(&format!(
                "<li>{} <b>{}</b>: {}</li>\n",
                if f.passed { "ok" } else { "FAIL" },
                f.check,
                escape_html(&f.message)
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str(&format!(
        "<p>{}</p>\n</body></html>\n",
        escape_html(&summary(report))
    ));
    out
}

pub(crate) fn to_json(report: &CheckReport) -> Value {
    let claims: Vec<Value> = report
        .claims
        .iter()
        .map(|v| {
            let c = &v.claim;
            json!({
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "kind": c.kind,
                "measure": c.measure.name(),
                "value": c.value,
                "printed": c.printed,
                "decimals": c.decimals,
                "unit": c.unit,
                "bound": c.bound,
                "change": c.change,
                "period": c.period.map(|p| p.to_string()),
                "base": c.base.map(|p| p.to_string()),
                "subject": {"from": c.subject.from, "to": c.subject.to},
                "target": c.target,
                "equivalent": c.equivalent,
                "product": c.product,
                "verdict": v.verdict,
                "reason": v.reason,
                "evidence": v.evidence,
                "internal": v.internal,
            })
        })
        .collect();
    let n = |x: Verdict| report.claims.iter().filter(|c| c.verdict == x).count();
    json!({
        "lang": report.lang,
        "summary": {
            "claims": report.claims.len(),
            "supported": n(Verdict::Supported),
            "contradicted": n(Verdict::Contradicted),
            "inconsistent": n(Verdict::Inconsistent),
            "unverifiable": n(Verdict::Unverifiable),
        },
        "claims": claims,
        "internal": report.internal,
        "diagnostics": report.diagnostics,
    })
}
