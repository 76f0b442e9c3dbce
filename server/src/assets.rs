//! The built browser app (`dist/`): precompressed files, caching by name, and the page
//! of the right entry bundle for every app address ([`page_for`]).
//!
//! The app is split into entry bundles, each a page of its own: `index.html` (`home`,
//! the landing page: the first load of every visit, kept small), `portal.html`
//! (walk, check my ticket, ticket status, not found) and `staff.html` (the support
//! workspace under `/staff`). A bundle's router moves between
//! its own pages without a page load; a link to another bundle's page is a page load,
//! which this module answers with that bundle's page.
//!
//! Caching rules: names with a content hash (`home-<16 hex>.wasm`) never change, so
//! they are `immutable` for a year; the pages (`*.html`) are `no-cache` so a new release
//! is picked up on the next load; other files (favicon) are cached for an hour.

use crate::State;
use axum::body::Body;
use axum::extract::State as Extract;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// The landing page's entry (`home`): what `/` gets.
pub const LANDING_PAGE: &str = "index.html";
/// The portal's entry: every other app address.
pub const PORTAL_PAGE: &str = "portal.html";
/// The staff workspace's entry: `/staff` and everything under it.
pub const STAFF_PAGE: &str = "staff.html";

/// The entry page that answers the app address `path` (a path that names no file):
///
/// | address | page |
/// |---|---|
/// | `/` | `index.html` (home: the landing page) |
/// | `/walk/…`, `/status`, `/status/…` | `portal.html` |
/// | `/staff`, `/staff/…` | `staff.html` (the workspace; its router has its own not found) |
/// | anything else | `portal.html`, whose router shows its not-found page |
///
/// Unknown addresses go to the portal so that the landing page's bundle carries no
/// not-found page. A new entry gets its prefix here, and a line in the build driver's
/// entry list (`xtask/src/bundle.rs`).
pub fn page_for(path: &str) -> &'static str {
    if path == "/" || path.is_empty() {
        LANDING_PAGE
    } else if path == "/staff" || path.starts_with("/staff/") {
        STAFF_PAGE
    } else {
        PORTAL_PAGE
    }
}

/// Serves a file of the app, or the entry page of [`page_for`] for a path that names no
/// file (an app address such as `/walk/printer`); the bundle's router then shows the page
/// or its own not-found page. A build from before the split into entries has only
/// `index.html`, which then answers every address.
pub async fn serve(Extract(state): Extract<State>, request: Request<Body>) -> Response {
    let path = request.uri().path().to_owned();
    let dir = state.assets.as_path();
    let mut page = dir.join(page_for(&path));
    if !page.is_file() {
        page = dir.join(LANDING_PAGE);
    }
    let index = ServeFile::new(page).precompressed_br().precompressed_gzip();
    let last = path.rsplit('/').next().unwrap_or("");
    let is_page = last.ends_with(".html");
    let response = if last.contains('.') {
        // A file name: serve it or 404, never index.html (a stale script URL must
        // fail loudly, not load HTML as JavaScript).
        ServeDir::new(dir)
            .precompressed_br()
            .precompressed_gzip()
            .oneshot(request)
            .await
            .map(IntoResponse::into_response)
    } else {
        index
            .oneshot(request)
            .await
            .map(IntoResponse::into_response)
    };
    let mut response = match response {
        Ok(r) => r,
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND && !last.contains('.') {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "The app is not built yet: run `cargo xtask dist`.",
        )
            .into_response();
    }
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let policy = if is_hashed(last) {
            "public, max-age=31536000, immutable"
        } else if last.contains('.') && !is_page {
            "public, max-age=3600"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Whether a file name carries a content hash: `name-<16 hex digits>.ext`.
pub fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::{LANDING_PAGE, PORTAL_PAGE, STAFF_PAGE, is_hashed, page_for};

    #[test]
    fn only_the_landing_page_gets_the_home_entry() {
        assert_eq!(page_for("/"), LANDING_PAGE);
        for path in [
            "/walk/printer",
            "/walk/printer/",
            "/status",
            "/status/K7M4-QX9P",
            "/no/such/page",
            "/walk",
            "//",
            "/staffroom",
        ] {
            assert_eq!(page_for(path), PORTAL_PAGE, "{path}");
        }
    }

    #[test]
    fn the_workspace_gets_the_staff_entry() {
        for path in ["/staff", "/staff/", "/staff/tickets/12", "/staff/no/such"] {
            assert_eq!(page_for(path), STAFF_PAGE, "{path}");
        }
    }

    #[test]
    fn recognises_hashed_names() {
        assert!(is_hashed("app-0123456789abcdef.wasm"));
        assert!(is_hashed("lotse-0123456789abcdef.css"));
        assert!(!is_hashed("favicon.svg"));
        assert!(!is_hashed("app-0123.js"));
        assert!(!is_hashed("index.html"));
    }
}
