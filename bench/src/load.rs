//! The two ways the bench loads a server.
//!
//! - **Closed loop** ([`closed_loop`]): N clients, each sending its next request as soon
//!   as the previous answer arrives. The server sets the pace, so this measures the most
//!   it sustains: throughput.
//! - **Open loop** ([`open_loop`]): requests leave on a fixed schedule whether or not
//!   earlier ones were answered, the way independent users arrive. Latency counts from
//!   the *scheduled* send time, so a stall shows up in every request it delays instead
//!   of being hidden by a client that waited (coordinated omission). Tokio's timer
//!   ticks in milliseconds, so a send may leave up to about 1 ms after its due time;
//!   that lateness counts, as it would for a user, and is in the baseline as well.
//!
//! Both stop by themselves: at a deadline and after a bounded number of requests.

use reqwest::{Client, RequestBuilder, StatusCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::time::Instant;

/// Most requests one closed loop sends, whatever the deadline.
const MAX_REQUESTS: u64 = 2_000_000;

/// Error messages kept per run, enough to tell what went wrong.
const ERRORS_KEPT: usize = 5;

type Make = dyn Fn(&Client, u64) -> RequestBuilder + Send + Sync;

/// One kind of request: how to build the n-th, and the status that means success.
pub struct Target {
    make: Box<Make>,
    expect: StatusCode,
    /// Numbers requests across every run of this target, so idempotency keys made
    /// from it never repeat within a bench run.
    sent: AtomicU64,
}

impl Target {
    pub fn new(
        expect: StatusCode,
        make: impl Fn(&Client, u64) -> RequestBuilder + Send + Sync + 'static,
    ) -> Arc<Target> {
        Arc::new(Target {
            make: Box::new(make),
            expect,
            sent: AtomicU64::new(0),
        })
    }

    /// How many requests of this target were sent so far, in every run.
    pub fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// Sends the next request and reads the whole answer (so the connection is reused).
    async fn send(&self, client: &Client) -> Result<(), String> {
        self.fetch(client).await.map(drop)
    }

    /// Sends the next request and returns the body of an expected answer.
    pub async fn fetch(&self, client: &Client) -> Result<Vec<u8>, String> {
        let n = self.sent.fetch_add(1, Ordering::Relaxed);
        let response = (self.make)(client, n)
            .send()
            .await
            .map_err(|e| format!("{e:?}"))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| format!("{e:?}"))?;
        if status == self.expect {
            Ok(body.to_vec())
        } else {
            let text = String::from_utf8_lossy(&body);
            Err(format!(
                "{status}: {}",
                text.chars().take(200).collect::<String>()
            ))
        }
    }
}

/// What one run recorded.
#[derive(Debug, Default)]
pub struct Sample {
    pub requests: u64,
    pub errors: u64,
    /// From the first send to the last answer.
    pub elapsed: Duration,
    /// One per request, errors included (a failure is an answer too).
    pub latencies: Vec<Duration>,
    pub first_errors: Vec<String>,
}

impl Sample {
    pub fn record(&mut self, latency: Duration, outcome: Result<(), String>) {
        self.requests += 1;
        self.latencies.push(latency);
        if let Err(message) = outcome {
            self.errors += 1;
            if self.first_errors.len() < ERRORS_KEPT {
                self.first_errors.push(message);
            }
        }
    }

    fn merge(&mut self, other: Sample) {
        self.requests += other.requests;
        self.errors += other.errors;
        self.latencies.extend(other.latencies);
        for message in other.first_errors {
            if self.first_errors.len() < ERRORS_KEPT {
                self.first_errors.push(message);
            }
        }
    }

    /// Answers per second over the run.
    pub fn rate(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// `clients` concurrent clients send back to back until `length` has passed or
/// `at_most` requests were sent in all.
pub async fn closed_loop(
    client: &Client,
    target: &Arc<Target>,
    clients: usize,
    length: Duration,
    at_most: u64,
) -> Sample {
    let started = Instant::now();
    let deadline = started + length;
    let per_client = at_most.min(MAX_REQUESTS).div_ceil(clients as u64);
    let runners: Vec<_> = (0..clients)
        .map(|_| {
            let client = client.clone();
            let target = target.clone();
            tokio::spawn(async move {
                let mut sample = Sample::default();
                while sample.requests < per_client && Instant::now() < deadline {
                    let sent = Instant::now();
                    let outcome = target.send(&client).await;
                    sample.record(sent.elapsed(), outcome);
                }
                sample
            })
        })
        .collect();
    let mut total = Sample::default();
    for runner in runners {
        if let Ok(sample) = runner.await {
            total.merge(sample);
        }
    }
    total.elapsed = started.elapsed();
    total
}

/// Sends `rate` requests per second for `length`, each at its scheduled time, and
/// waits for every answer (the client's timeout bounds the wait).
pub async fn open_loop(
    client: &Client,
    target: &Arc<Target>,
    rate: u32,
    length: Duration,
) -> Sample {
    let count = (f64::from(rate) * length.as_secs_f64()).round() as u64;
    let started = Instant::now();
    let mut flights = Vec::with_capacity(count as usize);
    for i in 0..count {
        // From the start each time, so rounding never accumulates into drift.
        let due = started + Duration::from_nanos(i * 1_000_000_000 / u64::from(rate));
        tokio::time::sleep_until(due).await;
        let client = client.clone();
        let target = target.clone();
        flights.push(tokio::spawn(async move {
            let outcome = target.send(&client).await;
            (due.elapsed(), outcome)
        }));
    }
    let mut total = Sample::default();
    for flight in flights {
        if let Ok((latency, outcome)) = flight.await {
            total.record(latency, outcome);
        }
    }
    total.elapsed = started.elapsed();
    total
}
