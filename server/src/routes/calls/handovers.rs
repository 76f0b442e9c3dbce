//! The agent's side of a session handover: type the code the caller reads aloud, then
//! follow and move the same walk, and end the session. Only the agent who took a code
//! reads and moves its session. See [`crate::routes::handovers`] for the caller's side
//! and [`super::attempts`] for the attempt limits.

use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use crate::json::Body;
use crate::routes::handovers::{self as shared, code_hash, state_of};
use crate::store::handovers::HandoverRow;
use crate::store::now_ms;
use axum::Json;
use axum::extract::{Path, RawQuery, State as Extract};
use domain::api::{HandoverClaim, HandoverMove, HandoverState, HandoverStatus, Party};
use std::time::Instant;

/// The session, if `staff` took it; 403 otherwise.
async fn taken_by(state: &State, staff: &Staff, id: &str) -> Result<HandoverRow, Error> {
    let row = shared::read(state, shared::handover_id(id)?).await?;
    match &row.agent {
        Some(agent) if agent.id == staff.id => Ok(row),
        Some(_) => Err(Error::Forbidden(
            "another agent took this session; only that agent follows it".into(),
        )),
        None => Err(Error::Forbidden(
            "nobody took this session yet; take it with the caller's code".into(),
        )),
    }
}

/// The agent types the caller's code and takes the session.
#[utoipa::path(post, path = "/calls/handovers", tag = "calls",
    security(("session" = [])),
    request_body = HandoverClaim,
    responses(
        (status = 200, description = "The session is the agent's (also when this agent took it before)", body = HandoverState),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "Missing CSRF token", body = domain::api::ApiError),
        (status = 404, description = "`code_unknown`: no session has this code", body = domain::api::ApiError),
        (status = 409, description = "`code_taken`: another agent took the code", body = domain::api::ApiError),
        (status = 410, description = "`code_expired`: the code is no longer valid", body = domain::api::ApiError),
        (status = 422, description = "`code` is not ten digits", body = domain::api::ApiError),
        (status = 429, description = "`too_many_attempts`: too many wrong codes; `details.retry_after` seconds", body = domain::api::ApiError),
    ))]
pub async fn claim(
    Extract(state): Extract<State>,
    staff: Staff,
    Body(request): Body<HandoverClaim>,
) -> Result<Json<HandoverState>, Error> {
    let digits = domain::api::normalize_handover_code(&request.code).ok_or_else(|| {
        Error::invalid(
            "code",
            "format",
            "a code is ten digits, as the caller reads them: 482 193 5572",
        )
    })?;
    if let Err(wait) = state.attempts.check(staff.id, Instant::now()) {
        return Err(Error::TooManyAttempts {
            message:
                "too many wrong codes; wait a moment, then ask the caller to read the code again"
                    .into(),
            retry_after_secs: wait.as_secs_f64().ceil() as u64,
        });
    }
    let failed = |error: Error| {
        state.attempts.failed(staff.id, Instant::now());
        Err(error)
    };
    let Some(mut row) = state
        .store
        .handover_by_code(&code_hash(&state, &digits))
        .await?
    else {
        return failed(Error::Unknown {
            code: "code_unknown",
            message: "no session has this code; ask the caller to read it again".into(),
        });
    };
    for _ in 0..5 {
        let now = now_ms();
        let mine = row.agent.as_ref().is_some_and(|a| a.id == staff.id);
        match row.status(now) {
            _ if mine => return Ok(Json(state_of(&state, &row, Party::Agent, now))),
            HandoverStatus::Waiting => {
                if state.store.claim_handover(row.id, staff.id, now).await? {
                    let row = shared::read(&state, row.id).await?;
                    return Ok(Json(state_of(&state, &row, Party::Agent, now_ms())));
                }
                row = shared::read(&state, row.id).await?;
            }
            HandoverStatus::Expired => {
                return failed(Error::Gone {
                    code: "code_expired",
                    message: format!(
                        "this code expired (codes are valid for {} minutes); the caller can ask for a new one",
                        domain::api::HANDOVER_CODE_MINUTES
                    ),
                });
            }
            _ if row.agent.is_none() => {
                return failed(Error::Gone {
                    code: "code_expired",
                    message: "the caller ended this session; the caller can ask for a new code"
                        .into(),
                });
            }
            // Whoever took it: the name is not told, the code may be a guess.
            _ => {
                return failed(Error::conflict(
                    "code_taken",
                    "another agent took this code already",
                ));
            }
        }
    }
    Err(Error::Internal(
        "the handover kept changing while taking it".into(),
    ))
}

/// The session as the agent sees it; `?after=N` waits for the next change.
#[utoipa::path(get, path = "/calls/handovers/{id}", tag = "calls",
    security(("session" = [])),
    params(
        ("id" = i64, Path),
        ("after" = Option<i64>, Query, description = "The revision the agent has: with the current one, the answer waits (up to 20 s) for the next change"),
    ),
    responses(
        (status = 200, body = HandoverState),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "Another agent took the session, or nobody did", body = domain::api::ApiError),
        (status = 404, body = domain::api::ApiError),
        (status = 422, description = "`after` is not a number", body = domain::api::ApiError),
    ))]
pub async fn show(
    Extract(state): Extract<State>,
    staff: Staff,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<HandoverState>, Error> {
    let after = shared::after_param(query.as_deref())?;
    let changes = state.live.changes();
    let row = taken_by(&state, &staff, &id).await?;
    let row = shared::follow(&state, changes, row, after).await?;
    Ok(Json(state_of(&state, &row, Party::Agent, now_ms())))
}

/// The agent moves the walk; the caller's page follows.
#[utoipa::path(put, path = "/calls/handovers/{id}/walk", tag = "calls",
    security(("session" = [])),
    request_body = HandoverMove,
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = HandoverState),
        (status = 401, body = domain::api::ApiError),
        (status = 403, body = domain::api::ApiError),
        (status = 404, body = domain::api::ApiError),
        (status = 409, description = "`stale`: the walk moved since; `details.state` is the current state", body = domain::api::ApiError),
        (status = 410, description = "`handover_over`: the session ended", body = domain::api::ApiError),
        (status = 422, description = "The transcript is not a legal walk", body = domain::api::ApiError),
    ))]
pub async fn walk(
    Extract(state): Extract<State>,
    staff: Staff,
    Path(id): Path<String>,
    Body(request): Body<HandoverMove>,
) -> Result<Json<HandoverState>, Error> {
    let row = taken_by(&state, &staff, &id).await?;
    Ok(Json(
        shared::apply_move(&state, row, Party::Agent, &request).await?,
    ))
}

/// The agent ends the session (a session over already is answered as it is).
#[utoipa::path(post, path = "/calls/handovers/{id}/end", tag = "calls",
    security(("session" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = HandoverState),
        (status = 401, body = domain::api::ApiError),
        (status = 403, body = domain::api::ApiError),
        (status = 404, body = domain::api::ApiError),
    ))]
pub async fn end(
    Extract(state): Extract<State>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Json<HandoverState>, Error> {
    let row = taken_by(&state, &staff, &id).await?;
    Ok(Json(shared::end(&state, row, Party::Agent).await?))
}
