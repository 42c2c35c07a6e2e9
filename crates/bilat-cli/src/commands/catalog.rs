//! `bilat catalog`: what the warehouse holds.

use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::args::{CatalogArgs, FormatArg};
use crate::printer;

pub fn run(root: &Path, args: CatalogArgs) -> anyhow::Result<ExitCode> {
    let wh = bilat_warehouse::Warehouse::open(root)?;
    let cat = wh.catalog();
    let out = match args.format {
        FormatArg::Json => serde_json::to_string_pretty(cat)? + "\n",
        FormatArg::Csv => {
            let mut o = String::from(
                "id,source,vintage,imported_at,years,flow_rows,series_rows,product_rows,rejected_rows,files\n",
            );
            for i in &cat.imports {
                let years: Vec<String> = i.years.iter().map(i32::to_string).collect();
                let _ = writeln!(
                    o,
                    "{},{},{},{},{},{},{},{},{},{}",
                    i.id,
                    i.source,
                    i.vintage,
                    i.imported_at,
                    years.join(" "),
                    i.flow_rows,
                    i.series_rows,
                    i.product_rows,
                    i.rejected_rows,
                    i.files.len()
                );
            }
            o
        }
        FormatArg::Text | FormatArg::Md => {
            let mut o = format!(
                "warehouse {} (generation {})\n",
                root.display(),
                cat.generation
            );
            if cat.imports.is_empty() {
                o.push_str("(empty)\n");
            }
            for i in &cat.imports {
                let years = match (i.years.first(), i.years.last()) {
                    (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                    (Some(a), _) => a.to_string(),
                    _ => "-".into(),
                };
                let label = if i.source == "demo" {
                    "  [demo data (generated)]"
                } else {
                    ""
                };
                let _ = writeln!(
                    o,
                    "{:<16} {:<9} {:<14} years {:<10} flows {:>10}  series {:>5}  products {:>6}  rejected {:>4}  imported {}{label}",
                    i.id,
                    i.source,
                    i.vintage,
                    years,
                    i.flow_rows,
                    i.series_rows,
                    i.product_rows,
                    i.rejected_rows,
                    i.imported_at
                );
                for input in &i.inputs {
                    let _ = writeln!(
                        o,
                        "    input {} ({} bytes, sha256 {}…)",
                        input.path,
                        input.bytes,
                        &input.sha256[..input.sha256.len().min(12)]
                    );
                }
            }
            o
        }
    };
    printer::out(&out)?;
    Ok(ExitCode::SUCCESS)
}
