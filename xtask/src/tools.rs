//! The tools outside cargo that a build needs: the wasm target, Node with the npm packages
//! of `package.json`, and Chromium for the browser tests.
//!
//! A fresh CI machine has none of them. What can be installed safely is installed (the
//! rustup target, `npm ci`, and Chromium through apt when running as root); for anything
//! else the driver stops and prints the command that fixes it. Nothing here downloads a
//! prebuilt binary on its own (so never `npx playwright install`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::command::{self, find_on_path, is_executable};
use crate::failure::Failure;
use crate::workspace::Workspace;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Playwright needs Node 20; older Node fails with syntax errors far from the cause.
const NODE_MAJOR_MIN: u32 = 20;

const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// The toolchain components `cargo xtask test` calls besides the compiler.
const LINT_COMPONENTS: [&str; 2] = ["rustfmt", "clippy"];

/// `RUSTUP_AUTO_INSTALL=0` means nothing adds the target implicitly, so the driver does.
pub fn ensure_wasm_target(workspace: &Workspace) -> Result<(), Failure> {
    let installed = rustup_output(workspace, &["target", "list", "--installed"])?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("==> adding the Rust target {WASM_TARGET} (once per machine)");
    command::run(rustup(workspace).args(["target", "add", WASM_TARGET]))
}

/// rustfmt and clippy: a minimal toolchain lacks them, and `cargo fmt` then fails with a
/// message that reads like a formatting problem.
pub fn ensure_lint_components(workspace: &Workspace) -> Result<(), Failure> {
    let installed = rustup_output(workspace, &["component", "list", "--installed"])?;
    let missing = missing_components(&installed, &LINT_COMPONENTS);
    if missing.is_empty() {
        return Ok(());
    }
    println!(
        "==> adding the Rust components {} (once per machine)",
        missing.join(", ")
    );
    command::run(rustup(workspace).args(["component", "add"]).args(&missing))
}

/// rustup in the repository, so it answers for the toolchain the repository uses.
fn rustup(workspace: &Workspace) -> Command {
    let mut rustup = Command::new("rustup");
    rustup.current_dir(workspace.root());
    rustup
}

fn rustup_output(workspace: &Workspace, args: &[&str]) -> Result<String, Failure> {
    command::output(rustup(workspace).args(args)).map_err(|failure| {
        Failure::new(format!(
            "{failure}\nThe build uses rustup to add the {WASM_TARGET} target, rustfmt and \
             clippy; install rustup (https://rustup.rs) or add them to your toolchain by hand."
        ))
    })
}

/// Components of `wanted` absent from `rustup component list --installed` output, whose
/// lines read `clippy-x86_64-unknown-linux-gnu`.
fn missing_components<'a>(installed: &str, wanted: &[&'a str]) -> Vec<&'a str> {
    wanted
        .iter()
        .copied()
        .filter(|component| {
            !installed.lines().any(|line| {
                line.trim()
                    .strip_prefix(component)
                    .is_some_and(|rest| rest.starts_with('-'))
            })
        })
        .collect()
}

/// Installs the npm packages (wasm-opt, Playwright) when `node_modules` is missing or older
/// than the lockfile.
pub fn ensure_npm_packages(workspace: &Workspace) -> Result<(), Failure> {
    ensure_node()?;
    let lock = modified(&workspace.package_lock()).ok_or_else(|| {
        Failure::new(format!(
            "{} is missing; it pins the npm tools. Restore it from git.",
            workspace.package_lock().display()
        ))
    })?;
    // npm writes this file at the end of every install, so its age is the install's age.
    let installed = modified(&workspace.node_modules().join(".package-lock.json"));
    if !needs_install(installed, lock) {
        return Ok(());
    }
    println!("==> installing the npm tools from package-lock.json");
    command::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(workspace.root()),
    )
}

/// Node and npm are prerequisites, not something to install behind a developer's back.
/// Returns Node's version.
pub fn ensure_node() -> Result<String, Failure> {
    let missing = |why: String| {
        Failure::new(format!(
            "{why}\nNode.js {NODE_MAJOR_MIN} or newer with npm is needed for wasm-opt (npm \
             package binaryen) and the browser tests (Playwright). Install it, check with \
             `node --version && npm --version`, then rerun."
        ))
    };
    let version = command::output(Command::new("node").arg("--version"))
        .map_err(|failure| missing(failure.to_string()))?;
    match node_major(&version) {
        Some(major) if major >= NODE_MAJOR_MIN => {}
        _ => return Err(missing(format!("Node.js is {}: too old", version.trim()))),
    }
    command::output(Command::new("npm").arg("--version"))
        .map_err(|failure| missing(failure.to_string()))?;
    Ok(version.trim().to_owned())
}

/// The Chromium the browser tests drive: `LOTSE_CHROMIUM`, else Debian's `/usr/bin/chromium`,
/// installed through apt when it is missing and the driver runs as root.
pub fn ensure_chromium() -> Result<PathBuf, Failure> {
    if let Some(chosen) = std::env::var_os("LOTSE_CHROMIUM").filter(|path| !path.is_empty()) {
        let chosen = PathBuf::from(chosen);
        return if is_executable(&chosen) {
            Ok(chosen)
        } else {
            Err(Failure::new(format!(
                "LOTSE_CHROMIUM is {}, which is not an executable file. Point it at a \
                 Chromium binary or unset it to use {DEFAULT_CHROMIUM}.",
                chosen.display()
            )))
        };
    }
    let chromium = PathBuf::from(DEFAULT_CHROMIUM);
    if is_executable(&chromium) {
        return Ok(chromium);
    }
    let install = "apt-get update && apt-get install -y chromium chromium-driver";
    if !(is_root() && find_on_path("apt-get").is_some()) {
        return Err(Failure::new(format!(
            "Chromium is missing at {DEFAULT_CHROMIUM}; the browser tests need it. Run:\n  \
             sudo sh -c '{install}'\nor set LOTSE_CHROMIUM to a Chromium binary."
        )));
    }
    println!("==> installing Chromium for the browser tests (about 30 s)");
    let apt = |args: &[&str]| {
        let mut apt = Command::new("apt-get");
        apt.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command::run(&mut apt)
    };
    apt(&["update"])?;
    apt(&["install", "-y", "chromium", "chromium-driver"])?;
    if is_executable(&chromium) {
        Ok(chromium)
    } else {
        Err(Failure::new(format!(
            "apt-get installed chromium, but {DEFAULT_CHROMIUM} is still missing; \
             set LOTSE_CHROMIUM to the Chromium binary."
        )))
    }
}

pub fn is_root() -> bool {
    command::output(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

/// What a cold `cargo xtask test` writes under `target/` (5.6 GB measured from a fresh
/// clone), with room to spare.
const DISK_NEEDED_GB: u64 = 8;

/// Warns, before hours of compiling, when the disk holding `target/` is nearly full: a
/// full disk shows up much later as a bare "linking with `cc` failed".
pub fn warn_if_disk_low(workspace: &Workspace) {
    let mut df = Command::new("df");
    df.args(["-Pk"]).arg(workspace.root());
    let Some(free) = command::output(&mut df).ok().and_then(|out| free_kib(&out)) else {
        return;
    };
    let free_gb = free / 1_000_000;
    if free_gb < DISK_NEEDED_GB {
        println!(
            "warning: only {free_gb} GB free on the disk of {}; a cold build writes about \
             {DISK_NEEDED_GB} GB under target/. Free space (`cargo clean` in other \
             checkouts) if linking fails.",
            workspace.root().display()
        );
    }
}

/// The "Available" column of `df -Pk`'s one data line, in KiB.
fn free_kib(df: &str) -> Option<u64> {
    df.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|meta| meta.modified()).ok()
}

/// Packages need installing when they never were, or the lockfile changed since.
fn needs_install(installed: Option<SystemTime>, lock: SystemTime) -> bool {
    installed.is_none_or(|installed| installed < lock)
}

/// The major version from `node --version` output such as `v20.20.2`.
fn node_major(version: &str) -> Option<u32> {
    version
        .trim()
        .strip_prefix('v')?
        .split('.')
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn free_space_is_the_available_column_of_df() {
        let df = "Filesystem     1024-blocks      Used Available Capacity Mounted on\n\
                  /dev/vda        263174212 50331648 46137344      53% /\n";
        assert_eq!(free_kib(df), Some(46_137_344));
        assert_eq!(free_kib("Filesystem 1024-blocks Used Available\n"), None);
        assert_eq!(free_kib("header\n/dev/vda 1 2 many 5% /\n"), None);
    }

    #[test]
    fn node_versions_are_read_from_node_s_own_output() {
        assert_eq!(node_major("v20.20.2\n"), Some(20));
        assert_eq!(node_major("v18.19.0"), Some(18));
        assert_eq!(node_major("20.1.0"), None);
        assert_eq!(node_major(""), None);
    }

    #[test]
    fn components_are_missing_unless_listed_for_some_host() {
        let installed = "cargo-x86_64-unknown-linux-gnu\nclippy-x86_64-unknown-linux-gnu\n\
                         rust-std-wasm32-unknown-unknown\n";
        assert_eq!(missing_components(installed, &LINT_COMPONENTS), ["rustfmt"]);
        let other_host = "rustfmt-aarch64-apple-darwin\nclippy\n";
        assert_eq!(missing_components(other_host, &LINT_COMPONENTS), ["clippy"]);
        assert_eq!(missing_components("", &LINT_COMPONENTS), LINT_COMPONENTS);
    }

    #[test]
    fn packages_are_installed_when_missing_or_older_than_the_lockfile() {
        let lock = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        assert!(needs_install(None, lock));
        assert!(needs_install(Some(lock - Duration::from_secs(1)), lock));
        assert!(!needs_install(Some(lock), lock));
        assert!(!needs_install(Some(lock + Duration::from_secs(1)), lock));
    }
}
