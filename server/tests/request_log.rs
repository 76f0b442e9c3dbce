//! The request log: one line per request with method, route, status and latency, and
//! never a secret of the request (password, cookie, token, Authorization header).
//!
//! Its own test binary: it installs the process-wide log subscriber to capture what the
//! server writes, at the most talkative level.

#[path = "api/harness/mod.rs"]
mod harness;

use harness::TestServer;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Log output collected in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const PASSWORD: &str = "Passwort-geheim-4711";
const COOKIE_TOKEN: &str = "cookie-token-0123456789abcdef";
const BEARER: &str = "bearer-token-fedcba9876543210";
const CSRF: &str = "csrf-token-5555aaaa";
const QUERY_TOKEN: &str = "query-token-77778888";

#[tokio::test]
async fn request_lines_name_route_status_and_latency_but_no_secrets() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let s = TestServer::start().await;
    // A sign-in as the browser sends it, with every kind of secret a request carries.
    let res = s
        .client
        .post(s.url(&format!("/api/v1/session?token={QUERY_TOKEN}")))
        .header("content-type", "application/json")
        .header(
            "cookie",
            format!("{}={COOKIE_TOKEN}", server::SESSION_COOKIE),
        )
        .header("authorization", format!("Bearer {BEARER}"))
        .header("x-csrf-token", CSRF)
        .body(format!(r#"{{"login":"anna","password":"{PASSWORD}"}}"#))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    // A staff request whose cookie the server looks up.
    let res = s
        .client
        .get(s.url(&format!("/api/v1/events?after={QUERY_TOKEN}")))
        .header(
            "cookie",
            format!("{}={COOKIE_TOKEN}", server::SESSION_COOKIE),
        )
        .header("authorization", format!("Bearer {BEARER}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    drop(s);

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let line = log
        .lines()
        .find(|l| l.contains("lotse::request") && l.contains("method=POST"))
        .unwrap_or_else(|| panic!("no request line for the sign-in in:\n{log}"));
    // The sign-in route, or the API fallback on a branch without it.
    assert!(line.contains("route=/api/"), "{line}");
    assert!(line.contains(&format!("status={status}")), "{line}");
    assert!(line.contains("latency_ms="), "{line}");
    assert!(
        log.lines().any(|l| l.contains("lotse::request")
            && l.contains("route=/api/v1/events")
            && l.contains("status=401")),
        "{log}"
    );
    for secret in [PASSWORD, COOKIE_TOKEN, BEARER, CSRF, QUERY_TOKEN] {
        assert!(!log.contains(secret), "{secret} was logged:\n{log}");
    }
    for header in ["authorization", "Authorization", "cookie:", "Cookie"] {
        assert!(!log.contains(header), "{header} was logged:\n{log}");
    }
}
