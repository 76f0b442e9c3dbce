//! The team view's figures over real HTTP, checked against a known set of tickets whose
//! hand-off, claim and resolve times are set in the database.

use crate::harness;

use domain::api::{ApiError, TeamStats};
use harness::TestServer;
use harness::staff::{database, sign_in};
use harness::tickets::{Handoff, hand_off};
use reqwest::StatusCode;

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
