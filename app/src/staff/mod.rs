//! The staff workspace: 2nd-level specialists work the hand-off Queue here, leads watch
//! the team view, admins manage accounts and SLA targets. Its own entry bundle
//! (`src/bin/staff.rs`, `staff.html`), so none of it reaches the portal's pages.
//!
//! # Layout
//! - [`screen`]: the addresses under `/staff`.
//! - [`api`]: the cookie session's calls (CSRF header, errors with the server's code).
//! - [`session`]: who is signed in; [`login`], [`password`]: the forms that change it.
//! - [`live`]: the Server-Sent Events stream every screen updates from.
//! - [`frame`]: header, navigation and the screen the address names.
//! - [`queue`], [`ticket`], [`calls`], [`admin`], [`team`]: the screens.
//! - [`trees`] (figures and graph), [`authoring`] (versions, drafts, publishing),
//!   [`gaps`] (tree gaps): the knowledge loop's screens.
//! - [`texts`]: the workspace's words in German and English.
//! - [`widgets`]: small pieces the screens share (priority badge, SLA clock, errors).

pub mod admin;
pub mod api;
pub mod authoring;
pub mod calls;
pub mod frame;
pub mod gaps;
pub mod key_target;
pub mod live;
pub mod login;
pub mod password;
pub mod queue;
pub mod screen;
pub mod session;
pub mod team;
pub mod texts;
pub mod ticket;
pub mod trees;
pub mod widgets;

pub use screen::Screen;

use crate::pages::Page;
use crate::{browser, focus, i18n, router};
use leptos::prelude::*;

/// Starts the staff entry bundle.
pub fn start() {
    leptos::mount::mount_to_body(|| {
        browser::remove_boot_notice();
        texts::provide(i18n::I18n::provide());
        focus::arrived();
        router::start(|page| matches!(page, Page::Staff(_)));
        session::start();
        view! { <frame::Frame /> }
    });
}
