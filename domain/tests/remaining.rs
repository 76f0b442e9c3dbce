//! `walk::remaining`: the most screens still ahead, as the progress line shows it.

mod common;

use common::{BASE, SECOND, build, catalog};
use domain::walk::{Place, remaining};

fn at(tree: &str, node: &str) -> Place {
    Place {
        tree: tree.into(),
        node: node.into(),
    }
}

#[test]
fn counts_screens_on_the_longest_way_to_an_end() {
    let c = catalog();
    // ask → try → probe → (jump) → done: after "ask", two screens at most.
    assert_eq!(remaining(&c, &at("base", "ask")), 2);
    assert_eq!(remaining(&c, &at("base", "try")), 1);
    assert_eq!(remaining(&c, &at("base", "probe")), 0);
    // details → route (branch) → an end: nothing after the form.
    assert_eq!(remaining(&c, &at("base", "details")), 0);
}

#[test]
fn automatic_nodes_and_ends_count_nothing() {
    let c = catalog();
    assert_eq!(remaining(&c, &at("base", "route")), 0);
    assert_eq!(remaining(&c, &at("base", "other")), 0);
    assert_eq!(remaining(&c, &at("base", "fixed")), 0);
    assert_eq!(remaining(&c, &at("base", "hand_off")), 0);
    assert_eq!(remaining(&c, &at("second", "done")), 0);
}

#[test]
fn follows_jumps_into_other_trees() {
    let second = SECOND.replace(
        "start = \"done\"",
        "start = \"more\"\n\n[nodes.more]\nkind = \"step\"\ntext = { de = \"Noch\", en = \"More\" }\nnext = \"again\"\n\n[nodes.again]\nkind = \"step\"\ntext = { de = \"Nochmal\", en = \"Again\" }\nnext = \"done\"",
    );
    let c = build(BASE, &second).expect("the catalog with a longer second tree is valid");
    // ask → try → probe → (jump) → more → again → done.
    assert_eq!(remaining(&c, &at("base", "ask")), 4);
    assert_eq!(remaining(&c, &at("base", "probe")), 2);
    assert_eq!(remaining(&c, &at("base", "other")), 2);
    assert_eq!(remaining(&c, &at("second", "more")), 1);
}

#[test]
fn unknown_places_have_nothing_ahead() {
    let c = catalog();
    assert_eq!(remaining(&c, &at("base", "nowhere")), 0);
    assert_eq!(remaining(&c, &at("nowhere", "ask")), 0);
}
