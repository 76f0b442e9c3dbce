//! Body limit, request timeout and rate limits, each answered in the API's error shape.

use super::support::serve_probe;
use crate::harness::TestServer;
use axum::Router;
use axum::routing::{get, post};
use serde_json::Value;
use server::json::Body;
use server::limits;
use std::time::{Duration, Instant};

#[tokio::test]
async fn an_oversized_body_is_413_unless_the_route_allows_more() {
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.limits.body_limit_bytes = 1024;
    })
    .await;
    let echo = |Body(v): Body<Value>| async move { axum::Json(v) };
    let probe = Router::new()
        .route("/small", post(echo))
        .route("/attachments", post(echo).layer(limits::body(4096)));
    let base = serve_probe(probe, s.state.clone()).await;
    let client = reqwest::Client::new();
    let json = |bytes: usize| format!("\"{}\"", "x".repeat(bytes - 2));
    let send = |path: &'static str, body: String| {
        client
            .post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    assert_eq!(send("/small", json(1000)).await.unwrap().status(), 200);
    let res = send("/small", json(2000)).await.unwrap();
    assert_eq!(res.status(), 413);
    assert!(res.headers().contains_key("content-security-policy"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "too_large");
    assert!(body["message"].as_str().unwrap().contains("1024"), "{body}");
    // Chunked, without a Content-Length to refuse early: still 413 while reading.
    let answer = chunked_post(&base, "/small", &json(2000)).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"code\":\"too_large\""), "{answer}");
    // The route that carries attachments raised its own limit.
    assert_eq!(
        send("/attachments", json(2000)).await.unwrap().status(),
        200
    );
    let res = send("/attachments", json(5000)).await.unwrap();
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("4096"), "{body}");
}

/// Sends `body` in chunks of 500 bytes without a Content-Length; returns the raw answer.
async fn chunked_post(base: &str, path: &str, body: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/json\r\n\
         transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
    );
    for chunk in body.as_bytes().chunks(500) {
        request.push_str(&format!(
            "{:x}\r\n{}\r\n",
            chunk.len(),
            String::from_utf8_lossy(chunk)
        ));
    }
    request.push_str("0\r\n\r\n");
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = socket.read_to_end(&mut answer).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn a_slow_answer_is_503_in_the_json_shape() {
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.limits.request_timeout_secs = 1;
    })
    .await;
    let probe = Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "too late"
        }),
    );
    let base = serve_probe(probe, s.state.clone()).await;
    let started = Instant::now();
    let res = reqwest::get(format!("{base}/slow")).await.unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "timeout");
}

#[tokio::test]
async fn hammering_a_public_route_is_429_with_retry_after() {
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.limits.reads_per_minute = 3;
    })
    .await;
    for _ in 0..3 {
        assert_eq!(s.get("/api/v1/trees").await.status(), 200);
    }
    let res = s.get("/api/v1/trees/printer").await;
    assert_eq!(res.status(), 429);
    // Three per minute: the next token comes in 20 seconds.
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry), "{retry}");
    assert!(res.headers().contains_key("content-security-policy"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    // Probes and the app are not public API routes: not limited.
    assert_eq!(s.get("/healthz").await.status(), 200);
    assert_eq!(s.get("/api/v1/nothing").await.status(), 404);
    // Without --trust-proxy a claimed address changes nothing.
    let res = s
        .client
        .get(s.url("/api/v1/trees"))
        .header("x-forwarded-for", "198.51.100.7")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget() {
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.limits.reads_per_minute = 1;
        c.trusted_proxies = server::config::TrustedProxies(vec!["127.0.0.1".parse().unwrap()]);
    })
    .await;
    let from = |chain: &'static str| {
        s.client
            .get(s.url("/api/v1/trees"))
            .header("x-forwarded-for", chain)
            .send()
    };
    assert_eq!(from("198.51.100.7").await.unwrap().status(), 200);
    assert_eq!(from("198.51.100.7").await.unwrap().status(), 429);
    // The proxy appends the real peer; what the client put in front is ignored.
    assert_eq!(
        from("198.51.100.7, 203.0.113.9").await.unwrap().status(),
        200
    );
    assert_eq!(
        from("203.0.113.1, 198.51.100.7").await.unwrap().status(),
        429
    );
}

#[tokio::test]
async fn guessing_ticket_tokens_is_stopped_after_a_few_per_minute() {
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.limits.token_guesses_per_minute = 5;
        c.trusted_proxies = server::config::TrustedProxies(vec!["127.0.0.1".parse().unwrap()]);
    })
    .await;
    let created =
        crate::harness::tickets::hand_off(&s, crate::harness::tickets::Handoff::default()).await;
    let open = |from: &'static str, token: String| {
        s.client
            .get(s.url(&format!("/api/v1/handoffs/{}", created.reference)))
            .header("x-forwarded-for", from)
            .header("authorization", format!("Bearer {token}"))
            .send()
    };
    // The right token opens the ticket as often as its owner likes.
    for _ in 0..10 {
        assert_eq!(
            open("198.51.100.7", created.token.clone())
                .await
                .unwrap()
                .status(),
            200
        );
    }
    // Five wrong guesses are answered like an unknown ticket; the sixth is refused.
    for i in 0..5 {
        let res = open("203.0.113.9", format!("guess-{i}")).await.unwrap();
        assert_eq!(res.status(), 404);
    }
    let res = open("203.0.113.9", "guess-5".into()).await.unwrap();
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=12).contains(&retry), "{retry}");
    // Refused before the token is looked at: the right one waits too, from that address.
    let res = open("203.0.113.9", created.token.clone()).await.unwrap();
    assert_eq!(res.status(), 429);
    // Other addresses are not affected.
    assert_eq!(
        open("198.51.100.7", created.token.clone())
            .await
            .unwrap()
            .status(),
        200
    );
    // Messages and files of a ticket are status routes too.
    let res = s
        .client
        .post(s.url(&format!("/api/v1/handoffs/{}/messages", created.reference)))
        .header("x-forwarded-for", "203.0.113.9")
        .header("authorization", "Bearer another-guess")
        .json(&serde_json::json!({ "body": "hello" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn refusals_of_the_framework_come_in_the_json_error_shape() {
    let s = TestServer::start().await;
    // A method the route does not take: 405, the Allow header kept.
    let res = s
        .client
        .delete(s.url("/api/v1/trees"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert!(res.headers().contains_key("allow"));
    assert_eq!(res.headers()["content-type"], "application/json");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "method_not_allowed");
    // A path value that is not UTF-8.
    let res = s.get("/api/v1/handoffs/%FF%FE").await;
    assert_eq!(res.headers()["content-type"], "application/json");
    let body: Value = res.json().await.unwrap();
    assert!(
        body["code"].is_string() && body["message"].is_string(),
        "{body}"
    );
    // An attachment id that is no number names no attachment (a JSON 404 either way).
    let res = s
        .get("/api/v1/handoffs/ABCD-EFGH/attachments/99999999999999999999")
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/json");
    // Outside the API nothing is reshaped: a missing asset stays as it was.
    let res = s.get("/no-such-file.js").await;
    assert_ne!(
        res.headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap()),
        Some("application/json")
    );
}
