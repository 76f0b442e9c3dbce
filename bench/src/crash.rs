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
//!
//! With `--postgres URL --instances 2` (and a port for each) it starts two servers on
//! the same PostgreSQL database: hand-off `i` goes first to instance `i mod 2` and every
//! retry to the next one (same Idempotency-Key), the kills alternate between the
//! instances from a random first one (one down at a time, the other keeps serving),
//! the end kills each once more, and the tickets are read back through every
//! instance's Queue, which must agree.

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
usage: bench crash --server BINARY --data DIR --trees DIR --assets DIR --port PORT[,PORT...] --login LOGIN [options]

options:
  --postgres URL  serve a fresh PostgreSQL database instead of SQLite in --data
  --instances N   server instances on that one database (default: 1; more need
                  --postgres), one port of --port each
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
    /// One port per instance.
    ports: Vec<u16>,
    database: Option<String>,
    login: String,
    password: String,
    handoffs: usize,
    kills: usize,
    clients: usize,
    seed: u64,
}

fn parse(args: &[String], password: Option<String>) -> Result<Options, String> {
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
            "--postgres",
            "--instances",
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
    let database = values.get("--postgres").cloned();
    let instances = number("--instances", 1)? as usize;
    if instances == 0 {
        return Err("`--instances` takes a number above 0".into());
    }
    if instances > 1 && database.is_none() {
        return Err(format!(
            "{instances} instances need one database they share: give `--postgres URL`"
        ));
    }
    Ok(Options {
        server: take("--server")?.into(),
        data: take("--data")?.into(),
        trees: take("--trees")?.into(),
        assets: take("--assets")?.into(),
        ports: ports(&take("--port")?, instances)?,
        database,
        login: take("--login")?,
        password: password
            .ok_or_else(|| format!("the password goes in {}", crate::options::PASSWORD_VARIABLE))?,
        handoffs: number("--handoffs", if short { 600 } else { 3000 })? as usize,
        kills: number("--kills", if short { 3 } else { 8 })? as usize,
        clients: number("--clients", 16)?.max(1) as usize,
        seed: number("--seed", clock | 1)?,
    })
}

/// `--port`: a comma-separated list with exactly one port per instance.
fn ports(list: &str, instances: usize) -> Result<Vec<u16>, String> {
    let ports = list
        .split(',')
        .map(|p| {
            p.trim()
                .parse::<u16>()
                .map_err(|_| format!("`--port` takes port numbers, not `{p}`"))
        })
        .collect::<Result<Vec<u16>, String>>()?;
    if ports.len() != instances {
        return Err(format!(
            "`--port` lists {} port(s) for {instances} instance(s); give one each",
            ports.len()
        ));
    }
    let distinct: BTreeSet<u16> = ports.iter().copied().collect();
    if distinct.len() != ports.len() {
        return Err("`--port` lists a port twice; each instance needs its own".into());
    }
    Ok(ports)
}

/// The instance that attempt `attempt` (0 = the first send) of hand-off `i` goes to:
/// the first sends spread over the instances, and each retry goes to the next one.
fn target(i: usize, attempt: usize, instances: usize) -> usize {
    (i + attempt) % instances.max(1)
}

/// The instance the `k`-th kill hits: alternating from the `first`, so each instance is
/// killed in turn and one is always serving.
fn victim(first: usize, k: usize, instances: usize) -> usize {
    (first + k) % instances.max(1)
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

/// One server process, started and killed by the test.
struct Server<'a> {
    options: &'a Options,
    index: usize,
    child: Child,
    kills: usize,
}

impl<'a> Server<'a> {
    fn start(options: &'a Options, index: usize) -> Result<Server<'a>, String> {
        let child = spawn(options, index)?;
        Ok(Server {
            options,
            index,
            child,
            kills: 0,
        })
    }

    /// SIGKILL (`Child::kill` sends it on Unix): no shutdown, no flush.
    fn kill_and_restart(&mut self) -> Result<(), String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.kills += 1;
        self.child = spawn(self.options, self.index)?;
        Ok(())
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The log of instance `index`: `server.log` alone, `server-1.log`, `server-2.log`… of
/// several.
fn log_name(index: usize, instances: usize) -> String {
    if instances == 1 {
        "server.log".into()
    } else {
        format!("server-{}.log", index + 1)
    }
}

fn spawn(options: &Options, index: usize) -> Result<Child, String> {
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(options.data.join(log_name(index, options.ports.len())))
        .map_err(|e| format!("cannot open the server log: {e}"))?;
    let err = log.try_clone().map_err(|e| e.to_string())?;
    let mut command = Command::new(&options.server);
    if let Some(url) = &options.database {
        command.arg("--database").arg(url);
    }
    command
        .arg("--listen")
        .arg(format!("127.0.0.1:{}", options.ports[index]))
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
    let password = std::env::var(crate::options::PASSWORD_VARIABLE).ok();
    let options = parse(args, password).map_err(|e| format!("{e}\n\n{USAGE}"))?;
    let instances = options.ports.len();
    let urls: Arc<Vec<String>> = Arc::new(
        options
            .ports
            .iter()
            .map(|port| format!("http://127.0.0.1:{port}"))
            .collect(),
    );
    let client = Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())?;
    let mut servers = Vec::with_capacity(instances);
    for index in 0..instances {
        servers.push(Server::start(&options, index)?);
    }
    for url in urls.iter() {
        wait_healthy(&client, url).await?;
    }
    let bodies = Arc::new(bodies::prepare(&client, &urls[0], options.handoffs).await?);
    let run_id = format!("{:x}", options.seed);
    println!(
        "crash test: {} hand-offs from {} clients, {} SIGKILLs (seed {}){}",
        options.handoffs,
        options.clients,
        options.kills,
        options.seed,
        match (&options.database, instances) {
            (None, _) => String::new(),
            (Some(_), 1) => ", on PostgreSQL".into(),
            (Some(_), n) => format!(", {n} instances on one PostgreSQL"),
        }
    );

    let next = Arc::new(AtomicUsize::new(0));
    let acknowledged = Arc::new(Mutex::new(Vec::<Acknowledged>::with_capacity(
        options.handoffs,
    )));
    let retries = Arc::new(AtomicUsize::new(0));
    let began = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..options.clients {
        let (client, urls, bodies, next, acknowledged, retries, run_id) = (
            client.clone(),
            urls.clone(),
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
                    send_until_acknowledged(&client, &urls, i, &key, body, &retries).await?;
                acknowledged
                    .lock()
                    .unwrap()
                    .push(Acknowledged { key, reference });
            }
        }));
    }

    // Kill at random moments while the clients work: each kill waits until a random
    // share of the hand-offs is acknowledged, then a few random milliseconds more, so it
    // lands while requests are in flight (and group commits are under way). Of several
    // instances, the kills alternate from a random first one; the others keep serving.
    let mut random = Random(options.seed);
    let mut thresholds: Vec<usize> = (0..options.kills)
        .map(|_| random.between(1, options.handoffs as u64) as usize)
        .collect();
    thresholds.sort_unstable();
    let first = random.between(0, instances as u64) as usize;
    let mut downtime = Duration::ZERO;
    for (k, threshold) in thresholds.into_iter().enumerate() {
        while acknowledged.lock().unwrap().len() < threshold {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        tokio::time::sleep(Duration::from_millis(random.between(0, 20))).await;
        let index = victim(first, k, instances);
        servers[index].kill_and_restart()?;
        downtime += wait_healthy(&client, &urls[index]).await?;
    }
    for client in clients {
        client.await.map_err(|e| e.to_string())??;
    }
    let elapsed = began.elapsed();
    // And once more after the last acknowledgement, each instance: what was acknowledged
    // must be in the database.
    for (server, url) in servers.iter_mut().zip(urls.iter()) {
        server.kill_and_restart()?;
        wait_healthy(&client, url).await?;
    }
    let kills: Vec<usize> = servers.iter().map(|s| s.kills).collect();

    let acknowledged = acknowledged.lock().unwrap().clone();
    let verdict = verify(&client, &urls, &options, &acknowledged).await;
    for server in servers {
        server.stop();
    }
    let verdict = verdict?;
    let retries = retries.load(Ordering::Relaxed);
    println!();
    println!("| crash test | figure |");
    println!("|---|---|");
    println!(
        "| SIGKILLs (the last after every acknowledgement) | {} |",
        kills.iter().sum::<usize>()
    );
    if instances > 1 {
        for (index, kills) in kills.iter().enumerate() {
            println!("| SIGKILLs of instance {} | {kills} |", index + 1);
        }
    }
    println!("| hand-offs acknowledged | {} |", acknowledged.len());
    println!(
        "| retries (connection refused or reset, 5xx){} | {retries} |",
        if instances > 1 {
            ", each to the next instance"
        } else {
            ""
        }
    );
    println!("| tickets stored | {} |", verdict.stored);
    println!("| acknowledged but missing | {} |", verdict.missing);
    println!("| stored more than once | {} |", verdict.duplicates);
    println!(
        "| retries answering another ticket | {} |",
        verdict.replay_mismatches
    );
    if instances > 1 {
        println!(
            "| instances whose Queue differs from the first's | {} |",
            verdict.disagreeing
        );
    }
    println!(
        "| time (hand-offs, restarts included) | {:.1} s |",
        elapsed.as_secs_f64()
    );
    println!(
        "| time {} down | {:.1} s |",
        if instances > 1 {
            "an instance was"
        } else {
            "the server was"
        },
        downtime.as_secs_f64()
    );
    let held = verdict.missing == 0
        && verdict.duplicates == 0
        && verdict.replay_mismatches == 0
        && verdict.disagreeing == 0
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

/// Sends hand-off `i` until an instance acknowledges it (2xx), retrying with the same
/// key and body, on the next instance, after every failure to connect, reset connection
/// or 5xx; the reference.
async fn send_until_acknowledged(
    client: &Client,
    urls: &[String],
    i: usize,
    key: &str,
    body: &[u8],
    retries: &AtomicUsize,
) -> Result<String, String> {
    let began = Instant::now();
    for attempt in 0.. {
        let url = &urls[target(i, attempt, urls.len())];
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
    unreachable!("the attempts never run out")
}

struct Verdict {
    stored: usize,
    missing: usize,
    duplicates: usize,
    replay_mismatches: usize,
    /// Instances whose Queue lists other tickets than the first instance's.
    disagreeing: usize,
}

/// Every ticket in the database, through the Queue of the instance at `url` (all
/// statuses, all queues), signed in as the admin.
async fn read_queue(client: &Client, url: &str, options: &Options) -> Result<Vec<String>, String> {
    let session = staff::sign_in(client, url, &options.login, &options.password).await?;
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
    Ok(stored)
}

async fn verify(
    client: &Client,
    urls: &[String],
    options: &Options,
    acknowledged: &[Acknowledged],
) -> Result<Verdict, String> {
    let stored = read_queue(client, &urls[0], options).await?;
    let mut sorted = stored.clone();
    sorted.sort_unstable();
    let mut disagreeing = 0;
    for url in &urls[1..] {
        let mut other = read_queue(client, url, options).await?;
        other.sort_unstable();
        if other != sorted {
            disagreeing += 1;
        }
    }
    let distinct: BTreeSet<&String> = stored.iter().collect();
    let missing = acknowledged
        .iter()
        .filter(|a| !distinct.contains(&a.reference))
        .count();
    // A sample of retries after the last kill: the same key answers the same ticket, on
    // every instance in turn.
    let mut replay_mismatches = 0;
    let step = (acknowledged.len() / 50).max(1);
    let bodies = bodies::prepare(client, &urls[0], options.handoffs).await?;
    for (n, ack) in acknowledged.iter().step_by(step).enumerate() {
        let i: usize = ack
            .key
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let url = &urls[n % urls.len()];
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
        disagreeing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    const BASE: &str = "--server s --data d --trees t --assets a --login admin";

    #[test]
    fn one_instance_on_sqlite_is_the_default() {
        let o = parse(&args(&format!("{BASE} --port 4000")), Some("pw".into())).unwrap();
        assert_eq!(o.ports, vec![4000]);
        assert_eq!(o.database, None);
        assert_eq!((o.handoffs, o.kills), (3000, 8));
        let o = parse(
            &args(&format!("{BASE} --port 4000 --short")),
            Some("pw".into()),
        )
        .unwrap();
        assert_eq!((o.handoffs, o.kills), (600, 3));
    }

    #[test]
    fn two_instances_take_a_database_and_a_port_each() {
        let line = format!("{BASE} --postgres postgres://x@h/db --instances 2 --port 4000,4001");
        let o = parse(&args(&line), Some("pw".into())).unwrap();
        assert_eq!(o.ports, vec![4000, 4001]);
        assert_eq!(o.database.as_deref(), Some("postgres://x@h/db"));

        let no_database = format!("{BASE} --instances 2 --port 4000,4001");
        assert!(parse(&args(&no_database), Some("pw".into())).is_err());
        let one_port = format!("{BASE} --postgres u --instances 2 --port 4000");
        assert!(parse(&args(&one_port), Some("pw".into())).is_err());
        let no_instances = format!("{BASE} --postgres u --instances 0 --port 4000");
        assert!(parse(&args(&no_instances), Some("pw".into())).is_err());
        assert!(parse(&args(&format!("{BASE} --port 4000")), None).is_err());
    }

    #[test]
    fn ports_are_one_per_instance_and_distinct() {
        assert_eq!(ports("1,2", 2), Ok(vec![1, 2]));
        assert!(ports("1,1", 2).is_err());
        assert!(ports("1,2,3", 2).is_err());
        assert!(ports("1,x", 2).is_err());
        assert!(ports("70000", 1).is_err());
    }

    #[test]
    fn first_sends_spread_and_each_retry_goes_to_the_next_instance() {
        // Hand-offs 0..4 start on 0, 1, 0, 1.
        let firsts: Vec<usize> = (0..4).map(|i| target(i, 0, 2)).collect();
        assert_eq!(firsts, vec![0, 1, 0, 1]);
        // Hand-off 1's attempts: 1, 0, 1, 0.
        let attempts: Vec<usize> = (0..4).map(|a| target(1, a, 2)).collect();
        assert_eq!(attempts, vec![1, 0, 1, 0]);
        // One instance: always it.
        assert!((0..5).all(|a| target(3, a, 1) == 0));
    }

    #[test]
    fn kills_alternate_from_the_first_victim() {
        let kills: Vec<usize> = (0..5).map(|k| victim(1, k, 2)).collect();
        assert_eq!(kills, vec![1, 0, 1, 0, 1]);
        assert!((0..5).all(|k| victim(0, k, 1) == 0));
    }

    #[test]
    fn logs_are_named_per_instance_only_when_there_are_several() {
        assert_eq!(log_name(0, 1), "server.log");
        assert_eq!(log_name(1, 2), "server-2.log");
    }
}
