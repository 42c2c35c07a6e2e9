//! The HTTP API's parameters: one struct per endpoint (its fields are the CLI's flags,
//! documented for OpenAPI), every value parsed by the same `FromStr` the CLI uses, and every
//! failure a [`ParamError`] naming the parameter (the server answers it with a 400).
//!
//! Fields are strings on the wire so that a malformed number is reported with its parameter's
//! name (serde's own message would not say which); `deny_unknown_fields` turns a misspelt
//! parameter (`yaer=2018`) into an error rather than a silently ignored default. This crate
//! depends on the model only, so the fuzz target `http_params` checks it without the query
//! engine.

use std::str::FromStr;

#[cfg(feature = "requests")]
pub mod requests;

use bilat_model::{Fault, Place};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use utoipa::IntoParams;

/// A parameter that is missing, unknown or malformed.
#[derive(Debug, thiserror::Error)]
pub enum ParamError {
    /// A malformed query string or value.
    #[error("{message}")]
    Bad {
        /// What is wrong, naming the parameter.
        message: String,
        /// What to do instead.
        hint: Option<String>,
    },
    /// A country or group parameter that names no known place.
    #[error("{name}={input:?}")]
    Place {
        /// The parameter.
        name: String,
        /// Its value.
        input: String,
        /// The model's error (with "did you mean" suggestions).
        #[source]
        source: bilat_model::Error,
    },
}

impl ParamError {
    /// Always the user's.
    pub fn fault(&self) -> Fault {
        Fault::User
    }

    /// A malformed value, in words naming the parameter.
    pub fn bad(message: impl Into<String>) -> Self {
        ParamError::Bad {
            message: message.into(),
            hint: None,
        }
    }
}

/// Parses a query string into `T` (an absent query is an empty one).
///
/// A parameter with an empty value (`format=`, as an empty form field sends it) is absent.
pub fn parse_query<T: DeserializeOwned>(raw: Option<&str>) -> Result<T, ParamError> {
    let kept: Vec<&str> = raw
        .unwrap_or("")
        .split('&')
        .filter(|pair| pair.split_once('=').is_some_and(|(_, v)| !v.is_empty()))
        .collect();
    serde_urlencoded::from_str(&kept.join("&")).map_err(|e| ParamError::Bad {
        message: format!("bad query string: {e}"),
        hint: Some("see GET /api/openapi.json for each endpoint's parameters".into()),
    })
}

/// A required parameter parsed by its type's `FromStr`.
pub fn required<T>(name: &str, v: &Option<String>) -> Result<T, ParamError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    match v {
        Some(s) => parse(name, s),
        None => Err(ParamError::bad(format!("missing parameter {name}"))),
    }
}

/// An optional parameter parsed by its type's `FromStr`.
pub fn optional<T>(name: &str, v: &Option<String>) -> Result<Option<T>, ParamError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    v.as_ref().map(|s| parse(name, s)).transpose()
}

fn parse<T>(name: &str, s: &str) -> Result<T, ParamError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    s.trim()
        .parse::<T>()
        .map_err(|e| ParamError::bad(format!("{name}={s:?}: {e}")))
}

/// A country or group parameter: an unknown name is `unknown_country` with suggestions.
pub fn place(name: &str, v: &Option<String>) -> Result<Place, ParamError> {
    let Some(s) = v else {
        return Err(ParamError::bad(format!("missing parameter {name}")));
    };
    s.parse::<Place>().map_err(|source| ParamError::Place {
        name: name.to_string(),
        input: s.clone(),
        source,
    })
}

/// A year parameter: four digits in a range trade statistics can hold.
pub fn year(name: &str, v: &Option<String>) -> Result<Option<i32>, ParamError> {
    let y: Option<i32> = optional(name, v)?;
    match y {
        Some(y) if !(1900..=2100).contains(&y) => Err(ParamError::bad(format!(
            "{name}={y}: a year must be between 1900 and 2100"
        ))),
        y => Ok(y),
    }
}

/// A required year parameter, in the same range as [`year`].
pub fn required_year(name: &str, v: &Option<String>) -> Result<i32, ParamError> {
    match year(name, v)? {
        Some(y) => Ok(y),
        None => Err(ParamError::bad(format!("missing parameter {name}"))),
    }
}

/// A count parameter (`top`, `limit`) with an upper bound, so no request asks for a huge table.
pub fn count(
    name: &str,
    v: &Option<String>,
    default: usize,
    max: usize,
) -> Result<usize, ParamError> {
    let n: usize = optional(name, v)?.unwrap_or(default);
    if n > max {
        return Err(ParamError::bad(format!("{name}={n}: at most {max}")));
    }
    Ok(n)
}

/// `GET /api/v1/profile`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProfileQuery {
    /// Country A: name (EN/RU), alpha-2/3, numeric code, or a group (EU27, EAEU, CIS).
    #[param(value_type = String, required = true, min_length = 1, example = "BLR")]
    pub reporter: Option<String>,
    /// Country B (or World).
    #[param(value_type = String, required = true, min_length = 1, example = "KAZ")]
    pub partner: Option<String>,
    /// Year.
    #[param(value_type = i32, required = true, minimum = 1900, maximum = 2100, example = 2018)]
    pub year: Option<String>,
    /// Months for a period-to-date comparison, e.g. 1-6.
    #[param(pattern = "^(1[0-2]|[1-9])(-(1[0-2]|[1-9]))?$", example = "1-6")]
    pub months: Option<String>,
    /// reporter, mirror or reconciled (default: by what is loaded).
    #[param(pattern = "^(reporter|mirror|reconciled)$")]
    pub view: Option<String>,
    /// HS level of the product tables: 2, 4 (default) or 6.
    #[param(value_type = Option<u8>, minimum = 2, maximum = 6, multiple_of = 2)]
    pub level: Option<String>,
    /// Products listed each way (default 10, at most 10000).
    #[param(value_type = Option<u32>, maximum = 10000)]
    pub top: Option<String>,
    /// Only this source (baci, comtrade, ots, demo).
    pub source: Option<String>,
    /// Only this vintage.
    pub vintage: Option<String>,
    /// Year the changes compare with (default: the year before, else the latest earlier year
    /// loaded).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100, example = 2015)]
    pub compare: Option<String>,
    /// json (default), csv, text or md.
    #[param(pattern = "^(json|csv|text|md)$")]
    pub format: Option<String>,
}

/// `GET /api/v1/brief`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BriefQuery {
    /// Country A (any accepted name or code).
    #[param(value_type = String, required = true, min_length = 1, example = "BLR")]
    pub reporter: Option<String>,
    /// Country B.
    #[param(value_type = String, required = true, min_length = 1, example = "KAZ")]
    pub partner: Option<String>,
    /// Year.
    #[param(value_type = i32, required = true, minimum = 1900, maximum = 2100, example = 2018)]
    pub year: Option<String>,
    /// Months of the period-to-date paragraph, e.g. 1-6.
    #[param(pattern = "^(1[0-2]|[1-9])(-(1[0-2]|[1-9]))?$", example = "1-6")]
    pub months: Option<String>,
    /// reporter, mirror or reconciled.
    #[param(pattern = "^(reporter|mirror|reconciled)$")]
    pub view: Option<String>,
    /// Only this source.
    pub source: Option<String>,
    /// Only this vintage.
    pub vintage: Option<String>,
    /// Year the changes compare with (default: the year before, else the latest earlier year
    /// loaded).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100, example = 2015)]
    pub compare: Option<String>,
    /// en (default) or ru.
    #[param(pattern = "^(en|ru)$")]
    pub lang: Option<String>,
    /// json (default), html, md or text.
    #[param(pattern = "^(json|html|md|text)$")]
    pub format: Option<String>,
}

/// `GET /api/v1/indicators`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct IndicatorsQuery {
    /// Country A (any accepted name or code).
    #[param(value_type = String, required = true, min_length = 1, example = "BLR")]
    pub reporter: Option<String>,
    /// Country B.
    #[param(value_type = String, required = true, min_length = 1, example = "KAZ")]
    pub partner: Option<String>,
    /// Year.
    #[param(value_type = i32, required = true, minimum = 1900, maximum = 2100, example = 2018)]
    pub year: Option<String>,
    /// HS level: 2, 4 (default) or 6.
    #[param(value_type = Option<u8>, minimum = 2, maximum = 6, multiple_of = 2)]
    pub level: Option<String>,
    /// Only this source.
    pub source: Option<String>,
    /// Products per table in text and md (default 15, at most 10000).
    #[param(value_type = Option<u32>, maximum = 10000)]
    pub top: Option<String>,
    /// json (default), csv, text or md.
    #[param(pattern = "^(json|csv|text|md)$")]
    pub format: Option<String>,
}

/// `GET /api/v1/potential`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PotentialQuery {
    /// Country A (any accepted name or code).
    #[param(value_type = String, required = true, min_length = 1, example = "BLR")]
    pub reporter: Option<String>,
    /// Country B.
    #[param(value_type = String, required = true, min_length = 1, example = "KAZ")]
    pub partner: Option<String>,
    /// Year.
    #[param(value_type = i32, required = true, minimum = 1900, maximum = 2100, example = 2018)]
    pub year: Option<String>,
    /// products (default) or gravity.
    #[param(pattern = "^(products|gravity)$")]
    pub method: Option<String>,
    /// Products: HS level 2, 4 or 6 (default).
    #[param(value_type = Option<u8>, minimum = 2, maximum = 6, multiple_of = 2)]
    pub level: Option<String>,
    /// Products: intensity (default) or one.
    #[param(pattern = "^(intensity|one)$")]
    pub ease: Option<String>,
    /// Products: how many per direction (default 20, at most 10000).
    #[param(value_type = Option<u32>, maximum = 10000)]
    pub top: Option<String>,
    /// Products: leave out products A exports less than this (USD) of.
    #[param(value_type = Option<f64>, minimum = 0)]
    pub min_supply_usd: Option<String>,
    /// Only this source.
    pub source: Option<String>,
    /// json (default), csv, text or md.
    #[param(pattern = "^(json|csv|text|md)$")]
    pub format: Option<String>,
}

/// `GET /api/v1/partners`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PartnersQuery {
    /// Country or group A.
    #[param(value_type = String, required = true, min_length = 1, example = "BLR")]
    pub reporter: Option<String>,
    /// Year.
    #[param(value_type = i32, required = true, minimum = 1900, maximum = 2100, example = 2018)]
    pub year: Option<String>,
    /// exports (default), imports or turnover.
    #[param(pattern = "^(exports|imports|turnover)$")]
    pub flow: Option<String>,
    /// Partners listed (default 20, at most 10000).
    #[param(value_type = Option<u32>, maximum = 10000)]
    pub top: Option<String>,
    /// reporter, mirror or reconciled.
    #[param(pattern = "^(reporter|mirror|reconciled)$")]
    pub view: Option<String>,
    /// Only this source.
    pub source: Option<String>,
    /// Only this vintage.
    pub vintage: Option<String>,
    /// json (default), csv, text or md.
    #[param(pattern = "^(json|csv|text|md)$")]
    pub format: Option<String>,
}

/// `GET /api/v1/history`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// Country A (any accepted name or code).
    #[param(value_type = String, required = true, min_length = 1, example = "BLR")]
    pub reporter: Option<String>,
    /// Country B.
    #[param(value_type = String, required = true, min_length = 1, example = "KAZ")]
    pub partner: Option<String>,
    /// First year (default: the first loaded).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub from: Option<String>,
    /// Last year (default: the last loaded).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub to: Option<String>,
    /// reporter, mirror or reconciled.
    #[param(pattern = "^(reporter|mirror|reconciled)$")]
    pub view: Option<String>,
    /// Only this source.
    pub source: Option<String>,
    /// Only this vintage.
    pub vintage: Option<String>,
    /// json (default), csv, text or md.
    #[param(pattern = "^(json|csv|text|md)$")]
    pub format: Option<String>,
}

/// `POST /api/v1/check`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CheckQuery {
    /// auto (default), en or ru.
    #[param(pattern = "^(auto|en|ru)$")]
    pub lang: Option<String>,
    /// json (default), html, md, text or csv (one row per claim).
    #[param(pattern = "^(json|html|md|text|csv)$")]
    pub format: Option<String>,
}

/// The JSON body of `POST /api/v1/check`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    /// The news text (UTF-8).
    pub text: String,
    /// auto (default), en or ru.
    pub lang: Option<String>,
}

/// `GET /api/v1/countries`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CountriesQuery {
    /// What the user has typed: any accepted name (EN/RU), code or group.
    pub q: Option<String>,
    /// At most this many (default 10, at most 100).
    #[param(value_type = Option<u32>, maximum = 100)]
    pub limit: Option<String>,
}

/// `GET /api/v1/products`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProductsQuery {
    /// A code prefix (digits) or words of the name (EN/RU).
    pub q: Option<String>,
    /// Only this HS level: 2, 4 or 6.
    #[param(value_type = Option<u8>, minimum = 2, maximum = 6, multiple_of = 2)]
    pub level: Option<String>,
    /// At most this many (default 20, at most 500).
    #[param(value_type = Option<u32>, maximum = 500)]
    pub limit: Option<String>,
}

/// `GET /api/v1/catalog`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CatalogQuery {
    /// json (default).
    #[param(pattern = "^json$")]
    pub format: Option<String>,
}

/// `POST /api/v1/import/{kind}`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The uploaded file's name, e.g. BACI_HS17_Y2019_V202401.csv (its extension tells the
    /// reader a zip, CSV or JSON; BACI reads the year and release from it).
    pub filename: Option<String>,
    /// true: import the good rows and report the rejected ones (default false: stop at the
    /// first bad row).
    #[param(value_type = Option<bool>)]
    pub lenient: Option<String>,
}
