//! The figures `/metrics` shows, in Prometheus' text format: requests and their latency
//! by route and status, live-event subscribers, events seen, walk outcomes (the
//! deflection rate), database errors.
//!
//! Hand-rolled instead of the `metrics` crates: a handful of counters and one histogram
//! do not earn the cold-build cost of a metrics facade and exporter. The figures are
//! per process (like Prometheus' own client libraries), so a database error counted deep
//! in the store needs no handle passed down to it.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Requests of one method, route and status.
#[derive(Default)]
struct Series {
    /// Requests per bucket (not cumulative; summed when rendered).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    seconds: f64,
}

#[derive(Default)]
struct Registry {
    /// Keyed by (method, route, status). Routes are route patterns, never raw paths, so
    /// the number of series stays small.
    requests: Mutex<BTreeMap<(String, String, u16), Series>>,
    events: Mutex<BTreeMap<String, u64>>,
    /// Walk outcomes recorded, by (tree, outcome).
    outcomes: Mutex<BTreeMap<(String, String), u64>>,
    subscribers: AtomicI64,
    unavailable: AtomicU64,
    database: AtomicU64,
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::default);

/// Counts a request answered with `status` after `elapsed`.
pub fn request(method: &str, route: &str, status: u16, elapsed: Duration) {
    let seconds = elapsed.as_secs_f64();
    let bucket = BUCKETS.iter().position(|&bound| seconds <= bound);
    let mut requests = REGISTRY
        .requests
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let series = requests
        .entry((method.to_owned(), route.to_owned(), status))
        .or_default();
    series.count += 1;
    series.seconds += seconds;
    if let Some(i) = bucket {
        series.buckets[i] += 1;
    }
}

/// Counts a live event of `kind` that this instance read from the table.
pub fn live_event(kind: &str) {
    let mut events = REGISTRY
        .events
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *events.entry(kind.to_owned()).or_default() += 1;
}

/// Counts a walk outcome recorded for `tree` (`resolved`, `abandoned`). Trees are the
/// catalog's ids (the handler refuses others), so the series stay few.
pub fn walk_outcome(tree: &str, outcome: &str) {
    let mut outcomes = REGISTRY
        .outcomes
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *outcomes
        .entry((tree.to_owned(), outcome.to_owned()))
        .or_default() += 1;
}

/// A live-event stream opened (`+1`) or closed (`-1`).
pub fn subscribers(change: i64) {
    REGISTRY.subscribers.fetch_add(change, Ordering::Relaxed);
}

/// Counts a database error; `unavailable` when the database could not be reached.
pub fn database_error(unavailable: bool) {
    let counter = if unavailable {
        &REGISTRY.unavailable
    } else {
        &REGISTRY.database
    };
    counter.fetch_add(1, Ordering::Relaxed);
}

/// Everything, in the Prometheus text exposition format (version 0.0.4).
pub fn render() -> String {
    let mut out = String::new();
    let requests = REGISTRY
        .requests
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    header(
        &mut out,
        "lotse_http_requests_total",
        "counter",
        "Requests answered, by method, route pattern and status.",
    );
    for ((method, route, status), series) in requests.iter() {
        let labels = labels(method, route, *status);
        let _ = writeln!(
            out,
            "lotse_http_requests_total{{{labels}}} {}",
            series.count
        );
    }
    header(
        &mut out,
        "lotse_http_request_duration_seconds",
        "histogram",
        "Time from receiving a request to sending its response head.",
    );
    for ((method, route, status), series) in requests.iter() {
        let labels = labels(method, route, *status);
        let mut cumulative = 0;
        for (bound, n) in BUCKETS.iter().zip(series.buckets) {
            cumulative += n;
            let _ = writeln!(
                out,
                "lotse_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
            );
        }
        let _ = writeln!(
            out,
            "lotse_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
            series.count
        );
        let _ = writeln!(
            out,
            "lotse_http_request_duration_seconds_sum{{{labels}}} {}",
            series.seconds
        );
        let _ = writeln!(
            out,
            "lotse_http_request_duration_seconds_count{{{labels}}} {}",
            series.count
        );
    }
    drop(requests);
    let events = REGISTRY
        .events
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    header(
        &mut out,
        "lotse_live_events_total",
        "counter",
        "Live events this instance read and passed to its subscribers, by kind. Every \
         instance reads every event: aggregate instances with max, not sum.",
    );
    for (kind, n) in events.iter() {
        let _ = writeln!(
            out,
            "lotse_live_events_total{{kind=\"{}\"}} {n}",
            escape(kind)
        );
    }
    header(
        &mut out,
        "lotse_tickets_created_total",
        "counter",
        "Tickets created (live events of kind ticket_created; aggregate instances with max).",
    );
    let created = events
        .get(crate::store::events::kind::TICKET_CREATED)
        .copied()
        .unwrap_or(0);
    let _ = writeln!(out, "lotse_tickets_created_total {created}");
    drop(events);
    let outcomes = REGISTRY
        .outcomes
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    header(
        &mut out,
        "lotse_walk_outcomes_total",
        "counter",
        "Anonymous walk outcomes this instance recorded, by tree and outcome (resolved: \
         solved without a hand-off; abandoned: left unfinished; helpful and not_helpful: \
         the answer to \"was this guide helpful?\" at a solved end). Sum over instances.",
    );
    for ((tree, outcome), n) in outcomes.iter() {
        let _ = writeln!(
            out,
            "lotse_walk_outcomes_total{{tree=\"{}\",outcome=\"{}\"}} {n}",
            escape(tree),
            escape(outcome)
        );
    }
    drop(outcomes);
    header(
        &mut out,
        "lotse_live_subscribers",
        "gauge",
        "Open live-event streams (staff browsers).",
    );
    let _ = writeln!(
        out,
        "lotse_live_subscribers {}",
        REGISTRY.subscribers.load(Ordering::Relaxed)
    );
    header(
        &mut out,
        "lotse_database_errors_total",
        "counter",
        "Database errors: `unavailable` (no connection) or `failed` (a statement failed).",
    );
    for (kind, counter) in [
        ("unavailable", &REGISTRY.unavailable),
        ("failed", &REGISTRY.database),
    ] {
        let _ = writeln!(
            out,
            "lotse_database_errors_total{{kind=\"{kind}\"}} {}",
            counter.load(Ordering::Relaxed)
        );
    }
    out
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

fn labels(method: &str, route: &str, status: u16) -> String {
    format!(
        "method=\"{}\",route=\"{}\",status=\"{status}\"",
        escape(method),
        escape(route)
    )
}

/// Label values escape backslash, double quote and newline.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_lands_in_its_bucket_and_every_larger_one() {
        request("GET", "/unit/\"quoted\"", 200, Duration::from_millis(30));
        let text = render();
        let prefix = r#"method="GET",route="/unit/\"quoted\"",status="200""#;
        assert!(text.contains(&format!("lotse_http_requests_total{{{prefix}}} 1")));
        let bucket = |le: &str| {
            format!("lotse_http_request_duration_seconds_bucket{{{prefix},le=\"{le}\"}}")
        };
        assert!(text.contains(&format!("{} 0", bucket("0.025"))), "{text}");
        assert!(text.contains(&format!("{} 1", bucket("0.05"))), "{text}");
        assert!(text.contains(&format!("{} 1", bucket("+Inf"))), "{text}");
    }
}
