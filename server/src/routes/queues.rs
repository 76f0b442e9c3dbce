//! `GET /api/v1/queues`: the queues hand-offs go to, as the tree catalog declares them,
//! with who works each. The staff screens name queues with it (filters, accounts,
//! administration); which queues exist is decided where trees are written, since every
//! escalate node names one.

use crate::State;
use crate::auth::Staff;
use crate::error::Error;
use axum::Json;
use axum::extract::State as Extract;
use domain::api::{ApiError, Holder, QueueInfo, Role};

/// Every declared queue, by id, with the active specialists and admins who work it.
#[utoipa::path(get, path = "/queues", tag = "staff", security(("session" = [])), responses(
    (status = 200, description = "The queues, by id", body = Vec<QueueInfo>),
    (status = 401, description = "No live session", body = ApiError),
))]
pub async fn list(Extract(state): Extract<State>, _: Staff) -> Result<Json<Vec<QueueInfo>>, Error> {
    let members = state.store.staff_members().await?;
    let declared = &state.trees.folder().declarations().queues;
    let queues = declared
        .iter()
        .map(|(id, named)| QueueInfo {
            id: id.clone(),
            name: named.name.clone(),
            staff: members
                .iter()
                .filter(|m| m.active && m.role >= Role::Specialist && m.queues.contains(id))
                .map(|m| Holder {
                    id: m.id,
                    name: m.name.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(Json(queues))
}
