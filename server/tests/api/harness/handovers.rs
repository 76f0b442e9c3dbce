//! Handover sessions for tests: a portal walk part of the way, the code it gets, and
//! the caller's bearer-token requests.

#![allow(dead_code)]

use super::{TestServer, walks};
use domain::api::{HandoverCreated, HandoverRequest, HandoverState};
use domain::walk::{End, Step, Walk};
use reqwest::{Method, Response, StatusCode};
use std::collections::BTreeMap;

/// An escalated walk of the printer tree: its first moves are a walk in progress.
pub fn escalated(s: &TestServer) -> Walk {
    walks::walk_to(&s.state.trees.catalog(), "printer", End::Escalated)
}

/// The versions of the trees the first `steps` moves of `walk` enter.
pub fn versions(s: &TestServer, walk: &Walk, steps: usize) -> BTreeMap<String, String> {
    domain::replay(
        &s.state.trees.catalog(),
        &walk.tree,
        &walk.transcript[..steps],
    )
    .expect("a prefix of a legal walk is legal")
    .versions
}

/// The first `steps` moves of `walk`.
pub fn moves(walk: &Walk, steps: usize) -> Vec<Step> {
    walk.transcript[..steps].to_vec()
}

/// `POST /api/v1/handovers` with the first `steps` moves of `walk`.
pub async fn request(s: &TestServer, walk: &Walk, steps: usize) -> Response {
    let body = HandoverRequest {
        tree: walk.tree.clone(),
        versions: versions(s, walk, steps),
        transcript: moves(walk, steps),
        diagnostics: [("browser".to_owned(), "Chromium 156".to_owned())].into(),
        language: "de".into(),
    };
    s.client
        .post(s.url("/api/v1/handovers"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// A new handover whose walk made `steps` moves.
pub async fn create(s: &TestServer, walk: &Walk, steps: usize) -> HandoverCreated {
    let res = request(s, walk, steps).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

/// A caller's request with the bearer token.
pub async fn caller(
    s: &TestServer,
    method: Method,
    path: &str,
    token: &str,
    body: Option<serde_json::Value>,
) -> Response {
    let mut request = s
        .client
        .request(method, s.url(path))
        .header("authorization", format!("Bearer {token}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

/// The caller's view now.
pub async fn caller_state(s: &TestServer, created: &HandoverCreated) -> HandoverState {
    let res = caller(
        s,
        Method::GET,
        &format!("/api/v1/handovers/{}", created.id),
        &created.token,
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// Lets the code of handover `id` expire (the test's clock: the row's expiry).
pub async fn expire(s: &TestServer, id: i64, at: i64) {
    let db = super::staff::database(s).await;
    sqlx::query("UPDATE handovers SET expires_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&db)
        .await
        .unwrap();
    db.close().await;
}
