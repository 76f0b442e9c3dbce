//! The forms of the action dialogs: assign (to whom), resolve (the resolution and the
//! tree node that should have helped), return to the 1st level (instructions), close
//! (a confirmation: a closed ticket is final).
//!
//! Required fields are checked here first, in the person's language; the server
//! checks again, and a field it refuses comes back to that field.

use super::actions::{done_words, request};
use super::gaps::{Candidates, GapChoices, candidates, gap_choices};
use super::state::{Acted, OpenTicket};
use crate::i18n::fill;
use crate::staff::api;
use crate::staff::session;
use crate::staff::texts::{now, st};
use domain::api::{QueueInfo, Role, StaffMember, TransitionRequest};
use domain::ticket::Action;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Sends `request` for the open dialog; closes it when done or refused (the refusal is
/// shown on the screen), keeps it open with the field's problem otherwise.
fn send(
    ticket: OpenTicket,
    open: RwSignal<bool>,
    problem: RwSignal<Option<(String, String)>>,
    request: TransitionRequest,
) {
    let action = request.action;
    spawn_local(async move {
        match ticket
            .transition(request, done_words(&now().ticket, action))
            .await
        {
            Acted::Done | Acted::Refused => open.set(false),
            Acted::Field { field, message } => problem.set(Some((
                field,
                fill(now().ticket.not_done_other, &[("message", &message)]),
            ))),
        }
    });
}

/// The problem of field `name`, if any (reactive).
fn problem_of(
    problem: RwSignal<Option<(String, String)>>,
    name: &'static str,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|(f, _)| f == name)
                .map(|(_, m)| m.clone())
        })
    }
}

fn focus_field(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = element.focus();
    }
}

/// The buttons at the foot of a dialog.
#[component]
fn Buttons(
    open: RwSignal<bool>,
    ticket: OpenTicket,
    submit: fn() -> &'static str,
) -> impl IntoView {
    view! {
        <div class="dialog-buttons">
            <button type="submit" class="button button-primary" aria-disabled=move || ticket.busy.get().to_string()>
                {submit}
            </button>
            <button type="button" class="button" on:click=move |_| open.set(false)>
                {st(|t| t.common.cancel)}
            </button>
        </div>
    }
}

/// A text area for a required text (`text` of the request).
#[component]
fn RequiredText(
    id: &'static str,
    label: fn() -> &'static str,
    help: fn() -> &'static str,
    value: RwSignal<String>,
    problem: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let error = problem_of(problem, "text");
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || match error() {
            Some(_) => format!("{help_id} {error_id}"),
            None => help_id.clone(),
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label class="field-label" for=id>{label}<span class="required-mark" aria-hidden="true">" *"</span></label>
            <p class="field-help" id=help_id>{help}</p>
            <textarea id=id rows="5" required
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            {move || error().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

#[component]
pub fn ResolveForm(ticket: OpenTicket, open: RwSignal<bool>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let gap = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<(String, String)>);
    let choices = Memo::new(move |_| {
        let lang = now().ticket.lang;
        ticket.opened.with(|o| {
            o.as_ref()
                .map(|o| gap_choices(&o.detail, o.trees.as_deref(), lang))
                .unwrap_or_default()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ticket.busy.get_untracked() {
            return;
        }
        let resolution = text.get_untracked().trim().to_owned();
        if resolution.is_empty() {
            problem.set(Some((
                "text".into(),
                now().ticket.resolution_required.into(),
            )));
            focus_field("resolution");
            return;
        }
        let gap_node = Some(gap.get_untracked()).filter(|g| !g.is_empty());
        problem.set(None);
        send(
            ticket,
            open,
            problem,
            TransitionRequest {
                text: Some(resolution),
                gap_node,
                ..request(Action::Resolve)
            },
        );
    };
    let gap_error = problem_of(problem, "gap_node");
    view! {
        <form class="dialog-form" novalidate on:submit=submit>
            <RequiredText id="resolution" label=|| now().ticket.resolution_label help=|| now().ticket.resolution_help value=text problem />
            <div class="field">
                <label class="field-label" for="gap-node">{st(|t| t.ticket.gap_label)}</label>
                <p class="field-help" id="gap-node-help">{st(|t| t.ticket.gap_help)}</p>
                <select id="gap-node"
                    aria-invalid=move || gap_error().map(|_| "true")
                    aria-describedby=move || if gap_error().is_some() { "gap-node-help gap-node-error" } else { "gap-node-help" }
                    on:change=move |ev| gap.set(event_target_value(&ev))>
                    <option value="">{st(|t| t.ticket.gap_none)}</option>
                    {move || gap_options(choices.get())}
                </select>
                {move || gap_error().map(|m| view! { <p class="field-error" id="gap-node-error">{m}</p> })}
            </div>
            <Buttons open ticket submit=|| now().ticket.resolve_submit />
        </form>
    }
}

fn gap_options(choices: GapChoices) -> impl IntoView {
    let t = &now().ticket;
    let option = |c: super::gaps::Choice| view! { <option value=c.value>{c.label}</option> };
    let walked = (!choices.walked.is_empty()).then(|| {
        view! { <optgroup label=t.gap_walked>{choices.walked.into_iter().map(option).collect_view()}</optgroup> }
    });
    let others = choices
        .others
        .into_iter()
        .map(|(tree, list)| {
            view! { <optgroup label=fill(t.gap_other, &[("tree", &tree)])>{list.into_iter().map(option).collect_view()}</optgroup> }
        })
        .collect_view();
    view! { {walked}{others} }
}

#[component]
pub fn ReturnForm(ticket: OpenTicket, open: RwSignal<bool>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<(String, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ticket.busy.get_untracked() {
            return;
        }
        let instructions = text.get_untracked().trim().to_owned();
        if instructions.is_empty() {
            problem.set(Some((
                "text".into(),
                now().ticket.instructions_required.into(),
            )));
            focus_field("instructions");
            return;
        }
        problem.set(None);
        send(
            ticket,
            open,
            problem,
            TransitionRequest {
                text: Some(instructions),
                ..request(Action::ReturnToFirstLevel)
            },
        );
    };
    view! {
        <form class="dialog-form" novalidate on:submit=submit>
            <RequiredText id="instructions" label=|| now().ticket.instructions_label help=|| now().ticket.instructions_help value=text problem />
            <Buttons open ticket submit=|| now().ticket.return_submit />
        </form>
    }
}

#[component]
pub fn CloseForm(ticket: OpenTicket, open: RwSignal<bool>) -> impl IntoView {
    let problem = RwSignal::new(None::<(String, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !ticket.busy.get_untracked() {
            send(ticket, open, problem, request(Action::Close));
        }
    };
    view! {
        <form class="dialog-form" novalidate on:submit=submit>
            <p>{st(|t| t.ticket.close_text)}</p>
            <div class="dialog-buttons">
                <button type="submit" class="button button-primary" aria-disabled=move || ticket.busy.get().to_string()>
                    {st(|t| t.ticket.close_submit)}
                </button>
                // The safe choice takes the focus.
                <button type="button" class="button" autofocus on:click=move |_| open.set(false)>
                    {st(|t| t.common.cancel)}
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn AssignForm(ticket: OpenTicket, open: RwSignal<bool>) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<(String, String)>);
    let found = RwSignal::new(None::<Result<Candidates, String>>);
    let admin = session::role() == Some(Role::Admin);
    let (queue, holder) = ticket
        .opened
        .with_untracked(|o| {
            o.as_ref().map(|o| {
                (
                    o.detail.item.queue.clone(),
                    o.detail.item.holder.as_ref().map(|h| h.id),
                )
            })
        })
        .unwrap_or_default();
    spawn_local(async move {
        let queues = api::get::<Vec<QueueInfo>>("/queues").await;
        // Admins may give a ticket to anyone who works tickets, not only to the queue's
        // people; everyone else hands it to a colleague of the queue.
        let everyone = if admin {
            api::get::<Vec<StaffMember>>("/staff").await.ok()
        } else {
            None
        };
        found.set(Some(match queues {
            Ok(queues) => Ok(candidates(&queues, everyone.as_deref(), &queue, holder)),
            Err(failure) => Err(crate::staff::widgets::failure_words(&failure)),
        }));
        // The list arrived after the dialog took the focus: it is what to pick first.
        request_animation_frame(|| focus_field("assignee"));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ticket.busy.get_untracked() {
            return;
        }
        let Ok(assignee) = chosen.get_untracked().parse::<i64>() else {
            problem.set(Some((
                "assignee".into(),
                now().ticket.assignee_required.into(),
            )));
            focus_field("assignee");
            return;
        };
        problem.set(None);
        send(
            ticket,
            open,
            problem,
            TransitionRequest {
                assignee: Some(assignee),
                ..request(Action::Assign)
            },
        );
    };
    let error = problem_of(problem, "assignee");
    let list = move || {
        let t = &now().ticket;
        match found.get() {
            None => view! { <p role="status">{st(|t| t.common.loading)}</p> }.into_any(),
            Some(Err(words)) => view! { <p class="form-error" role="alert">{words}</p> }.into_any(),
            Some(Ok(c)) if c.queue.is_empty() && c.others.is_empty() => {
                view! { <p role="status">{t.assign_nobody}</p> }.into_any()
            }
            Some(Ok(c)) => {
                let option = |h: domain::api::Holder| view! { <option value=h.id.to_string()>{h.name}</option> };
                let others = (!c.others.is_empty()).then(|| {
                    view! { <optgroup label=t.assign_others>{c.others.into_iter().map(option).collect_view()}</optgroup> }
                });
                view! {
                    <div class="field" class:field-invalid=move || error().is_some()>
                        <label class="field-label" for="assignee">{t.assignee_label}</label>
                        <select id="assignee" required
                            aria-invalid=move || error().map(|_| "true")
                            aria-describedby=move || error().map(|_| "assignee-error")
                            on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">{t.assignee_choose}</option>
                            <optgroup label=t.assign_queue>{c.queue.into_iter().map(option).collect_view()}</optgroup>
                            {others}
                        </select>
                        {move || error().map(|m| view! { <p class="field-error" id="assignee-error">{m}</p> })}
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <form class="dialog-form" novalidate on:submit=submit>
            <p>{st(|t| t.ticket.assign_intro)}</p>
            {list}
            <Buttons open ticket submit=|| now().ticket.assign_submit />
        </form>
    }
}
