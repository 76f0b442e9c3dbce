//! Each validation rule, proven with a tree that breaks it: the problem names the file,
//! the node and the rule.

mod common;

use common::*;
use domain::validate::Problem;

/// Asserts exactly one problem with this rule at this node.
fn assert_one(problems: &[Problem], rule: &str, node: Option<&str>) -> Problem {
    let hits: Vec<&Problem> = problems.iter().filter(|p| p.rule == rule).collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one `{rule}` problem, got: {problems:#?}"
    );
    assert_eq!(hits[0].node.as_deref(), node, "{:#?}", hits[0]);
    hits[0].clone()
}

#[test]
fn the_base_catalog_is_valid() {
    let catalog = catalog();
    assert_eq!(catalog.entries().count(), 2);
}

#[test]
fn parse_errors_give_the_line() {
    let problems = problems_with("next = \"probe\"", "nxt = \"probe\"");
    let p = assert_one(&problems, "parse", None);
    assert!(p.file.starts_with("trees/base.toml:"), "{p}");
    assert!(p.message.contains("nxt"), "{p}");
}

#[test]
fn unknown_node_kind_is_a_parse_error() {
    let problems = problems_with("kind = \"step\"", "kind = \"stepp\"");
    let p = assert_one(&problems, "parse", None);
    assert!(p.message.contains("stepp"), "{p}");
}

#[test]
fn duplicate_tree_ids() {
    let problems = build(BASE, &SECOND.replace("id = \"second\"", "id = \"base\"")).unwrap_err();
    let p = assert_one(&problems, "duplicate-tree", None);
    assert_eq!(p.file, "trees/second.toml");
}

#[test]
fn tree_id_must_match_file_name() {
    let p = assert_one(
        &problems_with("id = \"base\"", "id = \"basis\""),
        "file-name",
        None,
    );
    assert!(p.message.contains("basis.toml"), "{p}");
}

#[test]
fn node_ids_have_a_format() {
    let problems = problems_with("[nodes.fixed]", "[nodes.\"Fixed It\"]");
    assert_one(&problems, "id-format", Some("Fixed It"));
}

#[test]
fn languages_must_include_de_and_en() {
    let problems = problems_with("languages = [\"de\", \"en\"]", "languages = [\"en\"]");
    assert_one(&problems, "languages", None);
}

#[test]
fn category_must_be_declared() {
    let problems = problems_with("category = \"cat\"", "category = \"dog\"");
    assert_one(&problems, "unknown-category", None);
}

#[test]
fn queue_must_be_declared() {
    let problems = problems_with("queue = \"q\"", "queue = \"nowhere\"");
    assert_one(&problems, "unknown-queue", Some("hand_off"));
}

#[test]
fn start_must_exist() {
    let problems = problems_with("start = \"ask\"", "start = \"begin\"");
    assert_one(&problems, "start", None);
}

#[test]
fn references_must_resolve() {
    let problems = problems_with("next = \"probe\"", "next = \"prob\"");
    let p = assert_one(&problems, "dangling-reference", Some("try"));
    assert!(p.message.contains("`prob`"), "{p}");
}

#[test]
fn jump_targets_must_exist() {
    let problems = problems_with("tree = \"second\"", "tree = \"third\"");
    assert_one(&problems, "unknown-tree", Some("other"));
}

#[test]
fn every_node_is_reachable() {
    let problems = problems_with(
        "[nodes.fixed]",
        "[nodes.orphan]\nkind = \"resolved\"\ntext = { de = \"x\", en = \"x\" }\n\n[nodes.fixed]",
    );
    assert_one(&problems, "unreachable", Some("orphan"));
}

#[test]
fn cycles_are_refused() {
    // probe's offline outcome leads back to `try`: try → probe → try.
    let problems = problems_with("offline = \"other\"", "offline = \"try\"");
    let p = assert_one(&problems, "cycle", Some("try"));
    assert!(p.message.contains("try → probe → try"), "{p}");
}

#[test]
fn trees_may_not_jump_in_a_circle() {
    let second = SECOND.replace(
        "kind = \"resolved\"\ntext = { de = \"Fertig\", en = \"Done\" }",
        "kind = \"jump\"\ntree = \"base\"",
    );
    let problems = build(BASE, &second).unwrap_err();
    assert_one(&problems, "jump-cycle", None);
}

#[test]
fn check_outcomes_must_all_lead_somewhere() {
    let problems = problems_with(", offline = \"other\"", "");
    let p = assert_one(&problems, "dead-end", Some("probe"));
    assert!(p.message.contains("offline"), "{p}");
}

#[test]
fn questions_need_answers() {
    let problems = problems_with(
        "[nodes.fixed]",
        "[nodes.mute]\nkind = \"question\"\ntext = { de = \"?\", en = \"?\" }\nanswers = []\n\n[nodes.fixed]",
    );
    // `mute` is also unreachable; the dead end is what this test is about.
    assert_one(&problems, "dead-end", Some("mute"));
}

#[test]
fn every_text_in_every_language() {
    let problems = problems_with(
        "text = { de = \"Prüfe\", en = \"Checking\" }",
        "text = { de = \"Prüfe\" }",
    );
    let p = assert_one(&problems, "missing-translation", Some("probe"));
    assert!(p.message.contains("en"), "{p}");
}

#[test]
fn keywords_in_every_language() {
    let problems = problems_with("en = [\"word\"]", "en = []");
    assert_one(&problems, "missing-translation", None);
}

#[test]
fn facts_must_be_set_before_a_branch_tests_them() {
    // An optional field may stay empty, so the branch could test a missing fact.
    let problems = problems_with(
        "type = \"number\", required = true",
        "type = \"number\", required = false",
    );
    let p = assert_one(&problems, "unset-fact", Some("route"));
    assert!(p.message.contains("`count`"), "{p}");
}

#[test]
fn facts_set_on_only_one_path_are_not_enough() {
    // `route` is reached from `ask` directly (count unset) and through `details`.
    let problems = problems_with("next = \"try\"", "next = \"route\"");
    let hits: Vec<_> = problems.iter().filter(|p| p.rule == "unset-fact").collect();
    assert_eq!(hits.len(), 1, "{problems:#?}");
}

#[test]
fn checks_must_be_known() {
    let p = assert_one(
        &problems_with("check = \"online\"", "check = \"ping\""),
        "unknown-check",
        Some("probe"),
    );
    assert!(p.message.contains("online, rtt, reach"), "{p}");
}

#[test]
fn outcomes_must_belong_to_the_check() {
    let problems = problems_with(
        "offline = \"other\"",
        "offline = \"other\", down = \"other\"",
    );
    assert_one(&problems, "unknown-outcome", Some("probe"));
}

#[test]
fn reach_needs_a_url() {
    let problems = problems_with("check = \"online\"", "check = \"reach\"");
    // reach has outcomes reachable/unreachable: the online/offline keys are also wrong.
    assert_one(&problems, "check-parameter", Some("probe"));
}

#[test]
fn field_types_must_be_known() {
    let problems = problems_with("type = \"number\"", "type = \"integer\"");
    assert_one(&problems, "unknown-field-type", Some("details"));
}

#[test]
fn choice_fields_need_options() {
    let problems = problems_with("type = \"text\"", "type = \"choice\"");
    assert_one(&problems, "field", Some("details"));
}

#[test]
fn patterns_must_compile() {
    let problems = problems_with("type = \"text\"", "type = \"text\", pattern = \"[a-\"");
    assert_one(&problems, "field", Some("details"));
}

#[test]
fn variants_are_keyed_by_os_family() {
    let problems = problems_with(
        "text = { de = \"Neu starten\", en = \"Restart\" }",
        "text = { de = \"Neu starten\", en = \"Restart\" }\nvariants = { windos = { de = \"x\", en = \"x\" } }",
    );
    assert_one(&problems, "unknown-os", Some("try"));
}

#[test]
fn links_must_be_safe() {
    let problems = problems_with("en = \"Solved\"", "en = \"[Solved](javascript:alert(1))\"");
    assert_one(&problems, "unsafe-link", Some("fixed"));
}

#[test]
fn a_folder_without_catalog_is_refused() {
    let problems = domain::Catalog::build(&[file("trees/second.toml", SECOND)], None).unwrap_err();
    assert!(
        problems.iter().any(|p| p.rule == "catalog"),
        "{problems:#?}"
    );
}

#[test]
fn every_problem_is_reported_in_one_pass_as_one_line_each() {
    let broken = BASE
        .replacen("next = \"probe\"", "next = \"prob\"", 1)
        .replacen("queue = \"q\"", "queue = \"nowhere\"", 1);
    let problems = build(&broken, SECOND).unwrap_err();
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(lines.contains(&"trees/base.toml: node `try`: dangling-reference: leads to `prob`, which is not a node of this tree; add it or fix the id".to_owned()), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("trees/base.toml: node `hand_off`: unknown-queue:")),
        "{lines:#?}"
    );
    assert!(lines.iter().all(|l| !l.contains('\n')));
}
