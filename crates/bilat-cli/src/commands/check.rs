//! `bilat check FILE|-`: every numeric trade claim of a news text with a verdict (issue 6).
//!
//! Exit code 0 when no claim is contradicted or inconsistent, 3 otherwise, so the command can
//! gate a publishing pipeline (DESIGN §6).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::printer;

/// `bilat check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The text to check (UTF-8), or `-` for standard input.
    pub file: PathBuf,
    /// Language of the text.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// Language of the checked text.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    /// Detect from the script (Cyrillic → Russian).
    Auto,
    /// English.
    En,
    /// Russian.
    Ru,
}

/// Output formats of `bilat check`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    /// The text with claims marked and a table of verdicts.
    Text,
    /// Markdown.
    Md,
    /// JSON: claims[] {start, end, text, measure, value, unit, period, subject, verdict, evidence}.
    Json,
    /// A standalone HTML page.
    Html,
}

pub fn run(root: &Path, args: CheckArgs) -> anyhow::Result<ExitCode> {
    let mut bytes = Vec::new();
    if args.file.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        bytes = std::fs::read(&args.file)
            .with_context(|| format!("reading {}", args.file.display()))?;
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        super::UserError(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            args.file.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let lang = match args.lang {
        LangArg::Auto => None,
        LangArg::En => Some(bilat_claims::TextLang::En),
        LangArg::Ru => Some(bilat_claims::TextLang::Ru),
    };
    let facts = bilat_claims::WarehouseFacts::open(root)?;
    let report = bilat_claims::check(&text, lang, &facts)?;
    let format = match args.format {
        CheckFormat::Text => bilat_claims::Format::Text,
        CheckFormat::Md => bilat_claims::Format::Md,
        CheckFormat::Json => bilat_claims::Format::Json,
        CheckFormat::Html => bilat_claims::Format::Html,
    };
    printer::out(&bilat_claims::render(&text, &report, format))?;
    Ok(if report.has_problems() {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}
