//! The fuzzers' inputs as tests: every seed in `fuzz/seeds/` and every input a fuzzer
//! once broke the engine with (`fuzz/regressions/`) goes through the same checks as in
//! `fuzz/fuzz_targets/` on every `cargo test`: the tree parser and validator answer a
//! catalog or problems (never a panic), and replay is deterministic.

use domain::Catalog;
use domain::catalog::SourceFile;
use domain::walk::Step;
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("fuzz");
    let mut files = Vec::new();
    for folder in ["seeds", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| {
                p.is_file()
                    && !p.starts_with(".")
                    && p.file_name()
                        .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            }));
        }
    }
    files.sort();
    files
}

const SHIPPED: [&str; 6] = [
    "email",
    "no-internet",
    "password",
    "printer",
    "slow-computer",
    "vpn",
];

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.to_owned(),
        text: text.to_owned(),
    }
}

fn shipped(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../trees")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn tree_inputs_give_a_catalog_or_problems() {
    let files = inputs("trees");
    assert!(
        files.len() >= 6,
        "the seeds are the shipped trees: {files:?}"
    );
    let catalog = shipped("catalog.toml");
    let mut built = 0;
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        // As in the fuzz target: among the shipped trees, in place of the one with its id.
        let id = text
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("id = \"")
                    .and_then(|r| r.split('"').next())
            })
            .filter(|id| !id.is_empty() && id.len() < 64 && !id.contains('/'))
            .unwrap_or("fuzzed")
            .to_owned();
        let mut trees: Vec<SourceFile> = SHIPPED
            .iter()
            .filter(|shipped| **shipped != id)
            .map(|shipped| {
                file(
                    &format!("trees/{shipped}.toml"),
                    &self::shipped(&format!("{shipped}.toml")),
                )
            })
            .collect();
        trees.push(file(&format!("trees/{id}.toml"), &text));
        if Catalog::build(&trees, Some(&file("trees/catalog.toml", &catalog))).is_ok() {
            built += 1;
        }
    }
    // The seeds are the shipped trees: each builds in its own place.
    assert!(built >= 6, "{built} of {} built", files.len());
}

#[derive(serde::Deserialize)]
struct Input {
    tree: String,
    transcript: Vec<Step>,
}

#[test]
fn replay_inputs_replay_the_same_way_twice() {
    let trees: Vec<SourceFile> = SHIPPED
        .iter()
        .map(|n| file(&format!("trees/{n}.toml"), &shipped(&format!("{n}.toml"))))
        .collect();
    let catalog = Catalog::build(
        &trees,
        Some(&file("trees/catalog.toml", &shipped("catalog.toml"))),
    )
    .unwrap();
    let files = inputs("replay");
    assert!(!files.is_empty());
    let mut replayed = 0;
    for path in files {
        let Ok(input) = serde_json::from_slice::<Input>(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let first = domain::replay(&catalog, &input.tree, &input.transcript);
        let second = domain::replay(&catalog, &input.tree, &input.transcript);
        match (&first, &second) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "{}", path.display());
                replayed += 1;
            }
            (Err(a), Err(b)) => assert_eq!(a.step, b.step, "{}", path.display()),
            _ => panic!("{}: replay is not deterministic", path.display()),
        }
    }
    assert!(replayed >= 2, "the seeds include legal walks");
}
