//! Row access shared by the small readers (Comtrade, OTS, series): a CSV file or a JSON array of
//! objects, seen as a header plus string records with their 1-based line.
//!
//! - Header names are normalised by [`norm`] (lower case, only letters and digits), so the
//!   snake_case `primary_value`, camelCase `primaryValue` and `Primary Value` are one name.
//! - CSV: BOM stripped, fields trimmed, rows with the wrong number of fields and rows that are not
//!   UTF-8 are faults of the whole row (column 0); a last row without a newline that fails is
//!   flagged as a probable truncation, a row whose quoted field spans lines as an unbalanced quote.
//! - JSON: `{"data": [ {…}, … ]}` (Comtrade API) or `[ {…}, … ]` (OTS); "line" is the 1-based
//!   index of the object; `null` is an empty field; numbers are kept as written. An empty array is
//!   a valid answer with no rows (the API's "no data").

use csv::StringRecord;

use crate::baci::{csv_error, first_line};
use crate::files::{Loaded, strip_bom};
use crate::import::Faults;
use crate::{Error, FieldError, ReadOptions, Result};

/// Normalised header name: ASCII lower case, letters and digits only.
pub(crate) fn norm(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether the file is JSON (first non-blank byte `{` or `[`).
pub(crate) fn is_json(f: &Loaded) -> bool {
    strip_bom(&f.bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[')
}

/// A file opened as a table.
pub(crate) struct Table {
    /// Header as written (for messages and `column_name`).
    pub header: Vec<String>,
    /// Normalised header names.
    pub keys: Vec<String>,
    rows: Rows,
}

enum Rows {
    Csv(Vec<u8>),
    Json(Vec<serde_json::Map<String, serde_json::Value>>),
}

impl Table {
    /// Opens a CSV or JSON file: reads the header only (CSV) or parses the array (JSON).
    pub(crate) fn open(f: &Loaded) -> Result<Table> {
        let bytes = strip_bom(&f.bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::Empty {
                path: f.path.clone(),
            });
        }
        if is_json(f) {
            return open_json(f, bytes);
        }
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let header: Vec<String> = match rdr.byte_headers() {
            Ok(h) => match std::str::from_utf8(h.as_slice()) {
                Ok(_) => h
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect(),
                Err(_) => {
                    return Err(Error::Encoding {
                        path: f.path.clone(),
                        line: 1,
                    });
                }
            },
            Err(e) => return Err(csv_error(&f.path, &e)),
        };
        let keys = header.iter().map(|h| norm(h)).collect();
        Ok(Table {
            header,
            keys,
            rows: Rows::Csv(bytes.to_vec()),
        })
    }

    /// A JSON answer with no records (`[]`, `{"data": []}`): no rows and no header to check.
    pub(crate) fn no_records(&self) -> bool {
        matches!(&self.rows, Rows::Json(v) if v.is_empty())
    }

    /// Index of the first column whose normalised name is one of `names`.
    pub(crate) fn col(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.keys.iter().position(|k| k == n))
    }

    /// Calls `row(line, record, raw)` for every good row; bad rows (wrong field count, not UTF-8)
    /// go to `faults`. Returns the number of data rows seen. `progress` gets bytes done.
    pub(crate) fn for_each(
        &self,
        f: &Loaded,
        faults: &mut Faults,
        opts: &ReadOptions,
        mut row: impl FnMut(u64, &StringRecord, &mut Faults) -> Result<()>,
    ) -> Result<u64> {
        let mut n = 0u64;
        match &self.rows {
            Rows::Csv(bytes) => {
                let total = bytes.len() as u64;
                let ends_mid_row = !bytes.ends_with(b"\n");
                let mut rdr = csv::ReaderBuilder::new()
                    .flexible(true)
                    .trim(csv::Trim::All)
                    .from_reader(&bytes[..]);
                let mut rec = csv::ByteRecord::new();
                loop {
                    match rdr.read_byte_record(&mut rec) {
                        Ok(false) => break,
                        Ok(true) => {}
                        Err(e) => return Err(csv_error(&f.path, &e)),
                    }
                    let line = rec.position().map_or(0, csv::Position::line);
                    let raw = || {
                        rec.iter()
                            .map(|x| String::from_utf8_lossy(x).into_owned())
                            .collect::<Vec<_>>()
                            .join(",")
                    };
                    if rec.len() == 1 && rec.get(0).is_some_and(<[u8]>::is_empty) {
                        continue; // blank line
                    }
                    n += 1;
                    let s = match StringRecord::from_byte_record(rec.clone()) {
                        Ok(s) => s,
                        Err(_) => {
                            faults.encoding(line, raw)?;
                            continue;
                        }
                    };
                    if s.len() != self.header.len() {
                        let at_end = rdr.position().byte() >= total;
                        let mut reason =
                            format!("row has {} fields, expected {}", s.len(), self.header.len());
                        if s.iter().any(|x| x.contains('\n')) {
                            reason.push_str(
                                " (a quoted field runs over several lines: unbalanced quote?)",
                            );
                        } else if at_end && ends_mid_row {
                            reason.push_str(" (the file ends mid-row: truncated?)");
                        }
                        faults.row(line, FieldError::new(0, reason), raw)?;
                        continue;
                    }
                    row(line, &s, faults)?;
                    if let Some(cb) = opts.progress
                        && n.is_multiple_of(65536)
                    {
                        cb(rdr.position().byte(), total);
                    }
                }
                if let Some(cb) = opts.progress {
                    cb(total, total);
                }
            }
            Rows::Json(objects) => {
                for (i, obj) in objects.iter().enumerate() {
                    n += 1;
                    let rec: StringRecord = self
                        .header
                        .iter()
                        .map(|h| match obj.get(h) {
                            None | Some(serde_json::Value::Null) => String::new(),
                            Some(serde_json::Value::String(s)) => s.trim().to_string(),
                            Some(v) => v.to_string(),
                        })
                        .collect();
                    row(i as u64 + 1, &rec, faults)?;
                }
                if let Some(cb) = opts.progress {
                    cb(f.bytes.len() as u64, f.bytes.len() as u64);
                }
            }
        }
        Ok(n)
    }
}

fn open_json(f: &Loaded, bytes: &[u8]) -> Result<Table> {
    let json_err = |reason: String| Error::Json {
        path: f.path.clone(),
        reason,
    };
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.classify() == serde_json::error::Category::Syntax
            && std::str::from_utf8(bytes).is_err()
        {
            return Error::Encoding {
                path: f.path.clone(),
                line: e.line() as u64,
            };
        }
        json_err(e.to_string())
    })?;
    let array = match value {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("data") {
            Some(serde_json::Value::Array(a)) => a,
            Some(serde_json::Value::Null) | None => {
                let msg = o
                    .get("error")
                    .and_then(|e| e.as_str())
                    .unwrap_or("")
                    .to_string();
                return Err(json_err(format!(
                    "expected a \"data\" array{}",
                    if msg.is_empty() {
                        String::new()
                    } else {
                        format!(" (API error: {msg})")
                    }
                )));
            }
            Some(_) => return Err(json_err("\"data\" is not an array".to_string())),
        },
        _ => {
            return Err(json_err(
                "expected an array of objects or {\"data\": [...]}".to_string(),
            ));
        }
    };
    let mut objects = Vec::with_capacity(array.len());
    for (i, v) in array.into_iter().enumerate() {
        match v {
            serde_json::Value::Object(o) => objects.push(o),
            _ => return Err(json_err(format!("record {} is not an object", i + 1))),
        }
    }
    let mut header: Vec<String> = Vec::new();
    for o in &objects {
        for k in o.keys() {
            if !header.contains(k) {
                header.push(k.clone());
            }
        }
    }
    let keys = header.iter().map(|h| norm(h)).collect();
    Ok(Table {
        header,
        keys,
        rows: Rows::Json(objects),
    })
}

/// A header error listing what was expected.
/// `own` is the reader's kind: a file that looks like another kind's says so.
pub(crate) fn header_error(f: &Loaded, expected: &str, own: crate::SourceKind) -> Error {
    Error::Header {
        path: f.path.clone(),
        expected: expected.to_string(),
        found: first_line(&f.bytes),
        looks_like: crate::files::looks_like(&f.bytes).filter(|k| *k != own),
    }
}
