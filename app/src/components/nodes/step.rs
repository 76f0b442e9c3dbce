//! A step to try, then "Did it help?".

use crate::components::prompt::{NodeText, Prompt};
use crate::i18n::tr;
use crate::walk::use_walk;
use leptos::prelude::*;

#[component]
pub fn StepScreen(text: NodeText) -> impl IntoView {
    let live = use_walk();
    view! {
        <Prompt text fallback=|t| t.walk.heading_step />
        <div class="helped" role="group" aria-labelledby="helped-question">
            <h3 id="helped-question" class="helped-question">
                {tr(|t| t.walk.did_it_help)}
            </h3>
            <div class="helped-answers">
                <button type="button" class="answer answer-yes" on:click=move |_| live.helped(true)>
                    {tr(|t| t.walk.helped_yes)}
                </button>
                <button type="button" class="answer" on:click=move |_| live.helped(false)>
                    {tr(|t| t.walk.helped_no)}
                </button>
            </div>
        </div>
    }
}
