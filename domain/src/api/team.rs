//! `GET /api/v1/team`: the figures of the team view, for 2nd-level leads; the SLA
//! targets admins set.

use super::{Holder, QueueItem};
use crate::ticket::Priority;
use serde::{Deserialize, Serialize};

/// Where the open work stands and how fast the team answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamStats {
    /// When the figures were read, ms since the Unix epoch.
    pub at: i64,
    /// Open tickets (new, claimed, waiting for the user, returned) per queue and
    /// priority; pairs without tickets are left out.
    pub open: Vec<OpenCount>,
    /// The unclaimed tickets that have waited longest, oldest first (at most 5).
    pub oldest_waiting: Vec<QueueItem>,
    /// Open tickets each colleague holds, most first.
    pub per_holder: Vec<HolderLoad>,
    /// Time to claim and to resolve, over the last 7 and the last 30 days.
    pub periods: Vec<PeriodStats>,
}

/// Open tickets of one queue and priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenCount {
    pub queue: String,
    pub priority: Priority,
    pub count: i64,
}

/// How many open tickets one person holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolderLoad {
    pub holder: Holder,
    pub open: i64,
}

/// Tickets handed off in the last `days` days: how many were claimed and resolved, and
/// the median time from hand-off to each (ms; `None` while there is none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodStats {
    pub days: u32,
    pub handed_off: i64,
    pub claimed: i64,
    pub median_to_claim_ms: Option<i64>,
    pub resolved: i64,
    pub median_to_resolve_ms: Option<i64>,
}

/// `GET`/`PUT /api/v1/settings/sla`: the time to resolve per priority, in hours,
/// priority 1 first. A hand-off is due this long after it arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SlaSettings {
    pub hours: Vec<u32>,
}

/// `GET /api/v1/queues`: one queue as declared in the tree catalog, and the active
/// colleagues who work it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueInfo {
    pub id: String,
    pub name: crate::tree::Localized,
    /// Active specialists and admins with this queue among theirs, by name.
    pub staff: Vec<Holder>,
}

/// The median of `values` (the mean of the middle two for an even count), `None` for
/// none. Sorts in place.
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        // Halves first: no overflow for large values.
        values[mid - 1] / 2 + values[mid] / 2 + (values[mid - 1] % 2 + values[mid] % 2) / 2
    })
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn medians_of_odd_even_and_empty_sets() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7));
        assert_eq!(median(&mut [9, 1, 5]), Some(5));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2));
        assert_eq!(median(&mut [10, 20]), Some(15));
        assert_eq!(median(&mut [i64::MAX, i64::MAX]), Some(i64::MAX));
    }
}
