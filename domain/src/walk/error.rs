//! Why a move is refused.

use super::Place;
use crate::tree::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A move the tree does not allow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum MoveError {
    /// The walk has ended.
    Over,
    /// Nothing to take back.
    AtStart,
    /// The move names another node than the one the walk stands at.
    NotHere {
        expected: Place,
    },
    /// The move does not fit the node's kind (an answer at a step, ...).
    WrongMove {
        kind: String,
    },
    NoSuchAnswer {
        index: usize,
        answers: usize,
    },
    UnknownField {
        field: String,
    },
    InvalidValue {
        field: String,
        error: FieldError,
    },
    UnknownOutcome {
        outcome: String,
        outcomes: Vec<String>,
    },
    ValueTooLong {
        max: usize,
    },
    UnknownTree {
        tree: String,
    },
    UnknownNode {
        place: Place,
    },
    /// Automatic nodes led round in a circle (only possible in an unvalidated tree).
    Loop,
}

impl fmt::Display for MoveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoveError::Over => write!(f, "the walk has already ended"),
            MoveError::AtStart => write!(f, "there is no earlier step"),
            MoveError::NotHere { expected } => {
                write!(
                    f,
                    "the walk stands at node `{}` of tree `{}`",
                    expected.node, expected.tree
                )
            }
            MoveError::WrongMove { kind } => write!(f, "this move does not fit a `{kind}` node"),
            MoveError::NoSuchAnswer { index, answers } => {
                write!(
                    f,
                    "answer {index} does not exist; the question has {answers}"
                )
            }
            MoveError::UnknownField { field } => write!(f, "the node has no field `{field}`"),
            MoveError::InvalidValue { field, error } => {
                write!(f, "field `{field}` breaks rule {error:?}")
            }
            MoveError::UnknownOutcome { outcome, outcomes } => {
                write!(
                    f,
                    "outcome `{outcome}` is not one of: {}",
                    outcomes.join(", ")
                )
            }
            MoveError::ValueTooLong { max } => {
                write!(f, "a check value may have at most {max} characters")
            }
            MoveError::UnknownTree { tree } => write!(f, "tree `{tree}` does not exist"),
            MoveError::UnknownNode { place } => {
                write!(f, "tree `{}` has no node `{}`", place.tree, place.node)
            }
            MoveError::Loop => write!(f, "the tree loops without asking anything"),
        }
    }
}

impl std::error::Error for MoveError {}

/// The first step of a transcript that is not a legal move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplayError {
    /// Index of the step in the transcript.
    pub step: usize,
    pub error: MoveError,
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "step {}: {}", self.step, self.error)
    }
}

impl std::error::Error for ReplayError {}
