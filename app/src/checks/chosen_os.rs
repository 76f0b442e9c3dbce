//! Whose instructions a step shows: the operating system the browser reports, unless
//! the person picked another (someone reading on a phone about a laptop, or a browser
//! that hides its system).
//!
//! The pick is kept in local storage: it describes the device being fixed, which stays
//! the same across steps, walks and visits. Detection is the default, so a shared
//! computer only remembers a system name.

use super::agent::OS_FAMILY_OTHER;
use crate::browser;
use leptos::prelude::*;

const KEY: &str = "lotse.os";

thread_local! {
    // Reference-counted, not owned by the component that first asks: the choice must
    // outlive every step screen.
    static CHOSEN: ArcRwSignal<&'static str> = ArcRwSignal::new(
        browser::local_get(KEY)
            .and_then(|k| family(&k))
            .unwrap_or_else(super::os_family),
    );
}

fn signal() -> ArcRwSignal<&'static str> {
    CHOSEN.with(Clone::clone)
}

/// The family a stored or chosen name stands for, if it is one.
fn family(name: &str) -> Option<&'static str> {
    domain::tree::OS_FAMILIES
        .iter()
        .chain(std::iter::once(&OS_FAMILY_OTHER))
        .find(|f| **f == name)
        .copied()
}

/// The system whose instructions are shown (reactive).
pub fn chosen_os() -> &'static str {
    signal().get()
}

/// The person picks the system whose instructions they want.
pub fn choose_os(name: &str) {
    if let Some(f) = family(name) {
        browser::local_set(KEY, f);
        signal().set(f);
    }
}
