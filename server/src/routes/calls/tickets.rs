//! A call's end: escalated to the 2nd level (`POST /calls/handoffs`, a ticket with
//! channel `phone`) or solved on the call (`POST /calls/solved`, an anonymous
//! `resolved` outcome and, if the agent wants, a closed ticket for the record).
//!
//! Both are idempotent exactly like the portal's hand-offs (`routes::handoffs`): the
//! same `Idempotency-Key` and body answer the first result again (200, header
//! `idempotent-replayed`), the same key with another body is a 409. The server replays
//! the walk as it does for hand-offs; the agent's notes are checked step by step.

use super::checks::{body_hash, caller, notes, started_at};
use crate::State;
use crate::auth::{Staff, secret};
use crate::error::Error;
use crate::intake::{self, Versions};
use crate::json::Raw;
use crate::routes::handoffs::{access_token, idempotency_key, level};
use crate::store::calls::{CallOutcome, CallStored, ClosedRecord, NewCall};
use crate::store::tickets::NewTicket;
use crate::store::{StoreError, now_ms};
use axum::Json;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::api::{CallHandoff, CallSolved, CallSolvedAnswer, CallTicket, HandoverStatus, Holder};
use domain::ticket::reference_from;
use domain::tree::{ContactNeeds, Level, Need, Node};

/// The agent escalates a call: a ticket in the escalate node's queue, channel `phone`,
/// with the agent and the notes.
#[utoipa::path(post, path = "/calls/handoffs", tag = "calls",
    security(("session" = [])),
    request_body = CallHandoff,
    params(("Idempotency-Key" = String, Header, description = "Made once per call's hand-off (16-128 of A-Z a-z 0-9 - _); retries send the same key and body")),
    responses(
        (status = 201, description = "The ticket was created", body = CallTicket),
        (status = 200, description = "A retry: the ticket created before with this key", body = CallTicket),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "The handover named is another agent's, or no CSRF token", body = domain::api::ApiError),
        (status = 404, description = "The handover named does not exist", body = domain::api::ApiError),
        (status = 409, description = "The key was used with another body, or the handover is over", body = domain::api::ApiError),
        (status = 422, description = "A field breaks a rule, or the walk is not legal or not escalated", body = domain::api::ApiError),
    ))]
pub async fn handoff(
    Extract(state): Extract<State>,
    staff: Staff,
    headers: HeaderMap,
    Raw(bytes): Raw,
) -> Result<Response, Error> {
    let key = idempotency_key(&headers)?;
    let request_hash = body_hash("call handoff", &bytes);
    if let Some(existing) = state.store.ticket_by_idempotency_key(&key).await? {
        return answer_again(&state, existing.id, &existing.request_hash, &request_hash).await;
    }
    let request: CallHandoff = crate::json::parse(&bytes)?;
    let catalog = state.trees.catalog();
    let (walk, walked) = intake::replay_on(
        &state.store,
        &catalog,
        &request.tree,
        &request.versions,
        &request.transcript,
        Versions::Exact,
    )
    .await?;
    let escalation = intake::escalation(walk, &walked)?;
    let caller = caller(&request.caller, escalation.contact)?;
    let notes = notes(&request.notes, request.transcript.len())?;
    let description = intake::text("description", &request.description)?;
    let diagnostics = intake::diagnostics(&request.diagnostics)?;
    let language = intake::language(&request.language, catalog.tree(&request.tree))?;
    let started_at = started_at(request.call_started_at)?;
    if let Some(id) = request.handover {
        connected_to(&state, &staff, id).await?;
    }
    let priority = state
        .config
        .priority_matrix
        .priority(request.impact, request.urgency);
    let created_at = now_ms();
    let due_at = state
        .sla
        .current(&state.store)
        .await?
        .due(priority, created_at);
    let place = escalation.walk.place().clone();
    let ticket = NewTicket {
        reference: String::new(),
        token_hash: secret::hash(&access_token(&state, &key)),
        idempotency_key: key.clone(),
        request_hash: request_hash.clone(),
        tree_id: request.tree.clone(),
        tree_version: request
            .versions
            .get(&request.tree)
            .cloned()
            .unwrap_or_default(),
        escalated_at_node: format!("{}/{}", place.tree, escalation.node),
        queue: escalation.queue.clone(),
        channel: "phone".into(),
        impact: level(request.impact),
        urgency: level(request.urgency),
        priority: i64::from(priority),
        contact_name: caller.name,
        contact_email: caller.email,
        contact_phone: caller.phone,
        description,
        language,
        walk: serde_json::to_string(&escalation.walk)
            .map_err(|e| Error::Internal(e.to_string()))?,
        diagnostics,
        created_at,
        due_at,
        attachments: Vec::new(),
    };
    let call = NewCall {
        agent: Holder {
            id: staff.id,
            name: staff.name.clone(),
        },
        notes,
        started_at,
        handover: request.handover,
    };
    store(&state, ticket, None, &call, None, HandoverStatus::Escalated).await
}

/// The call solved the problem: a `resolved` outcome where the walk stands and, with
/// `record`, a closed ticket for the record.
#[utoipa::path(post, path = "/calls/solved", tag = "calls",
    security(("session" = [])),
    request_body = CallSolved,
    params(("Idempotency-Key" = String, Header, description = "Made once per solved call (16-128 of A-Z a-z 0-9 - _); retries send the same key and body")),
    responses(
        (status = 201, description = "Recorded (with the closed ticket if one was asked for)", body = CallSolvedAnswer),
        (status = 200, description = "A retry: what was recorded before with this key", body = CallSolvedAnswer),
        (status = 401, body = domain::api::ApiError),
        (status = 403, description = "The handover named is another agent's, or no CSRF token", body = domain::api::ApiError),
        (status = 404, description = "The handover named does not exist", body = domain::api::ApiError),
        (status = 409, description = "The key was used with another body, or the handover is over", body = domain::api::ApiError),
        (status = 422, description = "A field breaks a rule, or the walk is not legal", body = domain::api::ApiError),
    ))]
pub async fn solved(
    Extract(state): Extract<State>,
    staff: Staff,
    headers: HeaderMap,
    Raw(bytes): Raw,
) -> Result<Response, Error> {
    let key = idempotency_key(&headers)?;
    let request_hash = body_hash("call solved", &bytes);
    if let Some(done) = state.store.outcome_by_key(&key).await? {
        if done.request_hash != request_hash {
            return Err(key_reused());
        }
        return solved_again(&state, done.ticket).await;
    }
    let request: CallSolved = crate::json::parse(&bytes)?;
    let catalog = state.trees.catalog();
    let (walk, walked) = intake::replay_on(
        &state.store,
        &catalog,
        &request.tree,
        &request.versions,
        &request.transcript,
        Versions::Exact,
    )
    .await?;
    let notes = notes(&request.notes, request.transcript.len())?;
    let diagnostics = intake::diagnostics(&request.diagnostics)?;
    let language = intake::language(&request.language, catalog.tree(&request.tree))?;
    let started_at = started_at(request.call_started_at)?;
    let summary = intake::text("summary", &request.summary)?;
    let place = walk.place().clone();
    let outcome = CallOutcome {
        tree: place.tree.clone(),
        version: walk.versions.get(&place.tree).cloned().unwrap_or_default(),
        node: place.node.clone(),
        idempotency_key: key.clone(),
        request_hash: request_hash.clone(),
        path: domain::api::path_in_end_tree(&walk),
    };
    let record = if request.record {
        if summary.is_empty() {
            return Err(Error::invalid(
                "summary",
                "required",
                "write what solved it: it becomes the ticket's resolution",
            ));
        }
        let any = ContactNeeds {
            email: Need::Optional,
            phone: Need::Optional,
        };
        let caller = match &request.caller {
            Some(c) => caller(c, any)?,
            None => {
                return Err(Error::invalid(
                    "caller",
                    "required",
                    "a ticket for the record needs at least the caller's name",
                ));
            }
        };
        Some(caller)
    } else {
        None
    };
    if let Some(id) = request.handover {
        connected_to(&state, &staff, id).await?;
    }
    let call = NewCall {
        agent: Holder {
            id: staff.id,
            name: staff.name.clone(),
        },
        notes,
        started_at,
        handover: request.handover,
    };
    let Some(caller) = record else {
        return match state
            .store
            .store_call(None, &call, Some(&outcome), HandoverStatus::Solved)
            .await
        {
            Ok(CallStored::Done { .. }) => {
                crate::metrics::walk_outcome(&place.tree, "resolved");
                Ok((StatusCode::CREATED, Json(CallSolvedAnswer { ticket: None })).into_response())
            }
            Ok(CallStored::HandoverOver) => Err(handover_over()),
            Err(StoreError::Conflict(_)) => replay_solved(&state, &key, &request_hash).await,
            Err(e) => Err(e.into()),
        };
    };
    let (low, now) = (Level::Low, now_ms());
    let priority = state.config.priority_matrix.priority(low, low);
    let due_at = state.sla.current(&state.store).await?.due(priority, now);
    let ticket = NewTicket {
        reference: String::new(),
        token_hash: secret::hash(&access_token(&state, &key)),
        idempotency_key: key.clone(),
        request_hash: request_hash.clone(),
        tree_id: request.tree.clone(),
        tree_version: request
            .versions
            .get(&request.tree)
            .cloned()
            .unwrap_or_default(),
        escalated_at_node: format!("{}/{}", place.tree, place.node),
        queue: record_queue(&state, walked.tree(&place.tree)),
        channel: "phone".into(),
        impact: level(low),
        urgency: level(low),
        priority: i64::from(priority),
        contact_name: caller.name,
        contact_email: caller.email,
        contact_phone: caller.phone,
        description: String::new(),
        language,
        walk: serde_json::to_string(&walk).map_err(|e| Error::Internal(e.to_string()))?,
        diagnostics,
        created_at: now,
        due_at,
        attachments: Vec::new(),
    };
    let closed = ClosedRecord {
        resolution: summary,
    };
    let answer = store(
        &state,
        ticket,
        Some(&closed),
        &call,
        Some(&outcome),
        HandoverStatus::Solved,
    )
    .await?;
    crate::metrics::walk_outcome(&place.tree, "resolved");
    Ok(answer)
}

/// Stores a call's ticket with a fresh reference (retried on the rare collision), and
/// answers it: 201 with the ticket (hand-off) or with `{ticket}` (solved call).
async fn store(
    state: &State,
    mut ticket: NewTicket,
    closed: Option<&ClosedRecord>,
    call: &NewCall,
    outcome: Option<&CallOutcome>,
    settle_as: HandoverStatus,
) -> Result<Response, Error> {
    for _ in 0..5 {
        ticket.reference = reference_from(secret::random::<8>());
        match state
            .store
            .store_call(Some((&ticket, closed)), call, outcome, settle_as)
            .await
        {
            Ok(CallStored::Done { ticket: Some(id) }) => {
                let made = call_ticket(state, id).await?;
                return Ok(if outcome.is_some() {
                    let answer = CallSolvedAnswer { ticket: Some(made) };
                    (StatusCode::CREATED, Json(answer)).into_response()
                } else {
                    (StatusCode::CREATED, Json(made)).into_response()
                });
            }
            Ok(CallStored::Done { ticket: None }) => {
                return Err(Error::Internal("a call's ticket was not stored".into()));
            }
            Ok(CallStored::HandoverOver) => return Err(handover_over()),
            Err(StoreError::Conflict(_)) => {
                // The reference was taken, or a retry with the same key won the race:
                // then answer as a retry.
                let key = &ticket.idempotency_key;
                if outcome.is_some() {
                    if state.store.outcome_by_key(key).await?.is_some() {
                        return replay_solved(state, key, &ticket.request_hash).await;
                    }
                } else if let Some(existing) = state.store.ticket_by_idempotency_key(key).await? {
                    return answer_again(
                        state,
                        existing.id,
                        &existing.request_hash,
                        &ticket.request_hash,
                    )
                    .await;
                }
                if state.store.ticket_by_idempotency_key(key).await?.is_some() {
                    return Err(key_reused());
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::Internal(
        "no free ticket reference after 5 tries".into(),
    ))
}

/// A retry of a call's hand-off: the ticket made before.
async fn answer_again(
    state: &State,
    id: i64,
    stored_hash: &str,
    request_hash: &str,
) -> Result<Response, Error> {
    if stored_hash != request_hash {
        return Err(key_reused());
    }
    let mut response = (StatusCode::OK, Json(call_ticket(state, id).await?)).into_response();
    replayed(&mut response);
    Ok(response)
}

/// A retry of a solved call, found by its key.
async fn replay_solved(state: &State, key: &str, request_hash: &str) -> Result<Response, Error> {
    match state.store.outcome_by_key(key).await? {
        Some(done) if done.request_hash == request_hash => solved_again(state, done.ticket).await,
        _ => Err(key_reused()),
    }
}

async fn solved_again(state: &State, ticket: Option<i64>) -> Result<Response, Error> {
    let ticket = match ticket {
        Some(id) => Some(call_ticket(state, id).await?),
        None => None,
    };
    let mut response = (StatusCode::OK, Json(CallSolvedAnswer { ticket })).into_response();
    replayed(&mut response);
    Ok(response)
}

fn replayed(response: &mut Response) {
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
}

async fn call_ticket(state: &State, id: i64) -> Result<CallTicket, Error> {
    let (reference, priority, status, due_at) = state
        .store
        .ticket_summary(id)
        .await?
        .ok_or_else(|| Error::Internal("a call's ticket vanished".into()))?;
    Ok(CallTicket {
        id,
        reference,
        priority: priority.clamp(1, 5) as u8,
        status,
        due_at,
    })
}

fn key_reused() -> Error {
    Error::conflict(
        "idempotency_key_reused",
        "this Idempotency-Key was used with another body; make a new key for a new call",
    )
}

fn handover_over() -> Error {
    Error::conflict(
        "handover_over",
        "the handover is no longer connected to you (the caller ended it, or it was settled); save the call without it",
    )
}

/// The handover named by a call must be connected to this agent.
async fn connected_to(state: &State, staff: &Staff, id: i64) -> Result<(), Error> {
    let row = state
        .store
        .handover(id)
        .await?
        .ok_or_else(|| Error::not_found("handover"))?;
    if row.agent.as_ref().is_none_or(|a| a.id != staff.id) {
        return Err(Error::Forbidden(
            "this handover is not yours; take it with the caller's code first".into(),
        ));
    }
    if row.status(now_ms()) != HandoverStatus::Connected {
        return Err(handover_over());
    }
    Ok(())
}

/// The queue of a ticket kept for the record: where the tree's escalations go (its
/// first escalate node's queue), else the first declared queue.
fn record_queue(state: &State, tree: Option<&domain::Tree>) -> String {
    tree.and_then(|t| {
        t.nodes.values().find_map(|node| match node {
            Node::Escalate { queue, .. } => Some(queue.clone()),
            _ => None,
        })
    })
    .or_else(|| {
        state
            .trees
            .catalog()
            .declarations()
            .queues
            .keys()
            .next()
            .cloned()
    })
    .unwrap_or_default()
}
