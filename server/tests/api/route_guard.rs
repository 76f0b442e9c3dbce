//! Every operation of the API is either guarded or deliberately public.
//!
//! The OpenAPI document comes from the same registrations as the router
//! ([`server::router`]), so walking it walks every route. For each operation that
//! declares the `session` security requirement, an anonymous call must get 401, and a
//! signed-in staff member below the operation's minimum role must get 403 (with a valid
//! CSRF token, so the refusal is about the role). Every operation without it must be on
//! [`PUBLIC`]; every secured one must be in [`MIN_ROLE`]. A new route thus fails this
//! test until someone has decided who may call it and written it down here.

use crate::harness;

use domain::api::{ApiError, Role};
use harness::TestServer;
use harness::accounts;
use reqwest::{Method, StatusCode};
use std::collections::BTreeSet;
use std::time::Duration;

/// Operations anyone may call, as `METHOD /path` of the OpenAPI document.
const PUBLIC: &[&str] = &[
    "GET /healthz",
    "GET /readyz",
    // Guarded by its own bearer token (`--metrics-token`), tested in operations.rs.
    "GET /metrics",
    "GET /api/v1/trees",
    "GET /api/v1/trees/{id}",
    "POST /api/v1/session",
    // End users: hand-offs are read and answered with the hand-off's own access token.
    "POST /api/v1/handoffs",
    "GET /api/v1/handoffs/{reference}",
    "GET /api/v1/handoffs/{reference}/attachments/{id}",
    "POST /api/v1/handoffs/{reference}/messages",
    "POST /api/v1/handoffs/{reference}/solved",
    "POST /api/v1/outcomes",
    // Callers: a handover is followed with the bearer token its creation answered.
    "POST /api/v1/handovers",
    "GET /api/v1/handovers/{id}",
    "DELETE /api/v1/handovers/{id}",
    "PUT /api/v1/handovers/{id}/walk",
];

/// The lowest role each staff operation admits. The queue and ticket routes admit every
/// role and decide per ticket (`workflow::allowed`).
const MIN_ROLE: &[(&str, Role)] = &[
    ("GET /api/v1/queue", Role::Agent),
    ("GET /api/v1/team", Role::Specialist),
    // Tree gaps: resolution texts for tree authors, the 2nd level.
    ("GET /api/v1/gaps", Role::Specialist),
    // Tree figures are for the 2nd level (`routes/analytics.rs`).
    ("GET /api/v1/trees/{id}/analytics", Role::Specialist),
    ("GET /api/v1/analytics", Role::Specialist),
    ("GET /api/v1/queues", Role::Agent),
    // Every version of a tree ever served: the transcript of any ticket staff may open.
    ("GET /api/v1/trees/{id}/versions/{version}", Role::Agent),
    ("GET /api/v1/settings/sla", Role::Specialist),
    ("PUT /api/v1/settings/sla", Role::Admin),
    ("GET /api/v1/events", Role::Agent),
    ("POST /api/v1/queue/claim-next", Role::Agent),
    ("GET /api/v1/tickets/{id}", Role::Agent),
    (
        "GET /api/v1/tickets/{id}/attachments/{attachment}",
        Role::Agent,
    ),
    ("POST /api/v1/tickets/{id}/claim", Role::Agent),
    ("POST /api/v1/tickets/{id}/messages", Role::Agent),
    ("POST /api/v1/tickets/{id}/transition", Role::Agent),
    ("GET /api/v1/session", Role::Agent),
    ("DELETE /api/v1/session", Role::Agent),
    ("POST /api/v1/session/password", Role::Agent),
    ("GET /api/v1/staff", Role::Admin),
    ("POST /api/v1/staff", Role::Admin),
    ("PATCH /api/v1/staff/{id}", Role::Admin),
    ("GET /api/v1/audit", Role::Admin),
    ("GET /api/v1/settings/retention", Role::Specialist),
    ("PUT /api/v1/settings/retention", Role::Admin),
    ("GET /api/v1/tickets/{id}/export", Role::Specialist),
    ("POST /api/v1/tickets/{id}/erase", Role::Admin),
    // The agent console: every role takes calls.
    ("POST /api/v1/calls/handovers", Role::Agent),
    ("GET /api/v1/calls/handovers/{id}", Role::Agent),
    ("PUT /api/v1/calls/handovers/{id}/walk", Role::Agent),
    ("POST /api/v1/calls/handovers/{id}/end", Role::Agent),
    ("POST /api/v1/calls/handoffs", Role::Agent),
    ("POST /api/v1/calls/solved", Role::Agent),
    ("GET /api/v1/calls/lookup", Role::Agent),
    ("GET /api/v1/calls/returned", Role::Agent),
    // Tree authoring: specialists read drafts and history; admins upload and publish.
    ("POST /api/v1/tree-drafts", Role::Admin),
    ("GET /api/v1/tree-drafts/{id}", Role::Specialist),
    ("DELETE /api/v1/tree-drafts/{id}", Role::Admin),
    ("GET /api/v1/tree-drafts/{id}/bundle", Role::Specialist),
    ("POST /api/v1/tree-drafts/{id}/publish", Role::Admin),
    ("GET /api/v1/trees/{id}/history", Role::Specialist),
];

const ROLES: [Role; 3] = [Role::Agent, Role::Specialist, Role::Admin];

/// One documented operation.
struct Operation {
    method: Method,
    path: String,
    secured: bool,
}

impl Operation {
    fn key(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The path with every `{param}` filled with a dummy that parses as a number too.
    fn url_path(&self) -> String {
        let mut filled = String::new();
        let mut rest = self.path.as_str();
        while let Some(open) = rest.find('{') {
            filled.push_str(&rest[..open]);
            filled.push('1');
            rest = rest[open..].split_once('}').map_or("", |(_, after)| after);
        }
        filled.push_str(rest);
        filled
    }
}

/// Every operation in the generated document.
fn operations() -> Vec<Operation> {
    let (_, openapi) = server::router();
    let document = serde_json::to_value(&openapi).unwrap();
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            // A path item also holds `parameters`, `summary`, ...: only methods count.
            const METHODS: [&str; 8] = [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ];
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let method: Method = method.to_ascii_uppercase().parse().unwrap();
            let secured = operation["security"]
                .as_array()
                .is_some_and(|requirements| {
                    requirements.iter().any(|r| r.get("session").is_some())
                });
            found.push(Operation {
                method,
                path: path.clone(),
                secured,
            });
        }
    }
    assert!(found.len() >= PUBLIC.len(), "the document lists operations");
    found
}

fn min_role(key: &str) -> Option<Role> {
    MIN_ROLE.iter().find(|(k, _)| *k == key).map(|(_, r)| *r)
}

#[test]
fn every_operation_is_public_by_decision_or_has_a_minimum_role() {
    let operations = operations();
    let mut problems = Vec::new();
    for op in &operations {
        let key = op.key();
        match (op.secured, PUBLIC.contains(&key.as_str()), min_role(&key)) {
            (true, false, Some(_)) | (false, true, None) => {}
            (true, _, None) => problems.push(format!(
                "{key} requires a session: add its minimum role to MIN_ROLE"
            )),
            (true, true, _) => problems.push(format!(
                "{key} requires a session but is on PUBLIC: remove it there"
            )),
            (false, _, Some(_)) => problems.push(format!(
                "{key} is in MIN_ROLE but declares no `security((\"session\" = []))`: \
                 declare it (and take a `Staff`), or move it to PUBLIC if anyone may call it"
            )),
            (false, false, None) => problems.push(format!(
                "{key} declares no security: if anyone may call it, add it to PUBLIC; \
                 else declare `security((\"session\" = []))` and take a `Staff`"
            )),
        }
    }
    let documented: BTreeSet<String> = operations.iter().map(Operation::key).collect();
    for key in PUBLIC
        .iter()
        .map(|k| (*k).to_owned())
        .chain(MIN_ROLE.iter().map(|(k, _)| (*k).to_owned()))
    {
        if !documented.contains(&key) {
            problems.push(format!("{key} is listed here but no such operation exists"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn secured_operations_refuse_anonymous_callers_and_lower_roles() {
    let s = TestServer::start().await;
    // Accounts of every role; one sign-in per call below, because some calls end the
    // session (logout) or change the account.
    for role in ROLES {
        accounts::create(&s, role.name(), role).await;
    }
    let anonymous = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut problems = Vec::new();
    for op in operations().into_iter().filter(|op| op.secured) {
        let key = op.key();
        let url = s.url(&op.url_path());
        let with_body = |request: reqwest::RequestBuilder| {
            if op.method == Method::GET || op.method == Method::HEAD {
                request
            } else {
                request
                    .header("content-type", "application/json")
                    .body("{}")
            }
        };

        for cookie in [None, Some("lotse_session=not-a-session")] {
            let mut request = with_body(anonymous.request(op.method.clone(), &url));
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            let status = request.send().await.unwrap().status();
            if status != StatusCode::UNAUTHORIZED {
                problems.push(format!("{key} with cookie {cookie:?}: {status}, not 401"));
            }
        }

        let Some(min) = min_role(&key) else {
            continue; // reported by the table test
        };
        for role in ROLES {
            let browser = accounts::sign_in(&s, role.name(), accounts::PASSWORD).await;
            let res = with_body(browser.request(op.method.clone(), &op.url_path()))
                .timeout(Duration::from_secs(10))
                .send()
                .await
                .unwrap();
            let status = res.status();
            let message = if status == StatusCode::FORBIDDEN {
                res.json::<ApiError>()
                    .await
                    .map(|e| e.message)
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let refused_for_role = message.contains("needs the role");
            if role < min && !(status == StatusCode::FORBIDDEN && refused_for_role) {
                problems.push(format!(
                    "{key} as {}: {status} {message:?}, not 403 for the role (check the role \
                     before reading the body: take `auth::role::Admin`/`Specialist`)",
                    role.name()
                ));
            }
            if role >= min && (status == StatusCode::UNAUTHORIZED || refused_for_role) {
                problems.push(format!("{key} as {}: refused with {status}", role.name()));
            }
            if message.contains("X-CSRF-Token") {
                problems.push(format!(
                    "{key} as {}: the CSRF token was refused",
                    role.name()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_dummy_path_fills_every_parameter() {
    let op = Operation {
        method: Method::GET,
        path: "/api/v1/tickets/{id}/attachments/{name}".into(),
        secured: true,
    };
    assert_eq!(op.url_path(), "/api/v1/tickets/1/attachments/1");
}
