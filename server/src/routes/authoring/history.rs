//! `GET /api/v1/trees/{id}/history`: every publication of a tree and its open drafts.

use crate::State;
use crate::auth::role::Specialist;
use crate::error::Error;
use axum::Json;
use axum::extract::{Path, State as Extract};
use domain::api::{ApiError, TreeHistory};

/// Publications newest first (who published, or "from the tree folder"; which one is
/// served now) and the open drafts.
#[utoipa::path(get, path = "/trees/{id}/history", tag = "authoring",
    security(("session" = [])),
    params(("id" = String, Path, description = "Tree id")),
    responses(
    (status = 200, description = "The tree's versions and drafts", body = TreeHistory),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "An agent", body = ApiError),
    (status = 404, description = "No tree, publication or draft with this id", body = ApiError),
))]
pub async fn history(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
    Path(id): Path<String>,
) -> Result<Json<TreeHistory>, Error> {
    let served = state.trees.catalog().version(&id).map(str::to_owned);
    let mut versions = state.store.publications(&id).await?;
    // The newest publication of the served version is the one in force.
    if let Some(entry) = versions
        .iter_mut()
        .find(|v| Some(&v.version) == served.as_ref())
    {
        entry.served = true;
    }
    let drafts = state.store.drafts_of(&id).await?;
    if versions.is_empty() && drafts.is_empty() && served.is_none() {
        return Err(Error::not_found(format!("tree `{id}`")));
    }
    Ok(Json(TreeHistory {
        tree_id: id,
        versions,
        drafts,
    }))
}
