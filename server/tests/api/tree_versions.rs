//! `GET /api/v1/trees/{id}/versions/{version}`: staff read the tree a ticket was walked
//! on, the current version or any earlier one the server ever served.

use crate::harness;

use domain::api::{ApiError, QueuePage, TicketDetail, VersionedTree};
use domain::tree::Localized;
use harness::TestServer;
use harness::staff::sign_in;
use harness::tickets::{Handoff, hand_off};
use reqwest::StatusCode;

#[tokio::test]
async fn staff_read_the_version_a_ticket_was_walked_on() {
    let s = TestServer::start().await;
    let agent = sign_in(&s, "Ada Agent", "agent", &[]).await;
    let specialist = sign_in(&s, "Sam Specialist", "specialist", &["workplace"]).await;
    let created = hand_off(&s, Handoff::default()).await;
    let page: QueuePage = specialist
        .get(&format!("/api/v1/queue?queue=*&q={}", created.reference))
        .await
        .json()
        .await
        .unwrap();
    let detail: TicketDetail = specialist
        .get(&format!("/api/v1/tickets/{}", page.items[0].id))
        .await
        .json()
        .await
        .unwrap();

    // Every tree the walk entered, at the version it was walked on; agents too (they
    // take returned tickets and read the same transcript).
    assert!(detail.walk.versions.contains_key("printer"));
    for (tree, version) in &detail.walk.versions {
        let res = agent
            .get(&format!("/api/v1/trees/{tree}/versions/{version}"))
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{tree} {version}");
        assert_eq!(
            res.headers()["cache-control"],
            "private, max-age=31536000, immutable"
        );
        let served: VersionedTree = res.json().await.unwrap();
        assert_eq!(&served.version, version);
        assert_eq!(&served.tree.id, tree);
    }
    assert_eq!(detail.walk.versions["printer"], detail.tree_version);

    // Nobody signed in gets nothing.
    let res = s
        .get(&format!(
            "/api/v1/trees/printer/versions/{}",
            detail.tree_version
        ))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_earlier_version_comes_from_the_store_and_unknown_ones_are_404() {
    let s = TestServer::start().await;
    let staff = sign_in(&s, "Sam Specialist", "specialist", &[]).await;
    // An earlier printer tree, as an older server would have stored it when it served it.
    let mut earlier = s.state.trees.catalog().tree("printer").unwrap().clone();
    earlier.title = Localized(
        [
            ("de".to_owned(), "Drucker (alt)".to_owned()),
            ("en".to_owned(), "Printer (old)".to_owned()),
        ]
        .into(),
    );
    let old = domain::Catalog::trusted([(earlier, "0ld-version".to_owned())]);
    s.state.store.remember_trees(&old).await.unwrap();

    let res = staff
        .get("/api/v1/trees/printer/versions/0ld-version")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let served: VersionedTree = res.json().await.unwrap();
    assert_eq!(served.version, "0ld-version");
    assert_eq!(served.tree.title.get("en"), "Printer (old)");

    for path in [
        "/api/v1/trees/printer/versions/never-served",
        "/api/v1/trees/no-such-tree/versions/0ld-version",
    ] {
        let res = staff.get(path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        let error: ApiError = res.json().await.unwrap();
        assert_eq!(error.code, "not_found");
    }
}
