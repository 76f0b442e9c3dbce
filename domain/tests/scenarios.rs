//! Tree scenarios: a scenario passes exactly when the engine, making its moves, ends
//! where it says; each kind of mistake gets a message that names the step and the fix;
//! and every end of a tree must be covered.

mod common;

use domain::scenario::{self, Failure};
use domain::walk::Move;

/// Scenarios of the base tree (see `common`) covering all of its ends.
const FULL: &str = r#"
[[scenario]]
name = "restart helped"
ends = "try"
steps = [
  { at = "ask", answer = "A" },
  { at = "try", helped = true },
]

[[scenario]]
name = "online after the restart"
ends = "fixed"
steps = [
  { at = "ask", answer = 1 },
  { at = "try", helped = false },
  { at = "probe", outcome = "online" },
]

[[scenario]]
name = "offline jumps to the second tree"
ends = "second:done"
steps = [
  { at = "ask", answer = "A" },
  { at = "try", helped = false },
  { at = "probe", outcome = "offline", value = "no network" },
]

[[scenario]]
name = "many affected go to support"
ends = "hand_off"
steps = [
  { at = "ask", answer = "B" },
  { at = "details", values = { count = "11" } },
]
"#;

fn failure_of(text: &str) -> Failure {
    let catalog = common::catalog();
    let scenarios = scenario::parse(text).expect("parses");
    scenario::run(&catalog, "base", &scenarios[0]).expect_err("must fail")
}

fn one(steps: &str, ends: &str) -> String {
    format!("[[scenario]]\nname = \"s\"\nends = \"{ends}\"\nsteps = [\n{steps}\n]\n")
}

#[test]
fn covering_scenarios_pass_and_end_where_they_say() {
    let catalog = common::catalog();
    assert_eq!(
        scenario::check(&catalog, "base", "scenarios/base.toml", FULL),
        vec![]
    );
    let scenarios = scenario::parse(FULL).unwrap();
    let walk = scenario::run(&catalog, "base", &scenarios[3]).unwrap();
    assert_eq!(walk.place().node, "hand_off");
    assert_eq!(walk.facts.get("count").map(String::as_str), Some("11"));
    // A check step reports its `value`; without one the outcome stands in.
    let walk = scenario::run(&catalog, "base", &scenarios[2]).unwrap();
    assert_eq!(
        walk.transcript[2].made,
        Move::Checked {
            outcome: "offline".into(),
            value: "no network".into()
        }
    );
    let walk = scenario::run(&catalog, "base", &scenarios[1]).unwrap();
    assert_eq!(
        walk.transcript[2].made,
        Move::Checked {
            outcome: "online".into(),
            value: "online".into()
        }
    );
}

#[test]
fn the_ends_of_a_tree_are_its_resolved_escalate_and_step_nodes() {
    let catalog = common::catalog();
    assert_eq!(
        scenario::ends(&catalog, "base"),
        ["fixed", "hand_off", "try"]
    );
    assert_eq!(scenario::ends(&catalog, "second"), ["done"]);
}

#[test]
fn a_walk_that_takes_another_way_names_the_step_and_both_places() {
    let f = failure_of(&one(
        r#"{ at = "ask", answer = "B" }, { at = "try", helped = true }"#,
        "try",
    ));
    assert_eq!(f.step, Some(2));
    assert_eq!(f.message, "the walk stands at `details`, not at `try`");
}

#[test]
fn answers_must_exist_by_label_or_number() {
    let f = failure_of(&one(r#"{ at = "ask", answer = "C" }"#, "fixed"));
    assert_eq!(
        (f.step, f.message.as_str()),
        (Some(1), "`ask` has no answer labelled \"C\"")
    );
    let f = failure_of(&one(r#"{ at = "ask", answer = 3 }"#, "fixed"));
    assert_eq!(
        f.message,
        "answer 3 does not exist; `ask` has answers 1 to 2"
    );
    let f = failure_of(&one(r#"{ at = "ask", answer = 0 }"#, "fixed"));
    assert_eq!(
        f.message,
        "answer 0 does not exist; `ask` has answers 1 to 2"
    );
}

#[test]
fn each_step_makes_exactly_one_move_of_the_node_s_kind() {
    let f = failure_of(&one(
        r#"{ at = "ask", answer = "A", helped = true }"#,
        "try",
    ));
    assert_eq!(
        f.message,
        "give exactly one of `answer`, `helped`, `values` or `outcome` per step"
    );
    let f = failure_of(&one(r#"{ at = "ask", helped = true }"#, "try"));
    assert_eq!(f.message, "`ask` is a question: give `answer`");
    let f = failure_of(&one(
        r#"{ at = "ask", answer = "B" }, { at = "details", outcome = "x" }"#,
        "x",
    ));
    assert_eq!(
        (f.step, f.message.as_str()),
        (Some(2), "`details` is an input: give `values`")
    );
}

#[test]
fn the_engine_s_own_rules_apply() {
    // `count` is required and at least 1: the engine refuses, and says why.
    let f = failure_of(&one(
        r#"{ at = "ask", answer = "B" }, { at = "details", values = { count = "0" } }"#,
        "fixed",
    ));
    assert_eq!(f.step, Some(2));
    assert!(f.message.contains("count"), "{}", f.message);
}

#[test]
fn a_walk_must_end_and_end_at_the_named_node() {
    let f = failure_of(&one(r#"{ at = "ask", answer = "A" }"#, "try"));
    assert_eq!(f.step, None);
    assert_eq!(
        f.message,
        "the walk has not ended: it stands at `try`, short of `try`; add the steps that lead there"
    );
    let f = failure_of(&one(
        r#"{ at = "ask", answer = "B" }, { at = "details", values = { count = "2" } }"#,
        "hand_off",
    ));
    assert_eq!(f.message, "the walk ended at `fixed`, not at `hand_off`");
    let f = failure_of(&one(
        r#"{ at = "ask", answer = "A" }, { at = "try", helped = true }, { at = "try", helped = true }"#,
        "try",
    ));
    assert_eq!(f.step, Some(3));
    assert!(
        f.message.starts_with("the walk already ended at `try`"),
        "{}",
        f.message
    );
}

#[test]
fn uncovered_ends_duplicate_names_and_bad_files_are_problems() {
    let catalog = common::catalog();
    let only_first = &FULL[..FULL.find("[[scenario]]\nname = \"online").unwrap()];
    let lines: Vec<String> = scenario::check(&catalog, "base", "s.toml", only_first)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "s.toml: scenario-coverage: no scenario ends at `fixed`, `hand_off`; add one for each \
          (`lotse draft-scenarios base` writes drafts)"
        ]
    );

    let twice = format!(
        "{FULL}{}",
        &FULL[..FULL.find("[[scenario]]\nname = \"online").unwrap()]
    );
    let problems = scenario::check(&catalog, "base", "s.toml", &twice);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].rule, "scenario-name");

    let broken = scenario::check(
        &catalog,
        "base",
        "s.toml",
        "[[scenario]]\nname = \"x\"\nwhere = 1\n",
    );
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].rule, "parse");
    assert!(broken[0].file.starts_with("s.toml:"), "{}", broken[0].file);

    let unknown = scenario::check(&catalog, "nope", "scenarios/nope.toml", FULL);
    assert_eq!(unknown[0].rule, "scenario-tree");
}

#[test]
fn failing_scenarios_are_reported_with_name_and_step() {
    let catalog = common::catalog();
    let wrong = FULL.replacen(
        "{ at = \"probe\", outcome = \"online\" }",
        "{ at = \"probe\", outcome = \"offline\" }",
        1,
    );
    let lines: Vec<String> = scenario::check(&catalog, "base", "s.toml", &wrong)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "s.toml: scenario: scenario \"online after the restart\": end: the walk ended at `second:done`, not at `fixed`",
            "s.toml: scenario-coverage: no scenario ends at `fixed`; add one for each (`lotse draft-scenarios base` writes drafts)",
        ]
    );
}

#[cfg(feature = "explore")]
#[test]
fn drafts_reach_every_end_and_pass_as_written() {
    let catalog = common::catalog();
    let draft = scenario::draft(&catalog, "base", "en");
    assert_eq!(
        scenario::check(&catalog, "base", "draft.toml", &draft),
        vec![]
    );
    assert_eq!(scenario::parse(&draft).unwrap().len(), 3);
    // The branch compares `count` with 10: the draft finds both sides of it.
    assert!(draft.contains("ends = \"hand_off\""), "{draft}");
    assert!(draft.contains("name = \"hand_off: B\""), "{draft}");
}
