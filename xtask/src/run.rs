//! `cargo xtask run`: build the bundle and the server, then become the server.
//!
//! The driver replaces itself with `lotse` (exec), so Ctrl-C reaches the server directly,
//! the server shuts down the way it would in production, and its exit code is the
//! command's exit code.
//!
//! Before that, a database without staff accounts gets the admin `admin` with a random
//! password (through `lotse create-admin --first`), printed once; later runs print how
//! to set a new one.

use std::ffi::OsString;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use crate::command;
use crate::dist;
use crate::failure::{Explain, Failure};
use crate::workspace::Workspace;

const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

pub fn start(workspace: &Workspace, extra: &[String]) -> Result<ExitCode, Failure> {
    dist::build(workspace, &workspace.dist())?;
    println!("==> compiling the server");
    command::run(command::cargo().current_dir(workspace.root()).args([
        "build",
        "--release",
        "--package",
        "server",
    ]))?;

    let is_set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    let defaults = [
        (
            "--assets",
            "LOTSE_ASSETS",
            workspace.dist().into_os_string(),
        ),
        ("--trees", "LOTSE_TREES", workspace.trees().into_os_string()),
        ("--data", "LOTSE_DATA", workspace.data().into_os_string()),
        // A demo support line, so the portal's "talk to a person" shows a number.
        (
            "--support-phone",
            "LOTSE_SUPPORT_PHONE",
            OsString::from("+49 30 1234 5678"),
        ),
    ];
    let args = server_args(&defaults, extra, is_set);
    if args.iter().any(|arg| arg == "--data") {
        std::fs::create_dir_all(workspace.data())
            .explain(|| format!("cannot create {}", workspace.data().display()))?;
    }
    let listen = given_value(extra, "--listen")
        .or_else(|| std::env::var("LOTSE_LISTEN").ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| DEFAULT_LISTEN.to_owned());

    let server = workspace.server_binary();
    staff_login(&server, &args, &browser_url(&listen));
    println!(
        "\nLotse runs at {} (Ctrl-C stops it)\n",
        browser_url(&listen)
    );
    // `exec` only returns when the server could not be started.
    let error = Command::new(&server).args(&args).exec();
    Err(Failure::new(format!(
        "could not start {}: {error}",
        server.display()
    )))
}

/// Hands the password to `lotse create-admin` (the command line is readable by others).
const PASSWORD_VARIABLE: &str = "LOTSE_FIRST_ADMIN_PASSWORD";

/// On a database without staff, creates the admin `admin` and prints how to sign in;
/// otherwise prints how to set a new password. Never stops the run: without an admin
/// the server still starts and logs how to create one.
fn staff_login(server: &Path, args: &[OsString], url: &str) {
    let password = match random_password() {
        Ok(password) => password,
        Err(error) => {
            println!("note: no staff login prepared (no random password: {error})");
            return;
        }
    };
    let status = Command::new(server)
        .args(args)
        .args([
            "create-admin",
            "--login",
            "admin",
            "--first",
            "--password-env",
        ])
        .arg(PASSWORD_VARIABLE)
        .env(PASSWORD_VARIABLE, &password)
        .stdout(Stdio::null())
        .status();
    // Exit code 3: staff accounts exist already (see `server/src/create_admin.rs`).
    match status.map(|status| status.code()) {
        Ok(Some(0)) => println!(
            "\nStaff account: user admin  password {password}  (shown only this once)\n\
             Sign in at {url}staff"
        ),
        Ok(Some(3)) => {
            let command: Vec<String> = std::iter::once(server.as_os_str())
                .chain(args.iter().map(OsString::as_os_str))
                .map(|arg| arg.to_string_lossy().into_owned())
                .collect();
            println!(
                "\nStaff account: user admin (sign in at {url}staff; a new password: {} \
                 create-admin --login admin --reset)",
                command.join(" ")
            );
        }
        _ => println!("note: no staff login prepared; the server log says how to create one"),
    }
}

/// 20 characters from an alphabet without look-alikes (about 115 bits).
pub fn random_password() -> std::io::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut random = std::fs::File::open("/dev/urandom")?;
    let mut password = String::new();
    let mut byte = [0u8; 1];
    while password.len() < 20 {
        random.read_exact(&mut byte)?;
        // Only bytes below a multiple of the alphabet's size, so every letter is as likely.
        let usable = 256 - 256 % ALPHABET.len();
        if usize::from(byte[0]) < usable {
            password.push(char::from(ALPHABET[usize::from(byte[0]) % ALPHABET.len()]));
        }
    }
    Ok(password)
}

/// The server's arguments: a repository default for every folder the user did not choose
/// (by flag or environment variable), then the user's own arguments. A flag given twice
/// would be refused by the server, so defaults never repeat a chosen one.
fn server_args(
    defaults: &[(&str, &str, OsString)],
    extra: &[String],
    env_is_set: impl Fn(&str) -> bool,
) -> Vec<OsString> {
    let mut args = Vec::new();
    for (flag, variable, value) in defaults {
        if given_value(extra, flag).is_none() && !env_is_set(variable) {
            args.push(OsString::from(flag));
            args.push(value.clone());
        }
    }
    args.extend(extra.iter().map(OsString::from));
    args
}

/// The value of `--flag VALUE` or `--flag=VALUE` in `args`.
fn given_value(args: &[String], flag: &str) -> Option<String> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == flag {
            return Some(args.next().cloned().unwrap_or_default());
        }
        if let Some(value) = arg.strip_prefix(flag).and_then(|v| v.strip_prefix('=')) {
            return Some(value.to_owned());
        }
    }
    None
}

/// A URL to open for a listen address; a wildcard address is reachable as localhost.
fn browser_url(listen: &str) -> String {
    let local = listen
        .strip_prefix("0.0.0.0:")
        .or_else(|| listen.strip_prefix("[::]:"))
        .map(|port| format!("localhost:{port}"));
    format!("http://{}/", local.as_deref().unwrap_or(listen))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Vec<(&'static str, &'static str, OsString)> {
        vec![
            ("--assets", "LOTSE_ASSETS", "/repo/dist".into()),
            ("--data", "LOTSE_DATA", "/repo/data".into()),
        ]
    }

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|arg| (*arg).to_owned()).collect()
    }

    #[test]
    fn defaults_come_first_and_user_arguments_follow() {
        let args = server_args(&defaults(), &strings(&["--listen", "0.0.0.0:80"]), |_| {
            false
        });
        assert_eq!(
            args,
            [
                "--assets",
                "/repo/dist",
                "--data",
                "/repo/data",
                "--listen",
                "0.0.0.0:80"
            ]
        );
    }

    #[test]
    fn a_folder_chosen_by_flag_or_environment_is_not_defaulted() {
        let args = server_args(&defaults(), &strings(&["--data=/srv/lotse"]), |_| false);
        assert_eq!(args, ["--assets", "/repo/dist", "--data=/srv/lotse"]);

        let args = server_args(&defaults(), &[], |name| name == "LOTSE_ASSETS");
        assert_eq!(args, ["--data", "/repo/data"]);
    }

    #[test]
    fn flag_values_are_found_in_both_spellings_only_for_that_flag() {
        let args = strings(&["--listen-backlog", "9", "--listen=[::]:8080"]);
        assert_eq!(given_value(&args, "--listen"), Some("[::]:8080".to_owned()));
        assert_eq!(
            given_value(&strings(&["--data"]), "--data"),
            Some(String::new())
        );
        assert_eq!(given_value(&args, "--data"), None);
    }

    #[test]
    fn first_admin_passwords_are_long_and_random() {
        let (a, b) = (random_password().unwrap(), random_password().unwrap());
        assert_eq!(a.chars().count(), 20);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn wildcard_addresses_are_shown_as_localhost() {
        assert_eq!(browser_url("127.0.0.1:8080"), "http://127.0.0.1:8080/");
        assert_eq!(browser_url("0.0.0.0:80"), "http://localhost:80/");
        assert_eq!(browser_url("[::]:8080"), "http://localhost:8080/");
    }
}
