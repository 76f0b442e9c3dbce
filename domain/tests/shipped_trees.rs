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
