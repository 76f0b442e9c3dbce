//! Answers every operation can give whatever its handler does, added to the OpenAPI
//! document after the routes are registered, so a client (and schemathesis) finds them
//! documented: 400 (a path value or header that cannot be read), 413/415 (a body too
//! large or not JSON, on operations with a body), 429 (rate limits, on the public
//! routes), 503 (the database is away, or the request took too long). All in the one
//! error shape, `ApiError`.

use utoipa::openapi::path::Operation;
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Response, ResponseBuilder};

/// Adds the common answers to every operation that does not document them itself.
pub fn add(openapi: &mut OpenApi) {
    for (path, item) in openapi.paths.paths.iter_mut() {
        let public = [
            "/api/v1/trees",
            "/api/v1/handoffs",
            "/api/v1/handovers",
            "/api/v1/outcomes",
            "/api/v1/session",
        ]
        .iter()
        .any(|prefix| path.starts_with(prefix));
        let api = path.starts_with("/api/");
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            add_to(operation, public, api);
        }
    }
}

fn add_to(operation: &mut Operation, public: bool, api: bool) {
    let has_body = operation.request_body.is_some();
    let has_parameters = operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let mut wanted: Vec<(&str, &str)> = Vec::new();
    if has_parameters || has_body {
        wanted.push((
            "400",
            "A path value, query or header that cannot be read, or a body that is not JSON",
        ));
    }
    if has_body {
        wanted.push(("413", "The body is larger than the route allows"));
        wanted.push(("415", "The body is not `application/json`"));
    }
    if public {
        wanted.push((
            "429",
            "Too many requests from this address; see Retry-After",
        ));
    }
    if api {
        wanted.push((
            "503",
            "The database is unavailable, or the request took too long",
        ));
    }
    for (status, description) in wanted {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::T(error(description)));
    }
}

fn error(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            Content::new(Some(RefOr::Ref(Ref::from_schema_name("ApiError")))),
        )
        .build()
}
