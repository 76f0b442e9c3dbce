//! The Queue for 2nd-level staff: `GET /queue` lists tickets most urgent first (or
//! oldest first), a page at a time; `POST /queue/claim-next` hands the caller the most urgent waiting one.
//!
//! Agents (1st level) use the same routes for their side of the work: they see tickets
//! returned to the 1st level and tickets they hold, and claim-next gives them the most
//! urgent returned ticket.

pub mod cursor;
pub mod filter;

use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use crate::store::queue::After;
use axum::Json;
use axum::extract::{RawQuery, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::api::{QueueItem, QueuePage, Role};
use domain::ticket::Status;

/// The Queue, most urgent first: by priority (1 first), then by age (oldest first); or,
/// with `order=age`, oldest first whatever the priority.
#[utoipa::path(get, path = "/queue", tag = "queue",
    security(("session" = [])),
    params(
        ("status" = Option<String>, Query, description = "Statuses, repeated or comma-separated; default: the open ones (new, claimed, waiting_for_user, returned)"),
        ("queue" = Option<String>, Query, description = "Queues, repeated or comma-separated, `*` for all; default: the caller's queues (admins and staff without queues: all)"),
        ("priority" = Option<String>, Query, description = "Priorities 1-5, repeated or comma-separated"),
        ("assignee" = Option<String>, Query, description = "`me`, `none`, or a staff id"),
        ("q" = Option<String>, Query, description = "Words to find (each, case-insensitive) in the reference, the contact's name or e-mail, the description"),
        ("order" = Option<String>, Query, description = "`priority` (default): priority 1 first, then the oldest hand-off; `age`: the oldest hand-off first"),
        ("limit" = Option<i64>, Query, description = "Rows per page, 1-200, default 50"),
        ("cursor" = Option<String>, Query, description = "`next` of the previous page, with the same `order`"),
    ),
    responses(
        (status = 200, body = QueuePage, description = "A page; `next` is there when another page follows. Agents see only returned tickets and tickets they hold."),
        (status = 401, body = domain::api::ApiError),
        (status = 422, description = "A filter value is wrong, or the cursor belongs to the other order; `field` names the parameter", body = domain::api::ApiError),
    ))]
pub async fn list(
    Extract(state): Extract<State>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Json<QueuePage>, Error> {
    let query = filter::parse(raw.as_deref(), &staff)?;
    let (items, more) = state.store.queue_page(&query).await?;
    let next = items
        .last()
        .filter(|_| more)
        .map(|last| cursor::encode(After::of(last, query.order)));
    Ok(Json(QueuePage { items, next }))
}

/// Claims the most urgent ticket waiting in the caller's queues: `new` tickets for
/// specialists and admins, `returned` ones for agents.
#[utoipa::path(post, path = "/queue/claim-next", tag = "queue",
    security(("session" = [])),
    responses(
        (status = 200, body = QueueItem, description = "The ticket, now held by the caller"),
        (status = 204, description = "Nothing is waiting"),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "No CSRF token", body = domain::api::ApiError),
    ))]
pub async fn claim_next(Extract(state): Extract<State>, staff: Staff) -> Result<Response, Error> {
    let waiting = if staff.role >= Role::Specialist {
        Status::New
    } else {
        Status::Returned
    };
    let queues = filter::own_queues(&staff);
    let Some(id) = state
        .store
        .claim_next(&staff, waiting, queues.as_deref())
        .await?
    else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let item = state
        .store
        .queue_item(id)
        .await?
        .ok_or_else(|| Error::Internal(format!("claimed ticket {id} vanished")))?;
    Ok(Json(item).into_response())
}
