//! Extractors that admit only a role and above: `Admin(staff)` instead of
//! `staff: Staff` plus `staff.require(Role::Admin)?`.
//!
//! Why not just call [`Staff::require`] in the handler: axum reads the JSON body before
//! the handler runs, so an agent posting garbage to an admin route would learn the
//! body's rules (422) instead of being refused (403). These run with the other header
//! extractors, before the body; the route-enumeration test (`tests/api/route_guard.rs`)
//! relies on that order.

use super::Staff;
use crate::State;
use crate::error::Error;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::api::Role;

/// A signed-in admin.
#[derive(Debug, Clone)]
pub struct Admin(pub Staff);

/// A signed-in specialist or admin.
#[derive(Debug, Clone)]
pub struct Specialist(pub Staff);

impl FromRequestParts<State> for Admin {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &State) -> Result<Self, Error> {
        let staff = Staff::from_request_parts(parts, state).await?;
        staff.require(Role::Admin)?;
        Ok(Admin(staff))
    }
}

impl FromRequestParts<State> for Specialist {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &State) -> Result<Self, Error> {
        let staff = Staff::from_request_parts(parts, state).await?;
        staff.require(Role::Specialist)?;
        Ok(Specialist(staff))
    }
}
