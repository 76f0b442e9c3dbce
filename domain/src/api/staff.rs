//! Staff bodies: accounts, sessions, the queue and the ticket detail.

use crate::ticket::{Action, Priority, Status};
use crate::tree::Level;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{AttachmentInfo, Contact, Message};

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 1st level: guides calls, takes returned tickets.
    Agent,
    /// 2nd level: works the hand-off queue.
    Specialist,
    /// Manages accounts, queues and settings; can do what specialists do.
    Admin,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Specialist => "specialist",
            Role::Admin => "admin",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        [Role::Agent, Role::Specialist, Role::Admin]
            .into_iter()
            .find(|r| r.name() == name)
    }
}

/// `POST /api/v1/session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub login: String,
    pub password: String,
}

/// The signed-in staff member, and the CSRF token to send as `X-CSRF-Token` with every
/// state-changing request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub staff: StaffMember,
    pub csrf: String,
}

/// A staff account as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub queues: Vec<String>,
    pub active: bool,
    pub must_change_password: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen_at: Option<i64>,
}

/// `POST /api/v1/staff` (admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStaff {
    pub login: String,
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub queues: Vec<String>,
    /// The first password; the person must change it at first login.
    pub password: String,
}

/// `PATCH /api/v1/staff/{id}` (admin): only the given fields change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffChange {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub queues: Option<Vec<String>>,
    #[serde(default)]
    pub active: Option<bool>,
    /// Sets a temporary password the person must change at next login.
    #[serde(default)]
    pub reset_password: Option<String>,
}

/// `POST /api/v1/session/password`: the signed-in person changes their password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub id: i64,
    pub reference: String,
    pub status: Status,
    pub priority: Priority,
    pub queue: String,
    pub tree: String,
    pub escalated_at_node: String,
    pub channel: String,
    pub contact_name: String,
    pub created_at: i64,
    pub due_at: i64,
    pub updated_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<Holder>,
    pub revision: i64,
}

/// Who holds a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holder {
    pub id: i64,
    pub name: String,
}

/// `GET /api/v1/queue`: a page of the queue, most urgent first, and the cursor of the
/// next page if there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// One entry of a ticket's audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Holder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<serde_json::Value>,
    pub at: i64,
}

/// `GET /api/v1/tickets/{id}`: everything staff need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketDetail {
    #[serde(flatten)]
    pub item: QueueItem,
    pub tree_version: String,
    pub impact: Level,
    pub urgency: Level,
    pub contact: Contact,
    pub description: String,
    pub language: String,
    /// The walk as replayed on the stored tree version (`domain::Walk`).
    pub walk: crate::walk::Walk,
    pub diagnostics: BTreeMap<String, String>,
    pub attachments: Vec<AttachmentInfo>,
    pub thread: Vec<Message>,
    pub audit: Vec<AuditEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap_node: Option<String>,
    /// When the personal data were erased (on request or after the retention time),
    /// if they were: contact, description, messages, files and typed values are gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erased_at: Option<i64>,
    /// For tickets made on a phone call: the agent, the notes per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<super::CallRecord>,
    /// What the current user may do now.
    pub actions: Vec<Action>,
}

/// `GET /api/v1/tickets/{id}/export`: everything stored about a ticket, for a person's
/// request to see their data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketExport {
    /// When the export was made, ms since the Unix epoch.
    pub exported_at: i64,
    pub ticket: TicketDetail,
    /// Every file of the ticket and its messages, with its content.
    pub files: Vec<ExportedFile>,
}

/// A file in an export; `data` is base64 (standard alphabet, padded).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedFile {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub data: String,
}

/// `GET`/`PUT /api/v1/settings/retention`: after how many days the personal data of
/// resolved and closed tickets are erased; `None` keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RetentionSettings {
    pub days: Option<u32>,
}

/// `POST /api/v1/tickets/{id}/transition`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    pub action: Action,
    /// The revision the client saw; a stale view gets 409 instead of overwriting.
    #[serde(default)]
    pub revision: Option<i64>,
    /// For `assign`: the new holder.
    #[serde(default)]
    pub assignee: Option<i64>,
    /// For `resolve`: the resolution; for `return_to_first_level`: the instructions.
    #[serde(default)]
    pub text: Option<String>,
    /// For `resolve`: the tree node where the tree should have helped.
    #[serde(default)]
    pub gap_node: Option<String>,
}

/// `POST /api/v1/tickets/{id}/messages` (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffMessage {
    pub body: String,
    pub visibility: super::Visibility,
}

/// One item of the live event stream (`GET /api/v1/events`, Server-Sent Events).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveEvent {
    pub id: i64,
    /// `ticket_created`, `ticket_claimed`, `ticket_changed`.
    pub kind: String,
    pub ticket_id: Option<i64>,
    pub at: i64,
    pub payload: serde_json::Value,
}
