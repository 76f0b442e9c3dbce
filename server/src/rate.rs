//! Per-client rate limits on the public endpoints: 429 with `Retry-After` for a client
//! that calls too often.
//!
//! Four budgets, each a token bucket per client address: reads (GET of trees and of a
//! hand-off), writes (sending hand-offs, messages, outcomes), sign-ins (password
//! guesses) and token guesses (a status route answered 404: a wrong access token or an
//! unknown reference). The last is only spent by failures, and while it is empty every
//! status request of that address is refused before the database is asked, so guessing
//! tokens costs minutes per handful (on top of 256 bits of token). A bucket holds N tokens and refills N per minute, so a client may burst N
//! requests and then keep N per minute. Staff routes are not limited here: they need a
//! session, which only a sign-in gives.
//!
//! Own code rather than `tower_governor`: the buckets are a few lines, the 429 comes out
//! in the API's error shape without adapters, and one crate less to compile. IPv6
//! clients are keyed by their /64 network, which one household or device gets whole.

use crate::State;
use crate::error::Error;
use axum::extract::{ConnectInfo, Request, State as Extract};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The budgets of one server.
pub struct RateLimits {
    reads: Budget,
    writes: Budget,
    sign_ins: Budget,
    token_guesses: Budget,
    handovers: Budget,
}

impl RateLimits {
    pub fn new(limits: &crate::config::Limits) -> RateLimits {
        RateLimits {
            reads: Budget::new(limits.reads_per_minute),
            writes: Budget::new(limits.writes_per_minute),
            sign_ins: Budget::new(limits.sign_ins_per_minute),
            token_guesses: Budget::new(limits.token_guesses_per_minute),
            handovers: Budget::new(limits.handovers_per_minute),
        }
    }

    /// Whether a request is one of the status routes, which open a ticket by reference
    /// and access token (`/api/v1/handoffs/{reference}…`, not the hand-off itself), or
    /// one of a handover's caller routes (`/api/v1/handovers/{id}…`, bearer token too).
    fn opens_by_token(path: &str) -> bool {
        ["/api/v1/handoffs/", "/api/v1/handovers/"]
            .iter()
            .any(|prefix| {
                path.strip_prefix(prefix)
                    .is_some_and(|rest| !rest.is_empty())
            })
    }

    /// The budget a request draws from, if any.
    fn budget(&self, method: &Method, path: &str) -> Option<&Budget> {
        let under = |prefix: &str| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        let reading = matches!(*method, Method::GET | Method::HEAD);
        if under("/api/v1/session") {
            // Signing out or reading the session guesses nothing.
            (!reading && *method != Method::DELETE).then_some(&self.sign_ins)
        } else if *method == Method::POST && path == "/api/v1/handovers" {
            // A new handover code: a budget of its own, far below the writes (each is a
            // live code an agent's guess could hit; see `routes::calls::attempts`).
            Some(&self.handovers)
        } else if under("/api/v1/trees")
            || under("/api/v1/handoffs")
            || under("/api/v1/handovers")
            || under("/api/v1/outcomes")
        {
            Some(if reading { &self.reads } else { &self.writes })
        } else {
            None
        }
    }
}

/// Middleware: 429 when the client's budget for this request is spent.
pub async fn limit(Extract(state): Extract<State>, request: Request, next: Next) -> Response {
    let limits = &state.rates;
    let client = client_address(&request, &state.config.trusted_proxies.0);
    let refuse = |wait: Duration| {
        Error::TooManyRequests {
            retry_after_secs: wait.as_secs_f64().ceil() as u64,
        }
        .into_response()
    };
    if let Some(budget) = limits.budget(request.method(), request.uri().path())
        && let Err(wait) = budget.take(client, Instant::now())
    {
        return refuse(wait);
    }
    let by_token = RateLimits::opens_by_token(request.uri().path());
    if by_token && let Err(wait) = limits.token_guesses.check(client, Instant::now()) {
        return refuse(wait);
    }
    let response = next.run(request).await;
    if by_token && response.status() == axum::http::StatusCode::NOT_FOUND {
        // A failed guess; an empty bucket shows on the next request.
        let _ = limits.token_guesses.take(client, Instant::now());
    }
    response
}

/// The client's address, as login throttling sees it too: the peer of the connection
/// or, behind a proxy named by `--trusted-proxies`, the client the proxies vouch for.
pub fn client_address(request: &Request, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()?
        .0
        .ip();
    let forwarded: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    Some(crate::auth::client_ip::resolve(peer, &forwarded, trusted))
}

/// One budget: a token bucket per client address.
struct Budget {
    buckets: Buckets<IpAddr>,
}

impl Budget {
    fn new(per_minute: u32) -> Budget {
        Budget {
            buckets: Buckets::new(per_minute),
        }
    }

    #[cfg(test)]
    fn per_minute(&self) -> u32 {
        self.buckets.per_minute
    }

    /// Whether `client` has a token left (without taking it), or how long until it has.
    fn check(&self, client: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        self.buckets.check(key(client), now)
    }

    /// Takes a token for `client`, or says how long until one is there.
    fn take(&self, client: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        self.buckets.take(key(client), now)
    }
}

/// Without an address (a server not started through `serve`) every such client shares
/// one bucket: limited, never unlimited.
fn key(client: Option<IpAddr>) -> IpAddr {
    client.map_or(IpAddr::from([0, 0, 0, 0]), network)
}

/// Token buckets by key (a client address, a staff account): each holds N tokens and
/// refills N per minute. Also used for the handover-code attempts of staff accounts
/// (`routes::calls::attempts`).
pub struct Buckets<K> {
    /// Bucket size and refill per minute; 0 means unlimited.
    per_minute: u32,
    clients: Mutex<Clients<K>>,
}

struct Clients<K> {
    buckets: HashMap<K, Bucket>,
    pruned: Instant,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// How often idle clients are forgotten.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

impl<K: std::hash::Hash + Eq> Buckets<K> {
    pub fn new(per_minute: u32) -> Buckets<K> {
        Buckets {
            per_minute,
            clients: Mutex::new(Clients {
                buckets: HashMap::new(),
                pruned: Instant::now(),
            }),
        }
    }

    /// Whether `key` has a token left (without taking it), or how long until it has.
    pub fn check(&self, key: K, now: Instant) -> Result<(), Duration> {
        self.spend(key, now, 0.0)
    }

    /// Takes a token for `key`, or says how long until one is there.
    pub fn take(&self, key: K, now: Instant) -> Result<(), Duration> {
        self.spend(key, now, 1.0)
    }

    /// Needs a whole token for `key` and takes `cost` of it.
    fn spend(&self, key: K, now: Instant, cost: f64) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let size = f64::from(self.per_minute);
        let per_second = size / 60.0;
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if now.duration_since(clients.pruned) >= PRUNE_EVERY {
            // A bucket that has refilled completely is the same as no bucket.
            clients.buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.at).as_secs_f64() * per_second < size
            });
            clients.pruned = now;
        }
        let bucket = clients.buckets.entry(key).or_insert(Bucket {
            tokens: size,
            at: now,
        });
        let refilled = now.duration_since(bucket.at).as_secs_f64() * per_second;
        bucket.tokens = (bucket.tokens + refilled).min(size);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= cost;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

/// The key of a client: its IPv4 address, or the /64 network of its IPv6 address.
fn network(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_bursts_then_refills_at_its_rate() {
        let budget = Budget::new(60); // one per second
        let start = Instant::now();
        let me = Some("192.0.2.1".parse().unwrap());
        for _ in 0..60 {
            assert!(budget.take(me, start).is_ok());
        }
        let wait = budget.take(me, start).unwrap_err();
        assert!(wait > Duration::from_millis(900) && wait <= Duration::from_secs(1));
        assert!(budget.take(me, start + Duration::from_secs(1)).is_ok());
        // Someone else has their own bucket.
        assert!(
            budget
                .take(Some("192.0.2.2".parse().unwrap()), start)
                .is_ok()
        );
    }

    #[test]
    fn checking_takes_nothing() {
        let budget = Budget::new(2);
        let now = Instant::now();
        let me = Some("192.0.2.1".parse().unwrap());
        for _ in 0..10 {
            assert!(budget.check(me, now).is_ok());
        }
        assert!(budget.take(me, now).is_ok());
        assert!(budget.take(me, now).is_ok());
        assert!(budget.check(me, now).is_err());
    }

    #[test]
    fn only_status_routes_open_by_token() {
        assert!(RateLimits::opens_by_token("/api/v1/handoffs/K7M4-QX9P"));
        assert!(RateLimits::opens_by_token(
            "/api/v1/handoffs/K7M4-QX9P/messages"
        ));
        assert!(!RateLimits::opens_by_token("/api/v1/handoffs"));
        assert!(!RateLimits::opens_by_token("/api/v1/handoffs/"));
        assert!(!RateLimits::opens_by_token("/api/v1/tickets/4"));
        assert!(RateLimits::opens_by_token("/api/v1/handovers/4/walk"));
        assert!(!RateLimits::opens_by_token("/api/v1/handovers"));
    }

    #[test]
    fn zero_means_unlimited() {
        let budget = Budget::new(0);
        for _ in 0..1000 {
            assert!(budget.take(None, Instant::now()).is_ok());
        }
    }

    #[test]
    fn ipv6_clients_share_their_network() {
        let a = network("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = network("2001:db8:1:2:bbbb::2".parse().unwrap());
        let c = network("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            network("::ffff:192.0.2.1".parse().unwrap()),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn only_public_routes_are_limited() {
        let limits = RateLimits::new(&crate::config::Limits::default());
        let budget = |m: Method, p: &str| limits.budget(&m, p).map(Budget::per_minute);
        assert_eq!(budget(Method::GET, "/api/v1/trees/printer"), Some(1200));
        assert_eq!(budget(Method::POST, "/api/v1/handoffs"), Some(120));
        assert_eq!(budget(Method::POST, "/api/v1/outcomes"), Some(120));
        assert_eq!(budget(Method::POST, "/api/v1/handovers"), Some(10));
        assert_eq!(budget(Method::GET, "/api/v1/handovers/4"), Some(1200));
        assert_eq!(budget(Method::PUT, "/api/v1/handovers/4/walk"), Some(120));
        assert_eq!(budget(Method::POST, "/api/v1/calls/handovers"), None);
        assert_eq!(budget(Method::POST, "/api/v1/session"), Some(30));
        assert_eq!(budget(Method::POST, "/api/v1/session/password"), Some(30));
        assert_eq!(budget(Method::DELETE, "/api/v1/session"), None);
        assert_eq!(budget(Method::GET, "/api/v1/queue"), None);
        assert_eq!(budget(Method::GET, "/api/v1/treesx"), None);
        assert_eq!(budget(Method::GET, "/"), None);
    }
}
