//! `GET /api/v1/trees/{id}/analytics?days=` and `GET /api/v1/analytics?days=`: how the
//! walks on the trees went (specialists and admins). The counting is SQL
//! (`store/analytics.rs`), the arithmetic `domain::api::analytics`; see there for what
//! each figure means.

use crate::State;
use crate::auth::role::Specialist;
use crate::error::Error;
use axum::Json;
use axum::extract::{Path, RawQuery, State as Extract};
use domain::api::{
    AnalyticsList, ApiError, HOT_SPOTS, MAX_DAYS, TreeAnalytics, TreeTotals, fold_nodes, hot_spots,
    totals,
};

/// One day in milliseconds.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The `days` of a query string, and the period's start (ms).
fn period(raw: Option<&str>) -> Result<(u32, i64), Error> {
    let mut asked = None;
    for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        if name == "days" {
            if asked.is_some() {
                return Err(Error::invalid("days", "repeated", "give `days` once"));
            }
            asked = Some(value.into_owned());
        }
    }
    let days = domain::api::days(asked.as_deref()).ok_or_else(|| {
        Error::invalid(
            "days",
            "range",
            format!("`days` is a whole number from 1 to {MAX_DAYS}"),
        )
    })?;
    Ok((days, crate::store::now_ms() - i64::from(days) * DAY_MS))
}

/// One tree's figures over the last `days` (default 30): totals, per node (every
/// version summed by node id), the hot spots, and the version served now.
#[utoipa::path(get, path = "/trees/{id}/analytics", tag = "trees", security(("session" = [])),
    params(
        ("id" = String, Path, description = "Tree id"),
        ("days" = Option<u32>, Query, description = "The period in days, 1 to 365 (default 30)"),
    ),
    responses(
        (status = 200, description = "The tree's figures", body = TreeAnalytics),
        (status = 401, description = "No live session", body = ApiError),
        (status = 403, description = "An agent (figures are for the 2nd level)", body = ApiError),
        (status = 404, description = "No such tree is served", body = ApiError),
        (status = 422, description = "`days` out of 1..=365", body = ApiError),
))]
pub async fn tree(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<TreeAnalytics>, Error> {
    let (days, since) = period(raw.as_deref())?;
    let version = state
        .trees
        .catalog()
        .entry(&id)
        .map(|e| e.version.clone())
        .ok_or_else(|| Error::not_found(format!("tree `{id}`")))?;
    let mut counts = state.store.walk_counts(Some(&id), since).await?;
    let reached = state.store.reached(&id, since).await?;
    let nodes = fold_nodes(counts.ends.remove(&id).unwrap_or_default(), reached);
    let started = counts.started.get(&id).copied().unwrap_or(0);
    Ok(Json(TreeAnalytics {
        tree: id,
        version,
        days,
        since,
        totals: totals(started, &nodes),
        hot_spots: hot_spots(&nodes, HOT_SPOTS),
        nodes,
    }))
}

/// Every served tree's totals over the last `days` (default 30), by tree id.
#[utoipa::path(get, path = "/analytics", tag = "trees", security(("session" = [])),
    params(("days" = Option<u32>, Query, description = "The period in days, 1 to 365 (default 30)")),
    responses(
        (status = 200, description = "Every tree's totals", body = AnalyticsList),
        (status = 401, description = "No live session", body = ApiError),
        (status = 403, description = "An agent (figures are for the 2nd level)", body = ApiError),
        (status = 422, description = "`days` out of 1..=365", body = ApiError),
))]
pub async fn list(
    Extract(state): Extract<State>,
    Specialist(_): Specialist,
    RawQuery(raw): RawQuery,
) -> Result<Json<AnalyticsList>, Error> {
    let (days, since) = period(raw.as_deref())?;
    let mut counts = state.store.walk_counts(None, since).await?;
    let trees = state
        .trees
        .catalog()
        .entries()
        .map(|e| {
            let id = &e.tree.id;
            let nodes = fold_nodes(counts.ends.remove(id).unwrap_or_default(), []);
            TreeTotals {
                tree: id.clone(),
                version: e.version.clone(),
                title: e.tree.title.clone(),
                totals: totals(counts.started.get(id).copied().unwrap_or(0), &nodes),
            }
        })
        .collect();
    Ok(Json(AnalyticsList { days, since, trees }))
}
