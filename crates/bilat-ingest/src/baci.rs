//! CEPII BACI: release zips, folders and single year files `t,i,j,k,v,q` → `flows`.
//!
//! # Layout and conversion
//! ```text
//! t  year                      → period_year (1900..=2100, and not before the file's HS
//!                                revision came into force: 1987 in an HS12 file is an error)
//! i  exporter, BACI code       → exporter (ISO numeric, see below)
//! j  importer, BACI code       → importer
//! k  HS6 code (text)           → product, product_level 6
//! v  value, thousands of USD   → value_usd = v × 1000 (one f64 multiplication)
//! q  quantity, tonnes, ""/NA   → quantity (null if empty or NA), quantity_unit "t"
//! constant: source "baci", reported_by "reconciled", trade_flow "X",
//!           hs_revision from the file name (BACI_HS12_… → HS12), vintage V…… from the file name
//! ```
//! - **Countries.** When the input has a `country_codes_V*.csv` (release zips do), a code maps to
//!   its `iso_3digit_alpha` through `bilat_model::country_by_alpha3`; a code listed there whose
//!   alpha is not an ISO country (e.g. 490 "Other Asia, nes", alpha `N/A`) keeps its BACI code
//!   after `baci_to_iso`. Without a dictionary, the code goes through `baci_to_iso` and must be in
//!   the model's country table or a known area (see `places`). Codes neither way are unknown.
//! - **Product codes.** 6 digits. A 5-digit `k` is a code whose leading zero was lost (spreadsheet
//!   round-trip; chapters 01–09) and is padded with one `0` — unambiguous, since BACI is HS6 only.
//!   2- or 4-digit codes are errors (BACI has no aggregates), as is anything not digits.
//! - **Duplicates.** Two rows with the same (t, exporter, importer, k) are a duplicate key.
//! - **Files.** Year files are `BACI_*.csv` or any CSV whose header is `t,i,j,k,v,q`;
//!   `country_codes*.csv` and `product_codes*.csv` are dictionaries (names → `products`); any other
//!   CSV in a BACI folder or zip is a header error.
//!
//! # Speed
//! The year file is split at newlines into chunks of a few MiB, parsed in parallel (rayon) by a
//! byte-level parser for the fixed layout ([`parse_baci_line`]; lines with quotes fall back to
//! the `csv` crate), and each chunk becomes one `RecordBatch` built from plain vectors. Constant
//! columns share one buffer across batches (slices). Duplicates are found in O(n) when the file is
//! sorted by key (BACI's own order), else by a parallel sort of packed 48-bit keys.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use arrow::array::{Array, ArrayRef, Float64Array, Int32Array, StringArray, new_null_array};
use arrow::buffer::{Buffer, NullBuffer, OffsetBuffer};
use arrow::datatypes::DataType;
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;

use crate::batch::{ProductNames, const_str};
use crate::files::{Loaded, check_utf8, strip_bom};
use crate::import::{Faults, shown};
use crate::number::{parse_optional_value, parse_uint, parse_value, trim_spaces};
use crate::{Error, FieldError, Import, ReadOptions, Result, places};

/// The header of a BACI year file.
const HEADER: [&str; 6] = ["t", "i", "j", "k", "v", "q"];

/// One parsed data line of a BACI year file, in the file's own units and codes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BaciRow {
    /// Year `t`, 1900..=2100.
    pub year: u16,
    /// Exporter `i`, BACI numeric code (0..=999), not yet mapped to ISO.
    pub exporter: u16,
    /// Importer `j`, BACI numeric code (0..=999).
    pub importer: u16,
    /// HS6 code `k`, ASCII digits with leading zeros (a 5-digit `k` is padded).
    pub product: [u8; 6],
    /// Value `v`, **thousands** of current USD, finite and ≥ 0.
    pub value_thousands_usd: f64,
    /// Quantity `q`, metric tonnes; `None` when empty or `NA`.
    pub quantity_tonnes: Option<f64>,
}

/// Parses one data line of a BACI year file (no line terminator; a trailing `\r` is ignored).
///
/// Errors name the 1-based column. Lines containing `"` are split by the `csv` crate.
///
/// ```
/// use bilat_ingest::parse_baci_line;
/// let r = parse_baci_line(b"2018,8,208,030617,193.93,18.58").unwrap();
/// assert_eq!((r.year, r.exporter, &r.product), (2018, 8, b"030617"));
/// assert_eq!(r.value_thousands_usd, 193.93);
/// ```
pub fn parse_baci_line(line: &[u8]) -> Result<BaciRow, FieldError> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if memchr::memchr(b'"', line).is_some() {
        let fields = split_quoted(line)?;
        let refs: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
        return parse_fields(&refs);
    }
    let mut fields: [&[u8]; 6] = [&[]; 6];
    let mut n = 0;
    let mut start = 0;
    for pos in memchr::memchr_iter(b',', line) {
        if n == 5 {
            return Err(FieldError::new(0, too_many(line)));
        }
        fields[n] = &line[start..pos];
        n += 1;
        start = pos + 1;
    }
    fields[n] = &line[start..];
    n += 1;
    if n != 6 {
        return Err(FieldError::new(0, format!("row has {n} of 6 fields")));
    }
    parse_fields(&fields)
}

fn too_many(line: &[u8]) -> String {
    format!(
        "row has {} fields, expected 6",
        memchr::memchr_iter(b',', line).count() + 1
    )
}

fn split_quoted(line: &[u8]) -> Result<Vec<Vec<u8>>, FieldError> {
    if memchr::memchr_iter(b'"', line).count() % 2 == 1 {
        return Err(FieldError::new(
            0,
            "unbalanced quote: a field opens a quote that does not close on this line",
        ));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line);
    let mut rec = csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {}
        Ok(false) => return Err(FieldError::new(0, "empty row")),
        Err(e) => return Err(FieldError::new(0, format!("unreadable CSV row: {e}"))),
    }
    if rec.len() != 6 {
        return Err(FieldError::new(
            0,
            format!("row has {} fields, expected 6", rec.len()),
        ));
    }
    Ok(rec.iter().map(<[u8]>::to_vec).collect())
}

fn parse_fields(f: &[&[u8]]) -> Result<BaciRow, FieldError> {
    let year = parse_uint(f[0])
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| {
            FieldError::new(1, format!("bad year {}: expected 1900..=2100", shown(f[0])))
        })?;
    let exporter = parse_country(f[1], 2)?;
    let importer = parse_country(f[2], 3)?;
    let product = parse_hs6(f[3])?;
    let value = parse_value(f[4]).map_err(|r| FieldError::new(5, r))?;
    let quantity = parse_optional_value(f[5]).map_err(|r| FieldError::new(6, r))?;
    Ok(BaciRow {
        year: year as u16,
        exporter,
        importer,
        product,
        value_thousands_usd: value,
        quantity_tonnes: quantity,
    })
}

fn parse_country(s: &[u8], column: usize) -> Result<u16, FieldError> {
    parse_uint(s)
        .filter(|c| *c <= 999)
        .map(|c| c as u16)
        .ok_or_else(|| {
            FieldError::new(
                column,
                format!("bad country code {}: expected 0..=999", shown(s)),
            )
        })
}

/// Checks and normalises an HS6 code (see the module doc for the 5-digit rule).
fn parse_hs6(s: &[u8]) -> Result<[u8; 6], FieldError> {
    let t = trim_spaces(s);
    if t.is_empty() || !t.iter().all(u8::is_ascii_digit) {
        return Err(FieldError::new(
            4,
            format!("bad HS code {}: expected 6 digits", shown(s)),
        ));
    }
    match t.len() {
        6 => Ok([t[0], t[1], t[2], t[3], t[4], t[5]]),
        5 => Ok([b'0', t[0], t[1], t[2], t[3], t[4]]),
        2 | 4 => Err(FieldError::new(
            4,
            format!(
                "HS code {} is at level {}; BACI rows must be 6-digit",
                shown(t),
                t.len()
            ),
        )),
        _ => Err(FieldError::new(
            4,
            format!("bad HS code {}: expected 6 digits", shown(t)),
        )),
    }
}

/// Reads a BACI input: a release zip, a folder, or a year CSV `t,i,j,k,v,q`.
///
/// Values become USD (v × 1000), quantities tonnes (`t`); countries map to ISO numeric through the
/// release's `country_codes` file when present; names of `product_codes` go to `products`. The
/// release (`V202201`) and HS revision (`HS12`) come from the file names. Contract in full:
/// `src/baci.rs` module doc.
pub fn read_baci(path: &Path, opts: &ReadOptions) -> Result<Import> {
    let (files, mut import) = crate::files::load_with(path, |loaded| read_loaded(loaded, opts))?;
    import.files = files;
    Ok(import)
}

/// The role of a file in a BACI input.
enum Role {
    Year,
    Countries,
    Products,
}

fn role(f: &Loaded) -> Result<Role> {
    let lower = f.name.to_ascii_lowercase();
    if lower.starts_with("country_codes") {
        return Ok(Role::Countries);
    }
    if lower.starts_with("product_codes") {
        return Ok(Role::Products);
    }
    let header = header_fields(strip_bom(&f.bytes));
    if header.iter().map(String::as_str).eq(HEADER) {
        return Ok(Role::Year);
    }
    if strip_bom(&f.bytes).iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty {
            path: f.path.clone(),
        });
    }
    Err(Error::Header {
        path: f.path.clone(),
        expected: "a BACI year file with header t,i,j,k,v,q (or country_codes*/product_codes* dictionaries)"
            .to_string(),
        found: first_line(&f.bytes),
        looks_like: crate::files::looks_like(&f.bytes).filter(|k| *k != crate::SourceKind::Baci),
    })
}

/// The header line's fields, trimmed, lower-cased, quotes removed.
fn header_fields(bytes: &[u8]) -> Vec<String> {
    let end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let line = &bytes[..end];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    line.split(|b| *b == b',')
        .map(|f| {
            String::from_utf8_lossy(trim_spaces(f))
                .trim_matches('"')
                .trim()
                .to_ascii_lowercase()
        })
        .collect()
}

pub(crate) fn first_line(bytes: &[u8]) -> String {
    let bytes = strip_bom(bytes);
    let end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len()).min(200);
    String::from_utf8_lossy(&bytes[..end])
        .trim_end()
        .to_string()
}

/// `HS12` from `BACI_HS12_…` or `product_codes_HS12_…`; `None` if the name has no revision.
fn revision_of(name: &str) -> Option<String> {
    let upper = name.to_ascii_uppercase();
    let i = upper.find("_HS")?;
    let digits = upper.get(i + 3..i + 5)?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| format!("HS{digits}"))
}

/// `V202201` from `…_V202201…`; `None` if the name has no release.
fn release_of(name: &str) -> Option<String> {
    let upper = name.to_ascii_uppercase();
    upper.match_indices("_V").find_map(|(i, _)| {
        let digits = upper.get(i + 2..i + 8)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| format!("V{digits}"))
    })
}

pub(crate) fn read_loaded(loaded: Vec<Loaded>, opts: &ReadOptions) -> Result<Import> {
    let mut years = Vec::new();
    let mut countries = None;
    let mut products = Vec::new();
    for f in &loaded {
        match role(f)? {
            Role::Year => years.push(f),
            Role::Countries => countries = Some(f),
            Role::Products => products.push(f),
        }
    }
    let Some(first) = years.first() else {
        let path = loaded.first().map(|f| f.path.clone()).unwrap_or_default();
        return Err(Error::Empty { path });
    };
    let vintage = release_of(&first.name).unwrap_or_else(|| "unversioned".to_string());
    for y in &years {
        let v = release_of(&y.name).unwrap_or_else(|| "unversioned".to_string());
        if v != vintage {
            return Err(Error::Header {
                path: y.path.clone(),
                expected: format!("year files of one BACI release ({vintage})"),
                found: y.name.clone(),
                looks_like: None,
            });
        }
    }
    let mut rejects = Vec::new();
    let table = match countries {
        Some(c) => country_table_from_dictionary(c, opts, &mut rejects)?,
        None => country_table_default(),
    };
    let total: u64 = years.iter().map(|y| y.bytes.len() as u64).sum();
    let done = AtomicU64::new(0);
    let mut flows = Vec::new();
    let mut rows_read = 0;
    for y in &years {
        let revision = revision_of(&y.name)
            .or_else(|| products.iter().find_map(|p| revision_of(&p.name)))
            .unwrap_or_else(|| "HS".to_string());
        let out = read_year(y, &table, &revision, &vintage, opts, &done, total)?;
        flows.extend(out.batches);
        rows_read += out.rows_read;
        rejects.extend(out.rejects);
    }
    let mut names = ProductNames::default();
    for p in &products {
        let revision = revision_of(&p.name).unwrap_or_else(|| "HS".to_string());
        read_product_dictionary(p, &revision, opts, &mut names, &mut rejects)?;
    }
    Ok(Import {
        source: "baci".to_string(),
        vintage,
        files: Vec::new(),
        flows,
        series: Vec::new(),
        products: names.finish("baci")?,
        rows_read,
        skipped: 0,
        rejects,
    })
}

/// BACI code → ISO numeric (or kept area code); -1 = unknown.
pub(crate) struct CountryTable {
    map: [i32; 1000],
    /// Codes that map to the same ISO code as another code (e.g. BACI 56 Belgium and 58
    /// Belgium-Luxembourg, both `BEL`): rows using them may collide after mapping.
    shared: [bool; 1000],
}

impl CountryTable {
    fn new(map: [i32; 1000]) -> Self {
        let mut count: HashMap<i32, usize> = HashMap::new();
        for c in map.iter().filter(|c| **c >= 0) {
            *count.entry(*c).or_default() += 1;
        }
        let mut shared = [false; 1000];
        for (code, iso) in map.iter().enumerate() {
            shared[code] = *iso >= 0 && count[iso] > 1;
        }
        CountryTable { map, shared }
    }
}

fn country_table_default() -> CountryTable {
    let mut map = [-1i32; 1000];
    for (code, slot) in map.iter_mut().enumerate() {
        *slot = places::from_numeric(code as u32).unwrap_or(-1);
    }
    CountryTable::new(map)
}

fn country_table_from_dictionary(
    f: &Loaded,
    opts: &ReadOptions,
    rejects: &mut Vec<crate::Reject>,
) -> Result<CountryTable> {
    let bytes = strip_bom(&f.bytes);
    check_utf8(&f.path, bytes)?;
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_error(&f.path, &e))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let code_col = header.iter().position(|h| h == "country_code");
    let alpha_col = header
        .iter()
        .position(|h| h == "iso_3digit_alpha" || h == "country_iso3");
    let (Some(code_col), Some(alpha_col)) = (code_col, alpha_col) else {
        return Err(Error::Header {
            path: f.path.clone(),
            expected: "country_code,…,iso_3digit_alpha".to_string(),
            found: first_line(&f.bytes),
            looks_like: None,
        });
    };
    let mut faults = Faults::new(&f.path, opts.mode, &header);
    let mut map = [-1i32; 1000];
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_error(&f.path, &e))?;
        let line = rec.position().map_or(0, |p| p.line());
        let code = rec
            .get(code_col)
            .and_then(|c| parse_uint(c.as_bytes()))
            .filter(|c| *c <= 999);
        let Some(code) = code else {
            let raw = rec.iter().collect::<Vec<_>>().join(",");
            faults.row(
                line,
                FieldError::new(code_col + 1, "bad country code"),
                || raw,
            )?;
            continue;
        };
        let alpha = rec.get(alpha_col).unwrap_or("");
        let iso = bilat_model::country_by_alpha3(alpha.trim())
            .map(|c| i32::from(c.code))
            .or_else(|| places::from_numeric(code))
            .unwrap_or(i32::from(bilat_model::baci_to_iso(code as u16)));
        map[code as usize] = iso;
    }
    rejects.extend(faults.rejects);
    Ok(CountryTable::new(map))
}

pub(crate) fn csv_error(path: &Path, e: &csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => Error::Encoding {
            path: path.to_path_buf(),
            line: pos.as_ref().map_or(0, csv::Position::line),
        },
        csv::ErrorKind::Io(io) => Error::io(path, std::io::Error::new(io.kind(), io.to_string())),
        _ => Error::Row {
            path: path.to_path_buf(),
            line: e.position().map_or(0, csv::Position::line),
            column: 0,
            column_name: String::new(),
            reason: format!("unreadable CSV: {e}"),
        },
    }
}

fn read_product_dictionary(
    f: &Loaded,
    revision: &str,
    opts: &ReadOptions,
    names: &mut ProductNames,
    rejects: &mut Vec<crate::Reject>,
) -> Result<()> {
    let bytes = strip_bom(&f.bytes);
    check_utf8(&f.path, bytes)?;
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_error(&f.path, &e))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let code_col = header.iter().position(|h| h == "code");
    let name_col = header.iter().position(|h| h == "description");
    let (Some(code_col), Some(name_col)) = (code_col, name_col) else {
        return Err(Error::Header {
            path: f.path.clone(),
            expected: "code,description".to_string(),
            found: first_line(&f.bytes),
            looks_like: None,
        });
    };
    let mut faults = Faults::new(&f.path, opts.mode, &header);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_error(&f.path, &e))?;
        let line = rec.position().map_or(0, |p| p.line());
        let code = rec.get(code_col).unwrap_or("");
        match parse_hs6(code.as_bytes()) {
            Ok(k) => {
                let code = String::from_utf8_lossy(&k);
                names.add(revision, &code, 6, rec.get(name_col).unwrap_or(""));
            }
            Err(fe) => {
                let raw = rec.iter().collect::<Vec<_>>().join(",");
                faults.row(line, FieldError::new(code_col + 1, fe.reason), || raw)?;
            }
        }
    }
    rejects.extend(faults.rejects);
    Ok(())
}

/// What one year file yields.
struct YearOut {
    batches: Vec<RecordBatch>,
    rows_read: u64,
    rejects: Vec<crate::Reject>,
}

/// A fault found while parsing a chunk.
enum ChunkFault {
    Field(FieldError),
    Encoding,
}

/// Columns parsed from one chunk of a year file.
#[derive(Default)]
struct Parsed {
    /// Lines in the chunk (blank ones included).
    lines: u64,
    /// Data rows seen (good or bad).
    rows_read: u64,
    year: Vec<i32>,
    exporter: Vec<i32>,
    importer: Vec<i32>,
    product: Vec<u8>,
    value: Vec<f64>,
    quantity: Vec<f64>,
    quantity_valid: Vec<bool>,
    any_quantity_null: bool,
    /// 0-based line within the chunk of each kept row.
    row_line: Vec<u32>,
    /// Raw (unmapped) keys strictly increasing within the chunk.
    sorted: bool,
    /// Codes of [`CountryTable::shared`] used by some row.
    shared_used: std::collections::BTreeSet<u16>,
    first_key: u64,
    last_key: u64,
    faults: Vec<(u64, ChunkFault)>,
}

fn raw_key(r: &BaciRow) -> u64 {
    let k = r
        .product
        .iter()
        .fold(0u64, |a, b| a * 10 + u64::from(b - b'0'));
    (u64::from(r.year - 1900) << 40)
        | (u64::from(r.exporter) << 30)
        | (u64::from(r.importer) << 20)
        | k
}

fn mapped_key(year: i32, exporter: i32, importer: i32, product: &[u8]) -> u64 {
    let k = product
        .iter()
        .fold(0u64, |a, b| a * 10 + u64::from(b.wrapping_sub(b'0')));
    ((year - 1900) as u64) << 40 | (exporter as u64) << 30 | (importer as u64) << 20 | k
}

/// Fast path for a plain data line starting at `b[i]`: unquoted, no spaces, digits, decimals
/// without exponent of at most 15 significant digits, `q` a decimal, empty or `NA`. Returns the row
/// and the index after the line's `\n` (or the end); `None` sends the line to [`parse_baci_line`],
/// which accepts everything this does with identical results (both round correctly) and more.
#[inline]
fn fast_line(b: &[u8], i: usize) -> Option<(BaciRow, usize)> {
    let (year, i) = fast_uint(b, i, 4)?;
    let (exporter, i) = fast_uint(b, i, 3)?;
    let (importer, i) = fast_uint(b, i, 3)?;
    let k = b.get(i..i + 7)?;
    if k[6] != b',' || !k[..6].iter().all(u8::is_ascii_digit) || !(1900..=2100).contains(&year) {
        return None;
    }
    let product = [k[0], k[1], k[2], k[3], k[4], k[5]];
    let (value, i) = fast_decimal(b, i + 7)?;
    if b.get(i) != Some(&b',') {
        return None;
    }
    let i = i + 1;
    let (quantity, i) = match b.get(i) {
        None | Some(b'\n') | Some(b'\r') => (None, i),
        Some(b'N') if b.get(i + 1) == Some(&b'A') => (None, i + 2),
        _ => {
            let (q, i) = fast_decimal(b, i)?;
            (Some(q), i)
        }
    };
    let next = match b.get(i) {
        None => i,
        Some(b'\n') => i + 1,
        Some(b'\r') if b.get(i + 1) == Some(&b'\n') => i + 2,
        _ => return None,
    };
    let row = BaciRow {
        year: year as u16,
        exporter: exporter as u16,
        importer: importer as u16,
        product,
        value_thousands_usd: value,
        quantity_tonnes: quantity,
    };
    Some((row, next))
}

/// 1..=`max_digits` digits followed by `,`.
#[inline]
fn fast_uint(b: &[u8], mut i: usize, max_digits: usize) -> Option<(u32, usize)> {
    let start = i;
    let mut v = 0u32;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii_digit() {
            break;
        }
        if i - start == max_digits {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
        i += 1;
    }
    let n = i - start;
    (n >= 1 && n <= max_digits && b.get(i) == Some(&b',')).then_some((v, i + 1))
}

/// `digits[.digits]` with at most 15 significant digits (so the mantissa is exact and < 2^53);
/// the result is `m / 10^f`, one correctly rounded division (Clinger's fast path).
#[inline]
fn fast_decimal(b: &[u8], mut i: usize) -> Option<(f64, usize)> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let mut m = 0u64;
    let mut digits = 0usize;
    let mut any = false;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii_digit() {
            break;
        }
        m = m * 10 + u64::from(c - b'0');
        digits += usize::from(m != 0);
        if digits > 15 {
            return None;
        }
        any = true;
        i += 1;
    }
    let mut frac = 0usize;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&c) = b.get(i) {
            if !c.is_ascii_digit() {
                break;
            }
            m = m * 10 + u64::from(c - b'0');
            digits += usize::from(m != 0);
            frac += 1;
            if digits > 15 || frac > 15 {
                return None;
            }
            any = true;
            i += 1;
        }
    }
    if !any {
        return None;
    }
    Some((m as f64 / POW10[frac], i))
}

/// How the rows of one year file are checked beyond their own fields.
struct RowRules<'a> {
    table: &'a CountryTable,
    /// The first year of the file's HS revision (see `revision`); 0 when unknown.
    first_year: u16,
    /// The file's revision, for messages.
    revision: &'a str,
}

fn parse_chunk(bytes: &[u8], is_last: bool, rules: &RowRules<'_>, strict: bool) -> Parsed {
    let table = rules.table;
    let mut p = Parsed {
        sorted: true,
        ..Parsed::default()
    };
    let est = bytes.len() / 28 + 1;
    p.year.reserve(est);
    p.exporter.reserve(est);
    p.importer.reserve(est);
    p.product.reserve(est * 6);
    p.value.reserve(est);
    p.quantity.reserve(est);
    p.quantity_valid.reserve(est);
    p.row_line.reserve(est);
    let mut start = 0;
    let mut line_no: u64 = 0;
    let mut prev_key: Option<u64> = None;
    while start < bytes.len() {
        let this = line_no;
        line_no += 1;
        let parsed = match fast_line(bytes, start) {
            Some((row, next)) => {
                start = next;
                Ok(row)
            }
            None => {
                let (end, next, terminated) = match memchr::memchr(b'\n', &bytes[start..]) {
                    Some(i) => (start + i, start + i + 1, true),
                    None => (bytes.len(), bytes.len(), false),
                };
                let line = &bytes[start..end];
                start = next;
                let trimmed = line.strip_suffix(b"\r").unwrap_or(line);
                if trim_spaces(trimmed).is_empty() {
                    continue;
                }
                // The line as read: `parse_baci_line` drops the one `\r` of a CRLF itself
                // (stripping it here as well read "…,18.583\r\r" as a clean row, where the
                // line parser alone refuses it; found by fuzz `baci_csv`).
                parse_baci_line(line).map_err(|mut fe| {
                    if std::str::from_utf8(trimmed).is_err() {
                        ChunkFault::Encoding
                    } else {
                        if is_last && !terminated {
                            fe.reason.push_str(" (the file ends mid-row: truncated?)");
                        }
                        ChunkFault::Field(fe)
                    }
                })
            }
        };
        p.rows_read += 1;
        let fault = match parsed {
            Ok(r) => {
                let e = table.map[usize::from(r.exporter)];
                let i = table.map[usize::from(r.importer)];
                if r.year < rules.first_year {
                    let reason = crate::revision::check_year(u32::from(r.year), rules.revision)
                        .err()
                        .unwrap_or_default();
                    Some(ChunkFault::Field(FieldError::new(1, reason)))
                } else if e < 0 {
                    Some(ChunkFault::Field(unknown_country(2, r.exporter)))
                } else if i < 0 {
                    Some(ChunkFault::Field(unknown_country(3, r.importer)))
                } else {
                    for c in [r.exporter, r.importer] {
                        if table.shared[usize::from(c)] {
                            p.shared_used.insert(c);
                        }
                    }
                    let key = raw_key(&r);
                    if let Some(pk) = prev_key {
                        if key <= pk {
                            p.sorted = false;
                        }
                    } else {
                        p.first_key = key;
                    }
                    prev_key = Some(key);
                    p.year.push(i32::from(r.year));
                    p.exporter.push(e);
                    p.importer.push(i);
                    p.product.extend_from_slice(&r.product);
                    p.value.push(r.value_thousands_usd * 1000.0);
                    match r.quantity_tonnes {
                        Some(q) => {
                            p.quantity.push(q);
                            p.quantity_valid.push(true);
                        }
                        None => {
                            p.quantity.push(0.0);
                            p.quantity_valid.push(false);
                            p.any_quantity_null = true;
                        }
                    }
                    p.row_line.push(this as u32);
                    None
                }
            }
            Err(f) => Some(f),
        };
        if let Some(f) = fault {
            p.faults.push((this, f));
            if strict {
                break;
            }
        }
    }
    p.last_key = prev_key.unwrap_or(0);
    p.lines = line_no;
    p
}

fn unknown_country(column: usize, code: u16) -> FieldError {
    FieldError::new(
        column,
        format!(
            "unknown country code {code} (not in the release's country_codes nor the ISO table)"
        ),
    )
}

/// Splits `bytes` into pieces of about `target` bytes, each ending just after a newline.
fn split_chunks(bytes: &[u8], target: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let want = start + target;
        if want >= bytes.len() {
            out.push(&bytes[start..]);
            break;
        }
        let end = match memchr::memchr(b'\n', &bytes[want..]) {
            Some(i) => want + i + 1,
            None => bytes.len(),
        };
        out.push(&bytes[start..end]);
        start = end;
    }
    out
}

fn read_year(
    f: &Loaded,
    table: &CountryTable,
    revision: &str,
    vintage: &str,
    opts: &ReadOptions,
    done: &AtomicU64,
    total: u64,
) -> Result<YearOut> {
    let bytes = strip_bom(&f.bytes);
    let bom = f.bytes.len() - bytes.len();
    let header_end = memchr::memchr(b'\n', bytes).map_or(bytes.len(), |i| i + 1);
    let body = &bytes[header_end..];
    let header: Vec<String> = HEADER.iter().map(|s| (*s).to_string()).collect();
    let strict = opts.mode == crate::Mode::Strict;
    let rules = RowRules {
        table,
        first_year: crate::revision::first_year(revision).map_or(0, |y| y as u16),
        revision,
    };
    let target = (body.len() / (rayon::current_num_threads() * 4).max(1)).clamp(1 << 20, 8 << 20);
    let chunks = split_chunks(body, target);
    let n_chunks = chunks.len();
    let parsed: Vec<Parsed> = chunks
        .par_iter()
        .enumerate()
        .map(|(ci, c)| {
            let p = parse_chunk(c, ci + 1 == n_chunks, &rules, strict);
            let d = done.fetch_add(c.len() as u64, Ordering::Relaxed) + c.len() as u64;
            if let Some(cb) = opts.progress {
                cb(d, total);
            }
            p
        })
        .collect();
    if let Some(cb) = opts.progress {
        let d = done.fetch_add((header_end + bom) as u64, Ordering::Relaxed)
            + (header_end + bom) as u64;
        cb(d, total);
    }
    // First line of each chunk, 1-based in the file (the header is line 1).
    let mut base = Vec::with_capacity(n_chunks);
    let mut line = 2u64;
    for p in &parsed {
        base.push(line);
        line += p.lines;
    }
    let mut faults = Faults::new(&f.path, opts.mode, &header);
    let raw_line = |ci: usize, l: u64| -> String {
        let c = chunks[ci];
        let start = if l == 0 {
            0
        } else {
            memchr::memchr_iter(b'\n', c)
                .nth(l as usize - 1)
                .map_or(c.len(), |i| i + 1)
        };
        let end = memchr::memchr(b'\n', &c[start..]).map_or(c.len(), |i| start + i);
        String::from_utf8_lossy(&c[start..end])
            .trim_end_matches('\r')
            .to_string()
    };
    for (ci, p) in parsed.iter().enumerate() {
        for (l, fault) in &p.faults {
            let at = base[ci] + l;
            match fault {
                ChunkFault::Field(fe) => faults.row(at, fe.clone(), || raw_line(ci, *l))?,
                ChunkFault::Encoding => faults.encoding(at, || raw_line(ci, *l))?,
            }
        }
    }
    // Duplicate keys.
    let mut drop: Vec<Vec<usize>> = vec![Vec::new(); n_chunks];
    // Strictly increasing raw keys have no duplicates; mapping can only merge rows when two codes
    // of one shared group (e.g. 56 and 58, both BEL) are used, and then the sort below is needed.
    let shared_used: std::collections::BTreeSet<u16> = parsed
        .iter()
        .flat_map(|p| p.shared_used.iter().copied())
        .collect();
    let mut groups: HashMap<i32, usize> = HashMap::new();
    for c in &shared_used {
        *groups.entry(table.map[usize::from(*c)]).or_default() += 1;
    }
    let fast = groups.values().all(|n| *n < 2) && {
        let mut prev: Option<u64> = None;
        parsed.iter().filter(|p| !p.year.is_empty()).all(|p| {
            let ok = p.sorted && prev.is_none_or(|k| k < p.first_key);
            prev = Some(p.last_key);
            ok
        })
    };
    if !fast {
        let mut keys: Vec<(u64, u64, u32, u32)> =
            Vec::with_capacity(parsed.iter().map(|p| p.year.len()).sum());
        for (ci, p) in parsed.iter().enumerate() {
            for r in 0..p.year.len() {
                let k = mapped_key(
                    p.year[r],
                    p.exporter[r],
                    p.importer[r],
                    &p.product[r * 6..r * 6 + 6],
                );
                keys.push((k, base[ci] + u64::from(p.row_line[r]), ci as u32, r as u32));
            }
        }
        keys.par_sort_unstable();
        let mut dups: Vec<(u64, u64, usize, usize)> = Vec::new();
        let mut first = 0;
        for w in 1..keys.len() {
            if keys[w].0 == keys[first].0 {
                dups.push((
                    keys[w].1,
                    keys[first].1,
                    keys[w].2 as usize,
                    keys[w].3 as usize,
                ));
            } else {
                first = w;
            }
        }
        dups.sort_unstable();
        for (line, first_line, ci, r) in dups {
            let l = u64::from(parsed[ci].row_line[r]);
            faults.duplicate(line, first_line, || raw_line(ci, l))?;
            drop[ci].push(r);
        }
    }
    let rows_read = parsed.iter().map(|p| p.rows_read).sum();
    let batches = build_batches(parsed, &drop, revision, vintage)?;
    Ok(YearOut {
        batches,
        rows_read,
        rejects: faults.rejects,
    })
}

/// Constant columns shared (sliced) by every batch of a year file.
struct Shared {
    source: ArrayRef,
    vintage: ArrayRef,
    reported_by: ArrayRef,
    trade_flow: ArrayRef,
    revision: ArrayRef,
    level: ArrayRef,
    null_i32: ArrayRef,
    null_f64: ArrayRef,
    unit: StringArray,
}

fn build_batches(
    parsed: Vec<Parsed>,
    drop: &[Vec<usize>],
    revision: &str,
    vintage: &str,
) -> Result<Vec<RecordBatch>> {
    let max = parsed.iter().map(|p| p.year.len()).max().unwrap_or(0);
    if max == 0 {
        return Ok(Vec::new());
    }
    let s = Shared {
        source: const_str("baci", max),
        vintage: const_str(vintage, max),
        reported_by: const_str(bilat_model::ReportedBy::Reconciled.as_str(), max),
        trade_flow: const_str(bilat_model::TradeFlow::X.as_str(), max),
        revision: const_str(revision, max),
        level: Arc::new(Int32Array::from(vec![6; max])),
        null_i32: new_null_array(&DataType::Int32, max),
        null_f64: new_null_array(&DataType::Float64, max),
        unit: StringArray::new(
            OffsetBuffer::<i32>::from_lengths(std::iter::repeat_n(1, max)),
            Buffer::from(vec![b't'; max]),
            None,
        ),
    };
    let schema = bilat_model::flow_schema();
    parsed
        .into_par_iter()
        .zip(drop.par_iter())
        .filter(|(p, _)| !p.year.is_empty())
        .map(|(p, d)| {
            let n = p.year.len();
            let nulls = p
                .any_quantity_null
                .then(|| NullBuffer::from(p.quantity_valid));
            let product = StringArray::new(
                OffsetBuffer::<i32>::from_lengths(std::iter::repeat_n(6, n)),
                Buffer::from(p.product),
                None,
            );
            let unit = unit_from(&s.unit, n, nulls.clone());
            let cols: Vec<ArrayRef> = vec![
                s.source.slice(0, n),
                s.vintage.slice(0, n),
                Arc::new(Int32Array::from(p.year)),
                s.null_i32.slice(0, n),
                Arc::new(Int32Array::from(p.exporter)),
                Arc::new(Int32Array::from(p.importer)),
                s.reported_by.slice(0, n),
                s.trade_flow.slice(0, n),
                s.revision.slice(0, n),
                Arc::new(product),
                s.level.slice(0, n),
                Arc::new(Float64Array::from(p.value)),
                s.null_f64.slice(0, n),
                s.null_f64.slice(0, n),
                Arc::new(Float64Array::new(p.quantity.into(), nulls)),
                unit,
                s.null_f64.slice(0, n),
            ];
            let batch = RecordBatch::try_new(schema.clone(), cols)?;
            if d.is_empty() {
                Ok(batch)
            } else {
                let mut keep = vec![true; n];
                for r in d {
                    keep[*r] = false;
                }
                Ok(arrow::compute::filter_record_batch(&batch, &keep.into())?)
            }
        })
        .collect()
}

/// The first `n` entries of the shared `"t"` array with the quantity's validity.
fn unit_from(all: &StringArray, n: usize, nulls: Option<NullBuffer>) -> ArrayRef {
    let sliced = all.slice(0, n);
    match nulls {
        None => Arc::new(sliced),
        Some(nb) => {
            let (offsets, values, _) = sliced.into_parts();
            Arc::new(StringArray::new(offsets, values, Some(nb)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            revision_of("BACI_HS12_Y2018_V202201.csv").as_deref(),
            Some("HS12")
        );
        assert_eq!(
            revision_of("product_codes_HS92_V202301.csv").as_deref(),
            Some("HS92")
        );
        assert_eq!(
            release_of("BACI_HS12_Y2018_V202201.csv").as_deref(),
            Some("V202201")
        );
        assert_eq!(release_of("year.csv"), None);
    }

    #[test]
    fn line_parser_columns() {
        assert_eq!(
            parse_baci_line(b"2018,4,124,30627,2.281,").unwrap().product,
            *b"030627"
        );
        assert_eq!(
            parse_baci_line(b"2018,4,124,0306,2.281,")
                .unwrap_err()
                .column,
            4
        );
        assert_eq!(
            parse_baci_line(b"2018,4,124,030627,-1,")
                .unwrap_err()
                .column,
            5
        );
        assert_eq!(
            parse_baci_line(b"2018,4,124,030627,1,x")
                .unwrap_err()
                .column,
            6
        );
        assert_eq!(parse_baci_line(b"2018,4,124").unwrap_err().column, 0);
        assert_eq!(
            parse_baci_line(b"2018,4,124,030627,1,2,3")
                .unwrap_err()
                .column,
            0
        );
        // One CR of a CRLF is the line ending; a second is a stray byte in the last field,
        // for the line parser and the chunk reader alike (fuzz `baci_csv`).
        assert!(parse_baci_line(b"2018,8,208,030617,193.93,18.583\r\r").is_err());
        let q = parse_baci_line(b"\"2018\",4,124,\"030627\",1.5,NA\r").unwrap();
        assert_eq!((q.value_thousands_usd, q.quantity_tonnes), (1.5, None));
    }

    #[test]
    fn chunks_end_at_newlines() {
        let data = b"a\nbb\nccc\ndddd\n";
        let c = split_chunks(data, 3);
        assert_eq!(c.concat(), data.to_vec());
        assert!(c.iter().all(|c| c.ends_with(b"\n")));
    }
}
