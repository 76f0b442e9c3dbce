//! Tree scenarios: walks written down beside a tree, each with the node it must end at.
//!
//! Validation proves a tree is well formed; scenarios prove it still leads where its
//! author meant after an edit. A scenario file `scenarios/<tree>.toml` in the tree folder
//! holds the scenarios of one tree (format in `docs/tree-format.md`):
//!
//! ```toml
//! [[scenario]]
//! name = "The wrong printer was selected"
//! ends = "wrong_printer"
//! steps = [
//!   { at = "start", answer = "Nothing comes out" },
//!   { at = "basics", helped = false },
//!   { at = "which_printer", answer = 1 },
//! ]
//! ```
//!
//! Each step names the node the walk must stand at (`node`, or `tree:node` after a
//! jump) and the move made there: `answer` (the label in any of the tree's languages, or
//! its number from 1), `helped`, `values`, or `outcome` (with an optional `value`). The
//! engine makes the moves, so a scenario passes exactly when a person clicking the same
//! answers would end at `ends`. Every way a tree can end must be the end of at least
//! one of its scenarios: each resolved and escalate node, and each step (which ends the
//! walk when it helped).

use crate::catalog::Catalog;
use crate::tree::Node;
use crate::validate::Problem;
use crate::walk::{Move, Place, Step, Walk};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The folder inside the tree folder that holds scenario files.
pub const SCENARIO_FOLDER: &str = "scenarios";

/// A scenario file: the scenarios of one tree.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    #[serde(default)]
    scenario: Vec<Scenario>,
}

/// A walk and the node it must end at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// Where the walk must end: `node` of the scenario's tree, or `tree:node`.
    pub ends: String,
    #[serde(default)]
    pub steps: Vec<ScenarioStep>,
}

/// One move of a scenario, and where the walk must stand when it is made.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioStep {
    pub at: String,
    pub answer: Option<AnswerChoice>,
    pub helped: Option<bool>,
    pub values: Option<BTreeMap<String, String>>,
    pub outcome: Option<String>,
    pub value: Option<String>,
}

/// An answer by its number (from 1, as shown on screen) or by its label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum AnswerChoice {
    Number(usize),
    Label(String),
}

/// Why a scenario failed: at which step (from 1; `None` for the end) and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub step: Option<usize>,
    pub message: String,
}

/// Reads a scenario file.
pub fn parse(text: &str) -> Result<Vec<Scenario>, (Option<usize>, String)> {
    toml::from_str::<ScenarioFile>(text)
        .map(|file| file.scenario)
        .map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            (line, e.message().to_owned())
        })
}

/// Walks `scenario` on `tree` with the engine; the walk if it ended where it must.
pub fn run(catalog: &Catalog, tree: &str, scenario: &Scenario) -> Result<Walk, Failure> {
    let fail = |step: Option<usize>, message: String| Failure { step, message };
    let mut walk = Walk::start(catalog, tree).map_err(|e| fail(None, e.to_string()))?;
    for (index, step) in scenario.steps.iter().enumerate() {
        let number = Some(index + 1);
        if walk.is_over() {
            return Err(fail(
                number,
                format!(
                    "the walk already ended at `{}`; remove this step and those after it",
                    shown(walk.place(), tree)
                ),
            ));
        }
        let want = place_of(&step.at, &walk.place().tree);
        if *walk.place() != want {
            return Err(fail(
                number,
                format!(
                    "the walk stands at `{}`, not at `{}`",
                    shown(walk.place(), tree),
                    step.at
                ),
            ));
        }
        let node = walk
            .node(catalog)
            .ok_or_else(|| fail(number, format!("no node `{}`", step.at)))?;
        let made = move_for(node, step).map_err(|message| fail(number, message))?;
        let place = walk.place().clone();
        let at = 1_760_000_000_000 + index as u64;
        walk.apply(
            catalog,
            Step {
                tree: place.tree,
                node: place.node,
                at,
                made,
            },
        )
        .map_err(|e| fail(number, e.to_string()))?;
    }
    let want = place_of(&scenario.ends, tree);
    if !walk.is_over() {
        return Err(fail(
            None,
            format!(
                "the walk has not ended: it stands at `{}`, short of `{}`; add the steps that lead there",
                shown(walk.place(), tree),
                scenario.ends
            ),
        ));
    }
    if *walk.place() != want {
        return Err(fail(
            None,
            format!(
                "the walk ended at `{}`, not at `{}`",
                shown(walk.place(), tree),
                scenario.ends
            ),
        ));
    }
    Ok(walk)
}

/// The ends of a tree that scenarios must reach: its resolved and escalate nodes, and
/// its steps (a step that helped ends the walk resolved there).
pub fn ends(catalog: &Catalog, tree: &str) -> Vec<String> {
    catalog
        .tree(tree)
        .map(|t| {
            t.nodes
                .iter()
                .filter(|(_, node)| {
                    matches!(
                        node,
                        Node::Resolved { .. } | Node::Escalate { .. } | Node::Step { .. }
                    )
                })
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Checks one scenario file of `tree`: it parses, every scenario passes, and together
/// they reach every end of the tree. Every problem is returned.
pub fn check(catalog: &Catalog, tree: &str, file: &str, text: &str) -> Vec<Problem> {
    let problem = |rule: &'static str, message: String| Problem {
        file: file.to_owned(),
        node: None,
        rule,
        message,
    };
    if catalog.tree(tree).is_none() {
        return vec![problem(
            "scenario-tree",
            format!("there is no tree `{tree}`; name the file after the tree it tests"),
        )];
    }
    let scenarios = match parse(text) {
        Ok(scenarios) => scenarios,
        Err((line, message)) => {
            return vec![Problem::parse(file, line, &message)];
        }
    };
    let mut problems = Vec::new();
    let mut reached = BTreeSet::new();
    let mut names = BTreeSet::new();
    for scenario in &scenarios {
        if !names.insert(scenario.name.as_str()) {
            problems.push(problem(
                "scenario-name",
                format!(
                    "two scenarios are named \"{}\"; give each its own name",
                    scenario.name
                ),
            ));
        }
        match run(catalog, tree, scenario) {
            Ok(walk) => {
                let end = walk.place();
                if end.tree == tree {
                    reached.insert(end.node.clone());
                }
            }
            Err(failure) => {
                let at = match failure.step {
                    Some(step) => format!("step {step}: "),
                    None => "end: ".to_owned(),
                };
                problems.push(problem(
                    "scenario",
                    format!("scenario \"{}\": {at}{}", scenario.name, failure.message),
                ));
            }
        }
    }
    let missing: Vec<String> = ends(catalog, tree)
        .into_iter()
        .filter(|end| !reached.contains(end))
        .collect();
    if !missing.is_empty() {
        problems.push(problem(
            "scenario-coverage",
            format!(
                "no scenario ends at {}; add one for each (`lotse draft-scenarios {tree}` writes drafts)",
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    problems
}

/// Turns a scenario step into the engine's move for `node`.
fn move_for(node: &Node, step: &ScenarioStep) -> Result<Move, String> {
    let given = [
        step.answer.is_some(),
        step.helped.is_some(),
        step.values.is_some(),
        step.outcome.is_some(),
    ]
    .iter()
    .filter(|g| **g)
    .count();
    if given != 1 {
        return Err(
            "give exactly one of `answer`, `helped`, `values` or `outcome` per step".to_owned(),
        );
    }
    match node {
        Node::Question { answers, .. } => {
            let Some(choice) = &step.answer else {
                return Err(format!("`{}` is a question: give `answer`", step.at));
            };
            let index = match choice {
                AnswerChoice::Number(n) if (1..=answers.len()).contains(n) => n - 1,
                AnswerChoice::Number(n) => {
                    return Err(format!(
                        "answer {n} does not exist; `{}` has answers 1 to {}",
                        step.at,
                        answers.len()
                    ));
                }
                AnswerChoice::Label(label) => answers
                    .iter()
                    .position(|a| a.label.0.values().any(|l| l.trim() == label.trim()))
                    .ok_or_else(|| format!("`{}` has no answer labelled \"{label}\"", step.at))?,
            };
            Ok(Move::Answer { index })
        }
        Node::Step { .. } => step
            .helped
            .map(|helped| Move::Helped { helped })
            .ok_or_else(|| format!("`{}` is a step: give `helped`", step.at)),
        Node::Input { .. } => step
            .values
            .clone()
            .map(|values| Move::Values { values })
            .ok_or_else(|| format!("`{}` is an input: give `values`", step.at)),
        Node::Check { .. } => step
            .outcome
            .clone()
            .map(|outcome| Move::Checked {
                value: step.value.clone().unwrap_or_else(|| outcome.clone()),
                outcome,
            })
            .ok_or_else(|| format!("`{}` is a check: give `outcome`", step.at)),
        _ => Err(format!("the walk never waits at `{}`", step.at)),
    }
}

/// `node` in the current tree, or `tree:node`.
fn place_of(written: &str, tree: &str) -> Place {
    match written.split_once(':') {
        Some((tree, node)) => Place {
            tree: tree.to_owned(),
            node: node.to_owned(),
        },
        None => Place {
            tree: tree.to_owned(),
            node: written.to_owned(),
        },
    }
}

/// How a scenario of `tree` writes `place`.
fn shown(place: &Place, tree: &str) -> String {
    if place.tree == tree {
        place.node.clone()
    } else {
        format!("{}:{}", place.tree, place.node)
    }
}

#[cfg(feature = "explore")]
pub use draft::draft;

#[cfg(feature = "explore")]
mod draft;
