//! `cargo xtask api-check [--examples N] [--seed N]`: the API against its own OpenAPI
//! document with schemathesis (PyPI), signed in as an admin so the staff routes are
//! reached too. Every check runs but one: `positive_data_acceptance`, because a body
//! can fit the schema and still be refused for what it means (a transcript that is no
//! legal walk, a tree version that does not exist); those refusals are 422s, which the
//! document lists.
//!
//! Three passes, each with a session of its own: every route but the ones that can end
//! the session under test, then the password and account routes, then sign-in and
//! sign-out. Should a pass end its own session half-way, what follows is answered 401,
//! which the document lists, so the pass still checks every answer against it.
//!
//! The `api` stage of `cargo xtask test` runs it with a fixed seed, so CI repeats the
//! same requests; without `--seed` every run tries new ones.
//!
//! schemathesis is installed into a virtual environment under `target/` (its version
//! pinned), never into the system's Python.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::bench::{Server, build_release, copy_into, create_admin_named, fresh_folder};
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
    // One admin per pass: a pass that tries wrong passwords gets its account's
    // sign-ins throttled, which must not stop the next pass from signing in.
    for pass in Pass::ALL {
        create_admin_named(&server_binary, &folder, None, pass.login(), &password)?;
    }
    let port = free_port()?;
    let log = folder.join("server.log");
    let mut server = Server::start(&server_binary, workspace, &folder, port, None, &log)?;
    wait_until_healthy(&mut server.child, port, "/healthz", Duration::from_secs(30))?;
    let outcome = Pass::ALL
        .into_iter()
        .try_for_each(|pass| check(&venv, &folder, port, &password, options, pass));
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

/// The routes that can end the session they are called with: changes of accounts and
/// passwords, and the session itself (sign-in, sign-out).
const ACCOUNT_ROUTES: [&str; 2] = ["/api/v1/session/password", "/api/v1/staff/{id}"];
const SESSION_ROUTE: &str = "/api/v1/session";

/// Which routes a pass sends requests to. The passes run in this order, each with a
/// session of its own, so that only the last one can sign itself out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Everything but the account and session routes.
    AllButSession,
    /// Only [`ACCOUNT_ROUTES`].
    Accounts,
    /// Only [`SESSION_ROUTE`].
    Session,
}

impl Pass {
    const ALL: [Pass; 3] = [Pass::AllButSession, Pass::Accounts, Pass::Session];

    fn path_args(self) -> Vec<String> {
        let (flag, paths): (&str, Vec<&str>) = match self {
            Pass::AllButSession => (
                "--exclude-path",
                ACCOUNT_ROUTES
                    .iter()
                    .copied()
                    .chain([SESSION_ROUTE])
                    .collect(),
            ),
            Pass::Accounts => ("--include-path", ACCOUNT_ROUTES.to_vec()),
            Pass::Session => ("--include-path", vec![SESSION_ROUTE]),
        };
        paths
            .into_iter()
            .flat_map(|path| [flag.to_owned(), path.to_owned()])
            .collect()
    }

    /// The admin the pass signs in as.
    fn login(self) -> &'static str {
        match self {
            Pass::AllButSession => "api-check",
            Pass::Accounts => "api-check-accounts",
            Pass::Session => "api-check-session",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Pass::AllButSession => "every route but those that can end the session",
            Pass::Accounts => "the password and account routes",
            Pass::Session => "sign-in and sign-out",
        }
    }
}

fn check(
    venv: &Path,
    folder: &Path,
    port: u16,
    password: &str,
    options: &Options,
    pass: Pass,
) -> Result<(), Failure> {
    println!("==> schemathesis: {}", pass.title());
    let python = venv.join("bin").join("python");
    let base = format!("http://127.0.0.1:{port}");
    // Sign in the way the app does; the session cookie and the CSRF token come back.
    let sign_in = format!(
        "import json, sys, urllib.request\n\
         body = json.dumps({{'login': sys.argv[2], 'password': sys.argv[1]}}).encode()\n\
         request = urllib.request.Request('{base}/api/v1/session', body, {{'Content-Type': 'application/json'}})\n\
         with urllib.request.urlopen(request) as response:\n\
         \x20   cookie = response.headers['Set-Cookie'].split(';')[0].split('=', 1)[1]\n\
         \x20   print(cookie, json.load(response)['csrf'])\n"
    );
    let out = Command::new(&python)
        .arg("-c")
        .arg(&sign_in)
        .arg(password)
        .arg(pass.login())
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
        .args(pass.path_args())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passes_split_the_routes_between_them() {
        let paths = |args: &[String]| args.iter().skip(1).step_by(2).cloned().collect::<Vec<_>>();
        let excluded = Pass::AllButSession.path_args();
        assert!(excluded.chunks(2).all(|pair| pair[0] == "--exclude-path"));
        let mut included = Vec::new();
        for pass in [Pass::Accounts, Pass::Session] {
            let args = pass.path_args();
            assert!(args.chunks(2).all(|pair| pair[0] == "--include-path"));
            included.extend(paths(&args));
        }
        assert_eq!(paths(&excluded), included);
        // Signing out comes last, so no other pass loses its session to it.
        assert_eq!(Pass::ALL.last(), Some(&Pass::Session));
    }
}
