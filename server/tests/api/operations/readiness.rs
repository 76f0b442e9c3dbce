//! Readiness, fast failure without a database, recovery, and the metrics endpoint.

use super::support::{on_postgres, staff_session};
use crate::harness::TestServer;
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

#[tokio::test]
async fn readyz_is_200_with_a_database_and_503_without_and_requests_fail_fast() {
    let s = TestServer::start().await;
    let cookie = staff_session(&s.state.store).await;
    let res = s.get("/readyz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "ready");
    s.state.store.close().await;
    let res = s.get("/readyz").await;
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "unavailable");
    assert!(body["message"].as_str().unwrap().contains("database"));
    let started = Instant::now();
    let res = s
        .client
        .get(s.url("/api/v1/events"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "unavailable");
    assert!(started.elapsed() < Duration::from_secs(1));
    // Liveness does not depend on the database.
    assert_eq!(s.get("/healthz").await.status(), 200);
}

/// A TCP relay to PostgreSQL that the test can cut and restore: a database outage
/// without stopping the shared server. Cut, it drops every relayed connection and stops
/// listening, so new connections are refused, as when PostgreSQL is down.
struct Relay {
    address: String,
    up: watch::Sender<bool>,
}

impl Relay {
    async fn start(target: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let (up, _) = watch::channel(true);
        let mut state = up.subscribe();
        let for_connections = up.subscribe();
        let at = address.clone();
        tokio::spawn(async move {
            let mut listener = Some(listener);
            loop {
                let Some(open) = &listener else {
                    if state.wait_for(|up| *up).await.is_err() {
                        return;
                    }
                    listener = Some(TcpListener::bind(&at).await.unwrap());
                    continue;
                };
                tokio::select! {
                    _ = state.wait_for(|up| !*up) => listener = None,
                    accepted = open.accept() => {
                        let Ok((mut client, _)) = accepted else { return };
                        let (target, mut state) = (target.clone(), for_connections.clone());
                        tokio::spawn(async move {
                            let Ok(mut server) = TcpStream::connect(&target).await else { return };
                            tokio::select! {
                                _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                                _ = state.wait_for(|up| !*up) => {}
                            }
                        });
                    }
                }
            }
        });
        Relay { address, up }
    }

    fn set(&self, up: bool) {
        self.up.send_replace(up);
    }
}

#[tokio::test]
async fn a_database_outage_fails_fast_and_heals_by_itself() {
    if !on_postgres() {
        // An embedded SQLite file has no outage short of a broken disk; the closed-pool
        // case above covers SQLite. This test needs LOTSE_TEST_POSTGRES_URL.
        eprintln!("a_database_outage_fails_fast_and_heals_by_itself: PostgreSQL only");
        return;
    }
    // A fresh test database, then a second server that reaches it through the relay.
    let direct = TestServer::start().await;
    let url = direct.state.config.database_url();
    let (prefix, rest) = url.split_once('@').unwrap();
    let (target, path) = rest.split_once('/').unwrap();
    let relay = Relay::start(target.to_owned()).await;
    let relayed = format!("{prefix}@{}/{path}", relay.address);
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.database = Some(relayed);
    })
    .await;
    let cookie = staff_session(&s.state.store).await;
    let ready = || async { s.get("/readyz").await.status() };
    assert_eq!(ready().await, 200);

    relay.set(false);
    let started = Instant::now();
    assert_eq!(ready().await, 503);
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    let started = Instant::now();
    let res = s
        .client
        .get(s.url("/api/v1/events"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    // Refused connections are retried until the pool's acquire timeout (2 s).
    let waited = started.elapsed();
    assert_eq!(res.status(), 503, "{:?}", res.text().await);
    assert!(waited < Duration::from_secs(3), "{waited:?}");
    eprintln!("outage: a staff request failed after {waited:?}");

    relay.set(true);
    let deadline = Instant::now() + Duration::from_secs(10);
    while ready().await != 200 {
        assert!(Instant::now() < deadline, "the store did not recover");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let res = s
        .client
        .get(s.url("/api/v1/events"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn metrics_need_the_token_and_count_requests() {
    let off = TestServer::start().await;
    let res = off.get("/metrics").await;
    assert_eq!(res.status(), 401, "no token sent");
    let res = off
        .client
        .get(off.url("/metrics"))
        .bearer_auth("anything")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        404,
        "metrics are off without a configured token"
    );
    assert!(
        res.json::<Value>().await.unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("--metrics-token")
    );

    let token = "a-scraper-token-of-some-length";
    let s = TestServer::start_with(tempfile::tempdir().unwrap(), |c| {
        c.operations.metrics_token = Some(server::config::Secret::new(token));
    })
    .await;
    assert_eq!(s.get("/api/v1/trees").await.status(), 200);
    assert_eq!(s.get("/api/v1/trees/no-such-tree").await.status(), 404);
    let catalog = s.state.trees.catalog();
    let printer = catalog.tree("printer").unwrap();
    let abandoned = serde_json::json!({
        "tree": "printer",
        "version": s.state.trees.catalog().version("printer").unwrap(),
        "node": printer.start,
        "outcome": "abandoned",
    });
    let res = s
        .client
        .post(s.url("/api/v1/outcomes"))
        .json(&abandoned)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    for wrong in ["", "Bearer nope", "a-scraper-token-of-some-length"] {
        let res = s
            .client
            .get(s.url("/metrics"))
            .header("authorization", wrong)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{wrong}");
    }
    let res = s.get("/metrics").await;
    assert_eq!(res.status(), 401, "no token sent");
    let res = s
        .client
        .get(s.url("/metrics"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = res.text().await.unwrap();
    for line in [
        r#"lotse_http_requests_total{method="GET",route="/api/v1/trees",status="200"} "#,
        r#"lotse_http_requests_total{method="GET",route="/api/v1/trees/{id}",status="404"} "#,
        r#"lotse_http_request_duration_seconds_bucket{method="GET",route="/api/v1/trees",status="200",le="+Inf"} "#,
        "# TYPE lotse_http_request_duration_seconds histogram",
        "lotse_live_subscribers ",
        r#"lotse_walk_outcomes_total{tree="printer",outcome="abandoned"} "#,
        "lotse_tickets_created_total ",
        r#"lotse_database_errors_total{kind="unavailable"} "#,
    ] {
        assert!(text.contains(line), "{line} missing in:\n{text}");
    }
    // Never a raw path: the tree id stays out of the labels.
    assert!(!text.contains("no-such-tree"));
}

#[tokio::test]
async fn the_operations_routes_are_in_the_openapi_document() {
    let s = TestServer::start().await;
    let doc: Value = s.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/readyz"]["get"].is_object());
    assert_eq!(
        doc["paths"]["/metrics"]["get"]["security"][0]["metrics_token"],
        serde_json::json!([])
    );
    assert_eq!(
        doc["paths"]["/api/v1/events"]["get"]["security"][0]["session"],
        serde_json::json!([])
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["metrics_token"]["scheme"],
        "bearer"
    );
}
