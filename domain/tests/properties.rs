//! Properties of the engine on generated valid trees: every walk ends, replaying a
//! recorded walk reproduces it, and going back then making the same move is a no-op.

use domain::catalog::{Catalog, Declarations, Named};
use domain::tree::{
    Answer, CheckKind, Condition, Field, FieldKind, Level, Localized, Node, Rule, Test, Tree,
};
use domain::walk::{Move, Step, Walk, replay};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn text(s: &str) -> Localized {
    Localized::from_pairs([("de", s), ("en", s)])
}

/// The shape of an inner node; targets are offsets into the nodes after it, so every
/// generated tree is acyclic and every edge points forward.
#[derive(Debug, Clone)]
enum Shape {
    Question(Vec<usize>),
    Step(usize),
    Input(usize),
    Check(usize, usize),
    Branch(usize, usize),
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        prop::collection::vec(0usize..100, 1..4).prop_map(Shape::Question),
        (0usize..100).prop_map(Shape::Step),
        (0usize..100).prop_map(Shape::Input),
        (0usize..100, 0usize..100).prop_map(|(a, b)| Shape::Check(a, b)),
        (0usize..100, 0usize..100).prop_map(|(a, b)| Shape::Branch(a, b)),
    ]
}

/// Node 0 is an `os` check (so branches on `os` are always valid); then the inner nodes;
/// then one resolved and one escalate end. Unreachable nodes are allowed here: the
/// properties are about walks, and validation of reachability has its own tests.
fn build(shapes: &[Shape]) -> Tree {
    let inner = shapes.len();
    let end_resolved = format!("n{}", inner + 1);
    let end_escalate = format!("n{}", inner + 2);
    let total = inner + 3;
    // A target for node `i` from offset `o`: some later node.
    let target = |i: usize, o: usize| format!("n{}", i + 1 + o % (total - i - 1));
    let mut nodes = BTreeMap::new();
    nodes.insert(
        "n0".to_owned(),
        Node::Check {
            text: text("os"),
            script: None,
            variants: BTreeMap::new(),
            check: CheckKind::Os,
            url: None,
            expect: vec![],
            fact: None,
            outcomes: BTreeMap::new(),
            otherwise: Some("n1".to_owned()),
        },
    );
    for (k, s) in shapes.iter().enumerate() {
        let i = k + 1;
        let node = match s {
            Shape::Question(offsets) => Node::Question {
                text: text("q"),
                script: None,
                variants: BTreeMap::new(),
                answers: offsets
                    .iter()
                    .map(|o| Answer {
                        label: text("a"),
                        next: target(i, *o),
                    })
                    .collect(),
            },
            Shape::Step(o) => Node::Step {
                text: text("s"),
                script: None,
                variants: BTreeMap::new(),
                next: target(i, *o),
            },
            Shape::Input(o) => Node::Input {
                text: text("i"),
                script: None,
                variants: BTreeMap::new(),
                fields: vec![Field {
                    name: "n".into(),
                    label: text("n"),
                    help: None,
                    kind: FieldKind::Number,
                    required: true,
                    min: Some(0.0),
                    max: Some(99.0),
                    pattern: None,
                    options: vec![],
                }],
                next: target(i, *o),
            },
            Shape::Check(a, b) => Node::Check {
                text: text("c"),
                script: None,
                variants: BTreeMap::new(),
                check: CheckKind::Online,
                url: None,
                expect: vec![],
                fact: None,
                outcomes: BTreeMap::from([("online".to_owned(), target(i, *a))]),
                otherwise: Some(target(i, *b)),
            },
            Shape::Branch(a, b) => Node::Branch {
                rules: vec![Rule {
                    when: Condition {
                        fact: "os".into(),
                        test: Test::Equals("linux".into()),
                    },
                    next: target(i, *a),
                }],
                otherwise: target(i, *b),
            },
        };
        nodes.insert(format!("n{i}"), node);
    }
    nodes.insert(
        end_resolved,
        Node::Resolved {
            text: text("ok"),
            script: None,
            variants: BTreeMap::new(),
        },
    );
    nodes.insert(
        end_escalate,
        Node::Escalate {
            text: text("up"),
            script: None,
            variants: BTreeMap::new(),
            queue: "q".into(),
            impact: Level::Low,
            urgency: Level::Medium,
            contact: Default::default(),
        },
    );
    Tree {
        id: "gen".into(),
        languages: vec!["de".into(), "en".into()],
        category: "c".into(),
        title: text("t"),
        description: text("d"),
        keywords: BTreeMap::from([
            ("de".into(), vec!["k".into()]),
            ("en".into(), vec!["k".into()]),
        ]),
        start: "n0".into(),
        nodes,
    }
}

fn catalog(tree: Tree) -> Catalog {
    let declarations = Declarations {
        queues: BTreeMap::from([("q".to_owned(), Named { name: text("Q") })]),
        categories: BTreeMap::from([("c".to_owned(), Named { name: text("C") })]),
    };
    match Catalog::validated(vec![("trees/gen.toml".into(), tree.clone())], declarations) {
        Ok(c) => c,
        Err(problems) => {
            // Generated trees may leave nodes unreachable; every other rule must hold,
            // and the engine does not care about nodes no walk reaches.
            let other: Vec<_> = problems
                .iter()
                .filter(|p| p.rule != "unreachable")
                .collect();
            assert!(
                other.is_empty(),
                "generator made an invalid tree: {other:#?}"
            );
            let version = domain::catalog::version_of(&tree);
            Catalog::trusted([(tree, version)])
        }
    }
}

/// The move a person could make at the walk's node, chosen by `pick`.
fn some_move(walk: &Walk, c: &Catalog, pick: u32) -> Move {
    match walk.node(c).expect("walk stands on a node") {
        Node::Question { answers, .. } => Move::Answer {
            index: pick as usize % answers.len(),
        },
        Node::Step { .. } => Move::Helped {
            helped: pick.is_multiple_of(4),
        },
        Node::Input { .. } => Move::Values {
            values: BTreeMap::from([("n".to_owned(), (pick % 100).to_string())]),
        },
        Node::Check { check, .. } => {
            let outcomes = check.outcomes();
            Move::Checked {
                outcome: outcomes[pick as usize % outcomes.len()].to_owned(),
                value: String::new(),
            }
        }
        other => panic!("no person stands at a {} node", other.kind_name()),
    }
}

fn walk_through(c: &Catalog, picks: &[u32]) -> Walk {
    let mut walk = Walk::start(c, "gen").unwrap();
    let mut picks = picks.iter().cycle();
    while !walk.is_over() {
        let made = some_move(&walk, c, *picks.next().unwrap());
        let place = walk.place().clone();
        let step = Step {
            tree: place.tree,
            node: place.node,
            at: walk.transcript.len() as u64,
            made,
        };
        walk.apply(c, step).unwrap();
    }
    walk
}

proptest! {
    #[test]
    fn every_walk_ends(shapes in prop::collection::vec(shape(), 1..25), picks in prop::collection::vec(any::<u32>(), 1..30)) {
        let tree = build(&shapes);
        let nodes = tree.nodes.len();
        let c = catalog(tree);
        let walk = walk_through(&c, &picks);
        prop_assert!(walk.transcript.len() <= nodes);
        prop_assert!(walk.path.len() <= nodes);
    }

    #[test]
    fn replay_reproduces_a_recorded_walk(shapes in prop::collection::vec(shape(), 1..25), picks in prop::collection::vec(any::<u32>(), 1..30)) {
        let c = catalog(build(&shapes));
        let walk = walk_through(&c, &picks);
        prop_assert_eq!(replay(&c, "gen", &walk.transcript).unwrap(), walk);
    }

    #[test]
    fn back_then_the_same_move_is_a_no_op(shapes in prop::collection::vec(shape(), 1..25), picks in prop::collection::vec(any::<u32>(), 1..30), cut in any::<usize>()) {
        let c = catalog(build(&shapes));
        let full = walk_through(&c, &picks);
        prop_assume!(!full.transcript.is_empty());
        // Stop somewhere along the walk, go back one move and make it again.
        let upto = 1 + cut % full.transcript.len();
        let walk = replay(&c, "gen", &full.transcript[..upto]).unwrap();
        let mut again = walk.clone();
        again.back(&c).unwrap();
        again.apply(&c, walk.transcript[upto - 1].clone()).unwrap();
        prop_assert_eq!(again, walk);
    }
}
