//! The results: one [`Row`] per measured scenario, printed as a table and written as
//! JSON for tools (CI, the full proof issue) to read.
//!
//! Every row names its baseline: the trivial `GET /healthz` of the same server, measured
//! the same way in the same run. On a shared two-core machine an absolute figure says
//! little; the ratio to what the server does for a request that touches nothing is
//! what stays comparable between runs and machines.

use crate::budget::Budget;
use crate::latency::{self, Percentiles};
use crate::load::Sample;
use crate::memory::Resident;
use crate::options::Options;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// How load was applied.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Load {
    /// `clients` clients sending back to back: the ratio compares throughput.
    Closed { clients: usize },
    /// A fixed schedule of `rate` requests per second: the ratio compares p99 latency.
    Open { rate: u32 },
}

/// One measured scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Stable name for tools: `healthz_closed`, `handoff_open`, ...
    pub id: String,
    /// For people: what was sent, how.
    pub scenario: String,
    pub load: Load,
    pub requests: u64,
    pub errors: u64,
    pub seconds: f64,
    /// Answers per second.
    pub rate: f64,
    #[serde(flatten)]
    pub latency: Percentiles,
    /// The server's CPU time (all threads) per request, in ms, where `/proc` tells it.
    pub server_cpu_ms_per_request: Option<f64>,
    /// The row's `id` this one is compared with; none for a baseline.
    pub baseline: Option<String>,
    /// Throughput / baseline throughput (closed loop), or p99 / baseline p99 (open loop).
    pub ratio: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub first_errors: Vec<String>,
}

impl Row {
    pub fn new(
        id: &str,
        scenario: String,
        load: Load,
        mut sample: Sample,
        server_cpu: Option<Duration>,
        baseline: Option<&Row>,
    ) -> Row {
        let latency = latency::percentiles(&mut sample.latencies);
        let rate = sample.rate();
        let ratio = baseline.map(|b| match load {
            Load::Closed { .. } => rate / b.rate.max(1e-9),
            Load::Open { .. } => latency.p99_ms / b.latency.p99_ms.max(1e-9),
        });
        Row {
            id: id.to_owned(),
            scenario,
            load,
            requests: sample.requests,
            errors: sample.errors,
            seconds: sample.elapsed.as_secs_f64(),
            rate,
            latency,
            server_cpu_ms_per_request: server_cpu
                .map(|cpu| cpu.as_secs_f64() * 1000.0 / sample.requests.max(1) as f64),
            baseline: baseline.map(|b| b.id.clone()),
            ratio,
            first_errors: sample.first_errors,
        }
    }
}

/// The server's memory before, during and after the load.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Memory {
    /// Right after start-up, before the bench sent anything but `/healthz`.
    pub idle: Option<Resident>,
    /// Right after seeding the queue scenario's tickets.
    pub with_tickets: Option<Stored>,
    /// With the fan-out scenario's streams open, before any event.
    pub with_subscribers: Option<Opened>,
    pub after_load: Option<Resident>,
}

/// Memory with `count` tickets stored.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Stored {
    pub count: u64,
    pub resident: Option<Resident>,
}

/// Memory with `count` live-event streams open, and just before they were opened.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Opened {
    pub count: usize,
    pub before: Option<Resident>,
    pub resident: Option<Resident>,
}

/// The bench's own CPU time during a scenario where the client does much work.
#[derive(Debug, Clone, Serialize)]
pub struct ClientCpu {
    pub scenario: String,
    pub streams: usize,
    pub cpu_seconds: f64,
    pub seconds: f64,
}

/// A scenario that did not run, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub scenario: &'static str,
    pub reason: String,
}

/// Everything one bench run found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub backend: String,
    /// `full` or `short`.
    pub mode: &'static str,
    /// When the run started, in ms since the Unix epoch.
    pub started_at: u64,
    pub scenario_seconds: f64,
    /// Synced 4 KiB writes per second the data folder's disk took (see `disk`).
    pub disk_syncs_per_second: Option<f64>,
    pub rows: Vec<Row>,
    pub memory: Memory,
    pub budgets: Vec<Budget>,
    /// The bench's own CPU while it held the fan-out's streams.
    pub client_cpu: Option<ClientCpu>,
    /// Scenarios that could not run, and why.
    pub skipped: Vec<Skipped>,
}

impl Report {
    pub fn new(options: &Options) -> Report {
        Report {
            backend: options.backend.clone(),
            mode: if options.short { "short" } else { "full" },
            started_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            scenario_seconds: options.length.as_secs_f64(),
            disk_syncs_per_second: None,
            rows: Vec::new(),
            memory: Memory::default(),
            budgets: Vec::new(),
            client_cpu: None,
            skipped: Vec::new(),
        }
    }

    /// The row with `id`, if measured.
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }

    pub fn budgets_kept(&self) -> bool {
        self.budgets.iter().all(|b| b.kept)
    }

    /// The table people read, with memory, budgets and what is not measured yet.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\nLotse bench, {} mode, {} backend, {:.0} s per scenario\n",
            self.mode, self.backend, self.scenario_seconds
        );
        if let Some(syncs) = self.disk_syncs_per_second {
            let _ = writeln!(
                out,
                "the data folder's disk takes {syncs:.0} synced writes/s (the ceiling for \
                 hand-offs committed one at a time)\n"
            );
        }
        let _ = writeln!(
            out,
            "{:<34} {:>9} {:>6} {:>9} {:>8} {:>8} {:>8} {:>8} {:>9}  ratio",
            "scenario",
            "requests",
            "errors",
            "rate/s",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms",
            "cpu ms/r"
        );
        for r in &self.rows {
            let ratio = match (r.ratio, r.load) {
                (None, _) => "baseline".to_owned(),
                (Some(x), Load::Closed { .. }) => format!("{x:.3} of rate"),
                (Some(x), Load::Open { .. }) => format!("{x:.1}x p99"),
            };
            let l = &r.latency;
            let cpu = r
                .server_cpu_ms_per_request
                .map_or("-".to_owned(), |c| format!("{c:.3}"));
            let _ = writeln!(
                out,
                "{:<34} {:>9} {:>6} {:>9.1} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {cpu:>9}  {ratio}",
                r.scenario, r.requests, r.errors, r.rate, l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms
            );
        }
        let _ = writeln!(
            out,
            "ratio: throughput / baseline throughput (closed loop), p99 / baseline p99 (open \
             loop)\ncpu ms/r: the server process's CPU time per request (a PostgreSQL server's \
             own is not in it)"
        );
        for r in self.rows.iter().filter(|r| !r.first_errors.is_empty()) {
            let _ = writeln!(out, "\nfirst errors of {}:", r.scenario);
            for e in &r.first_errors {
                let _ = writeln!(out, "  {e}");
            }
        }
        if let Some(c) = &self.client_cpu {
            let _ = writeln!(
                out,
                "\nthe bench itself, holding {} streams during the {}: {:.2} s CPU in {:.1} s \
                 ({:.0}% of one core)",
                c.streams,
                c.scenario,
                c.cpu_seconds,
                c.seconds,
                100.0 * c.cpu_seconds / c.seconds.max(1e-9)
            );
        }
        self.write_memory(&mut out);
        let _ = writeln!(out, "\nbudgets:");
        for b in &self.budgets {
            let verdict = if b.kept { "kept" } else { "BROKEN" };
            let _ = writeln!(
                out,
                "  {:<44} {:>14}  {verdict} ({})",
                b.name, b.measured, b.limit
            );
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(out, "\nnot measured:");
            for s in &self.skipped {
                let _ = writeln!(out, "  {}: {}", s.scenario, s.reason);
            }
        }
        out.push('\n');
        out
    }

    /// The server's resident memory at each point the run read it.
    fn write_memory(&self, out: &mut String) {
        let mib = |kib: u64| format!("{:.1} MiB", kib as f64 / 1024.0);
        let rss = |m: Option<Resident>| m.map_or("unknown".to_owned(), |m| mib(m.rss_kib));
        let _ = writeln!(out, "\nserver memory (VmRSS):");
        let _ = writeln!(
            out,
            "  idle                              {}",
            rss(self.memory.idle)
        );
        if let Some(s) = self.memory.with_tickets {
            let label = format!("with {} tickets stored", s.count);
            let _ = writeln!(out, "  {label:<33} {}", rss(s.resident));
        }
        if let Some(o) = self.memory.with_subscribers {
            let label = format!("with {} event streams open", o.count);
            let _ = write!(out, "  {label:<33} {}", rss(o.resident));
            if let Some((after, before)) = o.resident.zip(o.before) {
                let per_stream =
                    after.rss_kib.saturating_sub(before.rss_kib) as f64 / o.count as f64;
                let _ = write!(
                    out,
                    " ({} before; {per_stream:.1} KiB per stream)",
                    rss(o.before)
                );
            }
            out.push('\n');
        }
        let peak = self
            .memory
            .after_load
            .map_or("unknown".to_owned(), |m| mib(m.peak_kib));
        let _ = writeln!(
            out,
            "  after the load                    {} (peak {peak})",
            rss(self.memory.after_load)
        );
    }

    /// Writes the report as JSON to `path`, creating its folder.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        let json = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, json + "\n")
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}
