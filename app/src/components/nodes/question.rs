//! A question: its answers as large buttons, one tap each.

use crate::components::prompt::{HEADING_ID, NodeText, Prompt};
use crate::i18n::use_i18n;
use crate::walk::use_walk;
use domain::markdown::plain_text;
use domain::tree::Answer;
use leptos::prelude::*;

#[component]
pub fn QuestionScreen(text: NodeText, answers: Vec<Answer>) -> impl IntoView {
    let i18n = use_i18n();
    let live = use_walk();
    let buttons = answers
        .into_iter()
        .enumerate()
        .map(|(index, answer)| {
            // Labels may carry Markdown, but a button holds text only (a link inside
            // a button cannot be used).
            let label = move || plain_text(answer.label.get(i18n.lang().code()));
            view! {
                <li>
                    <button type="button" class="answer" on:click=move |_| live.answer(index)>
                        {label}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <Prompt text fallback=|t| t.walk.heading_question question=true />
        <ul class="answers" role="list" aria-labelledby=HEADING_ID>
            {buttons}
        </ul>
    }
}
