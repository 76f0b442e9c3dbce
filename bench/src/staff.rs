//! Signing in as staff, the way the staff app does: `POST /api/v1/session` answers the
//! session cookie. The staff scenarios only read (`GET`), so the CSRF token that
//! state-changing staff requests need is not kept.

use domain::api::{Login, SessionInfo};
use reqwest::Client;

/// The name of the session cookie (`server/src/auth/cookie.rs`).
const COOKIE: &str = "lotse_session";

/// A signed-in staff member: the `Cookie` header value to send.
#[derive(Clone)]
pub struct Session {
    pub cookie: String,
}

/// Signs in as `login`; the account must be an admin so it sees every queue.
pub async fn sign_in(
    client: &Client,
    url: &str,
    login: &str,
    password: &str,
) -> Result<Session, String> {
    let body = Login {
        login: login.to_owned(),
        password: password.to_owned(),
    };
    let response = client
        .post(format!("{url}/api/v1/session"))
        .json(&body)
        .send()
        .await
        .map_err(|e| format!("cannot sign in as {login}: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("cannot sign in as {login}: {}", response.status()));
    }
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .find(|pair| pair.starts_with(&format!("{COOKIE}=")))
        .map(str::to_owned)
        .ok_or_else(|| format!("signing in as {login} set no `{COOKIE}` cookie"))?;
    let info: SessionInfo = response
        .json()
        .await
        .map_err(|e| format!("signing in as {login}: not a session: {e}"))?;
    if info.staff.role != domain::api::Role::Admin {
        return Err(format!(
            "{login} is not an admin; the staff scenarios need one to see every queue"
        ));
    }
    Ok(Session { cookie })
}
