//! `bilat gravity`: read a file (filtered by SQL through the warehouse engine), fit with
//! bilat-gravity, print the summary, optionally write fitted values.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use arrow::array::{Array, AsArray, Float64Array, RecordBatch};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, Float64Type, Schema};
use bilat_gravity::{FitOptions, Formula, Frame, Solver, Vcov};

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
    let frame = to_frame(&batches)?;
    let mut options = match args.family {
        FamilyArg::Poisson => FitOptions::poisson(),
        FamilyArg::Gaussian => FitOptions::gaussian(),
    };
    options.vcov = parse_vcov(&args.vcov)?;
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
        let mut offset = 0;
        let mut with_fit = Vec::new();
        for b in &batches {
            let n = b.num_rows();
            let col = Float64Array::from_iter(
                fitted[offset..offset + n]
                    .iter()
                    .map(|v| v.is_finite().then_some(*v)),
            );
            offset += n;
            let mut fields: Vec<Field> = b
                .schema()
                .fields()
                .iter()
                .map(|f| f.as_ref().clone())
                .collect();
            fields.push(Field::new("fitted", DataType::Float64, true));
            let mut cols = b.columns().to_vec();
            cols.push(Arc::new(col));
            with_fit.push(RecordBatch::try_new(Arc::new(Schema::new(fields)), cols)?);
        }
        bilat_warehouse::write_parquet_file(path, &with_fit)?;
        printer::note(&format!(
            "wrote {} fitted values to {}",
            fitted.len(),
            path.display()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_vcov(s: &str) -> anyhow::Result<Vcov> {
    Ok(match s.trim() {
        "iid" => Vcov::Iid,
        "hetero" | "hc1" => Vcov::Hetero,
        c if c.starts_with("cluster:") => Vcov::Cluster(
            c["cluster:".len()..]
                .split('+')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect(),
        ),
        other => {
            return Err(super::UserError(format!(
                "--vcov {other:?}: expected iid, hetero or cluster:VAR[+VAR]"
            ))
            .into());
        }
    })
}

/// Arrow columns → gravity columns: numbers stay numbers, text becomes categorical.
fn to_frame(batches: &[RecordBatch]) -> anyhow::Result<Frame> {
    let schema = batches[0].schema();
    let mut frame = Frame::new();
    for (i, field) in schema.fields().iter().enumerate() {
        if field.data_type().is_numeric() || field.data_type() == &DataType::Boolean {
            let mut v = Vec::new();
            for b in batches {
                let c = cast(b.column(i), &DataType::Float64)?;
                let a = c.as_primitive::<Float64Type>();
                v.extend((0..a.len()).map(|r| if a.is_valid(r) { a.value(r) } else { f64::NAN }));
            }
            frame = frame.with_f64(field.name().clone(), v)?;
        } else {
            let mut v = Vec::new();
            for b in batches {
                let c = cast(b.column(i), &DataType::Utf8)?;
                let a = c.as_string::<i32>();
                v.extend((0..a.len()).map(|r| {
                    if a.is_valid(r) {
                        a.value(r).to_string()
                    } else {
                        String::new()
                    }
                }));
            }
            frame = frame.with_strings(field.name().clone(), v)?;
        }
    }
    Ok(frame)
}
