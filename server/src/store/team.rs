//! The team view's figures: open work by queue and priority, who holds what, the
//! oldest unclaimed tickets, and how fast tickets are claimed and resolved.
//!
//! Medians are taken in Rust over the period's timestamps: SQLite has no percentile
//! function, and a month of tickets is a few thousand integers.

use super::binds::Binds;
use super::queue::{ITEM_COLUMNS, item};
use super::{Result, Store, now_ms};
use domain::api::{Holder, HolderLoad, OpenCount, PeriodStats, TeamStats, median};

/// The statuses in which a ticket is still work to do.
const OPEN: &str = "'new', 'claimed', 'waiting_for_user', 'returned'";

/// The periods the team view compares, in days.
pub const PERIODS: [u32; 2] = [7, 30];

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

impl Store {
    pub async fn team_stats(&self) -> Result<TeamStats> {
        let at = now_ms();
        let open: Vec<(String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT queue, priority, COUNT(*) FROM tickets WHERE status IN ({OPEN}) \
             GROUP BY queue, priority ORDER BY queue, priority"
        )))
        .fetch_all(&self.pool)
        .await?;
        let per_holder: Vec<(i64, String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT h.id, h.name, COUNT(*) AS n FROM tickets t JOIN staff h ON h.id = t.holder_id \
             WHERE t.status IN ({OPEN}) GROUP BY h.id, h.name ORDER BY n DESC, h.name"
        )))
        .fetch_all(&self.pool)
        .await?;
        let oldest = Binds::default()
            .query(format!(
                "SELECT {ITEM_COLUMNS} FROM tickets t LEFT JOIN staff h ON h.id = t.holder_id \
                 WHERE t.status = 'new' ORDER BY t.created_at, t.id LIMIT 5"
            ))
            .fetch_all(&self.pool)
            .await?;
        let longest = PERIODS.iter().max().copied().unwrap_or(30);
        let times: Vec<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT created_at, claimed_at, resolved_at FROM tickets WHERE created_at >= $1",
        )
        .bind(at - i64::from(longest) * DAY_MS)
        .fetch_all(&self.pool)
        .await?;
        Ok(TeamStats {
            at,
            open: open
                .into_iter()
                .map(|(queue, priority, count)| OpenCount {
                    queue,
                    priority: priority.clamp(1, 5) as u8,
                    count,
                })
                .collect(),
            oldest_waiting: oldest.iter().map(item).collect::<Result<_>>()?,
            per_holder: per_holder
                .into_iter()
                .map(|(id, name, open)| HolderLoad {
                    holder: Holder { id, name },
                    open,
                })
                .collect(),
            periods: PERIODS
                .iter()
                .map(|&days| period(days, at, &times))
                .collect(),
        })
    }
}

/// The figures of tickets handed off in the `days` before `at`.
fn period(days: u32, at: i64, times: &[(i64, Option<i64>, Option<i64>)]) -> PeriodStats {
    let since = at - i64::from(days) * DAY_MS;
    let within: Vec<_> = times
        .iter()
        .filter(|(created, ..)| *created >= since)
        .collect();
    let mut to_claim: Vec<i64> = within
        .iter()
        .filter_map(|(created, claimed, _)| claimed.map(|c| c - created))
        .collect();
    let mut to_resolve: Vec<i64> = within
        .iter()
        .filter_map(|(created, _, resolved)| resolved.map(|r| r - created))
        .collect();
    PeriodStats {
        days,
        handed_off: within.len() as i64,
        claimed: to_claim.len() as i64,
        median_to_claim_ms: median(&mut to_claim),
        resolved: to_resolve.len() as i64,
        median_to_resolve_ms: median(&mut to_resolve),
    }
}
