//! Login throttling: slows down password guessing against one account and from one
//! address.
//!
//! # Design
//! - Two limits per attempt: [`PER_LOGIN`] failures per login name, and [`PER_ADDRESS`]
//!   failures per client address (an IPv6 client counts per /64 network, which one
//!   machine usually owns whole), each within [`WINDOW_MS`]. Past either, the attempt
//!   is refused with 429 and a `Retry-After` saying when the oldest counted failure
//!   leaves the window. The address limit is higher because an office behind one NAT
//!   address shares it; it stops one machine from trying a few passwords on every
//!   account.
//! - Login names are counted whether or not the account exists (by their hash, so the
//!   table holds no names), so a 429 tells nothing about which accounts exist.
//! - A successful sign-in forgets the login's failures, not the address's: otherwise an
//!   attacker with an account of their own could reset their address's count at will.
//! - Counted in the database, not in memory: with several instances behind a load
//!   balancer each instance would otherwise grant its own five tries, and a restart
//!   would forget everything. A sign-in is rare and costs an argon2 hash anyway; a few
//!   small statements beside it do not matter.
//! - An attempt is recorded *before* the password is checked and forgotten when it
//!   succeeds. Checking first and recording after would let a burst of parallel
//!   requests all pass the check while the hashes are computed.

use crate::error::Error;
use crate::store::{Store, now_ms};
use std::net::IpAddr;

/// How long a failure counts.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures per login name within the window before attempts are refused.
pub const PER_LOGIN: i64 = 5;
/// Failures per client address within the window before attempts are refused.
pub const PER_ADDRESS: i64 = 20;

/// A sign-in attempt that passed the throttle. Unless [`Attempt::succeeded`] is called,
/// it stays counted as a failure.
#[must_use = "call `succeeded` when the password was right"]
pub struct Attempt {
    login: String,
    recorded: Vec<i64>,
}

/// Counts an attempt for `login` from `address`, or refuses it with 429 when either has
/// failed too often lately.
pub async fn begin(store: &Store, login: &str, address: Option<IpAddr>) -> Result<Attempt, Error> {
    let now = now_ms();
    let since = now - WINDOW_MS;
    let mut limits = vec![(login_subject(login), PER_LOGIN)];
    if let Some(address) = address {
        limits.push((address_subject(address), PER_ADDRESS));
    }
    let subjects: Vec<String> = limits.iter().map(|(s, _)| s.clone()).collect();
    let recorded = store.record_login_attempts(&subjects, now, since).await?;
    let mut wait_ms = 0;
    for (subject, max) in &limits {
        let failures = store.login_failures_since(subject, since).await?;
        if failures > *max {
            // Without this attempt, `failures - 1` remain; the next one may pass once
            // `failures - max` of them have left the window.
            let oldest_to_expire = store
                .login_failure_at(subject, since, failures - max - 1)
                .await?
                .unwrap_or(now);
            wait_ms = wait_ms.max(oldest_to_expire + WINDOW_MS - now);
        }
    }
    if wait_ms > 0 {
        // A refused attempt is not a failure: hammering a locked account must not keep
        // it locked forever.
        store.forget_login_attempts(&recorded, None).await?;
        return Err(Error::TooManyRequests {
            retry_after_secs: u64::try_from(wait_ms).map_or(1, |ms| ms.div_ceil(1000)),
        });
    }
    Ok(Attempt {
        login: login_subject(login),
        recorded,
    })
}

impl Attempt {
    /// The password was right: this attempt was no failure, and the login's earlier
    /// failures are forgiven.
    pub async fn succeeded(self, store: &Store) -> Result<(), Error> {
        store
            .forget_login_attempts(&self.recorded, Some(&self.login))
            .await?;
        Ok(())
    }
}

fn login_subject(login: &str) -> String {
    format!("login:{}", super::secret::hash(login))
}

fn address_subject(address: IpAddr) -> String {
    match address.to_canonical() {
        IpAddr::V4(v4) => format!("ip:{v4}"),
        IpAddr::V6(v6) => {
            let [a, b, c, d, ..] = v6.segments();
            format!("ip:{a:x}:{b:x}:{c:x}:{d:x}::/64")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_hide_names_and_group_ipv6_networks() {
        let subject = login_subject("alice");
        assert!(subject.starts_with("login:") && !subject.contains("alice"));
        assert_eq!(
            address_subject("203.0.113.7".parse().unwrap()),
            "ip:203.0.113.7"
        );
        assert_eq!(
            address_subject("::ffff:203.0.113.7".parse().unwrap()),
            "ip:203.0.113.7"
        );
        assert_eq!(
            address_subject("2001:db8:1:2:aaaa::1".parse().unwrap()),
            address_subject("2001:db8:1:2:bbbb::9".parse().unwrap())
        );
        assert_ne!(
            address_subject("2001:db8:1:2::1".parse().unwrap()),
            address_subject("2001:db8:1:3::1".parse().unwrap())
        );
    }
}
