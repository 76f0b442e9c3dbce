//! The addresses of the staff workspace, under `/staff`.
//!
//! - `/staff`: the Queue.
//! - `/staff/tickets/{id}`: one ticket.
//! - `/staff/calls`: the agent console (guided calls, handover by code, returned tickets).
//! - `/staff/team`: the team view.
//! - `/staff/trees`: the trees with their figures; `/staff/trees/{id}`: one tree as a
//!   graph with its figures (`?ticket=N` highlights that ticket's path);
//!   `/staff/trees/{id}/versions`: its versions, uploading a draft, preview, publishing.
//! - `/staff/gaps`: tree gaps, the nodes resolutions named as where the tree fell short.
//! - `/staff/admin`: accounts, queues and SLA targets (admins).
//! - `/staff/password`: change one's own password.
//!
//! Signing in has no address of its own: any staff address shows the sign-in form while
//! nobody is signed in, and the screen it names right after, so a bookmark or a link to
//! a ticket survives the sign-in.

/// A screen of the staff workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Queue,
    Ticket { id: i64 },
    Calls,
    Team,
    Trees,
    Tree { id: String },
    TreeVersions { id: String },
    Gaps,
    Admin,
    Password,
}

impl Screen {
    pub fn path(&self) -> String {
        match self {
            Screen::Queue => "/staff".to_owned(),
            Screen::Ticket { id } => format!("/staff/tickets/{id}"),
            Screen::Calls => "/staff/calls".to_owned(),
            Screen::Team => "/staff/team".to_owned(),
            Screen::Trees => "/staff/trees".to_owned(),
            Screen::Tree { id } => format!("/staff/trees/{id}"),
            Screen::TreeVersions { id } => format!("/staff/trees/{id}/versions"),
            Screen::Gaps => "/staff/gaps".to_owned(),
            Screen::Admin => "/staff/admin".to_owned(),
            Screen::Password => "/staff/password".to_owned(),
        }
    }

    /// The screen at what follows `/staff` in a path (`""`, `/team`, `/tickets/12`;
    /// the caller has taken off a trailing slash).
    pub fn parse(rest: &str) -> Option<Screen> {
        match rest {
            "" => Some(Screen::Queue),
            "/calls" => Some(Screen::Calls),
            "/team" => Some(Screen::Team),
            "/trees" => Some(Screen::Trees),
            "/gaps" => Some(Screen::Gaps),
            "/admin" => Some(Screen::Admin),
            "/password" => Some(Screen::Password),
            _ if rest.starts_with("/trees/") => tree_screen(&rest["/trees/".len()..]),
            _ => {
                let id = rest.strip_prefix("/tickets/")?;
                // Digits only: `+1` or `0x1` must not name ticket 1.
                if id.is_empty() || id.len() > 18 || !id.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                id.parse()
                    .ok()
                    .filter(|id| *id > 0)
                    .map(|id| Screen::Ticket { id })
            }
        }
    }
}

/// `{id}` or `{id}/versions`, with a tree id as the tree files allow it (lower-case
/// letters, digits, `-`, `_`), so an address never carries anything else into a request.
fn tree_screen(rest: &str) -> Option<Screen> {
    let (id, versions) = match rest.strip_suffix("/versions") {
        Some(id) => (id, true),
        None => (rest, false),
    };
    let valid = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !valid {
        return None;
    }
    let id = id.to_owned();
    Some(if versions {
        Screen::TreeVersions { id }
    } else {
        Screen::Tree { id }
    })
}

#[cfg(test)]
mod tests {
    use super::Screen;
    use crate::pages::Page;

    #[test]
    fn every_screen_reads_back_from_its_path() {
        for screen in [
            Screen::Queue,
            Screen::Ticket { id: 42 },
            Screen::Calls,
            Screen::Team,
            Screen::Trees,
            Screen::Tree {
                id: "printer".into(),
            },
            Screen::TreeVersions {
                id: "wifi-home".into(),
            },
            Screen::Gaps,
            Screen::Admin,
            Screen::Password,
        ] {
            assert_eq!(Page::parse(&screen.path()), Some(Page::Staff(screen)));
        }
        assert_eq!(Page::parse("/staff/"), Some(Page::Staff(Screen::Queue)));
    }

    #[test]
    fn malformed_staff_addresses_are_no_page() {
        for path in [
            "/staffs",
            "/staff/tickets/",
            "/staff/tickets/0",
            "/staff/tickets/+1",
            "/staff/tickets/1x",
            "/staff/tickets/99999999999999999999",
            "/staff/nowhere",
            "/staff/team/x",
            "/staff/calls/x",
            "/staff/trees/Printer",
            "/staff/trees/a/b",
            "/staff/trees/printer/versions/x",
            "/staff/trees/%2e%2e",
            "/staff/gaps/x",
        ] {
            assert_eq!(Page::parse(path), None, "{path}");
        }
    }
}
