//! The walk engine on the base catalog: moves, automatic nodes, back, replay, refusals.

mod common;

use common::catalog;
use domain::walk::{End, Move, MoveError, Place, Step, Walk, replay};
use std::collections::BTreeMap;

fn step(walk: &Walk, made: Move) -> Step {
    let place = walk.place();
    Step {
        tree: place.tree.clone(),
        node: place.node.clone(),
        at: 1_700_000_000_000 + walk.transcript.len() as u64,
        made,
    }
}

fn answer(index: usize) -> Move {
    Move::Answer { index }
}

fn values(pairs: &[(&str, &str)]) -> Move {
    Move::Values {
        values: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    }
}

#[test]
fn a_walk_to_escalation_passes_the_branch_by_itself() {
    let c = catalog();
    let mut w = Walk::start(&c, "base").unwrap();
    assert_eq!(w.place().node, "ask");
    w.apply(&c, step(&w, answer(1))).unwrap();
    w.apply(&c, step(&w, values(&[("count", "12"), ("note", " ")])))
        .unwrap();
    assert_eq!(w.end, Some(End::Escalated));
    assert_eq!(w.place().node, "hand_off");
    assert_eq!(w.facts.get("count").map(String::as_str), Some("12"));
    assert!(
        !w.facts.contains_key("note"),
        "an empty optional field sets no fact"
    );
    let path: Vec<&str> = w.path.iter().map(|p| p.node.as_str()).collect();
    assert_eq!(path, ["ask", "details", "route", "hand_off"]);
    assert_eq!(w.transcript.len(), 2, "automatic nodes are not moves");
}

#[test]
fn a_step_that_helped_ends_resolved_there() {
    let c = catalog();
    let mut w = Walk::start(&c, "base").unwrap();
    w.apply(&c, step(&w, answer(0))).unwrap();
    w.apply(&c, step(&w, Move::Helped { helped: true }))
        .unwrap();
    assert_eq!(w.end, Some(End::Resolved));
    assert_eq!(w.place().node, "try");
    assert_eq!(
        w.apply(&c, step(&w, Move::Helped { helped: false })),
        Err(MoveError::Over)
    );
}

#[test]
fn a_check_outcome_becomes_a_fact_and_a_jump_enters_the_other_tree() {
    let c = catalog();
    let mut w = Walk::start(&c, "base").unwrap();
    w.apply(&c, step(&w, answer(0))).unwrap();
    w.apply(&c, step(&w, Move::Helped { helped: false }))
        .unwrap();
    let checked = Move::Checked {
        outcome: "offline".into(),
        value: "navigator.onLine = false".into(),
    };
    w.apply(&c, step(&w, checked)).unwrap();
    assert_eq!(w.facts.get("online").map(String::as_str), Some("offline"));
    assert_eq!(
        w.place(),
        &Place {
            tree: "second".into(),
            node: "done".into()
        }
    );
    assert_eq!(w.end, Some(End::Resolved));
    assert_eq!(w.versions.len(), 2, "both trees' versions are recorded");
    assert_eq!(w.versions["second"], c.version("second").unwrap());
}

#[test]
fn refused_moves_leave_the_walk_unchanged() {
    let c = catalog();
    let mut w = Walk::start(&c, "base").unwrap();
    let before = w.clone();
    assert!(matches!(
        w.apply(&c, step(&w, answer(2))),
        Err(MoveError::NoSuchAnswer {
            index: 2,
            answers: 2
        })
    ));
    assert!(matches!(
        w.apply(&c, step(&w, Move::Helped { helped: true })),
        Err(MoveError::WrongMove { .. })
    ));
    let mut elsewhere = step(&w, answer(0));
    elsewhere.node = "details".into();
    assert!(matches!(
        w.apply(&c, elsewhere),
        Err(MoveError::NotHere { .. })
    ));
    assert_eq!(w, before);

    w.apply(&c, step(&w, answer(1))).unwrap();
    let before = w.clone();
    assert!(matches!(
        w.apply(&c, step(&w, values(&[("count", "0")]))),
        Err(MoveError::InvalidValue { .. })
    ));
    assert!(matches!(
        w.apply(&c, step(&w, values(&[("count", "3"), ("evil", "x")]))),
        Err(MoveError::UnknownField { .. })
    ));
    assert_eq!(w, before);
}

#[test]
fn check_outcomes_are_limited_to_the_check() {
    let c = catalog();
    let mut w = Walk::start(&c, "base").unwrap();
    w.apply(&c, step(&w, answer(0))).unwrap();
    w.apply(&c, step(&w, Move::Helped { helped: false }))
        .unwrap();
    let bad = Move::Checked {
        outcome: "maybe".into(),
        value: String::new(),
    };
    assert!(matches!(
        w.apply(&c, step(&w, bad)),
        Err(MoveError::UnknownOutcome { .. })
    ));
    let long = Move::Checked {
        outcome: "online".into(),
        value: "x".repeat(501),
    };
    assert!(matches!(
        w.apply(&c, step(&w, long)),
        Err(MoveError::ValueTooLong { .. })
    ));
}

#[test]
fn back_returns_to_the_previous_question() {
    let c = catalog();
    let mut w = Walk::start(&c, "base").unwrap();
    assert_eq!(w.back(&c), Err(MoveError::AtStart));
    w.apply(&c, step(&w, answer(1))).unwrap();
    w.apply(&c, step(&w, values(&[("count", "2")]))).unwrap();
    assert_eq!(w.end, Some(End::Resolved));
    w.back(&c).unwrap();
    assert_eq!(w.place().node, "details");
    assert_eq!(w.end, None);
    assert!(w.facts.is_empty(), "facts of taken-back moves are gone");
    w.back_to(&c, 0).unwrap();
    assert_eq!(w, Walk::start(&c, "base").unwrap());
}

#[test]
fn replay_names_the_first_illegal_step() {
    let c = catalog();
    let mut w = Walk::start(&c, "base").unwrap();
    w.apply(&c, step(&w, answer(1))).unwrap();
    w.apply(&c, step(&w, values(&[("count", "12")]))).unwrap();
    assert_eq!(replay(&c, "base", &w.transcript).unwrap(), w);

    let mut forged = w.transcript.clone();
    forged[1].made = values(&[("count", "-5")]);
    let err = replay(&c, "base", &forged).unwrap_err();
    assert_eq!(err.step, 1);

    let mut skipped = w.transcript.clone();
    skipped.remove(0);
    assert_eq!(replay(&c, "base", &skipped).unwrap_err().step, 0);

    assert!(matches!(
        replay(&c, "nope", &[]).unwrap_err().error,
        MoveError::UnknownTree { .. }
    ));
}

#[test]
fn a_walk_survives_a_json_round_trip() {
    let c = catalog();
    let mut w = Walk::start(&c, "base").unwrap();
    w.apply(&c, step(&w, answer(1))).unwrap();
    let json = serde_json::to_string(&w).unwrap();
    let back: Walk = serde_json::from_str(&json).unwrap();
    assert_eq!(back, w);
    assert!(json.contains(r#""move":"answer""#), "{json}");
}

#[test]
fn versions_change_with_content_not_with_formatting() {
    let a = domain::tree::parse(common::SECOND).unwrap();
    let reformatted = common::SECOND.replace("start = \"done\"", "# comment\nstart   =   \"done\"");
    let b = domain::tree::parse(&reformatted).unwrap();
    assert_eq!(
        domain::catalog::version_of(&a),
        domain::catalog::version_of(&b)
    );
    let changed = domain::tree::parse(&common::SECOND.replace("Fertig", "Erledigt")).unwrap();
    assert_ne!(
        domain::catalog::version_of(&a),
        domain::catalog::version_of(&changed)
    );
}

#[test]
fn a_trusted_catalog_with_a_loop_errors_instead_of_hanging() {
    let looped = r#"
id = "loop"
languages = ["de", "en"]
category = "cat"
title = { de = "L", en = "L" }
description = { de = "L", en = "L" }
start = "a"
[nodes.a]
kind = "branch"
rules = []
otherwise = "b"
[nodes.b]
kind = "branch"
rules = []
otherwise = "a"
"#;
    let tree = domain::tree::parse(looped).unwrap();
    let c = domain::Catalog::trusted([(tree, "v1".to_owned())]);
    assert_eq!(Walk::start(&c, "loop").unwrap_err(), MoveError::Loop);
}
