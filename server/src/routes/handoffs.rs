//! The end user's side of tickets: `POST /handoffs` (idempotent), and, with the
//! reference and the access token, the status page's reads and writes.
//!
//! Access tokens are `HMAC-SHA256(server secret, idempotency key)`: a retried hand-off
//! gets the same token back without the server ever storing the token itself (only its
//! hash), and without the client's key being enough to compute it. A wrong token is
//! answered exactly like an unknown reference (404), so references cannot be probed.

use crate::State;
use crate::auth::secret;
use crate::error::Error;
use crate::intake;
use crate::json::{Body, Raw};
use crate::store::StoreError;
use crate::store::tickets::{NewTicket, PublicRow};
use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::api::{HandoffCreated, HandoffRequest, OutcomeEvent, PublicTicket, UserMessage};
use domain::ticket::{Status, normalize_reference, reference_from};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// Header that makes a hand-off idempotent.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Hands a walk that ended at an escalate node to 2nd-level staff.
#[utoipa::path(post, path = "/handoffs", tag = "handoffs",
    request_body = HandoffRequest,
    params(("Idempotency-Key" = String, Header, description = "A key the client makes once per hand-off (16-128 of A-Z a-z 0-9 - _); retries send the same key and body")),
    responses(
        (status = 201, description = "The ticket was created", body = HandoffCreated),
        (status = 200, description = "A retry: the ticket created before with this key", body = HandoffCreated),
        (status = 409, description = "The key was used with another body", body = domain::api::ApiError),
        (status = 413, description = "The body is too large", body = domain::api::ApiError),
        (status = 422, description = "A field breaks a rule, or the walk is not legal", body = domain::api::ApiError),
    ))]
pub async fn create(
    Extract(state): Extract<State>,
    headers: HeaderMap,
    Raw(bytes): Raw,
) -> Result<Response, Error> {
    let key = idempotency_key(&headers)?;
    let request_hash = hex(&Sha256::digest(&bytes));
    if let Some(existing) = state.store.ticket_by_idempotency_key(&key).await? {
        return replayed(&state, &key, &request_hash, existing);
    }
    let request: HandoffRequest = crate::json::parse(&bytes)?;
    let catalog = state.trees.catalog();
    let escalation = intake::replay_walk(&state.store, &catalog, &request).await?;
    let contact = intake::contact(&request.contact, escalation.contact)?;
    let description = intake::text("description", &request.description)?;
    let diagnostics = intake::diagnostics(&request.diagnostics)?;
    let language = intake::language(&request.language, catalog.tree(&request.tree))?;
    let files = intake::files::check("attachments", &request.attachments)?;
    let priority = state
        .config
        .priority_matrix
        .priority(request.impact, request.urgency);
    let created_at = crate::store::now_ms();
    let due_at = state
        .sla
        .current(&state.store)
        .await?
        .due(priority, created_at);
    let token = access_token(&state, &key);
    let place = escalation.walk.place().clone();
    let mut ticket = NewTicket {
        reference: String::new(),
        token_hash: secret::hash(&token),
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
        channel: "web".into(),
        impact: level(request.impact),
        urgency: level(request.urgency),
        priority: i64::from(priority),
        contact_name: contact.name,
        contact_email: contact.email,
        contact_phone: contact.phone,
        description,
        language,
        walk: serde_json::to_string(&escalation.walk)
            .map_err(|e| Error::Internal(e.to_string()))?,
        diagnostics,
        created_at,
        due_at,
        attachments: files,
    };
    // A fresh reference collides about once in 10^11; retry a few times to be sure.
    for _ in 0..5 {
        ticket.reference = reference_from(secret::random::<8>());
        match state.store.create_ticket(&ticket).await {
            Ok(_) => {
                let created = HandoffCreated {
                    reference: ticket.reference,
                    token,
                    priority,
                    due_at,
                };
                return Ok((StatusCode::CREATED, Json(created)).into_response());
            }
            Err(StoreError::Conflict(_)) => {
                // Either the reference was taken, or a concurrent retry with the same key
                // won the race: then answer as a retry.
                if let Some(existing) = state.store.ticket_by_idempotency_key(&key).await? {
                    return replayed(&state, &key, &request_hash, existing);
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::Internal(
        "no free ticket reference after 5 tries".into(),
    ))
}

pub(crate) fn replayed(
    state: &State,
    key: &str,
    request_hash: &str,
    existing: crate::store::tickets::Existing,
) -> Result<Response, Error> {
    if existing.request_hash != request_hash {
        return Err(Error::conflict(
            "idempotency_key_reused",
            "this Idempotency-Key was used with another body; make a new key for a new hand-off",
        ));
    }
    let created = HandoffCreated {
        reference: existing.reference,
        token: access_token(state, key),
        priority: existing.priority.clamp(1, 5) as u8,
        due_at: existing.due_at,
    };
    let mut response = (StatusCode::OK, Json(created)).into_response();
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(response)
}

pub(crate) fn idempotency_key(headers: &HeaderMap) -> Result<String, Error> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            Error::invalid(
                "Idempotency-Key",
                "required",
                "send an Idempotency-Key header, the same for every retry",
            )
        })?;
    let ok = (16..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        return Err(Error::invalid(
            "Idempotency-Key",
            "format",
            "16 to 128 characters of A-Z, a-z, 0-9, `-` and `_`",
        ));
    }
    Ok(key.to_owned())
}

pub(crate) fn access_token(state: &State, key: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(state.ticket_secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(b"lotse ticket token\0");
    mac.update(key.as_bytes());
    let bytes = mac.finalize().into_bytes();
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn level(l: domain::tree::Level) -> String {
    serde_json::to_value(l)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The ticket behind a reference, if the bearer token opens it; otherwise 404.
async fn opened(state: &State, reference: &str, headers: &HeaderMap) -> Result<PublicRow, Error> {
    let not_found = || Error::not_found("ticket");
    let reference = normalize_reference(reference).ok_or_else(not_found)?;
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let row = state
        .store
        .public_ticket(&reference)
        .await?
        .ok_or_else(not_found)?;
    if !secret::same(&secret::hash(token.trim()), &row.token_hash) {
        return Err(not_found());
    }
    Ok(row)
}

/// The user's view of their ticket: status, timeline, public replies, files.
#[utoipa::path(get, path = "/handoffs/{reference}", tag = "handoffs",
    params(("reference" = String, Path), ("Authorization" = String, Header, description = "`Bearer <access token>`")),
    responses(
        (status = 200, body = PublicTicket),
        (status = 404, description = "Unknown reference or wrong token", body = domain::api::ApiError),
    ))]
pub async fn show(
    Extract(state): Extract<State>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Json<PublicTicket>, Error> {
    let row = opened(&state, &reference, &headers).await?;
    let attachments = state
        .store
        .attachments(row.id)
        .await?
        .into_iter()
        .filter(|(m, _)| m.is_none())
        .map(|(_, a)| a)
        .collect();
    Ok(Json(PublicTicket {
        reference: row.reference,
        status: row.status,
        tree: row.tree_id,
        created_at: row.created_at,
        updated_at: row.updated_at,
        timeline: state.store.timeline(row.id).await?,
        thread: state.store.thread(row.id, false).await?,
        attachments,
    }))
}

/// The user adds information or files to their open ticket.
#[utoipa::path(post, path = "/handoffs/{reference}/messages", tag = "handoffs",
    request_body = UserMessage,
    params(("reference" = String, Path), ("Authorization" = String, Header, description = "`Bearer <access token>`")),
    responses(
        (status = 201, description = "Stored; the body has the message id"),
        (status = 404, body = domain::api::ApiError),
        (status = 409, description = "The ticket is closed or resolved", body = domain::api::ApiError),
        (status = 422, body = domain::api::ApiError),
    ))]
pub async fn add_message(
    Extract(state): Extract<State>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    Body(message): Body<UserMessage>,
) -> Result<Response, Error> {
    let row = opened(&state, &reference, &headers).await?;
    let body = intake::text("body", &message.body)?;
    let files = intake::files::check("attachments", &message.attachments)?;
    if body.is_empty() && files.is_empty() {
        return Err(Error::invalid(
            "body",
            "required",
            "write something or attach a file",
        ));
    }
    let id = state
        .store
        .add_user_message(row.id, &body, &files)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(m) => Error::conflict("ticket_closed", m),
            other => other.into(),
        })?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response())
}

/// The user solved it themselves.
#[utoipa::path(post, path = "/handoffs/{reference}/solved", tag = "handoffs",
    params(("reference" = String, Path), ("Authorization" = String, Header, description = "`Bearer <access token>`")),
    responses(
        (status = 200, description = "Resolved"),
        (status = 404, body = domain::api::ApiError),
        (status = 409, description = "Already resolved or closed", body = domain::api::ApiError),
    ))]
pub async fn solved(
    Extract(state): Extract<State>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, Error> {
    let row = opened(&state, &reference, &headers).await?;
    let status: Status = state
        .store
        .solved_by_user(row.id)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(m) => Error::Conflict {
                code: "illegal_transition",
                message: m,
                details: Some(
                    serde_json::json!({ "legal": domain::ticket::legal_actions(row.status) }),
                ),
            },
            other => other.into(),
        })?;
    Ok(Json(serde_json::json!({ "status": status })))
}

/// One attachment of the ticket, always as a download.
#[utoipa::path(get, path = "/handoffs/{reference}/attachments/{id}", tag = "handoffs",
    params(("reference" = String, Path), ("id" = i64, Path), ("Authorization" = String, Header, description = "`Bearer <access token>`")),
    responses((status = 200, description = "The file"), (status = 404, body = domain::api::ApiError)))]
pub async fn attachment(
    Extract(state): Extract<State>,
    Path((reference, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let row = opened(&state, &reference, &headers).await?;
    // Read here rather than by the extractor, whose refusal is plain text: an id that
    // is no number names no attachment.
    let id: i64 = id.parse().map_err(|_| Error::not_found("attachment"))?;
    let (name, content_type, data) = state
        .store
        .attachment(row.id, id)
        .await?
        .ok_or_else(|| Error::not_found("attachment"))?;
    Ok(download(&name, &content_type, data))
}

/// A file response that browsers save instead of rendering.
pub fn download(name: &str, content_type: &str, data: Vec<u8>) -> Response {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = data.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// An anonymous outcome of a walk: it started, or ended without a hand-off (for the
/// deflection rate and the tree figures, with the node ids it passed), or the answer to
/// "was this guide helpful?" at a solved end.
#[utoipa::path(post, path = "/outcomes", tag = "handoffs", request_body = OutcomeEvent,
    responses((status = 204, description = "Recorded"), (status = 422, body = domain::api::ApiError)))]
pub async fn outcome(
    Extract(state): Extract<State>,
    Body(event): Body<OutcomeEvent>,
) -> Result<StatusCode, Error> {
    let tree = match state.trees.catalog().entry(&event.tree) {
        Some(e) if e.version == event.version => Some(e.tree.clone()),
        _ => {
            state
                .store
                .tree_version(&event.tree, &event.version)
                .await?
        }
    }
    .ok_or_else(|| Error::invalid("version", "unknown_version", "no such tree version"))?;
    let node = tree
        .node(&event.node)
        .ok_or_else(|| Error::invalid("node", "unknown_node", "the tree has no such node"))?;
    if event.outcome.at_solved_end()
        && !matches!(
            node,
            domain::Node::Resolved { .. } | domain::Node::Step { .. }
        )
    {
        return Err(Error::invalid(
            "node",
            "not_an_end",
            "a walk is solved (and rated) at a resolved node or a step that helped",
        ));
    }
    // The path is anonymous (node ids only) and must stand in this tree version.
    domain::api::check_path(&tree, &event.path, &event.node).map_err(|p| {
        Error::invalid(
            p.field,
            p.rule,
            "the path names node ids of this tree version (at most 500), ending at `node`",
        )
    })?;
    let outcome = event.outcome.name();
    state
        .store
        .record_walk_outcome(
            &event.tree,
            &event.version,
            &event.node,
            outcome,
            &event.path,
        )
        .await?;
    crate::metrics::walk_outcome(&event.tree, outcome);
    Ok(StatusCode::NO_CONTENT)
}
