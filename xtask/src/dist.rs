//! `cargo xtask dist`: the browser app as a folder the server can serve as it is.
//!
//! Steps: compile every entry binary of the app for wasm32 in one cargo build, generate
//! each entry's glue, shrink its module, name files by content, fill each entry's page,
//! compress, and only then replace the output folder, so a failed build leaves the
//! previous bundle in place and a finished one holds no stale files.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::bundle::{self, Asset, Bundle, ENTRIES, EntryParts, MANIFEST, Parts};
use crate::command;
use crate::compress;
use crate::failure::{Explain, Failure};
use crate::glue;
use crate::manifest::{FileSizes, Manifest};
use crate::tools::{self, WASM_TARGET};
use crate::workspace::Workspace;

/// Builds the bundle into `out`, prints its size table and returns its manifest.
pub fn build(workspace: &Workspace, out: &Path) -> Result<Manifest, Failure> {
    let started = Instant::now();
    // Checked again when publishing; here it spares a long build before the refusal.
    if out.exists() {
        refuse_foreign(out)?;
    }
    tools::ensure_wasm_target(workspace)?;
    tools::ensure_npm_packages(workspace)?;

    println!("==> compiling the app for the browser");
    command::run(
        command::cargo()
            .current_dir(workspace.root())
            .args([
                "build",
                "--package",
                "app",
                "--bins",
                "--target",
                WASM_TARGET,
            ])
            .args(["--profile", "wasm-release"]),
    )?;

    println!(
        "==> generating the JavaScript glue (wasm-bindgen) and shrinking the modules (wasm-opt -Oz)"
    );
    let entries = std::thread::scope(|scope| {
        // One entry per core: wasm-opt takes a while on each module.
        let workers: Vec<_> = ENTRIES
            .iter()
            .map(|spec| scope.spawn(move || entry_parts(workspace, *spec)))
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect::<Result<Vec<_>, Failure>>()
    })?;

    let parts = Parts {
        entries,
        css: read_styles(&workspace.styles())?,
        page_template: fs::read_to_string(workspace.page_template())
            .explain(|| format!("cannot read {}", workspace.page_template().display()))?,
        public: read_public(&workspace.public())?,
    };
    let Bundle { entries, assets } = bundle::assemble(parts).map_err(Failure::new)?;

    println!("==> compressing (brotli 11, gzip 9)");
    let files = compress_all(assets);
    let sizes = files.iter().map(Compressed::sizes).collect();
    let manifest = Manifest::new(entries, sizes).map_err(Failure::new)?;
    publish(out, &files, &manifest)?;

    println!(
        "\nbundle in {} ({:.0} s):\n\n{}",
        out.display(),
        started.elapsed().as_secs_f64(),
        manifest.table()
    );
    Ok(manifest)
}

/// The glue and the shrunk module of one entry binary.
fn entry_parts(workspace: &Workspace, spec: bundle::EntrySpec) -> Result<EntryParts, Failure> {
    let glue = glue::generate(workspace, spec.name)?;
    let wasm = glue::shrink(workspace, spec.name, &glue.wasm)?;
    Ok(EntryParts {
        spec,
        js: glue.js,
        wasm,
        snippets: glue.snippets,
    })
}

/// A bundle file with its precompressed copies, if it gets any.
struct Compressed {
    asset: Asset,
    copies: Option<(Vec<u8>, Vec<u8>)>,
}

impl Compressed {
    fn sizes(&self) -> FileSizes {
        let size = |bytes: &Vec<u8>| bytes.len() as u64;
        FileSizes {
            name: self.asset.name.clone(),
            raw: size(&self.asset.bytes),
            br: self.copies.as_ref().map(|(br, _)| size(br)),
            gz: self.copies.as_ref().map(|(_, gz)| size(gz)),
        }
    }
}

/// Brotli 11 takes seconds on a large module, so files are compressed side by side.
fn compress_all(assets: Vec<Asset>) -> Vec<Compressed> {
    std::thread::scope(|scope| {
        let workers: Vec<_> = assets
            .into_iter()
            .map(|asset| {
                scope.spawn(move || {
                    let copies = bundle::is_compressible(&asset.name)
                        .then(|| (compress::brotli(&asset.bytes), compress::gzip(&asset.bytes)));
                    Compressed { asset, copies }
                })
            })
            .collect();
        workers
            .into_iter()
            // A panicking worker is a bug in the compressors: let it surface as one.
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The style sheets of `style/` (`*.css`, not recursive), joined in name order.
fn read_styles(dir: &Path) -> Result<Vec<u8>, Failure> {
    let mut sheets = Vec::new();
    let entries = fs::read_dir(dir).explain(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .explain(|| format!("cannot read {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "css") && path.is_file() {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into();
            let sheet = fs::read(&path).explain(|| format!("cannot read {}", path.display()))?;
            if let Err(problem) = bundle::check_blocks(&String::from_utf8_lossy(&sheet)) {
                return Err(Failure::new(format!("{}: {problem}", path.display())));
            }
            sheets.push((name, sheet));
        }
    }
    if sheets.is_empty() {
        return Err(Failure::new(format!(
            "{} holds no .css file; the page needs at least style/main.css",
            dir.display()
        )));
    }
    Ok(bundle::join_styles(sheets))
}

/// Every file below `public/`, named by its path relative to it. Git placeholders stay out.
fn read_public(dir: &Path) -> Result<Vec<Asset>, Failure> {
    let mut assets = Vec::new();
    if dir.is_dir() {
        collect_files(dir, "", &mut assets)?;
    }
    Ok(assets)
}

fn collect_files(dir: &Path, prefix: &str, assets: &mut Vec<Asset>) -> Result<(), Failure> {
    let entries = fs::read_dir(dir).explain(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .explain(|| format!("cannot read {}", dir.display()))?
            .path();
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            return Err(Failure::new(format!(
                "{} is not a UTF-8 file name; rename it",
                path.display()
            )));
        };
        if name == ".gitkeep" || name == ".gitignore" {
            continue;
        }
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            collect_files(&path, &format!("{relative}/"), assets)?;
        } else {
            let bytes = fs::read(&path).explain(|| format!("cannot read {}", path.display()))?;
            assets.push(Asset {
                name: relative,
                bytes,
            });
        }
    }
    Ok(())
}

/// Writes the bundle beside `out`, then swaps it in: the server never sees half a bundle,
/// and nothing of an older build survives.
fn publish(out: &Path, files: &[Compressed], manifest: &Manifest) -> Result<(), Failure> {
    let staging = staging_dir(out)?;
    if out.exists() {
        refuse_foreign(out)?;
    }
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .explain(|| format!("cannot remove the leftover {}", staging.display()))?;
    }
    for file in files {
        let path = staging.join(&file.asset.name);
        write(&path, &file.asset.bytes)?;
        if let Some((br, gz)) = &file.copies {
            write(&with_suffix(&path, ".br"), br)?;
            write(&with_suffix(&path, ".gz"), gz)?;
        }
    }
    write(&staging.join(MANIFEST), manifest.to_json().as_bytes())?;

    if out.exists() {
        fs::remove_dir_all(out)
            .explain(|| format!("cannot remove the previous bundle {}", out.display()))?;
    }
    fs::rename(&staging, out)
        .explain(|| format!("cannot move {} to {}", staging.display(), out.display()))
}

/// `dist` -> `.dist.partial` in the same folder, so the final rename stays on one disk.
fn staging_dir(out: &Path) -> Result<PathBuf, Failure> {
    let name = out.file_name().ok_or_else(|| {
        Failure::new(format!(
            "{} cannot be a bundle folder; name a folder such as dist/",
            out.display()
        ))
    })?;
    Ok(out.with_file_name(format!(".{}.partial", name.to_string_lossy())))
}

/// The output folder is deleted before the new bundle moves in. A mistyped `--out` must
/// not delete someone's work, so only an empty folder or an earlier bundle is replaced.
fn refuse_foreign(out: &Path) -> Result<(), Failure> {
    if !out.is_dir() {
        return Err(Failure::new(format!(
            "{} exists and is not a folder; choose another --out",
            out.display()
        )));
    }
    let empty = fs::read_dir(out)
        .explain(|| format!("cannot read {}", out.display()))?
        .next()
        .is_none();
    if empty || out.join(MANIFEST).is_file() {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "{} exists but holds no {MANIFEST}, so it is not an earlier bundle; it is left \
             alone. Choose another --out, or delete that folder yourself.",
            out.display()
        )))
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).explain(|| format!("cannot create {}", parent.display()))?;
    }
    fs::write(path, bytes).explain(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle_file(name: &str, compressed: bool) -> Compressed {
        Compressed {
            asset: Asset {
                name: name.to_owned(),
                bytes: name.as_bytes().to_vec(),
            },
            copies: compressed.then(|| (b"br".to_vec(), b"gz".to_vec())),
        }
    }

    fn manifest() -> Manifest {
        let entry = bundle::Entry {
            name: "home".to_owned(),
            html: "index.html".to_owned(),
            css: "lotse-c.css".to_owned(),
            js: "app-j.js".to_owned(),
            wasm: "app-w.wasm".to_owned(),
        };
        let files = entry
            .names()
            .iter()
            .map(|name| bundle_file(name, true).sizes())
            .collect();
        Manifest::new(vec![entry], files).unwrap()
    }

    fn files() -> Vec<Compressed> {
        vec![
            bundle_file("index.html", true),
            bundle_file("lotse-c.css", true),
            bundle_file("app-j.js", true),
            bundle_file("app-w.wasm", true),
            bundle_file("icons/logo.png", false),
        ]
    }

    #[test]
    fn publishing_replaces_an_earlier_bundle_without_leaving_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(MANIFEST), "{}").unwrap();
        fs::write(out.join("app-old.js"), "old").unwrap();

        publish(&out, &files(), &manifest()).unwrap();

        assert!(!out.join("app-old.js").exists());
        assert_eq!(fs::read(out.join("app-j.js")).unwrap(), b"app-j.js");
        assert_eq!(fs::read(out.join("app-w.wasm.br")).unwrap(), b"br");
        assert_eq!(fs::read(out.join("index.html.gz")).unwrap(), b"gz");
        assert!(out.join("icons/logo.png").is_file());
        assert!(!out.join("icons/logo.png.br").exists());
        assert!(
            fs::read_to_string(out.join(MANIFEST))
                .unwrap()
                .contains("first_load")
        );
        assert!(!dir.path().join(".dist.partial").exists());
    }

    #[test]
    fn a_folder_that_is_not_a_bundle_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("notes");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.txt"), "years of work").unwrap();

        let failure = publish(&out, &files(), &manifest()).unwrap_err();

        assert!(
            failure.to_string().contains("holds no manifest.json"),
            "{failure}"
        );
        assert!(out.join("thesis.txt").is_file());
        assert!(!dir.path().join(".notes.partial").exists());
    }

    #[test]
    fn an_empty_folder_or_a_new_path_becomes_the_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        fs::create_dir(&empty).unwrap();
        publish(&empty, &files(), &manifest()).unwrap();
        assert!(empty.join("index.html").is_file());

        let new = dir.path().join("new/deeper");
        publish(&new, &files(), &manifest()).unwrap();
        assert!(new.join("index.html").is_file());
    }

    #[test]
    fn the_file_system_root_cannot_be_a_bundle_folder() {
        assert!(staging_dir(Path::new("/")).is_err());
        assert!(staging_dir(Path::new("..")).is_err());
        assert_eq!(
            staging_dir(Path::new("site/dist/")).unwrap(),
            Path::new("site/.dist.partial")
        );
    }
}
