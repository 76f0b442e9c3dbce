//! The sign-in form, shown at any staff address while nobody is signed in.

use super::api::{self, Failure};
use super::session;
use super::texts::{now, st};
use crate::focus;
use crate::i18n::fill;
use domain::api::{Login as LoginBody, SessionInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Login() -> impl IntoView {
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let heading = NodeRef::<leptos::html::H1>::new();
    focus::on_mount(heading);
    Effect::new(move |_| crate::browser::set_title(now().common.login_title));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let body = LoginBody {
            login: login.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let t = &now().common;
        if body.login.is_empty() || body.password.is_empty() {
            error.set(Some(t.login_required.to_owned()));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = api::post::<_, SessionInfo>("/session", &body).await;
            busy.set(false);
            match answer {
                Ok(info) => {
                    focus::person_moved();
                    session::signed_in(info);
                }
                Err(failure) => {
                    password.set(String::new());
                    error.set(Some(words(&failure)));
                }
            }
        });
    };
    let described = move || error.get().map(|_| "login-error");
    view! {
        <div class="staff-login">
            <h1 tabindex="-1" node_ref=heading>{st(|t| t.common.login_title)}</h1>
            <p>{st(|t| t.common.login_intro)}</p>
            <form on:submit=submit novalidate data-testid="login-form">
                <div class="field">
                    <label for="login">{st(|t| t.common.login)}</label>
                    <input id="login" name="username" autocomplete="username" required
                        aria-describedby=described
                        prop:value=move || login.get()
                        on:input=move |ev| login.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="password">{st(|t| t.common.password)}</label>
                    <input id="password" type="password" name="password" autocomplete="current-password" required
                        aria-describedby=described
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev)) />
                </div>
                <div role="alert">
                    {move || error.get().map(|e| view! { <p id="login-error" class="field-error">{e}</p> })}
                </div>
                <button type="submit" class="button button-primary" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { now().common.signing_in } else { now().common.sign_in }}
                </button>
            </form>
        </div>
    }
}

fn words(failure: &Failure) -> String {
    let t = &now().common;
    match failure {
        Failure::Unreachable => t.unreachable.to_owned(),
        Failure::Api { status: 401, .. } => t.login_failed.to_owned(),
        Failure::Api { status: 429, error } => {
            let seconds = error
                .details
                .as_ref()
                .and_then(|d| d.get("retry_after"))
                .and_then(|v| v.as_u64())
                .map_or_else(|| "60".to_owned(), |s| s.to_string());
            fill(t.login_throttled, &[("seconds", &seconds)])
        }
        Failure::Api { error, .. } => format!("{} {}", t.failed, error.message),
    }
}
