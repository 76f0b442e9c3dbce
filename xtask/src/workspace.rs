//! Where things are in the repository, so no other module spells out a path.
//!
//! Every path is absolute: the driver may be started from any folder of the repository,
//! and the server it launches must find the bundle whatever its working directory.

use std::path::{Path, PathBuf};

/// The repository checkout the driver was built from.
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The driver's own manifest folder is `<root>/xtask`. `cargo run` names it at run time;
    /// the compile-time value is only a fallback, because a binary reused from a shared
    /// target folder may have been compiled in another checkout.
    pub fn locate() -> Self {
        let xtask = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let root = xtask
            .parent()
            .map_or_else(|| xtask.clone(), Path::to_path_buf);
        Self { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Cargo's output folder; honours `CARGO_TARGET_DIR` like cargo itself does.
    pub fn target(&self) -> PathBuf {
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => self.root.join(dir),
            _ => self.root.join("target"),
        }
    }

    /// Scratch space for the bundle steps (glue, unoptimised module), kept out of `dist/`.
    pub fn scratch(&self) -> PathBuf {
        self.target().join("xtask")
    }

    /// The module rustc writes for the app's entry binary `entry` (`home`, `portal`)
    /// with the size-tuned profile.
    pub fn entry_wasm(&self, entry: &str) -> PathBuf {
        self.target()
            .join("wasm32-unknown-unknown")
            .join("wasm-release")
            .join(format!("{entry}.wasm"))
    }

    /// The server binary of a release build.
    pub fn server_binary(&self) -> PathBuf {
        self.target().join("release").join("lotse")
    }

    /// The load generator of a release build (`bench/`).
    pub fn bench_binary(&self) -> PathBuf {
        self.target().join("release").join("bench")
    }

    /// Where `cargo xtask bench` writes its results.
    pub fn bench_results(&self) -> PathBuf {
        self.target().join("bench").join("results.json")
    }

    /// The default bundle folder.
    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }

    /// The HTML page template with `{{css}}`, `{{js}}` and `{{wasm}}` placeholders.
    pub fn page_template(&self) -> PathBuf {
        self.root.join("app").join("index.html")
    }

    /// Style sheets, joined in name order into one fingerprinted file.
    pub fn styles(&self) -> PathBuf {
        self.root.join("style")
    }

    /// Files copied into the bundle as they are (favicon, robots.txt, ...).
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn trees(&self) -> PathBuf {
        self.root.join("trees")
    }

    /// Where `cargo xtask run` keeps the database between runs.
    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    pub fn node_modules(&self) -> PathBuf {
        self.root.join("node_modules")
    }

    /// The npm lockfile; `node_modules` older than it is reinstalled.
    pub fn package_lock(&self) -> PathBuf {
        self.root.join("package-lock.json")
    }

    /// wasm-opt from the npm package `binaryen` (pinned in `package.json`). Debian's own
    /// binaryen is too old and silently breaks the module, so it is never used.
    pub fn wasm_opt(&self) -> PathBuf {
        self.node_modules().join(".bin").join("wasm-opt")
    }

    pub fn playwright_config(&self) -> PathBuf {
        self.root
            .join("tests")
            .join("e2e")
            .join("playwright.config.ts")
    }
}
