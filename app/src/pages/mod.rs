//! The app's pages, one per address, and the addresses that lead to them.
//!
//! - `/`: [`landing::Landing`], the topics.
//! - `/walk/{tree}?step={n}`: [`walk::WalkPage`], a walk through one tree, `n` moves in.
//! - `/status`: [`check::CheckPage`], "check my ticket": open a ticket by reference
//!   and code, or one this browser remembers.
//! - `/status/{reference}#token`: [`status::StatusPage`], a handed-off ticket.
//! - `/staff…`: the staff workspace ([`crate::staff::Screen`], its own entry bundle).
//! - anything else: [`not_found::NotFound`] (the server answers every non-API path with
//!   the app, so unknown addresses end here).
//!
//! [`Page`] is the only place that knows how addresses are spelled: links print it,
//! [`crate::router`] parses it.

pub mod check;
pub mod landing;
pub mod not_found;
pub mod status;
pub mod walk;

/// A page of the app.
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
    /// A screen of the staff workspace (the `staff` entry bundle).
    Staff(crate::staff::Screen),
}

impl Page {
    /// The page's path, for links and the address bar.
    pub fn path(&self) -> String {
        match self {
            Page::Landing => "/".to_owned(),
            Page::Walk { tree } => "/walk/".to_owned() + tree,
            Page::Check => "/status".to_owned(),
            Page::Status { reference } => "/status/".to_owned() + reference,
            Page::Staff(screen) => screen.path(),
        }
    }

    /// The page at `path`, or `None` for an address the app does not know. Ids are
    /// taken as they stand: an id no tree or case has leads to that page's own "not
    /// found" message.
    pub fn parse(path: &str) -> Option<Page> {
        let rest = path.strip_prefix('/')?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let id = |s: &str| (!s.is_empty() && !s.contains('/')).then(|| s.to_owned());
        if rest.is_empty() {
            Some(Page::Landing)
        } else if rest == "staff" || rest.starts_with("staff/") {
            crate::staff::Screen::parse(&rest["staff".len()..]).map(Page::Staff)
        } else if rest == "status" {
            Some(Page::Check)
        } else if let Some(tree) = rest.strip_prefix("walk/") {
            Some(Page::Walk { tree: id(tree)? })
        } else if let Some(reference) = rest.strip_prefix("status/") {
            Some(Page::Status {
                reference: id(reference)?,
            })
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_reads_back_from_its_path() {
        for page in [
            Page::Landing,
            Page::Walk {
                tree: "printer".into(),
            },
            Page::Check,
            Page::Status {
                reference: "ABCD-EFGH".into(),
            },
        ] {
            assert_eq!(Page::parse(&page.path()), Some(page));
        }
    }

    #[test]
    fn a_trailing_slash_is_the_same_page() {
        assert_eq!(Page::parse("/status/"), Some(Page::Check));
        assert_eq!(
            Page::parse("/walk/printer/"),
            Some(Page::Walk {
                tree: "printer".into()
            })
        );
    }

    #[test]
    fn unknown_and_incomplete_addresses_are_no_page() {
        for path in [
            "",
            "walk/printer",
            "/walk",
            "/walk/",
            "/walk/a/b",
            "/status/a/b",
            "/statuses",
            "/nowhere",
            "/walkers/x",
        ] {
            assert_eq!(Page::parse(path), None, "{path}");
        }
    }
}
