//! The team view's figures over real HTTP, checked against a known set of tickets whose
//! hand-off, claim and resolve times are set in the database; the SLA targets admins set.

use crate::harness;

use domain::api::{ApiError, SlaSettings, TeamStats};
use harness::TestServer;
use harness::staff::{database, sign_in};
use harness::tickets::{Handoff, hand_off};
use reqwest::StatusCode;
use serde_json::json;

const MIN: i64 = 60_000;
const DAY: i64 = 24 * 60 * MIN;

/// Tree, created days ago, minutes to claim, minutes to resolve, status, holder.
type Known<'a> = (&'a str, i64, Option<i64>, Option<i64>, &'a str, Option<i64>);

#[tokio::test]
async fn figures_match_a_known_set_of_tickets() {
    let s = TestServer::start().await;
    let lead = sign_in(&s, "Lea Lead", "specialist", &["workplace"]).await;
    let kim = sign_in(&s, "Kim Kern", "specialist", &["network"]).await;
    let db = database(&s).await;
    let now = server::store::now_ms();
    let set: [Known; 4] = [
        ("printer", 2, Some(10), Some(60), "resolved", Some(kim.id)),
        ("printer", 10, Some(30), Some(120), "closed", Some(kim.id)),
        ("no-internet", 1, Some(20), None, "claimed", Some(kim.id)),
        ("vpn", 40, None, None, "new", None),
    ];
    let mut references = Vec::new();
    for (tree, days, claim, resolve, status, holder) in set {
        let created = hand_off(
            &s,
            Handoff {
                tree,
                ..Handoff::default()
            },
        )
        .await;
        let at = now - days * DAY;
        sqlx::query(
            "UPDATE tickets SET created_at = $1, claimed_at = $2, resolved_at = $3, status = $4,
             holder_id = $5 WHERE reference = $6",
        )
        .bind(at)
        .bind(claim.map(|m| at + m * MIN))
        .bind(resolve.map(|m| at + m * MIN))
        .bind(status)
        .bind(holder)
        .bind(&created.reference)
        .execute(&db)
        .await
        .unwrap();
        references.push(created.reference);
    }

    let res = lead.get("/api/v1/team").await;
    assert_eq!(res.status(), StatusCode::OK);
    let stats: TeamStats = res.json().await.unwrap();
    assert!((now..now + 60_000).contains(&stats.at));

    // Open: the claimed no-internet ticket and the new vpn one.
    let open: Vec<(&str, i64)> = stats
        .open
        .iter()
        .map(|o| (o.queue.as_str(), o.count))
        .collect();
    assert_eq!(open, [("network", 1), ("remote-access", 1)]);
    assert_eq!(stats.oldest_waiting.len(), 1);
    assert_eq!(stats.oldest_waiting[0].reference, references[3]);
    assert_eq!(stats.per_holder.len(), 1);
    assert_eq!(stats.per_holder[0].holder.name, "Kim Kern");
    assert_eq!(stats.per_holder[0].open, 1);

    let week = &stats.periods[0];
    assert_eq!(
        (week.days, week.handed_off, week.claimed, week.resolved),
        (7, 2, 2, 1)
    );
    assert_eq!(week.median_to_claim_ms, Some(15 * MIN));
    assert_eq!(week.median_to_resolve_ms, Some(60 * MIN));
    let month = &stats.periods[1];
    assert_eq!(
        (month.days, month.handed_off, month.claimed, month.resolved),
        (30, 3, 3, 2)
    );
    assert_eq!(month.median_to_claim_ms, Some(20 * MIN));
    assert_eq!(month.median_to_resolve_ms, Some(90 * MIN));
}

#[tokio::test]
async fn an_empty_installation_has_no_medians_and_agents_are_refused() {
    let s = TestServer::start().await;
    let lead = sign_in(&s, "Lea Lead", "admin", &[]).await;
    let stats: TeamStats = lead.get("/api/v1/team").await.json().await.unwrap();
    assert!(
        stats.open.is_empty() && stats.oldest_waiting.is_empty() && stats.per_holder.is_empty()
    );
    for period in &stats.periods {
        assert_eq!(
            (
                period.handed_off,
                period.median_to_claim_ms,
                period.median_to_resolve_ms
            ),
            (0, None, None)
        );
    }
    let agent = sign_in(&s, "Ali Agent", "agent", &[]).await;
    let res = agent.get("/api/v1/team").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body: ApiError = res.json().await.unwrap();
    assert_eq!(body.code, "forbidden");
}

#[tokio::test]
async fn admins_set_the_sla_targets_new_hand_offs_are_due_by_and_it_is_audited() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;
    let lead = sign_in(&s, "Lea Lead", "specialist", &["workplace"]).await;
    let before: SlaSettings = lead.get("/api/v1/settings/sla").await.json().await.unwrap();
    assert_eq!(before.hours, [1, 4, 8, 24, 72]);

    let res = admin
        .put(
            "/api/v1/settings/sla",
            &json!({ "hours": [2, 6, 12, 48, 120] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let set: SlaSettings = res.json().await.unwrap();
    assert_eq!(set.hours, [2, 6, 12, 48, 120]);

    // A new hand-off is due by the new target of its priority.
    let created = hand_off(&s, Handoff::default()).await;
    let item = lead_item(&lead, &created.reference).await;
    let hours = set.hours[usize::from(item.priority) - 1];
    assert_eq!(item.due_at - item.created_at, i64::from(hours) * 3_600_000);

    // Another instance (a fresh cache on the same database) reads the same targets.
    let other = server::sla::SlaTargets::new(s.state.config.sla_hours);
    assert_eq!(
        other.current(&s.state.store).await.unwrap().0,
        [2, 6, 12, 48, 120]
    );

    let db = database(&s).await;
    let audit: Vec<(Option<i64>, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT ticket_id, actor_id, before_state, after_state FROM audit WHERE action = 'sla_changed'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(
        audit,
        [(
            None,
            Some(admin.id),
            r#"{"hours":[1,4,8,24,72]}"#.to_owned(),
            r#"{"hours":[2,6,12,48,120]}"#.to_owned()
        )]
    );
}

#[tokio::test]
async fn bad_sla_targets_name_the_rule_and_only_admins_may_set_them() {
    let s = TestServer::start().await;
    let admin = sign_in(&s, "Ada Admin", "admin", &[]).await;
    for (body, field, rule) in [
        (json!({ "hours": [1, 2, 3] }), "hours", "count"),
        (json!({ "hours": [0, 2, 3, 4, 5] }), "hours[0]", "range"),
        (
            json!({ "hours": [1, 8, 4, 24, 72] }),
            "hours[1]",
            "ascending",
        ),
        (json!({ "hours": [1, 2, 3, 4, -5] }), "hours[4]", "type"),
        (
            json!({ "hours": [1, 2, 3, 4, 5], "days": 1 }),
            "days",
            "unknown_field",
        ),
    ] {
        let res = admin.put("/api/v1/settings/sla", &body).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let error: ApiError = res.json().await.unwrap();
        assert_eq!(
            (error.field.as_deref(), error.rule.as_deref()),
            (Some(field), Some(rule)),
            "{body}: {error:?}"
        );
    }
    let lead = sign_in(&s, "Lea Lead", "specialist", &[]).await;
    let res = lead
        .put("/api/v1/settings/sla", &json!({ "hours": [1, 2, 3, 4, 5] }))
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let still: SlaSettings = admin
        .get("/api/v1/settings/sla")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(still.hours, [1, 4, 8, 24, 72]);
}

async fn lead_item(staff: &harness::staff::StaffClient, reference: &str) -> domain::api::QueueItem {
    let page: domain::api::QueuePage = staff
        .get(&format!("/api/v1/queue?q={reference}&queue=*"))
        .await
        .json()
        .await
        .unwrap();
    page.items.into_iter().next().expect("the ticket is listed")
}

#[tokio::test]
async fn queues_are_the_declared_ones_with_the_active_colleagues_who_work_them() {
    let s = TestServer::start().await;
    let agent = sign_in(&s, "Alex Agent", "agent", &[]).await;
    let lea = sign_in(&s, "Lea Lead", "specialist", &["workplace", "network"]).await;
    let kim = sign_in(&s, "Kim Kern", "specialist", &["network"]).await;
    let gone = sign_in(&s, "Gabi Gone", "specialist", &["network"]).await;
    let db = database(&s).await;
    sqlx::query("UPDATE staff SET active = 0 WHERE id = $1")
        .bind(gone.id)
        .execute(&db)
        .await
        .unwrap();
    db.close().await;

    // Any signed-in role may read them (the agent names queues too).
    let res = agent.get("/api/v1/queues").await;
    assert_eq!(res.status(), StatusCode::OK);
    let queues: Vec<domain::api::QueueInfo> = res.json().await.unwrap();
    let ids: Vec<&str> = queues.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "identity",
            "messaging",
            "network",
            "remote-access",
            "service-desk",
            "workplace"
        ],
        "every queue of trees/catalog.toml, by id"
    );
    let network = queues.iter().find(|q| q.id == "network").unwrap();
    assert_eq!(network.name.get("de"), "Netzwerk");
    let names =
        |q: &domain::api::QueueInfo| q.staff.iter().map(|h| h.name.clone()).collect::<Vec<_>>();
    // The deactivated colleague and the agent are not listed.
    let mut on_network = names(network);
    on_network.sort();
    assert_eq!(on_network, ["Kim Kern", "Lea Lead"]);
    let workplace = queues.iter().find(|q| q.id == "workplace").unwrap();
    assert_eq!(names(workplace), ["Lea Lead"]);
    let remote = queues.iter().find(|q| q.id == "remote-access").unwrap();
    assert!(names(remote).is_empty(), "nobody works remote-access");
    drop((lea, kim));

    let anonymous = s.get("/api/v1/queues").await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
