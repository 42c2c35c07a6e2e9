//! The top of the brief: the figures the lead compares (the profile year against the comparison
//! year) and the headline and lead built from them.

use bilat_analytics::{Balance, Figure, Profile, YearPoint};

use super::Ctx;
use crate::error::Result;

/// Exports, imports, turnover and balance of the profile year with the year they compare with.
pub(super) struct Compared {
    pub(super) exports: Figure,
    pub(super) imports: Figure,
    pub(super) turnover: Figure,
    pub(super) balance: Balance,
    /// The comparison year; `None` when no earlier year is loaded.
    pub(super) year: Option<i32>,
}

/// Exports, imports, turnover and balance of the profile year against the comparison year: the
/// profile's own (year − 1) when it has a base, else the latest earlier year of `history` (same
/// source, vintage and view), DESIGN §3 growth % = (v_t / v_base − 1)·100. The fallback exists
/// so growth is never silently absent (e.g. 2004 against 2002 when 2003 is missing).
pub(super) fn comparison(profile: &Profile, history: &[YearPoint]) -> Compared {
    let own = |year| Compared {
        exports: profile.exports,
        imports: profile.imports,
        turnover: profile.turnover,
        balance: profile.balance,
        year,
    };
    if profile.exports.previous_value_usd.is_some() || profile.imports.previous_value_usd.is_some()
    {
        return own(Some(profile.previous_year));
    }
    let Some(base) = history
        .iter()
        .filter(|p| p.year < profile.year && p.months.is_none_or(|m| m == 12))
        .max_by_key(|p| p.year)
    else {
        return own(None);
    };
    let (x, m) = (profile.exports.value_usd, profile.imports.value_usd);
    // A direction without rows in the base year has no base (not a zero base).
    let bx = (base.exports_usd > 0.0).then_some(base.exports_usd);
    let bm = (base.imports_usd > 0.0).then_some(base.imports_usd);
    let bt = match (bx, bm) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
    };
    Compared {
        exports: Figure::new(x, bx),
        imports: Figure::new(m, bm),
        turnover: Figure::new(x + m, bt),
        balance: Balance {
            value_usd: x - m,
            previous_value_usd: Some(base.exports_usd - base.imports_usd),
        },
        year: Some(base.year),
    }
}

/// The headline and the lead: turnover, exports, imports and balance when both directions are
/// loaded; otherwise only the loaded flow, because a direction with no rows at all (e.g. an
/// extract of imports only) is not "zero trade".
pub(super) fn headline_and_lead(cx: &Ctx, c: &Compared) -> Result<(String, String)> {
    let profile = cx.profile;
    let has_x = !(profile.exports.value_usd == 0.0 && profile.top_exports.is_empty());
    let has_m = !(profile.imports.value_usd == 0.0 && profile.top_imports.is_empty());
    if !(has_x && has_m) {
        let (dir, f) = if has_x {
            ("exports_only", &c.exports)
        } else {
            ("imports_only", &c.imports)
        };
        return one_direction(cx, dir, f);
    }
    let v = &cx.vars;
    let has_change = cx.has_change(&c.turnover);
    let headline = cx.fill(
        if has_change {
            "headline.change"
        } else {
            "headline.level"
        },
        v,
    )?;
    let mut lead = vec![
        cx.fill(
            if has_change {
                "lead.turnover.change"
            } else {
                "lead.turnover.level"
            },
            v,
        )?,
        cx.fill("lead.flows", v)?,
    ];
    // The balance is "balanced" when it prints as zero, so the words never contradict the figure.
    let printed_balance = format!("{:.1}", c.balance.value_usd.abs() / 1e6);
    lead.push(cx.fill(
        if printed_balance == "0.0" {
            "lead.balanced"
        } else if c.balance.value_usd > 0.0 {
            "lead.surplus"
        } else {
            "lead.deficit"
        },
        v,
    )?);
    Ok((headline, lead.join(" ")))
}

/// Headline and lead of a pair with one direction loaded (`dir` = `exports_only` or
/// `imports_only`, `f` its figure).
fn one_direction(cx: &Ctx, dir: &str, f: &Figure) -> Result<(String, String)> {
    let mut w = cx.vars.clone();
    let coverage = if dir == "exports_only" {
        &cx.profile.coverage.exports
    } else {
        &cx.profile.coverage.imports
    };
    w.set("value", cx.money(f.value_usd))
        .set("value_change", cx.change(f))
        .set(
            "value_scope",
            super::scope::flow_words(coverage, cx.lang, false),
        );
    let ch = if cx.has_change(f) { "change" } else { "level" };
    Ok((
        cx.fill(&format!("headline.{dir}.{ch}"), &w)?,
        cx.fill(&format!("lead.{dir}.{ch}"), &w)?,
    ))
}
