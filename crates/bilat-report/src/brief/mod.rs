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
//!
//! One file per part of the brief, in reading order:
//!
//! | file | holds |
//! | --- | --- |
//! | `lead.rs` | the comparison year, the headline and the lead |
//! | `paragraphs.rs` | one function per body paragraph (period to date … potential) |
//! | `scope.rs` | the words naming a partial flow's products, in the headline's sentence |
//! | `note.rs` | the data note and the section labels |
//! | `charts.rs` | which charts the brief carries and their data |
//! | `render.rs` | text, md, html and json renderings |

mod charts;
mod lead;
mod note;
mod paragraphs;
mod render;
mod scope;

use bilat_analytics::{
    Balance, BriefData, Figure, MirrorGap, PartnerPosition, Profile, Provenance, SeriesFigure,
    Side, YearPoint, YearPtd,
};
use bilat_model::{Lang, Place, resolve_place};
use serde::Serialize;

use crate::charts::Chart;
use crate::error::Result;
use crate::plain_names::PlainProduct;
use crate::templates::{Vars, fill};
use crate::words::{self, NameForms, forms};

pub use render::{BriefFormat, render_brief};

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
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Paragraph {
    /// What it is about: `period_to_date`, `services_investment`, `products`, `position`,
    /// `concentration`, `mirror`, `potential`.
    pub topic: String,
    /// The text.
    pub text: String,
}

/// Every figure the text states, as numbers (the stable JSON interface of the brief).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
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

/// What every part of the brief reads: the inputs, the language and the template variables
/// every sentence may use (the pair's names in each case, the year, the lead figures).
struct Ctx<'a> {
    lang: Lang,
    profile: &'a Profile,
    data: &'a BriefData,
    opts: &'a BriefOptions,
    /// Forms of country A's name.
    fa: NameForms,
    /// Forms of country B's name.
    fb: NameForms,
    /// Variables shared by every template; a paragraph clones and extends them.
    vars: Vars,
    /// The words for a change without a base ("no comparable figure").
    no_base: String,
}

impl<'a> Ctx<'a> {
    fn new(
        profile: &'a Profile,
        data: &'a BriefData,
        opts: &'a BriefOptions,
        lead: &lead::Compared,
    ) -> Result<Self> {
        let lang = opts.lang;
        let (pa, pb) = (place_of(&profile.reporter), place_of(&profile.partner));
        let (fa, fb) = (
            side_forms(lang, &profile.reporter),
            side_forms(lang, &profile.partner),
        );
        let mut cx = Ctx {
            lang,
            profile,
            data,
            opts,
            fa,
            fb,
            vars: Vars::default(),
            no_base: fill(lang, "word.no_base", &Vars::default())?,
        };
        let mut v = Vars::default();
        place_vars(&mut v, "a", &cx.fa, lang, pa.as_ref());
        place_vars(&mut v, "b", &cx.fb, lang, pb.as_ref());
        v.set("year", profile.year.to_string())
            .set(
                "previous_year",
                lead.year.map_or_else(String::new, |y| y.to_string()),
            )
            .set("turnover", cx.money(lead.turnover.value_usd))
            .set("turnover_change", cx.change(&lead.turnover))
            .set("exports", cx.money(lead.exports.value_usd))
            .set("exports_change", cx.change(&lead.exports))
            .set("imports", cx.money(lead.imports.value_usd))
            .set("imports_change", cx.change(&lead.imports))
            .set("balance", cx.money(lead.balance.value_usd.abs()))
            .set(
                "exports_scope",
                scope::flow_words(&profile.coverage.exports, lang, false),
            )
            .set(
                "imports_scope",
                scope::flow_words(&profile.coverage.imports, lang, false),
            )
            .set("trade_scope", scope::trade_words(&profile.coverage, lang))
            .set(
                "exports_codes",
                scope::codes_words(&profile.coverage.exports, lang),
            )
            .set(
                "imports_codes",
                scope::codes_words(&profile.coverage.imports, lang),
            );
        cx.vars = v;
        Ok(cx)
    }

    fn money(&self, v: f64) -> String {
        words::money(self.lang, v)
    }

    /// The change of `f` in words, or the "no comparable figure" words without a base.
    fn change(&self, f: &Figure) -> String {
        words::change(self.lang, f).unwrap_or_else(|| self.no_base.clone())
    }

    /// Whether `f` has a base to state a change against (the `.change` or `.level` template).
    fn has_change(&self, f: &Figure) -> bool {
        words::change(self.lang, f).is_some()
    }

    fn fill(&self, key: &str, vars: &Vars) -> Result<String> {
        fill(self.lang, key, vars)
    }

    /// A template without variables (a word or a label).
    fn word(&self, key: &str) -> Result<String> {
        fill(self.lang, key, &Vars::default())
    }
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

/// Builds the brief of `profile` extended by `data`. `profile` should list every product
/// (`ProfileRequest::top = usize::MAX`) so plain-name groups sum all their codes.
pub fn build_brief(
    profile: &Profile,
    data: &BriefData,
    potential: Option<PotentialNote>,
    opts: &BriefOptions,
) -> Result<Brief> {
    let compared = lead::comparison(profile, &data.history);
    let cx = Ctx::new(profile, data, opts, &compared)?;
    let (headline, lead) = lead::headline_and_lead(&cx, &compared)?;

    let services = paragraphs::series(data, "services_trade");
    let investment = paragraphs::series(data, "fdi_inflow");
    let (main_exports, main_imports) = paragraphs::main_products(profile, opts);
    let paragraphs = [
        ("period_to_date", paragraphs::period_to_date(&cx)?),
        (
            "services_investment",
            paragraphs::services_investment(&cx, services.as_ref(), investment.as_ref())?,
        ),
        (
            "products",
            paragraphs::products(&cx, &main_exports, &main_imports)?,
        ),
        ("position", paragraphs::position(&cx)?),
        ("concentration", paragraphs::concentration(&cx)?),
        ("mirror", paragraphs::mirror(&cx)?),
        ("potential", paragraphs::potential(&cx, potential.as_ref())?),
    ]
    .into_iter()
    .filter(|(_, text)| !text.is_empty())
    .map(|(topic, text)| Paragraph {
        topic: topic.into(),
        text,
    })
    .collect();

    let data_note = note::data_note(&cx)?;
    let labels = note::labels(&cx)?;
    let charts = charts::charts(&cx, &labels, &main_exports, &main_imports)?;

    Ok(Brief {
        lang: cx.lang,
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
            comparison_year: compared.year,
            exports: compared.exports,
            imports: compared.imports,
            turnover: compared.turnover,
            balance: compared.balance,
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

/// The brief of a [`bilat_analytics::BriefRequest`]'s figures in one format: the one path from
/// figures to text that the CLI, the server and the Python package share.
pub fn brief_document(
    inputs: &bilat_analytics::BriefInputs,
    opts: &BriefOptions,
    format: BriefFormat,
) -> Result<String> {
    let note = inputs
        .potential
        .as_ref()
        .map(PotentialNote::from_product_potential);
    let brief = build_brief(&inputs.profile, &inputs.data, note, opts)?;
    Ok(render_brief(&brief, format))
}
