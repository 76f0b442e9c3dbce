//! `/api/v1/tree-drafts`: upload, read, preview, publish and discard drafts.
//! Admins write (with the CSRF header); specialists and admins read.

use super::{check, rejected, with};
use crate::State;
use crate::auth::role::{Admin, Specialist};
use crate::error::Error;
use crate::json::Body;
use crate::store::authoring::{DraftRow, Publication};
use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use domain::api::{
    ApiError, Draft, DraftUpload, MAX_DRAFTS_PER_TREE, MAX_SOURCE_BYTES, PublishRequest, Published,
    TreeBundle, VersionedTree,
};
use domain::catalog::version_of;

/// Uploads one tree file's text. Valid: stored as a draft (not served) with its
/// difference to the published version. Invalid: 422 naming every problem (file, line,
/// node, rule, message) in `details.problems`.
#[utoipa::path(post, path = "/tree-drafts", tag = "authoring", request_body = DraftUpload,
    security(("session" = [])), responses(
    (status = 201, description = "The draft", body = Draft),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin, or a missing X-CSRF-Token", body = ApiError),
    (status = 409, description = "`too_many_drafts`: the tree has 10 drafts; discard one", body = ApiError),
    (status = 413, description = "The body is larger than the limit", body = ApiError),
    (status = 422, description = "The source breaks a rule (`details.problems`) or is larger than 256 KiB", body = ApiError),
))]
pub async fn create(
    Extract(state): Extract<State>,
    Admin(admin): Admin,
    Body(upload): Body<DraftUpload>,
) -> Result<(StatusCode, Json<Draft>), Error> {
    if upload.source.len() > MAX_SOURCE_BYTES {
        return Err(Error::invalid(
            "source",
            "max_bytes",
            format!("a tree file may have at most {MAX_SOURCE_BYTES} bytes"),
        ));
    }
    let (tree, _) = check(&upload.source, &state.trees.catalog()).map_err(rejected)?;
    let version = version_of(&tree);
    let id = state
        .store
        .create_draft(
            &tree,
            &version,
            &upload.source,
            admin.id,
            MAX_DRAFTS_PER_TREE,
        )
        .await?
        .ok_or_else(|| {
            Error::conflict(
                "too_many_drafts",
                format!(
                    "tree `{}` has {MAX_DRAFTS_PER_TREE} drafts already; discard one first",
                    tree.id
                ),
            )
        })?;
    let row = load(&state, id).await?;
    Ok((StatusCode::CREATED, Json(describe(&state, row).await?)))
}

/// A draft with its difference to the version published now.
#[utoipa::path(get, path = "/tree-drafts/{id}", tag = "authoring",
    security(("session" = [])),
    params(("id" = i64, Path, description = "Draft id")),
    responses(
    (status = 200, description = "The draft", body = Draft),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "An agent", body = ApiError),
    (status = 404, description = "No such draft (discarded or published)", body = ApiError),
))]
pub async fn show(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
    Path(id): Path<i64>,
) -> Result<Json<Draft>, Error> {
    let row = load(&state, id).await?;
    Ok(Json(describe(&state, row).await?))
}

/// The draft shaped like `GET /trees/{id}`, with the served trees it jumps to, for a
/// preview walk.
#[utoipa::path(get, path = "/tree-drafts/{id}/bundle", tag = "authoring",
    security(("session" = [])),
    params(("id" = i64, Path, description = "Draft id")),
    responses(
    (status = 200, description = "The draft first, then its jump targets", body = TreeBundle),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "An agent", body = ApiError),
    (status = 404, description = "No such draft", body = ApiError),
    (status = 422, description = "The draft no longer fits the served trees (`details.problems`)", body = ApiError),
))]
pub async fn bundle(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
    Path(id): Path<i64>,
) -> Result<Json<TreeBundle>, Error> {
    let row = load(&state, id).await?;
    let catalog = with(&row.tree, &state.trees.catalog()).map_err(rejected)?;
    let trees = catalog
        .bundle(&row.tree_id)
        .into_iter()
        .map(|e| VersionedTree {
            version: e.version.clone(),
            tree: e.tree.clone(),
        })
        .collect();
    Ok(Json(TreeBundle { trees }))
}

/// Publishes the draft: served from now on (new ETags on `GET /trees`), on every
/// instance. `replaces` must name the version published now, else 409 `stale`.
#[utoipa::path(post, path = "/tree-drafts/{id}/publish", tag = "authoring",
    request_body = PublishRequest, security(("session" = [])),
    params(("id" = i64, Path, description = "Draft id")),
    responses(
    (status = 200, description = "Published", body = Published),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin, or a missing X-CSRF-Token", body = ApiError),
    (status = 404, description = "No such draft", body = ApiError),
    (status = 409, description = "`stale`: another version was published since (`details.published`)", body = ApiError),
    (status = 422, description = "The draft no longer fits the served trees (`details.problems`)", body = ApiError),
))]
pub async fn publish(
    Extract(state): Extract<State>,
    Admin(admin): Admin,
    Path(id): Path<i64>,
    Body(request): Body<PublishRequest>,
) -> Result<Json<Published>, Error> {
    let row = load(&state, id).await?;
    with(&row.tree, &state.trees.catalog()).map_err(rejected)?;
    match state
        .store
        .publish_draft(&row, request.replaces.as_deref(), admin.id)
        .await?
    {
        Publication::Stale { published } => Err(Error::Conflict {
            code: "stale",
            message: format!(
                "another version of tree `{}` was published since this draft was shown; look at the difference again",
                row.tree_id
            ),
            details: Some(serde_json::json!({ "published": published })),
        }),
        Publication::Done { published_at } => {
            state.trees.reload(&state.store).await?;
            tracing::info!(tree = %row.tree_id, version = %row.version, by = admin.id, "tree published");
            Ok(Json(Published {
                tree_id: row.tree_id,
                version: row.version,
                published_at,
            }))
        }
    }
}

/// Discards a draft.
#[utoipa::path(delete, path = "/tree-drafts/{id}", tag = "authoring",
    security(("session" = [])),
    params(("id" = i64, Path, description = "Draft id")),
    responses(
    (status = 204, description = "Discarded"),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin, or a missing X-CSRF-Token", body = ApiError),
    (status = 404, description = "No such draft", body = ApiError),
))]
pub async fn discard(
    Extract(state): Extract<State>,
    Admin(_): Admin,
    Path(id): Path<i64>,
) -> Result<StatusCode, Error> {
    if state.store.delete_draft(id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Error::not_found(format!("draft {id}")))
    }
}

async fn load(state: &State, id: i64) -> Result<DraftRow, Error> {
    state
        .store
        .draft(id)
        .await?
        .ok_or_else(|| Error::not_found(format!("draft {id}")))
}

/// The draft with its difference to the version published now (from the database, so
/// an instance that has not reloaded yet still compares with the right one).
async fn describe(state: &State, row: DraftRow) -> Result<Draft, Error> {
    let published = state.store.published_version(&row.tree_id).await?;
    let old = match &published {
        None => None,
        Some(version) => match state.trees.catalog().entry(&row.tree_id) {
            Some(e) if &e.version == version => Some(e.tree.clone()),
            _ => state.store.tree_version(&row.tree_id, version).await?,
        },
    };
    Ok(Draft {
        diff: domain::diff::diff(old.as_ref(), &row.tree),
        id: row.id,
        tree_id: row.tree_id,
        version: row.version,
        tree: row.tree,
        created_at: row.created_at,
        created_by: row.created_by,
        published,
    })
}
