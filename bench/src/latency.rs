//! Latency percentiles by the nearest-rank method over every recorded latency.
//!
//! Runs are bounded in time and count, so keeping every sample and sorting once is exact
//! and cheap (a million samples are 16 MB); no histogram approximation to explain.

use serde::Serialize;
use std::time::Duration;

/// The percentiles the report shows, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Percentiles {
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// Sorts `samples` and reads the percentiles; all zero when there are none.
pub fn percentiles(samples: &mut [Duration]) -> Percentiles {
    samples.sort_unstable();
    Percentiles {
        p50_ms: millis(rank(samples, 0.50)),
        p90_ms: millis(rank(samples, 0.90)),
        p99_ms: millis(rank(samples, 0.99)),
        max_ms: millis(samples.last().copied().unwrap_or_default()),
    }
}

/// The smallest sample with at least `share` of all samples at or below it.
fn rank(sorted: &[Duration], share: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = (share * sorted.len() as f64).ceil() as usize;
    sorted[index.clamp(1, sorted.len()) - 1]
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_on_a_hundred_samples() {
        let mut samples: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let p = percentiles(&mut samples);
        assert_eq!(
            (p.p50_ms, p.p90_ms, p.p99_ms, p.max_ms),
            (50.0, 90.0, 99.0, 100.0)
        );
    }

    #[test]
    fn one_sample_is_every_percentile_and_none_is_zero() {
        let p = percentiles(&mut [Duration::from_millis(7)]);
        assert_eq!((p.p50_ms, p.p99_ms, p.max_ms), (7.0, 7.0, 7.0));
        assert_eq!(percentiles(&mut []), Percentiles::default());
    }
}
