//! The app's pages, one per route, and the addresses that lead to them.
//!
//! - `/`: [`landing::Landing`], the topics.
//! - `/walk/:tree`: [`walk::WalkPage`], a walk through one tree.
//! - `/status`: [`check::CheckPage`], "check my ticket": open a ticket by reference
//!   and code, or one this browser remembers.
//! - `/status/:reference#token`: [`status::StatusPage`], a handed-off ticket.
//! - anything else: [`not_found::NotFound`] (the server answers every non-API path with
//!   the app, so unknown addresses end here).

pub mod check;
pub mod landing;
pub mod not_found;
pub mod status;
pub mod walk;

/// A page of the app, for building links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Landing,
    Walk {
        tree: String,
    },
    /// "Check my ticket".
    Check,
    /// A ticket's status page; the token goes into the fragment (see
    /// `tickets::status_link`), never into the path.
    Status {
        reference: String,
    },
}

impl Page {
    pub fn path(&self) -> String {
        match self {
            Page::Landing => "/".to_owned(),
            Page::Walk { tree } => format!("/walk/{tree}"),
            Page::Check => "/status".to_owned(),
            Page::Status { reference } => format!("/status/{reference}"),
        }
    }
}
