//! UN Comtrade: Comtrade Plus CSV (snake_case or camelCase headers), the bulk-file layout, the
//! compact extract layout and the API's JSON response → `flows`.
//!
//! The layout is detected from the header (names normalised: `primary_value` = `primaryValue`);
//! only the columns below are used, in any order.
//!
//! ```text
//! column (normalised)            → flows column
//! refyear | period[0..4]         → period_year
//! freqcode, refmonth, period     → period_month: A → null; M → refmonth (1..=12) or, when
//!                                  refmonth is empty, period YYYYMM; no freqcode → month of a
//!                                  6-digit period, else null. A period is YYYY or YYYYMM with a
//!                                  month 1..=12, anything else (201913, 20190) is a row error
//! reporteriso|reportercode       → reporter    (alpha-3 if an ISO country, else the numeric code
//! partneriso|partnercode         → partner      through baci_to_iso; areas kept, see places)
//! flowcode                       → trade_flow X, M, RX, RM (also 2, 1, 3, 4 of the classic API)
//! classificationcode             → hs_revision H0..H6 → HS92, HS96, HS02, HS07, HS12, HS17, HS22;
//!                                  HS (or absent) → HS; any other (SITC, BEC) is a row error;
//!                                  so is a year before the revision came into force (`revision`)
//! cmdcode                        → product; TOTAL → level 0, else 2/4/6 digits → product_level
//! primaryvalue                   → value_usd (required, finite, ≥ 0)
//! fobvalue, cifvalue             → value_fob_usd, value_cif_usd (empty → null)
//! netwgt                         → net_weight_kg (empty → null)
//! qty + qtyunitabbr              → quantity, quantity_unit (null unless the unit is given, not N/A)
//! cmddesc                        → products (source comtrade), first name per (revision, code)
//! lastmodified                   → vintage: the latest value in the input; else "unversioned"
//! ```
//!
//! **Direction.** Exports (X, RX): exporter = reporter, importer = partner, reported_by exporter.
//! Imports (M, RM): exporter = partner, importer = reporter, reported_by importer. Partner 0 = World.
//!
//! **Skipped rows** (counted in [`crate::Import::skipped`]): rows that are breakdowns of a total row
//! — `partner2code` ≠ 0, `motcode` ≠ 0, `customscode` ≠ `C00`, `moscode` ≠ 0 where those columns
//! exist — and flows other than X/M/RX/RM (e.g. DX domestic exports, FM foreign imports, MIP/XIP
//! processing), which are subsets of X or M. Keeping either would double-count.
//!
//! **Compact extracts** without a `flowcode` column (e.g. `data_eu_imports_compact.csv`): the flow
//! comes from the file name (`import` → M, `export` → X); with neither it is a header error.
//!
//! **Dictionaries.** A CSV with exactly the columns `cmd_code,cmd_desc` is a product dictionary
//! (revision `HS`), read into `products` only.
//!
//! **Duplicates.** Two kept rows with the same (year, month, exporter, importer, reported_by,
//! trade_flow, hs_revision, product) are a duplicate key. Mixed levels (2-, 4-, 6-digit codes in one
//! file) are allowed; each row keeps its `product_level` and nothing is summed.

use std::collections::HashMap;
use std::path::Path;

use bilat_model::{ReportedBy, TradeFlow};
use csv::StringRecord;

use crate::batch::{FlowBuilder, FlowRow, ProductNames};
use crate::files::Loaded;
use crate::import::{Faults, shown};
use crate::number::{parse_optional_value, parse_uint, parse_value};
use crate::table::{Table, header_error};
use crate::{FieldError, Import, ReadOptions, Result, places};

/// Reads a Comtrade input: Plus CSV (snake_case or camelCase), the bulk layout, compact
/// extracts, the API JSON response, or a folder of them, detected by header.
///
/// Exports are exporter-reported, imports importer-reported; breakdown rows (partner2, mode of
/// transport, customs, mode of supply) and flows other than X/M/RX/RM are skipped and counted.
/// Contract in full: `src/comtrade.rs` module doc.
pub fn read_comtrade(path: &Path, opts: &ReadOptions) -> Result<Import> {
    let (files, mut import) = crate::files::load_with(path, |loaded| read_loaded(loaded, opts))?;
    import.files = files;
    Ok(import)
}

/// Column indexes of one Comtrade file.
struct Cols {
    year: Option<usize>,
    period: Option<usize>,
    freq: Option<usize>,
    month: Option<usize>,
    reporter_iso: Option<usize>,
    reporter_code: Option<usize>,
    partner_iso: Option<usize>,
    partner_code: Option<usize>,
    flow: Option<usize>,
    partner2: Option<usize>,
    mot: Option<usize>,
    customs: Option<usize>,
    mos: Option<usize>,
    classification: Option<usize>,
    cmd: usize,
    cmd_desc: Option<usize>,
    primary: usize,
    fob: Option<usize>,
    cif: Option<usize>,
    net_wgt: Option<usize>,
    qty: Option<usize>,
    qty_unit: Option<usize>,
    last_modified: Option<usize>,
}

const EXPECTED: &str = "Comtrade columns incl. ref_year|period, reporter_iso|reporter_code, \
                        partner_iso|partner_code, cmd_code, primary_value (snake_case or camelCase), \
                        or a cmd_code,cmd_desc dictionary";

fn columns(t: &Table) -> Option<Cols> {
    Some(Cols {
        year: t.col(&["refyear", "year"]),
        period: t.col(&["period"]),
        freq: t.col(&["freqcode"]),
        month: t.col(&["refmonth"]),
        reporter_iso: t.col(&["reporteriso"]),
        reporter_code: t.col(&["reportercode"]),
        partner_iso: t.col(&["partneriso"]),
        partner_code: t.col(&["partnercode"]),
        flow: t.col(&["flowcode", "tradeflowcode"]),
        partner2: t.col(&["partner2code", "2ndpartnercode"]),
        mot: t.col(&["motcode"]),
        customs: t.col(&["customscode"]),
        mos: t.col(&["moscode"]),
        classification: t.col(&["classificationcode", "classification"]),
        cmd: t.col(&["cmdcode", "commoditycode"])?,
        cmd_desc: t.col(&["cmddesc", "commodity"]),
        primary: t.col(&["primaryvalue", "tradevalueus"])?,
        fob: t.col(&["fobvalue", "fobtradevalueus"]),
        cif: t.col(&["cifvalue", "ciftradevalueus"]),
        net_wgt: t.col(&["netwgt", "netweightkg"]),
        qty: t.col(&["qty"]),
        qty_unit: t.col(&["qtyunitabbr", "qtyunit"]),
        last_modified: t.col(&["lastmodified"]),
    })
    .filter(|c| {
        (c.year.is_some() || c.period.is_some())
            && (c.reporter_iso.is_some() || c.reporter_code.is_some())
            && (c.partner_iso.is_some() || c.partner_code.is_some())
    })
}

/// The flow of a compact file from its name.
fn flow_from_name(name: &str) -> Option<TradeFlow> {
    let lower = name.to_ascii_lowercase();
    match (lower.contains("import"), lower.contains("export")) {
        (true, false) => Some(TradeFlow::M),
        (false, true) => Some(TradeFlow::X),
        _ => None,
    }
}

/// HS revision of a Comtrade classification code.
fn revision(code: &str) -> Option<&'static str> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "H0" | "HS92" => "HS92",
        "H1" | "HS96" => "HS96",
        "H2" | "HS02" => "HS02",
        "H3" | "HS07" => "HS07",
        "H4" | "HS12" => "HS12",
        "H5" | "HS17" => "HS17",
        "H6" | "HS22" => "HS22",
        "HS" | "" => "HS",
        _ => return None,
    })
}

/// What a flow code means for this reader.
enum Flow {
    Keep(TradeFlow),
    Skip,
}

fn flow(code: &str) -> Option<Flow> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "X" | "2" => Flow::Keep(TradeFlow::X),
        "M" | "1" => Flow::Keep(TradeFlow::M),
        "RX" | "3" => Flow::Keep(TradeFlow::RX),
        "RM" | "4" => Flow::Keep(TradeFlow::RM),
        "DX" | "FM" | "MIP" | "MOP" | "XIP" | "XOP" | "MIF" | "XIF" | "MTP" | "XTP" => Flow::Skip,
        _ => return None,
    })
}

/// Whether a breakdown code is its total (`0`, empty, `C00`, `W00`).
fn is_total(v: &str) -> bool {
    let v = v.trim();
    v.is_empty() || v == "C00" || v == "W00" || v.bytes().all(|b| b == b'0' || b == b'.')
}

type Key = (i32, Option<i32>, i32, i32, TradeFlow, &'static str, String);

pub(crate) fn read_loaded(loaded: Vec<Loaded>, opts: &ReadOptions) -> Result<Import> {
    let mut flows = FlowBuilder::default();
    let mut names = ProductNames::default();
    let mut rejects = Vec::new();
    let mut rows_read = 0;
    let mut skipped = 0;
    let mut last_modified: Option<String> = None;
    for f in &loaded {
        let t = Table::open(f)?;
        if t.no_records() {
            continue;
        }
        if t.keys == ["cmdcode", "cmddesc"] {
            let mut faults = Faults::new(&f.path, opts.mode, &t.header);
            rows_read += t.for_each(f, &mut faults, opts, |line, rec, faults| {
                let code = rec.get(0).unwrap_or("");
                match bilat_model::hs::level_of(code) {
                    Some(l) => names.add("HS", code, i32::from(l), rec.get(1).unwrap_or("")),
                    None if code.eq_ignore_ascii_case("TOTAL") => {
                        names.add("HS", "TOTAL", 0, rec.get(1).unwrap_or(""))
                    }
                    None => faults.row(
                        line,
                        FieldError::new(1, format!("bad HS code {}", shown(code))),
                        || join(rec),
                    )?,
                }
                Ok(())
            })?;
            rejects.extend(faults.rejects);
            continue;
        }
        let Some(c) = columns(&t) else {
            return Err(header_error(f, EXPECTED, crate::SourceKind::Comtrade));
        };
        let fixed_flow = match c.flow {
            Some(_) => None,
            None => Some(flow_from_name(&f.name).ok_or_else(|| {
                header_error(
                    f,
                    "a flow_code column, or 'import'/'export' in the file name of a compact extract",
                    crate::SourceKind::Comtrade,
                )
            })?),
        };
        let mut faults = Faults::new(&f.path, opts.mode, &t.header);
        let mut seen: HashMap<Key, u64> = HashMap::new();
        rows_read += t.for_each(f, &mut faults, opts, |line, rec, faults| {
            let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("");
            // Breakdown rows and sub-flows are skipped before validation: they are not data errors.
            if [c.partner2, c.mot, c.customs, c.mos]
                .iter()
                .any(|i| i.is_some() && !is_total(get(*i)))
            {
                skipped += 1;
                return Ok(());
            }
            let trade_flow = match fixed_flow {
                Some(fl) => fl,
                None => match flow(get(c.flow)) {
                    Some(Flow::Keep(fl)) => fl,
                    Some(Flow::Skip) => {
                        skipped += 1;
                        return Ok(());
                    }
                    None => {
                        let fe = FieldError::new(
                            c.flow.map_or(0, |i| i + 1),
                            format!("unknown flow code {}", shown(get(c.flow))),
                        );
                        return faults.row(line, fe, || join(rec));
                    }
                },
            };
            match parse_row(&c, rec, trade_flow) {
                Ok(p) => {
                    let key: Key = (
                        p.year,
                        p.month,
                        p.exporter,
                        p.importer,
                        trade_flow,
                        p.revision,
                        p.product.to_string(),
                    );
                    if let Some(first) = seen.get(&key) {
                        return faults.duplicate(line, *first, || join(rec));
                    }
                    seen.insert(key, line);
                    let lm = c
                        .last_modified
                        .and_then(|i| rec.get(i))
                        .filter(|s| !s.is_empty());
                    if let Some(lm) = lm
                        && last_modified.as_deref().is_none_or(|m| lm > m)
                    {
                        last_modified = Some(lm.to_string());
                    }
                    if let Some(d) = c.cmd_desc.and_then(|i| rec.get(i)) {
                        names.add(p.revision, p.product, p.level, d);
                    }
                    flows.push(&FlowRow {
                        year: p.year,
                        month: p.month,
                        exporter: p.exporter,
                        importer: p.importer,
                        reported_by: p.reported_by,
                        trade_flow,
                        hs_revision: p.revision,
                        product: p.product,
                        level: p.level,
                        value_usd: p.value,
                        value_fob_usd: p.fob,
                        value_cif_usd: p.cif,
                        quantity: p.quantity,
                        quantity_unit: p.unit,
                        net_weight_kg: p.net_weight,
                    });
                    Ok(())
                }
                Err(fe) => faults.row(line, fe, || join(rec)),
            }
        })?;
        rejects.extend(faults.rejects);
    }
    let vintage = last_modified.unwrap_or_else(|| "unversioned".to_string());
    Ok(Import {
        source: "comtrade".to_string(),
        flows: flows.finish("comtrade", &vintage)?,
        vintage,
        files: Vec::new(),
        series: Vec::new(),
        products: names.finish("comtrade")?,
        rows_read,
        skipped,
        rejects,
    })
}

pub(crate) fn join(rec: &StringRecord) -> String {
    rec.iter().collect::<Vec<_>>().join(",")
}

/// A validated Comtrade row.
struct Parsed<'r> {
    year: i32,
    month: Option<i32>,
    exporter: i32,
    importer: i32,
    reported_by: ReportedBy,
    revision: &'static str,
    product: &'r str,
    level: i32,
    value: f64,
    fob: Option<f64>,
    cif: Option<f64>,
    net_weight: Option<f64>,
    quantity: Option<f64>,
    unit: Option<&'r str>,
}

fn parse_row<'r>(
    c: &Cols,
    rec: &'r StringRecord,
    trade_flow: TradeFlow,
) -> Result<Parsed<'r>, FieldError> {
    let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("");
    let at = |i: Option<usize>| i.map_or(0, |i| i + 1);
    let (year, month) = period_of(c, rec)?;
    // Countries.
    let reporter = country(rec, c.reporter_iso, c.reporter_code)?;
    let partner = country(rec, c.partner_iso, c.partner_code)?;
    let (exporter, importer, reported_by) = match trade_flow {
        TradeFlow::X | TradeFlow::RX => (reporter, partner, ReportedBy::Exporter),
        TradeFlow::M | TradeFlow::RM => (partner, reporter, ReportedBy::Importer),
    };
    // Product.
    let class = get(c.classification);
    let revision = revision(class).ok_or_else(|| {
        FieldError::new(
            at(c.classification),
            format!(
                "classification {} is not HS (expected H0..H6 or HS)",
                shown(class)
            ),
        )
    })?;
    crate::revision::check_year(year as u32, revision)
        .map_err(|r| FieldError::new(at(c.year.or(c.period)), r))?;
    let product = get(Some(c.cmd));
    let level = if product.eq_ignore_ascii_case("TOTAL") {
        0
    } else {
        match bilat_model::hs::level_of(product) {
            Some(l) => i32::from(l),
            None => {
                return Err(FieldError::new(
                    c.cmd + 1,
                    format!(
                        "bad HS code {}: expected TOTAL or 2, 4 or 6 digits",
                        shown(product)
                    ),
                ));
            }
        }
    };
    let product = if level == 0 { "TOTAL" } else { product };
    // Values.
    let value = parse_value(get(Some(c.primary)).as_bytes())
        .map_err(|r| FieldError::new(c.primary + 1, r))?;
    let opt = |i: Option<usize>| -> Result<Option<f64>, FieldError> {
        match i {
            None => Ok(None),
            Some(i) => {
                parse_optional_value(get(Some(i)).as_bytes()).map_err(|r| FieldError::new(i + 1, r))
            }
        }
    };
    let fob = opt(c.fob)?;
    let cif = opt(c.cif)?;
    let net_weight = opt(c.net_wgt)?;
    let qty = opt(c.qty)?;
    let unit = Some(get(c.qty_unit)).filter(|u| !u.is_empty() && !u.eq_ignore_ascii_case("N/A"));
    let (quantity, unit) = match (qty, unit) {
        (Some(q), Some(u)) => (Some(q), Some(u)),
        _ => (None, None),
    };
    Ok(Parsed {
        year,
        month,
        exporter,
        importer,
        reported_by,
        revision,
        product,
        level,
        value,
        fob,
        cif,
        net_weight,
        quantity,
        unit,
    })
}

/// `(year, month)` of a row. The period is `YYYY` or `YYYYMM` (month 1..=12) when given; the
/// year is `refyear`'s, else the period's; the month: none for frequency A, `refmonth` (1..=12)
/// or else the period's for M, the period's when there is no frequency column.
fn period_of(c: &Cols, rec: &StringRecord) -> Result<(i32, Option<i32>), FieldError> {
    let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("");
    let at = |i: Option<usize>| i.map_or(0, |i| i + 1);
    let period = get(c.period);
    let period_month = match period.len() {
        0 | 4 if period.bytes().all(|b| b.is_ascii_digit()) => None,
        6 if period.bytes().all(|b| b.is_ascii_digit()) => {
            match parse_uint(&period.as_bytes()[4..]).filter(|m| (1..=12).contains(m)) {
                Some(m) => Some(m as i32),
                None => {
                    return Err(FieldError::new(
                        at(c.period),
                        format!("bad period {}: month not 1..=12", shown(period)),
                    ));
                }
            }
        }
        _ => {
            return Err(FieldError::new(
                at(c.period),
                format!("bad period {}: expected YYYY or YYYYMM", shown(period)),
            ));
        }
    };
    let year_col = c.year.or(c.period);
    let year = match c.year {
        Some(i) => parse_uint(get(Some(i)).as_bytes()),
        None => period.get(..4).and_then(|p| parse_uint(p.as_bytes())),
    };
    let year = match year {
        Some(y) if (1900..=2100).contains(&y) => y as i32,
        _ => {
            return Err(FieldError::new(
                at(year_col),
                format!("bad year {}: expected 1900..=2100", shown(get(year_col))),
            ));
        }
    };
    let month = match get(c.freq).to_ascii_uppercase().as_str() {
        "A" => None,
        "M" => {
            let text = get(c.month);
            let m = if text.is_empty() {
                period_month
            } else {
                parse_uint(text.as_bytes())
                    .filter(|m| (1..=12).contains(m))
                    .map(|m| m as i32)
            };
            match m {
                Some(m) => Some(m),
                None => {
                    let col = if text.is_empty() { c.period } else { c.month };
                    return Err(FieldError::new(
                        at(col),
                        format!("monthly row without a month 1..=12: {}", shown(get(col))),
                    ));
                }
            }
        }
        "" => period_month,
        other => {
            return Err(FieldError::new(
                at(c.freq),
                format!("unknown frequency {} (expected A or M)", shown(other)),
            ));
        }
    };
    Ok((year, month))
}

/// Reporter or partner: alpha-3 when it is an ISO country, else the numeric code, else an area alpha.
fn country(rec: &StringRecord, iso: Option<usize>, code: Option<usize>) -> Result<i32, FieldError> {
    let alpha = iso.and_then(|i| rec.get(i)).unwrap_or("");
    if let Some(c) = bilat_model::country_by_alpha3(alpha) {
        return Ok(i32::from(c.code));
    }
    if let Some(ci) = code {
        let text = rec.get(ci).unwrap_or("");
        return parse_uint(text.as_bytes())
            .and_then(places::from_numeric)
            .ok_or_else(|| {
                FieldError::new(ci + 1, format!("unknown country code {}", shown(text)))
            });
    }
    let i = iso.unwrap_or(0);
    places::from_alpha(alpha)
        .ok_or_else(|| FieldError::new(i + 1, format!("unknown country {}", shown(alpha))))
}
