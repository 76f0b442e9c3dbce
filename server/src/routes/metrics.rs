//! `GET /metrics`: the figures of [`crate::metrics`] for Prometheus.
//!
//! Behind a token (`--metrics-token`, sent as `Authorization: Bearer TOKEN`), and off
//! without one: the portal faces every end user, and ticket volume, routes and error
//! rates are the operators' business. A scraper sends the token; nobody else sees them.

use crate::State;
use crate::error::Error;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

/// Name of the security scheme in the OpenAPI document.
pub const SCHEME: &str = "metrics_token";

/// Prometheus metrics.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    security(("metrics_token" = [])),
    responses(
        (status = 200, description = "Prometheus text format", content_type = "text/plain; version=0.0.4"),
        (status = 401, description = "No token sent", body = domain::api::ApiError),
        (status = 403, description = "A wrong token", body = domain::api::ApiError),
        (status = 404, description = "Metrics are off (no --metrics-token)", body = domain::api::ApiError),
    ))]
pub async fn metrics(
    Extract(state): Extract<State>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    // No token sent is 401 whether or not metrics are on: the answer to a request
    // without credentials does not depend on what is configured.
    let Some(sent) = headers.get(header::AUTHORIZATION) else {
        return Err(Error::CredentialMissing(
            "send the metrics token as `Authorization: Bearer TOKEN`".into(),
        ));
    };
    let Some(token) = &state.config.operations.metrics_token else {
        return Err(Error::not_found(
            "metrics: they are off; start Lotse with --metrics-token (LOTSE_METRICS_TOKEN), so they are",
        ));
    };
    let offered = sent
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !token.matches(offered.trim()) {
        return Err(Error::Forbidden(
            "send the metrics token as `Authorization: Bearer TOKEN`".into(),
        ));
    }
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        crate::metrics::render(),
    )
        .into_response())
}

/// Declares the bearer token of `/metrics` in the OpenAPI document.
pub struct MetricsToken;

impl utoipa::Modify for MetricsToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SCHEME,
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
