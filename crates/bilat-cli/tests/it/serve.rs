//! `bilat serve` end to end (issue 12): the binary listening on loopback, spoken to over a
//! real socket. API answers equal the CLI's `--format json` bytes; every error path has its
//! status and JSON body; ETags and 304; a commit while the server runs is seen by the next
//! request, and readers during an import see the old catalog or the new one, never a mix;
//! imports over HTTP need the token; SIGTERM stops the server cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{data_dir, demo_warehouse, empty_warehouse, ok};

/// A running `bilat serve`, killed on drop.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(wh: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bilat"))
            .arg("--warehouse")
            .arg(wh)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .env_remove("BILAT_WAREHOUSE")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bilat serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let addr = loop {
            let line = lines
                .next()
                .expect("bilat serve prints its address")
                .expect("stderr line");
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.split('/').next().expect("host:port").to_string();
            }
        };
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Server { child, addr }
    }

    fn get(&self, path: &str) -> Reply {
        http(&self.addr, "GET", path, &[], b"")
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        http(&self.addr, method, path, headers, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP answer.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8 body")
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The error code of an error answer, checking the body's shape.
    fn error_code(&self) -> String {
        let j = self.json();
        let e = &j["error"];
        assert!(e["message"].is_string(), "error without message: {j}");
        assert!(e["fault"].is_string(), "error without fault: {j}");
        e["code"].as_str().expect("error code").to_string()
    }
}

/// One HTTP/1.1 request with `Connection: close`.
fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let body = raw[split + 4..].to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn seed() -> std::path::PathBuf {
    data_dir().join("../seed/belta-belarus-kazakhstan-2019.txt")
}

/// Asserts the API's bytes equal the CLI's for each (path, CLI arguments).
fn assert_same(server: &Server, wh: &Path, cases: &[(String, Vec<&str>)]) {
    for (path, args) in cases {
        let r = server.get(path);
        assert_eq!(
            r.status,
            200,
            "{path}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let cli = ok(wh, args);
        assert!(
            r.text() == cli,
            "{path} differs from bilat {args:?}:\n--- api\n{}\n--- cli\n{cli}",
            r.text()
        );
    }
}

#[test]
fn api_answers_equal_the_cli_json_on_the_demo() {
    let wh = demo_warehouse();
    let s = Server::start(wh, &[]);
    let q = "reporter=BLR&partner=KAZ&year=2018";
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            format!("/api/v1/profile?{q}"),
            vec![
                "profile", "BLR", "KAZ", "--year", "2018", "--format", "json",
            ],
        ),
        (
            format!(
                "/api/v1/profile?reporter={}&partner=KAZ&year=2018&months=1-6&level=6&top=3&view=mirror",
                enc("Беларусь")
            ),
            vec![
                "profile",
                "Беларусь",
                "KAZ",
                "--year",
                "2018",
                "--months",
                "1-6",
                "--level",
                "6",
                "--top",
                "3",
                "--view",
                "mirror",
                "--format",
                "json",
            ],
        ),
        (
            format!("/api/v1/profile.csv?{q}"),
            vec!["profile", "BLR", "KAZ", "--year", "2018", "--format", "csv"],
        ),
        (
            format!("/api/v1/brief?{q}"),
            vec!["brief", "BLR", "KAZ", "--year", "2018", "--format", "json"],
        ),
        (
            format!("/api/v1/brief?{q}&lang=ru&format=html"),
            vec![
                "brief", "BLR", "KAZ", "--year", "2018", "--lang", "ru", "--format", "html",
            ],
        ),
        (
            format!("/api/v1/indicators?{q}"),
            vec![
                "indicators",
                "BLR",
                "KAZ",
                "--year",
                "2018",
                "--format",
                "json",
            ],
        ),
        (
            format!("/api/v1/potential?{q}"),
            vec![
                "potential",
                "BLR",
                "KAZ",
                "--year",
                "2018",
                "--format",
                "json",
            ],
        ),
        (
            format!("/api/v1/potential?{q}&method=gravity"),
            vec![
                "potential",
                "BLR",
                "KAZ",
                "--year",
                "2018",
                "--method",
                "gravity",
                "--format",
                "json",
            ],
        ),
        (
            "/api/v1/partners?reporter=BLR&year=2018&flow=turnover&top=5".into(),
            vec![
                "partners", "BLR", "--year", "2018", "--flow", "turnover", "--top", "5",
                "--format", "json",
            ],
        ),
        (
            "/api/v1/history?reporter=BLR&partner=KAZ&from=2016&to=2018".into(),
            vec![
                "history", "BLR", "KAZ", "--from", "2016", "--to", "2018", "--format", "json",
            ],
        ),
        (
            "/api/v1/history.csv?reporter=BLR&partner=KAZ".into(),
            vec!["history", "BLR", "KAZ", "--format", "csv"],
        ),
        (
            "/api/v1/catalog".into(),
            vec!["catalog", "--format", "json"],
        ),
    ];
    assert_same(&s, wh, &cases);

    // The seed's figures are in the profile the dashboard shows.
    let p = s.get(&format!("/api/v1/profile?{q}")).json();
    assert_eq!(
        (p["exports"]["value_usd"].as_f64().unwrap() / 1e5).round(),
        7837.0
    );
    assert_eq!(
        (p["turnover"]["value_usd"].as_f64().unwrap() / 1e5).round(),
        8960.0
    );

    // POST /check: the text as text/plain, or JSON {text, lang}.
    let text = std::fs::read(seed()).expect("seed text");
    let cli = ok(wh, &["check", seed().to_str().unwrap(), "--format", "json"]);
    let plain = s.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "text/plain")],
        &text,
    );
    assert_eq!(plain.status, 200, "{}", plain.text());
    assert_eq!(plain.text(), cli);
    let body = serde_json::json!({"text": String::from_utf8(text).unwrap(), "lang": "en"});
    let j = s.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    );
    assert_eq!(j.status, 200, "{}", j.text());
    let supported = j.json()["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["verdict"] == "supported")
        .count();
    assert_eq!(supported, 17, "the seed's supported claims");
    // The same claims as CSV, as the CLI writes them.
    let cli_csv = ok(wh, &["check", seed().to_str().unwrap(), "--format", "csv"]);
    let csv = s.request(
        "POST",
        "/api/v1/check?format=csv",
        &[("Content-Type", "text/plain")],
        &std::fs::read(seed()).expect("seed text"),
    );
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert_eq!(csv.text(), cli_csv);
    assert!(cli_csv.starts_with("n,verdict,claim,measure,subject,period,value,evidence\n"));
}

#[test]
fn api_answers_equal_the_cli_on_real_ots_and_comtrade_data() {
    let wh = empty_warehouse();
    let d = data_dir();
    for (kind, f) in [
        ("ots", d.join("ots/yrpc_y-2002_r-chl_p-arg_c-all.csv")),
        ("ots", d.join("ots/yrpc_y-2004_r-chl_p-arg_c-all.csv")),
        ("comtrade", d.join("comtrade/plus_tha_shrimp_2007_2011.csv")),
    ] {
        ok(wh.path(), &["import", kind, f.to_str().unwrap()]);
    }
    let s = Server::start(wh.path(), &[]);
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            "/api/v1/profile?reporter=Chile&partner=Argentina&year=2004&level=4".into(),
            vec![
                "profile",
                "Chile",
                "Argentina",
                "--year",
                "2004",
                "--level",
                "4",
                "--format",
                "json",
            ],
        ),
        (
            "/api/v1/history?reporter=CHL&partner=ARG".into(),
            vec!["history", "CHL", "ARG", "--format", "json"],
        ),
        (
            "/api/v1/profile?reporter=THA&partner=USA&year=2010".into(),
            vec![
                "profile", "THA", "USA", "--year", "2010", "--format", "json",
            ],
        ),
        (
            "/api/v1/partners?reporter=THA&year=2010&top=10".into(),
            vec![
                "partners", "THA", "--year", "2010", "--top", "10", "--format", "json",
            ],
        ),
        (
            "/api/v1/history?reporter=THA&partner=USA&from=2008".into(),
            vec![
                "history", "THA", "USA", "--from", "2008", "--format", "json",
            ],
        ),
    ];
    assert_same(&s, wh.path(), &cases);
    // Thailand's shrimp partners: the USA first, as in the profile's partner position.
    let p = s.get("/api/v1/partners?reporter=THA&year=2010").json();
    assert_eq!(p["partners"][0]["code"], "USA");
    assert_eq!(p["partners"][0]["rank"], 1);
}

#[test]
fn every_error_path_has_its_status_and_json_body() {
    let wh = demo_warehouse();
    let s = Server::start(wh, &["--max-in-flight", "64"]);
    let q = "partner=KAZ&year=2018";
    let cases: Vec<(&str, String, u16, &str)> = vec![
        (
            "GET",
            format!("/api/v1/profile?reporter=Belarsu&{q}"),
            400,
            "unknown_country",
        ),
        ("GET", format!("/api/v1/profile?{q}"), 400, "bad_parameter"),
        (
            "GET",
            "/api/v1/profile?reporter=BLR&partner=KAZ&year=twenty".into(),
            400,
            "bad_parameter",
        ),
        (
            "GET",
            "/api/v1/profile?reporter=BLR&partner=KAZ&year=1066".into(),
            400,
            "bad_parameter",
        ),
        (
            "GET",
            "/api/v1/profile?reporter=BLR&partner=KAZ&year=2018&level=5".into(),
            400,
            "bad_parameter",
        ),
        (
            "GET",
            "/api/v1/profile?reporter=BLR&partner=KAZ&year=2018&months=13".into(),
            400,
            "bad_parameter",
        ),
        (
            "GET",
            "/api/v1/profile?reporter=BLR&partner=KAZ&year=2018&yaer=1".into(),
            400,
            "bad_parameter",
        ),
        (
            "GET",
            "/api/v1/profile?reporter=BLR&partner=KAZ&year=2018&top=99999999".into(),
            400,
            "bad_parameter",
        ),
        (
            "GET",
            "/api/v1/profile?reporter=BLR&partner=BLR&year=2018".into(),
            400,
            "bad_request",
        ),
        (
            "GET",
            "/api/v1/profile?reporter=BLR&partner=KAZ&year=2030".into(),
            404,
            "no_data",
        ),
        (
            "GET",
            "/api/v1/history?reporter=BLR&partner=KAZ&from=2019&to=2015".into(),
            400,
            "bad_request",
        ),
        (
            "GET",
            "/api/v1/brief?reporter=BLR&partner=KAZ&year=2018&format=pdf".into(),
            400,
            "bad_parameter",
        ),
        (
            "GET",
            "/api/v1/potential?reporter=BLR&partner=KAZ&year=2018&method=magic".into(),
            400,
            "bad_parameter",
        ),
        (
            "GET",
            "/api/v1/partners?reporter=BLR&year=2018&flow=sideways".into(),
            400,
            "bad_parameter",
        ),
        ("GET", "/api/v1/nothing-here".into(), 404, "not_found"),
        (
            "DELETE",
            "/api/v1/profile".into(),
            405,
            "method_not_allowed",
        ),
        ("POST", "/api/v1/import/baci".into(), 404, "not_found"),
        ("POST", "/api/v1/check".into(), 400, "bad_parameter"),
    ];
    for (method, path, status, code) in cases {
        let r = s.request(method, &path, &[], b"");
        assert_eq!(r.status, status, "{method} {path}: {}", r.text());
        assert_eq!(r.error_code(), code, "{method} {path}");
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("application/json")),
            "{path}"
        );
    }
    // Suggestions for a misspelt country.
    let r = s.get(&format!("/api/v1/profile?reporter=Belarsu&{q}"));
    assert!(
        r.json()["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("Belarus")
    );
    // Bodies: not UTF-8, over the 2 MB limit, JSON of the wrong shape.
    let r = s.request("POST", "/api/v1/check", &[], &[0xff, 0xfe, 0x41]);
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_parameter"));
    let big = vec![b'a'; 3 << 20];
    let r = s.request("POST", "/api/v1/check", &[], &big);
    assert_eq!((r.status, r.error_code().as_str()), (413, "too_large"));
    let r = s.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "application/json")],
        b"{\"txt\": 1}",
    );
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_parameter"));
    // The server is still answering after all of that.
    assert_eq!(s.get("/healthz").status, 200);
}

#[test]
fn etags_304_and_a_commit_seen_without_a_restart() {
    let wh = empty_warehouse();
    let d = data_dir().join("ots");
    let f2002 = d.join("yrpc_y-2002_r-chl_p-arg_c-all.csv");
    let f2004 = d.join("yrpc_y-2004_r-chl_p-arg_c-all.csv");
    ok(wh.path(), &["import", "ots", f2002.to_str().unwrap()]);
    let s = Server::start(wh.path(), &[]);
    let path = "/api/v1/profile?reporter=CHL&partner=ARG&year=2002&level=4";
    let first = s.get(path);
    assert_eq!(first.status, 200);
    let etag = first.header("etag").expect("an ETag").to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "strong: {etag}"
    );
    let again = s.request("GET", path, &[("If-None-Match", &etag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(
        s.get("/api/v1/profile?reporter=CHL&partner=ARG&year=2004")
            .status,
        404
    );

    // A CLI import while the server runs: the next request sees it.
    ok(wh.path(), &["import", "ots", f2004.to_str().unwrap()]);
    let now = s.get("/api/v1/profile?reporter=CHL&partner=ARG&year=2004&level=4");
    assert_eq!(now.status, 200, "{}", now.text());
    assert_eq!(
        now.text(),
        ok(
            wh.path(),
            &[
                "profile", "CHL", "ARG", "--year", "2004", "--level", "4", "--format", "json"
            ]
        )
    );
    let stale = s.request("GET", path, &[("If-None-Match", &etag)], b"");
    assert_eq!(stale.status, 200, "a new catalog makes the old tag stale");
    assert_ne!(stale.header("etag"), Some(etag.as_str()));
    assert_eq!(
        s.get("/api/v1/catalog").json()["imports"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn imports_over_http_need_the_token_and_commit_atomically() {
    let wh = empty_warehouse();
    let token_dir = tempfile::tempdir().unwrap();
    let token_file = token_dir.path().join("token");
    std::fs::write(&token_file, "s3cret-token-for-tests-0123456789\n").unwrap();
    let s = Server::start(
        wh.path(),
        &[
            "--allow-import",
            "--token-file",
            token_file.to_str().unwrap(),
        ],
    );
    let before = s.get("/api/v1/catalog").json()["imports"]
        .as_array()
        .unwrap()
        .len();
    let f = data_dir().join("ots/yrpc_y-2002_r-chl_p-arg_c-all.csv");
    let bytes = std::fs::read(&f).unwrap();
    let path = "/api/v1/import/ots?filename=yrpc_y-2002_r-chl_p-arg_c-all.csv";
    let r = s.request("POST", path, &[], &bytes);
    assert_eq!((r.status, r.error_code().as_str()), (401, "unauthorized"));
    let r = s.request(
        "POST",
        path,
        &[("Authorization", "Bearer wrong-token-wrong-token")],
        &bytes,
    );
    assert_eq!((r.status, r.error_code().as_str()), (403, "forbidden"));
    let auth = ("Authorization", "Bearer s3cret-token-for-tests-0123456789");
    let r = s.request("POST", "/api/v1/import/gold", &[auth], &bytes);
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_parameter"));
    // A malformed upload: a located error, nothing committed.
    let r = s.request("POST", path, &[auth], b"year,reporter_iso\n2002,chl,1\n");
    assert_eq!(r.status / 100, 4, "{}", r.text());
    assert!(
        !r.text().contains("uploads/"),
        "the error names the server's temporary path: {}",
        r.text()
    );
    assert_eq!(
        s.get("/api/v1/catalog").json()["imports"]
            .as_array()
            .unwrap()
            .len(),
        before
    );

    let r = s.request("POST", path, &[auth], &bytes);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "committed");
    assert_eq!(r.json()["source"], "ots");
    let imports = s.get("/api/v1/catalog").json()["imports"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(imports, before + 1);
    // The catalog names the upload as the client sent it, not by the server's temporary path.
    let catalog = s.get("/api/v1/catalog").json();
    let input = &catalog["imports"][before]["inputs"][0]["path"];
    assert_eq!(input, "(uploaded) yrpc_y-2002_r-chl_p-arg_c-all.csv");
    let p = s.get("/api/v1/profile?reporter=CHL&partner=ARG&year=2002&level=4");
    assert_eq!(p.status, 200);
    let r = s.request("POST", path, &[auth], &bytes);
    assert_eq!(r.json()["status"], "already_imported");
    // Uploads are removed after the commit.
    let uploads = wh.path().join("uploads");
    let left: Vec<_> = std::fs::read_dir(&uploads)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "leftover uploads: {left:?}");
}

#[test]
fn readers_during_an_import_see_the_old_or_the_new_catalog() {
    let wh = empty_warehouse();
    let d = data_dir().join("ots");
    ok(
        wh.path(),
        &[
            "import",
            "ots",
            d.join("yrpc_y-2002_r-chl_p-arg_c-all.csv")
                .to_str()
                .unwrap(),
        ],
    );
    let s = Server::start(wh.path(), &[]);
    let addr = s.addr.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..3)
        .map(|i| {
            let (addr, stop) = (addr.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = if i == 0 {
                        "/api/v1/catalog".to_string()
                    } else {
                        "/api/v1/history?reporter=CHL&partner=ARG".to_string()
                    };
                    let r = http(&addr, "GET", &path, &[], b"");
                    assert_eq!(
                        r.status,
                        200,
                        "{path}: {}",
                        String::from_utf8_lossy(&r.body)
                    );
                    let j: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
                    let n = if i == 0 {
                        j["imports"].as_array().unwrap().len()
                    } else {
                        j["years"].as_array().unwrap().len()
                    };
                    seen.push(n);
                }
                seen
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    ok(
        wh.path(),
        &[
            "import",
            "ots",
            d.join("yrpc_y-2004_r-chl_p-arg_c-all.csv")
                .to_str()
                .unwrap(),
        ],
    );
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for (i, h) in readers.into_iter().enumerate() {
        let seen = h.join().expect("reader");
        assert!(!seen.is_empty());
        // Old (1 import / 1 year) or new (2 / 2), and once new, never old again.
        assert!(
            seen.iter().all(|n| *n == 1 || *n == 2),
            "reader {i}: {seen:?}"
        );
        let first_new = seen.iter().position(|n| *n == 2).unwrap_or(seen.len());
        assert!(
            seen[first_new..].iter().all(|n| *n == 2),
            "reader {i} went back: {seen:?}"
        );
        assert_eq!(seen.last(), Some(&2), "reader {i} saw the commit");
    }
}

#[test]
fn serve_refuses_a_short_token_and_stops_cleanly_on_sigterm() {
    let wh = demo_warehouse();
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("t");
    std::fs::write(&short, "abc").unwrap();
    let out = crate::common::bilat(
        wh,
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--allow-import",
            "--token-file",
            short.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = crate::common::bilat(wh, &["serve", "--allow-import"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "usage: --allow-import needs --token-file"
    );

    let mut s = Server::start(wh, &[]);
    assert_eq!(s.get("/healthz").status, 200);
    let pid = s.child.id().to_string();
    // The shell's own `kill`: a minimal image may lack procps' /bin/kill.
    let killed = Command::new("sh")
        .args(["-c", &format!("kill -TERM {pid}")])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = s.child.wait().expect("the server exits");
    assert!(status.success(), "SIGTERM is a clean stop: {status:?}");
}

/// Every typed answer of the demo conforms to the schema `/api/openapi.json` publishes for it,
/// strictly: each key of the answer is a declared property (nothing undocumented), each
/// required property is there, and every value has the declared type — so a generated client
/// reads what the server sends.
#[test]
fn typed_answers_conform_to_the_published_openapi_schemas() {
    let wh = demo_warehouse();
    let s = Server::start(wh, &[]);
    let doc = s.get("/api/openapi.json").json();
    let q = "reporter=BLR&partner=KAZ&year=2018";
    let cases = [
        ("/api/v1/profile", format!("?{q}")),
        (
            "/api/v1/profile",
            "?reporter=BLR&partner=World&year=2018&months=1-6".into(),
        ),
        ("/api/v1/brief", format!("?{q}&format=json&lang=ru")),
        ("/api/v1/indicators", format!("?{q}")),
        ("/api/v1/potential", format!("?{q}")),
        ("/api/v1/potential", format!("?{q}&method=gravity")),
        (
            "/api/v1/partners",
            "?reporter=BLR&year=2018&flow=imports".into(),
        ),
        (
            "/api/v1/history",
            "?reporter=BLR&partner=KAZ&from=2015".into(),
        ),
        ("/api/v1/countries", format!("?q={}", enc("бел"))),
        ("/api/v1/products", "?q=tractor".into()),
        ("/api/v1/catalog", String::new()),
    ];
    for (path, query) in cases {
        let r = s.get(&format!("{path}{query}"));
        assert_eq!(r.status, 200, "{path}{query}: {}", r.text());
        let schema =
            &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(
            schema.is_object(),
            "{path}: no JSON schema for its 200 answer"
        );
        let mut problems = vec![];
        openapi_schema::check(&doc, schema, &r.json(), "$", &mut problems);
        assert!(
            problems.is_empty(),
            "{path}{query} does not conform:\n{}",
            problems.join("\n")
        );
    }
    // The checker itself rejects what it must (an undeclared key, a wrong type, a missing key).
    let profile_schema = &doc["paths"]["/api/v1/profile"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    let mut answer = s.get(&format!("/api/v1/profile?{q}")).json();
    answer["undocumented"] = serde_json::json!(1);
    answer["year"] = serde_json::json!("2018");
    answer.as_object_mut().unwrap().remove("exports");
    let mut problems = vec![];
    openapi_schema::check(&doc, profile_schema, &answer, "$", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:?}");
}

/// A strict checker of JSON values against the OpenAPI 3.1 schemas utoipa writes: `$ref`,
/// `type` (one or several, `null` included), `properties`/`required`, `items`, `oneOf`,
/// `allOf`, `enum`.
mod openapi_schema {
    use serde_json::Value;

    pub fn check(doc: &Value, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
        if let Some(r) = schema["$ref"].as_str() {
            let name = r.trim_start_matches("#/components/schemas/");
            let target = &doc["components"]["schemas"][name];
            assert!(target.is_object(), "dangling $ref {r}");
            return check(doc, target, v, at, out);
        }
        if let Some(all) = schema["allOf"].as_array() {
            // `#[serde(flatten)]`: one object whose properties are those of all the parts.
            let mut merged =
                serde_json::json!({"type": "object", "properties": {}, "required": []});
            for part in all {
                let part = resolve(doc, part);
                for (k, p) in part["properties"].as_object().into_iter().flatten() {
                    merged["properties"][k] = p.clone();
                }
                for r in part["required"].as_array().into_iter().flatten() {
                    merged["required"].as_array_mut().unwrap().push(r.clone());
                }
            }
            return check(doc, &merged, v, at, out);
        }
        if let Some(one) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
            let fits = one
                .iter()
                .filter(|s| {
                    let mut p = vec![];
                    check(doc, s, v, at, &mut p);
                    p.is_empty()
                })
                .count();
            if fits == 0 {
                out.push(format!("{at}: fits none of the {} alternatives", one.len()));
            }
            return;
        }
        if let Some(allowed) = schema["enum"].as_array()
            && !allowed.contains(v)
        {
            out.push(format!("{at}: {v} is not one of {allowed:?}"));
        }
        let types: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !types.is_empty() && !types.iter().any(|t| is_type(v, t)) {
            out.push(format!("{at}: {v} is not {types:?}"));
            return;
        }
        if let Value::Object(map) = v {
            let props = schema["properties"].as_object();
            if let Some(props) = props {
                for (k, val) in map {
                    match props.get(k) {
                        Some(p) => check(doc, p, val, &format!("{at}.{k}"), out),
                        None if schema["additionalProperties"].is_object()
                            || schema["additionalProperties"] == true => {}
                        None => out.push(format!("{at}.{k}: not declared in the schema")),
                    }
                }
            } else if let Some(extra) = schema["additionalProperties"].as_object() {
                let extra = Value::Object(extra.clone());
                for (k, val) in map {
                    check(doc, &extra, val, &format!("{at}.{k}"), out);
                }
            }
            for r in schema["required"].as_array().into_iter().flatten() {
                let r = r.as_str().unwrap_or_default();
                if !map.contains_key(r) {
                    out.push(format!("{at}.{r}: required but missing"));
                }
            }
        }
        if let (Value::Array(items), Some(item)) = (v, schema.get("items")) {
            for (i, val) in items.iter().enumerate() {
                check(doc, item, val, &format!("{at}[{i}]"), out);
            }
        }
    }

    fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
        match schema["$ref"].as_str() {
            Some(r) => resolve(
                doc,
                &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
            ),
            None => schema,
        }
    }

    fn is_type(v: &Value, t: &str) -> bool {
        match t {
            "null" => v.is_null(),
            "boolean" => v.is_boolean(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            _ => true,
        }
    }
}
