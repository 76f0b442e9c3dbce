//! `cargo xtask crash [--short] [--postgres]`: the crash test. Builds the release server
//! and the load generator, makes a fresh data folder with a staff admin, and runs
//! `bench crash`, which starts the server itself, kills it with SIGKILL at random moments
//! while hand-offs arrive with retries, restarts it, and checks that every acknowledged
//! hand-off is stored exactly once (see `bench/src/crash.rs`). On SQLite, the embedded
//! default; with `--postgres`, two instances on one private PostgreSQL server (started
//! like the `postgres` test stage's, but syncing every commit, and stopped at the end),
//! killed one at a time while the other serves.

use std::process::Command;

use crate::bench::{
    PASSWORD_VARIABLE, STAFF_LOGIN, build_release, copy_into, create_admin, fresh_folder,
};
use crate::failure::{Explain, Failure};
use crate::loopback::free_port;
use crate::postgres::Cluster;
use crate::run::random_password;
use crate::workspace::Workspace;

/// Instances of the server on PostgreSQL: two, killed in turn.
const POSTGRES_INSTANCES: usize = 2;

pub fn run(workspace: &Workspace, short: bool, postgres: bool) -> Result<(), Failure> {
    build_release(workspace, &["server", "bench"])?;
    let folder = fresh_folder()?;
    let server = copy_into(&workspace.server_binary(), &folder)?;
    let bench = copy_into(&workspace.bench_binary(), &folder)?;
    let password = random_password().explain(|| "cannot make a password".to_owned())?;
    // Stopped (and its folder removed) when dropped, at the end of this function.
    let cluster = if postgres {
        println!("==> starting a private PostgreSQL server");
        Some(Cluster::start_durable(free_port()?)?)
    } else {
        None
    };
    let database = cluster.as_ref().map(|c| c.url.as_str());
    create_admin(&server, &folder, database, &password)?;
    let instances = if postgres { POSTGRES_INSTANCES } else { 1 };
    let ports = (0..instances)
        .map(|_| free_port().map(|p| p.to_string()))
        .collect::<Result<Vec<String>, Failure>>()?;
    let assets = folder.join("assets");
    std::fs::create_dir_all(&assets).explain(|| format!("cannot create {}", assets.display()))?;
    let mut crash = Command::new(&bench);
    crash
        .arg("crash")
        .arg("--server")
        .arg(&server)
        .arg("--data")
        .arg(folder.join("data"))
        .arg("--trees")
        .arg(workspace.trees())
        .arg("--assets")
        .arg(&assets)
        .arg("--port")
        .arg(ports.join(","))
        .arg("--login")
        .arg(STAFF_LOGIN)
        .env(PASSWORD_VARIABLE, &password);
    if short {
        crash.arg("--short");
    }
    if let Some(url) = database {
        crash
            .arg("--postgres")
            .arg(url)
            .arg("--instances")
            .arg(instances.to_string());
    }
    println!(
        "==> crash test{}",
        if postgres {
            ": two instances on PostgreSQL"
        } else {
            ": SQLite"
        }
    );
    let status = crash
        .status()
        .explain(|| format!("cannot start {}", bench.display()))?;
    if status.success() {
        let _ = std::fs::remove_dir_all(&folder);
        Ok(())
    } else {
        Err(Failure::new(format!(
            "the crash test failed; the server's log{} in {}",
            if postgres {
                "s (server-N.log) are"
            } else {
                " is"
            },
            folder.join("data").display()
        )))
    }
}
