//! Many articles in one run (a news desk's day): one summary row per article — claims,
//! supported, contradicted, inconsistent, unverifiable — and, below the table, the claims that
//! need a look. JSON is one line per article (the summary and the full report), for machines.
//!
//! An article that could not be read (not UTF-8, empty) is a row with its error, never a
//! silently skipped file; the caller decides the exit code from [`ArticleRow::has_problem`] and
//! [`ArticleRow::error`].

use serde_json::json;

use bilat_model::{csv_field, escape_html};

use crate::render::to_json;
use crate::{CheckReport, Format, Verdict};

/// One article of a batch: its name (a path) and what checking it gave.
#[derive(Debug)]
pub struct ArticleRow {
    /// The article's name as given (a path).
    pub article: String,
    /// Its text and report, or why it could not be checked.
    pub outcome: Result<(String, CheckReport), String>,
}

/// Verdict counts of one report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// All claims.
    pub claims: usize,
    /// Supported by the data.
    pub supported: usize,
    /// Contradicted by the data.
    pub contradicted: usize,
    /// At odds with the text's own figures.
    pub inconsistent: usize,
    /// Not checkable against the data loaded.
    pub unverifiable: usize,
}

impl Counts {
    /// The counts of `report`.
    pub fn of(report: &CheckReport) -> Counts {
        let n = |v: Verdict| report.claims.iter().filter(|c| c.verdict == v).count();
        Counts {
            claims: report.claims.len(),
            supported: n(Verdict::Supported),
            contradicted: n(Verdict::Contradicted),
            inconsistent: n(Verdict::Inconsistent),
            unverifiable: n(Verdict::Unverifiable),
        }
    }

    fn add(&mut self, o: Counts) {
        self.claims += o.claims;
        self.supported += o.supported;
        self.contradicted += o.contradicted;
        self.inconsistent += o.inconsistent;
        self.unverifiable += o.unverifiable;
    }
}

impl ArticleRow {
    /// The article's verdict counts (zero when it could not be checked).
    pub fn counts(&self) -> Counts {
        self.outcome
            .as_ref()
            .map(|(_, r)| Counts::of(r))
            .unwrap_or_default()
    }

    /// A claim is contradicted or inconsistent.
    pub fn has_problem(&self) -> bool {
        self.outcome.as_ref().is_ok_and(|(_, r)| r.has_problems())
    }

    /// Why the article could not be checked.
    pub fn error(&self) -> Option<&str> {
        self.outcome.as_ref().err().map(String::as_str)
    }

    fn status(&self) -> &str {
        match &self.outcome {
            Err(e) => e,
            Ok(_) if self.has_problem() => "problem",
            Ok(_) => "ok",
        }
    }
}

/// The batch in `format`: text and md a summary table then the claims to look at, csv the
/// summary table, json one line per article, html one page.
pub fn render_batch(rows: &[ArticleRow], format: Format) -> String {
    match format {
        Format::Json => rows.iter().map(json_line).collect(),
        Format::Text => text(rows),
        Format::Md => md(rows),
        Format::Html => html(rows),
        Format::Csv => csv(rows),
    }
}

const HEAD: [&str; 7] = [
    "article",
    "claims",
    "supported",
    "contradicted",
    "inconsistent",
    "unverifiable",
    "status",
];

/// The summary rows with a total row, as cells.
fn table(rows: &[ArticleRow]) -> Vec<[String; 7]> {
    let mut total = Counts::default();
    let mut out: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            let c = r.counts();
            total.add(c);
            cells(&r.article, c, r.status())
        })
        .collect();
    let bad = rows.iter().filter(|r| r.has_problem()).count();
    let failed = rows.iter().filter(|r| r.error().is_some()).count();
    let status = format!(
        "{} articles, {bad} with problems, {failed} not checked",
        rows.len()
    );
    out.push(cells("total", total, &status));
    out
}

fn cells(article: &str, c: Counts, status: &str) -> [String; 7] {
    [
        article.to_string(),
        c.claims.to_string(),
        c.supported.to_string(),
        c.contradicted.to_string(),
        c.inconsistent.to_string(),
        c.unverifiable.to_string(),
        status.to_string(),
    ]
}

/// (article, claim number, verdict, claim text, reason) of every contradicted or inconsistent
/// claim.
fn problems(rows: &[ArticleRow]) -> Vec<(&str, usize, &'static str, &str, &str)> {
    let mut out = Vec::new();
    for r in rows {
        let Ok((_, report)) = &r.outcome else {
            continue;
        };
        for (i, v) in report.claims.iter().enumerate() {
            if matches!(v.verdict, Verdict::Contradicted | Verdict::Inconsistent) {
                out.push((
                    r.article.as_str(),
                    i + 1,
                    v.verdict.as_str(),
                    v.claim.text.as_str(),
                    v.reason.as_str(),
                ));
            }
        }
    }
    out
}

fn text(rows: &[ArticleRow]) -> String {
    let t = table(rows);
    let widths: Vec<usize> = (0..7)
        .map(|k| {
            t.iter()
                .map(|r| r[k].chars().count())
                .chain([HEAD[k].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[&str]| {
        let mut s = String::new();
        for (k, cell) in r.iter().enumerate() {
            let pad = widths[k].saturating_sub(cell.chars().count());
            if k == 0 || k == 6 {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
            s.push_str("  ");
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(&HEAD);
    for r in &t {
        out.push_str(&line(&r.each_ref().map(String::as_str)));
    }
    let p = problems(rows);
    if !p.is_empty() {
        out.push_str("\nClaims to look at\n");
        for (a, i, verdict, claim, reason) in p {
            out.push_str(&format!("{a} #{i} {verdict} \"{claim}\": {reason}\n"));
        }
    }
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn md(rows: &[ArticleRow]) -> String {
    let mut out = format!(
        "| {} |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n",
        HEAD.join(" | ")
    );
    for r in table(rows) {
        let r: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        out.push_str(&format!("| {} |\n", r.join(" | ")));
    }
    let p = problems(rows);
    if !p.is_empty() {
        out.push_str("\n## Claims to look at\n\n");
        for (a, i, verdict, claim, reason) in p {
            out.push_str(&format!(
                "- {} #{i} **{verdict}** \"{}\": {}\n",
                md_cell(a),
                md_cell(claim),
                md_cell(reason)
            ));
        }
    }
    out
}

fn csv(rows: &[ArticleRow]) -> String {
    let mut out = HEAD.join(",") + "\n";
    for r in rows {
        let c = cells(&r.article, r.counts(), r.status());
        let c: Vec<String> = c.iter().map(|x| csv_field(x)).collect();
        out.push_str(&(c.join(",") + "\n"));
    }
    out
}

fn json_line(r: &ArticleRow) -> String {
    let c = r.counts();
    let v = json!({
        "article": r.article,
        "claims": c.claims,
        "supported": c.supported,
        "contradicted": c.contradicted,
        "inconsistent": c.inconsistent,
        "unverifiable": c.unverifiable,
        "problem": r.has_problem(),
        "error": r.error(),
        "report": r.outcome.as_ref().ok().map(|(_, rep)| to_json(rep)),
    });
    v.to_string() + "\n"
}

fn html(rows: &[ArticleRow]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>bilat check: batch</title>\n<style>\nbody{font-family:sans-serif;max-width:70em;margin:auto}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}table{border-collapse:collapse}td.n{text-align:right}tr.problem{background:#f5b5b5}\n</style></head><body>\n<h2>Articles</h2>\n<table>\n<tr>",
    );
    for h in HEAD {
        out.push_str(&format!("<th>{h}</th>"));
    }
    out.push_str("</tr>\n");
    for r in table(rows) {
        let class = if r[6] == "problem" {
            " class=\"problem\""
        } else {
            ""
        };
        out.push_str(&format!("<tr{class}>"));
        for (k, c) in r.iter().enumerate() {
            let n = if (1..=5).contains(&k) {
                " class=\"n\""
            } else {
                ""
            };
            out.push_str(&format!("<td{n}>{}</td>", escape_html(c)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    let p = problems(rows);
    if !p.is_empty() {
        out.push_str("<h2>Claims to look at</h2>\n<ul>\n");
        for (a, i, verdict, claim, reason) in p {
            out.push_str(&format!(
                "<li>{} #{i} <b>{verdict}</b> “{}”: {}</li>\n",
                escape_html(a),
                escape_html(claim),
                escape_html(reason)
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    out
}
