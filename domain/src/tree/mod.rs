//! The tree format: what one tree file holds. See `docs/tree-format.md` for the reference.
//!
//! These types mirror the file one to one so that parsing stays a plain serde
//! derive; everything a derive cannot express (references resolve, texts are
//! translated, facts are set before use) is checked in [`crate::validate`].

mod check;
mod condition;
pub mod field;
mod text;

pub use check::{CheckKind, OS_FAMILIES};
pub use condition::{Condition, Rule, Test};
pub use field::{Choice, Field, FieldError, FieldKind};
pub use text::Localized;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Facts gathered during a walk: name to value. Values are text; numeric conditions
/// parse them when they compare.
pub type Facts = BTreeMap<String, String>;

/// One decision tree, as written in its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Tree {
    /// Stable identifier, used in URLs and in `jump` nodes; equals the file name.
    pub id: String,
    /// Languages every text of the tree is written in; `de` and `en` at least.
    pub languages: Vec<String>,
    /// Category tile the tree is listed under on the landing page.
    pub category: String,
    pub title: Localized,
    pub description: Localized,
    /// Search words per language, beyond those in title and description.
    #[serde(default)]
    pub keywords: BTreeMap<String, Vec<String>>,
    /// Id of the node the walk starts at.
    pub start: String,
    pub nodes: BTreeMap<String, Node>,
}

impl Tree {
    /// The node with this id, if the tree has one.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id)
    }
}

/// ITIL impact or urgency of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    High,
    Medium,
    Low,
}

/// Whether an escalation asks for a contact detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Required,
    #[default]
    Optional,
    Hidden,
}

/// The contact details an escalation asks for. The name is always required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactNeeds {
    #[serde(default)]
    pub email: Need,
    #[serde(default)]
    pub phone: Need,
}

/// One answer of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub label: Localized,
    pub next: String,
}

/// The texts a node shows: the user text, the agent's phone script (`script`, what a
/// 1st-level agent reads or asks when it differs from `text`) and replacement texts per
/// operating system family (`variants`, keyed by [`OS_FAMILIES`]).
///
/// Every showing kind repeats these three keys in its variant instead of sharing a
/// flattened struct, because serde cannot reject unknown keys through `flatten`, and a
/// typo in a tree file must be an error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prompt<'a> {
    pub text: &'a Localized,
    pub script: Option<&'a Localized>,
    pub variants: &'a BTreeMap<String, Localized>,
}

/// A node of a tree. The `kind` key in the file selects the variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Node {
    /// A question with answers; each answer leads to a node.
    Question {
        text: Localized,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        script: Option<Localized>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        variants: BTreeMap<String, Localized>,
        answers: Vec<Answer>,
    },
    /// Something to try, then "did it help?": yes ends the walk resolved, no goes to `next`.
    Step {
        text: Localized,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        script: Option<Localized>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        variants: BTreeMap<String, Localized>,
        next: String,
    },
    /// Typed fields whose values become facts named after the fields.
    Input {
        text: Localized,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        script: Option<Localized>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        variants: BTreeMap<String, Localized>,
        fields: Vec<Field>,
        next: String,
    },
    /// An automatic browser diagnostic; its outcome picks the branch, its value becomes a fact.
    Check {
        text: Localized,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        script: Option<Localized>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        variants: BTreeMap<String, Localized>,
        #[cfg_attr(feature = "openapi", schema(value_type = String))]
        check: CheckKind,
        /// The address probed by `reach`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        /// Values counted as `expected` by `timezone` and `language`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        expect: Vec<String>,
        /// Name of the fact the value is stored as; defaults to the check's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fact: Option<String>,
        /// Outcome to next node.
        #[serde(default)]
        outcomes: BTreeMap<String, String>,
        /// Next node for every outcome not listed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        otherwise: Option<String>,
    },
    /// Conditions on earlier facts; the first rule that matches wins.
    Branch { rules: Vec<Rule>, otherwise: String },
    /// A solution; ends the walk resolved.
    Resolved {
        text: Localized,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        script: Option<Localized>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        variants: BTreeMap<String, Localized>,
    },
    /// Ends the walk with a hand-off to 2nd-level staff.
    Escalate {
        text: Localized,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        script: Option<Localized>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        variants: BTreeMap<String, Localized>,
        queue: String,
        impact: Level,
        urgency: Level,
        #[serde(default)]
        contact: ContactNeeds,
    },
    /// Continues at the start of another tree.
    Jump { tree: String },
}

impl Node {
    /// The node's texts, for kinds that show something.
    pub fn prompt(&self) -> Option<Prompt<'_>> {
        match self {
            Node::Question {
                text,
                script,
                variants,
                ..
            }
            | Node::Step {
                text,
                script,
                variants,
                ..
            }
            | Node::Input {
                text,
                script,
                variants,
                ..
            }
            | Node::Check {
                text,
                script,
                variants,
                ..
            }
            | Node::Resolved {
                text,
                script,
                variants,
            }
            | Node::Escalate {
                text,
                script,
                variants,
                ..
            } => Some(Prompt {
                text,
                script: script.as_ref(),
                variants,
            }),
            Node::Branch { .. } | Node::Jump { .. } => None,
        }
    }

    /// The kind's name as written in files.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Node::Question { .. } => "question",
            Node::Step { .. } => "step",
            Node::Input { .. } => "input",
            Node::Check { .. } => "check",
            Node::Branch { .. } => "branch",
            Node::Resolved { .. } => "resolved",
            Node::Escalate { .. } => "escalate",
            Node::Jump { .. } => "jump",
        }
    }

    /// Ids of the nodes of the same tree this node can lead to, in file order.
    pub fn successors(&self) -> Vec<&str> {
        match self {
            Node::Question { answers, .. } => answers.iter().map(|a| a.next.as_str()).collect(),
            Node::Step { next, .. } | Node::Input { next, .. } => vec![next.as_str()],
            Node::Check {
                outcomes,
                otherwise,
                ..
            } => outcomes
                .values()
                .map(String::as_str)
                .chain(otherwise.as_deref())
                .collect(),
            Node::Branch { rules, otherwise } => rules
                .iter()
                .map(|r| r.next.as_str())
                .chain(std::iter::once(otherwise.as_str()))
                .collect(),
            Node::Resolved { .. } | Node::Escalate { .. } | Node::Jump { .. } => Vec::new(),
        }
    }

    /// Facts this node sets for every walk that passes it.
    pub fn sets_facts(&self) -> Vec<String> {
        match self {
            Node::Input { fields, .. } => fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name.clone())
                .collect(),
            Node::Check { check, fact, .. } => {
                vec![fact.clone().unwrap_or_else(|| check.name().to_owned())]
            }
            _ => Vec::new(),
        }
    }
}

/// A parse failure of one tree file, with the position TOML reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
}

/// Reads one tree file. Shape errors (unknown keys, wrong types) come back with their line.
pub fn parse(text: &str) -> Result<Tree, ParseError> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        ParseError {
            message: e.message().trim().to_owned(),
            line,
        }
    })
}
