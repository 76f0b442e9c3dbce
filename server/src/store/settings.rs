//! Settings kept in the database because every instance must share them.

use super::{Result, Store};

impl Store {
    /// The server secret that derives ticket access tokens (see `routes::handoffs`):
    /// made once, on the first start of the first instance, then read by all.
    pub async fn server_secret(&self) -> Result<String> {
        let fresh = crate::auth::secret::token();
        sqlx::query("INSERT INTO settings (name, value) VALUES ('server_secret', $1) ON CONFLICT (name) DO NOTHING")
            .bind(&fresh)
            .execute(&self.pool)
            .await?;
        let (value,): (String,) =
            sqlx::query_as("SELECT value FROM settings WHERE name = 'server_secret'")
                .fetch_one(&self.pool)
                .await?;
        Ok(value)
    }
}
