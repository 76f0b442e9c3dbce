//! The Queue's keys: `j`/`k` move the selection, Enter opens, `c` claims, `/` goes to
//! the search, `?` lists the keys.
//!
//! The selection is shown by moving the keyboard focus to the row's reference link
//! (marked `aria-current`), so screen readers read the row as the person moves, and
//! Enter on the link is the browser's own. Keys never act while the person types in a
//! field or with Ctrl, Alt or Meta held (those are the browser's and the screen
//! reader's).

use super::QueueState;
use super::claim;
use super::listing::step;
use crate::focus;
use crate::pages::Page;
use crate::router;
use crate::staff::Screen;
use crate::staff::key_target::KeyTarget;
use crate::staff::texts::now;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Next,
    Previous,
    Open,
    Claim,
    Search,
    Help,
}

/// A key press as far as the Queue cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// Ctrl, Alt or Meta held.
    pub modified: bool,
    /// The focus is in a field that takes text (input, select, text area, editable).
    pub typing: bool,
    /// The focus is on a link or button, which handle Enter themselves.
    pub on_control: bool,
}

/// The command of a key press, if it is one.
pub fn command(press: Press) -> Option<Command> {
    if press.typing || press.modified {
        return None;
    }
    match press.key {
        "j" | "J" => Some(Command::Next),
        "k" | "K" => Some(Command::Previous),
        "c" | "C" => Some(Command::Claim),
        "/" => Some(Command::Search),
        "?" => Some(Command::Help),
        "Enter" if !press.on_control => Some(Command::Open),
        _ => None,
    }
}

/// Listens to the keys while the screen is open.
pub fn listen(state: &QueueState) {
    let state = state.clone();
    let handle = window_event_listener(ev::keydown, move |event| {
        if event.default_prevented() || state.help_open.get_untracked() {
            return;
        }
        let target = KeyTarget::of(&event);
        let key = event.key();
        let press = Press {
            key: &key,
            modified: event.ctrl_key() || event.alt_key() || event.meta_key(),
            typing: target.typing(),
            on_control: matches!(target.tag.as_str(), "a" | "button" | "summary" | "dialog"),
        };
        let Some(command) = command(press) else {
            return;
        };
        event.prevent_default();
        run(&state, command);
    });
    on_cleanup(move || handle.remove());
}

fn run(state: &QueueState, command: Command) {
    let listing = &state.listing;
    match command {
        Command::Next | Command::Previous => {
            let to = step(
                &listing.ids(),
                listing.selected.get_untracked(),
                command == Command::Next,
            );
            if let Some(id) = to {
                listing.selected.set(Some(id));
                focus_row(id);
            }
        }
        Command::Open => {
            if let Some(id) = listing.selected.get_untracked() {
                focus::person_moved();
                router::navigate(Page::Staff(Screen::Ticket { id }));
            }
        }
        Command::Claim => match listing
            .selected
            .get_untracked()
            .and_then(|id| listing.item(id))
        {
            Some(item) => claim::claim(state, item.id, item.reference),
            None => state.notice.set(Some(claim::Notice::Failed(
                now().queue.claim_nothing_selected.to_owned(),
            ))),
        },
        Command::Search => focus_element(super::toolbar::SEARCH_ID),
        Command::Help => state.help_open.set(true),
    }
}

/// The id of the reference link of ticket `id`'s row.
pub fn link_id(id: i64) -> String {
    format!("queue-ticket-{id}")
}

/// Puts the focus on ticket `id`'s row (its reference link), scrolling it into view.
pub fn focus_row(id: i64) {
    focus_element(&link_id(id));
}

fn focus_element(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Whether the focus is on one of the rows (so a read that replaces the row keeps it
/// there).
pub fn focus_in_rows() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| e.id().starts_with("queue-ticket-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> Option<Command> {
        command(Press {
            key,
            ..Press::default()
        })
    }

    #[test]
    fn the_queue_keys() {
        assert_eq!(key("j"), Some(Command::Next));
        assert_eq!(key("k"), Some(Command::Previous));
        assert_eq!(key("c"), Some(Command::Claim));
        assert_eq!(key("/"), Some(Command::Search));
        assert_eq!(key("?"), Some(Command::Help));
        assert_eq!(key("Enter"), Some(Command::Open));
        assert_eq!(key("x"), None);
        assert_eq!(key("ArrowDown"), None);
    }

    #[test]
    fn keys_do_nothing_while_typing_or_with_modifiers() {
        for k in ["j", "k", "c", "/", "?", "Enter"] {
            let typing = Press {
                key: k,
                typing: true,
                ..Press::default()
            };
            assert_eq!(command(typing), None, "{k} while typing");
            let modified = Press {
                key: k,
                modified: true,
                ..Press::default()
            };
            assert_eq!(command(modified), None, "Ctrl+{k}");
        }
    }

    #[test]
    fn enter_on_a_link_or_button_is_left_to_it() {
        let on_link = Press {
            key: "Enter",
            on_control: true,
            ..Press::default()
        };
        assert_eq!(command(on_link), None);
        let j_on_link = Press {
            key: "j",
            on_control: true,
            ..Press::default()
        };
        assert_eq!(command(j_on_link), Some(Command::Next));
    }
}
