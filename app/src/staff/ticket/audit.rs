//! The audit trail: who did what, when, in words of the current language.
//!
//! The server records changes under a few action names (`status_changed` with the
//! workflow action in `after.action`, `assign`, `message_added`, `user_message`);
//! [`describe`] turns each entry into a readable line, and says "the user" where no
//! staff member acted.

use super::when;
use crate::i18n::fill;
use crate::staff::texts::ticket::TicketTexts;
use crate::staff::texts::{now, st};
use crate::staff::widgets::status_name;
use domain::api::{AuditEntry, Holder};
use domain::ticket::Status;
use leptos::prelude::*;
use serde_json::Value;

/// One entry of the trail in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub who: String,
    pub what: String,
    /// The status before and after, where it changed (`New → In work`).
    pub status: Option<String>,
}

fn status_of(state: Option<&Value>) -> Option<Status> {
    state?
        .get("status")
        .and_then(|s| serde_json::from_value(s.clone()).ok())
}

fn holder_of(state: Option<&Value>) -> Option<Holder> {
    state?
        .get("holder")
        .and_then(|h| serde_json::from_value(h.clone()).ok())
}

/// The entry in words.
pub fn describe(t: &TicketTexts, entry: &AuditEntry) -> Line {
    let after = entry.after.as_ref();
    let before = entry.before.as_ref();
    let (from, to) = (status_of(before), status_of(after));
    let action = after
        .and_then(|a| a.get("action"))
        .and_then(|a| a.as_str())
        .unwrap_or_default();
    let assigned = || {
        let name = holder_of(after).map(|h| h.name).unwrap_or_default();
        fill(t.audit_assigned, &[("name", &name)])
    };
    let internal = after
        .and_then(|a| a.get("visibility"))
        .and_then(|v| v.as_str())
        == Some("internal");
    let what = match (entry.action.as_str(), action) {
        ("status_changed", _) if before.is_none() => t.audit_created.to_owned(),
        ("status_changed" | "assign", "assign") => assigned(),
        ("status_changed", "claim") => t.audit_claimed.to_owned(),
        ("status_changed", "release") => t.audit_released.to_owned(),
        ("status_changed", "wait_for_user") => t.audit_waiting.to_owned(),
        ("status_changed", "resolve") => t.audit_resolved.to_owned(),
        ("status_changed", "return_to_first_level") => t.audit_returned.to_owned(),
        ("status_changed", "close") => t.audit_closed.to_owned(),
        ("status_changed", "reopen") => t.audit_reopened.to_owned(),
        // Changes without a staff action are the user's (the status page).
        ("status_changed", _) if entry.actor.is_none() && to == Some(Status::Resolved) => {
            t.audit_user_solved.to_owned()
        }
        ("status_changed", _) if entry.actor.is_none() => t.audit_user_replied.to_owned(),
        ("status_changed", _) => t.audit_status.to_owned(),
        ("assign", _) => assigned(),
        ("message_added", _) if internal => t.audit_noted.to_owned(),
        ("message_added", _) => t.audit_replied.to_owned(),
        ("user_message", _) => t.audit_user_message.to_owned(),
        ("ticket_exported", _) => t.audit_exported.to_owned(),
        ("personal_data_erased", _) if entry.actor.is_none() => t.audit_erased_retention.to_owned(),
        ("personal_data_erased", _) => t.audit_erased.to_owned(),
        (other, _) => other.replace('_', " "),
    };
    let status = match (from, to) {
        (Some(from), Some(to)) if from != to => {
            Some(format!("{} → {}", status_name(from), status_name(to)))
        }
        (None, Some(to)) if entry.action == "status_changed" => Some(status_name(to).to_owned()),
        _ => None,
    };
    let who = match &entry.actor {
        Some(actor) => actor.name.clone(),
        None => t.who_user.to_owned(),
    };
    Line { who, what, status }
}

/// The trail as a table, oldest first.
#[component]
pub fn AuditTrail(entries: Vec<AuditEntry>) -> impl IntoView {
    let rows = move || {
        let t = &now().ticket;
        entries
            .iter()
            .map(|entry| {
                let line = describe(t, entry);
                view! {
                    <tr>
                        <td>{when(entry.at)}</td>
                        <td>{line.who}</td>
                        <td>{line.what}</td>
                        <td>{line.status}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="ticket-section" aria-labelledby="audit-title">
            <h2 id="audit-title">{st(|t| t.ticket.audit_title)}</h2>
            <table class="ticket-table" data-testid="audit">
                    <thead>
                        <tr>
                            <th scope="col">{st(|t| t.ticket.audit_when)}</th>
                            <th scope="col">{st(|t| t.ticket.audit_who)}</th>
                            <th scope="col">{st(|t| t.ticket.audit_what)}</th>
                            <th scope="col">{st(|t| t.ticket.audit_status_column)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::texts::ticket::EN;
    use serde_json::json;

    fn entry(action: &str, actor: Option<&str>, before: Option<Value>, after: Value) -> AuditEntry {
        AuditEntry {
            id: 1,
            action: action.into(),
            actor: actor.map(|name| Holder {
                id: 1,
                name: name.into(),
            }),
            before,
            after: Some(after),
            at: 0,
        }
    }

    #[test]
    fn staff_changes_read_as_what_was_done() {
        let claimed = entry(
            "status_changed",
            Some("Kim Berg"),
            Some(json!({ "status": "new" })),
            json!({ "status": "claimed", "action": "claim" }),
        );
        assert_eq!(
            describe(&EN, &claimed),
            Line {
                who: "Kim Berg".into(),
                what: "Claimed".into(),
                status: Some("New → In work".into()),
            }
        );
        let assigned = entry(
            "assign",
            Some("Kim Berg"),
            Some(json!({ "status": "claimed" })),
            json!({ "status": "claimed", "action": "assign", "holder": { "id": 3, "name": "Sam Lee" } }),
        );
        assert_eq!(describe(&EN, &assigned).what, "Assigned to Sam Lee");
        assert_eq!(describe(&EN, &assigned).status, None);
        let note = entry(
            "message_added",
            Some("Kim Berg"),
            None,
            json!({ "visibility": "internal" }),
        );
        assert_eq!(describe(&EN, &note).what, "Added an internal note");
    }

    #[test]
    fn the_users_changes_say_the_user() {
        let created = entry("status_changed", None, None, json!({ "status": "new" }));
        let line = describe(&EN, &created);
        assert_eq!(
            (line.who.as_str(), line.what.as_str()),
            ("The user", "Handed off")
        );
        assert_eq!(line.status.as_deref(), Some("New"));
        let solved = entry(
            "status_changed",
            None,
            Some(json!({ "status": "claimed" })),
            json!({ "status": "resolved" }),
        );
        assert_eq!(describe(&EN, &solved).what, "Marked as solved by the user");
        let message = entry("user_message", None, None, json!({ "message": 4 }));
        assert_eq!(describe(&EN, &message).what, "Added a message");
    }
}
