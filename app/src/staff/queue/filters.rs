//! What the Queue shows: the filters, the search and the order, as one value that
//! reads from and writes to a query string.
//!
//! The screen's address and the API use the same parameter names (`/staff?status=new&
//! order=age` asks `GET /api/v1/queue?status=new&order=age`), so a link someone
//! shares shows what they saw, and what the server checks is what the address says.
//! Reading an address is lenient: a value this screen does not offer is dropped (the
//! server's default applies) instead of asking the server for a 422.

use domain::ticket::{Priority, Status};

/// Whose queues.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum QueueChoice {
    /// The signed-in person's queues (the server's default).
    #[default]
    Mine,
    /// Every queue (`queue=*`).
    All,
    One(String),
}

/// Who holds the tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HolderChoice {
    #[default]
    Anyone,
    /// `assignee=me`.
    Me,
    /// `assignee=none`: unassigned.
    Nobody,
}

/// The order of the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Priority 1 first, then the oldest (the server's default).
    #[default]
    Priority,
    /// The oldest first.
    Age,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    /// `None`: every open status (the server's default).
    pub status: Option<Status>,
    pub queue: QueueChoice,
    pub priority: Option<Priority>,
    pub holder: HolderChoice,
    /// As typed; the server splits it into words.
    pub search: String,
    pub order: Order,
}

/// Longest search the server takes, in characters.
const MAX_SEARCH_CHARS: usize = 200;

impl Filters {
    /// The filters a query string (`?status=new&q=drucker`, with or without `?`) names.
    pub fn from_query(query: &str) -> Filters {
        let mut filters = Filters::default();
        for (name, value) in pairs(query) {
            match name.as_str() {
                "status" => filters.status = Status::parse(&value),
                "queue" if value == "*" => filters.queue = QueueChoice::All,
                "queue" if is_queue_name(&value) => filters.queue = QueueChoice::One(value),
                "priority" => {
                    filters.priority = value.parse().ok().filter(|p| (1..=5).contains(p));
                }
                "assignee" => {
                    filters.holder = match value.as_str() {
                        "me" => HolderChoice::Me,
                        "none" => HolderChoice::Nobody,
                        _ => HolderChoice::Anyone,
                    };
                }
                "q" => filters.search = value.chars().take(MAX_SEARCH_CHARS).collect(),
                "order" if value == "age" => filters.order = Order::Age,
                _ => {}
            }
        }
        filters
    }

    /// The query string (without `?`) that names these filters; empty for the defaults.
    /// Parameters always come in the same order, so equal filters give equal strings.
    pub fn to_query(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut add = |name: &str, value: &str| out.push(format!("{name}={}", encode(value)));
        if let Some(status) = self.status {
            add("status", status.name());
        }
        match &self.queue {
            QueueChoice::Mine => {}
            QueueChoice::All => add("queue", "*"),
            QueueChoice::One(id) => add("queue", id),
        }
        if let Some(priority) = self.priority {
            add("priority", &priority.to_string());
        }
        match self.holder {
            HolderChoice::Anyone => {}
            HolderChoice::Me => add("assignee", "me"),
            HolderChoice::Nobody => add("assignee", "none"),
        }
        let search = self.search.trim();
        if !search.is_empty() {
            add("q", search);
        }
        if self.order == Order::Age {
            add("order", "age");
        }
        out.join("&")
    }

    /// `/queue?…` for a page of `limit` rows after `cursor`.
    pub fn api_path(&self, limit: usize, cursor: Option<&str>) -> String {
        let mut query = self.to_query();
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&format!("limit={limit}"));
        if let Some(cursor) = cursor {
            query.push_str(&format!("&cursor={}", encode(cursor)));
        }
        format!("/queue?{query}")
    }

    pub fn is_default(&self) -> bool {
        self.to_query().is_empty()
    }

    /// Whether a ticket of `queue` belongs to what these filters show, as far as the
    /// queue decides it; `mine` are the person's queues (`None`: every queue).
    pub fn takes_queue(&self, queue: &str, mine: Option<&[String]>) -> bool {
        match &self.queue {
            QueueChoice::Mine => mine.is_none_or(|m| m.iter().any(|q| q == queue)),
            QueueChoice::All => true,
            QueueChoice::One(id) => id == queue,
        }
    }
}

/// Queue ids as the server takes them (a-z, 0-9, `-`, `_`, `.`).
fn is_queue_name(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// The decoded name-value pairs of a query string.
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
}

/// Percent-encodes everything but the unreserved characters (RFC 3986).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Reads `%XX` escapes and `+` as a space; a broken escape stays as it is.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_write_nothing_and_read_back() {
        assert_eq!(Filters::default().to_query(), "");
        assert!(Filters::from_query("").is_default());
        assert!(Filters::from_query("?").is_default());
        assert_eq!(Filters::default().api_path(50, None), "/queue?limit=50");
    }

    #[test]
    fn every_filter_round_trips_through_the_address() {
        let filters = Filters {
            status: Some(Status::WaitingForUser),
            queue: QueueChoice::One("remote-access".into()),
            priority: Some(2),
            holder: HolderChoice::Nobody,
            search: "Müller & Söhne 50%".into(),
            order: Order::Age,
        };
        let query = filters.to_query();
        assert_eq!(
            query,
            "status=waiting_for_user&queue=remote-access&priority=2&assignee=none&q=M%C3%BCller%20%26%20S%C3%B6hne%2050%25&order=age"
        );
        assert_eq!(Filters::from_query(&query), filters);
        assert_eq!(Filters::from_query(&format!("?{query}")), filters);
        let all = Filters {
            queue: QueueChoice::All,
            holder: HolderChoice::Me,
            ..Filters::default()
        };
        assert_eq!(all.to_query(), "queue=%2A&assignee=me");
        assert_eq!(Filters::from_query(&all.to_query()), all);
        assert_eq!(
            Filters::from_query("queue=*"),
            Filters {
                queue: QueueChoice::All,
                ..Filters::default()
            }
        );
    }

    #[test]
    fn the_api_path_adds_the_page() {
        let filters = Filters {
            order: Order::Age,
            ..Filters::default()
        };
        assert_eq!(
            filters.api_path(200, Some("YTEuMS4y")),
            "/queue?order=age&limit=200&cursor=YTEuMS4y"
        );
    }

    #[test]
    fn values_the_screen_does_not_offer_are_dropped() {
        for query in [
            "status=open",
            "priority=0",
            "priority=6",
            "priority=x",
            "assignee=7",
            "order=size",
            "queue=a%20b",
            "unknown=1",
            "step=3",
            "q=%20%20",
        ] {
            assert!(Filters::from_query(query).is_default(), "{query}");
        }
    }

    #[test]
    fn searches_are_decoded_and_trimmed() {
        assert_eq!(Filters::from_query("q=hp+laser%6A").search, "hp laserj");
        assert_eq!(Filters::from_query("q=50%").search, "50%");
        assert_eq!(Filters::from_query("q=%zz").search, "%zz");
        let long = "x".repeat(300);
        assert_eq!(Filters::from_query(&format!("q={long}")).search.len(), 200);
        let spaced = Filters {
            search: "  drucker ".into(),
            ..Filters::default()
        };
        assert_eq!(spaced.to_query(), "q=drucker");
    }

    #[test]
    fn a_queue_belongs_to_the_view_as_the_filter_says() {
        let mine = vec!["workplace".to_owned()];
        let default = Filters::default();
        assert!(default.takes_queue("workplace", Some(&mine)));
        assert!(!default.takes_queue("network", Some(&mine)));
        assert!(default.takes_queue("network", None));
        let one = Filters {
            queue: QueueChoice::One("network".into()),
            ..Filters::default()
        };
        assert!(one.takes_queue("network", Some(&mine)));
        assert!(!one.takes_queue("workplace", Some(&mine)));
        let all = Filters {
            queue: QueueChoice::All,
            ..Filters::default()
        };
        assert!(all.takes_queue("network", Some(&mine)));
    }
}
