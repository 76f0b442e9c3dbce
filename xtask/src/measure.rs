//! `cargo xtask measure`: the portal's figures a person sees, printed in one run.
//!
//! The first load of `/` in KB of brotli (as the `budget` stage of `cargo xtask test`
//! counts it), Lighthouse's mobile scores for the landing page and a walk page, and the
//! time from a click on an answer to the next step on screen (median and p95 of 30). It
//! builds the bundle and the release server, starts the server on a fresh data folder and
//! runs `tests/measure/portal.mjs` against it in the system Chromium. Not part of
//! `cargo xtask test`: Lighthouse takes a minute and its scores vary from run to run.

use std::process::Command;
use std::time::Duration;

use crate::bench::{Server, fresh_folder};
use crate::budget;
use crate::command;
use crate::dist;
use crate::failure::Failure;
use crate::loopback::{free_port, wait_until_healthy};
use crate::tools;
use crate::workspace::Workspace;

pub fn run(workspace: &Workspace) -> Result<(), Failure> {
    let chromium = tools::ensure_chromium()?;
    tools::ensure_node()?;
    dist::build(workspace, &workspace.dist())?;
    command::run(command::cargo().current_dir(workspace.root()).args([
        "build",
        "--release",
        "--package",
        "server",
    ]))?;
    let load = budget::first_load(&workspace.dist()).map_err(Failure::new)?;

    let folder = fresh_folder()?;
    let port = free_port()?;
    let log = folder.join("server.log");
    let mut server = Server::start(
        &workspace.server_binary(),
        workspace,
        &folder,
        port,
        None,
        &log,
    )?;
    wait_until_healthy(&mut server.child, port, "/healthz", Duration::from_secs(30))?;
    println!("==> measuring in Chromium (Lighthouse takes about a minute)");
    let outcome = command::run(
        Command::new("node")
            .current_dir(workspace.root())
            .env("LOTSE_CHROMIUM", &chromium)
            .env("LOTSE_MEASURE_OUT", workspace.target().join("measure.json"))
            .arg(
                workspace
                    .root()
                    .join("tests")
                    .join("measure")
                    .join("portal.mjs"),
            )
            .arg(format!("http://127.0.0.1:{port}")),
    );
    server.stop();
    outcome.map_err(|f| Failure::new(format!("{f}\nThe server's log is in {}", log.display())))?;
    let _ = std::fs::remove_dir_all(&folder);
    println!(
        "{}",
        budget::report_every_entry(&workspace.dist(), &load).map_err(Failure::new)?
    );
    load.check().map_err(Failure::new)
}
