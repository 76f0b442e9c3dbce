//! The accounts table: who has access, in which role and queues, whether they are
//! active and when they were last seen; "New account" and "Edit" open the editor
//! below the table.

use super::AdminData;
use super::editor::{AccountEditor, Editing};
use crate::i18n::{fill, use_i18n};
use crate::staff::session;
use crate::staff::texts::{StaffTexts, now, st};
use crate::staff::widgets::duration;
use domain::api::{QueueInfo, Role, StaffMember};
use leptos::prelude::*;

/// Seen this recently counts as "active now" (the server refreshes the time every
/// 5 minutes of activity).
const ONLINE_MS: i64 = 10 * 60 * 1000;

/// A notice after a change: the words, and a password to hand over if one was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub password: Option<String>,
}

#[component]
pub fn Accounts(data: AdminData) -> impl IntoView {
    let editing = RwSignal::new(None::<Editing>);
    let notice = RwSignal::new(None::<Notice>);
    let i18n = use_i18n();
    let rows = move || {
        let queues = data.queues.get();
        let me = session::me().map(|m| m.id);
        let at = js_sys::Date::now() as i64;
        data.staff
            .get()
            .into_iter()
            .map(|member| row(member, &queues, me, at, i18n.lang().code(), editing, notice))
            .collect_view()
    };
    let open_new = move |_| {
        notice.set(None);
        editing.set(Some(Editing::New));
    };
    let done = Callback::new(move |result: Option<Notice>| {
        editing.set(None);
        if let Some(result) = result {
            notice.set(Some(result));
            data.reload();
        }
    });
    view! {
        <section class="admin-section" aria-labelledby="accounts-title">
            <div class="admin-section-head">
                <h2 id="accounts-title">{st(|t| t.admin.accounts_title)}</h2>
                <button type="button" class="button button-primary button-small" on:click=open_new data-testid="new-account">
                    {st(|t| t.admin.new_account)}
                </button>
            </div>
            <div role="status" class="admin-notice-slot">{move || notice.get().map(|n| view! { <NoticeView notice=n /> })}</div>
            <div class="table-scroll">
                <table class="staff-table" data-testid="accounts">
                    <thead>
                        <tr>
                            <th scope="col">{st(|t| t.admin.col_name)}</th>
                            <th scope="col">{st(|t| t.admin.col_login)}</th>
                            <th scope="col">{st(|t| t.admin.col_role)}</th>
                            <th scope="col">{st(|t| t.admin.col_queues)}</th>
                            <th scope="col">{st(|t| t.admin.col_state)}</th>
                            <th scope="col">{st(|t| t.admin.col_seen)}</th>
                            <th scope="col"><span class="visually-hidden">{st(|t| t.admin.col_actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || editing.get().map(|e| view! { <AccountEditor editing=e queues=data.queues.get() done /> })}
        </section>
    }
}

fn row(
    member: StaffMember,
    queues: &[QueueInfo],
    me: Option<i64>,
    at: i64,
    lang: &str,
    editing: RwSignal<Option<Editing>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView + use<> {
    let t = now();
    let queue_names = if member.queues.is_empty() {
        t.admin.all_queues.to_owned()
    } else {
        member
            .queues
            .iter()
            .map(|id| {
                queues
                    .iter()
                    .find(|q| &q.id == id)
                    .map_or(id.as_str(), |q| q.name.get(lang))
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let state = match (member.active, member.must_change_password) {
        (false, _) => t.admin.inactive.to_owned(),
        (true, false) => t.admin.active.to_owned(),
        (true, true) => format!("{} · {}", t.admin.active, t.admin.must_change),
    };
    let seen = seen(t, member.last_seen_at, member.active, at);
    let online = member.active && member.last_seen_at.is_some_and(|s| at - s < ONLINE_MS);
    let you = (me == Some(member.id)).then_some(t.admin.yourself);
    let label = fill(t.admin.edit_label, &[("name", &member.name)]);
    let edit = {
        let member = member.clone();
        move |_| {
            notice.set(None);
            editing.set(Some(Editing::Account(member.clone())));
        }
    };
    view! {
        <tr class:row-inactive=!member.active>
            <th scope="row">{member.name.clone()}" "{you}</th>
            <td><code>{member.login.clone()}</code></td>
            <td>{role_name(t, member.role)}</td>
            <td>{queue_names}</td>
            <td>{state}</td>
            <td>
                {online.then(|| view! { <span class="online-dot" aria-hidden="true"></span> })}
                {seen}
            </td>
            <td>
                <button type="button" class="button button-quiet button-small" aria-label=label on:click=edit>
                    {t.admin.edit}
                </button>
            </td>
        </tr>
    }
}

/// "Active now", "12 min ago" or "never" (a deactivated account is never "active now").
fn seen(t: &StaffTexts, last: Option<i64>, active: bool, at: i64) -> String {
    match last {
        None => t.admin.never_seen.to_owned(),
        Some(s) if active && at - s < ONLINE_MS => t.admin.online_now.to_owned(),
        Some(s) => fill(t.admin.seen_ago, &[("age", &duration(at - s))]),
    }
}

pub fn role_name(t: &StaffTexts, role: Role) -> &'static str {
    match role {
        Role::Agent => t.common.role_agent,
        Role::Specialist => t.common.role_specialist,
        Role::Admin => t.common.role_admin,
    }
}

/// A notice, with the password to hand over and a copy button.
#[component]
fn NoticeView(notice: Notice) -> impl IntoView {
    let copied = RwSignal::new(false);
    let password = notice.password.clone();
    let copy = move |_| {
        if let Some(password) = password.clone() {
            leptos::task::spawn_local(async move {
                copied.set(crate::components::markdown::write_clipboard(&password).await);
            });
        }
    };
    let has_password = notice.password.is_some();
    view! {
        <div class="notice notice-success" data-testid="admin-notice">
            <p>{notice.text}</p>
            {has_password.then(|| view! {
                <p>{st(|t| t.admin.hand_over)}</p>
                <p>
                    <button type="button" class="button button-small" on:click=copy>{st(|t| t.admin.copy)}</button>
                    " "
                    {move || copied.get().then(|| now().admin.copied)}
                </p>
            })}
        </div>
    }
}
