//! A walk in progress: the topic's title, what the checks found, the node's screen, and
//! the ways back (one step, to any answer so far, or from the start), and how far the
//! walk has come.

use super::findings::Findings;
use super::nodes::CurrentNode;
use super::talk::TalkAction;
use super::talk::panel::TalkPanel;
use super::transcript::Transcript;
use crate::browser;
use crate::i18n::{fill, tr, use_i18n};
use crate::pages::Page;
use crate::walk::use_walk;
use leptos::prelude::*;

#[component]
pub fn WalkView() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_walk();
    let title = move || {
        let lang = i18n.lang().code();
        live.with(|walk, catalog| {
            catalog
                .tree(&walk.tree)
                .map(|t| t.title.get(lang).to_owned())
                .unwrap_or_default()
        })
    };
    // After a jump the walk continues in another tree; say which.
    let subtopic = move || {
        let lang = i18n.lang().code();
        live.with(|walk, catalog| {
            let here = &walk.place().tree;
            (here != &walk.tree)
                .then(|| catalog.tree(here).map(|t| t.title.get(lang).to_owned()))
                .flatten()
        })
    };
    Effect::new(move |_| browser::set_title(&title()));
    let has_moves = move || live.with(|w, _| !w.transcript.is_empty());
    // Screens of the same kind reuse their elements, so tests (and anyone debugging)
    // tell one screen from the next by the number of moves made.
    let moves = move || live.with(|w, _| w.transcript.len().to_string());
    // "Step 3 · at most 4 more": moves made so far, and the longest way still ahead.
    let progress = move || {
        let t = i18n.t();
        live.with(|walk, catalog| {
            (!walk.is_over()).then(|| {
                let n = walk.transcript.len() + 1;
                let m = domain::walk::remaining(catalog, walk.place());
                fill(
                    t.walk.progress,
                    &[("n", &n.to_string()), ("m", &m.to_string())],
                )
            })
        })
    };
    let show_answers = move || live.with(|w, _| !w.is_over() && !w.transcript.is_empty());
    // The escalate screen offers "Talk to a person" itself, next to the form.
    let talk_here = move || live.with(|w, _| !w.is_over());
    let back = move |_| live.back();
    let start_over = move |_| live.start_over();
    view! {
        <div class="walk">
            <p class="crumbs">
                <a href=Page::Landing.path() class="crumb-link">{tr(|t| t.walk.all_topics)}</a>
            </p>
            <h1 class="walk-title">{title}</h1>
            {move || subtopic().map(|s| view! { <p class="subtopic">{s}</p> })}
            <Findings />
            {move || {
                live.refused()
                    .then(|| view! { <p class="notice notice-error" role="alert">{i18n.t().walk.move_failed}</p> })
            }}
            {move || progress().map(|p| view! { <p class="progress" data-testid="progress">{p}</p> })}
            <TalkPanel />
            <section class="screen" aria-labelledby="step-heading" data-testid="screen" data-moves=moves>
                <CurrentNode />
            </section>
            <div class="walk-actions">
                {move || {
                    live.can_go_back()
                        .then(|| {
                            view! {
                                <button type="button" class="button button-quiet" on:click=back>
                                    <span aria-hidden="true">"← "</span>
                                    {tr(|t| t.walk.back)}
                                </button>
                            }
                        })
                }}
                {move || {
                    has_moves()
                        .then(|| {
                            view! {
                                <button type="button" class="button button-quiet" on:click=start_over>
                                    {tr(|t| t.walk.start_over)}
                                </button>
                            }
                        })
                }}
            </div>
            {move || talk_here().then(|| view! { <TalkAction /> })}
            {move || {
                show_answers()
                    .then(|| {
                        view! {
                            <section class="answers" aria-labelledby="answers-heading">
                                <h2 id="answers-heading">{tr(|t| t.walk.answers_title)}</h2>
                                <Transcript returnable=true />
                            </section>
                        }
                    })
            }}
        </div>
    }
}
