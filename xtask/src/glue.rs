//! From rustc's `app.wasm` to what a browser loads: wasm-bindgen's JavaScript glue and a
//! module shrunk by wasm-opt.
//!
//! wasm-bindgen runs as a library, pinned `=` to the app's `wasm-bindgen` version (a
//! mismatch is refused at this step), so no CLI has to be installed. wasm-opt comes from
//! the npm package `binaryen`, never from the system: Debian's is too old and produces a
//! module that fails in the browser without any error at build time.

use std::fmt;
use std::fs;
use std::path::Path;
use std::process::Command;

use wasm_bindgen_cli_support::Bindgen;

use crate::bundle::Asset;
use crate::command;
use crate::failure::{Explain, Failure};
use crate::workspace::Workspace;

/// wasm-bindgen's output for the `web` target.
pub struct Glue {
    pub js: String,
    pub wasm: Vec<u8>,
    /// JS files the glue imports as `./snippets/...` (from `inline_js` or `module = ...`).
    pub snippets: Vec<Asset>,
}

/// The glue of the entry binary `entry`.
pub fn generate(workspace: &Workspace, entry: &str) -> Result<Glue, Failure> {
    let input = workspace.entry_wasm(entry);
    let failed = |error| bindgen_failed(&input, error);
    let mut bindgen = Bindgen::new();
    bindgen
        .input_path(&input)
        .out_name(entry)
        .web(true)
        .map_err(failed)?
        // The page passes the fingerprinted module URL to `init`, so the glue needs no
        // default path of its own (which would name a file that does not exist).
        .omit_default_module_path(true)
        .typescript(false);
    let mut output = bindgen.generate_output().map_err(failed)?;
    if !output.npm_dependencies().is_empty() {
        return Err(Failure::new(
            "the app imports npm packages through wasm-bindgen; the bundle has no bundler \
             to resolve them. Vendor the JavaScript into the app crate instead.",
        ));
    }
    let mut snippets = Vec::new();
    for (crate_id, inline) in output.snippets() {
        for (index, js) in inline.iter().enumerate() {
            snippets.push(Asset {
                name: format!("snippets/{crate_id}/inline{index}.js"),
                bytes: js.clone().into_bytes(),
            });
        }
    }
    for (path, js) in output.local_modules() {
        snippets.push(Asset {
            name: format!("snippets/{path}"),
            bytes: js.clone().into_bytes(),
        });
    }
    Ok(Glue {
        js: output.js().to_owned(),
        wasm: output.wasm_mut().emit_wasm(),
        snippets,
    })
}

/// `{:#}` shows anyhow's whole chain of causes, which is where the useful part is.
fn bindgen_failed(input: &Path, error: impl fmt::Display) -> Failure {
    Failure::new(format!(
        "wasm-bindgen could not process {}: {error:#}",
        input.display()
    ))
}

/// Runs `wasm-opt -Oz` on the module of `entry`; the result is checked for real by the
/// browser tests, which load the pages in Chromium.
pub fn shrink(workspace: &Workspace, entry: &str, wasm: &[u8]) -> Result<Vec<u8>, Failure> {
    let wasm_opt = workspace.wasm_opt();
    if !command::is_executable(&wasm_opt) {
        return Err(Failure::new(format!(
            "{} is missing; run `npm ci` in {} to install the pinned npm package binaryen.",
            wasm_opt.display(),
            workspace.root().display()
        )));
    }
    let scratch = workspace.scratch();
    fs::create_dir_all(&scratch).explain(|| format!("cannot create {}", scratch.display()))?;
    let input = scratch.join(format!("{entry}_bg.wasm"));
    let output = scratch.join(format!("{entry}_bg.opt.wasm"));
    fs::write(&input, wasm).explain(|| format!("cannot write {}", input.display()))?;
    command::run(
        Command::new(&wasm_opt)
            .arg("-Oz")
            .arg(&input)
            .arg("-o")
            .arg(&output),
    )?;
    fs::read(&output).explain(|| format!("cannot read {}", output.display()))
}
