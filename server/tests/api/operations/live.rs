//! Live events: delivery, resume, several servers, lagging subscribers, shutdown.

use super::support::{EventStream, Next, on_postgres, record, staff_session};
use crate::harness::TestServer;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// A server whose reader only looks at the table when woken (the fallback poll is a
/// minute), so a quick delivery proves the wake-up path.
async fn server_without_poll() -> TestServer {
    let data = tempfile::tempdir().unwrap();
    TestServer::start_with(data, |c| c.operations.events_poll_ms = 60_000).await
}

#[tokio::test]
async fn a_subscriber_receives_an_event_recorded_after_it_subscribed() {
    let s = server_without_poll().await;
    let cookie = staff_session(&s.state.store).await;
    let before = record(&s.state.store, "ticket_created", 1).await[0];
    let mut stream = EventStream::open(&s.base, "", &cookie, None).await;
    let started = Instant::now();
    let id = record(&s.state.store, "ticket_claimed", 1).await[0];
    let message = stream.expect().await;
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // The event from before subscribing is not replayed to a new subscriber.
    assert!(id > before);
    assert_eq!(message.id, id.to_string());
    assert_eq!(message.event, "ticket_claimed");
    assert_eq!(message.data["id"], id);
    assert_eq!(message.data["kind"], "ticket_claimed");
    assert_eq!(message.data["ticket_id"], 0);
    assert_eq!(message.data["payload"], serde_json::json!({ "n": 0 }));
    assert!(message.data["at"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn staff_only() {
    let s = TestServer::start().await;
    let res = s.get("/api/v1/events").await;
    assert_eq!(res.status(), 401);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "unauthorized");
}

#[tokio::test]
async fn resuming_gets_exactly_the_missed_events_then_live_ones() {
    let s = server_without_poll().await;
    let cookie = staff_session(&s.state.store).await;
    let mut ids = record(&s.state.store, "ticket_changed", 4).await;
    let resume_at = ids[1];
    // The header, as a reconnecting browser sends it; the query, for other clients.
    for (query, header) in [
        (String::new(), Some(resume_at)),
        (format!("?after={resume_at}"), None),
    ] {
        let mut stream = EventStream::open(&s.base, &query, &cookie, header).await;
        for missed in ids.iter().filter(|&&id| id > resume_at) {
            assert_eq!(stream.expect().await.id, missed.to_string());
        }
        let later = record(&s.state.store, "ticket_changed", 1).await[0];
        assert_eq!(stream.expect().await.id, later.to_string());
        assert!(
            matches!(stream.next(Duration::from_millis(300)).await, Next::Quiet),
            "no duplicates"
        );
        ids.push(later);
    }
    let res = s
        .client
        .get(s.url("/api/v1/events"))
        .header("cookie", &cookie)
        .header("last-event-id", "yesterday")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["field"], "Last-Event-ID");
}

#[tokio::test]
async fn an_event_written_through_one_server_reaches_subscribers_of_another() {
    let a = server_without_poll().await;
    let url = a.state.config.database_url();
    // PostgreSQL: B only learns of the event from the notification (its poll is a
    // minute). SQLite has no notifications between processes: B's fallback poll is
    // the only path, so it is short here, and this proves the safety net.
    let poll = if on_postgres() { 60_000 } else { 200 };
    let b = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.database = Some(url);
        c.operations.events_poll_ms = poll;
    })
    .await;
    let cookie = staff_session(&a.state.store).await;
    let mut on_a = [
        EventStream::open(&a.base, "", &cookie, None).await,
        EventStream::open(&a.base, "", &cookie, None).await,
    ];
    let mut on_b = EventStream::open(&b.base, "", &cookie, None).await;
    let started = Instant::now();
    let id = record(&a.state.store, "ticket_created", 1).await[0];
    let message = on_b.expect().await;
    assert_eq!(message.id, id.to_string());
    let limit = Duration::from_millis(if on_postgres() { 1000 } else { 1500 });
    assert!(started.elapsed() < limit, "{:?}", started.elapsed());
    // Every subscriber of A gets it too, each once.
    for stream in &mut on_a {
        assert_eq!(stream.expect().await.id, id.to_string());
        assert!(matches!(
            stream.next(Duration::from_millis(200)).await,
            Next::Quiet
        ));
    }
}

#[tokio::test]
async fn a_subscriber_that_falls_behind_rereads_the_table_and_misses_nothing() {
    let s = server_without_poll().await;
    // Subscribed but not reading: the channel holds 1024 events, so 1500 overflow it.
    let mut subscription = s.state.live.subscribe(None).await.unwrap();
    let ids = record(&s.state.store, "ticket_changed", 1500).await;
    // Let the reader pass them all on.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut seen = Vec::new();
    while seen.len() < ids.len() {
        let delivery = tokio::time::timeout(Duration::from_secs(5), subscription.next())
            .await
            .expect("events keep coming")
            .expect("the hub is open");
        seen.push(delivery.id);
    }
    assert_eq!(seen, ids, "every event once, in order");
}

#[tokio::test]
async fn open_streams_end_when_the_server_shuts_down() {
    let s = TestServer::start().await;
    let cookie = staff_session(&s.state.store).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address: SocketAddr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(server::serve(listener, s.state.clone(), async {
        let _ = stopped.await;
    }));
    let base = format!("http://{address}");
    let mut streams = [
        EventStream::open(&base, "", &cookie, None).await,
        EventStream::open(&base, "", &cookie, None).await,
    ];
    let started = Instant::now();
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), served)
        .await
        .expect("the server stops instead of waiting for the streams")
        .unwrap()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    for stream in &mut streams {
        assert!(matches!(
            stream.next(Duration::from_secs(2)).await,
            Next::Ended
        ));
    }
}

/// Many open streams: every event reaches every one of them, in order. (How fast, with
/// 1,000 subscribers, is measured by `cargo xtask bench`, not asserted here.)
#[tokio::test(flavor = "multi_thread")]
async fn fan_out_reaches_every_subscriber() {
    const SUBSCRIBERS: usize = 100;
    const EVENTS: usize = 5;
    let s = server_without_poll().await;
    let cookie = staff_session(&s.state.store).await;
    let (sent_tx, _) = tokio::sync::broadcast::channel::<(String, Instant)>(EVENTS * 2);
    let mut tasks = Vec::new();
    for _ in 0..SUBSCRIBERS {
        let mut stream = EventStream::open(&s.base, "", &cookie, None).await;
        let mut sent = sent_tx.subscribe();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut when = std::collections::HashMap::new();
            while latencies.len() < EVENTS {
                let message = stream.expect().await;
                let arrived = Instant::now();
                while let Ok((id, at)) = sent.try_recv() {
                    when.insert(id, at);
                }
                while !when.contains_key(&message.id) {
                    let (id, at) = sent.recv().await.unwrap();
                    when.insert(id, at);
                }
                latencies.push(arrived.saturating_duration_since(when[&message.id]));
            }
            latencies
        }));
    }
    for _ in 0..EVENTS {
        let at = Instant::now();
        let id = record(&s.state.store, "ticket_changed", 1).await[0];
        let _ = sent_tx.send((id.to_string(), at));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut all = Vec::new();
    for task in tasks {
        let latencies = tokio::time::timeout(Duration::from_secs(20), task)
            .await
            .expect("all events arrive")
            .unwrap();
        all.extend(latencies);
    }
    assert_eq!(
        all.len(),
        SUBSCRIBERS * EVENTS,
        "every subscriber got every event"
    );
}
