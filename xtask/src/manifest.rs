//! `dist/manifest.json`: the bundle's entries, file names and sizes, for people and tests.
//!
//! The number that matters is the `first_load.br` of each entry, the bytes a browser
//! downloads before its first screen appears (page, style sheet, script and module,
//! brotli-compressed); the top-level `first_load` is the landing page's (`/`, the first
//! entry). Lotse must be fast on a weak phone on a bad connection, and a test keeps the
//! landing page within budget.

use std::fmt::Write as _;

use serde::Serialize;

use crate::bundle::Entry;

/// What `dist/` holds, written beside the files.
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// The first load of `/`: that of the first entry.
    pub first_load: Sizes,
    /// Every entry bundle, with the four files of its page load and their sum.
    pub entries: Vec<EntryLoad>,
    /// Every file of the bundle (not the `.br`/`.gz` copies, not this manifest), by name.
    pub files: Vec<FileSizes>,
}

/// An entry's files and what a browser receives for them in each encoding.
#[derive(Debug, Serialize)]
pub struct EntryLoad {
    #[serde(flatten)]
    pub entry: Entry,
    pub first_load: Sizes,
}

/// Bytes of one file or a set of files, per encoding a browser may receive.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sizes {
    pub raw: u64,
    pub br: u64,
    pub gz: u64,
}

/// One bundle file. `br`/`gz` are absent for files kept without compressed copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSizes {
    pub name: String,
    pub raw: u64,
    pub br: Option<u64>,
    pub gz: Option<u64>,
}

impl FileSizes {
    /// What is sent: a file without a compressed copy goes out as it is.
    fn sent(&self) -> Sizes {
        Sizes {
            raw: self.raw,
            br: self.br.unwrap_or(self.raw),
            gz: self.gz.unwrap_or(self.raw),
        }
    }
}

impl Manifest {
    pub fn new(entries: Vec<Entry>, mut files: Vec<FileSizes>) -> Result<Self, String> {
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let mut loads = Vec::new();
        for entry in entries {
            let mut first_load = Sizes::default();
            for name in entry.names() {
                let file = files
                    .iter()
                    .find(|file| file.name == name)
                    .ok_or_else(|| format!("the bundle lacks its entry file {name}"))?;
                let sent = file.sent();
                first_load.raw += sent.raw;
                first_load.br += sent.br;
                first_load.gz += sent.gz;
            }
            loads.push(EntryLoad { entry, first_load });
        }
        let first_load = loads
            .first()
            .map(|load| load.first_load)
            .ok_or("the bundle has no entry")?;
        Ok(Self {
            first_load,
            entries: loads,
            files,
        })
    }

    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// The size table `cargo xtask dist` prints.
    pub fn table(&self) -> String {
        let width = self
            .files
            .iter()
            .map(|file| file.name.len())
            .max()
            .unwrap_or(0)
            .max(
                self.entries
                    .iter()
                    .map(|load| "first load ".len() + load.entry.name.len())
                    .max()
                    .unwrap_or(0),
            );
        let mut table = format!(
            "{:<width$}  {:>10}  {:>10}  {:>10}\n",
            "file", "raw", "brotli", "gzip"
        );
        let optional = |size: Option<u64>| size.map_or_else(|| "-".to_owned(), kib);
        for file in &self.files {
            let _ = writeln!(
                table,
                "{:<width$}  {:>10}  {:>10}  {:>10}",
                file.name,
                kib(file.raw),
                optional(file.br),
                optional(file.gz)
            );
        }
        for load in &self.entries {
            let total = load.first_load;
            let _ = writeln!(
                table,
                "{:<width$}  {:>10}  {:>10}  {:>10}   ({} + css + js + wasm)",
                format!("first load {}", load.entry.name),
                kib(total.raw),
                kib(total.br),
                kib(total.gz),
                load.entry.html
            );
        }
        table
    }
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            name: "home".to_owned(),
            html: "index.html".to_owned(),
            css: "lotse-c.css".to_owned(),
            js: "app-j.js".to_owned(),
            wasm: "app-w.wasm".to_owned(),
        }
    }

    fn portal() -> Entry {
        Entry {
            name: "portal".to_owned(),
            html: "portal.html".to_owned(),
            css: "lotse-c.css".to_owned(),
            js: "portal-j.js".to_owned(),
            wasm: "portal-w.wasm".to_owned(),
        }
    }

    fn file(name: &str, raw: u64, compressed: Option<(u64, u64)>) -> FileSizes {
        FileSizes {
            name: name.to_owned(),
            raw,
            br: compressed.map(|(br, _)| br),
            gz: compressed.map(|(_, gz)| gz),
        }
    }

    fn files() -> Vec<FileSizes> {
        vec![
            file("app-w.wasm", 100_000, Some((40_000, 50_000))),
            file("index.html", 1_000, Some((400, 500))),
            file("lotse-c.css", 2_000, Some((600, 700))),
            file("app-j.js", 30_000, Some((5_000, 6_000))),
            file("favicon.png", 9_999, None),
        ]
    }

    #[test]
    fn first_load_counts_exactly_the_four_entry_files() {
        let manifest = Manifest::new(vec![entry()], files()).unwrap();
        assert_eq!(
            manifest.first_load,
            Sizes {
                raw: 133_000,
                br: 46_000,
                gz: 57_200
            }
        );
    }

    #[test]
    fn an_entry_file_without_compressed_copies_counts_with_its_raw_size() {
        let mut files = files();
        files[2] = file("lotse-c.css", 2_000, None);
        let manifest = Manifest::new(vec![entry()], files).unwrap();
        assert_eq!(manifest.first_load.br, 47_400);
        assert_eq!(manifest.first_load.gz, 58_500);
    }

    #[test]
    fn a_missing_entry_file_is_an_error() {
        let files = files()
            .into_iter()
            .filter(|f| f.name != "app-j.js")
            .collect();
        assert!(
            Manifest::new(vec![entry()], files)
                .unwrap_err()
                .contains("app-j.js")
        );
    }

    #[test]
    fn each_entry_counts_its_own_files_and_the_shared_style_sheet() {
        let mut files = files();
        files.push(file("portal.html", 1_000, Some((300, 400))));
        files.push(file("portal-j.js", 40_000, Some((7_000, 8_000))));
        files.push(file("portal-w.wasm", 200_000, Some((90_000, 100_000))));
        let manifest = Manifest::new(vec![entry(), portal()], files).unwrap();
        assert_eq!(manifest.first_load.br, 46_000, "the first entry's");
        assert_eq!(
            manifest.entries[1].first_load.br,
            300 + 600 + 7_000 + 90_000
        );
        let table = manifest.table();
        assert!(table.contains("first load home"), "{table}");
        assert!(table.contains("first load portal"), "{table}");
        assert!(table.contains("(portal.html + css + js + wasm)"), "{table}");
    }

    #[test]
    fn the_json_names_what_budget_tests_read() {
        let manifest = Manifest::new(vec![entry()], files()).unwrap();
        let json: serde_json::Value = serde_json::from_str(&manifest.to_json()).unwrap();
        assert_eq!(json["first_load"]["br"], 46_000);
        assert_eq!(json["entries"][0]["wasm"], "app-w.wasm");
        assert_eq!(json["entries"][0]["name"], "home");
        assert_eq!(json["entries"][0]["first_load"]["br"], 46_000);
        assert_eq!(json["files"][0]["name"], "app-j.js");
        assert_eq!(json["files"][1]["name"], "app-w.wasm");
        assert_eq!(json["files"][2]["br"], serde_json::Value::Null);
    }

    #[test]
    fn the_table_lists_every_file_and_the_first_load() {
        let table = Manifest::new(vec![entry()], files()).unwrap().table();
        assert_eq!(table.lines().count(), 1 + 5 + 1);
        assert!(table.contains("favicon.png"));
        let last = table.lines().last().unwrap();
        assert!(last.starts_with("first load home"), "{last}");
        assert!(last.contains("44.9 KiB"), "{last}");
    }
}
