//! `cargo xtask fuzz [--seconds N]`: libFuzzer (through cargo-fuzz) on the tree parser
//! and validator (`trees`) and on transcript replay (`replay`), N seconds each (600 by
//! default; the `fuzz` stage of `cargo xtask test` runs a short form). Targets live in
//! `fuzz/` (a workspace of its own), start from `fuzz/seeds/`, and keep their working
//! corpus in `fuzz/corpus/` (not committed).
//!
//! cargo-fuzz needs unstable compiler flags: they are allowed on the machine's one
//! (stable) toolchain with `RUSTC_BOOTSTRAP=1`, so no nightly is needed. cargo-fuzz
//! itself is installed from crates.io when missing.
//!
//! A crash stops the run with the input's file and how to replay it; the input then
//! goes into `fuzz/regressions/<target>/`, where `domain/tests/fuzz_inputs.rs` runs it
//! on every `cargo test`.

use std::process::Command;

use crate::command;
use crate::failure::{Explain, Failure};
use crate::workspace::Workspace;

pub const TARGETS: [&str; 2] = ["trees", "replay"];

pub fn run(workspace: &Workspace, seconds: u64) -> Result<(), Failure> {
    ensure_cargo_fuzz()?;
    let dir = workspace.root().join("fuzz");
    for target in TARGETS {
        let corpus = dir.join("corpus").join(target);
        std::fs::create_dir_all(&corpus)
            .explain(|| format!("cannot create {}", corpus.display()))?;
        println!("==> fuzzing `{target}` for {seconds} s");
        let outcome = command::run(
            Command::new(cargo())
                .current_dir(&dir)
                .env("RUSTC_BOOTSTRAP", "1")
                .args(["fuzz", "run", target])
                .arg(&corpus)
                .arg(dir.join("seeds").join(target))
                .arg("--")
                .arg(format!("-max_total_time={seconds}"))
                // Inputs past 64 KB are no tree anyone writes; they only slow the search.
                .arg("-max_len=65536"),
        );
        if let Err(failure) = outcome {
            return Err(Failure::new(format!(
                "{failure}\nThe fuzzer found an input that breaks `{target}`: it is in \
                 fuzz/artifacts/{target}/. Replay it with `RUSTC_BOOTSTRAP=1 cargo fuzz run \
                 {target} FILE` in fuzz/, fix the cause, and keep the file in \
                 fuzz/regressions/{target}/ (domain/tests/fuzz_inputs.rs runs it from then on)."
            )));
        }
    }
    Ok(())
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Installs cargo-fuzz from crates.io unless `cargo fuzz` answers.
fn ensure_cargo_fuzz() -> Result<(), Failure> {
    let present = Command::new(cargo())
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    if present {
        return Ok(());
    }
    println!("==> installing cargo-fuzz (crates.io)");
    command::run(Command::new(cargo()).args(["install", "cargo-fuzz", "--locked"]))
}
