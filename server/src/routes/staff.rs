//! `/api/v1/staff`: admins list, create and change staff accounts.
//!
//! Every change lands in the audit trail with the account before and after. A new
//! account's first password must be changed at the first sign-in, and so must a
//! password an admin resets. No change may leave the installation without an active
//! admin (409 `last_admin`).

use crate::State;
use crate::auth::role::Admin;
use crate::auth::{account_rules, password};
use crate::error::Error;
use crate::json::Body;
use crate::store::StoreError;
use crate::store::staff::{AccountChange, ChangeOutcome, NewAccount, NewPassword};
use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use domain::api::{ApiError, AuditEntry, NewStaff, StaffChange, StaffMember};
use serde_json::json;

/// Every account, with when each person was last seen.
#[utoipa::path(get, path = "/staff", tag = "staff", security(("session" = [])), responses(
    (status = 200, description = "Every account, by login", body = Vec<StaffMember>),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin", body = ApiError),
))]
pub async fn list(
    Extract(state): Extract<State>,
    Admin(_): Admin,
) -> Result<Json<Vec<StaffMember>>, Error> {
    Ok(Json(state.store.staff_members().await?))
}

/// A new account.
#[utoipa::path(post, path = "/staff", tag = "staff", request_body = NewStaff,
    security(("session" = [])), responses(
    (status = 201, description = "Created", body = StaffMember),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin, or a missing X-CSRF-Token", body = ApiError),
    (status = 409, description = "The login is taken (`login_taken`)", body = ApiError),
    (status = 422, description = "A field breaks a rule, e.g. an undeclared queue", body = ApiError),
))]
pub async fn create(
    Extract(state): Extract<State>,
    Admin(admin): Admin,
    Body(new): Body<NewStaff>,
) -> Result<(StatusCode, Json<StaffMember>), Error> {
    let login = account_rules::login("login", &new.login)?;
    let name = account_rules::name("name", &new.name)?;
    let queues = declared_queues(&state, new.queues)?;
    password::check("password", &new.password)?;
    let account = NewAccount {
        login,
        name,
        role: new.role,
        queues,
        password_hash: password::hash(new.password).await?,
        must_change_password: true,
    };
    match state.store.create_staff(Some(admin.id), &account).await {
        Ok(created) => Ok((StatusCode::CREATED, Json(created))),
        Err(StoreError::Conflict(_)) => Err(Error::conflict(
            "login_taken",
            format!("the login `{}` is taken", account.login),
        )),
        Err(e) => Err(e.into()),
    }
}

/// Changes name, role, queues, whether the account is active, or resets its password.
/// Deactivating or resetting ends the person's sessions.
#[utoipa::path(patch, path = "/staff/{id}", tag = "staff", request_body = StaffChange,
    params(("id" = i64, Path, description = "Account id")),
    security(("session" = [])), responses(
    (status = 200, description = "The account as it is now", body = StaffMember),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin, or a missing X-CSRF-Token", body = ApiError),
    (status = 404, description = "No such account", body = ApiError),
    (status = 409, description = "No active admin would be left (`last_admin`)", body = ApiError),
    (status = 422, description = "A field breaks a rule", body = ApiError),
))]
pub async fn change(
    Extract(state): Extract<State>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Body(change): Body<StaffChange>,
) -> Result<Json<StaffMember>, Error> {
    // Read here rather than by the extractor, whose refusal is plain text.
    let id: i64 = id
        .parse()
        .map_err(|_| Error::not_found(format!("staff member {id}")))?;
    let name = change
        .name
        .map(|n| account_rules::name("name", &n))
        .transpose()?;
    let queues = change
        .queues
        .map(|q| declared_queues(&state, q))
        .transpose()?;
    let password = match change.reset_password {
        Some(temporary) => {
            password::check("reset_password", &temporary)?;
            Some(NewPassword {
                hash: password::hash(temporary).await?,
                must_change: true,
            })
        }
        None => None,
    };
    let change = AccountChange {
        name,
        role: change.role,
        queues,
        active: change.active,
        password,
    };
    match state
        .store
        .change_staff(Some(admin.id), id, &change)
        .await?
    {
        ChangeOutcome::Changed(member) => Ok(Json(member)),
        ChangeOutcome::NotFound => Err(Error::not_found(format!("staff member {id}"))),
        ChangeOutcome::LastAdmin => Err(Error::conflict(
            "last_admin",
            "this would leave no active admin; make someone else an admin first",
        )),
    }
}

/// Entries of the administration log an admin sees at once.
const LOG_ENTRIES: i64 = 100;

/// The administration log: who changed which account or setting, when, with the state
/// before and after (passwords never appear: only that one was reset).
#[utoipa::path(get, path = "/audit", tag = "staff", security(("session" = [])), responses(
    (status = 200, description = "Account and settings changes, newest first (at most 100)", body = Vec<AuditEntry>),
    (status = 401, description = "No live session", body = ApiError),
    (status = 403, description = "Not an admin", body = ApiError),
))]
pub async fn log(
    Extract(state): Extract<State>,
    Admin(_): Admin,
) -> Result<Json<Vec<AuditEntry>>, Error> {
    Ok(Json(state.store.administration_log(LOG_ENTRIES).await?))
}

/// The queues, each declared in the tree catalog, without repeats; 422 names the first
/// undeclared one and lists the declared ones.
fn declared_queues(state: &State, queues: Vec<String>) -> Result<Vec<String>, Error> {
    let declared = &state.trees.folder().declarations().queues;
    let mut kept: Vec<String> = Vec::with_capacity(queues.len());
    for (index, queue) in queues.into_iter().enumerate() {
        if !declared.contains_key(&queue) {
            return Err(Error::Invalid {
                field: format!("queues[{index}]"),
                rule: "one_of".into(),
                message: format!("`{queue}` is not a queue declared in catalog.toml"),
                details: Some(json!({ "allowed": declared.keys().collect::<Vec<_>>() })),
            });
        }
        if !kept.contains(&queue) {
            kept.push(queue);
        }
    }
    Ok(kept)
}
