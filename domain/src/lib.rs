//! Lotse's domain: the decision-tree format, its validation, the walk engine and the
//! types that cross the HTTP boundary.
//!
//! # Layout
//! - [`tree`]: what a tree file says (nodes, answers, fields, checks, conditions), parsed
//!   from TOML with [`tree::parse`].
//! - [`catalog`]: a validated set of trees and queues; the only way to get one is through
//!   [`catalog::Catalog::build`], which runs every rule in [`validate`].
//! - [`walk`]: the engine. A [`walk::Walk`] is plain serialisable state (transcript, facts,
//!   position); every move is checked against the tree, and [`walk::replay`] rebuilds a walk
//!   from its transcript so the server never trusts the client's account of it.
//! - [`markdown`]: the safe Markdown subset of tree texts, parsed to a tree of blocks that
//!   front ends render as elements, never as HTML.
//! - [`scenario`]: walks written beside a tree with the node each must end at (tree
//!   tests for authors); [`graph`]: a tree as a Mermaid flowchart for review.
//! - [`diff`]: what changed between two versions of a tree (tree authoring).
//! - [`fold`]: text folded for search (case, accents, umlauts), shared by the portal's
//!   topic search and the staff search.
//! - [`number`]: decimal numbers as people type them, read the same in browser and server.
//! - [`ticket`]: the ticket workflow (a state machine), ITIL priority, references.
//! - [`api`]: request and response bodies of the HTTP API.
//! - [`attachment`]: which files a hand-off may carry (count, size, kinds by content).
//!
//! This crate does no I/O and has no clock: callers pass file contents in and timestamps
//! along with each move. It never depends on leptos, sqlx or tokio.

pub mod api;
pub mod attachment;
pub mod catalog;
pub mod diff;
pub mod fold;
pub mod graph;
pub mod markdown;
pub mod number;
pub mod scenario;
pub mod ticket;
pub mod tree;
pub mod validate;
pub mod walk;

pub use catalog::Catalog;
pub use tree::{Node, Tree};
pub use walk::{Walk, replay};
