//! Fuzz target: the read-only SQL policy (`bilat_sql_policy`) behind `bilat sql` and
//! `--where`: the input as a condition, as the condition inside the query the warehouse builds
//! around it, and as a whole statement.
//!
//! Properties: no panic on any text; the query around an admitted condition is never several
//! statements or something other than a query (no text can close the `WHERE` and start another
//! statement): it is admitted, or refused for what it reads (a table, a construct), or does not
//! parse; refusals render.
#![no_main]

use bilat_sql_policy::{Refusal, check_condition, check_query};
use libfuzzer_sys::fuzz_target;

const TABLES: &[&str] = &["flows", "series", "products", "pairs"];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    if check_condition(text).is_ok() {
        let sql = format!("SELECT * FROM data WHERE {text}");
        match check_query(&sql, &["data"]) {
            // A syntax error only fails the query; more statements or a non-query would mean the
            // condition escaped its `WHERE`.
            Ok(())
            | Err(Refusal::Table { .. } | Refusal::Construct { .. } | Refusal::Syntax { .. }) => {}
            Err(other) => panic!("condition {text:?} admitted, but its query: {other}"),
        }
    }
    if let Err(r) = check_query(text, TABLES) {
        let _ = r.to_string();
    }
});
