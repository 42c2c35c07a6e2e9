//! `cargo run --release -p bilat-bench`: a generated BACI-size year, imported and profiled, side
//! by side with DuckDB in the same run on the same files (issue "Foundation", benchmark section).
//! A developer tool, kept out of the user binary.
//!
//! 1. CSV → warehouse (`bilat import baci`, in-process) vs DuckDB
//!    `COPY (SELECT * FROM read_csv(...)) TO 'x.parquet'`.
//! 2. A full pair profile (warm, in-process) vs the same SQL in DuckDB over the same Parquet files.
//! 3. Warm CLI latency of `bilat profile` (whole process, best and median of several runs).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::Context;
use bilat_ingest::ReadOptions;
use bilat_warehouse::Warehouse;
use clap::Parser;

mod check_bench;
mod serve_bench;

/// Developer benchmarks of bilat, side by side with DuckDB where a peer exists.
#[derive(Debug, Parser)]
#[command(name = "bilat-bench", about, long_about = None)]
enum Bench {
    /// Import and profile a generated BACI-size year, against DuckDB on the same files.
    Baci(BenchArgs),
    /// Claims per second of `bilat check` on a long generated news text (EN/RU).
    Check(CheckBenchArgs),
    /// `bilat serve` under load from wrk: profile warm and cold, brief, /check, an import mid-run.
    Serve(ServeBenchArgs),
}

/// `bilat-bench serve`.
#[derive(Debug, clap::Args)]
struct ServeBenchArgs {
    /// The `bilat` binary to serve with (default: next to this one).
    #[arg(long)]
    bilat: Option<PathBuf>,
    /// Seconds per measured run.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Seconds of the long run (an import is committed half-way).
    #[arg(long, default_value_t = 60)]
    long_seconds: u64,
    /// Connections wrk keeps open.
    #[arg(long, default_value_t = 32)]
    connections: u32,
    /// The text `POST /check` sends (default: the seed article under $BILAT_DATA/../seed).
    #[arg(long)]
    seed: Option<PathBuf>,
    /// A file committed with `bilat import ots` during the long run (default: an OTS file of
    /// $BILAT_DATA).
    #[arg(long)]
    import: Option<PathBuf>,
}

/// `bilat-bench baci`.
#[derive(Debug, clap::Args)]
struct BenchArgs {
    /// Rows of the generated BACI year.
    #[arg(long, default_value_t = 11_000_000)]
    rows: usize,
    /// Working directory for generated files (default: a temporary directory).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Python with the `duckdb` module, for the side-by-side run.
    #[arg(long, default_value = "python3", env = "BILAT_BENCH_PYTHON")]
    python: String,
    /// The `bilat` binary whose whole-process latency is measured (default: next to this one).
    #[arg(long)]
    bilat: Option<PathBuf>,
}

/// `bilat-bench check`.
#[derive(Debug, clap::Args)]
struct CheckBenchArgs {
    /// Size of the generated text, bytes.
    #[arg(long, default_value_t = 1_000_000)]
    bytes: usize,
    /// Warehouse to verify against (default: a temporary one with the demo world).
    #[arg(long)]
    warehouse: Option<PathBuf>,
    /// Also time hostile texts of this many bytes each (one sentence of 1 MB, runs of numbers,
    /// currency signs, unclosed quotes); 0 skips them.
    #[arg(long, default_value_t = 0)]
    hostile: usize,
}

/// Results to stdout, progress to stderr.
mod printer {
    pub fn out(s: &str) -> anyhow::Result<()> {
        print!("{s}");
        Ok(())
    }
    pub fn note(s: &str) {
        eprintln!("{s}");
    }
}

fn main() -> anyhow::Result<ExitCode> {
    match Bench::parse() {
        Bench::Baci(args) => run(args),
        Bench::Check(args) => {
            let root = match args.warehouse {
                Some(dir) => dir,
                None => {
                    let dir = std::env::temp_dir()
                        .join(format!("bilat-bench-check-{}", std::process::id()));
                    let mut wh = Warehouse::open(&dir)?;
                    bilat_load::load_demo(&mut wh)?;
                    dir
                }
            };
            printer::out(&check_bench::run(&root, args.bytes)?)?;
            if args.hostile > 0 {
                printer::out(&check_bench::hostile(&root, args.hostile)?)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Bench::Serve(args) => {
            let data = std::env::var_os("BILAT_DATA")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("../shared/data"));
            let exe = std::env::current_exe()?;
            let bilat = args.bilat.unwrap_or_else(|| exe.with_file_name("bilat"));
            let b = serve_bench::ServeBench {
                bilat,
                seconds: args.seconds,
                long_seconds: args.long_seconds,
                connections: args.connections,
                seed: args
                    .seed
                    .unwrap_or_else(|| data.join("../seed/belta-belarus-kazakhstan-2019.txt")),
                import_file: args.import.or_else(|| {
                    Some(data.join("ots/yrpc_y-2002_r-chl_p-arg_c-all.csv")).filter(|p| p.exists())
                }),
            };
            printer::out(&serve_bench::run(&b)?)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!("bilat-bench-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir)?;
    let csv = dir.join("BACI_HS17_Y2019_V202401.csv");
    if !csv.exists() {
        printer::note(&format!(
            "generating {} rows into {}",
            args.rows,
            csv.display()
        ));
        generate_baci(&csv, args.rows)?;
    }
    let bytes = std::fs::metadata(&csv)?.len();
    printer::note(&format!(
        "input: {} ({:.0} MB)",
        csv.display(),
        bytes as f64 / 1e6
    ));

    // 1. Import.
    let wh_dir = dir.join("warehouse");
    let _ = std::fs::remove_dir_all(&wh_dir);
    let t = Instant::now();
    let data = bilat_ingest::read_baci(&csv, &ReadOptions::default())?;
    let t_read = t.elapsed().as_secs_f64();
    let mut wh = Warehouse::open(&wh_dir)?;
    wh.commit(bilat_load::to_new_import(data))?;
    let t_import = t.elapsed().as_secs_f64();
    let duck_copy = duckdb(
        &args.python,
        &format!(
            "import duckdb,time\ncon=duckdb.connect()\ncon.execute(\"PRAGMA disable_progress_bar\")\nt=time.perf_counter()\ncon.execute(\"COPY (SELECT * FROM read_csv('{}')) TO '{}' (FORMAT parquet)\")\nprint(time.perf_counter()-t)",
            csv.display(),
            dir.join("duck.parquet").display()
        ),
    )?
    .and_then(|n| n.first().copied());

    // 2. Profile, warm, in-process.
    let files: Vec<PathBuf> = wh
        .catalog()
        .files_of(&wh_dir, bilat_warehouse::TableName::Flows);
    let (a, b) = (
        bilat_model::resolve_place("DEU")?,
        bilat_model::resolve_place("FRA")?,
    );
    let req = bilat_analytics::ProfileRequest::new(a, b, 2019);
    let rt = runtime()?;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        rt.block_on(async {
            let engine = wh.engine().await?;
            anyhow::Ok(bilat_analytics::profile(&engine, &req).await?)
        })?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    let list: Vec<String> = files.iter().map(|f| format!("'{}'", f.display())).collect();
    let src = format!("read_parquet([{}])", list.join(","));
    let pair_files: Vec<String> = wh
        .catalog()
        .files_of(&wh_dir, bilat_warehouse::TableName::Pairs)
        .iter()
        .map(|f| format!("'{}'", f.display()))
        .collect();
    let pairs_src = format!("read_parquet([{}])", pair_files.join(","));
    let duck_profile = duck_profile(&args.python, &src, &pairs_src)?;

    // 3. Warm CLI latency.
    let exe = match &args.bilat {
        Some(p) => p.clone(),
        None => std::env::current_exe()?.with_file_name("bilat"),
    };
    anyhow::ensure!(
        exe.exists(),
        "no bilat binary at {} (build it with `cargo build --release`, or give --bilat PATH)",
        exe.display()
    );
    let runs = cli_latency(&exe, &wh_dir)?;

    let mut o = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(o, "rows {}; input {:.0} MB", args.rows, bytes as f64 / 1e6);
    let _ = writeln!(
        o,
        "1. import CSV→Parquet: bilat {t_import:.2}s (read {t_read:.2}s) | duckdb COPY {}",
        fmt_opt(duck_copy)
    );
    if let Some(d) = duck_copy {
        let _ = writeln!(
            o,
            "   ratio duckdb/bilat = {:.2}x (target ≥ 1)",
            d / t_import
        );
    }
    let _ = writeln!(
        o,
        "2. pair profile DEU–FRA warm: bilat {:.1} ms (engine set-up and every query included)",
        best * 1e3,
    );
    match duck_profile {
        Some((flows_only, with_pairs)) => {
            let _ = writeln!(
                o,
                "   duckdb, the pair and partner SQL over the flow files: {:.1} ms; ratio bilat/duckdb = {:.2} (target ≤ 0.5)",
                flows_only * 1e3,
                best / flows_only
            );
            let _ = writeln!(
                o,
                "   duckdb, the same SQL with partner totals from bilat's pairs file: {:.1} ms; ratio bilat/duckdb = {:.2}",
                with_pairs * 1e3,
                best / with_pairs
            );
        }
        None => {
            let _ = writeln!(o, "   duckdb: {}", fmt_opt(None));
        }
    }
    let _ = writeln!(
        o,
        "3. CLI `bilat profile` warm latency: best {:.1} ms, median {:.1} ms (target < 100 ms)",
        runs[0] * 1e3,
        runs[runs.len() / 2] * 1e3
    );
    printer::out(&o)?;
    Ok(ExitCode::SUCCESS)
}

/// DuckDB running the profile's pair and partner SQL over the same flow files (and, for
/// reference, with partner totals from bilat's pairs file): best of five, seconds.
fn duck_profile(python: &str, src: &str, pairs_src: &str) -> anyhow::Result<Option<(f64, f64)>> {
    duckdb(
        python,
        &format!(
            r#"import duckdb,time
con=duckdb.connect()
con.execute("PRAGMA disable_progress_bar")
q1="SELECT CASE WHEN exporter=276 THEN 'X' ELSE 'M' END dir, reported_by, period_year, period_month, product, product_level, sum(value_usd) FROM {src} WHERE period_year IN (2018,2019) AND trade_flow IN ('X','M') AND ((exporter=276 AND importer=250) OR (exporter=250 AND importer=276)) GROUP BY ALL"
q2="SELECT CASE WHEN exporter=276 THEN 'X' ELSE 'M' END dir, CASE WHEN exporter=276 THEN importer ELSE exporter END partner, period_month IS NULL, product_level, sum(value_usd) FROM {src} WHERE period_year=2019 AND trade_flow IN ('X','M') AND ((exporter=276 AND importer<>276) OR (importer=276 AND exporter<>276)) GROUP BY ALL"
q2p=q2.replace("{src}", "{pairs_src}")
best=1e9
bestp=1e9
for _ in range(5):
    t=time.perf_counter(); con.execute(q1).fetchall(); con.execute(q2).fetchall(); best=min(best,time.perf_counter()-t)
    t=time.perf_counter(); con.execute(q1).fetchall(); con.execute(q2p).fetchall(); bestp=min(bestp,time.perf_counter()-t)
print(best, bestp)"#
        ),
    )
    .map(|n| n.and_then(|n| (n.len() == 2).then(|| (n[0], n[1]))))
}

/// Whole-process `bilat profile DEU FRA --year 2019`, seven warm runs, sorted, seconds.
fn cli_latency(exe: &Path, wh_dir: &Path) -> anyhow::Result<Vec<f64>> {
    let mut runs = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let st = Command::new(exe)
            .args([
                "--warehouse",
                &wh_dir.to_string_lossy(),
                "profile",
                "DEU",
                "FRA",
                "--year",
                "2019",
            ])
            .stdout(std::process::Stdio::null())
            .status()?;
        anyhow::ensure!(st.success(), "bilat profile failed in the benchmark");
        runs.push(t.elapsed().as_secs_f64());
    }
    runs.sort_by(f64::total_cmp);
    Ok(runs)
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map_or_else(
        || "n/a (python with duckdb not found; set BILAT_BENCH_PYTHON)".into(),
        |d| format!("{d:.2}s"),
    )
}

/// Runs a Python snippet that prints numbers (seconds); `None` when DuckDB is unavailable.
fn duckdb(python: &str, script: &str) -> anyhow::Result<Option<Vec<f64>>> {
    let out = match Command::new(python).arg("-c").arg(script).output() {
        Ok(o) => o,
        Err(_) => return Ok(None),
    };
    if !out.status.success() {
        printer::note(&format!(
            "duckdb side failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
        return Ok(None);
    }
    let numbers: Option<Vec<f64>> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(|w| w.parse().ok())
        .collect();
    Ok(numbers.filter(|n| !n.is_empty()))
}

/// Writes a BACI-layout year (`t,i,j,k,v,q`) with `rows` rows over ~220 countries and ~5,000
/// products: pair sizes follow a gravity-like skew, as in real BACI years.
fn generate_baci(path: &Path, rows: usize) -> anyhow::Result<()> {
    let countries: Vec<u16> = bilat_model::countries()
        .iter()
        .filter(|c| {
            c.code != 0 && c.alpha3.len() == 3 && c.alpha3.chars().all(|ch| ch.is_ascii_uppercase())
        })
        .map(|c| c.code)
        .take(220)
        .collect();
    anyhow::ensure!(
        countries.len() > 10,
        "the country table is too small to generate a benchmark"
    );
    // 5,000 product codes spread over the 96 chapters.
    let products: Vec<String> = (0..5000)
        .map(|n| {
            format!(
                "{:02}{:02}{:02}",
                1 + n % 96 + usize::from(n % 96 >= 76),
                1 + (n / 96) % 60,
                10 * (1 + n / 5760)
            )
        })
        .collect();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        rng = rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let baci = |iso: u16| match iso {
        250 => 251,
        578 => 579,
        356 => 699,
        756 => 757,
        840 => 842,
        c => c,
    };
    // Real BACI files are ordered by (t, i, j, k) in BACI's own codes; so is this one. The
    // gravity-like weights follow the country table's order, not the codes.
    let mut order: Vec<usize> = (0..countries.len()).collect();
    order.sort_by_key(|&c| baci(countries[c]));
    let n = countries.len();
    let weight: Vec<f64> = (0..n).map(|i| 1.0 / (1.0 + i as f64).powf(0.8)).collect();
    let pair_w: f64 = (0..n)
        .flat_map(|i| (0..n).filter(move |j| *j != i).map(move |j| (i, j)))
        .map(|(i, j)| weight[i] * weight[j])
        .sum();
    let mut f = std::io::BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
    );
    writeln!(f, "t,i,j,k,v,q")?;
    let mut written = 0usize;
    let mut codes: Vec<&str> = Vec::new();
    for &i in &order {
        for &j in &order {
            if i == j || written >= rows {
                continue;
            }
            let k = ((weight[i] * weight[j] / pair_w) * rows as f64).round() as usize;
            let k = k.clamp(1, products.len()).min(rows - written);
            let start = (next() % products.len() as u64) as usize;
            codes.clear();
            codes.extend((0..k).map(|p| products[(start + p * 7) % products.len()].as_str()));
            codes.sort_unstable();
            for code in &codes {
                let v = (next() % 10_000_000) as f64 / 1000.0 + 0.001;
                let q = (next() % 1_000_000) as f64 / 100.0;
                writeln!(
                    f,
                    "2019,{},{},{code},{v:.3},{q:.2}",
                    baci(countries[i]),
                    baci(countries[j])
                )?;
            }
            written += k;
        }
    }
    f.flush()?;
    Ok(())
}
