//! `cargo xtask crash [--short]`: the crash test. Builds the release server and the load
//! generator, makes a fresh data folder with a staff admin, and runs `bench crash`,
//! which starts the server itself, kills it with SIGKILL at random moments while
//! hand-offs arrive with retries, restarts it, and checks that every acknowledged
//! hand-off is stored exactly once (see `bench/src/crash.rs`). On SQLite, the embedded
//! default.

use std::process::Command;

use crate::bench::{
    PASSWORD_VARIABLE, STAFF_LOGIN, build_release, copy_into, create_admin, fresh_folder,
};
use crate::failure::{Explain, Failure};
use crate::loopback::free_port;
use crate::run::random_password;
use crate::workspace::Workspace;

pub fn run(workspace: &Workspace, short: bool) -> Result<(), Failure> {
    build_release(workspace, &["server", "bench"])?;
    let folder = fresh_folder()?;
    let server = copy_into(&workspace.server_binary(), &folder)?;
    let bench = copy_into(&workspace.bench_binary(), &folder)?;
    let password = random_password().explain(|| "cannot make a password".to_owned())?;
    create_admin(&server, &folder, None, &password)?;
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
        .arg(free_port()?.to_string())
        .arg("--login")
        .arg(STAFF_LOGIN)
        .env(PASSWORD_VARIABLE, &password);
    if short {
        crash.arg("--short");
    }
    println!("==> crash test");
    let status = crash
        .status()
        .explain(|| format!("cannot start {}", bench.display()))?;
    if status.success() {
        let _ = std::fs::remove_dir_all(&folder);
        Ok(())
    } else {
        Err(Failure::new(format!(
            "the crash test failed; the server's log is in {}",
            folder.join("data").join("server.log").display()
        )))
    }
}
