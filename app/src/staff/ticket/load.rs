//! Reading a ticket, and the trees its walk was made on.
//!
//! The transcript must show the questions and answers the user saw, so the trees come
//! at the versions the walk entered (`Walk::versions`), from
//! `GET /trees/{id}/versions/{version}`, not as the catalog stands today. A version is
//! the hash of a tree's content and never changes, so each is fetched once per page
//! load and kept.

use crate::staff::api::{self, Failure};
use domain::api::{TicketDetail, VersionedTree};
use domain::{Catalog, Tree};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A ticket as the screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub detail: TicketDetail,
    /// The trees of the walk at its versions; `None` when they could not be read (the
    /// transcript then names nodes by id).
    pub trees: Option<Arc<Catalog>>,
}

thread_local! {
    /// Tree versions read in this page load, by (tree, version).
    static KEPT: RefCell<BTreeMap<(String, String), Tree>> = const { RefCell::new(BTreeMap::new()) };
}

/// The ticket `id` with the trees of its walk.
pub async fn ticket(id: i64) -> Result<Opened, Failure> {
    let detail: TicketDetail = api::get(&format!("/tickets/{id}")).await?;
    let trees = trees(&detail.walk.versions).await.map(Arc::new);
    Ok(Opened { detail, trees })
}

/// The trees at `versions` (tree id to version) as one catalog, if every one was read.
async fn trees(versions: &BTreeMap<String, String>) -> Option<Catalog> {
    let mut found = Vec::with_capacity(versions.len());
    for (id, version) in versions {
        let key = (id.clone(), version.clone());
        let kept = KEPT.with(|k| k.borrow().get(&key).cloned());
        let tree = match kept {
            Some(tree) => tree,
            None => {
                let path = format!("/trees/{}/versions/{}", encode(id), encode(version));
                let served: VersionedTree = api::get(&path).await.ok()?;
                KEPT.with(|k| k.borrow_mut().insert(key, served.tree.clone()));
                served.tree
            }
        };
        found.push((tree, version.clone()));
    }
    Some(Catalog::trusted(found))
}

/// A path segment: tree ids and versions are plain (`a-z0-9_-`), but a stored walk is
/// data, and data never shapes a path.
fn encode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn path_segments_stay_segments() {
        assert_eq!(encode("printer"), "printer");
        assert_eq!(encode("3f9a-b_c"), "3f9a-b_c");
        assert_eq!(encode("../x"), "..%2Fx");
        assert_eq!(encode("a b?"), "a%20b%3F");
    }
}
