//! One log line and one metrics sample per request.
//!
//! The line names the method, the matched route pattern (`/api/v1/handoffs/{reference}`,
//! never the path itself, which can carry a reference or token), the status and the
//! latency. Nothing else of the request is logged: no query, no headers (so never
//! `Cookie` or `Authorization`), no body.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// Target of the request lines, to filter them (`LOTSE_LOG=lotse::request=off`).
pub const TARGET: &str = "lotse::request";

/// Middleware: logs and counts the request once its response head is ready.
pub async fn request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = route(&request);
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    crate::metrics::request(method.as_str(), &route, status, elapsed);
    tracing::info!(
        target: TARGET,
        method = %method,
        route = %route,
        status,
        latency_ms = %format_args!("{:.3}", elapsed.as_secs_f64() * 1000.0),
        "request"
    );
    response
}

/// The route pattern that matched, or the kind of fallback that answered.
fn route(request: &Request) -> String {
    if let Some(matched) = request.extensions().get::<MatchedPath>() {
        return matched.as_str().to_owned();
    }
    if request.uri().path().starts_with("/api/") {
        "/api/(unknown)".to_owned()
    } else {
        "(app)".to_owned()
    }
}
