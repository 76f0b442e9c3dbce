//! Who may do what to a ticket, and what the ticket looks like afterwards.
//!
//! The state machine (`domain::ticket::transition`) says which actions a status allows;
//! this module adds who may take them (role, Holder) and plans a change as the new
//! values of the workflow columns. It does no I/O: the store writes a [`Plan`] only
//! while the ticket is still at the revision the plan was made from, so a plan is never
//! applied to a ticket that changed under it. The same rules refuse a request and list
//! the actions a ticket detail offers, so the two cannot disagree.
//!
//! The rules:
//! - Claim: specialists and admins claim `new` tickets; anyone claims `returned` ones
//!   (the 1st level takes them back).
//! - Release, assign, wait for user, resolve, return to the 1st level: the Holder, or an
//!   admin. Assigning an unheld ticket is for admins.
//! - Close and reopen: specialists and admins, or the Holder.
//! - `user_replied` and `solved_by_user` are the user's, never staff's.
//! - Agents see `returned` tickets and tickets they hold, nothing else.

use crate::auth::Staff;
use crate::error::Error;
use domain::api::{Holder, Role, TransitionRequest, Visibility};
use domain::ticket::{Action, Status, legal_actions, transition};
use serde_json::{Value, json};

/// The workflow columns of a ticket as read at one revision.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketState {
    pub id: i64,
    pub status: Status,
    pub holder: Option<Holder>,
    pub revision: i64,
    pub claimed_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub resolution: Option<String>,
    pub gap_node: Option<String>,
}

impl TicketState {
    fn held_by(&self, staff: &Staff) -> bool {
        self.holder.as_ref().is_some_and(|h| h.id == staff.id)
    }

    /// What the audit trail and live events say about the ticket.
    pub fn snapshot(&self) -> Value {
        json!({ "status": self.status, "holder": self.holder, "revision": self.revision })
    }
}

/// A staff request to change a ticket, its fields checked and looked up already.
#[derive(Debug, Clone)]
pub struct Change {
    pub action: Action,
    /// The revision the caller saw, if they sent one.
    pub revision: Option<i64>,
    /// For `assign`: an active specialist or admin.
    pub assignee: Option<Holder>,
    /// For `resolve` the resolution, for `return_to_first_level` the instructions.
    pub text: Option<String>,
    /// For `resolve`: a node of the ticket's tree version (`tree/node`).
    pub gap_node: Option<String>,
}

impl Change {
    /// `action` with nothing else.
    pub fn new(action: Action) -> Change {
        Change {
            action,
            revision: None,
            assignee: None,
            text: None,
            gap_node: None,
        }
    }
}

/// A change ready to be written: the state before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub action: Action,
    pub before: TicketState,
    pub after: TicketState,
    /// Instructions for the 1st level, stored as an internal note.
    pub note: Option<String>,
}

impl Plan {
    /// The audit entry's `after`: the new state, the action and what came with it.
    pub fn after_json(&self) -> Value {
        let mut after = self.after.snapshot();
        after["action"] = json!(self.action);
        if self.action == Action::Resolve {
            after["resolution"] = json!(self.after.resolution);
            after["gap_node"] = json!(self.after.gap_node);
        }
        after
    }
}

/// The actions the state machine allows staff from `status` (the user's own excluded).
pub fn staff_actions(status: Status) -> Vec<Action> {
    legal_actions(status)
        .into_iter()
        .filter(|a| !matches!(a, Action::UserReplied | Action::SolvedByUser))
        .collect()
}

/// The actions `staff` may take on the ticket now.
pub fn allowed(staff: &Staff, ticket: &TicketState) -> Vec<Action> {
    staff_actions(ticket.status)
        .into_iter()
        .filter(|a| may(staff, ticket, *a).is_ok())
        .collect()
}

/// Whether `staff` may open the ticket at all.
pub fn may_view(staff: &Staff, ticket: &TicketState) -> Result<(), Error> {
    if staff.role >= Role::Specialist || ticket.status == Status::Returned || ticket.held_by(staff)
    {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "agents open tickets returned to the 1st level and tickets they hold".into(),
        ))
    }
}

/// Whether `staff` may add a message: internal notes by anyone who may view the
/// ticket; public replies, which speak for the team, by the Holder or an admin while
/// the ticket is open.
pub fn may_write(staff: &Staff, ticket: &TicketState, visibility: Visibility) -> Result<(), Error> {
    may_view(staff, ticket)?;
    if visibility == Visibility::Internal {
        return Ok(());
    }
    if !ticket.status.is_open() {
        return Err(Error::conflict(
            "ticket_closed",
            format!(
                "the ticket is {}; reopen it to reply to the user",
                ticket.status.name()
            ),
        ));
    }
    holder_or_admin(staff, ticket, "reply to the user on")
}

/// 409 `stale` when the caller saw another revision than the current one.
pub fn fresh(ticket: &TicketState, seen: Option<i64>) -> Result<(), Error> {
    match seen {
        Some(seen) if seen != ticket.revision => Err(Error::Conflict {
            code: "stale",
            message: format!(
                "the ticket changed since you loaded it (you saw revision {seen}, it is at {}); reload it and decide again",
                ticket.revision
            ),
            details: Some(json!({ "revision": ticket.revision })),
        }),
        _ => Ok(()),
    }
}

/// The status `action` leads to, if the state machine allows it and `staff` may take it.
pub fn may(staff: &Staff, ticket: &TicketState, action: Action) -> Result<Status, Error> {
    if matches!(action, Action::UserReplied | Action::SolvedByUser) {
        return Err(users_own(action));
    }
    let Some(next) = transition(ticket.status, action) else {
        return Err(refused(ticket, action));
    };
    match action {
        Action::Claim if ticket.status == Status::New => staff.require(Role::Specialist)?,
        Action::Claim => {}
        Action::Assign if ticket.holder.is_none() => admin(staff, "assign an unclaimed ticket")?,
        Action::Release
        | Action::Assign
        | Action::WaitForUser
        | Action::Resolve
        | Action::ReturnToFirstLevel => holder_or_admin(staff, ticket, action.name())?,
        Action::Close | Action::Reopen => {
            if !ticket.held_by(staff) {
                staff.require(Role::Specialist)?;
            }
        }
        Action::UserReplied | Action::SolvedByUser => return Err(users_own(action)),
    }
    Ok(next)
}

/// Plans `change` on `ticket`: stale view, legality, permission, required fields.
pub fn plan(staff: &Staff, ticket: &TicketState, change: &Change, now: i64) -> Result<Plan, Error> {
    let action = change.action;
    fresh(ticket, change.revision)?;
    let status = may(staff, ticket, action)?;
    let me = Holder {
        id: staff.id,
        name: staff.name.clone(),
    };
    let mut after = TicketState {
        status,
        revision: ticket.revision + 1,
        ..ticket.clone()
    };
    let mut note = None;
    match action {
        Action::Claim => {
            after.holder = Some(me);
            after.claimed_at = Some(now);
        }
        Action::Assign => {
            let assignee = change.assignee.clone().ok_or_else(|| {
                Error::invalid("assignee", "required", "name the staff member to assign")
            })?;
            if ticket.holder.as_ref().is_some_and(|h| h.id == assignee.id)
                && ticket.status == Status::Claimed
            {
                return Err(Error::invalid(
                    "assignee",
                    "already_holder",
                    format!("{} holds the ticket already", assignee.name),
                ));
            }
            after.holder = Some(assignee);
            after.claimed_at = Some(now);
        }
        Action::Release => {
            after.holder = None;
            after.claimed_at = None;
        }
        Action::Resolve => {
            after.resolution = Some(required_text(
                change,
                "the resolution, in words the user understands",
            )?);
            after.resolved_at = Some(now);
            after.gap_node = change.gap_node.clone();
        }
        Action::ReturnToFirstLevel => {
            note = Some(required_text(change, "instructions for the 1st level")?);
            after.holder = None;
            after.claimed_at = None;
        }
        Action::Reopen => {
            after.holder = Some(me);
            after.claimed_at = Some(now);
            after.resolved_at = None;
            after.resolution = None;
            after.gap_node = None;
        }
        Action::WaitForUser | Action::Close => {}
        Action::UserReplied | Action::SolvedByUser => return Err(users_own(action)),
    }
    Ok(Plan {
        action,
        before: ticket.clone(),
        after,
        note,
    })
}

/// The 422 for an action only the user takes (through the status page).
fn users_own(action: Action) -> Error {
    Error::invalid(
        "action",
        "staff_action",
        format!("`{}` is the user's action, not staff's", action.name()),
    )
}

/// The 409 for an action the state machine does not allow from the ticket's status.
fn refused(ticket: &TicketState, action: Action) -> Error {
    let legal = staff_actions(ticket.status);
    if action == Action::Claim
        && let Some(holder) = ticket.holder.as_ref().filter(|_| ticket.status.is_open())
    {
        return Error::Conflict {
            code: "already_claimed",
            message: format!("{} holds this ticket already", holder.name),
            details: Some(json!({ "holder": holder, "legal": legal })),
        };
    }
    let names: Vec<&str> = legal.iter().map(|a| a.name()).collect();
    Error::Conflict {
        code: "illegal_transition",
        message: format!(
            "a {} ticket cannot take `{}`; legal now: {}",
            ticket.status.name(),
            action.name(),
            if names.is_empty() {
                "nothing".to_owned()
            } else {
                names.join(", ")
            }
        ),
        details: Some(json!({ "status": ticket.status, "legal": legal })),
    }
}

fn holder_or_admin(staff: &Staff, ticket: &TicketState, doing: &str) -> Result<(), Error> {
    if ticket.held_by(staff) || staff.role == Role::Admin {
        return Ok(());
    }
    Err(Error::Forbidden(match &ticket.holder {
        Some(h) => format!(
            "{} holds this ticket; only the Holder or an admin may {doing} it",
            h.name
        ),
        None => format!("claim the ticket first; only the Holder or an admin may {doing} it"),
    }))
}

fn admin(staff: &Staff, doing: &str) -> Result<(), Error> {
    if staff.role == Role::Admin {
        Ok(())
    } else {
        Err(Error::Forbidden(format!("only an admin may {doing}")))
    }
}

fn required_text(change: &Change, what: &str) -> Result<String, Error> {
    change
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| Error::invalid("text", "required", format!("write {what}")))
}

/// Refuses fields the action does not use rather than ignoring them: a client that
/// sends them expects them to matter.
pub fn unused_fields(request: &TransitionRequest) -> Result<(), Error> {
    let action = request.action;
    let used = |field: &str| match field {
        "assignee" => action == Action::Assign,
        "text" => matches!(action, Action::Resolve | Action::ReturnToFirstLevel),
        "gap_node" => action == Action::Resolve,
        _ => false,
    };
    let sent = [
        ("assignee", request.assignee.is_some()),
        ("text", request.text.is_some()),
        ("gap_node", request.gap_node.is_some()),
    ];
    match sent.into_iter().find(|(field, sent)| *sent && !used(field)) {
        Some((field, _)) => Err(Error::invalid(
            field,
            "not_used",
            format!("`{}` does not take `{field}`", action.name()),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
