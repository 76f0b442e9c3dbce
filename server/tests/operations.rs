//! The cross-cutting behaviour of the API, over real HTTP on SQLite and (with
//! `LOTSE_TEST_POSTGRES_URL`) PostgreSQL: live events, security headers, limits,
//! readiness, metrics, shutdown.

mod harness;

mod operations {
    pub mod headers;
    pub mod limits;
    pub mod live;
    pub mod readiness;
    pub mod support;
}
