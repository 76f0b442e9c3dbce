//! The path a walk took, in words: each screen and what the person did there.
//!
//! Shown at an escalation, so people see what support staff will read before it is
//! sent, and during a walk as "your answers", where each entry returns the walk to its
//! step. Built from the transcript alone (as the server will be), so it shows only
//! what a person did and what checks found.

use super::findings;
use super::prompt::{NodeText, summary};
use crate::checks;
use crate::i18n::{Texts, use_i18n};
use crate::walk::use_walk;
use domain::walk::{Move, Step};
use domain::{Catalog, Node};
use leptos::prelude::*;

/// One line of the summary: what was shown, and what happened.
struct Line {
    /// Moves made before this one: `back_to` with it returns to this line's step.
    moves: usize,
    shown: String,
    done: Vec<String>,
}

fn line(
    t: &'static Texts,
    lang: &str,
    catalog: &Catalog,
    (moves, step): (usize, &Step),
) -> Option<Line> {
    let node = catalog.tree(&step.tree)?.node(&step.node)?;
    let text = NodeText::of(node)?;
    let shown = summary(text.pick(lang, checks::chosen_os()));
    let done = match (&step.made, node) {
        (Move::Answer { index }, Node::Question { answers, .. }) => {
            let label = answers.get(*index)?.label.get(lang);
            vec![domain::markdown::plain_text(label)]
        }
        (Move::Helped { helped }, _) => vec![
            if *helped {
                t.walk.summary_helped
            } else {
                t.walk.summary_not_helped
            }
            .to_owned(),
        ],
        (Move::Values { values }, Node::Input { fields, .. }) => fields
            .iter()
            .map(|field| {
                let raw = values.get(&field.name).map(|v| v.trim()).unwrap_or("");
                let shown = field
                    .options
                    .iter()
                    .find(|o| o.value == raw)
                    .map_or(raw, |o| o.label.get(lang));
                let shown = if shown.is_empty() {
                    t.walk.summary_empty
                } else {
                    shown
                };
                // "How many people?: 3" reads badly; a label that ends in its own
                // punctuation needs only a space.
                let label = field.label.get(lang).trim_end();
                let separator = if label.ends_with(['?', ':']) {
                    " "
                } else {
                    ": "
                };
                format!("{label}{separator}{shown}")
            })
            .collect(),
        (Move::Checked { outcome, value }, node) => {
            vec![findings::words(t, node, outcome, value)]
        }
        _ => return None,
    };
    Some(Line { moves, shown, done })
}

/// The walk so far, as an ordered list. With `returnable`, each entry is a button that
/// takes the walk back to its step (the step's heading then takes the focus).
#[component]
pub fn Transcript(#[prop(optional)] returnable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let live = use_walk();
    move || {
        let t = i18n.t();
        let lang = i18n.lang().code();
        let lines: Vec<Line> = live.with(|walk, catalog| {
            walk.transcript
                .iter()
                .enumerate()
                .filter_map(|step| line(t, lang, catalog, step))
                .collect()
        });
        let entry = move |l: Line| {
            if returnable {
                let moves = l.moves;
                view! {
                    <li>
                        <button type="button" class="path-return" on:click=move |_| live.back_to(moves)>
                            <span class="visually-hidden">{t.walk.answers_return} " "</span>
                            <span class="path-shown">{l.shown}</span>
                            {l.done.into_iter().map(|d| view! { <span class="path-done">{d}</span> }).collect_view()}
                        </button>
                    </li>
                }
                .into_any()
            } else {
                view! {
                    <li>
                        <span class="path-shown">{l.shown}</span>
                        <ul class="path-done">
                            {l.done.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                        </ul>
                    </li>
                }
                .into_any()
            }
        };
        let testid = if returnable {
            "answers"
        } else {
            "path-summary"
        };
        view! {
            <ol class="path" data-testid=testid>
                {lines.into_iter().map(entry).collect_view()}
            </ol>
        }
    }
}
