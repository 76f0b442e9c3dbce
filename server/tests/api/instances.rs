//! Two server instances on one database (PostgreSQL in production; the same holds on
//! one SQLite file): a Claim raced from both has exactly one winner and every loser
//! learns who won; a claim on one instance reaches the live stream of the other.

use crate::harness;

use domain::api::{ApiError, QueuePage};
use harness::TestServer;
use harness::staff::sign_in_many;
use harness::tickets::{Handoff, hand_off};
use reqwest::StatusCode;
use std::time::Duration;

async fn second_instance(a: &TestServer) -> TestServer {
    let url = a.state.config.database_url();
    TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.database = Some(url);
        c.operations.events_poll_ms = 200;
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_claim_raced_across_two_instances_has_one_winner() {
    let a = TestServer::start().await;
    let b = second_instance(&a).await;
    let created = hand_off(&a, Handoff::default()).await;
    let people = sign_in_many(&a, "Claimer", "specialist", &["workplace"], 40).await;
    let page: QueuePage = people[0]
        .get(&format!("/api/v1/queue?q={}", created.reference))
        .await
        .json()
        .await
        .unwrap();
    let id = page.items[0].id;
    // Half of them work through instance B.
    let clients: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 0 { p.on(&a) } else { p.on(&b) })
        .collect();
    let path = format!("/api/v1/tickets/{id}/claim");
    let answers = futures_util::future::join_all(clients.iter().map(|c| c.post_empty(&path))).await;
    let mut winners = Vec::new();
    let mut told = Vec::new();
    for (person, res) in people.iter().zip(answers) {
        match res.status() {
            StatusCode::OK => winners.push(person.id),
            StatusCode::CONFLICT => {
                let error: ApiError = res.json().await.unwrap();
                assert_eq!(error.code, "already_claimed", "{error:?}");
                told.push(error.details.unwrap()["holder"]["id"].as_i64().unwrap());
            }
            other => panic!("a claim answered {other}"),
        }
    }
    assert_eq!(
        winners.len(),
        1,
        "exactly one of 40 claims across two instances wins"
    );
    assert_eq!(told.len(), 39);
    assert!(
        told.iter().all(|holder| *holder == winners[0]),
        "every loser learns who won"
    );
    // Both instances agree on the holder.
    for server in [&a, &b] {
        let page: QueuePage = people[0]
            .on(server)
            .get(&format!("/api/v1/queue?q={}", created.reference))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            page.items[0].holder.as_ref().map(|h| h.id),
            Some(winners[0])
        );
    }
}

#[tokio::test]
async fn a_claim_on_one_instance_reaches_the_live_stream_of_the_other() {
    let a = TestServer::start().await;
    let b = second_instance(&a).await;
    let created = hand_off(&a, Handoff::default()).await;
    let people = sign_in_many(&a, "Watcher", "specialist", &["workplace"], 1).await;
    let kim = &people[0];
    let page: QueuePage = kim
        .get(&format!("/api/v1/queue?q={}", created.reference))
        .await
        .json()
        .await
        .unwrap();
    let id = page.items[0].id;
    let mut stream = kim
        .on(&b)
        .client
        .get(format!("{}/api/v1/events", b.base))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let res = kim.post_empty(&format!("/api/v1/tickets/{id}/claim")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let mut seen = String::new();
    let found = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(chunk) = stream.chunk().await.unwrap() {
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if seen.contains("event: ticket_claimed")
                && seen.contains(&format!("\"ticket_id\":{id}"))
            {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(found, Ok(true), "instance B's stream: {seen}");
}
