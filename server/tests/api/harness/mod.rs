//! A real server on `127.0.0.1:0` for tests, on a fresh database, stopped when dropped.
//!
//! The database is a temporary SQLite file, or, when `LOTSE_TEST_POSTGRES_URL` names a
//! PostgreSQL server (`cargo xtask test` starts one and sets it), a fresh database
//! created on that server for this one test. The same tests thus run on both.

#![allow(dead_code)]

use server::State;
use server::config::Config;
use std::path::{Path, PathBuf};
use tokio::sync::oneshot;

pub struct TestServer {
    pub base: String,
    pub state: State,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    _data: tempfile::TempDir,
}

impl TestServer {
    /// A server with the shipped trees and an empty assets folder.
    pub async fn start() -> TestServer {
        let data = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(data.path().join("dist")).unwrap();
        Self::start_with(data, |_| {}).await
    }

    /// A server whose data folder is `data` (its `dist/` is the assets folder), with the
    /// config adjusted by `adjust`.
    pub async fn start_with(
        data: tempfile::TempDir,
        adjust: impl FnOnce(&mut Config),
    ) -> TestServer {
        let mut config = Config::for_tests(data.path().to_path_buf(), shipped_trees());
        config.database = database_url().await;
        adjust(&mut config);
        let catalog = server::shelf::load(&config.trees).expect("shipped trees are valid");
        let state = State::open(config, catalog).await.expect("database opens");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(server::serve(listener, state.clone(), async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        TestServer {
            base,
            state,
            client,
            stop: Some(stop),
            _data: data,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A client with its own cookie jar (another person's browser).
    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub fn shipped_trees() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../trees")
}

/// `None` for the default SQLite file; else a fresh PostgreSQL database.
async fn database_url() -> Option<String> {
    let admin = std::env::var("LOTSE_TEST_POSTGRES_URL").ok()?;
    sqlx::any::install_default_drivers();
    let name = format!("lotse_test_{:016x}", rand_u64());
    let pool = sqlx::AnyPool::connect(&admin)
        .await
        .expect("the test PostgreSQL server answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await
        .expect("create a test database");
    pool.close().await;
    // Replace the database name: everything after the last `/`, keeping any `?query`.
    let (base, query) = admin
        .split_once('?')
        .map_or((admin.as_str(), ""), |(b, q)| (b, q));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    Some(if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    })
}

fn rand_u64() -> u64 {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).unwrap();
    u64::from_le_bytes(b)
}

pub mod accounts;
pub mod handovers;
pub mod staff;
pub mod tickets;
pub mod walks;
