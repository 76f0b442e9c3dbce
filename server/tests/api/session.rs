//! Staff sessions over real HTTP: sign-in, restore, sign-out, cookie flags, session
//! fixation, CSRF, and changing the own password.

use crate::harness;

use domain::api::{ApiError, Role, SessionInfo};
use harness::TestServer;
use harness::accounts::{PASSWORD, create, set_cookie, sign_in, signed_in, try_sign_in};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn sign_in_restore_and_sign_out() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Specialist).await;
    // Logins are looked up as typed from memory: trimmed, any case.
    let browser = sign_in(&s, " Alice ", PASSWORD).await;
    let info = &browser.session;
    assert_eq!(info.staff.login, "alice");
    assert_eq!(info.staff.role, Role::Specialist);
    assert!(info.staff.active && !info.staff.must_change_password);
    assert!(info.staff.last_seen_at.is_some());
    assert_eq!(info.csrf.len(), 43);

    let res = browser.get("/api/v1/session").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let restored: SessionInfo = res.json().await.unwrap();
    assert_eq!(restored.staff.id, info.staff.id);
    assert_eq!(restored.csrf, info.csrf);

    let res = browser.delete("/api/v1/session").await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (pair, attributes) = set_cookie(&res);
    assert_eq!(pair, "lotse_session=");
    assert!(
        attributes.contains(&"max-age=0".to_owned()),
        "{attributes:?}"
    );
    assert!(!browser.is_signed_in().await);

    // Without any cookie: 401 with the API's error shape.
    let res = s.get("/api/v1/session").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: ApiError = res.json().await.unwrap();
    assert_eq!(body.code, "unauthorized");
}

#[tokio::test]
async fn a_wrong_password_an_unknown_login_and_an_inactive_account_look_alike() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Agent).await;
    let bob = create(&s, "bob", Role::Agent).await;
    s.state
        .store
        .change_staff(
            None,
            bob.id,
            &server::store::staff::AccountChange {
                active: Some(false),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut answers = Vec::new();
    for (login, password) in [
        ("alice", "not the password at all"),
        ("nobody", PASSWORD),
        ("bob", PASSWORD),
    ] {
        let (_, res) = try_sign_in(&s, login, password).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{login}");
        assert!(res.headers().get("set-cookie").is_none(), "{login}");
        answers.push(res.json::<ApiError>().await.unwrap());
    }
    assert_eq!(answers[0].code, "wrong_credentials");
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
}

#[tokio::test]
async fn the_cookie_is_http_only_strict_and_lasts_twelve_hours() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Agent).await;
    let (_, res) = try_sign_in(&s, "alice", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (pair, attributes) = set_cookie(&res);
    let token = pair.strip_prefix("lotse_session=").unwrap();
    assert_eq!(token.len(), 43);
    for expected in ["httponly", "samesite=strict", "path=/", "max-age=43200"] {
        assert!(
            attributes.contains(&expected.to_owned()),
            "{expected} in {attributes:?}"
        );
    }
    assert!(
        !attributes.contains(&"secure".to_owned()),
        "plain http: {attributes:?}"
    );
}

#[tokio::test]
async fn the_cookie_is_secure_behind_an_https_address() {
    let data = tempfile::tempdir().unwrap();
    let s = TestServer::start_with(data, |c| c.public_url = "https://lotse.example".into()).await;
    create(&s, "alice", Role::Agent).await;
    let (_, res) = try_sign_in(&s, "alice", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let (_, attributes) = set_cookie(&res);
    assert!(attributes.contains(&"secure".to_owned()), "{attributes:?}");
}

#[tokio::test]
async fn sign_in_never_keeps_a_token_the_browser_brought() {
    let s = TestServer::start().await;
    create(&s, "alice", Role::Agent).await;
    let planted = "planted-by-an-attacker-0000000000000000000";
    let client = reqwest::Client::new();
    let res = client
        .post(s.url("/api/v1/session"))
        .header("cookie", format!("lotse_session={planted}"))
        .json(&json!({ "login": "alice", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (pair, _) = set_cookie(&res);
    let first = pair.strip_prefix("lotse_session=").unwrap().to_owned();
    assert_ne!(first, planted);
    let with = |token: &str| {
        client
            .get(s.url("/api/v1/session"))
            .header("cookie", format!("lotse_session={token}"))
            .send()
    };
    assert_eq!(
        with(planted).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(with(&first).await.unwrap().status(), StatusCode::OK);

    // Signing in again from the same browser: a new token, and the old session ends.
    let res = client
        .post(s.url("/api/v1/session"))
        .header("cookie", format!("lotse_session={first}"))
        .json(&json!({ "login": "alice", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (pair, _) = set_cookie(&res);
    let second = pair.strip_prefix("lotse_session=").unwrap().to_owned();
    assert_ne!(second, first);
    assert_eq!(
        with(&first).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(with(&second).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn state_changes_need_the_sessions_csrf_token() {
    let s = TestServer::start().await;
    let browser = signed_in(&s, "alice", Role::Agent).await;
    let url = s.url("/api/v1/session");
    for token in [None, Some("wrong"), Some("")] {
        let mut request = browser.client.delete(&url);
        if let Some(token) = token {
            request = request.header("x-csrf-token", token);
        }
        let res = request.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{token:?}");
        let body: ApiError = res.json().await.unwrap();
        assert!(body.message.contains("X-CSRF-Token"), "{}", body.message);
    }
    // Another session's token does not do either.
    let other = signed_in(&s, "bob", Role::Agent).await;
    let res = browser
        .client
        .delete(&url)
        .header("x-csrf-token", &other.session.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(browser.is_signed_in().await);
    // Reading needs no token; with the right one the change goes through.
    assert_eq!(
        browser.client.get(&url).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        browser.delete("/api/v1/session").await.status(),
        StatusCode::NO_CONTENT
    );
    assert!(!browser.is_signed_in().await);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let s = TestServer::start().await;
    let here = signed_in(&s, "alice", Role::Agent).await;
    let elsewhere = sign_in(&s, "alice", PASSWORD).await;
    let new_password = "a much better passphrase";

    let res = here
        .post(
            "/api/v1/session/password",
            json!({ "current": "not my password", "new": new_password }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: ApiError = res.json().await.unwrap();
    assert_eq!(body.field.as_deref(), Some("current"));

    for (new, rule) in [("short", "min_length"), (PASSWORD, "different")] {
        let res = here
            .post(
                "/api/v1/session/password",
                json!({ "current": PASSWORD, "new": new }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: ApiError = res.json().await.unwrap();
        assert_eq!(
            (body.field.as_deref(), body.rule.as_deref()),
            (Some("new"), Some(rule))
        );
    }

    let res = here
        .post(
            "/api/v1/session/password",
            json!({ "current": PASSWORD, "new": new_password }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let info: SessionInfo = res.json().await.unwrap();
    assert!(!info.staff.must_change_password);
    assert!(here.is_signed_in().await, "this session goes on");
    assert!(!elsewhere.is_signed_in().await, "the other one ended");

    let (_, res) = try_sign_in(&s, "alice", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    sign_in(&s, "alice", new_password).await;
}

#[tokio::test]
async fn a_password_change_lifts_must_change_password() {
    let s = TestServer::start().await;
    let admin = signed_in(&s, "root", Role::Admin).await;
    let res = admin
        .post(
            "/api/v1/staff",
            json!({ "login": "carol", "name": "Carol", "role": "agent",
                    "password": "first password 1" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let carol = sign_in(&s, "carol", "first password 1").await;
    assert!(carol.session.staff.must_change_password);
    // Until then the password the admin chose opens nothing but the session routes.
    for path in ["/api/v1/queue", "/api/v1/staff", "/api/v1/events"] {
        let res = carol.get(path).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
        let body: ApiError = res.json().await.unwrap();
        assert_eq!(body.code, "password_change_required", "{path}");
    }
    let res = carol.get("/api/v1/session").await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = carol
        .post(
            "/api/v1/session/password",
            json!({ "current": "first password 1", "new": "my own password 2" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let info: SessionInfo = carol.get("/api/v1/session").await.json().await.unwrap();
    assert!(!info.staff.must_change_password);
    assert_eq!(carol.get("/api/v1/queue").await.status(), StatusCode::OK);
}
