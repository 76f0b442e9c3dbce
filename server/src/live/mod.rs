//! Live events for staff: new and changed tickets reach every open queue at once, as
//! Server-Sent Events (`GET /api/v1/events`).
//!
//! # Design
//! - The `events` table is the truth ([`crate::store::events`]): rows written in the
//!   transaction of the change, ids in commit order. An SSE id is a row id.
//! - One [`reader`] task per server instance reads new rows (`events_after`) when woken
//!   and sends each, serialised once, into a `tokio::sync::broadcast` channel that every
//!   subscriber listens to. 1,000 subscribers cost one query per batch of events, not
//!   1,000.
//! - Waking: on this instance [`Store::commit_with_events`] pokes the reader; on
//!   PostgreSQL, [`postgres`] also LISTENs on `lotse_events`, which `record` notifies at
//!   commit, so an event written by instance A reaches subscribers of instance B. A slow
//!   poll (`--events-poll-ms`, 2 s) catches a lost notification.
//! - A [`Subscription`] first replays the table after its start (`Last-Event-ID` or
//!   `?after=`; a new subscriber starts at the newest event), then follows the channel,
//!   skipping what it already sent. One that falls too far behind (the channel lagged)
//!   re-reads the table from its last id: slow clients cost a query, never an event.
//! - Shutdown closes the hub: every stream ends, so graceful shutdown does not wait for
//!   browsers that would keep their streams open forever.

mod postgres;
mod reader;
mod subscription;

pub use subscription::Subscription;

use crate::store::{Backend, Store};
use axum::response::sse::Event;
use domain::api::LiveEvent;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// Events a subscriber may fall behind the reader before it re-reads from the table.
const CHANNEL_CAPACITY: usize = 1024;

/// An event as every subscriber sends it: serialised once.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub event: Event,
    /// For `handover_changed`: the handover's id. These wake handover long-polls
    /// (`routes::handovers::follow`) and are kept off the staff stream.
    pub handover: Option<i64>,
    /// A tree publication (`trees_published`): reloads the served trees; kept off the
    /// staff stream.
    pub trees: bool,
}

impl Delivery {
    pub fn new(event: &LiveEvent) -> Delivery {
        // The kind becomes the SSE `event:` line; a line break would end it early.
        let kind = if event.kind.contains(['\n', '\r']) {
            "message"
        } else {
            event.kind.as_str()
        };
        let data = serde_json::to_string(event).unwrap_or_else(|_| "null".to_owned());
        let handover = (event.kind == crate::store::events::kind::HANDOVER_CHANGED)
            .then(|| event.payload["id"].as_i64())
            .flatten();
        Delivery {
            id: event.id,
            handover,
            trees: event.kind == crate::store::events::kind::TREES_PUBLISHED,
            event: Event::default()
                .id(event.id.to_string())
                .event(kind)
                .data(data),
        }
    }
}

/// The live-event hub of one server instance.
pub struct Hub {
    store: Store,
    sender: broadcast::Sender<Arc<Delivery>>,
    closed: watch::Sender<bool>,
}

impl Hub {
    /// Starts the reader (and on PostgreSQL the listener on `database_url`); they run
    /// until [`Hub::close`].
    pub async fn start(
        store: Store,
        database_url: &str,
        poll: Duration,
    ) -> crate::store::Result<Arc<Hub>> {
        let cursor = store.last_event_id().await?;
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        let (closed, _) = watch::channel(false);
        let hub = Arc::new(Hub {
            store: store.clone(),
            sender,
            closed,
        });
        tokio::spawn(reader::run(hub.clone(), cursor, poll));
        if store.backend == Backend::Postgres {
            tokio::spawn(postgres::listen(hub.clone(), database_url.to_owned()));
        }
        Ok(hub)
    }

    /// A subscription to every event after `after`, or after the newest event if `None`.
    pub async fn subscribe(
        self: &Arc<Hub>,
        after: Option<i64>,
    ) -> crate::store::Result<Subscription> {
        // Listen first, then fix the start: an event committed in between then comes
        // from the channel or the table, never from neither.
        let receiver = self.sender.subscribe();
        let (cursor, catch_up) = match after {
            Some(after) => (after.max(0), true),
            None => (self.store.last_event_id().await?, false),
        };
        Ok(Subscription::new(self.clone(), receiver, cursor, catch_up))
    }

    /// Every event from now on, as this instance's reader delivers them (for long-polls
    /// that wait for one change; they read the table themselves when they lag).
    pub fn changes(&self) -> broadcast::Receiver<Arc<Delivery>> {
        self.sender.subscribe()
    }

    /// Turns `true` when the hub closes (shutdown): long-polls answer at once then.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closed.subscribe()
    }

    /// Ends every subscription and stops the reader and listener.
    pub fn close(&self) {
        self.closed.send_replace(true);
    }

    fn is_closed(&self) -> bool {
        *self.closed.borrow()
    }
}
