//! What the gaps screen shows (a tree or all, a period), as the address's query
//! (`/staff/gaps?tree=printer&days=30`) and as the API's (`GET /api/v1/gaps?…`, the
//! same names), so a link from elsewhere (a tree's page) opens the gaps of that tree.

use domain::api::GAPS_DEFAULT_DAYS;

/// The periods offered, in days.
pub const PERIODS: [u32; 4] = [7, 30, 90, 365];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapFilters {
    pub tree: Option<String>,
    pub days: u32,
}

impl Default for GapFilters {
    fn default() -> Self {
        GapFilters {
            tree: None,
            days: GAPS_DEFAULT_DAYS,
        }
    }
}

/// A tree id as tree files write them (lower-case letters, digits, `-`, `_`): anything
/// else in an address is dropped, so it never travels into a request.
fn tree_id(value: &str) -> Option<String> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    ok.then(|| value.to_owned())
}

impl GapFilters {
    /// From a query string (with or without its `?`); unknown or wrong values are
    /// left at their defaults.
    pub fn from_query(query: &str) -> GapFilters {
        let mut filters = GapFilters::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match name {
                "tree" => filters.tree = tree_id(value),
                "days" => {
                    if let Some(days) = value.parse().ok().filter(|d| PERIODS.contains(d)) {
                        filters.days = days;
                    }
                }
                _ => {}
            }
        }
        filters
    }

    /// The query without defaults (`""` for the defaults).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(tree) = &self.tree {
            parts.push(format!("tree={tree}"));
        }
        if self.days != GAPS_DEFAULT_DAYS {
            parts.push(format!("days={}", self.days));
        }
        parts.join("&")
    }

    /// The API path of these filters.
    pub fn api_path(&self) -> String {
        let mut path = format!("/gaps?days={}", self.days);
        if let Some(tree) = &self.tree {
            path.push_str("&tree=");
            path.push_str(tree);
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_and_write_the_query_with_defaults_left_out() {
        assert_eq!(GapFilters::from_query(""), GapFilters::default());
        let f = GapFilters::from_query("?tree=printer&days=30");
        assert_eq!(
            f,
            GapFilters {
                tree: Some("printer".into()),
                days: 30
            }
        );
        assert_eq!(f.to_query(), "tree=printer&days=30");
        assert_eq!(f.api_path(), "/gaps?days=30&tree=printer");
        assert_eq!(GapFilters::default().to_query(), "");
        assert_eq!(GapFilters::default().api_path(), "/gaps?days=90");
        // Wrong values fall back: no odd period, nothing but a tree id.
        assert_eq!(
            GapFilters::from_query("days=12&tree=a%26b"),
            GapFilters::default()
        );
        assert_eq!(GapFilters::from_query("tree=Printer").tree, None);
    }
}
