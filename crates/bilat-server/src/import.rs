//! `POST /api/v1/import/{kind}`: an upload committed through the same atomic import as
//! `bilat import` — only on a server started with `--allow-import --token-file F`, and only for
//! a request with `Authorization: Bearer <token>`.
//!
//! The body is streamed to `<warehouse>/uploads/<unique>/<filename>` (never held in memory;
//! cut off at the upload limit), read and committed on the blocking pool, and the upload
//! removed whatever the outcome. The commit takes the warehouse lock like any import, so an
//! upload and a CLI import at the same moment serialize; readers go on reading the snapshot
//! they have, and the next request sees the new catalog.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bilat_ingest::{Mode, ReadOptions};
use bilat_load::{LoadOutcome, SourceKind};
use bilat_warehouse::{CommitOptions, Warehouse};
use http_body_util::BodyExt;
use tokio::io::AsyncWriteExt;

use crate::error::ApiError;
use crate::state::AppState;
use bilat_params::{self as params, optional, parse_query};

/// Whether `given` equals `expected`, in time independent of where they differ.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        return false;
    }
    given
        .iter()
        .zip(expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

/// 401 without a bearer token, 403 with a wrong one.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.config.import_token.as_deref() else {
        return Err(ApiError::forbidden(
            "imports need a token; the server has none",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        None => Err(ApiError::unauthorized(
            "imports need `Authorization: Bearer <token>`",
        )),
        Some(t) if same_token(t.trim().as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::forbidden(
            "the token is not the server's import token",
        )),
    }
}

/// A plain file name for the upload: the last path part of `given`, only letters, digits,
/// `.`, `-` and `_`, not starting with a dot; a default by kind otherwise.
fn upload_name(kind: SourceKind, given: Option<&str>, content_type: Option<&str>) -> String {
    let base = given
        .and_then(|g| g.rsplit(['/', '\\']).next())
        .map(|g| {
            g.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect::<String>()
        })
        .map(|g| g.trim_start_matches('.').to_string())
        .filter(|g| !g.is_empty() && g.len() <= 200);
    base.unwrap_or_else(|| {
        let ext = match content_type {
            Some(t) if t.contains("zip") => "zip",
            Some(t) if t.contains("json") => "json",
            _ => "csv",
        };
        format!("upload-{}.{ext}", kind.as_str())
    })
}

static UPLOADS: AtomicU64 = AtomicU64::new(0);

/// A fresh directory for one upload.
fn upload_dir(root: &Path) -> PathBuf {
    let n = UPLOADS.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    root.join("uploads")
        .join(format!("{}-{nanos}-{n}", std::process::id()))
}

/// Writes the body to `path`, at most `limit` bytes.
async fn save(body: Body, path: &Path, limit: u64) -> Result<u64, ApiError> {
    let io = |e: std::io::Error| ApiError::internal(format!("writing the upload: {e}"));
    let mut file = tokio::fs::File::create(path).await.map_err(io)?;
    let mut body = body;
    let mut written = 0u64;
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|e| ApiError::bad_parameter(format!("the upload broke off: {e}")))?;
        if let Some(data) = frame.data_ref() {
            written += data.len() as u64;
            if written > limit {
                return Err(ApiError::too_large(
                    usize::try_from(limit).unwrap_or(usize::MAX),
                ));
            }
            file.write_all(data).await.map_err(io)?;
        }
    }
    file.flush().await.map_err(io)?;
    file.sync_all().await.map_err(io)?;
    Ok(written)
}

/// Imports an uploaded file.
#[utoipa::path(post, path = "/api/v1/import/{kind}", params(("kind" = String, Path, description = "baci, comtrade, ots or series"), params::ImportQuery), tag = "writes",
    request_body(content = Vec<u8>, description = "the file: a BACI zip or CSV, a Comtrade CSV/JSON, an OTS CSV/JSON, a series CSV", content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "{status: committed|already_imported, id, source, vintage, flow_rows, …}", content_type = "application/json"),
        (status = 400, description = "a malformed file (file:line:column) or bad parameter", body = crate::error::ErrorBody),
        (status = 401, description = "no bearer token", body = crate::error::ErrorBody),
        (status = 403, description = "wrong token", body = crate::error::ErrorBody),
        (status = 404, description = "imports are not enabled on this server", body = crate::error::ErrorBody),
        (status = 413, description = "over the upload limit", body = crate::error::ErrorBody),
    ))]
pub async fn import(
    State(state): State<Arc<AppState>>,
    UrlPath(kind): UrlPath<String>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Body,
) -> Response {
    match import_inner(state, &kind, &headers, q.as_deref(), body).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn import_inner(
    state: Arc<AppState>,
    kind: &str,
    headers: &HeaderMap,
    q: Option<&str>,
    body: Body,
) -> Result<Response, ApiError> {
    if !state.config.allow_import {
        return Err(
            ApiError::not_found("imports are not enabled on this server")
                .with_hint("start it with `bilat serve --allow-import --token-file F`"),
        );
    }
    authorize(&state, headers)?;
    let kind = match kind {
        "baci" => SourceKind::Baci,
        "comtrade" => SourceKind::Comtrade,
        "ots" => SourceKind::Ots,
        "series" => SourceKind::Series,
        other => {
            return Err(ApiError::bad_parameter(format!(
                "{other:?} is no import kind; use baci, comtrade, ots or series"
            )));
        }
    };
    let p: params::ImportQuery = parse_query(q)?;
    let lenient = optional::<bool>("lenient", &p.lenient)?.unwrap_or(false);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let name = upload_name(kind, p.filename.as_deref(), content_type);
    let dir = upload_dir(&state.root);
    std::fs::create_dir_all(&dir)
        .map_err(|e| ApiError::internal(format!("creating {}: {e}", dir.display())))?;
    let path = dir.join(&name);
    let saved = save(body, &path, state.config.import_body_limit).await;
    let result = match saved {
        Ok(_) => {
            let root = state.root.clone();
            let path2 = path.clone();
            let label = upload_label(&name);
            let task =
                tokio::task::spawn_blocking(move || commit(&root, kind, &path2, &label, lenient));
            match task.await {
                // The message names the file as the client sent it, not the server's disk.
                Ok(r) => r.map_err(|e| {
                    let mut err = ApiError::from_anyhow(&e);
                    err.message = err
                        .message
                        .replace(&path.display().to_string(), &upload_label(&name));
                    err
                }),
                Err(e) => Err(ApiError::internal(format!("the import stopped: {e}"))),
            }
        }
        Err(e) => Err(e),
    };
    let _ = std::fs::remove_dir_all(&dir);
    let body = serde_json::to_string_pretty(&result?).unwrap_or_default() + "\n";
    let mut resp = (StatusCode::OK, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    Ok(resp)
}

/// How an upload is named in the catalog, the rejects file and messages: the client's file name,
/// marked as an upload (the temporary path on the server's disk is gone after the commit).
fn upload_label(name: &str) -> String {
    format!("(uploaded) {name}")
}

/// Reads and commits the upload, as `bilat import` does; the catalog records the upload as
/// `label`.
fn commit(
    root: &Path,
    kind: SourceKind,
    path: &Path,
    label: &str,
    lenient: bool,
) -> anyhow::Result<serde_json::Value> {
    let mut wh = Warehouse::open(root)?;
    let opts = ReadOptions {
        mode: if lenient { Mode::Lenient } else { Mode::Strict },
        progress: None,
    };
    let mut data = bilat_load::read(kind, path, &opts)?;
    for f in &mut data.files {
        f.path = PathBuf::from(label);
    }
    for r in &mut data.rejects {
        r.path = PathBuf::from(label);
    }
    let rejects = bilat_load::default_rejects_path(root, path);
    let outcome = bilat_load::commit(&mut wh, data, &rejects, &CommitOptions::default())?;
    Ok(match outcome {
        LoadOutcome::Committed {
            entry,
            rows_read,
            rejects,
        } => serde_json::json!({
            "status": "committed",
            "id": entry.id,
            "source": entry.source,
            "vintage": entry.vintage,
            "years": entry.years,
            "flow_rows": entry.flow_rows,
            "series_rows": entry.series_rows,
            "product_rows": entry.product_rows,
            "rejected_rows": entry.rejected_rows,
            "rows_read": rows_read,
            "rejects_file": rejects.map(|r| r.path.display().to_string()),
        }),
        LoadOutcome::AlreadyImported { entry } => serde_json::json!({
            "status": "already_imported",
            "id": entry.id,
            "source": entry.source,
            "vintage": entry.vintage,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_names_cannot_leave_their_directory() {
        let n = |g: &str| upload_name(SourceKind::Baci, Some(g), None);
        assert_eq!(
            n("BACI_HS17_Y2019_V202401.csv"),
            "BACI_HS17_Y2019_V202401.csv"
        );
        assert_eq!(n("../../etc/passwd"), "passwd");
        assert_eq!(n("..\\..\\x.csv"), "x.csv");
        assert_eq!(n(".hidden"), "hidden");
        assert_eq!(n("a b;c.csv"), "a_b_c.csv");
        assert_eq!(n(".."), "upload-baci.csv");
        assert_eq!(
            upload_name(SourceKind::Ots, None, Some("application/zip")),
            "upload-ots.zip"
        );
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"abc", b"abc"));
        assert!(!same_token(b"abd", b"abc"));
        assert!(!same_token(b"ab", b"abc"));
    }
}
