//! The session above the step: one line that says where it stands (a polite live
//! region that changes only when the session does, so the agent's arrival is said
//! once), and under it what the person can do now.
//!
//! - waiting: the code in large digits, grouped `482 193 5572`, read digit by digit to
//!   screen readers; the phone number as a `tel:` link; the minutes left (plain text,
//!   no live region: a countdown read aloud every minute would be noise); "Cancel".
//! - connected: "Kim is connected and sees your steps", "End the session" (asked
//!   again in words first).
//! - escalated: the ticket's reference and its status page; solved, ended, expired
//!   (with a new code), each in plain words.

use crate::handover::reading::{Phase, minutes_left, shown, spoken, tel_href};
use crate::handover::session::{Session, use_session};
use crate::i18n::{fill, handover, ht, tr, use_i18n};
use crate::tickets::status_link;
use leptos::prelude::*;

/// The line that says where the session stands (empty while waiting: the code's
/// heading takes the focus then).
fn headline(session: &Session, phase: Option<&Phase>) -> String {
    let t = handover(session.lang());
    let agent = session.agent();
    let with_agent = |text: &str| fill(text, &[("agent", &agent)]);
    if session.lost.get() {
        return t.lost.to_owned();
    }
    match phase {
        None | Some(Phase::Waiting) => String::new(),
        Some(Phase::Connected) => with_agent(t.connected),
        Some(Phase::Escalated { reference, .. }) => {
            fill(t.escalated, &[("agent", &agent), ("reference", reference)])
        }
        Some(Phase::Solved) => with_agent(t.solved),
        Some(Phase::EndedByAgent) => with_agent(t.ended_by_agent),
        Some(Phase::EndedByCaller) => t.ended_by_caller.to_owned(),
        Some(Phase::Expired) => t.expired.to_owned(),
    }
}

/// The session's line and panel; nothing without a session.
#[component]
pub fn TalkPanel() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let phase = {
        let session = session.clone();
        Memo::new(move |_| session.phase())
    };
    let line = {
        let session = session.clone();
        Memo::new(move |_| phase.with(|p| headline(&session, p.as_ref())))
    };
    // The agent moved the walk: said politely. A no-break space on every other move
    // makes the same words new to the live region.
    let moved = {
        let session = session.clone();
        move || {
            let n = session.agent_moves.get();
            if n == 0 {
                return String::new();
            }
            let words = fill(
                handover(i18n.lang()).agent_moved,
                &[("agent", &session.agent())],
            );
            if n.is_multiple_of(2) {
                words + "\u{a0}"
            } else {
                words
            }
        }
    };
    let kind = move || {
        phase.with(|p| match p {
            None => "",
            Some(Phase::Waiting) => "waiting",
            Some(Phase::Connected) => "connected",
            Some(Phase::Escalated { .. }) => "escalated",
            Some(Phase::Solved) => "solved",
            Some(Phase::EndedByAgent) => "ended-by-agent",
            Some(Phase::EndedByCaller) => "ended-by-caller",
            Some(Phase::Expired) => "expired",
        })
    };
    let lost = session.lost.clone();
    let body = {
        let session = session.clone();
        move || {
            let session = session.clone();
            if lost.get() {
                return view! { <CloseButton session /> }.into_any();
            }
            match phase.get() {
                None => ().into_any(),
                Some(Phase::Waiting) => view! { <Waiting session /> }.into_any(),
                Some(Phase::Connected) => view! { <Connected session /> }.into_any(),
                Some(Phase::Escalated { reference, token }) => {
                    let link = status_link(&reference, &token);
                    view! {
                        <p>
                            <a href=link class="button" data-testid="handover-ticket-link">
                                {tr(|t| t.handoff.status_link)}
                            </a>
                        </p>
                        <CloseButton session />
                    }
                    .into_any()
                }
                Some(Phase::Expired) => {
                    let again = session.clone();
                    view! {
                        <div class="button-row">
                            <button type="button" class="button button-primary" data-testid="handover-new-code" on:click=move |_| again.ask()>
                                {ht(|t| t.new_code)}
                            </button>
                            <CloseButton session />
                        </div>
                    }
                    .into_any()
                }
                Some(_) => view! { <CloseButton session /> }.into_any(),
            }
        }
    };
    let trouble = session.trouble.clone();
    view! {
        <div class="talk" data-testid="handover" data-phase=kind>
            <p class="talk-line" role="status" data-testid="handover-line">{move || line.get()}</p>
            <div class="talk-body">{body}</div>
            {move || trouble.get().then(|| view! { <p class="notice talk-trouble">{ht(|t| t.trouble)}</p> })}
            <p class="visually-hidden" aria-live="polite" data-testid="handover-moved">{moved}</p>
        </div>
    }
}

/// The code to read aloud, whom to call, how long it holds, and "Cancel".
#[component]
fn Waiting(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H2>::new();
    crate::focus::on_mount(heading);
    let Some(kept) = session.kept.get_untracked() else {
        return ().into_any();
    };
    let (code, spelled) = (shown(&kept.code), spoken(&kept.code));
    let call = match kept.phone.clone() {
        Some(phone) => view! {
            <p>
                {ht(|t| t.call_us)} " "
                <a href=tel_href(&phone) class="talk-phone" data-testid="handover-phone">{phone.clone()}</a>
                " " {ht(|t| t.read_code)}
            </p>
        }
        .into_any(),
        None => view! { <p data-testid="handover-desk">{ht(|t| t.call_desk)}</p> }.into_any(),
    };
    let now = session.now.clone();
    let expires_at = kept.expires_at;
    let left = move || {
        let t = handover(i18n.lang());
        match minutes_left(expires_at, now.get()) {
            0 => t.valid_less.to_owned(),
            1 => t.valid_one.to_owned(),
            n => fill(t.valid_many, &[("n", &n.to_string())]),
        }
    };
    let cancel = session.clone();
    view! {
        <section class="talk-code" aria-labelledby="talk-code-title">
            <h2 id="talk-code-title" tabindex="-1" node_ref=heading>{ht(|t| t.code_title)}</h2>
            <p class="talk-digits">
                <span aria-hidden="true" data-testid="handover-code">{code}</span>
                <span class="visually-hidden" data-testid="handover-code-spoken">
                    {ht(|t| t.code_spelled)} " " {spelled}
                </span>
            </p>
            {call}
            <p class="talk-left" data-testid="handover-left">{left}</p>
            <p class="field-help">{ht(|t| t.waiting)}</p>
            <button type="button" class="button" data-testid="handover-cancel" on:click=move |_| cancel.end()>
                {ht(|t| t.cancel)}
            </button>
        </section>
    }
    .into_any()
}

/// The agent is there: what that means, and ending it (asked again in words).
#[component]
fn Connected(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let question = NodeRef::<leptos::html::P>::new();
    let agent = {
        let session = session.clone();
        move || session.agent()
    };
    let text = {
        let agent = agent.clone();
        move || fill(handover(i18n.lang()).connected_text, &[("agent", &agent())])
    };
    let end = session.clone();
    view! {
        <p>{text}</p>
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class="button"
                        data-testid="handover-end"
                        on:click=move |_| {
                            asking.set(true);
                            request_animation_frame(move || {
                                if let Some(p) = question.get_untracked() {
                                    let _ = p.focus();
                                }
                            });
                        }
                    >
                        {ht(|t| t.end)}
                    </button>
                }
            }
        >
            {
                let (agent, end) = (agent.clone(), end.clone());
                view! {
                    <p tabindex="-1" node_ref=question id="talk-end-question">
                        {move || fill(handover(i18n.lang()).end_question, &[("agent", &agent())])}
                    </p>
                    <div class="button-row" role="group" aria-labelledby="talk-end-question">
                        <button type="button" class="button button-primary" data-testid="handover-end-yes" on:click={
                            let end = end.clone();
                            move |_| end.end()
                        }>
                            {ht(|t| t.end_yes)}
                        </button>
                        <button type="button" class="button button-quiet" on:click=move |_| asking.set(false)>
                            {ht(|t| t.end_no)}
                        </button>
                    </div>
                }
            }
        </Show>
    }
}

#[component]
fn CloseButton(session: Session) -> impl IntoView {
    view! {
        <button type="button" class="button button-quiet" data-testid="handover-close" on:click=move |_| session.dismiss()>
            {ht(|t| t.close)}
        </button>
    }
}
