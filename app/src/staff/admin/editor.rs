//! The account editor below the accounts table: a new account (login, name, role,
//! queues, first password) or an existing one (name, role, queues; deactivate or
//! reactivate; reset the password). Server refusals land at the field they name.

use super::accounts::{Notice, role_name};
use super::secret;
use crate::focus;
use crate::i18n::{fill, use_i18n};
use crate::staff::api::{self, Failure};
use crate::staff::texts::{now, st};
use crate::staff::widgets::failure_words;
use domain::api::{NewStaff, QueueInfo, Role, StaffChange, StaffMember};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the editor works on.
#[derive(Debug, Clone, PartialEq)]
pub enum Editing {
    New,
    Account(StaffMember),
}

#[component]
pub fn AccountEditor(
    editing: Editing,
    queues: Vec<QueueInfo>,
    /// Called with the notice after a change, or `None` on cancel.
    done: Callback<Option<Notice>>,
) -> impl IntoView {
    let existing = match &editing {
        Editing::Account(member) => Some(member.clone()),
        Editing::New => None,
    };
    let login = RwSignal::new(String::new());
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|m| m.name.clone())
            .unwrap_or_default(),
    );
    let role = RwSignal::new(existing.as_ref().map_or(Role::Specialist, |m| m.role));
    let chosen = RwSignal::new(
        existing
            .as_ref()
            .map(|m| m.queues.clone())
            .unwrap_or_default(),
    );
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<(&'static str, String)>);
    let busy = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H3>::new();
    // The editor opens at the person's click: its heading takes the focus.
    focus::person_moved();
    focus::on_mount(heading);
    let i18n = use_i18n();

    let title = {
        let existing = existing.clone();
        move || match &existing {
            Some(member) => fill(now().admin.edit_title, &[("name", &member.name)]),
            None => now().admin.create_title.to_owned(),
        }
    };
    let id = existing.as_ref().map(|m| m.id);
    let display_name = existing.as_ref().map(|m| m.name.clone());
    let active = existing.as_ref().is_none_or(|m| m.active);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        problem.set(None);
        busy.set(true);
        let queues = chosen.get_untracked();
        spawn_local(async move {
            let answer = match id {
                None => {
                    let body = NewStaff {
                        login: login.get_untracked(),
                        name: name.get_untracked(),
                        role: role.get_untracked(),
                        queues,
                        password: password.get_untracked(),
                    };
                    api::post::<_, StaffMember>("/staff", &body)
                        .await
                        .map(|m| Notice {
                            text: fill(
                                now().admin.created_notice,
                                &[("name", &m.name), ("password", &body.password)],
                            ),
                            password: Some(body.password.clone()),
                        })
                }
                Some(id) => {
                    let body = StaffChange {
                        name: Some(name.get_untracked()),
                        role: Some(role.get_untracked()),
                        queues: Some(queues),
                        ..StaffChange::default()
                    };
                    api::patch::<_, StaffMember>(&format!("/staff/{id}"), &body)
                        .await
                        .map(|m| Notice {
                            text: fill(now().admin.saved_notice, &[("name", &m.name)]),
                            password: None,
                        })
                }
            };
            busy.set(false);
            match answer {
                Ok(notice) => done.run(Some(notice)),
                Err(failure) => problem.set(Some(placed(&failure))),
            }
        });
    };

    // Deactivate / reactivate and reset: single changes with their own notices.
    let change = move |body: StaffChange, notice: Notice| {
        let Some(id) = id else { return };
        if busy.get_untracked() {
            return;
        }
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let answer = api::patch::<_, StaffMember>(&format!("/staff/{id}"), &body).await;
            busy.set(false);
            match answer {
                Ok(_) => done.run(Some(notice)),
                Err(failure) => problem.set(Some(placed(&failure))),
            }
        });
    };
    let toggle_active = {
        let display_name = display_name.clone().unwrap_or_default();
        move |_| {
            let t = now();
            let text = if active {
                t.admin.deactivated_notice
            } else {
                t.admin.reactivated_notice
            };
            change(
                StaffChange {
                    active: Some(!active),
                    ..StaffChange::default()
                },
                Notice {
                    text: fill(text, &[("name", &display_name)]),
                    password: None,
                },
            );
        }
    };
    let reset = {
        let display_name = display_name.clone().unwrap_or_default();
        move |_| {
            let temporary = secret::generate();
            change(
                StaffChange {
                    reset_password: Some(temporary.clone()),
                    ..StaffChange::default()
                },
                Notice {
                    text: fill(
                        now().admin.reset_notice,
                        &[("name", &display_name), ("password", &temporary)],
                    ),
                    password: Some(temporary.clone()),
                },
            );
        }
    };

    let error = move |field: &'static str| {
        move || {
            problem
                .get()
                .filter(|(f, _)| *f == field)
                .map(|(_, message)| {
                    view! { <p id=format!("{field}-error") class="field-error">{message}</p> }
                })
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            problem
                .get()
                .is_some_and(|(f, _)| f == field)
                .then_some("true")
        }
    };
    let described = move |field: &'static str, help: Option<&'static str>| {
        move || {
            let mut ids: Vec<String> = help.map(|h| vec![h.to_owned()]).unwrap_or_default();
            if problem.get().is_some_and(|(f, _)| f == field) {
                ids.push(format!("{field}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };

    let queue_boxes = queues
        .into_iter()
        .map(|queue| {
            let id = queue.id.clone();
            let input_id = format!("queue-{id}");
            let label_for = input_id.clone();
            let checked = {
                let id = id.clone();
                move || chosen.get().contains(&id)
            };
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let id = id.clone();
                chosen.update(|c| {
                    c.retain(|q| *q != id);
                    if on {
                        c.push(id);
                    }
                });
            };
            let label = move || queue.name.get(i18n.lang().code()).to_owned();
            view! {
                <label class="choice choice-compact" for=label_for>
                    <input type="checkbox" id=input_id prop:checked=checked on:change=toggle />
                    {label}
                </label>
            }
        })
        .collect_view();
    let roles = [Role::Agent, Role::Specialist, Role::Admin]
        .into_iter()
        .map(|r| {
            view! {
                <option value=r.name() selected=move || role.get() == r>{move || role_name(now(), r)}</option>
            }
        })
        .collect_view();

    let is_new = id.is_none();
    view! {
        <section class="admin-editor" aria-labelledby="editor-title" data-testid="account-editor">
            <h3 id="editor-title" tabindex="-1" node_ref=heading>{title}</h3>
            <form on:submit=save novalidate>
                {is_new.then(|| view! {
                    <div class="field">
                        <label class="field-label" for="account-login">{st(|t| t.admin.field_login)}</label>
                        <p class="field-help" id="account-login-help">{st(|t| t.admin.field_login_help)}</p>
                        <input id="account-login" autocomplete="off" required
                            aria-invalid=invalid("account-login")
                            aria-describedby=described("account-login", Some("account-login-help"))
                            prop:value=move || login.get()
                            on:input=move |ev| login.set(event_target_value(&ev)) />
                        {error("account-login")}
                    </div>
                })}
                <div class="field">
                    <label class="field-label" for="account-name">{st(|t| t.admin.field_name)}</label>
                    <input id="account-name" autocomplete="off" required
                        aria-invalid=invalid("account-name")
                        aria-describedby=described("account-name", None)
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                    {error("account-name")}
                </div>
                <div class="field">
                    <label class="field-label" for="account-role">{st(|t| t.admin.field_role)}</label>
                    <select id="account-role" class="select"
                        on:change=move |ev| {
                            if let Some(r) = Role::parse(&event_target_value(&ev)) {
                                role.set(r);
                            }
                        }>
                        {roles}
                    </select>
                </div>
                <fieldset class="field" aria-describedby="account-queues-help">
                    <legend class="field-label">{st(|t| t.admin.field_queues)}</legend>
                    <p class="field-help" id="account-queues-help">{st(|t| t.admin.field_queues_help)}</p>
                    <div class="choices choices-columns">{queue_boxes}</div>
                    {error("account-queues")}
                </fieldset>
                {is_new.then(|| view! {
                    <div class="field">
                        <label class="field-label" for="account-password">{st(|t| t.admin.field_password)}</label>
                        <p class="field-help" id="account-password-help">{st(|t| t.admin.field_password_help)}</p>
                        <div class="input-with-button">
                            <input id="account-password" autocomplete="new-password" required
                                aria-invalid=invalid("account-password")
                                aria-describedby=described("account-password", Some("account-password-help"))
                                prop:value=move || password.get()
                                on:input=move |ev| password.set(event_target_value(&ev)) />
                            <button type="button" class="button button-small" on:click=move |_| password.set(secret::generate())>
                                {st(|t| t.admin.generate)}
                            </button>
                        </div>
                        {error("account-password")}
                    </div>
                })}
                <div role="alert">{error("form")}</div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" aria-disabled=move || busy.get().to_string()>
                        {move || if is_new { now().admin.create } else { now().admin.save_changes }}
                    </button>
                    <button type="button" class="button" on:click=move |_| done.run(None)>{st(|t| t.common.cancel)}</button>
                </div>
            </form>
            {(!is_new).then(|| view! {
                <div class="admin-danger">
                    <p class="field-help">{st(|t| t.admin.reset_explained)}</p>
                    <div class="form-actions">
                        <button type="button" class="button" on:click=reset data-testid="reset-password">{st(|t| t.admin.reset_password)}</button>
                        <button type="button" class="button" on:click=toggle_active data-testid="toggle-active">
                            {move || if active { now().admin.deactivate } else { now().admin.reactivate }}
                        </button>
                    </div>
                </div>
            })}
        </section>
    }
}

/// Where a refusal belongs: the field the server named, or the form.
fn placed(failure: &Failure) -> (&'static str, String) {
    let t = now();
    let message = match failure.code() {
        Some("login_taken") => t.admin.login_taken.to_owned(),
        Some("last_admin") => t.admin.last_admin.to_owned(),
        _ => failure_words(failure),
    };
    let field = match (failure.code(), failure.field()) {
        (Some("login_taken"), _) | (_, Some("login")) => "account-login",
        (_, Some("name")) => "account-name",
        (_, Some("password" | "reset_password")) => "account-password",
        (_, Some(f)) if f.starts_with("queues") => "account-queues",
        _ => "form",
    };
    (field, message)
}
