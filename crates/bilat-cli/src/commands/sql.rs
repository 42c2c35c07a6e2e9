//! `bilat sql "…"`: any SQL over `flows`, `series`, `products`.

use std::path::Path;
use std::process::ExitCode;

use crate::args::{FormatArg, SqlArgs};
use crate::printer;

pub fn run(root: &Path, args: SqlArgs) -> anyhow::Result<ExitCode> {
    let wh = bilat_warehouse::Warehouse::open(root)?;
    let batches = super::runtime()?.block_on(wh.sql(&args.query))?;
    let out = match args.format {
        FormatArg::Text | FormatArg::Md => {
            arrow::util::pretty::pretty_format_batches(&batches)?.to_string() + "\n"
        }
        FormatArg::Csv => {
            let mut buf = Vec::new();
            {
                let mut w = arrow::csv::WriterBuilder::new()
                    .with_header(true)
                    .build(&mut buf);
                for b in &batches {
                    w.write(b)?;
                }
            }
            String::from_utf8(buf)?
        }
        FormatArg::Json => {
            let mut buf = Vec::new();
            {
                let mut w = arrow::json::ArrayWriter::new(&mut buf);
                for b in &batches {
                    w.write(b)?;
                }
                w.finish()?;
            }
            let s = String::from_utf8(buf)?;
            if s.is_empty() {
                "[]\n".to_string()
            } else {
                s + "\n"
            }
        }
    };
    printer::out(&out)?;
    Ok(ExitCode::SUCCESS)
}
