//! Changing one's own password; also the form everyone sees first after an admin set
//! their password (`must_change_password`): no other screen opens until it is done.

use super::api::{self, Failure};
use super::session;
use super::texts::{now, st};
use crate::focus;
use domain::api::{PasswordChange, SessionInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Fewest characters of a new password (the server's rule; checked there too).
const MIN_CHARS: usize = 12;

#[component]
pub fn PasswordForm(forced: bool) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // (field id, message) of the problem, or the success message.
    let problem = RwSignal::new(None::<(&'static str, String)>);
    let saved = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().common.password_title));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let t = &now().common;
        saved.set(false);
        let body = PasswordChange {
            current: current.get_untracked(),
            new: new.get_untracked(),
        };
        if body.new.chars().count() < MIN_CHARS {
            problem.set(Some(("new-password", t.new_password_help.to_owned())));
            return;
        }
        if body.new != repeat.get_untracked() {
            problem.set(Some(("repeat-password", t.passwords_differ.to_owned())));
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let answer = api::post::<_, SessionInfo>("/session/password", &body).await;
            busy.set(false);
            match answer {
                Ok(info) => {
                    current.set(String::new());
                    new.set(String::new());
                    repeat.set(String::new());
                    saved.set(true);
                    session::signed_in(info);
                }
                Err(failure) => problem.set(Some(words(&failure))),
            }
        });
    };
    let error_for =
        move |id: &'static str| move || problem.get().filter(|(f, _)| *f == id).map(|(_, m)| m);
    let invalid = move |id: &'static str| {
        move || {
            problem
                .get()
                .is_some_and(|(f, _)| f == id)
                .then_some("true")
        }
    };
    let field = move |id: &'static str,
                      label: fn(&'static super::texts::StaffTexts) -> &'static str,
                      value: RwSignal<String>,
                      autocomplete: &'static str| {
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id>{st(label)}</label>
                <input id=id type="password" autocomplete=autocomplete required
                    aria-invalid=invalid(id)
                    aria-describedby=move || invalid(id)().map(|_| format!("{id}-error"))
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                {move || error_for(id)().map(|m| view! { <p id=error_id.clone() class="field-error">{m}</p> })}
            </div>
        }
    };
    view! {
        <div class="staff-screen staff-narrow">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.common.password_title)}</h1>
            <p>{move || if forced { now().common.password_forced } else { now().common.password_intro }}</p>
            <form on:submit=submit novalidate data-testid="password-form">
                {field("current-password", |t| t.common.current_password, current, "current-password")}
                {field("new-password", |t| t.common.new_password, new, "new-password")}
                {field("repeat-password", |t| t.common.repeat_password, repeat, "new-password")}
                <div role="alert">
                    {move || problem.get().filter(|(f, _)| *f == "form").map(|(_, m)| view! { <p class="field-error">{m}</p> })}
                </div>
                <p role="status">{move || saved.get().then(|| now().common.password_saved)}</p>
                <button type="submit" class="button button-primary" aria-disabled=move || busy.get().to_string()>
                    {st(|t| t.common.password_save)}
                </button>
            </form>
        </div>
    }
}

/// Which field a failure is about, in words.
fn words(failure: &Failure) -> (&'static str, String) {
    let t = &now().common;
    match (failure.field(), failure) {
        (_, Failure::Unreachable) => ("form", t.unreachable.to_owned()),
        (Some("current"), Failure::Api { error, .. }) => {
            ("current-password", error.message.clone())
        }
        (Some("new"), Failure::Api { error, .. }) => ("new-password", error.message.clone()),
        (_, Failure::Api { error, .. }) => ("form", format!("{} {}", t.failed, error.message)),
    }
}
