//! Personal data over real HTTP: a ticket's export (everything, files included,
//! audited), its erasure on request (personal data gone, statistics kept, the user's
//! link still works), and the retention sweep that erases finished tickets after the
//! days an admin set.

use crate::harness;

use domain::api::{ApiError, PublicTicket, RetentionSettings, TicketDetail, TicketExport};
use domain::walk::Move;
use harness::TestServer;
use harness::staff::{database, sign_in};
use harness::tickets::{Handoff, PNG, hand_off};
use reqwest::StatusCode;
use serde_json::json;
use std::time::{Duration, Instant};

async fn ticket_id(s: &TestServer, reference: &str) -> i64 {
    let db = database(s).await;
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM tickets WHERE reference = $1")
        .bind(reference)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    id
}

fn typed_values(detail: &TicketDetail) -> Vec<String> {
    detail
        .walk
        .transcript
        .iter()
        .filter_map(|step| match &step.made {
            Move::Values { values } => Some(values.values().cloned().collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .collect()
}

#[tokio::test]
async fn an_export_holds_everything_with_the_files_and_is_audited() {
    let s = TestServer::start().await;
    let lea = sign_in(&s, "Lea Lead", "specialist", &[]).await;
    let created = hand_off(&s, Handoff::default()).await;
    let id = ticket_id(&s, &created.reference).await;

    let res = lea.get(&format!("/api/v1/tickets/{id}/export")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"lotse-{}.json\"", created.reference).as_str()
    );
    assert_eq!(res.headers()["cache-control"], "no-store");
    let export: TicketExport = res.json().await.unwrap();
    assert_eq!(export.ticket.item.reference, created.reference);
    assert_eq!(export.ticket.contact.name, "Anna Muster");
    assert_eq!(
        export.ticket.description,
        "Nothing prints since this morning."
    );
    assert_eq!(export.files.len(), 1);
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD
        .decode(&export.files[0].data)
        .unwrap();
    assert_eq!(data, PNG);

    let detail: TicketDetail = lea
        .get(&format!("/api/v1/tickets/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let exported = detail
        .audit
        .iter()
        .find(|e| e.action == "ticket_exported")
        .unwrap();
    assert_eq!(exported.actor.as_ref().map(|a| a.id), Some(lea.id));

    let missing = lea.get("/api/v1/tickets/999999/export").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn erasing_removes_personal_data_keeps_statistics_and_is_done_once() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;
    let created = hand_off(
        &s,
        Handoff {
            name: "Jörg Müller",
            description: "Mein Drucker im Raum 4.12 druckt nicht.",
            ..Handoff::default()
        },
    )
    .await;
    let id = ticket_id(&s, &created.reference).await;
    let res = admin
        .post(
            &format!("/api/v1/tickets/{id}/messages"),
            &json!({ "body": "Call Jörg at +49 30 1234567", "visibility": "internal" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let before: TicketDetail = admin
        .get(&format!("/api/v1/tickets/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        typed_values(&before).iter().any(|v| !v.is_empty()),
        "the walk had typed values"
    );

    let res = admin
        .post_empty(&format!("/api/v1/tickets/{id}/erase"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let after: TicketDetail = res.json().await.unwrap();
    assert!(after.erased_at.is_some());
    assert_eq!(
        (
            after.contact.name.as_str(),
            after.contact.email.clone(),
            after.contact.phone.clone()
        ),
        ("", None, None)
    );
    assert_eq!(after.description, "");
    assert!(after.diagnostics.is_empty());
    assert!(after.attachments.is_empty());
    assert!(after.thread.iter().all(|m| m.body.is_empty()));
    assert!(typed_values(&after).iter().all(String::is_empty));
    // What the statistics need stays.
    assert_eq!(after.item.reference, before.item.reference);
    assert_eq!(after.item.tree, before.item.tree);
    assert_eq!(after.item.escalated_at_node, before.item.escalated_at_node);
    assert_eq!(after.item.priority, before.item.priority);
    assert_eq!(after.item.created_at, before.item.created_at);
    assert_eq!(after.walk.path, before.walk.path);
    let text = serde_json::to_string(&after).unwrap();
    assert!(
        !text.contains("Müller") && !text.contains("1234567") && !text.contains("4.12"),
        "{text}"
    );
    // No file is left in the database either.
    let db = database(&s).await;
    let (files,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM attachments WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    assert_eq!(files, 0);

    // Staff search no longer finds the name; the user's link still opens the ticket.
    let page: domain::api::QueuePage = admin
        .get("/api/v1/queue?q=muller")
        .await
        .json()
        .await
        .unwrap();
    assert!(page.items.iter().all(|i| i.id != id));
    let res = s
        .client
        .get(s.url(&format!("/api/v1/handoffs/{}", created.reference)))
        .header("authorization", format!("Bearer {}", created.token))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let public: PublicTicket = res.json().await.unwrap();
    assert!(public.attachments.is_empty());

    // Once: a second request changes nothing and adds no audit entry.
    let res = admin
        .post_empty(&format!("/api/v1/tickets/{id}/erase"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let again: TicketDetail = admin
        .get(&format!("/api/v1/tickets/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again.erased_at, after.erased_at);
    let erasures: Vec<_> = again
        .audit
        .iter()
        .filter(|e| e.action == "personal_data_erased")
        .collect();
    assert_eq!(erasures.len(), 1);
    assert_eq!(erasures[0].actor.as_ref().map(|a| a.id), Some(admin.id));
    assert_eq!(erasures[0].after.as_ref().unwrap()["reason"], "request");

    let missing = admin.post_empty("/api/v1/tickets/999999/erase").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_retention_sweep_erases_finished_tickets_after_the_days_set() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("dist")).unwrap();
    let s = TestServer::start_with(data, |c| c.operations.retention_sweep_secs = 1).await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;

    // Out of range is named; null keeps data; 30 days is set and audited.
    let res = admin
        .put("/api/v1/settings/retention", &json!({ "days": 0 }))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: ApiError = res.json().await.unwrap();
    assert_eq!(
        (error.field.as_deref(), error.rule.as_deref()),
        (Some("days"), Some("range"))
    );
    let settings: RetentionSettings = admin
        .get("/api/v1/settings/retention")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(settings.days, None);

    let old_closed = hand_off(&s, Handoff::default()).await;
    let old_open = hand_off(&s, Handoff::default()).await;
    let new_closed = hand_off(&s, Handoff::default()).await;
    let db = database(&s).await;
    let long_ago = server::store::now_ms() - 40 * 24 * 3600 * 1000;
    for (reference, status, at) in [
        (&old_closed.reference, "closed", long_ago),
        (&old_open.reference, "new", long_ago),
        (&new_closed.reference, "closed", server::store::now_ms()),
    ] {
        sqlx::query("UPDATE tickets SET status = $1, updated_at = $2 WHERE reference = $3")
            .bind(status)
            .bind(at)
            .bind(reference)
            .execute(&db)
            .await
            .unwrap();
    }
    db.close().await;

    let res = admin
        .put("/api/v1/settings/retention", &json!({ "days": 30 }))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let log: Vec<domain::api::AuditEntry> = admin.get("/api/v1/audit").await.json().await.unwrap();
    assert_eq!(log[0].action, "retention_changed");
    assert_eq!(log[0].after.as_ref().unwrap()["days"], 30);

    let erased_at = |reference: String| {
        let admin = &admin;
        let s = &s;
        async move {
            let id = ticket_id(s, &reference).await;
            let detail: TicketDetail = admin
                .get(&format!("/api/v1/tickets/{id}"))
                .await
                .json()
                .await
                .unwrap();
            detail.erased_at
        }
    };
    let began = Instant::now();
    while erased_at(old_closed.reference.clone()).await.is_none() {
        assert!(
            began.elapsed() < Duration::from_secs(10),
            "the sweep did not run"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        erased_at(old_open.reference.clone()).await,
        None,
        "open tickets are kept"
    );
    assert_eq!(
        erased_at(new_closed.reference.clone()).await,
        None,
        "recent ones are kept"
    );
    let id = ticket_id(&s, &old_closed.reference).await;
    let detail: TicketDetail = admin
        .get(&format!("/api/v1/tickets/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let entry = detail
        .audit
        .iter()
        .find(|e| e.action == "personal_data_erased")
        .unwrap();
    assert!(entry.actor.is_none());
    assert_eq!(entry.after.as_ref().unwrap()["reason"], "retention");
}
