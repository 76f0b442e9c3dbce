//! A handed-off ticket as its status page holds it: reference and token, the last
//! answer of the server, and the calls that change it.
//!
//! - [`link`]: reference and code (or a pasted status link) as typed, checked.
//! - [`timeline`]: status changes and messages as one history.
//! - [`api`]: the HTTP calls, with the token as a bearer header.
//! - [`files`]: attachments checked against the limits, read and encoded.
//!
//! # Refreshing
//! The page asks the server again every [`POLL`] while the tab is visible, and offers a
//! "refresh now" button. Polling rather than the staff's live event stream: that
//! stream is for signed-in staff, and a reply to a support case is not urgent to the
//! second; a request every 30 s from an open status page costs the server next to
//! nothing. A hidden tab does not ask (nobody reads it); it catches up within 30 s of
//! being shown again.

pub mod api;
pub mod files;
pub mod link;
pub mod timeline;

use crate::api::FetchError;
use domain::api::PublicTicket;
use leptos::prelude::*;
use std::time::Duration;

/// How often an open, visible status page asks for news.
pub const POLL: Duration = Duration::from_secs(30);

/// The ticket a status page shows (shared by its parts through the context).
#[derive(Debug, Clone, Copy)]
pub struct OpenTicket {
    pub reference: StoredValue<String>,
    pub token: StoredValue<String>,
    /// The last ticket read; kept while a later read fails.
    pub ticket: RwSignal<Option<PublicTicket>>,
    /// Why the last read failed, if it did.
    pub problem: RwSignal<Option<FetchError>>,
    /// When the server last answered, in ms since the epoch.
    pub checked_at: RwSignal<Option<f64>>,
    /// A read is under way.
    pub busy: RwSignal<bool>,
    /// The user marked it solved on this page just now.
    pub said_solved: RwSignal<bool>,
}

impl OpenTicket {
    pub fn new(reference: String, token: String) -> OpenTicket {
        OpenTicket {
            reference: StoredValue::new(reference),
            token: StoredValue::new(token),
            ticket: RwSignal::new(None),
            problem: RwSignal::new(None),
            checked_at: RwSignal::new(None),
            busy: RwSignal::new(false),
            said_solved: RwSignal::new(false),
        }
    }

    /// Reads the ticket again (one read at a time).
    pub fn refresh(self) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        let (reference, token) = (self.reference.get_value(), self.token.get_value());
        leptos::task::spawn_local(async move {
            let result = api::show(&reference, &token).await;
            // The page may be gone by now; then there is nobody to tell.
            if self.busy.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(ticket) => {
                    self.ticket.set(Some(ticket));
                    self.problem.set(None);
                    self.checked_at.set(Some(js_sys::Date::now()));
                }
                Err(error) => self.problem.set(Some(error)),
            }
        });
    }

    /// Asks again every [`POLL`] while the tab is visible, until the page goes.
    pub fn poll(self) {
        let timer = set_interval_with_handle(
            move || {
                let hidden = web_sys::window()
                    .and_then(|w| w.document())
                    .is_some_and(|d| d.hidden());
                if !hidden {
                    self.refresh();
                }
            },
            POLL,
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    }

    /// Whether the user can still change the ticket (add information, "solved").
    pub fn is_open(&self) -> bool {
        self.ticket
            .with(|t| t.as_ref().is_some_and(|t| t.status.is_open()))
    }
}

/// The token in the address's fragment (`#token`), if there is one.
pub fn token_in_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    link::token(&hash)
}

/// Puts `path` into the address bar without a page load or a new history entry.
pub fn replace_address(path: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

/// A moment as people of `lang` write it (`27.11.2026, 14:05`), in their time zone.
pub fn when(lang: crate::i18n::Lang, ms: f64) -> String {
    let options = js_sys::Object::new();
    for (name, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    let locale = match lang {
        crate::i18n::Lang::De => "de-DE",
        crate::i18n::Lang::En => "en-GB",
    };
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
        .to_locale_string(locale, &options)
        .into()
}
