//! Security headers on every kind of response, and a CSP that admits exactly the
//! bootstrap script of the page served.

use super::support::serve_probe;
use crate::harness::TestServer;
use axum::Router;
use axum::routing::get;
use base64::Engine;
use sha2::{Digest, Sha256};

const SCRIPT: &str = "\n    import init from '/app-0123456789abcdef.js';\n    init();\n  ";

async fn server_with_page(public_url: &str) -> TestServer {
    let data = tempfile::tempdir().unwrap();
    let dist = data.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    // Every entry page shares the bootstrap script: one hash covers them all.
    for (page, script) in [("index.html", "home"), ("portal.html", "portal")] {
        std::fs::write(
            dist.join(page),
            format!(
                "<!doctype html><title>Lotse</title>\
                 <link rel=modulepreload id=app-js href=\"/{script}-0123456789abcdef.js\">\
                 <script type=\"module\">{SCRIPT}</script>"
            ),
        )
        .unwrap();
    }
    std::fs::write(dist.join("app-0123456789abcdef.js"), "export default 1;").unwrap();
    let public_url = public_url.to_owned();
    TestServer::start_with(data, |c| c.public_url = public_url).await
}

fn assert_secured(res: &reqwest::Response, what: &str) {
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
    for part in [
        "default-src 'self'",
        &format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';"),
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{what}: {part} missing in {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(csp.matches("'sha256-").count(), 1, "{what}: {csp}");
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(h["referrer-policy"], "no-referrer", "{what}");
    assert_eq!(h["x-frame-options"], "DENY", "{what}");
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let s = server_with_page("http://127.0.0.1").await;
    for (path, status) in [
        ("/api/v1/trees", 200),
        ("/", 200),
        ("/walk/printer", 200),
        ("/app-0123456789abcdef.js", 200),
        ("/api/v1/nothing", 404),
        ("/app-ffffffffffffffff.js", 404),
        ("/api/v1/events", 401),
        ("/healthz", 200),
    ] {
        let res = s.get(path).await;
        assert_eq!(res.status(), status, "{path}");
        assert_secured(&res, path);
        assert!(
            res.headers().get("strict-transport-security").is_none(),
            "no HSTS over http: {path}"
        );
    }
    // A method the route does not have: the router's own answer.
    let res = s
        .client
        .delete(s.url("/api/v1/trees"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_secured(&res, "405");
    // A handler that panics never answers; one that errs is covered above. A probe with
    // its own header keeps it.
    let probe = Router::new().route(
        "/probe",
        get(|| async { ([("x-frame-options", "SAMEORIGIN")], "framed") }),
    );
    let base = serve_probe(probe, s.state.clone()).await;
    let res = reqwest::get(format!("{base}/probe")).await.unwrap();
    assert_eq!(res.headers()["x-frame-options"], "SAMEORIGIN");
}

#[tokio::test]
async fn an_https_address_adds_strict_transport_security() {
    let s = server_with_page("https://help.example.org").await;
    for path in ["/api/v1/trees", "/", "/api/v1/nothing"] {
        let res = s.get(path).await;
        assert_secured(&res, path);
        assert_eq!(
            res.headers()["strict-transport-security"],
            "max-age=31536000",
            "{path}"
        );
    }
}
