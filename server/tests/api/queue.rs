//! The 2nd-level Queue over real HTTP: order, filters, search, keyset pages, Claim
//! races and claim-next. Runs on SQLite, and on PostgreSQL when
//! `LOTSE_TEST_POSTGRES_URL` is set.

use crate::harness;

use domain::api::{ApiError, QueueItem, QueuePage};
use domain::ticket::Status;
use domain::tree::Level;
use harness::TestServer;
use harness::staff::{StaffClient, sign_in, sign_in_many};
use harness::tickets::{Handoff, hand_off};
use reqwest::StatusCode;
use std::collections::BTreeSet;

async fn page(staff: &StaffClient, query: &str) -> QueuePage {
    let res = staff.get(&format!("/api/v1/queue{query}")).await;
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    res.json().await.unwrap()
}

/// Every ticket the query lists, following the cursor.
async fn all_pages(staff: &StaffClient, query: &str, limit: usize) -> Vec<Vec<QueueItem>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let sep = if query.is_empty() { "?" } else { "&" };
        let mut q = format!("{query}{sep}limit={limit}");
        if let Some(c) = &cursor {
            q.push_str(&format!("&cursor={c}"));
        }
        let p = page(staff, &q).await;
        assert!(p.items.len() <= limit);
        pages.push(p.items);
        match p.next {
            Some(next) => cursor = Some(next),
            None => return pages,
        }
    }
}

fn order_key(i: &QueueItem) -> (u8, i64, i64) {
    (i.priority, i.created_at, i.id)
}

/// (impact, urgency) giving priorities 1 to 5 with the default ITIL matrix.
const LEVELS: [(Level, Level); 5] = [
    (Level::High, Level::High),
    (Level::High, Level::Medium),
    (Level::Medium, Level::Medium),
    (Level::Medium, Level::Low),
    (Level::Low, Level::Low),
];

#[tokio::test]
async fn the_queue_pages_through_mixed_priorities_in_order_without_gaps() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;
    let names = ["Anna Muster", "Bernd Beispiel", "Carla Clausen"];
    for i in 0..30 {
        let (impact, urgency) = LEVELS[(i * 7) % 5];
        let description = format!("Ticket number {i}");
        hand_off(
            &s,
            Handoff {
                tree: if i % 3 == 0 { "email" } else { "printer" },
                impact,
                urgency,
                name: names[i % 3],
                description: &description,
            },
        )
        .await;
    }

    let pages = all_pages(&admin, "", 7).await;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![7, 7, 7, 7, 2]
    );
    let items: Vec<QueueItem> = pages.into_iter().flatten().collect();
    let ids: BTreeSet<i64> = items.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), 30, "no duplicates, no gaps");
    let keys: Vec<_> = items.iter().map(order_key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "priority first, then age, then id");
    assert_eq!(items[0].priority, 1);
    assert_eq!(items[29].priority, 5);

    // A ticket claimed while someone pages through leaves later pages as they were.
    let first = page(&admin, "?limit=7").await;
    let claimed = &first.items[0];
    let res = admin
        .post_empty(&format!("/api/v1/tickets/{}/claim", claimed.id))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let second = page(
        &admin,
        &format!("?limit=7&cursor={}", first.next.clone().unwrap()),
    )
    .await;
    assert_eq!(
        second.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        items[7..14].iter().map(|i| i.id).collect::<Vec<_>>()
    );

    // Filters narrow the same order.
    let p1 = page(&admin, "?priority=1&limit=200").await;
    assert!(!p1.items.is_empty());
    assert!(p1.items.iter().all(|i| i.priority == 1));
    let high = page(&admin, "?priority=1,2&limit=200").await;
    assert_eq!(
        high.items.len(),
        items.iter().filter(|i| i.priority <= 2).count()
    );
    let messaging = page(&admin, "?queue=messaging&limit=200").await;
    assert_eq!(messaging.items.len(), 10);
    assert!(messaging.items.iter().all(|i| i.queue == "messaging"));
    let mine = page(&admin, "?assignee=me").await;
    assert_eq!(
        mine.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![claimed.id]
    );
    assert_eq!(
        mine.items[0].holder.as_ref().map(|h| h.name.as_str()),
        Some("Ada Admin")
    );
    let claimed_only = page(&admin, "?status=claimed").await;
    assert_eq!(claimed_only.items.len(), 1);
    // Each status is read on its own (see `store::queue`): one asked twice lists once.
    let claimed_twice = page(&admin, "?status=claimed,claimed&status=claimed").await;
    assert_eq!(claimed_twice.items, claimed_only.items);
    let unheld = page(&admin, "?assignee=none&limit=200").await;
    assert_eq!(unheld.items.len(), 29);
    let by_id = page(&admin, &format!("?assignee={}", admin.id)).await;
    assert_eq!(by_id.items.len(), 1);
    let closed = page(&admin, "?status=closed,resolved").await;
    assert!(closed.items.is_empty());

    // Search: case-insensitive, every word must match somewhere.
    let bernd = page(&admin, "?q=BERND&limit=200").await;
    assert_eq!(bernd.items.len(), 10);
    assert!(
        bernd
            .items
            .iter()
            .all(|i| i.contact_name == "Bernd Beispiel")
    );
    let by_mail = page(&admin, "?q=carla.clausen%40example&limit=200").await;
    assert_eq!(by_mail.items.len(), 10);
    let exact = page(&admin, "?q=number%2017").await;
    assert_eq!(exact.items.len(), 1);
    let reference = items[12].reference.to_lowercase();
    let by_reference = page(&admin, &format!("?q={reference}")).await;
    assert_eq!(by_reference.items[0].id, items[12].id);
    let wildcard = page(&admin, "?q=%25").await;
    assert!(
        wildcard.items.is_empty(),
        "`%` is a character, not a wildcard"
    );
    let paged_search = all_pages(&admin, "?q=anna", 3).await;
    assert_eq!(paged_search.into_iter().flatten().count(), 10);

    // A specialist sees their own queues by default, every queue with `*`.
    let kim = sign_in(&s, "Kim Specialist", "specialist", &["messaging"]).await;
    let own = page(&kim, "?limit=200").await;
    assert_eq!(own.items.len(), 10);
    let every = page(&kim, "?queue=*&limit=200").await;
    assert_eq!(every.items.len(), 30);
}

#[tokio::test]
async fn the_age_order_pages_oldest_first_and_a_cursor_keeps_its_order() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;
    for i in 0..24 {
        let (impact, urgency) = LEVELS[(i * 3) % 5];
        let description = format!("Aged ticket {i}");
        hand_off(
            &s,
            Handoff {
                impact,
                urgency,
                description: &description,
                ..Handoff::default()
            },
        )
        .await;
    }
    // Hand-offs in the same millisecond: only the id tells them apart, in both orders.
    let db = harness::staff::database(&s).await;
    let (first,): (i64,) = sqlx::query_as("SELECT MIN(created_at) FROM tickets")
        .fetch_one(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE tickets SET created_at = $1 WHERE id % 3 = 0")
        .bind(first + 5)
        .execute(&db)
        .await
        .unwrap();
    db.close().await;

    let pages = all_pages(&admin, "?order=age", 5).await;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![5, 5, 5, 5, 4]
    );
    let items: Vec<QueueItem> = pages.into_iter().flatten().collect();
    let ids: BTreeSet<i64> = items.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), 24, "no duplicates, no gaps");
    let keys: Vec<(i64, i64)> = items.iter().map(|i| (i.created_at, i.id)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "oldest first, then id");
    let priorities: BTreeSet<u8> = items.iter().map(|i| i.priority).collect();
    assert!(priorities.len() > 1, "every priority mixed: {priorities:?}");
    // The default order is unchanged, and naming it gives the same pages.
    let by_priority: Vec<QueueItem> = all_pages(&admin, "?order=priority", 5)
        .await
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(by_priority, all_pages(&admin, "", 5).await.concat());
    let keys: Vec<_> = by_priority.iter().map(order_key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);

    // Filters narrow the age order too, across pages.
    let high: Vec<QueueItem> = all_pages(&admin, "?order=age&priority=1,2", 2)
        .await
        .concat();
    assert_eq!(
        high.iter().map(|i| i.id).collect::<Vec<_>>(),
        items
            .iter()
            .filter(|i| i.priority <= 2)
            .map(|i| i.id)
            .collect::<Vec<_>>()
    );

    // A cursor of one order does not page the other.
    let age_next = page(&admin, "?order=age&limit=5").await.next.unwrap();
    let priority_next = page(&admin, "?limit=5").await.next.unwrap();
    for query in [
        format!("?cursor={age_next}"),
        format!("?order=priority&cursor={age_next}"),
        format!("?order=age&cursor={priority_next}"),
    ] {
        let res = admin.get(&format!("/api/v1/queue{query}")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let e: ApiError = res.json().await.unwrap();
        assert_eq!(e.field.as_deref(), Some("cursor"), "{query}: {e:?}");
        assert_eq!(e.rule.as_deref(), Some("order"), "{query}: {e:?}");
    }

    // Documented with the other parameters.
    let doc: serde_json::Value = s.get("/api/openapi.json").await.json().await.unwrap();
    let params = doc["paths"]["/api/v1/queue"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert!(params.iter().any(|p| p["name"] == "order"));
}

#[tokio::test]
async fn bad_filters_are_422_naming_the_parameter_and_strangers_are_401() {
    let s = TestServer::start().await;
    let kim = sign_in(&s, "Kim Specialist", "specialist", &["workplace"]).await;
    for (query, field) in [
        ("status=open", "status"),
        ("queue=no%20spaces", "queue"),
        ("priority=6", "priority"),
        ("assignee=somebody", "assignee"),
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("cursor=forged", "cursor"),
        ("order=oldest", "order"),
        ("order=age&order=priority", "order"),
        ("q=a&q=b", "q"),
    ] {
        let res = kim.get(&format!("/api/v1/queue?{query}")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let e: ApiError = res.json().await.unwrap();
        assert_eq!(e.field.as_deref(), Some(field), "{query}: {e:?}");
    }
    assert_eq!(
        s.get("/api/v1/queue").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let no_csrf = reqwest::Client::new()
        .post(s.url("/api/v1/queue/claim-next"))
        .header(
            "cookie",
            format!("{}={}", server::SESSION_COOKIE, kim.token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN);

    // Every staff route is documented as needing the session.
    let doc: serde_json::Value = s.get("/api/openapi.json").await.json().await.unwrap();
    for (path, method) in [
        ("/api/v1/queue", "get"),
        ("/api/v1/queue/claim-next", "post"),
        ("/api/v1/tickets/{id}", "get"),
        ("/api/v1/tickets/{id}/attachments/{attachment}", "get"),
        ("/api/v1/tickets/{id}/claim", "post"),
        ("/api/v1/tickets/{id}/transition", "post"),
        ("/api/v1/tickets/{id}/messages", "post"),
    ] {
        let security = &doc["paths"][path][method]["security"];
        assert_eq!(
            security,
            &serde_json::json!([{ "session": [] }]),
            "{method} {path}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_claimers_one_wins_and_49_learn_who() {
    let s = TestServer::start().await;
    let created = hand_off(&s, Handoff::default()).await;
    let claimers = sign_in_many(&s, "Claimer", "specialist", &["workplace"], 50).await;
    let id = page(&claimers[0], &format!("?q={}", created.reference))
        .await
        .items[0]
        .id;

    let path = format!("/api/v1/tickets/{id}/claim");
    let answers =
        futures_util::future::join_all(claimers.iter().map(|c| c.post_empty(&path))).await;
    let mut winners = Vec::new();
    let mut holders = Vec::new();
    for (claimer, res) in claimers.iter().zip(answers) {
        match res.status() {
            StatusCode::OK => {
                let item: QueueItem = res.json().await.unwrap();
                assert_eq!(item.status, Status::Claimed);
                assert_eq!(item.holder.as_ref().map(|h| h.id), Some(claimer.id));
                winners.push(claimer.id);
            }
            StatusCode::CONFLICT => {
                let e: ApiError = res.json().await.unwrap();
                assert_eq!(e.code, "already_claimed", "{e:?}");
                assert!(e.message.contains("holds this ticket"), "{}", e.message);
                let holder = &e.details.unwrap()["holder"];
                holders.push((holder["id"].as_i64().unwrap(), holder["name"].to_string()));
            }
            other => panic!("unexpected {other}: {}", res.text().await.unwrap()),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one claim wins");
    assert_eq!(holders.len(), 49);
    let winner = claimers.iter().find(|c| c.id == winners[0]).unwrap();
    assert!(
        holders
            .iter()
            .all(|(hid, name)| *hid == winner.id && name.contains(&winner.name)),
        "every loser is told who holds it"
    );

    // One claim, so one audit entry and one live event for it.
    let db = harness::staff::database(&s).await;
    let (claims,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit WHERE ticket_id = $1 AND action = 'status_changed' AND after_state LIKE '%\"claimed\"%'",
    )
    .bind(id)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(claims, 1);
    let events = s.state.store.events_after(0, 1000).await.unwrap();
    let claimed: Vec<_> = events
        .iter()
        .filter(|e| e.kind == "ticket_claimed")
        .collect();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].payload["holder"]["id"], winner.id);
    assert_eq!(claimed[0].payload["revision"], 2);
    db.close().await;
}

/// The HTTP race above may let the first claim commit before the others read the
/// ticket; here all 50 claims are planned from the same read, so all 50 reach the
/// conditional UPDATE and the database alone picks the winner.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_claims_planned_on_the_same_state_change_the_row_once() {
    let s = TestServer::start().await;
    let created = hand_off(&s, Handoff::default()).await;
    let claimers = sign_in_many(&s, "Claimer", "specialist", &["workplace"], 50).await;
    let id = page(&claimers[0], &format!("?q={}", created.reference))
        .await
        .items[0]
        .id;
    let store = &s.state.store;
    let seen = store.ticket_state(id).await.unwrap().unwrap();
    let staff: Vec<server::auth::Staff> = claimers
        .iter()
        .map(|c| server::auth::Staff {
            id: c.id,
            login: c.name.clone(),
            name: c.name.clone(),
            role: domain::api::Role::Specialist,
            queues: vec!["workplace".into()],
            must_change_password: false,
            csrf: String::new(),
            session: String::new(),
        })
        .collect();
    let plans: Vec<_> = staff
        .iter()
        .map(|who| {
            let change = server::workflow::Change::new(domain::ticket::Action::Claim);
            server::workflow::plan(who, &seen, &change, server::store::now_ms()).unwrap()
        })
        .collect();
    let written = futures_util::future::join_all(
        plans
            .iter()
            .zip(&staff)
            .map(|(plan, who)| store.apply(plan, who)),
    )
    .await;
    let wins: Vec<usize> = written
        .into_iter()
        .enumerate()
        .filter_map(|(i, w)| w.unwrap().then_some(i))
        .collect();
    assert_eq!(wins.len(), 1, "exactly one UPDATE changes the row");
    let now = store.ticket_state(id).await.unwrap().unwrap();
    assert_eq!(now.holder.map(|h| h.id), Some(staff[wins[0]].id));
    assert_eq!(now.revision, seen.revision + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn claim_next_hands_out_the_most_urgent_ticket_and_never_one_twice() {
    let s = TestServer::start().await;
    let kim = sign_in(&s, "Kim Specialist", "specialist", &["workplace"]).await;
    let mail_only = sign_in(&s, "Mo Mail", "specialist", &["messaging"]).await;
    assert_eq!(
        kim.post_empty("/api/v1/queue/claim-next").await.status(),
        StatusCode::NO_CONTENT,
        "nothing is waiting yet"
    );
    // Priorities 3, 1, 2, 1: the older P1 comes first.
    let mut references = Vec::new();
    for level in [2, 0, 1, 0] {
        let (impact, urgency) = LEVELS[level];
        let created = hand_off(
            &s,
            Handoff {
                impact,
                urgency,
                ..Handoff::default()
            },
        )
        .await;
        references.push(created.reference);
    }
    assert_eq!(
        mail_only
            .post_empty("/api/v1/queue/claim-next")
            .await
            .status(),
        StatusCode::NO_CONTENT,
        "only the caller's queues"
    );
    let res = kim.post_empty("/api/v1/queue/claim-next").await;
    assert_eq!(res.status(), StatusCode::OK);
    let first: QueueItem = res.json().await.unwrap();
    assert_eq!(first.reference, references[1]);
    assert_eq!((first.priority, first.status), (1, Status::Claimed));
    assert_eq!(first.holder.as_ref().map(|h| h.id), Some(kim.id));

    // Ten colleagues at once for the three left: three get one each, distinct, in
    // order of urgency; the others hear nothing is waiting.
    let colleagues = sign_in_many(&s, "Colleague", "specialist", &["workplace"], 10).await;
    let answers = futures_util::future::join_all(
        colleagues
            .iter()
            .map(|c| c.post_empty("/api/v1/queue/claim-next")),
    )
    .await;
    let mut got = Vec::new();
    for (c, res) in colleagues.iter().zip(answers) {
        match res.status() {
            StatusCode::OK => {
                let item: QueueItem = res.json().await.unwrap();
                assert_eq!(item.holder.as_ref().map(|h| h.id), Some(c.id));
                got.push(item);
            }
            StatusCode::NO_CONTENT => {}
            other => panic!("unexpected {other}: {}", res.text().await.unwrap()),
        }
    }
    let got_refs: BTreeSet<&str> = got.iter().map(|i| i.reference.as_str()).collect();
    assert_eq!(got.len(), 3);
    assert_eq!(
        got_refs,
        [&references[0], &references[2], &references[3]]
            .into_iter()
            .map(String::as_str)
            .collect()
    );
    // Every claimed ticket has exactly one claim event.
    let events = s.state.store.events_after(0, 1000).await.unwrap();
    let mut claimed: Vec<i64> = events
        .iter()
        .filter(|e| e.kind == "ticket_claimed")
        .filter_map(|e| e.ticket_id)
        .collect();
    claimed.sort();
    claimed.dedup();
    assert_eq!(claimed.len(), 4);
    assert_eq!(
        events.iter().filter(|e| e.kind == "ticket_claimed").count(),
        4
    );
}

#[tokio::test]
async fn agents_see_and_take_returned_tickets_only() {
    let s = TestServer::start().await;
    let kim = sign_in(&s, "Kim Specialist", "specialist", &["workplace"]).await;
    let agent = sign_in(&s, "Alex Agent", "agent", &[]).await;
    let returned = hand_off(&s, Handoff::default()).await;
    let fresh = hand_off(&s, Handoff::default()).await;
    let id = |r: &str| {
        let r = r.to_owned();
        let kim = &kim;
        async move { page(kim, &format!("?q={r}")).await.items[0].id }
    };
    let (returned_id, fresh_id) = (id(&returned.reference).await, id(&fresh.reference).await);
    assert_eq!(
        kim.post_empty(&format!("/api/v1/tickets/{returned_id}/claim"))
            .await
            .status(),
        StatusCode::OK
    );
    let res = kim
        .post(
            &format!("/api/v1/tickets/{returned_id}/transition"),
            &serde_json::json!({ "action": "return_to_first_level", "text": "Call the user and check the cable." }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let seen = page(&agent, "").await;
    assert_eq!(
        seen.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![returned_id]
    );
    assert_eq!(seen.items[0].status, Status::Returned);
    assert_eq!(
        agent
            .get(&format!("/api/v1/tickets/{fresh_id}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        agent
            .post_empty(&format!("/api/v1/tickets/{fresh_id}/claim"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let res = agent.post_empty("/api/v1/queue/claim-next").await;
    assert_eq!(res.status(), StatusCode::OK);
    let taken: QueueItem = res.json().await.unwrap();
    assert_eq!(taken.id, returned_id);
    assert_eq!(taken.holder.as_ref().map(|h| h.id), Some(agent.id));
    // Now the agent holds it and still sees it; the new ticket stays hidden.
    let seen = page(&agent, "").await;
    assert_eq!(
        seen.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![returned_id]
    );
}

#[tokio::test]
async fn search_folds_case_umlauts_and_sharp_s_beyond_ascii() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;
    let joerg = hand_off(
        &s,
        Handoff {
            name: "Jörg Müller",
            description: "Der Drucker in der Goethestraße 5 streikt.",
            ..Handoff::default()
        },
    )
    .await;
    let sofia = hand_off(
        &s,
        Handoff {
            name: "ΣΟΦΙΑ Παππά",
            description: "Nothing prints.",
            ..Handoff::default()
        },
    )
    .await;
    hand_off(&s, Handoff::default()).await;
    let found = |q: &'static str| {
        let admin = &admin;
        async move {
            let items = page(admin, &format!("?q={q}&queue=*")).await.items;
            items.into_iter().map(|i| i.reference).collect::<Vec<_>>()
        }
    };
    for q in [
        "müller",
        "MÜLLER",
        "muller",
        "JÖRG",
        "jorg",
        "goethestrasse",
        "STRASSE",
        "straße",
    ] {
        assert_eq!(found(q).await, vec![joerg.reference.clone()], "{q}");
    }
    for q in ["σοφια", "ΣΟΦΙΑ"] {
        assert_eq!(found(q).await, vec![sofia.reference.clone()], "{q}");
    }

    // Tickets stored before the folded column existed are filled in at start-up.
    let db = harness::staff::database(&s).await;
    sqlx::query("UPDATE tickets SET search_text = NULL")
        .execute(&db)
        .await
        .unwrap();
    assert!(found("müller").await.is_empty());
    server::store::schema::fill_search_text(&s.state.store)
        .await
        .unwrap();
    assert_eq!(found("müller").await, vec![joerg.reference.clone()]);
}
