//! The bad-input catalogue (issue 11): every kind of bad input to every importer and command,
//! each one row of `CASES`, run through the `bilat` binary, and listed in `docs/bad-input.md`
//! (a test checks that the doc's ids are exactly these and the `// case:` markers of the
//! library-level catalogue, `crates/bilat-ingest/tests/validation.rs`).
//!
//! A case writes its input files into a fresh folder (`{d}` in its arguments), runs `bilat`, and
//! checks the exit code and the substrings of stderr (stdout too when the exit code is 0 or 3).
//! Every case also checks that bilat did not panic and that its message is short (a 10 MB field
//! must not come back as a 10 MB error). Imports run on a warehouse holding one earlier import:
//! a failed import must leave `catalog.json` and the data files exactly as they were; a valid
//! variant must import and, where given, a SQL query checks the numbers it stored.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{demo_warehouse, empty_warehouse, ok};

/// Which warehouse a case runs on.
#[derive(Clone, Copy, PartialEq)]
enum Wh {
    /// A fresh warehouse with one earlier import (BACI HS17 2019, one row).
    Seeded,
    /// The shared demo warehouse (read-only commands).
    Demo,
    /// A fresh empty warehouse (commands that read only their own files).
    Empty,
}

/// One kind of bad (or valid-variant) input.
struct Case {
    /// Stable short slug, as in `docs/bad-input.md`.
    id: &'static str,
    /// Writes the input into the case's folder.
    setup: fn(&Path),
    /// Arguments after `bilat --warehouse WH`; `{d}` is the case's folder.
    args: &'static [&'static str],
    wh: Wh,
    /// Bytes on standard input (else none: stdin is closed).
    stdin: Option<&'static [u8]>,
    /// Expected exit code.
    code: i32,
    /// Substrings of the output (stderr; stdout too for exit 0 and 3).
    expect: &'static [&'static str],
    /// For valid imports: a query and the one value it must print (CSV, header dropped).
    sql: Option<(&'static str, &'static str)>,
}

const fn case(
    id: &'static str,
    wh: Wh,
    setup: fn(&Path),
    args: &'static [&'static str],
    code: i32,
    expect: &'static [&'static str],
) -> Case {
    Case {
        id,
        setup,
        args,
        wh,
        stdin: None,
        code,
        expect,
        sql: None,
    }
}

impl Case {
    const fn sql(mut self, query: &'static str, value: &'static str) -> Case {
        self.sql = Some((query, value));
        self
    }

    const fn stdin(mut self, bytes: &'static [u8]) -> Case {
        self.stdin = Some(bytes);
        self
    }
}

// ---------------------------------------------------------------- inputs

const BACI_NAME: &str = "BACI_HS17_Y2018_V202401.csv";
const BACI: &str = "{d}/BACI_HS17_Y2018_V202401.csv";
const CT: &str = "{d}/ct.csv";
const CT_JSON: &str = "{d}/ct.json";
const OTS: &str = "{d}/yrp.csv";
const OTS_JSON: &str = "{d}/yrp.json";
const SERIES: &str = "{d}/series.csv";
const ZIP: &str = "{d}/BACI_HS17_V202401.zip";

const BACI_HEADER: &str = "t,i,j,k,v,q\n";
const BACI_ROW: &str = "2018,112,398,870190,10.5,1\n";
const CT_HEADER: &str = "freq_code,ref_year,reporter_code,reporter_iso,flow_code,partner_code,partner_iso,classification_code,cmd_code,primary_value\n";
const CT_ROW: &str = "A,2018,112,BLR,X,398,KAZ,H5,4401,10\n";
const CT_MONTHLY: &str =
    "freq_code,period,reporter_code,flow_code,partner_code,cmd_code,primary_value\n";
const OTS_HEADER: &str = "year,reporter_iso,partner_iso,trade_value_usd_imp,trade_value_usd_exp\n";
const SERIES_HEADER: &str = "period,country,partner,indicator,value,unit,source\n";
const SERIES_ROW: &str = "2018,BLR,KAZ,services_exports,1.5e6,usd,belstat\n";

/// Ten mebibytes of one character: a field far larger than any real one.
fn huge(c: char) -> String {
    c.to_string().repeat(10 << 20)
}

fn put(d: &Path, name: &str, body: impl AsRef<[u8]>) {
    std::fs::write(d.join(name), body).unwrap();
}

/// A BACI year file `BACI_HS17_Y2018_V202401.csv`: the header, then `rows`.
fn baci(d: &Path, rows: &str) {
    put(d, BACI_NAME, format!("{BACI_HEADER}{rows}"));
}

/// A Comtrade Plus CSV `ct.csv`: the header, then `rows`.
fn ct(d: &Path, rows: &str) {
    put(d, "ct.csv", format!("{CT_HEADER}{rows}"));
}

fn ots(d: &Path, rows: &str) {
    put(d, "yrp.csv", format!("{OTS_HEADER}{rows}"));
}

fn series(d: &Path, rows: &str) {
    put(d, "series.csv", format!("{SERIES_HEADER}{rows}"));
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        out.extend(u.to_be_bytes());
    }
    out
}

/// A deflated zip of `members`.
fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in members {
        w.start_file(*name, opts).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Replaces every `from` by `to` (same length) in `bytes`: renames a member in both headers.
fn patch(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut i = 0;
    let mut n = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            n += 1;
        }
        i += 1;
    }
    assert!(n > 0, "nothing patched");
}

/// Sets the declared uncompressed size of every member (local and central headers) to `size`.
fn declare_size(bytes: &mut [u8], size: u32) {
    for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let starts: Vec<usize> = (0..bytes.len() - 4)
            .filter(|i| &bytes[*i..*i + 4] == sig)
            .collect();
        for s in starts {
            bytes[s + at..s + at + 4].copy_from_slice(&size.to_le_bytes());
        }
    }
}

fn baci_year_bytes() -> Vec<u8> {
    format!("{BACI_HEADER}{BACI_ROW}").into_bytes()
}

// ---------------------------------------------------------------- the catalogue

#[rustfmt::skip]
static CASES: &[Case] = &[
    // ---- BACI year CSV: valid variants
    case("baci-valid-bom-crlf", Wh::Seeded, |d| put(d, BACI_NAME, "\u{feff}t,i,j,k,v,q\r\n2018,112,398,870190,10.5,1\r\n2018,398,112,271019,3.25,\r\n"),
        &["import", "baci", BACI], 0, &["2 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE period_year = 2018", "13750.0"),
    case("baci-valid-exponent", Wh::Seeded, |d| baci(d, "2018,112,398,870190,1.05e1,1\n2018,398,112,271019,325E-2,\n"),
        &["import", "baci", BACI], 0, &["2 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE period_year = 2018", "13750.0"),
    case("baci-valid-quoted", Wh::Seeded, |d| baci(d, "\"2018\",\"112\",\"398\",\"870190\",\"10.5\",\"1\"\n"),
        &["import", "baci", BACI], 0, &["1 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE period_year = 2018", "10500.0"),
    case("baci-valid-no-final-newline", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,1"),
        &["import", "baci", BACI], 0, &["1 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE period_year = 2018", "10500.0"),
    case("baci-valid-trailing-blank-lines", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,1\n\n\r\n  \n"),
        &["import", "baci", BACI], 0, &["1 flow rows"])
        .sql("SELECT count(*) FROM flows WHERE period_year = 2018", "1"),
    case("baci-valid-negative-zero", Wh::Seeded, |d| baci(d, "2018,112,398,870190,-0,-0.0\n"),
        &["import", "baci", BACI], 0, &["1 flow rows"])
        .sql("SELECT CAST(value_usd AS VARCHAR) || '/' || CAST(quantity AS VARCHAR) FROM flows WHERE period_year = 2018", "0.0/0.0"),
    case("baci-valid-underflow", Wh::Seeded, |d| baci(d, "2018,112,398,870190,1e-400,1\n"),
        &["import", "baci", BACI], 0, &["1 flow rows"])
        .sql("SELECT value_usd FROM flows WHERE period_year = 2018", "0.0"),
    case("baci-valid-past-i64", Wh::Seeded, |d| baci(d, "2018,112,398,870190,123456789012345678901234,1\n"),
        &["import", "baci", BACI], 0, &["1 flow rows"])
        .sql("SELECT value_usd = 123456789012345678901234000.0 FROM flows WHERE period_year = 2018", "true"),
    // ---- BACI year CSV: encodings and line endings
    case("baci-utf16", Wh::Seeded, |d| put(d, BACI_NAME, utf16le("t,i,j,k,v,q\r\n2018,112,398,870190,10.5,1\r\n")),
        &["import", "baci", BACI], 2, &["not a UTF-8 text file", "UTF-16", "re-save it as UTF-8"]),
    case("baci-latin1", Wh::Seeded, |d| put(d, BACI_NAME, b"t,i,j,k,v,q\n2018,112,398,870190,10.5,1\n2018,112,398,870190,1\xe9,1\n"),
        &["import", "baci", BACI], 2, &[":3: invalid UTF-8 (re-save the file as UTF-8)"]),
    case("baci-cr-only", Wh::Seeded, |d| put(d, BACI_NAME, "t,i,j,k,v,q\r2018,112,398,870190,10.5,1\r"),
        &["import", "baci", BACI], 2, &[":1: lines end in CR only", "LF or CRLF"]),
    case("baci-gzip", Wh::Seeded, |d| put(d, BACI_NAME, b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03+\xc9\xcc"),
        &["import", "baci", BACI], 2, &["gzip-compressed", "gunzip"]),
    case("baci-binary", Wh::Seeded, |d| put(d, BACI_NAME, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        &["import", "baci", BACI], 2, &["not a UTF-8 text file", "NUL bytes"]),
    // ---- BACI year CSV: quoting, fields, numbers
    case("baci-unbalanced-quote", Wh::Seeded, |d| baci(d, "2018,112,398,\"870190,10.5,1\n2018,398,112,271019,3.25,\n"),
        &["import", "baci", BACI], 2, &[":2:0: unbalanced quote"]),
    case("baci-huge-field", Wh::Seeded, |d| baci(d, &format!("2018,112,398,{},10.5,1\n", huge('1'))),
        &["import", "baci", BACI], 2, &[":2:4: bad HS code \"1111", "(10485760 bytes)"]),
    case("baci-too-many-fields", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,1,7\n"),
        &["import", "baci", BACI], 2, &[":2:0: row has 7 fields, expected 6"]),
    case("baci-too-few-fields", Wh::Seeded, |d| baci(d, "2018,112,398\n"),
        &["import", "baci", BACI], 2, &[":2:0: row has 3 of 6 fields"]),
    case("baci-truncated-last-row", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,1\n2018,112,39"),
        &["import", "baci", BACI], 2, &[":3:0:", "truncated?"]),
    case("baci-value-overflow", Wh::Seeded, |d| baci(d, "2018,112,398,870190,1e400,1\n"),
        &["import", "baci", BACI], 2, &[":2:5: number out of range (infinite): \"1e400\""]),
    case("baci-value-nan", Wh::Seeded, |d| baci(d, "2018,112,398,870190,NaN,1\n"),
        &["import", "baci", BACI], 2, &[":2:5: \"NaN\" is not a finite number"]),
    case("baci-value-inf", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,inf\n"),
        &["import", "baci", BACI], 2, &[":2:6: \"inf\" is not a finite number"]),
    case("baci-value-negative", Wh::Seeded, |d| baci(d, "2018,112,398,870190,-10.5,1\n"),
        &["import", "baci", BACI], 2, &[":2:5: negative value -10.5 (column 'v')"]),
    case("baci-decimal-comma", Wh::Seeded, |d| baci(d, "2018,112,398,870190,\"10,5\",1\n"),
        &["import", "baci", BACI], 2, &[":2:5: \"10,5\" is not a decimal number"]),
    case("baci-country-past-i64", Wh::Seeded, |d| baci(d, "2018,99999999999999999999,398,870190,10.5,1\n"),
        &["import", "baci", BACI], 2, &[":2:2: bad country code \"99999999999999999999\""]),
    // ---- BACI year CSV: years, codes, keys
    case("baci-year-0", Wh::Seeded, |d| baci(d, "0,112,398,870190,10.5,1\n"),
        &["import", "baci", BACI], 2, &[":2:1: bad year \"0\": expected 1900..=2100"]),
    case("baci-year-99999", Wh::Seeded, |d| baci(d, "99999,112,398,870190,10.5,1\n"),
        &["import", "baci", BACI], 2, &[":2:1: bad year \"99999\""]),
    case("baci-year-before-revision", Wh::Seeded, |d| put(d, "BACI_HS12_Y1987_V202401.csv", format!("{BACI_HEADER}1987,112,398,870190,10.5,1\n")),
        &["import", "baci", "{d}/BACI_HS12_Y1987_V202401.csv"], 2, &[":2:1: year 1987 is before HS12 came into force (2012)"]),
    case("baci-unknown-country", Wh::Seeded, |d| baci(d, "2018,112,999,870190,10.5,1\n"),
        &["import", "baci", BACI], 2, &[":2:3: unknown country code 999"]),
    case("baci-bad-hs-code", Wh::Seeded, |d| baci(d, "2018,112,398,87A190,10.5,1\n"),
        &["import", "baci", BACI], 2, &[":2:4: bad HS code \"87A190\""]),
    case("baci-mixed-levels", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,1\n2018,112,398,8701,10.5,1\n"),
        &["import", "baci", BACI], 2, &[":3:4: HS code \"8701\" is at level 4; BACI rows must be 6-digit"]),
    case("baci-duplicate-key", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,1\n2018,398,112,271019,3.25,\n2018,112,398,870190,99,1\n"),
        &["import", "baci", BACI], 2, &[":4: duplicate row: same key as line 2"]),
    case("baci-bad-quantity", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,some\n"),
        &["import", "baci", BACI], 2, &[":2:6: \"some\" is not a decimal number"]),
    // ---- BACI year CSV: empty and wrong files
    case("baci-empty-file", Wh::Seeded, |d| put(d, BACI_NAME, ""),
        &["import", "baci", BACI], 2, &["empty input: no header and no rows"]),
    case("baci-blank-file", Wh::Seeded, |d| put(d, BACI_NAME, "\n \r\n\n"),
        &["import", "baci", BACI], 2, &["empty input: no header and no rows"]),
    case("baci-header-only", Wh::Seeded, |d| baci(d, ""),
        &["import", "baci", BACI], 2, &["nothing to import: no rows to store (0 data rows read"]),
    case("baci-wrong-layout-comtrade", Wh::Seeded, |d| put(d, BACI_NAME, format!("{CT_HEADER}{CT_ROW}")),
        &["import", "baci", BACI], 2, &[":1: unexpected header", "this looks like a Comtrade file", "hint: import it with `bilat import comtrade PATH`"]),
    case("baci-wrong-layout-series", Wh::Seeded, |d| put(d, BACI_NAME, format!("{SERIES_HEADER}{SERIES_ROW}")),
        &["import", "baci", BACI], 2, &["this looks like a series file", "hint: import it with `bilat import series PATH`"]),
    // ---- BACI release zip and folder
    case("baci-zip-valid", Wh::Seeded, |d| put(d, "BACI_HS17_V202401.zip", zip_of(&[("BACI_HS17_Y2018_V202401.csv", &baci_year_bytes()), ("Readme.txt", b"notes")])),
        &["import", "baci", ZIP], 0, &["1 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE period_year = 2018", "10500.0"),
    case("baci-zip-no-csv", Wh::Seeded, |d| put(d, "BACI_HS17_V202401.zip", zip_of(&[("Readme.txt", b"notes")])),
        &["import", "baci", ZIP], 2, &["no data file: expected .csv or .json files"]),
    case("baci-zip-parent-path", Wh::Seeded, |d| {
            let mut z = zip_of(&[("xx/BACI_HS17_Y2018_V202401.csv", &baci_year_bytes())]);
            patch(&mut z, b"xx/BACI", b"../BACI");
            put(d, "BACI_HS17_V202401.zip", z);
        },
        &["import", "baci", ZIP], 2, &["zip member \"../BACI_HS17_Y2018_V202401.csv\": unsafe name"]),
    case("baci-zip-absolute-path", Wh::Seeded, |d| {
            let mut z = zip_of(&[("_tmp/BACI_HS17_Y2018_V202401.csv", &baci_year_bytes())]);
            patch(&mut z, b"_tmp/BACI", b"/tmp/BACI");
            put(d, "BACI_HS17_V202401.zip", z);
        },
        &["import", "baci", ZIP], 2, &["zip member \"/tmp/BACI_HS17_Y2018_V202401.csv\": unsafe name"]),
    case("baci-zip-bomb-declared", Wh::Seeded, |d| {
            let mut z = zip_of(&[("BACI_HS17_Y2018_V202401.csv", &baci_year_bytes())]);
            declare_size(&mut z, 0xFFFF_FFF0);
            put(d, "BACI_HS17_V202401.zip", z);
        },
        &["import", "baci", ZIP], 2, &["would inflate to 4294967280 bytes (as its header says), over the limit of 2147483648 bytes per member", "zip bomb?"]),
    case("baci-zip-bomb-lying", Wh::Seeded, |d| {
            let mut z = zip_of(&[("BACI_HS17_Y2018_V202401.csv", huge('0').as_bytes())]);
            declare_size(&mut z, 1000);
            put(d, "BACI_HS17_V202401.zip", z);
        },
        &["import", "baci", ZIP], 2, &["inflates past its declared size of 1000 bytes"]),
    case("baci-zip-nested", Wh::Seeded, |d| {
            let inner = zip_of(&[("BACI_HS17_Y2018_V202401.csv", &baci_year_bytes())]);
            put(d, "BACI_HS17_V202401.zip", zip_of(&[("inner.zip", &inner)]));
        },
        &["import", "baci", ZIP], 2, &["zip member \"inner.zip\": a zip inside the zip"]),
    case("baci-zip-truncated", Wh::Seeded, |d| {
            let z = zip_of(&[("BACI_HS17_Y2018_V202401.csv", &baci_year_bytes())]);
            put(d, "BACI_HS17_V202401.zip", &z[..z.len() / 2]);
        },
        &["import", "baci", ZIP], 2, &["unreadable zip archive (truncated or damaged? fetch it again)"]),
    case("baci-zip-not-a-zip", Wh::Seeded, |d| put(d, "BACI_HS17_V202401.zip", baci_year_bytes()),
        &["import", "baci", ZIP], 2, &["unreadable zip archive"]),
    case("baci-folder-empty", Wh::Seeded, |d| std::fs::create_dir(d.join("release")).unwrap(),
        &["import", "baci", "{d}/release"], 2, &["no data file: expected .csv or .json files"]),
    case("baci-folder-two-releases", Wh::Seeded, |d| {
            put(d, "BACI_HS17_Y2018_V202301.csv", baci_year_bytes());
            put(d, "BACI_HS17_Y2017_V202401.csv", format!("{BACI_HEADER}2017,112,398,870190,10.5,1\n"));
        },
        &["import", "baci", "{d}"], 2, &["expected year files of one BACI release (V202401)"]),
    case("baci-folder-stray-csv", Wh::Seeded, |d| {
            put(d, BACI_NAME, baci_year_bytes());
            put(d, "notes.csv", "note,author\nsee readme,me\n");
        },
        &["import", "baci", "{d}"], 2, &["notes.csv:1: unexpected header"]),
    case("baci-missing-file", Wh::Seeded, |_| {},
        &["import", "baci", "{d}/nowhere.csv"], 2, &["nowhere.csv: No such file or directory"]),
    case("baci-dangling-symlink", Wh::Seeded, |d| std::os::unix::fs::symlink(d.join("gone.csv"), d.join(BACI_NAME)).unwrap(),
        &["import", "baci", BACI], 2, &["No such file or directory"]),
    // ---- Comtrade
    case("ct-valid-plus", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,398,KAZ,H5,4401,10\nA,2018,112,BLR,M,398,KAZ,H5,4401,2.5\n"),
        &["import", "comtrade", CT], 0, &["2 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE source = 'comtrade'", "12.5"),
    case("ct-valid-camel-case", Wh::Seeded, |d| put(d, "ct.csv", "freqCode,refYear,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,classificationCode,cmdCode,primaryValue\nA,2018,112,BLR,X,398,KAZ,H5,4401,10\n"),
        &["import", "comtrade", CT], 0, &["1 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE source = 'comtrade'", "10.0"),
    case("ct-valid-quoted-exponent", Wh::Seeded, |d| ct(d, "\"A\",\"2018\",\"112\",\"BLR\",\"X\",\"398\",\"KAZ\",\"H5\",\"4401\",\"1.5E+3\"\r\n"),
        &["import", "comtrade", CT], 0, &["1 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE source = 'comtrade'", "1500.0"),
    case("ct-valid-json", Wh::Seeded, |d| put(d, "ct.json", r#"{"count":1,"data":[{"freqCode":"A","refYear":2018,"refMonth":52,"period":"2018","reporterCode":112,"reporterISO":"BLR","flowCode":"X","partnerCode":398,"partnerISO":"KAZ","classificationCode":"H5","cmdCode":"TOTAL","primaryValue":12.5}],"error":""}"#),
        &["import", "comtrade", CT_JSON], 0, &["1 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE source = 'comtrade'", "12.5"),
    case("ct-valid-mixed-levels", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,398,KAZ,H5,TOTAL,10\nA,2018,112,BLR,X,398,KAZ,H5,44,8\nA,2018,112,BLR,X,398,KAZ,H5,4401,6\nA,2018,112,BLR,X,398,KAZ,H5,440111,4\n"),
        &["import", "comtrade", CT], 0, &["4 flow rows"])
        .sql("SELECT string_agg(CAST(product_level AS VARCHAR), '' ORDER BY product_level) FROM flows WHERE source = 'comtrade'", "0246"),
    case("ct-valid-monthly", Wh::Seeded, |d| put(d, "ct.csv", format!("{CT_MONTHLY}M,201806,112,X,398,TOTAL,5\n")),
        &["import", "comtrade", CT], 0, &["1 flow rows"])
        .sql("SELECT period_month FROM flows WHERE source = 'comtrade'", "6"),
    case("ct-month-13", Wh::Seeded, |d| put(d, "ct.csv", format!("{CT_MONTHLY}M,201806,112,X,398,TOTAL,5\nM,201813,112,X,398,TOTAL,5\n")),
        &["import", "comtrade", CT], 2, &[":3:2: bad period \"201813\": month not 1..=12"]),
    case("ct-month-0", Wh::Seeded, |d| put(d, "ct.csv", format!("{CT_MONTHLY}M,201800,112,X,398,TOTAL,5\n")),
        &["import", "comtrade", CT], 2, &[":2:2: bad period \"201800\": month not 1..=12"]),
    case("ct-month-13-no-frequency", Wh::Seeded, |d| put(d, "ct.csv", "period,reporter_code,flow_code,partner_code,cmd_code,primary_value\n201913,112,X,398,TOTAL,5\n"),
        &["import", "comtrade", CT], 2, &[":2:1: bad period \"201913\": month not 1..=12"]),
    case("ct-refmonth-13", Wh::Seeded, |d| put(d, "ct.csv", "freq_code,ref_year,ref_month,period,reporter_code,flow_code,partner_code,cmd_code,primary_value\nM,2018,13,201806,112,X,398,TOTAL,5\n"),
        &["import", "comtrade", CT], 2, &[":2:3: monthly row without a month 1..=12: \"13\""]),
    case("ct-bad-period", Wh::Seeded, |d| put(d, "ct.csv", format!("{CT_MONTHLY}M,20186,112,X,398,TOTAL,5\n")),
        &["import", "comtrade", CT], 2, &[":2:2: bad period \"20186\": expected YYYY or YYYYMM"]),
    case("ct-year-before-revision", Wh::Seeded, |d| ct(d, "A,1987,112,BLR,X,398,KAZ,H4,4401,10\n"),
        &["import", "comtrade", CT], 2, &[":2:2: year 1987 is before HS12 came into force (2012)"]),
    case("ct-year-99999", Wh::Seeded, |d| ct(d, "A,99999,112,BLR,X,398,KAZ,H5,4401,10\n"),
        &["import", "comtrade", CT], 2, &[":2:2: bad year \"99999\""]),
    case("ct-unknown-flow", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,Q,398,KAZ,H5,4401,10\n"),
        &["import", "comtrade", CT], 2, &[":2:5: unknown flow code \"Q\""]),
    case("ct-unknown-country", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,999,XYZ,H5,4401,10\n"),
        &["import", "comtrade", CT], 2, &[":2:6: unknown country code \"999\""]),
    case("ct-not-hs", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,398,KAZ,S4,4401,10\n"),
        &["import", "comtrade", CT], 2, &[":2:8: classification \"S4\" is not HS"]),
    case("ct-bad-hs-code", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,398,KAZ,H5,440,10\n"),
        &["import", "comtrade", CT], 2, &[":2:9: bad HS code \"440\""]),
    case("ct-duplicate-key", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,398,KAZ,H5,4401,10\nA,2018,112,BLR,X,398,KAZ,H5,4401,11\n"),
        &["import", "comtrade", CT], 2, &[":3: duplicate row: same key as line 2"]),
    case("ct-value-nan", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,398,KAZ,H5,4401,nan\n"),
        &["import", "comtrade", CT], 2, &[":2:10: \"nan\" is not a finite number"]),
    case("ct-value-negative", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,398,KAZ,H5,4401,-1\n"),
        &["import", "comtrade", CT], 2, &[":2:10: negative value -1"]),
    case("ct-huge-field", Wh::Seeded, |d| ct(d, &format!("A,2018,112,BLR,X,398,KAZ,H5,4401,{}\n", huge('9'))),
        &["import", "comtrade", CT], 2, &[":2:10: number out of range (infinite): \"9999", "(10485760 bytes)"]),
    case("ct-unbalanced-quote", Wh::Seeded, |d| ct(d, "A,2018,112,BLR,X,398,KAZ,\"H5,4401,10\nA,2018,112,BLR,M,398,KAZ,H5,4401,10\n"),
        &["import", "comtrade", CT], 2, &[":2:0: row has 8 fields, expected 10 (a quoted field runs over several lines: unbalanced quote?)"]),
    case("ct-utf16", Wh::Seeded, |d| put(d, "ct.csv", utf16be(&format!("{CT_HEADER}{CT_ROW}"))),
        &["import", "comtrade", CT], 2, &["UTF-16", "re-save it as UTF-8"]),
    case("ct-cr-only", Wh::Seeded, |d| put(d, "ct.csv", format!("{CT_HEADER}{CT_ROW}").replace('\n', "\r")),
        &["import", "comtrade", CT], 2, &[":1: lines end in CR only"]),
    case("ct-latin1", Wh::Seeded, |d| put(d, "ct.csv", [format!("{CT_HEADER}{CT_ROW}").as_bytes(), b"A,2018,112,BLR,X,398,KAZ,H5,4402,1\xe9\n"].concat()),
        &["import", "comtrade", CT], 2, &[":3: invalid UTF-8"]),
    case("ct-header-only", Wh::Seeded, |d| ct(d, ""),
        &["import", "comtrade", CT], 2, &["nothing to import: no rows to store (0 data rows read"]),
    case("ct-json-empty-answer", Wh::Seeded, |d| put(d, "ct.json", r#"{"count":0,"data":[],"error":""}"#),
        &["import", "comtrade", CT_JSON], 2, &["nothing to import"]),
    case("ct-json-malformed", Wh::Seeded, |d| put(d, "ct.json", r#"{"data": [1, 2"#),
        &["import", "comtrade", CT_JSON], 2, &["ct.json: invalid JSON: EOF while parsing"]),
    case("ct-json-api-error", Wh::Seeded, |d| put(d, "ct.json", r#"{"data":null,"error":"rate limit exceeded"}"#),
        &["import", "comtrade", CT_JSON], 2, &["expected a \"data\" array (API error: rate limit exceeded)"]),
    case("ct-json-record-not-object", Wh::Seeded, |d| put(d, "ct.json", r#"{"data":[[1,2]]}"#),
        &["import", "comtrade", CT_JSON], 2, &["record 1 is not an object"]),
    case("ct-compact-flow-unknown", Wh::Seeded, |d| put(d, "ct.csv", "ref_year,reporter_iso,partner_iso,cmd_code,primary_value\n2018,KAZ,BLR,48,7.5\n"),
        &["import", "comtrade", CT], 2, &["expected a flow_code column, or 'import'/'export' in the file name"]),
    case("ct-wrong-layout-baci", Wh::Seeded, |d| put(d, "ct.csv", baci_year_bytes()),
        &["import", "comtrade", CT], 2, &["this looks like a BACI file", "hint: import it with `bilat import baci PATH`"]),
    // ---- OTS
    case("ots-valid-csv", Wh::Seeded, |d| ots(d, "2018,blr,kaz,5,10\n"),
        &["import", "ots", OTS], 0, &["2 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE source = 'ots'", "15.0"),
    case("ots-valid-json", Wh::Seeded, |d| put(d, "yrp.json", r#"[{"year":2018,"reporter_iso":"blr","partner_iso":"kaz","trade_value_usd_imp":5,"trade_value_usd_exp":1e1}]"#),
        &["import", "ots", OTS_JSON], 0, &["2 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE source = 'ots'", "15.0"),
    case("ots-bad-year", Wh::Seeded, |d| ots(d, "1800,blr,kaz,5,10\n"),
        &["import", "ots", OTS], 2, &[":2:1: bad year \"1800\""]),
    case("ots-unknown-country", Wh::Seeded, |d| ots(d, "2018,blr,zzz,5,10\n"),
        &["import", "ots", OTS], 2, &[":2:3: unknown country \"zzz\""]),
    case("ots-value-nan", Wh::Seeded, |d| ots(d, "2018,blr,kaz,NaN,10\n"),
        &["import", "ots", OTS], 2, &[":2:4: \"NaN\" is not a finite number"]),
    case("ots-duplicate-key", Wh::Seeded, |d| ots(d, "2018,blr,kaz,5,10\n2018,BLR,KAZ,6,11\n"),
        &["import", "ots", OTS], 2, &[":3: duplicate row: same key as line 2"]),
    case("ots-no-reporter", Wh::Seeded, |d| put(d, "yrp.csv", "year,commodity_code,trade_value_usd_imp,trade_value_usd_exp\n2018,030617,5,10\n"),
        &["import", "ots", OTS], 2, &[":1: unexpected header: expected OTS columns"]),
    case("ots-json-not-objects", Wh::Seeded, |d| put(d, "yrp.json", "[1, 2]"),
        &["import", "ots", OTS_JSON], 2, &["invalid JSON: record 1 is not an object"]),
    case("ots-no-data-answer", Wh::Seeded, |d| put(d, "yrp.csv", "observation\n\"No data available for these filtering parameters\"\n"),
        &["import", "ots", OTS], 2, &["nothing to import: no rows to store (1 data rows read, 0 rejected, 1 skipped by rule)"]),
    case("ots-wrong-layout-comtrade", Wh::Seeded, |d| ct(d, CT_ROW),
        &["import", "ots", CT], 2, &["this looks like a Comtrade file", "hint: import it with `bilat import comtrade PATH`"]),
    // ---- series
    case("series-valid-bom-crlf", Wh::Seeded, |d| put(d, "series.csv", format!("\u{feff}{SERIES_HEADER}{SERIES_ROW}2019-06,Belarus,World,fdi_inflow,-2.5,usd,nbrb\n").replace('\n', "\r\n")),
        &["import", "series", SERIES], 0, &["2 series rows"])
        .sql("SELECT sum(value) FROM series", "1499997.5"),
    case("series-month-13", Wh::Seeded, |d| series(d, "2019-13,BLR,KAZ,fdi,1,usd,x\n"),
        &["import", "series", SERIES], 2, &[":2:1: bad period \"2019-13\": expected YYYY or YYYY-MM"]),
    case("series-month-0", Wh::Seeded, |d| series(d, "2019-00,BLR,KAZ,fdi,1,usd,x\n"),
        &["import", "series", SERIES], 2, &[":2:1: bad period \"2019-00\""]),
    case("series-period-range", Wh::Seeded, |d| series(d, "2019-01..06,BLR,KAZ,fdi,1,usd,x\n"),
        &["import", "series", SERIES], 2, &[":2:1: bad period \"2019-01..06\""]),
    case("series-unknown-country", Wh::Seeded, |d| series(d, "2019,Atlantis,KAZ,fdi,1,usd,x\n"),
        &["import", "series", SERIES], 2, &[":2:2: unknown country or group \"Atlantis\""]),
    case("series-huge-country", Wh::Seeded, |d| series(d, &format!("2019,{},KAZ,fdi,1,usd,x\n", huge('B'))),
        &["import", "series", SERIES], 2, &[":2:2: unknown country \"BBBB", "(10485760 bytes): too long for a country name"]),
    case("series-value-inf", Wh::Seeded, |d| series(d, "2019,BLR,KAZ,fdi,-inf,usd,x\n"),
        &["import", "series", SERIES], 2, &[":2:5: not a decimal number: \"-inf\" (values must be finite decimals)"]),
    case("series-empty-indicator", Wh::Seeded, |d| series(d, "2019,BLR,KAZ,,1,usd,x\n"),
        &["import", "series", SERIES], 2, &[":2:4: empty indicator"]),
    case("series-duplicate-key", Wh::Seeded, |d| series(d, "2018,BLR,KAZ,fdi,1,usd,x\n2018,Belarus,398,fdi,2,usd,x\n"),
        &["import", "series", SERIES], 2, &[":3: duplicate row: same key as line 2"]),
    case("series-missing-column", Wh::Seeded, |d| put(d, "series.csv", "period,country,partner,indicator,value,source\n2018,BLR,KAZ,fdi,1,x\n"),
        &["import", "series", SERIES], 2, &[":1: unexpected header: expected period,country,partner,indicator,value,unit,source"]),
    case("series-latin1", Wh::Seeded, |d| put(d, "series.csv", [SERIES_HEADER.as_bytes(), b"2018,BLR,KAZ,fdi,1,usd,Bel\xe9stat\n"].concat()),
        &["import", "series", SERIES], 2, &[":2: invalid UTF-8"]),
    // ---- import: arguments and modes
    case("import-unknown-kind", Wh::Seeded, |d| baci(d, BACI_ROW),
        &["import", "wits", BACI], 1, &["invalid value 'wits'", "baci, comtrade, ots, series"]),
    case("import-rejects-without-lenient", Wh::Seeded, |d| baci(d, BACI_ROW),
        &["import", "baci", BACI, "--rejects", "{d}/r.csv"], 1, &["--lenient"]),
    case("import-strict-and-lenient", Wh::Seeded, |d| baci(d, BACI_ROW),
        &["import", "baci", BACI, "--strict", "--lenient"], 1, &["cannot be used with"]),
    case("import-lenient-some-rejected", Wh::Seeded, |d| baci(d, "2018,112,398,870190,10.5,1\n2018,112,398,040210,abc,1\n"),
        &["import", "baci", BACI, "--lenient", "--rejects", "{d}/r.csv"], 0, &["1 rows rejected; see", "1 flow rows"])
        .sql("SELECT sum(value_usd) FROM flows WHERE period_year = 2018", "10500.0"),
    case("import-lenient-all-rejected", Wh::Seeded, |d| baci(d, "2018,112,398,040210,abc,1\n"),
        &["import", "baci", BACI, "--lenient", "--rejects", "{d}/r.csv"], 2, &["nothing to import: no rows to store (1 data rows read, 1 rejected"]),
    // ---- profile, brief, indicators, potential
    case("profile-unknown-country", Wh::Demo, |_| {},
        &["profile", "Belarsu", "KAZ", "--year", "2018"], 1, &["country A: unknown country or group \"Belarsu\"; did you mean"]),
    case("profile-ambiguous-country", Wh::Demo, |_| {},
        &["profile", "BLR", "Guinea-", "--year", "2018"], 1, &["country B: unknown country or group", "did you mean"]),
    case("profile-missing-country", Wh::Demo, |_| {},
        &["profile", "BLR", "--year", "2018"], 1, &["required"]),
    case("profile-year-not-a-number", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "twenty"], 1, &["invalid value 'twenty' for '--year <YEAR>'"]),
    case("profile-year-not-loaded", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "1990"], 2, &["no data: no goods flows between BLR and KAZ in 1990", "hint: run `bilat catalog`"]),
    case("profile-year-0", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "0"], 2, &["no data", "hint: run `bilat catalog`"]),
    case("profile-year-99999", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "99999"], 2, &["no data", "hint: run `bilat catalog`"]),
    case("profile-year-past-i32", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "99999999999"], 1, &["invalid value '99999999999' for '--year <YEAR>'"]),
    case("profile-months-13", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "2018", "--months", "1-13"], 1, &["invalid month range \"1-13\""]),
    case("profile-months-0", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "2018", "--months", "0-6"], 1, &["invalid month range \"0-6\""]),
    case("profile-months-reversed", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "2018", "--months", "7-3"], 1, &["invalid month range \"7-3\""]),
    case("profile-bad-level", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "2018", "--level", "5"], 1, &["\"5\" is not an HS level; use 2, 4 or 6"]),
    case("profile-top-negative", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "2018", "--top", "-1"], 1, &["invalid value '-1' for '--top <TOP>'"]),
    case("profile-top-not-a-number", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "2018", "--top", "ten"], 1, &["invalid value 'ten' for '--top <TOP>'"]),
    case("profile-bad-view", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "2018", "--view", "both"], 1, &["invalid value 'both' for '--view <VIEW>'"]),
    case("profile-bad-format", Wh::Demo, |_| {},
        &["profile", "BLR", "KAZ", "--year", "2018", "--format", "xml"], 1, &["invalid value 'xml' for '--format <FORMAT>'"]),
    case("brief-bad-lang", Wh::Demo, |_| {},
        &["brief", "BLR", "KAZ", "--year", "2018", "--lang", "de"], 1, &["invalid value 'de' for '--lang <LANG>'"]),
    case("brief-out-in-missing-folder", Wh::Demo, |_| {},
        &["brief", "BLR", "KAZ", "--year", "2018", "--out", "{d}/no/such/folder/brief.txt"], 2, &["brief.txt"]),
    case("indicators-bad-level", Wh::Demo, |_| {},
        &["indicators", "BLR", "KAZ", "--year", "2018", "--level", "3"], 1, &["\"3\" is not an HS level"]),
    case("indicators-no-year", Wh::Demo, |_| {},
        &["indicators", "BLR", "KAZ"], 1, &["--year"]),
    case("indicators-data-missing-file", Wh::Empty, |_| {},
        &["indicators", "BLR", "KAZ", "--data", "{d}/nowhere.csv"], 2, &["nowhere.csv"]),
    case("potential-bad-method", Wh::Demo, |_| {},
        &["potential", "BLR", "KAZ", "--year", "2018", "--method", "magic"], 1, &["invalid value 'magic' for '--method <METHOD>'"]),
    case("potential-value-unit-without-data", Wh::Demo, |_| {},
        &["potential", "BLR", "KAZ", "--year", "2018", "--value-unit", "millions"], 1, &["--data"]),
    case("potential-data-missing-file", Wh::Empty, |_| {},
        &["potential", "BLR", "KAZ", "--year", "2006", "--method", "gravity", "--data", "{d}/nowhere.csv"], 2, &["nowhere.csv"]),
    // ---- gravity
    case("gravity-bad-formula", Wh::Empty, gravity_data,
        &["gravity", "--data", "{d}/g.csv", "--formula", "trade ~"], 1, &["formula"]),
    case("gravity-unknown-column", Wh::Empty, gravity_data,
        &["gravity", "--data", "{d}/g.csv", "--formula", "trade ~ nosuch | exp"], 1, &["nosuch"]),
    case("gravity-bad-vcov", Wh::Empty, gravity_data,
        &["gravity", "--data", "{d}/g.csv", "--formula", "trade ~ 1 | exp", "--vcov", "robust"], 1, &["--vcov"]),
    case("gravity-missing-file", Wh::Empty, |_| {},
        &["gravity", "--data", "{d}/nowhere.csv", "--formula", "trade ~ 1 | exp"], 2, &["nowhere.csv"]),
    case("gravity-data-empty-folder", Wh::Empty, |_| {},
        &["gravity", "--data", "{d}", "--formula", "trade ~ 1 | exp"], 1, &["No files found at", "Cannot infer schema from an empty location"]),
    case("gravity-no-rows-after-where", Wh::Empty, gravity_data,
        &["gravity", "--data", "{d}/g.csv", "--formula", "trade ~ 1 | exp", "--where", "year > 2000"], 1, &["no rows in", "after the filter `year > 2000`"]),
    case("gravity-no-data-nor-sql", Wh::Empty, |_| {},
        &["gravity", "--formula", "trade ~ 1 | exp"], 1, &["--data"]),
    // ---- check, sql, verify
    case("check-missing-file", Wh::Demo, |_| {},
        &["check", "{d}/nowhere.txt"], 2, &["reading", "nowhere.txt: No such file or directory"]),
    case("check-empty-directory", Wh::Demo, |_| {},
        &["check", "{d}"], 1, &["no files to check in"]),
    case("check-batch-with-missing-file", Wh::Demo, |d| put(d, "a.txt", "Exports were $5 million."),
        &["check", "{d}/a.txt", "{d}/nowhere.txt"], 1, &["nowhere.txt: no such file or directory"]),
    case("check-stdin-in-batch", Wh::Demo, |d| put(d, "a.txt", "Exports were $5 million."),
        &["check", "{d}/a.txt", "-"], 1, &["standard input (-) cannot be one of several articles"]),
    case("check-empty-stdin", Wh::Demo, |_| {},
        &["check", "-"], 1, &["-: no text to check (the input is empty)"]).stdin(b""),
    case("check-blank-file", Wh::Demo, |d| put(d, "a.txt", " \n\t\n"),
        &["check", "{d}/a.txt"], 1, &["no text to check"]),
    case("check-binary", Wh::Demo, |d| put(d, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"),
        &["check", "{d}/a.txt"], 1, &["not UTF-8 text (invalid byte at offset 0)"]),
    case("check-utf16", Wh::Demo, |d| put(d, "a.txt", utf16le("Exports rose by 30% in 2018.")),
        &["check", "{d}/a.txt"], 1, &["not UTF-8 text"]),
    case("check-bad-lang", Wh::Demo, |d| put(d, "a.txt", "Exports rose."),
        &["check", "{d}/a.txt", "--lang", "fr"], 1, &["invalid value 'fr' for '--lang <LANG>'"]),
    case("sql-unknown-column", Wh::Demo, |_| {},
        &["sql", "SELECT nosuchcolumn FROM flows"], 1, &["query failed", "nosuchcolumn"]),
    case("sql-syntax-error", Wh::Demo, |_| {},
        &["sql", "SELEC 1"], 1, &["SELEC"]),
    case("sql-empty", Wh::Demo, |_| {},
        &["sql", ""], 1, &["refused \"\": 0 statements given"]),
    case("sql-unknown-table", Wh::Demo, |_| {},
        &["sql", "SELECT * FROM nosuchtable"], 1, &["nosuchtable"]),
    case("verify-bad-format", Wh::Empty, |_| {},
        &["verify", "--format", "csv"], 1, &["invalid value 'csv' for '--format <FORMAT>'"]),
    case("unknown-command", Wh::Empty, |_| {},
        &["frobnicate"], 1, &["unrecognized subcommand 'frobnicate'"]),
];

/// `g.csv`: a tiny gravity dataset.
fn gravity_data(d: &Path) {
    put(
        d,
        "g.csv",
        "trade,exp,imp,year\n1,a,b,1\n2,b,a,1\n3,a,c,1\n4,c,a,1\n",
    );
}

// ---------------------------------------------------------------- running

/// The seed of [`Wh::Seeded`]: one BACI HS17 2019 row.
fn seeded_warehouse() -> tempfile::TempDir {
    let wh = empty_warehouse();
    let files = tempfile::tempdir().unwrap();
    let f = files.path().join("BACI_HS17_Y2019_V202401.csv");
    std::fs::write(&f, format!("{BACI_HEADER}2019,112,398,870190,10.5,1\n")).unwrap();
    ok(wh.path(), &["import", "baci", f.to_str().unwrap()]);
    wh
}

/// What a failed import must not change: the catalog's bytes and the data files.
fn state(wh: &Path) -> (Option<Vec<u8>>, Vec<PathBuf>) {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&wh.join("data"), &mut files);
    files.sort();
    (std::fs::read(wh.join("catalog.json")).ok(), files)
}

/// Runs one case; `Err` says what went wrong, naming the id.
fn run(c: &Case) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    (c.setup)(dir.path());
    let d = dir.path().to_str().unwrap();
    let args: Vec<String> = c.args.iter().map(|a| a.replace("{d}", d)).collect();
    let own = match c.wh {
        Wh::Seeded => Some(seeded_warehouse()),
        Wh::Empty => Some(empty_warehouse()),
        Wh::Demo => None,
    };
    let wh = own.as_ref().map_or(demo_warehouse(), |t| t.path());
    let before = state(wh);
    let mut child = Command::new(env!("CARGO_BIN_EXE_bilat"))
        .arg("--warehouse")
        .arg(wh)
        .args(&args)
        .env_remove("BILAT_WAREHOUSE")
        .stdin(if c.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = c.stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let said = if matches!(c.code, 0 | 3) {
        format!("{stderr}{stdout}")
    } else {
        stderr.clone()
    };
    let fail = |why: String| {
        Err(format!(
            "[{}] {why}\n  args: {args:?}\n  exit: {:?}\n  stderr: {}\n",
            c.id,
            out.status.code(),
            stderr.chars().take(2000).collect::<String>()
        ))
    };
    if stderr.contains("panicked") {
        return fail("bilat panicked".into());
    }
    if stderr.len() > 4096 {
        return fail(format!(
            "stderr is {} bytes: messages must be short",
            stderr.len()
        ));
    }
    if out.status.code() != Some(c.code) {
        return fail(format!("expected exit code {}", c.code));
    }
    for e in c.expect {
        if !said.contains(e) {
            return fail(format!("output lacks {e:?}"));
        }
    }
    if c.code != 0 && c.wh != Wh::Demo && state(wh) != before {
        return fail("a failed command changed the warehouse".into());
    }
    if let Some((query, want)) = c.sql {
        let got = ok(wh, &["sql", query, "--format", "csv"]);
        if got.lines().nth(1) != Some(want) {
            return fail(format!("{query} gave {got:?}, expected {want}"));
        }
    }
    Ok(())
}

#[test]
fn every_case_answers_as_documented() {
    // The demo warehouse is built once, before the threads share it.
    demo_warehouse();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(c) = CASES.get(i) else { break };
                    if let Err(e) = run(c) {
                        failures.lock().unwrap().push(e);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// The ids of the rows of the table in `docs/bad-input.md` (first cell, in backticks).
fn doc_ids() -> Vec<String> {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/bad-input.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(id, _)| id.to_string())
        .collect()
}

/// The `// case: <id>` markers of the library-level catalogue.
fn library_ids() -> Vec<String> {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bilat-ingest/tests/validation.rs");
    std::fs::read_to_string(lib)
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("// case: "))
        .map(|id| id.trim().to_string())
        .collect()
}

#[test]
fn the_doc_lists_exactly_the_cases() {
    let mut code: Vec<String> = CASES.iter().map(|c| c.id.to_string()).collect();
    code.extend(library_ids());
    let mut sorted = code.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), code.len(), "duplicate case ids");
    let mut doc = doc_ids();
    let n = doc.len();
    doc.sort();
    doc.dedup();
    assert_eq!(doc.len(), n, "duplicate ids in docs/bad-input.md");
    let missing: Vec<_> = sorted.iter().filter(|i| !doc.contains(i)).collect();
    let extra: Vec<_> = doc.iter().filter(|i| !sorted.contains(i)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/bad-input.md lacks {missing:?} and lists unknown {extra:?}"
    );
    assert!(sorted.len() >= 60, "only {} kinds", sorted.len());
}
