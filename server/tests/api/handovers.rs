//! Session handover by code over real HTTP: the caller's code and walk, the agent who
//! takes it, both moving one walk with the other's long-poll following, ends, expiry,
//! and the limits that keep codes from being guessed.

use crate::harness;

use domain::api::{ApiError, HandoverState, HandoverStatus, Party, normalize_handover_code};
use harness::handovers::{self, caller, caller_state, create, moves};
use harness::{TestServer, staff};
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::{Duration, Instant};

async fn claim(agent: &staff::StaffClient, code: &str) -> reqwest::Response {
    agent
        .post("/api/v1/calls/handovers", &json!({ "code": code }))
        .await
}

async fn error(res: reqwest::Response) -> ApiError {
    res.json().await.unwrap()
}

#[tokio::test]
async fn caller_and_agent_move_one_walk_and_each_follows_the_other() {
    let s = TestServer::start().await;
    let walk = handovers::escalated(&s);
    assert!(
        walk.transcript.len() >= 3,
        "the printer walk is long enough"
    );
    let created = create(&s, &walk, 1).await;
    let digits = normalize_handover_code(&created.code).expect("ten digits as shown");
    assert_eq!(created.code.len(), 12, "shown in groups: {}", created.code);
    assert_eq!(created.phone.as_deref(), Some("+49 30 1234 5678"));
    assert_eq!(created.state.status, HandoverStatus::Waiting);
    assert_eq!(created.state.walk.transcript.len(), 1);
    let path = format!("/api/v1/handovers/{}", created.id);

    // Only the token opens it; the code is never stored.
    let wrong = caller(&s, Method::GET, &path, "not-the-token", None).await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let db = staff::database(&s).await;
    let (code_hash,): (String,) = sqlx::query_as("SELECT code_hash FROM handovers WHERE id = $1")
        .bind(created.id)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    assert!(!code_hash.contains(&digits) && code_hash.len() == 64);

    // The caller moves on while waiting.
    let moved = caller(
        &s,
        Method::PUT,
        &format!("{path}/walk"),
        &created.token,
        Some(json!({ "revision": created.state.revision, "transcript": moves(&walk, 2) })),
    )
    .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let moved: HandoverState = moved.json().await.unwrap();
    assert_eq!(moved.walk.transcript.len(), 2);
    assert!(moved.revision > created.state.revision);

    // The agent takes the code as the caller reads it (any grouping).
    let anna = staff::sign_in(&s, "Anna Agent", "agent", &[]).await;
    let res = claim(&anna, &format!("{}-{}", &digits[..5], &digits[5..])).await;
    assert_eq!(res.status(), StatusCode::OK);
    let taken: HandoverState = res.json().await.unwrap();
    assert_eq!(taken.status, HandoverStatus::Connected);
    assert_eq!(taken.agent.as_deref(), Some("Anna Agent"));
    assert_eq!(taken.walk.transcript.len(), 2);
    assert_eq!(
        caller_state(&s, &created).await.status,
        HandoverStatus::Connected
    );

    // The caller waits for news; the agent moves; the wait ends at once.
    let waiting = {
        let s_client = s.client.clone();
        let url = s.url(&format!("{path}?after={}", taken.revision));
        let token = created.token.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            let res = s_client
                .get(url)
                .header("authorization", format!("Bearer {token}"))
                .send()
                .await
                .unwrap();
            (
                started.elapsed(),
                res.json::<HandoverState>().await.unwrap(),
            )
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let agent_path = format!("/api/v1/calls/handovers/{}", created.id);
    let res = anna
        .put(
            &format!("{agent_path}/walk"),
            &json!({ "revision": taken.revision, "transcript": moves(&walk, 3) }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let by_agent: HandoverState = res.json().await.unwrap();
    let (waited, seen) = waiting.await.unwrap();
    assert_eq!(seen.revision, by_agent.revision);
    assert_eq!(seen.walk.transcript.len(), 3);
    assert!(
        waited < Duration::from_secs(5),
        "the long-poll took {waited:?}"
    );

    // A move on an old revision is refused with the current state.
    let stale = caller(
        &s,
        Method::PUT,
        &format!("{path}/walk"),
        &created.token,
        Some(json!({ "revision": taken.revision, "transcript": moves(&walk, 2) })),
    )
    .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let stale = error(stale).await;
    assert_eq!(stale.code, "stale");
    let current: HandoverState =
        serde_json::from_value(stale.details.unwrap()["state"].clone()).unwrap();
    assert_eq!(current.revision, by_agent.revision);

    // A long-poll behind the current revision answers at once.
    let started = Instant::now();
    let res = anna.get(&format!("{agent_path}?after=1")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_secs(2));

    // The agent ends the call; nobody moves the walk any more.
    let res = anna.post_empty(&format!("{agent_path}/end")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let ended: HandoverState = res.json().await.unwrap();
    assert_eq!(ended.status, HandoverStatus::Ended);
    assert_eq!(ended.ended_by, Some(Party::Agent));
    let late = caller(
        &s,
        Method::PUT,
        &format!("{path}/walk"),
        &created.token,
        Some(json!({ "revision": ended.revision, "transcript": moves(&walk, 3) })),
    )
    .await;
    assert_eq!(late.status(), StatusCode::GONE);
    assert_eq!(error(late).await.code, "handover_over");
    assert_eq!(
        caller_state(&s, &created).await.status,
        HandoverStatus::Ended
    );
}

#[tokio::test]
async fn only_the_agent_who_took_the_code_follows_it() {
    let s = TestServer::start().await;
    let walk = handovers::escalated(&s);
    let created = create(&s, &walk, 1).await;
    let agents = staff::sign_in_many(&s, "Agent", "agent", &[], 2).await;
    let agent_path = format!("/api/v1/calls/handovers/{}", created.id);
    // Nobody took it yet: no agent reads it.
    assert_eq!(
        agents[1].get(&agent_path).await.status(),
        StatusCode::FORBIDDEN
    );
    let taken: HandoverState = claim(&agents[0], &created.code).await.json().await.unwrap();
    // Taking it again is harmless (a reload of the console).
    assert_eq!(
        claim(&agents[0], &created.code).await.status(),
        StatusCode::OK
    );
    let res = claim(&agents[1], &created.code).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let refusal = error(res).await;
    assert_eq!(refusal.code, "code_taken");
    assert!(!refusal.message.contains("Agent 1"), "{}", refusal.message);
    assert_eq!(
        agents[1].get(&agent_path).await.status(),
        StatusCode::FORBIDDEN
    );
    let res = agents[1]
        .put(
            &format!("{agent_path}/walk"),
            &json!({ "revision": taken.revision, "transcript": moves(&walk, 2) }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // An illegal move is refused with its step.
    let mut bad = moves(&walk, 2);
    bad[1].node = "no-such-node".into();
    let res = agents[0]
        .put(
            &format!("{agent_path}/walk"),
            &json!({ "revision": taken.revision, "transcript": bad }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error(res).await.field.as_deref(), Some("transcript[1]"));
}

#[tokio::test]
async fn ended_expired_and_unknown_codes_are_refused_with_their_reason() {
    let s = TestServer::start().await;
    let walk = handovers::escalated(&s);
    let anna = staff::sign_in(&s, "Anna Agent", "agent", &[]).await;

    let res = claim(&anna, "482 193 557").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refusal = error(res).await;
    assert_eq!(
        (refusal.field.as_deref(), refusal.rule.as_deref()),
        (Some("code"), Some("format"))
    );

    // The caller ends before anyone took it.
    let first = create(&s, &walk, 1).await;
    let res = caller(
        &s,
        Method::DELETE,
        &format!("/api/v1/handovers/{}", first.id),
        &first.token,
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let ended: HandoverState = res.json().await.unwrap();
    assert_eq!(
        (ended.status, ended.ended_by),
        (HandoverStatus::Ended, Some(Party::Caller))
    );
    let res = claim(&anna, &first.code).await;
    assert_eq!(res.status(), StatusCode::GONE);
    assert_eq!(error(res).await.code, "code_expired");

    // A code nobody took in time.
    let second = create(&s, &walk, 1).await;
    handovers::expire(&s, second.id, server::store::now_ms() - 1).await;
    assert_eq!(
        caller_state(&s, &second).await.status,
        HandoverStatus::Expired
    );
    let res = claim(&anna, &second.code).await;
    assert_eq!(res.status(), StatusCode::GONE);
    assert_eq!(error(res).await.code, "code_expired");

    // A waiting caller's long-poll answers when the code expires.
    let third = create(&s, &walk, 1).await;
    handovers::expire(&s, third.id, server::store::now_ms() + 1_000).await;
    let started = Instant::now();
    let res = caller(
        &s,
        Method::GET,
        &format!(
            "/api/v1/handovers/{}?after={}",
            third.id, third.state.revision
        ),
        &third.token,
        None,
    )
    .await;
    let state: HandoverState = res.json().await.unwrap();
    assert_eq!(state.status, HandoverStatus::Expired);
    assert!(started.elapsed() < Duration::from_secs(5));

    let res = claim(&anna, "000 000 0000").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error(res).await.code, "code_unknown");
}

#[tokio::test]
async fn five_wrong_codes_lock_the_account_out_but_not_a_colleague() {
    let s = TestServer::start().await;
    let walk = handovers::escalated(&s);
    let created = create(&s, &walk, 1).await;
    let agents = staff::sign_in_many(&s, "Agent", "agent", &[], 2).await;
    let digits = normalize_handover_code(&created.code).unwrap();
    // Five wrong codes: each a plain "unknown".
    let mut wrong = digits.clone().into_bytes();
    let last = wrong[9] - b'0';
    for i in 0..5u8 {
        wrong[9] = b'0' + (last + 1 + i) % 10;
        let res = claim(&agents[0], std::str::from_utf8(&wrong).unwrap()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "attempt {i}");
    }
    // The sixth is refused even with the right code.
    let res = claim(&agents[0], &created.code).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get("retry-after").is_some());
    let refusal = error(res).await;
    assert_eq!(refusal.code, "too_many_attempts");
    let wait = refusal.details.unwrap()["retry_after"].as_u64().unwrap();
    assert!((1..=12).contains(&wait), "{wait}");
    // A colleague still gets in.
    let res = claim(&agents[1], &created.code).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn codes_are_limited_per_address_and_in_number() {
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.limits.handovers_per_minute = 2;
    })
    .await;
    let walk = handovers::escalated(&s);
    create(&s, &walk, 1).await;
    create(&s, &walk, 1).await;
    let res = handovers::request(&s, &walk, 1).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);

    let s = TestServer::start().await;
    let db = staff::database(&s).await;
    let now = server::store::now_ms();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
         INSERT INTO handovers (code_hash, token_hash, tree_id, versions, walk, diagnostics,
            language, status, created_at, expires_at, updated_at)
         SELECT 'x', 'y', 'printer', '{}', '{}', '{}', 'de', 'waiting', $1, $2, $1 FROM n",
    )
    .bind(now)
    .bind(now + 60_000)
    .execute(&db)
    .await
    .unwrap();
    db.close().await;
    let res = handovers::request(&s, &walk, 1).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error(res).await.code, "busy");
}
