//! The node where the call's walk stands: its title, the agent's script (or, where
//! the tree has none, the caller's text, saying so), what the agent can pick there,
//! the note at this step, and the call's actions.
//!
//! Answers are numbered buttons; the number keys pick them ([`super::keys`]). A step
//! has "It helped" (1) and "It did not help" (2); a check has its outcomes, the agent
//! asks the caller and picks one; an input node has its fields, checked by the same
//! rule the engine applies.

use super::keys;
use super::moves;
use super::store;
use crate::components::fields::{FieldInput, FieldState, focus_target};
use crate::components::markdown::Markdown;
use crate::components::prompt::summary;
use crate::focus;
use crate::staff::texts::{now, st};
use crate::staff::ticket::findings::check_words;
use domain::walk::{End, Move, Walk};
use domain::{Catalog, Node};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What the number keys pick at a node.
#[derive(Debug, Clone, PartialEq)]
enum Picks {
    Answers(usize),
    Helped,
    Outcomes(Vec<String>),
    Nothing,
}

impl Picks {
    fn count(&self) -> usize {
        match self {
            Picks::Answers(n) => *n,
            Picks::Helped => 2,
            Picks::Outcomes(o) => o.len(),
            Picks::Nothing => 0,
        }
    }
}

/// The outcomes a check node offers the agent: the ones the tree names, then "other"
/// (the first outcome of the check the tree leaves to `otherwise`), if it has one.
pub fn check_outcomes(node: &Node) -> Vec<(String, bool)> {
    let Node::Check {
        check,
        outcomes,
        otherwise,
        ..
    } = node
    else {
        return Vec::new();
    };
    let mut list: Vec<(String, bool)> = check
        .outcomes()
        .iter()
        .filter(|o| outcomes.contains_key(**o))
        .map(|o| ((*o).to_owned(), false))
        .collect();
    if otherwise.is_some()
        && let Some(other) = check
            .outcomes()
            .iter()
            .find(|o| !outcomes.contains_key(**o))
    {
        list.push(((*other).to_owned(), true));
    }
    list
}

#[component]
pub fn NodePanel(
    walk: Walk,
    catalog: Arc<Catalog>,
    open: bool,
    escalate_open: RwSignal<bool>,
    solved_open: RwSignal<bool>,
) -> impl IntoView {
    let t = &now().calls;
    let lang = t.lang;
    let node = walk.node(&catalog).cloned();
    let Some(node) = node else {
        return view! { <p class="notice notice-error" role="alert">{t.walk_broken}</p> }
            .into_any();
    };
    let prompt = node.prompt();
    let title = prompt
        .map(|p| summary(p.text.get(lang)))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| walk.place().node.clone());
    let (script_label, script_class, script) = match prompt {
        Some(p) => match p.script {
            Some(script) => (t.script_label, "call-script", script.get(lang).to_owned()),
            None => (
                t.user_text_label,
                "call-script call-script-user",
                p.text.get(lang).to_owned(),
            ),
        },
        None => (
            t.user_text_label,
            "call-script call-script-user",
            String::new(),
        ),
    };
    let heading = NodeRef::<leptos::html::H3>::new();
    focus::on_mount(heading);

    let value = RwSignal::new(String::new());
    let outcomes = check_outcomes(&node);
    let picks = if !open || walk.end.is_some() {
        Picks::Nothing
    } else {
        match &node {
            Node::Question { answers, .. } => Picks::Answers(answers.len()),
            Node::Step { .. } => Picks::Helped,
            Node::Check { .. } => {
                Picks::Outcomes(outcomes.iter().map(|(o, _)| o.clone()).collect())
            }
            _ => Picks::Nothing,
        }
    };
    let refused = RwSignal::new(None::<String>);
    let pick = {
        let picks = picks.clone();
        move |index: usize| {
            let made = match &picks {
                Picks::Answers(_) => Move::Answer { index },
                Picks::Helped => Move::Helped { helped: index == 0 },
                Picks::Outcomes(list) => match list.get(index) {
                    Some(outcome) => Move::Checked {
                        outcome: outcome.clone(),
                        value: value.get_untracked().trim().to_owned(),
                    },
                    None => return,
                },
                Picks::Nothing => return,
            };
            if let Err(moves::Refused::Engine(e)) = moves::make(made) {
                refused.set(Some(format!("{} {e}", now().calls.move_refused)));
            }
        }
    };
    let count = picks.count();
    keys::listen(move || count, pick.clone());

    let choices = match &node {
        Node::Question { answers, .. } if open => answers
            .iter()
            .enumerate()
            .map(|(i, a)| (i, domain::markdown::plain_text(a.label.get(lang))))
            .collect::<Vec<_>>(),
        Node::Step { .. } if open && walk.end.is_none() => {
            vec![(0, t.helped.to_owned()), (1, t.not_helped.to_owned())]
        }
        Node::Check { .. } if open => outcomes
            .iter()
            .enumerate()
            .map(|(i, (o, other))| {
                let words = check_words(&now().ticket, Some(&node), o, "");
                let words = if *other {
                    format!("{} ({words})", t.other_outcome)
                } else {
                    words
                };
                (i, words)
            })
            .collect(),
        _ => Vec::new(),
    };
    let buttons = (!choices.is_empty()).then(|| {
        let list = choices
            .into_iter()
            .map(|(i, label)| {
                let n = (i + 1).to_string();
                let shortcut = (i < 9).then(|| n.clone());
                let key_label = shortcut.clone();
                let pick = pick.clone();
                view! {
                    <li>
                        <button type="button" class="button call-answer" aria-keyshortcuts=shortcut
                            data-testid="call-answer" on:click=move |_| pick(i)>
                            {key_label.map(|n| view! { <kbd aria-hidden="true">{n}</kbd> })}
                            <span>{label}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ol class="call-answers" aria-labelledby="call-step-heading">{list}</ol>
            <p class="call-keys muted">{st(|t| t.calls.keys_hint)}</p>
        }
    });
    let check_value = matches!(node, Node::Check { .. }).then(|| {
        view! {
            <div class="field">
                <label class="field-label" for="call-check-value">{st(|t| t.calls.check_value)}</label>
                <input id="call-check-value" type="text" maxlength="500" autocomplete="off"
                    prop:value=move || value.get() on:input:target=move |ev| value.set(ev.target().value()) />
            </div>
        }
    });
    let form = match &node {
        Node::Input { fields, .. } if open => Some(view! { <InputForm fields=fields.clone() /> }),
        _ => None,
    };
    let ending = match (&node, walk.end) {
        (Node::Escalate { .. }, _) | (_, Some(End::Escalated)) => Some(
            view! {
                <p class="call-ending">{st(|t| t.calls.at_escalate)}</p>
                <button type="button" class="button button-primary" data-testid="escalate"
                    on:click=move |_| escalate_open.set(true)>{st(|t| t.calls.escalate)}</button>
            }
            .into_any(),
        ),
        (_, Some(End::Resolved)) => Some(
            view! {
                <p class="call-ending">{st(|t| t.calls.at_resolved)}</p>
            }
            .into_any(),
        ),
        _ => None,
    };
    let can_back = open && !walk.transcript.is_empty();
    let note_text = store::with_untracked(|c| c.map(|c| c.note_here()).unwrap_or_default());
    view! {
        <div class="call-node" data-node=format!("{}/{}", walk.place().tree, walk.place().node)>
            <h3 id="call-step-heading" class="call-step-heading" tabindex="-1" node_ref=heading data-testid="call-step">{title}</h3>
            <div class=script_class data-testid="call-script">
                <p class="call-script-label">{script_label}</p>
                <div class="prose"><Markdown blocks=domain::markdown::parse(&script) /></div>
            </div>
            {buttons}
            {check_value}
            {form}
            {ending.filter(|_| open)}
            <div role="alert">{move || refused.get().map(|r| view! { <p class="notice notice-error">{r}</p> })}</div>
            <div class="field call-note">
                <label class="field-label" for="call-note">{st(|t| t.calls.note_label)}</label>
                <textarea id="call-note" rows="3" maxlength="2000" data-testid="call-note"
                    // A property, not the text inside: the panel of the next step may
                    // reuse this element, and a typed-in value ignores its text.
                    prop:value=note_text
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        store::update(|c| c.set_note_here(text));
                    }
                ></textarea>
            </div>
            <div class="call-actions">
                {can_back.then(|| view! {
                    <button type="button" class="button" data-testid="call-back" on:click=|_| moves::back()>{st(|t| t.calls.back)}</button>
                })}
                {move || store::with(|c| c.is_some_and(|c| c.outcome.is_none())).then(|| view! {
                    <button type="button" class="button" data-testid="solved" on:click=move |_| solved_open.set(true)>{st(|t| t.calls.solved)}</button>
                })}
            </div>
        </div>
    }
    .into_any()
}

/// The fields of an input node; "Continue" checks them and makes the move.
#[component]
fn InputForm(fields: Vec<domain::tree::Field>) -> impl IntoView {
    let states: Vec<FieldState> = fields.iter().map(|_| FieldState::default()).collect();
    let list = fields
        .iter()
        .cloned()
        .zip(states.iter().copied())
        .map(|(field, state)| view! { <FieldInput field state /> })
        .collect_view();
    let refused = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut first_bad = None;
        for (field, state) in fields.iter().zip(&states) {
            if !state.check(field) && first_bad.is_none() {
                first_bad = Some(focus_target(field));
            }
        }
        if let Some(id) = first_bad {
            focus_by_id(&id);
            return;
        }
        let values: BTreeMap<String, String> = fields
            .iter()
            .zip(&states)
            .map(|(f, s)| (f.name.clone(), s.value.get_untracked().trim().to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if let Err(moves::Refused::Engine(e)) = moves::make(Move::Values { values }) {
            refused.set(Some(format!("{} {e}", now().calls.move_refused)));
        }
    };
    view! {
        <form class="call-form" novalidate on:submit=submit data-testid="call-fields">
            {list}
            <div role="alert">{move || refused.get().map(|r| view! { <p class="notice notice-error">{r}</p> })}</div>
            <button type="submit" class="button button-primary">{st(|t| t.calls.continue_)}</button>
        </form>
    }
}

/// Focuses the element with `id`, if it is in the page.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Focuses the element with `id` once the page has drawn what the last change
/// brought (the element may not be there yet).
pub fn focus_soon(id: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || focus_by_id(id));
    let _ = window.request_animation_frame(callback.unchecked_ref());
}

#[cfg(test)]
mod tests {
    use super::check_outcomes;

    #[test]
    fn a_check_offers_its_named_outcomes_then_other() {
        let tree =
            domain::tree::parse(include_str!("../../../../trees/printer.toml")).expect("parses");
        let node = tree.node("network_check").expect("node");
        assert_eq!(
            check_outcomes(node),
            [("online".to_owned(), false), ("offline".to_owned(), false)]
        );
    }
}
