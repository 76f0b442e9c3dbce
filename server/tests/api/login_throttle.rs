//! Login throttling over real HTTP: 429 with Retry-After per login and per address,
//! the same for unknown logins, and a successful sign-in forgives the login's failures.

use crate::harness;

use domain::api::{ApiError, Role};
use harness::TestServer;
use harness::accounts::{PASSWORD, create, try_sign_in};
use reqwest::StatusCode;
use server::auth::throttle::{PER_ADDRESS, PER_LOGIN, WINDOW_MS};

async fn status_of(s: &TestServer, login: &str, password: &str) -> reqwest::Response {
    try_sign_in(s, login, password).await.1
}

fn retry_after(res: &reqwest::Response) -> u64 {
    res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn too_many_failures_for_a_login_get_429_with_retry_after() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Agent).await;
    for login in ["alice", "nobody"] {
        for _ in 0..PER_LOGIN {
            let res = status_of(&s, login, "wrong password!!").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{login}");
        }
        // Even the right password waits now; an unknown login looks the same.
        let res = status_of(&s, login, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{login}");
        let wait = retry_after(&res);
        assert!(
            (1..=WINDOW_MS as u64 / 1000).contains(&wait),
            "{login}: Retry-After {wait}"
        );
        let body: ApiError = res.json().await.unwrap();
        assert_eq!(body.code, "rate_limited");
    }
    // Other logins from the same address are not affected by one login's limit.
    create(&s, "bob", Role::Agent).await;
    assert_eq!(
        status_of(&s, "bob", PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_successful_sign_in_forgives_the_logins_failures() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Agent).await;
    for _ in 0..PER_LOGIN - 1 {
        let res = status_of(&s, "alice", "wrong password!!").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        status_of(&s, "alice", PASSWORD).await.status(),
        StatusCode::OK
    );
    // A fresh allowance: as many failures again before the limit.
    for _ in 0..PER_LOGIN {
        let res = status_of(&s, "alice", "wrong password!!").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        status_of(&s, "alice", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn too_many_failures_from_one_address_get_429_for_every_login() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Agent).await;
    // Spread over many logins, so no single login reaches its own limit.
    for i in 0..PER_ADDRESS {
        let res = status_of(&s, &format!("guess{i}"), "wrong password!!").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let res = status_of(&s, "alice", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&res) >= 1);
}

#[tokio::test]
async fn a_burst_of_parallel_guesses_checks_at_most_the_limit() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Agent).await;
    let guesses = (0..PER_LOGIN * 3).map(|_| status_of(&s, "alice", "wrong password!!"));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(guesses)
        .await
        .iter()
        .map(reqwest::Response::status)
        .collect();
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        checked <= PER_LOGIN as usize,
        "{checked} passwords checked: {statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
}

/// A sign-in as if forwarded by a proxy for `client`.
async fn forwarded(s: &TestServer, client: &str, login: &str, password: &str) -> StatusCode {
    s.new_client()
        .post(s.url("/api/v1/session"))
        .header("x-forwarded-for", client)
        .json(&serde_json::json!({ "login": login, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_counts_on_its_own() {
    let data = tempfile::tempdir().unwrap();
    let s = TestServer::start_with(data, |c| {
        c.trusted_proxies = server::config::TrustedProxies(vec!["127.0.0.1".parse().unwrap()]);
    })
    .await;
    create(&s, "alice", Role::Agent).await;
    for i in 0..PER_ADDRESS {
        let status = forwarded(&s, "203.0.113.1", &format!("guess{i}"), "wrong password!!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    assert_eq!(
        forwarded(&s, "203.0.113.1", "alice", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        forwarded(&s, "203.0.113.2", "alice", PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_is_ignored() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Agent).await;
    // A guesser naming a new address each time still counts as one address.
    for i in 0..PER_ADDRESS {
        let client = format!("198.51.100.{i}");
        let status = forwarded(&s, &client, &format!("guess{i}"), "wrong password!!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    assert_eq!(
        forwarded(&s, "198.51.100.250", "alice", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
