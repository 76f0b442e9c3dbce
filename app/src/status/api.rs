//! The status page's calls: read the ticket, add information, "solved myself". Each
//! sends the access token as `Authorization: Bearer`, never in the address, so it stays
//! out of server logs.

use crate::api::FetchError;
use crate::deadline::Deadline;
use domain::api::{API, PublicTicket, UserMessage};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Deserialize;
use std::time::Duration;

/// How long a read may take.
const READ_LIMIT: Duration = Duration::from_secs(20);
/// How long sending may take: three files of 5 MB on a slow line take a while.
const SEND_LIMIT: Duration = Duration::from_secs(120);

/// Why a change was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    Unreachable,
    /// Reference and token no longer open the ticket.
    NotFound,
    /// The ticket is resolved or closed.
    Closed,
    /// The server refused the content; its reason, for people (in English).
    Refused(String),
    Failed,
}

/// Only the part of the API's error body the page shows.
#[derive(Deserialize)]
struct Refusal {
    message: String,
}

fn url(reference: &str, rest: &str) -> String {
    format!("{API}/handoffs/{reference}{rest}")
}

fn authorized(request: RequestBuilder, token: &str, deadline: &Deadline) -> RequestBuilder {
    request
        .header("Accept", "application/json")
        .header("Authorization", &format!("Bearer {token}"))
        .abort_signal(deadline.signal().as_ref())
}

/// `GET /api/v1/handoffs/{reference}`.
pub async fn show(reference: &str, token: &str) -> Result<PublicTicket, FetchError> {
    let deadline = Deadline::after(READ_LIMIT);
    let response = authorized(Request::get(&url(reference, "")), token, &deadline)
        .send()
        .await
        .map_err(|_| FetchError::Unreachable)?;
    match response.status() {
        200 => response.json().await.map_err(|_| FetchError::Failed),
        404 => Err(FetchError::NotFound),
        502..=504 => Err(FetchError::Unreachable),
        _ => Err(FetchError::Failed),
    }
}

/// `POST /api/v1/handoffs/{reference}/messages`.
pub async fn add(reference: &str, token: &str, message: &UserMessage) -> Result<(), SendError> {
    let deadline = Deadline::after(SEND_LIMIT);
    let request = authorized(
        Request::post(&url(reference, "/messages")),
        token,
        &deadline,
    )
    .json(message)
    .map_err(|_| SendError::Failed)?;
    let response = request.send().await.map_err(|_| SendError::Unreachable)?;
    outcome(response).await
}

/// `POST /api/v1/handoffs/{reference}/solved`.
pub async fn solved(reference: &str, token: &str) -> Result<(), SendError> {
    let deadline = Deadline::after(READ_LIMIT);
    let response = authorized(Request::post(&url(reference, "/solved")), token, &deadline)
        .send()
        .await
        .map_err(|_| SendError::Unreachable)?;
    outcome(response).await
}

async fn outcome(response: Response) -> Result<(), SendError> {
    match response.status() {
        200..=299 => Ok(()),
        404 => Err(SendError::NotFound),
        409 => Err(SendError::Closed),
        413 | 422 => Err(response
            .json::<Refusal>()
            .await
            .map_or(SendError::Failed, |r| SendError::Refused(r.message))),
        502..=504 => Err(SendError::Unreachable),
        _ => Err(SendError::Failed),
    }
}
