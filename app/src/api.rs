//! Typed client of the Lotse HTTP API (`/api/v1`), over gloo-net (the HTTP client
//! leptos already brings, so it costs nothing extra in the bundle).
//!
//! Every call ends in a [`FetchError`] a page can put into words; the wire details
//! (status codes, JSON errors) stop here.

use crate::deadline::Deadline;
use domain::api::{API, TreeBundle, TreeList};
use domain::{Catalog, Tree};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// How long an API call may take before the user is told the service cannot be reached.
const LIMIT: Duration = Duration::from_secs(20);

/// Why an API call brought no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// No answer: offline, server down, or too slow.
    Unreachable,
    /// The server does not know what was asked for.
    NotFound,
    /// The server answered with an error, or with something that is not the expected body.
    Failed,
}

/// `GET /api/v1/trees`: every tree, with the categories they are listed under.
pub async fn trees() -> Result<TreeList, FetchError> {
    get_json(&format!("{API}/trees")).await
}

/// `GET /api/v1/trees/{id}`: the tree and every tree it can jump to.
pub async fn tree_bundle(id: &str) -> Result<TreeBundle, FetchError> {
    // Tree ids are `a-z0-9-_` by validation; anything else cannot name a tree, and must
    // not be spliced into a path.
    let valid = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !valid {
        return Err(FetchError::NotFound);
    }
    get_json(&format!("{API}/trees/{id}")).await
}

/// A catalog of the trees of a bundle. The server validated them; the engine still
/// guards every move.
pub fn catalog(bundle: TreeBundle) -> Catalog {
    Catalog::trusted(
        bundle
            .trees
            .into_iter()
            .map(|v| (v.tree, v.version))
            .collect::<Vec<(Tree, String)>>(),
    )
}

async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, FetchError> {
    let deadline = Deadline::after(LIMIT);
    let response = Request::get(url)
        .header("Accept", "application/json")
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|_| FetchError::Unreachable)?;
    match response.status() {
        200..=299 => response.json().await.map_err(|_| FetchError::Failed),
        404 => Err(FetchError::NotFound),
        // A proxy or load balancer in front of Lotse says the server is away.
        502..=504 => Err(FetchError::Unreachable),
        _ => Err(FetchError::Failed),
    }
}
