//! A ticket's life on the staff side over real HTTP: detail, Claim, notes and replies,
//! waiting for the user, resolving with a gap node; illegal transitions, stale views,
//! who may act; the audit trail and live events each change writes. Runs on SQLite,
//! and on PostgreSQL when `LOTSE_TEST_POSTGRES_URL` is set.

use crate::harness;

use domain::api::{ApiError, Author, PublicTicket, QueueItem, QueuePage, TicketDetail, Visibility};
use domain::ticket::{Action, Status};
use harness::TestServer;
use harness::staff::{StaffClient, sign_in};
use harness::tickets::{Handoff, PNG, hand_off};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn id_of(staff: &StaffClient, reference: &str) -> i64 {
    let page: QueuePage = staff
        .get(&format!("/api/v1/queue?queue=*&q={reference}"))
        .await
        .json()
        .await
        .unwrap();
    page.items[0].id
}

async fn detail(staff: &StaffClient, id: i64) -> TicketDetail {
    let res = staff.get(&format!("/api/v1/tickets/{id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

async fn transition(staff: &StaffClient, id: i64, body: Value) -> reqwest::Response {
    staff
        .post(&format!("/api/v1/tickets/{id}/transition"), &body)
        .await
}

async fn ok(res: reqwest::Response) -> QueueItem {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn error(res: reqwest::Response, status: StatusCode) -> ApiError {
    assert_eq!(res.status(), status);
    res.json().await.unwrap()
}

async fn public_view(s: &TestServer, reference: &str, token: &str) -> PublicTicket {
    s.client
        .get(s.url(&format!("/api/v1/handoffs/{reference}")))
        .header("authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_staff_side_life_of_a_ticket() {
    let s = TestServer::start().await;
    let kim = sign_in(&s, "Kim Specialist", "specialist", &["workplace"]).await;
    let created = hand_off(&s, Handoff::default()).await;

    // The Queue shows it; the detail has everything the hand-off carried.
    let queue: QueuePage = kim.get("/api/v1/queue").await.json().await.unwrap();
    assert_eq!(queue.items.len(), 1);
    let id = queue.items[0].id;
    assert_eq!(queue.items[0].status, Status::New);
    assert_eq!(queue.items[0].holder, None);
    let d = detail(&kim, id).await;
    assert_eq!(d.item.reference, created.reference);
    assert_eq!(d.actions, vec![Action::Claim, Action::Close]);
    assert_eq!(d.contact.name, "Anna Muster");
    assert_eq!(d.diagnostics["browser"], "Chromium 156");
    assert!(!d.walk.transcript.is_empty());
    assert_eq!(d.walk.tree, "printer");
    assert_eq!(d.attachments.len(), 1);
    let file = kim
        .get(&format!(
            "/api/v1/tickets/{id}/attachments/{}",
            d.attachments[0].id
        ))
        .await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.bytes().await.unwrap().as_ref(), PNG);

    // Claim, then an internal note and a public reply.
    let claimed = ok(kim.post_empty(&format!("/api/v1/tickets/{id}/claim")).await).await;
    assert_eq!(claimed.status, Status::Claimed);
    assert_eq!(claimed.holder.as_ref().map(|h| h.id), Some(kim.id));
    for (visibility, body) in [
        ("internal", "Probably the driver update from Tuesday."),
        (
            "public",
            "Please restart the printer and tell us what the display says.",
        ),
    ] {
        let res = kim
            .post(
                &format!("/api/v1/tickets/{id}/messages"),
                &json!({ "visibility": visibility, "body": body }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let d = detail(&kim, id).await;
    assert_eq!(
        d.item.status,
        Status::Claimed,
        "a reply does not change the status"
    );
    assert_eq!(d.thread.len(), 2);
    assert_eq!(d.thread[0].visibility, Visibility::Internal);
    assert_eq!(d.thread[1].author_name.as_deref(), Some("Kim Specialist"));

    // Waiting for the user; the user answers through the public API.
    let waiting = ok(transition(
        &kim,
        id,
        json!({ "action": "wait_for_user", "revision": d.item.revision }),
    )
    .await)
    .await;
    assert_eq!(waiting.status, Status::WaitingForUser);
    let res = s
        .client
        .post(s.url(&format!("/api/v1/handoffs/{}/messages", created.reference)))
        .header("authorization", format!("Bearer {}", created.token))
        .json(&json!({ "body": "The display says: paper jam in tray 2." }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let d = detail(&kim, id).await;
    assert_eq!(
        d.item.status,
        Status::Claimed,
        "the user's answer brings it back"
    );
    assert_eq!(d.item.holder.as_ref().map(|h| h.id), Some(kim.id));

    // Resolve, naming the node where the tree should have helped.
    let start = s
        .state
        .trees
        .catalog()
        .tree("printer")
        .unwrap()
        .start
        .clone();
    let resolved = ok(transition(
        &kim,
        id,
        json!({
            "action": "resolve",
            "revision": d.item.revision,
            "text": "Cleared the paper jam in tray 2.",
            "gap_node": start,
        }),
    )
    .await)
    .await;
    assert_eq!(resolved.status, Status::Resolved);
    let d = detail(&kim, id).await;
    assert_eq!(
        d.resolution.as_deref(),
        Some("Cleared the paper jam in tray 2.")
    );
    assert_eq!(d.gap_node, Some(format!("printer/{start}")));
    assert_eq!(d.actions, vec![Action::Close, Action::Reopen]);

    // The user's page: the reply and their own answer, never the note; the timeline.
    let public = public_view(&s, &created.reference, &created.token).await;
    assert_eq!(public.status, Status::Resolved);
    let thread: Vec<(Author, &str)> = public
        .thread
        .iter()
        .map(|m| (m.author, m.body.as_str()))
        .collect();
    assert_eq!(
        thread,
        vec![
            (
                Author::Staff,
                "Please restart the printer and tell us what the display says."
            ),
            (Author::User, "The display says: paper jam in tray 2."),
        ]
    );
    assert!(
        public
            .thread
            .iter()
            .all(|m| m.visibility == Visibility::Public)
    );
    assert_eq!(
        public.timeline.iter().map(|c| c.status).collect::<Vec<_>>(),
        vec![
            Status::New,
            Status::Claimed,
            Status::WaitingForUser,
            Status::Claimed,
            Status::Resolved
        ]
    );

    // The audit trail names who did what; every change has its live event.
    let trail: Vec<(String, Option<String>)> = d
        .audit
        .iter()
        .map(|a| (a.action.clone(), a.actor.as_ref().map(|h| h.name.clone())))
        .collect();
    let kim_name = Some("Kim Specialist".to_owned());
    assert_eq!(
        trail,
        vec![
            ("status_changed".to_owned(), None),
            ("status_changed".to_owned(), kim_name.clone()),
            ("message_added".to_owned(), kim_name.clone()),
            ("message_added".to_owned(), kim_name.clone()),
            ("status_changed".to_owned(), kim_name.clone()),
            ("status_changed".to_owned(), None),
            ("user_message".to_owned(), None),
            ("status_changed".to_owned(), kim_name.clone()),
        ]
    );
    let claim = &d.audit[1];
    assert_eq!(claim.before.as_ref().unwrap()["status"], "new");
    assert_eq!(claim.after.as_ref().unwrap()["action"], "claim");
    assert_eq!(claim.after.as_ref().unwrap()["holder"]["id"], kim.id);
    let resolve = d.audit.last().unwrap();
    assert_eq!(
        resolve.after.as_ref().unwrap()["gap_node"],
        format!("printer/{start}")
    );
    let events = s.state.store.events_after(0, 1000).await.unwrap();
    let kinds: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.kind.as_str(), e.payload["change"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("ticket_created", ""),
            ("ticket_claimed", "claim"),
            ("ticket_changed", "message_added"),
            ("ticket_changed", "message_added"),
            ("ticket_changed", "wait_for_user"),
            ("ticket_changed", "user_message"),
            ("ticket_changed", "resolve"),
        ]
    );
    let last = events.last().unwrap();
    assert_eq!(last.payload["status"], "resolved");
    assert_eq!(last.payload["revision"], d.item.revision);
    assert_eq!(last.payload["holder"]["name"], "Kim Specialist");
}

#[tokio::test]
async fn illegal_stale_and_foreign_actions_are_refused_clearly() {
    let s = TestServer::start().await;
    let kim = sign_in(&s, "Kim Specialist", "specialist", &["workplace"]).await;
    let lou = sign_in(&s, "Lou Specialist", "specialist", &["workplace"]).await;
    let ada = sign_in(&s, "Ada Admin", "admin", &[]).await;
    let agent = sign_in(&s, "Alex Agent", "agent", &[]).await;
    let created = hand_off(&s, Handoff::default()).await;
    let id = id_of(&kim, &created.reference).await;

    // Illegal: resolving a new ticket lists what is legal.
    let e = error(
        transition(&kim, id, json!({ "action": "resolve", "text": "x" })).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(e.code, "illegal_transition");
    assert_eq!(
        e.details.unwrap()["legal"],
        json!(["claim", "assign", "close"])
    );
    let e = error(
        transition(&kim, id, json!({ "action": "solved_by_user" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("action"));
    let e = error(
        transition(&kim, id, json!({ "action": "close", "text": "why" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        (e.field.as_deref(), e.rule.as_deref()),
        (Some("text"), Some("not_used"))
    );

    // Claim through the transition route; the next claim is told who holds it.
    let claimed = ok(transition(&kim, id, json!({ "action": "claim", "revision": 1 })).await).await;
    assert_eq!(claimed.revision, 2);
    let e = error(
        lou.post_empty(&format!("/api/v1/tickets/{id}/claim")).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(e.code, "already_claimed");
    assert_eq!(e.details.unwrap()["holder"]["name"], "Kim Specialist");

    // Stale: acting on revision 1 after the claim made it 2.
    let e = error(
        transition(
            &kim,
            id,
            json!({ "action": "wait_for_user", "revision": 1 }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(e.code, "stale");
    assert_eq!(e.details.unwrap()["revision"], 2);

    // A colleague may neither act on Kim's ticket nor reply in public; notes are fine.
    let e = error(
        transition(&lou, id, json!({ "action": "wait_for_user" })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(
        e.message.contains("Kim Specialist holds this ticket"),
        "{}",
        e.message
    );
    let reply = |who: &StaffClient, visibility: &str| {
        let body = json!({ "visibility": visibility, "body": "hello" });
        let path = format!("/api/v1/tickets/{id}/messages");
        let who = who.client.clone();
        let url = s.url(&path);
        async move { who.post(url).json(&body).send().await.unwrap().status() }
    };
    assert_eq!(reply(&lou, "public").await, StatusCode::FORBIDDEN);
    assert_eq!(reply(&lou, "internal").await, StatusCode::CREATED);
    assert_eq!(reply(&agent, "internal").await, StatusCode::FORBIDDEN);
    let e = error(
        kim.post(
            &format!("/api/v1/tickets/{id}/messages"),
            &json!({ "visibility": "public", "body": "   " }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("body"));

    // Resolve needs words; the gap node must be a node of the ticket's tree version.
    let e = error(
        transition(&kim, id, json!({ "action": "resolve" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("text"));
    for bad in ["no_such_node", "vpn/start", "printer/no_such_node"] {
        let e = error(
            transition(
                &kim,
                id,
                json!({ "action": "resolve", "text": "done", "gap_node": bad }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(e.field.as_deref(), Some("gap_node"), "{bad}");
    }

    // Assign: only to active specialists and admins; by the Holder or an admin.
    let e = error(
        transition(
            &kim,
            id,
            json!({ "action": "assign", "assignee": agent.id }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("assignee"));
    let e = error(
        transition(&lou, id, json!({ "action": "assign", "assignee": lou.id })).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(e.message.contains("Holder"), "{}", e.message);
    let moved =
        ok(transition(&ada, id, json!({ "action": "assign", "assignee": lou.id })).await).await;
    assert_eq!(moved.holder.as_ref().map(|h| h.id), Some(lou.id));
    assert_eq!(moved.status, Status::Claimed);
    let released = ok(transition(&lou, id, json!({ "action": "release" })).await).await;
    assert_eq!((released.status, released.holder), (Status::New, None));
    let d = detail(&ada, id).await;
    let assign = d
        .audit
        .iter()
        .find(|a| a.action == "assign")
        .expect("assign is audited");
    assert_eq!(
        assign.actor.as_ref().map(|h| h.name.as_str()),
        Some("Ada Admin")
    );
    assert_eq!(assign.before.as_ref().unwrap()["holder"]["id"], kim.id);
    assert_eq!(assign.after.as_ref().unwrap()["holder"]["id"], lou.id);

    // Return to the 1st level keeps the instructions as an internal note.
    ok(kim.post_empty(&format!("/api/v1/tickets/{id}/claim")).await).await;
    let returned = ok(transition(
        &kim,
        id,
        json!({ "action": "return_to_first_level", "text": "Check the cable with the caller." }),
    )
    .await)
    .await;
    assert_eq!((returned.status, returned.holder), (Status::Returned, None));
    let d = detail(&kim, id).await;
    let note = d.thread.last().unwrap();
    assert_eq!(
        (note.visibility, note.body.as_str()),
        (Visibility::Internal, "Check the cable with the caller.")
    );
    let public = public_view(&s, &created.reference, &created.token).await;
    assert!(public.thread.is_empty(), "notes never reach the user");

    // Close, then nothing more: closed is final.
    ok(transition(&kim, id, json!({ "action": "close" })).await).await;
    let e = error(
        transition(&ada, id, json!({ "action": "reopen" })).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(e.details.unwrap()["legal"], json!([]));
    assert_eq!(
        kim.get("/api/v1/tickets/999999").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        kim.get("/api/v1/tickets/abc").await.status(),
        StatusCode::NOT_FOUND
    );

    // Every change wrote exactly one audit entry and one live event.
    let db = harness::staff::database(&s).await;
    let (audits,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(&db)
        .await
        .unwrap();
    let (events,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM events WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    // Created, claim, note, assign, release, claim, return, close.
    assert_eq!((audits, events), (8, 8));
}
