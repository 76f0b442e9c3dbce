//! A ticket as staff work on it: the detail (`GET /tickets/{id}`), its files, and the
//! changes: Claim, transitions, messages.
//!
//! Tickets are addressed by their numeric id here; the reference is for people.

pub mod actions;
pub mod messages;

use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use crate::workflow;
use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::response::Response;
use domain::api::TicketDetail;

/// The id in a path; anything else is an unknown ticket.
pub fn ticket_id(raw: &str) -> Result<i64, Error> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| Error::not_found("ticket"))
}

/// The ticket's workflow state, if `staff` may open it.
async fn visible(state: &State, staff: &Staff, id: i64) -> Result<workflow::TicketState, Error> {
    let ticket = state
        .store
        .ticket_state(id)
        .await?
        .ok_or_else(|| Error::not_found("ticket"))?;
    workflow::may_view(staff, &ticket)?;
    Ok(ticket)
}

/// Everything about a ticket: the walk, facts, diagnostics, contact, files, the whole
/// thread with internal notes, the audit trail, and what the caller may do now.
#[utoipa::path(get, path = "/tickets/{id}", tag = "tickets",
    security(("session" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = TicketDetail),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "Agents open only returned tickets and tickets they hold", body = domain::api::ApiError),
        (status = 404, body = domain::api::ApiError),
    ))]
pub async fn show(
    Extract(state): Extract<State>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Json<TicketDetail>, Error> {
    let id = ticket_id(&id)?;
    let ticket = visible(&state, &staff, id).await?;
    let mut detail = state
        .store
        .ticket_detail(id)
        .await?
        .ok_or_else(|| Error::not_found("ticket"))?;
    // The actions follow the state read just now; if the detail is newer, acting on
    // its revision is checked again anyway.
    detail.actions = workflow::allowed(&staff, &ticket);
    Ok(Json(detail))
}

/// One attachment of the ticket (the hand-off's or a message's), always as a download.
#[utoipa::path(get, path = "/tickets/{id}/attachments/{attachment}", tag = "tickets",
    security(("session" = [])),
    params(("id" = i64, Path), ("attachment" = i64, Path)),
    responses(
        (status = 200, description = "The file"),
        (status = 401, body = domain::api::ApiError),
        (status = 403, body = domain::api::ApiError),
        (status = 404, body = domain::api::ApiError),
    ))]
pub async fn attachment(
    Extract(state): Extract<State>,
    staff: Staff,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, Error> {
    let id = ticket_id(&id)?;
    visible(&state, &staff, id).await?;
    let attachment = attachment
        .parse::<i64>()
        .map_err(|_| Error::not_found("attachment"))?;
    let (name, content_type, data) = state
        .store
        .attachment(id, attachment)
        .await?
        .ok_or_else(|| Error::not_found("attachment"))?;
    Ok(super::handoffs::download(&name, &content_type, data))
}
