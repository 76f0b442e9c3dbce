//! The hand-off intake and the end user's access over real HTTP: the life of a ticket
//! from the user's side, idempotent retries, forged walks, tokens, attachments.

use crate::harness;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use domain::api::{ApiError, Contact, HandoffCreated, HandoffRequest, NewAttachment, PublicTicket};
use domain::ticket::Status;
use domain::tree::Level;
use domain::walk::{End, Move};
use harness::{TestServer, walks};
use reqwest::StatusCode;
use serde_json::json;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";

fn request(s: &TestServer, tree: &str) -> HandoffRequest {
    let catalog = s.state.trees.catalog();
    let walk = walks::walk_to(&catalog, tree, End::Escalated);
    HandoffRequest {
        tree: tree.into(),
        versions: walk.versions.clone(),
        transcript: walk.transcript.clone(),
        diagnostics: [("browser".to_owned(), "Chromium 156".to_owned())].into(),
        contact: Contact {
            name: "Anna Muster".into(),
            email: Some("anna@example.org".into()),
            phone: Some("+49 30 1234567".into()),
        },
        description: "Nothing prints since this morning.".into(),
        impact: Level::Medium,
        urgency: Level::High,
        language: "de".into(),
        attachments: vec![NewAttachment {
            name: "C:\\fakepath\\screen.png".into(),
            data: STANDARD.encode(PNG),
        }],
    }
}

async fn post(s: &TestServer, key: &str, body: &serde_json::Value) -> reqwest::Response {
    s.client
        .post(s.url("/api/v1/handoffs"))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn error(res: reqwest::Response) -> ApiError {
    res.json().await.unwrap()
}

fn key() -> String {
    format!("test-key-{:016x}", rand::random())
}

mod rand {
    pub fn random() -> u64 {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b).unwrap();
        u64::from_le_bytes(b)
    }
}

#[tokio::test]
async fn the_life_of_a_ticket_from_the_users_side() {
    let s = TestServer::start().await;
    let body = serde_json::to_value(request(&s, "printer")).unwrap();
    let res = post(&s, &key(), &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: HandoffCreated = res.json().await.unwrap();
    assert_eq!(created.reference.len(), 9);
    assert!(created.token.len() >= 43, "at least 256 bits in base64");
    assert_eq!(
        created.priority, 2,
        "impact medium x urgency high is P2 in the ITIL matrix"
    );

    let auth = format!("Bearer {}", created.token);
    let show = |path: String| {
        s.client
            .get(s.url(&path))
            .header("authorization", auth.clone())
            .send()
    };
    let res = show(format!("/api/v1/handoffs/{}", created.reference))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let ticket: PublicTicket = res.json().await.unwrap();
    assert_eq!(ticket.status, Status::New);
    assert_eq!(ticket.timeline.len(), 1);
    assert_eq!(ticket.attachments.len(), 1);
    assert_eq!(
        ticket.attachments[0].name, "screen.png",
        "the path is stripped from the name"
    );
    assert_eq!(ticket.attachments[0].content_type, "image/png");

    // The reference works however the user types it.
    let typed = created.reference.to_lowercase().replace('-', " ");
    let res = show(format!("/api/v1/handoffs/{typed}")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    let file = show(format!(
        "/api/v1/handoffs/{}/attachments/{}",
        created.reference, ticket.attachments[0].id
    ))
    .await
    .unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(file.headers()["x-content-type-options"], "nosniff");
    assert_eq!(file.bytes().await.unwrap().as_ref(), PNG);

    let res = s
        .client
        .post(s.url(&format!("/api/v1/handoffs/{}/messages", created.reference)))
        .header("authorization", &auth)
        .json(&json!({ "body": "It shows error 0x5 now." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);

    let res = s
        .client
        .post(s.url(&format!("/api/v1/handoffs/{}/solved", created.reference)))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let ticket: PublicTicket = show(format!("/api/v1/handoffs/{}", created.reference))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ticket.status, Status::Resolved);
    assert_eq!(ticket.thread.len(), 1);
    assert_eq!(ticket.thread[0].body, "It shows error 0x5 now.");
    assert_eq!(
        ticket.timeline.iter().map(|c| c.status).collect::<Vec<_>>(),
        vec![Status::New, Status::Resolved]
    );

    // Solved twice is a conflict naming the legal actions; a closed thread takes no messages.
    let res = s
        .client
        .post(s.url(&format!("/api/v1/handoffs/{}/solved", created.reference)))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = s
        .client
        .post(s.url(&format!("/api/v1/handoffs/{}/messages", created.reference)))
        .header("authorization", &auth)
        .json(&json!({ "body": "more" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn retries_with_the_same_key_never_make_a_second_ticket() {
    let s = TestServer::start().await;
    let body = serde_json::to_value(request(&s, "email")).unwrap();
    let k = key();
    let first = post(&s, &k, &body).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: HandoffCreated = first.json().await.unwrap();
    let again = post(&s, &k, &body).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: HandoffCreated = again.json().await.unwrap();
    assert_eq!(again, first, "same reference and the same token");

    let mut other = body.clone();
    other["description"] = json!("something else");
    let res = post(&s, &k, &other).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(error(res).await.code, "idempotency_key_reused");

    // Concurrent retries (a flaky network resending at once) still make one ticket.
    let k = key();
    let tries = (0..8).map(|_| post(&s, &k, &body));
    let answers = futures_util::future::join_all(tries).await;
    let mut references = std::collections::BTreeSet::new();
    for res in answers {
        assert!(res.status().is_success(), "{}", res.status());
        references.insert(res.json::<HandoffCreated>().await.unwrap().reference);
    }
    assert_eq!(references.len(), 1);
}

#[tokio::test]
async fn forged_and_unfinished_walks_are_refused_naming_the_step() {
    let s = TestServer::start().await;
    let good = request(&s, "printer");

    let mut forged = good.clone();
    forged.transcript[1].made = Move::Answer { index: 99 };
    let res = post(&s, &key(), &serde_json::to_value(&forged).unwrap()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e = error(res).await;
    assert_eq!(
        (e.field.as_deref(), e.rule.as_deref()),
        (Some("transcript[1]"), Some("illegal_move"))
    );

    let mut unfinished = good.clone();
    unfinished.transcript.pop();
    let e = error(post(&s, &key(), &serde_json::to_value(&unfinished).unwrap()).await).await;
    assert_eq!(e.rule.as_deref(), Some("not_escalated"), "{e:?}");

    let resolved = walks::walk_to(&s.state.trees.catalog(), "printer", End::Resolved);
    let mut wrong_end = good.clone();
    wrong_end.transcript = resolved.transcript;
    let e = error(post(&s, &key(), &serde_json::to_value(&wrong_end).unwrap()).await).await;
    assert_eq!(e.rule.as_deref(), Some("not_escalated"));

    let mut stale = good.clone();
    stale
        .versions
        .insert("printer".into(), "0000000000000000".into());
    let e = error(post(&s, &key(), &serde_json::to_value(&stale).unwrap()).await).await;
    assert_eq!(
        (e.field.as_deref(), e.rule.as_deref()),
        (Some("versions.printer"), Some("unknown_version"))
    );
}

/// A change to a valid body that breaks one rule.
type Change = Box<dyn Fn(&mut serde_json::Value)>;

#[tokio::test]
async fn every_field_rule_has_its_error() {
    let s = TestServer::start().await;
    let good = serde_json::to_value(request(&s, "printer")).unwrap();
    let cases: Vec<(Change, &str, &str)> = vec![
        (
            Box::new(|b| b["contact"]["name"] = json!("  ")),
            "contact.name",
            "required",
        ),
        (
            Box::new(|b| b["contact"]["email"] = json!("not-an-address")),
            "contact.email",
            "format",
        ),
        (
            Box::new(|b| b["contact"]["phone"] = json!("call me")),
            "contact.phone",
            "format",
        ),
        (
            Box::new(|b| b["description"] = json!("x".repeat(10_001))),
            "description",
            "max_length",
        ),
        (
            Box::new(|b| b["language"] = json!("fr")),
            "language",
            "one_of",
        ),
        (
            Box::new(|b| b["impact"] = json!("huge")),
            "impact",
            "one_of",
        ),
        (
            Box::new(|b| b["diagnostics"] = json!({ "bad name!": "x" })),
            "diagnostics.bad name!",
            "name_format",
        ),
        (
            Box::new(|b| b["surprise"] = json!(1)),
            "surprise",
            "unknown_field",
        ),
        (
            Box::new(|b| {
                b.as_object_mut().unwrap().remove("contact");
            }),
            "contact",
            "required",
        ),
        (
            Box::new(
                |b| b["attachments"] = json!([{ "name": "tool.exe", "data": STANDARD.encode(b"MZ\x90\x00\x03\x00\x00\x00") }]),
            ),
            "attachments[0].data",
            "file_type",
        ),
        (
            Box::new(|b| b["attachments"] = json!([{ "name": "a.txt", "data": "%%%" }])),
            "attachments[0].data",
            "base64",
        ),
        (
            Box::new(|b| b["attachments"] = json!([{ "name": "../..", "data": "aGk=" }])),
            "attachments[0].name",
            "required",
        ),
        (
            Box::new(|b| {
                b["transcript"] = json!((0..501).map(|_| json!({"tree":"printer","node":"x","at":0,"move":"answer","index":0})).collect::<Vec<_>>())
            }),
            "transcript",
            "max_items",
        ),
    ];
    for (change, field, rule) in cases {
        let mut body = good.clone();
        change(&mut body);
        let res = post(&s, &key(), &body).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let e = error(res).await;
        assert_eq!(
            (e.field.as_deref(), e.rule.as_deref()),
            (Some(field), Some(rule)),
            "{e:?}"
        );
    }
    // The printer tree's escalations require an e-mail address.
    let mut body = good.clone();
    body["contact"]["email"] = json!(null);
    let e = error(post(&s, &key(), &body).await).await;
    assert_eq!(
        (e.field.as_deref(), e.rule.as_deref()),
        (Some("contact.email"), Some("required"))
    );

    // Malformed JSON, wrong content type, missing or bad idempotency key.
    let res = s
        .client
        .post(s.url("/api/v1/handoffs"))
        .header("idempotency-key", key())
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = s
        .client
        .post(s.url("/api/v1/handoffs"))
        .header("idempotency-key", key())
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // JSON nested 20,000 levels deep: refused at the field it is in (typed bodies stop at
    // the first value of the wrong type, so depth never becomes recursion), never a
    // stack overflow or a 500.
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let (opened, closed) = (open.repeat(20_000), close.repeat(20_000));
        let deep =
            format!(r#"{{"tree":"printer","diagnostics":{opened}1{closed},"transcript":[]}}"#);
        let res = s
            .client
            .post(s.url("/api/v1/handoffs"))
            .header("idempotency-key", key())
            .header("content-type", "application/json")
            .body(deep)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let e = error(res).await;
        assert!(
            e.field.as_deref().unwrap_or("").starts_with("diagnostics"),
            "{e:?}"
        );
        assert_eq!(e.rule.as_deref(), Some("type"), "{e:?}");
    }
    let res = s
        .client
        .post(s.url("/api/v1/handoffs"))
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(error(res).await.field.as_deref(), Some("Idempotency-Key"));
    let res = post(&s, "short", &good).await;
    assert_eq!(error(res).await.rule.as_deref(), Some("format"));
}

#[tokio::test]
async fn a_wrong_token_looks_like_an_unknown_reference() {
    let s = TestServer::start().await;
    let created: HandoffCreated = post(
        &s,
        &key(),
        &serde_json::to_value(request(&s, "vpn")).unwrap(),
    )
    .await
    .json()
    .await
    .unwrap();
    let unknown = s
        .client
        .get(s.url("/api/v1/handoffs/ZZZZ-ZZZZ"))
        .header("authorization", "Bearer x")
        .send()
        .await
        .unwrap();
    let wrong = s
        .client
        .get(s.url(&format!("/api/v1/handoffs/{}", created.reference)))
        .header("authorization", "Bearer wrong")
        .send()
        .await
        .unwrap();
    let missing = s
        .get(&format!("/api/v1/handoffs/{}", created.reference))
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let (a, b) = (unknown.text().await.unwrap(), wrong.text().await.unwrap());
    assert_eq!(a, b, "the two answers cannot be told apart");
    let res = s
        .client
        .post(s.url(&format!("/api/v1/handoffs/{}/solved", created.reference)))
        .header("authorization", "Bearer wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn outcomes_are_recorded_only_for_real_nodes() {
    let s = TestServer::start().await;
    let catalog = s.state.trees.catalog();
    let walk = walks::walk_to(&catalog, "printer", End::Resolved);
    let version = catalog.version("printer").unwrap();
    let ok = json!({ "tree": "printer", "version": version, "node": walk.place().node, "outcome": "resolved" });
    let res = s
        .client
        .post(s.url("/api/v1/outcomes"))
        .json(&ok)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let start = &catalog.tree("printer").unwrap().start;
    let abandoned =
        json!({ "tree": "printer", "version": version, "node": start, "outcome": "abandoned" });
    assert_eq!(
        s.client
            .post(s.url("/api/v1/outcomes"))
            .json(&abandoned)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    let resolved_at_question =
        json!({ "tree": "printer", "version": version, "node": start, "outcome": "resolved" });
    let res = s
        .client
        .post(s.url("/api/v1/outcomes"))
        .json(&resolved_at_question)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // "Was this guide helpful?" is asked at a solved end only, and stored like an outcome.
    for rating in ["helpful", "not_helpful"] {
        let at_end = json!({ "tree": "printer", "version": version, "node": walk.place().node, "outcome": rating });
        let res = s
            .client
            .post(s.url("/api/v1/outcomes"))
            .json(&at_end)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{rating}");
        let at_question =
            json!({ "tree": "printer", "version": version, "node": start, "outcome": rating });
        let res = s
            .client
            .post(s.url("/api/v1/outcomes"))
            .json(&at_question)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{rating}");
        let error: ApiError = res.json().await.unwrap();
        assert_eq!(
            (error.field.as_deref(), error.rule.as_deref()),
            (Some("node"), Some("not_an_end"))
        );
    }
    let db = harness::staff::database(&s).await;
    let stored: Vec<(String, i64)> =
        sqlx::query_as("SELECT outcome, COUNT(*) FROM outcomes GROUP BY outcome ORDER BY outcome")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(
        stored,
        [
            ("abandoned".to_owned(), 1),
            ("helpful".to_owned(), 1),
            ("not_helpful".to_owned(), 1),
            ("resolved".to_owned(), 1)
        ]
    );
    let unknown =
        json!({ "tree": "printer", "version": "nope", "node": start, "outcome": "abandoned" });
    assert_eq!(
        s.client
            .post(s.url("/api/v1/outcomes"))
            .json(&unknown)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let s = TestServer::start().await;
    let huge = "x".repeat(crate_limit() + 1024);
    let res = s
        .client
        .post(s.url("/api/v1/handoffs"))
        .header("idempotency-key", key())
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error(res).await.code, "too_large");
}

fn crate_limit() -> usize {
    server::limits::ATTACHMENT_BODY_BYTES
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_solved_clicks_resolve_once() {
    let s = TestServer::start().await;
    let created: HandoffCreated = post(
        &s,
        &key(),
        &serde_json::to_value(request(&s, "printer")).unwrap(),
    )
    .await
    .json()
    .await
    .unwrap();
    let auth = format!("Bearer {}", created.token);
    let url = s.url(&format!("/api/v1/handoffs/{}/solved", created.reference));
    let clicks = (0..10).map(|_| s.client.post(&url).header("authorization", &auth).send());
    let answers = futures_util::future::join_all(clicks).await;
    let statuses: Vec<u16> = answers
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        9,
        "{statuses:?}"
    );
    let ticket: PublicTicket = s
        .client
        .get(s.url(&format!("/api/v1/handoffs/{}", created.reference)))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ticket.timeline.len(), 2, "one status change, not ten");
}
