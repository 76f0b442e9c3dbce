//! Lotse's build driver, run as `cargo xtask <command>` (an alias in `.cargo/config.toml`).
//!
//! # Layout
//! - `dist`: builds the browser app into a deployable folder of fingerprinted, precompressed
//!   files ([`dist`], with [`bundle`], [`page`], [`compress`] and [`manifest`]).
//! - `run`: builds everything and starts the `lotse` server on the fresh bundle ([`run`]).
//! - `test`: every check CI runs, in order, failing fast ([`test`]).
//! - `bench`: a release server under load from the generator in `bench/` ([`bench`]);
//!   servers the driver starts find their port and wait for health in [`loopback`].
//! - `crash`: the crash test: SIGKILLs while hand-offs arrive with retries ([`crash`]).
//! - `fuzz`: libFuzzer on the tree parser and on transcript replay ([`fuzz`]).
//! - `api-check`: schemathesis against the OpenAPI document ([`api_check`]).
//! - `measure`: the portal's first-load size, Lighthouse scores and click-to-step time,
//!   and the staff Queue with 10,000 open tickets ([`measure`]); the first-load budget
//!   itself is checked by `test` ([`budget`]).
//!
//! Tools outside cargo (npm packages, Chromium, the wasm target) are checked, and where it is
//! safe installed, in [`tools`]; every external command goes through [`command`] so a failure
//! always says which command failed and what to do about it.
//!
//! Arguments are parsed by hand: the driver must compile fast on a fresh machine.

mod api_check;
mod bench;
mod budget;
mod bundle;
mod command;
mod compress;
mod crash;
mod dist;
mod failure;
mod fuzz;
mod glue;
mod loopback;
mod manifest;
mod measure;
mod page;
mod postgres;
mod run;
mod test;
mod tools;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

use workspace::Workspace;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  dist [--out DIR]     build the browser app into DIR (default: dist/)
  run [-- ARGS...]     build everything and start the server; ARGS go to `lotse`
  test                 run every check CI runs: fmt, clippy, unit and browser tests
  bench [--short] [--postgres]
                       measure a release server under load (hand-offs against /healthz);
                       --short: CI size, fails only on errors; --postgres: on PostgreSQL
  api-check [--examples N] [--seed N]
                       schemathesis against the API's own OpenAPI document, signed in
                       as an admin (default 30 examples per operation, a new seed)
  fuzz [--seconds N]   libFuzzer on the tree parser/validator and on transcript replay,
                       N seconds each (default 600)
  crash [--short] [--postgres]
                       the crash test: SIGKILL the server while hand-offs arrive with
                       retries; every acknowledged one must be stored exactly once;
                       --postgres: two instances on one PostgreSQL, killed in turn
  measure [--queue | --handover]
                       the portal's figures: first load of / (KB brotli), Lighthouse
                       (mobile) on / and a walk page, click on an answer -> next step;
                       the staff Queue's with 10,000 open tickets (--queue: only those);
                       a handover's live follow, agent's move -> user's screen
                       (--handover: only that)
  help                 show this text";

/// What the user asked the driver to do.
#[derive(Debug, PartialEq, Eq)]
enum Task {
    Dist { out: Option<PathBuf> },
    Run { server_args: Vec<String> },
    Test,
    Bench(bench::Options),
    Crash { short: bool, postgres: bool },
    Fuzz { seconds: u64 },
    ApiCheck { examples: u32, seed: Option<String> },
    Measure { only: Option<measure::Only> },
    Help,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = match parse(&args) {
        Ok(task) => task,
        Err(message) => {
            eprintln!("xtask: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let workspace = Workspace::locate();
    let outcome = match task {
        Task::Help => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Task::Dist { out } => {
            let out = out.unwrap_or_else(|| workspace.dist());
            dist::build(&workspace, &out).map(|_| ExitCode::SUCCESS)
        }
        Task::Run { server_args } => run::start(&workspace, &server_args),
        Task::Test => test::all(&workspace).map(|()| ExitCode::SUCCESS),
        Task::Bench(options) => bench::run(&workspace, options),
        Task::Crash { short, postgres } => {
            crash::run(&workspace, short, postgres).map(|()| ExitCode::SUCCESS)
        }
        Task::ApiCheck { examples, seed } => {
            api_check::run(&workspace, &api_check::Options { examples, seed })
                .map(|()| ExitCode::SUCCESS)
        }
        Task::Fuzz { seconds } => fuzz::run(&workspace, seconds).map(|()| ExitCode::SUCCESS),
        Task::Measure { only } => measure::run(&workspace, only).map(|()| ExitCode::SUCCESS),
    };
    match outcome {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("\nxtask: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// Turns the command line (without the program name) into a [`Task`].
fn parse(args: &[String]) -> Result<Task, String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Task::Help);
    };
    match command.as_str() {
        "dist" => parse_dist(rest),
        "run" => {
            // `--` is optional: everything after `run` belongs to the server.
            let rest = match rest.split_first() {
                Some((first, tail)) if first == "--" => tail,
                _ => rest,
            };
            Ok(Task::Run {
                server_args: rest.to_vec(),
            })
        }
        "test" if rest.is_empty() => Ok(Task::Test),
        "test" => Err(format!(
            "`test` takes no arguments, got `{}`",
            rest.join(" ")
        )),
        "bench" => parse_bench(rest),
        "api-check" => parse_api_check(rest),
        "fuzz" => match rest {
            [] => Ok(Task::Fuzz { seconds: 600 }),
            [flag, n] if flag == "--seconds" => n
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .map(|seconds| Task::Fuzz { seconds })
                .ok_or_else(|| format!("`--seconds` takes a whole number above 0, not `{n}`")),
            _ => Err(format!(
                "`fuzz` takes only `--seconds N`, got `{}`",
                rest.join(" ")
            )),
        },
        "crash" => parse_crash(rest),
        "measure" => match rest {
            [] => Ok(Task::Measure { only: None }),
            [only] if only == "--queue" => Ok(Task::Measure {
                only: Some(measure::Only::Queue),
            }),
            [only] if only == "--handover" => Ok(Task::Measure {
                only: Some(measure::Only::Handover),
            }),
            _ => Err(format!(
                "`measure` takes `--queue` or `--handover`, got `{}`",
                rest.join(" ")
            )),
        },
        "help" | "-h" | "--help" => Ok(Task::Help),
        other => Err(format!("unknown command `{other}`")),
    }
}

fn parse_api_check(args: &[String]) -> Result<Task, String> {
    let mut examples = 30;
    let mut seed = None;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        match flag.as_str() {
            "--examples" => {
                examples = value.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("`--examples` takes a whole number above 0, not `{value}`")
                })?;
            }
            "--seed" if value.bytes().all(|b| b.is_ascii_digit()) && !value.is_empty() => {
                seed = Some(value.clone());
            }
            "--seed" => return Err(format!("`--seed` takes a number, not `{value}`")),
            other => return Err(format!("`api-check` does not know the argument `{other}`")),
        }
    }
    Ok(Task::ApiCheck { examples, seed })
}

fn parse_crash(args: &[String]) -> Result<Task, String> {
    let (mut short, mut postgres) = (false, false);
    for arg in args {
        match arg.as_str() {
            "--short" if !short => short = true,
            "--postgres" if !postgres => postgres = true,
            _ => {
                return Err(format!(
                    "`crash` takes `--short` and `--postgres`, each at most once, got `{}`",
                    args.join(" ")
                ));
            }
        }
    }
    Ok(Task::Crash { short, postgres })
}

fn parse_bench(args: &[String]) -> Result<Task, String> {
    let mut options = bench::Options {
        short: false,
        postgres: false,
    };
    for arg in args {
        match arg.as_str() {
            "--short" => options.short = true,
            "--postgres" => options.postgres = true,
            other => return Err(format!("`bench` does not know the argument `{other}`")),
        }
    }
    Ok(Task::Bench(options))
}

fn parse_dist(args: &[String]) -> Result<Task, String> {
    let mut out = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = if arg == "--out" {
            args.next()
                .ok_or("`--out` needs a directory, e.g. `--out dist`")?
                .clone()
        } else if let Some(value) = arg.strip_prefix("--out=") {
            value.to_owned()
        } else {
            return Err(format!("`dist` does not know the argument `{arg}`"));
        };
        if value.is_empty() {
            return Err("`--out` needs a directory, e.g. `--out dist`".to_owned());
        }
        out = Some(PathBuf::from(value));
    }
    Ok(Task::Dist { out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Task, String> {
        let args: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        parse(&args)
    }

    #[test]
    fn no_command_shows_help() {
        assert_eq!(parse_line(""), Ok(Task::Help));
    }

    #[test]
    fn dist_takes_an_output_folder_in_either_spelling() {
        assert_eq!(parse_line("dist"), Ok(Task::Dist { out: None }));
        let wanted = Ok(Task::Dist {
            out: Some(PathBuf::from("/tmp/x")),
        });
        assert_eq!(parse_line("dist --out /tmp/x"), wanted);
        assert_eq!(parse_line("dist --out=/tmp/x"), wanted);
    }

    #[test]
    fn dist_rejects_a_missing_folder_and_unknown_flags() {
        assert!(parse_line("dist --out").is_err());
        assert!(parse_line("dist --out=").is_err());
        assert!(parse_line("dist --release").is_err());
    }

    #[test]
    fn run_forwards_everything_after_the_optional_separator() {
        let wanted = Ok(Task::Run {
            server_args: vec!["--listen".into(), "0.0.0.0:80".into()],
        });
        assert_eq!(parse_line("run -- --listen 0.0.0.0:80"), wanted);
        assert_eq!(parse_line("run --listen 0.0.0.0:80"), wanted);
    }

    #[test]
    fn bench_takes_its_two_flags_in_any_order() {
        let both = bench::Options {
            short: true,
            postgres: true,
        };
        assert_eq!(
            parse_line("bench --postgres --short"),
            Ok(Task::Bench(both))
        );
        assert_eq!(
            parse_line("bench"),
            Ok(Task::Bench(bench::Options {
                short: false,
                postgres: false
            }))
        );
        assert!(parse_line("bench --long").is_err());
    }

    #[test]
    fn crash_takes_short_and_postgres_in_any_order() {
        let crash = |short, postgres| Ok(Task::Crash { short, postgres });
        assert_eq!(parse_line("crash"), crash(false, false));
        assert_eq!(parse_line("crash --short"), crash(true, false));
        assert_eq!(parse_line("crash --postgres"), crash(false, true));
        assert_eq!(parse_line("crash --postgres --short"), crash(true, true));
        assert_eq!(parse_line("crash --short --postgres"), crash(true, true));
        assert!(parse_line("crash --short --short").is_err());
        assert!(parse_line("crash --sqlite").is_err());
    }

    #[test]
    fn measure_may_be_asked_for_one_part_only() {
        assert_eq!(parse_line("measure"), Ok(Task::Measure { only: None }));
        assert_eq!(
            parse_line("measure --queue"),
            Ok(Task::Measure {
                only: Some(measure::Only::Queue)
            })
        );
        assert_eq!(
            parse_line("measure --handover"),
            Ok(Task::Measure {
                only: Some(measure::Only::Handover)
            })
        );
        assert!(parse_line("measure --all").is_err());
        assert!(parse_line("measure --queue --handover").is_err());
    }

    #[test]
    fn unknown_commands_and_test_arguments_are_refused() {
        assert!(parse_line("deploy").is_err());
        assert!(parse_line("test --fast").is_err());
    }
}
