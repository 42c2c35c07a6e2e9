//! Fuzz target: BACI release zips. Half the inputs are taken as zip bytes as they are; the other
//! half are cut into members (name chosen from a list that includes BACI's names, other releases,
//! directories and path-traversal names such as `../../BACI_…csv` and `/etc/country_codes…`) and
//! written into a real zip, stored or deflated, so the fuzzer reaches the readers behind the
//! archive.
//!
//! Properties: the invariants of `common` (modes agree, finite non-negative values); every
//! reject names a path inside the archive (`release.zip/<member>`); the input is one file.
//! Reading never writes or opens a path: members are read from memory only.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use std::io::Write;

use bilat_ingest::SourceKind;
use common::{Accounting, read_and_check, split_first};
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

const ZIP: &str = "BACI_HS12_V202201.zip";

/// Member names: BACI's own, a second year, another release, dictionaries, junk, traversal.
const NAMES: [&str; 16] = [
    "BACI_HS12_Y2018_V202201.csv",
    "BACI_HS12_Y2019_V202201.csv",
    "BACI_HS12_Y2019_V202301.csv",
    "country_codes_V202201.csv",
    "product_codes_HS12_V202201.csv",
    "Readme.txt",
    "../../BACI_HS12_Y2018_V202201.csv",
    "/etc/country_codes_V202201.csv",
    "a/../../product_codes_HS12_V202201.csv",
    "dir/",
    "C:\\data\\BACI_HS12_Y2017_V202201.csv",
    "BACI_HS12_Y2018_V202201.CSV",
    "year.json",
    "nested/deeper/BACI_HS92_Y1995_V202201.csv",
    "\u{0}BACI.csv",
    "",
];

fuzz_target!(|data: &[u8]| {
    let (sel, body) = split_first(data);
    let bytes = if sel & 1 == 0 {
        body.to_vec()
    } else {
        match build_zip(body, sel & 2 != 0) {
            Some(z) => z,
            None => return,
        }
    };
    if let Some(import) = read_and_check(SourceKind::Baci, ZIP, &bytes, Accounting::None) {
        assert_eq!(import.files.len(), 1);
        for r in &import.rejects {
            assert!(r.path.starts_with(ZIP), "{}", r.path.display());
        }
    }
});

/// Members as `[name index][length][bytes…]` records; the last takes what is left.
fn build_zip(mut data: &[u8], deflate: bool) -> Option<Vec<u8>> {
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opts = SimpleFileOptions::default().compression_method(method);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut members = 0;
    while let [name, len, rest @ ..] = data {
        let name = NAMES[usize::from(*name) % NAMES.len()];
        let len = usize::from(*len).min(rest.len());
        let len = if members == 5 { rest.len() } else { len };
        let (content, tail) = rest.split_at(len);
        if name.ends_with('/') {
            w.add_directory(name, opts).ok()?;
        } else {
            w.start_file(name, opts).ok()?;
            w.write_all(content).ok()?;
        }
        data = tail;
        members += 1;
        if members == 6 {
            break;
        }
    }
    Some(w.finish().ok()?.into_inner())
}
