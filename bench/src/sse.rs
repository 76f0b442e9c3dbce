//! A lean reader of the live-event stream (`GET /api/v1/events`), many of which run in
//! the bench at once.
//!
//! It keeps only what the fan-out needs: for each `ticket_created` event, the ticket's
//! reference and the moment its bytes arrived. The moment is taken as the chunk is
//! read, before any parsing, and parsing is a substring search, not a JSON parse, so a
//! thousand readers on two shared cores add as little delay as possible to what they
//! measure.

use crate::staff::Session;
use reqwest::{Client, Response};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::watch;
use tokio::time::Instant;

/// One `ticket_created` event as one stream received it.
pub struct Arrival {
    pub reference: String,
    pub at: Instant,
}

/// Opens a stream as `session`; it starts after the newest event.
pub async fn open(client: &Client, url: &str, session: &Session) -> Result<Response, String> {
    let response = client
        .get(format!("{url}/api/v1/events"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .map_err(|e| format!("cannot open the event stream: {e:?}"))?;
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if response.status() != 200 || !kind.starts_with("text/event-stream") {
        return Err(format!(
            "the event stream answered {} ({kind})",
            response.status()
        ));
    }
    Ok(response)
}

/// Reads `stream` until `stop` turns true or the stream ends, counting every
/// `ticket_created` event in `seen`; returns them in order of arrival.
pub async fn listen(
    mut stream: Response,
    seen: Arc<AtomicU64>,
    mut stop: watch::Receiver<bool>,
) -> Vec<Arrival> {
    let mut arrivals = Vec::new();
    let mut buffer = String::new();
    loop {
        let chunk = tokio::select! {
            _ = stop.wait_for(|&stop| stop) => break,
            chunk = stream.chunk() => chunk,
        };
        let at = Instant::now();
        let Ok(Some(bytes)) = chunk else { break };
        buffer.push_str(&String::from_utf8_lossy(&bytes));
        while let Some(end) = buffer.find("\n\n") {
            if let Some(reference) = created_reference(&buffer[..end]) {
                arrivals.push(Arrival { reference, at });
                seen.fetch_add(1, Ordering::Relaxed);
            }
            buffer.drain(..end + 2);
        }
    }
    arrivals
}

/// The ticket reference of a `ticket_created` frame; `None` for any other frame
/// (other kinds, keep-alive comments, `retry:`).
fn created_reference(frame: &str) -> Option<String> {
    let mut created = false;
    let mut data = None;
    for line in frame.lines() {
        match line.split_once(':') {
            Some(("event", kind)) => created = kind.trim() == "ticket_created",
            Some(("data", value)) => data = Some(value),
            _ => {}
        }
    }
    // The reference is in the payload: `"payload":{"id":7,"reference":"K7M4-QX9P",...}`.
    let (_, rest) = data.filter(|_| created)?.split_once("\"reference\":\"")?;
    rest.split_once('"')
        .map(|(reference, _)| reference.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_reference_of_created_tickets_only() {
        let created = "id: 12\nevent: ticket_created\ndata: {\"id\":12,\"kind\":\"ticket_created\",\
                       \"ticket_id\":7,\"at\":1,\"payload\":{\"id\":7,\"reference\":\"K7M4-QX9P\"}}";
        assert_eq!(created_reference(created).as_deref(), Some("K7M4-QX9P"));
        let claimed = created.replace("event: ticket_created", "event: ticket_claimed");
        assert_eq!(created_reference(&claimed), None);
        assert_eq!(created_reference(": keep-alive"), None);
        assert_eq!(created_reference("retry: 2000"), None);
    }
}
