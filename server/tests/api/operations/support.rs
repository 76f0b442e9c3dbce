//! Helpers of the operations tests: a staff session without the sign-in route, events
//! recorded as the hand-off code will, a Server-Sent Events reader, probe routes.

use axum::Router;
use server::State;
use server::store::{Store, events};
use std::net::SocketAddr;
use std::time::Duration;

/// Whether the tests run on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("LOTSE_TEST_POSTGRES_URL").is_ok()
}

/// A signed-in specialist: the value of the session cookie.
pub async fn staff_session(store: &Store) -> String {
    let login = format!("ops-{}", server::auth::secret::token());
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO staff (login, name, password_hash, role, queues, created_at)
         VALUES ($1, 'Ops Test', 'not-a-hash', 'specialist', '', 0) RETURNING id",
    )
    .bind(&login)
    .fetch_one(store.pool())
    .await
    .unwrap();
    let token = server::auth::secret::token();
    sqlx::query(
        "INSERT INTO sessions (token_hash, staff_id, csrf, created_at, expires_at)
         VALUES ($1, $2, 'csrf', 0, $3)",
    )
    .bind(server::auth::secret::hash(&token))
    .bind(id)
    .bind(i64::MAX)
    .execute(store.pool())
    .await
    .unwrap();
    format!("{}={token}", server::SESSION_COOKIE)
}

/// Records `count` events in one transaction, as a change would; returns their ids.
pub async fn record(store: &Store, kind: &str, count: usize) -> Vec<i64> {
    let mut tx = store.begin().await.unwrap();
    let mut ids = Vec::new();
    for n in 0..count {
        let payload = serde_json::json!({ "n": n });
        ids.push(
            events::record(&mut tx, kind, Some(n as i64), &payload)
                .await
                .unwrap(),
        );
    }
    store.commit_with_events(tx).await.unwrap();
    ids
}

/// One Server-Sent Event.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: String,
    pub event: String,
    pub data: serde_json::Value,
}

/// What waiting for the next event gave.
#[derive(Debug)]
pub enum Next {
    Event(Message),
    /// The server ended the stream.
    Ended,
    /// Nothing arrived in time.
    Quiet,
}

/// Reads a `text/event-stream` response frame by frame.
pub struct EventStream {
    response: reqwest::Response,
    buffer: String,
}

impl EventStream {
    /// Opens `GET /api/v1/events{query}` with the session `cookie` and optional
    /// `Last-Event-ID`.
    pub async fn open(base: &str, query: &str, cookie: &str, last: Option<i64>) -> EventStream {
        let mut request = reqwest::Client::new()
            .get(format!("{base}/api/v1/events{query}"))
            .header("cookie", cookie);
        if let Some(last) = last {
            request = request.header("last-event-id", last.to_string());
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        EventStream {
            response,
            buffer: String::new(),
        }
    }

    /// The next event with data, waiting at most `within`.
    pub async fn next(&mut self, within: Duration) -> Next {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                if let Some(message) = parse(&frame) {
                    return Next::Event(message);
                }
            }
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Err(_) => return Next::Quiet,
                Ok(Ok(Some(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                Ok(Ok(None) | Err(_)) => return Next::Ended,
            }
        }
    }

    /// The next event, which must come within five seconds.
    pub async fn expect(&mut self) -> Message {
        match self.next(Duration::from_secs(5)).await {
            Next::Event(message) => message,
            other => panic!("expected an event, got {other:?}"),
        }
    }
}

/// A frame with data; comments (keep-alives) and `retry:` frames give `None`.
fn parse(frame: &str) -> Option<Message> {
    let (mut id, mut event, mut data) = (String::new(), String::new(), None);
    for line in frame.lines() {
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "id" => id = value.to_owned(),
            "event" => event = value.to_owned(),
            "data" => data = Some(serde_json::from_str(value).unwrap()),
            _ => {}
        }
    }
    Some(Message {
        id,
        event,
        data: data?,
    })
}

/// Serves `router` wrapped like the real app (`server::around`) on a port of its own;
/// returns the base URL. Stops when the test's runtime ends.
pub async fn serve_probe(router: Router<State>, state: State) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = server::around(router, state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}
