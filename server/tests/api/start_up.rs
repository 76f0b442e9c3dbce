//! The binary refuses a broken tree folder with one line per problem, and
//! `check-trees` reports a good one.

use std::process::Command;

fn lotse() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lotse"))
}

#[test]
fn a_broken_tree_folder_stops_start_up_with_one_line_per_problem() {
    let dir = tempfile::tempdir().unwrap();
    let trees = dir.path();
    std::fs::copy(
        harness_trees().join("catalog.toml"),
        trees.join("catalog.toml"),
    )
    .unwrap();
    let printer = std::fs::read_to_string(harness_trees().join("printer.toml")).unwrap();
    // A dangling reference, a missing translation and a cycle, all in one file.
    let start = printer
        .lines()
        .find_map(|l| l.strip_prefix("start = "))
        .unwrap()
        .trim_matches('"')
        .to_owned();
    let broken = format!(
        "{printer}\n[nodes.zz_dangling]\nkind = \"step\"\ntext = {{ de = \"Nur Deutsch\" }}\nnext = \"nowhere\"\n\n[nodes.zz_loop_a]\nkind = \"branch\"\nrules = []\notherwise = \"zz_loop_b\"\n\n[nodes.zz_loop_b]\nkind = \"branch\"\nrules = []\notherwise = \"zz_loop_a\"\n"
    );
    std::fs::write(trees.join("printer.toml"), broken).unwrap();
    let data = dir.path().join("data");
    let out = lotse()
        .args(["--listen", "127.0.0.1:0", "--trees"])
        .arg(trees)
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let file = trees.join("printer.toml").display().to_string();
    let expect = [
        format!("{file}: node `zz_dangling`: dangling-reference:"),
        format!("{file}: node `zz_dangling`: missing-translation:"),
        format!("{file}: node `zz_loop_a`: cycle:"),
        format!("{file}: node `zz_dangling`: unreachable:"),
    ];
    for line in &expect {
        assert!(
            stderr.lines().any(|l| l.starts_with(line.as_str())),
            "missing {line:?} in:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains(&format!("node `{start}`")),
        "the untouched start node is fine:\n{stderr}"
    );
    // A jump into a tree that is not in the folder (printer jumps to no-internet).
    assert!(stderr.contains("unknown-tree"), "{stderr}");
}

#[test]
fn check_trees_accepts_the_shipped_folder() {
    let out = lotse()
        .arg("check-trees")
        .arg(harness_trees())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.lines().count() >= 6, "{stdout}");
    assert!(stdout.lines().all(|l| l.contains(": ok, ")), "{stdout}");
}

fn harness_trees() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../trees")
}
