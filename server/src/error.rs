//! The API's one error type and how it becomes a response.
//!
//! Policy: every error a client can cause maps to a 4xx with a stable `code`, a message
//! for people and, where it applies, the field and the rule it breaks. Server faults are
//! logged in full and answered with a generic 500 body, never with internals.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::api::ApiError;

/// An error an API handler returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn not_found(what: impl Into<String>) -> Error {
        Error::NotFound { what: what.into() }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            Error::NotFound { what } => (
                StatusCode::NOT_FOUND,
                ApiError {
                    code: "not_found".into(),
                    message: format!("{what} not found"),
                    field: None,
                    rule: None,
                },
            ),
            Error::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ApiError {
                        code: "internal".into(),
                        message: "something went wrong on our side; please try again".into(),
                        field: None,
                        rule: None,
                    },
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
