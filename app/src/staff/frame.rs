//! The workspace's frame: skip link, header (navigation by role, live indicator, the
//! signed-in person, language, sign out) and the screen in `<main>`.
//!
//! Signed out, every address shows the sign-in form; with a password someone else set,
//! the password form; after either, the screen the address names.

use super::live;
use super::screen::Screen;
use super::session::{self, SessionState};
use super::texts::{now, st};
use crate::components::lang_switch::LangSwitch;
use crate::i18n::fill;
use crate::pages::Page;
use crate::router;
use domain::api::Role;
use leptos::prelude::*;

#[component]
pub fn Frame() -> impl IntoView {
    // The live stream runs while someone is signed in.
    Effect::new(move |_| match session::state() {
        SessionState::SignedIn(_) => live::connect(),
        _ => live::disconnect(),
    });
    let screen = Memo::new(move |_| match router::page() {
        Some(Page::Staff(screen)) => Some(screen),
        _ => None,
    });
    let shown = move || {
        let state = session::state();
        match state {
            SessionState::Checking => {
                view! { <p class="staff-checking" role="status">{st(|t| t.common.checking)}</p> }
                    .into_any()
            }
            SessionState::SignedOut => view! { <super::login::Login /> }.into_any(),
            SessionState::SignedIn(me) if me.must_change_password => {
                view! { <super::password::PasswordForm forced=true /> }.into_any()
            }
            SessionState::SignedIn(me) => show(screen.get(), me.role),
        }
    };
    view! {
        <a class="skip-link" href="#main" rel="external">{st(|t| t.common.skip_link)}</a>
        <header class="staff-bar">
            <a class="brand" href=Screen::Queue.path()>
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-name">"Lotse"</span>
                <span class="brand-tagline">{st(|t| t.common.workspace)}</span>
            </a>
            <Nav />
            <div class="staff-lang"><LangSwitch /></div>
        </header>
        <main id="main" class="staff-main" tabindex="-1">
            {shown}
        </main>
    }
}

/// The screen for `screen`, if `role` may see it.
fn show(screen: Option<Screen>, role: Role) -> AnyView {
    match screen {
        Some(Screen::Queue) => view! { <super::queue::QueueScreen /> }.into_any(),
        Some(Screen::Ticket { id }) => view! { <super::ticket::TicketScreen id /> }.into_any(),
        Some(Screen::Calls) => view! { <super::calls::CallsScreen /> }.into_any(),
        Some(Screen::Team) if role >= Role::Specialist => {
            view! { <super::team::TeamScreen /> }.into_any()
        }
        Some(Screen::Trees) if role >= Role::Specialist => {
            view! { <super::trees::TreesScreen /> }.into_any()
        }
        Some(Screen::Tree { id }) if role >= Role::Specialist => {
            view! { <super::trees::TreeScreen id /> }.into_any()
        }
        Some(Screen::TreeVersions { id }) if role >= Role::Specialist => {
            view! { <super::authoring::VersionsScreen id /> }.into_any()
        }
        Some(Screen::Gaps) if role >= Role::Specialist => {
            view! { <super::gaps::GapsScreen /> }.into_any()
        }
        Some(Screen::Admin) if role == Role::Admin => {
            view! { <super::admin::AdminScreen /> }.into_any()
        }
        Some(Screen::Password) => {
            view! { <super::password::PasswordForm forced=false /> }.into_any()
        }
        Some(
            Screen::Team
            | Screen::Trees
            | Screen::Tree { .. }
            | Screen::TreeVersions { .. }
            | Screen::Gaps
            | Screen::Admin,
        ) => view! {
            <div class="staff-screen">
                <h1>{st(|t| t.common.forbidden)}</h1>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="staff-screen">
                <h1>{st(|t| t.common.not_found_title)}</h1>
                <p>{st(|t| t.common.not_found_text)}</p>
                <p><a href=Screen::Queue.path()>{st(|t| t.common.nav_queue)}</a></p>
            </div>
        }
        .into_any(),
    }
}

/// Links to the screens the signed-in person's role may open, who they are, sign out.
#[component]
fn Nav() -> impl IntoView {
    move || {
        let me = session::me()?;
        let t = &now().common;
        let current = move |target: Screen| {
            let target = target.clone();
            move || {
                let here = matches!(router::page(), Some(Page::Staff(s)) if s == target);
                here.then_some("page")
            }
        };
        // Calls come first for the 1st level, whose work they are.
        let calls = (Screen::Calls, now().calls.nav);
        let mut links = if me.role == Role::Agent {
            vec![calls, (Screen::Queue, t.nav_queue)]
        } else {
            vec![(Screen::Queue, t.nav_queue), calls]
        };
        if me.role >= Role::Specialist {
            links.push((Screen::Team, t.nav_team));
            links.push((Screen::Trees, now().trees.nav));
            links.push((Screen::Gaps, now().gaps.nav));
        }
        if me.role == Role::Admin {
            links.push((Screen::Admin, t.nav_admin));
        }
        links.push((Screen::Password, t.nav_password));
        let links = links
            .into_iter()
            .map(|(screen, label)| {
                view! {
                    <li><a href=screen.path() aria-current=current(screen.clone())>{label}</a></li>
                }
            })
            .collect_view();
        let role = match me.role {
            Role::Agent => t.role_agent,
            Role::Specialist => t.role_specialist,
            Role::Admin => t.role_admin,
        };
        let who = fill(t.signed_in_as, &[("name", &me.name), ("role", role)]);
        let live = move || {
            let t = &now().common;
            let connection = live::connection();
            if connection.open {
                Some(
                    view! { <span class="live live-on" data-testid="live">{t.live_connected}</span> },
                )
            } else if connection.opened > 0 {
                Some(view! { <span class="live live-off" data-testid="live">{t.live_lost}</span> })
            } else {
                None
            }
        };
        Some(view! {
            <nav class="staff-nav" aria-label=t.nav_label>
                <ul>{links}</ul>
            </nav>
            <div class="staff-who">
                <span role="status">{live}</span>
                <span class="staff-name" data-testid="signed-in-as">{who}</span>
                <button type="button" class="button button-quiet button-small" on:click=|_| session::sign_out()>
                    {t.sign_out}
                </button>
            </div>
        })
    }
}
