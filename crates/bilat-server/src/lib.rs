//! bilat over HTTP: the JSON API under `/api/v1` (with its OpenAPI 3.1 document) and the web
//! dashboard, served from one binary with every asset embedded.
//!
//! The server is a front end like the CLI: its handlers build the analytics request types,
//! call the same library functions and renderers, and map the same error `Fault` to a status
//! (`error.rs`). What it adds is what sharing needs:
//! - *read-only by default*: the only write, `POST /api/v1/import/{kind}`, exists only with
//!   `--allow-import` and a bearer token (`import.rs`); no endpoint takes SQL or a file path;
//! - *bounded*: body limits (the check text, uploads), a per-request timeout, a bound on
//!   requests in flight (503 with `Retry-After` beyond it), `top`/`limit` caps;
//! - *consistent and cheap under change*: each request reads one catalog snapshot, answers
//!   carry the snapshot's strong `ETag` and are cached per snapshot; a commit made while the
//!   server runs is seen by the next request (`state.rs`).
//!
//! # Where to start
//! [`router`] lists every route; [`serve`] binds and runs until Ctrl-C or SIGTERM.
#![deny(missing_docs)]

pub mod api;
mod dashboard;
pub mod error;
mod import;
pub mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use utoipa::OpenApi;

pub use error::{ApiError, fault_of};
pub use state::AppState;

/// How the server runs: limits and switches (`bilat serve`'s flags).
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Accept imports (with the token).
    pub allow_import: bool,
    /// The bearer token imports must send.
    pub import_token: Option<String>,
    /// Origins allowed to call the API from a browser (CORS); none by default.
    pub cors: Vec<String>,
    /// Seconds an analysis may run.
    pub timeout_secs: u64,
    /// Requests served at once.
    pub max_in_flight: usize,
    /// Largest `/check` body, bytes.
    pub check_body_limit: usize,
    /// Largest upload, bytes.
    pub import_body_limit: u64,
    /// Bytes of recent answers kept.
    pub answer_cache_bytes: usize,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            allow_import: false,
            import_token: None,
            cors: Vec::new(),
            timeout_secs: 30,
            max_in_flight: 64,
            check_body_limit: 2 << 20,
            import_body_limit: 4 << 30,
            answer_cache_bytes: 64 << 20,
        }
    }
}

/// The handler of a tabular endpoint's `.csv` path: the endpoint's own function, told so.
macro_rules! csv_twin {
    ($endpoint:path) => {
        |State(state): State<Arc<AppState>>,
         headers: axum::http::HeaderMap,
         axum::extract::RawQuery(q): axum::extract::RawQuery| {
            $endpoint(state, headers, q, true)
        }
    };
}

/// The OpenAPI document of the API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "bilat",
        description = "Bilateral trade figures, briefs, potential and claim checks. Every JSON answer is the same document `bilat <command> --format json` prints; every figure carries its provenance.",
        license(name = "Apache-2.0")
    ),
    paths(
        api::profile,
        api::brief,
        api::indicators,
        api::potential,
        api::partners,
        api::history,
        api::check,
        api::countries,
        api::products,
        api::catalog,
        api::healthz,
        import::import
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail, bilat_params::CheckBody))
)]
pub struct ApiDoc;

async fn openapi() -> Response {
    let body = ApiDoc::openapi().to_pretty_json().unwrap_or_default() + "\n";
    let mut resp = body.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

async fn not_found(req: Request) -> Response {
    ApiError::not_found(format!("no such path: {}", req.uri().path()))
        .with_hint("GET /api/openapi.json lists every endpoint")
        .into_response()
}

async fn method_not_allowed(req: Request) -> Response {
    let mut e = ApiError::not_found(format!(
        "{} is not accepted on {}",
        req.method(),
        req.uri().path()
    ));
    e.status = axum::http::StatusCode::METHOD_NOT_ALLOWED;
    e.code = "method_not_allowed";
    e.into_response()
}

/// At most `max_in_flight` requests at once; one more waits up to 100 ms for a slot, then
/// gets 503 with `Retry-After`.
async fn limit_in_flight(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let sem = state.in_flight.clone();
    let permit = match sem.clone().try_acquire_owned() {
        Ok(p) => p,
        Err(_) => match tokio::time::timeout(Duration::from_millis(100), sem.acquire_owned()).await
        {
            Ok(Ok(p)) => p,
            _ => return ApiError::overloaded(state.config.max_in_flight).into_response(),
        },
    };
    let resp = next.run(req).await;
    drop(permit);
    resp
}

/// Headers every answer carries: no MIME sniffing, no framing by other sites.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}

/// Every route of the server over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    let check_limit = state.config.check_body_limit;
    let cors = cors_layer(&state.config.cors);
    let mut r = Router::new()
        .route("/api/v1/profile", get(api::profile))
        .route("/api/v1/profile.csv", get(csv_twin!(api::profile_as)))
        .route("/api/v1/brief", get(api::brief))
        .route("/api/v1/indicators", get(api::indicators))
        .route("/api/v1/indicators.csv", get(csv_twin!(api::indicators_as)))
        .route("/api/v1/potential", get(api::potential))
        .route("/api/v1/potential.csv", get(csv_twin!(api::potential_as)))
        .route("/api/v1/partners", get(api::partners))
        .route("/api/v1/partners.csv", get(csv_twin!(api::partners_as)))
        .route("/api/v1/history", get(api::history))
        .route("/api/v1/history.csv", get(csv_twin!(api::history_as)))
        .route(
            "/api/v1/check",
            post(api::check).layer(DefaultBodyLimit::max(check_limit)),
        )
        .route("/api/v1/countries", get(api::countries))
        .route("/api/v1/products", get(api::products))
        .route("/api/v1/catalog", get(api::catalog))
        .route(
            "/api/v1/import/{kind}",
            post(import::import).layer(DefaultBodyLimit::disable()),
        )
        .route("/api/openapi.json", get(openapi))
        .route("/healthz", get(api::healthz))
        .route("/", get(dashboard::index))
        .route("/check", get(dashboard::index))
        .route("/assets/{file}", get(dashboard::asset))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            limit_in_flight,
        ))
        .layer(middleware::from_fn(security_headers))
        .with_state(state);
    if let Some(c) = cors {
        r = r.layer(c);
    }
    r
}

fn cors_layer(origins: &[String]) -> Option<tower_http::cors::CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let list: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim()).ok())
        .collect();
    Some(
        tower_http::cors::CorsLayer::new()
            .allow_origin(list)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::IF_NONE_MATCH])
            .expose_headers([header::ETAG, header::CONTENT_DISPOSITION]),
    )
}

/// Resolves when the process gets Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Serves the warehouse at `root` on `listener` until `shutdown` resolves; requests in flight
/// then finish.
pub async fn serve(
    root: PathBuf,
    config: ServeConfig,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let state = Arc::new(AppState::new(root, config));
    // Build the first snapshot now, so a broken warehouse fails at start, not on a request.
    if let Err(e) = state.snapshot().await {
        return Err(std::io::Error::other(format!("{e:#}")));
    }
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request as HttpRequest, StatusCode};
    use tower::ServiceExt;

    fn state(config: ServeConfig) -> (tempfile::TempDir, Arc<AppState>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let st = Arc::new(AppState::new(dir.path().to_path_buf(), config));
        (dir, st)
    }

    #[tokio::test]
    async fn beyond_the_in_flight_bound_is_a_503_with_retry_after() {
        let (_dir, st) = state(ServeConfig {
            max_in_flight: 1,
            ..Default::default()
        });
        let held = st.in_flight.clone().acquire_owned().await.expect("permit");
        let app = router(st.clone());
        let resp = app
            .clone()
            .oneshot(HttpRequest::get("/healthz").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            resp.headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok()),
            Some("1")
        );
        drop(held);
        let resp = app
            .oneshot(HttpRequest::get("/healthz").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "a freed slot serves again");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_analysis_over_its_time_is_a_503_timeout() {
        let (_dir, st) = state(ServeConfig {
            timeout_secs: 1,
            ..Default::default()
        });
        let slow: std::pin::Pin<Box<dyn std::future::Future<Output = anyhow::Result<()>> + Send>> =
            Box::pin(async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                Ok(())
            });
        let started = std::time::Instant::now();
        let err = api::run_analysis(&st, slow).await.expect_err("timed out");
        assert_eq!(err.code, "timeout");
        assert_eq!(err.status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "the slow future was dropped"
        );
    }

    #[tokio::test]
    async fn the_openapi_document_lists_every_api_route() {
        let doc: serde_json::Value =
            serde_json::from_str(&ApiDoc::openapi().to_pretty_json().unwrap()).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        for p in [
            "/api/v1/profile",
            "/api/v1/brief",
            "/api/v1/indicators",
            "/api/v1/potential",
            "/api/v1/partners",
            "/api/v1/history",
            "/api/v1/check",
            "/api/v1/countries",
            "/api/v1/products",
            "/api/v1/catalog",
            "/api/v1/import/{kind}",
            "/healthz",
        ] {
            assert!(
                doc["paths"][p].is_object(),
                "{p} missing from the OpenAPI document"
            );
        }
        let year = doc["paths"]["/api/v1/profile"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "year")
            .expect("year parameter")
            .clone();
        assert_eq!(year["schema"]["type"], "integer", "{year}");
    }
}
