//! Fuzz target: Comtrade CSV in every layout the reader detects — Plus snake_case, Plus
//! camelCase, the bulk-file layout, the compact extract (flow from the file name), the classic
//! API names — plus raw input whose header the fuzzer writes itself.
//!
//! Properties: the invariants of `common` (modes agree, finite non-negative values, flows +
//! rejects + skipped = rows read for the fixed layouts).
#![no_main]

#[path = "common/mod.rs"]
mod common;

use bilat_ingest::SourceKind;
use common::{Accounting, read_and_check, split_first, with_header};
use libfuzzer_sys::fuzz_target;

/// (file name, header) of each layout; the header names are the API's field names.
const LAYOUTS: [(&str, &str); 5] = [
    (
        "plus_x.csv",
        "type_code,freq_code,ref_period_id,ref_year,ref_month,period,reporter_code,reporter_iso,\
         reporter_desc,flow_code,flow_desc,partner_code,partner_iso,partner_desc,partner2code,\
         partner2iso,partner2desc,classification_code,classification_search_code,\
         is_original_classification,cmd_code,cmd_desc,aggr_level,is_leaf,customs_code,\
         customs_desc,mos_code,mot_code,mot_desc,qty_unit_code,qty_unit_abbr,qty,\
         is_qty_estimated,alt_qty_unit_code,alt_qty_unit_abbr,alt_qty,is_alt_qty_estimated,\
         net_wgt,is_net_wgt_estimated,gross_wgt,is_gross_wgt_estimated,cifvalue,fobvalue,\
         primary_value,legacy_estimation_flag,is_reported,is_aggregate,last_modified",
    ),
    (
        "plus_camel.csv",
        "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,\
         flowCode,partnerCode,partnerISO,partner2Code,classificationCode,cmdCode,cmdDesc,\
         customsCode,mosCode,motCode,qtyUnitAbbr,qty,netWgt,cifvalue,fobvalue,primaryValue,\
         lastModified",
    ),
    (
        "bulk_x.csv",
        "dataset_code,type_code,freq_code,ref_period_id,ref_year,ref_month,period,reporter_code,\
         flow_code,partner_code,partner2code,classification_search_code,classification_code,\
         is_original_classification,cmd_code,customs_code,mos_code,mot_code,qty_unit_code,qty,\
         is_qty_estimated,alt_qty_unit_code,alt_qty,is_alt_qty_estimated,net_wgt,\
         is_net_wgt_estimated,gross_wgt,is_gross_wgt_estimated,cifvalue,fobvalue,primary_value,\
         legacy_estimation_flag,is_reported,is_aggregate",
    ),
    (
        "data_eu_imports_compact.csv",
        "ref_year,reporter_iso,partner_iso,cmd_code,primary_value",
    ),
    (
        "classic.csv",
        "Classification,Year,Period,Trade Flow Code,Reporter Code,Partner Code,2nd Partner Code,\
         Commodity Code,Commodity,Qty Unit,Qty,Netweight (kg),Trade Value (US$)",
    ),
];

fuzz_target!(|data: &[u8]| {
    let (sel, body) = split_first(data);
    match usize::from(sel) % (LAYOUTS.len() + 1) {
        i if i < LAYOUTS.len() => {
            let (name, header) = LAYOUTS[i];
            let bytes = with_header(header, body);
            read_and_check(
                SourceKind::Comtrade,
                name,
                &bytes,
                Accounting::OneFlowPerRow,
            );
        }
        _ => {
            // The fuzzer's own header: layout detection, dictionaries, BOM, JSON, zip magic.
            read_and_check(SourceKind::Comtrade, "comtrade.csv", body, Accounting::None);
        }
    }
});
