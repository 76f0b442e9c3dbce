//! The staff side of the HTTP API: cookie session, `X-CSRF-Token` on every change,
//! and errors that keep the server's `code`, `field` and `message`.
//!
//! A 401 from any call means the session is gone (expired, signed out elsewhere, account
//! deactivated): the workspace then shows the sign-in form in place, so the screen the
//! person was on comes back right after they sign in again. A 403
//! `password_change_required` shows the password form the same way.

use crate::deadline::Deadline;
use domain::api::{API, ApiError};
use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::time::Duration;

/// How long a call may take before it counts as unreachable.
const LIMIT: Duration = Duration::from_secs(20);

/// Why a staff call brought no result.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No answer: offline, server down, or too slow.
    Unreachable,
    /// The server answered with an error; `status` is the HTTP status.
    Api { status: u16, error: ApiError },
}

impl Failure {
    /// The server's error code (`claimed_by_other`, `stale_revision`, …), if any.
    pub fn code(&self) -> Option<&str> {
        match self {
            Failure::Api { error, .. } => Some(&error.code),
            Failure::Unreachable => None,
        }
    }

    /// The field the server named, if any (`hours[2]`, `login`).
    pub fn field(&self) -> Option<&str> {
        match self {
            Failure::Api { error, .. } => error.field.as_deref(),
            Failure::Unreachable => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Failure::Api { status, .. } => Some(*status),
            Failure::Unreachable => None,
        }
    }
}

thread_local! {
    /// The CSRF token of the current session.
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
    /// Told when a call finds the session gone (401) or a password change due.
    static ON_SESSION_LOST: Cell<Option<fn(SessionLoss)>> = const { Cell::new(None) };
}

/// What a call found out about the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionLoss {
    SignedOut,
    PasswordChangeRequired,
}

/// Keeps the CSRF token the server gave at sign-in.
pub fn set_csrf(token: &str) {
    CSRF.with(|c| *c.borrow_mut() = token.to_owned());
}

/// Registers who hears about a lost session (the workspace's [`super::session`]).
pub fn on_session_lost(f: fn(SessionLoss)) {
    ON_SESSION_LOST.with(|c| c.set(Some(f)));
}

/// `GET /api/v1{path}`.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    let response = send(Request::get(&url(path)), None::<&()>).await?;
    response.json().await.map_err(|_| malformed())
}

/// `POST /api/v1{path}` with a JSON body, answering JSON.
pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let response = send(Request::post(&url(path)), Some(body)).await?;
    response.json().await.map_err(|_| malformed())
}

/// `POST /api/v1{path}` without a body, answering JSON.
pub async fn post_empty<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    let response = send(Request::post(&url(path)), None::<&()>).await?;
    response.json().await.map_err(|_| malformed())
}

/// `POST /api/v1{path}` without a body, answering JSON or `204 No Content` (`None`),
/// as `claim-next` does when nothing is waiting.
pub async fn post_empty_or_none<T: DeserializeOwned>(path: &str) -> Result<Option<T>, Failure> {
    let response = send(Request::post(&url(path)), None::<&()>).await?;
    if response.status() == 204 {
        return Ok(None);
    }
    response.json().await.map(Some).map_err(|_| malformed())
}

/// `PUT /api/v1{path}` with a JSON body, answering JSON.
pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let response = send(Request::put(&url(path)), Some(body)).await?;
    response.json().await.map_err(|_| malformed())
}

/// `PATCH /api/v1{path}` with a JSON body, answering JSON.
pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Failure> {
    let response = send(Request::patch(&url(path)), Some(body)).await?;
    response.json().await.map_err(|_| malformed())
}

/// `DELETE /api/v1{path}`; the answer's body is not read.
pub async fn delete(path: &str) -> Result<(), Failure> {
    send(Request::delete(&url(path)), None::<&()>)
        .await
        .map(drop)
}

/// `POST /api/v1{path}` with a JSON body; the answer's body is not read.
pub async fn post_no_answer<B: Serialize>(path: &str, body: &B) -> Result<(), Failure> {
    send(Request::post(&url(path)), Some(body)).await.map(drop)
}

/// `GET /api/v1{path}` that may wait up to `limit` for its answer (a long poll).
pub async fn get_waiting<T: DeserializeOwned>(path: &str, limit: Duration) -> Result<T, Failure> {
    let response = send_with(Request::get(&url(path)), None::<&()>, limit).await?;
    response.json().await.map_err(|_| malformed())
}

/// `POST /api/v1{path}` with a JSON body and an `Idempotency-Key`: sent again with the
/// same key, the server answers what it did the first time instead of doing it twice.
pub async fn post_once<B: Serialize, T: DeserializeOwned>(
    path: &str,
    key: &str,
    body: &B,
) -> Result<T, Failure> {
    let builder = Request::post(&url(path)).header("Idempotency-Key", key);
    let response = send_with(builder, Some(body), LIMIT).await?;
    response.json().await.map_err(|_| malformed())
}

fn url(path: &str) -> String {
    format!("{API}{path}")
}

fn malformed() -> Failure {
    Failure::Api {
        status: 200,
        error: ApiError {
            code: "malformed_answer".into(),
            message: "the server's answer could not be read".into(),
            field: None,
            rule: None,
            details: None,
        },
    }
}

async fn send<B: Serialize>(
    builder: RequestBuilder,
    body: Option<&B>,
) -> Result<gloo_net::http::Response, Failure> {
    send_with(builder, body, LIMIT).await
}

async fn send_with<B: Serialize>(
    builder: RequestBuilder,
    body: Option<&B>,
    limit: Duration,
) -> Result<gloo_net::http::Response, Failure> {
    let deadline = Deadline::after(limit);
    let csrf = CSRF.with(|c| c.borrow().clone());
    let builder = builder
        .header("Accept", "application/json")
        .header("X-CSRF-Token", &csrf)
        .abort_signal(deadline.signal().as_ref());
    let request = match body {
        Some(body) => builder.json(body).map_err(|_| Failure::Unreachable)?,
        None => builder.build().map_err(|_| Failure::Unreachable)?,
    };
    let response = request.send().await.map_err(|_| Failure::Unreachable)?;
    let status = response.status();
    if (200..300).contains(&status) {
        return Ok(response);
    }
    if (502..=504).contains(&status) {
        return Err(Failure::Unreachable);
    }
    let error = response
        .json::<ApiError>()
        .await
        .unwrap_or_else(|_| ApiError {
            code: format!("http_{status}"),
            message: format!("the server answered {status}"),
            field: None,
            rule: None,
            details: None,
        });
    let loss = match (status, error.code.as_str()) {
        // A wrong password at sign-in is a 401 too, but not a lost session.
        (401, code) if code != "wrong_credentials" => Some(SessionLoss::SignedOut),
        (403, "password_change_required") => Some(SessionLoss::PasswordChangeRequired),
        _ => None,
    };
    if let Some(loss) = loss
        && let Some(f) = ON_SESSION_LOST.with(Cell::get)
    {
        f(loss);
    }
    Err(Failure::Api { status, error })
}
