//! Builds legal walks through the shipped trees for tests: the engine itself searches
//! for a path to the wanted end, so tests never hard-code answers that trees may change.

#![allow(dead_code)]

use domain::walk::{End, Move, Step, Walk};
use domain::{Catalog, Node};
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

/// The moves a person could make at the walk's node.
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

/// A walk of `tree` that ends the way `want` says, found by depth-first search.
pub fn walk_to(catalog: &Catalog, tree: &str, want: End) -> Walk {
    fn search(walk: Walk, catalog: &Catalog, want: End, depth: usize) -> Option<Walk> {
        if walk.end == Some(want) {
            return Some(walk);
        }
        if walk.is_over() || depth > 60 {
            return None;
        }
        for made in moves(&walk, catalog) {
            let place = walk.place().clone();
            let mut next = walk.clone();
            let step = Step {
                tree: place.tree,
                node: place.node,
                at: 1_760_000_000_000 + depth as u64,
                made,
            };
            if next.apply(catalog, step).is_ok()
                && let Some(found) = search(next, catalog, want, depth + 1)
            {
                return Some(found);
            }
        }
        None
    }
    let start = Walk::start(catalog, tree).expect("tree exists");
    search(start, catalog, want, 0).unwrap_or_else(|| panic!("no walk of {tree} ends {want:?}"))
}
