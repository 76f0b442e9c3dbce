//! Tree analytics (`GET /api/v1/trees/{id}/analytics`, `GET /api/v1/analytics`): how
//! walks on a tree went, per tree and per node, and the arithmetic behind the figures.
//!
//! # Definitions
//! - started: walks that began (the portal's `started` event; a phone call counts when
//!   it ends, since the console reports nothing at its start).
//! - resolved: `resolved` outcomes (portal, and phone "solved on the call").
//! - escalated: tickets handed off from the tree (portal and phone hand-offs; not the
//!   closed record ticket of a call solved on the phone).
//! - abandoned: `abandoned` outcomes.
//! - finished = resolved + escalated + abandoned; deflection = resolved / finished.
//! - Per node: reached (finished walks whose path went through the node), and the
//!   walks that ended there resolved, escalated or abandoned.
//! - Hot spots: the nodes where the most walks escalate or stop (escalated + abandoned).
//!
//! A walk counts for the tree it ended in (a walk that jumps to another tree and ends
//! there counts there, with the nodes it passed in that tree). Figures of all versions
//! of a tree are summed by node id. Everything is anonymous: the events carry no
//! answers, no values and no person.

use crate::tree::{Localized, Tree};
use crate::walk::Walk;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The period when none is asked for, in days.
pub const DEFAULT_DAYS: u32 = 30;
/// The longest period, in days.
pub const MAX_DAYS: u32 = 365;
/// Most node ids an outcome event's path may hold (as many as a transcript's steps).
pub const MAX_PATH: usize = 500;
/// How many hot spots a tree's figures name.
pub const HOT_SPOTS: usize = 3;

/// How the walks of a tree (or the walks ending at a node) went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Totals {
    pub started: u64,
    pub resolved: u64,
    pub escalated: u64,
    pub abandoned: u64,
    /// resolved + escalated + abandoned.
    pub finished: u64,
    /// resolved / finished, 0.0 to 1.0; none when no walk finished.
    pub deflection: Option<f64>,
}

impl Totals {
    pub fn new(started: u64, resolved: u64, escalated: u64, abandoned: u64) -> Totals {
        let finished = resolved + escalated + abandoned;
        Totals {
            started,
            resolved,
            escalated,
            abandoned,
            finished,
            deflection: deflection(resolved, finished),
        }
    }
}

/// Resolved walks among finished ones; none when nothing finished.
pub fn deflection(resolved: u64, finished: u64) -> Option<f64> {
    (finished > 0).then(|| resolved as f64 / finished as f64)
}

/// One node's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NodeFigures {
    pub node: String,
    /// Finished walks whose path went through the node.
    pub reached: u64,
    /// Walks that ended at the node: solved,
    pub resolved: u64,
    /// handed off,
    pub escalated: u64,
    /// or left.
    pub abandoned: u64,
}

impl NodeFigures {
    /// Walks that escalated or stopped here: what makes a hot spot.
    pub fn stopped(&self) -> u64 {
        self.escalated + self.abandoned
    }
}

/// `GET /api/v1/trees/{id}/analytics?days=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeAnalytics {
    pub tree: String,
    /// The version served now (the graph draws it).
    pub version: String,
    pub days: u32,
    /// Start of the period, ms since the Unix epoch.
    pub since: i64,
    pub totals: Totals,
    /// Nodes with any figure, by id; nodes of older versions included.
    pub nodes: Vec<NodeFigures>,
    /// The nodes where most walks escalated or stopped, most first (at most
    /// [`HOT_SPOTS`], none without any).
    pub hot_spots: Vec<String>,
}

/// One tree in `GET /api/v1/analytics?days=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TreeTotals {
    pub tree: String,
    pub version: String,
    pub title: Localized,
    pub totals: Totals,
}

/// `GET /api/v1/analytics?days=`: every served tree's totals, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnalyticsList {
    pub days: u32,
    pub since: i64,
    pub trees: Vec<TreeTotals>,
}

/// The hot spots among `nodes`: most escalated + abandoned first, ties by node id.
pub fn hot_spots(nodes: &[NodeFigures], most: usize) -> Vec<String> {
    let mut hot: Vec<&NodeFigures> = nodes.iter().filter(|n| n.stopped() > 0).collect();
    hot.sort_by(|a, b| b.stopped().cmp(&a.stopped()).then(a.node.cmp(&b.node)));
    hot.into_iter().take(most).map(|n| n.node.clone()).collect()
}

/// How a walk ended, as counted at its last node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Resolved,
    Escalated,
    Abandoned,
}

/// Folds counted rows into per-node figures: `ends` are (node, how, walks), `reach`
/// (node, walks that passed it). Nodes come out by id.
pub fn fold_nodes(
    ends: impl IntoIterator<Item = (String, Ending, u64)>,
    reach: impl IntoIterator<Item = (String, u64)>,
) -> Vec<NodeFigures> {
    let mut nodes: BTreeMap<String, NodeFigures> = BTreeMap::new();
    for (node, how, walks) in ends {
        let n = row(&mut nodes, node);
        match how {
            Ending::Resolved => n.resolved += walks,
            Ending::Escalated => n.escalated += walks,
            Ending::Abandoned => n.abandoned += walks,
        }
    }
    for (node, walks) in reach {
        row(&mut nodes, node).reached += walks;
    }
    nodes.into_values().collect()
}

fn row(nodes: &mut BTreeMap<String, NodeFigures>, node: String) -> &mut NodeFigures {
    nodes.entry(node.clone()).or_insert_with(|| NodeFigures {
        node,
        ..NodeFigures::default()
    })
}

/// The totals of a tree from its per-node figures and its started walks.
pub fn totals(started: u64, nodes: &[NodeFigures]) -> Totals {
    let sum = |f: fn(&NodeFigures) -> u64| nodes.iter().map(f).sum::<u64>();
    Totals::new(
        started,
        sum(|n| n.resolved),
        sum(|n| n.escalated),
        sum(|n| n.abandoned),
    )
}

/// The node ids `walk` passed in the tree it stands in now (automatic nodes included),
/// each once in the order first passed, the node it stands at last, at most
/// [`MAX_PATH`] (the earliest kept): a walk's path for the figures, sent with an outcome
/// event and taken from a ticket's walk.
pub fn path_in_end_tree(walk: &Walk) -> Vec<String> {
    let Some(end) = walk.path.last() else {
        return Vec::new();
    };
    let mut path = distinct(
        walk.path
            .iter()
            .filter(|p| p.tree == end.tree && p.node != end.node)
            .map(|p| p.node.as_str()),
    );
    path.truncate(MAX_PATH - 1);
    path.push(end.node.clone());
    path
}

/// Each id once, in the order first seen.
pub fn distinct<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(*id))
        .map(str::to_owned)
        .collect()
}

/// What is wrong with an outcome event's path: the field (`path`, `path[3]`) and rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathProblem {
    pub field: String,
    pub rule: &'static str,
}

/// Checks an outcome event's path on `tree`: at most [`MAX_PATH`] ids, each a node of
/// the tree, the last one `node` (an empty path is allowed: older portals send none).
pub fn check_path(tree: &Tree, path: &[String], node: &str) -> Result<(), PathProblem> {
    if path.len() > MAX_PATH {
        return Err(PathProblem {
            field: "path".into(),
            rule: "too_long",
        });
    }
    if let Some(i) = path.iter().position(|id| tree.node(id).is_none()) {
        return Err(PathProblem {
            field: format!("path[{i}]"),
            rule: "unknown_node",
        });
    }
    match path.last() {
        Some(last) if last != node => Err(PathProblem {
            field: "path".into(),
            rule: "not_ending_at_node",
        }),
        _ => Ok(()),
    }
}

/// The period asked for: [`DEFAULT_DAYS`] when none, else 1..=[`MAX_DAYS`].
pub fn days(raw: Option<&str>) -> Option<u32> {
    match raw {
        None => Some(DEFAULT_DAYS),
        Some(s) => s.parse().ok().filter(|d| (1..=MAX_DAYS).contains(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::Place;

    fn figures(node: &str, reached: u64, r: u64, e: u64, a: u64) -> NodeFigures {
        NodeFigures {
            node: node.into(),
            reached,
            resolved: r,
            escalated: e,
            abandoned: a,
        }
    }

    #[test]
    fn deflection_is_resolved_among_finished_and_none_without_any() {
        assert_eq!(deflection(0, 0), None);
        assert_eq!(deflection(3, 4), Some(0.75));
        assert_eq!(Totals::new(9, 3, 0, 1).deflection, Some(0.75));
        assert_eq!(Totals::new(9, 3, 0, 1).finished, 4);
        assert_eq!(Totals::new(2, 0, 0, 0).deflection, None);
    }

    #[test]
    fn ends_and_reach_fold_into_one_row_per_node() {
        let nodes = fold_nodes(
            [
                ("b".into(), Ending::Resolved, 2),
                ("c".into(), Ending::Escalated, 1),
                ("b".into(), Ending::Abandoned, 1),
                ("c".into(), Ending::Escalated, 2),
            ],
            [("a".into(), 6), ("b".into(), 3), ("c".into(), 3)],
        );
        assert_eq!(
            nodes,
            vec![
                figures("a", 6, 0, 0, 0),
                figures("b", 3, 2, 0, 1),
                figures("c", 3, 0, 3, 0),
            ]
        );
        assert_eq!(totals(7, &nodes), Totals::new(7, 2, 3, 1));
    }

    #[test]
    fn hot_spots_are_the_most_escalated_plus_abandoned_ties_by_id() {
        let nodes = [
            figures("a", 9, 0, 0, 0),
            figures("b", 3, 0, 1, 1),
            figures("c", 3, 0, 2, 0),
            figures("d", 3, 0, 0, 3),
            figures("e", 1, 0, 1, 0),
        ];
        assert_eq!(hot_spots(&nodes, 3), vec!["d", "b", "c"]);
        assert_eq!(hot_spots(&nodes[..1], 3), Vec::<String>::new());
    }

    #[test]
    fn a_ticket_path_is_the_end_tree_nodes_each_once() {
        let place = |tree: &str, node: &str| Place {
            tree: tree.into(),
            node: node.into(),
        };
        let walk = Walk {
            tree: "a".into(),
            versions: BTreeMap::new(),
            transcript: Vec::new(),
            facts: Default::default(),
            path: vec![
                place("a", "start"),
                place("a", "hop"),
                place("b", "start"),
                place("b", "x"),
                place("b", "start"),
                place("b", "end"),
            ],
            end: None,
        };
        assert_eq!(path_in_end_tree(&walk), vec!["start", "x", "end"]);
        let mut back = walk.clone();
        back.path.push(place("b", "x"));
        assert_eq!(path_in_end_tree(&back), vec!["start", "end", "x"]);
        let mut long = walk;
        long.path = (0..MAX_PATH + 10)
            .map(|i| place("b", &format!("n{i}")))
            .collect();
        let path = path_in_end_tree(&long);
        assert_eq!(path.len(), MAX_PATH);
        assert_eq!(path.last().map(String::as_str), Some("n509"));
    }

    #[test]
    fn the_period_is_one_to_365_days_and_30_by_default() {
        assert_eq!(days(None), Some(30));
        assert_eq!(days(Some("7")), Some(7));
        assert_eq!(days(Some("365")), Some(365));
        for bad in ["0", "366", "-1", "x", ""] {
            assert_eq!(days(Some(bad)), None, "{bad}");
        }
    }

    #[test]
    fn a_path_names_nodes_of_the_tree_and_ends_at_the_node() {
        let tree: Tree = serde_json::from_value(serde_json::json!({
            "id": "t", "languages": ["de", "en"], "category": "c",
            "title": {"de": "T", "en": "T"}, "description": {"de": "", "en": ""},
            "start": "a",
            "nodes": {
                "a": {"kind": "resolved", "text": {"de": "x", "en": "x"}},
                "b": {"kind": "resolved", "text": {"de": "x", "en": "x"}}
            }
        }))
        .unwrap();
        let p = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(check_path(&tree, &p(&[]), "b"), Ok(()));
        assert_eq!(check_path(&tree, &p(&["a", "b"]), "b"), Ok(()));
        assert_eq!(
            check_path(&tree, &p(&["a", "zz", "b"]), "b")
                .unwrap_err()
                .field,
            "path[1]"
        );
        assert_eq!(
            check_path(&tree, &p(&["b", "a"]), "b").unwrap_err().rule,
            "not_ending_at_node"
        );
        let long = vec!["a".to_string(); MAX_PATH + 1];
        assert_eq!(check_path(&tree, &long, "a").unwrap_err().rule, "too_long");
    }
}
