//! A validated set of trees, with the queues and categories they refer to.
//!
//! The server builds one from the tree folder at start-up and refuses to start when any
//! rule is broken; the browser builds one from the trees the API sent (already
//! validated) with [`Catalog::trusted`].

use crate::tree::{self, Localized, Tree};
use crate::validate::{self, Problem};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The name of the file in the tree folder that declares queues and categories.
pub const CATALOG_FILE: &str = "catalog.toml";

/// A file handed in by the caller (the domain does no I/O).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in messages, e.g. `trees/printer.toml`.
    pub path: String,
    pub text: String,
}

/// What `catalog.toml` declares: the queues escalations go to and the categories trees
/// are listed under.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declarations {
    #[serde(default)]
    pub queues: BTreeMap<String, Named>,
    #[serde(default)]
    pub categories: BTreeMap<String, Named>,
}

/// Something with a name in every language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub name: Localized,
}

/// A tree with the file it came from and its version.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub tree: Tree,
    pub version: String,
    pub file: String,
}

/// A validated set of trees.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    entries: BTreeMap<String, Entry>,
    declarations: Declarations,
}

/// A tree's version: the first 16 hex digits of the SHA-256 of its canonical JSON form,
/// so that reformatting or commenting a file does not change it but any change of
/// content does.
pub fn version_of(tree: &Tree) -> String {
    let canonical = serde_json::to_vec(tree).unwrap_or_default();
    let digest = Sha256::digest(&canonical);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl Catalog {
    /// Parses and validates every tree file and the declarations. Returns every problem
    /// found, not just the first, so an author can fix a folder in one pass.
    pub fn build(
        trees: &[SourceFile],
        declarations: Option<&SourceFile>,
    ) -> Result<Catalog, Vec<Problem>> {
        let mut problems = Vec::new();
        let declarations = match declarations {
            None => {
                problems.push(Problem::file(
                    CATALOG_FILE,
                    "catalog",
                    "the tree folder has no catalog.toml; declare the queues and categories there",
                ));
                Declarations::default()
            }
            Some(file) => match toml::from_str::<Declarations>(&file.text) {
                Ok(d) => d,
                Err(e) => {
                    let line = e.span().map(|s| {
                        file.text[..s.start.min(file.text.len())]
                            .matches('\n')
                            .count()
                            + 1
                    });
                    problems.push(Problem::parse(&file.path, line, e.message().trim()));
                    Declarations::default()
                }
            },
        };
        let mut parsed = Vec::new();
        for file in trees {
            match tree::parse(&file.text) {
                Ok(tree) => parsed.push((file.path.clone(), tree)),
                Err(e) => problems.push(Problem::parse(&file.path, e.line, &e.message)),
            }
        }
        match Catalog::validated(parsed, declarations) {
            Ok(catalog) if problems.is_empty() => Ok(catalog),
            Ok(_) => Err(problems),
            Err(more) => {
                problems.extend(more);
                Err(problems)
            }
        }
    }

    /// Validates trees that are already parsed, each with the path of its file.
    pub fn validated(
        trees: Vec<(String, Tree)>,
        declarations: Declarations,
    ) -> Result<Catalog, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        for (file, tree) in trees {
            if let Some(first) = entries.get(&tree.id) {
                problems.push(Problem::file(
                    &file,
                    "duplicate-tree",
                    &format!(
                        "tree id `{}` is already used by {}; give each tree its own id",
                        tree.id, first.file
                    ),
                ));
                continue;
            }
            let version = version_of(&tree);
            entries.insert(
                tree.id.clone(),
                Entry {
                    tree,
                    version,
                    file,
                },
            );
        }
        let catalog = Catalog {
            entries,
            declarations,
        };
        problems.extend(validate::catalog(&catalog));
        if problems.is_empty() {
            Ok(catalog)
        } else {
            Err(problems)
        }
    }

    /// A catalog of trees that were validated elsewhere (the browser's copy of what the
    /// server sent). The engine still guards every move, so a bad tree here yields move
    /// errors, never a hang or a panic.
    pub fn trusted(trees: impl IntoIterator<Item = (Tree, String)>) -> Catalog {
        Catalog {
            entries: trees
                .into_iter()
                .map(|(tree, version)| {
                    let entry = Entry {
                        file: format!("{}.toml", tree.id),
                        tree,
                        version,
                    };
                    (entry.tree.id.clone(), entry)
                })
                .collect(),
            declarations: Declarations::default(),
        }
    }

    pub fn tree(&self, id: &str) -> Option<&Tree> {
        self.entries.get(id).map(|e| &e.tree)
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    pub fn version(&self, id: &str) -> Option<&str> {
        self.entries.get(id).map(|e| e.version.as_str())
    }

    /// Every tree, ordered by id.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    pub fn declarations(&self) -> &Declarations {
        &self.declarations
    }

    /// `id` and every tree reachable from it through `jump` nodes, `id` first: what the
    /// browser needs to walk `id` to its end.
    pub fn bundle(&self, id: &str) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = Vec::new();
        let mut todo = vec![id.to_owned()];
        while let Some(next) = todo.pop() {
            if out.iter().any(|e| e.tree.id == next) {
                continue;
            }
            let Some(entry) = self.entries.get(&next) else {
                continue;
            };
            for node in entry.tree.nodes.values() {
                if let tree::Node::Jump { tree } = node {
                    todo.push(tree.clone());
                }
            }
            out.push(entry);
        }
        out
    }
}
