//! The server's API over real HTTP, one test binary for all of it: on SQLite, and on
//! PostgreSQL when `LOTSE_TEST_POSTGRES_URL` is set.
//!
//! One binary rather than one per file: each integration test binary links the whole
//! server, and a dozen of them cost minutes of linking and gigabytes of disk in every
//! cold build. Only `request_log` stays apart, because it installs the process-wide log
//! subscriber.

mod harness;

mod analytics;
mod assets;
mod authoring;
mod backup;
mod calls;
mod create_admin;
mod gaps;
mod handoffs;
mod handovers;
mod instances;
mod login_throttle;
mod operations;
mod privacy;
mod queue;
mod route_guard;
mod session;
mod staff_admin;
mod start_up;
mod team;
mod ticket_workflow;
mod tree_versions;
mod trees_api;
