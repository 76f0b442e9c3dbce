//! `bench crash`: the crash test. Starts the server itself, sends hand-offs from many
//! clients that retry each one with its Idempotency-Key until it is acknowledged, kills
//! the server with SIGKILL at random moments (and once more after the last
//! acknowledgement), restarts it each time, and then proves the promise: every
//! acknowledged hand-off is stored, exactly once, and a retry of any of them answers
//! the same ticket.
//!
//! The kills fall at random points of the run (after a random number of
//! acknowledgements, plus a few random milliseconds), from a small xorshift generator
//! seeded from the clock; the seed is printed, and `--seed` replays a run's kill points.

use crate::bodies;
use crate::staff;
use reqwest::{Client, StatusCode};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::OpenOptions;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const USAGE: &str = "\
usage: bench crash --server BINARY --data DIR --trees DIR --assets DIR --port PORT --login LOGIN [options]

options:
  --handoffs N   hand-offs to acknowledge (default: 3000, short: 600)
  --kills N      SIGKILLs during the run (default: 8, short: 3), plus one at the end
  --clients N    concurrent clients (default: 16)
  --seed N       replay the kill times of an earlier run
  --short        CI size";

struct Options {
    server: PathBuf,
    data: PathBuf,
    trees: PathBuf,
    assets: PathBuf,
    port: u16,
    login: String,
    password: String,
    handoffs: usize,
    kills: usize,
    clients: usize,
    seed: u64,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut values: BTreeMap<&str, String> = BTreeMap::new();
    let mut short = false;
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        if flag == "--short" {
            short = true;
            i += 1;
            continue;
        }
        let known = [
            "--server",
            "--data",
            "--trees",
            "--assets",
            "--port",
            "--login",
            "--handoffs",
            "--kills",
            "--clients",
            "--seed",
        ];
        let Some(name) = known.iter().find(|k| **k == flag) else {
            return Err(format!("unknown argument `{flag}`"));
        };
        let value = args
            .get(i + 1)
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        values.insert(name, value.clone());
        i += 2;
    }
    let take = |name: &str| {
        values
            .get(name)
            .cloned()
            .ok_or_else(|| format!("give `{name}`"))
    };
    let number = |name: &str, default: u64| -> Result<u64, String> {
        values.get(name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("`{name}` takes a number, not `{v}`"))
        })
    };
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    Ok(Options {
        server: take("--server")?.into(),
        data: take("--data")?.into(),
        trees: take("--trees")?.into(),
        assets: take("--assets")?.into(),
        port: number("--port", 0)? as u16,
        login: take("--login")?,
        password: std::env::var(crate::options::PASSWORD_VARIABLE)
            .map_err(|_| format!("the password goes in {}", crate::options::PASSWORD_VARIABLE))?,
        handoffs: number("--handoffs", if short { 600 } else { 3000 })? as usize,
        kills: number("--kills", if short { 3 } else { 8 })? as usize,
        clients: number("--clients", 16)?.max(1) as usize,
        seed: number("--seed", clock | 1)?,
    })
}

/// xorshift64*: enough randomness for kill times, and replayable from its seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A whole number in `low..high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low).max(1)
    }
}

/// The server process, started and killed by the test.
struct Server<'a> {
    options: &'a Options,
    child: Child,
    starts: u32,
}

impl<'a> Server<'a> {
    fn start(options: &'a Options) -> Result<Server<'a>, String> {
        let child = spawn(options)?;
        Ok(Server {
            options,
            child,
            starts: 1,
        })
    }

    /// SIGKILL (`Child::kill` sends it on Unix): no shutdown, no flush.
    fn kill_and_restart(&mut self) -> Result<(), String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.child = spawn(self.options)?;
        self.starts += 1;
        Ok(())
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(options: &Options) -> Result<Child, String> {
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(options.data.join("server.log"))
        .map_err(|e| format!("cannot open the server log: {e}"))?;
    let err = log.try_clone().map_err(|e| e.to_string())?;
    Command::new(&options.server)
        .arg("--listen")
        .arg(format!("127.0.0.1:{}", options.port))
        .arg("--data")
        .arg(&options.data)
        .arg("--trees")
        .arg(&options.trees)
        .arg("--assets")
        .arg(&options.assets)
        // The clients are one address; rate limits would only slow the test.
        .args([
            "--reads-per-minute",
            "0",
            "--writes-per-minute",
            "0",
            "--sign-ins-per-minute",
            "0",
        ])
        .env_remove("LOTSE_DATABASE_URL")
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(err))
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", options.server.display()))
}

async fn wait_healthy(client: &Client, url: &str) -> Result<Duration, String> {
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(30) {
        if let Ok(response) = client.get(format!("{url}/healthz")).send().await
            && response.status().is_success()
        {
            return Ok(began.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Err("the server did not answer /healthz within 30 s of starting".into())
}

/// An acknowledged hand-off: its key, reference and token.
#[derive(Debug, Clone)]
struct Acknowledged {
    key: String,
    reference: String,
}

#[derive(serde::Deserialize)]
struct Created {
    reference: String,
}

/// Runs the crash test; prints its table; `Ok(true)` when the promise held.
pub async fn run(args: &[String]) -> Result<bool, String> {
    let options = parse(args).map_err(|e| format!("{e}\n\n{USAGE}"))?;
    let url = format!("http://127.0.0.1:{}", options.port);
    let client = Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())?;
    let mut server = Server::start(&options)?;
    wait_healthy(&client, &url).await?;
    let bodies = Arc::new(bodies::prepare(&client, &url, options.handoffs).await?);
    let run_id = format!("{:x}", options.seed);
    println!(
        "crash test: {} hand-offs from {} clients, {} SIGKILLs (seed {})",
        options.handoffs, options.clients, options.kills, options.seed
    );

    let next = Arc::new(AtomicUsize::new(0));
    let acknowledged = Arc::new(Mutex::new(Vec::<Acknowledged>::with_capacity(
        options.handoffs,
    )));
    let retries = Arc::new(AtomicUsize::new(0));
    let began = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..options.clients {
        let (client, url, bodies, next, acknowledged, retries, run_id) = (
            client.clone(),
            url.clone(),
            bodies.clone(),
            next.clone(),
            acknowledged.clone(),
            retries.clone(),
            run_id.clone(),
        );
        clients.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(body) = bodies.get(i) else {
                    return Ok::<(), String>(());
                };
                let key = format!("crash-{run_id}-{i}");
                let reference =
                    send_until_acknowledged(&client, &url, &key, body, &retries).await?;
                acknowledged
                    .lock()
                    .unwrap()
                    .push(Acknowledged { key, reference });
            }
        }));
    }

    // Kill at random moments while the clients work: each kill waits until a random
    // share of the hand-offs is acknowledged, then a few random milliseconds more, so it
    // lands while requests are in flight (and group commits are under way).
    let mut random = Random(options.seed);
    let mut thresholds: Vec<usize> = (0..options.kills)
        .map(|_| random.between(1, options.handoffs as u64) as usize)
        .collect();
    thresholds.sort_unstable();
    let mut downtime = Duration::ZERO;
    let mut kills = 0;
    for threshold in thresholds {
        while acknowledged.lock().unwrap().len() < threshold {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        tokio::time::sleep(Duration::from_millis(random.between(0, 20))).await;
        server.kill_and_restart()?;
        downtime += wait_healthy(&client, &url).await?;
        kills += 1;
    }
    for client in clients {
        client.await.map_err(|e| e.to_string())??;
    }
    let elapsed = began.elapsed();
    // And once more after the last acknowledgement: what was acknowledged must be on disk.
    server.kill_and_restart()?;
    wait_healthy(&client, &url).await?;
    kills += 1;

    let acknowledged = acknowledged.lock().unwrap().clone();
    let verdict = verify(&client, &url, &options, &acknowledged).await;
    server.stop();
    let verdict = verdict?;
    let retries = retries.load(Ordering::Relaxed);
    println!();
    println!("| crash test | figure |");
    println!("|---|---|");
    println!("| SIGKILLs (the last after every acknowledgement) | {kills} |");
    println!("| hand-offs acknowledged | {} |", acknowledged.len());
    println!("| retries (connection refused or reset, 5xx) | {retries} |");
    println!("| tickets stored | {} |", verdict.stored);
    println!("| acknowledged but missing | {} |", verdict.missing);
    println!("| stored more than once | {} |", verdict.duplicates);
    println!(
        "| retries answering another ticket | {} |",
        verdict.replay_mismatches
    );
    println!(
        "| time (hand-offs, restarts included) | {:.1} s |",
        elapsed.as_secs_f64()
    );
    println!(
        "| time the server was down | {:.1} s |",
        downtime.as_secs_f64()
    );
    let held = verdict.missing == 0
        && verdict.duplicates == 0
        && verdict.replay_mismatches == 0
        && verdict.stored == acknowledged.len()
        && acknowledged.len() == options.handoffs;
    println!(
        "{}",
        if held {
            "crash test passed: every acknowledged hand-off stored exactly once"
        } else {
            "crash test FAILED"
        }
    );
    Ok(held)
}

/// Sends one hand-off until the server acknowledges it (2xx), retrying with the same
/// key and body after every failure to connect, reset connection or 5xx; the reference.
async fn send_until_acknowledged(
    client: &Client,
    url: &str,
    key: &str,
    body: &[u8],
    retries: &AtomicUsize,
) -> Result<String, String> {
    let began = Instant::now();
    loop {
        let answer = client
            .post(format!("{url}/api/v1/handoffs"))
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(body.to_vec())
            .send()
            .await;
        match answer {
            Ok(response) if response.status().is_success() => {
                let created: Created = response
                    .json()
                    .await
                    .map_err(|e| format!("{key}: an acknowledgement without a ticket: {e}"))?;
                return Ok(created.reference);
            }
            Ok(response) if response.status().is_client_error() => {
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                return Err(format!("{key}: refused with {status}: {text}"));
            }
            _ => {
                retries.fetch_add(1, Ordering::Relaxed);
                if began.elapsed() > Duration::from_secs(120) {
                    return Err(format!("{key}: not acknowledged within 2 minutes"));
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
        }
    }
}

struct Verdict {
    stored: usize,
    missing: usize,
    duplicates: usize,
    replay_mismatches: usize,
}

async fn verify(
    client: &Client,
    url: &str,
    options: &Options,
    acknowledged: &[Acknowledged],
) -> Result<Verdict, String> {
    let session = staff::sign_in(client, url, &options.login, &options.password).await?;
    // Every ticket in the database, through the Queue (all statuses, all queues).
    let mut stored: Vec<String> = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut query =
            "status=new,claimed,waiting_for_user,resolved,closed,returned&queue=*&limit=200"
                .to_owned();
        if let Some(cursor) = &cursor {
            query.push_str("&cursor=");
            query.push_str(cursor);
        }
        let page: domain::api::QueuePage = client
            .get(format!("{url}/api/v1/queue?{query}"))
            .header("cookie", &session.cookie)
            .send()
            .await
            .map_err(|e| format!("reading the Queue: {e}"))?
            .json()
            .await
            .map_err(|e| format!("reading the Queue: {e}"))?;
        stored.extend(page.items.into_iter().map(|item| item.reference));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let distinct: BTreeSet<&String> = stored.iter().collect();
    let missing = acknowledged
        .iter()
        .filter(|a| !distinct.contains(&a.reference))
        .count();
    // A sample of retries after the last kill: the same key answers the same ticket.
    let mut replay_mismatches = 0;
    let step = (acknowledged.len() / 50).max(1);
    let bodies = bodies::prepare(client, url, options.handoffs).await?;
    for ack in acknowledged.iter().step_by(step) {
        let i: usize = ack
            .key
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let response = client
            .post(format!("{url}/api/v1/handoffs"))
            .header("content-type", "application/json")
            .header("idempotency-key", &ack.key)
            .body(bodies[i].clone())
            .send()
            .await
            .map_err(|e| format!("replaying {}: {e}", ack.key))?;
        let same = response.status() == StatusCode::OK
            && response
                .json::<Created>()
                .await
                .is_ok_and(|c| c.reference == ack.reference);
        if !same {
            replay_mismatches += 1;
        }
    }
    Ok(Verdict {
        stored: stored.len(),
        missing,
        duplicates: stored.len() - distinct.len(),
        replay_mismatches,
    })
}
