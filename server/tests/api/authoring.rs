//! Tree authoring: uploads become validated drafts with a diff; publishing serves them
//! at once (and on another instance, and after a restart); old versions stay readable.

use crate::harness;

use domain::api::{
    ApiError, Draft, DraftProblems, HandoffCreated, HandoffRequest, Published, TreeBundle,
    TreeHistory, TreeList,
};
use domain::walk::End;
use harness::TestServer;
use harness::staff::{StaffClient, sign_in};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

const TREE: &str = r#"
id = "authoring-test"
languages = ["de", "en"]
category = "computer"
title = { de = "Testbaum", en = "Test tree" }
description = { de = "Zum Testen", en = "For tests" }
start = "ask"
keywords = { de = ["probe"], en = ["probe"] }

[nodes.ask]
kind = "question"
text = { de = "Geht es?", en = "Does it work?" }
answers = [
  { label = { de = "Ja", en = "Yes" }, next = "done" },
  { label = { de = "Nein", en = "No" }, next = "help" },
]

[nodes.done]
kind = "resolved"
text = { de = "Gut.", en = "Good." }

[nodes.help]
kind = "escalate"
text = { de = "Wir helfen.", en = "We help." }
queue = "workplace"
impact = "low"
urgency = "low"
"#;

async fn upload(admin: &StaffClient, source: &str) -> reqwest::Response {
    admin
        .post("/api/v1/tree-drafts", &json!({ "source": source }))
        .await
}

async fn problems(res: reqwest::Response) -> (ApiError, DraftProblems) {
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: ApiError = res.json().await.unwrap();
    let problems: DraftProblems = serde_json::from_value(error.details.clone().unwrap()).unwrap();
    (error, problems)
}

async fn draft(admin: &StaffClient, source: &str) -> Draft {
    let res = upload(admin, source).await;
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn publish(admin: &StaffClient, draft: &Draft) -> reqwest::Response {
    admin
        .post(
            &format!("/api/v1/tree-drafts/{}/publish", draft.id),
            &json!({ "replaces": draft.published }),
        )
        .await
}

/// A hand-off escalated on the tree as `s` serves it now.
async fn hand_off_now(s: &TestServer, tree: &str) -> HandoffCreated {
    let walk = harness::walks::walk_to(&s.state.trees.catalog(), tree, End::Escalated);
    let request = HandoffRequest {
        tree: tree.into(),
        versions: walk.versions.clone(),
        transcript: walk.transcript.clone(),
        diagnostics: Default::default(),
        contact: domain::api::Contact {
            name: "Anna Muster".into(),
            email: Some("anna@example.org".into()),
            phone: None,
        },
        description: "It does not work.".into(),
        impact: domain::tree::Level::Low,
        urgency: domain::tree::Level::Low,
        language: "en".into(),
        attachments: vec![],
    };
    let res = s
        .client
        .post(s.url("/api/v1/handoffs"))
        .header("idempotency-key", server::auth::secret::token())
        .json(&request)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn an_invalid_upload_names_each_problem() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;

    // A syntax error, with its line.
    let broken = TREE.replace(r#"start = "ask""#, "start = ask");
    let (error, found) = problems(upload(&admin, &broken).await).await;
    assert_eq!(error.field.as_deref(), Some("source"));
    assert_eq!(found.problems.len(), 1);
    assert_eq!(found.problems[0].rule, "parse");
    assert_eq!(found.problems[0].line, Some(7), "{found:?}");

    // A rule, with its node; and an unknown queue in the context of the served catalog.
    let dangling = TREE
        .replace(r#"next = "help" }"#, r#"next = "nowhere" }"#)
        .replace(r#"queue = "workplace""#, r#"queue = "no-such-queue""#);
    let (_, found) = problems(upload(&admin, &dangling).await).await;
    let rules: Vec<(Option<&str>, &str)> = found
        .problems
        .iter()
        .map(|p| (p.node.as_deref(), p.rule.as_str()))
        .collect();
    assert!(
        rules.contains(&(Some("ask"), "dangling-reference")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&(Some("help"), "unknown-queue")),
        "{rules:?}"
    );
    assert!(found.problems.iter().all(|p| !p.message.is_empty()));

    // Too large.
    let huge = format!("{TREE}\n# {}", "x".repeat(300 * 1024));
    let res = upload(&admin, &huge).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: ApiError = res.json().await.unwrap();
    assert_eq!(error.field.as_deref(), Some("source"));
    assert_eq!(error.rule.as_deref(), Some("max_bytes"));
}

#[tokio::test]
async fn upload_preview_and_publish_a_new_tree_then_a_new_version() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;
    let specialist = sign_in(&s, "Sam Specialist", "specialist", &[]).await;

    let first = draft(&admin, TREE).await;
    assert_eq!(first.tree_id, "authoring-test");
    assert_eq!(first.published, None);
    assert!(first.diff.new_tree);
    assert_eq!(first.created_by, "Ada Admin");
    // Not served yet; the specialist reads the draft and its preview bundle.
    assert_eq!(
        s.get("/api/v1/trees/authoring-test").await.status(),
        StatusCode::NOT_FOUND
    );
    let shown: Draft = specialist
        .get(&format!("/api/v1/tree-drafts/{}", first.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown.version, first.version);
    let bundle: TreeBundle = specialist
        .get(&format!("/api/v1/tree-drafts/{}/bundle", first.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(bundle.trees[0].tree.id, "authoring-test");

    // Publish: the public list changes at once, with a new ETag.
    let before = s.get("/api/v1/trees").await;
    let etag = before.headers()["etag"].clone();
    let res = publish(&admin, &first).await;
    assert_eq!(res.status(), StatusCode::OK);
    let published: Published = res.json().await.unwrap();
    assert_eq!(published.version, first.version);
    let after = s.get("/api/v1/trees").await;
    assert_ne!(after.headers()["etag"], etag);
    let list: TreeList = after.json().await.unwrap();
    assert!(list.trees.iter().any(|t| t.id == "authoring-test"));
    // The draft is gone once published.
    assert_eq!(
        admin
            .get(&format!("/api/v1/tree-drafts/{}", first.id))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // A ticket on the first version.
    let old_ticket = hand_off_now(&s, "authoring-test").await;

    // A second version: a diff against the first, then published over it.
    let changed = TREE.replace("Does it work?", "Does it work now?");
    let second = draft(&admin, &changed).await;
    assert_eq!(second.published.as_deref(), Some(first.version.as_str()));
    assert_eq!(second.diff.nodes_changed.len(), 1);
    assert_eq!(second.diff.nodes_changed[0].node, "ask");
    assert_eq!(
        second.diff.nodes_changed[0].texts[0]
            .new
            .as_ref()
            .unwrap()
            .get("en"),
        "Does it work now?"
    );
    // A third draft made on the same base goes stale once the second is published.
    let third = draft(&admin, &TREE.replace("Good.", "Fine.")).await;
    assert_eq!(publish(&admin, &second).await.status(), StatusCode::OK);
    let res = publish(&admin, &third).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let error: ApiError = res.json().await.unwrap();
    assert_eq!(error.code, "stale");
    assert_eq!(
        error.details.unwrap()["published"].as_str(),
        Some(second.version.as_str())
    );

    let bundle: TreeBundle = s
        .get("/api/v1/trees/authoring-test")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(bundle.trees[0].version, second.version);
    assert_eq!(
        bundle.trees[0].tree.nodes["ask"]
            .prompt()
            .unwrap()
            .text
            .get("en"),
        "Does it work now?"
    );
    // Each publication is in the administration log.
    let log: Vec<domain::api::AuditEntry> = admin.get("/api/v1/audit").await.json().await.unwrap();
    let published: Vec<_> = log
        .iter()
        .filter(|e| e.action == "tree_published")
        .collect();
    assert_eq!(published.len(), 2);

    // A hand-off on the new version works; the old one still reads its tree.
    hand_off_now(&s, "authoring-test").await;
    let res = specialist
        .get(&format!(
            "/api/v1/trees/authoring-test/versions/{}",
            first.version
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(!old_ticket.reference.is_empty());

    // History: newest first, who published, which one is served, the open draft.
    let history: TreeHistory = specialist
        .get("/api/v1/trees/authoring-test/history")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history.versions.len(), 2);
    assert_eq!(history.versions[0].version, second.version);
    assert!(history.versions[0].served);
    assert!(!history.versions[1].served);
    assert_eq!(
        history.versions[0].published_by.as_deref(),
        Some("Ada Admin")
    );
    assert_eq!(history.drafts.len(), 1);
    assert_eq!(history.drafts[0].id, third.id);

    // Discard.
    let res = admin
        .client
        .delete(admin.url(&format!("/api/v1/tree-drafts/{}", third.id)))
        .header("x-csrf-token", &admin.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // A shipped tree's history: published from the tree folder.
    let history: TreeHistory = specialist
        .get("/api/v1/trees/printer/history")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history.versions.len(), 1);
    assert_eq!(history.versions[0].published_by, None);
    assert!(history.versions[0].served);
}

#[tokio::test]
async fn a_publication_reaches_another_instance_and_survives_a_restart() {
    let a = TestServer::start().await;
    let url = a.state.config.database_url();
    let second = || {
        let url = url.clone();
        TestServer::start_with(tempfile::tempdir().unwrap(), move |c| {
            c.database = Some(url);
            c.operations.events_poll_ms = 100;
        })
    };
    let b = second().await;
    let admin = sign_in(&a, "Ada Admin", "admin", &[]).await;
    let printer = std::fs::read_to_string(harness::shipped_trees().join("printer.toml")).unwrap();
    let old = a
        .state
        .trees
        .catalog()
        .version("printer")
        .unwrap()
        .to_owned();
    let changed = printer.replacen(r#"en = "Printer"#, r#"en = "The printer"#, 1);
    assert_ne!(changed, printer, "the title is written as expected");
    let d = draft(&admin, &changed).await;
    assert_eq!(d.published.as_deref(), Some(old.as_str()));
    assert!(d.diff.title.is_some());
    assert_eq!(publish(&admin, &d).await.status(), StatusCode::OK);
    assert_eq!(
        a.state.trees.catalog().version("printer"),
        Some(d.version.as_str())
    );

    // Instance B learns it from the live-event path.
    let mut waited = 0;
    while b.state.trees.catalog().version("printer") != Some(d.version.as_str()) {
        assert!(waited < 100, "instance B serves the publication");
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }

    // A start on the same database (a restart) keeps serving the upload, though the
    // folder still has the old file.
    let c = second().await;
    assert_eq!(
        c.state.trees.catalog().version("printer"),
        Some(d.version.as_str())
    );
}

#[tokio::test]
async fn only_admins_write_and_only_with_the_csrf_header() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;
    let specialist = sign_in(&s, "Sam Specialist", "specialist", &[]).await;
    assert_eq!(
        upload(&specialist, TREE).await.status(),
        StatusCode::FORBIDDEN
    );
    // The session cookie without the CSRF header: refused.
    let res = reqwest::Client::new()
        .post(admin.url("/api/v1/tree-drafts"))
        .header(
            "cookie",
            format!("{}={}", server::SESSION_COOKIE, admin.token),
        )
        .json(&json!({ "source": TREE }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let d = draft(&admin, TREE).await;
    let res = specialist
        .post(
            &format!("/api/v1/tree-drafts/{}/publish", d.id),
            &json!({ "replaces": null }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
