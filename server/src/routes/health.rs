//! Probes: `/healthz` (liveness: the process serves requests) and `/readyz` (readiness:
//! the database answers, so requests can succeed).

use crate::State;
use crate::error::Error;
use axum::Json;
use axum::extract::State as Extract;
use serde_json::{Value, json};
use std::time::Duration;

/// How long `/readyz` waits for the database: a load balancer probes often and wants an
/// answer quickly.
const READY_WITHIN: Duration = Duration::from_secs(1);

/// Liveness probe.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "The process serves requests")))]
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Readiness probe: 200 while the database answers within a second.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses(
    (status = 200, description = "Ready: the database answers"),
    (status = 503, description = "Not ready: the database does not answer", body = domain::api::ApiError),
))]
pub async fn readyz(Extract(state): Extract<State>) -> Result<Json<Value>, Error> {
    match tokio::time::timeout(READY_WITHIN, state.store.ping()).await {
        Ok(Ok(())) => Ok(Json(json!({ "status": "ready", "database": "ok" }))),
        Ok(Err(e)) => Err(e.into()),
        Err(_) => {
            crate::metrics::database_error(true);
            Err(Error::Unavailable)
        }
    }
}
