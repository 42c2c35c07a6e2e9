//! `bilat check FILE|-`: every numeric trade claim of a news text with a verdict (issue 6).
//!
//! Exit code 0 when no claim is contradicted or inconsistent, 3 otherwise, so the command can
//! gate a publishing pipeline (DESIGN §6).

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::args::{CheckArgs, CheckFormat, CheckLangArg};
use crate::printer;

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
    if text.trim().is_empty() {
        return Err(super::UserError(format!(
            "{}: no text to check (the input is empty)",
            args.file.display()
        ))
        .into());
    }
    let lang = match args.lang {
        CheckLangArg::Auto => None,
        CheckLangArg::En => Some(bilat_claims::TextLang::En),
        CheckLangArg::Ru => Some(bilat_claims::TextLang::Ru),
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
