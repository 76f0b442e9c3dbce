//! Where the graph view draws a tree: a layered layout computed here (no chart library).
//!
//! Each node's layer is its depth from the start (fewest moves, breadth first); nodes
//! the start does not reach go in one layer below all others. Within a layer nodes keep
//! the order they were first reached, so answers read left to right as in the tree.
//! Edges point down one or more layers, or back up (a loop), which the view draws as a
//! curve beside the boxes. Pure and text-free apart from the edge labels passed in.

use domain::tree::{Node, Tree};
use std::collections::{BTreeMap, VecDeque};

/// A node's box size and the gaps between boxes, in SVG units.
pub const BOX_W: f64 = 220.0;
pub const BOX_H: f64 = 76.0;
pub const GAP_X: f64 = 36.0;
pub const GAP_Y: f64 = 64.0;
/// Margin around the drawing (room for loops drawn beside the boxes).
pub const MARGIN: f64 = 28.0;

/// An edge of the tree: from, to, and what takes it (answer, outcome, condition).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
}

/// Words the edges need: a step's "did not help", a check's or branch's "otherwise".
pub struct EdgeWords<'a> {
    pub did_not_help: &'a str,
    pub otherwise: &'a str,
}

/// A placed node: id, layer, position of its box's top left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub id: String,
    pub layer: usize,
    pub x: f64,
    pub y: f64,
}

/// The drawing: nodes in layer order, edges, and the size.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Placed>,
    pub edges: Vec<Edge>,
    pub width: f64,
    pub height: f64,
}

impl Layout {
    pub fn node(&self, id: &str) -> Option<&Placed> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// The edges leaving each node, in the tree's order, labels in `lang`.
pub fn edges(tree: &Tree, lang: &str, words: &EdgeWords) -> Vec<Edge> {
    let mut out = Vec::new();
    for (id, node) in &tree.nodes {
        let mut edge = |to: &str, label: Option<String>| {
            if tree.nodes.contains_key(to) {
                out.push(Edge {
                    from: id.clone(),
                    to: to.to_owned(),
                    label,
                });
            }
        };
        match node {
            Node::Question { answers, .. } => {
                for a in answers {
                    edge(&a.next, Some(a.label.get(lang).to_owned()));
                }
            }
            Node::Step { next, .. } => edge(next, Some(words.did_not_help.to_owned())),
            Node::Input { next, .. } => edge(next, None),
            Node::Check {
                outcomes,
                otherwise,
                ..
            } => {
                for (outcome, next) in outcomes {
                    edge(next, Some(outcome.clone()));
                }
                if let Some(next) = otherwise {
                    edge(next, Some(words.otherwise.to_owned()));
                }
            }
            Node::Branch { rules, otherwise } => {
                for rule in rules {
                    edge(&rule.next, Some(rule.when.fact.clone()));
                }
                edge(otherwise, Some(words.otherwise.to_owned()));
            }
            Node::Resolved { .. } | Node::Escalate { .. } | Node::Jump { .. } => {}
        }
    }
    out
}

/// Lays out `ids` (every node) with `start` on top, given the edges.
pub fn layout(start: &str, ids: &[String], edges: &[Edge]) -> Layout {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for e in edges {
        next.entry(e.from.as_str()).or_default().push(e.to.as_str());
    }
    // Breadth first from the start: depth and the order first reached.
    let mut layer_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut queue = VecDeque::new();
    if ids.iter().any(|i| i == start) {
        layer_of.insert(start, 0);
        order.push(start);
        queue.push_back(start);
    }
    while let Some(id) = queue.pop_front() {
        let depth = layer_of[id];
        for to in next.get(id).into_iter().flatten() {
            if !layer_of.contains_key(to) {
                layer_of.insert(to, depth + 1);
                order.push(to);
                queue.push_back(to);
            }
        }
    }
    let lost = layer_of.values().max().map_or(0, |d| d + 1);
    for id in ids {
        if !layer_of.contains_key(id.as_str()) {
            layer_of.insert(id, lost);
            order.push(id);
        }
    }
    let mut layers: Vec<Vec<&str>> = Vec::new();
    for id in order {
        let l = layer_of[id];
        if layers.len() <= l {
            layers.resize(l + 1, Vec::new());
        }
        layers[l].push(id);
    }
    let widest = layers.iter().map(Vec::len).max().unwrap_or(0);
    let width = MARGIN * 2.0 + widest as f64 * BOX_W + widest.saturating_sub(1) as f64 * GAP_X;
    let mut nodes = Vec::new();
    for (l, members) in layers.iter().enumerate() {
        // Each layer centred in the width.
        let row = members.len() as f64 * BOX_W + members.len().saturating_sub(1) as f64 * GAP_X;
        let left = (width - row) / 2.0;
        for (i, id) in members.iter().enumerate() {
            nodes.push(Placed {
                id: (*id).to_owned(),
                layer: l,
                x: left + i as f64 * (BOX_W + GAP_X),
                y: MARGIN + l as f64 * (BOX_H + GAP_Y),
            });
        }
    }
    let height =
        MARGIN * 2.0 + layers.len() as f64 * BOX_H + layers.len().saturating_sub(1) as f64 * GAP_Y;
    Layout {
        nodes,
        edges: edges.to_vec(),
        width,
        height,
    }
}

/// The SVG path of an edge: down from the bottom of `from` to the top of `to`, or, for
/// an edge back up or within a layer, a curve out to the right of both boxes.
pub fn edge_path(from: &Placed, to: &Placed) -> String {
    if to.layer > from.layer {
        let (x1, y1) = (from.x + BOX_W / 2.0, from.y + BOX_H);
        let (x2, y2) = (to.x + BOX_W / 2.0, to.y);
        let mid = (y1 + y2) / 2.0;
        format!("M{x1:.1},{y1:.1} C{x1:.1},{mid:.1} {x2:.1},{mid:.1} {x2:.1},{y2:.1}")
    } else {
        let (x1, y1) = (from.x + BOX_W, from.y + BOX_H / 2.0);
        let (x2, y2) = (to.x + BOX_W, to.y + BOX_H / 2.0);
        let out = x1.max(x2) + MARGIN * 0.8;
        format!("M{x1:.1},{y1:.1} C{out:.1},{y1:.1} {out:.1},{y2:.1} {x2:.1},{y2:.1}")
    }
}

/// The first `max` characters of `text`, with "…" when cut.
pub fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(from: &str, to: &str) -> Edge {
        Edge {
            from: from.into(),
            to: to.into(),
            label: None,
        }
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn layers_are_depths_from_the_start_in_the_order_first_reached() {
        let edges = [
            e("a", "c"),
            e("a", "b"),
            e("b", "d"),
            e("c", "d"),
            e("d", "a"),
        ];
        let l = layout("a", &ids(&["a", "b", "c", "d", "z"]), &edges);
        let at = |id: &str| {
            let n = l.node(id).unwrap();
            (n.layer, n.x, n.y)
        };
        assert_eq!(at("a").0, 0);
        assert_eq!((at("c").0, at("b").0), (1, 1));
        assert!(at("c").1 < at("b").1, "c was reached first: left");
        assert_eq!(at("d").0, 2);
        assert_eq!(at("z").0, 3, "unreached: below all");
        // Two boxes in the widest layer; the start centred above them.
        assert_eq!(l.width, MARGIN * 2.0 + 2.0 * BOX_W + GAP_X);
        assert_eq!(at("a").1, (l.width - BOX_W) / 2.0);
        assert_eq!(at("d").2, MARGIN + 2.0 * (BOX_H + GAP_Y));
        assert_eq!(l.height, MARGIN * 2.0 + 4.0 * BOX_H + 3.0 * GAP_Y);
    }

    #[test]
    fn edges_down_go_bottom_to_top_and_loops_go_round_the_right() {
        let l = layout("a", &ids(&["a", "b"]), &[e("a", "b"), e("b", "a")]);
        let (a, b) = (l.node("a").unwrap(), l.node("b").unwrap());
        let down = edge_path(a, b);
        assert!(down.starts_with(&format!("M{:.1},{:.1}", a.x + BOX_W / 2.0, a.y + BOX_H)));
        let up = edge_path(b, a);
        assert!(up.starts_with(&format!("M{:.1},", b.x + BOX_W)), "{up}");
    }

    #[test]
    fn edges_carry_answers_and_skip_missing_targets() {
        let tree: Tree = serde_json::from_value(serde_json::json!({
            "id": "t", "languages": ["de", "en"], "category": "c",
            "title": {"de": "T", "en": "T"}, "description": {"de": "", "en": ""},
            "start": "q",
            "nodes": {
                "q": {"kind": "question", "text": {"de": "F", "en": "Q"}, "answers": [
                    {"label": {"de": "Ja", "en": "Yes"}, "next": "s"},
                    {"label": {"de": "Nein", "en": "No"}, "next": "gone"}]},
                "s": {"kind": "step", "text": {"de": "x", "en": "x"}, "next": "r"},
                "r": {"kind": "resolved", "text": {"de": "x", "en": "x"}}
            }
        }))
        .unwrap();
        let words = EdgeWords {
            did_not_help: "did not help",
            otherwise: "otherwise",
        };
        let list = edges(&tree, "de", &words);
        assert_eq!(
            list,
            vec![
                Edge {
                    from: "q".into(),
                    to: "s".into(),
                    label: Some("Ja".into())
                },
                Edge {
                    from: "s".into(),
                    to: "r".into(),
                    label: Some("did not help".into())
                },
            ]
        );
    }

    #[test]
    fn long_texts_are_cut_with_an_ellipsis() {
        assert_eq!(cut("  short ", 10), "short");
        assert_eq!(cut("abcdefghijk", 5), "abcd…");
    }
}
