//! `cargo xtask api-check [--examples N] [--seed N]`: the API against its own OpenAPI
//! document with schemathesis (PyPI), signed in as an admin so the staff routes are
//! reached too. Every check runs but one: `positive_data_acceptance`, because a body
//! can fit the schema and still be refused for what it means (a transcript that is no
//! legal walk, a tree version that does not exist); those refusals are 422s, which the
//! document lists. Routes that would end the session under test (sign out, change the
//! password, change accounts) are left out.
//!
//! The `api` stage of `cargo xtask test` runs it with a fixed seed, so CI repeats the
//! same requests; without `--seed` every run tries new ones.
//!
//! schemathesis is installed into a virtual environment under `target/` (its version
//! pinned), never into the system's Python.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::bench::{Server, build_release, copy_into, create_admin, fresh_folder};
use crate::command;
use crate::failure::{Explain, Failure};
use crate::loopback::{free_port, wait_until_healthy};
use crate::run::random_password;
use crate::workspace::Workspace;

/// The schemathesis release the checks were written against.
const VERSION: &str = "4.32.5";
/// The seed of the CI stage.
pub const CI_SEED: &str = "33875123791532043103768066683498910916";

pub struct Options {
    pub examples: u32,
    pub seed: Option<String>,
}

pub fn run(workspace: &Workspace, options: &Options) -> Result<(), Failure> {
    let venv = ensure_schemathesis(workspace)?;
    build_release(workspace, &["server"])?;
    let folder = fresh_folder()?;
    let server_binary = copy_into(&workspace.server_binary(), &folder)?;
    let password = random_password().explain(|| "cannot make a password".to_owned())?;
    create_admin(&server_binary, &folder, None, &password)?;
    let port = free_port()?;
    let log = folder.join("server.log");
    let mut server = Server::start(&server_binary, workspace, &folder, port, None, &log)?;
    wait_until_healthy(&mut server.child, port, "/healthz", Duration::from_secs(30))?;
    let outcome = check(&venv, &folder, port, &password, options);
    server.stop();
    match outcome {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&folder);
            Ok(())
        }
        Err(failure) => Err(Failure::new(format!(
            "{failure}\nThe server's log is in {}",
            log.display()
        ))),
    }
}

fn check(
    venv: &Path,
    folder: &Path,
    port: u16,
    password: &str,
    options: &Options,
) -> Result<(), Failure> {
    let python = venv.join("bin").join("python");
    let base = format!("http://127.0.0.1:{port}");
    // Sign in the way the app does; the session cookie and the CSRF token come back.
    let sign_in = format!(
        "import json, sys, urllib.request\n\
         body = json.dumps({{'login': 'bench', 'password': sys.argv[1]}}).encode()\n\
         request = urllib.request.Request('{base}/api/v1/session', body, {{'Content-Type': 'application/json'}})\n\
         with urllib.request.urlopen(request) as response:\n\
         \x20   cookie = response.headers['Set-Cookie'].split(';')[0].split('=', 1)[1]\n\
         \x20   print(cookie, json.load(response)['csrf'])\n"
    );
    let out = Command::new(&python)
        .arg("-c")
        .arg(&sign_in)
        .arg(password)
        .output()
        .explain(|| "cannot run the virtual environment's python".to_owned())?;
    let answer = String::from_utf8_lossy(&out.stdout).into_owned();
    let (cookie, csrf) = answer.trim().split_once(' ').ok_or_else(|| {
        Failure::new(format!(
            "signing in failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    })?;
    let config = folder.join("schemathesis.toml");
    std::fs::write(
        &config,
        format!("[auth.openapi.session]\napi_key = \"{cookie}\"\n"),
    )
    .explain(|| format!("cannot write {}", config.display()))?;
    let mut schemathesis = Command::new(venv.join("bin").join("schemathesis"));
    schemathesis
        .current_dir(folder)
        .arg("--config-file")
        .arg(&config)
        .arg("run")
        .arg(format!("{base}/api/openapi.json"))
        .args([
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
        ])
        .arg("--max-examples")
        .arg(options.examples.to_string())
        .arg("--header")
        .arg(format!("X-CSRF-Token: {csrf}"))
        .args(["--exclude-path", "/api/v1/session"])
        .args(["--exclude-path", "/api/v1/session/password"])
        .args(["--exclude-path", "/api/v1/staff/{id}"])
        .args(["--workers", "2"])
        .arg("--no-color");
    if let Some(seed) = &options.seed {
        schemathesis.arg("--seed").arg(seed);
    }
    command::run(&mut schemathesis)
}

/// A virtual environment under `target/` with schemathesis `VERSION`, made once.
fn ensure_schemathesis(workspace: &Workspace) -> Result<PathBuf, Failure> {
    let venv = workspace.root().join("target").join("schemathesis");
    let marker = venv.join(format!("schemathesis-{VERSION}"));
    if marker.exists() {
        return Ok(venv);
    }
    println!(
        "==> installing schemathesis {VERSION} (PyPI) into {}",
        venv.display()
    );
    command::run(Command::new("python3").args(["-m", "venv"]).arg(&venv)).map_err(|f| {
        Failure::new(format!(
            "{f}\nPython 3 with the venv module is needed (Debian: apt-get install python3-venv)."
        ))
    })?;
    command::run(Command::new(venv.join("bin").join("pip")).args([
        "install",
        "--quiet",
        &format!("schemathesis=={VERSION}"),
    ]))?;
    std::fs::write(&marker, "").explain(|| format!("cannot write {}", marker.display()))?;
    Ok(venv)
}
