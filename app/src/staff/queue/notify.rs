//! Opt-in desktop notifications for new hand-offs of priority 1 and 2 in the person's
//! own queues, so an urgent case is seen while the Queue's tab is in the background.
//!
//! Off until the person switches it on; only that click asks the browser for
//! permission (a prompt on page load would be refused by most people, and browsers
//! penalise it). The choice is remembered in `localStorage`; a permission revoked in
//! the browser's settings turns it off again.

use super::names;
use super::updates::priority_words;
use crate::browser;
use crate::focus;
use crate::i18n::{Lang, fill};
use crate::pages::Page;
use crate::router;
use crate::staff::Screen;
use crate::staff::texts::now;
use domain::ticket::Priority;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// Hand-offs of this priority or a more urgent one notify.
pub const URGENT: Priority = 2;
/// Where the choice is remembered.
const KEY: &str = "lotse.staff.notify";

/// Where the switch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notifying {
    Off,
    On,
    /// The person wants them, the browser refuses.
    Blocked,
    /// No Notification API in this browser.
    Unsupported,
}

thread_local! {
    static STATE: ArcRwSignal<Notifying> = ArcRwSignal::new(initial());
}

/// The switch's state (reactive).
pub fn state() -> Notifying {
    STATE.with(Clone::clone).get()
}

fn set(to: Notifying) {
    browser::local_set(KEY, if to == Notifying::On { "on" } else { "off" });
    STATE.with(Clone::clone).set(to);
}

fn supported() -> bool {
    web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false))
}

fn initial() -> Notifying {
    if !supported() {
        return Notifying::Unsupported;
    }
    let wanted = browser::local_get(KEY).as_deref() == Some("on");
    match (wanted, Notification::permission()) {
        (true, NotificationPermission::Granted) => Notifying::On,
        _ => Notifying::Off,
    }
}

/// The person clicked the switch: off, or on after the browser's permission (asked
/// for now if it was never asked).
pub fn toggle() {
    match state() {
        Notifying::Unsupported => {}
        Notifying::On => set(Notifying::Off),
        Notifying::Off | Notifying::Blocked => match Notification::permission() {
            NotificationPermission::Granted => set(Notifying::On),
            NotificationPermission::Denied => STATE.with(Clone::clone).set(Notifying::Blocked),
            _ => ask(),
        },
    }
}

fn ask() {
    let Ok(promise) = Notification::request_permission() else {
        STATE.with(Clone::clone).set(Notifying::Blocked);
        return;
    };
    leptos::task::spawn_local(async move {
        let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
        match answer.ok().and_then(|a| a.as_string()).as_deref() {
            Some("granted") => set(Notifying::On),
            Some("denied") => STATE.with(Clone::clone).set(Notifying::Blocked),
            // Dismissed without an answer: stays off, may be asked again.
            _ => set(Notifying::Off),
        }
    });
}

/// Tells the desktop about a new urgent hand-off, if the switch is on; a click on the
/// notification opens the ticket in this tab.
pub fn hand_off(id: i64, reference: &str, priority: Priority, tree: &str, lang: Lang) {
    let on = STATE.with(|s| s.get_untracked()) == Notifying::On;
    if !on || Notification::permission() != NotificationPermission::Granted {
        return;
    }
    let t = &now().queue;
    let topic = names::tree_title(tree, lang.code()).unwrap_or_else(|| tree.to_owned());
    let title = fill(
        t.notify_title,
        &[("priority", &priority_words(t, priority))],
    );
    let options = NotificationOptions::new();
    options.set_body(&fill(
        t.notify_body,
        &[("reference", reference), ("topic", &topic)],
    ));
    // One notification per ticket, even if the event is seen twice.
    options.set_tag(&format!("lotse-ticket-{id}"));
    options.set_lang(lang.code());
    let Ok(notification) = Notification::new_with_options(&title, &options) else {
        return;
    };
    let open = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.focus();
        }
        focus::person_moved();
        router::navigate(Page::Staff(Screen::Ticket { id }));
    });
    notification.set_onclick(Some(open.unchecked_ref()));
}
