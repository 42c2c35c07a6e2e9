//! Open Trade Statistics (tradestatistics.io API) tables → `flows`.
//!
//! Accepted tables, as CSV or as JSON (an array of objects with the same fields):
//!
//! ```text
//! yrpc  year, reporter_iso, partner_iso, [section_code], commodity_code, trade_value_usd_imp, trade_value_usd_exp
//! yrp   year, reporter_iso, partner_iso,                                  trade_value_usd_imp, trade_value_usd_exp
//! yrc   year, reporter_iso,              [section_code], commodity_code, …  (partner = World, 0)
//! yr    year, reporter_iso,                                               …  (partner = World, 0)
//! ```
//! Tables without a reporter (`yc`) are header errors. An API answer with an `observation` column
//! ("No data available for these filtering parameters") yields no rows.
//!
//! Each input row gives up to two flows:
//! - `trade_value_usd_exp`: the reporter's exports to the partner — exporter = reporter,
//!   importer = partner, reported_by `exporter`, trade_flow `X`;
//! - `trade_value_usd_imp`: the reporter's imports from the partner — exporter = partner,
//!   importer = reporter, reported_by `importer`, trade_flow `M`.
//!
//! A value that is 0, empty or `NA` gives no flow (OTS lists a pair/product when either direction
//! is non-zero, so the other side's zero means "no trade") and is counted in
//! [`crate::Import::skipped`]. Values are current USD.
//!
//! Products: `commodity_code` is HS at 6 digits (level 6; 2/4-digit codes keep their level); tables
//! without it get `TOTAL` (level 0). `hs_revision` is `HS12`: the OTS API converts all years to HS
//! 2012 (its `ots_commodities.json` has 030616, new in HS12, and 440110, split in HS17). Country
//! codes are lower-case ISO alpha-3; `e-490`-style codes are Comtrade areas. Vintage: `unversioned`
//! (the API has no release numbers).
//!
//! Names: an `ots_commodities.json` (array of `commodity_code`, `commodity_fullname_english`) in the
//! input folder, or given as the input itself, fills `products` (source `ots`).

use std::collections::HashMap;
use std::path::Path;

use bilat_model::{ReportedBy, TradeFlow};

use crate::batch::{FlowBuilder, FlowRow, ProductNames};
use crate::comtrade::join;
use crate::files::Loaded;
use crate::import::{Faults, shown};
use crate::number::{parse_optional_value, parse_uint};
use crate::table::{Table, header_error};
use crate::{FieldError, Import, ReadOptions, Result, places};

/// The HS revision OTS serves (see the module doc for the evidence).
const OTS_REVISION: &str = "HS12";

const EXPECTED: &str = "OTS columns year, reporter_iso, [partner_iso], [commodity_code], \
                        trade_value_usd_imp, trade_value_usd_exp";

/// Reads an Open Trade Statistics input: `yrpc`/`yrp`/`yrc`/`yr` tables as CSV or JSON, or a
/// folder of them with `ots_commodities.json` for names.
///
/// Each row gives the reporter's exports (X, exporter-reported) and imports (M,
/// importer-reported); zero or missing values give no flow and are counted as skipped. HS12.
/// Contract in full: `src/ots.rs` module doc.
pub fn read_ots(path: &Path, opts: &ReadOptions) -> Result<Import> {
    let (files, mut import) = crate::files::load_with(path, |loaded| read_loaded(loaded, opts))?;
    import.files = files;
    Ok(import)
}

type Key = (i32, i32, i32, TradeFlow, String);

pub(crate) fn read_loaded(loaded: Vec<Loaded>, opts: &ReadOptions) -> Result<Import> {
    let mut flows = FlowBuilder::default();
    let mut names = ProductNames::default();
    let mut rejects = Vec::new();
    let mut rows_read = 0;
    let mut skipped = 0;
    for f in &loaded {
        let lower = f.name.to_ascii_lowercase();
        if lower.starts_with("ots_") {
            // Dictionaries: only commodity names are used; countries and sections are known to the model.
            if lower.starts_with("ots_commodities") {
                let (read, pseudo) = read_commodities(f, opts, &mut names, &mut rejects)?;
                rows_read += read;
                skipped += pseudo;
            }
            continue;
        }
        let t = Table::open(f)?;
        if t.no_records() {
            continue;
        }
        if t.col(&["observation"]).is_some() && t.col(&["tradevalueusdexp"]).is_none() {
            let mut faults = Faults::new(&f.path, opts.mode, &t.header);
            rows_read += t.for_each(f, &mut faults, opts, |_, _, _| {
                skipped += 1;
                Ok(())
            })?;
            // Rows the table itself refused (not UTF-8, wrong field count) are rejects here too.
            rejects.extend(faults.rejects);
            continue;
        }
        let (Some(year), Some(reporter), Some(imp), Some(exp)) = (
            t.col(&["year"]),
            t.col(&["reporteriso"]),
            t.col(&["tradevalueusdimp"]),
            t.col(&["tradevalueusdexp"]),
        ) else {
            return Err(header_error(f, EXPECTED, crate::SourceKind::Ots));
        };
        let partner = t.col(&["partneriso"]);
        let commodity = t.col(&["commoditycode"]);
        let mut faults = Faults::new(&f.path, opts.mode, &t.header);
        let mut seen: HashMap<Key, u64> = HashMap::new();
        rows_read += t.for_each(f, &mut faults, opts, |line, rec, faults| {
            let get = |i: usize| rec.get(i).unwrap_or("");
            let y = match parse_uint(get(year).as_bytes()).filter(|y| (1900..=2100).contains(y)) {
                Some(y) => y as i32,
                None => {
                    return faults.row(
                        line,
                        FieldError::new(year + 1, format!("bad year {}", shown(get(year)))),
                        || join(rec),
                    );
                }
            };
            let r = match ots_country(get(reporter)) {
                Some(c) => c,
                None => {
                    let fe = FieldError::new(
                        reporter + 1,
                        format!("unknown country {}", shown(get(reporter))),
                    );
                    return faults.row(line, fe, || join(rec));
                }
            };
            let p = match partner {
                None => 0,
                Some(pi) => match ots_country(get(pi)) {
                    Some(c) => c,
                    None => {
                        let fe =
                            FieldError::new(pi + 1, format!("unknown country {}", shown(get(pi))));
                        return faults.row(line, fe, || join(rec));
                    }
                },
            };
            let (product, level) = match commodity {
                None => ("TOTAL", 0),
                Some(ci) => {
                    let code = get(ci);
                    match bilat_model::hs::level_of(code) {
                        Some(l) => (code, i32::from(l)),
                        None => {
                            let fe = FieldError::new(
                                ci + 1,
                                format!("bad HS code {}: expected 2, 4 or 6 digits", shown(code)),
                            );
                            return faults.row(line, fe, || join(rec));
                        }
                    }
                }
            };
            let mut values = [(exp, TradeFlow::X, None), (imp, TradeFlow::M, None)];
            for (col, _, v) in &mut values {
                match parse_optional_value(get(*col).as_bytes()) {
                    Ok(x) => *v = x,
                    Err(reason) => {
                        return faults.row(line, FieldError::new(*col + 1, reason), || join(rec));
                    }
                }
            }
            for (_, fl, v) in values {
                let Some(v) = v.filter(|v| *v > 0.0) else {
                    skipped += 1;
                    continue;
                };
                let (exporter, importer, reported_by) = match fl {
                    TradeFlow::X => (r, p, ReportedBy::Exporter),
                    _ => (p, r, ReportedBy::Importer),
                };
                let key: Key = (y, exporter, importer, fl, product.to_string());
                if let Some(first) = seen.get(&key) {
                    return faults.duplicate(line, *first, || join(rec));
                }
                seen.insert(key, line);
                flows.push(&FlowRow {
                    year: y,
                    month: None,
                    exporter,
                    importer,
                    reported_by,
                    trade_flow: fl,
                    hs_revision: OTS_REVISION,
                    product,
                    level,
                    value_usd: v,
                    value_fob_usd: None,
                    value_cif_usd: None,
                    quantity: None,
                    quantity_unit: None,
                    net_weight_kg: None,
                });
            }
            Ok(())
        })?;
        rejects.extend(faults.rejects);
    }
    let vintage = "unversioned".to_string();
    Ok(Import {
        source: "ots".to_string(),
        flows: flows.finish("ots", &vintage)?,
        vintage,
        files: Vec::new(),
        series: Vec::new(),
        products: names.finish("ots")?,
        rows_read,
        skipped,
        rejects,
    })
}

/// An OTS country code: lower-case alpha-3, or `e-NNN` for a Comtrade area.
fn ots_country(code: &str) -> Option<i32> {
    let c = code.trim();
    if let Some(n) = c.strip_prefix("e-").or_else(|| c.strip_prefix("E-")) {
        return parse_uint(n.as_bytes())
            .filter(|n| places::is_area(*n))
            .map(|n| n as i32);
    }
    places::from_alpha(c)
}

/// Commodity names from the dictionary; returns the rows read and those skipped (pseudo-codes
/// such as "all", which name no HS product), so a dictionary's import reports what it read.
fn read_commodities(
    f: &Loaded,
    opts: &ReadOptions,
    names: &mut ProductNames,
    rejects: &mut Vec<crate::Reject>,
) -> Result<(u64, u64)> {
    let t = Table::open(f)?;
    let (Some(code), Some(name)) = (
        t.col(&["commoditycode"]),
        t.col(&["commodityfullnameenglish"]),
    ) else {
        return Err(header_error(
            f,
            "commodity_code, commodity_fullname_english",
            crate::SourceKind::Ots,
        ));
    };
    let mut faults = Faults::new(&f.path, opts.mode, &t.header);
    let mut pseudo = 0;
    let read = t.for_each(f, &mut faults, opts, |_, rec, _| {
        let c = rec.get(code).unwrap_or("");
        // The dictionary lists pseudo-codes such as "all"; only HS codes have names to keep.
        match bilat_model::hs::level_of(c) {
            Some(l) => names.add(OTS_REVISION, c, i32::from(l), rec.get(name).unwrap_or("")),
            None => pseudo += 1,
        }
        Ok(())
    })?;
    rejects.extend(faults.rejects);
    Ok((read, pseudo))
}
