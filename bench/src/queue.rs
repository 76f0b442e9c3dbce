//! Staff work the Queue while many tickets are stored (100,000 in a full run).
//!
//! 1. Seeding: hand-offs through `POST /handoffs` until the run has sent `--tickets`,
//!    the same legal walks as the hand-off rows, so the tickets are what users make.
//!    It is the closed loop with more clients than the throughput row: SQLite commits
//!    new tickets in groups, so more requests in flight fill each synced commit and
//!    100,000 tickets take about a minute instead of two. It is a row of its own.
//! 2. The server's memory with that many tickets stored.
//! 3. Open loop at [`RATE`] as an admin (who sees every queue): `/healthz` (the
//!    baseline), the Queue's first page with the default filters, then the detail of
//!    random tickets, so the database cannot answer from a few hot pages.

use crate::load::{self, Target};
use crate::memory;
use crate::report::{Load, Report, Row, Stored};
use crate::scenarios::{Context, metered};
use crate::staff::Session;
use reqwest::StatusCode;
use std::sync::Arc;
use std::time::Duration;

/// Requests per second of the reading rows: a busy service desk's staff, clicking.
pub const RATE: u32 = 100;

/// Clients of the seeding closed loop (see the module doc).
const SEED_CLIENTS: usize = 64;

/// Seeding stops after this long, whatever it reached; the row shows how far it got.
const SEED_LIMIT: Duration = Duration::from_secs(600);

/// Requests of each warm-up (not counted).
const WARM_UP: u64 = 50;

pub async fn run(context: &Context<'_>, session: &Session, report: &mut Report) {
    let Context {
        client,
        options,
        handoff,
    } = context;
    let pid = options.pid;
    let wanted = options.tickets;
    let missing = wanted.saturating_sub(handoff.sent());
    // A short run's hand-off rows may have stored enough already.
    if missing > 0 {
        let (sample, cpu) = metered(
            pid,
            load::closed_loop(client, handoff, SEED_CLIENTS, SEED_LIMIT, missing),
        )
        .await;
        let scenario = format!("seed to {} tickets, {SEED_CLIENTS} cl.", thousands(wanted));
        let load = Load::Closed {
            clients: SEED_CLIENTS,
        };
        let baseline = report.row("healthz_closed").cloned();
        let seed = Row::new(
            "seed_closed",
            scenario,
            load,
            sample,
            cpu,
            baseline.as_ref(),
        );
        report.rows.push(seed);
    }
    // Every hand-off this run sent is a ticket (a failed one is an error row above).
    let stored = handoff.sent();
    report.memory.with_tickets = Some(Stored {
        count: stored,
        resident: pid.and_then(memory::resident),
    });

    let url = &options.url;
    let queue = get(format!("{url}/api/v1/queue"), session, |_| String::new());
    let detail = get(format!("{url}/api/v1/tickets/"), session, move |n| {
        (1 + spread(n) % stored.max(1)).to_string()
    });
    let healthz = Target::new(StatusCode::OK, {
        let url = format!("{url}/healthz");
        move |client, _| client.get(&url)
    });
    for target in [&queue, &detail] {
        load::closed_loop(client, target, 4, Duration::from_secs(1), WARM_UP).await;
    }
    let length = options.length;
    let open = Load::Open { rate: RATE };
    let (sample, cpu) = metered(pid, load::open_loop(client, &healthz, RATE, length)).await;
    let scenario = format!("GET /healthz at {RATE}/s");
    let baseline = Row::new("healthz_staff_open", scenario, open, sample, cpu, None);
    let (sample, cpu) = metered(pid, load::open_loop(client, &queue, RATE, length)).await;
    let scenario = format!("GET /queue page 1 at {RATE}/s");
    let queue = Row::new("queue_open", scenario, open, sample, cpu, Some(&baseline));
    let (sample, cpu) = metered(pid, load::open_loop(client, &detail, RATE, length)).await;
    let scenario = format!("GET /tickets/{{random}} at {RATE}/s");
    let detail = Row::new("detail_open", scenario, open, sample, cpu, Some(&baseline));
    report.rows.extend([baseline, queue, detail]);
}

/// `GET {prefix}{suffix(n)}` as the signed-in staff member, expecting 200.
fn get(
    prefix: String,
    session: &Session,
    suffix: impl Fn(u64) -> String + Send + Sync + 'static,
) -> Arc<Target> {
    let cookie = session.cookie.clone();
    Target::new(StatusCode::OK, move |client, n| {
        client
            .get(format!("{prefix}{}", suffix(n)))
            .header("cookie", &cookie)
    })
}

/// `n` scattered over all of `u64` (splitmix64), so request `n` reads a ticket far
/// from request `n + 1`'s: the same for every run, with no random-number crate.
fn spread(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `100000` as `100,000`, for row names.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_ids_cover_the_range_evenly() {
        let mut hits = [0u32; 10];
        for n in 0..10_000 {
            hits[(spread(n) % 10) as usize] += 1;
        }
        assert!(hits.iter().all(|&h| (900..1100).contains(&h)), "{hits:?}");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(2_000), "2,000");
        assert_eq!(thousands(999), "999");
    }
}
