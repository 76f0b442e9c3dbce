//! Tickets handed off through the public API, as the portal makes them.

#![allow(dead_code)]

use super::{TestServer, walks};
use domain::api::{Contact, HandoffCreated, HandoffRequest, NewAttachment};
use domain::tree::Level;
use domain::walk::{End, Walk};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// What varies between the tickets of a test.
pub struct Handoff<'a> {
    pub tree: &'a str,
    pub impact: Level,
    pub urgency: Level,
    pub name: &'a str,
    pub description: &'a str,
}

impl Default for Handoff<'_> {
    fn default() -> Self {
        Handoff {
            tree: "printer",
            impact: Level::Medium,
            urgency: Level::High,
            name: "Anna Muster",
            description: "Nothing prints since this morning.",
        }
    }
}

/// Escalated walks by tree: the search is the slow part of making a ticket.
static WALKS: Mutex<BTreeMap<String, Walk>> = Mutex::new(BTreeMap::new());

/// A PNG header, enough for the content sniffer.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";

/// Hands off a ticket; its reference and the user's access token.
pub async fn hand_off(s: &TestServer, h: Handoff<'_>) -> HandoffCreated {
    let walk = {
        let mut walks = WALKS.lock().unwrap();
        walks
            .entry(h.tree.to_owned())
            .or_insert_with(|| walks::walk_to(&s.state.trees.catalog(), h.tree, End::Escalated))
            .clone()
    };
    use base64::Engine;
    let request = HandoffRequest {
        tree: h.tree.into(),
        versions: walk.versions.clone(),
        transcript: walk.transcript.clone(),
        diagnostics: [("browser".to_owned(), "Chromium 156".to_owned())].into(),
        contact: Contact {
            name: h.name.into(),
            email: Some(format!(
                "{}@example.org",
                h.name.to_lowercase().replace(' ', ".")
            )),
            phone: Some("+49 30 1234567".into()),
        },
        description: h.description.into(),
        impact: h.impact,
        urgency: h.urgency,
        language: "de".into(),
        attachments: vec![NewAttachment {
            name: "screen.png".into(),
            data: base64::engine::general_purpose::STANDARD.encode(PNG),
        }],
    };
    let key = format!("queue-test-{}", server::auth::secret::token());
    let res = s
        .client
        .post(s.url("/api/v1/handoffs"))
        .header("idempotency-key", &key)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);
    res.json().await.unwrap()
}
