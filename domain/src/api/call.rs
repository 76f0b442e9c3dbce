//! The 1st-level agent console's bodies: guided phone calls (escalated or solved on
//! the call), the caller lookup before a new ticket, tickets returned to the 1st
//! level, and the session handover by code (a portal walk an agent takes over).
//!
//! A handover code is what a caller reads aloud: ten digits, shown in groups of three,
//! three and four (`482 193 5572`, like a phone number). It is valid for
//! [`HANDOVER_CODE_MINUTES`], one agent can take it, and the server stores only its
//! hash. Why ten digits are enough is argued (and tested) with the server's attempt
//! limits in `server/src/routes/calls/`.

use super::{Contact, Holder, QueueItem};
use crate::ticket::{Priority, Status};
use crate::tree::Level;
use crate::walk::{Step, Walk};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Digits in a handover code.
pub const HANDOVER_CODE_DIGITS: usize = 10;
/// How long a handover code can be taken by an agent, in minutes.
pub const HANDOVER_CODE_MINUTES: i64 = 30;
/// Longest note an agent writes at one step, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// Most notes a call may carry.
pub const MAX_NOTES: usize = 200;

/// A note the agent wrote during a call, at the node where the walk stood after
/// `step` moves (0: at the first node).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepNote {
    pub step: usize,
    pub text: String,
}

/// `POST /api/v1/calls/handoffs` (any staff role, CSRF, `Idempotency-Key`): the agent
/// escalates a call. The ticket's channel is `phone` and the agent is recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CallHandoff {
    /// The tree the walk started on.
    pub tree: String,
    /// Version of every tree the walk entered (`Walk::versions`).
    pub versions: BTreeMap<String, String>,
    /// The moves made on the call; the server replays them. The walk must end at an
    /// escalate node.
    pub transcript: Vec<Step>,
    /// Diagnostics of a handed-over portal walk.
    #[serde(default)]
    pub diagnostics: BTreeMap<String, String>,
    /// Who called; the escalate node's contact rules apply.
    pub caller: Contact,
    /// The agent's notes per step.
    #[serde(default)]
    pub notes: Vec<StepNote>,
    /// The agent's summary (free text, may be empty).
    #[serde(default)]
    pub description: String,
    pub impact: Level,
    pub urgency: Level,
    /// The caller's language (`de`, `en`), for replies.
    pub language: String,
    /// When the call started (ms since the epoch, the agent's clock), for its length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_started_at: Option<i64>,
    /// The handover this call took over, if any; the caller's page then learns the
    /// ticket's reference and access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handover: Option<i64>,
}

/// A ticket made on a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallTicket {
    pub id: i64,
    /// To read out to the caller (`K7M4-QX9P`).
    pub reference: String,
    pub priority: Priority,
    pub status: Status,
    /// When the SLA is due, in ms since the epoch.
    pub due_at: i64,
}

/// `POST /api/v1/calls/solved` (any staff role, CSRF, `Idempotency-Key`): the call
/// solved the problem. Records a `resolved` outcome at the node where the walk stands
/// (anywhere: on the phone an agent may solve it before the tree does) and, with
/// `record`, a closed ticket for the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CallSolved {
    pub tree: String,
    pub versions: BTreeMap<String, String>,
    pub transcript: Vec<Step>,
    #[serde(default)]
    pub diagnostics: BTreeMap<String, String>,
    /// Needed (at least the name) when `record` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<Contact>,
    #[serde(default)]
    pub notes: Vec<StepNote>,
    /// What solved it, in the agent's words; becomes the resolution of a recorded ticket.
    #[serde(default)]
    pub summary: String,
    /// Keep a closed ticket for the record.
    #[serde(default)]
    pub record: bool,
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_started_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handover: Option<i64>,
}

/// The answer to [`CallSolved`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallSolvedAnswer {
    /// The closed ticket, when one was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<CallTicket>,
}

/// What a ticket records about the call it came from (in `TicketDetail::call`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallRecord {
    /// The agent who took the call.
    pub agent: Holder,
    pub notes: Vec<StepNote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<i64>,
    /// Whether the call took over a portal walk by handover code.
    pub handover: bool,
}

/// One of a caller's tickets, found by `GET /api/v1/calls/lookup?q=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallerTicket {
    pub id: i64,
    pub reference: String,
    pub status: Status,
    pub priority: Priority,
    pub tree: String,
    pub channel: String,
    pub contact_name: String,
    pub created_at: i64,
    pub updated_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<Holder>,
    /// Whether the one asking may open the ticket (agents: returned or held by them).
    pub can_open: bool,
}

/// `GET /api/v1/calls/lookup?q=`: the open tickets of a reference, an e-mail address
/// or a phone number (digits compared, spaces and signs ignored), newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallerTickets {
    /// What `q` was read as: `reference`, `email` or `phone`.
    pub matched_by: String,
    pub items: Vec<CallerTicket>,
}

/// A ticket the 2nd level returned to the 1st level, with what it asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnedTicket {
    #[serde(flatten)]
    pub item: QueueItem,
    /// The 2nd level's instructions given with the return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_by: Option<Holder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_at: Option<i64>,
    /// To call back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    pub language: String,
}

/// `GET /api/v1/calls/returned`: tickets returned to the 1st level (status `returned`)
/// and the returned ones the asking person holds now, oldest return first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnedTickets {
    pub items: Vec<ReturnedTicket>,
}

/// `POST /api/v1/handovers` (public): the portal user asks to talk to a person. The
/// walk so far goes to the server only now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HandoverRequest {
    pub tree: String,
    pub versions: BTreeMap<String, String>,
    /// The moves so far; the server replays them (the walk may stand anywhere).
    pub transcript: Vec<Step>,
    /// Browser diagnostics the user agreed to send.
    #[serde(default)]
    pub diagnostics: BTreeMap<String, String>,
    /// `de` or `en`.
    pub language: String,
}

/// The answer to [`HandoverRequest`]: what the caller reads aloud and what the page
/// keeps to follow the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandoverCreated {
    pub id: i64,
    /// Ten digits as shown: `482 193 5572`.
    pub code: String,
    /// Opens the caller's side of the session (`Authorization: Bearer`); shown once.
    pub token: String,
    /// Until when an agent can take the code, ms since the epoch.
    pub expires_at: i64,
    /// The support line to call, when the server has one configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub state: HandoverState,
}

/// Where a handover session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandoverStatus {
    /// The code waits for an agent.
    Waiting,
    /// An agent took the code; both sides move the same walk.
    Connected,
    /// The caller or the agent ended the session.
    Ended,
    /// The agent escalated: `ticket` is there.
    Escalated,
    /// The agent recorded the call as solved.
    Solved,
    /// Nobody took the code in time.
    Expired,
}

impl HandoverStatus {
    /// Whether the walk can still move.
    pub fn is_live(self) -> bool {
        matches!(self, HandoverStatus::Waiting | HandoverStatus::Connected)
    }
}

/// Who ended a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Caller,
    Agent,
}

/// The ticket a handover became; the caller sees reference and token, the agent the id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandoverTicket {
    pub reference: String,
    /// Only on the caller's side: opens the status page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Only on the agent's side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
}

/// A handover session as either side reads it: `GET /api/v1/handovers/{id}` (caller,
/// bearer token) and `GET /api/v1/calls/handovers/{id}` (the agent who took it). Both
/// accept `?after=N`: the answer waits (up to about 20 s) until the revision is past N.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandoverState {
    pub id: i64,
    /// Grows with every change (a move, connect, end).
    pub revision: i64,
    pub status: HandoverStatus,
    /// The agent's display name once connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// The walk as the server replayed it.
    pub walk: Walk,
    pub diagnostics: BTreeMap<String, String>,
    pub language: String,
    pub created_at: i64,
    pub expires_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_by: Option<Party>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<HandoverTicket>,
}

/// `PUT .../walk` by either side: the walk's moves as that side now has them, sent
/// with the revision it saw (a stale revision is a 409 with the current state in
/// `details`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HandoverMove {
    pub revision: i64,
    pub transcript: Vec<Step>,
}

/// `POST /api/v1/calls/handovers` (any staff role, CSRF): the agent types the code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HandoverClaim {
    pub code: String,
}

/// A handover code from 8 random bytes: ten digits (the modulo bias is below 10^-9).
pub fn handover_code_from(random: [u8; 8]) -> String {
    let n = u64::from_le_bytes(random) % 10_u64.pow(HANDOVER_CODE_DIGITS as u32);
    format!("{n:0width$}", width = HANDOVER_CODE_DIGITS)
}

/// What a person typed or said (`482 193 5572`, `482-193-5572`) as the stored ten
/// digits, or `None` if it cannot be a code.
pub fn normalize_handover_code(input: &str) -> Option<String> {
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == HANDOVER_CODE_DIGITS && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(digits)
}

/// Ten digits as shown and read aloud: `482 193 5572`.
pub fn display_handover_code(digits: &str) -> String {
    if digits.len() != HANDOVER_CODE_DIGITS || !digits.is_ascii() {
        return digits.to_owned();
    }
    format!("{} {} {}", &digits[..3], &digits[3..6], &digits[6..])
}

/// Phone numbers compared as people say them: the digits only (`+49 30 123-45` and
/// `0049 (30) 12345` differ, `030 12345` and `030/12345` do not).
pub fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ten_digits_and_read_back_in_any_grouping() {
        for seed in [[0u8; 8], [255; 8], [7, 1, 2, 3, 4, 5, 6, 9]] {
            let code = handover_code_from(seed);
            assert_eq!(code.len(), 10);
            assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}");
            let shown = display_handover_code(&code);
            assert_eq!(normalize_handover_code(&shown).as_deref(), Some(&*code));
        }
        assert_eq!(handover_code_from([0; 8]), "0000000000");
        assert_eq!(display_handover_code("4821935572"), "482 193 5572");
        assert_eq!(
            normalize_handover_code(" 482-193 5572 ").as_deref(),
            Some("4821935572")
        );
        assert_eq!(normalize_handover_code("482 193 557"), None);
        assert_eq!(normalize_handover_code("482 193 557a"), None);
        assert_eq!(normalize_handover_code("４82 193 5572"), None);
    }

    #[test]
    fn phones_compare_by_digits() {
        assert_eq!(phone_digits("+49 (30) 123-45"), "493012345");
        assert_eq!(phone_digits("030/12345"), phone_digits("030 12345"));
    }
}
