//! The cross-cutting behaviour of the API: live events, security headers, limits,
//! readiness, metrics, shutdown.

mod headers;
mod limits;
mod live;
mod readiness;
mod support;
