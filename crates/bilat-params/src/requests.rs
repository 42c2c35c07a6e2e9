//! Parameters into the library's request types (feature `requests`): one function per
//! analysis, shared by the HTTP server and the Python package, so that both build a request
//! from the same named parameters in the same way — and refuse a bad one with the same words.
//!
//! The CLI builds the same types from its flags (clap parses those); every value here goes
//! through the model's `FromStr`, as there.

use std::time::Instant;

use bilat_analytics::{
    BriefRequest, Ease, FlowChoice, GravityPotentialRequest, HistoryRequest, IndicatorsRequest,
    PartnersRequest, PotentialRequest, ProfileRequest, PtdChoice,
};
use bilat_model::{HsLevel, Lang, MonthRange, View};
use bilat_report::{BriefFormat, Format};

use crate::{
    BriefQuery, HistoryQuery, IndicatorsQuery, ParamError, PartnersQuery, PotentialQuery,
    ProfileQuery, count, optional, place, required_year, year,
};

/// `format` of a tabular answer: json (default), csv, text or md.
pub fn table_format(v: Option<&str>) -> Result<Format, ParamError> {
    match v.map(str::trim) {
        None | Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some("text") => Ok(Format::Text),
        Some("md") => Ok(Format::Md),
        Some(other) => Err(ParamError::bad(format!(
            "format={other:?}: use json, csv, text or md"
        ))),
    }
}

/// `lang` of a claim check: `auto` (default: by the text's script), `en` or `ru`.
pub fn check_lang(v: Option<&str>) -> Result<Option<bilat_claims::TextLang>, ParamError> {
    match v.map(str::trim) {
        None | Some("auto") => Ok(None),
        Some("en") => Ok(Some(bilat_claims::TextLang::En)),
        Some("ru") => Ok(Some(bilat_claims::TextLang::Ru)),
        Some(other) => Err(ParamError::bad(format!(
            "lang={other:?}: use auto, en or ru"
        ))),
    }
}

/// `format` of a claim check: json (default), html, md, text or csv.
pub fn check_format(v: Option<&str>) -> Result<bilat_claims::Format, ParamError> {
    match v.map(str::trim) {
        None | Some("json") => Ok(bilat_claims::Format::Json),
        Some("html") => Ok(bilat_claims::Format::Html),
        Some("md") => Ok(bilat_claims::Format::Md),
        Some("text") => Ok(bilat_claims::Format::Text),
        Some("csv") => Ok(bilat_claims::Format::Csv),
        Some(other) => Err(ParamError::bad(format!(
            "format={other:?}: use json, html, md, text or csv"
        ))),
    }
}

/// `GET /api/v1/profile`, `Warehouse.profile`.
pub fn profile(p: &ProfileQuery) -> Result<ProfileRequest, ParamError> {
    let mut r = ProfileRequest::new(
        place("reporter", &p.reporter)?,
        place("partner", &p.partner)?,
        required_year("year", &p.year)?,
    );
    r.months = optional::<MonthRange>("months", &p.months)?;
    r.view = optional::<View>("view", &p.view)?;
    r.level = optional::<HsLevel>("level", &p.level)?.unwrap_or(HsLevel::Hs4);
    r.top = count("top", &p.top, 10, 10_000)?;
    r.source = p.source.clone();
    r.vintage = p.vintage.clone();
    r.compare = year("compare", &p.compare)?;
    Ok(r)
}

/// A brief: the request, its language and its format (`json` unless asked otherwise).
pub struct BriefJob {
    /// What to compute.
    pub request: BriefRequest,
    /// The brief's language.
    pub lang: Lang,
    /// The document's format.
    pub format: BriefFormat,
}

/// `GET /api/v1/brief`, `Warehouse.brief`.
pub fn brief(p: &BriefQuery) -> Result<BriefJob, ParamError> {
    let mut r = BriefRequest::new(
        place("reporter", &p.reporter)?,
        place("partner", &p.partner)?,
        required_year("year", &p.year)?,
    );
    r.profile.view = optional::<View>("view", &p.view)?;
    r.profile.source = p.source.clone();
    r.profile.vintage = p.vintage.clone();
    r.profile.compare = year("compare", &p.compare)?;
    if let Some(m) = optional::<MonthRange>("months", &p.months)? {
        r.period_to_date = PtdChoice::Months(m);
    }
    let lang = optional::<Lang>("lang", &p.lang)?.unwrap_or(Lang::En);
    let format = match p.format.as_deref().map(str::trim) {
        None | Some("json") => BriefFormat::Json,
        Some("html") => BriefFormat::Html,
        Some("md") => BriefFormat::Md,
        Some("text") => BriefFormat::Text,
        Some(other) => {
            return Err(ParamError::bad(format!(
                "format={other:?}: use json, html, md or text"
            )));
        }
    };
    Ok(BriefJob {
        request: r,
        lang,
        format,
    })
}

/// `GET /api/v1/indicators`, `Warehouse.indicators`: the request and the rows to show.
pub fn indicators(p: &IndicatorsQuery) -> Result<(IndicatorsRequest, usize), ParamError> {
    let mut r = IndicatorsRequest::new(
        place("reporter", &p.reporter)?,
        place("partner", &p.partner)?,
        required_year("year", &p.year)?,
    );
    r.level = optional::<HsLevel>("level", &p.level)?.unwrap_or(HsLevel::Hs4);
    r.source = p.source.clone();
    Ok((r, count("top", &p.top, 15, 10_000)?))
}

/// What a potential request computes.
pub enum PotentialJob {
    /// Product by product (`method=products`, the default).
    Products(PotentialRequest),
    /// From a gravity model (`method=gravity`).
    Gravity(GravityPotentialRequest),
}

impl PotentialJob {
    /// The pair and year asked about.
    pub fn pair(&self) -> (&str, &str, i32) {
        match self {
            PotentialJob::Products(r) => (r.a.id(), r.b.id(), r.year),
            PotentialJob::Gravity(r) => (r.a.id(), r.b.id(), r.year),
        }
    }
}

/// `GET /api/v1/potential`, `Warehouse.potential`; a gravity fit stops itself at `deadline`.
pub fn potential(
    p: &PotentialQuery,
    deadline: Option<Instant>,
) -> Result<PotentialJob, ParamError> {
    let y = required_year("year", &p.year)?;
    let (a, b) = (
        place("reporter", &p.reporter)?,
        place("partner", &p.partner)?,
    );
    Ok(match p.method.as_deref().map(str::trim) {
        None | Some("products") => {
            let mut r = PotentialRequest::new(a, b, y);
            r.level = optional::<HsLevel>("level", &p.level)?.unwrap_or(HsLevel::Hs6);
            r.top = count("top", &p.top, 20, 10_000)?;
            r.min_supply_usd = optional::<f64>("min_supply_usd", &p.min_supply_usd)?
                .filter(|v| v.is_finite())
                .unwrap_or(0.0);
            r.source = p.source.clone();
            r.ease = match p.ease.as_deref().map(str::trim) {
                None | Some("intensity") => Ease::Intensity,
                Some("one") => Ease::One,
                Some(other) => {
                    return Err(ParamError::bad(format!(
                        "ease={other:?}: use intensity or one"
                    )));
                }
            };
            PotentialJob::Products(r)
        }
        Some("gravity") => {
            let mut r = GravityPotentialRequest::new(a, b, y);
            r.source = p.source.clone();
            r.deadline = deadline;
            PotentialJob::Gravity(r)
        }
        Some(other) => {
            return Err(ParamError::bad(format!(
                "method={other:?}: use products or gravity"
            )));
        }
    })
}

/// `GET /api/v1/partners`, `Warehouse.partners`.
pub fn partners(p: &PartnersQuery) -> Result<PartnersRequest, ParamError> {
    let mut r = PartnersRequest::new(
        place("reporter", &p.reporter)?,
        required_year("year", &p.year)?,
    );
    r.flow = optional::<FlowChoice>("flow", &p.flow)?.unwrap_or_default();
    r.top = count("top", &p.top, 20, 10_000)?;
    r.view = optional::<View>("view", &p.view)?;
    r.source = p.source.clone();
    r.vintage = p.vintage.clone();
    Ok(r)
}

/// `GET /api/v1/history`, `Warehouse.history`.
pub fn history(p: &HistoryQuery) -> Result<HistoryRequest, ParamError> {
    let mut r = HistoryRequest::new(
        place("reporter", &p.reporter)?,
        place("partner", &p.partner)?,
    );
    r.from = year("from", &p.from)?;
    r.to = year("to", &p.to)?;
    r.view = optional::<View>("view", &p.view)?;
    r.source = p.source.clone();
    r.vintage = p.vintage.clone();
    Ok(r)
}
