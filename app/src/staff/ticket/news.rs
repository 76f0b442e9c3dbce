//! What changed on the open ticket, in words: live events of colleagues and of the user
//! ("Kim claimed this ticket"), and why an action of this view was refused ("Kim
//! claimed this ticket first; it is shown as it is now").
//!
//! Pure functions of the event, the ticket before and after, and who is looking, so
//! they are tested without a browser.

use crate::i18n::fill;
use crate::staff::api::Failure;
use crate::staff::texts::ticket::TicketTexts;
use crate::staff::widgets::status_name;
use domain::api::{Holder, LiveEvent, QueueItem, TicketDetail};

/// The revision an event left the ticket at; user changes carry none.
fn revision(event: &LiveEvent) -> Option<i64> {
    event.payload.get("revision").and_then(|r| r.as_i64())
}

/// Whether `event` tells this view something new: it is about ticket `id` and leaves
/// it past `known`, the newest revision the view has shown or made itself. A user's
/// change carries no revision and is always news.
pub fn is_news(event: &LiveEvent, id: i64, known: i64) -> bool {
    event.ticket_id == Some(id) && revision(event).is_none_or(|r| r > known)
}

/// Who made the change that left the ticket at `revision`: the audit entry that
/// recorded it names them. `you` when it was the person looking (in another window).
fn actor(t: &TicketTexts, detail: &TicketDetail, revision: Option<i64>, me: i64) -> String {
    let entry = revision.and_then(|r| {
        detail
            .audit
            .iter()
            .rev()
            .find(|a| a.after.as_ref().and_then(|v| v.get("revision")?.as_i64()) == Some(r))
    });
    match entry.and_then(|e| e.actor.as_ref()) {
        Some(actor) if actor.id == me => t.you_elsewhere.to_owned(),
        Some(actor) => actor.name.clone(),
        None => t.a_colleague.to_owned(),
    }
}

/// One live event about this ticket in words, read with the ticket as reloaded after it.
pub fn event_words(t: &TicketTexts, event: &LiveEvent, detail: &TicketDetail, me: i64) -> String {
    let change = event
        .payload
        .get("change")
        .and_then(|c| c.as_str())
        .unwrap_or_default();
    let holder = event
        .payload
        .get("holder")
        .and_then(|h| serde_json::from_value::<Holder>(h.clone()).ok());
    let who = || actor(t, detail, revision(event), me);
    let internal = event.payload.get("visibility").and_then(|v| v.as_str()) == Some("internal");
    let template = match change {
        "claim" => {
            let name = match holder {
                Some(h) if h.id == me => t.you_elsewhere.to_owned(),
                Some(h) => h.name,
                None => who(),
            };
            return fill(t.news_claimed, &[("name", &name)]);
        }
        "assign" => {
            let to = holder.map(|h| h.name).unwrap_or_default();
            return fill(t.news_assigned, &[("name", &who()), ("holder", &to)]);
        }
        "user_message" => return t.news_user_message.to_owned(),
        "solved_by_user" => return t.news_user_solved.to_owned(),
        "message_added" if internal => t.news_noted,
        "message_added" => t.news_replied,
        "release" => t.news_released,
        "wait_for_user" => t.news_waiting,
        "resolve" => t.news_resolved,
        "return_to_first_level" => t.news_returned,
        "close" => t.news_closed,
        "reopen" => t.news_reopened,
        _ => return t.news_changed.to_owned(),
    };
    fill(template, &[("name", &who())])
}

/// What differs between two states of the ticket, seen by staff member `me`.
pub fn differences(t: &TicketTexts, before: &QueueItem, after: &QueueItem, me: i64) -> Vec<String> {
    let mut found = Vec::new();
    let holder_id = |item: &QueueItem| item.holder.as_ref().map(|h| h.id);
    if holder_id(before) != holder_id(after) {
        found.push(match &after.holder {
            Some(h) if h.id == me => t.now_held_by_you.to_owned(),
            Some(h) => fill(t.now_held_by, &[("name", &h.name)]),
            None => t.now_held_by_nobody.to_owned(),
        });
    }
    if before.status != after.status {
        found.push(fill(t.now_status, &[("status", status_name(after.status))]));
    }
    if found.is_empty() && before.revision != after.revision {
        found.push(t.now_other.to_owned());
    }
    found
}

/// Why an action was not done, after the ticket was read again (`after`, if that
/// worked): the reason, what changed meanwhile, and that the view now shows the
/// ticket as it is. Never silent, never only the server's English.
pub fn refusal(
    t: &TicketTexts,
    failure: &Failure,
    before: &QueueItem,
    after: Option<&QueueItem>,
    me: i64,
) -> String {
    let Failure::Api { status, error } = failure else {
        return t.not_done_unreachable.to_owned();
    };
    let mut parts = vec![
        match (error.code.as_str(), after.and_then(|a| a.holder.as_ref())) {
            ("already_claimed", Some(holder)) if holder.id != me => {
                fill(t.not_done_claimed, &[("name", &holder.name)])
            }
            ("stale" | "already_claimed" | "illegal_transition" | "busy", _) => {
                t.not_done_changed.to_owned()
            }
            (_, Some(holder)) if *status == 403 && holder.id != me => {
                fill(t.not_done_held, &[("name", &holder.name)])
            }
            ("forbidden", _) => t.not_done_forbidden.to_owned(),
            _ => fill(t.not_done_other, &[("message", &error.message)]),
        },
    ];
    if let Some(after) = after {
        parts.extend(differences(t, before, after, me));
        parts.push(t.shown_as_now.to_owned());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::texts::ticket::EN;
    use domain::api::{ApiError, AuditEntry};
    use domain::ticket::Status;
    use serde_json::json;

    fn item(status: Status, holder: Option<(i64, &str)>, revision: i64) -> QueueItem {
        QueueItem {
            id: 7,
            reference: "K7M4-QX9P".into(),
            status,
            priority: 3,
            queue: "workplace".into(),
            tree: "printer".into(),
            escalated_at_node: "printer/hand_off".into(),
            channel: "web".into(),
            contact_name: "Anna".into(),
            created_at: 0,
            due_at: 1,
            updated_at: 0,
            holder: holder.map(|(id, name)| Holder {
                id,
                name: name.into(),
            }),
            revision,
        }
    }

    fn event(payload: serde_json::Value) -> LiveEvent {
        LiveEvent {
            id: 1,
            kind: "ticket_changed".into(),
            ticket_id: Some(7),
            at: 0,
            payload,
        }
    }

    fn detail_with_audit(actor: (i64, &str), revision: i64) -> TicketDetail {
        let json = json!({
            "id": 7, "reference": "K7M4-QX9P", "status": "claimed", "priority": 3,
            "queue": "workplace", "tree": "printer", "escalated_at_node": "printer/hand_off",
            "channel": "web", "contact_name": "Anna", "created_at": 0, "due_at": 1,
            "updated_at": 0, "revision": revision, "tree_version": "v",
            "impact": "low", "urgency": "low", "contact": { "name": "Anna" },
            "description": "", "language": "de",
            "walk": { "tree": "printer", "versions": {}, "transcript": [], "facts": {},
                      "path": [{ "tree": "printer", "node": "start" }], "end": "escalated" },
            "diagnostics": {}, "attachments": [], "thread": [], "audit": [], "actions": []
        });
        let mut detail: TicketDetail = serde_json::from_value(json).unwrap();
        detail.audit.push(AuditEntry {
            id: 1,
            action: "message_added".into(),
            actor: Some(Holder {
                id: actor.0,
                name: actor.1.into(),
            }),
            before: None,
            after: Some(json!({ "revision": revision })),
            at: 0,
        });
        detail
    }

    #[test]
    fn own_and_seen_changes_are_no_news_and_user_changes_always_are() {
        let claimed = event(json!({ "change": "claim", "revision": 4 }));
        assert!(is_news(&claimed, 7, 3));
        assert!(
            !is_news(&claimed, 7, 4),
            "this view made it or has shown it"
        );
        assert!(!is_news(&claimed, 8, 3), "another ticket");
        let user = event(json!({ "change": "user_message", "status": "claimed" }));
        assert!(is_news(&user, 7, 99));
    }

    #[test]
    fn events_name_who_did_what() {
        let detail = detail_with_audit((2, "Kim Berg"), 5);
        let claimed = event(
            json!({ "change": "claim", "holder": { "id": 2, "name": "Kim Berg" }, "revision": 5 }),
        );
        assert_eq!(
            event_words(&EN, &claimed, &detail, 1),
            "Kim Berg claimed this ticket."
        );
        let note =
            event(json!({ "change": "message_added", "visibility": "internal", "revision": 5 }));
        assert_eq!(
            event_words(&EN, &note, &detail, 1),
            "Kim Berg added an internal note."
        );
        assert_eq!(
            event_words(&EN, &note, &detail, 2),
            "Your other window added an internal note."
        );
        let user = event(json!({ "change": "user_message" }));
        assert_eq!(
            event_words(&EN, &user, &detail, 1),
            "The user added a message."
        );
        let unknown_actor = event(json!({ "change": "resolve", "revision": 9 }));
        assert_eq!(
            event_words(&EN, &unknown_actor, &detail, 1),
            "A colleague resolved this ticket."
        );
    }

    #[test]
    fn a_stale_claim_says_who_claimed_first_and_what_changed() {
        let before = item(Status::New, None, 1);
        let after = item(Status::Claimed, Some((2, "Kim Berg")), 2);
        let stale = Failure::Api {
            status: 409,
            error: ApiError {
                code: "stale".into(),
                message: "the ticket changed since you loaded it".into(),
                field: None,
                rule: None,
                details: None,
            },
        };
        assert_eq!(
            refusal(&EN, &stale, &before, Some(&after), 1),
            "Not done: this ticket changed since you opened it. Kim Berg holds it now. \
             Its status is now: In work. It is shown as it is now: check it and decide again."
        );
        assert_eq!(
            refusal(&EN, &Failure::Unreachable, &before, None, 1),
            EN.not_done_unreachable
        );
        let same = item(Status::New, None, 2);
        assert_eq!(
            differences(&EN, &before, &same, 1),
            vec![EN.now_other.to_owned()]
        );
    }
}
