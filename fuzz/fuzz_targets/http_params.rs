//! Fuzz target: the HTTP API's parameters (`bilat_params`): a query string for every endpoint's
//! parameter struct, each field through the parser the server applies to it, and the JSON body
//! of `POST /api/v1/check`.
//!
//! The first byte picks the endpoint; the rest is the query string (or, for selector 0, the JSON
//! body). Properties: no panic on any input; every refusal renders as a message; a parsed year
//! is in 1900..=2100 and a count within its bound, as the server promises its handlers.
#![no_main]

use bilat_model::{HsLevel, MonthRange, View};
use bilat_params::{self as params, count, optional, parse_query, place, required, year};
use libfuzzer_sys::fuzz_target;

/// Renders an error (the server's message), so formatting is fuzzed too.
fn seen<T>(r: Result<T, params::ParamError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            let _ = e.to_string();
            let _ = std::error::Error::source(&e).map(ToString::to_string);
            None
        }
    }
}

fn a_year(name: &str, v: &Option<String>) {
    if let Some(Some(y)) = seen(year(name, v)) {
        assert!((1900..=2100).contains(&y), "{name}={y} passed the range check");
    }
}

fn a_count(name: &str, v: &Option<String>, max: usize) {
    if let Some(n) = seen(count(name, v, 10, max)) {
        assert!(n <= max, "{name}={n} over {max}");
    }
}

fn pair(reporter: &Option<String>, partner: &Option<String>) {
    seen(place("reporter", reporter));
    seen(place("partner", partner));
}

fn model_parts(months: &Option<String>, view: &Option<String>, level: &Option<String>) {
    seen(optional::<MonthRange>("months", months));
    seen(optional::<View>("view", view));
    seen(optional::<HsLevel>("level", level));
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let q = String::from_utf8_lossy(rest);
    let q = Some(q.as_ref());
    match which % 10 {
        0 => {
            if let Ok(b) = serde_json::from_slice::<params::CheckBody>(rest) {
                let _ = (b.text.len(), b.lang);
            }
        }
        1 => {
            if let Some(p) = seen(parse_query::<params::ProfileQuery>(q)) {
                pair(&p.reporter, &p.partner);
                seen(required::<i32>("year", &p.year));
                a_year("year", &p.year);
                model_parts(&p.months, &p.view, &p.level);
                a_count("top", &p.top, 10_000);
            }
        }
        2 => {
            if let Some(p) = seen(parse_query::<params::BriefQuery>(q)) {
                pair(&p.reporter, &p.partner);
                a_year("year", &p.year);
                model_parts(&p.months, &p.view, &None);
                seen(optional::<bilat_model::Lang>("lang", &p.lang));
            }
        }
        3 => {
            if let Some(p) = seen(parse_query::<params::IndicatorsQuery>(q)) {
                pair(&p.reporter, &p.partner);
                a_year("year", &p.year);
                model_parts(&None, &None, &p.level);
                a_count("top", &p.top, 10_000);
            }
        }
        4 => {
            if let Some(p) = seen(parse_query::<params::PotentialQuery>(q)) {
                pair(&p.reporter, &p.partner);
                a_year("year", &p.year);
                model_parts(&None, &None, &p.level);
                a_count("top", &p.top, 10_000);
                seen(optional::<f64>("min_supply_usd", &p.min_supply_usd));
            }
        }
        5 => {
            if let Some(p) = seen(parse_query::<params::PartnersQuery>(q)) {
                seen(place("reporter", &p.reporter));
                a_year("year", &p.year);
                model_parts(&None, &p.view, &None);
                a_count("top", &p.top, 10_000);
            }
        }
        6 => {
            if let Some(p) = seen(parse_query::<params::HistoryQuery>(q)) {
                pair(&p.reporter, &p.partner);
                a_year("from", &p.from);
                a_year("to", &p.to);
                model_parts(&None, &p.view, &None);
            }
        }
        7 => {
            if let Some(p) = seen(parse_query::<params::CountriesQuery>(q)) {
                a_count("limit", &p.limit, 100);
                let _ = bilat_model::search_places(p.q.as_deref().unwrap_or(""), 10);
            }
        }
        8 => {
            if let Some(p) = seen(parse_query::<params::ProductsQuery>(q)) {
                a_count("limit", &p.limit, 500);
                model_parts(&None, &None, &p.level);
            }
        }
        _ => {
            if let Some(p) = seen(parse_query::<params::ImportQuery>(q)) {
                seen(optional::<bool>("lenient", &p.lenient));
            }
        }
    }
});
