//! How much of a walk can still lie ahead: the progress a person is shown.
//!
//! Trees are acyclic (validation forbids loops), so the longest way from a node to an
//! end is well defined. It is counted in screens a person answers (question, step, input,
//! check); branch and jump nodes are passed automatically and ends need no answer.

use super::Place;
use crate::catalog::Catalog;
use crate::tree::Node;
use std::collections::BTreeMap;

/// The most screens a person may still have to answer after the one at `place`,
/// following jumps into other trees. An end, or a place the catalog does not know,
/// has none ahead.
pub fn remaining(catalog: &Catalog, place: &Place) -> usize {
    let mut longest = Longest {
        catalog,
        memo: BTreeMap::new(),
    };
    let Some(node) = catalog.tree(&place.tree).and_then(|t| t.node(&place.node)) else {
        return 0;
    };
    longest
        .from(&place.tree, &place.node)
        .saturating_sub(usize::from(asks_a_person(node)))
}

fn asks_a_person(node: &Node) -> bool {
    matches!(
        node,
        Node::Question { .. } | Node::Step { .. } | Node::Input { .. } | Node::Check { .. }
    )
}

/// Memoised longest-path search; each node is counted once, whatever leads to it.
struct Longest<'c> {
    catalog: &'c Catalog,
    /// `None` while a node is being counted: met again, it is a loop (only possible in
    /// an unvalidated, trusted catalog), which adds nothing rather than recursing forever.
    memo: BTreeMap<(&'c str, &'c str), Option<usize>>,
}

impl<'c> Longest<'c> {
    /// Screens on the longest way from `node` (itself included) to an end.
    fn from(&mut self, tree: &str, node: &str) -> usize {
        let Some((key, found)) = self.catalog.entry(tree).and_then(|entry| {
            let (id, found) = entry.tree.nodes.get_key_value(node)?;
            Some(((entry.tree.id.as_str(), id.as_str()), found))
        }) else {
            return 0;
        };
        if let Some(known) = self.memo.get(&key) {
            return known.unwrap_or(0);
        }
        self.memo.insert(key, None);
        let ahead = match found {
            Node::Jump { tree: target } => self
                .catalog
                .tree(target)
                .map_or(0, |t| self.from(target, &t.start)),
            _ => found
                .successors()
                .into_iter()
                .map(|next| self.from(key.0, next))
                .max()
                .unwrap_or(0),
        };
        let count = ahead + usize::from(asks_a_person(found));
        self.memo.insert(key, Some(count));
        count
    }
}
