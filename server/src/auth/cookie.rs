//! The session cookie as the browser gets it.
//!
//! `HttpOnly` keeps the token away from scripts (an injected script cannot steal a
//! session); `SameSite=Strict` keeps other sites from riding on it (the CSRF header is
//! the second line); `Secure` whenever Lotse is reached over https, so the token never
//! travels in clear text. The browser forgets the cookie when the session ends anyway.

use axum::http::HeaderValue;

/// How long a session lasts from sign-in: one working day with overtime.
pub const SESSION_LIFETIME_SECS: i64 = 12 * 60 * 60;

/// `Set-Cookie` value that starts a session with `token`.
pub fn session(token: &str, secure: bool) -> HeaderValue {
    build(token, SESSION_LIFETIME_SECS, secure)
}

/// `Set-Cookie` value that makes the browser drop the session cookie.
pub fn cleared(secure: bool) -> HeaderValue {
    build("", 0, secure)
}

/// Whether cookies must be `Secure`: the public address is https.
pub fn secure(public_url: &str) -> bool {
    public_url
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

fn build(value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}",
        crate::SESSION_COOKIE
    );
    // Tokens are URL-safe base64, so the header is always valid.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_secure_only_over_https() {
        let plain = session("abc", false);
        assert_eq!(
            plain,
            "lotse_session=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200"
        );
        assert!(session("abc", true).to_str().unwrap().ends_with("; Secure"));
        assert!(cleared(false).to_str().unwrap().contains("Max-Age=0"));
        assert!(secure("https://lotse.example"));
        assert!(secure("HTTPS://lotse.example"));
        assert!(!secure("http://127.0.0.1:8080"));
        assert!(!secure("http"));
    }
}
