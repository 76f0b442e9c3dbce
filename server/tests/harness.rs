//! A real server on `127.0.0.1:0` for tests, stopped when dropped.

#![allow(dead_code)]

use server::State;
use std::path::{Path, PathBuf};
use tokio::sync::oneshot;

pub struct TestServer {
    pub base: String,
    stop: Option<oneshot::Sender<()>>,
    pub client: reqwest::Client,
}

impl TestServer {
    /// Serves the shipped trees and the given assets folder.
    pub async fn start(assets: &Path) -> TestServer {
        let catalog = server::shelf::load(&shipped_trees()).expect("shipped trees are valid");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let state = State::new(catalog, assets.to_path_buf());
        tokio::spawn(server::serve(listener, state, async {
            let _ = stopped.await;
        }));
        TestServer {
            base,
            stop: Some(stop),
            client: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
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
