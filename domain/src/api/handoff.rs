//! Hand-off bodies: what the portal sends when a walk escalates, and what end users
//! read and send about their ticket with its reference and access token.

use crate::ticket::{Priority, Status};
use crate::tree::Level;
use crate::walk::Step;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most attachments a hand-off or message may carry.
pub const MAX_ATTACHMENTS: usize = 3;
/// Largest attachment, in bytes (after base64 decoding).
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;
/// Longest description or message, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Most steps a transcript may have (the longest shipped path is far shorter).
pub const MAX_TRANSCRIPT_STEPS: usize = 500;
/// Most diagnostic values a hand-off may carry.
pub const MAX_DIAGNOSTICS: usize = 50;

/// `POST /api/v1/handoffs`, with an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HandoffRequest {
    /// The tree the walk started on.
    pub tree: String,
    /// Version of every tree the walk entered (`Walk::versions`).
    pub versions: BTreeMap<String, String>,
    /// The person's moves (`Walk::transcript`); the server replays them.
    pub transcript: Vec<Step>,
    /// Browser diagnostics the user agreed to send: name to value.
    #[serde(default)]
    pub diagnostics: BTreeMap<String, String>,
    pub contact: Contact,
    /// The user's own words.
    #[serde(default)]
    pub description: String,
    pub impact: Level,
    pub urgency: Level,
    /// The user's language (`de`, `en`), for replies.
    pub language: String,
    #[serde(default)]
    pub attachments: Vec<NewAttachment>,
}

/// How to reach the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A file sent with a hand-off or a message. The type is found from the content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAttachment {
    pub name: String,
    /// The bytes, standard base64.
    pub data: String,
}

/// The answer to a hand-off: what the user needs to follow it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandoffCreated {
    /// Short and unambiguous, to read out on the phone (`K7M4-QX9P`).
    pub reference: String,
    /// The secret that opens the status page; shown once, stored only as a hash.
    pub token: String,
    pub priority: Priority,
    /// When the SLA is due, in ms since the epoch.
    pub due_at: i64,
}

/// An attachment as listed (the bytes are fetched separately).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentInfo {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: i64,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Author {
    User,
    Staff,
}

/// Who can read a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The user sees it on the status page.
    Public,
    /// Staff only.
    Internal,
}

/// One message of a ticket's thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: i64,
    pub author: Author,
    /// The staff member's display name for staff messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    pub visibility: Visibility,
    pub body: String,
    pub created_at: i64,
    #[serde(default)]
    pub attachments: Vec<AttachmentInfo>,
}

/// A status change as the user sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub status: Status,
    pub at: i64,
}

/// `GET /api/v1/handoffs/{reference}` with the token: the user's view of the ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicTicket {
    pub reference: String,
    pub status: Status,
    pub tree: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub timeline: Vec<StatusChange>,
    /// Public replies and the user's own messages, oldest first.
    pub thread: Vec<Message>,
    pub attachments: Vec<AttachmentInfo>,
}

/// `POST /api/v1/handoffs/{reference}/messages`: the user adds information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserMessage {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub attachments: Vec<NewAttachment>,
}

/// `POST /api/v1/outcomes`: an anonymous walk outcome, for the deflection rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeEvent {
    pub tree: String,
    pub version: String,
    pub node: String,
    pub outcome: Outcome,
    /// The walk's node ids in `tree`, automatic ones included, ending at `node` (at
    /// most `MAX_PATH`): where the walk went, for the per-node figures. No answers, no
    /// values. Older portals send none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
}

/// How a walk ended without a hand-off, or what the person said of a solved one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A fresh walk shows its first node (sent once per walk).
    Started,
    Resolved,
    Abandoned,
    /// At a solved end, "was this guide helpful?": yes.
    Helpful,
    /// At a solved end, "was this guide helpful?": no.
    NotHelpful,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Started => "started",
            Outcome::Resolved => "resolved",
            Outcome::Abandoned => "abandoned",
            Outcome::Helpful => "helpful",
            Outcome::NotHelpful => "not_helpful",
        }
    }

    /// Whether the outcome belongs to a solved end (a resolved node, or a step that
    /// helped); `started` and `abandoned` may stand anywhere.
    pub fn at_solved_end(self) -> bool {
        matches!(
            self,
            Outcome::Resolved | Outcome::Helpful | Outcome::NotHelpful
        )
    }
}
