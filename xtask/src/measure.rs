//! `cargo xtask measure [--queue | --handover]`: the figures a person sees, printed in
//! one run.
//!
//! The portal: the first load of `/` in KB of brotli (as the `budget` stage of
//! `cargo xtask test` counts it), Lighthouse's mobile scores for the landing page and a
//! walk page, and the time from a click on an answer to the next step on screen (median
//! and p95 of 30), by `tests/measure/portal.mjs`.
//!
//! The staff Queue with 10,000 open tickets, by `tests/measure/queue.mjs`: the first
//! render of `/staff`, a filter change, "Show more", a new hand-off and a colleague's
//! claim arriving live. The tickets are real hand-offs, so the server runs without its
//! per-address rate limits (as for `cargo xtask bench`), with an admin made by
//! `lotse create-admin` for the script. `--queue` measures only the Queue.
//!
//! A handover by code, by `tests/measure/handover.mjs`: the agent's move to the user's
//! screen following it. `--handover` measures only that.
//!
//! [`figures`] gathers what the last run wrote into one JSON value, with every entry
//! page's first load: `cargo xtask bench` puts it into its results as `browser`.
//!
//! It builds the bundle and the release server, starts the server on a fresh data
//! folder and runs the scripts against it in the system Chromium. Not part of
//! `cargo xtask test`: Lighthouse takes a minute and its scores vary from run to run.

use std::process::Command;
use std::time::Duration;

use crate::bench::{STAFF_LOGIN, Server, create_admin, fresh_folder};
use crate::budget;
use crate::command;
use crate::dist;
use crate::failure::{Explain, Failure};
use crate::loopback::{free_port, wait_until_healthy};
use crate::run::random_password;
use crate::tools;
use crate::workspace::Workspace;

/// One part of the measurements, asked for alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Queue,
    Handover,
}

pub fn run(workspace: &Workspace, only: Option<Only>) -> Result<(), Failure> {
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
    let password = random_password().explain(|| "cannot make a password".to_owned())?;
    create_admin(&workspace.server_binary(), &folder, None, &password)?;
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
    let url = format!("http://127.0.0.1:{port}");
    let script = |name: &str, out: &str| {
        let mut node = Command::new("node");
        node.current_dir(workspace.root())
            .env("LOTSE_CHROMIUM", &chromium)
            .env("LOTSE_MEASURE_OUT", workspace.target().join(out))
            .env("LOTSE_MEASURE_LOGIN", STAFF_LOGIN)
            .env("LOTSE_MEASURE_PASSWORD", &password)
            .arg(workspace.root().join("tests").join("measure").join(name))
            .arg(&url);
        node
    };
    let wanted = |part: Only| only.is_none_or(|o| o == part);
    let mut outcome = Ok(());
    if only.is_none() {
        println!("==> measuring the portal in Chromium (Lighthouse takes about a minute)");
        outcome = command::run(&mut script("portal.mjs", "measure.json"));
    }
    if outcome.is_ok() && wanted(Only::Handover) {
        println!("==> measuring a handover's live follow in Chromium");
        outcome = command::run(&mut script("handover.mjs", "measure-handover.json"));
    }
    if outcome.is_ok() && wanted(Only::Queue) {
        println!("==> measuring the staff Queue in Chromium (seeding takes a minute or less)");
        outcome = command::run(&mut script("queue.mjs", "measure-queue.json"));
    }
    server.stop();
    outcome.map_err(|f| Failure::new(format!("{f}\nThe server's log is in {}", log.display())))?;
    let _ = std::fs::remove_dir_all(&folder);
    if only.is_some() {
        return Ok(());
    }
    println!(
        "{}",
        budget::report_every_entry(&workspace.dist(), &load).map_err(Failure::new)?
    );
    load.check().map_err(Failure::new)
}

/// The files the scripts write, by the key they get in [`figures`].
const OUTPUTS: [(&str, &str); 3] = [
    ("portal", "measure.json"),
    ("handover", "measure-handover.json"),
    ("queue", "measure-queue.json"),
];

/// The browser figures of the last full run, as one value: every entry page's first
/// load (bytes of brotli) and what each script measured.
pub fn figures(workspace: &Workspace) -> Result<serde_json::Value, Failure> {
    let mut all = serde_json::Map::new();
    let loads = budget::every_entry(&workspace.dist()).map_err(Failure::new)?;
    all.insert(
        "first_load_brotli_bytes".into(),
        loads
            .into_iter()
            .map(|(page, bytes)| (page, serde_json::Value::from(bytes)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    );
    for (key, file) in OUTPUTS {
        let path = workspace.target().join(file);
        let text =
            std::fs::read_to_string(&path).explain(|| format!("cannot read {}", path.display()))?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| Failure::new(format!("{} is not JSON: {e}", path.display())))?;
        all.insert(key.into(), value);
    }
    Ok(all.into())
}
