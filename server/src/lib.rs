//! Lotse's server: serves the browser app and the HTTP API.
//!
//! # Layout
//! - [`config`]: flags and environment variables.
//! - [`shelf`]: reads and validates the tree folder at start-up.
//! - [`routes`]: the API handlers, one module per resource.
//! - [`assets`]: the built app, with caching rules and `index.html` for app routes.
//! - [`error`]: the one API error type.
//!
//! [`app`] builds the router from a [`State`]; [`serve`] runs it on a listener until a
//! shutdown future resolves, so tests bind `127.0.0.1:0` and stop it when done.

pub mod assets;
pub mod config;
pub mod error;
pub mod routes;
pub mod shelf;

use axum::Router;
use config::Config;
use domain::Catalog;
use std::future::Future;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tokio::net::TcpListener;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct State {
    pub trees: Arc<routes::trees::Shelf>,
    pub assets: Arc<PathBuf>,
}

impl State {
    pub fn new(catalog: Catalog, assets: PathBuf) -> State {
        State {
            trees: Arc::new(routes::trees::Shelf::new(catalog)),
            assets: Arc::new(assets),
        }
    }
}

/// The whole HTTP surface.
pub fn app(state: State) -> Router {
    Router::new()
        .nest("/api/v1", routes::api())
        .merge(routes::health::routes())
        .fallback(assets::serve)
        .with_state(state)
}

/// Serves `app(state)` on `listener` until `shutdown` resolves; requests in flight are
/// finished first.
pub async fn serve(
    listener: TcpListener,
    state: State,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// `lotse serve`: validates the trees, prepares the data folder, listens.
pub async fn run(config: Config) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LOTSE_LOG")
                .unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    let catalog = match shelf::load(&config.trees) {
        Ok(catalog) => catalog,
        Err(problems) => {
            shelf::report(&problems);
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&config.data) {
        eprintln!(
            "cannot create the data folder {}: {e}; pass a writable folder with --data",
            config.data.display()
        );
        return ExitCode::from(2);
    }
    if !config.assets.join("index.html").is_file() {
        eprintln!(
            "warning: {} has no index.html; build the app with `cargo xtask dist` (the API works without it)",
            config.assets.display()
        );
    }
    let listener = match TcpListener::bind(config.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "cannot listen on {}: {e}; pick another address with --listen",
                config.listen
            );
            return ExitCode::from(2);
        }
    };
    let trees = catalog.entries().count();
    let address = listener.local_addr().map_or(config.listen, |a| a);
    tracing::info!(%address, trees, "Lotse is listening on http://{address}/");
    match serve(
        listener,
        State::new(catalog, config.assets),
        shutdown_signal(),
    )
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
