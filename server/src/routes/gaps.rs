//! `GET /gaps`: "tree gaps" for authors (specialists and admins): the nodes that
//! resolutions named as where the tree should have helped, most named first, each with
//! its texts and the newest resolutions.
//!
//! A node's texts come from the tree version served now when it still has the node,
//! else from the version the group's newest ticket was walked on (`served: false`), so
//! a gap stays readable after the node was removed.

use crate::State;
use crate::auth::role::Specialist;
use crate::error::Error;
use crate::store::gaps::GapCount;
use crate::store::now_ms;
use axum::Json;
use axum::extract::{RawQuery, State as Extract};
use domain::api::{
    ApiError, GAPS_DEFAULT_DAYS, GAPS_DEFAULT_LIMIT, GAPS_MAX_DAYS, GAPS_MAX_GROUPS,
    GAPS_MAX_LIMIT, GapGroup, GapResolution, TreeGaps,
};
use domain::tree::{Localized, Tree};
use std::collections::BTreeMap;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Longest tree id taken in `tree` (ids are short words; longer is a mistake).
const MAX_TREE_CHARS: usize = 100;

/// What `GET /gaps` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapsQuery {
    pub tree: Option<String>,
    pub days: u32,
    pub limit: u32,
}

/// The resolutions that named a node where the tree should have helped, grouped by
/// (tree, node): by count (most first), then by the newest resolution.
#[utoipa::path(get, path = "/gaps", tag = "trees",
    security(("session" = [])),
    params(
        ("tree" = Option<String>, Query, description = "Only the gaps of this tree (an id served now or before)"),
        ("days" = Option<u32>, Query, description = "Resolutions of the last 1-365 days, default 90"),
        ("limit" = Option<u32>, Query, description = "Resolutions listed per node, 1-50, default 10 (`count` counts them all)"),
    ),
    responses(
        (status = 200, body = TreeGaps, description = "The groups, at most 100 (`total_groups` counts them all)"),
        (status = 401, body = ApiError),
        (status = 403, description = "An agent (tree gaps are for the 2nd level)", body = ApiError),
        (status = 422, description = "`days` or `limit` out of range, `tree` unknown, or an unknown or repeated parameter; `field` names it", body = ApiError),
    ))]
pub async fn list(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
    RawQuery(raw): RawQuery,
) -> Result<Json<TreeGaps>, Error> {
    let query = parse(raw.as_deref())?;
    if let Some(tree) = &query.tree
        && state.trees.catalog().entry(tree).is_none()
        && !state.store.tree_ever_served(tree).await?
    {
        return Err(Error::invalid(
            "tree",
            "unknown_tree",
            format!("no tree `{tree}` was ever served"),
        ));
    }
    let at = now_ms();
    let since = at - i64::from(query.days) * DAY_MS;
    let counts: Vec<GapCount> = state
        .store
        .gap_counts(since)
        .await?
        .into_iter()
        .filter(|c| query.tree.is_none() || query.tree.as_deref() == Some(split(&c.gap_node).0))
        .collect();
    let total_groups = counts.len();
    let counts = &counts[..total_groups.min(GAPS_MAX_GROUPS)];
    let names: Vec<String> = counts.iter().map(|c| c.gap_node.clone()).collect();
    let mut listed: BTreeMap<String, Vec<GapResolution>> = BTreeMap::new();
    for (gap_node, resolution) in state
        .store
        .gap_resolutions(since, &names, query.limit)
        .await?
    {
        listed.entry(gap_node).or_default().push(resolution);
    }
    let mut texts = Texts::new(&state);
    let mut groups = Vec::with_capacity(counts.len());
    for count in counts {
        let resolutions = listed.remove(&count.gap_node).unwrap_or_default();
        let (tree, node) = split(&count.gap_node);
        let newest = resolutions.first().map(|r| r.ticket);
        let found = texts.of(tree, node, newest).await?;
        groups.push(GapGroup {
            tree: tree.to_owned(),
            node: node.to_owned(),
            tree_title: found.title,
            node_kind: found.kind,
            node_text: found.text,
            version: found.version,
            served: found.served,
            count: count.count,
            newest_at: count.newest_at,
            resolutions,
        });
    }
    Ok(Json(TreeGaps {
        at,
        days: query.days,
        tree: query.tree,
        limit: query.limit,
        total_groups,
        groups,
    }))
}

/// `tree/node` as stored (a bare node, which nothing writes, reads as a node of `""`).
fn split(gap_node: &str) -> (&str, &str) {
    gap_node.split_once('/').unwrap_or(("", gap_node))
}

/// Reads the query string; every value checked, a wrong one a 422 naming it.
pub fn parse(raw: Option<&str>) -> Result<GapsQuery, Error> {
    let mut query = GapsQuery {
        tree: None,
        days: GAPS_DEFAULT_DAYS,
        limit: GAPS_DEFAULT_LIMIT,
    };
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        let name = name.as_ref();
        if seen.iter().any(|s| s == name) {
            return Err(Error::invalid(name, "repeated", "give this parameter once"));
        }
        seen.push(name.to_owned());
        match name {
            "tree" => {
                let tree = value.trim();
                if tree.is_empty() {
                    continue;
                }
                if tree.chars().count() > MAX_TREE_CHARS {
                    return Err(Error::invalid("tree", "max_length", "not a tree id"));
                }
                query.tree = Some(tree.to_owned());
            }
            "days" => query.days = number("days", &value, GAPS_MAX_DAYS)?,
            "limit" => query.limit = number("limit", &value, GAPS_MAX_LIMIT)?,
            other => {
                return Err(Error::invalid(
                    other,
                    "unknown_parameter",
                    "tree gaps take tree, days and limit",
                ));
            }
        }
    }
    Ok(query)
}

/// A whole number from 1 to `max`.
fn number(field: &str, value: &str, max: u32) -> Result<u32, Error> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| Error::invalid(field, "range", format!("a whole number from 1 to {max}")))
}

/// A node's texts and where they come from.
struct Found {
    title: Localized,
    kind: Option<String>,
    text: Option<Localized>,
    version: Option<String>,
    served: bool,
}

/// Looks nodes up in the served trees, else in the stored versions (each read once).
struct Texts<'a> {
    state: &'a State,
    stored: BTreeMap<(String, String), Option<Tree>>,
}

impl<'a> Texts<'a> {
    fn new(state: &'a State) -> Self {
        Texts {
            state,
            stored: BTreeMap::new(),
        }
    }

    async fn of(&mut self, tree: &str, node: &str, newest: Option<i64>) -> Result<Found, Error> {
        let served = self.state.trees.catalog().entry(tree).cloned();
        if let Some(entry) = &served
            && let Some(found) = found(&entry.tree, node, &entry.version, true)
        {
            return Ok(found);
        }
        // The version the newest ticket of the group was walked on.
        let walked = match newest {
            Some(id) => self.state.store.walked_trees(id).await?,
            None => None,
        };
        if let Some(version) = walked.and_then(|(_, versions)| versions.get(tree).cloned()) {
            let key = (tree.to_owned(), version.clone());
            if !self.stored.contains_key(&key) {
                let stored = self.state.store.tree_version(tree, &version).await?;
                self.stored.insert(key.clone(), stored);
            }
            if let Some(Some(old)) = self.stored.get(&key)
                && let Some(mut found) = found(old, node, &version, false)
            {
                // The title as served now, if the tree still is.
                if let Some(entry) = &served {
                    found.title = entry.tree.title.clone();
                }
                return Ok(found);
            }
        }
        Ok(Found {
            title: served.map(|e| e.tree.title).unwrap_or_default(),
            kind: None,
            text: None,
            version: None,
            served: false,
        })
    }
}

/// The texts of `node` in `tree` at `version`, if it has the node.
fn found(tree: &Tree, node: &str, version: &str, served: bool) -> Option<Found> {
    let n = tree.node(node)?;
    Some(Found {
        title: tree.title.clone(),
        kind: Some(n.kind_name().to_owned()),
        text: n.prompt().map(|p| p.text.clone()),
        version: Some(version.to_owned()),
        served,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(raw: &str) -> Option<String> {
        match parse(Some(raw)) {
            Err(Error::Invalid { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn the_query_has_defaults_and_checked_values() {
        assert_eq!(
            parse(None).unwrap(),
            GapsQuery {
                tree: None,
                days: 90,
                limit: 10
            }
        );
        assert_eq!(
            parse(Some("tree=printer&days=365&limit=50")).unwrap(),
            GapsQuery {
                tree: Some("printer".into()),
                days: 365,
                limit: 50
            }
        );
        assert_eq!(parse(Some("tree=")).unwrap().tree, None);
        for (raw, name) in [
            ("days=0", "days"),
            ("days=366", "days"),
            ("days=-1", "days"),
            ("days=x", "days"),
            ("limit=0", "limit"),
            ("limit=51", "limit"),
            ("days=7&days=8", "days"),
            ("sort=count", "sort"),
        ] {
            assert_eq!(field(raw).as_deref(), Some(name), "{raw}");
        }
        assert_eq!(
            field(&format!("tree={}", "a".repeat(101))).as_deref(),
            Some("tree")
        );
    }

    #[test]
    fn a_gap_node_splits_into_tree_and_node() {
        assert_eq!(split("printer/jam"), ("printer", "jam"));
        assert_eq!(split("jam"), ("", "jam"));
    }
}
