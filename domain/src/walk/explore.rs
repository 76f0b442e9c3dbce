//! Finds legal walks through a catalog by trying every move the engine allows.
//!
//! Tests and the load generator (`bench/`) need walks that the server accepts without
//! hard-coding answers that a tree edit would break; asking the engine itself for the
//! way is what keeps them true. Behind the `explore` feature: the browser app never
//! needs it.

use super::{End, Move, Step, Walk};
use crate::catalog::Catalog;
use crate::tree::Node;
use std::collections::BTreeMap;

/// Values that satisfy common field rules; the first that passes a field's check is used.
const CANDIDATES: &[&str] = &[
    "AB-1234",
    "Printer on floor 3",
    "5",
    "anna@example.org",
    "+49 30 1234567",
    "2026-11-01",
];

/// Deepest walk searched: far longer than any shipped path, short enough to stop loops.
const MAX_DEPTH: usize = 60;

/// Most moves tried in one search, so a tree with many branches cannot make it hang.
const MAX_TRIES: usize = 200_000;

/// The moves a person could make at the walk's node: every answer, both "did it help?"
/// replies, every check outcome, and one set of field values that pass the checks.
pub fn moves(walk: &Walk, catalog: &Catalog) -> Vec<Move> {
    match walk.node(catalog) {
        Some(Node::Question { answers, .. }) => (0..answers.len())
            .map(|index| Move::Answer { index })
            .collect(),
        Some(Node::Step { .. }) => vec![
            Move::Helped { helped: false },
            Move::Helped { helped: true },
        ],
        Some(Node::Input { fields, .. }) => {
            let values = fields
                .iter()
                .filter_map(|f| {
                    let options: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
                    options
                        .into_iter()
                        .chain(CANDIDATES.iter().copied())
                        .find(|v| f.check(v).is_ok())
                        .map(|v| (f.name.clone(), v.to_owned()))
                })
                .collect::<BTreeMap<_, _>>();
            vec![Move::Values { values }]
        }
        Some(Node::Check { check, .. }) => check
            .outcomes()
            .iter()
            .map(|o| Move::Checked {
                outcome: (*o).to_owned(),
                value: format!("test {o}"),
            })
            .collect(),
        _ => vec![],
    }
}

/// Up to `limit` distinct walks of `tree` that end the way `want` says, in depth-first
/// order (so the first is always the same walk for the same trees).
pub fn walks(catalog: &Catalog, tree: &str, want: End, limit: usize) -> Vec<Walk> {
    let mut search = Search {
        catalog,
        want,
        limit,
        tries: 0,
        found: Vec::new(),
    };
    if let Ok(start) = Walk::start(catalog, tree) {
        search.from(start, 0);
    }
    search.found
}

/// The first walk of `tree` that ends the way `want` says, if there is one.
pub fn walk_to(catalog: &Catalog, tree: &str, want: End) -> Option<Walk> {
    walks(catalog, tree, want, 1).into_iter().next()
}

struct Search<'c> {
    catalog: &'c Catalog,
    want: End,
    limit: usize,
    tries: usize,
    found: Vec<Walk>,
}

impl Search<'_> {
    fn from(&mut self, walk: Walk, depth: usize) {
        if walk.end == Some(self.want) {
            self.found.push(walk);
            return;
        }
        if walk.is_over() || depth > MAX_DEPTH {
            return;
        }
        for made in moves(&walk, self.catalog) {
            if self.found.len() >= self.limit || self.tries >= MAX_TRIES {
                return;
            }
            self.tries += 1;
            let place = walk.place().clone();
            let mut next = walk.clone();
            let step = Step {
                tree: place.tree,
                node: place.node,
                // Fixed, increasing times: the same search always yields the same walks.
                at: 1_760_000_000_000 + depth as u64,
                made,
            };
            if next.apply(self.catalog, step).is_ok() {
                self.from(next, depth + 1);
            }
        }
    }
}
