//! The bilateral brief: a news-style text in English or Russian with charts, assembled from a
//! [`Profile`] and the [`BriefData`] that extends it.
//!
//! ```text
//! Profile + BriefData ──build──▶ Brief { headline, lead, paragraphs, products, note, figures, charts }
//!                                   │
//!                   render_brief ───┴──▶ text | md (SVG inline) | html (self-contained) | json
//! ```
//! Every sentence is a template of `templates/{en,ru}.txt` filled with numbers formatted by
//! [`crate::words`]; every number in the text is also in [`BriefFigures`] (the JSON), and the
//! charts plot the same values. Thresholds, with why:
//!
//! | setting | default | why |
//! | --- | --- | --- |
//! | `min_product_share_pct` | 3.0 | a "main product" is at least 3% of the flow, so long tails stay out |
//! | `max_products` | 10 | a sentence with more names is no longer read |
//! | `mirror_threshold_pct` | 5.0 | CIF/FOB valuation alone explains gaps of a few per cent |
//!
//! Concentration words follow the HHI bands of the US Horizontal Merger Guidelines (2010, §5.3):
//! below 0.15 unconcentrated ("diversified"), 0.15–0.25 moderately, above 0.25 highly concentrated.

use bilat_analytics::{
    Balance, BriefData, Figure, MirrorGap, PartnerPosition, Profile, Provenance, SeriesFigure,
    Side, YearPoint, YearPtd,
};
use bilat_model::{Lang, Place, View, resolve_place};
use serde::Serialize;

use crate::charts::{self, Chart, ChartSeries};
use crate::error::Result;
use crate::plain_names::{self, PlainProduct};
use crate::templates::{Vars, fill};
use crate::words::{self, NameForms, forms};

/// Choices of a brief (see the module doc for the defaults and why).
#[derive(Debug, Clone, PartialEq)]
pub struct BriefOptions {
    /// Language of the text.
    pub lang: Lang,
    /// Smallest share of a flow (%) a main product may have.
    pub min_product_share_pct: f64,
    /// Most main products named each way.
    pub max_products: usize,
    /// Mirror gaps above this (|%|) are reported.
    pub mirror_threshold_pct: f64,
}

impl Default for BriefOptions {
    fn default() -> Self {
        BriefOptions {
            lang: Lang::En,
            min_product_share_pct: 3.0,
            max_products: 10,
            mirror_threshold_pct: 5.0,
        }
    }
}

/// Trade potential of the pair, when an estimate exists (issue 5 fills it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PotentialNote {
    /// Benchmark trade, USD (e.g. the gravity model's prediction).
    pub potential_usd: f64,
    /// Untapped potential, USD: max(potential − actual, 0).
    pub untapped_usd: f64,
    /// Method in English, e.g. "gravity".
    pub method_en: String,
    /// Method in Russian, e.g. "гравитационной модели".
    pub method_ru: String,
    /// HS codes with the largest untapped potential, largest first.
    pub top_products: Vec<String>,
    /// The source's names of `top_products` (same order; may be shorter or empty), used where
    /// the plain-name table has no entry.
    #[serde(default)]
    pub top_product_names: Vec<String>,
}

/// One paragraph of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// What it is about: `period_to_date`, `services_investment`, `products`, `position`,
    /// `concentration`, `mirror`, `potential`.
    pub topic: String,
    /// The text.
    pub text: String,
}

/// Every figure the text states, as numbers (the stable JSON interface of the brief).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefFigures {
    /// Year the changes compare with: the year before, or the latest earlier year loaded.
    pub comparison_year: Option<i32>,
    /// A's exports to B in the year.
    pub exports: Figure,
    /// A's imports from B.
    pub imports: Figure,
    /// Exports + imports.
    pub turnover: Figure,
    /// Exports − imports.
    pub balance: Balance,
    /// The period to date the text reports.
    pub period_to_date: Option<YearPtd>,
    /// Trade in services (series `services_trade`).
    pub services: Option<SeriesFigure>,
    /// Investment (series `fdi_inflow`).
    pub investment: Option<SeriesFigure>,
    /// B among A's partners.
    pub partner_position: Option<PartnerPosition>,
    /// HS level of the product figures.
    pub level: u8,
    /// HHI of exports over products at `level`.
    pub hhi_exports: Option<f64>,
    /// HHI of imports.
    pub hhi_imports: Option<f64>,
    /// Products exported at `level`.
    pub products_exported: usize,
    /// Products imported at `level`.
    pub products_imported: usize,
    /// Both sides' reports, when loaded.
    pub mirror: Option<MirrorGap>,
    /// Exports and imports per loaded year (the history chart).
    pub history: Vec<YearPoint>,
}

/// The brief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    /// Language of the text.
    pub lang: Lang,
    /// Country A.
    pub reporter: Side,
    /// Country B.
    pub partner: Side,
    /// Year of the brief.
    pub year: i32,
    /// Headline.
    pub headline: String,
    /// Lead paragraph: turnover, exports, imports, balance.
    pub lead: String,
    /// Body paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// Main exports in plain words, largest first.
    pub main_exports: Vec<PlainProduct>,
    /// Main imports in plain words, largest first.
    pub main_imports: Vec<PlainProduct>,
    /// Sources, vintages, view, generated or real.
    pub data_note: String,
    /// The figures behind the text.
    pub figures: BriefFigures,
    /// Where the goods figures come from.
    pub provenance: Provenance,
    /// Trade potential, when estimated; no paragraph when `None`.
    pub potential: Option<PotentialNote>,
    /// Charts (their data; SVG in the md and html renderings).
    pub charts: Vec<Chart>,
    /// Section labels in the brief's language.
    #[serde(skip)]
    labels: Labels,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Labels {
    exports: String,
    imports: String,
    data_note: String,
}

fn place_of(side: &Side) -> Option<Place> {
    resolve_place(&side.code).ok()
}

/// Forms of a side's name; a side that no longer resolves keeps its stored names in every form.
fn side_forms(lang: Lang, side: &Side) -> NameForms {
    match place_of(side) {
        Some(p) => forms(lang, &p),
        None => {
            let n = match lang {
                Lang::En => side.name.clone(),
                Lang::Ru => side.name_ru.clone(),
            };
            NameForms {
                possessive: n.clone(),
                acc: n.clone(),
                with: n.clone(),
                to: n.clone(),
                from: n.clone(),
                r#in: n.clone(),
                nom: n,
            }
        }
    }
}

fn place_vars(v: &mut Vars, suffix: &str, f: &NameForms, lang: Lang, place: Option<&Place>) {
    v.set(suffix, f.nom.clone())
        .set(&format!("{suffix}_gen"), f.possessive.clone())
        .set(&format!("{suffix}_acc"), f.acc.clone())
        .set(&format!("with_{suffix}"), f.with.clone())
        .set(&format!("to_{suffix}"), f.to.clone())
        .set(&format!("from_{suffix}"), f.from.clone())
        .set(&format!("in_{suffix}"), f.r#in.clone());
    let ins = match (lang, place) {
        (Lang::Ru, Some(p)) => bilat_model::ru_cases(p).instrumental,
        _ => f.nom.clone(),
    };
    v.set(&format!("{suffix}_ins"), ins);
}

fn hhi_word(h: f64) -> &'static str {
    if h < 0.15 {
        "word.hhi.low"
    } else if h <= 0.25 {
        "word.hhi.moderate"
    } else {
        "word.hhi.high"
    }
}

/// Builds the brief of `profile` extended by `data`. `profile` should list every product
/// (`ProfileRequest::top = usize::MAX`) so plain-name groups sum all their codes.
pub fn build_brief(
    profile: &Profile,
    data: &BriefData,
    potential: Option<PotentialNote>,
    opts: &BriefOptions,
) -> Result<Brief> {
    let lang = opts.lang;
    let money = |v: f64| words::money(lang, v);
    let (pa, pb) = (place_of(&profile.reporter), place_of(&profile.partner));
    let (fa, fb) = (
        side_forms(lang, &profile.reporter),
        side_forms(lang, &profile.partner),
    );
    let no_base = fill(lang, "word.no_base", &Vars::default())?;
    let change = |f: &Figure| words::change(lang, f).unwrap_or_else(|| no_base.clone());

    // The comparison year: the year before when loaded, else the latest earlier loaded year
    // (e.g. 2004 against 2002 when 2003 is missing), so growth is never silently absent.
    let (exports, imports, turnover, balance, comparison_year) = comparison(profile, &data.history);
    // A direction with no rows at all (e.g. an extract of imports only) is not "zero trade".
    let has_x = !(profile.exports.value_usd == 0.0 && profile.top_exports.is_empty());
    let has_m = !(profile.imports.value_usd == 0.0 && profile.top_imports.is_empty());

    let mut v = Vars::default();
    place_vars(&mut v, "a", &fa, lang, pa.as_ref());
    place_vars(&mut v, "b", &fb, lang, pb.as_ref());
    v.set("year", profile.year.to_string())
        .set(
            "previous_year",
            comparison_year.map_or_else(String::new, |y| y.to_string()),
        )
        .set("turnover", money(turnover.value_usd))
        .set("turnover_change", change(&turnover))
        .set("exports", money(exports.value_usd))
        .set("exports_change", change(&exports))
        .set("imports", money(imports.value_usd))
        .set("imports_change", change(&imports))
        .set("balance", money(balance.value_usd.abs()));

    // Headline and lead.
    let (headline, lead) = if has_x && has_m {
        let has_change = words::change(lang, &turnover).is_some();
        let headline = fill(
            lang,
            if has_change {
                "headline.change"
            } else {
                "headline.level"
            },
            &v,
        )?;
        let mut lead = vec![
            fill(
                lang,
                if has_change {
                    "lead.turnover.change"
                } else {
                    "lead.turnover.level"
                },
                &v,
            )?,
            fill(lang, "lead.flows", &v)?,
        ];
        let printed_balance = format!("{:.1}", balance.value_usd.abs() / 1e6);
        lead.push(fill(
            lang,
            if printed_balance == "0.0" {
                "lead.balanced"
            } else if balance.value_usd > 0.0 {
                "lead.surplus"
            } else {
                "lead.deficit"
            },
            &v,
        )?);
        (headline, lead.join(" "))
    } else {
        // One direction only: headline and lead speak of the flow that is loaded.
        let (dir, f) = if has_x {
            ("exports_only", &exports)
        } else {
            ("imports_only", &imports)
        };
        let mut w = v.clone();
        w.set("value", money(f.value_usd))
            .set("value_change", change(f));
        let ch = if words::change(lang, f).is_some() {
            "change"
        } else {
            "level"
        };
        (
            fill(lang, &format!("headline.{dir}.{ch}"), &w)?,
            fill(lang, &format!("lead.{dir}.{ch}"), &w)?,
        )
    };

    let mut paragraphs = Vec::new();
    let mut para = |topic: &str, text: String| {
        if !text.is_empty() {
            paragraphs.push(Paragraph {
                topic: topic.into(),
                text,
            });
        }
    };

    // Period to date.
    if let Some(p) = &data.period_to_date {
        let mut w = v.clone();
        let (first, last) = p
            .ptd
            .months
            .split_once('-')
            .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
            .unwrap_or((1, 12));
        w.set("months", words::months(lang, first, last))
            .set("ptd_year", p.year.to_string())
            .set("ptd_previous_year", (p.year - 1).to_string())
            .set("ptd_turnover", money(p.ptd.turnover.value_usd))
            .set("ptd_turnover_change", change(&p.ptd.turnover))
            .set("ptd_exports", money(p.ptd.exports.value_usd))
            .set("ptd_exports_change", change(&p.ptd.exports))
            .set("ptd_imports", money(p.ptd.imports.value_usd))
            .set("ptd_imports_change", change(&p.ptd.imports));
        para("period_to_date", fill(lang, "ptd", &w)?);
    }

    // Services and investment.
    let services = data
        .series
        .iter()
        .find(|s| s.indicator == "services_trade" && s.unit.eq_ignore_ascii_case("usd"))
        .cloned();
    let investment = data
        .series
        .iter()
        .find(|s| s.indicator == "fdi_inflow" && s.unit.eq_ignore_ascii_case("usd"))
        .cloned();
    let mut si = Vec::new();
    if let Some(s) = &services {
        let mut w = v.clone();
        w.set("services", money(s.figure.value_usd))
            .set("services_year", s.year.to_string())
            .set("services_change", change(&s.figure));
        let key = if words::change(lang, &s.figure).is_some() {
            "services.change"
        } else {
            "services.level"
        };
        si.push(fill(lang, key, &w)?);
    }
    if let Some(s) = &investment {
        let mut w = v.clone();
        let (recv, inv) = (
            resolve_place(&s.country).ok(),
            resolve_place(&s.partner).ok(),
        );
        if let (Some(recv), Some(inv)) = (recv, inv) {
            let (fr, fi) = (forms(lang, &recv), forms(lang, &inv));
            w.set("investor", fi.nom.clone())
                .set("investor_gen", fi.possessive.clone())
                .set("receiver", fr.nom.clone())
                .set("to_receiver", fr.to.clone())
                .set("in_receiver", fr.r#in.clone())
                .set("investment", money(s.figure.value_usd))
                .set("investment_year", s.year.to_string())
                .set("investment_change", change(&s.figure));
            let key = if words::change(lang, &s.figure).is_some() {
                "investment.change"
            } else {
                "investment.level"
            };
            si.push(fill(lang, key, &w)?);
        }
    }
    para("services_investment", si.join(" "));

    // Main products.
    let groups_x = plain_names::group(&profile.top_exports);
    let groups_m = plain_names::group(&profile.top_imports);
    let main_exports =
        plain_names::main_products(&groups_x, opts.min_product_share_pct, opts.max_products);
    let main_imports =
        plain_names::main_products(&groups_m, opts.min_product_share_pct, opts.max_products);
    let list = |g: &[PlainProduct]| {
        g.iter()
            .map(|p| p.name(lang).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut prod = Vec::new();
    if !main_exports.is_empty() {
        let mut w = v.clone();
        w.set("list", list(&main_exports));
        prod.push(fill(lang, "products.exports", &w)?);
    }
    if !main_imports.is_empty() {
        let mut w = v.clone();
        w.set("list", list(&main_imports));
        prod.push(fill(lang, "products.imports", &w)?);
    }
    para("products", prod.join(" "));

    // Partner position.
    if let Some(pp) = &data.partner_position {
        let mut w = v.clone();
        let mut out = Vec::new();
        if let Some(s) = pp
            .export_share_pct
            .filter(|_| profile.exports.value_usd > 0.0)
        {
            w.set("export_share", words::percent(lang, s));
            let key = match pp.export_rank {
                Some(r) => {
                    w.set("export_rank", words::ordinal(lang, r));
                    "position.exports.rank"
                }
                None => "position.exports.share",
            };
            out.push(fill(lang, key, &w)?);
        }
        if let Some(s) = pp
            .import_share_pct
            .filter(|_| profile.imports.value_usd > 0.0)
        {
            w.set("import_share", words::percent(lang, s));
            let key = match pp.import_rank {
                Some(r) => {
                    w.set("import_rank", words::ordinal(lang, r));
                    "position.imports.rank"
                }
                None => "position.imports.share",
            };
            out.push(fill(lang, key, &w)?);
        }
        para("position", out.join(" "));
    }

    // Concentration.
    {
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
                let mut w = v.clone();
                w.set("hhi", words::dec2(lang, h))
                    .set("hhi_level", fill(lang, hhi_word(h), &Vars::default())?)
                    .set("products", n.to_string())
                    .set("level", profile.level.to_string());
                out.push(fill(lang, key, &w)?);
            }
        }
        para("concentration", out.join(" "));
    }

    // Mirror statistics.
    if let Some(m) = &profile.mirror {
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
                && gap.abs() > opts.mirror_threshold_pct
            {
                let mut w = v.clone();
                w.set("own", money(own))
                    .set("mirror", money(mirror))
                    .set("gap", signed(gap))
                    .set("threshold", words::percent(lang, opts.mirror_threshold_pct));
                out.push(fill(lang, key, &w)?);
            }
        }
        para("mirror", out.join(" "));
    }

    // Potential.
    if let Some(p) = &potential {
        let mut w = v.clone();
        let names: Vec<String> = p
            .top_products
            .iter()
            .enumerate()
            .map(|(i, c)| {
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
        w.set("potential", money(p.potential_usd))
            .set("untapped", money(p.untapped_usd))
            .set(
                "method",
                match lang {
                    Lang::En => p.method_en.clone(),
                    Lang::Ru => p.method_ru.clone(),
                },
            )
            .set("untapped_list", names.join(", "));
        para("potential", fill(lang, "potential", &w)?);
    }

    // Data note.
    let pv = &profile.provenance;
    let by = |dir_exports: bool| -> Result<String> {
        let (a_side, b_side) = (&fa, &fb);
        let name = |f: &NameForms| match lang {
            Lang::En => f.nom.clone(),
            Lang::Ru => f.possessive.clone(),
        };
        Ok(match (pv.view, dir_exports) {
            (View::Reconciled, _) => fill(lang, "word.reconciled", &Vars::default())?,
            (View::Reporter, true) => format!("{} (FOB)", name(a_side)),
            (View::Reporter, false) => format!("{} (CIF)", name(a_side)),
            (View::Mirror, true) => format!("{} (CIF)", name(b_side)),
            (View::Mirror, false) => format!("{} (FOB)", name(b_side)),
        })
    };
    let mut w = v.clone();
    w.set("source", pv.source.clone())
        .set("vintage", pv.vintage.clone())
        .set(
            "view",
            fill(
                lang,
                &format!("word.view.{}", pv.view.as_str()),
                &Vars::default(),
            )?,
        )
        .set("exports_by", by(true)?)
        .set("imports_by", by(false)?);
    let mut note = vec![fill(lang, "note.goods", &w)?];
    let mut series_sources: Vec<String> = data
        .series
        .iter()
        .map(|s| format!("{} {}", s.source, s.vintage))
        .collect();
    series_sources.dedup();
    if !series_sources.is_empty() {
        let mut w = Vars::default();
        w.set("series_sources", series_sources.join(", "));
        note.push(fill(lang, "note.series", &w)?);
    }
    if data.period_to_date.is_some() {
        note.push(fill(lang, "note.ptd_partial", &Vars::default())?);
    }
    note.push(fill(
        lang,
        if pv.label.is_some() {
            "note.demo"
        } else {
            "note.real"
        },
        &Vars::default(),
    )?);
    let data_note = note.join(" ");

    let label = |k: &str| fill(lang, k, &Vars::default());
    let labels = Labels {
        exports: label("label.exports")?,
        imports: label("label.imports")?,
        data_note: label("label.data_note")?,
    };

    // Charts.
    let mfmt = move |x: f64| words::dec1(lang, x);
    let mut charts = Vec::new();
    if !data.history.is_empty() {
        let pts = |f: &dyn Fn(&YearPoint) -> f64| {
            data.history
                .iter()
                .map(|p| (p.year.to_string(), f(p) / 1e6))
                .collect::<Vec<_>>()
        };
        charts.push(charts::grouped_bars(
            "history",
            &label("label.chart.history")?,
            "USD million",
            vec![
                ChartSeries {
                    id: "exports".into(),
                    label: labels.exports.clone(),
                    points: pts(&|p| p.exports_usd),
                },
                ChartSeries {
                    id: "imports".into(),
                    label: labels.imports.clone(),
                    points: pts(&|p| p.imports_usd),
                },
            ],
            &mfmt,
        ));
    }
    let other = label("label.other")?;
    let sections = |lines: &[bilat_analytics::SectionLine]| -> Vec<(String, f64)> {
        // The six largest sections, then the rest as one segment.
        let mut out: Vec<(String, f64)> = lines
            .iter()
            .take(6)
            .map(|s| {
                let name = bilat_model::hs::sections()
                    .iter()
                    .find(|x| x.roman == s.section)
                    .map_or(s.name.clone(), |x| x.name(lang).to_string());
                (format!("{} {}", s.section, name), s.share_pct)
            })
            .collect();
        let rest: f64 = lines.iter().skip(6).map(|s| s.share_pct).sum();
        if lines.len() > 6 {
            out.push((other.clone(), rest));
        }
        out
    };
    let mut comp = Vec::new();
    for (id, lbl, lines) in [
        ("exports", &labels.exports, &profile.sections_exports),
        ("imports", &labels.imports, &profile.sections_imports),
    ] {
        if !lines.is_empty() {
            comp.push(ChartSeries {
                id: id.into(),
                label: lbl.clone(),
                points: sections(lines),
            });
        }
    }
    if !comp.is_empty() {
        charts.push(charts::stacked_shares(
            "composition",
            &label("label.chart.composition")?,
            &other,
            comp,
            &mfmt,
        ));
    }
    let mut prods = Vec::new();
    for (id, lbl, g) in [
        ("exports", &labels.exports, &main_exports),
        ("imports", &labels.imports, &main_imports),
    ] {
        if !g.is_empty() {
            prods.push(ChartSeries {
                id: id.into(),
                label: lbl.clone(),
                points: g
                    .iter()
                    .map(|p| (p.name(lang).to_string(), p.value_usd / 1e6))
                    .collect(),
            });
        }
    }
    if !prods.is_empty() {
        charts.push(charts::horizontal_bars(
            "products",
            &label("label.chart.products")?,
            "USD million",
            prods,
            &mfmt,
        ));
    }

    Ok(Brief {
        lang,
        reporter: profile.reporter.clone(),
        partner: profile.partner.clone(),
        year: profile.year,
        headline,
        lead,
        paragraphs,
        main_exports,
        main_imports,
        data_note,
        figures: BriefFigures {
            comparison_year,
            exports,
            imports,
            turnover,
            balance,
            period_to_date: data.period_to_date.clone(),
            services,
            investment,
            partner_position: data.partner_position.clone(),
            level: profile.level,
            hhi_exports: profile.hhi_exports,
            hhi_imports: profile.hhi_imports,
            products_exported: profile.products_exported,
            products_imported: profile.products_imported,
            mirror: profile.mirror.clone(),
            history: data.history.clone(),
        },
        provenance: profile.provenance.clone(),
        potential,
        charts,
        labels,
    })
}

/// Exports, imports, turnover and balance of the profile year against the comparison year: the
/// profile's own (year − 1) when it has a base, else the latest earlier year of `history` (same
/// source, vintage and view), DESIGN §3 growth % = (v_t / v_base − 1)·100.
fn comparison(
    profile: &Profile,
    history: &[YearPoint],
) -> (Figure, Figure, Figure, Balance, Option<i32>) {
    let own = (
        profile.exports,
        profile.imports,
        profile.turnover,
        profile.balance,
    );
    if profile.exports.previous_value_usd.is_some() || profile.imports.previous_value_usd.is_some()
    {
        return (own.0, own.1, own.2, own.3, Some(profile.previous_year));
    }
    let Some(base) = history
        .iter()
        .filter(|p| p.year < profile.year && p.months.is_none_or(|m| m == 12))
        .max_by_key(|p| p.year)
    else {
        return (own.0, own.1, own.2, own.3, None);
    };
    let (x, m) = (profile.exports.value_usd, profile.imports.value_usd);
    // A direction without rows in the base year has no base (not a zero base).
    let bx = (base.exports_usd > 0.0).then_some(base.exports_usd);
    let bm = (base.imports_usd > 0.0).then_some(base.imports_usd);
    let bt = match (bx, bm) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
    };
    (
        Figure::new(x, bx),
        Figure::new(m, bm),
        Figure::new(x + m, bt),
        Balance {
            value_usd: x - m,
            previous_value_usd: Some(base.exports_usd - base.imports_usd),
        },
        Some(base.year),
    )
}

/// Output formats of a brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BriefFormat {
    /// Plain text, wrapped at 96 columns.
    #[default]
    Text,
    /// Markdown with the charts as inline SVG.
    Md,
    /// A self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched).
    Html,
    /// JSON: text, figures, provenance and chart data.
    Json,
}

/// Renders a brief.
pub fn render_brief(b: &Brief, format: BriefFormat) -> String {
    match format {
        BriefFormat::Json => serde_json::to_string_pretty(b).expect("brief serializes") + "\n",
        BriefFormat::Text => text(b),
        BriefFormat::Md => md(b),
        BriefFormat::Html => html(b),
    }
}

fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0usize;
    for word in s.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

fn body_paragraphs(b: &Brief) -> Vec<&str> {
    let mut v = vec![b.lead.as_str()];
    v.extend(b.paragraphs.iter().map(|p| p.text.as_str()));
    v
}

fn text(b: &Brief) -> String {
    let mut o = String::new();
    o.push_str(&wrap(&b.headline, 96));
    o.push('\n');
    o.push_str(&"=".repeat(b.headline.chars().count().min(96)));
    o.push_str("\n\n");
    for p in body_paragraphs(b) {
        o.push_str(&wrap(p, 96));
        o.push_str("\n\n");
    }
    o.push_str(&wrap(
        &format!("{}: {}", b.labels.data_note, b.data_note),
        96,
    ));
    o.push('\n');
    o
}

fn md(b: &Brief) -> String {
    let mut o = format!("# {}\n\n", b.headline);
    for p in body_paragraphs(b) {
        o.push_str(p);
        o.push_str("\n\n");
    }
    for c in &b.charts {
        o.push_str(&c.svg);
        o.push_str("\n\n");
    }
    o.push_str(&format!("## {}\n\n{}\n", b.labels.data_note, b.data_note));
    o
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html(b: &Brief) -> String {
    let lang = match b.lang {
        Lang::En => "en",
        Lang::Ru => "ru",
    };
    let mut o = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<style>\nbody{{font-family:Georgia,serif;max-width:680px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}}\nh1{{font-size:1.6em;line-height:1.25}}\n.lead{{font-weight:bold}}\n.chart{{display:block;margin:1.5em 0;max-width:100%;height:auto}}\n.note{{font-size:.85em;color:#555;border-top:1px solid #ccc;padding-top:.5em}}\n</style>\n</head>\n<body>\n<article>\n<h1>{t}</h1>\n<p class=\"lead\">{l}</p>\n",
        t = esc(&b.headline),
        l = esc(&b.lead)
    );
    for p in &b.paragraphs {
        o.push_str(&format!(
            "<p class=\"{}\">{}</p>\n",
            esc(&p.topic),
            esc(&p.text)
        ));
    }
    for c in &b.charts {
        o.push_str("<figure>");
        o.push_str(&c.svg);
        o.push_str("</figure>\n");
    }
    o.push_str(&format!(
        "<p class=\"note\"><strong>{}:</strong> {}</p>\n</article>\n</body>\n</html>\n",
        esc(&b.labels.data_note),
        esc(&b.data_note)
    ));
    o
}
