//! The API routes, one module per resource, registered together with their OpenAPI
//! description so the document at `/api/openapi.json` cannot drift from the router.
//!
//! Every staff route declares `security(("session" = []))` in its `#[utoipa::path]`;
//! the route-enumeration test walks the generated document and proves each such route
//! refuses anonymous callers and wrong roles, and that every other route is on the
//! public list.

pub mod analytics;
pub mod authoring;
pub mod calls;
pub mod common_errors;
pub mod events;
pub mod gaps;
pub mod handoffs;
pub mod handovers;
pub mod health;
pub mod metrics;
pub mod privacy;
pub mod queue;
pub mod queues;
pub mod session;
pub mod staff;
pub mod team;
pub mod tickets;
pub mod trees;

use crate::State;
use crate::error::Error;
use metrics::MetricsToken;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The document's frame; paths and schemas come from the routes.
#[derive(OpenApi)]
#[openapi(
    info(title = "Lotse API", description = "Self-service IT troubleshooting: trees, hand-offs, the staff queue."),
    modifiers(&SessionCookie, &MetricsToken),
)]
pub struct ApiDoc;

/// Declares the staff session cookie as the `session` security scheme.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::SESSION_COOKIE))),
        );
    }
}

/// Everything under `/api/v1`.
pub fn api() -> OpenApiRouter<State> {
    OpenApiRouter::new()
        // The tree list and bundles are the big public reads (a bundle is tens of KB of
        // JSON): compressed for phones on slow networks. Only these (and staff's read of
        // one tree version, which holds no secret either): responses that mix secrets
        // with what a caller sent stay uncompressed (BREACH).
        .merge(
            OpenApiRouter::new()
                .routes(routes!(trees::list))
                .routes(routes!(trees::bundle))
                .routes(routes!(trees::version))
                .layer(tower_http::compression::CompressionLayer::new()),
        )
        .merge(
            OpenApiRouter::new()
                .routes(routes!(handoffs::create))
                .routes(routes!(handoffs::add_message))
                .layer(crate::limits::body(crate::limits::ATTACHMENT_BODY_BYTES)),
        )
        .routes(routes!(handoffs::show))
        .routes(routes!(handoffs::solved))
        .routes(routes!(handoffs::attachment))
        .routes(routes!(handoffs::outcome))
        .routes(routes!(handovers::create))
        .routes(routes!(handovers::show, handovers::end_by_caller))
        .routes(routes!(handovers::walk))
        .routes(routes!(calls::handovers::claim))
        .routes(routes!(calls::handovers::show))
        .routes(routes!(calls::handovers::walk))
        .routes(routes!(calls::handovers::end))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(calls::tickets::handoff))
                .routes(routes!(calls::tickets::solved))
                .layer(crate::limits::body(calls::CALL_BODY_BYTES)),
        )
        .routes(routes!(calls::lookup::lookup))
        .routes(routes!(calls::lookup::returned))
        .routes(routes!(queue::list))
        .routes(routes!(queue::claim_next))
        .routes(routes!(tickets::show))
        .routes(routes!(tickets::attachment))
        .routes(routes!(tickets::actions::claim))
        .routes(routes!(tickets::actions::transition))
        .routes(routes!(tickets::messages::add))
        .routes(routes!(events::stream))
        .routes(routes!(session::login, session::restore, session::logout))
        .routes(routes!(session::change_password))
        .routes(routes!(staff::list, staff::create))
        .routes(routes!(staff::change))
        .routes(routes!(staff::log))
        .routes(routes!(team::stats))
        .routes(routes!(gaps::list))
        .routes(routes!(queues::list))
        .routes(routes!(analytics::tree))
        .routes(routes!(analytics::list))
        .routes(routes!(team::sla, team::set_sla))
        .routes(routes!(privacy::retention, privacy::set_retention))
        .routes(routes!(privacy::export))
        .routes(routes!(privacy::erase))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(authoring::drafts::create))
                // JSON escapes can double a source's size.
                .layer(crate::limits::body(
                    2 * domain::api::MAX_SOURCE_BYTES + 4096,
                )),
        )
        .routes(routes!(authoring::drafts::show, authoring::drafts::discard))
        .routes(routes!(authoring::drafts::bundle))
        .routes(routes!(authoring::drafts::publish))
        .routes(routes!(authoring::history::history))
        .fallback(|| async { Error::not_found("API route") })
}

/// Routes outside `/api/v1` that are still part of the documented surface.
pub fn operations() -> OpenApiRouter<State> {
    OpenApiRouter::new()
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(metrics::metrics))
}
