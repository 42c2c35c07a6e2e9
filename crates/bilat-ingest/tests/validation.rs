//! The validation catalogue: every kind of bad input, in strict mode (a located error) and in
//! lenient mode (a counted reject with the same location; good rows kept).
//!
//! Fixtures are small hand-written files in `tests/fixtures/`; variants of Comtrade, OTS and series
//! rows are written inline. Countries used: ARG 32, BLR 112, CHL 152, KAZ 398.
//!
//! Tests marked `// case: <id>` are rows of the bad-input table `docs/bad-input.md` (the CLI's
//! `tests/it/bad_input.rs` holds the others and checks the table lists exactly both sets).

mod common;

use bilat_ingest::{Error, Import, Mode, SourceKind};
use common::{baci_fixture, column_str, fixture, read, sum_f64, sum_i32};

/// A fault expected at `line`, `column` (0 = whole row) with `reason` containing `needle`.
struct Expect {
    line: u64,
    column: usize,
    needle: &'static str,
    good_rows: usize,
}

/// Strict: the first fault is an `Error::Row` at the spot. Lenient: exactly one reject there, and
/// the good rows kept.
fn check_baci(name: &str, e: Expect) {
    match baci_fixture(name, Mode::Strict) {
        Err(Error::Row {
            line,
            column,
            reason,
            path,
            ..
        }) => {
            assert_eq!((line, column), (e.line, e.column), "{name}: {reason}");
            assert!(
                reason.contains(e.needle),
                "{name}: {reason:?} lacks {:?}",
                e.needle
            );
            assert!(path.ends_with(name));
        }
        other => panic!("{name}: expected a row error, got {other:?}"),
    }
    let lenient = baci_fixture(name, Mode::Lenient).unwrap();
    assert_eq!(lenient.rejects.len(), 1, "{name}: {:?}", lenient.rejects);
    let r = &lenient.rejects[0];
    assert_eq!((r.line, r.column), (e.line, e.column), "{name}");
    assert!(r.reason.contains(e.needle), "{name}: {:?}", r.reason);
    assert!(!r.raw.is_empty());
    assert_eq!(lenient.flow_rows(), e.good_rows, "{name}");
    assert_eq!(lenient.rows_read as usize, e.good_rows + 1, "{name}");
}

#[test]
fn baci_good_file_converts_units() {
    let imp = baci_fixture("baci_good.csv", Mode::Strict).unwrap();
    assert_eq!(imp.source, "baci");
    assert_eq!(imp.vintage, "unversioned");
    assert_eq!(imp.flow_rows(), 4);
    assert_eq!(imp.rows_read, 4);
    // v is thousands of USD.
    let expected = (193.93 + 8516.538 + 2.281 + 0.5) * 1000.0;
    assert!((sum_f64(&imp, "value_usd") - expected).abs() < 1e-6);
    // "NA" and "" quantities are null; the unit is null with them.
    assert!((sum_f64(&imp, "quantity") - (18.58 + 0.01)).abs() < 1e-9);
    let units = column_str(&imp, "quantity_unit");
    assert_eq!(units, vec![Some("t".into()), None, None, Some("t".into())]);
    assert_eq!(sum_i32(&imp, "exporter"), 32 + 32 + 112 + 152);
    assert_eq!(
        column_str(&imp, "reported_by")[0].as_deref(),
        Some("reconciled")
    );
    assert_eq!(column_str(&imp, "hs_revision")[0].as_deref(), Some("HS"));
}

#[test]
fn baci_bom_and_crlf_accepted_and_name_gives_release() {
    let imp = baci_fixture("BACI_HS12_Y2018_V202201_bom.csv", Mode::Strict).unwrap();
    assert_eq!(imp.vintage, "V202201");
    assert_eq!(imp.flow_rows(), 2);
    assert_eq!(column_str(&imp, "hs_revision")[0].as_deref(), Some("HS12"));
    // A 5-digit k lost its leading zero: padded.
    assert_eq!(column_str(&imp, "product")[1].as_deref(), Some("030627"));
}

#[test]
fn truncated_last_line() {
    check_baci(
        "baci_truncated.csv",
        Expect {
            line: 4,
            column: 0,
            needle: "truncated",
            good_rows: 2,
        },
    );
}

#[test]
fn wrong_header() {
    for mode in [Mode::Strict, Mode::Lenient] {
        match baci_fixture("baci_wrong_header.csv", mode) {
            Err(Error::Header { found, .. }) => assert!(found.starts_with("year,exporter")),
            other => panic!("expected a header error, got {other:?}"),
        }
    }
    let err = read(
        SourceKind::Series,
        "s.csv",
        b"year,country,value\n2018,BLR,1\n",
        Mode::Strict,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Header { .. }), "{err}");
    let err = read(
        SourceKind::Comtrade,
        "c.csv",
        b"a,b,c\n1,2,3\n",
        Mode::Strict,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Header { .. }), "{err}");
    let err = read(
        SourceKind::Ots,
        "o.csv",
        b"year,section_code,commodity_code,trade_value_usd_imp,trade_value_usd_exp\n",
        Mode::Strict,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Header { .. }), "{err}");
}

#[test]
fn bad_number() {
    check_baci(
        "baci_bad_number.csv",
        Expect {
            line: 3,
            column: 5,
            needle: "not a decimal number",
            good_rows: 2,
        },
    );
}

#[test]
fn negative_value() {
    check_baci(
        "baci_negative.csv",
        Expect {
            line: 3,
            column: 5,
            needle: "negative",
            good_rows: 2,
        },
    );
}

// case: lib-lenient-nan-inf
#[test]
fn nan_and_inf() {
    match baci_fixture("baci_nan_inf.csv", Mode::Strict) {
        Err(Error::Row {
            line: 2,
            column: 5,
            reason,
            ..
        }) => assert!(reason.contains("finite"), "{reason}"),
        other => panic!("{other:?}"),
    }
    let imp = baci_fixture("baci_nan_inf.csv", Mode::Lenient).unwrap();
    let at: Vec<(u64, usize)> = imp.rejects.iter().map(|r| (r.line, r.column)).collect();
    assert_eq!(at, vec![(2, 5), (3, 6)]);
    assert_eq!(imp.flow_rows(), 1);
}

#[test]
fn unknown_country() {
    check_baci(
        "baci_unknown_country.csv",
        Expect {
            line: 3,
            column: 3,
            needle: "unknown country",
            good_rows: 2,
        },
    );
}

#[test]
fn bad_hs_code() {
    check_baci(
        "baci_bad_hs.csv",
        Expect {
            line: 3,
            column: 4,
            needle: "bad HS code",
            good_rows: 2,
        },
    );
}

#[test]
fn baci_four_digit_code_is_an_error() {
    check_baci(
        "baci_level4.csv",
        Expect {
            line: 3,
            column: 4,
            needle: "level 4",
            good_rows: 2,
        },
    );
}

#[test]
fn duplicate_rows() {
    match baci_fixture("baci_duplicate.csv", Mode::Strict) {
        Err(Error::DuplicateRow {
            line: 4,
            first_line: 2,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    let imp = baci_fixture("baci_duplicate.csv", Mode::Lenient).unwrap();
    assert_eq!(imp.rejects.len(), 1);
    assert_eq!(imp.rejects[0].line, 4);
    assert!(imp.rejects[0].reason.contains("line 2"));
    assert_eq!(imp.flow_rows(), 3);
    // The first occurrence is kept, the second dropped.
    assert!((sum_f64(&imp, "value_usd") - (193.93 + 8.5 + 2.281) * 1000.0).abs() < 1e-6);

    let csv = "period,country,partner,indicator,value,unit,source\n2018,BLR,KAZ,fdi,1,usd,x\n2018,Belarus,398,fdi,2,usd,x\n";
    match read(SourceKind::Series, "s.csv", csv.as_bytes(), Mode::Strict) {
        Err(Error::DuplicateRow {
            line: 3,
            first_line: 2,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
}

// case: lib-lenient-latin1
#[test]
fn wrong_encoding_is_located() {
    match baci_fixture("baci_latin1.csv", Mode::Strict) {
        Err(Error::Encoding { line: 3, .. }) => {}
        other => panic!("{other:?}"),
    }
    let imp = baci_fixture("baci_latin1.csv", Mode::Lenient).unwrap();
    assert_eq!(imp.rejects.len(), 1);
    assert_eq!(imp.rejects[0].line, 3);
    assert!(imp.rejects[0].reason.contains("UTF-8"));
    assert_eq!(imp.flow_rows(), 2);

    let series =
        b"period,country,partner,indicator,value,unit,source\n2018,BLR,KAZ,fdi,1,usd,Bel\xe9stat\n";
    match read(SourceKind::Series, "s.csv", series, Mode::Strict) {
        Err(Error::Encoding { line: 2, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_file_is_an_error() {
    for kind in [
        SourceKind::Baci,
        SourceKind::Comtrade,
        SourceKind::Ots,
        SourceKind::Series,
    ] {
        for mode in [Mode::Strict, Mode::Lenient] {
            match read(
                kind,
                "empty.csv",
                &std::fs::read(fixture("empty.csv")).unwrap(),
                mode,
            ) {
                Err(Error::Empty { path }) => assert!(path.ends_with("empty.csv")),
                other => panic!("{kind:?}: {other:?}"),
            }
        }
    }
    let err = bilat_ingest::read_baci(&fixture("empty.csv"), &Default::default()).unwrap_err();
    assert!(err.to_string().contains("empty.csv"), "{err}");
}

#[test]
fn row_error_display_is_file_line_column() {
    let err = baci_fixture("baci_negative.csv", Mode::Strict).unwrap_err();
    let text = err.to_string();
    assert!(
        text.ends_with("baci_negative.csv:3:5: negative value -5 (column 'v')"),
        "{text}"
    );
}

#[test]
fn comtrade_mixed_levels_breakdowns_and_directions() {
    let imp = read_comtrade_fixture("comtrade_mixed_levels.csv", Mode::Strict).unwrap();
    // 9 rows: 2 breakdowns (mot 10, partner2 32) and 1 DX are skipped.
    assert_eq!(imp.rows_read, 9);
    assert_eq!(imp.skipped, 3);
    assert_eq!(imp.flow_rows(), 6);
    let levels: Vec<i32> = common::column_i32(&imp, "product_level")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(levels, vec![0, 2, 4, 6, 0, 0]);
    // Exports: exporter = reporter (BLR); imports: exporter = partner (KAZ, World for RM).
    let exporters: Vec<i32> = common::column_i32(&imp, "exporter")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(exporters, vec![112, 112, 112, 112, 398, 0]);
    let by: Vec<_> = column_str(&imp, "reported_by")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(
        by,
        [
            "exporter", "exporter", "exporter", "exporter", "importer", "importer"
        ]
    );
    let months = common::column_i32(&imp, "period_month");
    assert_eq!(months[5], Some(6));
    assert_eq!(months[0], None);
    assert_eq!(column_str(&imp, "hs_revision")[0].as_deref(), Some("HS17"));
    assert_eq!(column_str(&imp, "quantity_unit")[2].as_deref(), Some("kg"));
    assert!((sum_f64(&imp, "value_cif_usd") - 450.0).abs() < 1e-9);
    assert_eq!(imp.product_rows(), 4); // TOTAL, 44, 4401, 440111
}

fn read_comtrade_fixture(name: &str, mode: Mode) -> bilat_ingest::Result<Import> {
    read(
        SourceKind::Comtrade,
        name,
        &std::fs::read(fixture(name)).unwrap(),
        mode,
    )
}

const CT_HEADER: &str = "freq_code,ref_year,reporter_code,reporter_iso,flow_code,partner_code,partner_iso,classification_code,cmd_code,primary_value";

/// One Comtrade file: a good row, the bad row, a good row; the bad row is line 3.
fn check_comtrade(bad_row: &str, column: usize, needle: &str) {
    let csv = format!(
        "{CT_HEADER}\nA,2019,112,BLR,X,398,KAZ,H5,4401,10\n{bad_row}\nA,2019,112,BLR,M,398,KAZ,H5,4401,5\n"
    );
    match read(SourceKind::Comtrade, "c.csv", csv.as_bytes(), Mode::Strict) {
        Err(Error::Row {
            line: 3,
            column: c,
            reason,
            ..
        }) => {
            assert_eq!(c, column, "{bad_row}: {reason}");
            assert!(reason.contains(needle), "{bad_row}: {reason}");
        }
        other => panic!("{bad_row}: {other:?}"),
    }
    let imp = read(SourceKind::Comtrade, "c.csv", csv.as_bytes(), Mode::Lenient).unwrap();
    assert_eq!(imp.flow_rows(), 2, "{bad_row}");
    assert_eq!(imp.rejects.len(), 1, "{bad_row}");
    assert_eq!((imp.rejects[0].line, imp.rejects[0].column), (3, column));
    assert_eq!(imp.rejects[0].raw, bad_row);
}

#[test]
fn comtrade_row_faults() {
    check_comtrade("A,2019,112,BLR,X,999,XYZ,H5,4401,1", 6, "unknown country");
    check_comtrade("A,2019,112,BLR,X,398,KAZ,H5,44A1,1", 9, "bad HS code");
    check_comtrade("A,2019,112,BLR,X,398,KAZ,H5,440,1", 9, "bad HS code");
    check_comtrade("A,2019,112,BLR,X,398,KAZ,H5,4402,-1", 10, "negative");
    check_comtrade("A,2019,112,BLR,X,398,KAZ,H5,4402,abc", 10, "not a decimal");
    check_comtrade("A,2019,112,BLR,X,398,KAZ,H5,4402,inf", 10, "finite");
    check_comtrade("A,2019,112,BLR,Q,398,KAZ,H5,4402,1", 5, "unknown flow");
    check_comtrade("A,2019,112,BLR,X,398,KAZ,S4,4402,1", 8, "not HS");
    check_comtrade("A,20x9,112,BLR,X,398,KAZ,H5,4402,1", 2, "bad year");
    check_comtrade("A,2019,112,BLR,X,398,KAZ,H5", 0, "fields");
}

#[test]
fn comtrade_duplicate_and_truncation() {
    let csv = format!(
        "{CT_HEADER}\nA,2019,112,BLR,X,398,KAZ,H5,4401,10\nA,2019,112,BLR,X,398,KAZ,H5,4401,11\n"
    );
    match read(SourceKind::Comtrade, "c.csv", csv.as_bytes(), Mode::Strict) {
        Err(Error::DuplicateRow {
            line: 3,
            first_line: 2,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    let cut = format!("{CT_HEADER}\nA,2019,112,BLR,X,398,KAZ,H5,4401,10\nA,2019,112,BLR,X,398");
    match read(SourceKind::Comtrade, "c.csv", cut.as_bytes(), Mode::Strict) {
        Err(Error::Row {
            line: 3,
            column: 0,
            reason,
            ..
        }) => assert!(reason.contains("truncated"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

// case: lib-comtrade-json-negative-cif
#[test]
fn comtrade_json_and_camel_case() {
    let json = r#"{"elapsedTime":"0.1 secs","count":2,"data":[
      {"freqCode":"A","refYear":2010,"refMonth":52,"period":"2010","reporterCode":32,"reporterISO":"ARG","flowCode":"M",
       "partnerCode":152,"partnerISO":"CHL","partner2Code":0,"classificationCode":"H3","cmdCode":"TOTAL","cmdDesc":"All Commodities",
       "customsCode":"C00","mosCode":"0","motCode":0,"qtyUnitAbbr":"N/A","qty":null,"netWgt":null,"cifvalue":12.5,"fobvalue":null,"primaryValue":12.5},
      {"freqCode":"A","refYear":2010,"refMonth":52,"period":"2010","reporterCode":32,"reporterISO":"ARG","flowCode":"M",
       "partnerCode":152,"partnerISO":"CHL","partner2Code":0,"classificationCode":"H3","cmdCode":"TOTAL","cmdDesc":"All Commodities",
       "customsCode":"C00","mosCode":"0","motCode":0,"qtyUnitAbbr":"N/A","qty":null,"netWgt":null,"cifvalue":-1,"fobvalue":null,"primaryValue":3}
    ],"error":""}"#;
    match read(
        SourceKind::Comtrade,
        "api.json",
        json.as_bytes(),
        Mode::Strict,
    ) {
        Err(Error::Row {
            line: 2,
            column,
            column_name,
            ..
        }) => {
            assert!(column > 0);
            assert_eq!(column_name, "cifvalue");
        }
        other => panic!("{other:?}"),
    }
    let imp = read(
        SourceKind::Comtrade,
        "api.json",
        json.as_bytes(),
        Mode::Lenient,
    )
    .unwrap();
    assert_eq!(imp.flow_rows(), 1);
    assert_eq!(sum_i32(&imp, "exporter"), 152);
    assert_eq!(column_str(&imp, "hs_revision")[0].as_deref(), Some("HS07"));
    let bad = read(
        SourceKind::Comtrade,
        "api.json",
        b"{\"data\": [1, 2",
        Mode::Strict,
    )
    .unwrap_err();
    assert!(matches!(bad, Error::Json { .. }), "{bad}");
}

#[test]
fn comtrade_compact_takes_flow_from_name() {
    let csv = b"ref_year,reporter_iso,partner_iso,cmd_code,primary_value\n2019,KAZ,BLR,48,7.5\n2019,KAZ,E19,4401,1\n";
    let imp = read(
        SourceKind::Comtrade,
        "kaz_imports_compact.csv",
        csv,
        Mode::Strict,
    )
    .unwrap();
    assert_eq!(column_str(&imp, "trade_flow")[0].as_deref(), Some("M"));
    assert_eq!(sum_i32(&imp, "exporter"), 112 + 568); // E19 = Other Europe, nes (Comtrade area 568)
    let err = read(SourceKind::Comtrade, "kaz_compact.csv", csv, Mode::Strict).unwrap_err();
    assert!(matches!(err, Error::Header { .. }), "{err}");
}

#[test]
fn ots_json_both_directions_zero_skipped() {
    let bytes = std::fs::read(fixture("yrpc_y-2002_r-chl_p-arg_c-fixture.json")).unwrap();
    let imp = read(SourceKind::Ots, "yrpc.json", &bytes, Mode::Strict).unwrap();
    assert_eq!(imp.rows_read, 3);
    // 6 values, one 0 and one null skipped.
    assert_eq!(imp.flow_rows(), 4);
    assert_eq!(imp.skipped, 2);
    assert!((sum_f64(&imp, "value_usd") - (30944.0 + 96185.0 + 99259.0 + 341.0)).abs() < 1e-9);
    let flows: Vec<_> = column_str(&imp, "trade_flow")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(flows, ["X", "M", "X", "M"]);
    let exporters: Vec<_> = common::column_i32(&imp, "exporter")
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(exporters, [152, 32, 152, 32]);
    let bad = b"year,reporter_iso,partner_iso,trade_value_usd_imp,trade_value_usd_exp\n2002,chl,arg,1,2\n2002,chl,zzz,1,2\n2002,chl,kaz,NaN,2\n";
    let imp = read(SourceKind::Ots, "yrp.csv", bad, Mode::Lenient).unwrap();
    let at: Vec<_> = imp.rejects.iter().map(|r| (r.line, r.column)).collect();
    assert_eq!(at, [(3, 3), (4, 4)]);
    assert_eq!(column_str(&imp, "product")[0].as_deref(), Some("TOTAL"));
}

#[test]
fn series_good_and_bad() {
    let bytes = std::fs::read(fixture("series_good.csv")).unwrap();
    let imp = read(SourceKind::Series, "series_good.csv", &bytes, Mode::Strict).unwrap();
    assert_eq!(imp.series_rows(), 4);
    let countries: Vec<_> = common::series_i32(&imp, "country");
    assert_eq!(countries, [112, 112, 112, 112]);
    assert_eq!(common::series_i32(&imp, "partner"), [398, 398, 0, 398]);
    assert_eq!(common::series_i32(&imp, "period_month")[1], 6);
    let csv = "period,country,partner,indicator,value,unit,source\n\
               2019-13,BLR,KAZ,fdi,1,usd,x\n2019,Atlantis,KAZ,fdi,1,usd,x\n2019,BLR,KAZ,fdi,NaN,usd,x\n2019,BLR,KAZ,,1,usd,x\n2019,BLR,KAZ,fdi,1,usd,x\n";
    let imp = read(SourceKind::Series, "s.csv", csv.as_bytes(), Mode::Lenient).unwrap();
    let at: Vec<_> = imp.rejects.iter().map(|r| (r.line, r.column)).collect();
    assert_eq!(at, [(2, 1), (3, 2), (4, 5), (5, 4)]);
    assert_eq!(imp.series_rows(), 1);
}

#[test]
fn fingerprint_lists_folder_files_with_checksums() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.csv"), b"t,i,j,k,v,q\n").unwrap();
    std::fs::write(
        dir.path().join("a.csv"),
        b"t,i,j,k,v,q\n2018,32,152,030617,1,\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), b"ignored").unwrap();
    let fp = bilat_ingest::fingerprint(dir.path()).unwrap();
    let names: Vec<_> = fp
        .iter()
        .map(|f| f.path.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["a.csv", "b.csv"]);
    // `printf 't,i,j,k,v,q\n' | sha256sum`
    assert_eq!(
        fp[1].sha256,
        "0b49fd906be9bef23e44996e560c4beb11b54e8544b886d4c22d9467454d0b83"
    );
    assert_ne!(fp[0].sha256, fp[1].sha256);
    assert_eq!(fp[1].bytes, 12);
    let imp = bilat_ingest::read_baci(dir.path(), &Default::default()).unwrap();
    assert_eq!(imp.files, fp);
    assert_eq!(imp.flow_rows(), 1);
}

#[test]
fn comtrade_monthly_period_and_vintage_from_last_modified() {
    let csv = "freq_code,period,reporter_code,flow_code,partner_code,cmd_code,primary_value,last_modified\n\
               M,201806,112,X,398,TOTAL,5,2024-01-02\nM,201807,112,X,398,TOTAL,6,2025-03-04\nM,201808,112,X,398,TOTAL,7,2023-12-31\n";
    let imp = read(SourceKind::Comtrade, "c.csv", csv.as_bytes(), Mode::Strict).unwrap();
    assert_eq!(imp.vintage, "2025-03-04");
    assert_eq!(
        column_str(&imp, "vintage")[0].as_deref(),
        Some("2025-03-04")
    );
    assert_eq!(
        common::column_i32(&imp, "period_month"),
        [Some(6), Some(7), Some(8)]
    );
    assert_eq!(sum_i32(&imp, "period_year"), 3 * 2018);
    assert_eq!(column_str(&imp, "hs_revision")[0].as_deref(), Some("HS"));
    let bad = csv.replace("201807", "201813");
    match read(SourceKind::Comtrade, "c.csv", bad.as_bytes(), Mode::Strict) {
        Err(Error::Row {
            line: 3, column: 2, ..
        }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_json_answers_have_no_rows() {
    for (kind, json) in [
        (
            SourceKind::Comtrade,
            "{\"count\":0,\"data\":[],\"error\":\"\"}",
        ),
        (SourceKind::Ots, "[]"),
    ] {
        let imp = read(kind, "answer.json", json.as_bytes(), Mode::Strict).unwrap();
        assert_eq!((imp.flow_rows(), imp.rows_read), (0, 0));
    }
}

/// Regression (fuzzing, `ingest_row`): long digit runs overflowed the BACI fast path's integer
/// accumulator. They must be ordinary row errors.
// case: lib-long-digit-runs
#[test]
fn long_digit_runs_are_row_errors() {
    let long = "9".repeat(40);
    for (line, column) in [
        (format!("2018,{long},152,030617,1,2"), 2),
        (format!("{long},32,152,030617,1,2"), 1),
        (format!("2018,32,152,030617,{long}.{long},2"), 0),
    ] {
        let csv = format!("t,i,j,k,v,q\n{line}\n");
        let res = read(SourceKind::Baci, "b.csv", csv.as_bytes(), Mode::Strict);
        match (res, column) {
            // 80 significant digits still parse (correctly rounded) through the general path.
            (Ok(imp), 0) => assert_eq!(imp.flow_rows(), 1),
            (
                Err(Error::Row {
                    column: c, line: 2, ..
                }),
                _,
            ) => assert_eq!(c, column, "{line}"),
            (other, _) => panic!("{line}: {other:?}"),
        }
    }
}
