//! Before a new ticket, the agent looks the caller up: `GET /calls/lookup?q=` finds the
//! open tickets of a reference, an e-mail address or a phone number, so no duplicate
//! is opened. `GET /calls/returned` lists the tickets the 2nd level returned to the
//! 1st level, with the instructions given with the return.

use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use crate::store::calls::CallerKey;
use crate::workflow::{self, TicketState};
use axum::Json;
use axum::extract::{Query, State as Extract};
use domain::api::{
    CallerTicket, CallerTickets, QueueItem, ReturnedTicket, ReturnedTickets, phone_digits,
};
use domain::ticket::normalize_reference;
use serde::Deserialize;

/// Most tickets a lookup answers.
const LOOKUP_LIMIT: i64 = 20;
/// Fewest digits a phone number is looked up by (fewer match too many people).
const MIN_PHONE_DIGITS: usize = 6;

/// What `q` is read as: an e-mail address (it has an `@`), a phone number (only the
/// characters of one, at least six digits), else a reference. A reference made of
/// digits only (no letter among its eight characters; about 2 in 100,000) is read as a
/// phone number: people say phone numbers far more often.
pub fn caller_key(q: &str) -> Option<CallerKey> {
    let q = q.trim();
    if q.contains('@') {
        return (q.len() <= 254 && !q.contains(char::is_whitespace))
            .then(|| CallerKey::Email(q.to_owned()));
    }
    let digits = phone_digits(q);
    let phone_like = q
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()/.".contains(c));
    if phone_like && digits.len() >= MIN_PHONE_DIGITS && digits.len() <= 20 {
        return Some(CallerKey::Phone(digits));
    }
    normalize_reference(q).map(CallerKey::Reference)
}

#[derive(Debug, Deserialize)]
pub struct LookupQuery {
    q: Option<String>,
}

/// Whether `staff` may open the ticket of `item` (agents: returned or held by them).
fn can_open(staff: &Staff, item: &QueueItem) -> bool {
    let ticket = TicketState {
        id: item.id,
        status: item.status,
        holder: item.holder.clone(),
        revision: item.revision,
        claimed_at: None,
        resolved_at: None,
        resolution: None,
        gap_node: None,
    };
    workflow::may_view(staff, &ticket).is_ok()
}

/// A caller's open tickets, newest first.
#[utoipa::path(get, path = "/calls/lookup", tag = "calls",
    security(("session" = [])),
    params(("q" = String, Query, description = "A reference (`K7M4-QX9P`), an e-mail address or a phone number (digits compared)")),
    responses(
        (status = 200, body = CallerTickets),
        (status = 401, body = domain::api::ApiError),
        (status = 422, description = "`q` is neither a reference, an e-mail address nor a phone number", body = domain::api::ApiError),
    ))]
pub async fn lookup(
    Extract(state): Extract<State>,
    staff: Staff,
    Query(query): Query<LookupQuery>,
) -> Result<Json<CallerTickets>, Error> {
    let key = caller_key(query.q.as_deref().unwrap_or("")).ok_or_else(|| {
        Error::invalid(
            "q",
            "format",
            "give a ticket reference (K7M4-QX9P), an e-mail address or a phone number (at least 6 digits)",
        )
    })?;
    let matched_by = match &key {
        CallerKey::Reference(_) => "reference",
        CallerKey::Email(_) => "email",
        CallerKey::Phone(_) => "phone",
    };
    let items = state
        .store
        .caller_tickets(&key, LOOKUP_LIMIT)
        .await?
        .into_iter()
        .map(|item| CallerTicket {
            can_open: can_open(&staff, &item),
            id: item.id,
            reference: item.reference,
            status: item.status,
            priority: item.priority,
            tree: item.tree,
            channel: item.channel,
            contact_name: item.contact_name,
            created_at: item.created_at,
            updated_at: item.updated_at,
            holder: item.holder,
        })
        .collect();
    Ok(Json(CallerTickets {
        matched_by: matched_by.into(),
        items,
    }))
}

/// Tickets returned to the 1st level (and the returned ones the asker holds now),
/// oldest return first, with the 2nd level's instructions and how to call back.
#[utoipa::path(get, path = "/calls/returned", tag = "calls",
    security(("session" = [])),
    responses(
        (status = 200, body = ReturnedTickets),
        (status = 401, body = domain::api::ApiError),
    ))]
pub async fn returned(
    Extract(state): Extract<State>,
    staff: Staff,
) -> Result<Json<ReturnedTickets>, Error> {
    let items = state
        .store
        .returned_tickets(staff.id)
        .await?
        .into_iter()
        .map(|row| ReturnedTicket {
            item: row.item,
            instructions: row.instructions,
            returned_by: row.returned_by,
            returned_at: row.returned_at,
            contact_phone: row.contact_phone,
            contact_email: row.contact_email,
            language: row.language,
        })
        .collect();
    Ok(Json(ReturnedTickets { items }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_is_read_as_email_phone_or_reference() {
        assert_eq!(
            caller_key(" Anna@Example.org "),
            Some(CallerKey::Email("Anna@Example.org".into()))
        );
        assert_eq!(
            caller_key("+49 (30) 123-456"),
            Some(CallerKey::Phone("4930123456".into()))
        );
        assert_eq!(
            caller_key("k7m4 qx9p"),
            Some(CallerKey::Reference("K7M4-QX9P".into()))
        );
        // Digits only: a phone number, even if it could be a reference.
        assert_eq!(
            caller_key("2345-6789"),
            Some(CallerKey::Phone("23456789".into()))
        );
        assert_eq!(caller_key("12345"), None);
        assert_eq!(caller_key("Anna Muster"), None);
        assert_eq!(caller_key(""), None);
    }
}
