//! Changing a ticket's status: Claim (`POST /tickets/{id}/claim`) and every other
//! transition (`POST /tickets/{id}/transition`).
//!
//! Each request reads the ticket, plans the change with `crate::workflow`, and has the
//! store write it only while the ticket is still at the revision read. If it moved in
//! between, the request reads it again and plans again: with the caller's `revision`
//! that ends in a clear 409 `stale`; without one, the plan is remade on the new state,
//! so a concurrent Claim is answered with who holds the ticket now.

use super::{ticket_id, visible};
use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use crate::json::Body;
use crate::store::now_ms;
use crate::workflow::{self, Change};
use axum::Json;
use axum::extract::{Path, State as Extract};
use domain::api::{QueueItem, TransitionRequest};
use domain::ticket::Action;

/// Reads and plans again at most this often when other changes keep winning.
const ATTEMPTS: usize = 5;

/// Claims the ticket: one conditional update, so of many concurrent claimers exactly
/// one wins and the others learn who did.
#[utoipa::path(post, path = "/tickets/{id}/claim", tag = "tickets",
    security(("session" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = QueueItem, description = "The ticket, now held by the caller"),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "Agents claim only returned tickets; or no CSRF token", body = domain::api::ApiError),
        (status = 404, body = domain::api::ApiError),
        (status = 409, description = "`already_claimed`: `details.holder` says who holds it; `illegal_transition`: `details.legal` lists what the status allows", body = domain::api::ApiError),
    ))]
pub async fn claim(
    Extract(state): Extract<State>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Json<QueueItem>, Error> {
    let id = ticket_id(&id)?;
    act(&state, &staff, id, &Change::new(Action::Claim))
        .await
        .map(Json)
}

/// Moves the ticket through the workflow: `claim`, `release`, `assign` (with
/// `assignee`), `wait_for_user`, `resolve` (with `text`, the resolution, and optionally
/// `gap_node`, the tree node that should have helped), `return_to_first_level` (with
/// `text`, instructions kept as an internal note), `close`, `reopen`.
#[utoipa::path(post, path = "/tickets/{id}/transition", tag = "tickets",
    security(("session" = [])),
    params(("id" = i64, Path)),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = QueueItem, description = "The ticket after the change"),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "Only the Holder or an admin may do this; the message says who holds it", body = domain::api::ApiError),
        (status = 404, body = domain::api::ApiError),
        (status = 409, description = "`illegal_transition` (`details.legal`), `already_claimed` (`details.holder`), or `stale` (`details.revision`, the current one)", body = domain::api::ApiError),
        (status = 422, description = "A field is missing, unused by the action, or wrong (`gap_node` not in the ticket's tree version, `assignee` not an active specialist or admin)", body = domain::api::ApiError),
    ))]
pub async fn transition(
    Extract(state): Extract<State>,
    staff: Staff,
    Path(id): Path<String>,
    Body(request): Body<TransitionRequest>,
) -> Result<Json<QueueItem>, Error> {
    let id = ticket_id(&id)?;
    workflow::unused_fields(&request)?;
    visible(&state, &staff, id).await?;
    let assignee = match request.assignee {
        Some(assignee) => Some(state.store.assignable(assignee).await?.ok_or_else(|| {
            Error::invalid(
                "assignee",
                "assignable",
                "not an active specialist or admin",
            )
        })?),
        None => None,
    };
    let gap_node = match request.gap_node.as_deref() {
        Some(node) => Some(gap_node(&state, id, node).await?),
        None => None,
    };
    let change = Change {
        action: request.action,
        revision: request.revision,
        assignee,
        text: request.text,
        gap_node,
    };
    act(&state, &staff, id, &change).await.map(Json)
}

/// Reads, plans and writes until the write lands on the state it was planned from.
async fn act(state: &State, staff: &Staff, id: i64, change: &Change) -> Result<QueueItem, Error> {
    if let Some(text) = &change.text {
        crate::intake::text("text", text)?;
    }
    for _ in 0..ATTEMPTS {
        let ticket = visible(state, staff, id).await?;
        let plan = workflow::plan(staff, &ticket, change, now_ms())?;
        if state.store.apply(&plan, staff).await? {
            return state
                .store
                .queue_item(id)
                .await?
                .ok_or_else(|| Error::not_found("ticket"));
        }
    }
    Err(Error::conflict(
        "busy",
        "the ticket kept changing while this was tried; reload it and try again",
    ))
}

/// `node` (in the tree the walk started on) or `tree/node` (in any tree the walk
/// entered), checked against the tree versions the ticket was walked on; stored as
/// `tree/node` like the escalation node.
async fn gap_node(state: &State, id: i64, given: &str) -> Result<String, Error> {
    let (start, versions) = state
        .store
        .walked_trees(id)
        .await?
        .ok_or_else(|| Error::not_found("ticket"))?;
    let (tree, node) = given.split_once('/').unwrap_or((start.as_str(), given));
    let version = versions.get(tree).ok_or_else(|| {
        Error::invalid(
            "gap_node",
            "unknown_tree",
            format!("the ticket's walk never entered tree `{tree}`"),
        )
    })?;
    let known = match state.trees.catalog().entry(tree) {
        Some(entry) if &entry.version == version => entry.tree.node(node).is_some(),
        _ => state
            .store
            .tree_version(tree, version)
            .await?
            .is_some_and(|t| t.node(node).is_some()),
    };
    if !known {
        return Err(Error::invalid(
            "gap_node",
            "unknown_node",
            format!("tree `{tree}` version {version} has no node `{node}`"),
        ));
    }
    Ok(format!("{tree}/{node}"))
}
