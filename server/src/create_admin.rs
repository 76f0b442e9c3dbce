//! `lotse create-admin --login LOGIN [--name NAME] [--password-env VAR] [--reset | --first]`:
//! makes an admin account directly in the database, for the first sign-in of a fresh
//! installation and for getting back in when no admin can sign in any more.
//!
//! It opens the database named by the usual `--data`/`--database` flags, so it works
//! while the server runs (and on PostgreSQL from any machine that reaches it). The
//! password comes from the environment variable named by `--password-env`, or is
//! generated, printed once, and must then be changed at the first sign-in. It is never
//! taken from the command line, which other users of the machine can read.
//!
//! Exit codes: 0 done; 2 bad input or the database cannot be opened; 3 nothing changed,
//! because the login exists (without `--reset`) or, with `--first`, any account exists.
//! `cargo xtask run` relies on `--first` and code 3.

use crate::auth::{account_rules, password, secret};
use crate::config::{Config, CreateAdmin};
use crate::store::staff::{AccountChange, ChangeOutcome, NewAccount, NewPassword};
use crate::store::{Store, StoreError};
use domain::api::Role;
use std::process::ExitCode;

/// Exit code when nothing was changed because the account already exists.
pub const EXISTS: u8 = 3;

/// Runs the subcommand; prints what happened for the operator.
pub async fn run(config: &Config, args: &CreateAdmin) -> ExitCode {
    match create(config, args).await {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

async fn create(config: &Config, args: &CreateAdmin) -> Result<ExitCode, String> {
    let login = account_rules::login("--login", &args.login).map_err(|e| e.to_string())?;
    let name = args
        .name
        .as_deref()
        .map(|n| account_rules::name("--name", n))
        .transpose()
        .map_err(|e| e.to_string())?;
    let (password, generated) = match &args.password_env {
        Some(variable) => match std::env::var(variable) {
            Ok(password) if !password.is_empty() => (password, false),
            _ => {
                return Err(format!(
                    "the environment variable {variable} named by --password-env is not set"
                ));
            }
        },
        // 24 characters of URL-safe base64: 144 random bits, easy to copy.
        None => (secret::token().chars().take(24).collect(), true),
    };
    let field = args.password_env.as_deref().unwrap_or("the password");
    password::check(field, &password).map_err(|e| e.to_string())?;

    if config.database.is_none() {
        std::fs::create_dir_all(&config.data).map_err(|e| {
            format!(
                "cannot create the data folder {}: {e}; pass a writable folder with --data",
                config.data.display()
            )
        })?;
    }
    let store = Store::open(&config.database_url())
        .await
        .map_err(|e| format!("cannot open the database: {e}; check --data or --database"))?;
    let outcome = write(&store, args, login, name, &password, generated).await;
    store.close().await;
    let outcome = outcome?;
    if outcome == ExitCode::SUCCESS && generated {
        println!("Password (shown only now; it must be changed at the first sign-in): {password}");
    }
    Ok(outcome)
}

async fn write(
    store: &Store,
    args: &CreateAdmin,
    login: String,
    name: Option<String>,
    password: &str,
    generated: bool,
) -> Result<ExitCode, String> {
    let failed = |e: StoreError| format!("cannot write the account: {e}");
    if args.first && store.has_staff().await.map_err(failed)? {
        println!("Staff accounts exist already; nothing changed.");
        return Ok(ExitCode::from(EXISTS));
    }
    let hash = password::hash_blocking(password).map_err(|e| e.to_string())?;
    match store.staff_id(&login).await.map_err(failed)? {
        Some(id) if args.reset => {
            let change = AccountChange {
                name,
                role: Some(Role::Admin),
                active: Some(true),
                password: Some(NewPassword {
                    hash,
                    must_change: generated,
                }),
                ..AccountChange::default()
            };
            match store
                .change_staff(None, id, &change)
                .await
                .map_err(failed)?
            {
                ChangeOutcome::Changed(_) => {
                    println!(
                        "The account `{login}` is an active admin with a new password; its sessions have ended."
                    );
                    Ok(ExitCode::SUCCESS)
                }
                ChangeOutcome::NotFound | ChangeOutcome::LastAdmin => Err(format!(
                    "the account `{login}` changed meanwhile; try again"
                )),
            }
        }
        Some(_) => {
            println!(
                "The login `{login}` exists already; nothing changed. Add --reset to give it a new password."
            );
            Ok(ExitCode::from(EXISTS))
        }
        None => {
            let account = NewAccount {
                name: name.unwrap_or_else(|| login.clone()),
                login: login.clone(),
                role: Role::Admin,
                queues: Vec::new(),
                password_hash: hash,
                must_change_password: generated,
            };
            match store.create_staff(None, &account).await {
                Ok(_) => {
                    println!("Created the admin account `{login}`.");
                    Ok(ExitCode::SUCCESS)
                }
                Err(StoreError::Conflict(_)) => {
                    println!("The login `{login}` was created meanwhile; nothing changed.");
                    Ok(ExitCode::from(EXISTS))
                }
                Err(e) => Err(failed(e)),
            }
        }
    }
}
