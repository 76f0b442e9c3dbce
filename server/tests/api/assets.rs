//! Serving the built app: precompressed files, cache rules, and each app address
//! answered by its entry bundle's page (`/` the home entry, `/staff…` the workspace,
//! the rest the portal).

use crate::harness;

use harness::TestServer;
use reqwest::StatusCode;
use std::fs;

const INDEX: &str = "<!doctype html><title>Lotse</title>";
const PORTAL: &str = "<!doctype html><title>Lotse portal</title>";
const STAFF: &str = "<!doctype html><title>Lotse staff</title>";

/// A server whose assets folder holds a tiny fake build.
async fn server_with_dist() -> TestServer {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::write(dist.join("index.html"), INDEX).unwrap();
    fs::write(dist.join("portal.html"), PORTAL).unwrap();
    fs::write(dist.join("staff.html"), STAFF).unwrap();
    fs::write(dist.join("app-0123456789abcdef.js"), "export default 1;").unwrap();
    fs::write(
        dist.join("app-0123456789abcdef.js.br"),
        b"\x0b\x08\x80brotli",
    )
    .unwrap();
    fs::write(dist.join("favicon.svg"), "<svg/>").unwrap();
    TestServer::start_with(data, |_| {}).await
}

#[tokio::test]
async fn each_app_address_gets_its_entry_page_uncached() {
    let s = server_with_dist().await;
    for (path, page) in [
        ("/", INDEX),
        ("/index.html", INDEX),
        ("/walk/printer", PORTAL),
        ("/walk/printer?step=2", PORTAL),
        ("/status", PORTAL),
        ("/status/K7M4-QX9P", PORTAL),
        ("/no/such/page", PORTAL),
        ("/portal.html", PORTAL),
        ("/staff", STAFF),
        ("/staff/tickets/7", STAFF),
        ("/staffroom", PORTAL),
    ] {
        let res = s.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(res.text().await.unwrap(), page, "{path}");
    }
}

#[tokio::test]
async fn a_build_with_only_index_html_answers_every_address() {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::write(dist.join("index.html"), INDEX).unwrap();
    let s = TestServer::start_with(data, |_| {}).await;
    for path in ["/", "/walk/printer", "/status"] {
        let res = s.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.text().await.unwrap(), INDEX, "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_precompressed() {
    let s = server_with_dist().await;
    let res = s
        .client
        .get(s.url("/app-0123456789abcdef.js"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.headers()["content-encoding"], "br");
    let plain = s.get("/app-0123456789abcdef.js").await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.text().await.unwrap(), "export default 1;");
    let icon = s.get("/favicon.svg").await;
    assert_eq!(icon.headers()["cache-control"], "public, max-age=3600");
}

#[tokio::test]
async fn missing_files_are_404_not_index_html() {
    let s = server_with_dist().await;
    for path in [
        "/app-ffffffffffffffff.js",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
    ] {
        let res = s.get(path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
}
