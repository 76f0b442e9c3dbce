//! Lotse's server: serves the browser app and the HTTP API.
//!
//! # Layout
//! - [`config`]: flags and environment variables.
//! - [`auth`]: staff sessions, passwords, roles, CSRF and login throttling.
//! - [`create_admin`]: the `lotse create-admin` subcommand.
//! - [`shelf`]: reads and validates the tree folder at start-up.
//! - [`routes`]: the API handlers, one module per resource.
//! - [`workflow`]: who may do what to a ticket; plans the changes the store writes.
//! - [`sla`]: the SLA targets hand-offs are due by (admin-set, cached per instance).
//! - [`assets`]: the built app, with caching rules and `index.html` for app routes.
//! - [`error`]: the one API error type.
//! - [`store`]: the database (SQLite or PostgreSQL) behind domain verbs.
//! - [`live`]: live events for staff (Server-Sent Events fed from the event table).
//! - Around every request ([`around`]): [`security`] headers, [`observe`] (request log
//!   and [`metrics`]), [`limits`] (body size, time) and [`rate`] limits.
//!
//! [`app`] builds the router from a [`State`]; [`serve`] runs it on a listener until a
//! shutdown future resolves, so tests bind `127.0.0.1:0` and stop it when done.

pub mod assets;
pub mod auth;
pub mod backup;
pub mod config;
pub mod create_admin;
pub mod error;
pub mod intake;
pub mod json;
pub mod limits;
pub mod live;
pub mod metrics;
pub mod observe;
pub mod rate;
pub mod routes;
pub mod security;
pub mod shelf;
pub mod sla;
pub mod store;
pub mod workflow;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use config::Config;
use domain::Catalog;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use store::Store;
use tokio::net::TcpListener;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct State {
    pub trees: Arc<routes::trees::Trees>,
    pub assets: Arc<PathBuf>,
    pub store: Store,
    pub config: Arc<Config>,
    /// Derives ticket access tokens (`routes::handoffs`); shared by every instance.
    pub ticket_secret: Arc<String>,
    pub live: Arc<live::Hub>,
    pub rates: Arc<rate::RateLimits>,
    pub security: Arc<security::Headers>,
    pub sla: Arc<sla::SlaTargets>,
    /// Staff attempts at handover codes (`routes::calls::attempts`).
    pub attempts: Arc<routes::calls::attempts::Attempts>,
}

impl State {
    /// Opens the database (creating and migrating it as needed), stores the versions of
    /// the trees about to be served, starts the live-event reader (stopped by the
    /// shutdown of [`serve`]) and the retention sweep (`routes::privacy::sweep`).
    pub async fn open(config: Config, catalog: Catalog) -> Result<State, store::StoreError> {
        let url = config.database_url();
        let store = Store::open(&url).await?;
        store.remember_trees(&catalog).await?;
        store.publish_folder(&catalog).await?;
        let served = routes::trees::served(&store, &catalog, &catalog).await?;
        let probes = security::reach_origins(&served);
        let ticket_secret = Arc::new(store.server_secret().await?);
        let poll = std::time::Duration::from_millis(config.operations.events_poll_ms.max(10));
        let sweep = std::time::Duration::from_secs(config.operations.retention_sweep_secs.max(1));
        tokio::spawn(routes::privacy::sweep(store.clone(), sweep));
        let state = State {
            ticket_secret,
            trees: Arc::new(routes::trees::Trees::new(catalog, served)),
            assets: Arc::new(config.assets.clone()),
            live: live::Hub::start(store.clone(), &url, poll).await?,
            rates: Arc::new(rate::RateLimits::new(&config.limits)),
            security: Arc::new(security::Headers::new(
                &config.assets,
                &config.public_url,
                &probes,
            )),
            sla: Arc::new(sla::SlaTargets::new(config.sla_hours)),
            attempts: Arc::default(),
            store,
            config: Arc::new(config),
        };
        tokio::spawn(routes::authoring::follow(state.clone()));
        Ok(state)
    }
}

/// Name of the staff session cookie.
pub const SESSION_COOKIE: &str = "lotse_session";

/// The router and the OpenAPI document generated from the same registrations.
pub fn router() -> (Router<State>, utoipa::openapi::OpenApi) {
    use utoipa::OpenApi;
    let (router, mut openapi) =
        utoipa_axum::router::OpenApiRouter::with_openapi(routes::ApiDoc::openapi())
            .nest("/api/v1", routes::api())
            .merge(routes::operations())
            .split_for_parts();
    routes::common_errors::add(&mut openapi);
    (router, openapi)
}

/// The whole HTTP surface.
pub fn app(state: State) -> Router {
    let (router, openapi) = router();
    let document = std::sync::Arc::new(openapi);
    let router = router
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let document = document.clone();
                async move { axum::Json(document.as_ref().clone()) }
            }),
        )
        .fallback(assets::serve);
    around(router, state)
}

/// Wraps `router` in what every request passes through, outermost first: security
/// headers on every response, every API error in the JSON error shape, the request log
/// and metrics, the body limit, the request
/// timeout, and the rate limits of the public routes. Tests wrap probe routes in it too.
pub fn around(router: Router<State>, state: State) -> Router {
    router
        .layer(from_fn_with_state(state.clone(), rate::limit))
        .layer(from_fn_with_state(state.clone(), limits::deadline))
        .layer(limits::body(state.config.limits.body_limit_bytes))
        .layer(from_fn(observe::request))
        .layer(from_fn(error::json_shape))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .with_state(state)
}

/// Serves `app(state)` on `listener` until `shutdown` resolves; requests in flight are
/// finished first, and live-event streams end (they would otherwise never finish).
pub async fn serve(
    listener: TcpListener,
    state: State,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address feeds rate limits and login throttling (`auth::client_ip`).
    let live = state.live.clone();
    let shutdown = async move {
        shutdown.await;
        live.close();
    };
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
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
    let state = match State::open(config.clone(), catalog).await {
        Ok(state) => state,
        Err(e) => {
            eprintln!("cannot open the database: {e}; check --database (LOTSE_DATABASE_URL)");
            return ExitCode::from(2);
        }
    };
    let store = state.store.clone();
    warn_without_admin(&store, &config).await;
    let address = listener.local_addr().map_or(config.listen, |a| a);
    tracing::info!(%address, trees, "Lotse is listening on http://{address}/");
    let result = serve(listener, state, shutdown_signal()).await;
    // In-flight requests have finished; let the pool finish its statements too.
    store.close().await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Says how to get in when nobody can manage accounts (a fresh installation).
async fn warn_without_admin(store: &Store, config: &Config) {
    match store.has_active_admin().await {
        Ok(true) => {}
        Ok(false) => {
            let database = match &config.database {
                // The URL may hold a password: name the flag, not the value.
                Some(_) => "--database <the same database URL>".to_owned(),
                None => format!("--data {}", config.data.display()),
            };
            tracing::warn!(
                "no active admin account: create one with `lotse {database} create-admin --login admin` \
                 (it prints a first password)"
            );
        }
        Err(e) => tracing::warn!(%e, "cannot check for an admin account"),
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
