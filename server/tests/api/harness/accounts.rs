//! Staff accounts with real passwords and browsers signed in over HTTP, for the tests
//! of sign-in itself and of account management.
//!
//! Accounts are written through the store's own verb with a real argon2id hash; every
//! sign-in goes through `POST /api/v1/session` like a browser's, each [`StaffBrowser`]
//! with its own cookie jar and the CSRF token of its session. (Tests of other staff
//! routes can use the quicker [`super::staff`], which writes sessions directly.)

#![allow(dead_code)]

use super::TestServer;
use domain::api::{Role, SessionInfo, StaffMember};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use server::store::staff::NewAccount;

/// The password of every account made by [`create`].
pub const PASSWORD: &str = "correct horse battery staple";

/// A new active account `login` with `role` and [`PASSWORD`].
pub async fn create(s: &TestServer, login: &str, role: Role) -> StaffMember {
    let account = NewAccount {
        login: login.to_owned(),
        name: format!("{login} (test)"),
        role,
        queues: Vec::new(),
        password_hash: server::auth::password::hash(PASSWORD.to_owned())
            .await
            .unwrap(),
        must_change_password: false,
    };
    s.state.store.create_staff(None, &account).await.unwrap()
}

/// A browser signed in as someone.
pub struct StaffBrowser {
    pub client: reqwest::Client,
    pub base: String,
    pub session: SessionInfo,
}

/// `POST /api/v1/session` with `login` and `password` from a client of its own.
pub async fn try_sign_in(
    s: &TestServer,
    login: &str,
    password: &str,
) -> (reqwest::Client, Response) {
    let client = s.new_client();
    let res = client
        .post(s.url("/api/v1/session"))
        .json(&serde_json::json!({ "login": login, "password": password }))
        .send()
        .await
        .unwrap();
    (client, res)
}

/// Signs in (which must succeed) in a fresh browser.
pub async fn sign_in(s: &TestServer, login: &str, password: &str) -> StaffBrowser {
    let (client, res) = try_sign_in(s, login, password).await;
    assert_eq!(res.status(), StatusCode::OK, "sign-in of {login}");
    StaffBrowser {
        client,
        base: s.base.clone(),
        session: res.json().await.unwrap(),
    }
}

/// A new account of `role` signed in in a fresh browser.
pub async fn signed_in(s: &TestServer, login: &str, role: Role) -> StaffBrowser {
    create(s, login, role).await;
    sign_in(s, login, PASSWORD).await
}

impl StaffBrowser {
    /// A request with the session's CSRF token, as the app sends every request.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header("x-csrf-token", &self.session.csrf)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: serde_json::Value) -> Response {
        self.request(Method::POST, path)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, body: serde_json::Value) -> Response {
        self.request(Method::PATCH, path)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, path: &str, body: serde_json::Value) -> Response {
        self.request(Method::PUT, path)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.request(Method::DELETE, path).send().await.unwrap()
    }

    /// Whether the session still lets this browser in.
    pub async fn is_signed_in(&self) -> bool {
        let status = self.get("/api/v1/session").await.status();
        assert!(
            status == StatusCode::OK || status == StatusCode::UNAUTHORIZED,
            "{status}"
        );
        status == StatusCode::OK
    }
}

/// The `name=value` of a `Set-Cookie` header and its attributes, lower-cased.
pub fn set_cookie(res: &Response) -> (String, Vec<String>) {
    let header = res
        .headers()
        .get("set-cookie")
        .expect("a Set-Cookie header")
        .to_str()
        .unwrap();
    let mut parts = header.split(';').map(str::trim);
    let pair = parts.next().unwrap().to_owned();
    (pair, parts.map(str::to_ascii_lowercase).collect())
}
