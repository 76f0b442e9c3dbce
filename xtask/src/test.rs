//! `cargo xtask test`: every check CI runs, cheapest first, stopping at the first failure.
//!
//! Stages: `fmt`, `clippy` (native crates and the wasm app), `unit` (`cargo test`, server
//! tests on SQLite), `postgres` (the server tests again on a private PostgreSQL), `tools`
//! (Chromium, Node), `build` (bundle and release server), `budget` (the first load of `/`
//! within 150 KB of brotli, see [`crate::budget`]), `crash` (the crash test's short form,
//! on SQLite and then two instances on PostgreSQL, see [`crate::crash`]), `bench` (the load generator's short form: fails on any error
//! answer, see [`crate::bench`]), `fuzz` (20 s per fuzz target, see [`crate::fuzz`]),
//! `api` (schemathesis with a fixed seed, see [`crate::api_check`]), `browser`
//! (Playwright driving the real server and the system Chromium). The last line always
//! says which stage failed or that all passed, because in a long CI log that line is
//! what people read.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::budget;
use crate::command;
use crate::dist;
use crate::failure::{Explain, Failure};
use crate::loopback::free_port;
use crate::postgres;
use crate::tools::{self, WASM_TARGET};
use crate::workspace::Workspace;

const STAGES: [&str; 12] = [
    "fmt", "clippy", "unit", "postgres", "tools", "build", "budget", "crash", "bench", "fuzz",
    "api", "browser",
];

pub fn all(workspace: &Workspace) -> Result<(), Failure> {
    let started = Instant::now();
    let mut progress = Progress::default();
    tools::warn_if_disk_low(workspace);
    let cargo = || {
        let mut cargo = command::cargo();
        cargo.current_dir(workspace.root());
        cargo
    };

    progress.stage("fmt", "formatting", || {
        tools::ensure_lint_components(workspace)?;
        command::run(cargo().args(["fmt", "--all", "--", "--check"]))
            .map_err(|failure| hint(failure, "`cargo fmt --all` fixes the formatting."))
    })?;
    progress.stage("clippy", "lints, native crates and the wasm app", || {
        // Without `--workspace`: the default members are the native crates; the app is
        // linted for the target it runs on, not compiled a second time natively.
        command::run(cargo().args(["clippy", "--all-targets", "--", "-D", "warnings"]))?;
        tools::ensure_wasm_target(workspace)?;
        command::run(
            cargo()
                .args(["clippy", "--package", "app", "--target", WASM_TARGET])
                .args(["--", "-D", "warnings"]),
        )
    })?;
    progress.stage(
        "unit",
        "cargo test (SQLite), and the app's pure parts natively",
        || {
            command::run(cargo().arg("test"))?;
            // The app is not a default member (it targets wasm), so its unit tests of pure
            // code (user-agent parsing, headings, saved walks) run here by name.
            command::run(cargo().args(["test", "--package", "app"]))
        },
    )?;
    progress.stage("postgres", "the server tests again, on PostgreSQL", || {
        let cluster = postgres::Cluster::start(free_port()?)?;
        command::run(
            cargo()
                .args(["test", "--package", "server"])
                .env("LOTSE_TEST_POSTGRES_URL", &cluster.url),
        )
    })?;
    let chromium = progress.stage("tools", "Chromium and Node", || {
        let chromium = tools::ensure_chromium()?;
        let node = tools::ensure_node()?;
        println!("Chromium {}, Node {node}", chromium.display());
        Ok(chromium)
    })?;
    progress.stage("build", "bundle and release server", || {
        dist::build(workspace, &workspace.dist())?;
        command::run(cargo().args(["build", "--release", "--package", "server"]))
    })?;
    progress.stage("budget", "first load of / within 150 KB brotli", || {
        let load = budget::first_load(&workspace.dist()).map_err(Failure::new)?;
        let report = budget::report_every_entry(&workspace.dist(), &load).map_err(Failure::new)?;
        println!("{report}");
        load.check().map_err(Failure::new)
    })?;
    progress.stage(
        "crash",
        "SIGKILLs while hand-offs arrive (SQLite; two instances on PostgreSQL): none lost, none doubled",
        || {
            crate::crash::run(workspace, true, false)?;
            crate::crash::run(workspace, true, true)
        },
    )?;
    progress.stage("bench", "load generator, short: no error answers", || {
        let options = crate::bench::Options {
            short: true,
            postgres: false,
        };
        match crate::bench::run(workspace, options)? {
            code if code == std::process::ExitCode::SUCCESS => Ok(()),
            _ => Err(Failure::new(
                "a budget of the bench is broken (see its table)",
            )),
        }
    })?;
    progress.stage("fuzz", "libFuzzer, 20 s per target", || {
        crate::fuzz::run(workspace, 20)
    })?;
    progress.stage("api", "schemathesis against the OpenAPI document", || {
        let options = crate::api_check::Options {
            examples: 10,
            seed: Some(crate::api_check::CI_SEED.to_owned()),
        };
        crate::api_check::run(workspace, &options)
    })?;
    progress.stage("browser", "Playwright in Chromium", || {
        browser_tests(workspace, &chromium)
    })?;

    println!("\n{}", progress.passed_line(started.elapsed()));
    Ok(())
}

/// Runs Playwright (the pinned local copy, never `npx`, which may download one) against a
/// fresh data folder and a free port.
fn browser_tests(workspace: &Workspace, chromium: &Path) -> Result<(), Failure> {
    let port = free_port()?;
    let data = std::env::temp_dir().join(format!("lotse-e2e-{}", std::process::id()));
    if data.exists() {
        std::fs::remove_dir_all(&data).explain(|| format!("cannot empty {}", data.display()))?;
    }
    std::fs::create_dir_all(&data).explain(|| format!("cannot create {}", data.display()))?;

    let playwright = workspace.node_modules().join(".bin").join("playwright");
    let outcome = command::run(
        Command::new(&playwright)
            .current_dir(workspace.root())
            .env("LOTSE_CHROMIUM", chromium)
            .env("LOTSE_E2E_PORT", port.to_string())
            .env("LOTSE_E2E_DATA", &data)
            .env("LOTSE_E2E_SERVER", workspace.server_binary())
            .arg("test")
            .arg("--config")
            .arg(workspace.playwright_config()),
    );
    match outcome {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&data);
            Ok(())
        }
        Err(failure) => Err(hint(
            failure,
            &format!(
                "Screenshots and traces are in tests/e2e/artifacts/; the server's data \
                 folder is kept in {}.",
                data.display()
            ),
        )),
    }
}

fn hint(failure: Failure, advice: &str) -> Failure {
    Failure::new(format!("{failure}\n{advice}"))
}

/// Which stages passed, and how long each took.
#[derive(Default)]
struct Progress {
    passed: Vec<(&'static str, Duration)>,
}

impl Progress {
    fn stage<T>(
        &mut self,
        name: &'static str,
        about: &str,
        work: impl FnOnce() -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        let number = self.passed.len() + 1;
        println!(
            "\n==> xtask test [{number}/{}] {name}: {about}",
            STAGES.len()
        );
        let started = Instant::now();
        match work() {
            Ok(value) => {
                self.passed.push((name, started.elapsed()));
                Ok(value)
            }
            Err(failure) => Err(Failure::new(format!(
                "{failure}\n\n{}",
                self.failed_line(name)
            ))),
        }
    }

    fn passed_line(&self, total: Duration) -> String {
        let stages: Vec<String> = self
            .passed
            .iter()
            .map(|(name, took)| format!("{name} {}", seconds(*took)))
            .collect();
        format!(
            "xtask test: all stages passed ({}) in {}",
            stages.join(", "),
            seconds(total)
        )
    }

    fn failed_line(&self, failed: &str) -> String {
        let passed: Vec<&str> = self.passed.iter().map(|(name, _)| *name).collect();
        let skipped: Vec<&str> = STAGES
            .iter()
            .skip_while(|stage| **stage != failed)
            .skip(1)
            .copied()
            .collect();
        let list = |names: &[&str]| {
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        };
        format!(
            "xtask test: stage `{failed}` FAILED (passed: {}; not run: {})",
            list(&passed),
            list(&skipped)
        )
    }
}

fn seconds(duration: Duration) -> String {
    format!("{:.0} s", duration.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_names_the_stage_what_passed_and_what_did_not_run() {
        let mut progress = Progress::default();
        progress.stage("fmt", "", || Ok(())).unwrap();
        let failure = progress
            .stage("clippy", "", || Err::<(), _>(Failure::new("lint")))
            .unwrap_err()
            .to_string();
        assert!(failure.starts_with("lint\n"), "{failure}");
        assert!(
            failure.ends_with(
                "xtask test: stage `clippy` FAILED (passed: fmt; not run: unit, postgres, \
                 tools, build, budget, crash, bench, fuzz, api, browser)"
            ),
            "{failure}"
        );
    }

    #[test]
    fn the_first_stage_failing_reports_none_passed() {
        let progress = Progress::default();
        assert_eq!(
            progress.failed_line("fmt"),
            "xtask test: stage `fmt` FAILED (passed: none; not run: clippy, unit, postgres, \
             tools, build, budget, crash, bench, fuzz, api, browser)"
        );
    }

    #[test]
    fn success_lists_every_stage_with_its_time() {
        let mut progress = Progress::default();
        for stage in STAGES {
            progress.stage(stage, "", || Ok(())).unwrap();
        }
        let line = progress.passed_line(Duration::from_secs(75));
        assert!(line.starts_with("xtask test: all stages passed (fmt 0 s, clippy 0 s"));
        assert!(line.ends_with("browser 0 s) in 75 s"), "{line}");
    }
}
