//! The app's pages, one per route, and the addresses that lead to them.
//!
//! - `/`: [`landing::Landing`], the topics.
//! - `/walk/:tree`: [`walk::WalkPage`], a walk through one tree.
//! - anything else: [`not_found::NotFound`] (the server answers every non-API path with
//!   the app, so unknown addresses end here).

pub mod landing;
pub mod not_found;
pub mod walk;

/// A page of the app, for building links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Landing,
    Walk { tree: String },
}

impl Page {
    pub fn path(&self) -> String {
        match self {
            Page::Landing => "/".to_owned(),
            Page::Walk { tree } => format!("/walk/{tree}"),
        }
    }
}
