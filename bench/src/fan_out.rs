//! Live updates reach every connected staff member: `--subscribers` event streams
//! (1,000 in a full run) stay open while hand-offs arrive at a modest fixed rate.
//!
//! 1. Open the streams, all on one staff session (the server's cost is per stream, not
//!    per session); the server's memory with them open.
//! 2. Open loop at [`RATE`] with the streams open: `/healthz` (the baseline), then
//!    hand-offs. Each hand-off's latency counts from its scheduled send time, both to
//!    its `201` and to the arrival of its `ticket_created` event on every stream; an
//!    event that has not arrived [`GRACE`] after its send is an error.
//! 3. The bench's own CPU while its streams received: on two shared cores the client
//!    competes with the server, so the report says how much it took.

use crate::load::{self, Sample, Target};
use crate::report::{ClientCpu, Load, Opened, Report, Row};
use crate::scenarios::{Context, metered};
use crate::sse::{self, Arrival};
use crate::staff::Session;
use crate::{cpu, memory};
use domain::api::HandoffCreated;
use reqwest::{Client, StatusCode};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::Instant;

/// Hand-offs per second: a busy morning, not a flood; what is measured is the fan-out.
pub const RATE: u32 = 5;

/// An event that has not reached a stream this long after its send is lost.
const GRACE: Duration = Duration::from_secs(5);

/// Streams opened at once while connecting.
const OPENING: usize = 50;

/// Descriptors the bench needs besides its streams (pools, files, the runtime).
const SPARE_FILES: u64 = 100;

pub async fn run(
    context: &Context<'_>,
    session: &Session,
    report: &mut Report,
) -> Result<(), String> {
    let Context {
        client,
        options,
        handoff,
    } = context;
    let (url, pid, count) = (&options.url, options.pid, options.subscribers);
    let limit = open_files_limit().unwrap_or(u64::MAX);
    if limit < count as u64 + SPARE_FILES {
        return Err(format!(
            "the bench may open {limit} files, {count} streams need {}: raise it with `ulimit -n`",
            count as u64 + SPARE_FILES
        ));
    }
    // No overall timeout: a stream is one response that lasts the whole scenario.
    let streaming = Client::builder()
        .no_proxy()
        .tcp_nodelay(true)
        .connect_timeout(Duration::from_secs(5))
        .build()
        .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
    let before = pid.and_then(memory::resident);
    let streams = open_all(&streaming, url, session, count).await?;
    report.memory.with_subscribers = Some(Opened {
        count,
        before,
        resident: pid.and_then(memory::resident),
    });

    let seen = Arc::new(AtomicU64::new(0));
    let (stop, stopped) = watch::channel(false);
    let mut listeners = JoinSet::new();
    for stream in streams {
        listeners.spawn(sse::listen(stream, seen.clone(), stopped.clone()));
    }
    let healthz = Target::new(StatusCode::OK, {
        let url = format!("{url}/healthz");
        move |client, _| client.get(&url)
    });
    let length = options.length;
    let open = Load::Open { rate: RATE };
    let (sample, cpu) = metered(pid, load::open_loop(client, &healthz, RATE, length)).await;
    let scenario = format!("GET /healthz at {RATE}/s, {count} streams");
    let baseline = Row::new("healthz_fan_out", scenario, open, sample, cpu, None);

    let client_before = cpu::used(std::process::id());
    let server_before = pid.and_then(cpu::used);
    let started = Instant::now();
    let sent = send(client, handoff, length).await;
    let expected = sent.created.len() as u64 * count as u64;
    let deadline = Instant::now() + GRACE;
    while seen.load(Ordering::Relaxed) < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let server_cpu = pid
        .and_then(cpu::used)
        .zip(server_before)
        .map(|(a, b)| a.saturating_sub(b));
    let client_cpu = cpu::used(std::process::id())
        .zip(client_before)
        .map(|(a, b)| a.saturating_sub(b));
    let seconds = started.elapsed();
    stop.send_replace(true);
    let arrivals = listeners.join_all().await;

    let scenario = format!("POST /handoffs at {RATE}/s, {count} str.");
    let acks = Row::new(
        "handoff_fan_out",
        scenario,
        open,
        sent.acks,
        None,
        Some(&baseline),
    );
    let scenario = format!("ticket_created to {count} streams");
    let delivered = deliveries(&sent.created, &arrivals);
    let events = Row::new(
        "events_fan_out",
        scenario,
        open,
        delivered,
        server_cpu,
        Some(&baseline),
    );
    report.rows.extend([baseline, acks, events]);
    report.client_cpu = client_cpu.map(|cpu| ClientCpu {
        scenario: "ticket_created fan-out".into(),
        streams: count,
        cpu_seconds: cpu.as_secs_f64(),
        seconds: seconds.as_secs_f64(),
    });
    Ok(())
}

/// `count` open streams, opened [`OPENING`] at a time.
async fn open_all(
    client: &Client,
    url: &str,
    session: &Session,
    count: usize,
) -> Result<Vec<reqwest::Response>, String> {
    let mut streams = Vec::with_capacity(count);
    while streams.len() < count {
        let mut opening = JoinSet::new();
        for _ in 0..OPENING.min(count - streams.len()) {
            let (client, url, session) = (client.clone(), url.to_owned(), session.clone());
            opening.spawn(async move { sse::open(&client, &url, &session).await });
        }
        for stream in opening.join_all().await {
            streams.push(stream.map_err(|e| format!("after {} streams: {e}", streams.len()))?);
        }
    }
    Ok(streams)
}

/// What the hand-offs of the scenario got: their acknowledgements, and the reference
/// and scheduled send time of each one created.
struct Sent {
    acks: Sample,
    created: Vec<(String, Instant)>,
}

/// Hand-offs at [`RATE`] for `length`, each at its scheduled time (as [`load::open_loop`]).
async fn send(client: &Client, handoff: &Arc<Target>, length: Duration) -> Sent {
    let count = (f64::from(RATE) * length.as_secs_f64()).round() as u64;
    let started = Instant::now();
    let mut flights = Vec::with_capacity(count as usize);
    for i in 0..count {
        let due = started + Duration::from_nanos(i * 1_000_000_000 / u64::from(RATE));
        tokio::time::sleep_until(due).await;
        let (client, handoff) = (client.clone(), handoff.clone());
        flights.push(tokio::spawn(async move {
            let answer = handoff.fetch(&client).await;
            (due, due.elapsed(), answer)
        }));
    }
    let mut sent = Sent {
        acks: Sample::default(),
        created: Vec::new(),
    };
    for flight in flights {
        let Ok((due, latency, answer)) = flight.await else {
            continue;
        };
        let created = answer.and_then(|body| {
            serde_json::from_slice::<HandoffCreated>(&body)
                .map_err(|e| format!("not a created hand-off: {e}"))
        });
        match created {
            Ok(created) => {
                sent.created.push((created.reference, due));
                sent.acks.record(latency, Ok(()));
            }
            Err(message) => sent.acks.record(latency, Err(message)),
        }
    }
    sent.acks.elapsed = started.elapsed();
    sent
}

/// One latency per (hand-off, stream): from the send to the arrival; an event missing
/// from a stream, or later than [`GRACE`], is an error.
fn deliveries(created: &[(String, Instant)], arrivals: &[Vec<Arrival>]) -> Sample {
    let mut sample = Sample::default();
    let Some(first) = created.iter().map(|(_, due)| *due).min() else {
        return sample;
    };
    let mut last = first;
    for (stream, received) in arrivals.iter().enumerate() {
        let at: HashMap<&str, Instant> = received
            .iter()
            .map(|a| (a.reference.as_str(), a.at))
            .collect();
        for (reference, due) in created {
            match at.get(reference.as_str()) {
                Some(&arrived) if arrived.duration_since(*due) <= GRACE => {
                    last = last.max(arrived);
                    sample.record(arrived.duration_since(*due), Ok(()));
                }
                arrived => {
                    let what = if arrived.is_some() {
                        "later than"
                    } else {
                        "not within"
                    };
                    let message = format!("{reference} reached stream {stream} {what} {GRACE:?}");
                    sample.record(GRACE, Err(message));
                }
            }
        }
    }
    sample.elapsed = last.duration_since(first);
    sample
}

/// The soft limit of open files of this process, from `/proc` (no libc call).
fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line
        .trim_start_matches("Max open files")
        .split_whitespace()
        .next()?;
    match soft {
        "unlimited" => Some(u64::MAX),
        soft => soft.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_missing_or_late_event_is_an_error() {
        let t0 = Instant::now();
        let created = vec![("A".to_owned(), t0), ("B".to_owned(), t0)];
        let on_time = |r: &str, ms| Arrival {
            reference: r.into(),
            at: t0 + Duration::from_millis(ms),
        };
        let arrivals = vec![
            vec![on_time("A", 3), on_time("B", 7)],
            vec![on_time("A", 4), on_time("B", 6_000)],
            vec![],
        ];
        let sample = deliveries(&created, &arrivals);
        assert_eq!((sample.requests, sample.errors), (6, 3));
        assert_eq!(sample.elapsed, Duration::from_millis(7));
    }

    #[test]
    fn this_process_has_an_open_files_limit() {
        assert!(open_files_limit().is_some_and(|n| n > 0));
    }
}
