//! `cargo xtask bench [--short] [--postgres]`: measures a release server the way users
//! run it, with the load generator of `bench/`.
//!
//! The driver owns the processes; the generator owns the load. Here: build both in
//! release mode, make a staff admin with a random password (`lotse create-admin`, as
//! an operator would), start the server as a child on a free loopback port with a fresh
//! data folder (embedded SQLite with its durable settings, or with `--postgres` a
//! private PostgreSQL that syncs commits like a production one), wait for `/healthz`,
//! run the generator, stop the server with SIGTERM (its normal shutdown) and clean up.
//! The generator's exit code is the command's: non-zero when a budget is broken.
//!
//! The server runs without its per-address rate limits: every request of the bench
//! comes from 127.0.0.1, which the limits would rightly throttle as one client. Both
//! processes start with the open-files limit raised to the hard limit (through `sh`'s
//! `ulimit`, no libc crate): the fan-out holds a thousand streams at each end.
//!
//! The full run then measures the browser side (`cargo xtask measure`: first loads,
//! Lighthouse, step latency, the Queue at 10,000 tickets, a handover's live follow, on
//! SQLite) and adds those figures to the results JSON as `browser`, so one command
//! gives both; `--short` (CI) measures only the server.
//!
//! The binaries are copied into the run's folder before they start: the target folder
//! may be shared with other checkouts, whose builds would otherwise replace the server
//! under measurement.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::command;
use crate::failure::{Explain, Failure};
use crate::loopback::{free_port, wait_until_healthy};
use crate::postgres;
use crate::run::random_password;
use crate::workspace::Workspace;

/// The staff admin the generator (and `measure`'s Queue script) signs in as.
pub(crate) const STAFF_LOGIN: &str = "bench";

/// Hands the admin's password to `lotse create-admin` and to the generator.
pub(crate) const PASSWORD_VARIABLE: &str = "LOTSE_BENCH_PASSWORD";

/// What `cargo xtask bench` was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// CI size: a few seconds, only errors fail the run.
    pub short: bool,
    /// Run the server on a private PostgreSQL instead of the embedded SQLite.
    pub postgres: bool,
}

pub fn run(workspace: &Workspace, options: Options) -> Result<ExitCode, Failure> {
    build_release(workspace, &["server", "bench"])?;
    let folder = fresh_folder()?;
    let server_binary = copy_into(&workspace.server_binary(), &folder)?;
    let bench_binary = copy_into(&workspace.bench_binary(), &folder)?;

    let cluster = if options.postgres {
        println!("==> starting a private PostgreSQL (fsync on)");
        Some(postgres::Cluster::start_durable(free_port()?)?)
    } else {
        None
    };
    let database = cluster.as_ref().map(|c| c.url.as_str());
    let password = random_password().explain(|| "cannot make a password".to_owned())?;
    create_admin(&server_binary, &folder, database, &password)?;
    let port = free_port()?;
    let log_path = folder.join("server.log");
    let mut server = Server::start(
        &server_binary,
        workspace,
        &folder,
        port,
        database,
        &log_path,
    )?;
    let failed = |f: Failure| {
        Failure::new(format!(
            "{f}\nThe server's log is in {}",
            log_path.display()
        ))
    };
    wait_until_healthy(&mut server.child, port, "/healthz", Duration::from_secs(30))
        .map_err(failed)?;

    let mut bench = with_open_files(&bench_binary);
    bench
        .env(PASSWORD_VARIABLE, &password)
        .arg("--login")
        .arg(STAFF_LOGIN)
        .arg("--url")
        .arg(format!("http://127.0.0.1:{port}"))
        .arg("--pid")
        .arg(server.child.id().to_string())
        .arg("--data")
        .arg(folder.join("data"))
        .arg("--out")
        .arg(workspace.bench_results())
        .arg("--backend")
        .arg(if options.postgres {
            "postgresql (fsync on)"
        } else {
            "sqlite (WAL, synchronous=FULL)"
        });
    if options.short {
        bench.arg("--short");
    }
    println!("==> measuring (the server is pid {})", server.child.id());
    let status = bench
        .status()
        .explain(|| format!("cannot start {}", bench_binary.display()))?;
    let stopped = server.stop();
    drop(cluster);
    if !stopped {
        return Err(failed(Failure::new(
            "the server did not stop within 10 s of SIGTERM",
        )));
    }
    let _ = std::fs::remove_dir_all(&folder);
    let code = match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => return Ok(ExitCode::from(u8::try_from(code).unwrap_or(1))),
        None => return Ok(ExitCode::FAILURE),
    };
    if !options.short {
        println!("==> the browser side (cargo xtask measure)");
        crate::measure::run(workspace, None)?;
        add_browser_figures(
            &workspace.bench_results(),
            crate::measure::figures(workspace)?,
        )?;
        println!(
            "==> browser figures added to {} as `browser`",
            workspace.bench_results().display()
        );
    }
    Ok(code)
}

/// Puts `browser` into the results JSON the generator wrote.
fn add_browser_figures(results: &Path, browser: serde_json::Value) -> Result<(), Failure> {
    let text = std::fs::read_to_string(results)
        .explain(|| format!("cannot read {}", results.display()))?;
    let mut all: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Failure::new(format!("{} is not JSON: {e}", results.display())))?;
    let object = all
        .as_object_mut()
        .ok_or_else(|| Failure::new(format!("{} is not a JSON object", results.display())))?;
    object.insert("browser".into(), browser);
    let pretty = serde_json::to_string_pretty(&all)
        .map_err(|e| Failure::new(format!("cannot write the results: {e}")))?;
    std::fs::write(results, pretty + "\n").explain(|| format!("cannot write {}", results.display()))
}

/// The admin [`STAFF_LOGIN`] with `password`, made before the server starts.
/// Builds `packages` in release mode, one package per build, so the server is built with
/// exactly the features a plain `cargo build --release --package server` gives it.
pub(crate) fn build_release(workspace: &Workspace, packages: &[&str]) -> Result<(), Failure> {
    println!("==> compiling {} (release)", packages.join(" and "));
    for package in packages {
        command::run(command::cargo().current_dir(workspace.root()).args([
            "build",
            "--release",
            "--package",
            package,
        ]))?;
    }
    Ok(())
}

pub(crate) fn create_admin(
    server: &Path,
    folder: &Path,
    database: Option<&str>,
    password: &str,
) -> Result<(), Failure> {
    create_admin_named(server, folder, database, STAFF_LOGIN, password)
}

/// An admin `login` with `password`, made before the server starts.
pub(crate) fn create_admin_named(
    server: &Path,
    folder: &Path,
    database: Option<&str>,
    login: &str,
    password: &str,
) -> Result<(), Failure> {
    let mut command = Command::new(server);
    command.arg("--data").arg(folder.join("data"));
    if let Some(url) = database {
        command.arg("--database").arg(url);
    }
    command
        .args(["create-admin", "--login", login, "--password-env"])
        .arg(PASSWORD_VARIABLE)
        .env(PASSWORD_VARIABLE, password)
        .env_remove("LOTSE_DATABASE_URL")
        .stdout(Stdio::null());
    command::run(&mut command)
}

/// `binary`, started through `sh` with the soft open-files limit raised to the hard one.
fn with_open_files(binary: &Path) -> Command {
    let mut command = Command::new("sh");
    // `exec` keeps the process id: the server's pid is the one the generator reads.
    command
        .arg("-c")
        .arg(r#"ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@""#)
        .arg(binary);
    command
}

/// A new, empty folder for this run's binaries, data and server log.
pub(crate) fn fresh_folder() -> Result<PathBuf, Failure> {
    let folder = std::env::temp_dir().join(format!("lotse-bench-{}", std::process::id()));
    if folder.exists() {
        std::fs::remove_dir_all(&folder)
            .explain(|| format!("cannot empty {}", folder.display()))?;
    }
    std::fs::create_dir_all(folder.join("data"))
        .explain(|| format!("cannot create {}", folder.display()))?;
    Ok(folder)
}

pub(crate) fn copy_into(binary: &Path, folder: &Path) -> Result<PathBuf, Failure> {
    let name = binary.file_name().unwrap_or_default();
    let copy = folder.join(name);
    std::fs::copy(binary, &copy)
        .explain(|| format!("cannot copy {} to {}", binary.display(), copy.display()))?;
    Ok(copy)
}

/// The server under measurement, stopped (by its own pid) when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
}

impl Server {
    pub(crate) fn start(
        binary: &Path,
        workspace: &Workspace,
        folder: &Path,
        port: u16,
        database: Option<&str>,
        log: &Path,
    ) -> Result<Server, Failure> {
        let log = File::create(log).explain(|| format!("cannot create {}", log.display()))?;
        let log_err = log
            .try_clone()
            .explain(|| "cannot share the server log".to_owned())?;
        let mut command = with_open_files(binary);
        command
            .args([
                "--reads-per-minute",
                "0",
                "--writes-per-minute",
                "0",
                "--sign-ins-per-minute",
                "0",
                "--token-guesses-per-minute",
                "0",
                "--handovers-per-minute",
                "0",
            ])
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--data")
            .arg(folder.join("data"))
            .arg("--trees")
            .arg(workspace.trees())
            .arg("--assets")
            .arg(workspace.dist())
            // A database chosen in the environment must not replace the fresh one.
            .env_remove("LOTSE_DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err);
        if let Some(url) = database {
            command.arg("--database").arg(url);
        }
        let child = command
            .spawn()
            .explain(|| format!("cannot start {}", binary.display()))?;
        Ok(Server { child })
    }

    /// SIGTERM, the way a service manager stops it; true when it exited within 10 s.
    pub(crate) fn stop(&mut self) -> bool {
        if let Ok(Some(_)) = self.child.try_wait() {
            return true;
        }
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_figures_join_the_server_results_without_losing_any() {
        let dir = tempfile::tempdir().unwrap();
        let results = dir.path().join("results.json");
        std::fs::write(&results, r#"{"backend":"sqlite","scenarios":[1,2]}"#).unwrap();
        add_browser_figures(
            &results,
            serde_json::json!({ "handover": { "median_ms": 14 } }),
        )
        .unwrap();
        let all: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&results).unwrap()).unwrap();
        assert_eq!(all["backend"], "sqlite");
        assert_eq!(all["scenarios"], serde_json::json!([1, 2]));
        assert_eq!(all["browser"]["handover"]["median_ms"], 14);

        std::fs::write(&results, "[1]").unwrap();
        let refused = add_browser_figures(&results, serde_json::json!({})).unwrap_err();
        assert!(
            refused.to_string().contains("not a JSON object"),
            "{refused}"
        );
    }
}
