//! The built browser app (`dist/`): precompressed files, caching by name, and
//! `index.html` for every app route.
//!
//! Caching rules: names with a content hash (`app-<16 hex>.wasm`) never change, so they
//! are `immutable` for a year; `index.html` is `no-cache` so a new release is picked up
//! on the next load; other files (favicon) are cached for an hour.

use crate::State;
use axum::body::Body;
use axum::extract::State as Extract;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Serves a file of the app, or `index.html` for a path that names no file (an app
/// route such as `/walk/printer`); the app's router then shows the page or its own
/// not-found page.
pub async fn serve(Extract(state): Extract<State>, request: Request<Body>) -> Response {
    let path = request.uri().path().to_owned();
    let dir = state.assets.as_path();
    let index = ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let last = path.rsplit('/').next().unwrap_or("");
    let response = if last.contains('.') && last != "index.html" {
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
        } else if last.contains('.') && last != "index.html" {
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
    use super::is_hashed;

    #[test]
    fn recognises_hashed_names() {
        assert!(is_hashed("app-0123456789abcdef.wasm"));
        assert!(is_hashed("lotse-0123456789abcdef.css"));
        assert!(!is_hashed("favicon.svg"));
        assert!(!is_hashed("app-0123.js"));
        assert!(!is_hashed("index.html"));
    }
}
