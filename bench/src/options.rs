//! The command line, parsed by hand (like `xtask`): a handful of flags, no parser crate.
//!
//! The URL must be a loopback address: the bench applies heavy load and must never be
//! pointed, by a typo, at a server other people use.

use std::path::PathBuf;
use std::time::Duration;

pub const USAGE: &str = "\
usage: bench --url http://127.0.0.1:PORT [options]

options:
  --pid PID           the server's process id, to read its memory from /proc
  --data DIR          the server's data folder, to probe its disk's synced writes/s
  --out FILE          where to write the results (default: results.json)
  --short             CI size: a few seconds in all; only errors break the budget
  --clients N         concurrent clients of the closed loop (default: 16)
  --rate N            requests per second of the open loop (default: 200)
  --seconds S         length of each scenario (default: 10, short: 2)
  --backend NAME      the database behind the server, for the report (default: sqlite)
  --login LOGIN       a staff admin for the staff scenarios (queue, detail, live events);
                      its password is read from LOTSE_BENCH_PASSWORD; without it they are skipped
  --tickets N         tickets stored for the queue scenario (default: 100000, short: 2000)
  --subscribers N     live-event streams of the fan-out scenario (default: 1000, short: 200)";

/// The environment variable the staff password is read from (never the command line,
/// which other users of the machine can read).
pub const PASSWORD_VARIABLE: &str = "LOTSE_BENCH_PASSWORD";

/// What to measure and against which server.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub url: String,
    pub pid: Option<u32>,
    /// The server's data folder, for the disk probe.
    pub data: Option<PathBuf>,
    pub out: PathBuf,
    pub short: bool,
    pub clients: usize,
    pub rate: u32,
    /// Length of each scenario.
    pub length: Duration,
    pub backend: String,
    /// The staff admin the staff scenarios sign in as, with its password.
    pub staff: Option<(String, String)>,
    /// Tickets stored before the queue and detail are read.
    pub tickets: u64,
    /// Open live-event streams while hand-offs arrive.
    pub subscribers: usize,
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut url = None;
    let mut pid = None;
    let mut data = None;
    let mut out = PathBuf::from("results.json");
    let mut short = false;
    let mut clients = 16;
    let mut rate = 200;
    let mut seconds = None;
    let mut backend = "sqlite".to_owned();
    let mut login = None;
    let mut tickets = None;
    let mut subscribers = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        if flag == "--short" {
            short = true;
            continue;
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("`{flag}` needs a value"))
        };
        match flag.as_str() {
            "--url" => url = Some(loopback(&value()?)?),
            "--pid" => pid = Some(number(&flag, &value()?)?),
            "--data" => data = Some(PathBuf::from(value()?)),
            "--out" => out = PathBuf::from(value()?),
            "--clients" => clients = positive(&flag, &value()?)?,
            "--rate" => rate = positive(&flag, &value()?)?,
            "--seconds" => seconds = Some(positive::<u64>(&flag, &value()?)?),
            "--backend" => backend = value()?,
            "--login" => login = Some(value()?),
            "--tickets" => tickets = Some(positive(&flag, &value()?)?),
            "--subscribers" => subscribers = Some(positive(&flag, &value()?)?),
            _ => return Err(format!("unknown argument `{arg}`")),
        }
    }
    let url = url.ok_or("give the server with `--url http://127.0.0.1:PORT`")?;
    let seconds = seconds.unwrap_or(if short { 2 } else { 10 });
    let staff = match login {
        Some(login) => match std::env::var(PASSWORD_VARIABLE) {
            Ok(password) if !password.is_empty() => Some((login, password)),
            _ => {
                return Err(format!(
                    "`--login` needs the password in {PASSWORD_VARIABLE}"
                ));
            }
        },
        None => None,
    };
    Ok(Options {
        url,
        pid,
        data,
        out,
        short,
        clients,
        rate,
        length: Duration::from_secs(seconds),
        backend,
        staff,
        tickets: tickets.unwrap_or(if short { 2_000 } else { 100_000 }),
        subscribers: subscribers.unwrap_or(if short { 200 } else { 1_000 }),
    })
}

/// Accepts only `http://127.0.0.1:PORT` (or `localhost`), so the load stays on this machine.
fn loopback(url: &str) -> Result<String, String> {
    let url = url.trim_end_matches('/');
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .or_else(|| url.strip_prefix("http://localhost:"));
    match port.map(str::parse::<u16>) {
        Some(Ok(port)) => Ok(format!("http://127.0.0.1:{port}")),
        _ => Err(format!(
            "`{url}` is not http://127.0.0.1:PORT; the bench only loads a server on this machine"
        )),
    }
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("`{flag}` needs a whole number, got `{value}`"))
}

fn positive<T: std::str::FromStr + PartialOrd + Default>(
    flag: &str,
    value: &str,
) -> Result<T, String> {
    let n: T = number(flag, value)?;
    if n > T::default() {
        Ok(n)
    } else {
        Err(format!("`{flag}` must be at least 1"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Options, String> {
        parse(line.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn defaults_are_the_full_run() {
        let o = parse_line("--url http://127.0.0.1:8080/").unwrap();
        assert_eq!(o.url, "http://127.0.0.1:8080");
        assert_eq!((o.short, o.clients, o.rate), (false, 16, 200));
        assert_eq!(o.length, Duration::from_secs(10));
        assert_eq!((o.tickets, o.subscribers, o.staff), (100_000, 1_000, None));
    }

    #[test]
    fn short_mode_shortens_every_scenario_and_flags_take_both_spellings() {
        let o = parse_line("--short --url=http://localhost:9 --pid 42 --clients=4").unwrap();
        assert!(o.short);
        assert_eq!(o.length, Duration::from_secs(2));
        assert_eq!((o.pid, o.clients), (Some(42), 4));
        assert_eq!(o.url, "http://127.0.0.1:9");
        assert_eq!((o.tickets, o.subscribers), (2_000, 200));
        let o =
            parse_line("--short --url=http://localhost:9 --tickets 50 --subscribers=7").unwrap();
        assert_eq!((o.tickets, o.subscribers), (50, 7));
    }

    #[test]
    fn only_loopback_servers_are_loaded() {
        assert!(parse_line("--url http://10.0.0.1:8080").is_err());
        assert!(parse_line("--url https://127.0.0.1:8080").is_err());
        assert!(parse_line("--url http://127.0.0.1.example.org:80").is_err());
        assert!(parse_line("--pid 1").is_err(), "the URL is required");
    }

    #[test]
    fn nonsense_values_are_refused() {
        assert!(parse_line("--url http://127.0.0.1:1 --clients 0").is_err());
        assert!(parse_line("--url http://127.0.0.1:1 --rate fast").is_err());
        assert!(parse_line("--url http://127.0.0.1:1 --seconds").is_err());
        assert!(parse_line("--url http://127.0.0.1:1 --verbose").is_err());
    }
}
