//! The walk search (`walk::explore`) on the base catalog: it finds every way to an end
//! in a fixed order, each a walk the engine replays, and says so when there is none.

mod common;

use common::catalog;
use domain::replay;
use domain::walk::{End, explore};

#[test]
fn finds_every_resolved_walk_in_depth_first_order_and_each_replays() {
    let c = catalog();
    let walks = explore::walks(&c, "base", End::Resolved, 100);
    // Helped at once; not helped then online; not helped then offline (jump to
    // `second`); the details path with a count the branch does not escalate.
    assert_eq!(walks.len(), 4, "{walks:#?}");
    for walk in &walks {
        assert_eq!(walk.end, Some(End::Resolved));
        let again = replay(&c, "base", &walk.transcript).expect("a found walk is legal");
        assert_eq!(&again, walk);
    }
    assert_eq!(
        explore::walk_to(&c, "base", End::Resolved).as_ref(),
        walks.first(),
        "the first walk is the one `walk_to` gives"
    );
    assert_eq!(explore::walks(&c, "base", End::Resolved, 2).len(), 2);
}

#[test]
fn an_end_no_candidate_value_reaches_is_none_not_a_panic() {
    // Escalation needs a count above 10; the candidate values only offer 5.
    let c = catalog();
    assert_eq!(explore::walk_to(&c, "base", End::Escalated), None);
    assert!(explore::walks(&c, "no-such-tree", End::Resolved, 5).is_empty());
}
