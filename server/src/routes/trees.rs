//! `GET /api/v1/trees` and `GET /api/v1/trees/{id}`: the validated trees, with ETags;
//! `GET /api/v1/trees/{id}/versions/{version}`: any version ever served, for staff.
//!
//! The served trees change at start-up and when an admin publishes a version
//! (`routes::authoring`); every answer of the public routes is computed once per change
//! ([`Shelf`]) and swapped in whole ([`Trees`]); a request just picks the prepared
//! bytes, and the ETags change with them. Older versions
//! come from the store (`tree_versions`), which keeps every version served, so a
//! ticket shows the questions and answers of the tree it was walked on.

use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Catalog;
use domain::api::{Category, TreeBundle, TreeList, TreeSummary, VersionedTree};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::{Arc, RwLock};

/// A prepared JSON answer and its entity tag. `Bytes` clones share the buffer.
struct Prepared {
    etag: HeaderValue,
    body: Bytes,
}

/// The served trees, replaceable at run time: readers take the current [`Shelf`] (an
/// `Arc`, so a request keeps one consistent set even if a publication swaps it).
pub struct Trees {
    shelf: RwLock<Arc<Shelf>>,
    /// The tree folder as read at start: its declarations (queues, categories) stay.
    folder: Catalog,
}

/// The catalog served at the moment it was taken.
pub struct Current(Arc<Shelf>);

impl Deref for Current {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.0.catalog
    }
}

impl Trees {
    pub fn new(folder: Catalog, served: Catalog) -> Trees {
        Trees {
            shelf: RwLock::new(Arc::new(Shelf::new(served))),
            folder,
        }
    }

    /// The trees served now.
    pub fn shelf(&self) -> Arc<Shelf> {
        self.shelf
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The catalog served now.
    pub fn catalog(&self) -> Current {
        Current(self.shelf())
    }

    /// The tree folder as read at start.
    pub fn folder(&self) -> &Catalog {
        &self.folder
    }

    /// Serves `catalog` from now on.
    pub fn replace(&self, catalog: Catalog) {
        let shelf = Arc::new(Shelf::new(catalog));
        *self
            .shelf
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = shelf;
    }

    /// Reads which versions are published from the database and serves them (after a
    /// publication here or on another instance).
    pub async fn reload(&self, store: &crate::store::Store) -> crate::store::Result<()> {
        let current = self.catalog();
        let catalog = served(store, &self.folder, &current).await?;
        if catalog != *current {
            self.replace(catalog);
        }
        Ok(())
    }
}

/// The catalog to serve: per tree the version with the latest publication
/// (`store/authoring.rs`). If that set breaks a rule (a folder change removed a queue an
/// upload escalates to), `current` stays served and the problems are logged.
pub async fn served(
    store: &crate::store::Store,
    folder: &Catalog,
    current: &Catalog,
) -> crate::store::Result<Catalog> {
    let published = store.published_versions().await?;
    let mut trees = Vec::new();
    for (id, version) in &published {
        let known = [current.entry(id), folder.entry(id)]
            .into_iter()
            .flatten()
            .find(|e| &e.version == version)
            .map(|e| e.tree.clone());
        let tree = match known {
            Some(tree) => Some(tree),
            None => store.tree_version(id, version).await?,
        };
        match tree.or_else(|| folder.tree(id).cloned()) {
            Some(tree) => trees.push((format!("{id}.toml"), tree)),
            None => tracing::warn!(tree = %id, %version, "a published tree version is not stored"),
        }
    }
    for entry in folder.entries() {
        if !published.contains_key(&entry.tree.id) {
            trees.push((entry.file.clone(), entry.tree.clone()));
        }
    }
    match Catalog::validated(trees, folder.declarations().clone()) {
        Ok(catalog) => Ok(catalog),
        Err(problems) => {
            for problem in &problems {
                tracing::warn!(%problem, "the published trees break a rule; serving the trees as before");
            }
            Ok(current.clone())
        }
    }
}

/// The trees as the API serves them.
pub struct Shelf {
    catalog: Catalog,
    list: Prepared,
    bundles: BTreeMap<String, Prepared>,
}

impl Shelf {
    pub fn new(catalog: Catalog) -> Shelf {
        let list = TreeList {
            trees: catalog
                .entries()
                .map(|e| TreeSummary {
                    id: e.tree.id.clone(),
                    version: e.version.clone(),
                    category: e.tree.category.clone(),
                    languages: e.tree.languages.clone(),
                    title: e.tree.title.clone(),
                    description: e.tree.description.clone(),
                    keywords: e.tree.keywords.clone(),
                })
                .collect(),
            categories: catalog
                .declarations()
                .categories
                .iter()
                .map(|(id, c)| Category {
                    id: id.clone(),
                    name: c.name.clone(),
                })
                .collect(),
        };
        let bundles = catalog
            .entries()
            .map(|e| {
                let bundle = TreeBundle {
                    trees: catalog
                        .bundle(&e.tree.id)
                        .into_iter()
                        .map(|b| VersionedTree {
                            version: b.version.clone(),
                            tree: b.tree.clone(),
                        })
                        .collect(),
                };
                (e.tree.id.clone(), prepare(&bundle))
            })
            .collect();
        Shelf {
            list: prepare(&list),
            bundles,
            catalog,
        }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
}

/// Serialises once; the ETag is a hash of the bytes, so it changes exactly when they do.
fn prepare<T: serde::Serialize>(value: &T) -> Prepared {
    let body: Vec<u8> = serde_json::to_vec(value).unwrap_or_default();
    let digest = Sha256::digest(&body);
    let tag: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    Prepared {
        etag: HeaderValue::from_str(&format!("\"{tag}\""))
            .unwrap_or(HeaderValue::from_static("\"0\"")),
        body: Bytes::from(body),
    }
}

/// The trees for the landing page: summaries in every language, and the categories.
#[utoipa::path(get, path = "/trees", tag = "trees", responses(
    (status = 200, description = "Every tree", body = TreeList),
    (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
))]
pub async fn list(Extract(state): Extract<State>, headers: HeaderMap) -> Response {
    respond(&state.trees.shelf().list, &headers)
}

/// One tree with every tree it can jump to, the asked-for tree first.
#[utoipa::path(get, path = "/trees/{id}", tag = "trees",
    params(("id" = String, Path, description = "Tree id")),
    responses(
        (status = 200, description = "The tree and its jump targets", body = TreeBundle),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 404, description = "No such tree", body = domain::api::ApiError),
))]
pub async fn bundle(
    Extract(state): Extract<State>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    match state.trees.shelf().bundles.get(&id) {
        Some(prepared) => respond(prepared, &headers),
        None => Error::not_found(format!("tree `{id}`")).into_response(),
    }
}

/// One version of a tree, as the server served it: the current one or any earlier one
/// a walk may have been made on. A version is the hash of the tree's content, so the
/// answer never changes and the browser may keep it.
#[utoipa::path(get, path = "/trees/{id}/versions/{version}", tag = "trees",
    security(("session" = [])),
    params(
        ("id" = String, Path, description = "Tree id"),
        ("version" = String, Path, description = "Tree version, as in a walk's `versions` or a ticket's `tree_version`"),
    ),
    responses(
        (status = 200, description = "The tree at that version", body = VersionedTree),
        (status = 401, description = "No live session", body = domain::api::ApiError),
        (status = 404, description = "No such tree version was ever served", body = domain::api::ApiError),
))]
pub async fn version(
    Extract(state): Extract<State>,
    _: Staff,
    Path((id, version)): Path<(String, String)>,
) -> Result<Response, Error> {
    let tree = match state.trees.catalog().entry(&id) {
        Some(entry) if entry.version == version => entry.tree.clone(),
        _ => state
            .store
            .tree_version(&id, &version)
            .await?
            .ok_or_else(|| Error::not_found(format!("version {version} of tree `{id}`")))?,
    };
    let immutable = [(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    )];
    Ok((immutable, Json(VersionedTree { version, tree })).into_response())
}

/// 304 when the client has these bytes already, else the bytes. `no-cache` makes
/// browsers ask every time (cheaply, thanks to the ETag), so a new tree version shows
/// without waiting for a cache to expire.
fn respond(prepared: &Prepared, headers: &HeaderMap) -> Response {
    let fresh = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim() == prepared.etag.to_str().unwrap_or_default() || tag.trim() == "*");
    let common = [
        (header::ETAG, prepared.etag.clone()),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (
        common,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        prepared.body.clone(),
    )
        .into_response()
}
