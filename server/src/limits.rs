//! What one request may cost: the size of its body and the time it may take.
//!
//! The body limit is a layer: [`body`] with the configured default wraps the whole app,
//! and a route that carries attachments raises it for itself with
//! `.layer(limits::body(limits::ATTACHMENT_BODY_BYTES))` (the innermost layer wins).
//! [`crate::json::Body`] answers an oversized body 413 in the API's error shape.

use crate::State;
use crate::error::Error;
use axum::extract::{DefaultBodyLimit, Request, State as Extract};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};

/// Body limit of every route unless it says otherwise.
pub const DEFAULT_BODY_BYTES: usize = 64 * 1024;

/// Body limit of routes that carry attachments: three files of 5 MB, base64-encoded
/// (4/3), plus the JSON around them.
pub const ATTACHMENT_BODY_BYTES: usize =
    domain::api::MAX_ATTACHMENTS * domain::api::MAX_ATTACHMENT_BYTES * 4 / 3 + 512 * 1024;

/// The body limit in force for a request (for the 413 message; axum keeps its own copy
/// private).
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// The layer that limits request bodies to `bytes`.
pub type BodyLimitLayer =
    ServiceBuilder<Stack<axum::Extension<BodyLimit>, Stack<DefaultBodyLimit, Identity>>>;

/// Limits request bodies to `bytes` for the routes it wraps.
pub fn body(bytes: usize) -> BodyLimitLayer {
    ServiceBuilder::new()
        .layer(DefaultBodyLimit::max(bytes))
        .layer(axum::Extension(BodyLimit(bytes)))
}

/// Bytes per second of body even a slow phone is assumed to manage: a request announcing
/// a larger body gets more time.
const SLOWEST_UPLOAD_BYTES_PER_SECOND: u64 = 32 * 1024;

/// Middleware: answers 503 when the response head is not ready in time (the request
/// timeout, plus time for a large body). A live-event stream has its head at once and
/// is not limited afterwards.
pub async fn deadline(Extract(state): Extract<State>, request: Request, next: Next) -> Response {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let allowed = Duration::from_secs(state.config.limits.request_timeout_secs)
        + Duration::from_secs(announced / SLOWEST_UPLOAD_BYTES_PER_SECOND);
    match tokio::time::timeout(allowed, next.run(request)).await {
        Ok(response) => response,
        // Dropping the handler rolls back its open transaction.
        Err(_) => Error::TimedOut.into_response(),
    }
}
