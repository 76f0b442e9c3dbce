//! The one task per instance that reads new events from the table and hands them to
//! every subscriber.

use super::{Delivery, Hub};
use std::sync::Arc;
use std::time::Duration;

/// Most events read in one query; a longer backlog is read in several.
pub(super) const PAGE: i64 = 500;

/// Reads events after `cursor` whenever woken (or every `poll`), until the hub closes.
pub(super) async fn run(hub: Arc<Hub>, mut cursor: i64, poll: Duration) {
    let mut closed = hub.closed.subscribe();
    let mut failing = false;
    loop {
        if *closed.borrow_and_update() {
            return;
        }
        match read(&hub, &mut cursor).await {
            Ok(()) if failing => {
                tracing::info!("live events: the database answers again");
                failing = false;
            }
            Ok(()) => {}
            Err(e) if !failing => {
                // Subscribers miss nothing: the events stay in the table for the next look.
                tracing::warn!(error = %e, "live events: cannot read new events");
                failing = true;
            }
            Err(_) => {}
        }
        tokio::select! {
            _ = closed.changed() => {}
            () = hub.store.events_committed() => {}
            () = tokio::time::sleep(poll) => {}
        }
    }
}

/// Sends every event after `cursor` into the channel, moving the cursor along.
async fn read(hub: &Hub, cursor: &mut i64) -> crate::store::Result<()> {
    loop {
        let events = hub.store.events_after(*cursor, PAGE).await?;
        let full = events.len() as i64 == PAGE;
        for event in &events {
            *cursor = event.id;
            crate::metrics::live_event(&event.kind);
            // No subscriber is not an error: the event is in the table for later ones.
            let _ = hub.sender.send(Arc::new(Delivery::new(event)));
        }
        if !full {
            return Ok(());
        }
    }
}
