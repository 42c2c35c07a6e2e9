//! Times `read_baci` (or another reader) on a file or folder: `cargo run --release --example
//! read_timing -- PATH [baci|comtrade|ots|series]`. Prints rows, batches and seconds to stderr.
#![allow(clippy::print_stderr)]

use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .ok_or("usage: read_timing PATH [baci|comtrade|ots|series]")?,
    );
    let kind = args.next().unwrap_or_else(|| "baci".to_string());
    let opts = bilat_ingest::ReadOptions::default();
    let start = Instant::now();
    let import = match kind.as_str() {
        "baci" => bilat_ingest::read_baci(&path, &opts)?,
        "comtrade" => bilat_ingest::read_comtrade(&path, &opts)?,
        "ots" => bilat_ingest::read_ots(&path, &opts)?,
        _ => bilat_ingest::read_series(&path, &opts)?,
    };
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{}: {} rows read, {} flow rows in {} batches, {} rejects, {secs:.3} s",
        path.display(),
        import.rows_read,
        import.flow_rows(),
        import.flows.len(),
        import.rejects.len()
    );
    Ok(())
}
