//! Tree gaps over real HTTP, checked against a known set of tickets: resolved with and
//! without a gap node, one reopened (it drops out), one erased (its resolution stays,
//! its person does not), one outside the period, and one naming a node the served
//! version no longer has (its texts come from the version it was walked on).

use crate::harness;

use domain::api::{ApiError, GapGroup, QueuePage, TreeGaps};
use domain::ticket::Status;
use harness::TestServer;
use harness::staff::{StaffClient, database, sign_in};
use harness::tickets::{Handoff, hand_off};
use reqwest::StatusCode;
use serde_json::{Value, json};

const DAY: i64 = 24 * 60 * 60 * 1000;

async fn id_of(staff: &StaffClient, reference: &str) -> i64 {
    let page: QueuePage = staff
        .get(&format!("/api/v1/queue?queue=*&status=new&q={reference}"))
        .await
        .json()
        .await
        .unwrap();
    page.items[0].id
}

async fn transition(staff: &StaffClient, id: i64, body: Value) {
    let res = staff
        .post(&format!("/api/v1/tickets/{id}/transition"), &body)
        .await;
    let status = res.status();
    assert_eq!(status, StatusCode::OK, "{}", res.text().await.unwrap());
}

/// A ticket of `tree` by `name`, claimed by `holder`, resolved by `resolver` with
/// `text` naming `gap`; its id.
async fn resolved(
    s: &TestServer,
    tree: &str,
    name: &str,
    holder: &StaffClient,
    resolver: &StaffClient,
    text: &str,
    gap: Option<&str>,
) -> i64 {
    let created = hand_off(
        s,
        Handoff {
            tree,
            name,
            ..Handoff::default()
        },
    )
    .await;
    let id = id_of(holder, &created.reference).await;
    let res = holder
        .post_empty(&format!("/api/v1/tickets/{id}/claim"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let mut body = json!({ "action": "resolve", "text": text });
    if let Some(gap) = gap {
        body["gap_node"] = json!(gap);
    }
    transition(resolver, id, body).await;
    id
}

async fn gaps(staff: &StaffClient, query: &str) -> TreeGaps {
    let res = staff.get(&format!("/api/v1/gaps{query}")).await;
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn texts(group: &GapGroup) -> Vec<&str> {
    group
        .resolutions
        .iter()
        .map(|r| r.resolution.as_str())
        .collect()
}

#[tokio::test]
async fn gaps_are_grouped_by_node_counted_and_ordered_from_a_known_set() {
    let s = TestServer::start().await;
    let kim = sign_in(&s, "Kim Kern", "specialist", &[]).await;
    let ada = sign_in(&s, "Ada Admin", "admin", &[]).await;
    let db = database(&s).await;
    let now = server::store::now_ms();
    let vpn_start = s.state.trees.catalog().tree("vpn").unwrap().start.clone();

    let jam_1 = resolved(
        &s,
        "printer",
        "Jana Jam",
        &kim,
        &kim,
        "Tray 2 roller worn",
        Some("jam"),
    )
    .await;
    let jam_2 = resolved(
        &s,
        "printer",
        "Jon Jam",
        &kim,
        &kim,
        "Fuser door latch",
        Some("printer/jam"),
    )
    .await;
    // Resolved by an admin on a ticket Kim holds: the resolver is Ada.
    let toner_1 = resolved(
        &s,
        "printer",
        "Tom Toner",
        &kim,
        &ada,
        "Wrong cartridge model",
        Some("toner"),
    )
    .await;
    let vpn = resolved(
        &s,
        "vpn",
        "Vera Vpn",
        &kim,
        &kim,
        "Token clock drift",
        Some(&vpn_start),
    )
    .await;
    transition(&kim, vpn, json!({ "action": "close" })).await;
    let _plain = resolved(
        &s,
        "printer",
        "Paul Plain",
        &kim,
        &kim,
        "Nothing the tree knows",
        None,
    )
    .await;
    let reopened = resolved(
        &s,
        "printer",
        "Rita Reopen",
        &kim,
        &kim,
        "Premature fix",
        Some("toner"),
    )
    .await;
    transition(&kim, reopened, json!({ "action": "reopen" })).await;
    let erased = resolved(
        &s,
        "printer",
        "Erik Erased",
        &kim,
        &kim,
        "Cartridge seal left on",
        Some("toner"),
    )
    .await;
    let res = ada
        .post_empty(&format!("/api/v1/tickets/{erased}/erase"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let old = resolved(
        &s,
        "printer",
        "Olga Old",
        &kim,
        &kim,
        "Jam from last spring",
        Some("jam"),
    )
    .await;
    let retired = resolved(
        &s,
        "printer",
        "Rolf Retired",
        &kim,
        &kim,
        "Step since removed",
        Some("jam"),
    )
    .await;

    // Resolution times in the past, so the order is known: days ago per ticket.
    for (id, days) in [
        (jam_1, 2),
        (jam_2, 1),
        (toner_1, 3),
        (vpn, 5),
        (erased, 4),
        (old, 100),
        (retired, 6),
    ] {
        sqlx::query("UPDATE tickets SET resolved_at = $1 WHERE id = $2")
            .bind(now - days * DAY)
            .bind(id)
            .execute(&db)
            .await
            .unwrap();
    }
    // The retired ticket was walked on an older printer version that had a step the
    // served one lacks: store that version and point the ticket at it.
    let served = s.state.trees.catalog().entry("printer").unwrap().clone();
    let mut older = serde_json::to_value(&served.tree).unwrap();
    older["nodes"]["old_step"] = older["nodes"]["toner"].clone();
    older["nodes"]["old_step"]["text"] = json!({ "de": "Alter Schritt", "en": "Old step" });
    sqlx::query("INSERT INTO tree_versions (tree_id, version, body, stored_at) VALUES ('printer', 'v-old', $1, 0)")
        .bind(older.to_string())
        .execute(&db)
        .await
        .unwrap();
    let (walk,): (String,) = sqlx::query_as("SELECT walk FROM tickets WHERE id = $1")
        .bind(retired)
        .fetch_one(&db)
        .await
        .unwrap();
    let mut walk: Value = serde_json::from_str(&walk).unwrap();
    walk["versions"]["printer"] = json!("v-old");
    sqlx::query("UPDATE tickets SET walk = $1, gap_node = 'printer/old_step' WHERE id = $2")
        .bind(walk.to_string())
        .bind(retired)
        .execute(&db)
        .await
        .unwrap();

    let all = gaps(&kim, "").await;
    assert_eq!((all.days, all.limit, all.total_groups), (90, 10, 4));
    let order: Vec<(&str, &str, i64)> = all
        .groups
        .iter()
        .map(|g| (g.tree.as_str(), g.node.as_str(), g.count))
        .collect();
    // jam and toner twice each (jam's newest is newer), then vpn (5 days) before the
    // retired step (6 days). The reopened ticket and the one without a gap are absent,
    // the 100-day-old one is outside the period.
    assert_eq!(
        order,
        [
            ("printer", "jam", 2),
            ("printer", "toner", 2),
            ("vpn", vpn_start.as_str(), 1),
            ("printer", "old_step", 1)
        ]
    );
    let jam = &all.groups[0];
    assert_eq!(texts(jam), ["Fuser door latch", "Tray 2 roller worn"]);
    assert_eq!(jam.newest_at, now - DAY);
    assert!(jam.served);
    assert_eq!(jam.version.as_deref(), Some(served.version.as_str()));
    assert_eq!(jam.node_kind.as_deref(), Some("step"));
    assert_eq!(jam.tree_title.get("en"), "Printer won’t print");
    assert!(jam.tree_title.get("de").contains("Drucker"));
    let jam_text = jam.node_text.as_ref().unwrap();
    assert!(jam_text.get("en").contains("Clear the paper jam"));
    assert!(jam_text.get("de").contains("Papierstau beheben"));
    let first = &jam.resolutions[0];
    assert_eq!(first.ticket, jam_2);
    assert_eq!(first.status, Status::Resolved);
    assert_eq!(
        first.resolved_by.as_ref().map(|h| h.name.as_str()),
        Some("Kim Kern")
    );
    assert!(first.reference.len() >= 8 && first.erased_at.is_none());

    let toner = &all.groups[1];
    assert_eq!(
        texts(toner),
        ["Wrong cartridge model", "Cartridge seal left on"]
    );
    assert_eq!(
        toner.resolutions[0]
            .resolved_by
            .as_ref()
            .map(|h| h.name.as_str()),
        Some("Ada Admin")
    );
    // Erased: the resolution is kept (erasure keeps it by design), flagged as erased.
    assert_eq!(toner.resolutions[1].ticket, erased);
    assert!(toner.resolutions[1].erased_at.is_some());
    assert_eq!(all.groups[2].resolutions[0].status, Status::Closed);

    let gone = &all.groups[3];
    assert!(!gone.served);
    assert_eq!(gone.version.as_deref(), Some("v-old"));
    assert_eq!(gone.node_text.as_ref().unwrap().get("de"), "Alter Schritt");
    assert_eq!(gone.tree_title.get("en"), "Printer won’t print");
    assert_eq!(texts(gone), ["Step since removed"]);

    // No person of any ticket is in the answer (the erased one's least of all).
    let raw = kim.get("/api/v1/gaps?days=365").await.text().await.unwrap();
    for name in [
        "Erik Erased",
        "erik.erased@example.org",
        "Jana Jam",
        "1234567",
    ] {
        assert!(!raw.contains(name), "{name} leaked");
    }

    // Filters: one tree; a longer period; a cap per group with the full count.
    let vpn_only = gaps(&kim, "?tree=vpn").await;
    assert_eq!(vpn_only.tree.as_deref(), Some("vpn"));
    assert_eq!(vpn_only.groups.len(), 1);
    assert_eq!(texts(&vpn_only.groups[0]), ["Token clock drift"]);
    let year = gaps(&kim, "?days=120&tree=printer").await;
    assert_eq!(year.groups[0].node, "jam");
    assert_eq!(year.groups[0].count, 3);
    assert_eq!(texts(&year.groups[0])[2], "Jam from last spring");
    let capped = gaps(&kim, "?limit=1").await;
    assert_eq!(capped.groups[0].count, 2);
    assert_eq!(texts(&capped.groups[0]), ["Fuser door latch"]);
    // Three days: jam's two (1 and 2 days ago); toner's newest was resolved exactly
    // three days before the test's clock, which is earlier than the request's.
    let week = gaps(&kim, "?days=3&tree=printer").await;
    assert_eq!(week.total_groups, 1);
    assert_eq!(
        texts(&week.groups[0]),
        ["Fuser door latch", "Tray 2 roller worn"]
    );
}

#[tokio::test]
async fn agents_are_refused_and_wrong_values_are_named() {
    let s = TestServer::start().await;
    let agent = sign_in(&s, "Ali Agent", "agent", &[]).await;
    let res = agent.get("/api/v1/gaps").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let kim = sign_in(&s, "Kim Kern", "specialist", &[]).await;
    let empty = gaps(&kim, "?tree=printer").await;
    assert!(empty.groups.is_empty() && empty.total_groups == 0);
    for (query, field) in [
        ("?days=0", "days"),
        ("?days=366", "days"),
        ("?days=ninety", "days"),
        ("?limit=0", "limit"),
        ("?limit=51", "limit"),
        ("?tree=no-such-tree", "tree"),
        ("?tree=printer&tree=vpn", "tree"),
        ("?order=count", "order"),
    ] {
        let res = kim.get(&format!("/api/v1/gaps{query}")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let e: ApiError = res.json().await.unwrap();
        assert_eq!(e.field.as_deref(), Some(field), "{query}");
    }
}
