//! Builds legal walks through the shipped trees for tests: the engine itself searches
//! for a path to the wanted end (`domain::walk::explore`, shared with the load
//! generator), so tests never hard-code answers that trees may change.

#![allow(dead_code)]

use domain::Catalog;
use domain::walk::{End, Walk};

/// A walk of `tree` that ends the way `want` says, found by depth-first search.
pub fn walk_to(catalog: &Catalog, tree: &str, want: End) -> Walk {
    domain::walk::explore::walk_to(catalog, tree, want)
        .unwrap_or_else(|| panic!("no walk of {tree} ends {want:?}"))
}
