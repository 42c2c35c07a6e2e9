//! Internal consistency: do the text's own numbers agree with each other?
//!
//! Every printed number stands for an interval: a value `p` printed with `d` decimals in unit
//! `u` is any true value in `[p − h, p + h]`, `h = ½·10^−d·u` (the claim's printed precision).
//! A check passes when the intervals admit a common truth:
//!
//! ```text
//! sum      X + M = T (exports + imports = turnover), joint + foreign = total enterprises:
//!          |X + M − T| ≤ h_X + h_M + h_T
//! growth   a total's growth from its components' values and growth rates:
//!          x0 = x / (1 + g_x), m0 = m / (1 + g_m)  (implied bases; x / r for "r times")
//!          g_T* = (x + m) / (x0 + m0) − 1
//!          over every corner of the printed intervals of x, g_x, m, g_m (the function is
//!          monotone in each), g_T* spans [lo, hi]; pass iff [g_T − h, g_T + h] meets [lo, hi]
//! base     a change whose base period is also stated as a level in the text:
//!          (v / v0 − 1) over the corners must meet the printed change
//! repeat   the same figure stated twice must agree (intervals meet)
//! range    a fall of more than 100% and a non-positive ratio cannot be
//! ```

use serde::Serialize;

use std::collections::HashMap;

use crate::claim::{Bound, ChangeKind, Claim, ClaimKind, Measure, Period, Subject};

/// What makes two claims the same figure (see [`same_figure`]), as a map key.
type FigureKey<'a> = (&'a Measure, &'a Subject, Option<Period>);

/// How many sentences apart the parts of a sum may stand from their total.
const NEAR: usize = 2;

/// The result of one internal check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// `sum`, `growth`, `base`, `repeat` or `range`.
    pub check: String,
    /// Whether the numbers agree.
    pub passed: bool,
    /// Indices of the claims involved.
    pub claims: Vec<usize>,
    /// The claim the finding is reported on (the total, the total's growth, the later repeat).
    pub target: usize,
    /// What was computed, in words and numbers.
    pub message: String,
}

/// A level claim that can enter arithmetic: an exact amount in dollars or count, not a target
/// (an amount in roubles or euros is never summed with dollars).
fn level(c: &Claim) -> bool {
    matches!(c.kind, ClaimKind::Amount | ClaimKind::Count)
        && (c.kind == ClaimKind::Count || c.unit.starts_with("USD"))
        && c.bound == Bound::Exact
        && !c.target
        && c.value.is_some()
}

/// The printed interval of a level claim, base units.
fn interval(c: &Claim) -> (f64, f64) {
    let v = c.value.unwrap_or(f64::NAN);
    let h = c.half_unit();
    (v - h, v + h)
}

/// The interval of a change claim as a growth factor (1.3 for +30%), or `None` for points.
pub(crate) fn factor_interval(c: &Claim) -> Option<(f64, f64)> {
    let v = c.value?;
    let p = c.printed?;
    let h = 0.5 * 10f64.powi(-i32::from(c.decimals));
    match c.change? {
        ChangeKind::Percent => {
            let s = v.signum();
            let (a, b) = (v - s * h, v + s * h);
            Some((1.0 + a.min(b) / 100.0, 1.0 + a.max(b) / 100.0))
        }
        ChangeKind::Fraction => Some((1.0 + (v - 2.5) / 100.0, 1.0 + (v + 2.5) / 100.0)),
        ChangeKind::Times => {
            let down = v < 1.0 && p > 1.0;
            let (lo, hi) = (p - h, p + h);
            if down {
                Some((1.0 / hi, 1.0 / lo.max(f64::MIN_POSITIVE)))
            } else {
                Some((lo, hi))
            }
        }
        ChangeKind::Points | ChangeKind::Absolute => None,
    }
}

fn meets(a: (f64, f64), b: (f64, f64)) -> bool {
    let eps = 1e-9 * (a.1.abs().max(b.1.abs())).max(1.0);
    a.0 <= b.1 + eps && b.0 <= a.1 + eps
}

fn fmt_pct(f: (f64, f64)) -> String {
    format!(
        "{:+.2}% … {:+.2}%",
        (f.0 - 1.0) * 100.0,
        (f.1 - 1.0) * 100.0
    )
}

fn shown(c: &Claim) -> String {
    c.text.clone()
}

/// Same figure: same measure, subject and period.
fn same_figure(a: &Claim, b: &Claim) -> bool {
    a.measure == b.measure && a.subject == b.subject && a.period == b.period
}

/// The first change claim about each claim (`of`, not a target), indexed by claim: built once,
/// so the growth check does not scan every claim per sum.
fn first_changes(claims: &[Claim]) -> Vec<Option<usize>> {
    let mut first = vec![None; claims.len()];
    for (k, c) in claims.iter().enumerate() {
        if let Some(i) = c.of.filter(|_| !c.target)
            && let Some(slot) = first.get_mut(i)
            && slot.is_none()
        {
            *slot = Some(k);
        }
    }
    first
}

/// The levels (indices into `claims`, in text order, so in sentence order) within [`NEAR`]
/// sentences of sentence `s`, found by binary search.
fn levels_near<'a>(claims: &[Claim], levels: &'a [usize], s: usize) -> &'a [usize] {
    let lo = levels.partition_point(|&k| claims[k].sentence + NEAR < s);
    let hi = levels.partition_point(|&k| claims[k].sentence <= s + NEAR);
    &levels[lo..hi.max(lo)]
}

/// Runs every internal check over the claims of one text (see the module doc).
pub fn internal_checks(claims: &[Claim]) -> Vec<Finding> {
    let mut out = Vec::new();
    let levels: Vec<usize> = (0..claims.len()).filter(|&i| level(&claims[i])).collect();
    range_checks(claims, &mut out);
    turnover_sums(claims, &levels, &mut out);
    venture_sums(claims, &levels, &mut out);
    growth_checks(claims, &mut out);
    base_checks(claims, &levels, &mut out);
    repeat_checks(claims, &levels, &mut out);
    out
}

/// A fall of 100% or more, or a non-positive ratio, is impossible for a flow.
fn range_checks(claims: &[Claim], out: &mut Vec<Finding>) {
    for (i, c) in claims.iter().enumerate() {
        if c.kind != ClaimKind::Change {
            continue;
        }
        let bad = match (c.change, c.value) {
            (Some(ChangeKind::Percent | ChangeKind::Fraction), Some(v)) => v <= -100.0,
            (Some(ChangeKind::Times), Some(v)) => v <= 0.0,
            _ => false,
        };
        if bad {
            out.push(Finding {
                check: "range".into(),
                passed: false,
                claims: vec![i],
                target: i,
                message: format!(
                    "\"{}\": a value cannot fall by 100% or more and stay a flow",
                    c.text
                ),
            });
        }
    }
}

/// Goods turnover = exports + imports of one reporter, the parts stated within [`NEAR`]
/// sentences of the total; the nearest pair is checked.
fn turnover_sums(claims: &[Claim], levels: &[usize], out: &mut Vec<Finding>) {
    for &t in levels {
        let tc = &claims[t];
        if tc.measure != Measure::Turnover {
            continue;
        }
        let pair = [tc.subject.from.clone(), tc.subject.to.clone()];
        let near = levels_near(claims, levels, tc.sentence);
        let mut best: Option<(usize, usize, usize)> = None;
        for &x in near {
            let xc = &claims[x];
            if xc.measure != Measure::Exports || xc.period != tc.period {
                continue;
            }
            if !pair.contains(&xc.subject.from) || !pair.contains(&xc.subject.to) {
                continue;
            }
            for &m in near {
                let mc = &claims[m];
                if mc.measure != Measure::Imports
                    || mc.period != tc.period
                    || mc.subject.to != xc.subject.from
                    || mc.subject.from != xc.subject.to
                {
                    continue;
                }
                let d = claims[x].start.abs_diff(tc.start) + claims[m].start.abs_diff(tc.start);
                if best.is_none_or(|b| d < b.2) {
                    best = Some((x, m, d));
                }
            }
        }
        if let Some((x, m, _)) = best {
            out.push(sum_finding(
                claims,
                t,
                &[x, m],
                "exports + imports = turnover",
            ));
        }
    }
}

/// Enterprises with partner capital = joint + foreign ventures.
fn venture_sums(claims: &[Claim], levels: &[usize], out: &mut Vec<Finding>) {
    for &t in levels {
        let tc = &claims[t];
        if tc.measure != Measure::Count("enterprises_with_partner_capital".into()) {
            continue;
        }
        let find = |ind: &str| {
            levels_near(claims, levels, tc.sentence)
                .iter()
                .copied()
                .find(|&k| {
                    claims[k].measure == Measure::Count(ind.into())
                        && claims[k].subject == tc.subject
                        && claims[k].period == tc.period
                })
        };
        if let (Some(j), Some(f)) = (find("joint_ventures"), find("foreign_ventures")) {
            out.push(sum_finding(
                claims,
                t,
                &[j, f],
                "joint + foreign ventures = enterprises",
            ));
        }
    }
}

/// The growth of each total that a sum check found against its components' growth rates
/// (the `growth` row of the module doc); reads the sums already in `out`.
fn growth_checks(claims: &[Claim], out: &mut Vec<Finding>) {
    let first_change = first_changes(claims);
    for f in out.clone().iter().filter(|f| f.check == "sum") {
        let t = f.target;
        let parts: Vec<usize> = f.claims.iter().copied().filter(|&k| k != t).collect();
        let Some(gt) = first_change[t] else {
            continue;
        };
        let part_changes: Vec<Option<usize>> = parts.iter().map(|&p| first_change[p]).collect();
        if part_changes.iter().any(Option::is_none) {
            continue;
        }
        let part_changes: Vec<usize> = part_changes.into_iter().flatten().collect();
        if part_changes
            .iter()
            .any(|&c| claims[c].base != claims[gt].base)
        {
            continue;
        }
        let (Some(ft), Some(fparts)) = (
            factor_interval(&claims[gt]),
            part_changes
                .iter()
                .map(|&c| factor_interval(&claims[c]))
                .collect::<Option<Vec<_>>>(),
        ) else {
            continue;
        };
        let vals: Vec<(f64, f64)> = parts.iter().map(|&p| interval(&claims[p])).collect();
        // Corners of (value, factor) per part: 4^n evaluations (n = 2 here).
        let n = parts.len();
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for mask in 0..(1u32 << (2 * n)) {
            let (mut now, mut base) = (0.0, 0.0);
            for k in 0..n {
                let v = if mask >> (2 * k) & 1 == 0 {
                    vals[k].0
                } else {
                    vals[k].1
                };
                let g = if mask >> (2 * k + 1) & 1 == 0 {
                    fparts[k].0
                } else {
                    fparts[k].1
                };
                now += v;
                base += v / g;
            }
            let implied = now / base;
            lo = lo.min(implied);
            hi = hi.max(implied);
        }
        let passed = meets((lo, hi), ft);
        let mut involved = vec![gt, t];
        involved.extend(parts.iter().copied());
        involved.extend(part_changes.iter().copied());
        out.push(Finding {
            check: "growth".into(),
            passed,
            claims: involved,
            target: gt,
            message: format!(
                "the components' values and growth rates ({}) imply growth of the total of {}; the text says \"{}\" ({}){}",
                part_changes.iter().map(|&c| shown(&claims[c])).collect::<Vec<_>>().join(", "),
                fmt_pct((lo, hi)),
                shown(&claims[gt]),
                fmt_pct(ft),
                if passed { ": consistent" } else { ": inconsistent" }
            ),
        });
    }
}

/// A change whose base period is also stated as a level: the level pair must imply the change.
fn base_checks(claims: &[Claim], levels: &[usize], out: &mut Vec<Finding>) {
    // The levels of each figure (measure, subject, period), in text order: the nearest base
    // statement is looked up there instead of among all levels.
    let mut by_figure: HashMap<FigureKey<'_>, Vec<usize>> = HashMap::new();
    for &k in levels {
        let c = &claims[k];
        by_figure
            .entry((&c.measure, &c.subject, c.period))
            .or_default()
            .push(k);
    }
    for (ci, c) in claims.iter().enumerate() {
        if c.kind != ClaimKind::Change || c.target {
            continue;
        }
        let (Some(of), Some(base), Some(fc)) = (c.of, c.base, factor_interval(c)) else {
            continue;
        };
        let now = &claims[of];
        if !level(now) {
            continue;
        }
        // The nearest statement of the base-period level.
        let nearest = by_figure
            .get(&(&now.measure, &now.subject, Some(base)))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&b| b != of)
            .min_by_key(|&b| claims[b].start.abs_diff(now.start));
        if let Some(b) = nearest {
            let bc = &claims[b];
            let (v, v0) = (interval(now), interval(bc));
            if v0.0 <= 0.0 {
                continue;
            }
            let implied = (v.0 / v0.1, v.1 / v0.0);
            let passed = meets(implied, fc);
            out.push(Finding {
                check: "base".into(),
                passed,
                claims: vec![ci, of, b],
                target: ci,
                message: format!(
                    "\"{}\" against the stated base \"{}\" ({}) implies {}; the text says \"{}\"{}",
                    shown(now),
                    shown(bc),
                    base,
                    fmt_pct(implied),
                    shown(c),
                    if passed {
                        ": consistent"
                    } else {
                        ": inconsistent"
                    }
                ),
            });
        }
    }
}

/// The same figure stated twice, each against the nearest earlier statement, must agree.
fn repeat_checks(claims: &[Claim], levels: &[usize], out: &mut Vec<Finding>) {
    // The latest earlier statement of each (kind, figure): one map, not a scan back per level.
    let mut latest: HashMap<(ClaimKind, FigureKey<'_>), usize> = HashMap::new();
    for &j in levels {
        let b = &claims[j];
        let earlier = latest.insert((b.kind, (&b.measure, &b.subject, b.period)), j);
        if b.period.is_none() || b.subject.from.is_none() {
            continue;
        }
        let Some(i) = earlier else {
            continue;
        };
        debug_assert!(same_figure(&claims[i], b));
        let a = &claims[i];
        let passed = meets(interval(a), interval(b));
        out.push(Finding {
            check: "repeat".into(),
            passed,
            claims: vec![i, j],
            target: j,
            message: format!(
                "\"{}\" and \"{}\" state the same figure{}",
                shown(a),
                shown(b),
                if passed { " and agree" } else { " differently" }
            ),
        });
    }
}

fn sum_finding(claims: &[Claim], total: usize, parts: &[usize], what: &str) -> Finding {
    let tc = &claims[total];
    let sum: f64 = parts.iter().filter_map(|&p| claims[p].value).sum();
    let tol: f64 = parts.iter().map(|&p| claims[p].half_unit()).sum::<f64>() + tc.half_unit();
    let tv = tc.value.unwrap_or(f64::NAN);
    let passed = (sum - tv).abs() <= tol * (1.0 + 1e-9);
    let scale = tc.scale;
    let d = parts
        .iter()
        .map(|&p| usize::from(claims[p].decimals))
        .max()
        .unwrap_or(0)
        .max(usize::from(tc.decimals));
    let unit = crate::claim::scale_name(scale);
    let mut claims_v = vec![total];
    claims_v.extend_from_slice(parts);
    Finding {
        check: "sum".into(),
        passed,
        claims: claims_v,
        target: total,
        message: format!(
            "{what}: {} = {:.d$}{unit} against \"{}\" (tolerance ±{:.d2$}{unit}){}",
            parts
                .iter()
                .map(|&p| format!("{:.d$}", claims[p].value.unwrap_or(f64::NAN) / scale))
                .collect::<Vec<_>>()
                .join(" + "),
            sum / scale,
            tc.text,
            tol / scale,
            if passed { ": agree" } else { ": do not add up" },
            d2 = d + 2,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn run(text: &str) -> Vec<(String, bool)> {
        let (c, _) = extract(text, None);
        internal_checks(&c)
            .into_iter()
            .map(|f| (f.check, f.passed))
            .collect()
    }

    #[test]
    fn seed_sentences_agree() {
        let t = "In 2018, the bilateral trade between Belarus and Kazakhstan reached $896 million (up 30% from the level of 2017). Belarus' export was $783.7 million (up 32.3%), import reached $112.3 million (up 15.6%).";
        let f = run(t);
        assert!(f.contains(&("sum".into(), true)), "{f:?}");
        assert!(f.contains(&("growth".into(), true)), "{f:?}");
    }

    #[test]
    fn wrong_sum_and_impossible_growth() {
        let t = "In 2018, the bilateral trade between Belarus and Kazakhstan reached $926 million (up 45% from the level of 2017). Belarus' export was $783.7 million (up 32.3%), import reached $112.3 million (up 15.6%).";
        let f = run(t);
        assert!(f.contains(&("sum".into(), false)), "{f:?}");
        assert!(f.contains(&("growth".into(), false)), "{f:?}");
    }

    #[test]
    fn ventures_and_range() {
        assert_eq!(
            run(
                "There are 49 enterprises with the Kazakhstani capital in Belarus, including 13 joint and 36 foreign ventures."
            ),
            vec![("sum".to_string(), true)]
        );
        assert_eq!(
            run(
                "There are 50 enterprises with the Kazakhstani capital in Belarus, including 13 joint and 36 foreign ventures."
            ),
            vec![("sum".to_string(), false)]
        );
        assert!(
            run("In 2018 exports of Belarus to Kazakhstan fell by 120%.")
                .contains(&("range".into(), false))
        );
    }

    #[test]
    fn stated_base() {
        let ok = run(
            "In 2017 exports of Belarus to Kazakhstan were $592.2 million. In 2018 exports of Belarus to Kazakhstan reached $783.7 million (up 32.3% from the level of 2017).",
        );
        assert!(ok.contains(&("base".into(), true)), "{ok:?}");
        let bad = run(
            "In 2017 exports of Belarus to Kazakhstan were $500 million. In 2018 exports of Belarus to Kazakhstan reached $783.7 million (up 32.3% from the level of 2017).",
        );
        assert!(bad.contains(&("base".into(), false)), "{bad:?}");
    }
}
