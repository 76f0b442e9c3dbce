//! What goes into `dist/` and under which names.
//!
//! The app is split into entry bundles ([`ENTRIES`]): one binary of the app crate each,
//! with its own page, script and module; the style sheet is shared. Scripts, modules and
//! the style sheet are named by their content (`home-<hash>.wasm`), so the server can let
//! browsers cache them forever and a new release can never be mixed with a cached old
//! one. Only the pages (`index.html`, `portal.html`) and the files from `public/` keep
//! their names: the server answers app addresses with them.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::page;

/// Hex characters of SHA-256 kept in a name: 64 bits, collisions are not a concern.
const FINGERPRINT_LEN: usize = 16;

/// One file of the bundle, named by its path below the bundle folder (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An entry bundle of the app: the binary `app/src/bin/{name}.rs` and the page that
/// starts it. The server maps addresses to these pages (`server/src/assets.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntrySpec {
    pub name: &'static str,
    pub html: &'static str,
}

/// Every entry bundle. The first is the landing page `/`, whose first load has a budget
/// ([`crate::budget`]). A new entry is a binary in `app/src/bin/`, a line here and a
/// line in the server's page mapping.
pub const ENTRIES: &[EntrySpec] = &[
    EntrySpec {
        name: "home",
        html: "index.html",
    },
    EntrySpec {
        name: "portal",
        html: "portal.html",
    },
    EntrySpec {
        name: "staff",
        html: "staff.html",
    },
];

/// The four files of an entry's page load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub name: String,
    pub html: String,
    pub css: String,
    pub js: String,
    pub wasm: String,
}

impl Entry {
    pub fn names(&self) -> [&str; 4] {
        [&self.html, &self.css, &self.js, &self.wasm]
    }
}

/// What the bundle steps produced for one entry, before names are given.
pub struct EntryParts {
    pub spec: EntrySpec,
    /// wasm-bindgen's JavaScript glue.
    pub js: String,
    /// The optimised WebAssembly module.
    pub wasm: Vec<u8>,
    /// Files the glue imports by relative path (`snippets/...`), kept as they are.
    pub snippets: Vec<Asset>,
}

/// Everything the bundle steps produced, before names are given.
pub struct Parts {
    pub entries: Vec<EntryParts>,
    /// Every style sheet of `style/`, already joined; shared by every entry.
    pub css: Vec<u8>,
    /// `app/index.html` with its placeholders, the page of every entry.
    pub page_template: String,
    /// The contents of `public/`, kept as they are.
    pub public: Vec<Asset>,
}

/// The named files of a bundle, ready to write.
#[derive(Debug)]
pub struct Bundle {
    /// In the order of [`ENTRIES`].
    pub entries: Vec<Entry>,
    pub assets: Vec<Asset>,
}

/// Names every part, fills the page template and checks that no two files share a name.
pub fn assemble(parts: Parts) -> Result<Bundle, String> {
    let css = Asset {
        name: fingerprinted("lotse", "css", &parts.css),
        bytes: parts.css,
    };
    let mut entries = Vec::new();
    let mut assets = Vec::new();
    for part in parts.entries {
        let name = part.spec.name;
        let js = Asset {
            name: fingerprinted(name, "js", part.js.as_bytes()),
            bytes: part.js.into_bytes(),
        };
        let wasm = Asset {
            name: fingerprinted(name, "wasm", &part.wasm),
            bytes: part.wasm,
        };
        let entry = Entry {
            name: name.to_owned(),
            html: part.spec.html.to_owned(),
            css: css.name.clone(),
            js: js.name.clone(),
            wasm: wasm.name.clone(),
        };
        assets.push(Asset {
            name: entry.html.clone(),
            bytes: page::fill(&parts.page_template, &entry)?.into_bytes(),
        });
        assets.extend([js, wasm]);
        assets.extend(part.snippets);
        entries.push(entry);
    }
    assets.push(css);
    assets.extend(parts.public);
    assets.sort_by(|a, b| a.name.cmp(&b.name));
    // Entries built from one crate share its snippets: the same file once.
    assets.dedup_by(|a, b| a.name == b.name && a.bytes == b.bytes);
    if let Some(twice) = assets.windows(2).find(|pair| pair[0].name == pair[1].name) {
        return Err(format!(
            "two different bundle files would be called `{}`; rename the one in public/ \
             (or, for a snippet, make the entries' copies agree)",
            twice[0].name
        ));
    }
    if let Some(reserved) = assets.iter().find(|asset| asset.name == MANIFEST) {
        return Err(format!(
            "`{}` is written by the build; remove it from public/",
            reserved.name
        ));
    }
    Ok(Bundle { entries, assets })
}

/// The bundle's own description of itself (see [`crate::manifest`]).
pub const MANIFEST: &str = "manifest.json";

/// `stem-<first 16 hex digits of SHA-256>.extension`.
pub fn fingerprinted(stem: &str, extension: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{stem}-{}.{extension}", &hex[..FINGERPRINT_LEN])
}

/// Style sheets joined in name order, so the cascade is predictable (`00-base.css` first).
pub fn join_styles(mut sheets: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    sheets.sort_by(|a, b| a.0.cmp(&b.0));
    let mut joined = Vec::new();
    for (_, sheet) in sheets {
        joined.extend_from_slice(&sheet);
        // A sheet without a final newline must not glue its last rule to the next sheet.
        if !joined.is_empty() && !joined.ends_with(b"\n") {
            joined.push(b'\n');
        }
    }
    joined
}

/// Checks that every `{` of a style sheet is closed and no `}` comes unopened (comments
/// and strings aside). Sheets are joined, so one unclosed rule would swallow every rule
/// after it into a nested block that applies nowhere, without any error from the
/// browser (this happened once: the hand-off form lost its styles).
pub fn check_blocks(sheet: &str) -> Result<(), String> {
    let mut open: Vec<usize> = Vec::new();
    let (mut line, mut chars) = (1, sheet.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                    }
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' | '\'' => {
                let quote = c;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '\n' => line += 1,
                        c if c == quote => break,
                        _ => {}
                    }
                }
            }
            '{' => open.push(line),
            '}' if open.pop().is_none() => {
                return Err(format!("line {line}: `}}` closes no block"));
            }
            _ => {}
        }
    }
    match open.last() {
        Some(start) => Err(format!("line {start}: this block is never closed")),
        None => Ok(()),
    }
}

/// Whether a precompressed copy is worth keeping beside the file: text and WebAssembly
/// shrink a lot, images and fonts are compressed already.
pub fn is_compressible(name: &str) -> bool {
    const TEXT: [&str; 12] = [
        "html",
        "css",
        "js",
        "mjs",
        "wasm",
        "json",
        "webmanifest",
        "svg",
        "txt",
        "xml",
        "map",
        "ico",
    ];
    name.rsplit_once('.')
        .is_some_and(|(_, extension)| TEXT.contains(&extension.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_parts(spec: EntrySpec) -> EntryParts {
        EntryParts {
            spec,
            js: format!("export default function init() {{}} // {}", spec.name),
            wasm: [b"\0asm\x01\0\0\0".as_slice(), spec.name.as_bytes()].concat(),
            snippets: vec![Asset {
                name: "snippets/app-1/inline0.js".to_owned(),
                bytes: b"export const x = 1;".to_vec(),
            }],
        }
    }

    fn parts() -> Parts {
        Parts {
            entries: ENTRIES.iter().copied().map(entry_parts).collect(),
            css: b"body { margin: 0 }\n".to_vec(),
            page_template: "<link href=\"{{css}}\"><script type=module>import init from \
                            '{{js}}'; init({ module_or_path: '{{wasm}}' })</script>"
                .to_owned(),
            public: vec![Asset {
                name: "favicon.svg".to_owned(),
                bytes: b"<svg/>".to_vec(),
            }],
        }
    }

    #[test]
    fn fingerprints_are_the_start_of_the_sha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(
            fingerprinted("app", "js", b"abc"),
            "app-ba7816bf8f01cfea.js"
        );
    }

    #[test]
    fn a_changed_byte_changes_the_name() {
        assert_ne!(
            fingerprinted("app", "wasm", b"\0asm\x01"),
            fingerprinted("app", "wasm", b"\0asm\x02")
        );
    }

    #[test]
    fn entry_files_are_fingerprinted_and_public_files_keep_their_names() {
        let bundle = assemble(parts()).unwrap();
        let names: Vec<&str> = bundle.assets.iter().map(|a| a.name.as_str()).collect();
        let [home, portal, staff] = &bundle.entries[..] else {
            panic!("three entries")
        };
        let mut expected = [
            "favicon.svg",
            "index.html",
            "portal.html",
            "staff.html",
            "snippets/app-1/inline0.js",
            home.css.as_str(),
            home.js.as_str(),
            home.wasm.as_str(),
            portal.js.as_str(),
            portal.wasm.as_str(),
            staff.js.as_str(),
            staff.wasm.as_str(),
        ];
        expected.sort_unstable();
        assert_eq!(names, expected, "every file once, sorted by name");
        assert!(home.js.starts_with("home-") && home.js.ends_with(".js"));
        assert!(portal.wasm.starts_with("portal-") && portal.wasm.ends_with(".wasm"));
        assert!(home.css.starts_with("lotse-") && home.css.ends_with(".css"));
        assert_eq!(home.css, portal.css, "one style sheet for every entry");
        assert_eq!(home.css, staff.css, "one style sheet for every entry");
        assert_eq!(
            (
                home.html.as_str(),
                portal.html.as_str(),
                staff.html.as_str()
            ),
            ("index.html", "portal.html", "staff.html")
        );
    }

    #[test]
    fn each_page_points_at_its_own_fingerprinted_files() {
        let bundle = assemble(parts()).unwrap();
        for entry in &bundle.entries {
            let html = bundle.assets.iter().find(|a| a.name == entry.html).unwrap();
            let html = String::from_utf8(html.bytes.clone()).unwrap();
            assert!(html.contains(&format!("'/{}'", entry.js)));
            assert!(html.contains(&format!("'/{}'", entry.wasm)));
            assert!(html.contains(&format!("\"/{}\"", entry.css)));
        }
    }

    #[test]
    fn snippets_that_differ_under_one_name_are_an_error() {
        let mut clash = parts();
        clash.entries[1].snippets[0].bytes = b"export const x = 2;".to_vec();
        assert!(
            assemble(clash)
                .unwrap_err()
                .contains("snippets/app-1/inline0.js")
        );
    }

    #[test]
    fn every_entry_page_has_the_same_inline_script() {
        // The server allows the bootstrap script by its hash; one script for every page
        // keeps that one hash (and a page whose script differs would still work, but
        // only because the server hashes every page).
        let template = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/index.html"),
        )
        .unwrap();
        let mut with_template = parts();
        with_template.page_template = template;
        let bundle = assemble(with_template).unwrap();
        let script = |html: &str| {
            let page = bundle.assets.iter().find(|a| a.name == html).unwrap();
            let page = String::from_utf8(page.bytes.clone()).unwrap();
            let start = page.find("<script").unwrap();
            page[start..page.find("</script>").unwrap()].to_owned()
        };
        assert_eq!(script("index.html"), script("portal.html"));
    }

    #[test]
    fn a_public_file_may_not_take_a_name_of_the_build() {
        let mut clash = parts();
        clash.public.push(Asset {
            name: "index.html".to_owned(),
            bytes: vec![],
        });
        assert!(assemble(clash).unwrap_err().contains("index.html"));

        let mut manifest = parts();
        manifest.public.push(Asset {
            name: MANIFEST.to_owned(),
            bytes: vec![],
        });
        assert!(assemble(manifest).unwrap_err().contains(MANIFEST));
    }

    #[test]
    fn style_sheets_are_joined_in_name_order_on_separate_lines() {
        let joined = join_styles(vec![
            ("20-walk.css".to_owned(), b".walk{}".to_vec()),
            ("00-base.css".to_owned(), b"body{}".to_vec()),
            ("10-empty.css".to_owned(), vec![]),
        ]);
        assert_eq!(joined, b"body{}\n.walk{}\n");
    }

    #[test]
    fn text_and_wasm_are_compressed_images_are_not() {
        for name in [
            "index.html",
            "app-0.wasm",
            "icons/logo.SVG",
            "site.webmanifest",
        ] {
            assert!(is_compressible(name), "{name}");
        }
        for name in ["photo.png", "font.woff2", "README"] {
            assert!(!is_compressible(name), "{name}");
        }
    }

    #[test]
    fn unclosed_and_unopened_blocks_are_found_past_comments_and_strings() {
        use super::check_blocks;
        assert_eq!(check_blocks("a { b: c; }\n@media x { d { e: f } }"), Ok(()));
        assert_eq!(check_blocks("/* { */ a { content: \"}\" / '{'; }"), Ok(()));
        assert_eq!(
            check_blocks("a {\n  b: c;\n/* next */\nd { e: f }\n"),
            Err("line 1: this block is never closed".into())
        );
        assert_eq!(
            check_blocks("a { }\n}\n"),
            Err("line 2: `}` closes no block".into())
        );
    }
}
