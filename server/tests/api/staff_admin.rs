//! Account management by admins over real HTTP: list, create, change; conflicts and
//! rule violations; audit entries; deactivation and resets end sessions; the last
//! active admin stays.

use crate::harness;

use domain::api::{ApiError, Role, SessionInfo, StaffMember};
use harness::TestServer;
use harness::accounts::{PASSWORD, StaffBrowser, create, sign_in, signed_in, try_sign_in};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn new_staff(login: &str) -> Value {
    json!({ "login": login, "name": "Dana Example", "role": "specialist",
            "queues": ["network", "workplace", "network"], "password": "first password 1" })
}

async fn error_of(res: reqwest::Response, status: StatusCode) -> ApiError {
    assert_eq!(res.status(), status);
    res.json().await.unwrap()
}

/// An audit row as stored: actor, action, before and after (JSON text).
type AuditRow = (Option<i64>, String, Option<String>, Option<String>);

/// The audit trail of account changes, oldest first: (actor, action, before, after).
async fn account_audit(s: &TestServer) -> Vec<(Option<i64>, String, Value, Value)> {
    let pool = sqlx::AnyPool::connect(&s.state.config.database_url())
        .await
        .unwrap();
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT actor_id, action, before_state, after_state FROM audit
         WHERE ticket_id IS NULL ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    let parse = |s: Option<String>| s.map_or(Value::Null, |s| serde_json::from_str(&s).unwrap());
    rows.into_iter()
        .map(|(actor, action, before, after)| (actor, action, parse(before), parse(after)))
        .collect()
}

#[tokio::test]
async fn admins_create_list_and_change_accounts_with_an_audit_trail() {
    let s = TestServer::start().await;
    let admin = signed_in(&s, "root", Role::Admin).await;
    let admin_id = admin.session.staff.id;

    let res = admin.post("/api/v1/staff", new_staff(" Dana ")).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let dana: StaffMember = res.json().await.unwrap();
    assert_eq!(dana.login, "dana");
    assert_eq!(dana.role, Role::Specialist);
    assert_eq!(dana.queues, ["network", "workplace"]);
    assert!(dana.active && dana.must_change_password);

    let list: Vec<StaffMember> = admin.get("/api/v1/staff").await.json().await.unwrap();
    let logins: Vec<&str> = list.iter().map(|m| m.login.as_str()).collect();
    assert_eq!(logins, ["dana", "root"]);
    assert!(
        list[1].last_seen_at.is_some(),
        "the admin was seen signing in"
    );
    assert!(list[0].last_seen_at.is_none(), "dana never signed in");

    let res = admin
        .patch(
            &format!("/api/v1/staff/{}", dana.id),
            json!({ "name": "Dana Beispiel", "role": "agent", "queues": ["service-desk"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let changed: StaffMember = res.json().await.unwrap();
    assert_eq!(
        (changed.name.as_str(), changed.role, changed.queues.clone()),
        (
            "Dana Beispiel",
            Role::Agent,
            vec!["service-desk".to_owned()]
        )
    );

    let audit = account_audit(&s).await;
    assert_eq!(audit.len(), 3, "{audit:?}");
    let (actor, action, before, after) = &audit[1];
    assert_eq!((*actor, action.as_str()), (Some(admin_id), "staff_created"));
    assert_eq!(*before, Value::Null);
    assert_eq!(after["login"], "dana");
    let (actor, action, before, after) = &audit[2];
    assert_eq!((*actor, action.as_str()), (Some(admin_id), "staff_changed"));
    assert_eq!(
        (&before["role"], &after["role"]),
        (&json!("specialist"), &json!("agent"))
    );
    assert_eq!(after["name"], "Dana Beispiel");
    for (_, _, before, after) in &audit {
        let text = format!("{before}{after}");
        assert!(
            !text.contains("argon2") && !text.contains("password_hash"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn conflicts_and_broken_rules_are_named() {
    let s = TestServer::start().await;
    let admin = signed_in(&s, "root", Role::Admin).await;
    assert_eq!(
        admin
            .post("/api/v1/staff", new_staff("dana"))
            .await
            .status(),
        StatusCode::CREATED
    );
    let body = error_of(
        admin.post("/api/v1/staff", new_staff("DANA")).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(body.code, "login_taken");

    let mut unknown_queue = new_staff("erik");
    unknown_queue["queues"] = json!(["network", "nowhere"]);
    let mut short_password = new_staff("erik");
    short_password["password"] = json!("too short");
    let mut long_password = new_staff("erik");
    long_password["password"] = json!("x".repeat(257));
    let mut bad_login = new_staff("erik");
    bad_login["login"] = json!("erik jansen");
    let mut no_name = new_staff("erik");
    no_name["name"] = json!("   ");
    let mut no_role = new_staff("erik");
    no_role["role"] = json!("boss");
    for (body, field, rule) in [
        (unknown_queue, "queues[1]", "one_of"),
        (short_password, "password", "min_length"),
        (long_password, "password", "max_length"),
        (bad_login, "login", "pattern"),
        (no_name, "name", "required"),
        (no_role, "role", "one_of"),
    ] {
        let error = error_of(
            admin.post("/api/v1/staff", body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            (error.field.as_deref(), error.rule.as_deref()),
            (Some(field), Some(rule)),
            "{error:?}"
        );
    }

    let dana = s.state.store.staff_id("dana").await.unwrap().unwrap();
    for (body, field) in [
        (json!({ "queues": ["nowhere"] }), "queues[0]"),
        (json!({ "reset_password": "short" }), "reset_password"),
        (json!({ "name": "" }), "name"),
    ] {
        let error = error_of(
            admin.patch(&format!("/api/v1/staff/{dana}"), body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(error.field.as_deref(), Some(field));
    }
    let error = error_of(
        admin
            .patch("/api/v1/staff/999999", json!({ "name": "x" }))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(error.code, "not_found");
}

#[tokio::test]
async fn the_last_active_admin_cannot_step_down() {
    let s = TestServer::start().await;
    let root = signed_in(&s, "root", Role::Admin).await;
    let me = format!("/api/v1/staff/{}", root.session.staff.id);
    for change in [json!({ "active": false }), json!({ "role": "specialist" })] {
        let error = error_of(root.patch(&me, change).await, StatusCode::CONFLICT).await;
        assert_eq!(error.code, "last_admin");
    }
    // A deactivated admin does not count as one.
    let other = create(&s, "other", Role::Admin).await;
    let res = root
        .patch(
            &format!("/api/v1/staff/{}", other.id),
            json!({ "active": false }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        root.patch(&me, json!({ "role": "agent" })).await.status(),
        StatusCode::CONFLICT
    );
    // With a second active admin, stepping down is fine.
    let res = root
        .patch(
            &format!("/api/v1/staff/{}", other.id),
            json!({ "active": true }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = root.patch(&me, json!({ "role": "specialist" })).await;
    assert_eq!(res.status(), StatusCode::OK);
    // The session goes on with the new role, which no longer manages accounts.
    let info: SessionInfo = root.get("/api/v1/session").await.json().await.unwrap();
    assert_eq!(info.staff.role, Role::Specialist);
    assert_eq!(
        root.get("/api/v1/staff").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let s = TestServer::start().await;
    for round in 0..3 {
        let (a, b) = (format!("a{round}"), format!("b{round}"));
        let first = signed_in(&s, &a, Role::Admin).await;
        let second = signed_in(&s, &b, Role::Admin).await;
        // Only these two are admins in this round.
        for earlier in 0..round {
            for login in [format!("a{earlier}"), format!("b{earlier}")] {
                let id = s.state.store.staff_id(&login).await.unwrap().unwrap();
                let change = server::store::staff::AccountChange {
                    active: Some(false),
                    ..Default::default()
                };
                s.state.store.change_staff(None, id, &change).await.unwrap();
            }
        }
        let own = |browser: &StaffBrowser| format!("/api/v1/staff/{}", browser.session.staff.id);
        let (first_url, second_url) = (own(&first), own(&second));
        let (one, two) = tokio::join!(
            first.patch(&first_url, json!({ "role": "agent" })),
            second.patch(&second_url, json!({ "role": "agent" })),
        );
        let mut statuses = [one.status(), two.status()];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "round {round}"
        );
        assert!(s.state.store.has_active_admin().await.unwrap());
    }
}

#[tokio::test]
async fn deactivated_staff_lose_their_sessions_and_cannot_sign_in() {
    let s = TestServer::start().await;
    let admin = signed_in(&s, "root", Role::Admin).await;
    let dana = signed_in(&s, "dana", Role::Specialist).await;
    let dana_elsewhere = sign_in(&s, "dana", PASSWORD).await;
    let res = admin
        .patch(
            &format!("/api/v1/staff/{}", dana.session.staff.id),
            json!({ "active": false }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(!res.json::<StaffMember>().await.unwrap().active);
    for browser in [&dana, &dana_elsewhere] {
        assert!(!browser.is_signed_in().await);
    }
    let (_, res) = try_sign_in(&s, "dana", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(admin.is_signed_in().await);
}

#[tokio::test]
async fn a_reset_password_ends_sessions_and_must_be_changed() {
    let s = TestServer::start().await;
    let admin = signed_in(&s, "root", Role::Admin).await;
    let dana: StaffBrowser = signed_in(&s, "dana", Role::Agent).await;
    let res = admin
        .patch(
            &format!("/api/v1/staff/{}", dana.session.staff.id),
            json!({ "reset_password": "temporary password 7" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.json::<StaffMember>()
            .await
            .unwrap()
            .must_change_password
    );
    assert!(!dana.is_signed_in().await);
    let (_, res) = try_sign_in(&s, "dana", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let again = sign_in(&s, "dana", "temporary password 7").await;
    assert!(again.session.staff.must_change_password);

    let audit = account_audit(&s).await;
    let (_, action, _, after) = audit.last().unwrap();
    assert_eq!(action, "staff_changed");
    assert_eq!(after["password_reset"], true);
    assert!(!after.to_string().contains("temporary password"));
}

#[tokio::test]
async fn only_admins_manage_accounts() {
    let s = TestServer::start().await;
    let specialist = signed_in(&s, "sam", Role::Specialist).await;
    for res in [
        specialist.get("/api/v1/staff").await,
        specialist.post("/api/v1/staff", new_staff("x")).await,
        specialist
            .patch("/api/v1/staff/1", json!({ "active": false }))
            .await,
    ] {
        let error = error_of(res, StatusCode::FORBIDDEN).await;
        assert!(error.message.contains("admin"), "{}", error.message);
    }
}

#[tokio::test]
async fn the_administration_log_lists_account_and_settings_changes_newest_first() {
    let s = TestServer::start().await;
    let admin = signed_in(&s, "root", Role::Admin).await;
    let res = admin.post("/api/v1/staff", new_staff("dana")).await;
    let dana: StaffMember = res.json().await.unwrap();
    admin
        .patch(
            &format!("/api/v1/staff/{}", dana.id),
            json!({ "reset_password": "temporary password" }),
        )
        .await;
    let res = admin
        .put(
            "/api/v1/settings/sla",
            json!({ "hours": [2, 4, 8, 24, 72] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let res = admin.get("/api/v1/audit").await;
    assert_eq!(res.status(), StatusCode::OK);
    let log: Vec<domain::api::AuditEntry> = res.json().await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    // Newest first; the root account's own creation (by the test harness) comes last.
    assert_eq!(
        actions[..3],
        ["sla_changed", "staff_changed", "staff_created"],
        "{actions:?}"
    );
    assert!(log.iter().all(|e| e.id > 0));
    assert!(log.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert_eq!(
        log[0].actor.as_ref().map(|a| a.id),
        Some(admin.session.staff.id)
    );
    assert_eq!(log[1].after.as_ref().unwrap()["password_reset"], true);
    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains("temporary password") && !text.contains("argon2"));

    // Entries about tickets stay with their tickets.
    let ticket_action = log.iter().any(|e| e.action == "status_changed");
    assert!(!ticket_action);

    let specialist = signed_in(&s, "sam", Role::Specialist).await;
    error_of(specialist.get("/api/v1/audit").await, StatusCode::FORBIDDEN).await;
}
