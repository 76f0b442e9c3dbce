//! What goes into `dist/` and under which names.
//!
//! The app's script, module and style sheet are named by their content (`app-<hash>.wasm`),
//! so the server can let browsers cache them forever and a new release can never be mixed
//! with a cached old one. Only `index.html` and the files from `public/` keep their names:
//! they are the addresses people and crawlers use.

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

/// The four files of the first page load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
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

/// Everything the bundle steps produced, before names are given.
pub struct Parts {
    /// wasm-bindgen's JavaScript glue.
    pub js: String,
    /// The optimised WebAssembly module.
    pub wasm: Vec<u8>,
    /// Every style sheet of `style/`, already joined.
    pub css: Vec<u8>,
    /// `app/index.html` with its placeholders.
    pub page_template: String,
    /// Files the glue imports by relative path (`snippets/...`), kept as they are.
    pub snippets: Vec<Asset>,
    /// The contents of `public/`, kept as they are.
    pub public: Vec<Asset>,
}

/// The named files of a bundle, ready to write.
#[derive(Debug)]
pub struct Bundle {
    pub entry: Entry,
    pub assets: Vec<Asset>,
}

/// Names every part, fills the page template and checks that no two files share a name.
pub fn assemble(parts: Parts) -> Result<Bundle, String> {
    let js = Asset {
        name: fingerprinted("app", "js", parts.js.as_bytes()),
        bytes: parts.js.into_bytes(),
    };
    let wasm = Asset {
        name: fingerprinted("app", "wasm", &parts.wasm),
        bytes: parts.wasm,
    };
    let css = Asset {
        name: fingerprinted("lotse", "css", &parts.css),
        bytes: parts.css,
    };
    let entry = Entry {
        html: "index.html".to_owned(),
        css: css.name.clone(),
        js: js.name.clone(),
        wasm: wasm.name.clone(),
    };
    let html = Asset {
        name: entry.html.clone(),
        bytes: page::fill(&parts.page_template, &entry)?.into_bytes(),
    };

    let mut assets = vec![html, css, js, wasm];
    assets.extend(parts.snippets);
    assets.extend(parts.public);
    assets.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(twice) = assets.windows(2).find(|pair| pair[0].name == pair[1].name) {
        return Err(format!(
            "two bundle files would be called `{}`; rename the one in public/",
            twice[0].name
        ));
    }
    if let Some(reserved) = assets.iter().find(|asset| asset.name == MANIFEST) {
        return Err(format!(
            "`{}` is written by the build; remove it from public/",
            reserved.name
        ));
    }
    Ok(Bundle { entry, assets })
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

    fn parts() -> Parts {
        Parts {
            js: "export default function init() {}".to_owned(),
            wasm: b"\0asm\x01\0\0\0".to_vec(),
            css: b"body { margin: 0 }\n".to_vec(),
            page_template: "<link href=\"{{css}}\"><script type=module>import init from \
                            '{{js}}'; init({ module_or_path: '{{wasm}}' })</script>"
                .to_owned(),
            snippets: vec![],
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
        let mut expected = [
            "favicon.svg",
            "index.html",
            bundle.entry.css.as_str(),
            bundle.entry.js.as_str(),
            bundle.entry.wasm.as_str(),
        ];
        expected.sort_unstable();
        assert_eq!(names, expected, "every file once, sorted by name");
        assert!(bundle.entry.js.starts_with("app-") && bundle.entry.js.ends_with(".js"));
        assert!(bundle.entry.wasm.starts_with("app-") && bundle.entry.wasm.ends_with(".wasm"));
        assert!(bundle.entry.css.starts_with("lotse-") && bundle.entry.css.ends_with(".css"));
        assert_eq!(bundle.entry.html, "index.html");
    }

    #[test]
    fn the_page_points_at_the_fingerprinted_files() {
        let bundle = assemble(parts()).unwrap();
        let html = bundle
            .assets
            .iter()
            .find(|a| a.name == "index.html")
            .unwrap();
        let html = String::from_utf8(html.bytes.clone()).unwrap();
        assert!(html.contains(&format!("'/{}'", bundle.entry.js)));
        assert!(html.contains(&format!("'/{}'", bundle.entry.wasm)));
        assert!(html.contains(&format!("\"/{}\"", bundle.entry.css)));
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
}
