//! The caller's calls of a handover session: ask for a code, follow the session
//! (long-poll), send the caller's moves, end it. Every call after the first carries
//! the session's token as `Authorization: Bearer`, never in the address.

use super::wire::{Created, Shared};
use crate::deadline::Deadline;
use domain::api::{API, HandoverMove, HandoverRequest};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::set_timeout_with_handle;
use serde::Deserialize;
use std::time::Duration;
use web_sys::{AbortController, AbortSignal};

/// How long a plain call may take.
const LIMIT: Duration = Duration::from_secs(20);
/// How long a long-poll may take: the server holds it up to about 20 s.
const POLL_LIMIT: Duration = Duration::from_secs(35);

/// Why a call brought no state.
#[derive(Debug, Clone, PartialEq)]
pub enum HandoverError {
    /// No answer (offline, server away, too slow, or the page stopped the request).
    Unreachable,
    /// The session is unknown, or the token does not open it any more.
    Gone,
    /// A move from a revision the server has left: its state now.
    Stale(Box<Shared>),
    /// The session is over: no more moves.
    Over,
    /// Any other refusal.
    Failed,
}

/// The error body's parts read here: `details.state` of a 409 `stale`.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    details: Option<Details>,
}

#[derive(Deserialize)]
struct Details {
    state: Shared,
}

fn url(id: i64, rest: &str) -> String {
    format!("{API}/handovers/{id}{rest}")
}

fn prepared(request: RequestBuilder, token: &str, signal: Option<&AbortSignal>) -> RequestBuilder {
    request
        .header("Accept", "application/json")
        .header("Authorization", &format!("Bearer {token}"))
        .abort_signal(signal)
}

async fn answer<T: serde::de::DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, HandoverError> {
    let response = response.map_err(|_| HandoverError::Unreachable)?;
    match response.status() {
        200..=299 => response.json().await.map_err(|_| HandoverError::Failed),
        401 | 404 => Err(HandoverError::Gone),
        409 => match response.json::<ErrorBody>().await {
            Ok(ErrorBody {
                details: Some(details),
            }) => Err(HandoverError::Stale(Box::new(details.state))),
            _ => Err(HandoverError::Failed),
        },
        410 => Err(HandoverError::Over),
        408 | 429 | 502..=504 => Err(HandoverError::Unreachable),
        _ => Err(HandoverError::Failed),
    }
}

/// `POST /api/v1/handovers`: the walk goes to the server now, and a code comes back.
pub async fn create(request: &HandoverRequest) -> Result<Created, HandoverError> {
    let deadline = Deadline::after(LIMIT);
    let request = Request::post(&format!("{API}/handovers"))
        .header("Accept", "application/json")
        .abort_signal(deadline.signal().as_ref())
        .json(request)
        .map_err(|_| HandoverError::Failed)?;
    answer(request.send().await).await
}

/// `GET /api/v1/handovers/{id}?after=N`: the state once its revision is past `after`
/// (or after about 20 s). `stop` ends the wait: the page aborts it when it is left,
/// and a timer here when the server takes too long.
pub async fn read(
    id: i64,
    token: &str,
    after: Option<i64>,
    stop: &AbortController,
) -> Result<Shared, HandoverError> {
    let limit = stop.clone();
    let timer = set_timeout_with_handle(move || limit.abort(), POLL_LIMIT).ok();
    let rest = after.map(|n| format!("?after={n}")).unwrap_or_default();
    let signal = stop.signal();
    let response = prepared(Request::get(&url(id, &rest)), token, Some(&signal))
        .send()
        .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    answer(response).await
}

/// `PUT /api/v1/handovers/{id}/walk`: the caller's moves, from the revision seen.
pub async fn send_move(
    id: i64,
    token: &str,
    moved: &HandoverMove,
) -> Result<Shared, HandoverError> {
    let deadline = Deadline::after(LIMIT);
    let request = prepared(
        Request::put(&url(id, "/walk")),
        token,
        deadline.signal().as_ref(),
    )
    .json(moved)
    .map_err(|_| HandoverError::Failed)?;
    answer(request.send().await).await
}

/// `DELETE /api/v1/handovers/{id}`: the caller ends the session (or withdraws the code).
pub async fn end(id: i64, token: &str) -> Result<Shared, HandoverError> {
    let deadline = Deadline::after(LIMIT);
    answer(
        prepared(
            Request::delete(&url(id, "")),
            token,
            deadline.signal().as_ref(),
        )
        .send()
        .await,
    )
    .await
}
