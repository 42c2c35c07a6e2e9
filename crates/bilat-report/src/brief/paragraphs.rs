//! The body of the brief: one function per paragraph, in reading order. Each returns the
//! paragraph's text, empty when the brief has nothing to say on its topic (the paragraph is then
//! left out).

use bilat_analytics::{BriefData, Profile, SeriesFigure};
use bilat_model::{Lang, resolve_place};

use super::{BriefOptions, Ctx, PotentialNote};
use crate::error::Result;
use crate::plain_names::{self, PlainProduct};
use crate::words::{self, forms};

/// Period to date: the months loaded of a later year against the same months a year earlier.
pub(super) fn period_to_date(cx: &Ctx) -> Result<String> {
    let Some(p) = &cx.data.period_to_date else {
        return Ok(String::new());
    };
    let mut w = cx.vars.clone();
    let (first, last) = p
        .ptd
        .months
        .split_once('-')
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        .unwrap_or((1, 12));
    w.set("months", words::months(cx.lang, first, last))
        .set("ptd_year", p.year.to_string())
        .set("ptd_previous_year", (p.year - 1).to_string())
        .set("ptd_turnover", cx.money(p.ptd.turnover.value_usd))
        .set("ptd_turnover_change", cx.change(&p.ptd.turnover))
        .set("ptd_exports", cx.money(p.ptd.exports.value_usd))
        .set("ptd_exports_change", cx.change(&p.ptd.exports))
        .set("ptd_imports", cx.money(p.ptd.imports.value_usd))
        .set("ptd_imports_change", cx.change(&p.ptd.imports));
    cx.fill("ptd", &w)
}

/// The first series `indicator` in USD (`services_trade`, `fdi_inflow`); other units are not
/// comparable with the goods figures.
pub(super) fn series(data: &BriefData, indicator: &str) -> Option<SeriesFigure> {
    data.series
        .iter()
        .find(|s| s.indicator == indicator && s.unit.eq_ignore_ascii_case("usd"))
        .cloned()
}

/// Services and investment: one sentence each, when the series are loaded.
pub(super) fn services_investment(
    cx: &Ctx,
    services: Option<&SeriesFigure>,
    investment: Option<&SeriesFigure>,
) -> Result<String> {
    let mut si = Vec::new();
    if let Some(s) = services {
        let mut w = cx.vars.clone();
        w.set("services", cx.money(s.figure.value_usd))
            .set("services_year", s.year.to_string())
            .set("services_change", cx.change(&s.figure));
        let key = if cx.has_change(&s.figure) {
            "services.change"
        } else {
            "services.level"
        };
        si.push(cx.fill(key, &w)?);
    }
    // The investment series names its own receiver and investor, which may be either side.
    if let Some(s) = investment
        && let (Ok(recv), Ok(inv)) = (resolve_place(&s.country), resolve_place(&s.partner))
    {
        let mut w = cx.vars.clone();
        let (fr, fi) = (forms(cx.lang, &recv), forms(cx.lang, &inv));
        w.set("investor", fi.nom.clone())
            .set("investor_gen", fi.possessive.clone())
            .set("receiver", fr.nom.clone())
            .set("to_receiver", fr.to.clone())
            .set("in_receiver", fr.r#in.clone())
            .set("investment", cx.money(s.figure.value_usd))
            .set("investment_year", s.year.to_string())
            .set("investment_change", cx.change(&s.figure));
        let key = if cx.has_change(&s.figure) {
            "investment.change"
        } else {
            "investment.level"
        };
        si.push(cx.fill(key, &w)?);
    }
    Ok(si.join(" "))
}

/// Main exports and imports in plain words, largest first (see [`BriefOptions`] for the share
/// and count limits).
pub(super) fn main_products(
    profile: &Profile,
    opts: &BriefOptions,
) -> (Vec<PlainProduct>, Vec<PlainProduct>) {
    let main = |lines| {
        let groups = plain_names::group(lines);
        plain_names::main_products(&groups, opts.min_product_share_pct, opts.max_products)
    };
    (main(&profile.top_exports), main(&profile.top_imports))
}

/// Main products: the plain names of the main exports, then of the main imports.
pub(super) fn products(
    cx: &Ctx,
    main_exports: &[PlainProduct],
    main_imports: &[PlainProduct],
) -> Result<String> {
    let list = |g: &[PlainProduct]| {
        g.iter()
            .map(|p| p.name(cx.lang).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut prod = Vec::new();
    for (key, g) in [
        ("products.exports", main_exports),
        ("products.imports", main_imports),
    ] {
        if !g.is_empty() {
            let mut w = cx.vars.clone();
            w.set("list", list(g));
            prod.push(cx.fill(key, &w)?);
        }
    }
    Ok(prod.join(" "))
}

/// Partner position: B's share of A's exports and imports and its rank, for flows that exist.
pub(super) fn position(cx: &Ctx) -> Result<String> {
    let Some(pp) = &cx.data.partner_position else {
        return Ok(String::new());
    };
    let (lang, profile) = (cx.lang, cx.profile);
    // One set of variables for both sentences: the imports sentence may name the export rank.
    let mut w = cx.vars.clone();
    let mut out = Vec::new();
    for (dir, share, rank, value, coverage) in [
        (
            "export",
            pp.export_share_pct,
            pp.export_rank,
            profile.exports.value_usd,
            &profile.coverage.exports,
        ),
        (
            "import",
            pp.import_share_pct,
            pp.import_rank,
            profile.imports.value_usd,
            &profile.coverage.imports,
        ),
    ] {
        let Some(s) = share.filter(|_| value > 0.0) else {
            continue;
        };
        w.set(&format!("{dir}_share"), words::percent(lang, s));
        let mut key = match rank {
            Some(r) => {
                w.set(&format!("{dir}_rank"), words::ordinal(lang, r));
                format!("position.{dir}s.rank")
            }
            None => format!("position.{dir}s.share"),
        };
        // A partial flow's share and rank are among its loaded products' partners only.
        if coverage.is_partial() {
            key.push_str(".partial");
        }
        out.push(cx.fill(&key, &w)?);
    }
    Ok(out.join(" "))
}

/// The concentration word of an HHI, by the bands of the US Horizontal Merger Guidelines
/// (2010, §5.3): below 0.15 unconcentrated, 0.15–0.25 moderately, above 0.25 highly.
fn hhi_word(h: f64) -> &'static str {
    if h < 0.15 {
        "word.hhi.low"
    } else if h <= 0.25 {
        "word.hhi.moderate"
    } else {
        "word.hhi.high"
    }
}

/// Concentration: the HHI of exports and of imports over products, in numbers and words.
pub(super) fn concentration(cx: &Ctx) -> Result<String> {
    let profile = cx.profile;
    let mut out = Vec::new();
    for (key, h, n) in [
        (
            "concentration.exports",
            profile.hhi_exports,
            profile.products_exported,
        ),
        (
            "concentration.imports",
            profile.hhi_imports,
            profile.products_imported,
        ),
    ] {
        if let Some(h) = h {
            let mut w = cx.vars.clone();
            w.set("hhi", words::dec2(cx.lang, h))
                .set("hhi_level", cx.word(hhi_word(h))?)
                .set("products", n.to_string())
                .set("level", profile.level.to_string());
            out.push(cx.fill(key, &w)?);
        }
    }
    Ok(out.join(" "))
}

/// Mirror statistics: the gaps between both sides' reports above the threshold (smaller gaps
/// are CIF/FOB valuation, see the module doc of `brief`).
pub(super) fn mirror(cx: &Ctx) -> Result<String> {
    let Some(m) = &cx.profile.mirror else {
        return Ok(String::new());
    };
    let (lang, threshold) = (cx.lang, cx.opts.mirror_threshold_pct);
    let mut out = Vec::new();
    let signed = |g: f64| {
        let s = if g >= 0.0 { "+" } else { "−" };
        format!("{s}{}", words::percent(lang, g.abs()))
    };
    for (key, own, mirror, gap) in [
        (
            "mirror.exports",
            m.exports_reported_by_a_usd,
            m.exports_reported_by_b_usd,
            m.exports_gap_pct,
        ),
        (
            "mirror.imports",
            m.imports_reported_by_a_usd,
            m.imports_reported_by_b_usd,
            m.imports_gap_pct,
        ),
    ] {
        if let (Some(own), Some(mirror), Some(gap)) = (own, mirror, gap)
            && gap.abs() > threshold
        {
            let mut w = cx.vars.clone();
            w.set("own", cx.money(own))
                .set("mirror", cx.money(mirror))
                .set("gap", signed(gap))
                .set("threshold", words::percent(lang, threshold));
            out.push(cx.fill(key, &w)?);
        }
    }
    Ok(out.join(" "))
}

/// Potential: the benchmark, the untapped part and the products with most untapped potential.
pub(super) fn potential(cx: &Ctx, potential: Option<&PotentialNote>) -> Result<String> {
    let Some(p) = potential else {
        return Ok(String::new());
    };
    let lang = cx.lang;
    let names: Vec<String> = p
        .top_products
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // The source's name stands in where the plain-name table has no entry.
            let fallback = p
                .top_product_names
                .get(i)
                .filter(|n| !n.is_empty())
                .cloned()
                .unwrap_or_else(|| format!("HS {c}"));
            let (en, ru) = plain_names::plain_name(c, &fallback);
            match lang {
                Lang::En => en,
                Lang::Ru => ru,
            }
        })
        .collect();
    let mut w = cx.vars.clone();
    w.set("potential", cx.money(p.potential_usd))
        .set("untapped", cx.money(p.untapped_usd))
        .set(
            "method",
            match lang {
                Lang::En => p.method_en.clone(),
                Lang::Ru => p.method_ru.clone(),
            },
        )
        .set("untapped_list", names.join(", "));
    cx.fill("potential", &w)
}
