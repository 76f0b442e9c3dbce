//! The API's one error type and how it becomes a response.
//!
//! Policy: every error a client can cause maps to a 4xx with a stable `code`, a message
//! for people and, where it applies, the field and the rule it breaks. Server faults are
//! logged in full and answered with a generic 500 body, never with internals. Handlers
//! never see `sqlx::Error`; the store maps it to [`StoreError`] and this module maps
//! that once.

use crate::store::StoreError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::api::ApiError;
use serde_json::Value;

/// An error an API handler returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{what} not found")]
    NotFound { what: String },
    /// 400: the request cannot be read at all (malformed JSON, bad header).
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// 422: a field breaks a rule.
    #[error("{field}: {message}")]
    Invalid {
        field: String,
        rule: String,
        message: String,
        details: Option<Value>,
    },
    /// 409: the request conflicts with the current state.
    #[error("{message}")]
    Conflict {
        code: &'static str,
        message: String,
        details: Option<Value>,
    },
    /// 404 with a code of its own (`code_unknown`), where "not found" needs saying
    /// more precisely than [`Error::NotFound`].
    #[error("{message}")]
    Unknown { code: &'static str, message: String },
    /// 410: what the request is about is over for good (an expired handover code, an
    /// ended session).
    #[error("{message}")]
    Gone { code: &'static str, message: String },
    /// 429 for one staff account's failed attempts (handover codes), with the wait.
    #[error("{message}")]
    TooManyAttempts {
        message: String,
        retry_after_secs: u64,
    },
    /// 503 for a deliberate capacity limit (not the database): try again later.
    #[error("{message}")]
    Busy { message: String },
    #[error("sign in first")]
    Unauthorized,
    /// 401 for a route that needs a credential other than the session (the metrics
    /// token), saying which.
    #[error("{0}")]
    CredentialMissing(String),
    /// 401 from a sign-in: the same for an unknown login, a wrong password and an
    /// inactive account, so the answer does not tell which accounts exist.
    #[error("wrong login or password")]
    WrongCredentials,
    #[error("{0}")]
    Forbidden(String),
    /// 403 for an account that signed in with a password someone else set (a new
    /// account, a reset): only the session routes answer until it chooses its own.
    #[error("choose your own password first: POST /api/v1/session/password")]
    PasswordChangeRequired,
    #[error("the body is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("send the body as {expected}")]
    UnsupportedMediaType { expected: &'static str },
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("the database is unavailable")]
    Unavailable,
    /// 503: the answer took longer than the request timeout.
    #[error("the server took too long to answer; please try again")]
    TimedOut,
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn not_found(what: impl Into<String>) -> Error {
        Error::NotFound { what: what.into() }
    }

    /// 422 for `field` breaking `rule`.
    pub fn invalid(
        field: impl Into<String>,
        rule: impl Into<String>,
        message: impl Into<String>,
    ) -> Error {
        Error::Invalid {
            field: field.into(),
            rule: rule.into(),
            message: message.into(),
            details: None,
        }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Error {
        Error::Conflict {
            code,
            message: message.into(),
            details: None,
        }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::not_found("record"),
            StoreError::Conflict(m) => Error::conflict("conflict", m),
            StoreError::Unavailable(detail) => {
                tracing::warn!(%detail, "database unavailable");
                Error::Unavailable
            }
            StoreError::Database(detail) => Error::Internal(detail),
        }
    }
}

fn body(code: &str, message: String) -> ApiError {
    ApiError {
        code: code.to_owned(),
        message,
        field: None,
        rule: None,
        details: None,
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let message = self.to_string();
        let (status, body) = match self {
            Error::NotFound { .. } => (StatusCode::NOT_FOUND, body("not_found", message)),
            Error::BadRequest { code, message } => (StatusCode::BAD_REQUEST, body(code, message)),
            Error::Invalid {
                field,
                rule,
                message,
                details,
            } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ApiError {
                    code: "invalid".into(),
                    message,
                    field: Some(field),
                    rule: Some(rule),
                    details,
                },
            ),
            Error::Conflict {
                code,
                message,
                details,
            } => (
                StatusCode::CONFLICT,
                ApiError {
                    details,
                    ..body(code, message)
                },
            ),
            Error::Unknown { code, message } => (StatusCode::NOT_FOUND, body(code, message)),
            Error::Gone { code, message } => (StatusCode::GONE, body(code, message)),
            Error::Busy { message } => (StatusCode::SERVICE_UNAVAILABLE, body("busy", message)),
            Error::TooManyAttempts {
                message,
                retry_after_secs,
            } => {
                let mut error = body("too_many_attempts", message);
                error.details = Some(serde_json::json!({ "retry_after": retry_after_secs.max(1) }));
                let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(error)).into_response();
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(retry_after_secs.max(1)),
                );
                return response;
            }
            Error::Unauthorized | Error::CredentialMissing(_) => {
                (StatusCode::UNAUTHORIZED, body("unauthorized", message))
            }
            Error::WrongCredentials => {
                (StatusCode::UNAUTHORIZED, body("wrong_credentials", message))
            }
            Error::Forbidden(_) => (StatusCode::FORBIDDEN, body("forbidden", message)),
            Error::PasswordChangeRequired => (
                StatusCode::FORBIDDEN,
                body("password_change_required", message),
            ),
            Error::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, body("too_large", message)),
            Error::UnsupportedMediaType { .. } => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                body("unsupported_media_type", message),
            ),
            Error::TooManyRequests { retry_after_secs } => {
                // The wait is in the body too, for clients that cannot read headers
                // (a browser's fetch sees them, but a form's error text is built
                // from the body).
                let mut error = body("rate_limited", message);
                error.details = Some(serde_json::json!({ "retry_after": retry_after_secs.max(1) }));
                let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(error)).into_response();
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(retry_after_secs.max(1)),
                );
                return response;
            }
            Error::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                body("unavailable", message),
            ),
            Error::TimedOut => (StatusCode::SERVICE_UNAVAILABLE, body("timeout", message)),
            Error::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    body(
                        "internal",
                        "something went wrong on our side; please try again".into(),
                    ),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

/// Middleware: an error answer of `/api/…` that is not JSON (axum's own refusals, such
/// as a path value that cannot be read, or a method the route does not take) is put
/// into the one error shape, keeping its status and its words. Clients then read every
/// error the same way.
pub async fn json_shape(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !api || !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, original) = response.into_parts();
    let text = axum::body::to_bytes(original, 4096)
        .await
        .unwrap_or_default();
    let words = String::from_utf8_lossy(&text).trim().to_owned();
    let code = match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "body_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        _ if status.is_server_error() => "internal",
        _ => "refused",
    };
    let message = if words.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("refused")
            .to_lowercase()
    } else {
        words
    };
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    parts.headers.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    let shaped = serde_json::to_vec(&body(code, message)).unwrap_or_default();
    Response::from_parts(parts, axum::body::Body::from(shaped))
}
