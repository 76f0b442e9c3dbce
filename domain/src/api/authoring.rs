//! Bodies of tree authoring: an admin uploads a tree file's text as a draft (validated
//! like `lotse check-trees`, in the context of the served trees), previews it, sees its
//! difference to the published version, and publishes it. Every published version
//! stays readable for the tickets walked on it.

use crate::diff::TreeDiff;
use crate::tree::Tree;
use serde::{Deserialize, Serialize};

/// Largest tree source an upload may carry, in bytes.
pub const MAX_SOURCE_BYTES: usize = 256 * 1024;

/// Drafts one tree may have at a time; discard one to upload another.
pub const MAX_DRAFTS_PER_TREE: usize = 10;

/// `POST /api/v1/tree-drafts`: one tree file's text (TOML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftUpload {
    pub source: String,
}

/// One broken rule of an upload. In the 422 answer's `details.problems`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceProblem {
    /// The file the problem is in: the upload's `<id>.toml`, or another served tree's.
    pub file: String,
    /// 1-based line, for syntax and shape errors.
    pub line: Option<usize>,
    pub node: Option<String>,
    /// Rule name, as `lotse check-trees` prints it (`parse`, `dangling-reference`...).
    pub rule: String,
    pub message: String,
}

/// `details` of a 422 answer to an upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftProblems {
    pub problems: Vec<SourceProblem>,
}

/// A validated upload, not served yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draft {
    pub id: i64,
    pub tree_id: String,
    /// The content hash the tree gets when published.
    pub version: String,
    pub tree: Tree,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Name of the admin who uploaded it.
    pub created_by: String,
    /// The version published now (`None`: the tree is new); send it as `replaces`.
    pub published: Option<String>,
    /// From the published version to this draft.
    pub diff: TreeDiff,
}

/// `POST /api/v1/tree-drafts/{id}/publish`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishRequest {
    /// The published version this draft replaces (`Draft::published`); 409 `stale`
    /// when another version was published since.
    pub replaces: Option<String>,
}

/// Answer to a publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Published {
    pub tree_id: String,
    pub version: String,
    pub published_at: i64,
}

/// One publication of a tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionEntry {
    pub version: String,
    pub published_at: i64,
    /// Name of the admin who published it; `None`: read from the tree folder.
    pub published_by: Option<String>,
    /// The version served now.
    pub served: bool,
}

/// A draft in a tree's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftSummary {
    pub id: i64,
    pub version: String,
    pub created_at: i64,
    pub created_by: String,
}

/// `GET /api/v1/trees/{id}/history`: publications newest first, and open drafts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeHistory {
    pub tree_id: String,
    pub versions: Vec<VersionEntry>,
    pub drafts: Vec<DraftSummary>,
}
