//! The tree API over real HTTP: list, bundle with jumps, ETags, compression, errors.

use crate::harness;

use domain::api::{ApiError, TreeBundle, TreeList};
use harness::TestServer;
use harness::tickets::{Handoff, hand_off};
use reqwest::StatusCode;

#[tokio::test]
async fn lists_every_shipped_tree_with_both_languages() {
    let s = TestServer::start().await;
    let res = s.get("/api/v1/trees").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/json");
    let list: TreeList = res.json().await.unwrap();
    assert!(list.trees.len() >= 6, "{} trees", list.trees.len());
    for t in &list.trees {
        assert!(
            !t.title.get("de").is_empty() && t.title.0.contains_key("en"),
            "{}",
            t.id
        );
        assert!(
            list.categories.iter().any(|c| c.id == t.category),
            "{} has an unlisted category",
            t.id
        );
    }
}

#[tokio::test]
async fn a_tree_comes_with_every_tree_it_jumps_to() {
    let s = TestServer::start().await;
    let catalog = server::shelf::load(&harness::shipped_trees()).unwrap();
    for entry in catalog.entries() {
        let res = s.get(&format!("/api/v1/trees/{}", entry.tree.id)).await;
        assert_eq!(res.status(), StatusCode::OK);
        let bundle: TreeBundle = res.json().await.unwrap();
        assert_eq!(
            bundle.trees[0].tree.id, entry.tree.id,
            "the asked-for tree comes first"
        );
        assert_eq!(bundle.trees[0].version, entry.version);
        let jumps: Vec<&String> = entry
            .tree
            .nodes
            .values()
            .filter_map(|n| match n {
                domain::Node::Jump { tree } => Some(tree),
                _ => None,
            })
            .collect();
        for target in jumps {
            assert!(
                bundle.trees.iter().any(|t| &t.tree.id == target),
                "{} lacks {target}",
                entry.tree.id
            );
        }
    }
}

#[tokio::test]
async fn etags_answer_304_when_nothing_changed() {
    let s = TestServer::start().await;
    for path in ["/api/v1/trees", "/api/v1/trees/printer"] {
        let first = s.get(path).await;
        assert_eq!(first.status(), StatusCode::OK);
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        let again = s
            .client
            .get(s.url(path))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()["etag"], etag.as_str());
        let stale = s
            .client
            .get(s.url(path))
            .header("if-none-match", "\"old\"")
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn tree_reads_are_compressed_for_clients_that_accept_it() {
    let s = TestServer::start().await;
    for path in ["/api/v1/trees", "/api/v1/trees/printer"] {
        let plain = s.get(path).await;
        assert!(plain.headers().get("content-encoding").is_none(), "{path}");
        let plain_len = plain.bytes().await.unwrap().len();
        for encoding in ["br", "gzip"] {
            let res = s
                .client
                .get(s.url(path))
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            assert_eq!(res.headers()["content-encoding"], encoding, "{path}");
            assert!(
                res.headers()["vary"]
                    .to_str()
                    .unwrap()
                    .contains("accept-encoding"),
                "{path}"
            );
            let packed = res.bytes().await.unwrap().len();
            assert!(
                packed * 2 < plain_len,
                "{path} {encoding}: {packed} of {plain_len}"
            );
        }
    }
    // Responses that carry secrets next to what a caller sent are never compressed
    // (BREACH): here, a ticket read with its token.
    let created = hand_off(&s, Handoff::default()).await;
    let res = s
        .client
        .get(s.url(&format!("/api/v1/handoffs/{}", created.reference)))
        .bearer_auth(&created.token)
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("content-encoding").is_none());
}

#[tokio::test]
async fn unknown_trees_and_routes_get_json_404() {
    let s = TestServer::start().await;
    for path in [
        "/api/v1/trees/no-such-tree",
        "/api/v1/nothing",
        "/api/v1/trees/%2e%2e%2fetc",
    ] {
        let res = s.get(path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        let body: ApiError = res.json().await.unwrap();
        assert_eq!(body.code, "not_found");
    }
}

#[tokio::test]
async fn healthz_answers() {
    let s = TestServer::start().await;
    let res = s.get("/healthz").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn the_openapi_document_describes_the_router() {
    let s = TestServer::start().await;
    let res = s.get("/api/openapi.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let doc: serde_json::Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let (_, generated) = server::router();
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(
        paths.len(),
        generated.paths.paths.len(),
        "served = generated from the router"
    );
    for path in [
        "/api/v1/handoffs",
        "/api/v1/queue",
        "/api/v1/tickets/{id}/claim",
        "/api/v1/events",
        "/readyz",
    ] {
        assert!(paths.contains_key(path), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["HandoffRequest"].is_object());
    assert!(doc["components"]["securitySchemes"]["session"].is_object());
}
