//! The tree folder on disk: reads every file and hands them to the domain's validation.
//!
//! Named after the shelf the trees stand on; the domain never touches the file system.

use domain::Catalog;
use domain::catalog::{CATALOG_FILE, SourceFile};
use domain::scenario::{self, SCENARIO_FOLDER};
use domain::validate::Problem;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// Reads and validates a tree folder. Every problem is returned, in file order.
pub fn load(folder: &Path) -> Result<Catalog, Vec<Problem>> {
    let shown = folder.display().to_string();
    let listing = std::fs::read_dir(folder).map_err(|e| {
        vec![Problem::file(
            &shown,
            "folder",
            &format!("cannot read the tree folder: {e}; pass an existing folder with --trees"),
        )]
    })?;
    let mut paths: Vec<_> = listing
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut trees = Vec::new();
    let mut declarations = None;
    let mut problems = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let file = SourceFile { path: name, text };
                if path.file_name().is_some_and(|n| n == CATALOG_FILE) {
                    declarations = Some(file);
                } else {
                    trees.push(file);
                }
            }
            Err(e) => problems.push(Problem::file(
                &name,
                "folder",
                &format!("cannot read the file: {e}"),
            )),
        }
    }
    match Catalog::build(&trees, declarations.as_ref()) {
        Ok(catalog) if problems.is_empty() => Ok(catalog),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// `lotse check-trees`: validates the folder and runs its scenarios; prints every
/// problem, one per line, or a summary of the trees.
pub fn check(folder: &Path) -> ExitCode {
    let catalog = match load(folder) {
        Ok(catalog) => catalog,
        Err(problems) => {
            report(&problems);
            return ExitCode::from(2);
        }
    };
    let (scenarios, problems) = check_scenarios(folder, &catalog);
    if !problems.is_empty() {
        report(&problems);
        return ExitCode::from(2);
    }
    for entry in catalog.entries() {
        let count = scenarios.get(&entry.tree.id).copied().unwrap_or(0);
        println!(
            "{}: ok, {} nodes, {count} scenarios, version {}",
            entry.file,
            entry.tree.nodes.len(),
            entry.version
        );
    }
    ExitCode::SUCCESS
}

/// Runs every scenario file of `folder/scenarios/`: how many scenarios each tree has,
/// and every problem. A tree without a scenario file is a problem too: its ends are
/// untested.
pub fn check_scenarios(
    folder: &Path,
    catalog: &Catalog,
) -> (BTreeMap<String, usize>, Vec<Problem>) {
    let dir = folder.join(SCENARIO_FOLDER);
    let mut counts = BTreeMap::new();
    let mut problems = Vec::new();
    for entry in catalog.entries() {
        let id = &entry.tree.id;
        let path = dir.join(format!("{id}.toml"));
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                problems.extend(scenario::check(catalog, id, &shown, &text));
                counts.insert(id.clone(), scenario::parse(&text).map(|s| s.len()).unwrap_or(0));
            }
            Err(e) => problems.push(Problem::file(
                &shown,
                "scenario-file",
                &format!(
                    "cannot read the scenarios of `{id}`: {e}; write them (`lotse draft-scenarios {id}` drafts them)"
                ),
            )),
        }
    }
    // A scenario file whose tree is gone would otherwise be ignored without a word.
    if let Ok(listing) = std::fs::read_dir(&dir) {
        for path in listing.filter_map(Result::ok).map(|e| e.path()) {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            if path.extension().is_some_and(|e| e == "toml") && catalog.tree(stem).is_none() {
                problems.push(Problem::file(
                    &path.display().to_string(),
                    "scenario-tree",
                    &format!("there is no tree `{stem}`; name the file after the tree it tests"),
                ));
            }
        }
    }
    (counts, problems)
}

/// `lotse graph-tree`: the tree as a Mermaid flowchart on standard output.
pub fn graph(folder: &Path, tree: &str, lang: &str) -> ExitCode {
    with_tree(folder, tree, |catalog| {
        // `with_tree` made sure the tree exists.
        let tree = catalog.tree(tree).expect("checked");
        print!("{}", domain::graph::mermaid(tree, lang));
    })
}

/// `lotse draft-scenarios`: a scenario file for the tree on standard output.
pub fn draft(folder: &Path, tree: &str, lang: &str) -> ExitCode {
    with_tree(folder, tree, |catalog| {
        print!("{}", scenario::draft(catalog, tree, lang));
    })
}

fn with_tree(folder: &Path, tree: &str, then: impl FnOnce(&Catalog)) -> ExitCode {
    match load(folder) {
        Ok(catalog) if catalog.tree(tree).is_some() => {
            then(&catalog);
            ExitCode::SUCCESS
        }
        Ok(catalog) => {
            let known: Vec<&str> = catalog.entries().map(|e| e.tree.id.as_str()).collect();
            eprintln!(
                "there is no tree `{tree}` in {}; the trees are: {}",
                folder.display(),
                known.join(", ")
            );
            ExitCode::from(2)
        }
        Err(problems) => {
            report(&problems);
            ExitCode::from(2)
        }
    }
}

/// Prints problems to standard error, one line each, and how many there are.
pub fn report(problems: &[Problem]) {
    for p in problems {
        eprintln!("{p}");
    }
    eprintln!(
        "{} problem(s) in the tree folder; fix them and start again",
        problems.len()
    );
}
