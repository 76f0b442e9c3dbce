//! `GET /api/v1/gaps`: "tree gaps", the resolutions that named a node where the tree
//! should have helped (`gap_node` of a resolved ticket), grouped by (tree, node) with
//! their texts, so an author sees which branch is missing.

use super::Holder;
use crate::ticket::Status;
use crate::tree::Localized;
use serde::{Deserialize, Serialize};

/// Period in days unless `days` says otherwise.
pub const GAPS_DEFAULT_DAYS: u32 = 90;
/// Longest period, in days.
pub const GAPS_MAX_DAYS: u32 = 365;
/// Resolutions listed per group unless `limit` says otherwise.
pub const GAPS_DEFAULT_LIMIT: u32 = 10;
/// Most resolutions listed per group.
pub const GAPS_MAX_LIMIT: u32 = 50;
/// Most groups in one answer (the rest is counted in `total_groups`).
pub const GAPS_MAX_GROUPS: usize = 100;

/// The gaps of the last `days` days, most named node first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeGaps {
    /// When the list was read, ms since the Unix epoch.
    pub at: i64,
    pub days: u32,
    /// The tree asked for, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tree: Option<String>,
    /// Resolutions listed per group at most.
    pub limit: u32,
    /// Groups in the period; `groups` holds the first [`GAPS_MAX_GROUPS`].
    pub total_groups: usize,
    /// By count (most first), then by the newest resolution (newest first).
    pub groups: Vec<GapGroup>,
}

/// The resolutions that named one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapGroup {
    pub tree: String,
    pub node: String,
    /// The tree's title in every language it has (empty when no stored version of the
    /// tree is left).
    pub tree_title: Localized,
    /// The node's kind (`question`, `step`, …), as written in tree files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_kind: Option<String>,
    /// The node's text (Markdown) in every language it has; `None` for nodes that show
    /// nothing (branch, jump) or when no stored version has the node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_text: Option<Localized>,
    /// The tree version the texts come from: the one served now when it has the node,
    /// else the version the group's newest ticket was walked on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Whether the tree version served now still has the node. `false`: it was removed
    /// (or renamed) since, or the tree is no longer served.
    pub served: bool,
    /// Resolutions in the period that named the node.
    pub count: i64,
    /// When the newest of them was resolved, ms since the Unix epoch.
    pub newest_at: i64,
    /// The newest first, at most `limit` of them.
    pub resolutions: Vec<GapResolution>,
}

/// One resolution that named the node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapResolution {
    pub ticket: i64,
    pub reference: String,
    /// The resolution text. Erasure keeps it (it is the knowledge loop's material,
    /// written by staff for the solution, see `store/erase.rs`), so it is shown for
    /// erased tickets too.
    pub resolution: String,
    pub resolved_at: i64,
    /// Who resolved it (from the audit trail); `None` if the entry is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<Holder>,
    /// The ticket's status now: `resolved` or `closed` (reopening forgets the gap).
    pub status: Status,
    /// When the ticket's personal data were erased, if they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erased_at: Option<i64>,
}
