//! Running other programs (cargo, npm, wasm-opt, apt-get) so that every failure names the
//! command that failed and how.
//!
//! Commands are echoed before they run: in a CI log, the line above an error is the command
//! to copy and rerun by hand.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::failure::Failure;

/// The cargo that started the driver (cargo sets `CARGO` for `cargo run`), so nested builds
/// use the same toolchain.
pub fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
}

/// Runs `command` to completion; a non-zero exit is a [`Failure`].
pub fn run(command: &mut Command) -> Result<(), Failure> {
    let line = describe(command);
    println!("$ {line}");
    let status = command
        .status()
        .map_err(|error| not_started(&line, &error))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!("`{line}` failed ({status})")))
    }
}

/// Runs `command` quietly and returns its standard output; used for questions such as
/// "which targets are installed?".
pub fn output(command: &mut Command) -> Result<String, Failure> {
    let line = describe(command);
    let output = command
        .output()
        .map_err(|error| not_started(&line, &error))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(Failure::new(format!(
            "`{line}` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        )))
    }
}

/// Finds `program` on `PATH`, like the shell would.
pub fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

pub fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

fn not_started(line: &str, error: &std::io::Error) -> Failure {
    Failure::new(format!("could not start `{line}`: {error}"))
}

/// The command as a person would type it (environment overrides first).
fn describe(command: &Command) -> String {
    let envs = command
        .get_envs()
        .filter_map(|(key, value)| Some(format!("{}={}", lossy(key), lossy(value?))));
    // The absolute toolchain path of `CARGO` is noise in a log; `cargo` reruns the same.
    let program = Path::new(command.get_program());
    let program = match program.file_name() {
        Some(name) if name == "cargo" => "cargo".to_owned(),
        _ => lossy(program.as_os_str()),
    };
    let program = std::iter::once(program);
    let args = command.get_args().map(lossy);
    envs.chain(program)
        .chain(args)
        .collect::<Vec<_>>()
        .join(" ")
}

fn lossy(text: &OsStr) -> String {
    text.to_string_lossy().into_owned()
}
