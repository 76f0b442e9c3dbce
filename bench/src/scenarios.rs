//! What a run measures, in order: each scenario on the hand-off endpoint right after the
//! same kind of load on `/healthz`, so both meet the machine in the same state.
//!
//! 0. the idle server's memory, and the synced writes/s of its data folder's disk;
//! 1. warm-up (not counted): connections open, the database's first pages cached;
//! 2. closed loop on `/healthz`, then on `POST /handoffs`: sustained throughput;
//! 3. open loop at the offered rate on `/healthz`, then on `POST /handoffs`: latency;
//! 4. signed in as a staff admin: the Queue and ticket detail with many tickets stored
//!    ([`crate::queue`]), then live events to many streams ([`crate::fan_out`]);
//!    memory is read before 1, after seeding, with the streams open, and after 4.
//!
//! Every hand-off is a legal walk with its own idempotency key, so each one creates a
//! ticket: the run measures real work, never the cheap idempotent replay.

use crate::bodies;
use crate::budget;
use crate::cpu;
use crate::disk;
use crate::fan_out;
use crate::load::{self, Sample, Target};
use crate::memory;
use crate::options::Options;
use crate::queue;
use crate::report::{Load, Report, Row, Skipped};
use crate::staff;
use reqwest::{Client, StatusCode};
use std::sync::Arc;
use std::time::Duration;

/// Distinct hand-off bodies, cycled through by the requests.
const BODIES: usize = 300;

/// A request that takes longer than this counts as an error (and bounds every wait).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Longest warm-up per target; it also stops after a few hundred requests.
const WARM_UP: Duration = Duration::from_millis(500);

/// How long the disk under the data folder is probed (before any load).
const PROBE: Duration = Duration::from_secs(1);

/// What the staff scenarios work with.
pub struct Context<'a> {
    pub client: Client,
    pub options: &'a Options,
    /// `POST /handoffs` with fresh keys; shared so keys stay unique across scenarios.
    pub handoff: Arc<Target>,
}

pub async fn run(options: &Options) -> Result<Report, String> {
    let client = Client::builder()
        // The bench talks to 127.0.0.1 only; a proxy from the environment must not apply.
        .no_proxy()
        .tcp_nodelay(true)
        .timeout(REQUEST_TIMEOUT)
        .build()
        .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
    let mut report = Report::new(options);
    report.memory.idle = options.pid.and_then(memory::resident);
    if let Some(folder) = options.data.clone() {
        let length = if options.short { PROBE / 4 } else { PROBE };
        let probe = tokio::task::spawn_blocking(move || disk::syncs_per_second(&folder, length));
        report.disk_syncs_per_second = Some(probe.await.map_err(|e| e.to_string())??);
    }

    let bodies = bodies::prepare(&client, &options.url, BODIES).await?;
    let healthz = healthz(&options.url);
    let handoff = handoff(&options.url, bodies, report.started_at);
    let (clients, rate, length) = (options.clients, options.rate, options.length);
    let pid = options.pid;

    load::closed_loop(&client, &healthz, clients, WARM_UP, 2_000).await;
    load::closed_loop(&client, &handoff, clients, WARM_UP, 200).await;

    let closed = Load::Closed { clients };
    let (sample, cpu) = metered(
        pid,
        load::closed_loop(&client, &healthz, clients, length, u64::MAX),
    )
    .await;
    let scenario = format!("GET /healthz, {clients} clients");
    let baseline = Row::new("healthz_closed", scenario, closed, sample, cpu, None);
    let (sample, cpu) = metered(
        pid,
        load::closed_loop(&client, &handoff, clients, length, u64::MAX),
    )
    .await;
    let scenario = format!("POST /handoffs, {clients} clients");
    let row = Row::new(
        "handoff_closed",
        scenario,
        closed,
        sample,
        cpu,
        Some(&baseline),
    );
    report.rows.extend([baseline, row]);

    let open = Load::Open { rate };
    let (sample, cpu) = metered(pid, load::open_loop(&client, &healthz, rate, length)).await;
    let scenario = format!("GET /healthz at {rate}/s");
    let baseline = Row::new("healthz_open", scenario, open, sample, cpu, None);
    let (sample, cpu) = metered(pid, load::open_loop(&client, &handoff, rate, length)).await;
    let scenario = format!("POST /handoffs at {rate}/s");
    let row = Row::new("handoff_open", scenario, open, sample, cpu, Some(&baseline));
    report.rows.extend([baseline, row]);

    let context = Context {
        client,
        options,
        handoff,
    };
    staff_scenarios(&context, &mut report).await;

    report.memory.after_load = options.pid.and_then(memory::resident);
    report.budgets = budget::check(&report.rows, options.short);
    Ok(report)
}

/// The scenarios that need a staff sign-in; without one, the report says why not.
async fn staff_scenarios(context: &Context<'_>, report: &mut Report) {
    const QUEUE: &str = "queue and ticket detail with many tickets";
    const FAN_OUT: &str = "live events to many streams";
    let Some((login, password)) = &context.options.staff else {
        let reason = "no staff login (`--login` and LOTSE_BENCH_PASSWORD)".to_owned();
        for scenario in [QUEUE, FAN_OUT] {
            let reason = reason.clone();
            report.skipped.push(Skipped { scenario, reason });
        }
        return;
    };
    let session = match staff::sign_in(&context.client, &context.options.url, login, password).await
    {
        Ok(session) => session,
        Err(reason) => {
            for scenario in [QUEUE, FAN_OUT] {
                let reason = reason.clone();
                report.skipped.push(Skipped { scenario, reason });
            }
            return;
        }
    };
    queue::run(context, &session, report).await;
    if let Err(reason) = fan_out::run(context, &session, report).await {
        report.skipped.push(Skipped {
            scenario: FAN_OUT,
            reason,
        });
    }
}

/// Runs `load` and returns what it recorded with the server's CPU time it cost.
pub async fn metered(
    pid: Option<u32>,
    load: impl Future<Output = Sample>,
) -> (Sample, Option<Duration>) {
    let before = pid.and_then(cpu::used);
    let sample = load.await;
    let after = pid.and_then(cpu::used);
    (sample, after.zip(before).map(|(a, b)| a.saturating_sub(b)))
}

fn healthz(url: &str) -> Arc<Target> {
    let url = format!("{url}/healthz");
    Target::new(StatusCode::OK, move |client, _| client.get(&url))
}

/// Hand-offs cycling through `bodies`, each with its own idempotency key. The key
/// carries the run's start time, so runs against one database never collide.
fn handoff(url: &str, bodies: Vec<Vec<u8>>, run: u64) -> Arc<Target> {
    let url = format!("{url}/api/v1/handoffs");
    Target::new(StatusCode::CREATED, move |client, n| {
        client
            .post(&url)
            .header("idempotency-key", format!("bench-{run:x}-{n:09}"))
            .header("content-type", "application/json")
            .body(bodies[n as usize % bodies.len()].clone())
    })
}
