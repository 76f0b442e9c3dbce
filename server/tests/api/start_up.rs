//! The binary refuses a broken tree folder with one line per problem; `check-trees`
//! reports a good one and runs its scenarios; `graph-tree` and `draft-scenarios` print
//! a flowchart and scenario drafts.

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
    assert!(
        stdout.contains("printer.toml: ok, 23 nodes, 14 scenarios"),
        "{stdout}"
    );
}

/// A copy of the shipped folder, scenarios included, to break.
fn copy_of_shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("scenarios")).unwrap();
    for sub in ["", "scenarios"] {
        for entry in std::fs::read_dir(harness_trees().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

#[test]
fn check_trees_fails_on_a_scenario_that_no_longer_holds_or_is_missing() {
    let dir = copy_of_shipped();
    let scenarios = dir.path().join("scenarios");
    let printer = std::fs::read_to_string(scenarios.join("printer.toml")).unwrap();
    // An author renames an answer in the tree: the scenario that clicks it must fail.
    let broken = printer.replacen(
        "answer = \"A different one than I thought\"",
        "answer = \"Some other printer\"",
        1,
    );
    assert_ne!(broken, printer);
    std::fs::write(scenarios.join("printer.toml"), broken).unwrap();
    std::fs::remove_file(scenarios.join("vpn.toml")).unwrap();

    let out = lotse().arg("check-trees").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let file = scenarios.join("printer.toml").display().to_string();
    assert!(
        stderr.contains(&format!(
            "{file}: scenario: scenario \"wrong_printer: Nothing comes out › A different one than I thought\": \
             step 3: `which_printer` has no answer labelled \"Some other printer\""
        )),
        "{stderr}"
    );
    // With that scenario failing, `wrong_printer` is no longer reached by any.
    assert!(
        stderr.contains(&format!(
            "{file}: scenario-coverage: no scenario ends at `wrong_printer`"
        )),
        "{stderr}"
    );
    let vpn = scenarios.join("vpn.toml").display().to_string();
    assert!(
        stderr.contains(&format!(
            "{vpn}: scenario-file: cannot read the scenarios of `vpn`"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("3 problem(s)"), "{stderr}");
}

#[test]
fn draft_scenarios_write_a_file_that_check_trees_accepts() {
    let dir = copy_of_shipped();
    let vpn = dir.path().join("scenarios").join("vpn.toml");
    std::fs::remove_file(&vpn).unwrap();
    let out = lotse()
        .args(["draft-scenarios", "vpn", "--lang", "de", "--trees"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let draft = String::from_utf8(out.stdout).unwrap();
    assert!(draft.contains("[[scenario]]"), "{draft}");
    std::fs::write(&vpn, draft).unwrap();
    let out = lotse().arg("check-trees").arg(dir.path()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn graph_tree_prints_a_flowchart_or_names_the_trees_there_are() {
    let out = lotse()
        .args(["graph-tree", "printer", "--trees"])
        .arg(harness_trees())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let chart = String::from_utf8(out.stdout).unwrap();
    assert!(chart.starts_with("flowchart TD\n"), "{chart}");
    assert!(
        chart.contains("n_start{\"What happens when you print?\"}"),
        "{chart}"
    );

    let out = lotse()
        .args(["graph-tree", "fax", "--trees"])
        .arg(harness_trees())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("there is no tree `fax`"), "{stderr}");
    assert!(stderr.contains("printer"), "{stderr}");
}

fn harness_trees() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../trees")
}
