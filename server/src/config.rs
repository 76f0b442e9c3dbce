//! Configuration: command-line flags, each with an environment variable, all listed by
//! `lotse --help` and in the README.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
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
    /// Validate a tree folder, print every problem, and exit non-zero if there is one.
    CheckTrees {
        /// The folder to check; defaults to `--trees`.
        folder: Option<PathBuf>,
    },
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
}
