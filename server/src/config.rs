//! Configuration: command-line flags, each with an environment variable, all listed by
//! `lotse --help` and in the README.

use clap::{Parser, Subcommand};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Lotse: self-service IT troubleshooting with decision trees and a hand-off queue.
#[derive(Debug, Parser)]
#[command(name = "lotse", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do; without a subcommand, `serve`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal and the API (the default).
    Serve,
    /// Validate a tree folder and run the scenarios in its `scenarios/` folder; print
    /// every problem, and exit non-zero if there is one.
    CheckTrees {
        /// The folder to check; defaults to `--trees`.
        folder: Option<PathBuf>,
    },
    /// Print a tree of `--trees` as a Mermaid flowchart.
    GraphTree {
        /// The tree's id (its file name without `.toml`).
        tree: String,
        /// Language of the texts.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Print draft scenarios for a tree of `--trees`: the shortest walk to each of its
    /// ends, to review and save as `scenarios/<tree>.toml`.
    DraftScenarios {
        /// The tree's id (its file name without `.toml`).
        tree: String,
        /// Language of the answer labels.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Write a consistent copy of the SQLite database of `--data` to FILE, while the
    /// server may run (it never overwrites a file).
    Backup {
        /// The new backup file.
        file: PathBuf,
    },
    /// Put a backup made by `lotse backup` into `--data`, which must hold no database yet.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Create an admin account in the database of `--data`/`--database`, or with
    /// `--reset` give an existing login a new password and make it an active admin.
    CreateAdmin(CreateAdmin),
}

/// `lotse create-admin`: the way in on a fresh installation, and back in when every
/// admin password is lost. Exit codes: 0 done, 2 bad input or no database, 3 nothing
/// changed because the login (or, with `--first`, any account) exists.
#[derive(Debug, Clone, clap::Args)]
pub struct CreateAdmin {
    /// The login name: letters a-z, digits, `.`, `-`, `_`, `@` (stored in lower case).
    #[arg(long)]
    pub login: String,
    /// The name colleagues see; defaults to the login for a new account.
    #[arg(long)]
    pub name: Option<String>,
    /// Read the password from this environment variable (never from the command line,
    /// where other users could see it). Without it, a random password is generated,
    /// printed once, and must be changed at the first sign-in.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// If the login exists: set the new password, make it an active admin, and end its
    /// sessions. Without it an existing login is left alone (exit code 3).
    #[arg(long)]
    pub reset: bool,
    /// Only if no staff account exists at all (exit code 3 otherwise): for scripts that
    /// set up a fresh installation and run again later.
    #[arg(long, conflicts_with = "reset")]
    pub first: bool,
}

/// Settings of a running server.
#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "LOTSE_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: SocketAddr,
    /// Folder for Lotse's own data (the embedded database, attachments); created if missing.
    #[arg(long, env = "LOTSE_DATA", default_value = "data", global = true)]
    pub data: PathBuf,
    /// Folder with the decision trees and their catalog.toml.
    #[arg(long, env = "LOTSE_TREES", default_value = "trees", global = true)]
    pub trees: PathBuf,
    /// Folder with the built browser app (`cargo xtask dist` writes `dist/`).
    #[arg(long, env = "LOTSE_ASSETS", default_value = "dist", global = true)]
    pub assets: PathBuf,
    /// Database URL: `sqlite://PATH` or `postgres://USER:PASSWORD@HOST/DB`. Default: the
    /// embedded SQLite database `lotse.db` in the data folder.
    #[arg(
        long,
        env = "LOTSE_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub database: Option<String>,
    /// The address users reach Lotse at. An `https://` address marks cookies `Secure`.
    #[arg(
        long,
        env = "LOTSE_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub public_url: String,
    /// Reverse proxies allowed to name the client in `X-Forwarded-For`, comma-separated
    /// IP addresses. Rate limits and login throttling count per client address; behind a
    /// proxy not listed here every request seems to come from the proxy.
    #[arg(
        long,
        env = "LOTSE_TRUSTED_PROXIES",
        default_value = "",
        hide_default_value = true,
        value_parser = parse_proxies,
        global = true
    )]
    pub trusted_proxies: TrustedProxies,
    /// SLA targets in hours for priorities 1 to 5, comma-separated: the default until an
    /// admin sets them (`PUT /api/v1/settings/sla`).
    #[arg(long, env = "LOTSE_SLA_HOURS", default_value = "1,4,8,24,72", value_parser = parse_sla, global = true)]
    pub sla_hours: SlaHours,
    /// Priority by impact (rows high, medium, low) and urgency (columns high, medium,
    /// low): three rows of three numbers 1-5, rows separated by `;`.
    #[arg(long, env = "LOTSE_PRIORITY_MATRIX", default_value = "1,2,3;2,3,4;3,4,5", value_parser = parse_matrix, global = true)]
    pub priority_matrix: domain::ticket::PriorityMatrix,
    /// The support line shown with a handover code ("call +49 30 1234 5678 and read
    /// out this code"). Without it the portal shows the code alone.
    #[arg(long, env = "LOTSE_SUPPORT_PHONE", global = true)]
    pub support_phone: Option<String>,
    #[command(flatten)]
    pub limits: Limits,
    #[command(flatten)]
    pub operations: Operations,
}

/// What one request may cost: body size, time, and how often one client may call the
/// public endpoints. The defaults leave room for a whole school behind one NAT address;
/// tests and benchmarks lower or raise them.
#[derive(Debug, Clone, clap::Args)]
pub struct Limits {
    /// Largest request body in bytes. Routes that carry attachments allow more
    /// (three files of 5 MB).
    #[arg(long, env = "LOTSE_BODY_LIMIT_BYTES", default_value_t = crate::limits::DEFAULT_BODY_BYTES, global = true)]
    pub body_limit_bytes: usize,
    /// Seconds a request may take before it is answered 503, plus one second per 32 KiB
    /// of body it announces (a slow phone can still upload its attachments). A live-event
    /// stream only needs to start in that time.
    #[arg(
        long,
        env = "LOTSE_REQUEST_TIMEOUT_SECS",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,
    /// Reads of trees and hand-offs (GET) one client address may make per minute, in
    /// bursts of as many; 0 turns the limit off.
    #[arg(
        long,
        env = "LOTSE_READS_PER_MINUTE",
        default_value_t = 1200,
        global = true
    )]
    pub reads_per_minute: u32,
    /// Hand-offs, user messages and walk outcomes one client address may send per
    /// minute, in bursts of as many; 0 turns the limit off.
    #[arg(
        long,
        env = "LOTSE_WRITES_PER_MINUTE",
        default_value_t = 120,
        global = true
    )]
    pub writes_per_minute: u32,
    /// Sign-in attempts (and password changes) one client address may make per minute,
    /// in bursts of as many; 0 turns the limit off.
    #[arg(
        long,
        env = "LOTSE_SIGN_INS_PER_MINUTE",
        default_value_t = 30,
        global = true
    )]
    pub sign_ins_per_minute: u32,
    /// Wrong ticket tokens (or unknown references) one client address may try on the
    /// status routes per minute, in bursts of as many; then every status request of
    /// that address waits. 0 turns the limit off.
    #[arg(
        long,
        env = "LOTSE_TOKEN_GUESSES_PER_MINUTE",
        default_value_t = 10,
        global = true
    )]
    pub token_guesses_per_minute: u32,
    /// Handover codes ("talk to a person") one client address may ask for per minute,
    /// in bursts of as many; 0 turns the limit off.
    #[arg(
        long,
        env = "LOTSE_HANDOVERS_PER_MINUTE",
        default_value_t = 10,
        global = true
    )]
    pub handovers_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_limit_bytes: crate::limits::DEFAULT_BODY_BYTES,
            request_timeout_secs: 30,
            reads_per_minute: 1200,
            writes_per_minute: 120,
            sign_ins_per_minute: 30,
            token_guesses_per_minute: 10,
            handovers_per_minute: 10,
        }
    }
}

/// Operating the server: metrics and the live-event safety net.
#[derive(Debug, Clone, clap::Args)]
pub struct Operations {
    /// Token a Prometheus scraper sends as `Authorization: Bearer TOKEN` to read
    /// `/metrics`. Without it `/metrics` is off: the figures (ticket volume, routes,
    /// error rates) are for the operators, not for everyone who can reach the portal.
    #[arg(
        long,
        env = "LOTSE_METRICS_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub metrics_token: Option<Secret>,
    /// Milliseconds between looks at the event table when nothing announced a new event:
    /// the safety net for a lost notification (a restart of PostgreSQL, an event written
    /// by a process that does not notify).
    #[arg(
        long,
        env = "LOTSE_EVENTS_POLL_MS",
        default_value_t = 2000,
        global = true
    )]
    pub events_poll_ms: u64,
    /// Seconds between sweeps that erase the personal data of tickets finished longer
    /// ago than the retention time an admin set (`PUT /api/v1/settings/retention`).
    #[arg(
        long,
        env = "LOTSE_RETENTION_SWEEP_SECS",
        default_value_t = 3600,
        global = true
    )]
    pub retention_sweep_secs: u64,
}

impl Default for Operations {
    fn default() -> Operations {
        Operations {
            metrics_token: None,
            events_poll_ms: 2000,
            retention_sweep_secs: 3600,
        }
    }
}

/// A secret setting: compared in constant time, never printed.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// Whether `offered` is this secret.
    pub fn matches(&self, offered: &str) -> bool {
        crate::auth::secret::same(offered, &self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl std::str::FromStr for Secret {
    type Err = String;

    fn from_str(s: &str) -> Result<Secret, String> {
        // A short token is guessable by anyone who can reach the server.
        if s.len() < 16 {
            return Err("use at least 16 characters".into());
        }
        Ok(Secret(s.to_owned()))
    }
}

impl Config {
    /// The database URL in force.
    pub fn database_url(&self) -> String {
        self.database
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data.join("lotse.db").display()))
    }

    /// Settings for a server in tests: everything in `data`, default policy.
    pub fn for_tests(data: PathBuf, trees: PathBuf) -> Config {
        Config {
            listen: "127.0.0.1:0".parse().expect("valid address"),
            assets: data.join("dist"),
            data,
            trees,
            database: None,
            public_url: "http://127.0.0.1".into(),
            trusted_proxies: TrustedProxies::default(),
            sla_hours: SlaHours([1, 4, 8, 24, 72]),
            priority_matrix: Default::default(),
            support_phone: Some("+49 30 1234 5678".into()),
            // Tests sign in dozens of accounts from one address; the tests of the
            // limits themselves lower them again.
            limits: Limits {
                reads_per_minute: 0,
                writes_per_minute: 0,
                sign_ins_per_minute: 0,
                token_guesses_per_minute: 0,
                handovers_per_minute: 0,
                ..Limits::default()
            },
            operations: Operations::default(),
        }
    }
}

/// SLA target in hours per priority (index 0 is priority 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaHours(pub [u32; 5]);

impl SlaHours {
    /// When a ticket of `priority` handed off at `created_ms` is due.
    pub fn due(&self, priority: u8, created_ms: i64) -> i64 {
        let hours = self.0[usize::from(priority.clamp(1, 5)) - 1];
        created_ms + i64::from(hours) * 3_600_000
    }
}

/// Reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(pub Vec<IpAddr>);

/// Comma-separated addresses; empty parts are skipped, so an empty variable (as
/// container set-ups like to pass) means none.
fn parse_proxies(s: &str) -> Result<TrustedProxies, String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<IpAddr>()
                .map_err(|_| format!("`{p}` is not an IP address"))
        })
        .collect::<Result<_, _>>()
        .map(TrustedProxies)
}

fn parse_sla(s: &str) -> Result<SlaHours, String> {
    let hours: Vec<u32> = s
        .split(',')
        .map(|h| {
            h.trim()
                .parse::<u32>()
                .map_err(|_| format!("`{h}` is not a whole number of hours"))
        })
        .collect::<Result<_, _>>()?;
    let hours: [u32; 5] = hours
        .try_into()
        .map_err(|_| "give five numbers, for priorities 1 to 5".to_owned())?;
    if hours.contains(&0) {
        return Err("an SLA target must be at least one hour".into());
    }
    Ok(SlaHours(hours))
}

fn parse_matrix(s: &str) -> Result<domain::ticket::PriorityMatrix, String> {
    let rows: Vec<[u8; 3]> = s
        .split(';')
        .map(|row| {
            let cells: Vec<u8> = row
                .split(',')
                .map(|c| match c.trim().parse::<u8>() {
                    Ok(p @ 1..=5) => Ok(p),
                    _ => Err(format!("`{c}` is not a priority from 1 to 5")),
                })
                .collect::<Result<_, _>>()?;
            cells
                .try_into()
                .map_err(|_| "each row needs three priorities".to_owned())
        })
        .collect::<Result<_, _>>()?;
    let rows: [[u8; 3]; 3] = rows
        .try_into()
        .map_err(|_| "give three rows separated by `;`".to_owned())?;
    Ok(domain::ticket::PriorityMatrix(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_flags_parse_and_refuse_nonsense() {
        assert_eq!(parse_sla("1,2,3,4,5").unwrap().due(2, 0), 2 * 3_600_000);
        assert!(parse_sla("1,2,3").is_err());
        assert!(parse_sla("0,2,3,4,5").is_err());
        assert_eq!(parse_matrix("1,1,1;2,2,2;5,5,5").unwrap().0[2], [5, 5, 5]);
        assert!(parse_matrix("1,2;3,4").is_err());
        assert!(parse_matrix("1,2,3;2,3,4;3,4,9").is_err());
        assert_eq!(parse_proxies("").unwrap(), TrustedProxies::default());
        assert_eq!(
            parse_proxies("10.0.0.2, ::1").unwrap().0,
            [
                "10.0.0.2".parse::<IpAddr>().unwrap(),
                "::1".parse().unwrap()
            ]
        );
        assert!(parse_proxies("10.0.0.2,proxy.local").is_err());
    }

    #[test]
    fn defaults_of_the_flags_and_of_the_tests_agree() {
        let cli = Cli::try_parse_from(["lotse"]).unwrap();
        let (flags, tests) = (&cli.config.limits, Limits::default());
        assert_eq!(format!("{flags:?}"), format!("{tests:?}"));
        let ops = &cli.config.operations;
        assert_eq!(format!("{ops:?}"), format!("{:?}", Operations::default()));
    }

    #[test]
    fn secrets_are_never_printed() {
        let secret: Secret = "a-long-metrics-token".parse().unwrap();
        assert!(!format!("{secret:?}").contains("metrics-token"));
        assert!(secret.matches("a-long-metrics-token"));
        assert!(!secret.matches("a-long-metrics-tokeN"));
        assert!("short".parse::<Secret>().is_err());
    }
}
