//! "Code from the caller": the agent types the code the caller reads aloud and takes
//! over the caller's walk. A refusal is said at the field, in words that say what to
//! do next (ask again, ask for a new code, wait).

use super::code::{self, Refusal};
use super::handover;
use super::node::focus_by_id;
use crate::staff::texts::{now, st};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Takeover() -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<Refusal>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let input = typed.get_untracked();
        if let Err(r) = code::read(&input) {
            refusal.set(Some(r));
            focus_by_id("handover-code");
            return;
        }
        busy.set(true);
        refusal.set(None);
        spawn_local(async move {
            let answer = handover::claim(&input).await;
            busy.try_set(false);
            if let Err(r) = answer {
                refusal.try_set(Some(r));
                focus_by_id("handover-code");
            } else {
                crate::focus::person_moved();
            }
        });
    };
    let words = move || refusal.get().map(|r| code::words(&now().calls, &r));
    view! {
        <section class="call-takeover" aria-labelledby="takeover-title">
            <h2 id="takeover-title">{st(|t| t.calls.takeover_title)}</h2>
            <form novalidate on:submit=submit data-testid="takeover-form">
                <div class="field" class:field-invalid=move || refusal.with(Option::is_some)>
                    <label class="field-label" for="handover-code">{st(|t| t.calls.code_label)}</label>
                    <p id="handover-code-help" class="field-help">{st(|t| t.calls.code_help)}</p>
                    <input id="handover-code" type="text" inputmode="numeric" autocomplete="off" maxlength="20"
                        data-testid="handover-code"
                        aria-describedby="handover-code-help handover-code-error"
                        aria-invalid=move || refusal.with(Option::is_some).then_some("true")
                        prop:value=move || typed.get()
                        on:input:target=move |ev| { typed.set(ev.target().value()); refusal.try_set(None); } />
                    <div id="handover-code-error" role="alert" data-testid="code-refusal">
                        {move || words().map(|w| view! { <p class="field-error">{w}</p> })}
                    </div>
                </div>
                <button type="submit" class="button button-primary" data-testid="take-over" disabled=move || busy.get()>
                    {move || if busy.get() { now().calls.taking_over } else { now().calls.take_over }}
                </button>
            </form>
        </section>
    }
}
