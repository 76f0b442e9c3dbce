//! Why a ten-digit handover code cannot be guessed in practice, and the limits that
//! make it so.
//!
//! An agent's attempt to take a code fails when the code is unknown, expired or taken.
//! Failed attempts draw from two token buckets: one per staff account
//! ([`PER_ACCOUNT_PER_MINUTE`]) and one for the whole instance
//! ([`PER_INSTANCE_PER_MINUTE`]). While either is empty, every attempt of that account
//! (the right code too) is refused with 429 `too_many_attempts` before the code is
//! looked at, so a limited account learns nothing.
//!
//! The argument: in one validity window ([`HANDOVER_CODE_MINUTES`]) an instance lets
//! through at most a full bucket plus the refill, `30 × (1 + 30) = 930` failed guesses,
//! whatever the number of accounts. Each guess hits one of at most [`MAX_LIVE`] live
//! codes out of 10^10, so the chance that a window's guesses hit any code is at most
//! `930 × 1,000 / 10^10 ≈ 9.3 × 10^-5`, and the chance to hit one particular caller's
//! code is `930 / 10^10 ≈ 10^-7`. (The instance bucket is per server instance: N
//! instances on one PostgreSQL database allow N times as many guesses.) The tests below
//! compute this from the constants and check that the buckets really let no more
//! through.

use crate::rate::Buckets;
use std::time::{Duration, Instant};

#[cfg(test)]
use super::super::handovers::MAX_LIVE;
#[cfg(doc)]
use {super::super::handovers::MAX_LIVE, domain::api::HANDOVER_CODE_MINUTES};

/// Failed code attempts one staff account may make per minute (in a burst of as many).
pub const PER_ACCOUNT_PER_MINUTE: u32 = 5;
/// Failed code attempts all accounts together may make per minute on one instance.
pub const PER_INSTANCE_PER_MINUTE: u32 = 30;

/// The attempt budgets of one instance.
pub struct Attempts {
    accounts: Buckets<i64>,
    instance: Buckets<()>,
}

impl Default for Attempts {
    fn default() -> Self {
        Attempts {
            accounts: Buckets::new(PER_ACCOUNT_PER_MINUTE),
            instance: Buckets::new(PER_INSTANCE_PER_MINUTE),
        }
    }
}

impl Attempts {
    /// Whether `staff` may try a code now, or how long until it may.
    pub fn check(&self, staff: i64, now: Instant) -> Result<(), Duration> {
        let account = self.accounts.check(staff, now);
        let instance = self.instance.check((), now);
        match (account, instance) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(a), Err(b)) => Err(a.max(b)),
            (Err(wait), _) | (_, Err(wait)) => Err(wait),
        }
    }

    /// Counts a failed attempt of `staff`.
    pub fn failed(&self, staff: i64, now: Instant) {
        let _ = self.accounts.take(staff, now);
        let _ = self.instance.take((), now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::{HANDOVER_CODE_DIGITS, HANDOVER_CODE_MINUTES, handover_code_from};

    /// The most failed guesses one instance lets through in a validity window: a full
    /// bucket, then the refill.
    fn most_guesses_per_window() -> f64 {
        f64::from(PER_INSTANCE_PER_MINUTE) * (1.0 + HANDOVER_CODE_MINUTES as f64)
    }

    #[test]
    fn a_window_of_guesses_hits_a_live_code_with_less_than_one_in_ten_thousand() {
        let space = 10f64.powi(HANDOVER_CODE_DIGITS as i32);
        let chance = most_guesses_per_window() * MAX_LIVE as f64 / space;
        assert!(chance < 1e-4, "chance per window {chance:e}");
        // The figure the module doc gives.
        assert!((chance - 9.3e-5).abs() < 1e-7, "{chance:e}");
    }

    #[test]
    fn the_buckets_let_no_more_guesses_through_than_the_argument_counts() {
        // A hundred accounts guessing as fast as they are let, every 100 ms of a whole
        // validity window.
        let attempts = Attempts::default();
        let start = Instant::now();
        let mut through = 0u32;
        let steps = HANDOVER_CODE_MINUTES as u64 * 60 * 10;
        for step in 0..=steps {
            let now = start + Duration::from_millis(step * 100);
            for account in 0..100 {
                if attempts.check(account, now).is_ok() {
                    attempts.failed(account, now);
                    through += 1;
                }
            }
        }
        assert!(
            f64::from(through) <= most_guesses_per_window(),
            "{through} guesses in one window"
        );
        assert!(
            through > 900,
            "the limit is not far stricter than argued: {through}"
        );
    }

    #[test]
    fn a_limited_account_waits_and_others_go_on() {
        let attempts = Attempts::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT_PER_MINUTE {
            assert!(attempts.check(1, now).is_ok());
            attempts.failed(1, now);
        }
        let wait = attempts.check(1, now).unwrap_err();
        assert!(wait > Duration::from_secs(1) && wait <= Duration::from_secs(12));
        assert!(attempts.check(2, now).is_ok());
        assert!(attempts.check(1, now + Duration::from_secs(12)).is_ok());
    }

    #[test]
    fn ten_thousand_codes_are_distinct_and_their_digits_spread_evenly() {
        let codes: Vec<String> = (0..10_000)
            .map(|_| handover_code_from(crate::auth::secret::random::<8>()))
            .collect();
        let distinct: std::collections::BTreeSet<&String> = codes.iter().collect();
        assert_eq!(distinct.len(), codes.len());
        // Chi-square of the digit counts, for every position and overall: with 9
        // degrees of freedom, 40 is exceeded by chance about once in 250,000 runs.
        let chi_square = |counts: &[u32; 10]| {
            let total: u32 = counts.iter().sum();
            let expected = f64::from(total) / 10.0;
            counts
                .iter()
                .map(|c| (f64::from(*c) - expected).powi(2) / expected)
                .sum::<f64>()
        };
        let mut overall = [0u32; 10];
        for position in 0..HANDOVER_CODE_DIGITS {
            let mut counts = [0u32; 10];
            for code in &codes {
                let digit = usize::from(code.as_bytes()[position] - b'0');
                counts[digit] += 1;
                overall[digit] += 1;
            }
            let x = chi_square(&counts);
            assert!(x < 40.0, "position {position}: chi-square {x}");
        }
        let x = chi_square(&overall);
        assert!(x < 40.0, "all digits: chi-square {x}");
    }
}
