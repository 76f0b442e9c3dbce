//! Security headers on every response (API, assets, errors): what a browser may do with
//! what Lotse sends.
//!
//! The Content-Security-Policy allows the wasm app and nothing else: scripts, styles,
//! fetches and frames from this origin only; `wasm-unsafe-eval` to compile the
//! WebAssembly module; inline code only for the bootstrap script of the entry pages
//! (`index.html`, `portal.html`: every `*.html` of the app folder; they share one script),
//! by its SHA-256 hash, computed at start-up from the files served. (A changed `dist/` needs a
//! restart, as changed trees do.) Fetches may also go to the origins that `reach` checks
//! of the served trees probe: the trees' authors chose them, and without them every such
//! check would report "unreachable".

use crate::State;
use axum::extract::{Request, State as Extract};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The headers every response carries, prepared once.
pub struct Headers(Vec<(HeaderName, HeaderValue)>);

impl Headers {
    /// The headers for the app in `assets` served at `public_url`, whose trees probe
    /// the origins `probes` with `reach` checks.
    pub fn new(assets: &Path, public_url: &str, probes: &[String]) -> Headers {
        let mut headers = vec![
            (
                header::CONTENT_SECURITY_POLICY,
                policy(&pages(assets), probes),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        ];
        // Over plain HTTP the header is ignored, and on a test or intranet address it
        // would pin browsers to HTTPS for a host that has none.
        if public_url.starts_with("https://") {
            headers.push((
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000"),
            ));
        }
        Headers(headers)
    }
}

/// Middleware: adds the headers a handler did not set itself.
pub async fn headers(Extract(state): Extract<State>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let target = response.headers_mut();
    for (name, value) in &state.security.0 {
        if !target.contains_key(name) {
            target.insert(name.clone(), value.clone());
        }
    }
    response
}

/// The origins (`https://host[:port]`) that the `reach` checks of `catalog` probe.
pub fn reach_origins(catalog: &domain::Catalog) -> Vec<String> {
    let mut origins: Vec<String> = catalog
        .entries()
        .flat_map(|e| e.tree.nodes.values())
        .filter_map(|node| match node {
            domain::Node::Check {
                check: domain::tree::CheckKind::Reach,
                url: Some(url),
                ..
            } => origin(url),
            _ => None,
        })
        .collect();
    origins.sort();
    origins.dedup();
    origins
}

/// `scheme://authority` of an http(s) URL, if it is one and safe to put in a header.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let safe = |c: char| c.is_ascii_alphanumeric() || ".-:[]".contains(c);
    (matches!(scheme, "http" | "https") && !authority.is_empty() && authority.chars().all(safe))
        .then(|| format!("{scheme}://{authority}"))
}

/// Every entry page of the app in `assets` (its `*.html`, not below it), in name order.
fn pages(assets: &Path) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(assets)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "html") && path.is_file())
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect()
}

/// The Content-Security-Policy for pages whose inline scripts are in `pages`.
fn policy(pages: &[String], probes: &[String]) -> HeaderValue {
    let mut hashes: Vec<String> = pages
        .iter()
        .flat_map(|page| inline_scripts(page))
        .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
        .collect();
    hashes.sort();
    hashes.dedup();
    let hashes = hashes.concat();
    let probes: String = probes.iter().map(|o| format!(" {o}")).collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'{probes}; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    // Base64 and the fixed text are visible ASCII, so this cannot fail; the strict
    // fallback keeps the app safe (if broken) should it ever.
    HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'",
    ))
}

/// The contents of every `<script>` without a `src`: exactly the bytes a browser hashes.
fn inline_scripts(page: &str) -> impl Iterator<Item = &str> {
    let mut rest = page;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find("<script")?;
            let open_end = start + rest[start..].find('>')?;
            let tag = &rest[start..open_end];
            let body_start = open_end + 1;
            let body_end = body_start + rest[body_start..].find("</script")?;
            let body = &rest[body_start..body_end];
            rest = &rest[body_end..];
            if !tag.contains("src=") {
                return Some(body);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn probe_origins_are_scheme_and_authority_only() {
        assert_eq!(
            super::origin("https://www.example.org/x?y").as_deref(),
            Some("https://www.example.org")
        );
        assert_eq!(
            super::origin("http://10.0.0.1:8080").as_deref(),
            Some("http://10.0.0.1:8080")
        );
        assert_eq!(super::origin("javascript:alert(1)"), None);
        assert_eq!(super::origin("https://a b;script-src *"), None);
    }

    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed() {
        let page = "<head><script src=\"/a.js\"></script></head>\
                    <body><script type=\"module\">\n  init();\n</script></body>";
        let scripts: Vec<&str> = inline_scripts(page).collect();
        assert_eq!(scripts, ["\n  init();\n"]);
        let policy = policy(&[page.to_owned()], &[]);
        let expected = STANDARD.encode(Sha256::digest("\n  init();\n"));
        assert!(
            policy
                .to_str()
                .unwrap()
                .contains(&format!("'sha256-{expected}'"))
        );
    }

    #[test]
    fn every_entry_page_is_covered_and_a_shared_script_counts_once() {
        let home = "<script type=\"module\">boot();</script>".to_owned();
        let staff = "<script type=\"module\">other();</script>".to_owned();
        let policy = policy(&[home.clone(), home, staff], &[]);
        let policy = policy.to_str().unwrap();
        for script in ["boot();", "other();"] {
            let expected = STANDARD.encode(Sha256::digest(script));
            assert_eq!(
                policy.matches(&format!("'sha256-{expected}'")).count(),
                1,
                "{policy}"
            );
        }
    }

    #[test]
    fn without_a_page_no_inline_script_is_allowed() {
        let policy = policy(&[], &["https://probe.example".to_owned()]);
        assert!(!policy.to_str().unwrap().contains("sha256"));
        assert!(policy.to_str().unwrap().contains("frame-ancestors 'none'"));
        assert!(
            policy
                .to_str()
                .unwrap()
                .contains("connect-src 'self' https://probe.example;")
        );
    }
}
