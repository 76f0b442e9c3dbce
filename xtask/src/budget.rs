//! The first-load budget: what a browser downloads for `/` must stay within
//! [`FIRST_LOAD_BUDGET`] bytes of brotli.
//!
//! Measured on the bundle as built, not on a list kept by hand: the files counted are
//! `index.html` (the `home` entry, which the server sends for `/`) and every bundle file
//! it names, then every file those scripts name in turn (the module, snippets), each by
//! its `.br` copy (its raw size if it has none). So a new script or module the page
//! starts loading counts at once, and another entry's files (the portal's walk and
//! status pages, later the staff screens) do not count, but must also not slip in: a
//! staff file among the first load fails the check. The other entries' pages are
//! measured the same way and printed, without a budget.

use std::fs;
use std::path::Path;

/// Bytes of brotli a browser may download for the first screen of `/` (150 KB): a
/// weak phone on a bad line must start the app within seconds.
pub const FIRST_LOAD_BUDGET: u64 = 150_000;

/// The files of the first load of `/` and their brotli sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstLoad {
    pub files: Vec<(String, u64)>,
}

impl FirstLoad {
    pub fn total(&self) -> u64 {
        self.files.iter().map(|(_, size)| size).sum()
    }

    /// One line per file and the total against the budget.
    pub fn report(&self) -> String {
        let mut out = self.lines();
        out += &format!(
            "first load of /: {:.1} KB brotli of {:.0} KB allowed",
            self.total() as f64 / 1000.0,
            FIRST_LOAD_BUDGET as f64 / 1000.0
        );
        out
    }

    fn lines(&self) -> String {
        let mut out = String::new();
        for (name, size) in &self.files {
            out += &format!("  {name:<32} {:>7.1} KB brotli\n", *size as f64 / 1000.0);
        }
        out
    }

    /// Fails when the first load is over budget or carries a staff screen.
    pub fn check(&self) -> Result<(), String> {
        if let Some((name, _)) = self.files.iter().find(|(name, _)| is_staff(name)) {
            return Err(format!(
                "the first load of / includes {name}: staff screens belong in their own bundle"
            ));
        }
        let total = self.total();
        if total > FIRST_LOAD_BUDGET {
            return Err(format!(
                "the first load of / is {total} bytes of brotli, over the budget of \
                 {FIRST_LOAD_BUDGET}: see `twiggy top` in the README for what grew"
            ));
        }
        Ok(())
    }
}

fn is_staff(name: &str) -> bool {
    name.split('/').any(|part| part.starts_with("staff"))
}

/// The page the server sends for `/`: the `home` entry's.
pub const LANDING_PAGE: &str = "index.html";

/// What `/` loads from the bundle in `dist`.
pub fn first_load(dist: &Path) -> Result<FirstLoad, String> {
    page_load(dist, LANDING_PAGE)
}

/// The first load of `/` and, after it, what every other entry page of `dist` loads:
/// one block per page with its total.
pub fn report_every_entry(dist: &Path, landing: &FirstLoad) -> Result<String, String> {
    let mut out = landing.report();
    for page in other_entry_pages(dist)? {
        let load = page_load(dist, &page)?;
        out += &format!(
            "\n{}first load of {page}: {:.1} KB brotli (no budget: reached after /)",
            load.lines(),
            load.total() as f64 / 1000.0
        );
    }
    Ok(out)
}

/// The entry pages of `dist` other than the landing page, by name.
fn other_entry_pages(dist: &Path) -> Result<Vec<String>, String> {
    let mut pages: Vec<String> = bundle_files(dist, Path::new(""))?
        .into_iter()
        .filter(|name| name.ends_with(".html") && !name.contains('/') && name != LANDING_PAGE)
        .collect();
    pages.sort();
    Ok(pages)
}

/// Every entry page of `dist` (the landing page first) with its first load in bytes
/// of brotli.
pub fn every_entry(dist: &Path) -> Result<Vec<(String, u64)>, String> {
    let mut loads = vec![(LANDING_PAGE.to_owned(), first_load(dist)?.total())];
    for page in other_entry_pages(dist)? {
        let total = page_load(dist, &page)?.total();
        loads.push((page, total));
    }
    Ok(loads)
}

/// What the page `page` of `dist` loads.
pub fn page_load(dist: &Path, page: &str) -> Result<FirstLoad, String> {
    let names = bundle_files(dist, Path::new(""))?;
    let read = |name: &str| {
        fs::read_to_string(dist.join(name))
            .map_err(|e| format!("cannot read {name} in {}: {e}", dist.display()))
    };
    let mut loaded = vec![page.to_owned()];
    let mut next = 0;
    while next < loaded.len() {
        let name = loaded[next].clone();
        next += 1;
        if !(name.ends_with(".html") || name.ends_with(".js")) {
            continue;
        }
        let text = read(&name)?;
        for candidate in &names {
            if !loaded.contains(candidate) && names_file(&text, candidate) {
                loaded.push(candidate.clone());
            }
        }
    }
    let files = loaded
        .into_iter()
        .map(|name| {
            let size = fs::metadata(dist.join(format!("{name}.br")))
                .or_else(|_| fs::metadata(dist.join(&name)))
                .map_err(|e| format!("cannot read {name} in {}: {e}", dist.display()))?
                .len();
            Ok((name, size))
        })
        .collect::<Result<_, String>>()?;
    Ok(FirstLoad { files })
}

/// Whether `text` names the file by its address (`/name` or `./name`, in quotes).
fn names_file(text: &str, name: &str) -> bool {
    ['"', '\''].iter().any(|quote| {
        [
            format!("{quote}/{name}{quote}"),
            format!("{quote}./{name}{quote}"),
        ]
        .iter()
        .any(|address| text.contains(address.as_str()))
    })
}

/// Every file below `dist/dir`, by its `/`-separated name, without the compressed copies.
fn bundle_files(dist: &Path, dir: &Path) -> Result<Vec<String>, String> {
    let folder = dist.join(dir);
    let entries =
        fs::read_dir(&folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
        let relative = dir.join(entry.file_name());
        if entry.path().is_dir() {
            names.extend(bundle_files(dist, &relative)?);
        } else {
            let name = relative.to_string_lossy().replace('\\', "/");
            if !(name.ends_with(".br") || name.ends_with(".gz")) {
                names.push(name);
            }
        }
    }
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        }
        dir
    }

    const PAGE: &str = r#"<link rel="stylesheet" href="/s.css"><script type="module">
        import init from '/app.js'; init({ module_or_path: '/app.wasm' });</script>"#;

    #[test]
    fn counts_the_page_what_it_names_and_what_its_scripts_name() {
        let dir = bundle(&[
            ("index.html", PAGE),
            ("index.html.br", "12345"),
            ("s.css", "css"),
            ("s.css.br", "12"),
            ("app.js", "import x from './snippets/a.js';"),
            ("app.js.br", "123"),
            ("app.wasm", "wasm"),
            ("app.wasm.br", "1234567890"),
            ("snippets/a.js", "abcd"),
            ("staff-app.js", "not loaded by /"),
            ("staff-app.js.br", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        ]);
        let load = first_load(dir.path()).unwrap();
        let mut names: Vec<&str> = load.files.iter().map(|(n, _)| n.as_str()).collect();
        names.sort();
        assert_eq!(
            names,
            ["app.js", "app.wasm", "index.html", "s.css", "snippets/a.js"]
        );
        // Brotli copies where there are any, else the file itself.
        assert_eq!(load.total(), 5 + 2 + 3 + 10 + 4);
        assert!(load.check().is_ok());
        assert!(
            load.report()
                .ends_with("first load of /: 0.0 KB brotli of 150 KB allowed")
        );
    }

    #[test]
    fn every_entry_page_is_measured_and_only_its_own_files_count() {
        let dir = bundle(&[
            ("index.html", PAGE),
            ("s.css", "css"),
            ("app.js", "x"),
            ("app.wasm", "wasm"),
            (
                "portal.html",
                r#"<link href="/s.css"><link href="/portal.js"><link href="/portal.wasm">"#,
            ),
            ("portal.js", "portal"),
            ("portal.wasm", "0123456789"),
        ]);
        let landing = first_load(dir.path()).unwrap();
        assert!(!landing.files.iter().any(|(n, _)| n.starts_with("portal")));
        let portal = page_load(dir.path(), "portal.html").unwrap();
        let mut names: Vec<&str> = portal.files.iter().map(|(n, _)| n.as_str()).collect();
        names.sort();
        assert_eq!(names, ["portal.html", "portal.js", "portal.wasm", "s.css"]);
        let report = report_every_entry(dir.path(), &landing).unwrap();
        assert!(report.contains("first load of /: "), "{report}");
        assert!(
            report.contains("first load of portal.html: 0.1 KB"),
            "{report}"
        );
        // The same figures as data, the landing page first (for the bench's JSON).
        assert_eq!(
            every_entry(dir.path()).unwrap(),
            [
                ("index.html".to_owned(), landing.total()),
                ("portal.html".to_owned(), portal.total())
            ]
        );
    }

    #[test]
    fn over_budget_fails_with_the_figure() {
        let load = FirstLoad {
            files: vec![("app.wasm".into(), FIRST_LOAD_BUDGET + 1)],
        };
        assert!(load.check().unwrap_err().contains("150001 bytes"));
        let load = FirstLoad {
            files: vec![("app.wasm".into(), FIRST_LOAD_BUDGET)],
        };
        assert!(load.check().is_ok());
    }

    #[test]
    fn a_staff_bundle_in_the_first_load_fails() {
        let dir = bundle(&[
            ("index.html", r#"<script src="/staff-1.js"></script>"#),
            ("staff-1.js", "x"),
        ]);
        let failure = first_load(dir.path()).unwrap().check().unwrap_err();
        assert!(failure.contains("staff-1.js"), "{failure}");
    }

    #[test]
    fn a_missing_page_is_an_error_not_a_pass() {
        let dir = bundle(&[("app.js", "x")]);
        assert!(first_load(dir.path()).unwrap_err().contains("index.html"));
    }
}
