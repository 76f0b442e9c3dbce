//! The walk engine: a user's way through one or more trees.
//!
//! A [`Walk`] is plain data (it is kept in the browser's storage and sent with a
//! hand-off). Every move is checked against the tree in the [`Catalog`]; a refused move
//! leaves the walk as it was. Branch and jump nodes are passed automatically, so the
//! transcript holds only what a person did: answers, "did it help?", field values and
//! check results. Everything else (position, facts, path, end) follows from the
//! transcript, which is why [`replay`] can rebuild a walk from it and why going back is
//! "replay one step less".

mod erase;
mod error;
#[cfg(feature = "explore")]
pub mod explore;
mod remaining;

pub use error::{MoveError, ReplayError};
pub use remaining::remaining;

use crate::catalog::Catalog;
use crate::tree::{Facts, Node};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest detail a check may report; checks describe, they do not upload.
pub const MAX_CHECK_VALUE: usize = 500;

/// A node in a tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub tree: String,
    pub node: String,
}

/// One move a person made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Step {
    pub tree: String,
    pub node: String,
    /// When it happened, in milliseconds since the Unix epoch (the caller's clock).
    pub at: u64,
    #[serde(flatten)]
    pub made: Move,
}

/// What was done at a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "move", rename_all = "snake_case")]
pub enum Move {
    /// Picked the answer at this index of a question.
    Answer { index: usize },
    /// Said whether a step helped.
    Helped { helped: bool },
    /// Filled the fields of an input node.
    Values { values: BTreeMap<String, String> },
    /// The browser ran the check of a check node.
    Checked { outcome: String, value: String },
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum End {
    /// At a resolved node, or at a step that helped.
    Resolved,
    /// At an escalate node: a hand-off is due.
    Escalated,
}

/// A walk's state. Only `tree` and `transcript` are the walk; the rest is derived from
/// them and kept so that readers need not replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Walk {
    /// The tree the walk started on.
    pub tree: String,
    /// Version of every tree the walk has entered.
    pub versions: BTreeMap<String, String>,
    pub transcript: Vec<Step>,
    pub facts: Facts,
    /// Every node passed, automatic ones included; the last is where the walk stands.
    pub path: Vec<Place>,
    pub end: Option<End>,
}

impl Walk {
    /// A walk at the start of `tree` (after any branch or jump nodes at its start).
    pub fn start(catalog: &Catalog, tree: &str) -> Result<Walk, MoveError> {
        let version = catalog
            .version(tree)
            .ok_or_else(|| MoveError::UnknownTree {
                tree: tree.to_owned(),
            })?;
        let start =
            catalog
                .tree(tree)
                .map(|t| t.start.clone())
                .ok_or_else(|| MoveError::UnknownTree {
                    tree: tree.to_owned(),
                })?;
        let mut walk = Walk {
            tree: tree.to_owned(),
            versions: BTreeMap::from([(tree.to_owned(), version.to_owned())]),
            transcript: Vec::new(),
            facts: Facts::new(),
            path: Vec::new(),
            end: None,
        };
        walk.enter(
            catalog,
            Place {
                tree: tree.to_owned(),
                node: start,
            },
        )?;
        Ok(walk)
    }

    /// Where the walk stands.
    pub fn place(&self) -> &Place {
        // A walk always has a place: `start` enters one before returning.
        &self.path[self.path.len() - 1]
    }

    /// The node the walk stands at.
    pub fn node<'c>(&self, catalog: &'c Catalog) -> Option<&'c Node> {
        let place = self.place();
        catalog.tree(&place.tree)?.node(&place.node)
    }

    pub fn is_over(&self) -> bool {
        self.end.is_some()
    }

    /// Makes a move. On error the walk is unchanged.
    pub fn apply(&mut self, catalog: &Catalog, step: Step) -> Result<(), MoveError> {
        if self.end.is_some() {
            return Err(MoveError::Over);
        }
        let here = self.place().clone();
        if step.tree != here.tree || step.node != here.node {
            return Err(MoveError::NotHere { expected: here });
        }
        let node = self.node(catalog).ok_or_else(|| MoveError::UnknownNode {
            place: here.clone(),
        })?;
        let mut facts = self.facts.clone();
        let next = match (node, &step.made) {
            (Node::Question { answers, .. }, Move::Answer { index }) => {
                let answer = answers.get(*index).ok_or(MoveError::NoSuchAnswer {
                    index: *index,
                    answers: answers.len(),
                })?;
                Some(answer.next.clone())
            }
            (Node::Step { .. }, Move::Helped { helped: true }) => None,
            (Node::Step { next, .. }, Move::Helped { helped: false }) => Some(next.clone()),
            (Node::Input { fields, next, .. }, Move::Values { values }) => {
                if let Some(unknown) = values
                    .keys()
                    .find(|k| !fields.iter().any(|f| &f.name == *k))
                {
                    return Err(MoveError::UnknownField {
                        field: unknown.clone(),
                    });
                }
                for field in fields {
                    let value = values.get(&field.name).map(String::as_str).unwrap_or("");
                    field
                        .check(value)
                        .map_err(|error| MoveError::InvalidValue {
                            field: field.name.clone(),
                            error,
                        })?;
                    let value = value.trim();
                    if value.is_empty() {
                        facts.remove(&field.name);
                    } else {
                        facts.insert(field.name.clone(), value.to_owned());
                    }
                }
                Some(next.clone())
            }
            (
                Node::Check {
                    check,
                    fact,
                    outcomes,
                    otherwise,
                    ..
                },
                Move::Checked { outcome, value },
            ) => {
                if !check.outcomes().contains(&outcome.as_str()) {
                    return Err(MoveError::UnknownOutcome {
                        outcome: outcome.clone(),
                        outcomes: check.outcomes().iter().map(|o| o.to_string()).collect(),
                    });
                }
                if value.chars().count() > MAX_CHECK_VALUE {
                    return Err(MoveError::ValueTooLong {
                        max: MAX_CHECK_VALUE,
                    });
                }
                let next = outcomes
                    .get(outcome)
                    .or(otherwise.as_ref())
                    .ok_or_else(|| MoveError::UnknownOutcome {
                        outcome: outcome.clone(),
                        outcomes: outcomes.keys().cloned().collect(),
                    })?;
                facts.insert(
                    fact.clone().unwrap_or_else(|| check.name().to_owned()),
                    outcome.clone(),
                );
                Some(next.clone())
            }
            (node, _) => {
                return Err(MoveError::WrongMove {
                    kind: node.kind_name().to_owned(),
                });
            }
        };
        // Advance a copy so that a failure further on leaves `self` untouched.
        let mut moved = self.clone();
        moved.facts = facts;
        moved.transcript.push(step);
        match next {
            None => moved.end = Some(End::Resolved),
            Some(node) => moved.enter(
                catalog,
                Place {
                    tree: here.tree,
                    node,
                },
            )?,
        }
        *self = moved;
        Ok(())
    }

    /// Steps onto `place` and passes automatic nodes until one needs a person or ends
    /// the walk.
    fn enter(&mut self, catalog: &Catalog, mut place: Place) -> Result<(), MoveError> {
        // Validation forbids cycles, but a trusted catalog is not validated: bound the
        // automatic moves by the number of nodes there are.
        let mut budget: usize = catalog.entries().map(|e| e.tree.nodes.len()).sum::<usize>() + 1;
        loop {
            let node = catalog
                .tree(&place.tree)
                .and_then(|t| t.node(&place.node))
                .ok_or_else(|| MoveError::UnknownNode {
                    place: place.clone(),
                })?;
            self.path.push(place.clone());
            budget = budget.checked_sub(1).ok_or(MoveError::Loop)?;
            match node {
                Node::Branch { rules, otherwise } => {
                    let next = rules
                        .iter()
                        .find(|r| r.when.holds(&self.facts))
                        .map_or(otherwise, |r| &r.next);
                    place = Place {
                        tree: place.tree,
                        node: next.clone(),
                    };
                }
                Node::Jump { tree } => {
                    let target = catalog
                        .entry(tree)
                        .ok_or_else(|| MoveError::UnknownTree { tree: tree.clone() })?;
                    self.versions.insert(tree.clone(), target.version.clone());
                    place = Place {
                        tree: tree.clone(),
                        node: target.tree.start.clone(),
                    };
                }
                Node::Resolved { .. } => {
                    self.end = Some(End::Resolved);
                    return Ok(());
                }
                Node::Escalate { .. } => {
                    self.end = Some(End::Escalated);
                    return Ok(());
                }
                Node::Question { .. }
                | Node::Step { .. }
                | Node::Input { .. }
                | Node::Check { .. } => {
                    return Ok(());
                }
            }
        }
    }

    /// Takes back the last move.
    pub fn back(&mut self, catalog: &Catalog) -> Result<(), MoveError> {
        let keep = self
            .transcript
            .len()
            .checked_sub(1)
            .ok_or(MoveError::AtStart)?;
        self.back_to(catalog, keep)
    }

    /// Keeps only the first `moves` moves: the walk returns to where it stood then.
    pub fn back_to(&mut self, catalog: &Catalog, moves: usize) -> Result<(), MoveError> {
        let steps = self
            .transcript
            .get(..moves)
            .ok_or(MoveError::AtStart)?
            .to_vec();
        *self = replay(catalog, &self.tree, &steps).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Rebuilds a walk from its transcript, checking every move. Returns the walk (its
/// `end` and `place` say where it ended) or the first step that is not a legal move.
pub fn replay(catalog: &Catalog, tree: &str, transcript: &[Step]) -> Result<Walk, ReplayError> {
    let mut walk = Walk::start(catalog, tree).map_err(|error| ReplayError { step: 0, error })?;
    for (i, step) in transcript.iter().enumerate() {
        walk.apply(catalog, step.clone())
            .map_err(|error| ReplayError { step: i, error })?;
    }
    Ok(walk)
}
