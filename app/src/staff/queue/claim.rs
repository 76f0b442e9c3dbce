//! Claiming from the Queue: the selected row (key `c`, or the row's button) and "claim
//! next" (the most urgent waiting ticket, which then opens). A claim somebody else won
//! is said with their name; nothing fails silently.

use super::QueueState;
use super::updates::read_again;
use crate::focus;
use crate::i18n::fill;
use crate::pages::Page;
use crate::router;
use crate::staff::Screen;
use crate::staff::api::{self, Failure};
use crate::staff::texts::now;
use crate::staff::texts::queue::QueueTexts;
use crate::staff::widgets::{failure_words, status_name};
use domain::api::{Holder, QueueItem};
use domain::ticket::Status;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last action on the Queue came to, for the notice above the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Done(String),
    Failed(String),
}

/// Claims ticket `id` (shown as `reference`).
pub fn claim(state: &QueueState, id: i64, reference: String) {
    let state = state.clone();
    state.notice.set(None);
    spawn_local(async move {
        let answer = api::post_empty::<QueueItem>(&format!("/tickets/{id}/claim")).await;
        let t = &now().queue;
        match answer {
            Ok(item) => {
                state.listing.replace(item);
                state.notice.set(Some(Notice::Done(fill(
                    t.claimed,
                    &[("reference", &reference)],
                ))));
            }
            Err(failure) => {
                // What the server knows is newer than the row: show it.
                if matches!(failure.status(), Some(404 | 409)) {
                    read_again(&state.listing);
                }
                let words =
                    refusal(t, &reference, &failure).unwrap_or_else(|| failure_words(&failure));
                state.notice.set(Some(Notice::Failed(words)));
            }
        }
    });
}

/// Claims the most urgent waiting ticket of the person's queues and opens it.
pub fn claim_next(state: &QueueState) {
    if state.claiming_next.get_untracked() {
        return;
    }
    let state = state.clone();
    state.claiming_next.set(true);
    state.notice.set(None);
    spawn_local(async move {
        let answer = api::post_empty_or_none::<QueueItem>("/queue/claim-next").await;
        state.claiming_next.set(false);
        let t = &now().queue;
        match answer {
            Ok(Some(item)) => {
                focus::person_moved();
                router::navigate(Page::Staff(Screen::Ticket { id: item.id }));
            }
            Ok(None) => state
                .notice
                .set(Some(Notice::Done(t.nothing_waiting.to_owned()))),
            Err(failure) => {
                let words = match failure.status() {
                    Some(404) => t.nothing_waiting.to_owned(),
                    _ => failure_words(&failure),
                };
                state.notice.set(Some(Notice::Failed(words)));
            }
        }
    });
}

/// A refused claim in words, for the refusals the Queue knows: held by someone
/// (`already_claimed`, with their name), a status that cannot be claimed, gone.
pub fn refusal(t: &QueueTexts, reference: &str, failure: &Failure) -> Option<String> {
    let Failure::Api { status, error } = failure else {
        return None;
    };
    let details = error.details.as_ref();
    match (*status, error.code.as_str()) {
        (409, "already_claimed") => {
            let holder =
                details.and_then(|d| serde_json::from_value::<Holder>(d["holder"].clone()).ok())?;
            Some(fill(
                t.claim_taken,
                &[("reference", reference), ("name", &holder.name)],
            ))
        }
        (409, "illegal_transition") => {
            let status = details
                .and_then(|d| d["status"].as_str())
                .and_then(Status::parse)?;
            Some(fill(
                t.claim_not_now,
                &[("reference", reference), ("status", status_name(status))],
            ))
        }
        (404, _) => Some(fill(t.claim_gone, &[("reference", reference)])),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::texts::queue::{DE, EN};
    use domain::api::ApiError;

    fn conflict(code: &str, details: serde_json::Value) -> Failure {
        Failure::Api {
            status: 409,
            error: ApiError {
                code: code.into(),
                message: "…".into(),
                field: None,
                rule: None,
                details: Some(details),
            },
        }
    }

    #[test]
    fn a_claim_someone_else_won_names_them() {
        let taken = conflict(
            "already_claimed",
            serde_json::json!({ "holder": { "id": 7, "name": "Anna Admin" }, "legal": [] }),
        );
        assert_eq!(
            refusal(&EN, "K7M4-QX9P", &taken).as_deref(),
            Some("K7M4-QX9P is already in work by Anna Admin.")
        );
        assert_eq!(
            refusal(&DE, "K7M4-QX9P", &taken).as_deref(),
            Some("K7M4-QX9P ist schon in Arbeit bei Anna Admin.")
        );
    }

    #[test]
    fn a_ticket_gone_or_unknown_refusals_have_words_or_fall_back() {
        let gone = Failure::Api {
            status: 404,
            error: ApiError {
                code: "not_found".into(),
                message: "no such ticket".into(),
                field: None,
                rule: None,
                details: None,
            },
        };
        assert!(
            refusal(&EN, "R", &gone)
                .unwrap()
                .starts_with("R is no longer there")
        );
        assert_eq!(refusal(&EN, "R", &Failure::Unreachable), None);
        assert_eq!(
            refusal(
                &EN,
                "R",
                &conflict("stale", serde_json::json!({ "revision": 3 }))
            ),
            None
        );
    }
}
