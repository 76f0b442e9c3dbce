//! A private PostgreSQL server for the test suite: the same server tests that run on the
//! embedded SQLite database run again on PostgreSQL, never skipped.
//!
//! The server lives in a temporary folder, listens on a free loopback port, trusts local
//! connections (nothing else can reach it) and is stopped when [`Cluster`] is dropped.
//! PostgreSQL refuses to run as root, so as root it runs as the `postgres` user that
//! Debian's package creates; the package is installed through apt when missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::command::{self, find_on_path, is_executable};
use crate::failure::{Explain, Failure};
use crate::tools::is_root;

/// A running private server.
pub struct Cluster {
    bin: PathBuf,
    folder: PathBuf,
    user: Option<String>,
    pub url: String,
}

impl Cluster {
    /// Starts a fresh server on `port` for tests: commits are not synced to disk
    /// (`fsync=off`), which is safe for throwaway data and keeps the suite fast.
    pub fn start(port: u16) -> Result<Cluster, Failure> {
        Cluster::launch(port, false)
    }

    /// Starts a fresh server on `port` that syncs every commit like a production server
    /// does: for measurements, where skipping the sync would flatter the figures.
    pub fn start_durable(port: u16) -> Result<Cluster, Failure> {
        Cluster::launch(port, true)
    }

    fn launch(port: u16, durable: bool) -> Result<Cluster, Failure> {
        let bin = binaries()?;
        let user = if is_root() {
            Some(system_user()?)
        } else {
            None
        };
        let folder = std::env::temp_dir().join(format!("lotse-pg-{}", std::process::id()));
        if folder.exists() {
            std::fs::remove_dir_all(&folder)
                .explain(|| format!("cannot empty {}", folder.display()))?;
        }
        std::fs::create_dir_all(&folder)
            .explain(|| format!("cannot create {}", folder.display()))?;
        if let Some(user) = &user {
            command::run(Command::new("chown").arg(user).arg(&folder))?;
        }
        let cluster = Cluster {
            bin,
            folder,
            user,
            url: format!("postgres://lotse@127.0.0.1:{port}/postgres"),
        };
        let data = cluster.folder.join("data");
        command::run(cluster.pg("initdb").arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            "lotse",
            "--no-sync",
        ]))?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync={} -c max_connections=400",
            cluster.folder.display(),
            if durable { "on" } else { "off" }
        );
        command::run(
            cluster
                .pg("pg_ctl")
                .arg("-D")
                .arg(&data)
                .args(["-o", &options, "-w", "-l"])
                .arg(cluster.folder.join("server.log"))
                .arg("start"),
        )
        .map_err(|f| {
            Failure::new(format!(
                "{f}\nThe server's log is in {}",
                cluster.folder.join("server.log").display()
            ))
        })?;
        Ok(cluster)
    }

    /// A PostgreSQL program, run as the unprivileged user when we are root.
    fn pg(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        match &self.user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.folder.join("data");
        let _ = self
            .pg("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-m", "fast", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// The folder with `initdb` and `pg_ctl`, installing Debian's package when allowed.
fn binaries() -> Result<PathBuf, Failure> {
    if let Some(found) = locate() {
        return Ok(found);
    }
    let install = "apt-get update && apt-get install -y postgresql";
    if !(is_root() && find_on_path("apt-get").is_some()) {
        return Err(Failure::new(format!(
            "PostgreSQL's programs (initdb, pg_ctl) are missing; the test suite runs on PostgreSQL too. Run:\n  sudo sh -c '{install}'"
        )));
    }
    println!("==> installing PostgreSQL for the tests (about 15 s)");
    let apt = |args: &[&str]| {
        let mut apt = Command::new("apt-get");
        apt.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command::run(&mut apt)
    };
    apt(&["update"])?;
    apt(&["install", "-y", "postgresql"])?;
    locate()
        .ok_or_else(|| Failure::new("apt-get installed postgresql, but initdb is still not found"))
}

/// `initdb` on PATH, else the newest `/usr/lib/postgresql/<version>/bin`.
fn locate() -> Option<PathBuf> {
    if let Some(initdb) = find_on_path("initdb") {
        let resolved = std::fs::canonicalize(&initdb).unwrap_or(initdb);
        return resolved.parent().map(Path::to_path_buf);
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|bin| is_executable(&bin.join("initdb")))
        .collect();
    versions.sort();
    versions.pop()
}

/// The user PostgreSQL runs as when we are root: Debian's `postgres`, created by the
/// package; without the package (binaries from elsewhere) a system user of our own.
fn system_user() -> Result<String, Failure> {
    let exists = |name: &str| {
        Command::new("id")
            .arg("-u")
            .arg(name)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if exists("postgres") {
        return Ok("postgres".into());
    }
    if !exists("lotse-pg") {
        command::run(Command::new("useradd").args(["--system", "--no-create-home", "lotse-pg"]))?;
    }
    Ok("lotse-pg".into())
}
