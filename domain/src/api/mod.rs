//! Bodies of the HTTP API, shared by the server (which produces them) and the browser
//! app (which consumes them). Plain data, no behaviour.

use crate::tree::{Localized, Tree};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Path prefix of every API route.
pub const API: &str = "/api/v1";

/// One tree in the list on the landing page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeSummary {
    pub id: String,
    pub version: String,
    pub category: String,
    pub languages: Vec<String>,
    pub title: Localized,
    pub description: Localized,
    pub keywords: BTreeMap<String, Vec<String>>,
}

/// A category tile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub id: String,
    pub name: Localized,
}

/// `GET /api/v1/trees`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeList {
    pub trees: Vec<TreeSummary>,
    pub categories: Vec<Category>,
}

/// A tree with its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionedTree {
    pub version: String,
    pub tree: Tree,
}

/// `GET /api/v1/trees/{id}`: the tree first, then every tree it can jump to, so the
/// browser can walk to the end without asking again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeBundle {
    pub trees: Vec<VersionedTree>,
}

/// The one error shape of the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    /// Stable, machine-readable: `not_found`, `invalid_field`, ...
    pub code: String,
    /// For people, in English.
    pub message: String,
    /// The field the error is about, where there is one (`contact.email`, `transcript[3]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The rule the field breaks, where there is one (`required`, `max_length`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// More about the error where it helps the client act: who holds a ticket, which
    /// actions are legal, which transcript step failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

mod analytics;
mod authoring;
mod call;
mod gaps;
mod handoff;
mod staff;
mod team;

pub use analytics::*;
pub use authoring::*;
pub use call::*;
pub use gaps::*;
pub use handoff::*;
pub use staff::*;
pub use team::*;
