//! The `/api/v1` handlers: each builds the same request type the CLI builds, runs it through
//! the same library call, and renders with the same renderer, so a JSON answer is byte for byte
//! what `bilat <command> --format json` prints.
//!
//! Every analysis goes through `respond`: the snapshot of the catalog as it is now, `304` when
//! the client's `If-None-Match` is that snapshot's tag, the cached answer when there is one,
//! else the analysis on the blocking pool (DataFusion's async work on the server's runtime
//! through `Handle::block_on`, so a fit or a long text cannot stall the I/O threads) under the
//! per-request timeout.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bilat_model::{HsLevel, Lang};
use bilat_report::{BriefFormat, Format};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::{Answer, AppState, Snapshot};
use bilat_params::requests::{self, PotentialJob};
use bilat_params::{self as params, count, optional, parse_query};

/// A boxed analysis: what to compute from a snapshot.
type Job = Box<
    dyn FnOnce(Arc<Snapshot>) -> Pin<Box<dyn Future<Output = anyhow::Result<Answer>> + Send>>
        + Send,
>;

/// The media type of a text format.
fn media(format: &str) -> &'static str {
    match format {
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

/// `format` of a tabular answer: json (default), csv, text or md; `.csv` paths force csv.
fn table_format(v: Option<&str>, csv_path: bool) -> Result<(Format, &'static str), ApiError> {
    if csv_path {
        return Ok((Format::Csv, "csv"));
    }
    let format = requests::table_format(v)?;
    Ok((
        format,
        match format {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Text => "text",
            Format::Md => "md",
        },
    ))
}

/// The answer of a rendered text; a download name for csv, md and html.
fn answer(body: String, ext: &'static str, stem: String) -> Answer {
    Answer {
        content_type: media(ext),
        body: Bytes::from(body),
        filename: matches!(ext, "csv" | "md" | "html").then(|| format!("{stem}.{ext}")),
    }
}

/// A name safe in a `Content-Disposition` filename: letters, digits, `-` and `_`.
fn file_stem(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| {
            p.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// True when a gravity fit stopped at the request's deadline (`FitOptions::deadline`).
fn is_fit_deadline(e: &anyhow::Error) -> bool {
    matches!(
        e.downcast_ref::<bilat_analytics::Error>(),
        Some(bilat_analytics::Error::Gravity(
            bilat_analytics::GravityError::Deadline { .. }
        ))
    )
}

/// Runs an analysis future on the blocking pool under the server's timeout.
pub(crate) async fn run_analysis<T: Send + 'static>(
    state: &AppState,
    fut: Pin<Box<dyn Future<Output = anyhow::Result<T>> + Send>>,
) -> Result<T, ApiError> {
    let secs = state.config.timeout_secs;
    let handle = tokio::runtime::Handle::current();
    let task = tokio::task::spawn_blocking(move || {
        handle.block_on(tokio::time::timeout(Duration::from_secs(secs), fut))
    });
    match task.await {
        Ok(Ok(Ok(v))) => Ok(v),
        Ok(Ok(Err(e))) if is_fit_deadline(&e) => Err(ApiError::timeout(secs)),
        Ok(Ok(Err(e))) => Err(ApiError::from_anyhow(&e)),
        Ok(Err(_elapsed)) => Err(ApiError::timeout(secs)),
        Err(join) => Err(ApiError::internal(format!(
            "the analysis stopped unexpectedly ({join}); this is a bug in bilat"
        ))),
    }
}

/// Whether `If-None-Match` names `etag` (or is `*`).
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// The response of an answer with its tag.
fn send(answer: &Answer, etag: &str) -> Response {
    let mut resp = (StatusCode::OK, answer.body.clone()).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(answer.content_type),
    );
    if let Ok(v) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, v);
    }
    // Clients may keep answers but must revalidate (cheap: a 304 for an unchanged catalog).
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Some(name) = &answer.filename
        && let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// Snapshot, 304, cache, then the job (see the module doc). `key` identifies the request
/// within a snapshot (method, path, query and a body digest).
pub(crate) async fn respond(
    state: Arc<AppState>,
    headers: &HeaderMap,
    key: String,
    job: Job,
) -> Response {
    let snap = match state.snapshot().await {
        Ok(s) => s,
        Err(e) => return ApiError::from_anyhow(&e).into_response(),
    };
    if not_modified(headers, &snap.etag) {
        let mut resp = StatusCode::NOT_MODIFIED.into_response();
        if let Ok(v) = HeaderValue::from_str(&snap.etag) {
            resp.headers_mut().insert(header::ETAG, v);
        }
        return resp;
    }
    let key = format!("{} {key}", snap.etag);
    if let Some(a) = state.answers.get(&key) {
        return send(&a, &snap.etag);
    }
    let etag = snap.etag.clone();
    match run_analysis(&state, job(snap)).await {
        Ok(a) => {
            let a = Arc::new(a);
            state.answers.put(key, a.clone());
            send(&a, &etag)
        }
        Err(e) => e.into_response(),
    }
}

fn key_of(method: &Method, path: &str, query: &Option<String>) -> String {
    format!("{method} {path}?{}", query.as_deref().unwrap_or(""))
}

/// What every tabular endpoint does once it has built its request: pick the format (the
/// `.csv` path, else `format=`), key the answer cache by path and query, and run `render` on
/// the current snapshot — the answer then named `stem.<ext>` for downloads.
async fn tabular<F, Fut>(
    state: Arc<AppState>,
    headers: &HeaderMap,
    path: &str,
    q: &Option<String>,
    (format_param, csv_path): (Option<&str>, bool),
    stem: String,
    render: F,
) -> Response
where
    F: FnOnce(Arc<Snapshot>, Format) -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<String>> + Send + 'static,
{
    let (format, ext) = match table_format(format_param, csv_path) {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let key = key_of(&Method::GET, path, q) + if csv_path { "&.csv" } else { "" };
    let job: Job = Box::new(move |snap| {
        Box::pin(async move { Ok(answer(render(snap, format).await?, ext, stem)) })
    });
    respond(state, headers, key, job).await
}

/// An optional model value (`View`, `MonthRange`, `HsLevel`, `Lang`).
fn opt_model<T>(name: &str, v: &Option<String>) -> Result<Option<T>, ApiError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    Ok(optional(name, v)?)
}

macro_rules! try_api {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return ApiError::from(e).into_response(),
        }
    };
}

/// The profile of a pair.
#[utoipa::path(get, path = "/api/v1/profile", params(params::ProfileQuery), tag = "analyses",
    responses(
        (status = 200, description = "the `bilat profile --format json` document (or csv/text/md)", content((bilat_analytics::Profile = "application/json"), (String = "text/csv"), (String = "text/plain"), (String = "text/markdown"))),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 400, description = "bad parameter or unknown country", body = crate::error::ErrorBody),
        (status = 404, description = "no data for the pair and period", body = crate::error::ErrorBody),
        (status = 503, description = "timeout or at capacity", body = crate::error::ErrorBody),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
    ))]
pub async fn profile(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    profile_as(state, headers, q, false).await
}

/// `profile` and its `.csv` twin (`csv`: the path ends in `.csv`).
pub(crate) async fn profile_as(
    state: Arc<AppState>,
    headers: HeaderMap,
    q: Option<String>,
    csv: bool,
) -> Response {
    let p: params::ProfileQuery = try_api!(parse_query(q.as_deref()));
    let req = try_api!(requests::profile(&p));
    let stem = file_stem(&["profile", req.a.id(), req.b.id(), &req.year.to_string()]);
    let shape = (p.format.as_deref(), csv);
    tabular(
        state,
        &headers,
        "/api/v1/profile",
        &q,
        shape,
        stem,
        move |snap, format| async move {
            let profile = req.run(&snap.engine).await?;
            Ok(bilat_report::render_profile(&profile, format))
        },
    )
    .await
}

/// The bilateral brief.
#[utoipa::path(get, path = "/api/v1/brief", params(params::BriefQuery), tag = "analyses",
    responses(
        (status = 200, description = "the `bilat brief` document: json, html, md or text", content((bilat_report::Brief = "application/json"), (String = "text/html"), (String = "text/plain"), (String = "text/markdown"))),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 400, description = "bad parameter or unknown country", body = crate::error::ErrorBody),
        (status = 404, description = "no data for the pair and period", body = crate::error::ErrorBody),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn brief(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let p: params::BriefQuery = try_api!(parse_query(q.as_deref()));
    let requests::BriefJob {
        request: req,
        lang,
        format,
    } = try_api!(requests::brief(&p));
    let ext = match format {
        BriefFormat::Json => "json",
        BriefFormat::Html => "html",
        BriefFormat::Md => "md",
        BriefFormat::Text => "text",
    };
    let stem = file_stem(&[
        "brief",
        req.profile.a.id(),
        req.profile.b.id(),
        &req.profile.year.to_string(),
        if lang == Lang::Ru { "ru" } else { "en" },
    ]);
    let key = key_of(&Method::GET, "/api/v1/brief", &q);
    respond(
        state,
        &headers,
        key,
        Box::new(move |snap| {
            Box::pin(async move {
                let inputs = req.run(&snap.engine).await?;
                let opts = bilat_report::BriefOptions {
                    lang,
                    ..Default::default()
                };
                let text = bilat_report::brief_document(&inputs, &opts, format)?;
                Ok(answer(text, ext, stem))
            })
        }),
    )
    .await
}

/// Trade indicators of a pair.
#[utoipa::path(get, path = "/api/v1/indicators", params(params::IndicatorsQuery), tag = "analyses",
    responses(
        (status = 200, description = "the `bilat indicators` document", content((bilat_analytics::PairIndicators = "application/json"), (String = "text/csv"), (String = "text/plain"), (String = "text/markdown"))),
        (status = 400, description = "bad parameter", body = crate::error::ErrorBody),
        (status = 404, description = "no data", body = crate::error::ErrorBody),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn indicators(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    indicators_as(state, headers, q, false).await
}

/// `indicators` and its `.csv` twin (`csv`: the path ends in `.csv`).
pub(crate) async fn indicators_as(
    state: Arc<AppState>,
    headers: HeaderMap,
    q: Option<String>,
    csv: bool,
) -> Response {
    let p: params::IndicatorsQuery = try_api!(parse_query(q.as_deref()));
    let (req, top) = try_api!(requests::indicators(&p));
    let stem = file_stem(&["indicators", req.a.id(), req.b.id(), &req.year.to_string()]);
    let shape = (p.format.as_deref(), csv);
    tabular(
        state,
        &headers,
        "/api/v1/indicators",
        &q,
        shape,
        stem,
        move |snap, format| async move {
            let ind = req.run(&snap.engine).await?;
            Ok(bilat_report::render_indicators(&ind, format, top))
        },
    )
    .await
}

/// Export potential of a pair.
#[utoipa::path(get, path = "/api/v1/potential", params(params::PotentialQuery), tag = "analyses",
    responses(
        (status = 200, description = "the `bilat potential` document: by products (`method=products`) or from a gravity model (`method=gravity`)", content((PotentialAnswer = "application/json"), (String = "text/csv"), (String = "text/plain"), (String = "text/markdown"))),
        (status = 400, description = "bad parameter", body = crate::error::ErrorBody),
        (status = 404, description = "no data", body = crate::error::ErrorBody),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn potential(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    potential_as(state, headers, q, false).await
}

/// `potential` and its `.csv` twin (`csv`: the path ends in `.csv`).
pub(crate) async fn potential_as(
    state: Arc<AppState>,
    headers: HeaderMap,
    q: Option<String>,
    csv: bool,
) -> Response {
    let p: params::PotentialQuery = try_api!(parse_query(q.as_deref()));
    // The fit is synchronous: it stops itself at the request's time limit.
    let deadline =
        std::time::Instant::now().checked_add(Duration::from_secs(state.config.timeout_secs));
    let job = try_api!(requests::potential(&p, deadline));
    let (a, b, y) = job.pair();
    let stem = file_stem(&["potential", a, b, &y.to_string()]);
    let shape = (p.format.as_deref(), csv);
    tabular(
        state,
        &headers,
        "/api/v1/potential",
        &q,
        shape,
        stem,
        move |snap, format| async move {
            Ok(match job {
                PotentialJob::Products(r) => {
                    let rep = bilat_analytics::product_potential_report(&snap.engine, &r).await?;
                    bilat_report::render_product_potential(&rep, format)
                }
                PotentialJob::Gravity(r) => {
                    let g = r.run(Some(&snap.engine)).await?;
                    bilat_report::render_gravity_potential(&g, format)
                }
            })
        },
    )
    .await
}

/// A's partners ranked.
#[utoipa::path(get, path = "/api/v1/partners", params(params::PartnersQuery), tag = "analyses",
    responses(
        (status = 200, description = "the `bilat partners --format json` document", content((bilat_analytics::PartnerRanking = "application/json"), (String = "text/csv"), (String = "text/plain"), (String = "text/markdown"))),
        (status = 400, description = "bad parameter", body = crate::error::ErrorBody),
        (status = 404, description = "no data", body = crate::error::ErrorBody),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn partners(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    partners_as(state, headers, q, false).await
}

/// `partners` and its `.csv` twin (`csv`: the path ends in `.csv`).
pub(crate) async fn partners_as(
    state: Arc<AppState>,
    headers: HeaderMap,
    q: Option<String>,
    csv: bool,
) -> Response {
    let p: params::PartnersQuery = try_api!(parse_query(q.as_deref()));
    let req = try_api!(requests::partners(&p));
    let stem = file_stem(&[
        "partners",
        req.a.id(),
        &req.year.to_string(),
        req.flow.as_str(),
    ]);
    let shape = (p.format.as_deref(), csv);
    tabular(
        state,
        &headers,
        "/api/v1/partners",
        &q,
        shape,
        stem,
        move |snap, format| async move {
            let r = req.run(&snap.engine).await?;
            Ok(bilat_report::render_partners(&r, format))
        },
    )
    .await
}

/// The pair's yearly figures.
#[utoipa::path(get, path = "/api/v1/history", params(params::HistoryQuery), tag = "analyses",
    responses(
        (status = 200, description = "the `bilat history --format json` document", content((bilat_analytics::PairHistory = "application/json"), (String = "text/csv"), (String = "text/plain"), (String = "text/markdown"))),
        (status = 400, description = "bad parameter", body = crate::error::ErrorBody),
        (status = 404, description = "no data", body = crate::error::ErrorBody),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn history(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    history_as(state, headers, q, false).await
}

/// `history` and its `.csv` twin (`csv`: the path ends in `.csv`).
pub(crate) async fn history_as(
    state: Arc<AppState>,
    headers: HeaderMap,
    q: Option<String>,
    csv: bool,
) -> Response {
    let p: params::HistoryQuery = try_api!(parse_query(q.as_deref()));
    let req = try_api!(requests::history(&p));
    let stem = file_stem(&["history", req.a.id(), req.b.id()]);
    let shape = (p.format.as_deref(), csv);
    tabular(
        state,
        &headers,
        "/api/v1/history",
        &q,
        shape,
        stem,
        move |snap, format| async move {
            let h = req.run(&snap.engine).await?;
            Ok(bilat_report::render_history(&h, format))
        },
    )
    .await
}

/// Checks the numeric claims of a news text.
#[utoipa::path(post, path = "/api/v1/check", params(params::CheckQuery), tag = "analyses",
    request_body(content = String, description = "the text as text/plain, or JSON {text, lang}", content_type = "text/plain"),
    responses(
        (status = 200, description = "the `bilat check --format json` document", content_type = "application/json"),
        (status = 400, description = "empty or non-UTF-8 text, bad parameter", body = crate::error::ErrorBody),
        (status = 413, description = "text over the body limit", body = crate::error::ErrorBody),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn check(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return ApiError::too_large(state.config.check_body_limit).into_response();
        }
        Err(e) => return ApiError::bad_parameter(format!("reading the body: {e}")).into_response(),
    };
    let p: params::CheckQuery = try_api!(parse_query(q.as_deref()));
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    let (text, body_lang) = if is_json {
        match serde_json::from_slice::<params::CheckBody>(&body) {
            Ok(b) => (b.text, b.lang),
            Err(e) => {
                return ApiError::bad_parameter(format!(
                    "the JSON body is not {{text, lang}}: {e}"
                ))
                .into_response();
            }
        }
    } else {
        match String::from_utf8(body.to_vec()) {
            Ok(t) => (t, None),
            Err(e) => {
                return ApiError::bad_parameter(format!(
                    "the text is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ))
                .into_response();
            }
        }
    };
    if text.trim().is_empty() {
        return ApiError::bad_parameter("no text to check (the body is empty)").into_response();
    }
    let lang = try_api!(requests::check_lang(
        body_lang.or(p.lang.clone()).as_deref()
    ));
    let format = try_api!(requests::check_format(p.format.as_deref()));
    let ext = match format {
        bilat_claims::Format::Json => "json",
        bilat_claims::Format::Html => "html",
        bilat_claims::Format::Md => "md",
        bilat_claims::Format::Text => "text",
        bilat_claims::Format::Csv => "csv",
    };
    let digest: String = Sha256::digest(text.as_bytes())[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let key = format!(
        "POST /api/v1/check?{} lang={lang:?} body={digest}",
        q.as_deref().unwrap_or("")
    );
    let timeout_secs = state.config.timeout_secs;
    respond(
        state,
        &headers,
        key,
        Box::new(move |snap| {
            Box::pin(async move {
                // The checker's lookups block on the runtime: give it a blocking thread of
                // its own (this future already runs on one; block_in_place is not needed).
                let engine = snap.engine.clone();
                let handle = tokio::runtime::Handle::current();
                // The lookups stop at the request's time limit: a long text's work ends with
                // its answer (the 503), it does not run on in the blocking pool.
                let deadline = std::time::Instant::now() + Duration::from_secs(timeout_secs);
                let report = tokio::task::spawn_blocking(move || {
                    let facts = bilat_claims::WarehouseFacts::from_engine(engine, handle)
                        .with_deadline(deadline);
                    let r = match bilat_claims::check(&text, lang, &facts) {
                        Err(bilat_claims::FactsError::Deadline) => {
                            return Err(anyhow::Error::new(ApiError::timeout(timeout_secs)));
                        }
                        r => r?,
                    };
                    anyhow::Ok(bilat_claims::render(&text, &r, format))
                })
                .await??;
                Ok(answer(report, ext, "check".into()))
            })
        }),
    )
    .await
}

/// Countries and groups matching what a user types.
#[utoipa::path(get, path = "/api/v1/countries", params(params::CountriesQuery), tag = "reference",
    responses(
        (status = 200, description = "up to `limit` matches, best first", body = [PlaceHit], content_type = "application/json"),
        (status = 400, description = "bad parameter", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn countries(RawQuery(q): RawQuery) -> Response {
    let p: params::CountriesQuery = try_api!(parse_query(q.as_deref()));
    let limit = try_api!(count("limit", &p.limit, 10, 100));
    let hits = bilat_model::search_places(p.q.as_deref().unwrap_or(""), limit);
    let rows: Vec<PlaceHit> = hits.iter().map(PlaceHit::of).collect();
    json_static(&rows)
}

/// One match of `/countries`: a country or a group, as the pair picker shows it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PlaceHit {
    /// What `reporter=`/`partner=` take: alpha-3 for a country, the group id.
    id: &'static str,
    /// `country` or `group`.
    kind: &'static str,
    /// ISO 3166 numeric code (countries).
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<u16>,
    /// ISO alpha-2 code (countries).
    #[serde(skip_serializing_if = "Option::is_none")]
    alpha2: Option<&'static str>,
    /// English name.
    name: &'static str,
    /// Russian name.
    name_ru: &'static str,
    /// Number of member countries (groups).
    #[serde(skip_serializing_if = "Option::is_none")]
    members: Option<usize>,
}

impl PlaceHit {
    fn of(place: &bilat_model::Place) -> Self {
        match place {
            bilat_model::Place::Country(c) => PlaceHit {
                id: c.alpha3,
                kind: "country",
                code: Some(c.code),
                alpha2: Some(c.alpha2),
                name: c.name_en,
                name_ru: c.name_ru,
                members: None,
            },
            bilat_model::Place::Group(g) => PlaceHit {
                id: g.id,
                kind: "group",
                code: None,
                alpha2: None,
                name: g.name_en,
                name_ru: g.name_ru,
                members: Some(g.members.len()),
            },
        }
    }
}

/// The `/potential` document: which one depends on `method` (documentation only; the handler
/// renders the analysis' own type).
#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum PotentialAnswer {
    /// `method=products` (the default).
    Products(bilat_analytics::ProductPotentialReport),
    /// `method=gravity`.
    Gravity(bilat_analytics::GravityPotential),
}

/// A JSON answer that does not depend on the warehouse.
fn json_static<T: serde::Serialize>(v: &T) -> Response {
    let body = serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    let mut resp = (StatusCode::OK, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

/// Products matching a code prefix or words of their name.
#[utoipa::path(get, path = "/api/v1/products", params(params::ProductsQuery), tag = "reference",
    responses(
        (status = 200, description = "matching products, best first", body = [bilat_analytics::ProductMatch], content_type = "application/json"),
        (status = 400, description = "bad parameter", body = crate::error::ErrorBody),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 404, description = "no data for what was asked", body = crate::error::ErrorBody),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn products(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let p: params::ProductsQuery = try_api!(parse_query(q.as_deref()));
    let limit = try_api!(count("limit", &p.limit, 20, 500));
    let level = try_api!(opt_model::<HsLevel>("level", &p.level));
    let text = p.q.clone().unwrap_or_default();
    if text.chars().count() > 200 {
        return ApiError::bad_parameter("q: at most 200 characters").into_response();
    }
    let key = key_of(&Method::GET, "/api/v1/products", &q);
    respond(
        state,
        &headers,
        key,
        Box::new(move |snap| {
            Box::pin(async move {
                let hits =
                    bilat_analytics::search_products(&snap.engine, &text, level, limit).await?;
                let body = serde_json::to_string_pretty(&hits)? + "\n";
                Ok(answer(body, "json", "products".into()))
            })
        }),
    )
    .await
}

/// What the warehouse holds.
#[utoipa::path(get, path = "/api/v1/catalog", params(params::CatalogQuery), tag = "reference",
    responses(
        (status = 200, description = "the `bilat catalog --format json` document", body = bilat_warehouse::Catalog, content_type = "application/json"),
        (status = 304, description = "unchanged since the ETag sent"),
        (status = 400, description = "a missing, unknown or malformed parameter, or an unknown country", body = crate::error::ErrorBody),
        (status = 404, description = "no data for what was asked", body = crate::error::ErrorBody),
        (status = 422, description = "the data cannot answer it", body = crate::error::ErrorBody),
        (status = 500, description = "a damaged warehouse or a bug", body = crate::error::ErrorBody),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn catalog(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let p: params::CatalogQuery = try_api!(parse_query(q.as_deref()));
    if p.format.as_deref().is_some_and(|f| f.trim() != "json") {
        return ApiError::bad_parameter("format: the catalog is json only").into_response();
    }
    respond(
        state,
        &headers,
        "GET /api/v1/catalog".into(),
        Box::new(move |snap| {
            Box::pin(async move {
                let body = serde_json::to_string_pretty(&*snap.catalog)? + "\n";
                Ok(answer(body, "json", "catalog".into()))
            })
        }),
    )
    .await
}

/// Liveness, and the catalog generation being served.
#[utoipa::path(get, path = "/healthz", tag = "reference",
    responses((status = 200, description = "{status: ok, generation, imports}", content_type = "application/json"),
        (status = 503, description = "timeout, busy warehouse or at capacity (Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    match state.snapshot().await {
        Ok(s) => json_static(&serde_json::json!({
            "status": "ok",
            "generation": s.catalog.generation,
            "imports": s.catalog.imports.len(),
        })),
        Err(e) => ApiError::from_anyhow(&e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fit_stopped_at_its_deadline_is_a_timeout_and_other_fit_errors_are_not() {
        let stopped = bilat_analytics::Error::Gravity(bilat_analytics::GravityError::Deadline {
            iterations: 3,
        });
        assert!(is_fit_deadline(&anyhow::Error::new(stopped)));
        let other =
            bilat_analytics::Error::Gravity(bilat_analytics::GravityError::Internal("x".into()));
        assert!(!is_fit_deadline(&anyhow::Error::new(other)));
        assert!(!is_fit_deadline(&anyhow::anyhow!("no data")));
    }
}
