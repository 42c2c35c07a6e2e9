//! Errors as HTTP answers: every failure is a status and a JSON body
//! `{"error": {"code", "message", "hint", "fault"}}`, never a 200 with an error string.
//!
//! The status follows the library error's [`Fault`] (the table in `bilat_model::fault`): the
//! user's → 400, the data's → 422, a bug → 500; with three refinements a client can act on:
//! nothing loaded for what was asked → 404 `no_data`, a warehouse being written or a server
//! at capacity → 503 with `Retry-After`, and an analysis over its time → 503 `timeout`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bilat_model::Fault;
use serde::Serialize;

/// The fault of one error of the workspace, if `cause` is one: a library error as
/// `bilat_fault` reads it for every front end, or an answer this server made itself.
pub fn fault_of(cause: &(dyn std::error::Error + 'static)) -> Option<Fault> {
    if let Some(e) = cause.downcast_ref::<ApiError>() {
        return Some(e.fault);
    }
    bilat_fault::fault_of(cause)
}

/// An error answer: status, a stable machine code, the message and what to do.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable code, e.g. `unknown_country`, `bad_parameter`, `no_data`, `timeout`.
    pub code: &'static str,
    /// What went wrong, in words (the library error and its causes).
    pub message: String,
    /// What to do instead, when there is something to say.
    pub hint: Option<String>,
    /// Whose fault.
    pub fault: Fault,
    /// Seconds after which a retry may succeed (503 only).
    pub retry_after: Option<u32>,
}

/// The JSON body of an error answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// The fields of an error answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine code: `bad_parameter`, `unknown_country`, `bad_request`, `no_data`,
    /// `data`, `busy`, `timeout`, `overloaded`, `too_large`, `unauthorized`, `forbidden`,
    /// `not_found`, `internal`.
    pub code: String,
    /// What went wrong.
    pub message: String,
    /// What to do instead.
    pub hint: Option<String>,
    /// `user`, `data` or `internal`.
    pub fault: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, fault: Fault, message: String) -> Self {
        ApiError {
            status,
            code,
            message,
            hint: None,
            fault,
            retry_after: None,
        }
    }

    /// A query parameter that is missing, unknown or malformed (400).
    pub fn bad_parameter(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad_parameter",
            Fault::User,
            message.into(),
        )
    }

    /// The request is understood but not allowed (403).
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            Fault::User,
            message.into(),
        )
    }

    /// No or a wrong bearer token (401).
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            Fault::User,
            message.into(),
        )
    }

    /// No such path (404).
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            Fault::User,
            message.into(),
        )
    }

    /// A body over the limit (413).
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            Fault::User,
            format!("the request body is over the limit of {limit} bytes"),
        )
    }

    /// The analysis ran over its time (503, retry later).
    pub fn timeout(secs: u64) -> Self {
        let mut e = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            Fault::Data,
            format!("the analysis took longer than {secs} s and was stopped"),
        );
        e.retry_after = Some(5);
        e.hint = Some("retry later, or ask for less (a shorter range, fewer products)".into());
        e
    }

    /// Too many requests at once (503, retry in a second).
    pub fn overloaded(limit: usize) -> Self {
        let mut e = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            Fault::Data,
            format!("the server is answering {limit} requests already"),
        );
        e.retry_after = Some(1);
        e
    }

    /// A bug (500).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            Fault::Internal,
            message.into(),
        )
    }

    /// With a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The answer for any error of an analysis: the first library error in the chain decides
    /// status, code and hint; the message is the whole chain.
    pub fn from_anyhow(err: &anyhow::Error) -> Self {
        if let Some(e) = err.chain().find_map(|c| c.downcast_ref::<ApiError>()) {
            return e.clone();
        }
        let message = format!("{err:#}");
        for cause in err.chain() {
            if let Some(e) = refine(cause, &message) {
                return e;
            }
        }
        let fault = err.chain().find_map(fault_of).unwrap_or(Fault::Internal);
        from_fault(fault, message)
    }
}

/// The status of a fault, when no finer code applies.
fn from_fault(fault: Fault, message: String) -> ApiError {
    match fault {
        Fault::User => ApiError::new(StatusCode::BAD_REQUEST, "bad_request", fault, message),
        Fault::Data => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "data", fault, message),
        Fault::Internal => ApiError::internal(message),
    }
}

/// Codes and hints for the errors a client can act on.
fn refine(cause: &(dyn std::error::Error + 'static), message: &str) -> Option<ApiError> {
    let msg = || message.to_string();
    if let Some(e) = cause.downcast_ref::<bilat_model::Error>() {
        let mut out = match e {
            bilat_model::Error::UnknownCountry { suggestions, .. } => {
                let mut a = ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "unknown_country",
                    Fault::User,
                    msg(),
                );
                if !suggestions.is_empty() {
                    a.hint = Some(format!("did you mean {}?", suggestions.join(", ")));
                } else {
                    a.hint = Some("GET /api/v1/countries?q=… lists the names accepted".into());
                }
                a
            }
            _ => ApiError::bad_parameter(msg()),
        };
        out.fault = Fault::User;
        return Some(out);
    }
    if let Some(e) = cause.downcast_ref::<bilat_analytics::Error>() {
        return match e {
            bilat_analytics::Error::NoData { remedy, .. } => {
                let mut a = ApiError::new(StatusCode::NOT_FOUND, "no_data", Fault::Data, msg());
                a.hint = Some(match remedy {
                    Some(bilat_analytics::Remedy::OtherView(v)) => {
                        format!("try view={}", v.as_str())
                    }
                    _ => "GET /api/v1/catalog shows what is loaded".into(),
                });
                Some(a)
            }
            bilat_analytics::Error::BadRequest { .. } => Some(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                Fault::User,
                msg(),
            )),
            _ => None,
        };
    }
    if let Some(e) = cause.downcast_ref::<bilat_warehouse::Error>() {
        return match e {
            bilat_warehouse::Error::Locked { .. } => {
                let mut a =
                    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", Fault::Data, msg());
                a.retry_after = Some(5);
                Some(a)
            }
            bilat_warehouse::Error::Damaged { .. } | bilat_warehouse::Error::Catalog { .. } => {
                Some(
                    ApiError::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "damaged",
                        Fault::Data,
                        msg(),
                    )
                    .with_hint("the warehouse is damaged: run `bilat verify` on the server"),
                )
            }
            _ => None,
        };
    }
    None
}

impl From<bilat_params::ParamError> for ApiError {
    fn from(e: bilat_params::ParamError) -> Self {
        match e {
            bilat_params::ParamError::Bad { message, hint } => {
                let mut a = ApiError::bad_parameter(message);
                a.hint = hint;
                a
            }
            place @ bilat_params::ParamError::Place { .. } => {
                ApiError::from_anyhow(&anyhow::Error::from(place))
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message,
                hint: self.hint,
                fault: self.fault.as_str().to_string(),
            },
        };
        let text = serde_json::to_string_pretty(&body).unwrap_or_default() + "\n";
        let mut resp = (self.status, text).into_response();
        let h = resp.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(s) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        resp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_country_is_a_400_with_suggestions() {
        let err: anyhow::Error = "Belarsu"
            .parse::<bilat_model::Place>()
            .map(|_| ())
            .map_err(anyhow::Error::from)
            .expect_err("unknown");
        let a = ApiError::from_anyhow(&err.context("reporter"));
        assert_eq!(a.status, StatusCode::BAD_REQUEST);
        assert_eq!(a.code, "unknown_country");
        assert!(a.hint.as_deref().unwrap_or("").contains("Belarus"), "{a:?}");
        assert!(a.message.starts_with("reporter: "), "{}", a.message);
    }

    #[test]
    fn an_error_of_no_library_is_internal() {
        let a = ApiError::from_anyhow(&anyhow::anyhow!("something odd"));
        assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(a.fault, Fault::Internal);
    }
}
