//! The SLA targets hand-offs are due by: set by admins in the database, shared by every
//! instance, with `--sla-hours` as the default until an admin sets them.
//!
//! Each instance keeps the targets for a few seconds rather than reading them for each
//! hand-off: a change reaches the instance that made it at once and the others within
//! [`FRESH_FOR`]. A ticket's due time is fixed when it arrives, so a change never moves
//! tickets already handed off.

use crate::config::SlaHours;
use crate::error::Error;
use crate::store::Store;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an instance trusts the targets it read.
pub const FRESH_FOR: Duration = Duration::from_secs(10);

/// Longest target an admin may set: a year.
pub const MAX_HOURS: u32 = 24 * 366;

/// The targets and when they were read.
#[derive(Debug)]
pub struct SlaTargets {
    default: SlaHours,
    read: Mutex<Option<(SlaHours, Instant)>>,
}

impl SlaTargets {
    pub fn new(default: SlaHours) -> SlaTargets {
        SlaTargets {
            default,
            read: Mutex::new(None),
        }
    }

    /// The targets in force: from the database, at most [`FRESH_FOR`] old.
    pub async fn current(&self, store: &Store) -> Result<SlaHours, Error> {
        if let Some((hours, at)) = *self.read.lock().unwrap_or_else(|e| e.into_inner())
            && at.elapsed() < FRESH_FOR
        {
            return Ok(hours);
        }
        let hours = store
            .sla_hours()
            .await?
            .map(SlaHours)
            .unwrap_or(self.default);
        self.remember(hours);
        Ok(hours)
    }

    /// Takes `hours` as read just now (after this instance changed them).
    pub fn remember(&self, hours: SlaHours) {
        *self.read.lock().unwrap_or_else(|e| e.into_inner()) = Some((hours, Instant::now()));
    }
}

/// Five targets, priority 1 first, each 1 hour to a year, none longer than the next
/// priority's (priority 1 is the most urgent).
pub fn check(hours: &[u32]) -> Result<SlaHours, Error> {
    let hours: [u32; 5] = hours.try_into().map_err(|_| {
        Error::invalid("hours", "count", "give five targets, for priorities 1 to 5")
    })?;
    if let Some(i) = hours.iter().position(|h| !(1..=MAX_HOURS).contains(h)) {
        return Err(Error::invalid(
            format!("hours[{i}]"),
            "range",
            format!("a target is 1 to {MAX_HOURS} hours"),
        ));
    }
    if let Some(i) = hours.windows(2).position(|w| w[0] > w[1]) {
        return Err(Error::invalid(
            format!("hours[{i}]"),
            "ascending",
            format!(
                "priority {} is more urgent than priority {}: its target cannot be longer",
                i + 1,
                i + 2
            ),
        ));
    }
    Ok(SlaHours(hours))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_five_whole_hours_in_ascending_order() {
        assert_eq!(
            check(&[1, 4, 8, 24, 72]).unwrap(),
            SlaHours([1, 4, 8, 24, 72])
        );
        assert_eq!(check(&[2, 2, 2, 2, 2]).unwrap(), SlaHours([2; 5]));
        for (hours, field, rule) in [
            (vec![1, 2, 3], "hours", "count"),
            (vec![1, 2, 3, 4, 5, 6], "hours", "count"),
            (vec![0, 2, 3, 4, 5], "hours[0]", "range"),
            (vec![1, 2, 3, 4, MAX_HOURS + 1], "hours[4]", "range"),
            (vec![1, 8, 4, 24, 72], "hours[1]", "ascending"),
        ] {
            match check(&hours) {
                Err(Error::Invalid {
                    field: f, rule: r, ..
                }) => {
                    assert_eq!((f.as_str(), r.as_str()), (field, rule), "{hours:?}");
                }
                other => panic!("{hours:?}: {other:?}"),
            }
        }
    }
}
