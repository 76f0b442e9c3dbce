//! A tree's layered drawing, computed here (no graph library in the staff bundle): each
//! node's layer is its shortest distance from the start (nodes the start cannot reach
//! go below the rest), and within a layer nodes are ordered by the mean position of
//! the nodes pointing to them in the layer above (one barycentre pass, which removes
//! most crossings of the shallow, wide trees Lotse has). Pure, unit-tested.

use domain::Tree;
use domain::tree::Node;
use std::collections::{BTreeMap, VecDeque};

/// A box's width and height, the gaps between boxes and between layers (SVG units).
pub const BOX_W: f64 = 190.0;
pub const BOX_H: f64 = 76.0;
const GAP_X: f64 = 28.0;
const GAP_Y: f64 = 64.0;
const MARGIN: f64 = 12.0;

/// One arrow: from, to, and what takes it (an answer, outcome, condition) if anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
}

/// A node's place: its box's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub id: String,
    pub layer: usize,
    pub x: f64,
    pub y: f64,
}

/// The drawing: boxes in layer order, the arrows, the size.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub boxes: Vec<Placed>,
    pub edges: Vec<Edge>,
    pub width: f64,
    pub height: f64,
}

impl Layout {
    pub fn place(&self, id: &str) -> Option<&Placed> {
        self.boxes.iter().find(|b| b.id == id)
    }
}

/// Every arrow of `tree`, labelled in `lang`; `no` is the word for a step that did not
/// help, `otherwise` for a fallback.
pub fn edges(tree: &Tree, lang: &str, no: &str, otherwise: &str) -> Vec<Edge> {
    let mut out = Vec::new();
    for (id, node) in &tree.nodes {
        let mut edge = |to: &str, label: Option<String>| {
            // Two answers to the same node make one arrow with both labels.
            if let Some(e) = out.iter_mut().find(|e: &&mut Edge| e.from == *id && e.to == to) {
                if let (Some(have), Some(more)) = (&mut e.label, label) {
                    have.push_str(" / ");
                    have.push_str(&more);
                }
                return;
            }
            out.push(Edge {
                from: id.clone(),
                to: to.to_owned(),
                label,
            });
        };
        match node {
            Node::Question { answers, .. } => {
                for a in answers {
                    edge(&a.next, Some(a.label.get(lang).to_owned()));
                }
            }
            Node::Step { next, .. } => edge(next, Some(no.to_owned())),
            Node::Input { next, .. } => edge(next, None),
            Node::Check {
                outcomes,
                otherwise: other,
                ..
            } => {
                for (outcome, next) in outcomes {
                    edge(next, Some(outcome.clone()));
                }
                if let Some(next) = other {
                    edge(next, Some(otherwise.to_owned()));
                }
            }
            Node::Branch {
                rules,
                otherwise: other,
            } => {
                for rule in rules {
                    edge(&rule.next, Some(rule.when.fact.clone()));
                }
                edge(other, Some(otherwise.to_owned()));
            }
            Node::Resolved { .. } | Node::Escalate { .. } | Node::Jump { .. } => {}
        }
    }
    out
}

/// Lays out `ids` (the tree's nodes) with `start` on top and the arrows `edges`.
pub fn layout(start: &str, ids: &[String], edges: Vec<Edge>) -> Layout {
    // Layers: breadth-first distance from the start.
    let mut layer: BTreeMap<&str, usize> = BTreeMap::new();
    let mut seen_order: Vec<&str> = Vec::new();
    let mut queue = VecDeque::new();
    if ids.iter().any(|i| i == start) {
        layer.insert(start, 0);
        queue.push_back(start);
    }
    while let Some(id) = queue.pop_front() {
        seen_order.push(id);
        let depth = layer[id];
        for e in edges.iter().filter(|e| e.from == id) {
            if ids.contains(&e.to) && !layer.contains_key(e.to.as_str()) {
                layer.insert(&e.to, depth + 1);
                queue.push_back(&e.to);
            }
        }
    }
    let below = layer.values().max().map_or(0, |d| d + 1);
    for id in ids {
        if !layer.contains_key(id.as_str()) {
            layer.insert(id, below);
            seen_order.push(id);
        }
    }
    let depth = layer.values().max().map_or(0, |d| d + 1);
    let mut layers: Vec<Vec<&str>> = vec![Vec::new(); depth];
    for id in &seen_order {
        layers[layer[id]].push(id);
    }
    // Barycentre pass, top to bottom: sort each layer by the mean index of its
    // parents in the layer above (nodes without one keep their place's index).
    for d in 1..layers.len() {
        let above: BTreeMap<&str, usize> = layers[d - 1]
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        let mut keyed: Vec<(f64, usize, &str)> = layers[d]
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let parents: Vec<usize> = edges
                    .iter()
                    .filter(|e| e.to == *id)
                    .filter_map(|e| above.get(e.from.as_str()).copied())
                    .collect();
                let key = if parents.is_empty() {
                    i as f64
                } else {
                    parents.iter().sum::<usize>() as f64 / parents.len() as f64
                };
                (key, i, *id)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        layers[d] = keyed.into_iter().map(|k| k.2).collect();
    }
    let widest = layers.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let width = MARGIN * 2.0 + widest * BOX_W + (widest - 1.0).max(0.0) * GAP_X;
    let mut boxes = Vec::new();
    for (d, nodes) in layers.iter().enumerate() {
        let n = nodes.len() as f64;
        let row = n * BOX_W + (n - 1.0).max(0.0) * GAP_X;
        let left = (width - row) / 2.0;
        for (i, id) in nodes.iter().enumerate() {
            boxes.push(Placed {
                id: (*id).to_owned(),
                layer: d,
                x: left + i as f64 * (BOX_W + GAP_X),
                y: MARGIN + d as f64 * (BOX_H + GAP_Y),
            });
        }
    }
    let height = MARGIN * 2.0 + depth as f64 * BOX_H + (depth as f64 - 1.0).max(0.0) * GAP_Y;
    Layout {
        boxes,
        edges,
        width,
        height,
    }
}

/// How many arrows between adjacent layers cross (for the tests).
#[cfg(test)]
fn crossings(l: &Layout) -> usize {
    let mut segs = Vec::new();
    for e in &l.edges {
        if let (Some(a), Some(b)) = (l.place(&e.from), l.place(&e.to))
            && b.layer == a.layer + 1
        {
            segs.push((a.layer, a.x, b.x));
        }
    }
    let mut n = 0;
    for (i, s) in segs.iter().enumerate() {
        for t in &segs[i + 1..] {
            if s.0 == t.0 && (s.1 - t.1) * (s.2 - t.2) < 0.0 {
                n += 1;
            }
        }
    }
    n
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

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn layers_are_the_shortest_distance_from_the_start() {
        let l = layout(
            "s",
            &ids(&["s", "a", "b", "c", "lost"]),
            vec![e("s", "a"), e("s", "b"), e("a", "c"), e("b", "c"), e("c", "a")],
        );
        let layer = |id: &str| l.place(id).unwrap().layer;
        assert_eq!(
            (layer("s"), layer("a"), layer("b"), layer("c")),
            (0, 1, 1, 2)
        );
        assert_eq!(layer("lost"), 3, "unreachable nodes go below");
        assert_eq!(l.boxes.len(), 5);
        let c = l.place("c").unwrap();
        assert!(c.y > l.place("a").unwrap().y);
        assert!(l.height >= c.y + BOX_H);
    }

    #[test]
    fn the_barycentre_pass_uncrosses_children_of_crossed_parents() {
        // Breadth-first order finds x (b's child) before y (a's child): unsorted, the
        // arrows a → y and b → x would cross.
        let edges = vec![e("s", "a"), e("s", "b"), e("b", "x"), e("a", "y")];
        let l = layout("s", &ids(&["s", "a", "b", "x", "y"]), edges);
        assert_eq!(crossings(&l), 0);
        let edges = vec![
            e("s", "b"),
            e("s", "a"),
            e("b", "p"),
            e("a", "q"),
            e("a", "r"),
            e("b", "t"),
        ];
        let l = layout("s", &ids(&["s", "a", "b", "p", "q", "r", "t"]), edges);
        assert_eq!(crossings(&l), 0);
    }

    #[test]
    fn boxes_of_a_layer_never_overlap_and_fit_the_width() {
        let mut edges = Vec::new();
        let mut all = vec!["s".to_string()];
        for i in 0..12 {
            edges.push(e("s", &format!("n{i}")));
            all.push(format!("n{i}"));
        }
        let l = layout("s", &all, edges);
        let mut row: Vec<&Placed> = l.boxes.iter().filter(|b| b.layer == 1).collect();
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        for pair in row.windows(2) {
            assert!(pair[1].x >= pair[0].x + BOX_W);
        }
        assert!(l.boxes.iter().all(|b| b.x >= 0.0 && b.x + BOX_W <= l.width));
    }

    #[test]
    fn a_shipped_tree_has_every_node_and_arrow() {
        let text = include_str!("../../../../trees/printer.toml");
        let tree = domain::tree::parse(text).unwrap();
        let edges = edges(&tree, "en", "did not help", "otherwise");
        let all: Vec<String> = tree.nodes.keys().cloned().collect();
        let l = layout(&tree.start, &all, edges.clone());
        assert_eq!(l.boxes.len(), tree.nodes.len());
        assert_eq!(l.place(&tree.start).unwrap().layer, 0);
        assert!(edges.iter().all(|e| l.place(&e.to).is_some()));
    }
}
