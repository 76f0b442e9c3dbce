//! `bench`: Lotse's load generator. `cargo xtask bench` starts a release server on a fresh
//! data folder and runs this binary against it; it can also be pointed at a running server
//! on this machine (`bench --url http://127.0.0.1:8080 --pid <server pid>`).
//!
//! # Layout
//! - [`options`]: the command line.
//! - [`bodies`]: legal hand-off bodies, made with the server's own trees and the engine.
//! - [`load`]: the two ways to apply load: closed loop (throughput) and open loop
//!   (latency at a fixed offered rate, free of coordinated omission).
//! - [`latency`]: percentiles of recorded latencies.
//! - [`memory`], [`cpu`]: the server's resident memory and CPU time from `/proc`;
//!   [`disk`]: how many synced writes per second its data folder takes.
//! - [`scenarios`]: what is measured, in which order.
//! - [`staff`]: signing in as staff; [`queue`]: the Queue and ticket detail with
//!   100,000 tickets stored; [`fan_out`]: live events to 1,000 streams, read by the
//!   lean stream reader of [`sse`].
//! - [`report`]: the table and `results.json`; [`budget`]: the targets that fail a run.
//! - [`crash`]: `bench crash`, the crash test (SIGKILLs during hand-offs with retries).
//!
//! # Why reqwest
//! The client is `reqwest` 0.12 without default features (no TLS: the bench only talks
//! to 127.0.0.1). The workspace compiles it already for the server tests, so it adds no
//! crate to the build; it keeps a pool of keep-alive connections per host, so N
//! concurrent clients are N reused connections, as with browsers behind a proxy. Using
//! hyper directly would save a few microseconds per request, but every figure is
//! reported next to the `/healthz` baseline measured with the same client in the same
//! run, so the client's own cost is part of the baseline and cancels out of the ratio.

mod bodies;
mod budget;
mod cpu;
mod crash;
mod disk;
mod fan_out;
mod latency;
mod load;
mod memory;
mod options;
mod queue;
mod report;
mod scenarios;
mod sse;
mod staff;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("crash") {
        return match crash::run(&args[1..]).await {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(message) => {
                eprintln!("bench crash: {message}");
                ExitCode::from(2)
            }
        };
    }
    let options = match options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("bench: {message}\n\n{}", options::USAGE);
            return ExitCode::from(2);
        }
    };
    let report = match scenarios::run(&options).await {
        Ok(report) => report,
        Err(message) => {
            eprintln!("bench: {message}");
            return ExitCode::from(2);
        }
    };
    print!("{}", report.table());
    if let Err(message) = report.write(&options.out) {
        eprintln!("bench: {message}");
        return ExitCode::from(2);
    }
    println!("results written to {}", options.out.display());
    if report.budgets_kept() {
        ExitCode::SUCCESS
    } else {
        eprintln!("bench: a budget is broken (see above)");
        ExitCode::FAILURE
    }
}
