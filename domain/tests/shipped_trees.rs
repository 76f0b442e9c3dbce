//! The trees Lotse ships load and pass every validation rule, and meet the content bar:
//! at least six trees, each with 12 or more nodes, in German and English, together using
//! every node kind.

use domain::catalog::{CATALOG_FILE, Catalog, SourceFile};
use std::collections::BTreeSet;
use std::path::Path;

fn shipped() -> Catalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../trees");
    let mut trees = Vec::new();
    let mut declarations = None;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = SourceFile {
            path: format!("trees/{name}"),
            text: std::fs::read_to_string(&path).unwrap(),
        };
        if name == CATALOG_FILE {
            declarations = Some(file);
        } else {
            trees.push(file);
        }
    }
    match Catalog::build(&trees, declarations.as_ref()) {
        Ok(c) => c,
        Err(problems) => {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!(
                "shipped trees break {} rule(s):\n{}",
                lines.len(),
                lines.join("\n")
            );
        }
    }
}

#[test]
fn shipped_trees_are_valid_and_rich_enough() {
    let catalog = shipped();
    let entries: Vec<_> = catalog.entries().collect();
    assert!(entries.len() >= 6, "only {} trees shipped", entries.len());
    let mut kinds = BTreeSet::new();
    for e in &entries {
        assert!(
            e.tree.nodes.len() >= 12,
            "{} has only {} nodes",
            e.file,
            e.tree.nodes.len()
        );
        for lang in ["de", "en"] {
            assert!(
                e.tree.languages.iter().any(|l| l == lang),
                "{} lacks {lang}",
                e.file
            );
        }
        kinds.extend(e.tree.nodes.values().map(|n| n.kind_name()));
    }
    let all: BTreeSet<&str> = [
        "question", "step", "input", "check", "branch", "resolved", "escalate", "jump",
    ]
    .into();
    assert_eq!(kinds, all, "shipped trees must use every node kind");
}

#[test]
fn every_shipped_tree_has_passing_scenarios_for_all_of_its_ends() {
    let catalog = shipped();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../trees/scenarios");
    for entry in catalog.entries() {
        let id = &entry.tree.id;
        let text = std::fs::read_to_string(dir.join(format!("{id}.toml")))
            .unwrap_or_else(|e| panic!("trees/scenarios/{id}.toml: {e}"));
        let problems: Vec<String> = domain::scenario::check(&catalog, id, id, &text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let scenarios = domain::scenario::parse(&text).unwrap();
        assert!(scenarios.len() >= domain::scenario::ends(&catalog, id).len());
    }
}

#[test]
fn every_shipped_tree_draws_as_a_flowchart_with_all_nodes_and_edges() {
    let catalog = shipped();
    for entry in catalog.entries() {
        let tree = &entry.tree;
        let chart = domain::graph::mermaid(tree, "de");
        assert!(chart.starts_with("flowchart TD\n"));
        for id in tree.nodes.keys() {
            let key = format!(
                "n_{}",
                id.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
            );
            assert!(
                chart.contains(&format!("  {key}")),
                "{}: {id} missing",
                tree.id
            );
        }
        // One edge per answer, "did not help", input, outcome, rule and otherwise, plus
        // the start arrow.
        let edges: usize = tree
            .nodes
            .values()
            .map(|node| match node {
                domain::Node::Question { answers, .. } => answers.len(),
                domain::Node::Step { .. } | domain::Node::Input { .. } => 1,
                domain::Node::Check {
                    outcomes,
                    otherwise,
                    ..
                } => outcomes.len() + usize::from(otherwise.is_some()),
                domain::Node::Branch { rules, .. } => rules.len() + 1,
                _ => 0,
            })
            .sum();
        assert_eq!(chart.matches(" -->").count(), edges + 1, "{}", tree.id);
    }
}
