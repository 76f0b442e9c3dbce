//! Liveness: `/healthz` answers as long as the process serves requests.

use axum::Json;
use serde_json::{Value, json};

/// Liveness probe.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "The process serves requests")))]
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}
