//! `bilat check FILE|DIR|-…`: every numeric trade claim of a news text with a verdict (issue 6),
//! or of many articles at once with a summary table (issue 13: a news desk's day).
//!
//! Exit code 0 when no claim is contradicted or inconsistent, 3 otherwise, so the command can
//! gate a publishing pipeline (DESIGN §6). In a batch, an article that cannot be read (not
//! UTF-8, empty) is a row with its error and the run exits 2 after checking the others; a path
//! that does not exist stops the run before any check.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use bilat_claims::{ArticleRow, WarehouseFacts};

use crate::args::{CheckArgs, CheckFormat, CheckLangArg};
use crate::printer;

pub fn run(root: &Path, args: CheckArgs) -> anyhow::Result<ExitCode> {
    let lang = match args.lang {
        CheckLangArg::Auto => None,
        CheckLangArg::En => Some(bilat_claims::TextLang::En),
        CheckLangArg::Ru => Some(bilat_claims::TextLang::Ru),
    };
    let format = match args.format {
        CheckFormat::Text => bilat_claims::Format::Text,
        CheckFormat::Md => bilat_claims::Format::Md,
        CheckFormat::Json => bilat_claims::Format::Json,
        CheckFormat::Html => bilat_claims::Format::Html,
        CheckFormat::Csv => bilat_claims::Format::Csv,
    };
    let single = match args.files.as_slice() {
        [one] if one.as_os_str() == "-" || !one.is_dir() => Some(one.clone()),
        _ => None,
    };
    if let Some(path) = single {
        let text = read_text(&path)?;
        let facts = WarehouseFacts::open(root)?;
        let report = bilat_claims::check(&text, lang, &facts)?;
        printer::out(&bilat_claims::render(&text, &report, format))?;
        return Ok(if report.has_problems() {
            ExitCode::from(3)
        } else {
            ExitCode::SUCCESS
        });
    }
    let articles = articles(&args.files)?;
    let facts = WarehouseFacts::open(root)?;
    let mut rows = Vec::with_capacity(articles.len());
    for path in articles {
        let outcome = match read_text(&path) {
            Ok(text) => {
                let report = bilat_claims::check(&text, lang, &facts)?;
                Ok((text, report))
            }
            Err(e) => Err(format!("{e:#}")),
        };
        rows.push(ArticleRow {
            article: path.display().to_string(),
            outcome,
        });
    }
    printer::out(&bilat_claims::render_batch(&rows, format))?;
    for r in rows.iter().filter(|r| r.error().is_some()) {
        printer::note(&format!(
            "error: {}: {}",
            r.article,
            r.error().unwrap_or_default()
        ));
    }
    Ok(if rows.iter().any(|r| r.error().is_some()) {
        ExitCode::from(2)
    } else if rows.iter().any(ArticleRow::has_problem) {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// The articles of a batch: each file as given, each directory's files (recursively, in name
/// order, hidden entries skipped). A path that does not exist is the user's error.
fn articles(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            return Err(super::UserError(
                "standard input (-) cannot be one of several articles: give files or a directory"
                    .into(),
            )
            .into());
        }
        if p.is_dir() {
            walk(p, &mut out)?;
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(
                super::UserError(format!("{}: no such file or directory", p.display())).into(),
            );
        }
    }
    if out.is_empty() {
        return Err(super::UserError(format!(
            "no files to check in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into());
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading directory {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.is_file() {
            out.push(p);
        }
    }
    Ok(())
}

/// The text of `path` (`-` is standard input): UTF-8 and not blank, else a located error.
fn read_text(path: &Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        super::UserError(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(super::UserError(format!(
            "{}: no text to check (the input is empty)",
            path.display()
        ))
        .into());
    }
    Ok(text)
}
