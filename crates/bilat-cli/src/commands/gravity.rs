//! `bilat gravity`: read a file (filtered by SQL through the warehouse engine), fit with
//! bilat-gravity, print the summary, optionally write fitted values.

use std::process::ExitCode;

use anyhow::Context;
use arrow::array::RecordBatch;
use bilat_gravity::{FitOptions, Formula, Solver};

use crate::args::{FamilyArg, FormatArg, GravityArgs, SolverArg};
use crate::printer;

pub fn run(root: &std::path::Path, args: GravityArgs) -> anyhow::Result<ExitCode> {
    let formula = Formula::parse(&args.formula).map_err(|e| super::UserError(format!("{e}")))?;
    let (batches, what) = match (&args.data, &args.sql) {
        (Some(path), _) => (
            super::runtime()?
                .block_on(bilat_warehouse::query_file(path, args.condition.as_deref()))
                .with_context(|| format!("reading {}", path.display()))?,
            path.display().to_string(),
        ),
        (None, Some(sql)) => {
            super::ensure_data(root)?;
            let wh = bilat_warehouse::Warehouse::open(root)?;
            let sql = match args.condition.as_deref() {
                Some(c) => format!("SELECT * FROM ({sql}) AS q WHERE {c}"),
                None => sql.clone(),
            };
            (
                super::runtime()?.block_on(wh.sql(&sql))?,
                "the warehouse query".to_string(),
            )
        }
        (None, None) => {
            return Err(super::UserError("give --data FILE or --sql QUERY".into()).into());
        }
    };
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    if rows == 0 {
        return Err(super::UserError(format!(
            "no rows in {} after the filter{}",
            what,
            args.condition
                .as_deref()
                .map(|c| format!(" `{c}`"))
                .unwrap_or_default()
        ))
        .into());
    }
    let frame = bilat_analytics::frame_from_batches(&batches)?;
    let mut options = match args.family {
        FamilyArg::Poisson => FitOptions::poisson(),
        FamilyArg::Gaussian => FitOptions::gaussian(),
    };
    options.vcov = args
        .vcov
        .parse()
        .map_err(|e| super::UserError(format!("--vcov: {e}")))?;
    options.solver = match args.solver {
        SolverArg::Auto => Solver::Auto,
        SolverArg::Ap => Solver::AlternatingProjections,
        SolverArg::Krylov => Solver::Krylov,
    };
    let fit = bilat_gravity::fit(&formula, &frame, &options)?;
    if !fit.converged {
        printer::note(&format!(
            "warning: the estimator did not converge after {} iterations",
            fit.iterations
        ));
    }
    let out = match args.format {
        FormatArg::Json => fit.to_json() + "\n",
        FormatArg::Md => fit.to_markdown(),
        FormatArg::Text | FormatArg::Csv => fit.to_text(),
    };
    printer::out(&out)?;
    if let Some(path) = &args.predict {
        let fitted = fit.predict_or_nan(&frame)?;
        let with_fit = bilat_analytics::batches_with_fitted(&batches, &fitted)?;
        bilat_warehouse::write_parquet_file(path, &with_fit)?;
        printer::note(&format!(
            "wrote {} fitted values to {}",
            fitted.len(),
            path.display()
        ));
    }
    Ok(ExitCode::SUCCESS)
}
