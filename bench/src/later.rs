//! Hooks for the scenarios of the full proof issue that need APIs other branches are
//! finishing (staff login, the queue, ticket detail, the SSE stream).
//!
//! Each hook already has its place in the run ([`crate::scenarios::run`] calls it) and
//! its signature: it gets the [`Context`] and returns its table rows. Until its APIs are
//! merged it answers [`NotYet`], which the report lists, so the gap stays visible.

use crate::report::Row;
use crate::scenarios::Context;
use serde::Serialize;

/// A scenario that cannot run yet, and what it waits for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotYet {
    pub scenario: &'static str,
    pub needs: &'static str,
}

/// Staff work the queue while 100,000 tickets are stored.
///
/// Plan: seed 100,000 tickets (in full mode through `POST /handoffs` with the closed
/// loop of [`crate::load`]: honest, and about 100 s at 1,000/s; in short mode fewer),
/// log in as staff, then in open loop at a fixed rate `GET` the first queue page (by
/// priority and age) and the detail of random tickets; report p50-p99 against
/// `/healthz` as the other rows do, plus memory after seeding.
pub async fn queue_and_detail_at_100k(_context: &Context<'_>) -> Result<Vec<Row>, NotYet> {
    Err(NotYet {
        scenario: "queue and ticket detail at 100,000 tickets",
        needs: "staff login, the queue API and the ticket detail API (branches auth, queue)",
    })
}

/// Live updates reach every connected staff member.
///
/// Plan: log in K staff sessions and open K SSE streams, create hand-offs in open loop
/// at a fixed rate, and measure from each hand-off's acknowledgement to the arrival of
/// its `ticket_created` event on every stream (p50-p99, max), counting events that never
/// arrive as errors; memory with K streams open.
pub async fn sse_fan_out(_context: &Context<'_>) -> Result<Vec<Row>, NotYet> {
    Err(NotYet {
        scenario: "SSE fan-out to staff",
        needs: "staff login and the SSE stream (branch queue)",
    })
}
