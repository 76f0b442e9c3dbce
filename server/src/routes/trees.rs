//! `GET /api/v1/trees` and `GET /api/v1/trees/{id}`: the validated trees, with ETags.
//!
//! Trees change only when the server restarts, so every answer is computed once at
//! start-up; a request just picks the prepared bytes.

use crate::State;
use crate::error::Error;
use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Catalog;
use domain::api::{Category, TreeBundle, TreeList, TreeSummary, VersionedTree};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A prepared JSON answer and its entity tag. `Bytes` clones share the buffer.
struct Prepared {
    etag: HeaderValue,
    body: Bytes,
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
    respond(&state.trees.list, &headers)
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
    match state.trees.bundles.get(&id) {
        Some(prepared) => respond(prepared, &headers),
        None => Error::not_found(format!("tree `{id}`")).into_response(),
    }
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
