//! Staff accounts: who may sign in, with which role and queues.
//!
//! Every change is written together with its audit entry (ticket NULL, the account
//! before and after, never the password hash) in one transaction. Changes that could
//! leave no active admin are serialised (see [`Store::change_staff`]), so two admins
//! demoting each other at the same moment cannot lock everyone out.

use super::{Backend, Result, Store, audit, now_ms};
use domain::api::{Role, StaffMember};
use serde_json::{Value, json};
use sqlx::{AnyConnection, Transaction};

/// A new account as stored: the password is already a hash.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub login: String,
    pub name: String,
    pub role: Role,
    pub queues: Vec<String>,
    pub password_hash: String,
    pub must_change_password: bool,
}

/// What changes in an account; `None` keeps a field as it is.
#[derive(Debug, Clone, Default)]
pub struct AccountChange {
    pub name: Option<String>,
    pub role: Option<Role>,
    pub queues: Option<Vec<String>>,
    pub active: Option<bool>,
    pub password: Option<NewPassword>,
}

/// A password set by someone else (an admin, or `lotse create-admin`). Setting one
/// ends the person's sessions.
#[derive(Debug, Clone)]
pub struct NewPassword {
    pub hash: String,
    pub must_change: bool,
}

/// How [`Store::change_staff`] ended.
#[derive(Debug)]
pub enum ChangeOutcome {
    Changed(StaffMember),
    NotFound,
    /// Refused: afterwards no active admin would be left.
    LastAdmin,
}

/// What a sign-in checks a password against.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub active: bool,
}

const MEMBER: &str =
    "SELECT id, login, name, role, queues, active, must_change_password, last_seen_at FROM staff";

type MemberRow = (i64, String, String, String, String, i64, i64, Option<i64>);

fn member((id, login, name, role, queues, active, must_change, seen): MemberRow) -> StaffMember {
    StaffMember {
        id,
        login,
        name,
        // Only this module writes roles, always from a `Role`.
        role: Role::parse(&role).unwrap_or(Role::Agent),
        queues: split_queues(&queues),
        active: active != 0,
        must_change_password: must_change != 0,
        last_seen_at: seen,
    }
}

/// The account as the audit trail keeps it: without the ever-changing last-seen time
/// (and there is no password hash in a [`StaffMember`] to begin with).
fn audit_state(member: &StaffMember) -> Value {
    let mut state = serde_json::to_value(member).unwrap_or(Value::Null);
    if let Some(fields) = state.as_object_mut() {
        fields.remove("last_seen_at");
    }
    state
}

impl Store {
    /// The password hash and state of the account `login`, if there is one.
    pub async fn credentials(&self, login: &str) -> Result<Option<Credentials>> {
        let row: Option<(i64, String, i64)> =
            sqlx::query_as("SELECT id, password_hash, active FROM staff WHERE login = $1")
                .bind(login)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, password_hash, active)| Credentials {
            id,
            password_hash,
            active: active != 0,
        }))
    }

    /// The password hash of account `id`.
    pub async fn password_hash(&self, id: i64) -> Result<Option<String>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT password_hash FROM staff WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(hash,)| hash))
    }

    pub async fn staff_member(&self, id: i64) -> Result<Option<StaffMember>> {
        let row: Option<MemberRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{MEMBER} WHERE id = $1")))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(member))
    }

    /// The id of the account `login`.
    pub async fn staff_id(&self, login: &str) -> Result<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM staff WHERE login = $1")
            .bind(login)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(id,)| id))
    }

    /// Every account, by login.
    pub async fn staff_members(&self) -> Result<Vec<StaffMember>> {
        let rows: Vec<MemberRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{MEMBER} ORDER BY login")))
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(member).collect())
    }

    /// Whether any account exists at all (a fresh installation has none).
    pub async fn has_staff(&self) -> Result<bool> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM staff")
            .fetch_one(&self.pool)
            .await?;
        Ok(count > 0)
    }

    /// Whether someone can manage accounts.
    pub async fn has_active_admin(&self) -> Result<bool> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active = 1")
                .fetch_one(&self.pool)
                .await?;
        Ok(count > 0)
    }

    /// Creates an account; a taken login is [`super::StoreError::Conflict`].
    pub async fn create_staff(&self, actor: Option<i64>, new: &NewAccount) -> Result<StaffMember> {
        let mut tx = self.pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO staff (login, name, password_hash, role, queues, active,
                                must_change_password, created_at)
             VALUES ($1, $2, $3, $4, $5, 1, $6, $7) RETURNING id",
        )
        .bind(&new.login)
        .bind(&new.name)
        .bind(&new.password_hash)
        .bind(new.role.name())
        .bind(new.queues.join(","))
        .bind(i64::from(new.must_change_password))
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        let created = StaffMember {
            id,
            login: new.login.clone(),
            name: new.name.clone(),
            role: new.role,
            queues: new.queues.clone(),
            active: true,
            must_change_password: new.must_change_password,
            last_seen_at: None,
        };
        audit::record(
            &mut tx,
            None,
            actor,
            "staff_created",
            None,
            Some(&audit_state(&created)),
        )
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Changes account `id`. Deactivating it or setting its password ends its sessions;
    /// a change that would leave no active admin is refused.
    pub async fn change_staff(
        &self,
        actor: Option<i64>,
        id: i64,
        change: &AccountChange,
    ) -> Result<ChangeOutcome> {
        let mut tx = self.begin_staff_change().await?;
        let row: Option<MemberRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{MEMBER} WHERE id = $1")))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(before) = row.map(member) else {
            return Ok(ChangeOutcome::NotFound);
        };
        let mut after = before.clone();
        if let Some(name) = &change.name {
            after.name.clone_from(name);
        }
        if let Some(role) = change.role {
            after.role = role;
        }
        if let Some(queues) = &change.queues {
            after.queues.clone_from(queues);
        }
        if let Some(active) = change.active {
            after.active = active;
        }
        if let Some(password) = &change.password {
            after.must_change_password = password.must_change;
        }
        let was_admin = before.active && before.role == Role::Admin;
        let is_admin = after.active && after.role == Role::Admin;
        if was_admin && !is_admin {
            let (others,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active = 1 AND id <> $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if others == 0 {
                return Ok(ChangeOutcome::LastAdmin);
            }
        }
        if after == before && change.password.is_none() {
            return Ok(ChangeOutcome::Changed(after));
        }
        sqlx::query(
            "UPDATE staff SET name = $1, role = $2, queues = $3, active = $4,
                              must_change_password = $5
             WHERE id = $6",
        )
        .bind(&after.name)
        .bind(after.role.name())
        .bind(after.queues.join(","))
        .bind(i64::from(after.active))
        .bind(i64::from(after.must_change_password))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if let Some(password) = &change.password {
            sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
                .bind(&password.hash)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        if !after.active || change.password.is_some() {
            end_sessions(&mut tx, id, None).await?;
        }
        let mut after_state = audit_state(&after);
        if change.password.is_some() {
            after_state["password_reset"] = json!(true);
        }
        audit::record(
            &mut tx,
            None,
            actor,
            "staff_changed",
            Some(&audit_state(&before)),
            Some(&after_state),
        )
        .await?;
        tx.commit().await?;
        Ok(ChangeOutcome::Changed(after))
    }

    /// The person changed their own password: store it, lift `must_change_password`,
    /// and end every session of theirs but `keep_session`.
    pub async fn change_own_password(&self, id: i64, hash: &str, keep_session: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE staff SET password_hash = $1, must_change_password = 0 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        end_sessions(&mut tx, id, Some(keep_session)).await?;
        audit::record(
            &mut tx,
            None,
            Some(id),
            "password_changed",
            None,
            Some(&json!({ "id": id })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A transaction that changes accounts one at a time. On SQLite, `BEGIN IMMEDIATE`
    /// takes the write lock up front (a read-then-write transaction could otherwise
    /// fail to upgrade its lock); on PostgreSQL an advisory lock makes concurrent
    /// changes wait, so the last-admin count is never read stale.
    async fn begin_staff_change(&self) -> Result<Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(7202)")
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }
}

/// Ends every session of `staff_id` except `keep`.
async fn end_sessions(conn: &mut AnyConnection, staff_id: i64, keep: Option<&str>) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE staff_id = $1 AND token_hash <> $2")
        .bind(staff_id)
        .bind(keep.unwrap_or(""))
        .execute(conn)
        .await?;
    Ok(())
}

/// Queues are stored comma-separated: a staff member has a handful.
pub fn split_queues(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|q| !q.is_empty())
        .map(str::to_owned)
        .collect()
}
