//! The `lotse` binary: parses the command line and hands over to the library.

use clap::Parser;
use server::config::{Cli, Command};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => server::run(cli.config).await,
        Command::CheckTrees { folder } => server::shelf::check(&folder.unwrap_or(cli.config.trees)),
        Command::GraphTree { tree, lang } => server::shelf::graph(&cli.config.trees, &tree, &lang),
        Command::DraftScenarios { tree, lang } => {
            server::shelf::draft(&cli.config.trees, &tree, &lang)
        }
        Command::Backup { file } => server::backup::backup(&cli.config, &file).await,
        Command::Restore { file } => server::backup::restore(&cli.config, &file).await,
        Command::CreateAdmin(args) => server::create_admin::run(&cli.config, &args).await,
    }
}
