//! Tree figures over real HTTP, checked against a known set of walks on the printer
//! tree: portal outcome events with paths (started, resolved, abandoned, one too old
//! for the period, a rating that is no walk), a portal and a phone hand-off, a call
//! solved on the phone with and without a ticket for the record. Every figure is
//! asserted; so are the `days` and path refusals and the agent's 403.

use crate::harness;

use domain::api::{AnalyticsList, ApiError, NodeFigures, TreeAnalytics, path_in_end_tree};
use domain::walk::{End, Walk};
use harness::tickets::{Handoff, hand_off};
use harness::{TestServer, staff, walks};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const DAY: i64 = 24 * 60 * 60 * 1000;

fn key() -> String {
    format!("analytics-key-{}", server::auth::secret::token())
}

async fn post_outcome(s: &TestServer, event: Value) -> reqwest::Response {
    s.client
        .post(s.url("/api/v1/outcomes"))
        .json(&event)
        .send()
        .await
        .unwrap()
}

/// A solved call after the first `steps` answers of `walk`, with a record or not.
fn solved_body(walk: &Walk, steps: usize, record: bool) -> Value {
    json!({
        "tree": walk.tree,
        "versions": walk.versions,
        "transcript": walk.transcript[..steps],
        "notes": [],
        "language": "en",
        "record": record,
        "summary": "Restarted the spooler.",
        "caller": { "name": "Carl Caller" },
    })
}

async fn post_with_key(agent: &staff::StaffClient, path: &str, body: &Value) -> StatusCode {
    let res = agent
        .client
        .post(agent.url(path))
        .header("idempotency-key", key())
        .json(body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    if status != StatusCode::CREATED {
        eprintln!("{path}: {}", res.text().await.unwrap_or_default());
    }
    status
}

/// Adds one walk ending at the path's last node to the expected figures.
fn expect(want: &mut BTreeMap<String, NodeFigures>, path: &[String], how: Option<&str>) {
    for node in path {
        let n = want.entry(node.clone()).or_insert_with(|| NodeFigures {
            node: node.clone(),
            ..NodeFigures::default()
        });
        n.reached += 1;
    }
    let last = want.get_mut(path.last().unwrap()).unwrap();
    match how {
        Some("resolved") => last.resolved += 1,
        Some("escalated") => last.escalated += 1,
        Some("abandoned") => last.abandoned += 1,
        _ => {}
    }
}

fn ids(path: &[&str]) -> Vec<String> {
    path.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn figures_match_a_known_set_of_walks_and_tickets() {
    let s = TestServer::start().await;
    let catalog = s.state.trees.catalog();
    let version = catalog.version("printer").unwrap().to_owned();
    let kim = staff::sign_in(&s, "Kim Specialist", "specialist", &[]).await;
    let anna = staff::sign_in(&s, "Anna Agent", "agent", &[]).await;
    let mut want: BTreeMap<String, NodeFigures> = BTreeMap::new();

    // Portal: four walks start; one is solved at `wrong_printer`, two are left at
    // `basics`; a rating of the solved one is no walk of its own.
    let event = |node: &str, outcome: &str, path: &[&str]| {
        json!({ "tree": "printer", "version": version, "node": node,
                "outcome": outcome, "path": path })
    };
    for _ in 0..4 {
        let res = post_outcome(&s, event("start", "started", &["start"])).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    let solved = ["start", "which_printer", "wrong_printer"];
    let left = ["start", "basics"];
    for (node, outcome, path) in [
        ("wrong_printer", "resolved", &solved[..]),
        ("wrong_printer", "helpful", &solved[..]),
        ("basics", "abandoned", &left[..]),
        ("basics", "abandoned", &left[..]),
    ] {
        let res = post_outcome(&s, event(node, outcome, path)).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{outcome}");
        if outcome != "helpful" {
            expect(&mut want, &ids(path), Some(outcome));
        }
    }
    // A walk left 40 days ago counts for 90 days, not for 30.
    let res = post_outcome(&s, event("basics", "abandoned", &left)).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let db = staff::database(&s).await;
    let old = server::store::now_ms() - 40 * DAY;
    // That walk's event and its two `walk_nodes` rows (start, basics) are the last.
    for sql in [
        "UPDATE outcomes SET at = $1 WHERE id = (SELECT MAX(id) FROM outcomes)",
        "UPDATE walk_nodes SET at = $1 WHERE id >= (SELECT MAX(id) - 1 FROM walk_nodes)",
    ] {
        sqlx::query(sql).bind(old).execute(&db).await.unwrap();
    }

    // A portal hand-off, and a phone hand-off of the same walk.
    let walk = walks::walk_to(&catalog, "printer", End::Escalated);
    let end = walk.path.last().unwrap().clone();
    assert_eq!(end.tree, "printer", "the escalated walk ends in the tree");
    let escalated = path_in_end_tree(&walk);
    hand_off(&s, Handoff::default()).await;
    expect(&mut want, &escalated, Some("escalated"));
    let call = json!({
        "tree": walk.tree, "versions": walk.versions, "transcript": walk.transcript,
        "caller": { "name": "Carl Caller", "email": "carl@example.org", "phone": "+49 30 555 0101" },
        "notes": [], "description": "Blank pages.", "impact": "medium",
        "urgency": "high", "language": "en",
        "call_started_at": server::store::now_ms() - 120_000,
    });
    assert_eq!(
        post_with_key(&anna, "/api/v1/calls/handoffs", &call).await,
        StatusCode::CREATED
    );
    expect(&mut want, &escalated, Some("escalated"));

    // Solved on the phone after the first answer: without, then with a record ticket
    // (which is no escalation).
    let early = domain::replay(&catalog, "printer", &walk.transcript[..1]).unwrap();
    let early_path = path_in_end_tree(&early);
    for record in [false, true] {
        assert_eq!(
            post_with_key(
                &anna,
                "/api/v1/calls/solved",
                &solved_body(&walk, 1, record)
            )
            .await,
            StatusCode::CREATED
        );
        expect(&mut want, &early_path, Some("resolved"));
    }

    // 30 days: started = 4 portal + 3 phone calls (counted when they end).
    let res = kim.get("/api/v1/trees/printer/analytics").await;
    assert_eq!(res.status(), StatusCode::OK);
    let figures: TreeAnalytics = res.json().await.unwrap();
    assert_eq!((figures.tree.as_str(), figures.days), ("printer", 30));
    assert_eq!(figures.version, version);
    let t = figures.totals;
    assert_eq!(
        (t.started, t.resolved, t.escalated, t.abandoned, t.finished),
        (7, 3, 2, 2, 7)
    );
    assert_eq!(t.deflection, Some(3.0 / 7.0));
    let want_nodes: Vec<NodeFigures> = want.values().cloned().collect();
    assert_eq!(figures.nodes, want_nodes);
    // Escalated + abandoned: the escalation node 2, basics 2; ties by id.
    let mut hot = vec![end.node.clone(), "basics".to_owned()];
    hot.sort();
    hot.dedup();
    assert_eq!(figures.hot_spots, hot);

    // 90 days: the old walk too.
    let figures: TreeAnalytics = kim
        .get("/api/v1/trees/printer/analytics?days=90")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(figures.totals.abandoned, 3);
    let basics = figures.nodes.iter().find(|n| n.node == "basics").unwrap();
    assert_eq!(
        (basics.reached, basics.abandoned),
        (want["basics"].reached + 1, 3)
    );
    assert_eq!(figures.hot_spots[0], "basics");

    // The list: the same totals for printer, nothing for a tree nobody walked.
    let list: AnalyticsList = kim
        .get("/api/v1/analytics?days=30")
        .await
        .json()
        .await
        .unwrap();
    let printer = list.trees.iter().find(|t| t.tree == "printer").unwrap();
    assert_eq!(printer.totals, t);
    assert_eq!(printer.version, version);
    let vpn = list.trees.iter().find(|t| t.tree == "vpn").unwrap();
    assert_eq!(
        (
            vpn.totals.started,
            vpn.totals.finished,
            vpn.totals.deflection
        ),
        (0, 0, None)
    );
    assert_eq!(list.trees.len(), catalog.entries().count());
}

#[tokio::test]
async fn bad_periods_paths_and_agents_are_refused() {
    let s = TestServer::start().await;
    let version = s
        .state
        .trees
        .catalog()
        .version("printer")
        .unwrap()
        .to_owned();
    let kim = staff::sign_in(&s, "Kim Specialist", "specialist", &[]).await;
    let anna = staff::sign_in(&s, "Anna Agent", "agent", &[]).await;
    for path in [
        "/api/v1/trees/printer/analytics?days=0",
        "/api/v1/trees/printer/analytics?days=366",
        "/api/v1/analytics?days=week",
    ] {
        let res = kim.get(path).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let e: ApiError = res.json().await.unwrap();
        assert_eq!(e.field.as_deref(), Some("days"), "{path}");
    }
    assert_eq!(
        kim.get("/api/v1/trees/nope/analytics").await.status(),
        StatusCode::NOT_FOUND
    );
    for path in ["/api/v1/trees/printer/analytics", "/api/v1/analytics"] {
        assert_eq!(
            anna.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let refused = |path: Value, node: &str| {
        json!({ "tree": "printer", "version": version, "node": node,
                "outcome": "abandoned", "path": path })
    };
    for (event, field, rule) in [
        (
            refused(json!(["start", "basics", "nope", "basics"]), "basics"),
            "path[2]",
            "unknown_node",
        ),
        (
            refused(json!(["basics", "start"]), "basics"),
            "path",
            "not_ending_at_node",
        ),
        (
            refused(json!(vec!["start"; 501]), "start"),
            "path",
            "too_long",
        ),
    ] {
        let res = post_outcome(&s, event).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let e: ApiError = res.json().await.unwrap();
        assert_eq!(
            (e.field.as_deref(), e.rule.as_deref()),
            (Some(field), Some(rule))
        );
    }
    // Nothing was recorded by the refusals.
    let figures: TreeAnalytics = kim
        .get("/api/v1/trees/printer/analytics")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(figures.totals.finished, 0);
    assert!(figures.nodes.is_empty());
}
