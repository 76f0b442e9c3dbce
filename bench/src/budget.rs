//! The budgets a run must keep; a broken one makes the bench exit non-zero.
//!
//! No errors, ever, in either mode: an error under load is a bug, not noise. The speed
//! targets apply only to full runs: a CI-sized run of two seconds on a shared machine
//! is too short and too noisy to fail a build on speed.

use crate::report::{Load, Row};
use serde::Serialize;

/// Hand-offs per second the server must sustain (closed loop).
pub const MIN_TICKETS_PER_SECOND: f64 = 1_000.0;

/// Highest p99 latency of hand-offs at the offered rate (open loop), in ms.
pub const MAX_HANDOFF_P99_MS: f64 = 50.0;

/// Highest p99 of the Queue's first page and of a ticket's detail (open loop), in ms.
pub const MAX_STAFF_READ_P99_MS: f64 = 15.0;

/// Highest p99 from a hand-off's send to its event on every open stream, in ms.
pub const MAX_FAN_OUT_P99_MS: f64 = 200.0;

/// One budget and how the run did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    pub name: String,
    pub limit: String,
    pub measured: String,
    pub kept: bool,
}

/// Every budget that applies to `rows`.
pub fn check(rows: &[Row], short: bool) -> Vec<Budget> {
    let mut budgets: Vec<Budget> = rows
        .iter()
        .map(|r| Budget {
            name: format!("no errors: {}", r.scenario),
            limit: "0".into(),
            measured: r.errors.to_string(),
            kept: r.errors == 0,
        })
        .collect();
    if short {
        return budgets;
    }
    if let Some(r) = rows.iter().find(|r| r.id == "handoff_closed") {
        budgets.push(Budget {
            name: "hand-off throughput".into(),
            limit: format!(">= {MIN_TICKETS_PER_SECOND:.0} tickets/s"),
            measured: format!("{:.0}/s", r.rate),
            kept: r.rate >= MIN_TICKETS_PER_SECOND,
        });
    }
    for (id, what, limit) in [
        ("handoff_open", "hand-off", MAX_HANDOFF_P99_MS),
        ("queue_open", "Queue page 1", MAX_STAFF_READ_P99_MS),
        ("detail_open", "ticket detail", MAX_STAFF_READ_P99_MS),
        (
            "events_fan_out",
            "event to every stream",
            MAX_FAN_OUT_P99_MS,
        ),
    ] {
        if let Some(r) = rows.iter().find(|r| r.id == id) {
            budgets.push(p99_below(r, what, limit));
        }
    }
    budgets
}

/// The p99 of `row`, which names its offered rate, must stay under `limit_ms`.
fn p99_below(row: &Row, what: &str, limit_ms: f64) -> Budget {
    let offered = match row.load {
        Load::Open { rate } => format!(" at {rate}/s"),
        Load::Closed { .. } => String::new(),
    };
    Budget {
        name: format!("{what} p99{offered}"),
        limit: format!("< {limit_ms:.0} ms"),
        measured: format!("{:.1} ms", row.latency.p99_ms),
        kept: row.latency.p99_ms < limit_ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latency::Percentiles;

    fn row(id: &str, errors: u64, rate: f64, p99_ms: f64) -> Row {
        Row {
            id: id.into(),
            scenario: id.into(),
            load: Load::Closed { clients: 1 },
            requests: 100,
            errors,
            seconds: 1.0,
            rate,
            latency: Percentiles {
                p99_ms,
                ..Percentiles::default()
            },
            server_cpu_ms_per_request: None,
            baseline: None,
            ratio: None,
            first_errors: Vec::new(),
        }
    }

    #[test]
    fn short_runs_fail_only_on_errors() {
        let rows = [row("handoff_closed", 0, 10.0, 900.0), row("x", 1, 1.0, 1.0)];
        let budgets = check(&rows, true);
        assert_eq!(budgets.len(), 2);
        assert!(budgets[0].kept && !budgets[1].kept);
    }

    #[test]
    fn full_runs_hold_the_speed_targets() {
        let slow = [
            row("handoff_closed", 0, 999.0, 1.0),
            row("handoff_open", 0, 200.0, 50.0),
        ];
        let broken: Vec<_> = check(&slow, false)
            .into_iter()
            .filter(|b| !b.kept)
            .collect();
        assert_eq!(broken.len(), 2, "{broken:?}");
        let fast = [
            row("handoff_closed", 0, 1000.0, 1.0),
            row("handoff_open", 0, 200.0, 49.9),
        ];
        assert!(check(&fast, false).iter().all(|b| b.kept));
    }

    #[test]
    fn staff_reads_and_the_fan_out_have_their_own_limits() {
        let rows = [
            row("queue_open", 0, 100.0, 14.9),
            row("detail_open", 0, 100.0, 15.0),
            row("events_fan_out", 0, 5000.0, 199.0),
        ];
        let kept: Vec<bool> = check(&rows, false).iter().skip(3).map(|b| b.kept).collect();
        assert_eq!(kept, [true, false, true]);
    }
}
