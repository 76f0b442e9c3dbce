//! `/api/v1/session`: staff sign in (`POST`), the browser restores its session after a
//! reload (`GET`), signs out (`DELETE`), and people change their own password
//! (`POST /session/password`).
//!
//! A sign-in always starts a new session with a new token, whatever cookie the browser
//! brings (no session fixation), and ends the session that cookie belonged to. Answers
//! carry the CSRF token, so they are marked `no-store`.

use crate::State;
use crate::auth::client_ip::ClientIp;
use crate::auth::{SignedIn, Staff, account_rules, cookie, cookie_in, password, secret, throttle};
use crate::error::Error;
use crate::json::Body;
use crate::store::now_ms;
use axum::Json;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::api::{ApiError, Login, PasswordChange, SessionInfo};

const NO_STORE: (header::HeaderName, HeaderValue) =
    (header::CACHE_CONTROL, HeaderValue::from_static("no-store"));

/// Sign in: sets the session cookie and answers the CSRF token.
#[utoipa::path(post, path = "/session", tag = "session", request_body = Login, responses(
    (status = 200, description = "Signed in; the session cookie is set", body = SessionInfo),
    (status = 401, description = "Wrong login or password (or an inactive account)", body = ApiError),
    (status = 422, description = "The body does not fit", body = ApiError),
    (status = 429, description = "Too many failed sign-ins lately; see Retry-After", body = ApiError),
))]
pub async fn login(
    Extract(state): Extract<State>,
    ClientIp(address): ClientIp,
    headers: HeaderMap,
    Body(login): Body<Login>,
) -> Result<Response, Error> {
    let name = account_rules::normalize_login(&login.login);
    let attempt = throttle::begin(&state.store, &name, address).await?;
    let account = state.store.credentials(&name).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let matches = password::verify(login.password, stored).await?;
    let account = match account {
        Some(account) if matches && account.active => account,
        // The attempt stays counted as a failure.
        _ => return Err(Error::WrongCredentials),
    };
    attempt.succeeded(&state.store).await?;

    if let Some(previous) = cookie_in(&headers, crate::SESSION_COOKIE) {
        state.store.end_session(&secret::hash(previous)).await?;
    }
    let token = secret::token();
    let csrf = secret::token();
    let expires_at = now_ms() + cookie::SESSION_LIFETIME_SECS * 1000;
    state
        .store
        .start_session(account.id, &secret::hash(&token), &csrf, expires_at)
        .await?;
    let staff = state
        .store
        .staff_member(account.id)
        .await?
        .ok_or(Error::WrongCredentials)?;
    tracing::info!(staff = staff.id, "signed in");
    let set_cookie = cookie::session(&token, cookie::secure(&state.config.public_url));
    Ok((
        [(header::SET_COOKIE, set_cookie), NO_STORE],
        Json(SessionInfo { staff, csrf }),
    )
        .into_response())
}

/// The session of the cookie, so the app can carry on after a reload.
#[utoipa::path(get, path = "/session", tag = "session", security(("session" = [])), responses(
    (status = 200, description = "The signed-in staff member and the CSRF token", body = SessionInfo),
    (status = 401, description = "No live session", body = ApiError),
))]
pub async fn restore(
    Extract(state): Extract<State>,
    SignedIn(staff): SignedIn,
) -> Result<Response, Error> {
    let info = session_info(&state, staff).await?;
    Ok(([NO_STORE], Json(info)).into_response())
}

/// Sign out: ends the session and clears the cookie.
#[utoipa::path(delete, path = "/session", tag = "session", security(("session" = [])), responses(
    (status = 204, description = "Signed out; the cookie is cleared"),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Missing or wrong X-CSRF-Token", body = ApiError),
))]
pub async fn logout(
    Extract(state): Extract<State>,
    SignedIn(staff): SignedIn,
) -> Result<Response, Error> {
    state.store.end_session(&staff.session).await?;
    let cleared = cookie::cleared(cookie::secure(&state.config.public_url));
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cleared)]).into_response())
}

/// Change the own password: lifts `must_change_password` and ends every other session
/// of the person (a stolen session does not outlive the change).
#[utoipa::path(post, path = "/session/password", tag = "session", request_body = PasswordChange,
    security(("session" = [])), responses(
    (status = 200, description = "Changed; this session goes on", body = SessionInfo),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Missing or wrong X-CSRF-Token", body = ApiError),
    (status = 422, description = "The current password is wrong, or the new one breaks a rule", body = ApiError),
    (status = 429, description = "Too many wrong passwords lately; see Retry-After", body = ApiError),
))]
pub async fn change_password(
    Extract(state): Extract<State>,
    ClientIp(address): ClientIp,
    SignedIn(staff): SignedIn,
    Body(change): Body<PasswordChange>,
) -> Result<Response, Error> {
    password::check("new", &change.new)?;
    if change.new == change.current {
        return Err(Error::invalid(
            "new",
            "different",
            "the new password must differ from the current one",
        ));
    }
    // Guessing the current password with a borrowed session counts like guessing at
    // the sign-in.
    let attempt = throttle::begin(&state.store, &staff.login, address).await?;
    let stored = state.store.password_hash(staff.id).await?;
    if !password::verify(change.current, stored).await? {
        return Err(Error::invalid(
            "current",
            "matches",
            "the current password is wrong",
        ));
    }
    attempt.succeeded(&state.store).await?;
    let hash = password::hash(change.new).await?;
    state
        .store
        .change_own_password(staff.id, &hash, &staff.session)
        .await?;
    let info = session_info(&state, staff).await?;
    Ok(([NO_STORE], Json(info)).into_response())
}

async fn session_info(state: &State, staff: Staff) -> Result<SessionInfo, Error> {
    let member = state
        .store
        .staff_member(staff.id)
        .await?
        .ok_or(Error::Unauthorized)?;
    Ok(SessionInfo {
        staff: member,
        csrf: staff.csrf,
    })
}
