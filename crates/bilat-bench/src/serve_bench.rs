//! `bilat-bench serve`: `bilat serve` under load from `wrk` on loopback (issue 12, "Load and
//! reliability"), client and server on the same machine, in one run:
//!
//! 1. profile, warm: 64 pairs the answer cache already holds, rotated;
//! 2. profile, cold: every request a pair and year not asked before (answer cache misses);
//! 3. the brief (html, warm) and `POST /check` with the seed text, each text made distinct by
//!    a counter so the answer cache never hits (the engine's query memo still does, as it would
//!    for different news texts about the same pairs);
//! 4. a long warm run without an import, the server's RSS sampled every 5 s (memory must not
//!    grow);
//! 5. a long warm run with an import committed half-way (errors must stay 0; the answers after
//!    the commit come from the new catalog), sampling the server's RSS before and after.
//!
//! Each row: requests/s, p50 and p99 latency, non-2xx answers and socket errors as wrk counts
//! them. Needs `wrk` (Debian's package).

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};

/// Options of the run.
pub struct ServeBench {
    /// The `bilat` binary.
    pub bilat: PathBuf,
    /// Seconds per measured run.
    pub seconds: u64,
    /// Seconds of the long run with the import.
    pub long_seconds: u64,
    /// Connections wrk keeps open.
    pub connections: u32,
    /// The claim-check text.
    pub seed: PathBuf,
    /// A file `bilat import ots` commits during the long run.
    pub import_file: Option<PathBuf>,
}

/// One wrk result.
struct Row {
    name: String,
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    requests: u64,
    non_2xx: u64,
    socket_errors: u64,
}

/// The server under test, killed on drop.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(bilat: &Path, wh: &Path) -> anyhow::Result<Server> {
    let mut child = Command::new(bilat)
        .args(["--warehouse"])
        .arg(wh)
        .args(["serve", "--addr", "127.0.0.1:0", "--max-in-flight", "256"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", bilat.display()))?;
    let stderr = child.stderr.take().context("server stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    let url = loop {
        let Some(line) = lines.next() else {
            bail!("the server exited before printing its address");
        };
        let line = line?;
        if let Some(rest) = line.split("http://").nth(1) {
            let host = rest.split('/').next().unwrap_or_default();
            break format!("http://{host}");
        }
    };
    std::thread::spawn(move || for _ in lines.by_ref() {});
    Ok(Server { child, url })
}

/// Milliseconds of a wrk latency like `1.23ms`, `850.00us`, `1.02s`.
fn ms(s: &str) -> Option<f64> {
    let s = s.trim();
    let (num, mul) = if let Some(v) = s.strip_suffix("us") {
        (v, 1e-3)
    } else if let Some(v) = s.strip_suffix("ms") {
        (v, 1.0)
    } else if let Some(v) = s.strip_suffix('s') {
        (v, 1e3)
    } else {
        return None;
    };
    num.parse::<f64>().ok().map(|v| v * mul)
}

/// Runs wrk with a Lua script and reads its summary.
fn wrk(
    name: &str,
    url: &str,
    script: &Path,
    seconds: u64,
    connections: u32,
) -> anyhow::Result<Row> {
    let out = Command::new("wrk")
        .args([
            "-t",
            "1",
            "-c",
            &connections.to_string(),
            "-d",
            &format!("{seconds}s"),
        ])
        .args(["--latency", "--timeout", "10s", "-s"])
        .arg(script)
        .arg(url)
        .output()
        .context("running wrk (install Debian's wrk)")?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        bail!(
            "wrk failed: {}{}",
            text,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut row = Row {
        name: name.into(),
        rps: 0.0,
        p50_ms: f64::NAN,
        p99_ms: f64::NAN,
        requests: 0,
        non_2xx: 0,
        socket_errors: 0,
    };
    for line in text.lines() {
        let t = line.trim();
        let words: Vec<&str> = t.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", v] => row.rps = v.parse().unwrap_or(0.0),
            ["50%", v] => row.p50_ms = ms(v).unwrap_or(f64::NAN),
            ["99%", v] => row.p99_ms = ms(v).unwrap_or(f64::NAN),
            ["Non-2xx", "or", "3xx", "responses:", v] => row.non_2xx = v.parse().unwrap_or(0),
            [n, "requests", "in", ..] => row.requests = n.parse().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                row.socket_errors = rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum();
            }
            _ => {}
        }
    }
    Ok(row)
}

/// A Lua script that cycles through `paths` (GET), or POSTs `body` made distinct per request.
fn script(
    dir: &Path,
    name: &str,
    paths: &[String],
    post_body: Option<&str>,
) -> anyhow::Result<PathBuf> {
    let mut lua = String::from("local paths = {\n");
    for p in paths {
        let _ = writeln!(lua, "  {:?},", p);
    }
    lua.push_str("}\nlocal i = 0\n");
    match post_body {
        None => lua.push_str(
            "request = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n",
        ),
        Some(body) => {
            let _ = writeln!(lua, "local body = {:?}", body);
            lua.push_str(
                "local thread_id = tostring(math.random(1, 1000000000))\n\
                 request = function()\n  i = i + 1\n  \
                 return wrk.format(\"POST\", paths[1], {[\"Content-Type\"] = \"text/plain\"}, body .. \"\\n\\n(\" .. thread_id .. \"-\" .. i .. \")\")\nend\n",
            );
        }
    }
    let path = dir.join(format!("{name}.lua"));
    std::fs::write(&path, lua)?;
    Ok(path)
}

/// The rows as a Markdown table.
fn table(rows: &[Row]) -> String {
    let mut o = String::from(
        "| run | requests | req/s | p50 ms | p99 ms | non-2xx | socket errors |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for r in rows {
        let _ = writeln!(
            o,
            "| {} | {} | {:.0} | {:.2} | {:.2} | {} | {} |",
            r.name, r.requests, r.rps, r.p50_ms, r.p99_ms, r.non_2xx, r.socket_errors
        );
    }
    o
}

/// The long warm run without an import, sampling the server's RSS every 5 s: its row and the
/// samples in words.
fn steady_run(
    b: &ServeBench,
    server: &Server,
    url: &str,
    script: &Path,
) -> anyhow::Result<(Row, String)> {
    let (url, script, conns, secs) = (
        url.to_string(),
        script.to_path_buf(),
        b.connections,
        b.long_seconds,
    );
    let load = std::thread::spawn(move || {
        wrk(
            "profile, warm, long run without an import (memory)",
            &url,
            &script,
            secs,
            conns,
        )
    });
    let mut samples = vec![];
    while !load.is_finished() {
        std::thread::sleep(Duration::from_secs(5));
        samples.extend(rss_kib(server.child.id()));
    }
    let row = load
        .join()
        .map_err(|_| anyhow::anyhow!("the load thread panicked"))??;
    Ok((row, rss_note(&samples)))
}

/// RSS samples (KiB, every 5 s) in words: first, highest, last, and the change from the first
/// sample of the second half to the last.
fn rss_note(samples: &[u64]) -> String {
    let mib = |k: u64| k as f64 / 1024.0;
    let (Some(first), Some(last)) = (samples.first(), samples.last()) else {
        return "no samples".into();
    };
    let max = samples.iter().max().copied().unwrap_or(0);
    let mid = samples[samples.len() / 2];
    format!(
        "{} samples; first {:.1} MiB, highest {:.1}, last {:.1}; second half {:+.1} MiB",
        samples.len(),
        mib(*first),
        mib(max),
        mib(*last),
        mib(*last) - mib(mid)
    )
}

/// Resident memory of a process, KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// GET over a fresh connection; the status code.
fn get_status(url: &str) -> anyhow::Result<u16> {
    let out = Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", url])
        .output()
        .context("curl")?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0))
}

/// Ordered pairs (alpha-3) with goods flows in every year 2015–2019, largest first, from the
/// warehouse itself (`bilat sql`), so every URL of the runs has an answer.
fn loaded_pairs(bilat: &Path, wh: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let out = Command::new(bilat)
        .arg("--warehouse")
        .arg(wh)
        .args([
            "sql",
            "SELECT exporter, importer FROM pairs WHERE product_level = 0 OR product_level = 6 \
             GROUP BY exporter, importer HAVING count(DISTINCT period_year) = 5 \
             ORDER BY sum(value_usd) DESC LIMIT 2000",
            "--format",
            "csv",
        ])
        .output()?;
    if !out.status.success() {
        bail!("listing pairs: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let alpha = |s: &str| {
        s.trim()
            .parse::<u16>()
            .ok()
            .and_then(bilat_model::country_by_code)
            .map(|c| c.alpha3.to_string())
    };
    let pairs: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .filter_map(|(a, b)| Some((alpha(a)?, alpha(b)?)))
        .filter(|(a, b)| a != b)
        .collect();
    if pairs.len() < 64 {
        bail!("only {} pairs with data in every year", pairs.len());
    }
    Ok(pairs)
}

/// Runs the benchmark; the report as Markdown.
pub fn run(b: &ServeBench) -> anyhow::Result<String> {
    let dir = std::env::temp_dir().join(format!("bilat-bench-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let wh = dir.join("warehouse");
    let st = Command::new(&b.bilat)
        .arg("--warehouse")
        .arg(&wh)
        .arg("demo")
        .status()?;
    if !st.success() {
        bail!("bilat demo failed");
    }
    let server = start_server(&b.bilat, &wh)?;
    let url = server.url.clone();
    let pairs = loaded_pairs(&b.bilat, &wh)?;
    let profile =
        |a: &str, c: &str, y: i32| format!("/api/v1/profile?reporter={a}&partner={c}&year={y}");

    // 1. Warm: 64 pairs, each asked once before the run.
    let warm: Vec<String> = pairs
        .iter()
        .take(64)
        .map(|(a, c)| profile(a, c, 2018))
        .collect();
    for p in &warm {
        let s = get_status(&format!("{url}{p}"))?;
        if s != 200 {
            bail!("warm-up {p}: status {s}");
        }
    }
    let mut rows = Vec::new();
    let rss_start = rss_kib(server.child.id());
    rows.push(wrk(
        "profile, warm (64 pairs, cached answers)",
        &url,
        &script(&dir, "warm", &warm, None)?,
        b.seconds,
        b.connections,
    )?);
    // 2. Cold: pairs × years never asked (4 years × 462 ordered pairs; no repeats within the run
    //    unless it is faster than the list is long, which the report would show as requests
    //    above the list's length).
    let cold: Vec<String> = [2016, 2017, 2019, 2015]
        .iter()
        .flat_map(|y| pairs.iter().map(move |(a, c)| profile(a, c, *y)))
        .collect();
    let mut r = wrk(
        "profile, cold (distinct pairs × years)",
        &url,
        &script(&dir, "cold", &cold, None)?,
        b.seconds,
        b.connections,
    )?;
    if r.requests as usize > cold.len() {
        r.name = format!(
            "{} — {} of {} requests repeated a URL",
            r.name,
            r.requests as usize - cold.len(),
            r.requests
        );
    }
    rows.push(r);
    // 3. Brief (html, warm) and /check with distinct texts.
    let brief = "/api/v1/brief?reporter=BLR&partner=KAZ&year=2018&format=html".to_string();
    get_status(&format!("{url}{brief}"))?;
    rows.push(wrk(
        "brief html, warm",
        &url,
        &script(&dir, "brief", &[brief], None)?,
        b.seconds,
        b.connections,
    )?);
    let seed = std::fs::read_to_string(&b.seed)
        .with_context(|| format!("reading {}", b.seed.display()))?;
    rows.push(wrk(
        "POST /check seed text (each text distinct)",
        &url,
        &script(&dir, "check", &["/api/v1/check".to_string()], Some(&seed))?,
        b.seconds,
        b.connections.min(8),
    )?);
    // 4. Memory: a long warm run without an import, the server's RSS sampled every 5 s (no
    //    growth: the answers are cached, so a leak per request would show as a climb).
    let (steady, steady_note) =
        steady_run(b, &server, &url, &script(&dir, "steady", &warm, None)?)?;
    rows.push(steady);

    // 5. Long warm run with an import half-way.
    let long_script = script(&dir, "long", &warm, None)?;
    let (url2, conns, secs) = (url.clone(), b.connections, b.long_seconds);
    let load = std::thread::spawn(move || {
        wrk(
            "profile, warm, long run with an import committed half-way",
            &url2,
            &long_script,
            secs,
            conns,
        )
    });
    let mut import_note = String::from("no import file given");
    if let Some(f) = &b.import_file {
        std::thread::sleep(Duration::from_secs(b.long_seconds / 2));
        let st = Command::new(&b.bilat)
            .arg("--warehouse")
            .arg(&wh)
            .args(["import", "ots"])
            .arg(f)
            .stderr(Stdio::null())
            .status()?;
        import_note = format!(
            "`bilat import ots {}` during the run: {}",
            f.display(),
            if st.success() { "committed" } else { "FAILED" }
        );
    }
    let long = load
        .join()
        .map_err(|_| anyhow::anyhow!("the load thread panicked"))??;
    rows.push(long);
    let rss_end = rss_kib(server.child.id());
    let after = get_status(&format!("{url}/api/v1/catalog"))?;

    let mut o = table(&rows);
    let _ = writeln!(
        o,
        "\nwrk 1 thread, {} connections ({} for /check), {} s per run, {} s long run; client and server on one machine ({} cores).",
        b.connections,
        b.connections.min(8),
        b.seconds,
        b.long_seconds,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let _ = writeln!(
        o,
        "server RSS during the run without an import: {steady_note}."
    );
    let _ = writeln!(o, "{import_note}; /api/v1/catalog afterwards: {after}.");
    let _ = writeln!(
        o,
        "server RSS: {} MiB after warm-up, {} MiB at the end.",
        rss_start.map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0)),
        rss_end.map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0)),
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrk_latencies_in_milliseconds() {
        assert_eq!(ms("850.00us"), Some(0.85));
        assert_eq!(ms("1.50ms"), Some(1.5));
        assert_eq!(ms("2.00s"), Some(2000.0));
        assert_eq!(ms("fast"), None);
    }

    #[test]
    fn rss_samples_in_words() {
        assert_eq!(rss_note(&[]), "no samples");
        assert_eq!(
            rss_note(&[1024, 2048, 2048, 3072]),
            "4 samples; first 1.0 MiB, highest 3.0, last 3.0; second half +1.0 MiB"
        );
    }
}
