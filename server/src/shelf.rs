//! The tree folder on disk: reads every file and hands them to the domain's validation.
//!
//! Named after the shelf the trees stand on; the domain never touches the file system.

use domain::Catalog;
use domain::catalog::{CATALOG_FILE, SourceFile};
use domain::validate::Problem;
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

/// `lotse check-trees`: prints every problem, one per line, or a summary of the trees.
pub fn check(folder: &Path) -> ExitCode {
    match load(folder) {
        Ok(catalog) => {
            for entry in catalog.entries() {
                println!(
                    "{}: ok, {} nodes, version {}",
                    entry.file,
                    entry.tree.nodes.len(),
                    entry.version
                );
            }
            ExitCode::SUCCESS
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
