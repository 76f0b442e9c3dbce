//! `GET /api/v1/events`: live events for staff as Server-Sent Events.
//!
//! Each event: `id:` the event id, `event:` its kind, `data:` the [`LiveEvent`] as JSON.
//! A browser's `EventSource` resumes by itself with `Last-Event-ID`; clients that cannot
//! set headers pass `?after=ID`. See [`crate::live`] for how events get here.

use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use axum::extract::{RawQuery, State as Extract};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use domain::api::LiveEvent;
use futures_util::stream;
use std::convert::Infallible;
use std::time::Duration;

/// Comment lines this often keep proxies and browsers from closing a quiet stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often a stream checks that its session still exists: signing out or being
/// deactivated ends the stream within this time.
const SESSION_CHECK: Duration = Duration::from_secs(60);
/// How soon a browser reconnects after the stream ends (a restart, a deploy).
const RECONNECT: Duration = Duration::from_secs(2);

/// New and changed tickets, live.
#[utoipa::path(get, path = "/events", tag = "staff",
    security(("session" = [])),
    params(
        ("Last-Event-ID" = Option<i64>, Header, minimum = 0, description = "Resume after this event id (browsers send it when they reconnect)"),
        ("after" = Option<i64>, Query, minimum = 0, description = "Resume after this event id, for clients that cannot set headers"),
    ),
    responses(
        (status = 200, description = "A `text/event-stream`: `id:` event id, `event:` kind, `data:` the event as JSON. Without a resume point it starts after the newest event.", content_type = "text/event-stream", body = LiveEvent),
        (status = 401, description = "Not signed in", body = domain::api::ApiError),
        (status = 422, description = "The resume point is not a number", body = domain::api::ApiError),
        (status = 503, description = "The database is unavailable", body = domain::api::ApiError),
    ))]
pub async fn stream(
    staff: Staff,
    Extract(state): Extract<State>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let after = resume_point(&headers, query.as_deref())?;
    let subscription = state.live.subscribe(after).await?;
    let first = stream::once(async { Ok::<_, Infallible>(Event::default().retry(RECONNECT)) });
    let events = stream::unfold(
        (subscription, state, staff.session, session_checks()),
        |(mut subscription, state, session, mut check)| async move {
            loop {
                tokio::select! {
                    delivery = subscription.next() => {
                        let delivery = delivery?;
                        // Handover moves are for the two sides of a call, not for
                        // every staff screen (they would only wake the Queue for
                        // nothing).
                        if delivery.handover.is_some() || delivery.trees {
                            continue;
                        }
                        return Some((Ok(delivery.event), (subscription, state, session, check)));
                    }
                    _ = check.tick() => {
                        // A database hiccup is not a sign-out: keep the stream.
                        if let Ok(None) = state.store.session_staff(&session).await {
                            return None;
                        }
                    }
                }
            }
        },
    );
    let mut response = Sse::new(futures_util::StreamExt::chain(first, events))
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    // nginx buffers responses by default, which would hold events back.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(response)
}

/// Ticks every [`SESSION_CHECK`], the first one after a full period.
fn session_checks() -> tokio::time::Interval {
    let first = tokio::time::Instant::now() + SESSION_CHECK;
    tokio::time::interval_at(first, SESSION_CHECK)
}

/// `Last-Event-ID`, else `?after=`, else `None` (start after the newest event).
fn resume_point(headers: &HeaderMap, query: Option<&str>) -> Result<Option<i64>, Error> {
    let header = headers
        .get("last-event-id")
        .map(|v| v.to_str().unwrap_or("?").trim().to_owned())
        .filter(|v| !v.is_empty());
    let after = query
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("after="));
    // Both are checked, even when the header wins: a broken value is an error, not
    // something silently passed over.
    let from_header = header.map(|v| parse_id("Last-Event-ID", &v)).transpose()?;
    let from_query = after.map(|v| parse_id("after", v)).transpose()?;
    Ok(from_header.or(from_query))
}

fn parse_id(field: &str, value: &str) -> Result<i64, Error> {
    let id = value.parse::<i64>().map_err(|_| {
        Error::invalid(
            field,
            "type",
            format!("`{value}` is not an event id; send the id of the last event received"),
        )
    })?;
    if id < 0 {
        return Err(Error::invalid(
            field,
            "minimum",
            "event ids are 0 or more; send the id of the last event received",
        ));
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_wins_over_the_query() {
        let mut headers = HeaderMap::new();
        assert_eq!(resume_point(&headers, None).unwrap(), None);
        assert_eq!(
            resume_point(&headers, Some("x=1&after=7")).unwrap(),
            Some(7)
        );
        headers.insert("last-event-id", HeaderValue::from_static("12"));
        assert_eq!(resume_point(&headers, Some("after=7")).unwrap(), Some(12));
        // A broken query is refused even when the header names a valid id.
        assert_eq!(
            resume_point(&headers, Some("after=99999999999999999999"))
                .unwrap_err()
                .to_string(),
            "after: `99999999999999999999` is not an event id; send the id of the last event received"
        );
        headers.insert("last-event-id", HeaderValue::from_static("-1"));
        assert!(resume_point(&headers, None).is_err());
        headers.insert("last-event-id", HeaderValue::from_static("twelve"));
        assert!(matches!(
            resume_point(&headers, None),
            Err(Error::Invalid { .. })
        ));
    }
}
