//! Choosing HS levels without double counting.
//!
//! Sources mix levels: Comtrade extracts carry 2-, 4- and 6-digit codes side by side (0401 and
//! 040110 both present), plus `TOTAL`. Summing across levels double counts. The rules here:
//!
//! - **total** = the `TOTAL` row when present, else the sum over *maximal* codes — codes none of
//!   whose prefixes is also present. This covers every reported value once.
//! - **breakdown at level L** = codes of level ≥ L none of whose prefixes of level ≥ L is present,
//!   summed by their first L digits. Codes coarser than L cannot be split and are reported as
//!   `unallocated_usd`.

use std::collections::{BTreeMap, HashSet};

/// One product row of a selection (already summed over months and partners).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CodeValue {
    pub code: String,
    pub level: u8,
    pub value: f64,
}

/// Rows `(importer, product, lvl, v)` of a query grouped by importer, product and level, as
/// each importer's code values (the shape the world-matrix and potential queries return).
pub(crate) fn code_values_by_importer(
    rows: &[arrow::array::RecordBatch],
) -> crate::Result<BTreeMap<i64, Vec<CodeValue>>> {
    use crate::query::{f64s, i64s, strings};
    let (imp, p, l, v) = (
        i64s(rows, "importer")?,
        strings(rows, "product")?,
        i64s(rows, "lvl")?,
        f64s(rows, "v")?,
    );
    let mut by: BTreeMap<i64, Vec<CodeValue>> = BTreeMap::new();
    for i in 0..p.len() {
        by.entry(imp[i].unwrap_or(-1)).or_default().push(CodeValue {
            code: p[i].clone(),
            level: l[i].unwrap_or(0) as u8,
            value: v[i].unwrap_or(0.0),
        });
    }
    Ok(by)
}

/// Values at one HS level, without double counting.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Breakdown {
    /// Value by L-digit prefix.
    pub by_code: BTreeMap<String, f64>,
    /// Value of codes coarser than L that cannot be split.
    pub unallocated: f64,
}

/// Total value of a selection (see module doc).
pub(crate) fn total(rows: &[CodeValue]) -> f64 {
    if rows.iter().any(|r| r.level == 0) {
        return rows.iter().filter(|r| r.level == 0).map(|r| r.value).sum();
    }
    let present: HashSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    rows.iter()
        .filter(|r| !has_present_ancestor(&r.code, r.level, 1, &present))
        .map(|r| r.value)
        .sum()
}

/// Breakdown by `level`-digit prefix (see module doc).
pub(crate) fn breakdown(rows: &[CodeValue], level: u8) -> Breakdown {
    let present: HashSet<&str> = rows
        .iter()
        .filter(|r| r.level > 0)
        .map(|r| r.code.as_str())
        .collect();
    let mut out = Breakdown::default();
    for r in rows.iter().filter(|r| r.level > 0) {
        if r.level < level {
            if !has_present_ancestor(&r.code, r.level, 1, &present) {
                out.unallocated += r.value;
            }
            continue;
        }
        if has_present_ancestor(&r.code, r.level, level, &present) {
            continue;
        }
        *out.by_code
            .entry(r.code[..level as usize].to_string())
            .or_default() += r.value;
    }
    out
}

/// True if a prefix of `code` with `min_level` ≤ length < `level` is present.
fn has_present_ancestor(code: &str, level: u8, min_level: u8, present: &HashSet<&str>) -> bool {
    [2u8, 4].iter().any(|&l| {
        l >= min_level && l < level && code.get(..l as usize).is_some_and(|p| present.contains(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cv(code: &str, value: f64) -> CodeValue {
        let level = if code == "TOTAL" { 0 } else { code.len() as u8 };
        CodeValue {
            code: code.into(),
            level,
            value,
        }
    }

    #[test]
    fn mixed_levels_do_not_double_count() {
        // 44 (chapter) covers 4401 and 440110; 9403 stands alone with its child 940330.
        let rows = vec![
            cv("44", 100.0),
            cv("4401", 30.0),
            cv("440110", 10.0),
            cv("9403", 50.0),
            cv("940330", 20.0),
        ];
        assert_eq!(total(&rows), 150.0);
        let b4 = breakdown(&rows, 4);
        assert_eq!(b4.by_code.get("4401"), Some(&30.0));
        assert_eq!(b4.by_code.get("9403"), Some(&50.0));
        assert_eq!(b4.unallocated, 100.0);
        let b2 = breakdown(&rows, 2);
        assert_eq!(b2.by_code.get("44"), Some(&100.0));
        assert_eq!(b2.by_code.get("94"), Some(&50.0));
        let b6 = breakdown(&rows, 6);
        assert_eq!(b6.by_code.get("440110"), Some(&10.0));
        assert_eq!(b6.by_code.get("940330"), Some(&20.0));
    }

    #[test]
    fn total_row_wins() {
        let rows = vec![cv("TOTAL", 500.0), cv("01", 100.0)];
        assert_eq!(total(&rows), 500.0);
    }

    proptest::proptest! {
        /// With a single level of codes, every breakdown at a coarser or equal level sums to the total.
        #[test]
        fn single_level_breakdowns_sum_to_total(vals in proptest::collection::btree_map(0u32..999_999, 0.0f64..1e9, 1..60)) {
            let rows: Vec<CodeValue> = vals.iter().map(|(k, v)| cv(&format!("{k:06}"), *v)).collect();
            let t = total(&rows);
            for l in [2u8, 4, 6] {
                let s: f64 = breakdown(&rows, l).by_code.values().sum();
                proptest::prop_assert!((s - t).abs() <= 1e-9 * t.max(1.0));
            }
        }
    }
}
