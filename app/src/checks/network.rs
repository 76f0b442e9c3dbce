//! Checks that send a request: the round trip to the Lotse server and whether a
//! configured address answers at all.

use super::Finding;
use crate::deadline::Deadline;
use gloo_net::http::Request;
use std::time::Duration;
use web_sys::{RequestCache, RequestMode};

/// Longer than this and the answer does not matter: the user is waiting.
const LIMIT: Duration = Duration::from_secs(5);
/// Under this a round trip counts as `fast` (the tree format documents the bound).
const FAST_MS: f64 = 300.0;

fn clock() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Milliseconds as a whole number (no float formatting: see `i18n::number`).
fn whole(ms: f64) -> String {
    (ms.max(0.0).round() as u64).to_string()
}

/// Times `GET /healthz`; the value is the time in whole milliseconds.
pub async fn rtt() -> Finding {
    let deadline = Deadline::after(LIMIT);
    let started = clock();
    let answer = Request::get("/healthz")
        .cache(RequestCache::NoStore)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await;
    let ms = clock() - started;
    match answer {
        Ok(_) if ms < FAST_MS => Finding::new("fast", &whole(ms)),
        Ok(_) => Finding::new("slow", &whole(ms)),
        Err(_) => Finding::new("unreachable", ""),
    }
}

/// Whether `url` answers. `no-cors` gives an opaque answer (no status, no body), which
/// is all that is needed: any answer means the address can be reached from here.
pub async fn reach(url: &str) -> Finding {
    let deadline = Deadline::after(LIMIT);
    let started = clock();
    let answer = Request::get(url)
        .mode(RequestMode::NoCors)
        .cache(RequestCache::NoStore)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await;
    let ms = clock() - started;
    match answer {
        Ok(_) => Finding::new("reachable", &whole(ms)),
        Err(_) => Finding::new("unreachable", ""),
    }
}
