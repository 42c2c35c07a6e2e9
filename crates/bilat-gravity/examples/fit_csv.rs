//! Fits a gravity model on a CSV file and prints the summary; used by
//! `scripts/bench_vs_pyfixest.sh` to time bilat in release mode.
//!
//! ```text
//! cargo run --release -p bilat-gravity --example fit_csv -- FILE.csv "FORMULA" \
//!     [--family poisson|gaussian] [--vcov iid|hetero|cluster:VAR[+VAR]] \
//!     [--years 1986,1990] [--international] [--positive COL] \
//!     [--solver auto|ap|krylov] [--no-relu] [--format text|json|md] [--repeat N]
//! ```
//!
//! `--international` keeps rows with exporter != importer; `--positive COL` keeps COL > 0.
//! Timings go to stderr: CSV reading and each fit separately.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Instant;

use std::collections::HashMap;

use bilat_gravity::{Column, Family, FitOptions, Formula, Frame, MISSING_CODE, Solver, Vcov, fit};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: fit_csv FILE.csv FORMULA [options]".into());
    }
    let (path, formula) = (&args[0], Formula::parse(&args[1])?);
    let mut options = FitOptions::default();
    let (mut years, mut international, mut positive, mut format, mut repeat) = (
        None::<Vec<String>>,
        false,
        None::<String>,
        "text".to_owned(),
        1usize,
    );
    let mut it = args[2..].iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--family" => {
                options.family = match val()?.as_str() {
                    "gaussian" | "ols" => Family::Gaussian,
                    _ => Family::Poisson,
                }
            }
            "--vcov" => {
                let v = val()?;
                options.vcov = match v.as_str() {
                    "iid" => Vcov::Iid,
                    "hetero" => Vcov::Hetero,
                    c => Vcov::Cluster(vec![c.trim_start_matches("cluster:").to_owned()]),
                }
            }
            "--solver" => {
                options.solver = match val()?.as_str() {
                    "ap" => Solver::AlternatingProjections,
                    "krylov" => Solver::Krylov,
                    _ => Solver::Auto,
                }
            }
            "--years" => years = Some(val()?.split(',').map(str::to_owned).collect()),
            "--international" => international = true,
            "--no-relu" => options.separation.relu = false,
            "--positive" => positive = Some(val()?),
            "--format" => format = val()?,
            "--repeat" => repeat = val()?.parse()?,
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    let t0 = Instant::now();
    let mut rdr = csv::Reader::from_path(path)?;
    let header = rdr.headers()?.clone();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (iy, ie, ii) = (col("year"), col("exporter"), col("importer"));
    let ip = positive.as_deref().and_then(col);
    let names: Vec<String> = header.iter().map(str::to_owned).collect();
    // Typed column builders: a column is numeric unless its first kept cell is not a number;
    // text is interned on the fly, so memory stays at 8 (or 4) bytes per cell.
    let mut builders: Vec<Builder> = Vec::new();
    for rec in rdr.records() {
        let rec = rec?;
        if let (Some(ys), Some(i)) = (&years, iy)
            && !ys.iter().any(|y| y == &rec[i])
        {
            continue;
        }
        if international
            && let (Some(e), Some(i)) = (ie, ii)
            && rec[e] == rec[i]
        {
            continue;
        }
        if let Some(p) = ip
            && rec[p].parse::<f64>().map_or(true, |v| v <= 0.0)
        {
            continue;
        }
        if builders.is_empty() {
            builders = rec
                .iter()
                .map(|v| {
                    if v.trim().parse::<f64>().is_ok() {
                        Builder::Num(Vec::new())
                    } else {
                        Builder::Text(Vec::new(), HashMap::new(), Vec::new())
                    }
                })
                .collect();
        }
        for (b, v) in builders.iter_mut().zip(rec.iter()) {
            b.push(v);
        }
    }
    let mut frame = Frame::new();
    for (name, b) in names.iter().zip(builders) {
        frame.push(name.clone(), b.finish())?;
    }
    eprintln!(
        "read {} rows in {:.3} s",
        frame.nrows(),
        t0.elapsed().as_secs_f64()
    );
    let mut result = None;
    for r in 0..repeat {
        let t = Instant::now();
        let f = fit(&formula, &frame, &options)?;
        eprintln!(
            "fit {}: {:.4} s ({} iterations, {} sweeps, converged: {})",
            r + 1,
            t.elapsed().as_secs_f64(),
            f.iterations,
            f.absorb_sweeps,
            f.converged
        );
        eprintln!("  stages: {:?}", f.timings);
        result = Some(f);
    }
    if let Some(f) = result {
        match format.as_str() {
            "json" => println!("{}", f.to_json()),
            "md" => println!("{}", f.to_markdown()),
            _ => println!("{}", f.to_text()),
        }
    }
    Ok(())
}

/// A column being read: numbers, or text interned to codes.
enum Builder {
    Num(Vec<f64>),
    Text(Vec<u32>, HashMap<String, u32>, Vec<String>),
}

impl Builder {
    fn push(&mut self, v: &str) {
        match self {
            Builder::Num(x) => x.push(v.trim().parse().unwrap_or(f64::NAN)),
            Builder::Text(codes, index, levels) => {
                if v.is_empty() || v == "NA" {
                    codes.push(MISSING_CODE);
                } else if let Some(&c) = index.get(v) {
                    codes.push(c);
                } else {
                    let c = levels.len() as u32;
                    index.insert(v.to_owned(), c);
                    levels.push(v.to_owned());
                    codes.push(c);
                }
            }
        }
    }

    fn finish(self) -> Column {
        match self {
            Builder::Num(x) => Column::Numeric(x),
            Builder::Text(codes, _, levels) => Column::Categorical { codes, levels },
        }
    }
}
