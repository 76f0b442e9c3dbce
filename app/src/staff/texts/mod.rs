//! The staff workspace's texts in German and English.
//!
//! Kept apart from the portal's `i18n::Texts` so no staff word reaches the portal's
//! bundles, and split by screen (one file each, holding the struct and both languages)
//! so each screen's words change in one place. The language itself is the portal's
//! [`crate::i18n::I18n`]: one choice, remembered for both.

pub mod admin;
pub mod authoring;
pub mod calls;
pub mod common;
pub mod gaps;
pub mod queue;
pub mod team;
pub mod ticket;
pub mod trees;

use crate::i18n::{I18n, Lang};
use std::cell::Cell;

thread_local! {
    /// The app's language handle, kept here too: texts are also needed outside any
    /// component (in a request's continuation, where the context is out of reach).
    static I18N: Cell<Option<I18n>> = const { Cell::new(None) };
}

/// Remembers the app's language handle (once, at start).
pub fn provide(i18n: I18n) {
    I18N.with(|c| c.set(Some(i18n)));
}

fn lang() -> Lang {
    I18N.with(Cell::get).map_or(Lang::En, |i18n| i18n.lang())
}

/// Every text of the staff workspace in one language.
#[derive(Debug)]
pub struct StaffTexts {
    pub common: common::CommonTexts,
    pub queue: queue::QueueTexts,
    pub ticket: ticket::TicketTexts,
    pub admin: admin::AdminTexts,
    pub team: team::TeamTexts,
    pub calls: calls::CallsTexts,
    pub trees: trees::TreesTexts,
    pub authoring: authoring::AuthoringTexts,
    pub gaps: gaps::GapsTexts,
}

const EN: StaffTexts = StaffTexts {
    common: common::EN,
    queue: queue::EN,
    ticket: ticket::EN,
    admin: admin::EN,
    team: team::EN,
    calls: calls::EN,
    trees: trees::EN,
    authoring: authoring::EN,
    gaps: gaps::EN,
};

const DE: StaffTexts = StaffTexts {
    common: common::DE,
    queue: queue::DE,
    ticket: ticket::DE,
    admin: admin::DE,
    team: team::DE,
    calls: calls::DE,
    trees: trees::DE,
    authoring: authoring::DE,
    gaps: gaps::DE,
};

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static StaffTexts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The current language's tag (`de`, `en`; reactive).
pub fn lang_code() -> &'static str {
    lang().code()
}

/// The texts of the current language (reactive).
pub fn now() -> &'static StaffTexts {
    texts(lang())
}

/// One staff text, following the language: `{st(|t| t.queue.title)}` in a view (one
/// closure type for all texts, as `i18n::tr` explains).
pub fn st(
    pick: fn(&'static StaffTexts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || pick(texts(lang()))
}
