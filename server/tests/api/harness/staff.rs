//! Staff members and their sessions for tests, written straight into the database the
//! way signing in writes them (a `staff` row, a `sessions` row with the token's hash and
//! a CSRF token). The server reads exactly these rows, so tests written against them
//! stay valid when the login routes arrive.

#![allow(dead_code)]

use super::TestServer;
use reqwest::header::{COOKIE, HeaderMap, HeaderValue};
use server::auth::secret;

/// A signed-in staff member's browser: the session cookie and the CSRF header on
/// every request.
#[derive(Clone)]
pub struct StaffClient {
    pub id: i64,
    pub name: String,
    pub csrf: String,
    /// The session token (the cookie's value).
    pub token: String,
    pub client: reqwest::Client,
    base: String,
}

impl StaffClient {
    /// The same session, talking to another server (an instance on the same database).
    pub fn on(&self, other: &TestServer) -> StaffClient {
        StaffClient {
            id: self.id,
            name: self.name.clone(),
            csrf: self.csrf.clone(),
            token: self.token.clone(),
            client: self.client.clone(),
            base: other.base.clone(),
        }
    }

    /// The address of `path` on this browser's server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .put(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// A POST without a body (claim, claim-next).
    pub async fn post_empty(&self, path: &str) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }
}

/// A connection of the test's own to the server's database.
pub async fn database(s: &TestServer) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(2)
        .connect(&s.state.config.database_url())
        .await
        .expect("the test database opens")
}

/// One signed-in staff member with `role` (`agent`, `specialist`, `admin`) and `queues`.
pub async fn sign_in(s: &TestServer, name: &str, role: &str, queues: &[&str]) -> StaffClient {
    let db = database(s).await;
    let staff = insert(s, &db, name, role, queues).await;
    db.close().await;
    staff
}

/// `count` signed-in staff members named `prefix 1`, `prefix 2`, ….
pub async fn sign_in_many(
    s: &TestServer,
    prefix: &str,
    role: &str,
    queues: &[&str],
    count: usize,
) -> Vec<StaffClient> {
    let db = database(s).await;
    let mut staff = Vec::with_capacity(count);
    for i in 1..=count {
        staff.push(insert(s, &db, &format!("{prefix} {i}"), role, queues).await);
    }
    db.close().await;
    staff
}

async fn insert(
    s: &TestServer,
    db: &sqlx::AnyPool,
    name: &str,
    role: &str,
    queues: &[&str],
) -> StaffClient {
    let now = server::store::now_ms();
    let login = format!(
        "{}-{}",
        name.to_lowercase().replace(' ', "-"),
        &secret::token()[..8]
    );
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO staff (login, name, password_hash, role, queues, active, must_change_password, created_at)
         VALUES ($1, $2, '!', $3, $4, 1, 0, $5) RETURNING id",
    )
    .bind(&login)
    .bind(name)
    .bind(role)
    .bind(queues.join(","))
    .bind(now)
    .fetch_one(db)
    .await
    .expect("insert a staff member");
    let token = secret::token();
    let csrf = secret::token();
    sqlx::query(
        "INSERT INTO sessions (token_hash, staff_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret::hash(&token))
    .bind(id)
    .bind(&csrf)
    .bind(now)
    .bind(now + 8 * 3_600_000)
    .execute(db)
    .await
    .expect("insert a session");
    let mut headers = HeaderMap::new();
    headers.insert(
        COOKIE,
        HeaderValue::from_str(&format!("{}={token}", server::SESSION_COOKIE)).unwrap(),
    );
    headers.insert(
        server::auth::CSRF_HEADER,
        HeaderValue::from_str(&csrf).unwrap(),
    );
    StaffClient {
        id,
        name: name.to_owned(),
        csrf,
        token,
        client: reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .unwrap(),
        base: s.base.clone(),
    }
}
