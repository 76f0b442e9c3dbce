//! The API routes, one module per resource.

pub mod health;
pub mod trees;

use crate::State;
use crate::error::Error;
use axum::Router;

/// Everything under `/api/v1`.
pub fn api() -> Router<State> {
    Router::new()
        .merge(trees::routes())
        .fallback(|| async { Error::not_found("API route") })
}
