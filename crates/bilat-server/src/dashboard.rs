//! The dashboard: one page and its script and style, compiled into the binary (no CDN, nothing
//! fetched at run time). `/` and `/check` serve the same page; the script reads the URL.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

const INDEX: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// Only this origin's scripts and styles; inline SVG charts use attributes, not scripts.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The embedded asset, or — in a debug build with `BILAT_DASHBOARD_DIR` set, for working on
/// the page without rebuilding — the file of that name in that folder.
fn load(name: &str, embedded: &'static str) -> std::borrow::Cow<'static, str> {
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("BILAT_DASHBOARD_DIR")
        && let Ok(text) = std::fs::read_to_string(std::path::Path::new(&dir).join(name))
    {
        return std::borrow::Cow::Owned(text);
    }
    let _ = name;
    std::borrow::Cow::Borrowed(embedded)
}

fn page(body: std::borrow::Cow<'static, str>, content_type: &'static str) -> Response {
    let mut resp = (StatusCode::OK, body.into_owned()).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

/// `GET /` and `GET /check`.
pub async fn index() -> Response {
    page(load("index.html", INDEX), "text/html; charset=utf-8")
}

/// `GET /assets/{file}`.
pub async fn asset(Path(file): Path<String>) -> Response {
    match file.as_str() {
        "app.js" => page(load("app.js", APP_JS), "text/javascript; charset=utf-8"),
        "app.css" => page(load("app.css", APP_CSS), "text/css; charset=utf-8"),
        _ => ApiError::not_found(format!("no asset {file:?}")).into_response(),
    }
}
