//! Who is calling: the staff session behind the cookie, its role, and CSRF protection
//! for every state-changing request a cookie authenticates.
//!
//! A handler that takes a [`Staff`] argument is a staff route: anonymous callers get
//! 401 before the handler runs, and a POST/PUT/PATCH/DELETE without the session's
//! `X-CSRF-Token` header gets 403. An account that must still change a password an
//! admin set (new account, reset) gets 403 `password_change_required` everywhere but
//! the session routes, which take [`SignedIn`] instead. Roles are checked with [`Staff::require`], or, for a
//! route with a body, before the body is read with the extractors of [`role`].
//!
//! - [`password`]: password rules and argon2id hashes.
//! - [`account_rules`]: what logins and display names look like.
//! - [`cookie`]: the session cookie and its lifetime.
//! - [`throttle`]: login throttling per login name and client address.
//! - [`client_ip`]: the client address behind trusted proxies.
//! - [`secret`]: random tokens and their hashes.

pub mod account_rules;
pub mod client_ip;
pub mod cookie;
pub mod password;
pub mod role;
pub mod secret;
pub mod throttle;

use crate::State;
use crate::error::Error;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use domain::api::Role;

/// Header carrying the CSRF token of the session.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub queues: Vec<String>,
    pub must_change_password: bool,
    /// The session's CSRF token.
    pub csrf: String,
    /// Hash of the session token (to end this session on logout).
    pub session: String,
}

impl Staff {
    /// 403 unless the role is at least `min` (agent < specialist < admin).
    pub fn require(&self, min: Role) -> Result<(), Error> {
        if self.role >= min {
            Ok(())
        } else {
            Err(Error::Forbidden(format!(
                "this needs the role {} or higher",
                min.name()
            )))
        }
    }
}

/// The value of cookie `name` in the request.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    cookie_in(&parts.headers, name)
}

/// The value of cookie `name` in request headers.
pub fn cookie_in<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(k, v)| (k == name).then_some(v))
}

/// A signed-in staff member who may still have to change the password: only for the
/// session routes (restore, sign out, change the password). Everything else takes
/// [`Staff`], so a password an admin typed, or read out on the phone, opens nothing
/// but the way to replace it.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Staff);

impl FromRequestParts<State> for Staff {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &State) -> Result<Self, Self::Rejection> {
        let SignedIn(staff) = SignedIn::from_request_parts(parts, state).await?;
        if staff.must_change_password {
            return Err(Error::PasswordChangeRequired);
        }
        Ok(staff)
    }
}

impl FromRequestParts<State> for SignedIn {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &State) -> Result<Self, Self::Rejection> {
        let token = cookie(parts, crate::SESSION_COOKIE).ok_or(Error::Unauthorized)?;
        let staff = state
            .store
            .session_staff(&secret::hash(token))
            .await?
            .ok_or(Error::Unauthorized)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !secret::same(sent, &staff.csrf) {
                return Err(Error::Forbidden(
                    "missing or wrong X-CSRF-Token header; send the token from the session".into(),
                ));
            }
        }
        Ok(SignedIn(staff))
    }
}
