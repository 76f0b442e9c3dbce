//! One staff browser's stream: the missed events from the table, then the live ones.

use super::reader::PAGE;
use super::{Delivery, Hub};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;

/// Pause before reading the table again when the database did not answer.
const RETRY: Duration = Duration::from_secs(1);

/// Events after a cursor, in id order, each exactly once.
pub struct Subscription {
    hub: Arc<Hub>,
    receiver: broadcast::Receiver<Arc<Delivery>>,
    closed: watch::Receiver<bool>,
    /// The id of the last event sent (or skipped as older than the start).
    cursor: i64,
    /// Whether the table may hold events after `cursor` the channel will not bring.
    catch_up: bool,
    /// Events read from the table, not yet sent.
    backlog: VecDeque<Delivery>,
}

impl Subscription {
    pub(super) fn new(
        hub: Arc<Hub>,
        receiver: broadcast::Receiver<Arc<Delivery>>,
        cursor: i64,
        catch_up: bool,
    ) -> Subscription {
        crate::metrics::subscribers(1);
        let closed = hub.closed.subscribe();
        Subscription {
            hub,
            receiver,
            closed,
            cursor,
            catch_up,
            backlog: VecDeque::new(),
        }
    }

    /// The next event, or `None` when the server shuts down. Cancel-safe.
    pub async fn next(&mut self) -> Option<Delivery> {
        loop {
            if *self.closed.borrow_and_update() {
                return None;
            }
            if let Some(delivery) = self.backlog.pop_front() {
                return Some(delivery);
            }
            if self.catch_up {
                self.read_table().await;
                continue;
            }
            tokio::select! {
                _ = self.closed.changed() => return None,
                received = self.receiver.recv() => match received {
                    Ok(delivery) if delivery.id > self.cursor => {
                        self.cursor = delivery.id;
                        return Some(Delivery::clone(&delivery));
                    }
                    // Already sent from the table, or older than the start.
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => self.catch_up = true,
                    Err(RecvError::Closed) => return None,
                },
            }
        }
    }

    /// Fills the backlog with the next page of events from the table.
    async fn read_table(&mut self) {
        match self.hub.store.events_after(self.cursor, PAGE).await {
            Ok(events) => {
                self.catch_up = events.len() as i64 == PAGE;
                if let Some(last) = events.last() {
                    self.cursor = last.id;
                }
                self.backlog.extend(events.iter().map(Delivery::new));
            }
            Err(e) => {
                // Keep the stream (and its keep-alives) open and try again: a browser
                // whose stream ends reconnects, but one answered 503 gives up for good.
                tracing::warn!(error = %e, "live events: cannot read missed events");
                tokio::select! {
                    _ = self.closed.changed() => {}
                    () = tokio::time::sleep(RETRY) => {}
                }
            }
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        crate::metrics::subscribers(-1);
    }
}
