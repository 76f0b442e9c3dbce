//! The caller's side of a session handover by code: the portal asks for a code
//! (`POST /handovers`), then follows and moves the walk with the bearer token it got
//! (`GET`/`PUT .../walk`/`DELETE /handovers/{id}`). The agent's side is in
//! [`super::calls::handovers`]; both share the reading, moving and waiting here.
//!
//! The code is what the caller reads aloud; it is stored only as HMAC-SHA256 with the
//! server secret. A plain SHA-256 would not do: ten digits are 10^10 candidates, which a
//! stolen database reverses offline in seconds; with the secret (kept in the database
//! too, but not in a copy of the `handovers` table) it cannot be tested offline at all.
//! The caller's token carries 256 random bits and is stored hashed like ticket tokens;
//! a wrong one is answered like an unknown id (404), and the status routes'
//! token-guess limit applies (`rate.rs`).
//!
//! Long-poll: `?after=N` with N the current revision waits (up to [`LONG_POLL`]) for the
//! next change, woken by the `handover_changed` live event from any instance. Any other
//! N answers at once, so a client that is behind catches up without waiting.

use crate::State;
use crate::auth::secret;
use crate::error::Error;
use crate::intake::{self, Versions};
use crate::json::Body;
use crate::live::Delivery;
use crate::store::handovers::{HandoverRow, NewHandover};
use crate::store::now_ms;
use axum::Json;
use axum::extract::{Path, RawQuery, State as Extract};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::api::{
    HANDOVER_CODE_MINUTES, HandoverCreated, HandoverMove, HandoverRequest, HandoverState,
    HandoverStatus, HandoverTicket, Party, display_handover_code, handover_code_from,
};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};

/// The longest a long-poll waits for a change.
pub const LONG_POLL: Duration = Duration::from_secs(20);

/// Most handovers live at once; a new one beyond is answered 503 `busy`. The bound
/// enters the guessing argument (`calls::attempts`): every live code is a target.
pub const MAX_LIVE: i64 = 1_000;

/// The stored form of a handover code: HMAC-SHA256 with the server secret (see the
/// module doc for why not a plain hash).
pub fn code_hash(state: &State, digits: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(state.ticket_secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(b"lotse handover code\0");
    mac.update(digits.as_bytes());
    super::handoffs::hex(&mac.finalize().into_bytes())
}

/// The session as one side sees it at `now`: the caller gets the ticket's reference and
/// access token, the agent its reference and id.
pub fn state_of(state: &State, row: &HandoverRow, side: Party, now: i64) -> HandoverState {
    let status = row.status(now);
    HandoverState {
        id: row.id,
        revision: row.revision,
        status,
        agent: row.agent.as_ref().map(|a| a.name.clone()),
        walk: row.walk.clone(),
        diagnostics: row.diagnostics.clone(),
        language: row.language.clone(),
        created_at: row.created_at,
        expires_at: row.expires_at,
        ended_by: match status {
            HandoverStatus::Ended | HandoverStatus::Escalated | HandoverStatus::Solved => {
                row.ended_by
            }
            _ => None,
        },
        ticket: row.ticket.as_ref().map(|(id, reference, key)| match side {
            Party::Caller => HandoverTicket {
                reference: reference.clone(),
                token: Some(super::handoffs::access_token(state, key)),
                id: None,
            },
            Party::Agent => HandoverTicket {
                reference: reference.clone(),
                token: None,
                id: Some(*id),
            },
        }),
    }
}

/// The id in a path; anything else names no handover.
pub fn handover_id(raw: &str) -> Result<i64, Error> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| Error::not_found("handover"))
}

/// `?after=N`, if given.
pub fn after_param(query: Option<&str>) -> Result<Option<i64>, Error> {
    let Some(value) = query
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("after="))
    else {
        return Ok(None);
    };
    value.parse::<i64>().map(Some).map_err(|_| {
        Error::invalid(
            "after",
            "type",
            format!("`{value}` is not a revision; send the revision you have"),
        )
    })
}

/// Waits until the handover is past revision `after` (only if `row` is at exactly that
/// revision), for at most [`LONG_POLL`] and, while a code waits, no later than its
/// expiry. `changes` must have been subscribed before `row` was read, so a change in
/// between is not missed.
pub async fn follow(
    state: &State,
    mut changes: broadcast::Receiver<Arc<Delivery>>,
    row: HandoverRow,
    after: Option<i64>,
) -> Result<HandoverRow, Error> {
    if after != Some(row.revision) {
        return Ok(row);
    }
    let now = now_ms();
    let mut wait = LONG_POLL;
    if row.status(now) == HandoverStatus::Waiting {
        let until_expiry = u64::try_from(row.expires_at - now).unwrap_or(0);
        wait = wait.min(Duration::from_millis(until_expiry));
    }
    let deadline = tokio::time::Instant::now() + wait;
    let mut closing = state.live.closing();
    let reread = || async {
        state
            .store
            .handover(row.id)
            .await?
            .ok_or_else(|| Error::not_found("handover"))
    };
    loop {
        if *closing.borrow_and_update() {
            return reread().await;
        }
        tokio::select! {
            () = tokio::time::sleep_until(deadline) => return reread().await,
            _ = closing.changed() => return reread().await,
            received = changes.recv() => match received {
                Ok(delivery) if delivery.handover == Some(row.id) => {
                    let now = reread().await?;
                    if now.revision != row.revision {
                        return Ok(now);
                    }
                }
                Ok(_) => {}
                // Fell behind the broadcast: the table knows.
                Err(RecvError::Lagged(_)) => {
                    let now = reread().await?;
                    if now.revision != row.revision {
                        return Ok(now);
                    }
                }
                Err(RecvError::Closed) => return reread().await,
            },
        }
    }
}

/// The 409 `stale` of a move sent with an old revision, with the current state.
pub fn stale(state: &State, row: &HandoverRow, side: Party, seen: i64) -> Error {
    let current = state_of(state, row, side, now_ms());
    Error::Conflict {
        code: "stale",
        message: format!(
            "the walk moved since you saw it (you saw revision {seen}, it is at {}); go on from the current state",
            row.revision
        ),
        details: Some(serde_json::json!({ "state": current })),
    }
}

/// The 410 of a change to a session that is over.
pub fn over(status: HandoverStatus) -> Error {
    let name = serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    Error::Gone {
        code: "handover_over",
        message: format!("the session is {name}; the walk cannot move any more"),
    }
}

/// Replays a move on the handover's versions and stores it at the revision seen.
pub async fn apply_move(
    state: &State,
    row: HandoverRow,
    side: Party,
    request: &HandoverMove,
) -> Result<HandoverState, Error> {
    let now = now_ms();
    let status = row.status(now);
    if !status.is_live() {
        return Err(over(status));
    }
    if request.revision != row.revision {
        return Err(stale(state, &row, side, request.revision));
    }
    let (walk, _) = intake::replay_on(
        &state.store,
        &state.trees.catalog(),
        &row.tree_id,
        &row.versions,
        &request.transcript,
        Versions::Extend,
    )
    .await?;
    // The versions fixed so far stay fixed: going back before a jump and forward again
    // finds the same tree.
    let mut versions = row.versions.clone();
    versions.extend(walk.versions.clone());
    if !state
        .store
        .move_handover(row.id, row.revision, &walk, &versions, now)
        .await?
    {
        let current = read(state, row.id).await?;
        return Err(stale(state, &current, side, request.revision));
    }
    let moved = read(state, row.id).await?;
    Ok(state_of(state, &moved, side, now_ms()))
}

/// A handover that must exist.
pub async fn read(state: &State, id: i64) -> Result<HandoverRow, Error> {
    state
        .store
        .handover(id)
        .await?
        .ok_or_else(|| Error::not_found("handover"))
}

/// Ends a session for `side` (a retried end answers the state as it is).
pub async fn end(state: &State, mut row: HandoverRow, side: Party) -> Result<HandoverState, Error> {
    for _ in 0..5 {
        let now = now_ms();
        if !row.is_live(now) {
            return Ok(state_of(state, &row, side, now));
        }
        if state
            .store
            .end_handover(row.id, row.revision, side, now)
            .await?
        {
            let ended = read(state, row.id).await?;
            return Ok(state_of(state, &ended, side, now_ms()));
        }
        row = read(state, row.id).await?;
    }
    Err(Error::Internal(
        "the handover kept changing while ending it".into(),
    ))
}

/// The handover behind the path's id, if the bearer token opens it; otherwise 404.
async fn opened(state: &State, id: &str, headers: &HeaderMap) -> Result<HandoverRow, Error> {
    let id = handover_id(id)?;
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let row = read(state, id).await?;
    if !secret::same(&secret::hash(token.trim()), &row.token_hash) {
        return Err(Error::not_found("handover"));
    }
    Ok(row)
}

/// The caller asks to talk to a person: the walk so far goes to the server, the
/// answer is the code to read aloud and the token to follow the session.
#[utoipa::path(post, path = "/handovers", tag = "handovers",
    request_body = HandoverRequest,
    responses(
        (status = 201, description = "A code waits for an agent", body = HandoverCreated),
        (status = 422, description = "A field breaks a rule, or the walk is not legal", body = domain::api::ApiError),
        (status = 429, description = "Too many codes asked for from this address", body = domain::api::ApiError),
        (status = 503, description = "`busy`: too many sessions wait at once; try again in a minute", body = domain::api::ApiError),
    ))]
pub async fn create(
    Extract(state): Extract<State>,
    Body(request): Body<HandoverRequest>,
) -> Result<Response, Error> {
    let catalog = state.trees.catalog();
    let (walk, _) = intake::replay_on(
        &state.store,
        &catalog,
        &request.tree,
        &request.versions,
        &request.transcript,
        Versions::Exact,
    )
    .await?;
    let diagnostics = {
        intake::diagnostics(&request.diagnostics)?;
        request.diagnostics.clone()
    };
    let language = intake::language(&request.language, catalog.tree(&request.tree))?;
    let now = now_ms();
    if state.store.live_handovers(now).await? >= MAX_LIVE {
        return Err(Error::Busy {
            message: "too many people are waiting for an agent right now; please call the support line or try again in a minute".into(),
        });
    }
    let token = secret::token();
    let mut handover = NewHandover {
        code_hash: String::new(),
        token_hash: secret::hash(&token),
        tree_id: request.tree.clone(),
        versions: walk.versions.clone(),
        walk,
        diagnostics,
        language,
        created_at: now,
        expires_at: now + HANDOVER_CODE_MINUTES * 60_000,
    };
    // A fresh code equal to a live one (about 1,000 in 10^10) would give an agent the
    // wrong caller: draw again.
    let mut code = None;
    for _ in 0..5 {
        let digits = handover_code_from(secret::random::<8>());
        let hash = code_hash(&state, &digits);
        if !state.store.code_in_use(&hash, now).await? {
            handover.code_hash = hash;
            code = Some(digits);
            break;
        }
    }
    let code = code.ok_or_else(|| Error::Internal("no free handover code after 5 tries".into()))?;
    let id = state.store.create_handover(&handover).await?;
    let row = read(&state, id).await?;
    let created = HandoverCreated {
        id,
        code: display_handover_code(&code),
        token,
        expires_at: handover.expires_at,
        phone: state.config.support_phone.clone(),
        state: state_of(&state, &row, Party::Caller, now),
    };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// The session as the caller sees it; `?after=N` waits for the next change.
#[utoipa::path(get, path = "/handovers/{id}", tag = "handovers",
    params(
        ("id" = i64, Path),
        ("after" = Option<i64>, Query, description = "The revision the caller has: with the current one, the answer waits (up to 20 s) for the next change"),
        ("Authorization" = String, Header, description = "`Bearer <token>` from the created handover"),
    ),
    responses(
        (status = 200, body = HandoverState),
        (status = 404, description = "Unknown id or wrong token", body = domain::api::ApiError),
        (status = 422, description = "`after` is not a number", body = domain::api::ApiError),
    ))]
pub async fn show(
    Extract(state): Extract<State>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Json<HandoverState>, Error> {
    let after = after_param(query.as_deref())?;
    let changes = state.live.changes();
    let row = opened(&state, &id, &headers).await?;
    let row = follow(&state, changes, row, after).await?;
    Ok(Json(state_of(&state, &row, Party::Caller, now_ms())))
}

/// The caller moves the walk (while waiting or connected): the whole transcript as the
/// caller has it now, with the revision seen.
#[utoipa::path(put, path = "/handovers/{id}/walk", tag = "handovers",
    request_body = HandoverMove,
    params(("id" = i64, Path), ("Authorization" = String, Header, description = "`Bearer <token>`")),
    responses(
        (status = 200, body = HandoverState),
        (status = 404, body = domain::api::ApiError),
        (status = 409, description = "`stale`: the walk moved since; `details.state` is the current state", body = domain::api::ApiError),
        (status = 410, description = "`handover_over`: the session ended", body = domain::api::ApiError),
        (status = 422, description = "The transcript is not a legal walk", body = domain::api::ApiError),
    ))]
pub async fn walk(
    Extract(state): Extract<State>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(request): Body<HandoverMove>,
) -> Result<Json<HandoverState>, Error> {
    let row = opened(&state, &id, &headers).await?;
    Ok(Json(
        apply_move(&state, row, Party::Caller, &request).await?,
    ))
}

/// The caller ends the session (a session over already is answered as it is).
#[utoipa::path(delete, path = "/handovers/{id}", tag = "handovers",
    params(("id" = i64, Path), ("Authorization" = String, Header, description = "`Bearer <token>`")),
    responses(
        (status = 200, body = HandoverState),
        (status = 404, body = domain::api::ApiError),
    ))]
pub async fn end_by_caller(
    Extract(state): Extract<State>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<HandoverState>, Error> {
    let row = opened(&state, &id, &headers).await?;
    Ok(Json(end(&state, row, Party::Caller).await?))
}
