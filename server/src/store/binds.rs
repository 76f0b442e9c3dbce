//! Statements assembled at run time (a filter adds a condition only when it is given):
//! every value becomes a numbered placeholder as it is added, so no value a client sent
//! is ever spliced into the SQL text.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AssertSqlSafe};

enum Value {
    Int(i64),
    Text(String),
}

/// The values of a statement being assembled, in placeholder order.
#[derive(Default)]
pub(super) struct Binds(Vec<Value>);

impl Binds {
    fn push(&mut self, value: Value) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }

    /// Adds an integer; returns its placeholder.
    pub fn int(&mut self, value: i64) -> String {
        self.push(Value::Int(value))
    }

    /// Adds a text; returns its placeholder.
    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.push(Value::Text(value.into()))
    }

    /// Adds texts for an `IN (…)` list; returns the placeholders, comma-separated.
    pub fn texts<S: AsRef<str>>(&mut self, values: &[S]) -> String {
        values
            .iter()
            .map(|v| self.text(v.as_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Adds integers for an `IN (…)` list.
    pub fn ints(&mut self, values: &[i64]) -> String {
        values
            .iter()
            .map(|v| self.int(*v))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The statement `sql` with the values bound.
    pub fn query(self, sql: String) -> Query<'static, Any, AnyArguments> {
        // Safe: `sql` is assembled from constants and the placeholders made here.
        self.0
            .into_iter()
            .fold(sqlx::query(AssertSqlSafe(sql)), |q, v| match v {
                Value::Int(i) => q.bind(i),
                Value::Text(s) => q.bind(s),
            })
    }
}
