//! On PostgreSQL: LISTEN for `lotse_events`, so events written by other instances wake
//! this instance's reader within milliseconds.
//!
//! The Any pool cannot LISTEN, so this holds one connection of its own to the same
//! database. Notifications sent while that connection is down are lost: after every
//! (re)connect the reader is woken to look at the table, and the reader's slow poll
//! covers the rest.

use super::Hub;
use crate::store::events::CHANNEL;
use sqlx::postgres::PgListener;
use std::sync::Arc;
use std::time::Duration;

/// Pause before connecting again after a failure.
const RETRY: Duration = Duration::from_secs(1);

/// Listens until the hub closes.
pub(super) async fn listen(hub: Arc<Hub>, url: String) {
    let mut closed = hub.closed.subscribe();
    let mut failing = false;
    while !hub.is_closed() {
        tokio::select! {
            _ = closed.changed() => return,
            result = follow(&hub, &url) => {
                let Err(e) = result;
                if !failing {
                    tracing::warn!(error = %e, "live events: lost the PostgreSQL notifications; reconnecting");
                    failing = true;
                }
            }
        }
        tokio::select! {
            _ = closed.changed() => return,
            () = tokio::time::sleep(RETRY) => {}
        }
    }
}

/// Connects, listens, and wakes the reader on every notification; returns only on error.
async fn follow(hub: &Hub, url: &str) -> Result<std::convert::Infallible, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    // Anything committed before LISTEN took effect was not announced to us.
    hub.store.announce_events();
    loop {
        // `None`: the connection dropped and was made again; look at the table, as
        // notifications in between are lost.
        let _ = listener.try_recv().await?;
        hub.store.announce_events();
    }
}
