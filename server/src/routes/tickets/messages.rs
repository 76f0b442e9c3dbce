//! Staff messages on a ticket (`POST /tickets/{id}/messages`): public replies, which the
//! user reads on the status page, and internal notes, which only staff ever see.
//!
//! A reply does not change the status: staff choose `wait_for_user` explicitly, so a
//! quick "thanks, we are on it" does not stop the SLA clock.

use super::{ticket_id, visible};
use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use crate::json::Body;
use crate::workflow;
use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use domain::api::StaffMessage;
use serde_json::{Value, json};

/// Reads and writes again at most this often when other changes keep winning.
const ATTEMPTS: usize = 5;

/// Adds a public reply or an internal note.
#[utoipa::path(post, path = "/tickets/{id}/messages", tag = "tickets",
    security(("session" = [])),
    params(("id" = i64, Path)),
    request_body = StaffMessage,
    responses(
        (status = 201, description = "Stored: `{\"id\": message id, \"revision\": the ticket's new revision}`"),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "Public replies are the Holder's or an admin's", body = domain::api::ApiError),
        (status = 404, body = domain::api::ApiError),
        (status = 409, description = "A public reply to a resolved or closed ticket", body = domain::api::ApiError),
        (status = 422, body = domain::api::ApiError),
    ))]
pub async fn add(
    Extract(state): Extract<State>,
    staff: Staff,
    Path(id): Path<String>,
    Body(message): Body<StaffMessage>,
) -> Result<(StatusCode, Json<Value>), Error> {
    let id = ticket_id(&id)?;
    let body = crate::intake::text("body", &message.body)?;
    if body.is_empty() {
        return Err(Error::invalid("body", "required", "write something"));
    }
    for _ in 0..ATTEMPTS {
        let ticket = visible(&state, &staff, id).await?;
        workflow::may_write(&staff, &ticket, message.visibility)?;
        if let Some((message, revision)) = state
            .store
            .add_staff_message(&ticket, &staff, message.visibility, &body)
            .await?
        {
            return Ok((
                StatusCode::CREATED,
                Json(json!({ "id": message, "revision": revision })),
            ));
        }
    }
    Err(Error::conflict(
        "busy",
        "the ticket kept changing while this was tried; try again",
    ))
}
